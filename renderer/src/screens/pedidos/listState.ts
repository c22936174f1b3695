import { useSyncExternalStore } from 'react';
import type { OrderRow } from '../../../../shared/api/contract.ts';
import type { OrderFilters } from './useOrderPages.ts';

/**
 * The order list's filters and selected rows, kept while the merchant visits other screens: the
 * Exportar screen exports "the list as filtered now" or "the selected orders" from here, and coming
 * back to Pedidos finds the list as it was left.
 */
export interface ListState {
  filters: OrderFilters;
  /** Selected orders by id, with the row as it was when picked (number, status, tracking code). */
  selected: ReadonlyMap<number, OrderRow>;
}

let state: ListState = { filters: {}, selected: new Map() };
const listeners = new Set<() => void>();
const set = (next: ListState) => {
  state = next;
  for (const l of listeners) l();
};

export const listState = {
  get: (): ListState => state,
  setFilters: (filters: OrderFilters) => set({ ...state, filters }),
  toggle: (row: OrderRow, on: boolean) => {
    const selected = new Map(state.selected);
    if (on) selected.set(row.id, row);
    else selected.delete(row.id);
    set({ ...state, selected });
  },
  selectMany: (rows: OrderRow[], on: boolean) => {
    const selected = new Map(state.selected);
    for (const row of rows) {
      if (on) selected.set(row.id, row);
      else selected.delete(row.id);
    }
    set({ ...state, selected });
  },
  /** Fresh rows from the list replace what was remembered (a status the engine changed since). */
  refresh: (rows: OrderRow[]) => {
    if (!rows.some((r) => state.selected.has(r.id) && state.selected.get(r.id) !== r)) return;
    const selected = new Map(state.selected);
    for (const r of rows) if (selected.has(r.id)) selected.set(r.id, r);
    set({ ...state, selected });
  },
  clearSelection: () => set({ ...state, selected: new Map() }),
  /** Tests start from an empty list state. */
  reset: () => set({ filters: {}, selected: new Map() }),
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useListState = (): ListState => useSyncExternalStore(subscribe, listState.get, listState.get);
