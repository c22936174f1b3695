/**
 * Order files for the export job: `pedidos-AAAAMMDD-HHMMSS.csv` (+ `itens-pedidos-...csv`) as
 * UTF-8 with BOM, `;`, decimal comma, dd/mm/aaaa — what Excel in Brazil opens cleanly — or one
 * .xlsx with the sheets Pedidos and ItensPedido. The file named in the result is written last and
 * atomically, so its existence proves the export complete (the export job relies on that).
 */
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { nodeIo, writeAtomic } from './io.ts';
import { FILE_ORDER_HEADERS, ITEM_HEADERS, fileItemRows, fileOrderRow } from './orders-table.ts';
import { ITEMS_SHEET, ORDERS_SHEET, csvText } from './spreadsheet.ts';
import type { KeptOrder } from './types.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const pad = (n: number) => String(n).padStart(2, '0');

/** Local time, as the merchant's clock shows it. */
export const exportStamp = (now: Date): string =>
  `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;

export interface ExportOptions {
  format: 'csv' | 'xlsx';
  folder: string;
  now: Date;
}

export const exportOrdersToFile = async (
  orders: KeptOrder[],
  opts: ExportOptions,
  /** Called with the final file name before anything is written (crash recovery in the export job). */
  onPlanned?: (file: string) => void | Promise<void>,
): Promise<{ file: string; count: number }> => {
  await fsp.mkdir(opts.folder, { recursive: true });
  const stamp = exportStamp(opts.now);
  let file = '';
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : `-${n}`;
    file = path.join(opts.folder, `pedidos-${stamp}${suffix}.${opts.format}`);
    if (!existsSync(file)) break;
  }
  await onPlanned?.(file);
  const orderRows = orders.map(fileOrderRow);
  const items = orders.flatMap(fileItemRows);
  if (opts.format === 'csv') {
    const itemsFile = path.join(path.dirname(file), `itens-${path.basename(file)}`);
    await writeAtomic(nodeIo, itemsFile, Buffer.concat([BOM, Buffer.from(csvText(ITEM_HEADERS, items), 'utf8')]));
    await writeAtomic(nodeIo, file, Buffer.concat([BOM, Buffer.from(csvText(FILE_ORDER_HEADERS, orderRows), 'utf8')]));
  } else {
    const workbook = new ExcelJS.Workbook();
    const add = (name: string, headers: readonly string[], rows: Array<Array<string | number>>) => {
      const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow([...headers]).font = { bold: true };
      for (const row of rows) sheet.addRow(row);
      headers.forEach((h, i) => {
        if (['Subtotal', 'Frete', 'Desconto', 'Total', 'Preço unitário', 'Total do item'].includes(h)) sheet.getColumn(i + 1).numFmt = '#,##0.00';
      });
    };
    add(ORDERS_SHEET, FILE_ORDER_HEADERS, orderRows);
    add(ITEMS_SHEET, ITEM_HEADERS, items);
    await writeAtomic(nodeIo, file, Buffer.from(await workbook.xlsx.writeBuffer()));
  }
  return { file, count: orders.length };
};
