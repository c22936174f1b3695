/**
 * The SQL connector: an ERP database reached through a mapping file (JSON) holding one query per
 * read and one parameterised statement per write. Values from the store only ever travel as named
 * parameters (`:name`, `@name` or `$name`), never spliced into SQL text.
 *
 * Only SQLite is wired now; Firebird or PostgreSQL fit by implementing `SqlDriver` and adding a
 * `driver` value to the mapping schema.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { assembleCatalog, assembleShipping, type Tables } from './catalog.ts';
import { CATALOG_ENTITIES, SHIPPING, type EntityDef } from './columns.ts';
import { describeFileError } from './io.ts';
import { t } from './messages.ts';
import { ITEM_PARAM_NAMES, ORDER_PARAM_NAMES, itemParams, orderParams } from './orders-table.ts';
import type { Cell } from './parse.ts';
import { TableBuilder } from './rows.ts';
import { ErpSourceError, type ErpConnector, type ErpProblem, type OrderDetail } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Drivers

export type SqlValue = string | number | bigint | Buffer | null;
export type SqlParams = Record<string, SqlValue>;
export type SqlRow = Record<string, unknown>;

export interface SqlDriver {
  query(sql: string, params?: SqlParams): Promise<SqlRow[]>;
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class SqliteDriver implements SqlDriver {
  private readonly db: Database.Database;
  private inTransaction = false;

  constructor(file: string) {
    this.db = new Database(file, { fileMustExist: true, timeout: 5_000 });
  }

  async query(sql: string, params: SqlParams = {}): Promise<SqlRow[]> {
    return this.db.prepare(sql).all(params) as SqlRow[];
  }

  async run(sql: string, params: SqlParams = {}): Promise<{ changes: number }> {
    return { changes: this.db.prepare(sql).run(params).changes };
  }

  async transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    this.db.exec('BEGIN IMMEDIATE');
    this.inTransaction = true;
    try {
      const result = await work(this);
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Mapping file

const query = z.string().trim().min(1);

export const SqlMapping = z.object({
  database: z.object({
    driver: z.literal('sqlite'),
    /** Relative to the mapping file. */
    path: z.string().min(1),
  }),
  read: z.object({
    products: query,
    categories: query.optional(),
    brands: query.optional(),
    characteristics: query.optional(),
    customers: query.optional(),
    weddingLists: query.optional(),
    weddingListItems: query.optional(),
    shippingUpdates: query.optional(),
  }),
  write: z.object({
    /** Optional: returns a row when the order is already in the ERP (then it is skipped). */
    orderExists: query.optional(),
    /** Inserts one order; an upsert that changes 0 rows also counts as "already there". */
    order: query,
    /** Inserts one order item (run once per item). */
    orderItem: query.optional(),
  }),
});
export type SqlMapping = z.infer<typeof SqlMapping>;

/** Named parameters of a statement, ignoring string literals, quoted identifiers and comments. */
export const namedParameters = (sql: string): string[] => {
  const stripped = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  return [...new Set([...stripped.matchAll(/[:@$]([A-Za-z_]\w*)/g)].map((m) => m[1]!))];
};

const checkParams = (sql: string | undefined, allowed: readonly string[], name: string): string | null => {
  if (!sql) return null;
  const unknown = namedParameters(sql).filter((p) => !allowed.includes(p));
  return unknown.length ? `write.${name}: parâmetros desconhecidos ${unknown.map((p) => `:${p}`).join(', ')} (aceitos: ${allowed.map((p) => `:${p}`).join(', ')})` : null;
};

export const loadMapping = async (file: string): Promise<SqlMapping> => {
  const name = path.basename(file);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    throw new ErpSourceError({ entity: 'mapeamento', file: name, sheet: null, row: null, column: null, message: describeFileError(file, error) });
  }
  const bad = (cause: string) =>
    new ErpSourceError({ entity: 'mapeamento', file: name, sheet: null, row: null, column: null, message: t('sql.badMapping', { file: name, cause }) });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw bad(error instanceof Error ? error.message : String(error));
  }
  const parsed = SqlMapping.safeParse(json);
  if (!parsed.success) throw bad(parsed.error.issues.map((i) => `${i.path.join('.') || '(raiz)'}: ${i.message}`).join('; '));
  const mapping = parsed.data;
  const paramProblem =
    checkParams(mapping.write.orderExists, ['id'], 'orderExists') ??
    checkParams(mapping.write.order, ORDER_PARAM_NAMES, 'order') ??
    checkParams(mapping.write.orderItem, ITEM_PARAM_NAMES, 'orderItem');
  if (paramProblem) throw bad(paramProblem);
  return mapping;
};

