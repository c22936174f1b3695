/**
 * Edges of requestOrderUpdates' tracking answers ('new' / 'joined' / 'already') and of drainOutbox's
 * summary, against the emulator's store, counted on its own write log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { EmulatorStore } from '../../electron/emulator/index.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { drainOutbox, requestOrderUpdates } from '../../electron/engine/sync/jobs/push.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';
import type { JobContext } from '../../electron/engine/sync/ports.ts';
import { scriptedTray, type Script, pullAndPick as pickPulledOrder } from '../support/scripted-tray.ts';
import { OutcomeUnknownError, RejectedError } from '../../electron/engine/tray/errors.ts';
import { s10CheckDigit } from '../../shared/br/tracking.ts';

const code = (digits: string) => `PN${digits}${s10CheckDigit(digits)}BR`;

describe('push edges', () => {
  let dir: string;
  let db: PonteDb;
  let clock: number;
  let store: EmulatorStore;
  let script: Script;
  let ctx: JobContext;
  let logs: [string, string, string][];
  let events: unknown[];

  beforeEach(() => {
    clock = Date.parse('2026-11-20T12:00:00Z');
    const now = () => new Date(clock);
    store = new EmulatorStore({ seed: 4, orders: 12, now });
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-pushedges-'));
    db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now });
    script = (_op, _args, apply) => apply();
    logs = [];
    events = [];
    const tray = scriptedTray(store, () => script);
    ctx = { db, store: new SoapStoreAdapter(tray), settings: () => ({ ...DEFAULT_SETTINGS, statusMapping: demoStatusMapping() }), now, emit: (e) => events.push(e), log: (level, job, message) => logs.push([level, job, message]) };
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pullAndPick = () => pickPulledOrder(ctx, store);

  it('the same tracking code again joins the queued push, then is "already" once sent', async () => {
    const id = await pullAndPick();
    const typed = code('12121212');
    const [first] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    const [again] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    expect(first?.changes).toEqual([{ kind: 'tracking', result: 'new', outboxId: first!.outboxIds[0] }]);
    expect(again).toMatchObject({ ok: true, outboxIds: [] });
    expect(again?.changes).toEqual([{ kind: 'tracking', result: 'joined', outboxId: first!.outboxIds[0] }]);
    const run = await drainOutbox(ctx);
    expect(run.counts).toMatchObject({ done: 1, already: 0, retry: 0, failed: 0 });
    const [done] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    expect(done?.changes).toEqual([{ kind: 'tracking', result: 'already', outboxId: null }]);
    expect(db.listOutbox()).toHaveLength(1);
    expect(store.orderWrites.get(id)?.tracking).toBe(1);
  });

  it('the same code again joins its queued push even when a pull meanwhile showed the store’s code on the order', async () => {
    const id = await pullAndPick();
    const typed = code('13131313');
    const [first] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    // A pull brings what the store still has (another code) while the push waits.
    db.setOrderTracking(id, { trackingCode: code('24242424') });
    const [again] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    expect(again?.changes).toEqual([{ kind: 'tracking', result: 'joined', outboxId: first!.outboxIds[0] }]);
    await drainOutbox(ctx);
    expect(store.orderWrites.get(id)?.tracking).toBe(1);
    expect(store.orders.get(id)?.order.codigo_rastreio).toBe(typed);
  });

  it('a different code while one is queued is a new push; after a discard the same code is new again', async () => {
    const id = await pullAndPick();
    const a = code('31313131');
    const b = code('42424242');
    const [first] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: a }]);
    const [other] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: b }]);
    expect(other?.changes).toEqual([{ kind: 'tracking', result: 'new', outboxId: other!.outboxIds[0] }]);
    expect(other!.outboxIds[0]).not.toBe(first!.outboxIds[0]);
    db.discard(other!.outboxIds[0]!);
    const [retyped] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: b }]);
    expect(retyped?.changes.map((c) => c.result)).toEqual(['new']);
    await drainOutbox(ctx);
    expect(store.order(id)!.order.codigo_rastreio).toBe(b);
  });

  it('a tracking write whose answer is lost counts as to retry, is logged, and is read back before the next try', async () => {
    const id = await pullAndPick();
    const typed = code('52525252');
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    const summary = db.listOutbox()[0]!.summary;
    script = (op, args, apply) => {
      if (op !== 'fWSAtualizaRastreioPedido') return apply();
      apply();
      throw new OutcomeUnknownError(op, args, 'conexão encerrada');
    };
    const first = await drainOutbox(ctx);
    expect(first.counts).toMatchObject({ unknown: 1, retry: 0, done: 0 });
    expect(first.message).toBe('Envios à loja: 0 concluídos, 0 já estavam na loja, 1 para tentar de novo, 0 falharam.');
    expect(logs.map(([level, job]) => [level, job])).toEqual([['warn', 'tracking']]);
    expect(logs[0]?.[2]).toMatch(new RegExp(`^${summary}: .*conexão encerrada`));

    script = (_op, _args, apply) => apply();
    logs = [];
    clock += 3_600_000;
    const second = await drainOutbox(ctx);
    expect(second.counts).toMatchObject({ already: 1, done: 0 });
    expect(logs).toHaveLength(1);
    expect(logs[0]?.slice(0, 2)).toEqual(['info', 'tracking']);
    expect(logs[0]?.[2].startsWith(`${summary}: `)).toBe(true);
    expect(logs[0]![2].length).toBeGreaterThan(summary.length + 2);
    expect(store.orderWrites.get(id)?.tracking).toBe(1);
    expect(db.getOrder(id)!.pushes.map((p) => p.state)).toEqual(['done']);
  });

  it('a refused tracking write fails at once: an error log and a failure event naming the push', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code('63636363') }]);
    const summary = db.listOutbox()[0]!.summary;
    script = (op, _args, apply) => {
      if (op === 'fWSAtualizaRastreioPedido') throw new RejectedError(op, 'Campo inválido: codigo_rastreio', 'SOAP-ENV:Client');
      return apply();
    };
    const run = await drainOutbox(ctx);
    expect(run).toMatchObject({ result: 'partial', errorCount: 1, counts: { failed: 1 } });
    expect(logs.map(([level, job]) => [level, job])).toEqual([['error', 'tracking']]);
    expect(logs[0]?.[2]).toMatch(/Campo inválido: codigo_rastreio/);
    expect(events).toContainEqual({ type: 'failure', job: 'tracking', cause: 'push:rejected', message: expect.stringMatching(new RegExp(`^${summary}: .*Campo inválido`)) as unknown });
  });
});
