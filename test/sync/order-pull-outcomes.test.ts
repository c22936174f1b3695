/**
 * The order pull's run result, seen by the Painel and the scheduler (issue 12, mutation testing of
 * order-pull.ts): progress done/total, ok/partial/failed with the first failure's cause in the
 * message, refused orders neither stored nor acknowledged, an acknowledgement that failed keeping
 * the checkpoint (one the store does not support does not), an auth error ending the run, and the
 * new-orders event. The store is the emulator behind the SOAP adapter; a subclass injects faults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorStore } from '../../electron/emulator/index.ts';
import type { PonteEvent } from '../../shared/api/contract.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { metaRecord } from '../../electron/engine/store/meta.ts';
import type { Order, OrderHeader } from '../../electron/engine/store-port/domain.ts';
import type { OrderWindow, StorePort } from '../../electron/engine/store-port/port.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';

class KindError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly partial?: unknown,
  ) {
    super(message);
  }
}

interface Faults {
  list?: (good: OrderHeader[]) => Error | null;
  read?: Map<number, Error>;
  ack?: Map<number, Error>;
  /** Rewrites the listing, as a store whose list says something other than the order would. */
  headers?: (listed: OrderHeader[]) => OrderHeader[];
}

class FaultyStore extends SoapStoreAdapter {
  readonly acked: number[] = [];
  readonly read: number[] = [];
  constructor(
    tray: TrayPort,
    private readonly faults: Faults,
  ) {
    super(tray);
  }
  override async listChangedOrders(window: OrderWindow): Promise<OrderHeader[]> {
    const listed = this.faults.headers ? this.faults.headers(await super.listChangedOrders(window)) : await super.listChangedOrders(window);
    const error = this.faults.list?.(listed);
    if (error) throw error;
    return listed;
  }
  override async readOrder(id: number, options?: { forPush?: boolean }): Promise<Order> {
    this.read.push(id);
    const error = this.faults.read?.get(id);
    if (error) throw error;
    return super.readOrder(id, options);
  }
  override async acknowledgeOrder(id: number): Promise<void> {
    const error = this.faults.ack?.get(id);
    if (error) throw error;
    this.acked.push(id);
    return super.acknowledgeOrder(id);
  }
}

