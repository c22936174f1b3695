/**
 * Issue #13: the whole engine against each real ERP database server (Firebird 3 with a WIN1252
 * database, PostgreSQL 15, MariaDB 10.11) and the store emulator, configured the way Configurações
 * does it (erp kind `sql`, the server in settings.erpDatabase, the password in the secret store).
 * Each test brings the state it needs through memoised steps, so it passes alone (vitest -t).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { divergeForDemo, erpCatalogFromDemo } from '../../electron/demo/sample-erp.ts';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { ServerDatabase } from '../../electron/engine/erp/drivers/config.ts';
import { openServerDriver } from '../../electron/engine/erp/drivers/index.ts';
import { createGenericSchema, writeGenericCatalog, type ServerDialect } from '../../electron/engine/erp/generic-schema.ts';
import type { Engine } from '../../electron/engine/index.ts';
import { OPERATIONS, type OperationName } from '../../electron/engine/tray/operations.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';
import { serverMissing, startServer, type RunningServer, type ServerKind } from '../support/db-servers.ts';

const writes = (calls: Record<string, number>) =>
  Object.entries(calls)
    .filter(([op]) => OPERATIONS[op as OperationName]?.kind === 'write')
    .reduce((sum, [, n]) => sum + n, 0);

/** Memoised async step: the first caller runs it, the others (and later tests) share the result. */
const once = <T,>(step: () => Promise<T>): (() => Promise<T>) => {
  let memo: Promise<T> | null = null;
  return () => (memo ??= step());
};

const KINDS: Array<{ kind: ServerKind; dialect: ServerDialect }> = [
  { kind: 'firebird', dialect: 'firebird' },
  { kind: 'postgres', dialect: 'postgres' },
  { kind: 'mariadb', dialect: 'mysql' },
];

const ACCENTED = ['Café', 'Pão de Açúcar'] as const;

describe.each(KINDS)('engine against $kind (issue #13)', ({ kind, dialect }) => {
  const missing = serverMissing(kind);
  const { catalog } = divergeForDemo(erpCatalogFromDemo(demoCatalog(1)), 1);
  // Two products get names only a correct charset carries (WIN1252 on Firebird).
  catalog.products[0]!.name = ACCENTED[0];
  catalog.products[1]!.name = ACCENTED[1];
  let dir: string | undefined;
  let server: RunningServer | undefined;
  let emulator: RunningEmulator | undefined;
  let engine: Engine | undefined;

  const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await engine!.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };
  const driver = () => openServerDriver(ServerDatabase.parse(server!.database), server!.password);

  const ready = once(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), `ponte-${kind}-e2e-`));
    server = await startServer(kind);
    const admin = driver();
    try {
      await createGenericSchema(admin, dialect);
      await writeGenericCatalog(admin, catalog);
    } finally {
      await admin.close();
    }
    emulator = await startEmulator({ seed: 1, orders: 10, maxConcurrent: 8 });
    engine = await createTestEngine(accessOf(emulator), {
      dataDir: path.join(dir, 'data'),
      settings: { statusMapping: demoStatusMapping(), export: { target: 'csv', folder: path.join(dir, 'export') } },
    });
    await engine.start();
    const mapping = await call('erp.startingMapping', { driver: dialect });
    const db = ServerDatabase.parse(server.database);
    await call('settings.update', {
      erp: { kind: 'sql', path: '' },
      erpDatabase: {
        driver: dialect,
        host: db.host,
        port: db.port,
        database: db.database,
        user: db.user,
        ...(db.driver === 'firebird' && { charset: db.charset, wireCrypt: db.wireCrypt, auth: db.auth }),
        read: mapping.read,
        write: mapping.write,
        productsChangeColumn: mapping.productsChangeColumn,
        password: server.password,
      },
    });
  });
  const pushed = once(async () => {
    await ready();
    return call('jobs.run', { job: 'catalog' });
  });

  afterAll(async () => {
    await engine?.stop();
    await emulator?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(missing !== null)('pushes the catalogue, accented names intact in the store', async () => {
    const run = await pushed();
    expect(run.result).toBe('ok');
    expect((run.counts.created ?? 0) + (run.counts.updated ?? 0)).toBeGreaterThan(0);
    for (const [i, name] of ACCENTED.entries()) {
      expect(emulator!.store.call('fWSImportaProdutoPorCodReferencia', [catalog.products[i]!.sku])).toMatchObject({ nome: name });
    }
    // Stored in the database's own charset: one byte for 'é' in the WIN1252 Firebird database, two in UTF-8.
    const admin = driver();
    try {
      const [row] = await admin.query('SELECT OCTET_LENGTH(descricao_curta) AS n FROM produtos WHERE cod_prod = :sku', { sku: catalog.products[0]!.sku });
      expect(Number(row?.n)).toBe(kind === 'firebird' ? 4 : 5);
    } finally {
      await admin.close();
    }
    for (const p of catalog.products) expect(emulator!.store.call('fWSImportaProdutoPorCodReferencia', [p.sku])).toMatchObject({ cod_prod: p.sku });
  }, 120_000);

  it.skipIf(missing !== null)('a re-run with nothing changed makes zero store writes', async () => {
    await pushed();
    emulator!.resetStats();
    const run = await call('jobs.run', { job: 'catalog' });
    expect(run.result).toBe('ok');
    expect(writes(emulator!.stats().calls)).toBe(0);
  }, 120_000);

  it.skipIf(missing !== null)('one row changed in the ERP makes exactly one store write', async () => {
    await pushed();
    const product = catalog.products.find((p, i) => i > 1 && p.promoPrice === null) ?? catalog.products[2]!;
    const price = Math.round((product.price + 7) * 100) / 100;
    const admin = driver();
    try {
      // The change column moves too, as an ERP's "data de alteração" does.
      await admin.run('UPDATE produtos SET preco_venda = :price, data_alteracao = CURRENT_TIMESTAMP WHERE cod_prod = :sku', { price, sku: product.sku });
    } finally {
      await admin.close();
    }
    emulator!.resetStats();
    const run = await call('jobs.run', { job: 'catalog' });
    expect(run.result).toBe('ok');
    expect(emulator!.stats().calls).toMatchObject({ fWSAtualizaProduto: 1 });
    expect(writes(emulator!.stats().calls)).toBe(1);
    expect(emulator!.store.call('fWSImportaProdutoPorCodReferencia', [product.sku])).toMatchObject({ preco: price });
  }, 120_000);

  it.skipIf(missing !== null)('orders pulled are written to the ERP order tables, once', async () => {
    await ready();
    const pulled = await call('jobs.run', { job: 'orders' });
    expect(pulled.result).toBe('ok');
    const { rows, total } = await call('orders.list', { limit: 500 });
    expect(total).toBeGreaterThan(0);
    const first = await call('orders.export', { target: 'erp' });
    expect(first.count).toBe(total);
    const again = await call('orders.export', { target: 'erp' });
    expect(again.count).toBe(0);
    const admin = driver();
    try {
      const ids = (await admin.query('SELECT id_tray FROM pedidos ORDER BY id_tray')).map((r) => Number(r.id_tray));
      expect(ids).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
      // Every order arrived with its items (one transaction per order: none half-written).
      const withItems = await admin.query('SELECT COUNT(DISTINCT id_tray) AS n FROM pedido_itens');
      expect(Number(withItems[0]?.n)).toBe(total);
    } finally {
      await admin.close();
    }
  }, 120_000);
});
