import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { divergeForDemo, erpCatalogFromDemo, writeSampleErp } from '../../electron/demo/sample-erp.ts';
import { openErpConnector } from '../../electron/engine/erp/index.ts';
import type { ErpCatalog } from '../../electron/engine/erp/types.ts';
import { tempDir } from './helpers.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

const bySku = (c: ErpCatalog) => new Map(c.products.map((p) => [p.sku, p]));

describe('sample ERP for the demo', () => {
  it('same SKUs as the store, with some prices and stock changed and a few new products', () => {
    const store = erpCatalogFromDemo(demoCatalog(1));
    const { catalog, differences } = divergeForDemo(store, 1);
    const storeSkus = store.products.map((p) => p.sku);
    expect(catalog.products.map((p) => p.sku)).toEqual([...storeSkus, ...differences.newProducts]);
    expect(differences.newProducts).toHaveLength(3);
    // One new product in three colours: each variation names it, the sold-out one is unavailable.
    expect(catalog.variants.map((v) => v.sku)).toEqual(differences.newVariants);
    expect(new Set(catalog.variants.map((v) => v.productSku))).toEqual(new Set([differences.newProducts[2]]));
    expect(catalog.variants.filter((v) => !v.available).map((v) => v.stock)).toEqual([0]);
    expect(differences.priceChanged.length).toBeGreaterThan(0);
    expect(differences.stockChanged.length).toBeGreaterThan(0);
    const before = bySku(store);
    for (const p of catalog.products) {
      const old = before.get(p.sku);
      if (!old) continue;
      expect(p.price !== old.price).toBe(differences.priceChanged.includes(p.sku));
      expect(p.stock !== old.stock).toBe(differences.stockChanged.includes(p.sku));
    }
    expect(divergeForDemo(store, 1)).toEqual(divergeForDemo(store, 1));
  });

  it('workbook, CSV folder and SQLite ERP all read without problems and agree', async () => {
    const files = await writeSampleErp(tmp.dir, 1);
    const expected = divergeForDemo(erpCatalogFromDemo(demoCatalog(1)), 1).catalog;
    const sort = (c: ErpCatalog) => ({
      ...c,
      categories: [...c.categories].sort((a, b) => a.key.localeCompare(b.key)),
      brands: [...c.brands].sort((a, b) => a.name.localeCompare(b.name)),
      characteristics: [...c.characteristics].sort((a, b) => a.name.localeCompare(b.name)),
      products: [...c.products].sort((a, b) => a.sku.localeCompare(b.sku)),
      variants: [...c.variants].sort((a, b) => a.sku.localeCompare(b.sku)),
      customers: [...c.customers].sort((a, b) => a.document.localeCompare(b.document)),
      weddingLists: [...c.weddingLists].sort((a, b) => a.key.localeCompare(b.key)).map((l) => ({ ...l, items: [...l.items].sort((x, y) => x.sku.localeCompare(y.sku)) })),
    });
    for (const config of [
      { kind: 'spreadsheet' as const, path: files.workbook },
      { kind: 'spreadsheet' as const, path: files.csvFolder },
      { kind: 'sql' as const, path: files.sqliteMapping },
    ]) {
      const connector = await openErpConnector(config);
      const read = await connector.readCatalog();
      await connector.close();
      expect(read.problems, config.path).toEqual([]);
      expect(sort(read.catalog), config.path).toEqual(sort(expected));
    }
  });
});
