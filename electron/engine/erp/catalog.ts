/**
 * Cross-row checks and assembly of the catalogue from the tables read: duplicate keys (every
 * occurrence refused: which one is right is the merchant's call), categories whose parent is
 * missing, products pointing at unknown categories, list items pointing at unknown SKUs or lists.
 */
import { normalizeHeader } from './parse.ts';
import { problemAt, recordOf, type RawRow, type TableResult } from './rows.ts';
import { t } from './messages.ts';
import type { EntityName } from './columns.ts';
import type { ErpCatalog, ErpCategory, ErpCustomer, ErpProblem, ErpProduct, ErpVariant, ErpWeddingList, ShippingUpdate } from './types.ts';

export type Tables = Partial<Record<EntityName, TableResult>>;

const str = (row: RawRow, field: string): string => {
  const v = row.values[field];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};
const num = (row: RawRow, field: string, fallback = 0): number => {
  const v = row.values[field];
  return typeof v === 'number' ? v : fallback;
};

/** Refuses every row whose key occurs more than once; returns the rows kept. */
const uniqueBy = (
  table: TableResult,
  rows: RawRow[],
  keyOf: (row: RawRow) => string,
  displayOf: (row: RawRow) => string,
  column: string,
  message: (key: string, rows: string) => string,
  problems: ErpProblem[],
): RawRow[] => {
  const groups = new Map<string, RawRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const kept: RawRow[] = [];
  for (const [key, group] of groups) {
    if (group.length === 1) {
      kept.push(group[0]!);
      continue;
    }
    const list = group.map((r) => r.row).join(', ');
    for (const row of group) problems.push(problemAt(table, row.row, column, message(displayOf(row) || key, list), recordOf(table.def, row)));
  }
  return kept.sort((a, b) => a.row - b.row);
};

const headerOf = (table: TableResult, field: string): string =>
  table.headers[field] ?? table.def.columns.find((c) => c.field === field)?.label ?? field;

export interface AssembledCatalog {
  catalog: ErpCatalog;
  problems: ErpProblem[];
  counts: Record<string, number>;
}

