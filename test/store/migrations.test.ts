import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { orderSearch } from '../../electron/engine/store/migrations.ts';
import { LATEST_VERSION, MIGRATIONS, migrate, NewerDatabaseError, openPonteDb } from '../../electron/engine/store/index.ts';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ponte-store-'));
  dirs.push(dir);
  return path.join(dir, 'ponte.sqlite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const schemaOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
  const version = db.pragma('user_version', { simple: true });
  db.close();
  return { rows, version };
};

/** Writes rows that exist at every schema version, through plain SQL as the old program would have. */
const seedV1 = (db: Database.Database) => {
  db.prepare(`INSERT INTO orders (id, number, date, modified_at, pulled_at, content_hash, status_id, status_name, total, subtotal, shipping,
    discount, payment_method, shipping_method, notes, tracking_code, customer_id, customer_name, customer_document, customer_email,
    customer_phone, address_street, address_number, address_complement, address_district, city, uf, cep, exported_at)
    VALUES (7, '1007', '2026-11-01T09:00:00', '2026-11-01T09:00:00', '2026-11-01T09:05:00.000Z', 'h', 2, 'ENVIADO', 99.9, 90, 9.9, 0,
    'Pix', 'PAC', '', 'PN123456785BR', 70, 'JOÃO CONCEIÇÃO', '529.982.247-25', 'joao@example.com', '', 'Rua B', '1', '', 'Sé',
    'SÃO PAULO', 'SP', '01001-000', '2026-11-02T00:00:00.000Z')`).run();
  db.prepare("INSERT INTO order_items VALUES (7, 0, 3, 'SKU-3', 'Caneca', 1, 90)").run();
  db.prepare("INSERT INTO bindings VALUES ('produto', 'SKU-3', 33, 'hash3', '{\"stock\":4}', '2026-11-01T00:00:00.000Z')").run();
  db.prepare("INSERT INTO activity (at, level, job, message) VALUES ('2026-11-01T00:00:00.000Z', 'warn', 'catalog', 'Preço retido: Caneca Água')").run();
  // From version 2 on, the program writing the row also wrote its search text.
  const hasSearch = db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('orders') WHERE name = 'search'").get() as { n: number };
  if (hasSearch.n === 1) {
    const row = db.prepare('SELECT * FROM orders WHERE id = 7').get() as Parameters<typeof orderSearch>[0];
    db.prepare('UPDATE orders SET search = ? WHERE id = 7').run(orderSearch(row));
  }
  const activitySearch = db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('activity') WHERE name = 'search'").get() as { n: number };
  if (activitySearch.n === 1) db.prepare("UPDATE activity SET search = 'preco retido: caneca agua'").run();
  // From version 8 on, single meta records are JSON.
  const version = db.pragma('user_version', { simple: true }) as number;
  db.prepare('INSERT INTO meta VALUES (?, ?)').run('orders.checkpoint', version >= 8 ? '"2026-11-01T00:00:00.000Z"' : '2026-11-01T00:00:00.000Z');
};

