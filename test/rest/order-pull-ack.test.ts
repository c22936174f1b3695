/**
 * The order pull over REST, in both acknowledgement modes. 'checkpoint' writes nothing to the store;
 * 'status' moves each order Ponte holds to the merchant's status once, and never again on later
 * pulls (the move changes the order in the store, which lists it again: re-acknowledging it would be
 * one more write, and one more shopper e-mail, per pull, for ever).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { STATUS } from '../../electron/emulator/index.ts';
import { RestStoreAdapter } from '../../electron/engine/rest/adapter.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import type { JobContext } from '../../electron/engine/sync/ports.ts';
import { restClient, startRestEmulator, virtualClock } from './helpers.ts';

const open: Array<{ emu: RunningEmulator; db: PonteDb; dir: string; adapter: RestStoreAdapter }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.db.close();
    await o.adapter.close();
    await o.emu.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

const setup = async (acknowledgement: ConstructorParameters<typeof RestStoreAdapter>[0]['acknowledgement']) => {
  const clock = virtualClock(Date.parse('2026-11-20T12:00:00'));
  const emu = await startRestEmulator(clock, { orders: 12 });
  const { client } = restClient(emu, clock);
  const adapter = new RestStoreAdapter({ client, ...(acknowledgement && { acknowledgement }) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-rest-ack-'));
  const db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now: clock.date });
  open.push({ emu, db, dir, adapter });
  const ctx: JobContext = {
    db,
    store: adapter,
    settings: () => DEFAULT_SETTINGS,
    now: clock.date,
    emit: () => {},
    log: () => {},
  };
  const statusWrites = () => [...emu.store.orderWrites.values()].reduce((n, w) => n + w.status, 0);
  return { emu, db, ctx, clock, statusWrites };
};

describe('order pull over REST', () => {
  it("'checkpoint' (the default) writes nothing to the store, and a re-pull downloads nothing", async () => {
    const { emu, ctx, clock, statusWrites } = await setup(undefined);
    const first = await runOrderPull(ctx);
    expect(first.counts.created).toBeGreaterThan(0);
    expect(statusWrites()).toBe(0);
    clock.advance(60_000);
    emu.resetStats();
    const again = await runOrderPull(ctx);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(emu.stats().calls['rest:GET /orders/:id/complete'] ?? 0).toBe(0);
    expect(statusWrites()).toBe(0);
  });

  it("'status' moves each order to the merchant's status once, however many pulls follow", async () => {
    const synced = STATUS.inReview;
    const { emu, db, ctx, clock, statusWrites } = await setup({ mode: 'status', statusId: synced });
    const first = await runOrderPull(ctx);
    const pulled = first.counts.created ?? 0;
    expect(pulled).toBeGreaterThan(0);
    const already = [...emu.store.orders.values()].filter((o) => db.getOrder(o.order.id_pedido) && emu.store.orderWrites.get(o.order.id_pedido) === undefined);
    // Orders listed in the acknowledgement status already are held as they are: no write for them.
    for (const o of already) expect(o.order.id_status).toBe(synced);
    expect(statusWrites()).toBe(pulled - already.length);
    const emails = emu.store.emails.length;

    for (let pull = 0; pull < 3; pull++) {
      clock.advance(60_000);
      const again = await runOrderPull(ctx);
      expect(again.counts.created).toBe(0);
      expect(again.counts.failed).toBe(0);
    }
    expect(statusWrites()).toBe(pulled - already.length);
    expect(emu.store.emails.length).toBe(emails);
    // What Ponte keeps shows where the store has the orders now.
    for (const o of emu.store.orders.values()) if (db.getOrder(o.order.id_pedido)) expect(db.getOrder(o.order.id_pedido)?.statusId).toBe(synced);
  });
});
