/**
 * Values from the store can never change the ERP's SQL: orders whose names, notes, SKUs and
 * addresses are SQL injection attempts are exported through the SQL connector into the sample
 * SQLite ERP; every table and row count stays intact and the values are stored verbatim.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSampleErp } from '../../electron/demo/sample-erp.ts';
import { loadMapping, openSqlConnector } from '../../electron/engine/erp/sql.ts';
import { order, tempDir } from '../erp/helpers.ts';

const HOSTILE = [
  "Robert'); DROP TABLE pedidos;--",
  "O'Brien; DELETE FROM produtos WHERE 1=1; --",
  '" OR 1=1 --',
  "'); UPDATE produtos SET preco = 0; --",
  ':notes :id $1 ? @x',
  "x'||(SELECT group_concat(name) FROM sqlite_master)||'",
  'Ana -- comentário /* bloco */ ; ATTACH DATABASE \'/tmp/x.db\' AS x;',
  'Nome com \u0000 nulo e emoji 😀',
];

let tmp: Awaited<ReturnType<typeof tempDir>>;
let mappingFile = '';
let dbFile = '';
beforeAll(async () => {
  tmp = await tempDir();
  mappingFile = (await writeSampleErp(tmp.dir, 1)).sqliteMapping;
  const { database } = await loadMapping(mappingFile);
  if (database.driver !== 'sqlite') throw new Error('the sample ERP is SQLite');
  dbFile = path.resolve(path.dirname(mappingFile), database.path);
});
afterAll(() => tmp.cleanup());

const snapshot = () => {
  const db = new Database(dbFile, { readonly: true });
  try {
    const schema = db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name").all() as Array<{ type: string; name: string; sql: string | null }>;
    const counts = Object.fromEntries(
      schema.filter((s) => s.type === 'table').map((s) => [s.name, (db.prepare(`SELECT count(*) AS n FROM "${s.name}"`).get() as { n: number }).n]),
    );
    const products = db.prepare('SELECT * FROM produtos ORDER BY 1').all();
    return { schema, counts, products };
  } finally {
    db.close();
  }
};

describe('SQL connector with hostile store values', () => {
  it('tables, schema and other rows intact; hostile values stored verbatim', async () => {
    const before = snapshot();
    const orders = HOSTILE.map((text, i) =>
      order(900_001 + i, {
        number: text,
        notes: `${text}\nlinha 2; -- fim`,
        deliveryAddress: { street: text, number: '1', complement: text, district: text, city: text, uf: 'SP', cep: '01001000' },
        paymentMethod: text,
        items: [{ productId: 1, variantId: null, sku: text, name: text, quantity: 1, price: 10 }],
        customer: { id: 1, name: text, document: '52998224725', email: `${i}@x.com`, phone: text },
      }),
    );
    const connector = await openSqlConnector(mappingFile);
    try {
      expect(await connector.writeOrders(orders)).toEqual({ written: HOSTILE.length, skipped: 0, failed: [] });
      // Idempotent even with the same hostile values.
      expect(await connector.writeOrders(orders)).toEqual({ written: 0, skipped: HOSTILE.length, failed: [] });
    } finally {
      await connector.close();
    }
    const after = snapshot();
    expect(after.schema).toEqual(before.schema);
    expect(after.products).toEqual(before.products);
    for (const [table, n] of Object.entries(before.counts)) {
      const added = table === 'pedidos' || table === 'pedido_itens' ? HOSTILE.length : 0;
      expect(after.counts[table], table).toBe(n + added);
    }
    const db = new Database(dbFile, { readonly: true });
    try {
      const rows = db.prepare('SELECT id_tray, numero, cliente, cidade, observacoes, pagamento FROM pedidos WHERE id_tray >= 900001 ORDER BY id_tray').all() as Array<Record<string, unknown>>;
      const items = db.prepare('SELECT id_tray, cod_prod, descricao FROM pedido_itens WHERE id_tray >= 900001 ORDER BY id_tray').all() as Array<Record<string, unknown>>;
      HOSTILE.forEach((text, i) => {
        expect(rows[i]).toEqual({ id_tray: 900_001 + i, numero: text, cliente: text, cidade: text, observacoes: `${text}\nlinha 2; -- fim`, pagamento: text });
        expect(items[i]).toEqual({ id_tray: 900_001 + i, cod_prod: text, descricao: text });
      });
    } finally {
      db.close();
    }
  });
});
