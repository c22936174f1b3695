/**
 * The spreadsheet connector: one .xlsx workbook (read streaming, so a 50,000-product workbook
 * never sits in memory as an exceljs model) or a folder of .csv files named after the sheets.
 * Orders are written to the sheets Pedidos/ItensPedido (or pedidos.csv/itenspedido.csv), skipping
 * every Tray order id already there.
 */
import { existsSync, promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { streamCsvRecords } from './csv-stream.ts';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { assembleCatalog, assembleShipping, type Tables } from './catalog.ts';
import { CATALOG_ENTITIES, ENTITIES, PRODUCTS, SHIPPING, entityForSheet, type EntityDef, type EntityName } from './columns.ts';
import { backupFile } from './backup.ts';
import { describeFileError, errorCode, nodeIo, readAll, writeAtomic, type FileIo } from './io.ts';
import { t } from './messages.ts';
import { ITEM_HEADERS, ORDER_HEADERS, brText, itemRows, orderRow, type OutCell } from './orders-table.ts';
import { cellText, decodeText, detectDelimiter, encodeText, parseInteger, type Cell } from './parse.ts';
import { TableBuilder } from './rows.ts';
import { PartTooLargeError, streamWorkbook } from './xlsx-stream.ts';
import { ErpSourceError, type ErpConnector, type ErpProblem, type KeptOrder } from './types.ts';

export const ORDERS_SHEET = 'Pedidos';
export const ITEMS_SHEET = 'ItensPedido';
export const ORDERS_CSV = 'pedidos.csv';
export const ITEMS_CSV = 'itenspedido.csv';

const sourceError = (file: string, message: string): ErpSourceError =>
  new ErpSourceError({ entity: 'arquivo', file: path.basename(file), sheet: null, row: null, column: null, message });

// ---------------------------------------------------------------------------------------------
// Cells

type ExcelValue = ExcelJS.CellValue | undefined;

/** exceljs cell values (rich text, formulas, hyperlinks, errors) → plain cells. */
export const toCell = (value: ExcelValue, sharedStrings?: readonly unknown[]): Cell => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'sharedString' in value && typeof value.sharedString === 'number') {
    // The streaming reader leaves this reference when a sheet precedes sharedStrings.xml in the zip.
    return toCell((sharedStrings?.[value.sharedString] ?? null) as ExcelValue);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return toCell(value.result as ExcelValue, sharedStrings);
    if ('formula' in value || 'sharedFormula' in value) return null;
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
  }
  return null;
};


// ---------------------------------------------------------------------------------------------
// Workbook (streaming)

export interface SpreadsheetOptions {
  io?: FileIo;
}

const openForRead = async (io: FileIo, file: string) => {
  try {
    return await io.open(file, 'r');
  } catch (error) {
    throw sourceError(file, describeFileError(file, error));
  }
};

export const readWorkbookTables = async (file: string, wanted: readonly EntityDef[], io: FileIo = nodeIo): Promise<Tables> => {
  // Opening first tells a file Excel holds locked apart from one that is not a workbook.
  const handle = await openForRead(io, file);
  await handle.close();
  const base = path.basename(file);
  const builders = new Map<EntityName, { builder: TableBuilder; headerSeen: boolean }>();
  try {
    await streamWorkbook(file, (sheetName) => {
      const def = entityForSheet(sheetName);
      if (!def || !wanted.includes(def) || builders.has(def.entity)) return null;
      const state = { builder: new TableBuilder(def, base, sheetName, sheetName), headerSeen: false };
      builders.set(def.entity, state);
      return (rowNumber, cells) => {
        if (!state.headerSeen) {
          if (cells.every((c) => cellText(c) === '')) return;
          state.headerSeen = true;
          state.builder.header(cells);
          return;
        }
        state.builder.row(rowNumber, cells);
      };
    });
  } catch (error) {
    const code = errorCode(error);
    if (error instanceof PartTooLargeError) {
      throw sourceError(file, t('file.unreadable', { file: base, cause: t('file.tooLarge', { part: error.part, mb: Math.round(error.limit / 1024 / 1024) }) }));
    }
    throw sourceError(file, code ? describeFileError(file, error) : t('file.unreadable', { file: base, cause: t('file.notXlsx') }));
  }
  const tables: Tables = {};
  for (const [entity, state] of builders) {
    if (!state.headerSeen) state.builder.header([]);
    tables[entity] = state.builder.result;
  }
  return tables;
};

// ---------------------------------------------------------------------------------------------
// CSV folder

export interface CsvFile {
  text: string;
  encoding: ReturnType<typeof decodeText>['encoding'];
  delimiter: string;
  records: string[][];
}

export const parseCsvBytes = (bytes: Uint8Array): CsvFile => {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  const records = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  return { text, encoding, delimiter, records };
};

/** Files of the folder keyed by lower-case name (Windows does not care about case either). */
const listFolder = async (folder: string): Promise<Map<string, string>> => {
  const names = await fsp.readdir(folder);
  return new Map(names.map((n) => [n.toLowerCase(), path.join(folder, n)]));
};