/** The store in REST's 'status' mode: orders in `statusId` are held already. */
const holdingIn = (store: FaultyStore, statusId: number): StorePort =>
  new Proxy(store, {
    get: (target, key) => {
      if (key === 'acknowledgementStatusId') return statusId;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

const checkpoint = metaRecord('orders.checkpoint', z.string().datetime());

const dirs: string[] = [];
const dbs: PonteDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const setup = (faults: Faults = {}) => {
  const now = () => new Date(Date.parse('2026-11-20T12:00:00Z'));
  const emulator = new EmulatorStore({ seed: 7, orders: 5, now });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-pull-outcomes-'));
  dirs.push(dir);
  const db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now });
  dbs.push(db);
  const tray: TrayPort = { call: async (name, args) => emulator.call(name, (args as readonly unknown[]).map(String)) as never };
  const store = new FaultyStore(tray, faults);
  const events: PonteEvent[] = [];
  const logs: Array<{ level: string; job: string; message: string }> = [];
  const ctx: JobContext = {
    db,
    store,
    settings: () => DEFAULT_SETTINGS,
    now,
    emit: (e) => events.push(e),
    log: (level, job, message) => logs.push({ level, job, message }),
  };
  const ids = [...emulator.orders.values()].filter((o) => o.pending).map((o) => Number(o.order.id_pedido));
  const progress = () => events.flatMap((e) => (e.type === 'job-progress' ? [{ done: e.done, total: e.total, job: e.job }] : []));
  return { ctx, tray, db, store, events, logs, ids, progress };
};

describe('order pull outcomes', () => {
  it('all good: ok, summary without cause, progress 0..n of n, every order new and announced, checkpoint set', async () => {
    const { ctx, db, store, events, ids, progress } = setup();
    expect(ids.length).toBe(5);
    const r = await runOrderPull(ctx);
    expect(r.result).toBe('ok');
    expect(r.errorCount).toBe(0);
    expect(r.message).toBe('Pedidos: 5 novos, 0 atualizados, 0 com erro.');
    expect([...r.newOrderIds].sort()).toEqual([...ids].sort());
    expect(progress().map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(progress().every((p) => p.total === 5 && p.job === 'orders')).toBe(true);
    const announced = events.filter((e) => e.type === 'new-orders');
    expect(announced).toEqual([{ type: 'new-orders', count: 5, orderIds: r.newOrderIds }]);
    expect([...store.acked].sort()).toEqual([...ids].sort());
    expect(checkpoint.load(db)).not.toBeNull();

    // Again: nothing new, so no new-orders event and no downloads.
    events.length = 0;
    const again = await runOrderPull(ctx);
    expect(again.newOrderIds).toEqual([]);
    expect(events.some((e) => e.type === 'new-orders')).toBe(false);
  });

  it('a list answer with refused entries: the readable ones go on, the refused are counted, logged, never acknowledged', async () => {
    const { ctx, db, store, logs, ids, progress } = setup({
      list: (good) =>
        new KindError('malformed', 'lista', {
          good: good.slice(0, 3),
          refused: [
            { index: 3, id: null, detail: 'sem cliente.' },
            { index: 4, id: 4242, detail: 'data ruim.' },
          ],
        }),
    });
    const r = await runOrderPull(ctx);
    expect(r.result).toBe('partial');
    expect(r.counts).toMatchObject({ created: 3, failed: 2 });
    expect(r.errorCount).toBe(2);
    const first = 'Pedido #4 não lido: sem cliente. O pedido não foi gravado nem confirmado à loja; continua na lista de pendências.';
    expect(r.message).toBe(`Pedidos: 3 novos, 0 atualizados, 2 com erro. ${first}`);
    expect(logs.filter((l) => l.level === 'error')).toEqual([
      { level: 'error', job: 'orders', message: first },
      { level: 'error', job: 'orders', message: expect.stringContaining('Pedido 4242 não lido: data ruim.') as unknown as string },
    ]);
    // The refused entries count as done from the start; the total covers them.
    expect(progress().map((p) => [p.done, p.total])).toEqual([
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(store.acked).toHaveLength(3);
    expect(store.acked.every((id) => ids.slice(0, 5).includes(id))).toBe(true);
    expect(checkpoint.load(db)).toBeNull();
  });

  it('a list error that is not a partial answer ends the run', async () => {
    const { ctx } = setup({ list: () => new KindError('transient', 'rede caiu') });
    await expect(runOrderPull(ctx)).rejects.toThrow('rede caiu');
    const other = setup({ list: () => new KindError('malformed', 'sem lista') });
    await expect(runOrderPull(other.ctx)).rejects.toThrow('sem lista');
  });

  it('orders that fail to read: refused (malformed) or failed, neither stored nor acknowledged, first cause in the message', async () => {
    const ids = setup().ids;
    const [a, b] = ids;
    const { ctx, db, store, logs, progress } = setup({
      read: new Map([
        [a!, new KindError('malformed', 'a loja não enviou o cliente do pedido.')],
        [b!, new KindError('rejected', 'recusado')],
      ]),
    });
    const r = await runOrderPull(ctx);
    expect(r.result).toBe('partial');
    expect(r.counts).toMatchObject({ created: 3, failed: 2 });
    expect(r.message).toMatch(/^Pedidos: 3 novos, 0 atualizados, 2 com erro\. /);
    // Two at a time: the first order's failure is the first one seen.
    expect(r.message).toContain(`Pedido ${a} não lido: a loja não enviou o cliente do pedido.`);
    expect(logs).toContainEqual({ level: 'error', job: 'orders', message: `Pedido ${b}: recusado` });
    expect(store.acked).not.toContain(a);
    expect(store.acked).not.toContain(b);
    expect(store.acked).toHaveLength(3);
    expect(db.orderHeaderOf(a!)).toBeNull();
    expect(db.orderHeaderOf(b!)).toBeNull();
    expect(progress().at(-1)).toEqual({ done: 5, total: 5, job: 'orders' });
    expect(checkpoint.load(db)).toBeNull();
  });

  it('a failure that is not a refusal names the order and its cause first', async () => {
    const ids = setup().ids;
    const { ctx } = setup({ read: new Map([[ids[0]!, new KindError('rejected', 'recusado')]]) });
    const r = await runOrderPull(ctx);
    expect(r.message).toBe(`Pedidos: 4 novos, 0 atualizados, 1 com erro. Pedido ${ids[0]}: recusado`);
  });

  it('every order failing: failed', async () => {
    const ids = setup().ids;
    const { ctx } = setup({ read: new Map(ids.map((id) => [id, new KindError('transient', 'tempo esgotado')])) });
    const r = await runOrderPull(ctx);
    expect(r.result).toBe('failed');
    expect(r.errorCount).toBe(5);
    expect(r.newOrderIds).toEqual([]);
  });

  it('an auth error ends the run', async () => {
    const ids = setup().ids;
    const { ctx, logs } = setup({ read: new Map([[ids[0]!, new KindError('auth', 'token inválido')]]) });
    await expect(runOrderPull(ctx)).rejects.toThrow('token inválido');
    expect(logs).toContainEqual({ level: 'error', job: 'orders', message: `Pedido ${ids[0]}: token inválido` });
  });

  it('an acknowledgement that failed keeps the checkpoint; one the store does not support does not count', async () => {
    const ids = setup().ids;
    const lost = setup({ ack: new Map([[ids[1]!, new KindError('transient', 'sem resposta')]]) });
    const r = await runOrderPull(lost.ctx);
    expect(r.result).toBe('ok');
    expect(checkpoint.load(lost.db)).toBeNull();
    expect(lost.logs).toContainEqual({
      level: 'warn',
      job: 'orders',
      message: `Pedido ${ids[1]} gravado, mas a confirmação à loja falhou (sem resposta); ele voltará na próxima leitura sem duplicar.`,
    });

    const unsupported = setup({ ack: new Map([[ids[1]!, new KindError('unsupported', 'não oferece')]]) });
    await runOrderPull(unsupported.ctx);
    expect(checkpoint.load(unsupported.db)).not.toBeNull();
  });

  it("an unchanged order already in the acknowledgement status is not acknowledged again; one elsewhere is", async () => {
    // A first pull whose acknowledgements were all lost: every order stored, all still listed.
    const ids = setup().ids;
    const first = setup({ ack: new Map(ids.map((id) => [id, new KindError('transient', 'sem resposta')])) });
    await runOrderPull(first.ctx);
    const statusOf = (id: number) => first.db.orderHeaderOf(id)!.statusId;
    // Same store and database, now in 'status' mode with the first order's status as the held one.
    const held = statusOf(first.ids[0]!);
    const store = new FaultyStore(first.tray, {});
    await runOrderPull({ ...first.ctx, store: holdingIn(store, held!) });
    const heldIds = first.ids.filter((id) => statusOf(id) === held);
    expect(heldIds.length).toBeGreaterThan(0);
    for (const id of first.ids) expect(store.acked.includes(id)).toBe(!heldIds.includes(id));
  });

  it('the checkpoint moves to the newest change listed; a backfill or an empty pull leaves it alone', async () => {
    const backfill = setup();
    await runOrderPull(backfill.ctx, { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-20T12:00:00Z') });
    expect(backfill.db.getMeta('orders.checkpoint')).toBeNull();

    const { ctx, db } = setup({ headers: (listed) => listed.map((h, i) => ({ ...h, modifiedAt: `2026-11-20T0${i}:30:00` })) });
    await runOrderPull(ctx);
    // The newest listed (local time read as the machine's zone), never the run's own time.
    expect(checkpoint.load(db)).toBe(new Date('2026-11-20T04:30:00').toISOString());

    const empty = setup({ headers: () => [] });
    const r = await runOrderPull(empty.ctx);
    expect(r).toMatchObject({ result: 'ok', errorCount: 0, newOrderIds: [] });
    expect(empty.db.getMeta('orders.checkpoint')).toBeNull();
  });

  it.each(['subtotal', 'shipping', 'discount', 'total'] as const)('a stored order whose listed %s changed is read again', async (field) => {
    const ids = setup().ids;
    const lostAcks = new Map(ids.map((id) => [id, new KindError('transient', 'sem resposta')]));
    const first = setup({ ack: lostAcks });
    await runOrderPull(first.ctx);
    const target = ids[0]!;
    const store = new FaultyStore(first.tray, {
      headers: (listed) => listed.map((h) => (h.id === target && h.amounts ? { ...h, amounts: { ...h.amounts, [field]: h.amounts[field] + 1 } } : h)),
    });
    const r = await runOrderPull({ ...first.ctx, store });
    expect(store.read).toEqual([target]);
    expect(r.errorCount).toBe(0);
    // Read again, not new: no new-order announcement for an order Ponte already had.
    expect(r.newOrderIds).toEqual([]);
  });

  it('a stored, unchanged order listed without a status id is still acknowledged (the store has no held status)', async () => {
    const ids = setup().ids;
    const first = setup({ ack: new Map(ids.map((id) => [id, new KindError('transient', 'sem resposta')])) });
    await runOrderPull(first.ctx);
    const store = new FaultyStore(first.tray, { headers: (listed) => listed.map((h) => ({ ...h, statusId: null })) });
    first.events.length = 0;
    const r = await runOrderPull({ ...first.ctx, store });
    // Unchanged orders count in the progress as they are seen, like downloaded ones.
    expect(first.progress()).toEqual(Array.from({ length: ids.length + 1 }, (_, done) => ({ done, total: ids.length, job: 'orders' })));
    expect(r.counts).toMatchObject({ unchanged: ids.length });
    expect([...store.acked].sort()).toEqual([...ids].sort());
  });
});
