/**
 * Database errors sorted into what the merchant can do about them. Each driver reports its own
 * codes; this turns them into one kind and one pt-BR sentence naming the setting to check.
 * Connection kinds (down, lost, auth, notFound, wireCrypt, timeout) mean the source is unreadable as
 * a whole; `permission` and `sql` belong to one query.
 */
import { t } from '../messages.ts';
import { DRIVER_LABELS, type ParsedServerDatabase } from './config.ts';

export type DbErrorKind = 'down' | 'lost' | 'auth' | 'notFound' | 'wireCrypt' | 'timeout' | 'permission' | 'nul' | 'sql';

export const CONNECTION_KINDS: ReadonlySet<DbErrorKind> = new Set(['down', 'lost', 'auth', 'notFound', 'wireCrypt', 'timeout']);

export class DbError extends Error {
  constructor(
    readonly kind: DbErrorKind,
    message: string,
    /** The driver's own text, kept for the log. */
    readonly detail: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
  get isConnection(): boolean {
    return CONNECTION_KINDS.has(this.kind);
  }
}

interface RawError {
  code?: unknown;
  errno?: unknown;
  gdscode?: unknown;
  message?: unknown;
}

const rawOf = (error: unknown): RawError => (typeof error === 'object' && error !== null ? (error as RawError) : { message: String(error) });

const NETWORK_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN', '57P01', '57P02', '57P03', 'ERR_STREAM_DESTROYED']);

/** Which kind a driver error is, from its codes; the message is built by `describeDbError`. */
export const dbErrorKind = (driver: ParsedServerDatabase['driver'], error: unknown): DbErrorKind => {
  const raw = rawOf(error);
  const code = typeof raw.code === 'string' ? raw.code : '';
  const message = typeof raw.message === 'string' ? raw.message : '';
  if (NETWORK_CODES.has(code)) return 'down';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message) && /connect/i.test(message)) return 'timeout';
  if (LOST_CODES.has(code) || /Connection terminated|connection is closed|Connection lost|socket (?:hang up|closed)|server was lost|encerrada pelo Ponte|Can't add new command when connection is in closed state|not connected/i.test(message)) return 'lost';
  switch (driver) {
    case 'postgres':
      if (code === '22021' && /0x00/.test(message)) return 'nul';
      if (code === '28P01' || code === '28000') return 'auth';
      if (code === '3D000') return 'notFound';
      if (code === '42501') return 'permission';
      return 'sql';
    case 'mysql':
      if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_NOT_SUPPORTED_AUTH_MODE') return 'auth';
      if (code === 'ER_BAD_DB_ERROR') return 'notFound';
      if (code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_TABLEACCESS_DENIED_ERROR' || code === 'ER_COLUMNACCESS_DENIED_ERROR' || code === 'ER_SPECIFIC_ACCESS_DENIED_ERROR') return 'permission';
      return 'sql';
    case 'firebird': {
      const gds = typeof raw.gdscode === 'number' ? raw.gdscode : 0;
      if (gds === 335544472) return 'auth'; // isc_login
      if (gds === 335544344 || gds === 335544734) return 'notFound'; // isc_io_error, isc_bad_db_format
      if (gds === 335544352) return 'permission'; // isc_no_priv
      if (gds === 335544375 || /wire ?crypt|encryption/i.test(message)) return 'wireCrypt'; // isc_unavailable
      // network error, net read, shutdown, lost connection, attachment shut down (the server stopping)
      if (gds === 335544721 || gds === 335544726 || gds === 335544528 || gds === 335544741 || gds === 335544856) return 'lost';
      return 'sql';
    }
  }
};

/** The driver's own text, first line only (Firebird's messages run over several). */
export const driverText = (error: unknown): string => {
  const raw = rawOf(error);
  const text = typeof raw.message === 'string' && raw.message ? raw.message : typeof raw.code === 'string' ? raw.code : String(error);
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').slice(0, 400);
};

export const describeDbError = (config: ParsedServerDatabase, error: unknown): DbError => {
  if (error instanceof DbError) return error;
  const kind = dbErrorKind(config.driver, error);
  const cause = driverText(error);
  const driver = DRIVER_LABELS[config.driver];
  const where = { driver, host: config.host, port: config.port, user: config.user, database: config.database, cause };
  const message = (() => {
    switch (kind) {
      case 'down':
        return t('db.down', where);
      case 'lost':
        return t('db.lost', where);
      case 'timeout':
        return t('db.timeout', where);
      case 'auth':
        return t(config.driver === 'firebird' && config.auth === 'srp' ? 'db.authLegacy' : 'db.auth', where);
      case 'notFound':
        return t(config.driver === 'firebird' ? 'db.fbNotFound' : 'db.notFound', where);
      case 'wireCrypt':
        return t('db.wireCrypt', where);
      case 'permission':
        return t('db.permission', where);
      case 'nul':
        return t('db.nulRefused', where);
      case 'sql':
        return cause;
    }
  })();
  return new DbError(kind, message, cause);
};
