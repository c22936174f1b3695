/**
 * Firebird through `node-firebird` (pure JavaScript, ≥ 2.15 for correct WIN1252): Firebird 3 SRP or
 * legacy authentication, the connection charset the ERP's database uses, wire encryption on or off.
 * Values are bound as `?`; reads stream (the driver fetches in batches while the consumer keeps up).
 * A connection that broke is dropped and the next call attaches again: the server may be back.
 */
import Firebird from 'node-firebird';
import type { SqlDriver, SqlParams, SqlRow, SqlValue } from '../sql.ts';
import { compileParams } from '../sql-params.ts';
import type { ParsedServerDatabase } from './config.ts';
import { describeDbError } from './errors.ts';

type FirebirdConfig = Extract<ParsedServerDatabase, { driver: 'firebird' }>;

const pad = (n: number) => String(n).padStart(2, '0');

/** DATE columns arrive as local midnight: give back the calendar day, as the other drivers do. */
const normalizeValue = (value: unknown): unknown => {
  if (value instanceof Date && value.getHours() === 0 && value.getMinutes() === 0 && value.getSeconds() === 0 && value.getMilliseconds() === 0) {
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return value;
};
const normalizeRow = (row: Record<string, unknown>): SqlRow => {
  for (const key of Object.keys(row)) row[key] = normalizeValue(row[key]);
  return row;
};
const bindable = (values: SqlValue[]): unknown[] => values.map((v) => (typeof v === 'bigint' ? Number(v) : v));

export const firebirdOptions = (config: FirebirdConfig, password: string): Firebird.Options => ({
  host: config.host,
  port: config.port,
  database: config.database,
  user: config.user,
  password,
  encoding: config.charset,
  lowercase_keys: true,
  blobAsText: true,
  wireCrypt: config.wireCrypt === 'enabled' ? Firebird.WIRE_CRYPT_ENABLE : Firebird.WIRE_CRYPT_DISABLE,
  pluginName: config.auth === 'legacy' ? Firebird.AUTH_PLUGIN_LEGACY : Firebird.AUTH_PLUGIN_SRP,
  connectTimeout: 10_000,
  ...(config.role && { role: config.role }),
});

export class FirebirdDriver implements SqlDriver {
  private db: Promise<Firebird.Database> | null = null;

  constructor(
    private readonly config: FirebirdConfig,
    private readonly password: string,
    private readonly tx: Firebird.Transaction | null = null,
  ) {}

  private attach(): Promise<Firebird.Database> {
    this.db ??= Firebird.attachAsync(firebirdOptions(this.config, this.password)).catch((error: unknown) => {
      this.db = null;
      throw error;
    });
    return this.db;
  }

  private fail(error: unknown): never {
    const described = describeDbError(this.config, error);
    if (described.isConnection) this.drop();
    throw described;
  }

  private drop(): void {
    const old = this.db;
    this.db = null;
    void old?.then(detachBounded).catch(() => {});
  }

  async query(sql: string, params: SqlParams = {}): Promise<SqlRow[]> {
    const { text, values } = compileParams(sql, params, 'question');
    try {
      const rows = this.tx ? await this.tx.queryAsync(text, bindable(values)) : await (await this.attach()).queryAsync(text, bindable(values));
      return (Array.isArray(rows) ? rows : rows ? [rows] : []).map(normalizeRow);
    } catch (error) {
      this.fail(error);
    }
  }

  async *stream(sql: string, params: SqlParams = {}): AsyncIterable<SqlRow> {
    const { text, values } = compileParams(sql, params, 'question');
    try {
      const source = this.tx ?? (await this.attach());
      for await (const row of source.queryStream(text, bindable(values), { highWaterMark: 500 })) yield normalizeRow(row as Record<string, unknown>);
    } catch (error) {
      this.fail(error);
    }
  }

  async run(sql: string, params: SqlParams = {}): Promise<{ changes: number }> {
    const { text, values } = compileParams(sql, params, 'question');
    try {
      const source = this.tx ?? (await this.attach());
      const result = await source.queryAsync(text, bindable(values), { withMeta: true });
      return { changes: result.affectedRows };
    } catch (error) {
      this.fail(error);
    }
  }

  async transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.tx) return work(this);
    let tx: Firebird.Transaction;
    try {
      tx = await (await this.attach()).transactionAsync(Firebird.ISOLATION_READ_COMMITTED);
    } catch (error) {
      this.fail(error);
    }
    try {
      const result = await work(new FirebirdDriver(this.config, this.password, tx));
      await tx.commitAsync();
      return result;
    } catch (error) {
      await tx.rollbackAsync().catch(() => {});
      this.fail(error);
    }
  }

  async version(): Promise<string> {
    const [row] = await this.query("SELECT rdb$get_context('SYSTEM', 'ENGINE_VERSION') AS v FROM rdb$database");
    return `Firebird ${String(row?.v ?? '?')}`;
  }

  async close(): Promise<void> {
    if (this.tx) return;
    const db = this.db;
    this.db = null;
    if (db) await db.then(detachBounded).catch(() => {});
  }
}

/** How long a polite op_detach may take before the socket is torn down. */
export const DETACH_WAIT_MS = 2_000;

/** node-firebird's wire connection, as far as a hard close needs it (not in its public types). */
type RawSocketHolder = { connection?: { _isClosed?: boolean; _rejectPending?: (error: Error) => void; _socket?: { destroy?: () => void } | null } };

/**
 * node-firebird's detach waits until every queued request has had its answer (`_pending`): an abandoned stream
 * or a query still running on the server leaves it waiting for ever, and with it the engine's run. Ask politely,
 * then destroy the TCP socket: the server rolls the attachment back on its own.
 */
const detachBounded = async (db: Firebird.Database): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), DETACH_WAIT_MS);
  });
  const outcome = await Promise.race([db.detachAsync(true).then(() => 'detached' as const), timedOut]).finally(() => clearTimeout(timer));
  if (outcome !== 'timeout') return;
  const connection = (db as unknown as RawSocketHolder).connection;
  // detach() marked the connection as detaching, so its socket's close handler fails nothing: the
  // query still waiting for its answer would hang its caller (a job) instead of failing. Closed
  // first, so what the failed query does next (roll its transaction back) fails at once too.
  if (connection) connection._isClosed = true;
  connection?._rejectPending?.(new Error('conexão com o Firebird encerrada pelo Ponte'));
  connection?._socket?.destroy?.();
};
