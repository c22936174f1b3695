/**
 * A held price drop and the merchant's answer to it: a rejection keeps the store's price for that
 * ERP price only. When the ERP price moves again the old answer is dropped (price_decisions holds
 * one decision per SKU, about one price) and the new drop is held and asked about afresh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { divergeForDemo, erpCatalogFromDemo } from '../../electron/demo/sample-erp.ts';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { writeCatalogWorkbook } from '../../electron/engine/erp/catalog-writers.ts';
import type { Engine } from '../../electron/engine/index.ts';
import { OPERATIONS, type OperationName } from '../../electron/engine/tray/operations.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';

let dir: string;
let emulator: RunningEmulator;
let engine: Engine;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-price-'));
  emulator = await startEmulator({ seed: 3, orders: 0 });
});
afterEach(async () => {
  await engine?.stop();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const writes = () =>
  Object.entries(emulator.stats().calls)
    .filter(([op]) => OPERATIONS[op as OperationName]?.kind === 'write')
    .reduce((sum, [, n]) => sum + n, 0);

const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
  const envelope = await engine.endpoint.dispatch(name, input);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.result as Outputs[N];
};

it('a rejected drop holds for that price only; a further drop is held and asked again', async () => {
  const { catalog } = divergeForDemo(erpCatalogFromDemo(demoCatalog(1)), 1);
  const workbook = path.join(dir, 'erp.xlsx');
  await writeCatalogWorkbook(workbook, catalog);
  engine = await createTestEngine(accessOf(emulator), { dataDir: path.join(dir, 'data'), settings: { erp: { kind: 'spreadsheet', path: workbook } } });
  await engine.start();
  expect((await call('jobs.run', { job: 'catalog' })).result).toBe('ok');

  const product = catalog.products.find((p) => p.promoPrice === null && p.price > 50)!;
  const published = product.price;
  const storePrice = () => (emulator.store.call('fWSImportaProdutoPorCodReferencia', [product.sku]) as { preco: number }).preco;

  product.price = Math.round(published * 0.5 * 100) / 100;
  await writeCatalogWorkbook(workbook, catalog);
  await call('jobs.run', { job: 'catalog' });
  const heldFor = async () => (await call('catalog.heldPrices', {})).filter((h) => h.sku === product.sku);
  expect(await heldFor()).toHaveLength(1);
  await call('catalog.confirmPrice', { sku: product.sku, approve: false });

  emulator.resetStats();
  await call('jobs.run', { job: 'catalog' });
  expect(writes()).toBe(0);
  expect(storePrice()).toBe(published);
  expect(await heldFor()).toEqual([]);

  product.price = Math.round(published * 0.3 * 100) / 100;
  await writeCatalogWorkbook(workbook, catalog);
  await call('jobs.run', { job: 'catalog' });
  expect(storePrice()).toBe(published);
  expect(await heldFor()).toEqual([expect.objectContaining({ currentPrice: published, newPrice: product.price })]);

  await call('catalog.confirmPrice', { sku: product.sku, approve: true });
  emulator.resetStats();
  await call('jobs.run', { job: 'catalog' });
  expect(storePrice()).toBe(product.price);
  expect(await heldFor()).toEqual([]);
});
