/**
 * Orders as pulled from the store: the header (with customer and delivery address) on one row,
 * items and installments in their own tables, and a folded `search` column for the text filter.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { OrderDetail, OrderQuery, OrderRow, OutboxState } from '../../../shared/api/contract.ts';
import type { Address, Customer, Installment, OrderItem, Order, Tracking } from '../store-port/domain.ts';
import { parseStoredJson } from './json.ts';
import { orderSearch } from './migrations.ts';
import { containsPattern, searchTerms } from './text.ts';
import { StoreOrderRecordSchema, type StoreOrderRecord } from '../../../shared/api/store-fields.ts';

/** What the pull stores: the detail's fields (the order list and detail read them as stored) and the count of installments. */
export type PulledOrder = Omit<OrderDetail, 'pushes' | 'pushState' | 'exportedAt'> & {
  modifiedAt: string;
  pulledAt?: string;
  /** How many installments the shopper chose; REST tells the count without the installments. */
  installmentCount: number;
};

/**
 * An order as Ponte keeps it, in the engine's own terms (store-port/domain.ts), for what leaves
 * Ponte for the merchant's systems: the ERP and the export files read this, never the UI's
 * `OrderDetail`, so a change to the screens does not change what an ERP receives.
 */
export interface KeptOrder {
  id: Order['id'];
  number: Order['number'];
  placedAt: Order['placedAt'];
  modifiedAt: Order['modifiedAt'];
  status: Order['status'];
  subtotal: number;
  shipping: number;
  discount: number;
  total: number;
  paymentMethod: string;
  shippingMethod: string;
  notes: string;
  tracking: Tracking | null;
  /** The SKU is the ERP's for a variant Ponte bound (see ITEM_SKU), else the one the store sent. */
  items: OrderItem[];
  customer: Customer;
  deliveryAddress: Omit<Address, 'recipient'>;
  /** Null for an order kept before Ponte stored the count and without installments (not known). */
  installmentCount: number | null;
  /** The installments as the store told them; none where it tells the count only (REST). */
  installments: Installment[];
  /** When Ponte first exported it (ERP or file); null while it waits for the export. */
  exportedAt: string | null;
}

export interface OrderTrackingFields {
  trackingCode?: string;
  shippedAt?: string;
  trackingUrl?: string;
  statusId?: number;
  statusName?: string;
}

/** Our own JSON read back: a damaged one is left out rather than failing the order's detail. */
const storeRecordField = (text: string | null | undefined): { storeRecord?: StoreOrderRecord } => {
  const storeRecord = parseStoredJson(StoreOrderRecordSchema, text);
  return storeRecord ? { storeRecord } : {};
};

/**
 * An item's SKU as Ponte's other side knows it (`i` is order_items). A variant Ponte created or
 * adopted in the store has a binding from its store id to the ERP's SKU: that one, so the stock
 * reserved and the item exported are the variant's even where the store's `reference` is the
 * product's (Tray does not document which one REST sends). Otherwise the store's own SKU. At most
 * one binding per variant (bindings_tray_id), found through bindings_variant_tray_id.
 */
const ITEM_SKU = `COALESCE((SELECT b.key FROM bindings b WHERE b.entity = 'variacao' AND b.tray_id = i.variant_id), i.sku)`;

interface OrderDbRow {
  store_record?: string | null;
  id: number;
  number: string;
  date: string;
  status_id: number;
  status_name: string;
  total: number;
  subtotal: number;
  shipping: number;
  discount: number;
  payment_method: string;
  shipping_method: string;
  notes: string;
  tracking_code: string | null;
  shipped_at: string | null;
  tracking_url: string | null;
  customer_id: number;
  customer_name: string;
  customer_document: string;
  customer_email: string;
  customer_phone: string;
  address_street: string;
  address_number: string;
  address_complement: string;
  address_district: string;
  city: string;
  uf: string;
  cep: string;
  exported_at: string | null;
  installment_count: number | null;
  modified_at: string;
  content_hash: string;
  push_state: OutboxState | null;
}

const ROW_COLUMNS = `o.id, o.number, o.date, o.customer_name, o.city, o.uf, o.total, o.status_id, o.status_name,
  o.tracking_code, o.exported_at,
  (SELECT state FROM outbox x WHERE x.order_id = o.id ORDER BY x.id DESC LIMIT 1) AS push_state`;

