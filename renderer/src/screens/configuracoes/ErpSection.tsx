/**
 * Where the catalogue comes from, and the blank template. The template always goes to a file the
 * merchant names: never over the configured workbook (the engine refuses it too), and over an
 * existing file only after a question, with a copy kept first.
 */
import { useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { PonteApiError } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorText } from '../../components/QueryState.tsx';
import { t } from '../../i18n/messages.ts';
import { Field } from './Field.tsx';
import type { SettingsForm } from './settingsForm.ts';

const TEMPLATE_NAME = 'modelo-ponte.xlsx';

/** A new file beside the configured source: C:\Loja\produtos.xlsx → C:\Loja\modelo-ponte.xlsx. */
export const suggestTemplatePath = (source: string): string => {
  const trimmed = source.trim();
  if (!trimmed) return TEMPLATE_NAME;
  const sep = trimmed.includes('\\') ? '\\' : '/';
  const folder = /\.[a-z0-9]{2,5}$/i.test(trimmed) ? trimmed.slice(0, Math.max(trimmed.lastIndexOf(sep), 0)) : trimmed.replace(/[\\/]+$/, '');
  return folder ? `${folder}${sep}${TEMPLATE_NAME}` : TEMPLATE_NAME;
};

const reasonOf = (error: unknown): string | null => {
  if (!(error instanceof PonteApiError)) return null;
  const details = error.details as { reason?: unknown } | undefined;
  return typeof details?.reason === 'string' ? details.reason : null;
};

export const ErpSection = ({ form }: { form: UseFormReturn<SettingsForm> }) => {
  const id = useId();
  const api = useApi();
  const [target, setTarget] = useState(() => suggestTemplatePath(form.getValues('erpPath')));
  const [done, setDone] = useState<{ path: string; backup: string | null } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const makeTemplate = async (overwrite: boolean) => {
    setFailure(null);
    setDone(null);
    setBusy(true);
    try {
      setDone(await api.call('erp.template', { path: target.trim(), ...(overwrite && { overwrite }) }));
      setConfirming(false);
    } catch (error) {
      if (!overwrite && reasonOf(error) === 'exists') setConfirming(true);
      else {
        setConfirming(false);
        setFailure(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset>
      <legend>
        <h2>{t('config.erp')}</h2>
      </legend>
      <div className="form-grid">
        <Field id={`${id}-kind`} label={t('config.erpKind')}>
          <select id={`${id}-kind`} {...form.register('erpKind')}>
            <option value="spreadsheet">{t('erp.spreadsheet')}</option>
            <option value="sql">{t('erp.sql')}</option>
            <option value="none">{t('erp.none')}</option>
          </select>
        </Field>
        <Field id={`${id}-path`} label={t('config.erpPath')} wide>
          <input id={`${id}-path`} placeholder="C:\\Loja\\produtos.xlsx" {...form.register('erpPath')} />
        </Field>
      </div>
      <div className="template-row">
        <Field id={`${id}-template`} label={t('config.templatePath')} hint={t('config.templateHelp')}>
          <input id={`${id}-template`} value={target} onChange={(e) => setTarget(e.target.value)} aria-describedby={`${id}-template-hint`} />
        </Field>
        <button type="button" onClick={() => void makeTemplate(false)} disabled={busy || target.trim() === ''}>
          {t('config.template')}
        </button>
      </div>
      {done && (
        <div role="status">
          <p className="ok-text">{t('config.templateDone', { path: done.path })}</p>
          {done.backup && <p className="hint">{t('config.templateBackup', { path: done.backup })}</p>}
          <button
            type="button"
            className="small"
            onClick={() => {
              form.setValue('erpKind', 'spreadsheet', { shouldDirty: true });
              form.setValue('erpPath', done.path, { shouldDirty: true });
            }}
          >
            {t('config.templateUse')}
          </button>
        </div>
      )}
      {failure && <p role="alert" className="error-text">{failure}</p>}
      {confirming && (
        <ConfirmDialog
          title={t('config.templateExistsTitle')}
          body={t('config.templateExistsBody', { path: target.trim() })}
          confirmLabel={t('config.templateReplace')}
          danger
          busy={busy}
          onConfirm={() => void makeTemplate(true)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </fieldset>
  );
};
