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
import { normalizeApiAddress } from '../../../../shared/api/rest-access.ts';
import { ConnectionTestReport, StoreStatusTable } from './ConnectionTest.tsx';
import { RestAuthorize } from './RestAuthorize.tsx';
import { RestFields } from './RestFields.tsx';
import { SoapFields } from './SoapFields.tsx';
import { TransportChoice } from './TransportChoice.tsx';
import type { SettingsForm } from './settingsForm.ts';

/**
 * The access the form holds right now, as the test sends it: the transport picked and its fields
 * (a blank password, key or secret = the saved one).
 */
export type TypedAccess = NonNullable<Input<'store.testConnection'>>;
export const typedAccess = (v: SettingsForm): TypedAccess =>
  v.transport === 'rest'
    ? {
        transport: 'rest',
        ...(v.apiAddress.trim() !== '' && { apiAddress: normalizeApiAddress(v.apiAddress) ?? v.apiAddress.trim() }),
        ...(v.consumerKey.trim() !== '' && { consumerKey: v.consumerKey.trim() }),
        ...(v.consumerSecret.trim() !== '' && { consumerSecret: v.consumerSecret.trim() }),
      }
    : {
        transport: 'soap',
        url: v.url.trim(),
        storeId: v.storeId.trim(),
        login: v.login.trim(),
        ...(v.password !== '' && { password: v.password }),
      };
// The same fields built in the same order: their JSON is equal exactly when the accesses are.
export const sameAccess = (a: TypedAccess | null, b: TypedAccess): boolean => a !== null && JSON.stringify(a) === JSON.stringify(b);

export const StoreSection = ({ form, settings, onTested }: { form: UseFormReturn<SettingsForm>; settings: Settings; onTested: (access: TypedAccess | null) => void }) => {
  const id = useId();
  const api = useApi();
  const client = useQueryClient();
  const lastTest = useCall('store.lastTest', undefined);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<{ answer: ConnectionTestResult; rest: boolean } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const test = async () => {
    setTesting(true);
    setFailure(null);
    setResult(null);
    const access = typedAccess(form.getValues());
    try {
      const answer = await api.call('store.testConnection', access);
      setResult({ answer, rest: access.transport === 'rest' });
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
  const last = lastTest.data;
  const rest = form.watch('transport') === 'rest';
  return (
    <fieldset>
      <legend>
        <h2>{t('config.store')}</h2>
      </legend>
      <TransportChoice form={form} />
      {settings.demo && <p className="hint warn-text">{t('demo.storeHint')}</p>}
      {rest ? (
        <>
          <RestFields form={form} settings={settings} />
          <RestAuthorize form={form} settings={settings} />
        </>
      ) : (
        <SoapFields form={form} settings={settings} />
      )}
      <div className="actions">
        <button type="button" onClick={() => void test()} disabled={testing} aria-describedby={`${id}-test-hint`}>
          {testing ? t('config.testing') : t('config.test')}
        </button>
        <span className="hint" id={`${id}-test-hint`}>{rest ? t('rest.testTyped') : t('config.testTyped')}</span>
      </div>
      {failure && <p role="alert" className="error-text">{failure}</p>}
      {result && <ConnectionTestReport result={result.answer} reasons={result.rest} />}
      {last && last.statuses.length > 0 && (
        <div className="last-test">
          <p className="hint">{t('config.lastTest', { when: formatDateTime(last.at), url: last.url })}</p>
          <StoreStatusTable statuses={last.statuses} />
        </div>
      )}
    </fieldset>
  );
};
