/**
 * Versioned schema. `PRAGMA user_version` holds the number of migrations applied; each migration
 * runs in its own transaction, so a crash mid-upgrade leaves the previous version intact. Never edit
 * a shipped migration: append a new one (a fresh install and every upgrade path must end identical,
 * which test/store/migrations.test.ts checks against sqlite_master).
 */
import type Database from 'better-sqlite3';
import { searchText } from './text.ts';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

const v1 = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE bindings (
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  tray_id INTEGER NOT NULL,
  hash TEXT NOT NULL,
  pushed TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  PRIMARY KEY (entity, key)
) STRICT;
-- One store record per ERP record. Characteristic values and wedding-list items are keyed by their
-- parent's (product's) id, which many of them share, so they are left out of the uniqueness.
CREATE UNIQUE INDEX bindings_tray_id ON bindings (entity, tray_id)
  WHERE entity NOT IN ('caracteristica_produto', 'lista_produto');

CREATE TABLE catalog_passes (
  entity TEXT PRIMARY KEY,
  started_at TEXT NOT NULL
) STRICT;
CREATE TABLE catalog_results (
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('created', 'updated', 'unchanged', 'failed')),
  message TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (entity, key)
) STRICT;

CREATE TABLE held_prices (
  sku TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  current_price REAL NOT NULL,
  new_price REAL NOT NULL,
  drop_percent REAL NOT NULL,
  held_at TEXT NOT NULL
) STRICT;

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL,
  date TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  pulled_at TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  status_id INTEGER NOT NULL,
  status_name TEXT NOT NULL,
  total REAL NOT NULL,
  subtotal REAL NOT NULL,
  shipping REAL NOT NULL,
  discount REAL NOT NULL,
  payment_method TEXT NOT NULL,
  shipping_method TEXT NOT NULL,
  notes TEXT NOT NULL,
  tracking_code TEXT,
  shipped_at TEXT,
  tracking_url TEXT,
  customer_id INTEGER NOT NULL,
  customer_name TEXT NOT NULL,
  customer_document TEXT NOT NULL,
  customer_email TEXT NOT NULL,
  customer_phone TEXT NOT NULL,
  address_street TEXT NOT NULL,
  address_number TEXT NOT NULL,
  address_complement TEXT NOT NULL,
  address_district TEXT NOT NULL,
  city TEXT NOT NULL,
  uf TEXT NOT NULL,
  cep TEXT NOT NULL,
  exported_at TEXT
) STRICT;
CREATE INDEX orders_date ON orders (date, id);
CREATE INDEX orders_status_date ON orders (status_id, date, id);

CREATE TABLE order_items (
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity REAL NOT NULL,
  price REAL NOT NULL,
  PRIMARY KEY (order_id, position)
) STRICT;

CREATE TABLE order_installments (
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  amount REAL NOT NULL,
  due_date TEXT NOT NULL,
  method TEXT NOT NULL,
  PRIMARY KEY (order_id, number)
) STRICT;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('status', 'tracking', 'stock', 'price')),
  order_id INTEGER,
  -- Rows sharing a fifo_key go out strictly in id order (one order's pushes; one SKU's stock).
  fifo_key TEXT,
  coalesce_key TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL,
  summary TEXT NOT NULL,
  emails_shopper INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'outcome_unknown', 'done', 'failed', 'discarded')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  lease_expires_at TEXT,
  token TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_open ON outbox (state, next_attempt_at) WHERE state IN ('pending', 'sending', 'outcome_unknown');
CREATE INDEX outbox_fifo ON outbox (fifo_key, id) WHERE fifo_key IS NOT NULL;
CREATE INDEX outbox_order ON outbox (order_id, id) WHERE order_id IS NOT NULL;
CREATE INDEX outbox_coalesce ON outbox (coalesce_key) WHERE coalesce_key IS NOT NULL AND state = 'pending';

CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  result TEXT NOT NULL CHECK (result IN ('running', 'ok', 'partial', 'failed')),
  counts TEXT NOT NULL DEFAULT '{}',
  error_count INTEGER NOT NULL DEFAULT 0,
  message TEXT
) STRICT;
CREATE INDEX runs_job ON runs (job, id);
CREATE INDEX runs_running ON runs (result) WHERE result = 'running';

