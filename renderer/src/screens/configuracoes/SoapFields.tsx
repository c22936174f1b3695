/** SOAP's fields: the store's address, id, WebService user and password (write-only). */
import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Settings } from '../../../../shared/api/contract.ts';
import { t } from '../../i18n/messages.ts';
import { Field } from './Field.tsx';
import type { SettingsForm } from './settingsForm.ts';

export const SoapFields = ({ form, settings }: { form: UseFormReturn<SettingsForm>; settings: Settings }) => {
  const id = useId();
  const { register, formState } = form;
  return (
    <div className="form-grid">
      <Field id={`${id}-url`} label={t('config.url')} hint={formState.errors.url?.message}>
        <input
          id={`${id}-url`}
          type="url"
          placeholder="https://minhaloja.com.br"
          aria-invalid={formState.errors.url ? true : undefined}
          {...register('url', {
            validate: (v) => form.getValues('transport') !== 'soap' || v.trim() === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v.trim()) || t('config.urlInvalid'),
          })}
        />
      </Field>
      <Field id={`${id}-storeId`} label={t('config.storeId')}>
        <input id={`${id}-storeId`} autoComplete="off" {...register('storeId')} />
      </Field>
      <Field id={`${id}-login`} label={t('config.login')}>
        <input id={`${id}-login`} autoComplete="off" {...register('login')} />
      </Field>
      <Field id={`${id}-password`} label={t('config.password')} hint={settings.store.hasPassword ? t('config.passwordStored') : t('config.passwordNone')}>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          aria-describedby={`${id}-password-hint`}
          placeholder={settings.store.hasPassword ? '••••••••' : ''}
          {...register('password')}
        />
      </Field>
    </div>
  );
};
