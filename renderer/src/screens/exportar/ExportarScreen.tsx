import { useId, useState } from 'react';
import type { ExportResult } from '../../../../shared/api/contract.ts';
import { keys, useCallMutation, useOverview, useSettings } from '../../api/queries.ts';
import { formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';

type Target = ExportResult['target'];
const TARGETS: Target[] = ['erp', 'csv', 'xlsx'];

/** One click: the orders not yet exported go to the ERP or to a file, and the screen says where. */
export const ExportarScreen = () => {
  const id = useId();
  const overview = useOverview();
  const settings = useSettings();
  const [target, setTarget] = useState<Target | null>(null);
  const chosen = target ?? settings.data?.export.target ?? 'csv';
  const run = useCallMutation('orders.export', [keys.overview, keys.orders, keys.activity]);
  const pending = overview.data?.counts.notExported;
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{t('exportar.title')}</h1>
      </header>
      <section className="card">
        {pending !== undefined && <p>{t('exportar.pending', { count: formatNumber(pending) })}</p>}
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-target`}>{t('exportar.target')}</label>
            <select id={`${id}-target`} value={chosen} onChange={(e) => setTarget(TARGETS.find((x) => x === e.target.value) ?? 'csv')}>
              {TARGETS.map((x) => (
                <option key={x} value={x}>
                  {t(`exportar.${x}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {chosen !== 'erp' && settings.data?.export.folder && (
          <p className="hint">{t('exportar.folder', { folder: settings.data.export.folder })}</p>
        )}
        <div className="actions">
          <button type="button" className="primary" onClick={() => run.mutate({ target: chosen })} disabled={run.isPending}>
            {t('exportar.run')}
          </button>
        </div>
        {run.error && <p role="alert" className="error-text">{run.error.message}</p>}
        {run.data && (
          <div role="status" className="export-result">
            <p className="ok-text">{t('exportar.done', { count: formatNumber(run.data.count) })}</p>
            {run.data.file && (
              <p>
                {t('exportar.file', { file: '' })}
                <code data-testid="export-file">{run.data.file}</code>
              </p>
            )}
            {run.data.message && <p className="hint">{run.data.message}</p>}
          </div>
        )}
      </section>
    </div>
  );
};
