/**
 * The store filters its order list on its own clock; a shop PC's clock is often wrong. A PC running
 * ahead by more than the pull's overlap used to move the checkpoint past orders placed right after a
 * pull, so they were never listed (and never reached Ponte). The checkpoint follows the store's time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorStore } from '../../electron/emulator/index.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { nextCheckpoint, runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';
import type { TrayOrder } from '../../electron/engine/tray/operations.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';
import { mapSoapHeader } from '../../electron/engine/store-port/soap-map.ts';

const dirs: string[] = [];
const dbs: PonteDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const MINUTE = 60_000;

/** A store on its own clock and a Ponte whose clock is `skewMs` off it. */
const setup = (skewMs: number) => {
  let storeTime = Date.parse('2026-11-20T12:00:00');
  const store = new EmulatorStore({ seed: 11, orders: 6, now: () => new Date(storeTime) });
  const pcNow = () => new Date(storeTime + skewMs);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-pull-clock-'));
  dirs.push(dir);
  const db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now: pcNow });
  dbs.push(db);
  const tray: TrayPort = { call: async (name, args) => store.call(name, (args as readonly unknown[]).map(String)) as never };
  const ctx: JobContext = { db, store: new SoapStoreAdapter(tray), settings: () => DEFAULT_SETTINGS, now: pcNow, emit: () => {}, log: () => {} };
  return { store, db, ctx, advance: (ms: number) => (storeTime += ms) };
};

describe('order pull with the PC clock off the store’s', () => {
  it.each([
    ['two hours ahead', 2 * 60 * MINUTE],
    ['on time', 0],
    ['an hour behind', -60 * MINUTE],
  ])('a PC clock %s gets every order placed after a pull', async (_label, skew) => {
    const { store, db, ctx, advance } = setup(skew);
    await runOrderPull(ctx);
    const before = db.orderCounts().orders;
    expect(before).toBeGreaterThan(0);

    advance(MINUTE);
    const placed = store.placeOrders(2);
    // A PC behind the store sees an order only once its own clock has passed the order's time.
    if (skew < 0) advance(-skew);
    const next = await runOrderPull(ctx);
    expect(next.newOrderIds.sort()).toEqual([...placed].sort());
    expect(db.orderCounts().orders).toBe(before + 2);
  });

  it('nextCheckpoint takes the newest change listed, never later than the window, and keeps the old one when nothing was listed', () => {
    const window = { from: new Date('2026-11-20T09:00:00'), to: new Date('2026-11-20T14:00:00') };
    // The store's list entries as the SOAP adapter maps them (its date forms become local ISO).
    const order = (data_modificacao: string, data = '2026-11-19', hora = '08:00:00') => mapSoapHeader({ id_pedido: 1, data, hora, data_modificacao } as TrayOrder);
    expect(nextCheckpoint([order('2026-11-20 11:30:00'), order('2026-11-20 12:10:05')], window, null)).toBe(new Date('2026-11-20T12:10:05').toISOString());
    // No modification time: the order's own date and time.
    expect(nextCheckpoint([order('', '2026-11-20', '10:15:00')], window, null)).toBe(new Date('2026-11-20T10:15:00').toISOString());
    // A store stamp past the PC's window end (the PC is behind) does not push the window ahead.
    expect(nextCheckpoint([order('2026-11-20 15:00:00')], window, null)).toBe(window.to.toISOString());
    expect(nextCheckpoint([], window, '2026-11-20T08:00:00.000Z')).toBe('2026-11-20T08:00:00.000Z');
    expect(nextCheckpoint([], window, null)).toBeNull();
    expect(nextCheckpoint([order('não é data', 'também não')], window, '2026-11-20T08:00:00.000Z')).toBe('2026-11-20T08:00:00.000Z');
  });

  it('nextCheckpoint after a listing with a day missing: up to the newest change before it, and never back', () => {
    const window = { from: new Date('2026-11-10T00:00:00'), to: new Date('2026-11-20T14:00:00') };
    const order = (data_modificacao: string) => mapSoapHeader({ id_pedido: 1, data: '2026-11-01', hora: '08:00:00', data_modificacao } as TrayOrder);
    const listed = [order('2026-11-12 10:00:00'), order('2026-11-18 09:00:00')];
    const missingFrom = '2026-11-15T00:00:00';
    const at = (local: string) => new Date(local).toISOString();
    // Nothing vouched for after the missing day: the change of the 18th is not taken.
    expect(nextCheckpoint(listed, window, null, missingFrom)).toBe(at('2026-11-12T10:00:00'));
    expect(nextCheckpoint(listed, window, at('2026-11-11T00:00:00'), missingFrom)).toBe(at('2026-11-12T10:00:00'));
    // The last checkpoint covered more than this listing vouches for: it stays.
    expect(nextCheckpoint(listed, window, at('2026-11-13T00:00:00'), missingFrom)).toBe(at('2026-11-13T00:00:00'));
    // A whole listing moves the checkpoint to what it saw, back too (the window's overlap re-reads).
    expect(nextCheckpoint(listed, window, at('2026-11-19T00:00:00'))).toBe(at('2026-11-18T09:00:00'));
  });
});