export const readCsvTables = async (folder: string, wanted: readonly EntityDef[], io: FileIo = nodeIo): Promise<{ tables: Tables; problems: ErpProblem[] }> => {
  let files: Map<string, string>;
  try {
    files = await listFolder(folder);
  } catch (error) {
    throw sourceError(folder, describeFileError(folder, error));
  }
  const tables: Tables = {};
  const problems: ErpProblem[] = [];
  const known = ENTITIES.filter((def) => files.has(def.csv));
  if (known.length === 0) throw sourceError(folder, t('file.noCsv', { file: path.basename(folder) }));
  for (const def of wanted) {
    const file = files.get(def.csv);
    if (!file) continue;
    const name = path.basename(file);
    const builder = new TableBuilder(def, name, null, name);
    let headerSeen = false;
    try {
      await streamCsvRecords(io, file, (record, index) => {
        if (!headerSeen) {
          if (record.every((c) => c.trim() === '')) return;
          headerSeen = true;
          builder.header(record);
          return;
        }
        builder.row(index + 1, record);
      });
    } catch (error) {
      const message = errorCode(error) ? describeFileError(file, error) : t('file.unreadable', { file: name, cause: error instanceof Error ? error.message : String(error) });
      problems.push({ entity: def.entity, file: name, sheet: null, row: null, column: null, message });
      continue;
    }
    if (!headerSeen) builder.header([]);
    tables[def.entity] = builder.result;
  }
  return { tables, problems };
};

// ---------------------------------------------------------------------------------------------
// Writing orders

const idsIn = (rows: Iterable<readonly Cell[]>, column = 0): Set<number> => {
  const ids = new Set<number>();
  for (const row of rows) {
    const parsed = parseInteger(row[column] ?? null);
    if (parsed.ok) ids.add(parsed.value);
  }
  return ids;
};

const sheetIds = (sheet: ExcelJS.Worksheet): Set<number> => {
  const rows: Cell[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push([toCell(row.getCell(1).value)]);
  });
  return idsIn(rows);
};

const ensureSheet = (workbook: ExcelJS.Workbook, name: string, headers: readonly string[]): ExcelJS.Worksheet => {
  const existing = workbook.worksheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (existing) return existing;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...headers]).font = { bold: true };
  return sheet;
};

const MONEY_FORMAT = '#,##0.00';
const moneyColumns = (headers: readonly string[]) =>
  headers.flatMap((h, i) => (['Subtotal', 'Frete', 'Desconto', 'Total', 'Preço unitário', 'Total do item'].includes(h) ? [i + 1] : []));

export const writeOrdersToWorkbook = async (file: string, orders: readonly KeptOrder[], io: FileIo = nodeIo): Promise<{ written: number; skipped: number }> => {
  let bytes: Buffer;
  try {
    bytes = await readAll(io, file);
  } catch (error) {
    throw sourceError(file, describeFileError(file, error));
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw sourceError(file, t('file.unreadable', { file: path.basename(file), cause: t('file.notXlsx') }));
  }
  const ordersSheet = ensureSheet(workbook, ORDERS_SHEET, ORDER_HEADERS);
  const itemsSheet = ensureSheet(workbook, ITEMS_SHEET, ITEM_HEADERS);
  const done = sheetIds(ordersSheet);
  const itemsDone = sheetIds(itemsSheet);
  let written = 0;
  let skipped = 0;
  for (const order of orders) {
    if (done.has(order.id)) {
      skipped += 1;
      continue;
    }
    done.add(order.id);
    const row = ordersSheet.addRow(orderRow(order));
    for (const c of moneyColumns(ORDER_HEADERS)) row.getCell(c).numFmt = MONEY_FORMAT;
    if (!itemsDone.has(order.id)) {
      for (const item of itemRows(order)) {
        const itemRow = itemsSheet.addRow(item);
        for (const c of moneyColumns(ITEM_HEADERS)) itemRow.getCell(c).numFmt = MONEY_FORMAT;
      }
    }
    written += 1;
  }
  if (written === 0) return { written, skipped };
  // exceljs rewrites the whole workbook and may drop what it does not model (charts, pivot
  // tables): the merchant's file as it was before Ponte first wrote to it is kept beside it.
  const backup = path.join(path.dirname(file), `${path.basename(file, path.extname(file))} (cópia antes do Ponte)${path.extname(file)}`);
  if (!existsSync(backup)) await fsp.writeFile(backup, bytes);
  // And every rewrite is preceded by a dated copy (the newest few kept), so no write is unrecoverable.
  await backupFile(file);
  const out = Buffer.from(await workbook.xlsx.writeBuffer());
  try {
    await writeAtomic(io, file, out);
  } catch (error) {
    throw sourceError(file, describeFileError(file, error));
  }
  return { written, skipped };
};

export const csvText = (headers: readonly string[], rows: readonly OutCell[][], delimiter = ';', withHeader = true): string =>
  stringifyCsv([...(withHeader ? [[...headers]] : []), ...rows.map((r) => brText(headers, r))], { delimiter, record_delimiter: '\r\n' });

