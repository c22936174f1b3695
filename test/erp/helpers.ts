import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { entityForSheet } from '../../electron/engine/erp/columns.ts';
import { parseCsvBytes } from '../../electron/engine/erp/spreadsheet.ts';
import type { KeptOrder } from '../../electron/engine/store/orders.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/erp');

export const tempDir = async (): Promise<{ dir: string; cleanup: () => Promise<void> }> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ponte-erp-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
};

/** The same data as a CSV fixture folder, as one workbook with a sheet per file (cells as text). */
export const csvFolderToWorkbook = async (folder: string, out: string): Promise<void> => {
  const workbook = new ExcelJS.Workbook();
  for (const name of (await readdir(folder)).sort()) {
    const def = entityForSheet(name);
    if (!def) continue;
    const { records } = parseCsvBytes(await readFile(path.join(folder, name)));
    const sheet = workbook.addWorksheet(def.sheet);
    for (const record of records) sheet.addRow(record);
  }
  await workbook.xlsx.writeFile(out);
};

/** An order as Ponte keeps it, what the ERP connectors and the export files receive. */
export const order = (id: number, overrides: Partial<KeptOrder> = {}): KeptOrder => ({
  id,
  number: String(id),
  placedAt: '2026-11-20T14:30:00.000Z',
  modifiedAt: '2026-11-20T14:30:00.000Z',
  status: { id: 4, name: 'A ENVIAR' },
  subtotal: 1234.56,
  shipping: 29.9,
  discount: 0,
  total: 1264.46,
  paymentMethod: 'Pix',
  shippingMethod: 'SEDEX',
  notes: 'Entregar à tarde; portão azul',
  tracking: null,
  items: [
    { productId: 11, variantId: null, sku: 'PAN-001', name: 'Panela de pressão 4,5 L', quantity: 1, price: 999.9 },
    { productId: 13, variantId: null, sku: 'PRA-003', name: 'Prato raso', quantity: 2, price: 117.33 },
  ],
  customer: { id: 7, name: 'José da Silva', document: '52998224725', email: 'jose@example.com', phone: '11999990000' },
  deliveryAddress: { street: 'Rua das Flores', number: '100', complement: 'Apto 2', district: 'Centro', city: 'São Paulo', uf: 'SP', cep: '01001000' },
  installmentCount: 1,
  installments: [{ number: 1, amount: 1264.46, dueDate: '2026-11-20', method: 'Pix' }],
  exportedAt: null,
  ...overrides,
});
