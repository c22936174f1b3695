/**
 * The ERP database as Configurações holds it (settings.erpDatabase) turned into what the SQL
 * connector reads: a server config and a mapping. Also the two checks the form offers before it is
 * saved: "Testar conexão" (connects, then reads a few rows of every filled-in query, so a missing
 * GRANT or a charset that garbles accents shows now, not at the first sync) and "Pré-visualizar"
 * (one query's first rows through the same row validation as the spreadsheets).
 */
import {
  ERP_PREVIEW_ROWS,
  ERP_READ_KEYS,
  type ErpConnectionTestResult,
  type ErpDatabaseSettings,
  type ErpPreview,
  type ErpQueryCheck,
  type ErpReadKey,
  type ErpTestFailure,
} from '../../../shared/api/contract.ts';
import { formatNumber, pluralKey } from '../../../shared/i18n/index.ts';
import { t } from './database-messages.ts';
import { ServerDatabase, type ParsedServerDatabase } from './drivers/config.ts';
import { DbError, describeDbError } from './drivers/errors.ts';
import { openServerDriver, type ServerDriver } from './drivers/index.ts';
import type { FieldValue } from './rows.ts';
import { entityFor, garbledAdvice, parseMapping, readQuery, type ParsedSqlMapping } from './sql.ts';

export type OpenServerDriver = (config: ParsedServerDatabase, password: string) => ServerDriver;

/** The form cannot describe a database yet (a field missing); the message names the fields. */
export class ErpSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErpSettingsError';
  }
}

export const queryLabel = (key: ErpReadKey): string => t(`query.${key}`);

export const isServerDatabase = (db: ErpDatabaseSettings): boolean => db.driver !== 'sqlite';

/** The connection the fields describe; every missing field named at once. */
export const serverDatabaseOf = (db: ErpDatabaseSettings): ParsedServerDatabase => {
  if (db.driver === 'sqlite') throw new ErpSettingsError(t('dbs.sqliteFile'));
  const missing: string[] = [];
  if (!db.host.trim()) missing.push(t('dbs.field.host'));
  if (!db.database.trim()) missing.push(t(db.driver === 'firebird' ? 'dbs.field.databaseFirebird' : 'dbs.field.database'));
  if (!db.user.trim()) missing.push(t('dbs.field.user'));
  if (db.driver === 'firebird' && db.charset === null) missing.push(t('dbs.field.charset'));
  if (missing.length > 0) throw new ErpSettingsError(t('dbs.missing', { fields: missing.join(', ') }));
  const common = { host: db.host.trim(), port: db.port, database: db.database.trim(), user: db.user.trim() };
  return ServerDatabase.parse(
    db.driver === 'firebird' ? { driver: 'firebird', ...common, charset: db.charset, wireCrypt: db.wireCrypt, auth: db.auth } : { driver: db.driver, ...common },
  );
};

/** The mapping the connector runs: blank queries are not read; no order write = read-only user. */
export const mappingOf = (db: ErpDatabaseSettings): ParsedSqlMapping => {
  const database = serverDatabaseOf(db);
  const read = Object.fromEntries(ERP_READ_KEYS.map((k) => [k, db.read[k].trim()]).filter(([, sql]) => sql !== ''));
  const missing: string[] = [];
  if (!read.products) missing.push(t('dbs.field.products'));
  const write = { order: db.write.order.trim(), orderExists: db.write.orderExists.trim(), orderItem: db.write.orderItem.trim() };
  if (!write.order && (write.orderExists || write.orderItem)) missing.push(t('dbs.field.order'));
  if (missing.length > 0) throw new ErpSettingsError(t('dbs.missing', { fields: missing.join(', ') }));
  return parseMapping(
    {
      database,
      read,
      ...(db.productsChangeColumn && { changes: { products: db.productsChangeColumn } }),
      ...(write.order && { write: { order: write.order, ...(write.orderExists && { orderExists: write.orderExists }), ...(write.orderItem && { orderItem: write.orderItem }) } }),
    },
    t('dbs.source'),
  );
};

const REPLACEMENT = '\uFFFD';

/**
 * The first `rows` rows, asked of the server itself: a 50,000-product query is not opened as a
 * cursor only to be dropped, and the rows are read to the end (a Firebird stream left half-read
 * keeps its attachment busy). The newline keeps a trailing `--` comment from eating the parenthesis.
 */
export const firstRows = (driver: ParsedServerDatabase['driver'], sql: string, rows: number): string => {
  const inner = sql.trim().replace(/;\s*(?:--[^\n]*)?$/, '');
  return driver === 'firebird' ? `SELECT FIRST ${rows} * FROM (${inner}\n) ponte_amostra` : `SELECT * FROM (${inner}\n) ponte_amostra LIMIT ${rows}`;
};
/** Rows "Testar conexão" reads of each query: enough to meet accented text, quick on any server. */
export const TEST_ROWS = 20;

