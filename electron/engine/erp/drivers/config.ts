/**
 * Where an ERP database is and how to log in, as written in the mapping file's `database` object.
 * The password is never here: it lives in Ponte's secret store (or PONTE_ERP_PASSWORD for the CLI).
 */
import { z } from 'zod';

const host = z.string().trim().min(1).max(255);
const port = (standard: number) => z.number().int().min(1).max(65_535).default(standard);
const user = z.string().trim().min(1).max(128);

export const FIREBIRD_CHARSETS = ['WIN1252', 'ISO8859_1', 'UTF8', 'NONE'] as const;
export type FirebirdCharset = (typeof FIREBIRD_CHARSETS)[number];

export const SqliteDatabase = z.object({
  driver: z.literal('sqlite'),
  /** Relative to the mapping file. */
  path: z.string().min(1),
}).strict();

export const FirebirdDatabase = z.object({
  driver: z.literal('firebird'),
  host,
  port: port(3050),
  /** A path on the server (C:\Clipp\Base\CLIPP.FDB) or an alias from its databases.conf. */
  database: z.string().trim().min(1).max(1000),
  user,
  /** The connection charset: what the ERP's text is decoded as. No default: a wrong one garbles accents. */
  charset: z.enum(FIREBIRD_CHARSETS),
  /** Firebird 3's WireCrypt: `enabled` (server default), `disabled` for servers configured without it. */
  wireCrypt: z.enum(['enabled', 'disabled']).default('enabled'),
  /** `srp` (Firebird 3+ users) or `legacy` (users created with Legacy_UserManager, Firebird 2.5 style). */
  auth: z.enum(['srp', 'legacy']).default('srp'),
  role: z.string().trim().min(1).max(128).optional(),
}).strict();

export const PostgresDatabase = z.object({
  driver: z.literal('postgres'),
  host,
  port: port(5432),
  database: z.string().trim().min(1).max(128),
  user,
  ssl: z.boolean().default(false),
}).strict();

export const MysqlDatabase = z.object({
  driver: z.literal('mysql'),
  host,
  port: port(3306),
  database: z.string().trim().min(1).max(128),
  user,
}).strict();

export const ServerDatabase = z.discriminatedUnion('driver', [FirebirdDatabase, PostgresDatabase, MysqlDatabase]);
export type ServerDatabase = z.input<typeof ServerDatabase>;
export type ParsedServerDatabase = z.output<typeof ServerDatabase>;

export const DatabaseConfig = z.discriminatedUnion('driver', [SqliteDatabase, FirebirdDatabase, PostgresDatabase, MysqlDatabase]);
export type DatabaseConfig = z.output<typeof DatabaseConfig>;
export type DatabaseDriverName = DatabaseConfig['driver'];

/** The name merchants know each driver by. */
export const DRIVER_LABELS: Record<DatabaseDriverName, string> = {
  sqlite: 'SQLite',
  firebird: 'Firebird',
  postgres: 'PostgreSQL',
  mysql: 'MariaDB/MySQL',
};
