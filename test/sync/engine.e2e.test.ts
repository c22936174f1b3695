/**
 * The engine end to end against the store emulator and the sample ERP: a full first sync, a
 * re-run that writes nothing, one price change that writes once, new orders that arrive once, and
 * a tracking code + status that email the shopper exactly once even when answers to writes are lost.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { divergeForDemo, erpCatalogFromDemo } from '../../electron/demo/sample-erp.ts';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { startEmulator, STATUS, type RunningEmulator } from '../../electron/emulator/index.ts';
import { writeCatalogWorkbook } from '../../electron/engine/erp/catalog-writers.ts';
import type { Engine } from '../../electron/engine/index.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';
import { OPERATIONS, type OperationName } from '../../electron/engine/tray/operations.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { s10CheckDigit } from '../../shared/br/tracking.ts';

const writes = (calls: Record<string, number>) =>
  Object.entries(calls)
    .filter(([op]) => OPERATIONS[op as OperationName]?.kind === 'write')
    .reduce((sum, [, n]) => sum + n, 0);

const correios = (digits: string) => `PN${digits}${s10CheckDigit(digits)}BR`;

describe('engine against the emulator', () => {
  let dir: string;
  let emulator: RunningEmulator;
  let engine: Engine;
  const { catalog } = divergeForDemo(erpCatalogFromDemo(demoCatalog(1)), 1);
  const workbook = () => path.join(dir, 'erp.xlsx');
  // The engine's clock runs with real time (the emulator stamps orders with it) plus an offset the
  // test advances to get past back-off delays, never slept on.
  let offset = 0;

  const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };

  // State the tests build on, brought on demand so that each test also runs alone (vitest -t): the
  // first call does the work and keeps what the store saw then; later calls return that record.
  const once = <T,>(work: () => Promise<T>) => {
    let done: Promise<T> | undefined;
    return () => (done ??= work());
  };
  const firstCatalogSync = once(async () => {
    emulator.resetStats();
    const run = await call('jobs.run', { job: 'catalog' });
    return { run, calls: { ...emulator.stats().calls } };
  });
  const firstOrderPull = once(() => call('jobs.run', { job: 'orders' }));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-engine-'));
    emulator = await startEmulator({ seed: 1, orders: 30, maxConcurrent: 8 });
    await writeCatalogWorkbook(workbook(), catalog);
    engine = await createTestEngine(accessOf(emulator), {
      dataDir: path.join(dir, 'data'),
      settings: {
        erp: { kind: 'spreadsheet', path: workbook() },
        statusMapping: demoStatusMapping(),
        export: { target: 'csv', folder: path.join(dir, 'export') },
      },
      now: () => new Date(Date.now() + offset),
    });
    await engine.start();
  });

  afterAll(async () => {
    await engine?.stop();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes the catalogue on the first sync, matching what the store already has by SKU', async () => {
    const { run, calls } = await firstCatalogSync();
    expect(run.result).toBe('ok');
    // 3 products are new to the store; the rest were matched by SKU, not duplicated.
    expect(calls.fWSCadastraProduto).toBe(3);
    expect(run.counts.created).toBeGreaterThanOrEqual(3);
    expect(run.counts.updated).toBeGreaterThan(0);
    const skus = catalog.products.map((p) => p.sku);
    for (const sku of skus) expect(emulator.store.call('fWSImportaProdutoPorCodReferencia', [sku])).toMatchObject({ cod_prod: sku });
  });

  // A catalogue run that finds nothing left to do: stock reserved by orders pulled in earlier tests
  // (in whatever order they ran) is pushed here, so the test after it sees only its own change.
  const settledCatalog = async () => {
    await firstCatalogSync();
    await call('jobs.run', { job: 'catalog' });
  };

  it('makes zero write calls when nothing changed', async () => {
    await settledCatalog();
    emulator.resetStats();
    const run = await call('jobs.run', { job: 'catalog' });
    expect(run.result).toBe('ok');
    expect(writes(emulator.stats().calls)).toBe(0);
    expect(run.counts.created).toBe(0);
  });

  it('changing one price makes exactly one write', async () => {
    await settledCatalog();
    const product = catalog.products.find((p) => p.promoPrice === null) ?? catalog.products[0]!;
    product.price = Math.round((product.price + 10) * 100) / 100;
    await writeCatalogWorkbook(workbook(), catalog);
    emulator.resetStats();
    const run = await call('jobs.run', { job: 'catalog' });
    expect(run.result).toBe('ok');
    expect(emulator.stats().calls).toMatchObject({ fWSAtualizaProduto: 1 });
    expect(writes(emulator.stats().calls)).toBe(1);
    expect(emulator.store.call('fWSImportaProdutoPorCodReferencia', [product.sku])).toMatchObject({ preco: product.price });
  });

  it('holds a large price drop for confirmation, then publishes it once approved', async () => {
    await settledCatalog();
    const product = catalog.products.find((p) => p.promoPrice === null && p.price > 50) ?? catalog.products[1]!;
    const before = product.price;
    product.price = Math.round(before * 0.4 * 100) / 100; // a 60% drop, beyond the 30% default
    await writeCatalogWorkbook(workbook(), catalog);
    emulator.resetStats();
    await call('jobs.run', { job: 'catalog' });
    expect(writes(emulator.stats().calls)).toBe(0);
    expect(emulator.store.call('fWSImportaProdutoPorCodReferencia', [product.sku])).toMatchObject({ preco: before });
    const held = await call('catalog.heldPrices', {});
    expect(held).toEqual([expect.objectContaining({ sku: product.sku, currentPrice: before, newPrice: product.price })]);
    expect((await call('overview.get', {})).counts.heldPrices).toBe(1);

    expect(await call('catalog.confirmPrice', { sku: product.sku, approve: true })).toEqual([]);
    await call('jobs.run', { job: 'catalog' });
    expect(emulator.store.call('fWSImportaProdutoPorCodReferencia', [product.sku])).toMatchObject({ preco: product.price });
    expect(await call('catalog.heldPrices', {})).toEqual([]);
  });

  it('pulls the orders once, and new orders arrive once', async () => {
    const first = await firstOrderPull();
    expect(first.result).toBe('ok');
    const pulled = (await call('orders.list', { limit: 500 })).total;
    expect(pulled).toBe(first.counts.created);
    expect(pulled).toBeGreaterThan(0);

    const ids = emulator.store.placeOrders(3);
    const second = await call('jobs.run', { job: 'orders' });
    expect(second.counts.created).toBe(3);
    const third = await call('jobs.run', { job: 'orders' });
    expect(third.counts.created).toBe(0);
    const list = await call('orders.list', { limit: 500 });
    expect(list.total).toBe(pulled + 3);
    expect(new Set(list.rows.map((r) => r.id)).size).toBe(list.rows.length);
    for (const id of ids) expect(list.rows.some((r) => r.id === id)).toBe(true);
  });

  it('a tracking code and status entered once email the shopper once, even when write answers are lost', async () => {
    await firstOrderPull();
    const list = await call('orders.list', { statusIds: [STATUS.toShip], limit: 10 });
    const order = list.rows[0];
    expect(order).toBeDefined();
    const code = correios('12345678');

    emulator.setConfig({ faults: { lostAnswer: 1 } });
    const [result] = await call('orders.setTracking', { entries: [{ orderId: order!.id, trackingCode: code, status: 'enviado' }] });
    expect(result).toMatchObject({ ok: true });
    expect(result!.outboxIds).toHaveLength(2);

    // Entering the same thing again (double click, pasted twice) adds nothing.
    const [again] = await call('orders.setTracking', { entries: [{ orderId: order!.id, trackingCode: code, status: 'enviado' }] });
    expect(again!.ok).toBe(true);

    // Every write's answer is lost: pushes end up "outcome unknown", nothing is resent blindly.
    // The status waits behind the tracking row, so a second run (answers still lost) sends it too.
    await call('jobs.run', { job: 'tracking' });
    const unknown = (await call('outbox.list', {})).filter((e) => e.orderId === order!.id);
    expect(unknown.map((e) => e.state)).toContain('outcome_unknown');
    offset += 60 * 60_000;
    await call('jobs.run', { job: 'tracking' });
    const statusRow = (await call('outbox.list', {})).find((e) => e.orderId === order!.id && e.kind === 'status');
    expect(statusRow?.state).toBe('outcome_unknown');
    emulator.setConfig({ faults: {} });
    // Later attempts read the order back and find the store already has both changes.
    offset += 60 * 60_000;
    await call('jobs.run', { job: 'tracking' });
    // Counted at the store: one status write in all (a blind resend would be a second, and a second e-mail).
    expect(emulator.store.writeCounts().orders[String(order!.id)]).toMatchObject({ status: 1, tracking: 1 });

    const state = emulator.store.order(order!.id)!;
    expect(state.order.codigo_rastreio).toBe(code);
    expect(state.order.id_status).toBe(STATUS.shipped);
    const emails = emulator.store.emails.filter((e) => e.id_pedido === order!.id);
    expect(emails).toHaveLength(1);
    const outbox = await call('outbox.list', {});
    expect(outbox.filter((e) => e.orderId === order!.id).every((e) => e.state === 'done')).toBe(true);
  });

  it('sends a shipment read from the ERP sheet once, however often the sheet is read again', async () => {
    await firstOrderPull();
    const order = (await call('orders.list', { statusIds: [STATUS.toShip], noTracking: true, limit: 10 })).rows.at(-1)!;
    const code = correios('87654321');
    await writeCatalogWorkbook(workbook(), catalog, [{ orderId: order.id, trackingCode: code, shippedAt: '2026-11-28', trackingUrl: null, status: 'enviado' }]);
    const first = await call('jobs.run', { job: 'tracking' });
    expect(first.counts.fromErp).toBe(2);
    expect(emulator.store.order(order.id)!.order).toMatchObject({ codigo_rastreio: code, id_status: STATUS.shipped });
    emulator.resetStats();
    const again = await call('jobs.run', { job: 'tracking' });
    expect(again.counts.fromErp).toBe(0);
    expect(writes(emulator.stats().calls)).toBe(0);
    expect(emulator.store.emails.filter((e) => e.id_pedido === order.id)).toHaveLength(1);
  });

  it('applies an ERP shipment for an order not pulled yet once the order arrives', async () => {
    const [id] = emulator.store.placeOrders(1);
    const code = correios('11223344');
    await writeCatalogWorkbook(workbook(), catalog, [{ orderId: id!, trackingCode: code, shippedAt: '2026-11-28', trackingUrl: null, status: null }]);
    const early = await call('jobs.run', { job: 'tracking' });
    expect(early.counts.fromErp).toBe(0);
    await call('jobs.run', { job: 'orders' });
    const later = await call('jobs.run', { job: 'tracking' });
    expect(later.counts.fromErp).toBe(1);
    expect(emulator.store.order(id!)!.order.codigo_rastreio).toBe(code);
  });

  it('refuses ENVIADO without a tracking code and a Correios code with a wrong check digit', async () => {
    await firstOrderPull();
    const order = (await call('orders.list', { statusIds: [STATUS.toShip], limit: 10, noTracking: true })).rows[0]!;
    const [noCode] = await call('orders.setTracking', { entries: [{ orderId: order.id, status: 'enviado' }] });
    expect(noCode).toMatchObject({ ok: false });
    expect(noCode!.error).toMatch(/rastreio/);
    const bad = `PN12345678${(s10CheckDigit('12345678') + 1) % 10}BR`;
    const [wrong] = await call('orders.setTracking', { entries: [{ orderId: order.id, trackingCode: bad }] });
    expect(wrong).toMatchObject({ ok: false });
    expect(wrong!.error).toMatch(/dígito/);
  });

  it('backfills a dated window without duplicating what is already known', async () => {
    await firstOrderPull();
    const before = (await call('orders.list', { limit: 1 })).total;
    const run = await call('orders.backfill', { from: '2000-01-01', to: '2100-12-31' });
    expect(run.result).toBe('ok');
    expect(run.counts.created).toBe(0);
    expect((await call('orders.list', { limit: 1 })).total).toBe(before);
  });

  it('writes the blank spreadsheet template, and nothing but a workbook', async () => {
    const file = path.join(dir, 'modelo.xlsx');
    expect(await call('erp.template', { path: file })).toEqual({ path: file, backup: null });
    expect(existsSync(file)).toBe(true);
    const refused = await engine.endpoint.dispatch('erp.template', { path: path.join(dir, 'notas.txt') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(existsSync(path.join(dir, 'notas.txt'))).toBe(false);
  });

  it('exports every new order once', async () => {
    await firstOrderPull();
    const first = await call('orders.export', { target: 'csv' });
    const total = (await call('orders.list', { limit: 1 })).total;
    expect(first.count).toBe(total);
    expect(first.file).toMatch(/\.csv$/);
    const second = await call('orders.export', { target: 'csv' });
    expect(second.count).toBe(0);
  });
});
