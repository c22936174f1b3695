/** REST's fields: the API address and the app's key pair (write-only: a saved pair is only said to exist). */
import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Settings } from '../../../../shared/api/contract.ts';
import { normalizeApiAddress } from '../../../../shared/api/rest-access.ts';
import { t } from '../../i18n/messages.ts';
import { Field } from './Field.tsx';
import type { SettingsForm } from './settingsForm.ts';

export const RestFields = ({ form, settings }: { form: UseFormReturn<SettingsForm>; settings: Settings }) => {
  const id = useId();
  const { register, formState } = form;
  const stored = settings.store.hasRestCredentials;
  return (
    <div className="form-grid">
      <Field id={`${id}-api`} label={t('rest.apiAddress')} hint={formState.errors.apiAddress?.message ?? t('rest.apiAddressHint')} wide>
        <input
          id={`${id}-api`}
          type="url"
          autoComplete="off"
          placeholder="https://sualoja.com.br/web_api"
          aria-describedby={`${id}-api-hint`}
          aria-invalid={formState.errors.apiAddress ? true : undefined}
          {...register('apiAddress', {
            validate: (v) => form.getValues('transport') !== 'rest' || v.trim() === '' || normalizeApiAddress(v) !== null || t('rest.apiAddressInvalid'),
          })}
        />
      </Field>
      <Field id={`${id}-key`} label={t('rest.consumerKey')}>
        {/* Write-only like a password: the saved key never comes back to the window. */}
        <input id={`${id}-key`} type="password" autoComplete="off" aria-describedby={`${id}-secret-hint`} placeholder={stored ? '••••••••' : ''} {...register('consumerKey')} />
      </Field>
      <Field id={`${id}-secret`} label={t('rest.consumerSecret')} hint={stored ? t('rest.credentialsStored') : t('rest.credentialsNone')}>
        <input id={`${id}-secret`} type="password" autoComplete="new-password" aria-describedby={`${id}-secret-hint`} placeholder={stored ? '••••••••' : ''} {...register('consumerSecret')} />
      </Field>
    </div>
  );
};
