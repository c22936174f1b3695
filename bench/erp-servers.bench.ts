/**
 * Reading 50,000 products from real ERP servers (issue 13): Firebird 3 (WIN1252 database),
 * PostgreSQL 15 and MariaDB 10.11, each started throwaway on loopback (test/support/db-servers.ts)
 * with the generic schema, read through Ponte's SQL connector (`openSqlConnector`, the generic
 * mapping). Same-run baseline: the same 50,000 rows read the same way from a SQLite file.
 *
 * Each read runs in its own child process, so its peak RSS (sampled every 1,000 rows and after the
 * catalogue is assembled) and heapUsed belong to that read alone. The child then changes 100 rows
 * (a later `data_alteracao`) through a second connection and reads again: with the change column
 * only those rows should come back from the database.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { ServerDatabase, type ParsedServerDatabase } from '../electron/engine/erp/drivers/config.ts';
import { openServerDriver } from '../electron/engine/erp/drivers/index.ts';
import { createGenericSchema, genericMapping, genericSchema, type ServerDialect } from '../electron/engine/erp/generic-schema.ts';
import { openMappingDriver, openSqlConnector, parseMapping, type SqlDriver, type SqlMapping, type SqlParams, type SqlRow } from '../electron/engine/erp/sql.ts';
import type { ErpCatalog } from '../electron/engine/erp/types.ts';
import { serverMissing, startServer, type RunningServer, type ServerKind } from '../test/support/db-servers.ts';
import { syntheticCatalog } from './erp.bench.ts';
import type { BenchModule } from './run.ts';

const WORKER_FLAG = '--erp-servers-bench-worker';
const here = fileURLToPath(import.meta.url);
const CHANGED = 100;
// Fixed stamps, not the clock, one second apart as rows edited over two weeks: a bulk load in one
// transaction would otherwise give every row the same "now", and the re-read (`>=` the last value
// seen, so rows stamped in that same instant are not missed) would fetch them all again.
const loadedAt = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString().replace('T', ' ').slice(0, 19);
const CHANGED_AT = '2026-06-01 00:00:00';

const DIALECT: Record<ServerKind, ServerDialect> = { firebird: 'firebird', postgres: 'postgres', mariadb: 'mysql' };
const LABEL: Record<ServerKind, string> = { firebird: 'Firebird 3', postgres: 'PostgreSQL 15', mariadb: 'MariaDB 10.11' };

// ---------------------------------------------------------------------------------------------
// Loading (bench only: multi-row statements in one transaction)

interface ProductRow {
  values: Array<string | number | null>;
  characteristics: Array<[string, string]>;
}
const PRODUCT_COLUMNS = 'cod_prod, descricao_curta, descricao, preco_venda, preco_promo, estoque, ativo, peso, altura, largura, comprimento, cod_categoria, marca, data_alteracao';
const productRows = (catalog: ErpCatalog): ProductRow[] =>
  catalog.products.map((p, i) => ({
    values: [p.sku, p.name, p.description, p.price, p.promoPrice, p.stock, p.available ? 1 : 0, p.weight, p.height, p.width, p.length, p.categoryKey, p.brand, loadedAt(i)],
    characteristics: Object.entries(p.characteristics),
  }));

const loadSmallTables = async (tx: SqlDriver, catalog: ErpCatalog) => {
  for (const c of catalog.categories) {
    await tx.run('INSERT INTO categorias (codigo, nome, codigo_pai, ordem, descricao) VALUES (:key, :name, :parent, :order, :description)', {
      key: c.key, name: c.name, parent: c.parentKey, order: c.order, description: c.description,
    });
  }
  for (const b of catalog.brands) await tx.run('INSERT INTO marcas (nome) VALUES (:name)', { name: b.name });
  for (const c of catalog.characteristics) await tx.run('INSERT INTO caracteristicas (nome) VALUES (:name)', { name: c.name });
};

/** PostgreSQL and MariaDB: multi-row INSERTs with bound parameters, 500 rows each, one transaction. */
const loadMultiRow = async (driver: SqlDriver, catalog: ErpCatalog) => {
  const rows = productRows(catalog);
  await driver.transaction(async (tx) => {
    await loadSmallTables(tx, catalog);
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500);
      const params: SqlParams = {};
      const tuples = batch.map((row, r) => `(${row.values.map((v, c) => ((params[`p${r}_${c}`] = v), `:p${r}_${c}`)).join(', ')})`);
      await tx.run(`INSERT INTO produtos (${PRODUCT_COLUMNS}) VALUES ${tuples.join(', ')}`, params);
      const chars: SqlParams = {};
      const charTuples = batch.flatMap((row, r) =>
        row.characteristics.map(([name, value], k) => {
          chars[`s${r}_${k}`] = row.values[0]!;
          chars[`n${r}_${k}`] = name;
          chars[`v${r}_${k}`] = value;
          return `(:s${r}_${k}, :n${r}_${k}, :v${r}_${k})`;
        }),
      );
      await tx.run(`INSERT INTO produto_caracteristicas (cod_prod, nome, valor) VALUES ${charTuples.join(', ')}`, chars);
    }
  });
};

