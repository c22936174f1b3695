/**
 * The order pull's checkpoint follows the store's clock on REST too (test/sync/order-pull-clock.test.ts
 * is the SOAP side): REST lists by the store's `modified` stamps, so a shop PC whose clock is off the
 * store's must still get every order placed after a pull.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import type { JobContext } from '../../electron/engine/sync/ports.ts';
import { restClient, startRestEmulator, virtualClock } from './helpers.ts';

const MINUTE = 60_000;
const open: Array<{ emu: RunningEmulator; db: PonteDb; dir: string; close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.db.close();
    await o.close();
    await o.emu.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

/** A store on the virtual clock and a Ponte whose clock is `skewMs` off it. */
const setup = async (skewMs: number) => {
  const clock = virtualClock(Date.parse('2026-11-20T12:00:00'));
  const emu = await startRestEmulator(clock, { seed: 11, orders: 6 });
  const { adapter } = restClient(emu, clock);
  const pcNow = () => new Date(clock.ms + skewMs);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-rest-clock-'));
  const db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now: pcNow });
  open.push({ emu, db, dir, close: () => adapter.close() });
  const ctx: JobContext = {
    db,
    store: adapter,
    settings: () => DEFAULT_SETTINGS,
    now: pcNow,
    emit: () => {},
    log: () => {},
  };
  return { emu, db, ctx, clock };
};

describe('order pull over REST with the PC clock off the store’s', () => {
  it.each([
    ['two hours ahead', 2 * 60 * MINUTE],
    ['on time', 0],
    ['an hour behind', -60 * MINUTE],
  ])('a PC clock %s gets every order placed after a pull', async (_label, skew) => {
    const { emu, db, ctx, clock } = await setup(skew);
    await runOrderPull(ctx);
    const before = db.orderCounts().orders;
    expect(before).toBeGreaterThan(0);

    clock.advance(MINUTE);
    const placed = emu.store.placeOrders(2);
    // A PC behind the store sees an order only once its own clock has passed the order's time.
    if (skew < 0) clock.advance(-skew);
    const next = await runOrderPull(ctx);
    expect(next.newOrderIds.sort()).toEqual([...placed].sort());
    expect(db.orderCounts().orders).toBe(before + 2);
  });
});
