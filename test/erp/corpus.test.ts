/**
 * Every file of the bad-input corpus (test/fixtures/erp) with its exact problems, read both as a
 * CSV folder and as the same data in a workbook (generated into a temp dir).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { openSpreadsheetConnector } from '../../electron/engine/erp/spreadsheet.ts';
import { ENTITIES } from '../../electron/engine/erp/columns.ts';
import { ErpSourceError, type ErpProblem } from '../../electron/engine/erp/types.ts';
import { FIXTURES, csvFolderToWorkbook, tempDir } from './helpers.ts';

/** [entity, row, column, reason, record]; row null = a problem about the whole file/sheet. */
type Expected = [entity: string, row: number | null, column: string | null, reason: string, record?: string];

const CASES: Record<string, Expected[]> = {
  good: [],
  'bad-numbers': [
    ['produtos', 3, 'Preço', "'12,3,4' não é um valor", 'A2'],
    ['produtos', 4, 'Preço', "'abc' não é um valor", 'A3'],
    ['produtos', 5, 'Estoque', "'2,5' não é um número inteiro", 'A4'],
  ],
  'missing-column': [
    ['produtos', null, 'Preço', 'falta a coluna obrigatória Preço (nomes aceitos: Preço, Preco, Valor, Preço de venda, Preço venda, Valor de venda); nenhuma linha foi lida'],
  ],
  'duplicate-sku': [
    ['produtos', 2, 'SKU', "SKU 'A1' repetido (linhas 2, 4); nenhuma das linhas foi usada", 'A1'],
    ['produtos', 4, 'SKU', "SKU 'A1' repetido (linhas 2, 4); nenhuma das linhas foi usada", 'A1'],
  ],
  'orphan-category': [
    ['produtos', 3, 'Categoria', "a categoria 'FILHA' não existe na aba Categorias (ou foi recusada)", 'P2'],
    ['categorias', 3, 'Categoria pai', "a categoria pai 'NAOEXISTE' não existe na aba Categorias", 'FILHA'],
    ['categorias', 4, 'Categoria pai', "a categoria pai 'FILHA' foi recusada (veja o problema dela)", 'NETA'],
  ],
  'negative-stock': [
    ['produtos', 2, 'Estoque', 'estoque negativo (-3)', 'A1'],
    ['produtos', 4, 'Preço', "'-10' é negativo", 'A3'],
  ],
  'bad-documents': [
    ['produtos', null, null, 'MISSING_PRODUCTS'],
    ['clientes', 3, 'CPF/CNPJ', "CPF '529.982.247-26' inválido (dígitos verificadores não conferem)", '529.982.247-26'],
    ['clientes', 5, 'CPF/CNPJ', "CNPJ '11.222.333/0001-82' inválido (dígitos verificadores não conferem)", '11.222.333/0001-82'],
    ['clientes', 7, 'CPF/CNPJ', "CNPJ '12.ABC.345/01DE-36' inválido (dígitos verificadores não conferem)", '12.ABC.345/01DE-36'],
    ['clientes', 8, 'CPF/CNPJ', "'12345' não é um CPF (11 dígitos) nem um CNPJ (14 caracteres)", '12345'],
  ],
  'bad-lists': [
    ['listascasamento', 3, 'Data do evento', "'31/02/2027' não é uma data (use dd/mm/aaaa)", 'L2'],
    ['itenslistas', 3, 'SKU', "o SKU 'ZZ9' não existe na aba Produtos (ou foi recusado)", 'ZZ9'],
    ['itenslistas', 4, 'Lista', "a lista 'L9' não existe na aba ListasCasamento (ou foi recusada)", 'A1'],
  ],
  'bad-shipping': [
    ['produtos', null, null, 'MISSING_PRODUCTS'],
    ['rastreios', 3, 'Pedido', "'abc' não é um número de pedido", 'abc'],
    ['rastreios', 4, 'Data de envio', "'2/13/2026' não é uma data (use dd/mm/aaaa)", '1003'],
    ['rastreios', 5, 'Status', "'Voando' não é um status conhecido (aceitos: Aguardando pagamento, Pago, Em separação, Enviado, Entregue, Cancelado)", '1004'],
  ],
  // Categories keyed by name (no Código column), parents by name, extra columns in any order.
  'names-only': [
    ['produtos', 4, 'Categoria', "a categoria 'Órfã' não existe na aba Categorias (ou foi recusada)", 'N-3'],
    ['categorias', 6, 'Categoria pai', "a categoria pai 'Inexistente' não existe na aba Categorias", 'Órfã'],
  ],
  cp1252: [],
  'utf8-bom': [],
  comma: [],
};

const VALID: Record<string, Record<string, number>> = {
  good: { produtos: 3, categorias: 3, marcas: 2, caracteristicas: 2, clientes: 3, listascasamento: 1, itenslistas: 2 },
  'bad-numbers': { produtos: 2 },
  'missing-column': { produtos: 0 },
  'duplicate-sku': { produtos: 1 },
  'orphan-category': { produtos: 2, categorias: 1 },
  'negative-stock': { produtos: 1 },
  'bad-documents': { clientes: 3 },
  'bad-lists': { produtos: 1, listascasamento: 1, itenslistas: 1 },
  'bad-shipping': {},
  'names-only': { produtos: 2, categorias: 4, marcas: 1 },
  cp1252: { produtos: 1 },
  'utf8-bom': { produtos: 1 },
  comma: { produtos: 2 },
};

