/**
 * The authorisation step: the merchant pastes the code or Tray's whole callback address; "Autorizar"
 * exchanges it (POST /auth through the engine) and says until when it is valid, or why Tray refused.
 * On success the engine has saved the REST access: the typed key, secret and paste are cleared, and
 * whatever else the merchant typed and has not saved stays in the form.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { RestAuthorizeResult, Settings } from '../../../../shared/api/contract.ts';
import { normalizeApiAddress, parsePastedAuthorization, type PastedAuthorization } from '../../../../shared/api/rest-access.ts';
import { useApi } from '../../api/context.tsx';
import { keys } from '../../api/queries.ts';
import { errorText } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../format.ts';
import { t, type MessageKey } from '../../i18n/messages.ts';
import { useLeaveDemo } from './DemoSection.tsx';
import type { SettingsForm } from './settingsForm.ts';

const PASTE_PROBLEM: Record<Extract<PastedAuthorization, { ok: false }>['problem'], MessageKey> = {
  empty: 'rest.pasteEmpty',
  noCode: 'rest.pasteNoCode',
  badCode: 'rest.pasteBadCode',
  badAddress: 'rest.pasteBadAddress',
};

type Shown = { ok: boolean; text: string } | null;

export const resultText = (r: RestAuthorizeResult): string =>
  r.ok ? t('rest.authorizedUntil', { access: formatDateTime(r.accessExpiresAt), refresh: formatDateTime(r.refreshExpiresAt) }) : r.message;

export const RestAuthorize = ({ form, settings }: { form: UseFormReturn<SettingsForm>; settings: Settings }) => {
  const id = useId();
  const api = useApi();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown>(null);
  const leaveDemo = useLeaveDemo();
  const authorize = async () => {
    setShown(null);
    const values = form.getValues();
    const pasted = parsePastedAuthorization(values.restPaste);
    if (!pasted.ok) return setShown({ ok: false, text: t(PASTE_PROBLEM[pasted.problem]) });
    const apiAddress = pasted.apiAddress ?? normalizeApiAddress(values.apiAddress);
    if (!apiAddress) return setShown({ ok: false, text: t('rest.needAddress') });
    // The address in the callback is the store's own: it fills the field the merchant may have left blank.
    if (pasted.apiAddress && pasted.apiAddress !== values.apiAddress.trim()) form.setValue('apiAddress', pasted.apiAddress, { shouldDirty: true });
    setBusy(true);
    try {
      // The demo's engine takes no other store: the merchant's is authorised once off it.
      if (settings.demo && !(await leaveDemo.offDemo('ownStore'))) return;
      const key = values.consumerKey.trim();
      const secret = values.consumerSecret.trim();
      const answer = await api.call('store.authorize', { apiAddress, code: pasted.code, ...(key && { consumerKey: key }), ...(secret && { consumerSecret: secret }) });
      setShown({ ok: answer.ok, text: resultText(answer) });
      if (answer.ok) {
        // Saved by the engine: the typed secrets leave the page. The settings fetched again bring the
        // access it saved (REST, this address); every other field typed and not saved stays as it is.
        for (const field of ['consumerKey', 'consumerSecret', 'restPaste'] as const) form.resetField(field, { defaultValue: '' });
        await client.invalidateQueries({ queryKey: keys.settings });
        await client.invalidateQueries({ queryKey: keys.overview });
      }
    } catch (error) {
      setShown({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  const until = settings.store.restAuthorizedUntil;
  return (
    <section className="rest-authorize" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('rest.authTitle')}</h3>
      <p className="hint" id={`${id}-help`}>
        {t('rest.authHelp')}
      </p>
      <p className="hint">{until ? t('rest.savedAuthorization', { until: formatDateTime(until) }) : t('rest.noAuthorization')}</p>
      <div className="field field-wide">
        <label htmlFor={`${id}-paste`}>{t('rest.paste')}</label>
        <textarea id={`${id}-paste`} rows={2} autoComplete="off" spellCheck={false} aria-describedby={`${id}-help`} {...form.register('restPaste')} />
      </div>
      <div className="actions">
        <button type="button" onClick={() => void authorize()} disabled={busy}>
          {busy ? t('rest.authorizing') : t('rest.authorize')}
        </button>
      </div>
      {leaveDemo.dialog}
      {shown && (
        <p role={shown.ok ? 'status' : 'alert'} aria-label={t('rest.authTitle')} className={shown.ok ? 'ok-text' : 'error-text'}>
          {shown.text}
        </p>
      )}
    </section>
  );
};