const literal = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);

/**
 * Firebird 3 has no multi-row VALUES: EXECUTE BLOCKs of 80 products (under its 64 KB statement
 * limit), in one transaction. The values are the bench's own synthetic ones, written as literals
 * because a block's body cannot take the connector's named parameters.
 */
const loadFirebird = async (driver: SqlDriver, catalog: ErpCatalog) => {
  const rows = productRows(catalog);
  await driver.transaction(async (tx) => {
    await loadSmallTables(tx, catalog);
    for (let start = 0; start < rows.length; start += 80) {
      const body = rows.slice(start, start + 80).flatMap((row) => [
        `INSERT INTO produtos (${PRODUCT_COLUMNS}) VALUES (${row.values.map(literal).join(', ')});`,
        ...row.characteristics.map(([name, value]) => `INSERT INTO produto_caracteristicas (cod_prod, nome, valor) VALUES (${literal(row.values[0]!)}, ${literal(name)}, ${literal(value)});`),
      ]);
      await tx.run(`EXECUTE BLOCK AS BEGIN\n${body.join('\n')}\nEND`);
    }
  });
};

const loadSqlite = (file: string, catalog: ErpCatalog) => {
  const db = new Database(file);
  try {
    // The PostgreSQL dialect of the generic schema is valid SQLite (and string_agg exists since 3.44).
    for (const statement of genericSchema('postgres')) db.exec(statement);
    const product = db.prepare(`INSERT INTO produtos (${PRODUCT_COLUMNS}) VALUES (${PRODUCT_COLUMNS.split(', ').map(() => '?').join(', ')})`);
    const characteristic = db.prepare('INSERT INTO produto_caracteristicas (cod_prod, nome, valor) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (const c of catalog.categories) db.prepare('INSERT INTO categorias (codigo, nome, codigo_pai, ordem, descricao) VALUES (?, ?, ?, ?, ?)').run(c.key, c.name, c.parentKey, c.order, c.description);
      for (const b of catalog.brands) db.prepare('INSERT INTO marcas (nome) VALUES (?)').run(b.name);
      for (const c of catalog.characteristics) db.prepare('INSERT INTO caracteristicas (nome) VALUES (?)').run(c.name);
      for (const row of productRows(catalog)) {
        product.run(...row.values);
        for (const [name, value] of row.characteristics) characteristic.run(row.values[0], name, value);
      }
    })();
  } finally {
    db.close();
  }
};

// ---------------------------------------------------------------------------------------------
// The worker: one full read, 100 rows changed, one re-read

