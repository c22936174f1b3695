/**
 * The catalogue job on a store that has none of the ERP's records: every record is created once,
 * children after their parents and bound to them, the run's counts, message and progress say so,
 * and a second run with nothing changed reads but writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalogBench, tinyCatalog, type CatalogBench } from '../support/catalog-bench.ts';

let bench: CatalogBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

const storeCategory = (b: CatalogBench, name: string) => [...b.emulator.store.categories.values()].find((c) => c.nome === name);
const storeId = (map: Map<number, string>, name: string) => [...map].find(([, n]) => n === name)?.[0];

describe('catalogue push: first sync of new records', () => {
  it('creates every record once, child category under its parent, product under its category and brand', async () => {
    bench = await openCatalogBench(tinyCatalog());
    const { store } = bench.emulator;
    const run = await bench.sync();

    expect(run.result).toBe('ok');
    expect(run.counts).toMatchObject({ created: 8, updated: 0, unchanged: 0, failed: 0, values: 1, erpProblems: 0 });
    expect(run.errorCount).toBe(0);
    expect(run.message).toBe('Catálogo: 8 criados, 0 atualizados, 0 sem mudança, 0 com erro.');

    const parent = storeCategory(bench, 'Papelaria Ponte');
    const child = storeCategory(bench, 'Cadernos Ponte');
    expect(parent).toMatchObject({ id_categoria_pai: 0, ordem: 1, descricao: 'Papelaria' });
    expect(child).toMatchObject({ id_categoria_pai: parent!.id_categoria, descricao: 'Cadernos' });
    const brandId = storeId(store.brands, 'Marca Ponte');
    const characteristicId = storeId(store.characteristics, 'Gramatura');
    expect(brandId).toBeDefined();
    expect(characteristicId).toBeDefined();

    const notebook = bench.productInStore('TST-0001');
    expect(notebook).toMatchObject({ nome: 'Caderno espiral', preco: 40, estoque: 10, disponivel: 'S', id_categoria: child!.id_categoria, id_marca: brandId });
    expect(store.productCharacteristics.get(notebook!.id_produto)).toEqual({ [characteristicId!]: '90 g' });
    expect(bench.productInStore('TST-0002')).toMatchObject({ nome: 'Lápis preto', preco: 3.5, estoque: 100, id_categoria: 0, id_marca: 0 });

    const customer = [...store.customers.values()].find((c) => c.customer.email === 'conceicao@exemplo.com.br');
    expect(customer?.customer).toMatchObject({ cliente: 'Conceição Araújo', cnpj_cpf: bench.catalog.customers[0]!.document, telefone: '(11) 98888-0001', cidade: 'São Paulo' });

    const list = [...store.weddingLists.values()].find((w) => w.nome_lista === 'Lista de Ana e Bruno');
    expect(list).toMatchObject({ nome_noivos: 'Ana e Bruno', data_evento: '2027-05-01', items: [{ id_produto: notebook!.id_produto, quantidade: 2 }] });

    for (const entity of ['categorias', 'marcas', 'caracteristicas', 'produtos', 'clientes', 'listas'] as const) expect(bench.failures(entity)).toEqual([]);
    expect(bench.report('categorias').counts).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 0 });
    expect(bench.report('produtos').counts).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 0 });
  });

  it('reports progress record by record up to the whole catalogue (products count twice: record and values)', async () => {
    bench = await openCatalogBench(tinyCatalog());
    await bench.sync();
    const progress = bench.events.flatMap((e) => (e.type === 'job-progress' && e.job === 'catalog' ? [e] : []));
    // 2 categories + 1 brand + 1 characteristic + 2 × 2 products + 1 customer + 1 list.
    expect(progress.every((p) => p.total === 10)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a second run with nothing changed writes nothing and counts every record unchanged', async () => {
    bench = await openCatalogBench(tinyCatalog());
    await bench.sync();
    const before = JSON.stringify(bench.emulator.store.snapshot());
    bench.resetStats();
    const run = await bench.sync();
    expect(bench.writes()).toBe(0);
    expect(run.result).toBe('ok');
    expect(run.counts).toMatchObject({ created: 0, updated: 0, unchanged: 8, failed: 0, values: 0 });
    expect(run.message).toBe('Catálogo: 0 criados, 0 atualizados, 8 sem mudança, 0 com erro.');
    expect(JSON.stringify(bench.emulator.store.snapshot())).toBe(before);
    expect(bench.report('listas').counts).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
  });
});