describe('migrations', () => {
  it('ships more than one migration, numbered 1..n', () => {
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(2);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('a fresh install is at the latest version with WAL on', () => {
    const file = tempFile();
    const db = openPonteDb(file);
    expect(db.schemaVersion).toBe(LATEST_VERSION);
    db.close();
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  for (let from = 0; from < LATEST_VERSION; from += 1) {
    it(`upgrading from version ${from} gives the fresh schema`, () => {
      const fresh = tempFile();
      openPonteDb(fresh).close();

      const old = tempFile();
      const raw = new Database(old);
      expect(migrate(raw, from)).toBe(from);
      if (from >= 1) seedV1(raw);
      raw.close();
      const upgraded = openPonteDb(old);
      expect(upgraded.schemaVersion).toBe(LATEST_VERSION);
      upgraded.close();

      expect(schemaOf(old)).toEqual(schemaOf(fresh));
    });
  }

  for (let from = 1; from < LATEST_VERSION; from += 1) {
    it(`data written at version ${from} survives the upgrade and is searchable`, () => {
      const file = tempFile();
      const raw = new Database(file);
      migrate(raw, from);
      seedV1(raw);
      raw.close();

      const db = openPonteDb(file);
      const order = db.getOrder(7);
      expect(order?.customerName).toBe('JOÃO CONCEIÇÃO');
      expect(order?.items).toEqual([{ productId: 3, variantId: null, sku: 'SKU-3', name: 'Caneca', quantity: 1, price: 90 }]);
      expect(order?.exportedAt).toBe('2026-11-02T00:00:00.000Z');
      expect(db.queryOrders({ text: 'sao paulo' }).rows.map((r) => r.id)).toEqual([7]);
      expect(db.queryOrders({ text: 'joao conceicao' }).total).toBe(1);
      expect(db.getBinding('produto', 'SKU-3')).toMatchObject({ trayId: 33, hash: 'hash3', pushed: { stock: 4 } });
      expect(db.getMeta('orders.checkpoint')).toBe('"2026-11-01T00:00:00.000Z"');
      expect(db.listActivity({ text: 'agua', limit: 10 }).map((a) => a.message)).toEqual(['Preço retido: Caneca Água']);
      db.close();
    });
  }

  it('version 8 moves the per-record meta keys into their tables and leaves only declared single records', () => {
    const file = tempFile();
    const raw = new Database(file);
    migrate(raw, 7);
    const put = raw.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    put.run('orders.checkpoint', '2026-11-01T00:00:00.000Z');
    put.run('export.pendingBatch', '');
    put.run('store.status:263', 'ENVIADO');
    put.run('store.status:1', 'A ENVIAR');
    put.run('price.approved:SKU-1', '39.9');
    put.run('price.rejected:SKU-2', '10');
    put.run('erp.shipping:5001', 'hash-5001');
    raw.close();

    const db = openPonteDb(file);
    expect(db.storeStatusName(263)).toBe('ENVIADO');
    expect(db.storeStatusName(1)).toBe('A ENVIAR');
    expect(db.priceDecision('SKU-1')).toEqual({ decision: 'approved', price: 39.9 });
    expect(db.priceDecision('SKU-2')).toEqual({ decision: 'rejected', price: 10 });
    expect(db.erpShipmentHash(5001)).toBe('hash-5001');
    expect(db.getMeta('export.pendingBatch')).toBeNull();
    db.close();

    const left = new Database(file, { readonly: true });
    const keys = left.prepare('SELECT key FROM meta ORDER BY key').pluck().all();
    left.close();
    expect(keys).toEqual(['orders.checkpoint']);
  });

  it('version 9 keeps the installment count of orders kept with their installments, and leaves it unknown without them', () => {
    const file = tempFile();
    const raw = new Database(file);
    migrate(raw, 8);
    seedV1(raw);
    // A second order, the same as the first but for its id.
    raw.exec('CREATE TEMP TABLE copy AS SELECT * FROM orders LIMIT 1; UPDATE copy SET id = id + 1000; INSERT INTO orders SELECT * FROM copy;');
    const ids = raw.prepare('SELECT id FROM orders ORDER BY id').pluck().all() as number[];
    expect(ids.length).toBe(2);
    raw.prepare('DELETE FROM order_installments').run();
    const put = raw.prepare('INSERT INTO order_installments (order_id, number, amount, due_date, method) VALUES (?, ?, ?, ?, ?)');
    put.run(ids[0], 1, 50, '2026-11-01', 'Cartão');
    put.run(ids[0], 2, 50, '2026-12-01', 'Cartão');
    put.run(ids[0], 3, 50, '2027-01-01', 'Cartão');
    raw.close();

    const db = openPonteDb(file);
    expect(db.getKeptOrder(ids[0]!)?.installmentCount).toBe(3);
    // Kept before the count was, with no installments (a REST order of that time): not known, not 0.
    for (const id of ids.slice(1)) expect(db.getKeptOrder(id)?.installmentCount).toBeNull();
    db.close();
  });

  it('refuses a database from a newer Ponte instead of damaging it', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => openPonteDb(file)).toThrow(NewerDatabaseError);
  });

  it('a failing migration leaves the previous version intact', () => {
    const file = tempFile();
    const raw = new Database(file);
    migrate(raw, 1);
    // A table the next migration does not expect cannot exist twice: simulate by pre-creating its index.
    raw.exec('CREATE INDEX orders_not_exported ON orders (id)');
    expect(() => migrate(raw)).toThrow();
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('orders') WHERE name = 'search'").get()).toEqual({ n: 0 });
    raw.close();
  });
});
