import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ExportRecord, ExportResult, ExportScope, OrderFilter } from '../../../../shared/api/contract.ts';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import { useApi } from '../../api/context.tsx';
import { keys, useCall, useCallMutation, useOverview, useSettings } from '../../api/queries.ts';
import { DateField } from '../../components/DateField.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';
import { useListState } from '../pedidos/listState.ts';
import { ExportOutcome } from './ExportOutcome.tsx';

type Target = ExportResult['target'];
const TARGETS: Target[] = ['erp', 'csv', 'xlsx'];
type ScopeKind = 'new' | 'range' | 'filter' | 'selected';
const SCOPES: ScopeKind[] = ['new', 'range', 'filter', 'selected'];
const SCOPE_LABEL = {
  new: 'exportar.scopeNew',
  range: 'exportar.scopeRange',
  filter: 'exportar.scopeFilter',
  selected: 'exportar.scopeSelected',
} as const;

const historyKey = ['orders.exportHistory'] as const;

/** The order list's filter in a few words ("De 01/11/2026 · Sem rastreio"). */
const filterSummary = (f: OrderFilter, statusName: (id: number) => string): string => {
  const parts = [
    f.from && `${t('pedidos.from')} ${formatDate(f.from)}`,
    f.to && `${t('pedidos.to')} ${formatDate(f.to)}`,
    f.text && `“${f.text}”`,
    f.noTracking && t('pedidos.noTracking'),
    f.notExported && t('pedidos.notExported'),
    f.statusIds && f.statusIds.length > 0 && `${t('pedidos.status')} ${f.statusIds.map(statusName).join(', ')}`,
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length > 0 ? parts.join(' · ') : t('exportar.noFilter');
};

const recordWhat = (r: ExportRecord): string => {
  const what =
    r.scope.kind === 'new'
      ? t('exportar.histNew')
      : r.scope.kind === 'range'
        ? t('exportar.histRange', { from: formatDate(r.scope.from), to: formatDate(r.scope.to) })
        : r.scope.kind === 'filter'
          ? t('exportar.histFilter')
          : r.scope.kind === 'ids'
            ? t('exportar.histIds')
            : t('exportar.histAgain', { of: r.scope.of });
  return t(pluralKey('exportar.histCount', r.count), { count: formatNumber(r.count), what });
};

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

const History = () => {
  const api = useApi();
  // Whether each file is still in the folder changes outside Ponte: asked afresh on every visit.
  const history = useQuery({
    queryKey: [...historyKey],
    queryFn: () => api.call('orders.exportHistory', undefined),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const again = useCallMutation('orders.exportAgain', [historyKey, keys.activity]);
  // The copy is handed over as a download (browser) or through the save dialog (desktop).
  const [saved, setSaved] = useState<string[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const downloadAgain = (recordId: number) => {
    setSaved([]);
    setSaveError(null);
    again.mutate(
      { id: recordId },
      {
        onSuccess: async (result) => {
          const paths: string[] = [];
          try {
            for (const ticket of result.downloads ?? []) {
              const outcome = await api.download(ticket);
              if (outcome.saved) paths.push(outcome.path ?? ticket.name);
            }
          } catch (error) {
            setSaveError(error instanceof Error ? error.message : String(error));
          }
          setSaved(paths);
        },
      },
    );
  };
  const rows = history.data ?? [];
  return (
    <section className="card" aria-labelledby="export-history">
      <h2 id="export-history">{t('exportar.history')}</h2>
      <QueryState isLoading={history.isLoading} error={history.error}>
        {rows.length === 0 ? (
          <p className="muted">{t('exportar.noHistory')}</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t('exportar.when')}</th>
                <th scope="col">{t('exportar.what')}</th>
                <th scope="col">{t('exportar.fileCol')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('fila.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatDateTime(r.at)}</td>
                  <td>{recordWhat(r)}</td>
                  <td>
                    <code className="file-name" title={r.file}>
                      {baseName(r.file)}
                    </code>
                    {!r.fileExists && <span className="hint block warn-text">{t('exportar.fileGone')}</span>}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small"
                      disabled={again.isPending}
                      aria-label={t('exportar.againLabel', { file: baseName(r.file) })}
                      onClick={() => downloadAgain(r.id)}
                    >
                      {t('exportar.again')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {again.error && (
        <p role="alert" className="error-text">
          {again.error.message}
        </p>
      )}
      {again.data && <p role="status">{again.data.message}</p>}
      {saved.length > 0 && (
        <p className="ok-text">{t('exportar.againSaved', { files: saved.map(baseName).join(', ') })}</p>
      )}
      {saveError && (
        <p role="alert" className="error-text">
          {saveError}
        </p>
      )}
    </section>
  );
};

/**
 * One click for the new orders; or a period, the list as filtered, the rows picked in Pedidos —
 * exported again even if they were already. The last files can be written again.
 */
export const ExportarScreen = () => {
  const id = useId();
  const overview = useOverview();
  const settings = useSettings();
  const list = useListState();
  const statuses = useCall('store.statuses', undefined);
  const statusName = (statusId: number) => statuses.data?.find((s) => s.id === statusId)?.name ?? String(statusId);
  const [target, setTarget] = useState<Target | null>(null);
  const chosen = target ?? settings.data?.export.target ?? 'csv';
  const [kind, setKind] = useState<ScopeKind>('new');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const run = useCallMutation('orders.export', [keys.overview, keys.orders, keys.activity, historyKey]);
  const pending = overview.data?.counts.notExported;
  const selectedIds = [...list.selected.keys()];

  const scope = (): ExportScope | null => {
    switch (kind) {
      case 'new':
        return { kind: 'new' };
      case 'range': {
        const refusal = !from || !to ? t('exportar.rangeMissing') : from > to ? t('exportar.rangeOrder') : null;
        if (refusal) {
          setProblem(refusal);
          return null;
        }
        return { kind: 'range', from, to };
      }
      case 'filter':
        return { kind: 'filter', filter: list.filters };
      case 'selected':
        return { kind: 'ids', ids: selectedIds };
    }
  };
  const start = () => {
    setProblem(null);
    const chosenScope = scope();
    if (chosenScope) run.mutate({ target: chosen, scope: chosenScope });
  };

  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{t('exportar.title')}</h1>
      </header>
      <section className="card" aria-label={t('exportar.title')}>
        {pending !== undefined && <p>{t(pluralKey('exportar.pending', pending), { count: formatNumber(pending) })}</p>}
        <fieldset className="scope">
          <legend>{t('exportar.which')}</legend>
          {SCOPES.map((s) => (
            <div key={s} className="scope-option">
              <label className="check">
                <input
                  type="radio"
                  name={`${id}-scope`}
                  value={s}
                  checked={kind === s}
                  disabled={s === 'selected' && selectedIds.length === 0}
                  onChange={() => {
                    setKind(s);
                    setProblem(null);
                  }}
                />
                {t(SCOPE_LABEL[s])}
                {s === 'filter' && <span className="muted">&nbsp;({filterSummary(list.filters, statusName)})</span>}
                {s === 'selected' && (
                  <span className="muted">&nbsp;({t(pluralKey('selection.count', selectedIds.length), { count: formatNumber(selectedIds.length) })})</span>
                )}
              </label>
              {s === 'range' && kind === 'range' && (
                <div className="field-row range-row">
                  <DateField id={`${id}-from`} label={t('exportar.rangeFrom')} value={from} onChange={setFrom} />
                  <DateField id={`${id}-to`} label={t('exportar.rangeTo')} value={to} onChange={setTo} />
                </div>
              )}
            </div>
          ))}
        </fieldset>
        {kind !== 'new' && <p className="hint">{t('exportar.reexportHint')}</p>}
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
        {chosen !== 'erp' && settings.data?.export.folder && <p className="hint">{t('exportar.folder', { folder: settings.data.export.folder })}</p>}
        <div className="actions">
          <button type="button" className="primary" onClick={start} disabled={run.isPending}>
            {kind === 'new' ? t('exportar.run') : t('exportar.runScope')}
          </button>
        </div>
        {problem && (
          <p role="alert" className="error-text">
            {problem}
          </p>
        )}
        {run.error && (
          <p role="alert" className="error-text">
            {run.error.message}
          </p>
        )}
        {run.data && <ExportOutcome result={run.data} />}
      </section>
      <History />
    </div>
  );
};
