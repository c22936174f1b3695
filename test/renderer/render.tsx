import { QueryClient } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { listState } from '../../renderer/src/screens/pedidos/listState.ts';
import { createFakeApi, type FakeApi, type FakeOptions } from './fake-api.ts';

afterEach(() => {
  cleanup();
  window.location.hash = '';
  listState.reset();
});

/** Mounts the whole window on a fake engine, at a hash route. */
export const renderApp = (hash: string, options: FakeOptions = {}): { api: FakeApi } => {
  const api = createFakeApi(options);
  window.location.hash = hash;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 }, mutations: { retry: 0 } } });
  render(<App api={api} queryClient={queryClient} />);
  return { api };
};

export const brl = (value: number): string => new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(value);
