/**
 * The SQL connector: an ERP database reached through a mapping file (JSON) holding one query per
 * read and one parameterised statement per write. Values from the store only ever travel as named
 * parameters (`:name`, `@name` or `$name`), never spliced into SQL text; each driver turns them
 * into its own placeholder (sql-params.ts).
 *
 * Drivers: SQLite (a file), Firebird, PostgreSQL and MariaDB/MySQL servers (drivers/). Reads stream
 * row by row; an optional change column per entity lets a re-read fetch only the rows changed since
 * the last read, merged into the rows kept from before.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { DatabaseConfig, DRIVER_LABELS, type ParsedServerDatabase } from './drivers/config.ts';
import { DbError } from './drivers/errors.ts';
import { openServerDriver } from './drivers/index.ts';
import { assembleCatalog, assembleShipping, type Tables } from './catalog.ts';
import { CATALOG_ENTITIES, ENTITIES, SHIPPING, columnForHeader, type EntityDef } from './columns.ts';
import { describeFileError } from './io.ts';
import { t } from './messages.ts';
import { ITEM_PARAM_NAMES, ORDER_PARAM_NAMES, itemParams, orderParams } from './orders-table.ts';
import { cellText, type Cell } from './parse.ts';
import { TableBuilder, type TableResult } from './rows.ts';
import { ErpSourceError, type ErpConnector, type KeptOrder, type OrderWriteFailure } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Drivers

export type SqlValue = string | number | bigint | Buffer | Date | null;
export type SqlParams = Record<string, SqlValue>;
export type SqlRow = Record<string, unknown>;

export interface SqlDriver {
  query(sql: string, params?: SqlParams): Promise<SqlRow[]>;
  /** The rows one by one, fetched from the server in pages: memory stays bounded however many. */
  stream(sql: string, params?: SqlParams): AsyncIterable<SqlRow>;
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQLite binds no Date: the change column's last value goes back as the ISO text it is stored as. */
const sqliteParams = (params: SqlParams): Record<string, Exclude<SqlValue, Date>> =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));

export class SqliteDriver implements SqlDriver {
  private readonly db: Database.Database;
  private inTransaction = false;

  constructor(file: string) {
    this.db = new Database(file, { fileMustExist: true, timeout: 5_000 });
  }

  async query(sql: string, params: SqlParams = {}): Promise<SqlRow[]> {
    return this.db.prepare(sql).all(sqliteParams(params)) as SqlRow[];
  }

  async *stream(sql: string, params: SqlParams = {}): AsyncIterable<SqlRow> {
    for (const row of this.db.prepare(sql).iterate(sqliteParams(params))) yield row as SqlRow;
  }

  async run(sql: string, params: SqlParams = {}): Promise<{ changes: number }> {
    return { changes: this.db.prepare(sql).run(sqliteParams(params)).changes };
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
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'use só o nome da coluna (letras, números e _)');

export const READ_KEYS = ['products', 'variants', 'categories', 'brands', 'characteristics', 'customers', 'weddingLists', 'weddingListItems', 'shippingUpdates'] as const;
export type ReadKey = (typeof READ_KEYS)[number];
/** Entities whose rows have a single key, so rows read again replace the ones kept. */
export const INCREMENTAL_KEYS = ['products', 'categories', 'brands', 'characteristics', 'customers', 'weddingLists'] as const;

export const SqlMapping = z.object({
  database: DatabaseConfig,
  read: z.object({
    products: query,
    variants: query.optional(),
    categories: query.optional(),
    brands: query.optional(),
    characteristics: query.optional(),
    customers: query.optional(),
    weddingLists: query.optional(),
    weddingListItems: query.optional(),
    shippingUpdates: query.optional(),
  }),
  /**
   * Optional change column per entity (e.g. `data_alteracao`), present in that query's result:
   * after a first full read, only rows whose column is at or after the last value seen are read.
   */
  changes: z.object(Object.fromEntries(INCREMENTAL_KEYS.map((k) => [k, identifier.optional()])) as Record<(typeof INCREMENTAL_KEYS)[number], z.ZodOptional<typeof identifier>>).strict().optional(),
  /** Optional: a read-only database user works without it (orders are then exported to files). */
  write: z
    .object({
      /** Optional: returns a row when the order is already in the ERP (then it is skipped). */
      orderExists: query.optional(),
      /** Inserts one order; an upsert that changes 0 rows also counts as "already there". */
      order: query,
      /** Inserts one order item (run once per item). */
      orderItem: query.optional(),
    })
    .optional(),
});
export type SqlMapping = z.input<typeof SqlMapping>;
export type ParsedSqlMapping = z.output<typeof SqlMapping>;

/** Named parameters of a statement, ignoring string literals, quoted identifiers, comments and `::` casts. */
export const namedParameters = (sql: string): string[] => {
  const stripped = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|--[^\n]*|\/\*[\s\S]*?\*\/|::/g, ' ');
  return [...new Set([...stripped.matchAll(/[:@$]([A-Za-z_]\w*)/g)].map((m) => m[1]!))];
};

