/**
 * How status/tracking requests are judged before anything is queued (each entry on its own, a pt-BR
 * reason for a bad one), and how the outbox worker settles a failed send: a refusal fails the push at
 * once, a transient error is retried with back-off until the attempts run out, a refused login stops
 * the run. Counted on the store's own write log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { EmulatorStore, STATUS } from '../../electron/emulator/index.ts';
import { stamp } from '../../electron/emulator/store.ts';
import { DEFAULT_SETTINGS, type StoredSettings } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import { drainOutbox, MAX_PUSH_ATTEMPTS, pushBackoffMs, requestOrderUpdates } from '../../electron/engine/sync/jobs/push.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';
import type { JobContext } from '../../electron/engine/sync/ports.ts';
import { scriptedTray, type Script, pullAndPick as pickPulledOrder } from '../support/scripted-tray.ts';
import { AuthError, RejectedError, TransientError } from '../../electron/engine/tray/errors.ts';
import { s10CheckDigit } from '../../shared/br/tracking.ts';

const code = (digits: string) => `PN${digits}${s10CheckDigit(digits)}BR`;

describe('push requests and failed sends', () => {
  let dir: string;
  let db: PonteDb;
  let clock: number;
  let store: EmulatorStore;
  let script: Script;
  let mapping: StoredSettings['statusMapping'];
  let ctx: JobContext;
  let events: { type: string; cause?: string }[];

  beforeEach(() => {
    clock = Date.parse('2026-11-20T12:00:00Z');
    const now = () => new Date(clock);
    store = new EmulatorStore({ seed: 4, orders: 12, now });
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-pushreq-'));
    db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now });
    script = (_op, _args, apply) => apply();
    mapping = demoStatusMapping();
    events = [];
    const tray = scriptedTray(store, () => script);
    ctx = {
      db,
      store: new SoapStoreAdapter(tray),
      settings: () => ({ ...DEFAULT_SETTINGS, statusMapping: mapping }),
      now,
      emit: (e) => events.push(e as { type: string; cause?: string }),
      log: () => {},
    };
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pullAndPick = () => pickPulledOrder(ctx, store);
  const writes = (id: number) => store.orderWrites.get(id) ?? { status: 0, tracking: 0, ack: 0 };

  it('names an order Ponte does not know and queues nothing', () => {
    const [result] = requestOrderUpdates(ctx, [{ orderId: 987654, status: 'em_separacao' }]);
    expect(result).toEqual({ orderId: 987654, ok: false, outboxIds: [], changes: [], error: 'pedido 987654 não encontrado no Ponte' });
    expect(db.listOutbox()).toEqual([]);
  });

  it('refuses a tracking code with a wrong check digit, the other entries go on', async () => {
    const id = await pullAndPick();
    const good = code('11223344');
    const bad = good.slice(0, 10) + String((Number(good[10]) + 1) % 10) + 'BR';
    const results = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: bad }, { orderId: id, trackingCode: good }]);
    expect(results[0]).toMatchObject({ ok: false, error: `código de rastreio "${bad}" inválido: dígito verificador não confere` });
    expect(results[1]).toMatchObject({ ok: true, changes: [{ kind: 'tracking', result: 'new' }] });
    expect(db.listOutbox().map((e) => e.kind)).toEqual(['tracking']);
  });

  it('refuses a tracking code in no known format', async () => {
    const id = await pullAndPick();
    const [result] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: 'XYZ' }]);
    expect(result).toMatchObject({ ok: false, error: 'código de rastreio "XYZ" inválido: formato não reconhecido' });
  });

  it('an empty tracking code is no tracking change', async () => {
    const id = await pullAndPick();
    const [result] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: '', status: 'em_separacao' }]);
    expect(result?.changes.map((c) => c.kind)).toEqual(['status']);
  });

  it('refuses an unmapped status and one not set to be sent, naming the status', async () => {
    const id = await pullAndPick();
    mapping = mapping.map((m) => (m.local === 'em_separacao' ? { ...m, storeStatusId: null } : m.local === 'entregue' ? { ...m, push: false } : m));
    const [unmapped, notPushed] = requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }, { orderId: id, status: 'entregue' }]);
    expect(unmapped?.error).toBe('o status "em_separacao" não está mapeado para um status da loja (Configurações > Status)');
    expect(notPushed?.error).toBe('o status "entregue" não está marcado para envio à loja');
    expect(db.listOutbox()).toEqual([]);
  });

  it('"enviado" needs a tracking code, given now or already on the order', async () => {
    const id = await pullAndPick();
    const [without] = requestOrderUpdates(ctx, [{ orderId: id, status: 'enviado' }]);
    expect(without).toMatchObject({ ok: false, error: 'para marcar como enviado é preciso um código de rastreio' });
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code('55667788') }]);
    const [later] = requestOrderUpdates(ctx, [{ orderId: id, status: 'enviado' }]);
    expect(later).toMatchObject({ ok: true, changes: [{ kind: 'status', result: 'new' }] });
  });

  it('queues tracking before status, with the day, url and summaries the merchant reads', async () => {
    const id = await pullAndPick();
    let emitted = 0;
    ctx = { ...ctx, emit: (e) => { if (e.type === 'outbox-changed') emitted += 1; } };
    const [result] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code('10203040'), trackingUrl: 'https://rastreio.example/x', status: 'enviado' }]);
    expect(result?.changes.map((c) => [c.kind, c.result])).toEqual([['tracking', 'new'], ['status', 'new']]);
    expect(result?.outboxIds).toHaveLength(2);
    expect(emitted).toBe(1);
    const entries = db.listOutbox().sort((a, b) => a.id - b.id);
    expect(entries.map((e) => e.summary)).toEqual([`Rastreio ${code('10203040')}`, 'Status Enviado (e-mail ao cliente)']);
    expect(db.getOrder(id)).toMatchObject({ trackingCode: code('10203040'), shippedAt: '2026-11-20', trackingUrl: 'https://rastreio.example/x' });
    await drainOutbox(ctx);
    expect(store.order(id)?.order.codigo_rastreio).toBe(code('10203040'));
    expect(db.getOrder(id)?.statusId).toBe(STATUS.shipped);
    expect(db.getOrder(id)?.statusName).toBe(store.order(id)?.order.status);
  });

  it('a code queued, another set in Tray\'s panel, then that one asked in Ponte: queued behind the first, so the store ends on the last asked', async () => {
    const id = await pullAndPick();
    const [a, b] = [code('11223344'), code('55667788')];
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: a }]);
    // Before A is sent, the merchant types B in Tray's panel; the next pull brings B into Ponte.
    const inStore = store.order(id)!;
    clock += 60_000;
    inStore.order.codigo_rastreio = b;
    inStore.order.data_modificacao = stamp(new Date(clock));
    inStore.pending = true;
    await runOrderPull(ctx);
    expect(db.getOrder(id)?.trackingCode).toBe(b);
    const [asked] = requestOrderUpdates(ctx, [{ orderId: id, trackingCode: b }]);
    // Not "already": A is still on its way and would overwrite B.
    expect(asked?.changes).toEqual([{ kind: 'tracking', result: 'new', outboxId: expect.any(Number) }]);
    await drainOutbox(ctx);
    expect(store.order(id)?.order.codigo_rastreio).toBe(b);
    expect(writes(id).tracking).toBe(2);
  });

  it('asking for the status the order already has is "already" and sends nothing', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    await drainOutbox(ctx);
    let emitted = 0;
    ctx = { ...ctx, emit: () => { emitted += 1; } };
    const [result] = requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    expect(result).toMatchObject({ ok: true, outboxIds: [], changes: [{ kind: 'status', result: 'already', outboxId: null }] });
    expect(emitted).toBe(0);
  });

  it('a refused write fails the push at once, with a failure event, and the run is partial', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    script = (op, _args, apply) => {
      if (op === 'fWSAtualizaStatusPedido') throw new RejectedError(op, 'Campo inválido: id_status', 'SOAP-ENV:Client');
      return apply();
    };
    const outcome = await drainOutbox(ctx);
    expect(outcome).toMatchObject({ result: 'partial', errorCount: 1, counts: { failed: 1, done: 0 } });
    expect(outcome.message).toBe('Envios à loja: 0 concluídos, 0 já estavam na loja, 0 para tentar de novo, 1 falharam.');
    expect(db.getOrder(id)!.pushes.map((p) => [p.state, p.attempts])).toEqual([['failed', 1]]);
    expect(events.filter((e) => e.type === 'failure').map((e) => e.cause)).toEqual(['push:rejected']);
  });

  it('a transient error is retried after the back-off, and fails only after the last attempt', async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    script = (op, _args, apply) => {
      if (op === 'fWSAtualizaStatusPedido') throw new TransientError('network', op, 'ECONNRESET');
      return apply();
    };
    const first = await drainOutbox(ctx);
    expect(first).toMatchObject({ result: 'ok', counts: { retry: 1 } });
    expect(first.message).toBe('Envios à loja: 0 concluídos, 0 já estavam na loja, 1 para tentar de novo, 0 falharam.');
    // Not due before its back-off.
    clock += pushBackoffMs(1) - 1_000;
    expect((await drainOutbox(ctx)).counts.retry).toBe(0);
    for (let i = 2; i <= MAX_PUSH_ATTEMPTS; i++) {
      clock += pushBackoffMs(i - 1);
      await drainOutbox(ctx);
    }
    const [push] = db.getOrder(id)!.pushes;
    expect([push?.state, push?.attempts]).toEqual(['failed', MAX_PUSH_ATTEMPTS]);
    expect(writes(id).status).toBe(0);
  });

  it('the back-off doubles from 15 s and stops at 30 min', () => {
    expect([0, 1, 2, 3].map(pushBackoffMs)).toEqual([15_000, 15_000, 30_000, 60_000]);
    expect(pushBackoffMs(8)).toBe(30 * 60_000);
    expect(pushBackoffMs(20)).toBe(30 * 60_000);
  });

  it('a refused login stops the run after the batch and says so', async () => {
    const ids: number[] = [];
    await runOrderPull(ctx);
    for (const o of store.orders.values()) if (!o.pending && o.order.id_status === STATUS.awaitingPayment && db.getOrder(o.order.id_pedido)) ids.push(o.order.id_pedido);
    for (const id of ids) requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    let reads = 0;
    script = (op, _args, apply) => {
      if (op === 'fWSImportaPedidoPorId') {
        reads += 1;
        throw new AuthError('credentials', op, 'login inválido');
      }
      return apply();
    };
    const outcome = await drainOutbox(ctx);
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toMatch(/^A loja recusou o acesso: .+\. Verifique loja, login e senha em Configurações\.$/);
    expect(reads).toBe(ids.length);
    expect(outcome.errorCount).toBe(1);
  });
});