interface WorkerInput {
  mapping: SqlMapping;
  password: string | null;
  skus: string[];
}
interface WorkerResult {
  ms: number;
  products: number;
  productRowsFetched: number;
  problems: number;
  rssBeforeMb: number;
  peakRssMb: number;
  heapDeltaMb: number;
  rereadMs: number;
  rereadProductRowsFetched: number;
  rereadProducts: number;
  rereadChangedSeen: number;
}

const MB = 2 ** 20;

/** Counts the product rows the database returns and samples memory every 1,000 rows. */
class MeasuredDriver implements SqlDriver {
  productRows = 0;
  peakRss = 0;
  peakHeap = 0;
  constructor(private readonly inner: SqlDriver) {}
  sample() {
    const { rss, heapUsed } = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, rss);
    this.peakHeap = Math.max(this.peakHeap, heapUsed);
  }
  query(sql: string, params?: SqlParams) {
    return this.inner.query(sql, params);
  }
  async *stream(sql: string, params?: SqlParams): AsyncIterable<SqlRow> {
    const products = /\bFROM produtos p\b/.test(sql);
    let n = 0;
    for await (const row of this.inner.stream(sql, params)) {
      if (products) this.productRows += 1;
      if (++n % 1000 === 0) this.sample();
      yield row;
    }
  }
  run(sql: string, params?: SqlParams) {
    return this.inner.run(sql, params);
  }
  transaction<T>(work: (tx: SqlDriver) => Promise<T>) {
    return this.inner.transaction(work);
  }
  close() {
    return this.inner.close();
  }
}

const worker = async (input: WorkerInput): Promise<WorkerResult> => {
  const mapping = parseMapping(input.mapping, 'bench.json');
  const mappingFile = path.join(tmpdir(), 'bench.json');
  const driver = new MeasuredDriver(openMappingDriver(mapping, mappingFile, input.password));
  const connector = await openSqlConnector(mappingFile, { mapping, driver });
  const before = process.memoryUsage();
  driver.sample();
  const t0 = performance.now();
  const first = await connector.readCatalog();
  const ms = performance.now() - t0;
  driver.sample();
  const result = { ms, products: first.catalog.products.length, productRowsFetched: driver.productRows, problems: first.problems.length };
  const peakRssMb = driver.peakRss / MB;
  const heapDeltaMb = (driver.peakHeap - before.heapUsed) / MB;

  // Another connection changes 100 rows, as the ERP would.
  const writer = openMappingDriver(mapping, mappingFile, input.password);
  const params: SqlParams = { at: CHANGED_AT };
  input.skus.forEach((sku, i) => (params[`k${i}`] = sku));
  const { changes } = await writer.run(`UPDATE produtos SET estoque = estoque + 1000, data_alteracao = :at WHERE cod_prod IN (${input.skus.map((_, i) => `:k${i}`).join(', ')})`, params);
  await writer.close();
  if (changes !== input.skus.length) throw new Error(`changed ${changes} of ${input.skus.length} rows`);

  driver.productRows = 0;
  const t1 = performance.now();
  const second = await connector.readCatalog();
  const rereadMs = performance.now() - t1;
  const changed = new Set(input.skus);
  const rereadChangedSeen = second.catalog.products.filter((p) => changed.has(p.sku) && p.stock >= 1000).length;
  await connector.close();
  return {
    ...result, rssBeforeMb: before.rss / MB, peakRssMb, heapDeltaMb,
    rereadMs, rereadProductRowsFetched: driver.productRows, rereadProducts: second.catalog.products.length, rereadChangedSeen,
  };
};

const runWorker = async (input: WorkerInput): Promise<WorkerResult> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', here, WORKER_FLAG, JSON.stringify(input)], { maxBuffer: 1 << 22, timeout: 300_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as WorkerResult;
};

// ---------------------------------------------------------------------------------------------

const round = (n: number) => Math.round(n * 10) / 10;