const checkParams = (sql: string | undefined, allowed: readonly string[], name: string): string | null => {
  if (!sql) return null;
  const unknown = namedParameters(sql).filter((p) => !allowed.includes(p));
  return unknown.length ? `write.${name}: parâmetros desconhecidos ${unknown.map((p) => `:${p}`).join(', ')} (aceitos: ${allowed.map((p) => `:${p}`).join(', ')})` : null;
};

const mappingError = (name: string, cause: string) =>
  new ErpSourceError({ entity: 'mapeamento', file: name, sheet: null, row: null, column: null, message: t('sql.badMapping', { file: name, cause }) });

/** Validates a mapping object (from the file or from the Configurações screen). */
export const parseMapping = (json: unknown, name: string): ParsedSqlMapping => {
  const parsed = SqlMapping.safeParse(json);
  if (!parsed.success) throw mappingError(name, parsed.error.issues.map((i) => `${i.path.join('.') || '(raiz)'}: ${i.message}`).join('; '));
  const mapping = parsed.data;
  const paramProblem =
    checkParams(mapping.write?.orderExists, ['id'], 'orderExists') ??
    checkParams(mapping.write?.order, ORDER_PARAM_NAMES, 'order') ??
    checkParams(mapping.write?.orderItem, ITEM_PARAM_NAMES, 'orderItem');
  if (paramProblem) throw mappingError(name, paramProblem);
  return mapping;
};

export const loadMapping = async (file: string): Promise<ParsedSqlMapping> => {
  const name = path.basename(file);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    throw new ErpSourceError({ entity: 'mapeamento', file: name, sheet: null, row: null, column: null, message: describeFileError(file, error) });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw mappingError(name, error instanceof Error ? error.message : String(error));
  }
  return parseMapping(json, name);
};

// ---------------------------------------------------------------------------------------------
// Reading one query

export const toCell = (value: unknown): Cell => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return null;
};

const REPLACEMENT = '\uFFFD';

/** The advice for text that arrived garbled: only Firebird has a connection charset to change. */
export const garbledAdvice = (driver: DatabaseConfig['driver']): string => t(driver === 'firebird' ? 'db.garbledFirebird' : 'db.garbledOther');

export const entityFor = (key: ReadKey): EntityDef => ENTITIES.find((e) => e.query === key)!;

export interface QueryRead {
  table: TableResult;
  /** Raw rows kept by key for a later incremental read (only when the entity has a change column). */
  kept: Map<string, Cell[]> | null;
  columns: string[] | null;
  /** Greatest change-column value seen. */
  since: unknown;
  /** Rows the database returned (for the bench: an incremental read touches only changed ones). */
  fetched: number;
}

export interface ReadQueryOptions {
  def: EntityDef;
  sql: string;
  mappingName: string;
  driverName: DatabaseConfig['driver'];
  changeColumn?: string | undefined;
  previous?: QueryRead | null;
  /** Stop after this many rows (preview). */
  limit?: number;
}

const compare = (a: unknown, b: unknown): number => {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
};

/**
 * Streams one query into a table of rows and per-row problems. With a change column and a previous
 * read, only rows changed since are fetched and merged (by the entity's key) into the kept rows.
 * Connection failures throw `DbError`; anything else about the query is a problem of the entity.
 */
