import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { openSqlConnector, namedParameters, READ_KEYS, type SqlMapping } from '../../electron/engine/erp/sql.ts';
import { FIREBIRD_CHARSETS } from '../../electron/engine/erp/drivers/config.ts';
import { ERP_FIREBIRD_CHARSETS, ERP_READ_KEYS } from '../../shared/api/contract.ts';
import { SAMPLE_ERP_SCHEMA, sampleErpMapping } from '../../electron/engine/erp/catalog-writers.ts';
import { ErpSourceError } from '../../electron/engine/erp/types.ts';
import { order, tempDir } from './helpers.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

let n = 0;
/** A fresh ERP database with `setup` SQL applied and a mapping (optionally altered). */
const erp = async (setup = '', alter: (m: SqlMapping) => unknown = (m) => m) => {
  n += 1;
  const dbFile = path.join(tmp.dir, `erp${n}.sqlite`);
  const db = new Database(dbFile);
  db.exec(SAMPLE_ERP_SCHEMA + setup);
  db.close();
  const mappingFile = path.join(tmp.dir, `mapeamento${n}.json`);
  await writeFile(mappingFile, JSON.stringify(alter(sampleErpMapping(path.basename(dbFile)))));
  return { dbFile, mappingFile, mappingName: path.basename(mappingFile) };
};

