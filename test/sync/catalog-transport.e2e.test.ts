/**
 * The catalogue pass end to end on both ways to the store (issue 15), against one emulator whose
 * SOAP and REST sides share the store state: the same ERP catalogue puts categories, brands,
 * products (price, stock, availability) and customers in the store; a re-run writes nothing; one
 * stock, one availability and one phone change write once each; so do a variation's stock and its
 * restocking (variations of a new product, created under it once). Counted on the store's own call
 * log, by the names each transport gives its writes. On REST, wedding lists are reported not sent
 * with the reason, without failing the pass.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { divergeForDemo, erpCatalogFromDemo } from '../../electron/demo/sample-erp.ts';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { writeCatalogWorkbook } from '../../electron/engine/erp/catalog-writers.ts';
import type { ErpCatalog } from '../../electron/engine/erp/index.ts';
import type { Engine } from '../../electron/engine/index.ts';
import { OPERATIONS, type OperationName } from '../../electron/engine/tray/operations.ts';
import type { Outputs, StoreTransport } from '../../shared/api/contract.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';

const SEED = 3;

/** The store's write calls, by route: SOAP write operations, REST's non-GET routes (auth aside). */
const writeCalls = (calls: Record<string, number>): Record<string, number> =>
  Object.fromEntries(
    Object.entries(calls).filter(([route, n]) => {
      if (n === 0) return false;
      if (route.startsWith('rest:')) return !route.startsWith('rest:GET ') && !route.includes('/auth');
      return OPERATIONS[route as OperationName]?.kind === 'write';
    }),
  );
const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

/**
 * A small ERP catalogue over the seeded store (so a REST pass stays within Tray's 180 calls a
 * minute): some products the store has (a few with other prices and stock), three it has not, a
 * new category, brand and customer, and a new wedding list whose items are products listed here.
 */
const erpCatalog = (): ErpCatalog => {
  const { catalog } = divergeForDemo(erpCatalogFromDemo(demoCatalog(SEED)), SEED);
  const known = catalog.products.filter((p) => !p.sku.startsWith('ERP-NOVO-')).slice(0, 6);
  const fresh = catalog.products.filter((p) => p.sku.startsWith('ERP-NOVO-'));
  const category = { key: 'cat-transporte', name: 'Presentes de transporte', parentKey: null, order: 99, description: 'Categoria nova do ERP' };
  const products = [...known, ...fresh.map((p, i) => (i === 0 ? { ...p, categoryKey: category.key, brand: 'Marca Nova do ERP' } : p))];
  const skus = new Set(products.map((p) => p.sku));
  const template = catalog.customers[0]!;
  return {
    categories: [...catalog.categories, category],
    brands: [...catalog.brands, { name: 'Marca Nova do ERP' }],
    characteristics: catalog.characteristics,
    products,
    customers: [...catalog.customers.slice(0, 3), { ...template, document: '52998224725', name: 'Cliente Novo do ERP', email: 'cliente.novo@exemplo.com.br', phone: '11987650000' }],
    variants: catalog.variants,
    weddingLists: [
      ...catalog.weddingLists.map((l) => ({ ...l, items: l.items.filter((i) => skus.has(i.sku)) })),
      { key: 'lista-nova', name: 'Lista Nova do ERP', couple: 'Ana e Rui', eventDate: '2027-10-09', email: 'ana.rui@exemplo.com.br', items: [{ sku: products[0]!.sku, quantity: 2 }] },
    ],
  };
};

