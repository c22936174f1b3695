/**
 * Behaviour of push.ts that its mutation run found unpinned: what the store received (the scripted
 * emulator's call log and its own state), what the outbox row ends as, what is logged and emitted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { EmulatorStore, STATUS } from '../../electron/emulator/index.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import { drainOutbox, requestOrderUpdates } from '../../electron/engine/sync/jobs/push.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';
import type { StorePort } from '../../electron/engine/store-port/port.ts';
import type { JobContext } from '../../electron/engine/sync/ports.ts';
import { resolveStoreStatus } from '../../electron/engine/sync/status-map.ts';
import { scriptedTray, type Script } from '../support/scripted-tray.ts';
import { AuthError, MalformedAnswerError, OutcomeUnknownError, RejectedError, TransientError, UnsupportedOperationError } from '../../electron/engine/tray/errors.ts';
import { s10CheckDigit } from '../../shared/br/tracking.ts';

const code = (digits: string) => `PN${digits}${s10CheckDigit(digits)}BR`;
const lost = (op: string, args: readonly unknown[]) => new OutcomeUnknownError(op, args, 'conexão encerrada');
const STATUS_WRITE = 'fWSAtualizaStatusPedido';
const TRACKING_WRITE = 'fWSAtualizaRastreioPedido';

describe('push behaviours pinned for mutation testing', () => {
  let dir: string;
  let db: PonteDb;
  let clock: number;
  let store: EmulatorStore;
  let script: Script;
  let calls: string[];
  let ctx: JobContext;
  let logs: [string, string, string][];
  let events: unknown[];
  let picking: number;

  beforeEach(() => {
    clock = Date.parse('2026-11-20T12:00:00Z');
    const now = () => new Date(clock);
    store = new EmulatorStore({ seed: 4, orders: 24, now });
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-pushmut-'));
    db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now });
    script = (_op, _args, apply) => apply();
    calls = [];
    logs = [];
    events = [];
    const tray = scriptedTray(store, () => (op, args, apply) => {
      calls.push(op);
      return script(op, args, apply);
    });
    const settings = { ...DEFAULT_SETTINGS, statusMapping: demoStatusMapping() };
    const resolved = resolveStoreStatus(settings.statusMapping, 'em_separacao');
    if (!resolved.ok) throw new Error('em_separacao is not mapped in the demo mapping');
    picking = resolved.storeStatusId;
    ctx = { db, store: new SoapStoreAdapter(tray), settings: () => settings, now, emit: (e) => events.push(e), log: (level, job, message) => logs.push([level, job, message]) };
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pulled = async () => {
    await runOrderPull(ctx);
    const ids = [...store.orders.values()].filter((o) => o.order.id_status === STATUS.awaitingPayment && db.getOrder(o.order.id_pedido)).map((o) => o.order.id_pedido);
    if (ids.length === 0) throw new Error('no order awaiting payment in the seed');
    return ids;
  };
  const pullAndPick = async () => (await pulled())[0]!;
  /** Runs a drain with fresh call, log and event records, as a merchant's next sync would. */
  const drain = async (kinds?: Parameters<typeof drainOutbox>[1]) => {
    calls = [];
    logs = [];
    events = [];
    return drainOutbox(ctx, kinds);
  };
  const later = () => {
    clock += 3_600_000;
  };
  const emailsOf = (id: number) => store.emails.filter((e) => e.id_pedido === id).map((e) => e.id_status);
  const writes = (id: number) => store.orderWrites.get(id) ?? { status: 0, tracking: 0, ack: 0 };

  it('a status asked for again while its push is being sent joins that push', async () => {
    const id = await pullAndPick();
    const [first] = requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const writing = new Promise<void>((r) => (reached = r));
    script = (op, _args, apply) => {
      if (op !== STATUS_WRITE) return apply();
      reached();
      return gate.then(apply);
    };
    const run = drain();
    await writing;
    const [again] = requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    expect(again).toMatchObject({ ok: true, outboxIds: [] });
    expect(again?.changes).toEqual([{ kind: 'status', result: 'joined', outboxId: first!.outboxIds[0] }]);
    release();
    await run;
    expect(db.listOutbox()).toHaveLength(1);
    expect(emailsOf(id)).toEqual([picking]);
  });

  it('a status asked for again after its answer was lost joins that push; the store gets one write', async () => {
    const id = await pullAndPick();
    const [first] = requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    script = (op, args, apply) => {
      if (op !== STATUS_WRITE) return apply();
      apply();
      throw lost(op, args);
    };
    await drain();
    expect(db.getOutboxEntry(first!.outboxIds[0]!)?.state).toBe('outcome_unknown');
    const [again] = requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    expect(again?.changes).toEqual([{ kind: 'status', result: 'joined', outboxId: first!.outboxIds[0] }]);
    script = (_op, _args, apply) => apply();
    later();
    await drain();
    expect(db.listOutbox().map((e) => e.state)).toEqual(['done']);
    expect(writes(id).status).toBe(1);
    expect(emailsOf(id)).toEqual([picking]);
  });

  it('a refused tracking code typed again joins the failed push (to be retried), it is not "already"', async () => {
    const id = await pullAndPick();
    const typed = code('71717171');
    const [first] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    script = (op, _args, apply) => {
      if (op === TRACKING_WRITE) throw new RejectedError(op, 'Campo inválido: codigo_rastreio', 'SOAP-ENV:Client');
      return apply();
    };
    await drain();
    expect(db.getOutboxEntry(first!.outboxIds[0]!)?.state).toBe('failed');
    const [again] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    expect(again).toMatchObject({ ok: true, outboxIds: [] });
    expect(again?.changes).toEqual([{ kind: 'tracking', result: 'joined', outboxId: first!.outboxIds[0] }]);
  });

  it('a code the store already showed when the order was pulled is "already": nothing is queued or written', async () => {
    const typed = code('81818181');
    const target = [...store.orders.values()].find((o) => o.order.id_status === STATUS.awaitingPayment)!;
    target.order.codigo_rastreio = typed;
    const id = target.order.id_pedido;
    await runOrderPull(ctx);
    expect(db.getOrder(id)?.trackingCode).toBe(typed);
    const [again] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    expect(again).toMatchObject({ ok: true, outboxIds: [], changes: [{ kind: 'tracking', result: 'already', outboxId: null }] });
    expect(db.listOutbox()).toEqual([]);
    await drain();
    expect(writes(id).tracking).toBe(0);
  });

  it('Fila shows a status push as e-mailing the shopper and a tracking push as not', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code('91919191'), status: 'em_separacao' }]);
    expect(db.listOutbox().map((e) => [e.kind, e.emailsShopper]).sort()).toEqual([
      ['status', true],
      ['tracking', false],
    ]);
  });

  it('a drain of stock only sends no status or tracking push and reads nothing of the order', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code('10101010'), status: 'em_separacao' }]);
    const run = await drain(['stock']);
    expect(run.counts).toMatchObject({ done: 0, already: 0, failed: 0 });
    expect(calls).toEqual([]);
    expect(db.listOutbox().map((e) => [e.state, e.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(store.order(id)!.order.id_status).toBe(STATUS.awaitingPayment);
    await drain();
    expect(store.order(id)!.order.id_status).toBe(picking);
  });

  it('a drain tells the UI the outbox changed', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code('20202020') }]);
    await drain();
    expect(events).toContainEqual({ type: 'outbox-changed' });
  });

  it('the store refusing the credentials stops the drain after the batch in flight and names the cause', async () => {
    await runOrderPull(ctx);
    const ids = [...store.orders.keys()].filter((id) => db.getOrder(id));
    expect(ids.length).toBeGreaterThanOrEqual(17);
    const chosen = ids.slice(0, 17);
    chosen.forEach((id, i) => requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code(String(30000000 + i)) }]));
    const refusal = new AuthError('credentials', TRACKING_WRITE, 'senha recusada pela loja');
    script = (op, _args, apply) => {
      if (op === TRACKING_WRITE) throw refusal;
      return apply();
    };
    const run = await drain();
    expect(run.result).toBe('failed');
    expect(run.message).toContain(refusal.message);
    // 16 claimed at a time: the 17th is never tried.
    expect(calls.filter((op) => op === TRACKING_WRITE)).toHaveLength(16);
    expect(db.listOutbox().filter((e) => e.attempts === 0)).toHaveLength(1);
  });

  it('a status the store already shows is "already": no write, the order takes the store\'s status, an info log', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    const summary = db.listOutbox()[0]!.summary;
    store.storeChangesStatus(id, picking);
    const run = await drain();
    expect(run.counts).toMatchObject({ already: 1, done: 0, superseded: 0 });
    expect(writes(id).status).toBe(0);
    expect(db.getOrder(id)).toMatchObject({ statusId: picking, statusName: store.order(id)!.order.status });
    expect(logs).toEqual([['info', 'tracking', `${summary}: nada a enviar: a loja já tem esses dados`]]);
  });

  it('a status push written before pushes recorded their starting status is still sent', async () => {
    const id = await pullAndPick();
    db.enqueue({ kind: 'status', orderId: id, payload: { orderId: id, storeStatusId: picking, local: 'em_separacao' }, idempotencyKey: `legacy:${id}`, summary: 'Status: Em separação', emailsShopper: true });
    const run = await drain();
    expect(run.counts).toMatchObject({ done: 1, superseded: 0 });
    expect(store.order(id)!.order.id_status).toBe(picking);
    expect(emailsOf(id)).toEqual([picking]);
  });

  it('a first send of a tracking code is one write, no read-back, and logs nothing', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code('40404040') }]);
    const run = await drain();
    expect(run.counts).toMatchObject({ done: 1 });
    expect(calls).toEqual([TRACKING_WRITE]);
    expect(logs).toEqual([]);
  });

  it('a tracking write whose answer could not be read is retried after a read-back: one write, a warn log', async () => {
    const id = await pullAndPick();
    const typed = code('50505050');
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    const summary = db.listOutbox()[0]!.summary;
    const unreadable = new MalformedAnswerError(TRACKING_WRITE, 'resposta sem retorno');
    script = (op, _args, apply) => {
      if (op !== TRACKING_WRITE) return apply();
      apply();
      throw unreadable;
    };
    const first = await drain();
    expect(first.counts).toMatchObject({ retry: 1 });
    expect(db.listOutbox()[0]?.state).toBe('pending');
    expect(logs).toEqual([['warn', 'tracking', `${summary}: ${unreadable.message}`]]);
    script = (_op, _args, apply) => apply();
    later();
    const second = await drain();
    expect(second.counts).toMatchObject({ already: 1, done: 0 });
    expect(writes(id).tracking).toBe(1);
  });

  it('a tracking write lost before it reached the store is written on the retry', async () => {
    const id = await pullAndPick();
    const typed = code('60606060');
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    script = (op, args, apply) => {
      if (op === TRACKING_WRITE) throw lost(op, args);
      return apply();
    };
    await drain();
    script = (_op, _args, apply) => apply();
    later();
    const run = await drain();
    expect(run.counts).toMatchObject({ done: 1, already: 0 });
    expect(store.order(id)!.order.codigo_rastreio).toBe(typed);
    expect(writes(id).tracking).toBe(1);
  });

  it('the read-back matches a code the store keeps with spaces and in lower case', async () => {
    const id = await pullAndPick();
    const typed = code('70707070');
    const soap = ctx.store;
    const raw = Object.create(soap) as StorePort;
    raw.readPushState = async (orderId) => {
      const state = await soap.readPushState(orderId);
      return { ...state, trackingCode: ` ${state.trackingCode.toLowerCase()} ` };
    };
    ctx = { ...ctx, store: raw };
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed }]);
    script = (op, args, apply) => {
      if (op !== TRACKING_WRITE) return apply();
      apply();
      throw lost(op, args);
    };
    await drain();
    script = (_op, _args, apply) => apply();
    later();
    const run = await drain();
    expect(run.counts).toMatchObject({ already: 1, done: 0 });
    expect(writes(id).tracking).toBe(1);
  });

  it('the shipping date and tracking link typed reach the store', async () => {
    const id = await pullAndPick();
    const typed = code('80808080');
    const url = `https://rastreamento.correios.com.br/app/index.php?objeto=${typed}`;
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: typed, shippedAt: '2026-11-18', trackingUrl: url }]);
    await drain();
    expect(store.order(id)!.order).toMatchObject({ codigo_rastreio: typed, data_envio: '2026-11-18', url_rastreio: url });
  });

  it("the store's status names are listed once, then taken from the cache", async () => {
    const [a, b] = await pulled();
    requestOrderUpdates(ctx, [{ orderId: a!, status: 'em_separacao' }]);
    await drain();
    const listed = calls.filter((op) => op === 'fWSImportaStatusPedido').length;
    requestOrderUpdates(ctx, [{ orderId: b!, status: 'em_separacao' }]);
    await drain();
    expect(listed).toBe(1);
    expect(calls.filter((op) => op === 'fWSImportaStatusPedido')).toEqual([]);
    expect(db.getOrder(b!)).toMatchObject({ statusId: picking, statusName: store.order(b!)!.order.status });
  });

  it('a status push is done even when the status names cannot be listed (only the label is missing)', async () => {
    const id = await pullAndPick();
    const before = db.getOrder(id)!.statusName;
    requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    script = (op, _args, apply) => {
      if (op === 'fWSImportaStatusPedido') throw new TransientError('network', op, 'ECONNRESET');
      return apply();
    };
    const run = await drain();
    expect(run.counts).toMatchObject({ done: 1, failed: 0 });
    expect(db.getOrder(id)).toMatchObject({ statusId: picking, statusName: before });
  });

  it('a status the store moved elsewhere is superseded: no write, counted, a warn log naming the store status', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    const summary = db.listOutbox()[0]!.summary;
    store.storeChangesStatus(id, STATUS.delivered);
    const name = store.order(id)!.order.status;
    const run = await drain();
    expect(run.counts).toMatchObject({ superseded: 1, done: 0, already: 0 });
    expect(writes(id).status).toBe(0);
    expect(logs).toEqual([['warn', 'tracking', `${summary}: não enviado: na loja o pedido já está em ${name} (mudado fora do Ponte)`]]);
  });

  it('a store without the tracking operation fails the push at once, with a failure event', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code('90909090') }]);
    script = (op, _args, apply) => {
      if (op === TRACKING_WRITE) throw new UnsupportedOperationError(op, op, 'tracking');
      return apply();
    };
    const run = await drain();
    expect(run.counts).toMatchObject({ failed: 1, retry: 0 });
    expect(db.listOutbox().map((e) => [e.state, e.attempts])).toEqual([['failed', 1]]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'failure', job: 'tracking', cause: 'push:unsupported' }));
  });

  it("a row of a kind this worker has no sender for ('price', allowed by the schema) is closed, not left leased", async () => {
    const { id } = db.enqueue({ kind: 'price', orderId: null, payload: {}, idempotencyKey: 'price:1', summary: 'Preço', emailsShopper: false });
    const run = await drain();
    expect(run.counts).toMatchObject({ done: 1 });
    expect(calls).toEqual([]);
    expect(db.getOutboxEntry(id)?.state).toBe('done');
  });
});
