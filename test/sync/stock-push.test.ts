/**
 * The outbox's stock pushes (catalog-push queues them when only stock or availability changed): an
 * absolute stock write, the availability flag only when it differs from what the store was last told,
 * and the product's binding updated to what was sent, its hash and store id untouched.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { drainOutbox, type StockPayload } from '../../electron/engine/sync/jobs/push.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';

describe('stock pushes from the outbox', () => {
  let db: PonteDb;
  let calls: { name: string; args: readonly unknown[] }[];
  let ctx: JobContext;

  beforeEach(() => {
    const now = () => new Date('2026-11-20T12:00:00Z');
    db = openPonteDb(':memory:', { now });
    calls = [];
    const tray: TrayPort = {
      call: async (name, args) => {
        calls.push({ name, args: args as readonly unknown[] });
        return { id: 1 } as never;
      },
    };
    ctx = { db, store: new SoapStoreAdapter(tray), settings: () => DEFAULT_SETTINGS, now, emit: () => {}, log: () => {} };
  });
  afterEach(() => db.close());

  const queueStock = (payload: StockPayload) =>
    db.enqueueCoalesced({ kind: 'stock', orderId: null, coalesceKey: `stock:${payload.sku}`, payload, summary: `estoque ${payload.sku}`, emailsShopper: false });
  const bind = (pushed: object) => db.upsertBinding({ entity: 'produto', key: 'SKU-1', trayId: 77, hash: 'h-content', pushed });

  it('writes the absolute stock and leaves availability alone when it did not change', async () => {
    bind({ nome: 'Taça', stock: 5, available: true, onHand: 5 });
    queueStock({ sku: 'SKU-1', productId: 77, stock: 3, available: true, onHand: 3 });
    const outcome = await drainOutbox(ctx);
    expect(calls).toEqual([{ name: 'fWSAtualizaEstoqueProduto', args: ['N', 77, 3] }]);
    expect(outcome.counts).toMatchObject({ done: 1, failed: 0 });
    expect(db.getBinding('produto', 'SKU-1')).toMatchObject({
      trayId: 77,
      hash: 'h-content',
      pushed: { nome: 'Taça', stock: 3, available: true, onHand: 3 },
    });
  });

  it('sends availability after the stock when it differs from what the store was told', async () => {
    bind({ stock: 4, available: true, onHand: 4 });
    queueStock({ sku: 'SKU-1', productId: 77, stock: 0, available: false, onHand: -2 });
    await drainOutbox(ctx);
    expect(calls).toEqual([
      { name: 'fWSAtualizaEstoqueProduto', args: ['N', 77, 0] },
      { name: 'fWSAtualizaProdutoDisponivel', args: ['N', 77, 'N'] },
    ]);
    expect(db.getBinding('produto', 'SKU-1')?.pushed).toEqual({ stock: 0, available: false, onHand: -2 });
  });

  it('marks a product available again with S', async () => {
    bind({ stock: 0, available: false, onHand: 0 });
    queueStock({ sku: 'SKU-1', productId: 77, stock: 2, available: true, onHand: 2 });
    await drainOutbox(ctx);
    expect(calls.map((c) => c.args)).toEqual([['N', 77, 2], ['N', 77, 'S']]);
  });

  it('without a binding sends stock and availability and creates no binding', async () => {
    queueStock({ sku: 'SKU-1', productId: 77, stock: 1, available: true, onHand: 1 });
    const outcome = await drainOutbox(ctx);
    expect(calls.map((c) => c.name)).toEqual(['fWSAtualizaEstoqueProduto', 'fWSAtualizaProdutoDisponivel']);
    expect(outcome.counts.done).toBe(1);
    expect(db.getBinding('produto', 'SKU-1')).toBeNull();
    expect(db.listOutbox().map((e) => e.state)).toEqual(['done']);
  });
});
