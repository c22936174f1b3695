import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { exportOrdersToFile, writeTemplate } from '../../electron/engine/erp/index.ts';
import { openSpreadsheetConnector } from '../../electron/engine/erp/spreadsheet.ts';
import { ENTITIES } from '../../electron/engine/erp/columns.ts';
import { order, tempDir } from './helpers.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

const NOW = new Date(2026, 10, 29, 9, 5, 7);

describe('exportOrdersToFile', () => {
  it('CSV: UTF-8 with BOM, ;, decimal comma, dd/mm/aaaa, two files; the planned name is announced before writing', async () => {
    const folder = path.join(tmp.dir, 'csv');
    const planned: Array<[string, boolean]> = [];
    const result = await exportOrdersToFile([order(501), order(502, { customer: { id: 2, name: 'Ana; "Bia"', document: '', email: '', phone: '' } })], { format: 'csv', folder, now: NOW }, (file) => {
      planned.push([file, existsSync(file)]);
    });
    expect(result).toEqual({ file: path.join(folder, 'pedidos-20261129-090507.csv'), count: 2 });
    expect(planned).toEqual([[result.file, false]]);
    const bytes = await readFile(result.file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    // One order column (not Pedido + Número with one value); CPF and CEP as text Excel keeps.
    expect(lines[0]!.startsWith('Pedido;Data;Status;Cliente;CPF/CNPJ')).toBe(true);
    expect(lines[0]).not.toContain('Número');
    expect(lines[1]).toBe('501;20/11/2026;A ENVIAR;José da Silva;529.982.247-25;jose@example.com;11999990000;Rua das Flores;100;Apto 2;Centro;São Paulo;SP;01001-000;1234,56;29,90;0,00;1264,46;Pix;1;SEDEX;;;"Entregar à tarde; portão azul"');
    expect(lines[2]).toContain(';"Ana; ""Bia""";');
    const items = (await readFile(path.join(folder, 'itens-pedidos-20261129-090507.csv'))).subarray(3).toString('utf8').split('\r\n');
    expect(items.slice(0, 3)).toEqual(['Pedido;SKU;Produto;Quantidade;Preço unitário;Total do item', '501;PAN-001;Panela de pressão 4,5 L;1;999,90;999,90', '501;PRA-003;Prato raso;2;117,33;234,66']);

    // Same second again: a new file, never overwriting the first.
    const again = await exportOrdersToFile([order(503)], { format: 'csv', folder, now: NOW });
    expect(again.file).toBe(path.join(folder, 'pedidos-20261129-090507-2.csv'));
    expect((await readdir(folder)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('xlsx: sheets Pedidos and ItensPedido with number cells', async () => {
    const result = await exportOrdersToFile([order(601)], { format: 'xlsx', folder: path.join(tmp.dir, 'xlsx'), now: NOW });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result.file);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Pedidos', 'ItensPedido']);
    const pedidos = wb.getWorksheet('Pedidos')!;
    expect(pedidos.getRow(2).getCell(18).value).toBe(1264.46);
    expect(pedidos.getRow(2).getCell(1).value).toBe(601);
    // Text cells: a CNPJ or a CEP starting with 0 keeps its zeros.
    expect(pedidos.getRow(2).getCell(5).value).toBe('529.982.247-25');
    expect(pedidos.getRow(2).getCell(14).value).toBe('01001-000');
    expect(wb.getWorksheet('ItensPedido')!.getRow(3).getCell(6).value).toBe(234.66);
  });
});

describe('writeTemplate', () => {
  it('has the instructions and every sheet with its headers, and reads back with no problem but the empty Produtos', async () => {
    const file = path.join(tmp.dir, 'modelo', 'modelo.xlsx');
    await writeTemplate(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Instruções', ...ENTITIES.map((e) => e.sheet), 'Pedidos', 'ItensPedido']);
    const help = wb.getWorksheet('Instruções')!.getSheetValues().flat().join('\n');
    expect(help).toContain('Caract: Cor');
    expect(help).toContain('ItensListas');
    expect(help).toContain('1.234,56');
    expect(wb.getWorksheet('Produtos')!.getRow(1).values).toEqual([undefined, 'SKU', 'Nome', 'Descrição', 'Preço', 'Preço promocional', 'Estoque', 'Disponível', 'Peso', 'Altura', 'Largura', 'Comprimento', 'Categoria', 'Marca', 'Caract: Cor', 'Caract: Tamanho']);
    const connector = await openSpreadsheetConnector(file);
    const read = await connector.readCatalog();
    expect(read.problems).toEqual([]);
    expect(read.counts.produtos).toBe(0);
  });
});

describe('workbooks as Excel saves them', () => {
  it('typed cells: Excel dates, numbers, booleans, a CPF that lost its leading zeros, formulas, rich text', async () => {
    const file = path.join(tmp.dir, 'tipos.xlsx');
    const wb = new ExcelJS.Workbook();
    const p = wb.addWorksheet('produtos');
    // A blank first row: the first non-blank row is the header; row numbers stay the sheet's own.
    p.addRow([]);
    p.addRow(['SKU', 'Nome', 'Preço', 'Estoque', 'Disponível', 'Peso']);
    p.addRow([123, { richText: [{ text: 'Taça ' }, { text: 'cristal', font: { bold: true } }] }, { formula: 'B1*2', result: 59.8 }, 4, false, 0.25]);
    const l = wb.addWorksheet('ListasCasamento');
    l.addRow(['Código', 'Nome', 'Noivos', 'Data do evento']);
    const row = l.addRow(['L1', 'Lista', 'Ana e Bia', new Date(Date.UTC(2027, 1, 14))]);
    row.getCell(4).numFmt = 'dd/mm/yyyy';
    const c = wb.addWorksheet('Clientes');
    c.addRow(['CPF', 'Nome']);
    c.addRow([191, 'Zeros à esquerda']);
    await wb.xlsx.writeFile(file);
    const connector = await openSpreadsheetConnector(file);
    const { catalog, problems } = await connector.readCatalog();
    expect(problems).toEqual([]);
    expect(catalog.products).toMatchObject([{ sku: '123', name: 'Taça cristal', price: 59.8, stock: 4, available: false, weight: 0.25 }]);
    expect(catalog.weddingLists).toMatchObject([{ key: 'L1', eventDate: '2027-02-14' }]);
    expect(catalog.customers).toMatchObject([{ document: '00000000191' }]);
  });

  it('orders written into the workbook keep the merchant\'s sheets and skip ids already there', async () => {
    const file = path.join(tmp.dir, 'pedidos.xlsx');
    await writeTemplate(file);
    const connector = await openSpreadsheetConnector(file);
    expect(await connector.writeOrders([order(1), order(2)])).toEqual({ written: 2, skipped: 0 });
    expect(await connector.writeOrders([order(2), order(1)])).toEqual({ written: 0, skipped: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('Pedidos')!.rowCount).toBe(3);
    expect(wb.getWorksheet('ItensPedido')!.rowCount).toBe(5);
    expect(wb.getWorksheet('Instruções')).toBeDefined();
    // The file as it was before Ponte's first write is kept (exceljs may drop charts on rewrite).
    const backup = new ExcelJS.Workbook();
    await backup.xlsx.readFile(path.join(tmp.dir, 'pedidos (cópia antes do Ponte).xlsx'));
    expect(backup.getWorksheet('Pedidos')!.rowCount).toBe(1);
    // And each rewrite is preceded by a dated copy in "Cópias do Ponte" (one write rewrote it here).
    const copies = await readdir(path.join(tmp.dir, 'Cópias do Ponte'));
    expect(copies.filter((f) => f.startsWith('pedidos ('))).toHaveLength(1);
  });

  it('a workbook locked by Excel when writing orders gets the locked-file message', async () => {
    const file = path.join(tmp.dir, 'travada.xlsx');
    await writeTemplate(file);
    const locked = Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
    const { promises: fsp } = await import('node:fs');
    const connector = await openSpreadsheetConnector(file, { io: { open: fsp.open, rename: () => Promise.reject(locked) } });
    await expect(connector.writeOrders([order(1)])).rejects.toThrow('travada.xlsx: o arquivo está aberto em outro programa (Excel?); feche-o e tente de novo');
    expect((await readdir(tmp.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('workbooks from other writers', () => {
  it('namespace prefixes, inline strings, absolute part paths, custom date formats, workbook.xml stored last', async () => {
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('xl/worksheets/dados.xml',
      `<?xml version="1.0"?><x:worksheet ${ns}><x:sheetData>` +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Cód. Referência</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Nome</x:t></x:is></x:c>' +
      '<x:c r="C1" t="inlineStr"><x:is><x:t>Valor</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>Saldo</x:t></x:is></x:c><x:c r="F1" t="inlineStr"><x:is><x:t>Ativo</x:t></x:is></x:c></x:row>' +
      '<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:r><x:t>X-</x:t></x:r><x:r><x:t>1</x:t></x:r></x:is></x:c><x:c r="B3" t="str"><x:f>CONCAT("a","b")</x:f><x:v>Jarra &amp; copo</x:v></x:c>' +
      '<x:c r="C3"><x:v>12.5</x:v></x:c><x:c r="D3" s="0"><x:v>3</x:v></x:c><x:c r="F3" t="b"><x:v>0</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>');
    zip.file('xl/worksheets/listas.xml',
      `<?xml version="1.0"?><x:worksheet ${ns}><x:sheetData>` +
      '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>Código</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Nome</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Noivos</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Data</x:t></x:is></x:c></x:row>' +
      '<x:row r="2"><x:c t="inlineStr"><x:is><x:t>L1</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Lista</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Ana e Bia</x:t></x:is></x:c><x:c s="1"><x:v>46432</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>');
    zip.file('xl/styles.xml', `<?xml version="1.0"?><x:styleSheet ${ns}><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></x:numFmts>` +
      '<x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>');
    zip.file('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rA" Type="worksheet" Target="/xl/worksheets/dados.xml"/><Relationship Id="rB" Type="worksheet" Target="worksheets/listas.xml"/></Relationships>');
    zip.file('xl/workbook.xml', `<?xml version="1.0"?><x:workbook ${ns}><x:sheets><x:sheet name="PRODUTOS" sheetId="1" r:id="rA"/><x:sheet name="Listas Casamento" sheetId="2" r:id="rB"/></x:sheets></x:workbook>`);
    const file = path.join(tmp.dir, 'outro-gerador.xlsx');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const connector = await openSpreadsheetConnector(file);
    const { catalog, problems } = await connector.readCatalog();
    expect(problems).toEqual([]);
    expect(catalog.products).toMatchObject([{ sku: 'X-1', name: 'Jarra & copo', price: 12.5, stock: 3, available: false }]);
    expect(catalog.weddingLists).toMatchObject([{ key: 'L1', couple: 'Ana e Bia', eventDate: '2027-02-14' }]);
  });
});