/** Appends to a CSV in its own encoding and separator, or creates it as UTF-8 with BOM. */
const appendCsv = async (io: FileIo, file: string, headers: readonly string[], rows: OutCell[][], existing: CsvFile | null): Promise<void> => {
  if (rows.length === 0) return;
  if (!existing) {
    await writeAtomic(io, file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(headers, rows), 'utf8')]));
    return;
  }
  const separator = existing.text.length === 0 || /\r?\n$/.test(existing.text) ? '' : '\r\n';
  const addition = separator + csvText(headers, rows, existing.delimiter, false);
  const encoding = existing.encoding === 'utf-8-bom' ? 'utf-8' : existing.encoding;
  const handle = await fsp.open(file, 'a');
  try {
    await handle.appendFile(encodeText(addition, encoding));
  } finally {
    await handle.close();
  }
};

const readExistingCsv = async (io: FileIo, file: string): Promise<CsvFile | null> => {
  try {
    return parseCsvBytes(await readAll(io, file));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw sourceError(file, describeFileError(file, error));
  }
};

export const writeOrdersToCsvFolder = async (folder: string, orders: readonly KeptOrder[], io: FileIo = nodeIo): Promise<{ written: number; skipped: number }> => {
  const ordersFile = path.join(folder, ORDERS_CSV);
  const itemsFile = path.join(folder, ITEMS_CSV);
  const [ordersCsv, itemsCsv] = [await readExistingCsv(io, ordersFile), await readExistingCsv(io, itemsFile)];
  const done = idsIn(ordersCsv?.records.slice(1) ?? []);
  const itemsDone = idsIn(itemsCsv?.records.slice(1) ?? []);
  const fresh = orders.filter((o, i) => !done.has(o.id) && orders.findIndex((x) => x.id === o.id) === i);
  // Items first, then orders: a crash in between leaves items whose order is retried, and the
  // retry skips items already written, so nothing is duplicated.
  try {
    await appendCsv(io, itemsFile, ITEM_HEADERS, fresh.filter((o) => !itemsDone.has(o.id)).flatMap(itemRows), itemsCsv);
    await appendCsv(io, ordersFile, ORDER_HEADERS, fresh.map(orderRow), ordersCsv);
  } catch (error) {
    if (error instanceof ErpSourceError) throw error;
    throw sourceError(ordersFile, describeFileError(ordersFile, error));
  }
  return { written: fresh.length, skipped: orders.length - fresh.length };
};

// ---------------------------------------------------------------------------------------------
// The connector

const statOrNull = async (file: string): Promise<Stats | null> => fsp.stat(file).catch(() => null);

export const openSpreadsheetConnector = async (source: string, options: SpreadsheetOptions = {}): Promise<ErpConnector> => {
  const io = options.io ?? nodeIo;
  const stats = await fsp.stat(source).catch((error: unknown) => {
    throw sourceError(source, describeFileError(source, error));
  });
  const isFolder = stats.isDirectory();
  if (!isFolder && !/\.xlsx$/i.test(source)) throw sourceError(source, t('file.unsupported', { file: path.basename(source) }));

  const missingProducts = (tables: Tables): ErpProblem[] =>
    tables.produtos
      ? []
      : [{ entity: PRODUCTS.entity, file: path.basename(source), sheet: isFolder ? null : PRODUCTS.sheet, row: null, column: null,
          message: t('file.missingSheet', { file: path.basename(source), sheet: PRODUCTS.sheet, csv: PRODUCTS.csv }) }];

  const read = async (wanted: readonly EntityDef[]): Promise<{ tables: Tables; problems: ErpProblem[] }> =>
    isFolder ? readCsvTables(source, wanted, io) : { tables: await readWorkbookTables(source, wanted, io), problems: [] };

  // A serialised queue: a write never interleaves with a read of the same file.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    kind: 'spreadsheet',
    source,
    readCatalog: () =>
      serial(async () => {
        const { tables, problems } = await read(CATALOG_ENTITIES);
        const assembled = assembleCatalog(tables);
        return { ...assembled, problems: [...missingProducts(tables), ...problems, ...assembled.problems] };
      }),
    readShippingUpdates: () =>
      serial(async () => {
        const { tables, problems } = await read([SHIPPING]);
        const shipping = assembleShipping(tables.rastreios);
        return { rows: shipping.rows, problems: [...problems, ...shipping.problems] };
      }),
    writeOrders: (orders) => serial(() => (isFolder ? writeOrdersToCsvFolder(source, orders, io) : writeOrdersToWorkbook(source, orders, io))),
    fingerprint: async () => {
      if (!isFolder) {
        const s = await statOrNull(source);
        return s ? `${s.mtimeMs}:${s.size}` : 'missing';
      }
      const files = await listFolder(source).catch(() => new Map<string, string>());
      const parts: string[] = [];
      for (const def of ENTITIES) {
        const file = files.get(def.csv);
        const s = file ? await statOrNull(file) : null;
        parts.push(s ? `${def.csv}:${s.mtimeMs}:${s.size}` : `${def.csv}:-`);
      }
      return parts.join('|');
    },
    watchPaths: () => [source],
    close: async () => {
      await queue;
    },
  };
};

export type { EntityName };