describe('SQL connector', () => {
  it('store values only travel as parameters: a hostile customer name is stored verbatim', async () => {
    const { dbFile, mappingFile } = await erp();
    const connector = await openSqlConnector(mappingFile);
    const hostile = "Robert'); DROP TABLE pedidos;--";
    const evil = order(9001, { customer: { id: 1, name: hostile, document: '52998224725', email: "a'@b.c", phone: '' }, notes: '"; DELETE FROM pedido_itens; --' });
    expect(await connector.writeOrders([evil])).toEqual({ written: 1, skipped: 0, failed: [] });
    await connector.close();
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare('SELECT cliente, email, observacoes FROM pedidos').all()).toEqual([{ cliente: hostile, email: "a'@b.c", observacoes: '"; DELETE FROM pedido_itens; --' }]);
    expect(db.prepare('SELECT count(*) AS n FROM pedido_itens').get()).toEqual({ n: 2 });
    db.close();
  });

  it('an order whose item fails is rolled back whole, and the failure names the order (the others go on)', async () => {
    const { dbFile, mappingFile } = await erp('CREATE TRIGGER no_zz BEFORE INSERT ON pedido_itens WHEN NEW.cod_prod = \'PRA-003\' BEGIN SELECT RAISE(ABORT, \'produto bloqueado\'); END;');
    const connector = await openSqlConnector(mappingFile);
    expect(await connector.writeOrders([order(9100)])).toEqual({ written: 0, skipped: 0, failed: [{ id: 9100, message: 'pedido 9100: falha ao gravar no ERP: produto bloqueado' }] });
    await connector.close();
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare('SELECT (SELECT count(*) FROM pedidos) AS p, (SELECT count(*) FROM pedido_itens) AS i').get()).toEqual({ p: 0, i: 0 });
    db.close();
  });

  it('orderExists skips orders already in the ERP even with a plain INSERT', async () => {
    const { mappingFile } = await erp('', (m) => ({
      ...m,
      write: { ...m.write!, orderExists: 'SELECT 1 FROM pedidos WHERE id_tray = :id', order: m.write!.order.replace(' ON CONFLICT (id_tray) DO NOTHING', '') },
    }));
    const connector = await openSqlConnector(mappingFile);
    expect(await connector.writeOrders([order(1)])).toEqual({ written: 1, skipped: 0, failed: [] });
    expect(await connector.writeOrders([order(1), order(2)])).toEqual({ written: 1, skipped: 1, failed: [] });
    await connector.close();
  });

  it('rows with bad values are problems naming the query, row and column; the others are used', async () => {
    const { mappingFile, mappingName } = await erp(`
      INSERT INTO produtos (cod_prod, descricao_curta, preco_venda, estoque) VALUES ('A', 'Bom', 10, 1), ('B', 'Negativo', 10, -2), ('C', 'Texto', 'dez', 1);
      INSERT INTO clientes (cpf_cnpj, nome) VALUES ('52998224725', 'Ok'), ('12ABC34501DE35', 'Alfa'), ('12ABC34501DE34', 'Ruim');`);
    const connector = await openSqlConnector(mappingFile);
    const { catalog, problems, counts } = await connector.readCatalog();
    await connector.close();
    expect(catalog.products.map((p) => p.sku)).toEqual(['A']);
    expect(catalog.customers.map((c) => c.document).sort()).toEqual(['12ABC34501DE35', '52998224725']);
    expect(counts).toEqual({ produtos: 1, variacoes: 0, categorias: 0, marcas: 0, caracteristicas: 0, clientes: 2, listascasamento: 0, itenslistas: 0 });
    const place = `${mappingName}, consulta`;
    expect(problems.map((p) => [p.entity, p.sheet, p.row, p.column, p.message])).toEqual([
      ['produtos', 'products', 2, 'stock', `${place} Produtos, linha 2, coluna stock: estoque negativo (-2)`],
      ['produtos', 'products', 3, 'price', `${place} Produtos, linha 3, coluna price: 'dez' não é um valor`],
      ['clientes', 'customers', 3, 'document', `${place} Clientes, linha 3, coluna document: CNPJ '12ABC34501DE34' inválido (dígitos verificadores não conferem)`],
    ]);
  });

  it('a failing query is a problem for its entity; the other entities are read', async () => {
    const { mappingFile, mappingName } = await erp("INSERT INTO produtos (cod_prod, descricao_curta, preco_venda, estoque) VALUES ('A', 'Bom', 10, 1);", (m) => ({
      ...m,
      read: { ...m.read, brands: 'SELECT nome AS name FROM fabricantes' },
    }));
    const connector = await openSqlConnector(mappingFile);
    const { problems, counts } = await connector.readCatalog();
    await connector.close();
    expect(problems).toEqual([
      { entity: 'marcas', file: mappingName, sheet: 'brands', row: null, column: null, message: `${mappingName}, consulta brands: no such table: fabricantes` },
    ]);
    expect(counts.produtos).toBe(1);
  });

  it.each([
    ['not JSON', '{ "database": ', /mapeamento inválido: /],
    ['no products query', JSON.stringify({ database: { driver: 'sqlite', path: 'x.sqlite' }, read: {}, write: { order: 'INSERT INTO p VALUES (:id)' } }), /mapeamento inválido: read\.products: /],
    ['unknown driver', JSON.stringify({ database: { driver: 'oracle', path: 'x' }, read: { products: 'SELECT 1' }, write: { order: 'x' } }), /mapeamento inválido: database\.driver: /],
    ['unknown parameter', JSON.stringify({ database: { driver: 'sqlite', path: 'x.sqlite' }, read: { products: 'SELECT 1' }, write: { order: 'INSERT INTO p VALUES (:id, :cpf)' } }), /write\.order: parâmetros desconhecidos :cpf \(aceitos: :id, :number/],
  ])('a bad mapping file (%s) cannot be opened', async (_name, text, message) => {
    const file = path.join(tmp.dir, `bad${n++}.json`);
    await writeFile(file, text);
    const error = await openSqlConnector(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErpSourceError);
    expect((error as Error).message).toMatch(message);
  });

  it('a mapping naming a database that does not exist cannot be opened', async () => {
    const file = path.join(tmp.dir, 'sem-banco.json');
    await writeFile(file, JSON.stringify(sampleErpMapping('nao-existe.sqlite')));
    await expect(openSqlConnector(file)).rejects.toThrow(ErpSourceError);
  });

  it('named parameters ignore literals and comments', () => {
    expect(namedParameters("INSERT INTO t VALUES (:id, @name, $x, ':fake', \"@col\") -- :comment")).toEqual(['id', 'name', 'x']);
  });
});

describe('the contract repeats the engine’s lists', () => {
  // shared/ cannot import the engine: a query the form does not offer could never be configured there.
  it('Configurações offers every query the SQL reader takes, and the Firebird charsets it accepts', () => {
    expect([...ERP_READ_KEYS].sort()).toEqual([...READ_KEYS].sort());
    expect([...ERP_FIREBIRD_CHARSETS]).toEqual([...FIREBIRD_CHARSETS]);
  });
});
