/** Opens the driver a mapping's `database` names; the password comes from the caller (secret store). */
import type { SqlDriver } from '../sql.ts';
import type { ParsedServerDatabase } from './config.ts';
import { FirebirdDriver } from './firebird.ts';
import { MysqlDriver } from './mysql.ts';
import { PostgresDriver } from './postgres.ts';

export interface ServerDriver extends SqlDriver {
  /** "PostgreSQL 15.8": shown by "Testar conexão". */
  version(): Promise<string>;
}

export const openServerDriver = (config: ParsedServerDatabase, password: string): ServerDriver => {
  switch (config.driver) {
    case 'firebird':
      return new FirebirdDriver(config, password);
    case 'postgres':
      return new PostgresDriver(config, password);
    case 'mysql':
      return new MysqlDriver(config, password);
  }
};

export { DbError, type DbErrorKind } from './errors.ts';
export * from './config.ts';