export const assembleCatalog = (tables: Tables): AssembledCatalog => {
  const problems: ErpProblem[] = [];
  for (const table of Object.values(tables)) if (table) problems.push(...table.problems);
  const counts: Record<string, number> = {};

  // ---- categories
  const categories: ErpCategory[] = [];
  const catTable = tables.categorias;
  if (catTable) {
    const rows = uniqueBy(catTable, catTable.rows, (r) => str(r, 'key').toUpperCase(), (r) => str(r, 'key'), headerOf(catTable, 'key'),
      (key, list) => t('row.duplicateKey', { key, rows: list }), problems);
    const byKey = new Map(rows.map((r) => [str(r, 'key').toUpperCase(), r]));
    // A parent may be given by its code or, as merchants often write it, by its name (when that
    // name is unique in the sheet: two "Acessórios" cannot be told apart).
    const byName = new Map<string, RawRow | null>();
    for (const r of rows) {
      const n = normalizeHeader(str(r, 'name'));
      byName.set(n, byName.has(n) ? null : r);
    }
    const parentRow = (text: string): RawRow | undefined => byKey.get(text.toUpperCase()) ?? byName.get(normalizeHeader(text)) ?? undefined;
    const parentKeyOf = (row: RawRow): string | null => {
      const text = str(row, 'parentKey');
      if (!text) return null;
      const parent = parentRow(text);
      return parent ? str(parent, 'key').toUpperCase() : `?${text}`;
    };
    // A category is usable when its chain of parents reaches the top through usable categories.
    const state = new Map<string, 'ok' | 'bad'>();
    const resolve = (key: string, seen: Set<string>): 'ok' | 'bad' | 'cycle' => {
      const known = state.get(key);
      if (known) return known;
      const row = byKey.get(key);
      if (!row) return 'bad';
      const parent = parentKeyOf(row);
      if (!parent) return 'ok';
      if (seen.has(parent)) return 'cycle';
      return resolve(parent, new Set([...seen, parent]));
    };
    for (const row of rows) {
      const key = str(row, 'key');
      const parent = str(row, 'parentKey');
      const outcome = resolve(key.toUpperCase(), new Set([key.toUpperCase()]));
      if (outcome === 'ok') {
        state.set(key.toUpperCase(), 'ok');
        const parentOf = parent ? parentRow(parent) : undefined;
        categories.push({ key, name: str(row, 'name'), parentKey: parentOf ? str(parentOf, 'key') : parent || null, order: num(row, 'order'), description: str(row, 'description') });
      } else {
        state.set(key.toUpperCase(), 'bad');
        const reason =
          outcome === 'cycle'
            ? t('row.parentCycle', { key })
            : parentRow(parent)
              ? t('row.parentRefused', { parent })
              : t('row.missingParent', { parent });
        problems.push(problemAt(catTable, row.row, headerOf(catTable, 'parentKey'), reason, recordOf(catTable.def, row)));
      }
    }
    counts.categorias = categories.length;
  }
  const categoryByKey = new Map(categories.map((c) => [c.key.toUpperCase(), c.key]));
  const categoryByName = new Map<string, string | null>();
  for (const c of categories) {
    const n = normalizeHeader(c.name);
    // Two categories with the same name cannot be told apart by name: only the code works then.
    categoryByName.set(n, categoryByName.has(n) ? null : c.key);
  }

  // A brand sheet with codes lets Produtos name a brand by its code; without codes the name is the key.
  const brandByKey = new Map<string, string>();
  for (const row of tables.marcas?.rows ?? []) {
    const key = str(row, 'key');
    if (key) brandByKey.set(key.toUpperCase(), str(row, 'name'));
  }

  // Characteristics the same way: Produtos may cite one by its code (with a Código column) or by
  // its name in any case; either way the store gets the name as the sheet writes it.
  const charByKey = new Map<string, string>();
  const charByName = new Map<string, string>();
  for (const row of tables.caracteristicas?.rows ?? []) {
    const key = str(row, 'key');
    const name = str(row, 'name');
    if (key && name) charByKey.set(key.toUpperCase(), name);
    if (name && !charByName.has(normalizeHeader(name))) charByName.set(normalizeHeader(name), name);
  }
  const characteristicsOf = (given: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(given).map(([k, v]) => [charByKey.get(k.toUpperCase()) ?? charByName.get(normalizeHeader(k)) ?? k, v]));

  // ---- products
  const products: ErpProduct[] = [];
  const prodTable = tables.produtos;
  if (prodTable) {
    const rows = uniqueBy(prodTable, prodTable.rows, (r) => str(r, 'sku'), (r) => str(r, 'sku'), headerOf(prodTable, 'sku'),
      (sku, list) => t('row.duplicateSku', { sku, rows: list }), problems);
    for (const row of rows) {
      const price = num(row, 'price');
      const promoRaw = row.values.promoPrice;
      const promo = typeof promoRaw === 'number' && promoRaw > 0 ? promoRaw : null;
      if (promo !== null && promo >= price) {
        problems.push(problemAt(prodTable, row.row, headerOf(prodTable, 'promoPrice'), t('value.promoNotLower', { promo: String(promo).replace('.', ','), price: String(price).replace('.', ',') }), recordOf(prodTable.def, row)));
        continue;
      }
      const categoryText = str(row, 'category');
      let categoryKey: string | null = null;
      if (categoryText) {
        categoryKey = categoryByKey.get(categoryText.toUpperCase()) ?? categoryByName.get(normalizeHeader(categoryText)) ?? null;
        if (categoryKey === null) {
          problems.push(problemAt(prodTable, row.row, headerOf(prodTable, 'category'), t('row.unknownCategory', { category: categoryText }), recordOf(prodTable.def, row)));
          continue;
        }
      }
      const available = row.values.available;
      products.push({
        sku: str(row, 'sku'),
        name: str(row, 'name'),
        description: str(row, 'description'),
        price,
        promoPrice: promo,
        stock: num(row, 'stock'),
        available: typeof available === 'boolean' ? available : true,
        weight: num(row, 'weight'),
        height: num(row, 'height'),
        width: num(row, 'width'),
        length: num(row, 'length'),
        categoryKey,
        brand: (brandByKey.get(str(row, 'brand').toUpperCase()) ?? str(row, 'brand')) || null,
        characteristics: characteristicsOf(row.characteristics),
      });
    }
    counts.produtos = products.length;
  }

  // ---- variants: each under a product of the Produtos sheet, with a SKU of its own
  const variants: ErpVariant[] = [];
  const varTable = tables.variacoes;
  if (varTable) {
    const productBySku = new Map(products.map((p) => [p.sku, p]));
    const productRows = new Map((prodTable?.rows ?? []).map((r) => [str(r, 'sku'), r.row]));
    const rows = uniqueBy(varTable, varTable.rows, (r) => str(r, 'sku'), (r) => str(r, 'sku'), headerOf(varTable, 'sku'),
      (sku, list) => t('row.duplicateSku', { sku, rows: list }), problems);
    for (const row of rows) {
      const sku = str(row, 'sku');
      const refuse = (field: string, reason: string) => problems.push(problemAt(varTable, row.row, headerOf(varTable, field), reason, recordOf(varTable.def, row)));
      const productRow = productRows.get(sku);
      if (productRow !== undefined) {
        refuse('sku', t('row.variantSkuIsProduct', { sku, row: String(productRow) }));
        continue;
      }
      const productSku = str(row, 'productSku');
      const product = productBySku.get(productSku);
      if (!product) {
        refuse('productSku', t('row.unknownSku', { sku: productSku }));
        continue;
      }
      const type2 = str(row, 'type2');
      const value2 = str(row, 'value2');
      if ((type2 === '') !== (value2 === '')) {
        refuse(type2 === '' ? 'type2' : 'value2', t('row.variantHalfOption'));
        continue;
      }
      const priceRaw = row.values.price;
      const price = typeof priceRaw === 'number' ? priceRaw : null;
      if (price !== null && price <= 0) {
        refuse('price', t('row.variantPrice'));
        continue;
      }
      const promoRaw = row.values.promoPrice;
      const promo = typeof promoRaw === 'number' && promoRaw > 0 ? promoRaw : null;
      const against = price ?? product.price;
      if (promo !== null && promo >= against) {
        refuse('promoPrice', t('value.promoNotLower', { promo: String(promo).replace('.', ','), price: String(against).replace('.', ',') }));
        continue;
      }
      const available = row.values.available;
      variants.push({
        sku,
        productSku,
        options: [
          { type: str(row, 'type1'), value: str(row, 'value1') },
          ...(type2 ? [{ type: type2, value: value2 }] : []),
        ],
        price,
        promoPrice: promo,
        stock: num(row, 'stock'),
        available: typeof available === 'boolean' ? available : true,
      });
    }
    counts.variacoes = variants.length;
  }

  // ---- brands and characteristics: the sheet's plus those used by products
  const brandNames = new Map<string, string>();
  const charNames = new Map<string, string>();
  const addName = (map: Map<string, string>, name: string) => {
    const key = normalizeHeader(name);
    if (key && !map.has(key)) map.set(key, name);
  };
  for (const row of tables.marcas?.rows ?? []) addName(brandNames, str(row, 'name'));
  for (const row of tables.caracteristicas?.rows ?? []) addName(charNames, str(row, 'name'));
  if (tables.marcas) counts.marcas = brandNames.size;
  if (tables.caracteristicas) counts.caracteristicas = charNames.size;
  for (const p of products) {
    if (p.brand) addName(brandNames, p.brand);
    for (const name of Object.keys(p.characteristics)) addName(charNames, name);
  }

  // ---- customers
  const customers: ErpCustomer[] = [];
  const custTable = tables.clientes;
  if (custTable) {
    const rows = uniqueBy(custTable, custTable.rows, (r) => str(r, 'document'), (r) => str(r, 'document'), headerOf(custTable, 'document'),
      (key, list) => t('row.duplicateDocument', { key, rows: list }), problems);
    for (const row of rows) {
      customers.push({
        document: str(row, 'document'),
        name: str(row, 'name'),
        email: str(row, 'email'),
        phone: str(row, 'phone'),
        rgIe: str(row, 'rgIe'),
        street: str(row, 'street'),
        number: str(row, 'number'),
        complement: str(row, 'complement'),
        district: str(row, 'district'),
        city: str(row, 'city'),
        uf: str(row, 'uf').toUpperCase(),
        cep: str(row, 'cep').replace(/\D/g, ''),
      });
    }
    counts.clientes = customers.length;
  }

  // ---- wedding lists and their items
  const weddingLists: ErpWeddingList[] = [];
  const listTable = tables.listascasamento;
  if (listTable) {
    const rows = uniqueBy(listTable, listTable.rows, (r) => str(r, 'key').toUpperCase(), (r) => str(r, 'key'), headerOf(listTable, 'key'),
      (key, list) => t('row.duplicateKey', { key, rows: list }), problems);
    for (const row of rows) {
      weddingLists.push({ key: str(row, 'key'), name: str(row, 'name'), couple: str(row, 'couple'), eventDate: str(row, 'eventDate'), email: str(row, 'email'), items: [] });
    }
    counts.listascasamento = weddingLists.length;
  }
  const itemTable = tables.itenslistas;
  if (itemTable) {
    const listByKey = new Map(weddingLists.map((l) => [l.key.toUpperCase(), l]));
    const skus = new Set(products.map((p) => p.sku));
    let valid = 0;
    for (const row of itemTable.rows) {
      const list = listByKey.get(str(row, 'list').toUpperCase());
      const sku = str(row, 'sku');
      if (!list) problems.push(problemAt(itemTable, row.row, headerOf(itemTable, 'list'), t('row.unknownList', { list: str(row, 'list') }), recordOf(itemTable.def, row)));
      else if (!skus.has(sku)) problems.push(problemAt(itemTable, row.row, headerOf(itemTable, 'sku'), t('row.unknownSku', { sku }), recordOf(itemTable.def, row)));
      else {
        const existing = list.items.find((i) => i.sku === sku);
        if (existing) existing.quantity += num(row, 'quantity');
        else list.items.push({ sku, quantity: num(row, 'quantity') });
        valid += 1;
      }
    }
    counts.itenslistas = valid;
  }

  problems.sort(compareProblems);
  const orderedCounts = Object.fromEntries(ENTITY_ORDER.filter((e) => e in counts).map((e) => [e, counts[e]!]));
  return {
    catalog: {
      categories,
      brands: [...brandNames.values()].map((name) => ({ name })),
      characteristics: [...charNames.values()].map((name) => ({ name })),
      products,
      variants,
      customers,
      weddingLists,
    },
    problems,
    counts: orderedCounts,
  };
};

