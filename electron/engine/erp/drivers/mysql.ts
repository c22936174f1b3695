/**
 * MariaDB and MySQL through `mysql2` (pure JavaScript). Statements are server-side prepared
 * (`execute`), so values are bound by the server, never escaped into the text; reads stream row by
 * row with the socket paused while Ponte catches up.
 */
import type { Connection as CallbackConnection } from 'mysql2';
import mysql from 'mysql2/promise';
import type { SqlDriver, SqlParams, SqlRow, SqlValue } from '../sql.ts';
import { compileParams } from '../sql-params.ts';
import type { ParsedServerDatabase } from './config.ts';
import { describeDbError } from './errors.ts';

type MysqlConfig = Extract<ParsedServerDatabase, { driver: 'mysql' }>;
type Values = Array<Exclude<SqlValue, bigint>>;

const bindable = (values: SqlValue[]): Values => values.map((v) => (typeof v === 'bigint' ? Number(v) : v));

export class MysqlDriver implements SqlDriver {
  private readonly pool: mysql.Pool;

  constructor(
    private readonly config: MysqlConfig,
    password: string,
    private readonly connection: mysql.PoolConnection | null = null,
    pool?: mysql.Pool,
  ) {
    this.pool =
      pool ??
      mysql.createPool({
        host: config.host,
        port: config.port,
        database: config.database,
        user: config.user,
        password,
        charset: 'utf8mb4',
        // DECIMAL as numbers, DATE as the calendar day (no time zone shift).
        decimalNumbers: true,
        dateStrings: ['DATE'],
        supportBigNumbers: true,
        connectTimeout: 10_000,
        connectionLimit: 2,
        maxIdle: 0,
        idleTimeout: 10_000,
        enableKeepAlive: true,
      });
  }

  private fail(error: unknown): never {
    throw describeDbError(this.config, error);
  }

  async query(sql: string, params: SqlParams = {}): Promise<SqlRow[]> {
    const { text, values } = compileParams(sql, params, 'question');
    try {
      const [rows] = await (this.connection ?? this.pool).execute(text, bindable(values));
      return rows as SqlRow[];
    } catch (error) {
      this.fail(error);
    }
  }

  async *stream(sql: string, params: SqlParams = {}): AsyncIterable<SqlRow> {
    const { text, values } = compileParams(sql, params, 'question');
    let connection: mysql.PoolConnection;
    try {
      connection = this.connection ?? (await this.pool.getConnection());
    } catch (error) {
      this.fail(error);
    }
    const own = connection !== this.connection;
    let broken = false;
    try {
      // The promise wrapper has no streaming: the callback connection underneath does.
      const core = connection.connection as unknown as CallbackConnection;
      const rows = core.execute(text, bindable(values)).stream({ highWaterMark: 500 });
      for await (const row of rows) yield row as SqlRow;
    } catch (error) {
      broken = true;
      this.fail(error);
    } finally {
      if (own) {
        if (broken) connection.destroy();
        else connection.release();
      }
    }
  }

  async run(sql: string, params: SqlParams = {}): Promise<{ changes: number }> {
    const { text, values } = compileParams(sql, params, 'question');
    try {
      const [result] = await (this.connection ?? this.pool).execute(text, bindable(values));
      return { changes: (result as mysql.ResultSetHeader).affectedRows ?? 0 };
    } catch (error) {
      this.fail(error);
    }
  }

  async transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> {
    if (this.connection) return work(this);
    let connection: mysql.PoolConnection;
    try {
      connection = await this.pool.getConnection();
    } catch (error) {
      this.fail(error);
    }
    let broken = false;
    try {
      await connection.beginTransaction();
      const result = await work(new MysqlDriver(this.config, '', connection, this.pool));
      await connection.commit();
      return result;
    } catch (error) {
      await connection.rollback().catch(() => {
        broken = true;
      });
      throw describeDbError(this.config, error);
    } finally {
      if (broken) connection.destroy();
      else connection.release();
    }
  }

  async version(): Promise<string> {
    const [row] = await this.query('SELECT VERSION() AS v');
    const v = String(row?.v ?? '?');
    return /mariadb/i.test(v) ? `MariaDB ${v.replace(/-MariaDB.*$/i, '')}` : `MySQL ${v}`;
  }

  async close(): Promise<void> {
    if (!this.connection) await this.pool.end();
  }
}