const bench: BenchModule = {
  name: 'erp-servers',
  async run(report, { quick }) {
    const count = quick ? 5_000 : 50_000;
    const catalog = syntheticCatalog(count);
    // Spread over the catalogue, so the change is not one contiguous page.
    const step = Math.floor(count / CHANGED);
    const skus = Array.from({ length: CHANGED }, (_, i) => catalog.products[i * step]!.sku);
    const dir = await mkdtemp(path.join(tmpdir(), 'ponte-erp-servers-bench-'));
    const show = (label: string, r: WorkerResult, base: WorkerResult | null) => {
      const b = 'erp-servers';
      if (r.products !== count || r.problems !== 0) throw new Error(`${label}: read ${r.products}/${count} products, ${r.problems} problems`);
      report({ bench: b, metric: `${label} read`, value: r.ms, unit: 'ms', products: r.products, rowsFetched: r.productRowsFetched });
      report({ bench: b, metric: `${label} peak RSS`, value: round(r.peakRssMb), unit: 'MB', aboveStart: round(r.peakRssMb - r.rssBeforeMb), heapDeltaMb: round(r.heapDeltaMb) });
      report({ bench: b, metric: `${label} re-read ${CHANGED} changed`, value: r.rereadMs, unit: 'ms', rowsFetched: r.rereadProductRowsFetched, products: r.rereadProducts, changedSeen: r.rereadChangedSeen });
      if (r.rereadProductRowsFetched > CHANGED * 2 || r.rereadChangedSeen !== CHANGED) throw new Error(`${label}: re-read fetched ${r.rereadProductRowsFetched} rows, saw ${r.rereadChangedSeen}/${CHANGED} changes`);
      if (base) {
        report({ bench: b, metric: `${label} time ratio /SQLite`, value: r.ms / base.ms, unit: 'x' });
        report({ bench: b, metric: `${label} RSS ratio /SQLite`, value: (r.peakRssMb - r.rssBeforeMb) / Math.max(1, base.peakRssMb - base.rssBeforeMb), unit: 'x', note: 'above the start of the read' });
        report({ bench: b, metric: `${label} heap ratio /SQLite`, value: r.heapDeltaMb / Math.max(1, base.heapDeltaMb), unit: 'x' });
      }
    };
    try {
      const file = path.join(dir, 'erp.sqlite');
      const t0 = performance.now();
      loadSqlite(file, catalog);
      report({ bench: 'erp-servers', metric: 'SQLite load', value: performance.now() - t0, unit: 'ms', products: count });
      const sqliteMapping = genericMapping({ driver: 'sqlite', path: file }, 'postgres');
      const base = await runWorker({ mapping: sqliteMapping, password: null, skus });
      show('SQLite', base, null);

      const failures: string[] = [];
      for (const kind of ['firebird', 'postgres', 'mariadb'] as const) {
        const label = LABEL[kind];
        const missing = serverMissing(kind);
        if (missing) {
          report({ bench: 'erp-servers', metric: `${label} skipped`, value: 0, reason: missing });
          continue;
        }
        let server: RunningServer | null = null;
        try {
          const s0 = performance.now();
          server = await startServer(kind);
          const config: ParsedServerDatabase = ServerDatabase.parse(server.database);
          const driver = openServerDriver(config, server.password);
          try {
            await createGenericSchema(driver, DIALECT[kind]);
            const l0 = performance.now();
            await (kind === 'firebird' ? loadFirebird(driver, catalog) : loadMultiRow(driver, catalog));
            report({ bench: 'erp-servers', metric: `${label} load`, value: performance.now() - l0, unit: 'ms', products: count, startMs: Math.round(l0 - s0) });
          } finally {
            await driver.close();
          }
          show(label, await runWorker({ mapping: genericMapping(server.database, DIALECT[kind]), password: server.password, skus }), base);
        } catch (error) {
          // One server that will not start or load must not hide the others' figures.
          failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          await server?.close();
        }
      }
      if (failures.length) throw new Error(failures.join('\n'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;

if (process.argv[2] === WORKER_FLAG) {
  const result = await worker(JSON.parse(process.argv[3]!) as WorkerInput);
  console.log(JSON.stringify(result));
}