CREATE TABLE activity (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
  job TEXT,
  message TEXT NOT NULL
) STRICT;
`;

/** Fills the search column of rows written before it existed (folding happens in JS). */
const backfillOrderSearch = (db: Database.Database) => {
  const rows = db
    .prepare('SELECT id, number, customer_name, city, customer_email, customer_document, tracking_code FROM orders')
    .all() as OrderSearchFields[];
  const update = db.prepare('UPDATE orders SET search = ? WHERE id = ?');
  for (const r of rows) update.run(orderSearch(r), r.id);
};

export interface OrderSearchFields {
  id: number;
  number: string;
  customer_name: string;
  city: string;
  customer_email: string;
  customer_document: string;
  tracking_code: string | null;
}

/** What the orders' text filter looks in: number, customer, city, e-mail, CPF/CNPJ (also bare digits), tracking code. */
export const orderSearch = (o: Omit<OrderSearchFields, 'id'>): string =>
  searchText([o.number, o.customer_name, o.city, o.customer_email, o.customer_document, o.customer_document.replace(/[^0-9A-Za-z]/g, ''), o.tracking_code]);

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'base schema', up: (db) => db.exec(v1) },
  {
    version: 2,
    description: 'orders: folded search column; indexes for "not exported" and "no tracking code"',
    up: (db) => {
      db.exec(`
        ALTER TABLE orders ADD COLUMN search TEXT NOT NULL DEFAULT '';
        CREATE INDEX orders_not_exported ON orders (date, id) WHERE exported_at IS NULL;
        CREATE INDEX orders_no_tracking ON orders (date, id) WHERE tracking_code IS NULL;
        CREATE INDEX order_items_sku ON order_items (sku);
      `);
      backfillOrderSearch(db);
    },
  },
  {
    version: 3,
    description: 'activity: folded search column and filters',
    up: (db) => {
      db.exec(`
        ALTER TABLE activity ADD COLUMN search TEXT NOT NULL DEFAULT '';
        CREATE INDEX activity_level ON activity (level, id);
        CREATE INDEX activity_job ON activity (job, id);
      `);
      const rows = db.prepare('SELECT id, message FROM activity').all() as Array<{ id: number; message: string }>;
      const update = db.prepare('UPDATE activity SET search = ? WHERE id = ?');
      for (const r of rows) update.run(searchText([r.message]), r.id);
    },
  },
  {
    version: 4,
    description: 'orders: trigram full-text index over the folded search column',
    // A LIKE '%term%' must read every row; the trigram index finds a rare term (an order number,
    // a tracking code) without touching the others. Kept in step with orders by triggers.
    up: (db) =>
      db.exec(`
        CREATE VIRTUAL TABLE orders_fts USING fts5(search, content='orders', content_rowid='id', tokenize='trigram');
        INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
        CREATE TRIGGER orders_fts_insert AFTER INSERT ON orders BEGIN
          INSERT INTO orders_fts (rowid, search) VALUES (new.id, new.search);
        END;
        CREATE TRIGGER orders_fts_delete AFTER DELETE ON orders BEGIN
          INSERT INTO orders_fts (orders_fts, rowid, search) VALUES ('delete', old.id, old.search);
        END;
        CREATE TRIGGER orders_fts_update AFTER UPDATE OF search ON orders BEGIN
          INSERT INTO orders_fts (orders_fts, rowid, search) VALUES ('delete', old.id, old.search);
          INSERT INTO orders_fts (rowid, search) VALUES (new.id, new.search);
        END;
      `),
  },
  {
    version: 5,
    description: 'orders: (id, date) index so text matches are sorted without reading whole rows',
    up: (db) => db.exec('CREATE INDEX orders_id_date ON orders (id, date)'),
  },
  {
    version: 6,
    description: "outbox: 'superseded' state (the store moved the order itself; the push was never written)",
    // SQLite cannot alter a CHECK constraint: the table is rebuilt with the same columns and indexes.
    up: (db) =>
      db.exec(`
        CREATE TABLE outbox_v6 (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('status', 'tracking', 'stock', 'price')),
          order_id INTEGER,
          fifo_key TEXT,
          coalesce_key TEXT,
          idempotency_key TEXT NOT NULL UNIQUE,
          payload TEXT NOT NULL,
          summary TEXT NOT NULL,
          emails_shopper INTEGER NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'outcome_unknown', 'done', 'failed', 'discarded', 'superseded')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT,
          last_error TEXT,
          lease_expires_at TEXT,
          token TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        INSERT INTO outbox_v6 SELECT id, kind, order_id, fifo_key, coalesce_key, idempotency_key, payload, summary, emails_shopper, state,
          attempts, next_attempt_at, last_error, lease_expires_at, token, created_at, updated_at FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_v6 RENAME TO outbox;
        CREATE INDEX outbox_open ON outbox (state, next_attempt_at) WHERE state IN ('pending', 'sending', 'outcome_unknown');
        CREATE INDEX outbox_fifo ON outbox (fifo_key, id) WHERE fifo_key IS NOT NULL;
        CREATE INDEX outbox_order ON outbox (order_id, id) WHERE order_id IS NOT NULL;
        CREATE INDEX outbox_coalesce ON outbox (coalesce_key) WHERE coalesce_key IS NOT NULL AND state = 'pending';
      `),
  },
  {
    version: 7,
    description: 'orders: store_record, what the store sent for the order (JSON: raw order, items, customer, installments, extra fields)',
    up: (db) => db.exec('ALTER TABLE orders ADD COLUMN store_record TEXT'),
  },
  {
    version: 8,
    description: 'meta: per-record keys become tables (store statuses, price decisions, ERP shipment lines); single records become JSON',
    up: (db) =>
      db.exec(`
        CREATE TABLE store_statuses (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          listed_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE price_decisions (
          sku TEXT PRIMARY KEY,
          decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
          price REAL NOT NULL,
          decided_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE erp_shipments (
          order_id INTEGER PRIMARY KEY,
          hash TEXT NOT NULL,
          applied_at TEXT NOT NULL
        ) STRICT;
        INSERT INTO store_statuses (id, name, listed_at)
          SELECT CAST(substr(key, 14) AS INTEGER), value, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM meta
          WHERE key GLOB 'store.status:[0-9]*';
        INSERT INTO price_decisions (sku, decision, price, decided_at)
          SELECT substr(key, 16), substr(key, 7, 8), CAST(value AS REAL), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM meta
          WHERE key GLOB 'price.approved:*' OR key GLOB 'price.rejected:*';
        INSERT INTO erp_shipments (order_id, hash, applied_at)
          SELECT CAST(substr(key, 14) AS INTEGER), value, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM meta
          WHERE key GLOB 'erp.shipping:[0-9]*';
        DELETE FROM meta WHERE key GLOB 'store.status:*' OR key GLOB 'price.approved:*' OR key GLOB 'price.rejected:*' OR key GLOB 'erp.shipping:*';
        DELETE FROM meta WHERE key = 'export.pendingBatch' AND value = '';
        UPDATE meta SET value = json_quote(value) WHERE key = 'orders.checkpoint' AND json_valid(value) = 0;
      `),
  },
  {
    version: 9,
    description: 'orders: installment_count, how many installments the shopper chose (REST tells the count, not the installments)',
    // Rows kept before hold their installments where SOAP told them; with none kept the count is not
    // known (a REST order of that time), so it stays NULL and the export leaves the cell empty.
    up: (db) =>
      db.exec(`
        ALTER TABLE orders ADD COLUMN installment_count INTEGER;
        UPDATE orders SET installment_count = (SELECT COUNT(*) FROM order_installments i WHERE i.order_id = orders.id)
          WHERE EXISTS (SELECT 1 FROM order_installments i WHERE i.order_id = orders.id);
      `),
  },
  {
    version: 10,
    description: "order_items: variant_id, the store's id of the variant sold (REST tells it; NULL for a plain product or where the store did not say)",
    // The index is the one an item's lookup of its variant can use: bindings_tray_id's WHERE is one
    // SQLite cannot match to `entity = 'variacao'`, so without it every item scans all variants.
    up: (db) =>
      db.exec(`
        ALTER TABLE order_items ADD COLUMN variant_id INTEGER;
        CREATE INDEX bindings_variant_tray_id ON bindings (tray_id) WHERE entity = 'variacao';
      `),
  },
];

export const LATEST_VERSION = MIGRATIONS.length;

export class NewerDatabaseError extends Error {
  constructor(readonly found: number) {
    super(`O banco de dados do Ponte é de uma versão mais nova (esquema ${found}, este programa conhece até ${LATEST_VERSION}). Atualize o Ponte.`);
    this.name = 'NewerDatabaseError';
  }
}

/** Applies the migrations after the database's version, up to `target` (tests stop early to build old versions). */
export const migrate = (db: Database.Database, target: number = LATEST_VERSION): number => {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new NewerDatabaseError(current);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
};