const toRow = (r: OrderDbRow): OrderRow => ({
  id: r.id,
  number: r.number,
  date: r.date,
  customerName: r.customer_name,
  city: r.city,
  uf: r.uf,
  total: r.total,
  statusId: r.status_id,
  statusName: r.status_name,
  trackingCode: r.tracking_code,
  exportedAt: r.exported_at,
  pushState: r.push_state,
});

/** JSON with object keys sorted, so the hash does not depend on how the mapper ordered them. */
const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
};

/** Hash of what the store said about the order (not when we read it): equal hash, nothing to write. */
/** What an order's list entry tells about it, as stored: enough to know it has not changed since. */
export interface StoredOrderHeader {
  modifiedAt: string;
  statusId: number;
  statusName: string;
  total: number;
  subtotal: number;
  shipping: number;
  discount: number;
  trackingCode: string | null;
}

export const orderContentHash = (o: PulledOrder): string => {
  const { pulledAt: _pulledAt, ...content } = o;
  return createHash('sha256').update(canonical(content)).digest('hex');
};

const DOCUMENT_TYPED = /^(\d{3}\.\d{3}\.\d{3}-\d{2}|[0-9a-z]{2}\.[0-9a-z]{3}\.[0-9a-z]{3}\/[0-9a-z]{4}-\d{2})$/;

