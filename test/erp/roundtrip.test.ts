/**
 * Round trips for the three source kinds: a catalogue written as workbook / CSV folder / SQLite
 * ERP reads back the same; orders exported twice are written once; shipping updates come back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { openErpConnector } from '../../electron/engine/erp/index.ts';
import { writeCatalogCsvFolder, writeCatalogSqlite, writeCatalogWorkbook } from '../../electron/engine/erp/catalog-writers.ts';
import { parseCsvBytes } from '../../electron/engine/erp/spreadsheet.ts';
import type { ErpCatalog, ShippingUpdate } from '../../electron/engine/erp/types.ts';
import { FIXTURES, order, tempDir } from './helpers.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let reference: ErpCatalog;
const shipping: ShippingUpdate[] = [
  { orderId: 1001, trackingCode: 'AA123456785BR', shippedAt: '2026-11-02', trackingUrl: null, status: 'enviado' },
  { orderId: 1002, trackingCode: null, shippedAt: null, trackingUrl: null, status: 'em_separacao' },
];

beforeAll(async () => {
  tmp = await tempDir();
  const source = await openErpConnector({ kind: 'spreadsheet', path: path.join(FIXTURES, 'good') });
  const read = await source.readCatalog();
  expect(read.problems).toEqual([]);
  reference = read.catalog;
});
afterAll(() => tmp.cleanup());

const sorted = (c: ErpCatalog): ErpCatalog => ({
  ...c,
  products: [...c.products].sort((a, b) => a.sku.localeCompare(b.sku)),
  brands: [...c.brands].sort((a, b) => a.name.localeCompare(b.name)),
  characteristics: [...c.characteristics].sort((a, b) => a.name.localeCompare(b.name)),
  customers: [...c.customers].sort((a, b) => a.document.localeCompare(b.document)),
});

const SOURCES = {
  workbook: async (dir: string) => {
    const file = path.join(dir, 'loja.xlsx');
    await writeCatalogWorkbook(file, reference, shipping);
    return { kind: 'spreadsheet' as const, path: file };
  },
  'csv folder': async (dir: string) => {
    const folder = path.join(dir, 'csv');
    await writeCatalogCsvFolder(folder, reference, shipping);
    return { kind: 'spreadsheet' as const, path: folder };
  },
  sqlite: async (dir: string) => ({ kind: 'sql' as const, path: await writeCatalogSqlite(path.join(dir, 'sql'), reference, shipping) }),
};

describe.each(Object.keys(SOURCES) as Array<keyof typeof SOURCES>)('round trip: %s', (name) => {
  it('reads the catalogue back, exports orders idempotently, reads shipping updates', async () => {
    const config = await SOURCES[name](path.join(tmp.dir, name.replace(' ', '-')));
    const connector = await openErpConnector(config);
    const read = await connector.readCatalog();
    expect(read.problems).toEqual([]);
    expect(sorted(read.catalog)).toEqual(sorted(reference));

    const before = await connector.fingerprint();
    expect(await connector.fingerprint()).toBe(before);
    expect(await connector.writeOrders([order(2001), order(2002)])).toMatchObject({ written: 2, skipped: 0 });
    // Exporting again (plus one new order) never duplicates.
    expect(await connector.writeOrders([order(2002), order(2003), order(2003)])).toMatchObject({ written: 1, skipped: 2 });
    // A CSV folder's fingerprint covers the catalogue files only: writing pedidos.csv is no change.
    if (name === 'csv folder') expect(await connector.fingerprint()).toBe(before);
    else expect(await connector.fingerprint()).not.toBe(before);

    const updates = await connector.readShippingUpdates();
    expect(updates.problems).toEqual([]);
    expect(updates.rows).toEqual(shipping);

    // The catalogue is still read the same after orders were written into the same source.
    expect(sorted((await connector.readCatalog()).catalog)).toEqual(sorted(reference));
    await connector.close();

    const written = await readOrdersBack(config);
    expect(written.orders.map((o) => o.id)).toEqual([2001, 2002, 2003]);
    expect(written.orders[0]).toMatchObject({ customer: 'José da Silva', total: 1264.46, notes: 'Entregar à tarde; portão azul' });
    expect(written.items).toEqual([
      [2001, 'PAN-001', 1, 999.9], [2001, 'PRA-003', 2, 117.33],
      [2002, 'PAN-001', 1, 999.9], [2002, 'PRA-003', 2, 117.33],
      [2003, 'PAN-001', 1, 999.9], [2003, 'PRA-003', 2, 117.33],
    ]);
  });
});

type Back = { orders: Array<{ id: number; customer: string; total: number; notes: string }>; items: Array<[number, string, number, number]> };

const brNumber = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));

const readOrdersBack = async (config: { kind: 'spreadsheet' | 'sql'; path: string }): Promise<Back> => {
  if (config.kind === 'sql') {
    const db = new Database(path.join(path.dirname(config.path), 'erp.sqlite'), { readonly: true });
    const orders = db.prepare('SELECT id_tray AS id, cliente AS customer, total, observacoes AS notes FROM pedidos WHERE numero IS NOT NULL ORDER BY id_tray').all() as Back['orders'];
    const items = (db.prepare('SELECT id_tray, cod_prod, qtd, preco FROM pedido_itens ORDER BY id_tray, linha').raw().all() as Back['items']);
    db.close();
    return { orders, items };
  }
  if (config.path.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(config.path);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues().slice(2) as unknown[][]).map((r) => r.slice(1));
    return {
      orders: rows('Pedidos').map((r) => ({ id: r[0] as number, customer: r[4] as string, total: r[18] as number, notes: r[24] as string })),
      items: rows('ItensPedido').map((r) => [r[0], r[1], r[3], r[4]] as Back['items'][number]),
    };
  }
  const csv = async (file: string) => parseCsvBytes(await readFile(path.join(config.path, file))).records.slice(1).filter((r) => r.length > 1);
  return {
    orders: (await csv('pedidos.csv')).map((r) => ({ id: Number(r[0]), customer: r[4]!, total: brNumber(r[18]!), notes: r[24]! })),
    items: (await csv('itenspedido.csv')).map((r) => [Number(r[0]), r[1]!, Number(r[3]), brNumber(r[4]!)]),
  };
};
