import { QueryClient, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { HandlerName, Input, Outputs, PonteEvent } from '../../../shared/api/contract.ts';
import { useApi } from './context.tsx';

export const createQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: { retry: 1, staleTime: 5_000, refetchOnWindowFocus: false },
      mutations: { retry: 0 },
    },
  });

/** Query keys start with the handler name, so an event can invalidate a whole family at once. */
export const keys = {
  overview: ['overview.get'] as const,
  orders: ['orders.list'] as const,
  order: (id: number) => ['orders.get', id] as const,
  outbox: ['outbox.list'] as const,
  catalog: ['catalog.report'] as const,
  heldPrices: ['catalog.heldPrices'] as const,
  activity: ['activity.list'] as const,
  settings: ['settings.get'] as const,
  statuses: ['store.statuses'] as const,
  history: ['overview.history'] as const,
  refusedRows: ['catalog.refusedRows'] as const,
  lastTest: ['store.lastTest'] as const,
  restBudget: ['store.restBudget'] as const,
};

/** Which cached answers an engine event makes stale. */
export const keysForEvent = (event: PonteEvent): QueryKey[] => {
  switch (event.type) {
    case 'job-progress':
      return [keys.overview];
    case 'run-finished': {
      const byJob: Record<string, QueryKey[]> = {
        catalog: [keys.catalog, keys.heldPrices, keys.refusedRows],
        orders: [keys.orders, ['orders.get']],
        tracking: [keys.orders, ['orders.get'], keys.outbox],
        export: [keys.orders],
      };
      // Every run on REST spends from the day's budget.
      return [keys.overview, keys.history, keys.activity, keys.restBudget, ...(byJob[event.run.job] ?? [])];
    }
    case 'new-orders':
      return [keys.overview, keys.orders];
    case 'failure':
      return [keys.overview, keys.activity];
    case 'outbox-changed':
      return [keys.outbox, keys.orders, ['orders.get'], keys.overview, keys.restBudget];
    case 'overview-changed':
      return [keys.overview, keys.restBudget];
    case 'session-changed':
      // Another engine answers now (the demo left): nothing cached is its answer.
      return [[]];
  }
};

/** Subscribes once to the engine's events and keeps react-query's cache honest. */
export const useEngineEvents = (): void => {
  const api = useApi();
  const client = useQueryClient();
  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type === 'job-progress') {
          client.setQueriesData<Outputs['overview.get']>({ queryKey: keys.overview }, (old) =>
            old
              ? {
                  ...old,
                  jobs: old.jobs.map((j) =>
                    j.job === event.job ? { ...j, state: 'running', progress: { done: event.done, total: event.total } } : j,
                  ),
                }
              : old,
          );
          return;
        }
        for (const key of keysForEvent(event)) void client.invalidateQueries({ queryKey: key });
      }),
    [api, client],
  );
};

export const useCall = <N extends HandlerName>(name: N, input: Input<N>, extraKey: readonly unknown[] = [], enabled = true) => {
  const api = useApi();
  return useQuery({
    queryKey: [name, ...extraKey, input],
    queryFn: () => api.call(name, input),
    enabled,
  });
};

/** A mutation over one handler; `invalidate` lists the families refreshed on success. */
export const useCallMutation = <N extends HandlerName>(name: N, invalidate: QueryKey[] = []) => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation<Outputs[N], Error, Input<N>>({
    mutationFn: (input: Input<N>) => api.call(name, input),
    onSuccess: async () => {
      await Promise.all(invalidate.map((key) => client.invalidateQueries({ queryKey: key })));
    },
  });
};

export const useOverview = () => useCall('overview.get', undefined);
export const useSettings = () => useCall('settings.get', undefined);
