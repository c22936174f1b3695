/**
 * Where the catalogue comes from, and the blank template. The template is handed over as a
 * download (the browser's downloads, or the desktop's save dialog): Ponte never picks a path for
 * it, so it cannot land on the configured workbook (the shell's save refuses that path too, and
 * backs up any other file it replaces).
 */
import { useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { DownloadOutcome } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { errorText } from '../../components/QueryState.tsx';
import { t } from '../../i18n/messages.ts';
import { Field } from './Field.tsx';
import type { SettingsForm } from './settingsForm.ts';

export const ErpSection = ({ form }: { form: UseFormReturn<SettingsForm> }) => {
  const id = useId();
  const api = useApi();
  const [done, setDone] = useState<{ name: string; outcome: DownloadOutcome } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const downloadTemplate = async () => {
    setFailure(null);
    setDone(null);
    setBusy(true);
    try {
      const ticket = await api.call('erp.templateDownload', undefined);
      const outcome = await api.download(ticket);
      // A cancelled save dialog is no news: nothing was written.
      if (outcome.saved) setDone({ name: ticket.name, outcome });
    } catch (error) {
      setFailure(errorText(error));
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
        <button type="button" onClick={() => void downloadTemplate()} disabled={busy} aria-describedby={`${id}-template-hint`}>
          {t('config.template')}
        </button>
        <p id={`${id}-template-hint`} className="hint">
          {t('config.templateHelp')}
        </p>
      </div>
      {done && (
        <div role="status">
          {done.outcome.path ? (
            <>
              <p className="ok-text">{t('config.templateSaved', { path: done.outcome.path })}</p>
              {done.outcome.backup && <p className="hint">{t('config.templateBackup', { path: done.outcome.backup })}</p>}
              <button
                type="button"
                className="small"
                onClick={() => {
                  const saved = done.outcome.path;
                  if (!saved) return;
                  form.setValue('erpKind', 'spreadsheet', { shouldDirty: true });
                  form.setValue('erpPath', saved, { shouldDirty: true });
                }}
              >
                {t('config.templateUse')}
              </button>
            </>
          ) : (
            <p className="ok-text">{t('config.templateDownloaded', { file: done.name })}</p>
          )}
        </div>
      )}
      {failure && <p role="alert" className="error-text">{failure}</p>}
    </fieldset>
  );
};
