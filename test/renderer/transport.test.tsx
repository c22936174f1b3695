// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { PonteApiError, type PonteEvent } from '../../shared/api/contract.ts';
import { createHttpApi, takeToken } from '../../renderer/src/api/http.ts';
import { createIpcApi } from '../../renderer/src/api/ipc.ts';
import { selectTransport } from '../../renderer/src/api/select.ts';

describe('HTTP transport', () => {
  it('takes the token from the address once, keeps it for the session and hides it', () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/?token=abc123&x=1#/pedidos');
    expect(takeToken({ location: window.location, history: window.history, storage: window.sessionStorage })).toBe('abc123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#/pedidos');
    // A reload (no token in the address) still finds it.
    expect(takeToken({ location: window.location, history: window.history, storage: window.sessionStorage })).toBe('abc123');
    expect(selectTransport(window).kind).toBe('http');
  });

  it('posts calls with the bearer token and rebuilds errors from the envelope', async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('orders.get')) {
        return new Response(JSON.stringify({ ok: false, error: { code: 'not_found', message: 'Pedido 7 não encontrado.' } }), { status: 200 });
      }
      return new Response(JSON.stringify({ ok: true, result: { echoed: JSON.parse(String(init?.body)) } }));
    });
    const api = createHttpApi({ token: 'tok', fetch: fetchMock as unknown as typeof fetch });
    await expect(api.call('orders.list', { offset: 0, limit: 5 })).resolves.toEqual({ echoed: { offset: 0, limit: 5 } });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/call/orders.list');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['Authorization']).toBe('Bearer tok');
    const failure = await api.call('orders.get', { id: 7 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PonteApiError);
    expect(failure).toMatchObject({ code: 'not_found', message: 'Pedido 7 não encontrado.' });
  });

  it('shares one EventSource with the token in the query, closed with the last listener', () => {
    const sources: Array<{ url: string; closed: boolean; onmessage: ((m: MessageEvent<string>) => void) | null }> = [];
    const api = createHttpApi({
      token: 't/k',
      createEventSource: (url) => {
        const source = { url, closed: false, onmessage: null, close() { this.closed = true; } };
        sources.push(source);
        return source as unknown as EventSource;
      },
    });
    const got: PonteEvent[] = [];
    const off1 = api.subscribe((e) => got.push(e));
    const off2 = api.subscribe(() => undefined);
    expect(sources).toHaveLength(1);
    expect(sources[0]?.url).toBe('/api/events?token=t%2Fk');
    sources[0]?.onmessage?.({ data: '{"type":"outbox-changed"}' } as MessageEvent<string>);
    sources[0]?.onmessage?.({ data: 'not json' } as MessageEvent<string>);
    expect(got).toEqual([{ type: 'outbox-changed' }]);
    off1();
    expect(sources[0]?.closed).toBe(false);
    off2();
    expect(sources[0]?.closed).toBe(true);
  });
});

describe('IPC transport', () => {
  it('unwraps envelopes from window.ponte and is chosen when present', async () => {
    const bridge = {
      invoke: vi.fn(async () => ({ ok: false as const, error: { code: 'unavailable' as const, message: 'Loja fora do ar.' } })),
      onEvent: vi.fn(() => () => undefined),
      save: vi.fn(async () => ({ ok: true as const, result: { saved: false, path: null, backup: null } })),
    };
    const api = createIpcApi(bridge);
    await expect(api.call('store.statuses', undefined)).rejects.toMatchObject({ code: 'unavailable', message: 'Loja fora do ar.' });
    expect(bridge.invoke).toHaveBeenCalledWith('store.statuses', undefined);
    window.ponte = bridge;
    expect(selectTransport(window).kind).toBe('ipc');
    delete window.ponte;
  });
});