export const readQuery = async (driver: SqlDriver, options: ReadQueryOptions): Promise<QueryRead> => {
  const { def, mappingName, changeColumn, previous } = options;
  // The entity's pt-BR name (the spreadsheet's sheet), not the mapping key: merchants read this.
  const place = `${mappingName}, ${t('sql.query', { query: def.sheet })}`;
  const builder = new TableBuilder(def, mappingName, def.query, place);
  const incremental = changeColumn !== undefined && previous?.columns != null && previous.since !== undefined && previous.since !== null;
  const sql = incremental ? `SELECT * FROM (${options.sql}) ponte_q WHERE ponte_q.${changeColumn} >= :ponte_desde` : options.sql;
  const params: SqlParams = incremental ? { ponte_desde: previous!.since as SqlValue } : {};
  const kept = changeColumn !== undefined ? new Map(incremental ? previous!.kept : []) : null;
  let columns: string[] | null = incremental ? previous!.columns : null;
  let since: unknown = incremental ? previous!.since : undefined;
  let fetched = 0;
  let keyIndex = -1;
  let changeIndex = -1;
  const keyField = def.columns.find((c) => c.required)?.field;
  const problem = (message: string) => builder.result.problems.push({ entity: def.entity, file: mappingName, sheet: def.query, row: null, column: null, message });
  try {
    for await (const row of driver.stream(sql, params)) {
      if (columns === null) columns = Object.keys(row);
      fetched += 1;
      const cells = columns.map((c) => toCell(row[c]));
      if (kept) {
        if (keyIndex < 0) {
          keyIndex = columns.findIndex((c) => columnForHeader(def, c)?.field === keyField);
          changeIndex = columns.findIndex((c) => c.toLowerCase() === changeColumn!.toLowerCase());
          if (changeIndex < 0) {
            problem(t('db.changeColumnMissing', { place, column: changeColumn! }));
            return { table: builder.result, kept: null, columns: null, since: undefined, fetched };
          }
        }
        const value = row[columns[changeIndex]!];
        if (value !== null && value !== undefined && (since === undefined || compare(value, since) > 0)) since = value;
        kept.set(keyIndex >= 0 ? cellText(cells[keyIndex] ?? null) : String(fetched), cells);
      } else {
        feed(builder, columns, fetched, cells, options);
      }
      if (options.limit !== undefined && fetched >= options.limit) break;
    }
  } catch (error) {
    if (error instanceof DbError && error.isConnection) throw error;
    problem(t('sql.queryFailed', { file: mappingName, query: def.query, cause: error instanceof Error ? error.message : String(error) }));
    return { table: builder.result, kept: previous?.kept ?? null, columns: previous?.columns ?? null, since: previous?.since, fetched };
  }
  if (kept && columns) {
    let n = 0;
    for (const cells of kept.values()) feed(builder, columns, ++n, cells, options);
  } else if (columns === null && fetched === 0) {
    // No rows: nothing to check the header against.
  }
  return { table: builder.result, kept, columns, since, fetched };
};

const feed = (builder: TableBuilder, columns: string[], rowNumber: number, cells: Cell[], options: ReadQueryOptions): void => {
  if (rowNumber === 1 && !builder.header(columns)) return;
  if (!builder.ready) return;
  const garbled = cells.findIndex((c) => typeof c === 'string' && c.includes(REPLACEMENT));
  if (garbled >= 0) {
    const where = `${builder.result.place}, linha ${rowNumber}, coluna ${columns[garbled]}`;
    builder.result.problems.push({
      entity: options.def.entity, file: options.mappingName, sheet: options.def.query, row: rowNumber, column: columns[garbled]!,
      message: t('db.garbled', { place: where, sample: String(cells[garbled]).slice(0, 60), advice: garbledAdvice(options.driverName) }),
    });
    return;
  }
  builder.row(rowNumber, cells);
};

// ---------------------------------------------------------------------------------------------
// The connector

export interface SqlConnectorOptions {
  /** Replaces the driver named in the mapping (tests). */
  driver?: SqlDriver;
  /** The database password (server drivers), from Ponte's secret store. */
  password?: string | null;
  /** The mapping itself, when it does not come from `mappingFile` (the file is then only named). */
  mapping?: ParsedSqlMapping;
}

/** Opens the mapping's driver; throws `ErpSourceError` when it cannot be opened at all. */
export const openMappingDriver = (mapping: ParsedSqlMapping, mappingFile: string, password: string | null | undefined): SqlDriver => {
  const database = mapping.database;
  if (database.driver === 'sqlite') {
    const dbFile = path.resolve(path.dirname(mappingFile), database.path);
    try {
      return new SqliteDriver(dbFile);
    } catch (error) {
      throw new ErpSourceError({ entity: 'mapeamento', file: path.basename(dbFile), sheet: null, row: null, column: null, message: describeFileError(dbFile, error) });
    }
  }
  if (password === null || password === undefined) {
    throw new ErpSourceError({ entity: 'mapeamento', file: path.basename(mappingFile), sheet: null, row: null, column: null, message: t('db.noPassword') });
  }
  return openServerDriver(database, password);
};

