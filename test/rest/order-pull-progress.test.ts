/**
 * The REST order pull makes progress when part of the listing fails. REST lists a large window day
 * by day; one day failing for good used to fail the whole pull (nothing committed, the checkpoint
 * never moved: the REST fault soak got 0 orders). Now the orders of the other days are committed,
 * the checkpoint stops before the failed day (never past an unread order), and the next run lists
 * from there. A window whose changes fit one page costs one call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { RestStoreAdapter } from '../../electron/engine/rest/adapter.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { metaRecord } from '../../electron/engine/store/meta.ts';
import { IncompleteListingError } from '../../electron/engine/store-port/listing.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import type { JobContext } from '../../electron/engine/sync/ports.ts';
import { calls, localIso, restClient, startRestEmulator, virtualClock } from './helpers.ts';

const checkpoint = metaRecord('orders.checkpoint', z.string().datetime());
const open: Array<{ emu: RunningEmulator; db: PonteDb; dir: string; adapter: RestStoreAdapter }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.db.close();
    await o.adapter.close();
    await o.emu.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

/** A store of 150 orders over many days; `failing` days answer HTTP 500 to every listing of them. */
const setup = async () => {
  const clock = virtualClock(Date.parse('2026-11-20T12:00:00'));
  const emu = await startRestEmulator(clock, { orders: 150 });
  const failing = new Set<string>();
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/orders') && failing.has(url.searchParams.get('modified') ?? '')) {
      return new Response(JSON.stringify({ message: 'Internal Server Error', causes: ['falha'], code: 500 }), { status: 500, headers: { 'content-type': 'application/json' } });
    }
    return globalThis.fetch(input, init);
  };
  const { client, adapter } = restClient(emu, clock, { fetch });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-rest-progress-'));
  const db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now: clock.date });
  open.push({ emu, db, dir, adapter });
  const logs: string[] = [];
  const entries: Array<{ level: string; job: string; message: string }> = [];
  const ctx: JobContext = {
    db, store: adapter, settings: () => DEFAULT_SETTINGS, now: clock.date, emit: () => {},
    log: (level, job, message) => {
      logs.push(message);
      entries.push({ level, job, message });
    },
  };
  const modified = (id: number) => emu.store.order(id)!.order.data_modificacao.replace(' ', 'T');
  const ids = () => [...emu.store.orders.keys()];
  return { clock, emu, db, ctx, adapter, client, failing, logs, entries, modified, ids };
};

