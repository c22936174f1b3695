/**
 * #12 defect 5: under restarts the order pull made no progress — every life downloaded again the
 * items, customer and installments of orders already saved, and each life's budget started afresh.
 * An order saved and unchanged must cost one acknowledgement; the pacing window survives a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorStore } from '../../electron/emulator/index.ts';
import { dbPacingMemory } from '../../electron/engine/pacing-memory.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { runOrderPull, unchangedSinceStored } from '../../electron/engine/sync/jobs/order-pull.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';
import { Pacer } from '../../electron/engine/tray/pacing.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';
import { flushMicrotasks, manualClock } from '../support/manual-clock.ts';

class LostAck extends Error {
  readonly kind = 'outcome_unknown';
}

const dirs: string[] = [];
const dbs: PonteDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-pull-progress-'));
  dirs.push(dir);
  return dir;
};

const setup = () => {
  const clock = Date.parse('2026-11-20T12:00:00Z');
  const now = () => new Date(clock);
  const store = new EmulatorStore({ seed: 7, orders: 8, now });
  const db = openPonteDb(path.join(tempDir(), 'ponte.sqlite'), { now });
  dbs.push(db);
  const calls: string[] = [];
  let loseAcks = false;
  const tray: TrayPort = {
    call: async (name, args) => {
      calls.push(name);
      if (name === 'fWSAtualizaListaToDo' && loseAcks) throw new LostAck('resposta perdida');
      return store.call(name, (args as readonly unknown[]).map(String)) as never;
    },
  };
  const ctx: JobContext = { db, store: new SoapStoreAdapter(tray), settings: () => DEFAULT_SETTINGS, now, emit: () => {}, log: () => {} };
  const pending = () => [...store.orders.values()].filter((o) => o.pending).map((o) => o.order.id_pedido);
  const countOf = (name: string) => calls.filter((c) => c === name).length;
  return { store, db, ctx, calls, pending, countOf, loseAcks: (v: boolean) => (loseAcks = v) };
};

describe('order pull under restarts (#12 defect 5)', () => {
  it('an order already saved and unchanged costs one acknowledgement, no download', async () => {
    const { ctx, db, calls, pending, countOf, loseAcks } = setup();
    const listed = pending().length;
    expect(listed).toBeGreaterThan(2);
    // A life that saved every order and died before any acknowledgement reached the store.
    loseAcks(true);
    expect((await runOrderPull(ctx)).counts.created).toBe(listed);
    expect(pending()).toHaveLength(listed);
    calls.length = 0;
    loseAcks(false);

    const again = await runOrderPull(ctx);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: listed, failed: 0 });
    expect(countOf('fWSImportaPedidos')).toBe(1);
    expect(countOf('fWSAtualizaListaToDo')).toBe(listed);
    expect(calls.length).toBe(1 + listed); // one list call, then one acknowledgement per order
    expect(pending()).toEqual([]);
    expect(db.orderCounts().orders).toBe(listed);
  });

  it('an order that changed in the store is downloaded again', async () => {
    const { ctx, store, db, countOf, calls, pending, loseAcks } = setup();
    loseAcks(true);
    await runOrderPull(ctx);
    loseAcks(false);
    const [id] = pending();
    const order = store.orders.get(id!)!;
    order.order.data_modificacao = '2026-11-20 11:59:00';
    order.order.total += 10;
    calls.length = 0;
    const again = await runOrderPull(ctx);
    expect(again.counts.updated).toBe(1);
    expect(countOf('fWSImportaItensPedidoPorId')).toBe(1);
    expect(db.getOrder(id!)?.total).toBe(order.order.total);
  });

  it('unchangedSinceStored compares what the list entry carries', () => {
    const header: Parameters<typeof unchangedSinceStored>[0] = {
      id: 1,
      modifiedAt: '2026-11-20T10:05:00',
      statusId: 2,
      statusName: 'A ENVIAR',
      amounts: { total: 100, subtotal: 90, shipping: 10, discount: 0 },
      trackingCode: '',
    };
    // Stored before the store port, in SOAP's own "YYYY-MM-DD HH:MM:SS": the same moment.
    const stored = { modifiedAt: '2026-11-20 10:05:00', statusId: 2, statusName: 'A ENVIAR', total: 100, subtotal: 90, shipping: 10, discount: 0, trackingCode: 'PN1BR' };
    expect(unchangedSinceStored(header, stored)).toBe(true);
    expect(unchangedSinceStored(header, { ...stored, modifiedAt: '2026-11-20T10:05:00' })).toBe(true);
    expect(unchangedSinceStored(header, null)).toBe(false);
    expect(unchangedSinceStored({ ...header, statusId: 3 }, stored)).toBe(false);
    expect(unchangedSinceStored({ ...header, statusName: 'ENVIADO' }, stored)).toBe(false);
    expect(unchangedSinceStored({ ...header, modifiedAt: '2026-11-20T10:06:00' }, stored)).toBe(false);
    expect(unchangedSinceStored({ ...header, amounts: { total: 101, subtotal: 90, shipping: 10, discount: 0 } }, stored)).toBe(false);
    expect(unchangedSinceStored({ ...header, amounts: { total: 100, subtotal: 90, shipping: 10, discount: 5 } }, stored)).toBe(false);
    expect(unchangedSinceStored({ ...header, trackingCode: 'OTHER' }, stored)).toBe(false);
    expect(unchangedSinceStored({ ...header, trackingCode: 'PN1BR' }, stored)).toBe(true);
    // A REST list entry carries no amounts nor code, and may lack the status id: what it carries is compared.
    const rest = { id: 1, modifiedAt: '2026-11-20T10:05:00', statusId: null, statusName: 'A ENVIAR' };
    expect(unchangedSinceStored(rest, stored)).toBe(true);
    expect(unchangedSinceStored({ ...rest, statusName: 'ENVIADO' }, stored)).toBe(false);
  });
});


describe('pacing window across restarts (#12 defect 5)', () => {
  it('an engine restarted within the minute resumes the budget from the database', async () => {
    const file = path.join(tempDir(), 'ponte.sqlite');
    const time = manualClock(1_000_000);
    const store = 'https://loja.example/ws#1';
    // Life 1 spends the minute's budget (5 calls) and is killed.
    let db = openPonteDb(file);
    const first = new Pacer({ poolSize: 10, perMinute: 5, now: time.now, sleep: time.sleep, restoredStarts: dbPacingMemory(db, store).load(), onStarts: (s) => dbPacingMemory(db, store).save(s) });
    let started = 0;
    for (let i = 0; i < 5; i++) void first.acquire().then((release) => (started++, release()));
    await flushMicrotasks();
    expect(started).toBe(5);
    db.close();

    // Life 2, 10 s later: nothing may start before the first life's calls leave the window.
    await time.advance(10_000);
    db = openPonteDb(file);
    dbs.push(db);
    const memory = dbPacingMemory(db, store);
    const second = new Pacer({ poolSize: 10, perMinute: 5, now: time.now, sleep: time.sleep, restoredStarts: memory.load(), onStarts: (s) => memory.save(s) });
    let later = 0;
    for (let i = 0; i < 3; i++) void second.acquire().then((release) => (later++, release()));
    await flushMicrotasks();
    expect(later).toBe(0);
    await time.advance(49_999);
    expect(later).toBe(0);
    await time.advance(1);
    expect(later).toBe(3);
    // Another store's window is not this one's.
    expect(dbPacingMemory(db, 'https://outra.example/ws#2').load()).toEqual([]);
  });

  it('a small burst spreads the budget, so a restarted engine finds room within seconds', async () => {
    const time = manualClock(0);
    const pacer = new Pacer({ poolSize: 10, perMinute: 60, burst: 3, now: time.now, sleep: time.sleep });
    let started = 0;
    for (let i = 0; i < 10; i++) void pacer.acquire().then((release) => (started++, release()));
    await flushMicrotasks();
    expect(started).toBe(3);
    await time.advance(1_000);
    expect(started).toBe(4);
    await time.advance(2_000);
    expect(started).toBe(6);
    const restarted = new Pacer({ poolSize: 10, perMinute: 60, burst: 3, now: time.now, sleep: time.sleep, restoredStarts: pacer.recentStarts });
    let after = 0;
    void restarted.acquire().then((release) => (after++, release()));
    await flushMicrotasks();
    expect(after).toBe(0);
    await time.advance(1_000);
    expect(after).toBe(1);
  });
});