const sourceError = (mappingName: string, error: DbError) =>
  new ErpSourceError({ entity: 'mapeamento', file: mappingName, sheet: null, row: null, column: null, message: error.message });

export const openSqlConnector = async (mappingFile: string, options: SqlConnectorOptions = {}): Promise<ErpConnector> => {
  const mapping = options.mapping ?? (await loadMapping(mappingFile));
  const mappingName = path.basename(mappingFile);
  const driver = options.driver ?? openMappingDriver(mapping, mappingFile, options.password);
  const database = mapping.database;
  const dbFile = database.driver === 'sqlite' ? path.resolve(path.dirname(mappingFile), database.path) : null;
  const reads = new Map<ReadKey, QueryRead>();

  const readTable = async (def: EntityDef): Promise<TableResult | undefined> => {
    const key = def.query as ReadKey;
    const sql = mapping.read[key];
    if (!sql) return undefined;
    const changeColumn = (mapping.changes as Partial<Record<ReadKey, string>> | undefined)?.[key];
    const read = await readQuery(driver, { def, sql, mappingName, driverName: database.driver, changeColumn, previous: reads.get(key) ?? null });
    if (changeColumn) reads.set(key, read);
    return read.table;
  };

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const guarded = async () => {
      try {
        return await work();
      } catch (error) {
        // The server as a whole is unreachable: the run stops with that reason, not per entity.
        if (error instanceof DbError && error.isConnection) throw sourceError(mappingName, error);
        throw error;
      }
    };
    const next = queue.then(guarded, guarded);
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
        const tables: Tables = {};
        for (const def of CATALOG_ENTITIES) {
          const table = await readTable(def);
          if (table) tables[def.entity] = table;
        }
        return assembleCatalog(tables);
      }),
    readShippingUpdates: () =>
      serial(async () => {
        const shipping = assembleShipping(await readTable(SHIPPING));
        return { rows: shipping.rows, problems: shipping.problems };
      }),
    writeOrders: (orders: KeptOrder[]) =>
      serial(async () => {
        const write = mapping.write;
        if (!write) throw new ErpSourceError({ entity: 'pedidos', file: mappingName, sheet: 'order', row: null, column: null, message: t('sql.noWrites', { file: mappingName }) });
        let written = 0;
        let skipped = 0;
        const failed: OrderWriteFailure[] = [];
        const seen = new Set<number>();
        for (const order of orders) {
          if (seen.has(order.id)) {
            skipped += 1;
            continue;
          }
          seen.add(order.id);
          try {
            const wrote = await driver.transaction(async (tx) => {
              if (write.orderExists && (await tx.query(write.orderExists, { id: order.id })).length > 0) return false;
              const { changes } = await tx.run(write.order, orderParams(order));
              if (changes === 0) return false;
              if (write.orderItem) for (const item of itemParams(order)) await tx.run(write.orderItem, item);
              return true;
            });
            if (wrote) written += 1;
            else skipped += 1;
          } catch (error) {
            if (error instanceof DbError && error.isConnection) throw error;
            // This order's transaction was rolled back: it is reported and left for the next run,
            // and the orders after it are still written (one bad value must not hold back the rest).
            const cause = error instanceof Error ? error.message : String(error);
            failed.push({ id: order.id, message: t('sql.writeFailed', { order: order.number || order.id, cause }) });
          }
        }
        return { written, skipped, failed };
      }),
    fingerprint: async () =>
      dbFile ? [await statOf(mappingFile), await statOf(dbFile), await statOf(`${dbFile}-wal`)].join('|') : `${await statOf(mappingFile)}|${serverLabel(database)}`,
    watchPaths: () => (dbFile ? [mappingFile, dbFile] : [mappingFile]),
    close: () => serial(() => driver.close()),
  };
};

export const serverLabel = (database: ParsedServerDatabase | DatabaseConfig): string =>
  database.driver === 'sqlite' ? database.path : `${DRIVER_LABELS[database.driver]} ${database.host}:${database.port}/${database.database}`;
