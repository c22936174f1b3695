/**
 * Issue #13 item 3: the ERP database as Configurações describes it, against a real PostgreSQL 15.
 * "Testar conexão" names each failure in pt-BR and saves nothing; "Pré-visualizar" shows the first
 * rows as Ponte reads them with each row's problem in the spreadsheets' words; the password lives in
 * the secret store only; the engine's connector is the one the settings describe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErpDatabaseCandidate } from '../../shared/api/contract.ts';
import { createEngine, type Engine } from '../../electron/engine/index.ts';
import { createConnections } from '../../electron/engine/connections.ts';
import { mappingOf, previewErpQuery, testErpDatabase } from '../../electron/engine/erp/database-settings.ts';
import { ServerDatabase } from '../../electron/engine/erp/drivers/config.ts';
import { openServerDriver } from '../../electron/engine/erp/drivers/index.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore, type StoredSettings } from '../../electron/engine/settings.ts';
import { freePort, serverMissing, startServer, type RunningServer } from '../support/db-servers.ts';
import { seedSmallErp } from '../support/erp-db-fixture.ts';

const missing = serverMissing('postgres');

describe.skipIf(missing !== null)('ERP database settings against PostgreSQL (issue #13)', () => {
  let server: RunningServer;
  let dir: string;
  let engine: Engine;
  let settingsFile: StoredSettings;
  const secrets = memorySecretStore();
  let form: ErpDatabaseCandidate;

  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const answer = await engine.endpoint.dispatch(name as never, input as never);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.result as T;
  };

  beforeAll(async () => {
    server = await startServer('postgres');
    await seedSmallErp(server);
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-erpdb-'));
    const store = memorySettingsStore({ ...DEFAULT_SETTINGS, demo: false, schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 } });
    const tracked = { get: store.get, set: (next: StoredSettings) => { settingsFile = structuredClone(next); store.set(next); } };
    engine = await createEngine({ dataDir: dir, settings: tracked, secrets, watchErp: false, syncOnStart: false });
    const mapping = await call<{ read: Record<string, string>; write: Record<string, string>; productsChangeColumn: string }>('erp.startingMapping', { driver: 'postgres' });
    const db = server.database as { host: string; port: number; database: string; user: string };
    form = { driver: 'postgres', host: db.host, port: db.port, database: db.database, user: db.user, read: mapping.read as never, write: mapping.write as never, productsChangeColumn: mapping.productsChangeColumn };
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a wrong password is named in pt-BR, and nothing is saved', async () => {
    const result = await call<{ ok: boolean; failure: string; message: string }>('erp.testConnection', { ...form, password: 'errada' });
    expect(result).toMatchObject({ ok: false, failure: 'auth' });
    expect(result.message).toBe("usuário 'ponte' ou senha recusados pelo servidor PostgreSQL; confira o Usuário e a Senha");
    expect(await secrets.get('erpPassword')).toBeNull();
    expect(settingsFile).toBeUndefined();
  });

  it('the form as typed connects: version, rows read per query, writes configured', async () => {
    const result = await call<{ ok: boolean; message: string; version: string; writes: boolean; queries: Array<{ entity: string; rows: number; ok: boolean }> }>('erp.testConnection', { ...form, password: server.password });
    expect(result.ok).toBe(true);
    expect(result.version).toMatch(/^PostgreSQL 15\./);
    expect(result.queries.find((q) => q.entity === 'products')).toEqual({ entity: 'products', ok: true, rows: 3, message: null });
    expect(result.writes).toBe(true);
    expect(result.message).toMatch(/^Conectado: PostgreSQL 15\.\d+ \(Debian [^)]*\). 9 consultas lidas sem problema\.$/);
  });

  it('server down, database not found and missing fields each say what to check', async () => {
    const down = await call<{ failure: string; message: string }>('erp.testConnection', { ...form, port: await freePort(), password: server.password });
    expect(down.failure).toBe('down');
    expect(down.message).toMatch(/^o servidor PostgreSQL em 127\.0\.0\.1:\d+ não respondeu .*confira se o servidor do ERP está ligado, o Servidor e a Porta$/);
    const notFound = await call<{ failure: string; message: string }>('erp.testConnection', { ...form, database: 'nao_existe', password: server.password });
    expect(notFound).toMatchObject({ failure: 'notFound', message: "o banco 'nao_existe' não existe no servidor PostgreSQL; confira o Banco de dados" });
    const blank = await call<{ failure: string; message: string }>('erp.testConnection', { ...form, host: '', user: ' ', password: server.password });
    expect(blank).toMatchObject({ failure: 'config', message: 'Banco de dados do ERP: preencha o Servidor, o Usuário' });
    const firebird = await call<{ failure: string; message: string }>('erp.testConnection', { ...form, driver: 'firebird', charset: null, password: 'x' });
    expect(firebird.message).toBe('Banco de dados do ERP: preencha o Conjunto de caracteres (WIN1252, ISO8859_1, UTF8 ou NONE)');
  });

  it('a read-only user without a GRANT on a table is told which query and what to ask for', async () => {
    const result = await call<{ ok: boolean; failure: string; message: string; writes: boolean }>('erp.testConnection', {
      ...form, user: server.readOnly.user, password: server.readOnly.password, write: { order: '', orderExists: '', orderItem: '' },
    });
    expect(result).toMatchObject({ ok: false, failure: 'permission', writes: false });
    expect(result.message).toMatch(/^consulta Categorias: o usuário 'leitor' não tem permissão para isto \(.*categorias.*\); peça ao responsável pelo ERP um GRANT SELECT/);
  });

  it('text that arrived garbled names the row, the column and the setting to change', async () => {
    const result = await call<{ failure: string; message: string }>('erp.testConnection', {
      ...form, password: server.password, read: { ...form.read!, categories: "SELECT codigo, 'Decora\uFFFD\uFFFDo' AS nome FROM categorias" },
    });
    expect(result.failure).toBe('garbled');
    expect(result.message).toMatch(/^consulta Categorias, linha 1, coluna nome: o texto 'Decora��o' chegou com caracteres trocados \(�\); o banco guarda/);
  });

  it('the preview shows the rows as Ponte reads them and the bad row with its problem', async () => {
    const preview = await call<{ columns: Array<{ field: string; header: string }>; rows: Array<{ row: number; values: Record<string, string> }>; problems: Array<{ row: number; message: string }>; fetched: number; failure: unknown }>(
      'erp.preview', { database: { ...form, password: server.password }, entity: 'products', sql: form.read!.products },
    );
    expect(preview.failure).toBeNull();
    expect(preview.fetched).toBe(3);
    expect(preview.columns.slice(0, 3)).toEqual([{ field: 'sku', header: 'sku' }, { field: 'name', header: 'nome' }, { field: 'description', header: 'descricao' }]);
    expect(preview.rows.map((r) => [r.row, r.values.sku, r.values.name, r.values.price])).toEqual([[1, 'SKU-1', 'Vaso de cerâmica São João', '49,90'], [3, 'SKU-3', 'Toalha de linho', '89,00']]);
    expect(preview.problems).toEqual([{ row: 2, column: 'estoque', message: `banco do ERP, consulta Produtos, linha 2, coluna estoque: estoque negativo (-3)` }]);
  });

  it('the test and the preview read 20 rows of a long query, asked of the server (a trailing ; and -- comment included)', async () => {
    const long = "SELECT 'Marca ' || n AS marca FROM generate_series(1, 50) n ORDER BY n; -- todas";
    const tested = await call<{ ok: boolean; queries: Array<{ entity: string; rows: number }> }>('erp.testConnection', { ...form, password: server.password, read: { ...form.read!, brands: long } });
    expect(tested.ok).toBe(true);
    expect(tested.queries.find((q) => q.entity === 'brands')?.rows).toBe(20);
    const preview = await call<{ fetched: number; rows: Array<{ values: Record<string, string> }> }>('erp.preview', { database: { ...form, password: server.password }, entity: 'brands', sql: long });
    expect(preview.fetched).toBe(20);
    expect(preview.rows.at(-1)?.values).toEqual({ name: 'Marca 20' });
  });

  it('the preview of a broken query is a problem, not a crash', async () => {
    const preview = await call<{ rows: unknown[]; problems: Array<{ message: string }> }>('erp.preview', { database: { ...form, password: server.password }, entity: 'brands', sql: 'SELECT nome FROM tabela_que_nao_existe' });
    expect(preview.rows).toEqual([]);
    expect(preview.problems[0]?.message).toMatch(/tabela_que_nao_existe/);
  });

  it('saving keeps the password in the secret store only; the engine reads the configured server', async () => {
    const saved = await call<{ erp: unknown; erpDatabase: Record<string, unknown> }>('settings.update', { erp: { kind: 'sql' }, erpDatabase: { ...form, password: server.password } });
    expect(saved.erpDatabase.hasPassword).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(server.password);
    expect(JSON.stringify(settingsFile)).not.toContain(server.password);
    expect(await secrets.get('erpPassword')).toBe(server.password);
    // With the saved password, the test needs none typed.
    expect((await call<{ ok: boolean }>('erp.testConnection', {})).ok).toBe(true);

    const connections = createConnections({ settings: () => settingsFile, secrets, dataDir: dir, now: () => new Date(), createTrayClient: () => { throw new Error('no store here'); } });
    const erp = await connections.erp();
    const { catalog, problems } = await erp!.readCatalog();
    expect(catalog.products.map((p) => p.sku)).toEqual(['SKU-1', 'SKU-3']);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining(`linha 2, coluna estoque: estoque negativo (-3)`)]);
    expect(catalog.products[0]!.name).toBe('Vaso de cerâmica São João');
    expect(erp!.watchPaths()).toEqual([]);
    await connections.close();
  });

  it('a write without the order statement is refused with the field named', () => {
    const db = { ...DEFAULT_SETTINGS.erpDatabase, ...form, read: { ...DEFAULT_SETTINGS.erpDatabase.read, ...form.read } } as StoredSettings['erpDatabase'];
    expect(mappingOf({ ...db, write: { order: '', orderExists: '', orderItem: '' } }).write).toBeUndefined();
    expect(() => mappingOf({ ...db, write: { order: '', orderExists: '', orderItem: 'INSERT INTO pedido_itens (id_tray) VALUES (:orderId)' } })).toThrow(
      'Banco de dados do ERP: preencha a gravação do Pedido (os itens e a checagem dependem dela)',
    );
  });
});

describe.skipIf(serverMissing('firebird') !== null)('"Testar conexão" against Firebird 3: the charset that garbles accents (issue #13)', () => {
  let server: RunningServer;
  const blankRead = DEFAULT_SETTINGS.erpDatabase.read;

  beforeAll(async () => {
    server = await startServer('firebird');
    const driver = openServerDriver(ServerDatabase.parse(server.database), server.password);
    try {
      // As in old Clipp/Gdoor databases: a column of charset NONE holding WIN1252 bytes.
      await driver.run('CREATE TABLE marcas (nome VARCHAR(60) CHARACTER SET NONE NOT NULL PRIMARY KEY)');
      await driver.run("INSERT INTO marcas (nome) VALUES ('Ação & Cia')");
    } finally {
      await driver.close();
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const settingsFor = (charset: 'UTF8' | 'WIN1252') => {
    const db = server.database as { host: string; port: number; database: string; user: string };
    return { ...DEFAULT_SETTINGS.erpDatabase, driver: 'firebird' as const, host: db.host, port: db.port, database: db.database, user: db.user, charset, read: { ...blankRead, products: 'SELECT nome AS sku FROM marcas', brands: 'SELECT nome AS marca FROM marcas' } };
  };

  it('UTF8 over WIN1252 bytes: the row, the column and the setting to change are named', async () => {
    const result = await testErpDatabase(settingsFor('UTF8'), server.password);
    expect(result).toMatchObject({ ok: false, failure: 'garbled', version: 'Firebird 3.0.11' });
    expect(result.message).toBe(
      "consulta Produtos, linha 1, coluna sku: o texto 'A\uFFFD\uFFFDo & Cia' chegou com caracteres trocados (�); mude o Conjunto de caracteres (bancos de ERPs brasileiros costumam usar WIN1252 ou ISO8859_1)",
    );
  });

  it('WIN1252, the database’s own: the accents arrive whole and the test passes', async () => {
    const result = await testErpDatabase(settingsFor('WIN1252'), server.password);
    expect(result).toMatchObject({ ok: true, failure: null });
    const preview = await previewErpQuery(settingsFor('WIN1252'), server.password, 'brands', 'SELECT nome AS marca FROM marcas');
    expect(preview.rows).toEqual([{ row: 1, values: { name: 'Ação & Cia' } }]);
  });
});