describe('REST order pull under a failing day', () => {
  it('commits the orders of the other days, keeps the checkpoint before the failed day, and resumes from there', async () => {
    const { clock, emu, db, ctx, failing, logs, entries, modified, ids } = await setup();
    // A day in the middle of the window with orders on both sides of it.
    const days = [...new Set(ids().map((id) => modified(id).slice(0, 10)))].sort();
    expect(days.length).toBeGreaterThan(4);
    const bad = days[Math.floor(days.length / 2)]!;
    failing.add(bad);
    const ofBad = ids().filter((id) => modified(id).startsWith(bad));
    const before = ids().filter((id) => modified(id) < `${bad}T00:00:00`);
    const after = ids().filter((id) => modified(id) > `${bad}T23:59:59`);
    expect(ofBad.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);

    const first = await runOrderPull(ctx);
    expect(first.result).toBe('partial');
    expect(first.errorCount).toBe(1);
    // Every order of the other days is in Ponte, none of the failed day's.
    for (const id of [...before, ...after]) expect(db.orderHeaderOf(id), `order ${id}`).not.toBeNull();
    for (const id of ofBad) expect(db.orderHeaderOf(id), `order ${id}`).toBeNull();
    // The checkpoint: the newest change before the failed day, never past it.
    const newestBefore = before.map(modified).sort().at(-1)!;
    expect(checkpoint.load(db)).toBe(new Date(newestBefore).toISOString());
    expect(first.message).toContain(`${bad.slice(8, 10)}/${bad.slice(5, 7)}/${bad.slice(0, 4)} 00:00`);
    expect(logs.some((m) => m.includes('não veio inteira') && m.includes('HTTP 500'))).toBe(true);
    // In Atividade as the order pull's error.
    expect(entries.find((e) => e.message.includes('não veio inteira'))).toMatchObject({ level: 'error', job: 'orders' });

    // The store is back: the next run lists from the checkpoint on and gets the rest.
    failing.clear();
    clock.advance(60_000);
    emu.resetStats();
    const second = await runOrderPull(ctx);
    expect(second.result).toBe('ok');
    expect(second.counts.created).toBe(ofBad.length);
    for (const id of ofBad) expect(db.orderHeaderOf(id)).not.toBeNull();
    // Only the orders not yet in Ponte were downloaded.
    expect(calls(emu, 'rest:GET /orders/:id/complete')).toBe(ofBad.length);
    const newest = ids().map(modified).sort().at(-1)!;
    expect(checkpoint.load(db)).toBe(new Date(newest).toISOString());
  });

  it('a failed first day keeps the checkpoint where it was (nothing vouched for), still commits the rest', async () => {
    const { db, ctx, failing, modified, ids } = await setup();
    const window = { from: localIso(new Date(Date.parse('2026-11-20T12:00:00') - 30 * 86_400_000)) };
    failing.add(window.from.slice(0, 10));
    // Orders on the window's first day, if any, are unread; every later one is committed.
    const r = await runOrderPull(ctx);
    expect(r.result).toBe('partial');
    expect(checkpoint.load(db)).toBeNull();
    const later = ids().filter((id) => modified(id) >= `${window.from.slice(0, 10)}T23:59:59` && modified(id) >= window.from);
    expect(later.length).toBeGreaterThan(50);
    for (const id of later) expect(db.orderHeaderOf(id)).not.toBeNull();
  });

  it('a listing with every day missing is a failed run, not a partial one, and vouches for nothing', async () => {
    const { clock, db, ctx, failing, ids } = await setup();
    for (let t = clock.ms - 60 * 86_400_000; t <= clock.ms + 86_400_000; t += 86_400_000) failing.add(localIso(new Date(t)).slice(0, 10));
    const r = await runOrderPull(ctx);
    expect(r.result).toBe('failed');
    expect(r.errorCount).toBe(1);
    expect(checkpoint.load(db)).toBeNull();
    for (const id of ids()) expect(db.orderHeaderOf(id)).toBeNull();
  });

  it('the adapter lists the other days and names the start of the first missing one', async () => {
    const { clock, adapter, failing, modified, ids } = await setup();
    const window = { from: localIso(new Date(clock.ms - 30 * 86_400_000)), to: localIso(clock.date()) };
    const days = [...new Set(ids().map((id) => modified(id).slice(0, 10)))].sort();
    const [a, b] = [days[2]!, days[4]!];
    failing.add(a).add(b);
    const error = (await adapter.listChangedOrders(window).catch((e: unknown) => e)) as IncompleteListingError;
    expect(error).toBeInstanceOf(IncompleteListingError);
    expect(error.kind).toBe('transient');
    expect(error.listedBefore).toBe(`${a}T00:00:00`);
    const expected = ids().filter((id) => modified(id) >= window.from && !modified(id).startsWith(a) && !modified(id).startsWith(b));
    expect(error.good.map((h) => h.id).sort()).toEqual(expected.sort());
    // Oldest change first.
    expect(error.good.map((h) => h.modifiedAt)).toEqual([...error.good.map((h) => h.modifiedAt)].sort());
  });

  it('a window whose changes fit one page is one call, however many days it spans', async () => {
    const clock = virtualClock(Date.parse('2026-11-20T12:00:00'));
    const emu = await startRestEmulator(clock, { orders: 30 });
    const { adapter } = restClient(emu, clock);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-rest-progress-'));
    const db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now: clock.date });
    open.push({ emu, db, dir, adapter });
    const ctx: JobContext = { db, store: adapter, settings: () => DEFAULT_SETTINGS, now: clock.date, emit: () => {}, log: () => {} };
    const r = await runOrderPull(ctx); // a first pull: 30 days back
    expect(r.result).toBe('ok');
    expect(r.counts.created).toBeGreaterThan(0);
    expect(calls(emu, 'rest:GET /orders')).toBe(1);
    clock.advance(2 * 86_400_000); // the PC was off for two days: the window spans three
    emu.resetStats();
    await runOrderPull(ctx);
    expect(calls(emu, 'rest:GET /orders')).toBe(1);
  });
});
