/**
 * An `ErpCatalog` written out as each kind of source the connectors read: a workbook, a CSV
 * folder, an SQLite ERP database with its mapping file. Used by the demo's sample ERP, the
 * benchmark and tests (so a round trip compares like with like).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { formatDateBr, formatDecimalBr } from './parse.ts';
import { ITEM_HEADERS, ORDER_HEADERS } from './orders-table.ts';
import { ITEMS_SHEET, ORDERS_SHEET } from './spreadsheet.ts';
import type { SqlMapping } from './sql.ts';
import type { ErpCatalog, ShippingUpdate } from './types.ts';

type Row = Array<string | number | boolean | Date | null>;
interface Sheet {
  sheet: string;
  csv: string;
  headers: string[];
  rows: Row[];
}

const STATUS_LABEL: Record<string, string> = {
  aguardando_pagamento: 'Aguardando pagamento',
  pago: 'Pago',
  em_separacao: 'Em separação',
  enviado: 'Enviado',
  entregue: 'Entregue',
  cancelado: 'Cancelado',
};

export const catalogSheets = (catalog: ErpCatalog, shipping: readonly ShippingUpdate[] = []): Sheet[] => {
  const charNames = catalog.characteristics.map((c) => c.name);
  return [
    {
      sheet: 'Produtos',
      csv: 'produtos.csv',
      headers: ['SKU', 'Nome', 'Descrição', 'Preço', 'Preço promocional', 'Estoque', 'Disponível', 'Peso', 'Altura', 'Largura', 'Comprimento', 'Categoria', 'Marca', ...charNames.map((n) => `Caract: ${n}`)],
      rows: catalog.products.map((p) => [
        p.sku, p.name, p.description, p.price, p.promoPrice, p.stock, p.available ? 'Sim' : 'Não', p.weight, p.height, p.width, p.length,
        p.categoryKey, p.brand, ...charNames.map((n) => p.characteristics[n] ?? null),
      ]),
    },
    {
      sheet: 'Variações',
      csv: 'variacoes.csv',
      headers: ['SKU', 'SKU do produto', 'Variação 1', 'Valor 1', 'Variação 2', 'Valor 2', 'Preço', 'Preço promocional', 'Estoque', 'Disponível'],
      rows: catalog.variants.map((v) => [
        v.sku, v.productSku, v.options[0]?.type ?? null, v.options[0]?.value ?? null, v.options[1]?.type ?? null, v.options[1]?.value ?? null,
        v.price, v.promoPrice, v.stock, v.available ? 'Sim' : 'Não',
      ]),
    },
    {
      sheet: 'Categorias',
      csv: 'categorias.csv',
      headers: ['Código', 'Nome', 'Categoria pai', 'Ordem', 'Descrição'],
      rows: catalog.categories.map((c) => [c.key, c.name, c.parentKey, c.order, c.description]),
    },
    { sheet: 'Marcas', csv: 'marcas.csv', headers: ['Marca'], rows: catalog.brands.map((b) => [b.name]) },
    { sheet: 'Caracteristicas', csv: 'caracteristicas.csv', headers: ['Característica'], rows: charNames.map((n) => [n]) },
    {
      sheet: 'Clientes',
      csv: 'clientes.csv',
      headers: ['CPF/CNPJ', 'Nome', 'E-mail', 'Telefone', 'RG/IE', 'Endereço', 'Número', 'Complemento', 'Bairro', 'Cidade', 'UF', 'CEP'],
      rows: catalog.customers.map((c) => [c.document, c.name, c.email, c.phone, c.rgIe, c.street, c.number, c.complement, c.district, c.city, c.uf, c.cep]),
    },
    {
      sheet: 'ListasCasamento',
      csv: 'listascasamento.csv',
      headers: ['Código', 'Nome', 'Noivos', 'Data do evento', 'E-mail'],
      rows: catalog.weddingLists.map((l) => [l.key, l.name, l.couple, formatDateBr(l.eventDate), l.email]),
    },
    {
      sheet: 'ItensListas',
      csv: 'itenslistas.csv',
      headers: ['Lista', 'SKU', 'Quantidade'],
      rows: catalog.weddingLists.flatMap((l) => l.items.map((i) => [l.key, i.sku, i.quantity])),
    },
    {
      sheet: 'Rastreios',
      csv: 'rastreios.csv',
      headers: ['Pedido', 'Código de rastreio', 'Data de envio', 'Link de rastreio', 'Status'],
      rows: shipping.map((s) => [s.orderId, s.trackingCode, formatDateBr(s.shippedAt), s.trackingUrl, s.status ? STATUS_LABEL[s.status] ?? s.status : null]),
    },
  ];
};

/** Streams the workbook out (a 50,000-product catalogue never sits in memory as a model). */
export const writeCatalogWorkbook = async (file: string, catalog: ErpCatalog, shipping: readonly ShippingUpdate[] = []): Promise<void> => {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  for (const { sheet, headers, rows } of catalogSheets(catalog, shipping)) {
    const ws = workbook.addWorksheet(sheet);
    ws.addRow(headers).commit();
    for (const row of rows) ws.addRow(row.map((c) => c ?? null)).commit();
    ws.commit();
  }
  for (const [name, headers] of [[ORDERS_SHEET, ORDER_HEADERS], [ITEMS_SHEET, ITEM_HEADERS]] as const) {
    const ws = workbook.addWorksheet(name);
    ws.addRow([...headers]).commit();
    ws.commit();
  }
  await workbook.commit();
};

