/**
 * The store access: the form's fields, "Testar conexão" on what is typed (nothing saved), and
 * the store's statuses from the last test that worked.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ConnectionTestResult, Input, Settings } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { keys, useCall } from '../../api/queries.ts';
import { errorText } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../format.ts';
import { t } from '../../i18n/messages.ts';
import { ConnectionTestReport, StoreStatusTable } from './ConnectionTest.tsx';
import { Field } from './Field.tsx';
import type { SettingsForm } from './settingsForm.ts';

/** The access the form holds right now, as the test sends it (a blank password = the saved one). */
export type TypedAccess = NonNullable<Input<'store.testConnection'>>;
export const typedAccess = (v: SettingsForm): TypedAccess => ({
  url: v.url.trim(),
  storeId: v.storeId.trim(),
  login: v.login.trim(),
  ...(v.password !== '' && { password: v.password }),
});
export const sameAccess = (a: TypedAccess | null, b: TypedAccess): boolean =>
  a !== null && a.url === b.url && a.storeId === b.storeId && a.login === b.login && a.password === b.password;

export const StoreSection = ({ form, settings, onTested }: { form: UseFormReturn<SettingsForm>; settings: Settings; onTested: (access: TypedAccess | null) => void }) => {
  const id = useId();
  const api = useApi();
  const client = useQueryClient();
  const lastTest = useCall('store.lastTest', undefined);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const test = async () => {
    setTesting(true);
    setFailure(null);
    setResult(null);
    const access = typedAccess(form.getValues());
    try {
      const answer = await api.call('store.testConnection', access);
      setResult(answer);
      onTested(answer.ok ? access : null);
      // A test of the saved access sets the store's health: the Painel's Conexões and the banner follow it.
      void client.invalidateQueries({ queryKey: keys.overview });
      if (answer.ok) {
        client.setQueriesData({ queryKey: keys.statuses }, answer.statuses);
        await client.invalidateQueries({ queryKey: keys.lastTest });
      }
    } catch (error) {
      onTested(null);
      setFailure(errorText(error));
    } finally {
      setTesting(false);
    }
  };
  const { register, formState } = form;
  const last = lastTest.data;
  return (
    <fieldset>
      <legend>
        <h2>{t('config.store')}</h2>
      </legend>
      <div className="form-grid">
        <Field id={`${id}-url`} label={t('config.url')} hint={formState.errors.url?.message}>
          <input
            id={`${id}-url`}
            type="url"
            placeholder="https://minhaloja.com.br"
            aria-invalid={formState.errors.url ? true : undefined}
            {...register('url', {
              validate: (v) => v.trim() === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v.trim()) || t('config.urlInvalid'),
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
      <div className="actions">
        <button type="button" onClick={() => void test()} disabled={testing} aria-describedby={`${id}-test-hint`}>
          {testing ? t('config.testing') : t('config.test')}
        </button>
        <span className="hint" id={`${id}-test-hint`}>{t('config.testTyped')}</span>
      </div>
      {failure && <p role="alert" className="error-text">{failure}</p>}
      {result && <ConnectionTestReport result={result} />}
      {last && last.statuses.length > 0 && (
        <div className="last-test">
          <p className="hint">{t('config.lastTest', { when: formatDateTime(last.at), url: last.url })}</p>
          <StoreStatusTable statuses={last.statuses} />
        </div>
      )}
    </fieldset>
  );
};
