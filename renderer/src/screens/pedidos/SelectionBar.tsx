import { useRef, useState } from 'react';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import { keys, useCallMutation } from '../../api/queries.ts';
import { useEscape } from '../../components/escape.ts';
import { formatNumber } from '../../format.ts';
import { t } from '../../i18n/messages.ts';
import { ExportOutcome } from '../exportar/ExportOutcome.tsx';
import { listState, useListState } from './listState.ts';
import { StatusChange } from './StatusChange.tsx';
import type { OrderFilters } from './useOrderPages.ts';

/** What can be done with the rows picked in the list (or the list as filtered): status, export. */
export const SelectionBar = ({ filters }: { filters: OrderFilters }) => {
  const { selected } = useListState();
  const rows = [...selected.values()];
  const [statusOpen, setStatusOpen] = useState(false);
  const statusButton = useRef<HTMLButtonElement>(null);
  const exporter = useCallMutation('orders.export', [keys.overview, keys.orders, keys.activity, ['orders.exportHistory']]);
  const closeStatus = () => {
    setStatusOpen(false);
    statusButton.current?.focus();
  };
  useEscape(closeStatus, statusOpen);

  return (
    <section className="selection-bar" aria-label={t('selection.label')}>
      <div className="actions">
        <span className={rows.length > 0 ? 'selection-count' : 'muted'} aria-live="polite">
          {t(pluralKey('selection.count', rows.length), { count: formatNumber(rows.length) })}
        </span>
        <button
          ref={statusButton}
          type="button"
          className="small"
          disabled={rows.length === 0}
          aria-expanded={statusOpen}
          onClick={() => setStatusOpen((o) => !o)}
        >
          {t('selection.status')}
        </button>
        <button
          type="button"
          className="small"
          disabled={rows.length === 0 || exporter.isPending}
          onClick={() => exporter.mutate({ scope: { kind: 'ids', ids: rows.map((r) => r.id) } })}
        >
          {t('selection.export')}
        </button>
        <button type="button" className="small" disabled={exporter.isPending} onClick={() => exporter.mutate({ scope: { kind: 'filter', filter: filters } })}>
          {t('selection.exportList')}
        </button>
        <button
          type="button"
          className="small"
          disabled={rows.length === 0}
          onClick={() => {
            listState.clearSelection();
            setStatusOpen(false);
          }}
        >
          {t('selection.clear')}
        </button>
      </div>
      {exporter.error && (
        <p role="alert" className="error-text">
          {exporter.error.message}
        </p>
      )}
      {exporter.data && <ExportOutcome result={exporter.data} />}
      {statusOpen && rows.length > 0 && (
        <div className="card bulk-status">
          <div className="card-head">
            <h2>{t('selection.statusTitle')}</h2>
            <button type="button" className="small" onClick={closeStatus}>
              {t('common.close')}
            </button>
          </div>
          <StatusChange orders={rows} />
        </div>
      )}
    </section>
  );
};
