/**
 * ERP connectors: the entry point the engine uses. See types.ts for the interface and the
 * template's "Instruções" sheet (template.ts) for what merchants fill in.
 */
import { openSpreadsheetConnector } from './spreadsheet.ts';
import { openSqlConnector } from './sql.ts';
import type { ErpConnector, ErpConnectorKind } from './types.ts';

export * from './types.ts';
export { exportOrdersToFile, type ExportOptions } from './export.ts';
export { writeTemplate } from './template.ts';
export { backupFile, sameFile, BACKUP_FOLDER } from './backup.ts';
export { openSpreadsheetConnector } from './spreadsheet.ts';
export { openSqlConnector, SqliteDriver, SqlMapping, loadMapping, type SqlDriver, type SqlParams, type SqlRow } from './sql.ts';
export { ENTITIES } from './columns.ts';

export interface ErpConfig {
  kind: ErpConnectorKind;
  /** Spreadsheet: an .xlsx workbook or a folder of .csv files. SQL: the mapping file (JSON). */
  path: string;
  /** SQL mappings on a database server: the password from the secret store. */
  password?: string | null;
}

/** Throws `ErpSourceError` (pt-BR message) when the source cannot be opened at all. */
export const openErpConnector = async (config: ErpConfig): Promise<ErpConnector> =>
  config.kind === 'spreadsheet' ? openSpreadsheetConnector(config.path) : openSqlConnector(config.path, { password: config.password });
