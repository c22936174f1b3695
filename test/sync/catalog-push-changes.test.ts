/**
 * The catalogue job after the first sync: what changed in the ERP reaches the store once, on the
 * record the store already has (same ids), and only the fields the store can take; records the
 * store already holds are adopted without a create; a store that refuses access or does not answer
 * stops the run with a reason instead of failing every record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { erpCatalogFromDemo } from '../../electron/demo/sample-erp.ts';
import { cpf, emptyCatalog, openCatalogBench, tinyCatalog, type CatalogBench } from '../support/catalog-bench.ts';

let bench: CatalogBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

const category = (b: CatalogBench, name: string) => [...b.emulator.store.categories.values()].find((c) => c.nome === name);
const customerByEmail = (b: CatalogBench, email: string) => [...b.emulator.store.customers.values()].find((c) => c.customer.email === email)?.customer;

describe('catalogue push: changes after the first sync', () => {
  it('each change is written once onto the record the store has; a re-run writes nothing', async () => {
    bench = await openCatalogBench(tinyCatalog());
    await bench.sync();
    const parentId = category(bench, 'Papelaria Ponte')!.id_categoria;
    const notebookId = bench.productInStore('TST-0001')!.id_produto;
    const pencilId = bench.productInStore('TST-0002')!.id_produto;
    const c = bench.catalog;
    c.categories[1]!.name = 'Papelaria Ponte Nova';
    c.products[0]!.price = 45;
    c.products[0]!.characteristics.Gramatura = '75 g';
    c.products[1]!.stock = 50;
    c.customers[0]!.phone = '(11) 97777-0002';
    c.weddingLists[0]!.items = [{ sku: 'TST-0001', quantity: 3 }, { sku: 'TST-0002', quantity: 1 }];
    bench.resetStats();
    const run = await bench.sync();

    expect(run.result).toBe('ok');
    // c1, both products (one by its fields, one by its stock), the customer's phone, the list's items.
    expect(run.counts).toMatchObject({ created: 0, updated: 5, unchanged: 3, failed: 0, values: 1, stockPushed: 1 });
    const { store } = bench.emulator;
    expect(store.categories.get(parentId)).toMatchObject({ nome: 'Papelaria Ponte Nova', id_categoria_pai: 0 });
    expect(category(bench, 'Papelaria Ponte')).toBeUndefined();
    expect(bench.productInStore('TST-0001')).toMatchObject({ id_produto: notebookId, preco: 45, estoque: 10 });
    expect(Object.values(store.productCharacteristics.get(notebookId)!)).toEqual(['75 g']);
    expect(bench.productInStore('TST-0002')).toMatchObject({ id_produto: pencilId, estoque: 50, disponivel: 'S', preco: 3.5 });
    expect(customerByEmail(bench, 'conceicao@exemplo.com.br')?.telefone).toBe('(11) 97777-0002');
    const list = [...store.weddingLists.values()].find((w) => w.nome_lista === 'Lista de Ana e Bruno')!;
    expect(list.items).toEqual([{ id_produto: notebookId, quantidade: 3 }, { id_produto: pencilId, quantidade: 1 }]);
    expect(store.weddingLists.size).toBe([...store.weddingLists.values()].length);
    // category, product, stock, value, phone, two list items.
    expect(bench.writes()).toBe(7);

    bench.resetStats();
    const again = await bench.sync();
    expect(bench.writes()).toBe(0);
    expect(again.counts).toMatchObject({ updated: 0, unchanged: 8 });
  });

  it('a customer change the store cannot take (address) is recorded without a write; a phone change is written', async () => {
    bench = await openCatalogBench(tinyCatalog());
    await bench.sync();
    bench.catalog.customers[0]!.city = 'Campinas';
    bench.resetStats();
    const run = await bench.sync();
    expect(run.counts).toMatchObject({ updated: 1, unchanged: 7 });
    expect(bench.writes()).toBe(0);
    expect(customerByEmail(bench, 'conceicao@exemplo.com.br')?.cidade).toBe('São Paulo');
    bench.resetStats();
    expect((await bench.sync()).counts).toMatchObject({ updated: 0, unchanged: 8 });
    expect(bench.writes()).toBe(0);
  });

  it('a product made unavailable, or whose stock runs out, is published unavailable', async () => {
    bench = await openCatalogBench(tinyCatalog());
    await bench.sync();
    bench.catalog.products[0]!.available = false;
    bench.catalog.products[1]!.stock = 0;
    const run = await bench.sync();
    expect(run.counts).toMatchObject({ updated: 2, failed: 0 });
    expect(bench.productInStore('TST-0001')).toMatchObject({ disponivel: 'N', estoque: 10 });
    expect(bench.productInStore('TST-0002')).toMatchObject({ disponivel: 'N', estoque: 0 });
  });

  it('the stock published keeps the safety buffer back', async () => {
    bench = await openCatalogBench(tinyCatalog(), { settings: { stock: { safetyBuffer: 3 } } as never });
    await bench.sync();
    expect(bench.productInStore('TST-0001')).toMatchObject({ estoque: 7 });
    expect(bench.productInStore('TST-0002')).toMatchObject({ estoque: 97 });
  });
});

describe('catalogue push: a store that already has the records', () => {
  it('adopts categories, brands, characteristics, products and customers by name, SKU, CPF/CNPJ and e-mail: nothing is created or written', async () => {
    const demo = erpCatalogFromDemo(demoCatalog(5));
    const catalog = { ...demo, products: demo.products.slice(0, 8).map((p) => ({ ...p, characteristics: {} })), weddingLists: [] };
    // Brands are names: the store's spelling in another case still matches.
    catalog.brands = catalog.brands.map((b, i) => (i === 0 ? { name: b.name.toUpperCase() } : b));
    catalog.products = catalog.products.map((p) => (p.brand === demo.brands[0]!.name ? { ...p, brand: p.brand.toUpperCase() } : p));
    bench = await openCatalogBench(catalog);
    const sizes = () => {
      const s = bench!.emulator.store;
      return [s.categories.size, s.brands.size, s.characteristics.size, s.products.size, s.customers.size];
    };
    const before = sizes();
    bench.resetStats();
    const run = await bench.sync();
    expect(run.result).toBe('ok');
    expect(run.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(run.counts.unchanged).toBe(catalog.categories.length + catalog.brands.length + catalog.characteristics.length + 8 + catalog.customers.length);
    expect(bench.writes()).toBe(0);
    expect(sizes()).toEqual(before);
    expect(catalog.customers.some((c) => c.document.length === 14)).toBe(true);
    bench.resetStats();
    await bench.sync();
    expect(bench.writes()).toBe(0);
  });
  it('a customer whose document the store does not know is still found by e-mail, not created again', async () => {
    const demo = erpCatalogFromDemo(demoCatalog(5));
    const known = demo.customers.find((c) => c.document.length === 11)!;
    const catalog = { ...emptyCatalog(), customers: [{ ...known, document: cpf('111444777') }] };
    bench = await openCatalogBench(catalog);
    const customers = bench.emulator.store.customers.size;
    bench.resetStats();
    const run = await bench.sync();
    expect(run.counts).toMatchObject({ created: 0, unchanged: 1, failed: 0 });
    expect(bench.writes()).toBe(0);
    expect(bench.emulator.store.customers.size).toBe(customers);
  });
});

describe('catalogue push: the run stops when the store cannot be used', () => {
  it('a refused access stops the run at the first record, saying to check the access', async () => {
    bench = await openCatalogBench(tinyCatalog(), { access: (real) => ({ ...real, password: 'errada' }) });
    const run = await bench.sync();
    expect(run.result).toBe('failed');
    expect(run.message).toMatch(/^A loja recusou o acesso: .+\. Verifique loja, login e senha em Configurações\.$/);
    expect(run.errorCount).toBe(1);
    expect(bench.emulator.store.products.size).toBe(new Set([...bench.emulator.store.products.values()].map((p) => p.cod_prod)).size);
    expect(bench.productInStore('TST-0001')).toBeUndefined();
  });

  it('a store that does not answer stops the run after five records in a row, not one per record', async () => {
    bench = await openCatalogBench(tinyCatalog(), { client: { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } } });
    bench.emulator.setConfig({ outage: true });
    const run = await bench.sync();
    expect(run.result).toBe('failed');
    expect(run.message).toMatch(/^A loja não respondeu \(.+\); nova tentativa mais tarde\.$/);
    // Failed: c1, c2 (its parent missing), brand, characteristic, TST-0001 (its category missing), TST-0002,
    // TST-0001's value (product not in the store); the customer is the fifth store failure in a row: the
    // run stops there (+1), and the list is never tried.
    expect(run.errorCount).toBe(8);
    expect(bench.failures('produtos').map((f) => f.key).sort()).toEqual(['TST-0001', 'TST-0001|Gramatura', 'TST-0002']);
    expect(bench.failures('produtos').find((f) => f.key === 'TST-0001')?.message).toBe('a categoria "c2" não está na loja');
    expect(bench.failures('produtos').find((f) => f.key === 'TST-0001|Gramatura')?.message).toBe('o produto TST-0001 ainda não está na loja');
    expect(bench.failures('listas')).toEqual([]);
    expect(bench.failures('clientes')).toEqual([]);
    expect(bench.failures('categorias').find((f) => f.key === 'c2')?.message).toBe('Categoria c2: a categoria pai "c1" não foi enviada à loja.');
  });
});
