import { useState } from 'react';
import { t } from '../../i18n/messages.ts';
import { BulkTracking } from './BulkTracking.tsx';
import { OrderDetail } from './OrderDetail.tsx';
import { OrderFilters } from './OrderFilters.tsx';
import { OrdersTable } from './OrdersTable.tsx';
import type { OrderFilters as Filters } from './useOrderPages.ts';

export const PedidosScreen = ({ orderId, filter }: { orderId: number | null; filter: 'notExported' | 'noTracking' | null }) => {
  const [filters, setFilters] = useState<Filters>(() => (filter ? { [filter]: true } : {}));
  const [bulkOpen, setBulkOpen] = useState(false);
  return (
    <div className={`screen screen-pedidos${orderId ? ' with-detail' : ''}`}>
      <header className="screen-head">
        <h1>{t('pedidos.title')}</h1>
        <button type="button" onClick={() => setBulkOpen((open) => !open)} aria-expanded={bulkOpen}>
          {t('pedidos.bulk')}
        </button>
      </header>
      {bulkOpen && <BulkTracking onClose={() => setBulkOpen(false)} />}
      <OrderFilters value={filters} onChange={setFilters} />
      <div className="orders-split">
        <OrdersTable filters={filters} selectedId={orderId} />
        {orderId !== null && <OrderDetail orderId={orderId} />}
      </div>
    </div>
  );
};
