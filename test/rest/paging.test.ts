/** Paging: pages of at most 50 until paging.total, and the store's whole list read exactly once. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { orderHeader } from '../../electron/engine/rest/schemas.ts';
import { calls, localIso, restClient, startRestEmulator, virtualClock } from './helpers.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('REST paging', () => {
  it('reads 123 orders in pages of 50 (3 requests), every order once', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock, { orders: 123 });
    const { client } = restClient(emu, clock, { pageSize: 80 }); // asked for more than Tray allows
    const list = await client.listAll({ path: '/orders', listKey: 'Orders', itemName: 'Order', item: orderHeader, priority: 'orders', what: 'pedidos' });
    expect(calls(emu, 'rest:GET /orders')).toBe(3);
    expect(list.map((o) => o.id).sort()).toEqual([...emu.store.orders.keys()].sort());
    expect(new Set(list.map((o) => o.id)).size).toBe(123);
  });

  it('stops at an empty first page without asking for more', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock, { orders: 5 });
    const { client } = restClient(emu, clock);
    const list = await client.listAll({ path: '/orders', query: { modified: '1999-01-01' }, listKey: 'Orders', itemName: 'Order', item: orderHeader, priority: 'orders', what: 'pedidos' });
    expect(list).toEqual([]);
    expect(calls(emu, 'rest:GET /orders')).toBe(1);
  });

  it('lists changed orders by modified day and keeps only those inside the window', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock, { orders: 120 });
    const { adapter } = restClient(emu, clock);
    const to = clock.date();
    const from = new Date(clock.ms - 6 * 86_400_000);
    const window = { from: localIso(from), to: localIso(to) };
    const headers = await adapter.listChangedOrders(window);
    const expected = [...emu.store.orders.values()]
      .map((o) => o.order)
      .filter((o) => o.data_modificacao.replace(' ', 'T') >= window.from && o.data_modificacao.replace(' ', 'T') <= window.to)
      .map((o) => o.id_pedido)
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    expect(headers.map((h) => h.id).sort()).toEqual(expected);
    expect(calls(emu, 'rest:GET /orders')).toBeLessThanOrEqual(7 * 2); // seven days, at most two pages each
  });

  it('the emulator refuses a page larger than 50', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { client } = restClient(emu, clock);
    const error = await client
      .request({ method: 'GET', path: '/orders', query: { limit: 51 }, priority: 'orders', what: 'pedidos', schema: orderHeader })
      .catch((e: unknown) => e as Error);
    expect((error as { kind?: string }).kind).toBe('rejected');
    expect((error as Error).message).toMatch(/limit: entre 1 e 50/);
  });
});