const sheetOf = (entity: string) => ENTITIES.find((e) => e.entity === entity)!;

const expectedProblems = (name: string, form: 'csv' | 'xlsx'): ErpProblem[] =>
  CASES[name]!.map(([entity, row, column, reason, record]) => {
    const def = sheetOf(entity);
    const file = form === 'csv' ? def.csv : `${name}.xlsx`;
    const sheet = form === 'csv' ? null : def.sheet;
    if (reason === 'MISSING_PRODUCTS') {
      const source = form === 'csv' ? name : `${name}.xlsx`;
      return { entity, file: source, sheet, row, column, message: `${source}: falta a aba Produtos (ou o arquivo produtos.csv na pasta)` };
    }
    const place = form === 'csv' ? def.csv : def.sheet;
    const where = row === null ? place : `${place}, linha ${row}, coluna ${column}`;
    return { entity, file, sheet, row, column, message: `${where}: ${reason}`, ...(row !== null && { reason }), ...(record && { record }) };
  });

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
  for (const name of Object.keys(CASES)) await csvFolderToWorkbook(path.join(FIXTURES, name), path.join(tmp.dir, `${name}.xlsx`));
});
afterAll(() => tmp.cleanup());

const readAll = async (source: string) => {
  const connector = await openSpreadsheetConnector(source);
  const catalog = await connector.readCatalog();
  const shipping = await connector.readShippingUpdates();
  await connector.close();
  return { ...catalog, shipping, problems: [...catalog.problems, ...shipping.problems] };
};

describe.each(['csv', 'xlsx'] as const)('corpus as %s', (form) => {
  const sourceOf = (name: string) => (form === 'csv' ? path.join(FIXTURES, name) : path.join(tmp.dir, `${name}.xlsx`));

  it.each(Object.keys(CASES))('%s: exact problems and valid counts', async (name) => {
    const result = await readAll(sourceOf(name));
    expect(result.problems).toEqual(expectedProblems(name, form));
    expect(result.counts).toEqual(VALID[name]);
  });

  it('good: every field read, Brazilian numbers, both characteristic forms, names as categories', async () => {
    const { catalog, shipping } = await readAll(sourceOf('good'));
    expect(catalog.products[0]).toEqual({
      sku: 'PAN-001', name: 'Panela de pressão 4,5 L', description: 'Alumínio', price: 1234.56, promoPrice: 999.9, stock: 12,
      available: true, weight: 2500, height: 20, width: 25, length: 25, categoryKey: 'COZ', brand: 'Tramontina',
      characteristics: { Cor: 'Prata', Material: 'Alumínio' },
    });
    expect(catalog.products.map((p) => [p.sku, p.price, p.available, p.categoryKey])).toEqual([
      ['PAN-001', 1234.56, true, 'COZ'],
      ['CAN-002', 29.9, false, 'MESA'],
      ['PRA-003', 1234.56, true, 'MESA'],
    ]);
    expect(catalog.products[1]!.name).toBe('Caneca "Bom dia"');
    expect(catalog.categories.map((c) => [c.key, c.parentKey])).toEqual([['CASA', null], ['COZ', 'CASA'], ['MESA', 'CASA']]);
    expect(catalog.customers.map((c) => [c.document, c.uf, c.cep])).toEqual([
      ['52998224725', 'SP', '01001000'],
      ['12ABC34501DE35', 'RJ', '22021001'],
      ['11222333000181', 'PR', '80020310'],
    ]);
    expect(catalog.weddingLists).toEqual([
      { key: 'L1', name: 'Casamento Ana e Bruno', couple: 'Ana e Bruno', eventDate: '2027-02-14', email: 'ana.bruno@example.com',
        items: [{ sku: 'PAN-001', quantity: 1 }, { sku: 'PRA-003', quantity: 12 }] },
    ]);
    expect(catalog.brands.map((b) => b.name)).toEqual(['Tramontina', 'Oxford']);
    expect(catalog.characteristics.map((c) => c.name)).toEqual(['Cor', 'Material']);
    expect(shipping.rows).toEqual([
      { orderId: 1001, trackingCode: 'AA123456785BR', shippedAt: '2026-11-02', trackingUrl: null, status: 'enviado' },
      { orderId: 1002, trackingCode: null, shippedAt: null, trackingUrl: null, status: 'em_separacao' },
    ]);
  });

  it('names-only: the name is the key, a parent named in any case resolves, products find categories by name', async () => {
    const { catalog } = await readAll(sourceOf('names-only'));
    expect(catalog.categories.map((c) => [c.key, c.name, c.parentKey])).toEqual([
      ['Casa', 'Casa', null],
      ['Cozinha', 'Cozinha', 'Casa'],
      ['Mesa posta', 'Mesa posta', 'Casa'],
      ['Panelas', 'Panelas', 'Cozinha'],
    ]);
    expect(catalog.products.map((p) => [p.sku, p.categoryKey, p.brand, p.price])).toEqual([
      ['N-1', 'Panelas', 'Tramontina', 10.5],
      ['N-2', 'Mesa posta', null, 5],
    ]);
  });

  it('characteristics by code (a Código column) and by name in any case; Produtos gets the sheet’s name', async () => {
    const write = async (folder: string, chars: string, products: string) => {
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, 'caracteristicas.csv'), chars);
      await writeFile(path.join(folder, 'produtos.csv'), products);
      if (form === 'xlsx') await csvFolderToWorkbook(folder, `${folder}.xlsx`);
      return form === 'xlsx' ? `${folder}.xlsx` : folder;
    };
    const byCode = await write(path.join(tmp.dir, 'chars-code'), 'Código;Característica\nC1;Cor\nT2;Tamanho\n', 'SKU;Produto;Preço;Estoque;Caract: c1;Características\nK-1;Caneca;9;1;Azul;T2=M\n');
    const read1 = await readAll(byCode);
    expect(read1.problems).toEqual([]);
    expect(read1.catalog.products.map((p) => p.characteristics)).toEqual([{ Cor: 'Azul', Tamanho: 'M' }]);
    expect(read1.catalog.characteristics.map((c) => c.name).sort()).toEqual(['Cor', 'Tamanho']);

    const byName = await write(path.join(tmp.dir, 'chars-name'), 'Característica\nCor\nTamanho\n', 'SKU;Produto;Preço;Estoque;Caract: cor;Características\nK-2;Prato;4;2;Branco;tamanho=G\n');
    const read2 = await readAll(byName);
    expect(read2.problems).toEqual([]);
    expect(read2.catalog.products.map((p) => p.characteristics)).toEqual([{ Cor: 'Branco', Tamanho: 'G' }]);
    expect(read2.catalog.characteristics.map((c) => c.name).sort()).toEqual(['Cor', 'Tamanho']);
  });

  it('Windows-1252, BOM and comma-separated files read with their accents and aliases', async () => {
    expect((await readAll(sourceOf('cp1252'))).catalog.products).toMatchObject([{ sku: 'AÇÚ-1', name: 'Açucareiro cerâmica', price: 19.9, stock: 7, brand: 'Ímã & Cia' }]);
    expect((await readAll(sourceOf('utf8-bom'))).catalog.products).toMatchObject([{ sku: 'BOM-1', name: 'Pão de açúcar', price: 5.5 }]);
    expect((await readAll(sourceOf('comma'))).catalog.products).toMatchObject([
      { sku: 'C-1', name: 'Jarra, vidro', price: 12.5, stock: 4 },
      { sku: 'C-2', name: 'Copo', price: 3.5, stock: 10 },
    ]);
  });
});

