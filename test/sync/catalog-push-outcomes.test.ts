/**
 * What the catalogue run tells the merchant: refused ERP rows counted and logged, a record the store
 * refuses named with the store's reason while the others go on ('partial'), a run where nothing
 * succeeded 'failed', and a retry of one entity or one record that touches only that one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyCatalog, openCatalogBench, tinyCatalog, type CatalogBench } from '../support/catalog-bench.ts';

let bench: CatalogBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

const categoryId = (b: CatalogBench, name: string) => [...b.emulator.store.categories.values()].find((c) => c.nome === name)!.id_categoria;

describe('catalogue push: outcomes the merchant sees', () => {
  it('ERP rows refused by the reader are counted in the summary and logged; the rest is pushed', async () => {
    const catalog = tinyCatalog();
    catalog.products.push({ ...catalog.products[0]!, sku: 'TST-0003', promoPrice: 50 }); // promo above the price: refused
    bench = await openCatalogBench(catalog);
    const run = await bench.sync();
    expect(run.result).toBe('ok');
    expect(run.counts).toMatchObject({ created: 8, failed: 0, erpProblems: 1 });
    expect(run.message).toBe('Catálogo: 8 criados, 0 atualizados, 0 sem mudança, 0 com erro; 1 linhas do ERP recusadas (veja Catálogo).');
    expect(bench.logged('warn')).toContain('ERP: Produtos, linha 4, coluna Preço promocional: preço promocional 50 não é menor que o preço 40');
    expect(bench.productInStore('TST-0003')).toBeUndefined();
  });

  it('a record the store refuses fails with its reason, logged; the others go on and the run is partial', async () => {
    bench = await openCatalogBench(tinyCatalog());
    await bench.sync();
    bench.emulator.store.categories.delete(categoryId(bench, 'Cadernos Ponte')); // removed in Tray's panel
    bench.catalog.categories[0]!.description = 'Cadernos e blocos';
    const run = await bench.sync();
    expect(run.result).toBe('partial');
    expect(run.counts).toMatchObject({ created: 0, updated: 0, unchanged: 7, failed: 1 });
    expect(run.errorCount).toBe(1);
    expect(run.message).toBe('Catálogo: 0 criados, 0 atualizados, 7 sem mudança, 1 com erro.');
    const failures = bench.failures('categorias');
    expect(failures).toEqual([{ key: 'c2', message: expect.stringContaining('Categoria não encontrada') }]);
    expect(bench.logged('error').some((m) => m.startsWith('categorias c2: ') && m.includes('Categoria não encontrada'))).toBe(true);
  });

  it('two ERP categories the store takes for one name: the first goes in, the second is named with its twin, no raw database error', async () => {
    const catalog = emptyCatalog();
    catalog.categories.push({ key: 'c1', name: 'Papelaria Ponte', parentKey: null, order: 1, description: '' });
    catalog.categories.push({ key: 'c2', name: 'papelaria  ponte', parentKey: null, order: 2, description: '' });
    bench = await openCatalogBench(catalog);
    const run = await bench.sync();
    expect(run.counts).toMatchObject({ created: 1, failed: 1 });
    expect([...bench.emulator.store.categories.values()].filter((c) => c.nome.toLowerCase().includes('papelaria'))).toHaveLength(1);
    expect(bench.failures('categorias')).toEqual([
      { key: 'c2', message: 'Categoria c2: "papelaria  ponte" é, para a loja, o mesmo nome da categoria c1 sob a mesma categoria pai (a loja não distingue maiúsculas, acentos e espaços); renomeie uma delas no ERP.' },
    ]);
    // The next run says the same, and still creates nothing.
    const again = await bench.sync();
    expect(again.counts).toMatchObject({ created: 0, failed: 1 });
  });

  it('a run in which every record failed is failed, not partial', async () => {
    const catalog = emptyCatalog();
    catalog.categories.push({ key: 'c1', name: 'Papelaria Ponte', parentKey: null, order: 1, description: 'Papelaria' });
    bench = await openCatalogBench(catalog);
    await bench.sync();
    bench.emulator.store.categories.delete(categoryId(bench, 'Papelaria Ponte'));
    bench.catalog.categories[0]!.order = 2;
    const run = await bench.sync();
    expect(run.result).toBe('failed');
    expect(run.counts).toMatchObject({ failed: 1, created: 0, updated: 0, unchanged: 0 });
  });

  it('a child category whose parent the store refused names the missing parent; a child of a bound parent goes in', async () => {
    const catalog = emptyCatalog();
    catalog.categories.push({ key: 'c0', name: 'Raiz Ponte', parentKey: null, order: 1, description: '' });
    bench = await openCatalogBench(catalog);
    await bench.sync();
    bench.emulator.store.categories.delete(categoryId(bench, 'Raiz Ponte'));
    bench.catalog.categories.push(
      { key: 'c1', name: 'Filha Ponte', parentKey: 'c0', order: 1, description: '' },
      { key: 'c2', name: 'Neta Ponte', parentKey: 'c1', order: 1, description: '' },
    );
    const run = await bench.sync();
    expect(run.counts).toMatchObject({ unchanged: 1, failed: 2, created: 0 });
    const failures = bench.failures('categorias');
    expect(failures.find((f) => f.key === 'c2')?.message).toBe('Categoria c2: a categoria pai "c1" não foi enviada à loja.');
    expect(failures.find((f) => f.key === 'c1')?.message).toMatch(/id_categoria_pai/);
  });
});

describe('catalogue push: retrying one entity or one record', () => {
  it('retrying an entity runs only it and keeps the other entities’ results', async () => {
    bench = await openCatalogBench(tinyCatalog());
    await bench.sync();
    bench.catalog.products[0]!.price = 41;
    bench.resetStats();
    const run = await bench.retry('marcas');
    expect(run.counts).toMatchObject({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect(bench.writes()).toBe(0);
    expect(bench.productInStore('TST-0001')?.preco).toBe(40);
    expect(bench.report('marcas').counts).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect(bench.report('produtos').counts).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 0 });
  });

  it('retrying one record (a brand by its name, a product by its SKU, a value by SKU|name) touches only that record', async () => {
    bench = await openCatalogBench(tinyCatalog());
    await bench.sync();
    bench.catalog.products[0]!.price = 41;
    bench.catalog.products[1]!.price = 4;
    bench.resetStats();
    const value = await bench.retry('produtos', 'TST-0001|Gramatura');
    expect(value.counts).toMatchObject({ updated: 1, unchanged: 0, created: 0 });
    expect(bench.productInStore('TST-0001')?.preco).toBe(41);
    expect(bench.productInStore('TST-0002')?.preco).toBe(3.5);
    // A one-record retry leaves the entity's other results as they were.
    expect(bench.report('produtos').counts).toEqual({ created: 1, updated: 1, unchanged: 0, failed: 0 });

    const product = await bench.retry('produtos', 'TST-0002');
    expect(product.counts).toMatchObject({ updated: 1, unchanged: 0 });
    expect(bench.productInStore('TST-0002')?.preco).toBe(4);
    const brand = await bench.retry(undefined, 'Marca Ponte');
    expect(brand.counts).toMatchObject({ unchanged: 1, updated: 0, created: 0 });
    const byKey = await bench.retry('marcas', 'marca ponte');
    expect(byKey.counts).toMatchObject({ unchanged: 1 });
  });
});

describe('catalogue push: a large price drop waits for the merchant', () => {
  const call = async (b: CatalogBench, name: 'catalog.heldPrices' | 'catalog.confirmPrice', input: unknown) => {
    const envelope = await b.engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as Array<{ sku: string; currentPrice: number; newPrice: number }>;
  };

  it('keeps the published price, logs why, and publishes only what the merchant approved', async () => {
    bench = await openCatalogBench(tinyCatalog());
    await bench.sync();
    bench.catalog.products[0]!.price = 20; // half of 40: beyond the 30 % default
    bench.resetStats();
    const held = await bench.sync();
    expect(bench.writes()).toBe(0);
    expect(held.counts).toMatchObject({ updated: 0, unchanged: 8 });
    expect(bench.productInStore('TST-0001')?.preco).toBe(40);
    expect(await call(bench, 'catalog.heldPrices', {})).toEqual([expect.objectContaining({ sku: 'TST-0001', currentPrice: 40, newPrice: 20 })]);
    expect(bench.logged('warn').some((m) => m.startsWith('Produto TST-0001: preço caiu 50') && m.includes('40,00') && m.includes('20,00'))).toBe(true);

    await call(bench, 'catalog.confirmPrice', { sku: 'TST-0001', approve: false });
    bench.resetStats();
    await bench.sync();
    expect(bench.writes()).toBe(0);
    expect(bench.productInStore('TST-0001')?.preco).toBe(40);
    expect(await call(bench, 'catalog.heldPrices', {})).toEqual([]);

    bench.catalog.products[0]!.price = 19; // the ERP moved on: the rejection was about 20 only
    await bench.sync();
    expect(bench.productInStore('TST-0001')?.preco).toBe(40);
    expect(await call(bench, 'catalog.heldPrices', {})).toEqual([expect.objectContaining({ sku: 'TST-0001', newPrice: 19 })]);
    await call(bench, 'catalog.confirmPrice', { sku: 'TST-0001', approve: true });
    await bench.sync();
    expect(bench.productInStore('TST-0001')?.preco).toBe(19);
    bench.resetStats();
    await bench.sync();
    expect(bench.writes()).toBe(0);
  });
});
