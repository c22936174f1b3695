/**
 * The engine against a store that names fields its own way (the emulator's PUBLIC_CLIENT_DIALECT):
 * without a field map every order is refused with the store's field names and none is
 * acknowledged (counted in the calls the store received); with the map, every total, date, status
 * and SKU arrives exact, and each order is acknowledged once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CLIENT_DIALECT, startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import type { Engine } from '../../electron/engine/index.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';

describe('engine against a store with its own field names', () => {
  let dir: string;
  let emulator: RunningEmulator;
  let engine: Engine;

  const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };
  const acks = () => emulator.stats().calls.fWSAtualizaListaToDo ?? 0;
  const pending = () => (emulator.store.call('fWSImportaPedidos', ['2000-01-01', '2100-12-31', '0000', '2359', '']) as unknown[]).length;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-dialect-'));
    emulator = await startEmulator({ seed: 3, orders: 6, maxConcurrent: 8, fieldDialect: PUBLIC_CLIENT_DIALECT });
    engine = await createTestEngine(accessOf(emulator), { dataDir: path.join(dir, 'data') });
    await engine.start();
  });

  afterAll(async () => {
    await engine?.stop();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without a field map refuses every order, naming the missing fields and the store’s, and acknowledges none', async () => {
    const before = pending();
    expect(before).toBeGreaterThan(0);
    emulator.resetStats();
    const run = await call('jobs.run', { job: 'orders' });
    expect(run.result).toBe('failed');
    expect(run.counts.failed).toBe(before);
    expect(acks()).toBe(0);
    expect(pending()).toBe(before);
    expect((await call('orders.list', { limit: 500 })).total).toBe(0);
    // The run message (Painel) and Atividade name the type, the missing fields and what the store sent.
    expect(run.message).toMatch(/Pedido sem o\(s\) campo\(s\) obrigatório\(s\) total, id_status/);
    expect(run.message).toContain('valor_total_pedido');
    expect(run.message).toContain('codigo_status');
    const overview = await call('overview.get', {});
    expect(overview.jobs.find((j) => j.job === 'orders')?.lastRun?.message).toBe(run.message);
    const activity = await call('activity.list', { job: 'orders', level: 'error' });
    const refused = activity.filter((a) => /^Pedido \d+ não lido: .*não foi gravado nem confirmado à loja/.test(a.message));
    expect(refused).toHaveLength(before);
    for (const a of refused) expect(a.message).toContain('valor_total_pedido');
  });

  it('with the field map every total, date, status and SKU arrives exact, each order acknowledged once', async () => {
    await call('settings.update', {
      fieldMap: { Pedido: { total: 'valor_total_pedido', id_status: 'codigo_status' }, ItemPedido: { cod_prod: 'referencia_produto', preco: 'valor_unitario_item' } },
    });
    const before = pending();
    emulator.resetStats();
    const run = await call('jobs.run', { job: 'orders' });
    expect(run.result).toBe('ok');
    expect(run.counts.created).toBe(before);
    expect(acks()).toBe(before);
    expect(pending()).toBe(0);
    const { rows } = await call('orders.list', { limit: 500 });
    expect(rows).toHaveLength(before);
    for (const row of rows) {
      const truth = emulator.store.order(row.id)!;
      const detail = await call('orders.get', { id: row.id });
      expect(detail.total).toBe(truth.order.total);
      expect(detail.total).toBeGreaterThan(0);
      expect(detail.date).toBe(`${truth.order.data}T${truth.order.hora}`);
      expect(detail.statusId).toBe(truth.order.id_status);
      expect(detail.statusName).toBe(truth.order.status);
      expect(detail.items.map((i) => [i.sku, i.price, i.quantity])).toEqual(truth.items.map((i) => [i.cod_prod, i.preco, i.quantidade]));
      for (const item of detail.items) expect(item.sku).not.toBe('');
    }
  });
});
