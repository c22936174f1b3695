/**
 * Variants in the ERP: the Variações sheet of a workbook (written with ExcelJS, as another tool
 * would), the variacoes.csv of a CSV folder and the SQL mapping's `variants` query read the same
 * variants; each bad row (its product missing, a SKU taken, half an option pair, a bad price) is a
 * problem naming the row, the column and the record, and the good rows still come through.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCatalogCsvFolder, writeCatalogSqlite, writeCatalogWorkbook } from '../../electron/engine/erp/catalog-writers.ts';
import { openErpConnector } from '../../electron/engine/erp/index.ts';
import type { ErpCatalog, ErpVariant } from '../../electron/engine/erp/types.ts';
import { tinyCatalog } from '../support/catalog-bench.ts';
import { tempDir } from './helpers.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

const GOOD: ErpVariant[] = [
  { sku: 'TST-0001-AZ', productSku: 'TST-0001', options: [{ type: 'Cor', value: 'Azul' }], price: null, promoPrice: null, stock: 4, available: true },
  { sku: 'TST-0001-VM-G', productSku: 'TST-0001', options: [{ type: 'Cor', value: 'Vermelho' }, { type: 'Tamanho', value: 'G' }], price: 55, promoPrice: 49.9, stock: 0, available: false },
];
const catalog = (): ErpCatalog => ({ ...tinyCatalog(), variants: GOOD });

describe('the same variants from each kind of source', () => {
  it.each(['workbook', 'csv', 'sql'] as const)('%s', async (kind) => {
    const dir = path.join(tmp.dir, `good-${kind}`);
    const config =
      kind === 'workbook'
        ? { kind: 'spreadsheet' as const, path: (await writeCatalogWorkbook(path.join(dir, 'loja.xlsx'), catalog()), path.join(dir, 'loja.xlsx')) }
        : kind === 'csv'
          ? { kind: 'spreadsheet' as const, path: (await writeCatalogCsvFolder(dir, catalog()), dir) }
          : { kind: 'sql' as const, path: await writeCatalogSqlite(dir, catalog()) };
    const erp = await openErpConnector(config);
    try {
      const read = await erp.readCatalog();
      expect(read.problems).toEqual([]);
      expect(read.catalog.variants).toEqual(GOOD);
      expect(read.counts.variacoes).toBe(2);
    } finally {
      await erp.close();
    }
  });
});

describe('rows that cannot be used', () => {
  it('each is named with its row, column and record; the good ones still come through', async () => {
    const file = path.join(tmp.dir, 'bad.xlsx');
    await writeCatalogWorkbook(file, { ...tinyCatalog(), variants: [] });
    // The Variações sheet typed by hand in another tool, with its own header spelling.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.removeWorksheet(wb.getWorksheet('Variações')!.id);
    const ws = wb.addWorksheet('Variacoes');
    ws.addRow(['SKU da variação', 'Produto pai', 'Tipo 1', 'Valor 1', 'Tipo 2', 'Valor 2', 'Preço', 'Estoque']);
    ws.addRow(['TST-0001-P', 'TST-0001', 'Tamanho', 'P', '', '', '', 3]); // row 2: good
    ws.addRow(['TST-0009-P', 'TST-0009', 'Tamanho', 'P', '', '', '', 3]); // row 3: no such product
    ws.addRow(['TST-0002', 'TST-0001', 'Tamanho', 'M', '', '', '', 3]); // row 4: a product's SKU
    ws.addRow(['TST-0001-G', 'TST-0001', 'Tamanho', 'G', 'Cor', '', '', 3]); // row 5: half a pair
    ws.addRow(['TST-0001-GG', 'TST-0001', 'Tamanho', 'GG', '', '', 0, 3]); // row 6: price 0
    ws.addRow(['TST-0001-X', 'TST-0001', 'Tamanho', 'X', '', '', '', 1]); // rows 7 and 8: the same SKU twice
    ws.addRow(['TST-0001-X', 'TST-0001', 'Tamanho', 'XX', '', '', '', 1]);
    ws.addRow(['TST-0001-M', 'TST-0001', '', 'M', '', '', '', 2]); // row 9: no type
    await wb.xlsx.writeFile(file);
    const erp = await openErpConnector({ kind: 'spreadsheet', path: file });
    try {
      const read = await erp.readCatalog();
      expect(read.catalog.variants.map((v) => v.sku)).toEqual(['TST-0001-P']);
      expect(read.catalog.variants[0]).toMatchObject({ price: null, stock: 3, available: true, options: [{ type: 'Tamanho', value: 'P' }] });
      const problems = read.problems.filter((p) => p.entity === 'variacoes').map((p) => ({ row: p.row, column: p.column, record: p.record, reason: p.reason }));
      expect(problems).toEqual([
        { row: 3, column: 'Produto pai', record: 'TST-0009-P', reason: expect.stringContaining("'TST-0009' não existe na aba Produtos") },
        { row: 4, column: 'SKU da variação', record: 'TST-0002', reason: expect.stringContaining('já é de um produto') },
        { row: 5, column: 'Valor 2', record: 'TST-0001-G', reason: expect.stringContaining('Variação 2 e Valor 2 vão juntos') },
        { row: 6, column: 'Preço', record: 'TST-0001-GG', reason: expect.stringContaining('maior que zero') },
        { row: 7, column: 'SKU da variação', record: 'TST-0001-X', reason: expect.stringContaining('TST-0001-X') },
        { row: 8, column: 'SKU da variação', record: 'TST-0001-X', reason: expect.stringContaining('TST-0001-X') },
        { row: 9, column: 'Tipo 1', record: 'TST-0001-M', reason: expect.any(String) },
      ]);
    } finally {
      await erp.close();
    }
  });

  it('a workbook without a Variações sheet has no variants and no problem about them', async () => {
    const file = path.join(tmp.dir, 'sem-variacoes.xlsx');
    await writeCatalogWorkbook(file, { ...tinyCatalog(), variants: [] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.removeWorksheet(wb.getWorksheet('Variações')!.id);
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const erp = await openErpConnector({ kind: 'spreadsheet', path: file });
    try {
      const read = await erp.readCatalog();
      expect(read.catalog.variants).toEqual([]);
      expect(read.problems.filter((p) => p.entity === 'variacoes')).toEqual([]);
      expect(read.catalog.products).toHaveLength(2);
    } finally {
      await erp.close();
    }
  });
});
