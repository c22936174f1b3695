/**
 * The catalogue push also starts when the merchant saves the ERP file: the engine watches it
 * (debounced, since Excel saves in several steps) and pushes what changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { erpCatalogFromDemo } from '../../electron/demo/sample-erp.ts';
import { startEmulator } from '../../electron/emulator/index.ts';
import { writeCatalogWorkbook } from '../../electron/engine/erp/catalog-writers.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';
import { eventually } from '../support/chromium.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('pushes the catalogue when the ERP workbook changes on disk', async () => {
  const emulator = await startEmulator({ seed: 1, orders: 0 });
  const catalog = erpCatalogFromDemo(demoCatalog(1));
  const workbook = path.join(dir, 'erp.xlsx');
  await writeCatalogWorkbook(workbook, catalog);
  const engine = await createTestEngine(accessOf(emulator), {
    dataDir: path.join(dir, 'data'),
    settings: { erp: { kind: 'spreadsheet', path: workbook } },
    watchErp: true,
    erpDebounceMs: 50,
  });
  try {
    await engine.start();
    expect(engine.db.lastRun('catalog')).toBeNull();
    const product = catalog.products[0]!;
    product.price = Math.round((product.price + 7) * 100) / 100;
    await writeCatalogWorkbook(workbook, catalog);
    const run = await eventually(async () => {
      const last = engine.db.lastRun('catalog');
      return last && last.result !== 'running' ? last : undefined;
    }, 30_000);
    expect(run.result).toBe('ok');
    expect(emulator.store.call('fWSImportaProdutoPorCodReferencia', [product.sku])).toMatchObject({ preco: product.price });
  } finally {
    await engine.stop();
    await emulator.close();
  }
});
