/**
 * PostgreSQL through `pg` (pure JavaScript). Reads stream through a server-side cursor fetched in
 * pages, so a 50,000-product query never sits whole in memory. Values are bound as `$n`.
 */
import pg from 'pg';
import type { SqlDriver, SqlParams, SqlRow } from '../sql.ts';
import { compileParams } from '../sql-params.ts';
import type { ParsedServerDatabase } from './config.ts';
import { describeDbError } from './errors.ts';

type PostgresConfig = Extract<ParsedServerDatabase, { driver: 'postgres' }>;

export const PAGE_ROWS = 1000;

// NUMERIC and BIGINT arrive as text by default, which the Brazilian number parser would read
// "12.50" as twelve hundred and fifty; DATE stays the calendar day it is (no time zone shift).
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));
types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

type Queryable = pg.Pool | pg.PoolClient;

/**
 * A client checked out of the pool has no 'error' listener of its own (the pool listens only while
 * it is idle): the server going away in the middle of a transaction or a cursor would then be an
 * uncaught exception that ends the whole app. The query under way fails with the reason anyway.
 */
const ignoreClientError = (): void => {};
const checkout = async (pool: pg.Pool): Promise<pg.PoolClient> => {
  const client = await pool.connect();
  if (!client.listeners('error').includes(ignoreClientError)) client.on('error', ignoreClientError);
  return client;
};

export class PostgresDriver implements SqlDriver {
  private readonly pool: pg.Pool;

  constructor(
    private readonly config: PostgresConfig,
    password: string,
    private readonly client: pg.PoolClient | null = null,
    pool?: pg.Pool,
  ) {
    this.pool =
      pool ??
      new pg.Pool({
        host: config.host,
        port: config.port,
        database: config.database,
        user: config.user,
        password,
        ssl: config.ssl ? { rejectUnauthorized: false } : false,
        max: 2,
        connectionTimeoutMillis: 10_000,
        idleTimeoutMillis: 10_000,
        application_name: 'Ponte',
        types,
      });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    if (!pool) this.pool.on('error', () => {});
  }

  private get target(): Queryable {
    return this.client ?? this.pool;
  }

  private fail(error: unknown): never {
    throw describeDbError(this.config, error);
  }

  async query(sql: string, params: SqlParams = {}): Promise<SqlRow[]> {
    const { text, values } = compileParams(sql, params, 'dollar');
    try {
      return (await this.target.query(text, values)).rows as SqlRow[];
    } catch (error) {
      this.fail(error);
    }
  }

  async *stream(sql: string, params: SqlParams = {}): AsyncIterable<SqlRow> {
    const { text, values } = compileParams(sql, params, 'dollar');
    let client: pg.PoolClient;
    try {
      client = this.client ?? (await checkout(this.pool));
    } catch (error) {
      this.fail(error);
    }
    const own = client !== this.client;
    let broken: unknown = null;
    let finished = false;
    try {
      if (own) await client.query('BEGIN READ ONLY');
      await client.query(`DECLARE ponte_leitura NO SCROLL CURSOR FOR ${text}`, values);
      for (;;) {
        const { rows } = await client.query(`FETCH ${PAGE_ROWS} FROM ponte_leitura`);
        for (const row of rows) yield row as SqlRow;
        if (rows.length < PAGE_ROWS) break;
      }
      await client.query('CLOSE ponte_leitura');
      if (own) await client.query('COMMIT');
      finished = true;
    } catch (error) {
      broken = error;
      if (own) await client.query('ROLLBACK').catch(() => {});
      this.fail(error);
    } finally {
      // Stopped early (the consumer broke out): the cursor's transaction must not stay open.
      if (own && !finished && broken === null) await client.query('ROLLBACK').catch(() => {});
      if (own) client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async run(sql: string, params: SqlParams = {}): Promise<{ changes: number }> {
    const { text, values } = compileParams(sql, params, 'dollar');
    try {
      return { changes: (await this.target.query(text, values)).rowCount ?? 0 };
    } catch (error) {
      this.fail(error);
    }
  }

  async transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.client) return work(this);
    let client: pg.PoolClient;
    try {
      client = await checkout(this.pool);
    } catch (error) {
      this.fail(error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(new PostgresDriver(this.config, '', client, this.pool));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e));
      });
      throw describeDbError(this.config, error);
    } finally {
      client.release(broken);
    }
  }

  async version(): Promise<string> {
    const [row] = await this.query("SELECT current_setting('server_version') AS v");
    return `PostgreSQL ${String(row?.v ?? '?')}`;
  }

  async close(): Promise<void> {
    if (!this.client) await this.pool.end();
  }
}