const failureOf = (error: unknown): ErpTestFailure => {
  if (error instanceof ErpSettingsError) return 'config';
  if (error instanceof DbError) return error.kind === 'sql' || error.kind === 'nul' ? 'query' : error.kind;
  return 'query';
};
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const checkQuery = async (driver: ServerDriver, config: ParsedServerDatabase, key: ErpReadKey, sql: string): Promise<ErpQueryCheck & { failure: ErpTestFailure | null }> => {
  const query = queryLabel(key);
  let rows = 0;
  let garbled: string | null = null;
  try {
    for await (const row of driver.stream(firstRows(config.driver, sql, TEST_ROWS))) {
      rows += 1;
      if (garbled !== null) continue;
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string' && value.includes(REPLACEMENT)) {
          garbled = t('dbs.garbled', { query, row: rows, column, sample: value.slice(0, 60), advice: garbledAdvice(config.driver) });
          break;
        }
      }
    }
  } catch (error) {
    const described = describeDbError(config, error);
    return { entity: key, ok: false, rows, message: t('dbs.queryFailed', { query, cause: described.message }), failure: failureOf(described) };
  }
  if (garbled !== null) return { entity: key, ok: false, rows, message: garbled, failure: 'garbled' };
  return { entity: key, ok: true, rows, message: null, failure: null };
};

const failed = (failure: ErpTestFailure, message: string, rest: Partial<ErpConnectionTestResult> = {}): ErpConnectionTestResult => ({
  ok: false, failure, message, version: null, queries: [], writes: false, ...rest,
});

/** "Testar conexão": the form as typed, never saved; the driver is always closed. */
export const testErpDatabase = async (db: ErpDatabaseSettings, password: string | null, open: OpenServerDriver = openServerDriver): Promise<ErpConnectionTestResult> => {
  let config: ParsedServerDatabase;
  try {
    config = serverDatabaseOf(db);
  } catch (error) {
    return failed('config', messageOf(error));
  }
  if (password === null) return failed('config', messageOf(new ErpSettingsError(t('dbs.missing', { fields: t('dbs.field.password') }))));
  const writes = db.write.order.trim() !== '';
  const driver = open(config, password);
  try {
    let version: string;
    try {
      version = await driver.version();
    } catch (error) {
      const described = describeDbError(config, error);
      return failed(failureOf(described), described.message, { writes });
    }
    const queries: Array<ErpQueryCheck & { failure: ErpTestFailure | null }> = [];
    for (const key of ERP_READ_KEYS) {
      const sql = db.read[key].trim();
      if (sql) queries.push(await checkQuery(driver, config, key, sql));
    }
    const checks = queries.map(({ failure: _failure, ...check }) => check);
    const bad = queries.find((q) => !q.ok);
    if (bad) return { ok: false, failure: bad.failure, message: bad.message ?? '', version, queries: checks, writes };
    const summary = checks.length ? checks.map((q) => t(pluralKey('dbs.summary', q.rows), { query: queryLabel(q.entity), rows: q.rows })).join('; ') : t('dbs.noReads');
    return { ok: true, failure: null, message: t('dbs.ok', { version, summary: checks.length ? t(pluralKey('dbs.queriesRead', checks.length), { count: checks.length }) : summary }), version, queries: checks, writes };
  } finally {
    await driver.close().catch(() => {});
  }
};

/** Fields that hold reais: shown with their centavos, as the store will show them. */
const MONEY_FIELDS = new Set(['price', 'promoPrice']);

const display = (field: string, value: FieldValue): string => {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Sim' : 'Não';
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}=${v}`).join('|');
  // In the shop's notation: 49,90 for a price, 1,5 for a weight; never 49.9.
  if (typeof value === 'number') return MONEY_FIELDS.has(field) ? formatNumber(value, undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : formatNumber(value);
  return value;
};

/** "Pré-visualizar": one query's first rows and every per-row problem, as a sync would read them. */
export const previewErpQuery = async (
  db: ErpDatabaseSettings,
  password: string | null,
  entity: ErpReadKey,
  sql: string,
  open: OpenServerDriver = openServerDriver,
): Promise<ErpPreview> => {
  const empty = (kind: ErpTestFailure, message: string): ErpPreview => ({ entity, columns: [], rows: [], problems: [], fetched: 0, failure: { kind, message } });
  let config: ParsedServerDatabase;
  try {
    config = serverDatabaseOf(db);
  } catch (error) {
    return empty('config', messageOf(error));
  }
  if (password === null) return empty('config', t('dbs.missing', { fields: t('dbs.field.password') }));
  if (!sql.trim()) return empty('config', t('dbs.noQuery', { query: queryLabel(entity) }));
  const def = entityFor(entity);
  const driver = open(config, password);
  try {
    const read = await readQuery(driver, { def, sql: firstRows(config.driver, sql, ERP_PREVIEW_ROWS), mappingName: t('dbs.source'), driverName: config.driver });
    const { headers, rows, problems } = read.table;
    const columns = def.columns.filter((c) => headers[c.field] !== undefined).map((c) => ({ field: c.field, header: headers[c.field]! }));
    return {
      entity,
      columns,
      rows: rows.map((r) => ({ row: r.row, values: Object.fromEntries(columns.map((c) => [c.field, display(c.field, r.values[c.field] ?? null)])) })),
      problems: problems.map((p) => ({ row: p.row, column: p.column, message: p.message })),
      fetched: read.fetched,
      failure: null,
    };
  } catch (error) {
    return empty(failureOf(error), messageOf(error));
  } finally {
    await driver.close().catch(() => {});
  }
};