describe('files that cannot be read at all', () => {
  it('a file that is not a workbook', async () => {
    const connector = await openSpreadsheetConnector(path.join(FIXTURES, 'unreadable.xlsx'));
    const error = await connector.readCatalog().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErpSourceError);
    expect((error as ErpSourceError).message).toBe('unreadable.xlsx: não foi possível ler o arquivo (não é uma planilha .xlsx válida; salve como "Pasta de Trabalho do Excel")');
  });

  it('a missing path', async () => {
    await expect(openSpreadsheetConnector(path.join(FIXTURES, 'nao-existe.xlsx'))).rejects.toThrow('nao-existe.xlsx: arquivo ou pasta não encontrado');
  });

  it.each(['EBUSY', 'EACCES', 'EPERM'])('a workbook Excel holds open (%s)', async (code) => {
    const locked = Object.assign(new Error(`${code}: resource busy or locked`), { code });
    const connector = await openSpreadsheetConnector(path.join(tmp.dir, 'good.xlsx'), {
      io: { open: () => Promise.reject(locked), rename: () => Promise.reject(locked) },
    });
    await expect(connector.readCatalog()).rejects.toThrow('good.xlsx: o arquivo está aberto em outro programa (Excel?); feche-o e tente de novo');
  });

  it('a locked CSV in a folder is a problem for that file; the other files are still read', async () => {
    const locked = Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
    const { promises: fsp } = await import('node:fs');
    const connector = await openSpreadsheetConnector(path.join(FIXTURES, 'good'), {
      io: { open: (file, flags) => (file.endsWith('clientes.csv') ? Promise.reject(locked) : fsp.open(file, flags)), rename: fsp.rename },
    });
    const { problems, counts } = await connector.readCatalog();
    expect(problems).toEqual([
      { entity: 'clientes', file: 'clientes.csv', sheet: null, row: null, column: null, message: 'clientes.csv: o arquivo está aberto em outro programa (Excel?); feche-o e tente de novo' },
    ]);
    expect(counts.produtos).toBe(3);
    expect(counts.clientes).toBeUndefined();
  });
});
