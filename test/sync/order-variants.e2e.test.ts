/**
 * An order that sells a variant, end to end on both ways to the store: the variant Ponte created
 * from the ERP is what the order's item names, in the order's detail, in the stock kept back for
 * unexported orders (the store's variant stock drops by what was sold, the product's does not) and
 * in the exported items file. The emulator's REST side names the variant by `variant_id` and gives
 * the product's `reference` (Tray does not document which reference it sends), so only resolving
 * the variant id through Ponte's binding gets the item right; SOAP's item carries the variant's
 * own reference.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { divergeForDemo, erpCatalogFromDemo } from '../../electron/demo/sample-erp.ts';
import { startEmulator } from '../../electron/emulator/index.ts';
import { writeCatalogWorkbook } from '../../electron/engine/erp/catalog-writers.ts';
import type { ErpCatalog } from '../../electron/engine/erp/index.ts';
import type { Outputs, StoreTransport } from '../../shared/api/contract.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';

const SEED = 3;

/** The ERP's new products (one of them with variants) and the variants; nothing else to push. */
const erpCatalog = (): ErpCatalog => {
  const { catalog } = divergeForDemo(erpCatalogFromDemo(demoCatalog(SEED)), SEED);
  return {
    categories: catalog.categories,
    brands: catalog.brands,
    characteristics: catalog.characteristics,
    products: catalog.products.filter((p) => p.sku.startsWith('ERP-NOVO-')),
    customers: [],
    variants: catalog.variants,
    weddingLists: [],
  };
};

const withStore = async (transport: StoreTransport, body: (t: Awaited<ReturnType<typeof setUp>>) => Promise<void>) => {
  const t = await setUp(transport);
  try {
    await body(t);
  } finally {
    await t.engine.stop();
    await t.emulator.close();
    rmSync(t.dir, { recursive: true, force: true });
  }
};

const setUp = async (transport: StoreTransport) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ponte-order-variants-${transport}-`));
  const emulator = await startEmulator({ seed: SEED, orders: 0, maxConcurrent: 8 });
  const catalog = erpCatalog();
  const workbook = path.join(dir, 'erp.xlsx');
  await writeCatalogWorkbook(workbook, catalog);
  const rest = emulator.rest.config();
  const engine = await createTestEngine(accessOf(emulator), {
    dataDir: path.join(dir, 'data'),
    settings: {
      store: { url: emulator.endpoint, storeId: emulator.credentials.storeId, login: emulator.credentials.login, transport, apiAddress: emulator.restUrl },
      erp: { kind: 'spreadsheet', path: workbook },
      export: { target: 'csv', folder: path.join(dir, 'export') },
    },
    secrets: { restConsumerKey: rest.consumerKey, restConsumerSecret: rest.consumerSecret, restCode: rest.code },
  });
  await engine.start();
  const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };
  return { dir, emulator, engine, catalog, call };
};

describe.each<StoreTransport>(['soap', 'rest'])('an order selling a variant, over %s', (transport) => {
  it("names the ERP's variant in the order, in the stock kept back for it and in the exported items", async () => {
    await withStore(transport, async ({ emulator, catalog, call }) => {
      const first = await call('jobs.run', { job: 'catalog' });
      expect(first.result, first.message ?? '').toBe('ok');
      const variant = catalog.variants.find((v) => v.available && v.stock >= 3)!;
      const plain = catalog.products.find((p) => p.sku !== variant.productSku && p.available && p.stock > 0)!;
      const inStore = [...emulator.store.variants.values()].find((v) => v.cod_referencia === variant.sku)!;
      const parent = [...emulator.store.products.values()].find((p) => p.cod_prod === variant.productSku)!;
      const parentStock = parent.estoque;

      const id = emulator.store.placeOrderOf([
        { sku: variant.sku, quantity: 2 },
        { sku: plain.sku, quantity: 1 },
      ]);
      const pulled = await call('jobs.run', { job: 'orders' });
      expect(pulled.result, pulled.message ?? '').toBe('ok');

      const detail = await call('orders.get', { id });
      expect(detail.items.map((i) => [i.sku, i.quantity, i.variantId])).toEqual([
        [variant.sku, 2, transport === 'rest' ? inStore.id_variacao : null],
        [plain.sku, 1, null],
      ]);

      // The next catalogue pass keeps the two sold back from the variant, not from its product.
      const again = await call('jobs.run', { job: 'catalog' });
      expect(again.result, again.message ?? '').toBe('ok');
      expect(emulator.store.variants.get(inStore.id_variacao)!.estoque).toBe(variant.stock - 2);
      expect(emulator.store.products.get(parent.id_produto)!.estoque).toBe(parentStock);

      const exported = await call('orders.export', { target: 'csv', scope: { kind: 'ids', ids: [id] } });
      expect(exported.count, exported.message).toBe(1);
      const itemsFile = path.join(path.dirname(exported.file!), `itens-${path.basename(exported.file!)}`);
      // Pedido;SKU;Produto;Quantidade;…: the SKU column of this order's rows.
      const rows = readFileSync(itemsFile, 'utf8').split(/\r?\n/).map((l) => l.split(';')).filter((cells) => cells[0] === String(id));
      expect(rows.map((cells) => [cells[1], cells[3]])).toEqual([
        [variant.sku, '2'],
        [plain.sku, '1'],
      ]);
    });
  }, 120_000);
});
