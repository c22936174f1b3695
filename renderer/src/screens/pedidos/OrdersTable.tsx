import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { PushStateLabel } from '../../components/PushWay.tsx';
import { formatDate, formatMoney, formatNumber } from '../../format.ts';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import type { OrderRow } from '../../../../shared/api/contract.ts';
import { t } from '../../i18n/messages.ts';
import { listState, useListState } from './listState.ts';
import { useOrderPages, type OrderFilters } from './useOrderPages.ts';

const ROW_HEIGHT = 36;
// Before layout (or in a test DOM) the scroller measures 0 px: assume a window's worth of rows.
const FALLBACK_RECT = { width: 1000, height: 600 };

const COLUMNS = ['number', 'date', 'customer', 'total', 'status', 'tracking', 'exported'] as const;

export const OrdersTable = ({ filters, selectedId }: { filters: OrderFilters; selectedId: number | null }) => {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The count is unknown until page 0 answers.
  const [count, setCount] = useState(0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: FALLBACK_RECT,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT)),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { total, rowAt, error, isLoading } = useOrderPages(filters, first, last);
  useEffect(() => {
    if (total !== null) setCount(total);
  }, [total]);
  const { selected } = useListState();
  const shown = items.map((item) => rowAt(item.index)).filter((r): r is OrderRow => r !== undefined);
  const shownKey = shown.map((r) => `${r.id}:${r.statusId}:${r.trackingCode ?? ''}`).join(',');
  useEffect(() => {
    listState.refresh(shown);
    // shownKey stands for `shown`: refresh when the rows' content changes, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownKey]);
  const allShown = shown.length > 0 && shown.every((r) => selected.has(r.id));
  const filterKey = JSON.stringify(filters);
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [filterKey]);

  return (
    <div className="orders-table-wrap">
      <p className="muted table-count" aria-live="polite">
        {total === null ? t('common.loading') : t(pluralKey('pedidos.count', total), { count: formatNumber(total) })}
      </p>
      {error && <p role="alert" className="error-text">{t('common.error', { message: error.message })}</p>}
      <div className="vtable" role="table" aria-label={t('pedidos.table')} aria-rowcount={(total ?? 0) + 1}>
        <div className="vrow vhead" role="row" aria-rowindex={1}>
          <span role="columnheader" className="cell cell-select">
            <input
              type="checkbox"
              aria-label={t('pedidos.selectShown')}
              checked={allShown}
              disabled={shown.length === 0}
              onChange={(e) => listState.selectMany(shown, e.target.checked)}
            />
          </span>
          {COLUMNS.map((c) => (
            <span key={c} role="columnheader" className={`cell cell-${c}`}>
              {t(`col.${c}`)}
            </span>
          ))}
        </div>
        <div ref={scrollRef} className="vbody" role="rowgroup" data-testid="orders-scroller">
          {total === 0 && !isLoading ? (
            <p className="empty">{t('pedidos.empty')}</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rowAt(item.index);
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={row ? row.id === selectedId : undefined}
                    className={`vrow${row && row.id === selectedId ? ' selected' : ''}`}
                    style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  >
                    {row ? (
                      <>
                        <span role="cell" className="cell cell-select">
                          <input
                            type="checkbox"
                            aria-label={t('pedidos.selectRow', { number: row.number })}
                            checked={selected.has(row.id)}
                            onChange={(e) => listState.toggle(row, e.target.checked)}
                          />
                        </span>
                        <span role="cell" className="cell cell-number">
                          <a href={`#/pedidos/${row.id}`} data-order-link={row.id} aria-label={t('pedidos.open', { number: row.number })}>
                            {row.number}
                          </a>
                        </span>
                        <span role="cell" className="cell cell-date">{formatDate(row.date)}</span>
                        <span role="cell" className="cell cell-customer" title={`${row.customerName} — ${row.city}/${row.uf}`}>
                          {row.customerName}
                        </span>
                        <span role="cell" className="cell cell-total num">{formatMoney(row.total)}</span>
                        <span role="cell" className="cell cell-status" title={row.statusName}>{row.statusName}</span>
                        <span role="cell" className="cell cell-tracking" title={row.trackingCode ?? undefined}>
                          {row.trackingCode && <code>{row.trackingCode}</code>}{' '}
                          {row.pushState ? <PushStateLabel state={row.pushState} /> : !row.trackingCode && <span className="muted">{t('common.none')}</span>}
                        </span>
                        <span role="cell" className="cell cell-exported">
                          {row.exportedAt ? formatDate(row.exportedAt) : <span className="muted">{t('common.no')}</span>}
                        </span>
                      </>
                    ) : (
                      <span role="cell" className="cell muted">{t('pedidos.loadingRow')}</span>
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
};
