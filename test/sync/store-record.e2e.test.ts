/**
 * What the store sent is kept with each order: the raw records (order, items, customer, installments)
 * and the fields Ponte does not read, against a store that calls two optional fields its own way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import type { Engine } from '../../electron/engine/index.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';

describe('the store’s record kept with the order', () => {
  let dir: string;
  let emulator: RunningEmulator;
  let engine: Engine;
  const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-store-record-'));
    emulator = await startEmulator({ seed: 5, orders: 3, maxConcurrent: 8, fieldDialect: { Pedido: { observacao: 'obs_loja' }, ItemPedido: { peso: 'peso_bruto' } } });
    engine = await createTestEngine(accessOf(emulator), { dataDir: path.join(dir, 'data') });
    await engine.start();
  });
  afterAll(async () => {
    await engine?.stop();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the raw order, items, customer and installments, and lists the fields Ponte does not read', async () => {
    const run = await call('jobs.run', { job: 'orders' });
    expect(run.result).toBe('ok');
    const { rows } = await call('orders.list', { limit: 50 });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const truth = emulator.store.order(row.id)!;
      const detail = await call('orders.get', { id: row.id });
      const record = detail.storeRecord!;
      expect(record).toBeDefined();
      expect(Number(record.order.total)).toBe(truth.order.total);
      expect(record.order.obs_loja ?? '').toBe(truth.order.observacao);
      expect(record.items.map((i) => i.cod_prod)).toEqual(truth.items.map((i) => i.cod_prod));
      expect(record.customer.cliente).toBe(detail.customer.name);
      expect(record.installments.length).toBe(detail.installments.length);
      // The renamed optional fields are not read (blank), and are shown as the store's own fields.
      if (truth.order.observacao) expect(record.extras).toContainEqual({ where: 'pedido', field: 'obs_loja', value: truth.order.observacao });
      expect(record.extras.filter((e) => e.field === 'peso_bruto').map((e) => e.where)).toEqual(truth.items.map((_, n) => `item ${n + 1}`));
      expect(record.extras.every((e) => !['total', 'id_pedido', 'cod_prod'].includes(e.field))).toBe(true);
    }
  });
});
