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
/** Quotes of both kinds, both comment styles and a statement that would drop the table if spliced. */
const HOSTILE_NAME = `O'Brien "Zé" -- fim /* bloco */ Açaí`;
const HOSTILE_TEXT = `'; DROP TABLE produtos; -- e "; DROP TABLE pedidos; /* */ \\ fim`;
const EMOJI_NAME = 'Caneca 😀 Zé';
const SERVER_NAMES: Record<ServerKind, string> = { firebird: 'Firebird', postgres: 'PostgreSQL', mariadb: 'MariaDB/MySQL' };

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
    // The variations table, read by the starting mapping: each one under its product, price empty = the product's.
    expect(catalog.variants.length).toBeGreaterThan(0);
    for (const v of catalog.variants) {
      const product = emulator!.store.call('fWSImportaProdutoPorCodReferencia', [v.productSku]) as { id_produto: number; preco: number };
      expect(emulator!.store.call('fWSImportaVariacaoPorCodReferencia', [v.sku])).toMatchObject({
        id_produto: product.id_produto, preco: v.price ?? product.preco, estoque: v.stock, disponivel: v.available ? 'S' : 'N', tipo_1: v.options[0]!.type, valor_1: v.options[0]!.value,
      });
    }
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
      // At the column's own precision: MariaDB's bare CURRENT_TIMESTAMP drops the milliseconds, which
      // would put the change before the last value read and no ERP mixes precisions in one column.
      const now = dialect === 'mysql' ? 'CURRENT_TIMESTAMP(3)' : 'CURRENT_TIMESTAMP';
      await admin.run(`UPDATE produtos SET preco_venda = :price, data_alteracao = ${now} WHERE cod_prod = :sku`, { price, sku: product.sku });
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

  const exported = once(async () => {
    await ready();
    const pulled = await call('jobs.run', { job: 'orders' });
    const { rows, total } = await call('orders.list', { limit: 500 });
    const first = await call('orders.export', { target: 'erp' });
    return { pulled, rows, total, first };
  });

  it.skipIf(missing !== null)('orders pulled are written to the ERP order tables, once', async () => {
    const { pulled, rows, total, first } = await exported();
    expect(pulled.result).toBe('ok');
    expect(total).toBeGreaterThan(0);
    expect(first.count).toBe(total);
    const again = await call('orders.export', { target: 'erp' });
    expect(again.count).toBe(0);
    const admin = driver();
    try {
      const ids = (await admin.query('SELECT id_tray FROM pedidos ORDER BY id_tray')).map((r) => Number(r.id_tray));
      expect(ids).toEqual(expect.arrayContaining(rows.map((r) => r.id)));
      expect(new Set(ids).size).toBe(ids.length);
      // Every order arrived with its items (one transaction per order: none half-written).
      const withItems = await admin.query('SELECT COUNT(DISTINCT id_tray) AS n FROM pedido_itens');
      expect(Number(withItems[0]?.n)).toBe(ids.length);
    } finally {
      await admin.close();
    }
  }, 120_000);

  it.skipIf(missing !== null)('a tracking code entered in the ERP order row reaches the store once', async () => {
    const { rows } = await exported();
    const order = rows.find((r) => r.trackingCode === null) ?? rows[0]!;
    const code = `PN${String(order.id).padStart(8, '0').slice(-8)}BR`;
    const admin = driver();
    try {
      // What the ERP does when the parcel leaves: fills in the shipment columns of its own order row.
      const { changes } = await admin.run('UPDATE pedidos SET rastreio = :code, data_envio = :shipped WHERE id_tray = :id', { code, shipped: '2026-11-30', id: order.id });
      expect(changes).toBe(1);
    } finally {
      await admin.close();
    }
    const before = emulator!.store.writeCounts().orders[String(order.id)]?.tracking ?? 0;
    const run = await call('jobs.run', { job: 'tracking' });
    expect(run.result).toBe('ok');
    expect(emulator!.store.writeCounts().orders[String(order.id)]?.tracking).toBe(before + 1);
    expect(emulator!.store.order(order.id)!.order).toMatchObject({ codigo_rastreio: code, data_envio: '2026-11-30' });
    emulator!.resetStats();
    const again = await call('jobs.run', { job: 'tracking' });
    expect(again.result).toBe('ok');
    expect(emulator!.stats().calls.fWSAtualizaRastreioPedido ?? 0).toBe(0);
    expect(emulator!.store.writeCounts().orders[String(order.id)]?.tracking).toBe(before + 1);
  }, 120_000);

  it.skipIf(missing !== null)('the server stopped in the middle of an order write-back: a clear error, nothing lost, the next run completes', async () => {
    await exported();
    emulator!.store.placeOrders(5);
    expect((await call('jobs.run', { job: 'orders' })).result).toBe('ok');
    // The order Ponte writes them in (oldest first): the first two commit, the third one waits.
    const fresh = (await call('orders.list', { limit: 500 })).rows
      .filter((r) => r.exportedAt === null)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
    expect(fresh).toHaveLength(5);
    const [a, b, blocked] = fresh;
    const lines = (await call('orders.get', { id: blocked!.id })).items.length;
    // Another ERP session holds the key of the third order's last item in an open transaction: Ponte
    // writes that order's header and first items, then waits on the server, in the middle of the
    // order's transaction, until the server goes away.
    const blocker = driver();
    const watcher = driver();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const blocking = blocker
      .transaction(async (tx) => {
        await tx.run('INSERT INTO pedido_itens (id_tray, linha, descricao) VALUES (:id, :line, :d)', { id: blocked!.id, line: lines, d: 'sessão do ERP' });
        holding();
        await held;
      })
      .catch((error: unknown) => error);
    await holds;
    const run = call('orders.export', { target: 'erp' });
    const committed = async (id: number) => (await watcher.query('SELECT id_tray FROM pedidos WHERE id_tray = :id', { id })).length === 1;
    for (let i = 0; i < 200 && !((await committed(a!.id)) && (await committed(b!.id))); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(await committed(b!.id)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    await watcher.close();
    await server!.stop();
    release();
    const failure = await run;
    await blocking;
    await blocker.close();
    expect(failure.count).toBe(0);
    // pt-BR, naming the server that went away, and saying nothing was lost.
    expect(failure.message).toMatch(new RegExp(`servidor ${SERVER_NAMES[kind]} em 127\\.0\\.0\\.1:${server!.database.port} caiu .*nada foi perdido`));
    // Nothing marked exported: the batch did not finish, so the next run looks at all five again.
    const after = (await call('orders.list', { limit: 500 })).rows.filter((r) => fresh.some((f) => f.id === r.id));
    expect(after.map((r) => r.exportedAt)).toEqual([null, null, null, null, null]);

    await server!.start();
    const resumed = await call('orders.export', { target: 'erp' });
    expect(resumed.count).toBe(5);
    expect((await call('orders.list', { limit: 500 })).rows.every((r) => r.exportedAt !== null)).toBe(true);
    const admin = driver();
    try {
      const ids = (await admin.query('SELECT id_tray FROM pedidos ORDER BY id_tray')).map((r) => Number(r.id_tray));
      // Each order exactly once, the blocking session's row rolled back with it, every order with its items.
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(fresh.map((f) => f.id)));
      const [row] = await admin.query('SELECT numero FROM pedidos WHERE id_tray = :id', { id: blocked!.id });
      expect(row?.numero).toBe(blocked!.number);
      // The interrupted order whole: its header rolled back with its first items, then written again with all of them.
      for (const order of fresh) {
        const [count] = await admin.query('SELECT COUNT(*) AS n FROM pedido_itens WHERE id_tray = :id', { id: order.id });
        expect(Number(count?.n)).toBe((await call('orders.get', { id: order.id })).items.length);
      }
      const [blockedItem] = await admin.query('SELECT descricao FROM pedido_itens WHERE id_tray = :id AND linha = :line', { id: blocked!.id, line: lines });
      expect(blockedItem?.descricao).not.toBe('sessão do ERP');
    } finally {
      await admin.close();
    }
  }, 120_000);

  it.skipIf(missing !== null)('the server down for a catalogue run: a clear error, and the next run after it is back completes', async () => {
    await pushed();
    // Settled first: orders pulled by the tests before move stock, which this run would push.
    expect((await call('jobs.run', { job: 'catalog' })).result).toBe('ok');
    await server!.stop();
    let failure: Outputs['jobs.run'];
    try {
      failure = await call('jobs.run', { job: 'catalog' });
    } finally {
      await server!.start();
    }
    expect(failure.result).toBe('failed');
    // "Did not answer" when Ponte connects anew; "the connection dropped" when it held one (Firebird keeps its attachment).
    expect(failure.message).toMatch(new RegExp(`servidor ${SERVER_NAMES[kind]} em 127\\.0\\.0\\.1:${server!.database.port} (não respondeu|caiu)`));
    emulator!.resetStats();
    const run = await call('jobs.run', { job: 'catalog' });
    expect(run.result).toBe('ok');
    expect(writes(emulator!.stats().calls)).toBe(0);
  }, 120_000);

  it.skipIf(missing !== null)('hostile product text is read verbatim and reaches the store; schema and other rows intact', async () => {
    await pushed();
    const admin = driver();
    const before = Number((await admin.query('SELECT COUNT(*) AS n FROM produtos'))[0]?.n);
    // Inserted as the ERP would (bound values), each alone: one the server refuses does not stop the others.
    const rows = [
      { sku: 'HOSTIL-ASPAS', name: HOSTILE_NAME, description: HOSTILE_TEXT },
      { sku: 'HOSTIL-EMOJI', name: EMOJI_NAME, description: 'xícara ☕ 😀' },
      { sku: 'HOSTIL-NUL', name: 'Nome com\u0000NUL', description: 'antes\u0000depois' },
    ];
    const refused = new Map<string, string>();
    try {
      for (const r of rows) {
        try {
          await admin.run('INSERT INTO produtos (cod_prod, descricao_curta, descricao, preco_venda, estoque, data_alteracao) VALUES (:sku, :name, :description, 19.9, 3, CURRENT_TIMESTAMP)', r);
        } catch (error) {
          refused.set(r.sku, error instanceof Error ? error.message : String(error));
        }
      }
      // PostgreSQL's text cannot hold NUL at all (the ERP itself could not have such a row); the others store it.
      expect([...refused.keys()]).toEqual(kind === 'postgres' ? ['HOSTIL-NUL'] : []);
      if (kind === 'postgres') expect(refused.get('HOSTIL-NUL')).toMatch(/0x00/);
      const stored = async (sku: string) => (await admin.query('SELECT descricao_curta AS name, descricao AS description FROM produtos WHERE cod_prod = :sku', { sku }))[0];
      expect(await stored('HOSTIL-ASPAS')).toEqual({ name: HOSTILE_NAME, description: HOSTILE_TEXT });
      // A WIN1252 database has no emoji: node-firebird encodes the connection's text in WIN1252 and
      // each unrepresentable UTF-16 unit becomes '?' (what the charset does; the ERP itself stores the same).
      expect(await stored('HOSTIL-EMOJI')).toEqual(kind === 'firebird' ? { name: 'Caneca ?? Zé', description: 'xícara ? ??' } : { name: EMOJI_NAME, description: 'xícara ☕ 😀' });
      if (kind !== 'postgres') expect(await stored('HOSTIL-NUL')).toEqual({ name: 'Nome com\u0000NUL', description: 'antes\u0000depois' });
    } finally {
      await admin.close();
    }

    emulator!.resetStats();
    const run = await call('jobs.run', { job: 'catalog' });
    expect(emulator!.store.call('fWSImportaProdutoPorCodReferencia', ['HOSTIL-ASPAS'])).toMatchObject({ nome: HOSTILE_NAME, descricao: HOSTILE_TEXT });
    expect(emulator!.store.call('fWSImportaProdutoPorCodReferencia', ['HOSTIL-EMOJI'])).toMatchObject({ nome: kind === 'firebird' ? 'Caneca ?? Zé' : EMOJI_NAME });
    // NUL: refused as a row problem naming the product and the cause; the other rows went on.
    expect(() => emulator!.store.call('fWSImportaProdutoPorCodReferencia', ['HOSTIL-NUL'])).toThrow(/não encontrado/);
    if (kind !== 'postgres') {
      expect(run.result).toBe('ok');
      expect(run.counts.erpProblems).toBeGreaterThanOrEqual(1);
      const refusedRows = await call('catalog.refusedRows', {});
      expect(refusedRows.rows).toContainEqual(expect.objectContaining({ record: 'HOSTIL-NUL', reason: "o texto 'Nome com[NUL]NUL' tem um caractere de controle invisível (código 0), que a loja não aceita; apague-o no cadastro" }));
    }
    const check = driver();
    try {
      expect(Number((await check.query('SELECT COUNT(*) AS n FROM produtos'))[0]?.n)).toBe(before + rows.length - refused.size);
      expect(Number((await check.query('SELECT COUNT(*) AS n FROM categorias'))[0]?.n)).toBe(catalog.categories.length);
    } finally {
      await check.close();
    }
  }, 120_000);

  it.skipIf(missing !== null)('a hostile customer name reaches the ERP order table verbatim', async () => {
    await exported();
    const [id] = emulator!.store.placeOrders(1);
    const placed = emulator!.store.order(id!)!;
    placed.delivery.cliente = HOSTILE_NAME;
    placed.order.observacao = `${HOSTILE_TEXT} ${EMOJI_NAME}`;
    expect((await call('jobs.run', { job: 'orders' })).result).toBe('ok');
    expect((await call('orders.get', { id: id! })).customerName).toBe(HOSTILE_NAME);
    const result = await call('orders.export', { target: 'erp' });
    expect(result.count).toBe(1);
    const admin = driver();
    try {
      const [row] = await admin.query('SELECT cliente, observacoes FROM pedidos WHERE id_tray = :id', { id: id! });
      expect(row?.cliente).toBe(HOSTILE_NAME);
      expect(row?.observacoes).toBe(`${HOSTILE_TEXT} ${kind === 'firebird' ? 'Caneca ?? Zé' : EMOJI_NAME}`);
      expect(Number((await admin.query('SELECT COUNT(*) AS n FROM produtos'))[0]?.n)).toBeGreaterThanOrEqual(catalog.products.length);
    } finally {
      await admin.close();
    }
  }, 120_000);

  it.skipIf(missing !== null)('an order the ERP refuses (NUL on PostgreSQL) is an error naming it and the cause; the others are written', async () => {
    await exported();
    const [bad, good] = emulator!.store.placeOrders(2);
    emulator!.store.order(bad!)!.delivery.cliente = 'Ana\u0000Maria';
    expect((await call('jobs.run', { job: 'orders' })).result).toBe('ok');
    const badNumber = (await call('orders.get', { id: bad! })).number;
    const first = await call('orders.export', { target: 'erp' });
    const admin = driver();
    try {
      const stored = async () => (await admin.query('SELECT id_tray, cliente FROM pedidos WHERE id_tray IN (:a, :b) ORDER BY id_tray', { a: bad!, b: good! })).map((r) => ({ id: Number(r.id_tray), name: r.cliente }));
      const goodName = (await call('orders.get', { id: good! })).customerName;
      if (kind === 'postgres') {
        // PostgreSQL text cannot hold NUL: that order is refused with its number and the cause, the next one is written.
        expect(first.count).toBe(1);
        expect(first.message).toContain(`pedido ${badNumber}: falha ao gravar no ERP: `);
        expect(first.message).toMatch(/NUL/);
        expect(await stored()).toEqual([{ id: good!, name: goodName }]);
        const order = (await call('orders.list', { limit: 500 })).rows.find((r) => r.id === bad!);
        expect(order?.exportedAt).toBeNull();
        // The next run tries only it again (still refused), and writes nothing twice.
        const again = await call('orders.export', { target: 'erp' });
        expect(again.count).toBe(0);
        expect(again.message).toContain(`pedido ${badNumber}: `);
        expect(await stored()).toEqual([{ id: good!, name: goodName }]);
      } else {
        // MariaDB and Firebird store it as it came.
        expect(first.count).toBe(2);
        expect(await stored()).toEqual([{ id: bad!, name: 'Ana\u0000Maria' }, { id: good!, name: goodName }].sort((x, y) => x.id - y.id));
      }
    } finally {
      await admin.close();
    }
  }, 120_000);
});