/** The day after an ISO date, for an inclusive `to` over local date-times ("2026-11-29T23:59:59"). */
const nextDay = (isoDate: string): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export const createOrderStore = (db: Database.Database, now: () => Date, pushesOf: (orderId: number) => OrderDetail['pushes']) => {
  const s = {
    hashOf: db.prepare<[number], { content_hash: string }>('SELECT content_hash FROM orders WHERE id = ?'),
    header: db.prepare<[number], { modified_at: string; status_id: number; status_name: string; total: number; subtotal: number; shipping: number; discount: number; tracking_code: string | null }>(
      'SELECT modified_at, status_id, status_name, total, subtotal, shipping, discount, tracking_code FROM orders WHERE id = ?',
    ),
    insert: db.prepare(`INSERT INTO orders (id, number, date, modified_at, pulled_at, content_hash, status_id, status_name, total,
      subtotal, shipping, discount, payment_method, shipping_method, notes, tracking_code, shipped_at, tracking_url, customer_id,
      customer_name, customer_document, customer_email, customer_phone, address_street, address_number, address_complement,
      address_district, city, uf, cep, search, store_record, installment_count)
      VALUES (@id, @number, @date, @modified_at, @pulled_at, @content_hash, @status_id, @status_name, @total, @subtotal, @shipping,
      @discount, @payment_method, @shipping_method, @notes, @tracking_code, @shipped_at, @tracking_url, @customer_id, @customer_name,
      @customer_document, @customer_email, @customer_phone, @address_street, @address_number, @address_complement, @address_district,
      @city, @uf, @cep, @search, @store_record, @installment_count)`),
    // exported_at is ours, never the store's: an update keeps it. Tracking fields the store returns
    // empty keep our value (a tracking push may still be on its way).
    update: db.prepare(`UPDATE orders SET number = @number, date = @date, modified_at = @modified_at, pulled_at = @pulled_at,
      content_hash = @content_hash, status_id = @status_id, status_name = @status_name, total = @total, subtotal = @subtotal,
      shipping = @shipping, discount = @discount, payment_method = @payment_method, shipping_method = @shipping_method, notes = @notes,
      tracking_code = COALESCE(@tracking_code, tracking_code), shipped_at = COALESCE(@shipped_at, shipped_at),
      tracking_url = COALESCE(@tracking_url, tracking_url), customer_id = @customer_id, customer_name = @customer_name,
      customer_document = @customer_document, customer_email = @customer_email, customer_phone = @customer_phone,
      address_street = @address_street, address_number = @address_number, address_complement = @address_complement,
      address_district = @address_district, city = @city, uf = @uf, cep = @cep, store_record = @store_record,
      installment_count = @installment_count WHERE id = @id`),
    deleteItems: db.prepare('DELETE FROM order_items WHERE order_id = ?'),
    deleteInstallments: db.prepare('DELETE FROM order_installments WHERE order_id = ?'),
    insertItem: db.prepare('INSERT INTO order_items (order_id, position, product_id, variant_id, sku, name, quantity, price) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    insertInstallment: db.prepare('INSERT OR REPLACE INTO order_installments (order_id, number, amount, due_date, method) VALUES (?, ?, ?, ?, ?)'),
    searchFields: db.prepare<[number], { number: string; customer_name: string; city: string; customer_email: string; customer_document: string; tracking_code: string | null; search: string }>(
      'SELECT number, customer_name, city, customer_email, customer_document, tracking_code, search FROM orders WHERE id = ?',
    ),
    setSearch: db.prepare('UPDATE orders SET search = ? WHERE id = ?'),
    detail: db.prepare<[number], OrderDbRow>(`SELECT o.*, (SELECT state FROM outbox x WHERE x.order_id = o.id ORDER BY x.id DESC LIMIT 1) AS push_state FROM orders o WHERE o.id = ?`),
    items: db.prepare<[number], { product_id: number; variant_id: number | null; sku: string; name: string; quantity: number; price: number }>(
      `SELECT product_id, variant_id, ${ITEM_SKU} AS sku, name, quantity, price FROM order_items i WHERE order_id = ? ORDER BY position`,
    ),
    installments: db.prepare<[number], { number: number; amount: number; due_date: string; method: string }>(
      'SELECT number, amount, due_date, method FROM order_installments WHERE order_id = ? ORDER BY number',
    ),
    notExportedIds: db.prepare<[number], { id: number }>('SELECT id FROM orders WHERE exported_at IS NULL ORDER BY date, id LIMIT ?'),
    markExported: db.prepare('UPDATE orders SET exported_at = ? WHERE id = ?'),
    setTracking: db.prepare(`UPDATE orders SET tracking_code = COALESCE(@trackingCode, tracking_code), shipped_at = COALESCE(@shippedAt, shipped_at),
      tracking_url = COALESCE(@trackingUrl, tracking_url), status_id = COALESCE(@statusId, status_id), status_name = COALESCE(@statusName, status_name)
      WHERE id = @id`),
    counts: db.prepare<[], { orders: number; notExported: number; noTracking: number }>(`SELECT
      (SELECT COUNT(*) FROM orders) AS orders,
      (SELECT COUNT(*) FROM orders WHERE exported_at IS NULL) AS notExported,
      (SELECT COUNT(*) FROM orders WHERE tracking_code IS NULL) AS noTracking`),
  };
  // Query shapes vary with the filters chosen; each shape is prepared once.
  const queryCache = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let st = queryCache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      queryCache.set(sql, st);
    }
    return st;
  };

  const refreshSearch = (id: number) => {
    const f = s.searchFields.get(id);
    if (!f) return;
    const search = orderSearch(f);
    if (search !== f.search) s.setSearch.run(search, id);
  };

  const upsertOrder = db.transaction((o: PulledOrder): 'created' | 'updated' | 'unchanged' => {
    const hash = orderContentHash(o);
    const existing = s.hashOf.get(o.id);
    if (existing?.content_hash === hash) return 'unchanged';
    const row = {
      id: o.id,
      number: o.number,
      date: o.date,
      modified_at: o.modifiedAt,
      pulled_at: o.pulledAt ?? now().toISOString(),
      content_hash: hash,
      status_id: o.statusId,
      status_name: o.statusName,
      total: o.total,
      subtotal: o.subtotal,
      shipping: o.shipping,
      discount: o.discount,
      payment_method: o.paymentMethod,
      shipping_method: o.shippingMethod,
      notes: o.notes,
      tracking_code: o.trackingCode || null,
      shipped_at: o.shippedAt || null,
      tracking_url: o.trackingUrl || null,
      customer_id: o.customer.id,
      customer_name: o.customerName || o.customer.name,
      customer_document: o.customer.document,
      customer_email: o.customer.email,
      customer_phone: o.customer.phone,
      address_street: o.address.street,
      address_number: o.address.number,
      address_complement: o.address.complement,
      address_district: o.address.district,
      city: o.city || o.address.city,
      uf: o.uf || o.address.uf,
      cep: o.address.cep,
      search: '',
      store_record: o.storeRecord ? JSON.stringify(o.storeRecord) : null,
      installment_count: o.installmentCount,
    };
    if (existing) {
      s.update.run(row);
      s.deleteItems.run(o.id);
      s.deleteInstallments.run(o.id);
    } else {
      row.search = orderSearch(row);
      s.insert.run(row);
    }
    o.items.forEach((i, position) => s.insertItem.run(o.id, position, i.productId, i.variantId, i.sku, i.name, i.quantity, i.price));
    for (const p of o.installments) s.insertInstallment.run(o.id, p.number, p.amount, p.dueDate, p.method);
    if (existing) refreshSearch(o.id);
    return existing ? 'updated' : 'created';
  });

  // The detail (screens) and the kept order (ERP, files) read the same rows.
  const itemsOf = (id: number) => s.items.all(id).map((i) => ({ productId: i.product_id, variantId: i.variant_id, sku: i.sku, name: i.name, quantity: i.quantity, price: i.price }));
  const installmentsOf = (id: number) => s.installments.all(id).map((p) => ({ number: p.number, amount: p.amount, dueDate: p.due_date, method: p.method }));
  const customerOf = (r: OrderDbRow) => ({ id: r.customer_id, name: r.customer_name, document: r.customer_document, email: r.customer_email, phone: r.customer_phone });
  const addressOf = (r: OrderDbRow) => ({
    street: r.address_street,
    number: r.address_number,
    complement: r.address_complement,
    district: r.address_district,
    city: r.city,
    uf: r.uf,
    cep: r.cep,
  });

  const getOrder = (id: number): OrderDetail | null => {
    const r = s.detail.get(id);
    if (!r) return null;
    return {
      ...toRow(r),
      subtotal: r.subtotal,
      shipping: r.shipping,
      discount: r.discount,
      paymentMethod: r.payment_method,
      shippingMethod: r.shipping_method,
      shippedAt: r.shipped_at,
      trackingUrl: r.tracking_url,
      notes: r.notes,
      items: itemsOf(id),
      customer: customerOf(r),
      address: addressOf(r),
      installments: installmentsOf(id),
      pushes: pushesOf(id),
      ...storeRecordField(r.store_record),
    };
  };

  const getKeptOrder = (id: number): KeptOrder | null => {
    const r = s.detail.get(id);
    if (!r) return null;
    return {
      id: r.id,
      number: r.number,
      placedAt: r.date,
      modifiedAt: r.modified_at,
      status: { id: r.status_id, name: r.status_name },
      subtotal: r.subtotal,
      shipping: r.shipping,
      discount: r.discount,
      total: r.total,
      paymentMethod: r.payment_method,
      shippingMethod: r.shipping_method,
      notes: r.notes,
      tracking: r.tracking_code === null ? null : { code: r.tracking_code, shippedAt: r.shipped_at, url: r.tracking_url },
      items: itemsOf(id),
      customer: customerOf(r),
      deliveryAddress: addressOf(r),
      installmentCount: r.installment_count,
      installments: installmentsOf(id),
      exportedAt: r.exported_at,
    };
  };

  const queryOrders = (q: OrderQuery): { rows: OrderRow[]; total: number } => {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (q.statusIds !== undefined) {
      if (q.statusIds.length === 0) return { rows: [], total: 0 };
      where.push(`o.status_id IN (${q.statusIds.map(() => '?').join(', ')})`);
      params.push(...q.statusIds);
    }
    if (q.from) {
      where.push('o.date >= ?');
      params.push(q.from);
    }
    if (q.to) {
      where.push('o.date < ?');
      params.push(nextDay(q.to));
    }
    // A CPF/CNPJ typed with its punctuation ("123.456.789-09") is looked up by its characters,
    // as the search column also holds the document without punctuation.
    const terms = searchTerms(q.text ?? '').map((term) => (DOCUMENT_TYPED.test(term) ? term.replace(/[./-]/g, '') : term));
    // Trigrams need 3 characters: longer terms go through the full-text index, shorter ones
    // (rare: "sp", "45") narrow the rows it found with a plain LIKE.
    const indexed = terms.filter((term) => [...term].length >= 3);
    if (indexed.length > 0) {
      where.push('o.id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?)');
      params.push(indexed.map((term) => `"${term.replace(/"/g, '""')}"`).join(' AND '));
    }
    for (const term of terms.filter((x) => [...x].length < 3)) {
      where.push("o.search LIKE ? ESCAPE '\\'");
      params.push(containsPattern(term));
    }
    if (q.noTracking) where.push('o.tracking_code IS NULL');
    if (q.notExported) where.push('o.exported_at IS NULL');
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    // Text alone: the full-text index counts its matches without visiting the orders.
    const textOnly = where.length === 1 && indexed.length > 0;
    const countSql = textOnly ? 'SELECT COUNT(*) AS n FROM orders_fts WHERE orders_fts MATCH ?' : `SELECT COUNT(*) AS n FROM orders o ${clause}`;
    const total = (prepared(countSql).get(...params) as { n: number }).n;
    // With text alone, thousands of rows can match: the page is picked from the small (id, date) index and
    // only its rows are read in full (measured ~2x faster at 100,000 orders, bench/db.bench.ts).
    const rowsSql =
      textOnly
        ? `SELECT ${ROW_COLUMNS} FROM orders o WHERE o.id IN (SELECT o.id FROM orders o INDEXED BY orders_id_date ${clause}
             ORDER BY o.date DESC, o.id DESC LIMIT ? OFFSET ?) ORDER BY o.date DESC, o.id DESC`
        : `SELECT ${ROW_COLUMNS} FROM orders o ${clause} ORDER BY o.date DESC, o.id DESC LIMIT ? OFFSET ?`;
    const rows = prepared(rowsSql).all(
      ...params,
      limit,
      offset,
    ) as OrderDbRow[];
    return { rows: rows.map(toRow), total };
  };

  const listNotExported = (limit = -1): KeptOrder[] =>
    s.notExportedIds
      .all(limit)
      .map((r) => getKeptOrder(r.id))
      .filter((o): o is KeptOrder => o !== null);

  const markExported = db.transaction((ids: readonly number[], at: string) => {
    for (const id of ids) s.markExported.run(at, id);
  });

  const setOrderTracking = db.transaction((id: number, f: OrderTrackingFields) => {
    s.setTracking.run({
      id,
      trackingCode: f.trackingCode || null,
      shippedAt: f.shippedAt || null,
      trackingUrl: f.trackingUrl ?? null,
      statusId: f.statusId ?? null,
      statusName: f.statusName ?? null,
    });
    if (f.trackingCode) refreshSearch(id);
  });

  const reservedBySku = (excludeStatusIds: readonly number[] = []): Map<string, number> => {
    const exclude = excludeStatusIds.length > 0 ? `AND o.status_id NOT IN (${excludeStatusIds.map(() => '?').join(', ')})` : '';
    const rows = prepared(
      // CROSS JOIN fixes the loop order: the few unexported orders first, then their items by key.
      `SELECT ${ITEM_SKU} AS sku, SUM(i.quantity) AS quantity FROM orders o CROSS JOIN order_items i ON i.order_id = o.id
       WHERE o.exported_at IS NULL ${exclude} GROUP BY 1 HAVING sku <> ''`,
    ).all(...excludeStatusIds) as Array<{ sku: string; quantity: number }>;
    return new Map(rows.map((r) => [r.sku, r.quantity]));
  };

  const orderCounts = () => s.counts.get() ?? { orders: 0, notExported: 0, noTracking: 0 };

  /** Orders per calendar day of their own (store-local) date, from `fromDate` (YYYY-MM-DD) on; days without orders absent. */
  const ordersPerDay = (fromDate: string): Array<{ date: string; count: number }> =>
    prepared('SELECT substr(date, 1, 10) AS date, COUNT(*) AS count FROM orders WHERE date >= ? GROUP BY 1 ORDER BY 1').all(fromDate) as Array<{
      date: string;
      count: number;
    }>;

  const orderHeaderOf = (id: number): StoredOrderHeader | null => {
    const r = s.header.get(id);
    return r
      ? { modifiedAt: r.modified_at, statusId: r.status_id, statusName: r.status_name, total: r.total, subtotal: r.subtotal, shipping: r.shipping, discount: r.discount, trackingCode: r.tracking_code }
      : null;
  };

  return { upsertOrder, getOrder, getKeptOrder, orderHeaderOf, queryOrders, listNotExported, markExported, setOrderTracking, reservedBySku, orderCounts, ordersPerDay };
};
