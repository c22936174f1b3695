import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/messages.ts';
import { BulkTracking } from './BulkTracking.tsx';
import { listState, useListState } from './listState.ts';
import { OrderDetail } from './OrderDetail.tsx';
import { OrderFilters } from './OrderFilters.tsx';
import { OrdersTable } from './OrdersTable.tsx';
import { SelectionBar } from './SelectionBar.tsx';

export const PedidosScreen = ({ orderId, filter }: { orderId: number | null; filter: 'notExported' | 'noTracking' | null }) => {
  // A link from the dashboard ("Não exportados") sets that filter; otherwise the list is as left.
  const [arrivedWith] = useState(filter);
  useEffect(() => {
    if (arrivedWith) listState.setFilters({ [arrivedWith]: true });
  }, [arrivedWith]);
  const { filters } = useListState();
  const [bulkOpen, setBulkOpen] = useState(false);
  const bulkButton = useRef<HTMLButtonElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  // Closing the order detail puts focus back on the row it was opened from.
  const previous = useRef<number | null>(orderId);
  useEffect(() => {
    const was = previous.current;
    previous.current = orderId;
    if (orderId !== null || was === null) return;
    const link = tableRef.current?.querySelector<HTMLElement>(`[data-order-link="${was}"]`);
    (link ?? tableRef.current?.querySelector<HTMLElement>('[data-order-link]'))?.focus();
  }, [orderId]);

  return (
    <div className={`screen screen-pedidos${orderId ? ' with-detail' : ''}`}>
      <header className="screen-head">
        <h1>{t('pedidos.title')}</h1>
        <button ref={bulkButton} type="button" onClick={() => setBulkOpen((open) => !open)} aria-expanded={bulkOpen}>
          {t('pedidos.bulk')}
        </button>
      </header>
      {bulkOpen && (
        <BulkTracking
          onClose={() => {
            setBulkOpen(false);
            bulkButton.current?.focus();
          }}
        />
      )}
      <OrderFilters value={filters} onChange={listState.setFilters} />
      <SelectionBar filters={filters} />
      <div className="orders-split" ref={tableRef}>
        <OrdersTable filters={filters} selectedId={orderId} />
        {orderId !== null && <OrderDetail orderId={orderId} />}
      </div>
    </div>
  );
};
