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
import { createEngine } from '../../electron/engine/index.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore } from '../../electron/engine/settings.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import { eventually } from '../support/chromium.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('pushes the catalogue when the ERP workbook changes on disk', async () => {
  const emulator = await startEmulator({ seed: 1, orders: 0 });
  const catalog = erpCatalogFromDemo(demoCatalog(1));
  const workbook = path.join(dir, 'erp.xlsx');
  await writeCatalogWorkbook(workbook, catalog);
  const secrets = memorySecretStore();
  await secrets.set('trayPassword', emulator.credentials.password);
  const engine = await createEngine({
    dataDir: path.join(dir, 'data'),
    settings: memorySettingsStore({
      ...DEFAULT_SETTINGS,
      demo: false,
      store: { url: emulator.endpoint, storeId: emulator.credentials.storeId, login: emulator.credentials.login },
      erp: { kind: 'spreadsheet', path: workbook },
      schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 },
    }),
    secrets,
    syncOnStart: false,
    erpDebounceMs: 50,
    createTrayClient: (config) => new TrayClient({ ...config, perMinute: 0 }),
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