const csvCell = (cell: Row[number]): string =>
  cell === null ? '' : typeof cell === 'number' ? (Number.isInteger(cell) ? String(cell) : formatDecimalBr(cell)) : cell instanceof Date ? formatDateBr(cell.toISOString()) : String(cell);

/** One UTF-8 (BOM) `;` file per sheet, as Excel in Brazil saves them. */
export const writeCatalogCsvFolder = async (folder: string, catalog: ErpCatalog, shipping: readonly ShippingUpdate[] = []): Promise<void> => {
  await fsp.mkdir(folder, { recursive: true });
  for (const { csv, headers, rows } of catalogSheets(catalog, shipping)) {
    const text = stringifyCsv([headers, ...rows.map((r) => r.map(csvCell))], { delimiter: ';', record_delimiter: '\r\n' });
    await fsp.writeFile(path.join(folder, csv), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  }
};

// ---------------------------------------------------------------------------------------------
// A small SQLite ERP (Portuguese table names, as Brazilian ERPs have them) and its mapping.

export const SAMPLE_ERP_SCHEMA = `
CREATE TABLE categorias (codigo TEXT PRIMARY KEY, nome TEXT NOT NULL, codigo_pai TEXT, ordem INTEGER NOT NULL DEFAULT 0, descricao TEXT NOT NULL DEFAULT '');
CREATE TABLE marcas (nome TEXT PRIMARY KEY);
CREATE TABLE caracteristicas (nome TEXT PRIMARY KEY);
CREATE TABLE produtos (
  cod_prod TEXT PRIMARY KEY, descricao_curta TEXT NOT NULL, descricao TEXT NOT NULL DEFAULT '',
  preco_venda REAL NOT NULL, preco_promo REAL, estoque INTEGER NOT NULL, ativo INTEGER NOT NULL DEFAULT 1,
  peso REAL NOT NULL DEFAULT 0, altura REAL NOT NULL DEFAULT 0, largura REAL NOT NULL DEFAULT 0, comprimento REAL NOT NULL DEFAULT 0,
  cod_categoria TEXT, marca TEXT);
CREATE TABLE produto_caracteristicas (cod_prod TEXT NOT NULL, nome TEXT NOT NULL, valor TEXT NOT NULL, PRIMARY KEY (cod_prod, nome));
CREATE TABLE produto_variacoes (cod_variacao TEXT PRIMARY KEY, cod_prod TEXT NOT NULL, tipo1 TEXT NOT NULL, valor1 TEXT NOT NULL, tipo2 TEXT, valor2 TEXT,
  preco REAL, preco_promo REAL, estoque INTEGER NOT NULL, ativo INTEGER NOT NULL DEFAULT 1);
CREATE TABLE clientes (cpf_cnpj TEXT PRIMARY KEY, nome TEXT NOT NULL, email TEXT, fone TEXT, rg_ie TEXT, logradouro TEXT, numero TEXT,
  complemento TEXT, bairro TEXT, cidade TEXT, uf TEXT, cep TEXT);
CREATE TABLE listas (codigo TEXT PRIMARY KEY, nome TEXT NOT NULL, noivos TEXT NOT NULL, data_evento TEXT NOT NULL, email TEXT);
CREATE TABLE lista_itens (codigo_lista TEXT NOT NULL, cod_prod TEXT NOT NULL, qtd INTEGER NOT NULL, PRIMARY KEY (codigo_lista, cod_prod));
CREATE TABLE pedidos (
  id_tray INTEGER PRIMARY KEY, numero TEXT, data TEXT, status TEXT, cliente TEXT, cpf_cnpj TEXT, email TEXT, telefone TEXT,
  endereco TEXT, numero_end TEXT, complemento TEXT, bairro TEXT, cidade TEXT, uf TEXT, cep TEXT,
  subtotal REAL, frete REAL, desconto REAL, total REAL, pagamento TEXT, parcelas INTEGER, envio TEXT, observacoes TEXT,
  rastreio TEXT, data_envio TEXT, link_rastreio TEXT, status_desejado TEXT);
CREATE TABLE pedido_itens (id_tray INTEGER NOT NULL, linha INTEGER NOT NULL, cod_prod TEXT, descricao TEXT, qtd INTEGER, preco REAL, total REAL,
  PRIMARY KEY (id_tray, linha));
`;

export const sampleErpMapping = (databaseFile: string): SqlMapping => ({
  database: { driver: 'sqlite', path: databaseFile },
  read: {
    categories: 'SELECT codigo AS key, nome AS name, codigo_pai AS parent_key, ordem AS "order", descricao AS description FROM categorias ORDER BY ordem, codigo',
    brands: 'SELECT nome AS name FROM marcas ORDER BY nome',
    characteristics: 'SELECT nome AS name FROM caracteristicas ORDER BY nome',
    products:
      "SELECT p.cod_prod AS sku, p.descricao_curta AS name, p.descricao AS description, p.preco_venda AS price, p.preco_promo AS promo_price, " +
      'p.estoque AS stock, p.ativo AS available, p.peso AS weight, p.altura AS height, p.largura AS width, p.comprimento AS length, ' +
      'p.cod_categoria AS category, p.marca AS brand, ' +
      "(SELECT group_concat(c.nome || '=' || c.valor, '|') FROM produto_caracteristicas c WHERE c.cod_prod = p.cod_prod) AS characteristics " +
      'FROM produtos p ORDER BY p.cod_prod',
    variants:
      'SELECT cod_variacao AS sku, cod_prod AS product_sku, tipo1 AS type_1, valor1 AS value_1, tipo2 AS type_2, valor2 AS value_2, ' +
      'preco AS price, preco_promo AS promo_price, estoque AS stock, ativo AS available FROM produto_variacoes ORDER BY cod_variacao',
    customers:
      'SELECT cpf_cnpj AS document, nome AS name, email, fone AS phone, rg_ie, logradouro AS street, numero AS number, complemento AS complement, ' +
      'bairro AS district, cidade AS city, uf, cep FROM clientes ORDER BY nome',
    weddingLists: 'SELECT codigo AS key, nome AS name, noivos AS couple, data_evento AS event_date, email FROM listas ORDER BY codigo',
    weddingListItems: 'SELECT codigo_lista AS list_key, cod_prod AS sku, qtd AS quantity FROM lista_itens ORDER BY codigo_lista, cod_prod',
    shippingUpdates:
      'SELECT id_tray AS order_id, rastreio AS tracking_code, data_envio AS shipped_at, link_rastreio AS tracking_url, status_desejado AS status ' +
      'FROM pedidos WHERE rastreio IS NOT NULL OR status_desejado IS NOT NULL ORDER BY id_tray',
  },
  write: {
    order:
      'INSERT INTO pedidos (id_tray, numero, data, status, cliente, cpf_cnpj, email, telefone, endereco, numero_end, complemento, bairro, cidade, uf, cep, ' +
      'subtotal, frete, desconto, total, pagamento, parcelas, envio, observacoes) VALUES (:id, :number, :date, :status, :customerName, :customerDocument, ' +
      ':customerEmail, :customerPhone, :street, :addressNumber, :complement, :district, :city, :uf, :cep, :subtotal, :shipping, :discount, :total, ' +
      ':paymentMethod, :installments, :shippingMethod, :notes) ON CONFLICT (id_tray) DO NOTHING',
    orderItem:
      'INSERT INTO pedido_itens (id_tray, linha, cod_prod, descricao, qtd, preco, total) VALUES (:orderId, :line, :sku, :name, :quantity, :price, :total) ' +
      'ON CONFLICT (id_tray, linha) DO NOTHING',
  },
});

/** Writes `erp.sqlite` and `mapeamento.json` into `folder`; returns the mapping file's path. */
export const writeCatalogSqlite = async (folder: string, catalog: ErpCatalog, shipping: readonly ShippingUpdate[] = []): Promise<string> => {
  await fsp.mkdir(folder, { recursive: true });
  const dbFile = path.join(folder, 'erp.sqlite');
  await fsp.rm(dbFile, { force: true });
  const db = new Database(dbFile);
  try {
    db.exec(SAMPLE_ERP_SCHEMA);
    db.transaction(() => {
      const cat = db.prepare('INSERT INTO categorias VALUES (?, ?, ?, ?, ?)');
      for (const c of catalog.categories) cat.run(c.key, c.name, c.parentKey, c.order, c.description);
      const brand = db.prepare('INSERT INTO marcas VALUES (?)');
      for (const b of catalog.brands) brand.run(b.name);
      const ch = db.prepare('INSERT INTO caracteristicas VALUES (?)');
      for (const c of catalog.characteristics) ch.run(c.name);
      const prod = db.prepare('INSERT INTO produtos VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const pc = db.prepare('INSERT INTO produto_caracteristicas VALUES (?, ?, ?)');
      for (const p of catalog.products) {
        prod.run(p.sku, p.name, p.description, p.price, p.promoPrice, p.stock, p.available ? 1 : 0, p.weight, p.height, p.width, p.length, p.categoryKey, p.brand);
        for (const [name, value] of Object.entries(p.characteristics)) pc.run(p.sku, name, value);
      }
      const variant = db.prepare('INSERT INTO produto_variacoes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const v of catalog.variants) {
        variant.run(v.sku, v.productSku, v.options[0]?.type, v.options[0]?.value, v.options[1]?.type ?? null, v.options[1]?.value ?? null, v.price, v.promoPrice, v.stock, v.available ? 1 : 0);
      }
      const cust = db.prepare('INSERT INTO clientes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const c of catalog.customers) cust.run(c.document, c.name, c.email, c.phone, c.rgIe, c.street, c.number, c.complement, c.district, c.city, c.uf, c.cep);
      const list = db.prepare('INSERT INTO listas VALUES (?, ?, ?, ?, ?)');
      const item = db.prepare('INSERT INTO lista_itens VALUES (?, ?, ?)');
      for (const l of catalog.weddingLists) {
        list.run(l.key, l.name, l.couple, l.eventDate, l.email);
        for (const i of l.items) item.run(l.key, i.sku, i.quantity);
      }
      const ship = db.prepare('INSERT INTO pedidos (id_tray, rastreio, data_envio, link_rastreio, status_desejado) VALUES (?, ?, ?, ?, ?)');
      for (const s of shipping) ship.run(s.orderId, s.trackingCode, s.shippedAt, s.trackingUrl, s.status);
    })();
  } finally {
    db.close();
  }
  const mappingFile = path.join(folder, 'mapeamento.json');
  await fsp.writeFile(mappingFile, `${JSON.stringify(sampleErpMapping('erp.sqlite'), null, 2)}\n`);
  return mappingFile;
};
