/**
 * The outbox lease is a setting (storePace.outboxLeaseSeconds): a push claimed by an engine that
 * then hung or died is taken over only once that lease has run out — not at the 120 s default — so
 * a store slower than the default cannot get the same status twice from two lives of Ponte.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { EmulatorStore, STATUS } from '../../electron/emulator/index.ts';
import { DEFAULT_SETTINGS, STORE_PACE_DEFAULTS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import { drainOutbox, requestOrderUpdates } from '../../electron/engine/sync/jobs/push.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';

const LEASE_SECONDS = 600;
let dir: string;
let db: PonteDb;
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a push claimed by a hung engine is retaken only after the configured lease', async () => {
  let clock = Date.parse('2026-11-20T12:00:00Z');
  const now = () => new Date(clock);
  const store = new EmulatorStore({ seed: 4, orders: 12, now });
  dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-lease-'));
  db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now });
  const settings = () => ({ ...DEFAULT_SETTINGS, statusMapping: demoStatusMapping(), storePace: { ...STORE_PACE_DEFAULTS, outboxLeaseSeconds: LEASE_SECONDS } });

  let hang = false;
  let hungWrites = 0;
  const tray: TrayPort = {
    call: async (name, args) => {
      if (hang && name === 'fWSAtualizaStatusPedido') {
        hungWrites++;
        return new Promise<never>(() => {}); // the first life never hears back, and never returns
      }
      return store.call(name, (args as readonly unknown[]).map(String)) as never;
    },
  };
  const ctx: JobContext = { db, store: new SoapStoreAdapter(tray), settings, now, emit: () => {}, log: () => {} };

  await runOrderPull(ctx);
  const id = [...store.orders.values()].find((o) => !o.pending && o.order.id_status === STATUS.awaitingPayment && db.getOrder(o.order.id_pedido))!.order.id_pedido;
  requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);

  hang = true;
  void drainOutbox(ctx);
  await expect.poll(() => hungWrites).toBe(1);
  hang = false;

  clock += (STORE_PACE_DEFAULTS.outboxLeaseSeconds + 60) * 1000; // past the default lease, within the configured one
  const early = await drainOutbox(ctx);
  expect(early.counts.done ?? 0).toBe(0);
  expect(store.orderWrites.get(id)?.status ?? 0).toBe(0);

  clock += LEASE_SECONDS * 1000;
  const late = await drainOutbox(ctx);
  expect(late.counts.done).toBe(1);
  expect(store.orderWrites.get(id)?.status).toBe(1);
  expect(store.emails.filter((e) => e.id_pedido === id)).toHaveLength(1);
});