// ---------------------------------------------------------------------------------------------
// The connector

const toCell = (value: unknown): Cell => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value;
  return null;
};

export interface SqlConnectorOptions {
  /** Replaces the driver named in the mapping (tests; future server databases). */
  driver?: SqlDriver;
}

export const openSqlConnector = async (mappingFile: string, options: SqlConnectorOptions = {}): Promise<ErpConnector> => {
  const mapping = await loadMapping(mappingFile);
  const mappingName = path.basename(mappingFile);
  const dbFile = path.resolve(path.dirname(mappingFile), mapping.database.path);
  let driver: SqlDriver;
  try {
    driver = options.driver ?? new SqliteDriver(dbFile);
  } catch (error) {
    throw new ErpSourceError({ entity: 'mapeamento', file: path.basename(dbFile), sheet: null, row: null, column: null, message: describeFileError(dbFile, error) });
  }

  const readTable = async (def: EntityDef, sql: string | undefined, problems: ErpProblem[]): Promise<Tables[keyof Tables]> => {
    if (!sql) return undefined;
    const place = `${mappingName}, ${t('sql.query', { query: def.query })}`;
    const builder = new TableBuilder(def, mappingName, def.query, place);
    let rows: SqlRow[];
    try {
      rows = await driver.query(sql);
    } catch (error) {
      problems.push({ entity: def.entity, file: mappingName, sheet: def.query, row: null, column: null,
        message: t('sql.queryFailed', { file: mappingName, query: def.query, cause: error instanceof Error ? error.message : String(error) }) });
      return undefined;
    }
    if (rows.length === 0) return builder.result;
    const columns = Object.keys(rows[0]!);
    if (!builder.header(columns)) return builder.result;
    rows.forEach((row, index) => builder.row(index + 1, columns.map((c) => toCell(row[c]))));
    return builder.result;
  };

  const sqlFor = (def: EntityDef): string | undefined => (mapping.read as Record<string, string | undefined>)[def.query];

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const statOf = async (file: string) => {
    const s = await fsp.stat(file).catch(() => null);
    return s ? `${s.mtimeMs}:${s.size}` : '-';
  };

  return {
    kind: 'sql',
    source: mappingFile,
    readCatalog: () =>
      serial(async () => {
        const problems: ErpProblem[] = [];
        const tables: Tables = {};
        for (const def of CATALOG_ENTITIES) {
          const table = await readTable(def, sqlFor(def), problems);
          if (table) tables[def.entity] = table;
        }
        const assembled = assembleCatalog(tables);
        return { ...assembled, problems: [...problems, ...assembled.problems] };
      }),
    readShippingUpdates: () =>
      serial(async () => {
        const problems: ErpProblem[] = [];
        const table = await readTable(SHIPPING, mapping.read.shippingUpdates, problems);
        const shipping = assembleShipping(table);
        return { rows: shipping.rows, problems: [...problems, ...shipping.problems] };
      }),
    writeOrders: (orders: OrderDetail[]) =>
      serial(async () => {
        let written = 0;
        let skipped = 0;
        const seen = new Set<number>();
        for (const order of orders) {
          if (seen.has(order.id)) {
            skipped += 1;
            continue;
          }
          seen.add(order.id);
          try {
            const wrote = await driver.transaction(async (tx) => {
              if (mapping.write.orderExists && (await tx.query(mapping.write.orderExists, { id: order.id })).length > 0) return false;
              const { changes } = await tx.run(mapping.write.order, orderParams(order));
              if (changes === 0) return false;
              if (mapping.write.orderItem) for (const item of itemParams(order)) await tx.run(mapping.write.orderItem, item);
              return true;
            });
            if (wrote) written += 1;
            else skipped += 1;
          } catch (error) {
            const cause = error instanceof Error ? error.message : String(error);
            throw new ErpSourceError({ entity: 'pedidos', file: mappingName, sheet: 'order', row: null, column: null, message: t('sql.writeFailed', { order: order.number || order.id, cause }) });
          }
        }
        return { written, skipped };
      }),
    fingerprint: async () => [await statOf(mappingFile), await statOf(dbFile), await statOf(`${dbFile}-wal`)].join('|'),
    watchPaths: () => [mappingFile, dbFile],
    close: () => serial(() => driver.close()),
  };
};