const ENTITY_ORDER = ['produtos', 'variacoes', 'categorias', 'marcas', 'caracteristicas', 'clientes', 'listascasamento', 'itenslistas', 'rastreios'];
export const compareProblems = (a: ErpProblem, b: ErpProblem): number =>
  ENTITY_ORDER.indexOf(a.entity) - ENTITY_ORDER.indexOf(b.entity) || (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').localeCompare(b.column ?? '');

export const assembleShipping = (table: TableResult | undefined): { rows: ShippingUpdate[]; problems: ErpProblem[] } => {
  if (!table) return { rows: [], problems: [] };
  const rows: ShippingUpdate[] = [];
  // The last line for an order wins: merchants append corrections at the bottom.
  const byOrder = new Map<number, ShippingUpdate>();
  for (const row of table.rows) {
    const orderId = num(row, 'orderId');
    const status = row.values.status;
    byOrder.set(orderId, {
      orderId,
      trackingCode: str(row, 'trackingCode').toUpperCase().replace(/\s/g, '') || null,
      shippedAt: str(row, 'shippedAt') || null,
      trackingUrl: str(row, 'trackingUrl') || null,
      status: typeof status === 'string' ? (status as ShippingUpdate['status']) : null,
    });
  }
  rows.push(...byOrder.values());
  return { rows, problems: [...table.problems].sort(compareProblems) };
};
