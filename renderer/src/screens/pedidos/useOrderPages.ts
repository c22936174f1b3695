import { useQueries } from '@tanstack/react-query';
import type { OrderQuery, OrderRow } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { keys } from '../../api/queries.ts';

export const PAGE_SIZE = 100;

export type OrderFilters = Omit<OrderQuery, 'offset' | 'limit'>;

/** The pages that hold rows first..last (page 0 always: it tells the total). */
export const pagesFor = (first: number, last: number): number[] => {
  const pages = new Set<number>([0]);
  if (last >= first && first >= 0) {
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p += 1) pages.add(p);
  }
  return [...pages].sort((a, b) => a - b);
};

/**
 * Fetches only the pages under the visible rows; each page is its own cached query, so scrolling
 * back is instant and 100,000 orders never load at once.
 */
export const useOrderPages = (filters: OrderFilters, first: number, last: number) => {
  const api = useApi();
  const pages = pagesFor(first, last);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: [...keys.orders, filters, page],
      queryFn: () => api.call('orders.list', { ...filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
      staleTime: 10_000,
    })),
  });
  const byPage = new Map<number, OrderRow[]>();
  let total: number | null = null;
  let error: Error | null = null;
  results.forEach((result, i) => {
    const page = pages[i];
    if (page === undefined) return;
    if (result.data) {
      byPage.set(page, result.data.rows);
      if (page === 0 || total === null) total = result.data.total;
    }
    if (result.error && !error) error = result.error;
  });
  const rowAt = (index: number): OrderRow | undefined => byPage.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  return { total, rowAt, error: error as Error | null, isLoading: results[0]?.isLoading ?? true };
};