describe.each<StoreTransport>(['soap', 'rest'])('catalogue pass over %s', (transport) => {
  let dir: string;
  let emulator: RunningEmulator;
  let engine: Engine;
  const catalog = erpCatalog();
  const workbook = () => path.join(dir, 'erp.xlsx');

  const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };

  let first: Promise<{ run: Outputs['jobs.run']; calls: Record<string, number> }> | undefined;
  const firstPass = () =>
    (first ??= (async () => {
      emulator.resetStats();
      const run = await call('jobs.run', { job: 'catalog' });
      return { run, calls: emulator.stats().calls };
    })());

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), `ponte-catalog-${transport}-`));
    emulator = await startEmulator({ seed: SEED, orders: 0, maxConcurrent: 8 });
    await writeCatalogWorkbook(workbook(), catalog);
    const rest = emulator.rest.config();
    engine = await createTestEngine(accessOf(emulator), {
      dataDir: path.join(dir, 'data'),
      settings: {
        store: { url: emulator.endpoint, storeId: emulator.credentials.storeId, login: emulator.credentials.login, transport, apiAddress: emulator.restUrl },
        erp: { kind: 'spreadsheet', path: workbook() },
      },
      secrets: { restConsumerKey: rest.consumerKey, restConsumerSecret: rest.consumerSecret, restCode: rest.code },
    });
    await engine.start();
  });

  afterAll(async () => {
    await engine?.stop();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts categories, brands, products with price, stock and availability, and customers in the store', async () => {
    const { run, calls } = await firstPass();
    expect(run.result, run.message ?? '').toBe('ok');
    // Only this transport reached the store.
    const restRoutes = Object.keys(calls).filter((r) => r.startsWith('rest:') && (calls[r] ?? 0) > 0);
    if (transport === 'rest') expect(Object.keys(calls).filter((r) => !r.startsWith('rest:') && (calls[r] ?? 0) > 0)).toEqual([]);
    else expect(restRoutes).toEqual([]);

    const store = emulator.store;
    const category = [...store.categories.values()].find((c) => c.nome === 'Presentes de transporte');
    expect(category).toMatchObject({ id_categoria_pai: 0, ordem: 99 });
    const brandId = [...store.brands].find(([, name]) => name === 'Marca Nova do ERP')?.[0];
    expect(brandId).toBeGreaterThan(0);
    const reserved = 0; // no orders pulled in this store: what is on hand is what is available
    for (const p of catalog.products) {
      const inStore = [...store.products.values()].filter((s) => s.cod_prod === p.sku);
      expect(inStore, p.sku).toHaveLength(1); // matched by SKU, never duplicated
      expect(inStore[0]).toMatchObject({ preco: p.price, estoque: p.stock - reserved, disponivel: p.available && p.stock > 0 ? 'S' : 'N' });
    }
    const newProduct = [...store.products.values()].find((s) => s.cod_prod === catalog.products.find((p) => p.categoryKey === 'cat-transporte')!.sku);
    expect(newProduct).toMatchObject({ id_categoria: category!.id_categoria, id_marca: brandId });
    // The variations of a new product, created under it once, at their own price or the product's.
    expect(catalog.variants.length).toBeGreaterThan(0);
    for (const v of catalog.variants) {
      const parent = [...store.products.values()].find((s) => s.cod_prod === v.productSku)!;
      const inStore = [...store.variants.values()].filter((s) => s.cod_referencia === v.sku);
      expect(inStore, v.sku).toHaveLength(1);
      expect(inStore[0]).toMatchObject({ id_produto: parent.id_produto, preco: v.price ?? parent.preco, estoque: v.stock, disponivel: v.available ? 'S' : 'N', tipo_1: 'Cor', valor_1: v.options[0]!.value, tipo_2: '' });
    }
    for (const c of catalog.customers) expect([...store.customers.values()].filter((s) => s.customer.email === c.email), c.email).toHaveLength(1);
    expect(store.writeCounts().creates).toMatchObject({ 'fWSCadastraClienteAvancado:52998224725': 1 });
    // Created by this pass: the three new products, the variations, the category, the brand, the customer.
    const variants = catalog.variants.length;
    expect(writeCalls(calls)).toMatchObject(
      transport === 'rest'
        ? { 'rest:POST /products': 3, 'rest:POST /products/variants': variants, 'rest:POST /categories': 1, 'rest:POST /products/brands': 1, 'rest:POST /customers': 1 }
        : { fWSCadastraProduto: 3, fWSCadastraVariacao: variants, fWSCadastraCategoria: 1, fWSCadastraMarca: 1, fWSCadastraClienteAvancado: 1 },
    );
  });

  it(transport === 'rest' ? 'reports wedding lists not sent, with the reason, without failing the pass' : 'pushes the wedding lists, the new one created once', async () => {
    const { run, calls } = await firstPass();
    const listas = (await call('catalog.report', {})).find((r) => r.entity === 'listas')!;
    expect(listas.failures).toEqual([]);
    const lists = [...emulator.store.weddingLists.values()];
    if (transport === 'rest') {
      expect(run.result).toBe('ok');
      expect(run.counts.weddingListsUnavailable).toBe(catalog.weddingLists.length);
      expect(run.message).toMatch(new RegExp(`${catalog.weddingLists.length} lista\\(s\\) de casamento não enviada\\(s\\): A API \\(REST\\) da Tray não tem listas de casamento`));
      expect(lists.some((l) => l.nome_lista === 'Lista Nova do ERP')).toBe(false);
      // Catálogo says it on the lists' row, in the store's words.
      expect(listas.unavailable).toMatch(/^A API \(REST\) da Tray não tem listas de casamento/);
      const overview = await call('overview.get', {});
      expect(overview.store.features.weddingLists).toMatchObject({ available: false, reason: expect.stringMatching(/casamento/) });
      // The catalogue itself is not disabled on REST any more.
      expect(overview.store.features.products?.available).toBe(true);
      expect(overview.jobs.find((j) => j.job === 'catalog')?.state).not.toBe('disabled');
    } else {
      expect(run.counts.weddingListsUnavailable).toBeUndefined();
      expect(listas.unavailable).toBeUndefined();
      expect(lists.filter((l) => l.nome_lista === 'Lista Nova do ERP')).toHaveLength(1);
      expect(calls.fWSCadastraListaCasamento).toBe(1);
    }
  });

  it('a re-run writes nothing', async () => {
    await firstPass();
    emulator.resetStats();
    const run = await call('jobs.run', { job: 'catalog' });
    expect(run.result, run.message ?? '').toBe('ok');
    expect(writeCalls(emulator.stats().calls)).toEqual({});
    expect(run.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
  });

  it('one stock, one availability and one phone change write once each, for products and variations', async () => {
    await firstPass();
    await call('jobs.run', { job: 'catalog' });
    const [lower, soldOut] = catalog.products.filter((p) => p.available && p.stock > 2);
    lower!.stock -= 1;
    soldOut!.stock = 0;
    const lowerVariant = catalog.variants.find((v) => v.available && v.stock > 1)!;
    const restocked = catalog.variants.find((v) => !v.available)!;
    lowerVariant.stock -= 1;
    Object.assign(restocked, { stock: 3, available: true });
    catalog.customers[0]!.phone = '11900001111';
    await writeCatalogWorkbook(workbook(), catalog);
    emulator.resetStats();
    const run = await call('jobs.run', { job: 'catalog' });
    expect(run.result, run.message ?? '').toBe('ok');
    const writes = writeCalls(emulator.stats().calls);
    // Stock alone for one, stock then availability for the other (product and variation alike), the
    // phone for the customer.
    expect(writes).toEqual(
      transport === 'rest'
        ? { 'rest:PUT /products/:id': 3, 'rest:PUT /products/variants/:id': 3, 'rest:PUT /customers/:id': 1 }
        : { fWSAtualizaEstoqueProduto: 4, fWSAtualizaProdutoDisponivel: 2, fWSCadastraContatosCliente: 1 },
    );
    expect(total(writes)).toBe(7);
    const bySku = (sku: string) => [...emulator.store.products.values()].find((p) => p.cod_prod === sku)!;
    expect(bySku(lower!.sku)).toMatchObject({ estoque: lower!.stock, disponivel: 'S' });
    expect(bySku(soldOut!.sku)).toMatchObject({ estoque: 0, disponivel: 'N' });
    expect([...emulator.store.customers.values()].find((c) => c.customer.email === catalog.customers[0]!.email)?.customer.telefone).toBe('11900001111');
    const variantBySku = (sku: string) => [...emulator.store.variants.values()].find((v) => v.cod_referencia === sku)!;
    expect(variantBySku(lowerVariant.sku)).toMatchObject({ estoque: lowerVariant.stock, disponivel: 'S' });
    expect(variantBySku(restocked.sku)).toMatchObject({ estoque: 3, disponivel: 'S' });
    // The products' figures are untouched by their variations' pushes.
    expect(bySku(restocked.productSku).estoque).toBe(catalog.products.find((p) => p.sku === restocked.productSku)!.stock);
    expect(run.counts.stockPushed).toBe(4);
  });
});
