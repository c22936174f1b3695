import { describe, expect, it } from 'vitest';
import { makeOrder, openTestDb } from './helpers.ts';

describe('order upsert', () => {
  it('creates, then reports unchanged for identical content, then updated; never duplicates', () => {
    const { db } = openTestDb();
    expect(db.upsertOrder(makeOrder(1))).toBe('created');
    expect(db.upsertOrder(makeOrder(1))).toBe('unchanged');
    expect(db.upsertOrder({ ...makeOrder(1), pulledAt: '2026-11-29T13:00:00.000Z' })).toBe('unchanged');
    expect(db.upsertOrder(makeOrder(1, { statusId: 2, statusName: 'ENVIADO' }))).toBe('updated');
    expect(db.orderCounts().orders).toBe(1);
    expect(db.getOrder(1)?.statusName).toBe('ENVIADO');
  });

  it('key order of the pulled object does not make an identical order look changed', () => {
    const { db } = openTestDb();
    const order = makeOrder(1);
    db.upsertOrder(order);
    const reordered = Object.fromEntries(Object.entries(order).reverse()) as typeof order;
    expect(db.upsertOrder(reordered)).toBe('unchanged');
  });

  it('keeps the export state and a locally entered tracking code across updates', () => {
    const { db } = openTestDb();
    db.upsertOrder(makeOrder(1));
    db.markExported([1], '2026-11-29T12:30:00.000Z');
    db.setOrderTracking(1, { trackingCode: 'PN123456785BR', shippedAt: '2026-11-29' });
    expect(db.upsertOrder(makeOrder(1, { total: 200 }))).toBe('updated');
    const o = db.getOrder(1);
    expect(o?.exportedAt).toBe('2026-11-29T12:30:00.000Z');
    expect(o?.total).toBe(200);
    expect(o?.trackingCode).toBe('PN123456785BR');
    expect(o?.shippedAt).toBe('2026-11-29');
    expect(db.queryOrders({ text: 'pn123456785' }).total).toBe(1);
  });

  it('replaces items and installments on update instead of appending', () => {
    const { db } = openTestDb();
    db.upsertOrder(makeOrder(1));
    db.upsertOrder(
      makeOrder(1, {
        items: [
          { productId: 11, variantId: null, sku: 'B', name: 'Boné', quantity: 1, price: 30 },
          { productId: 12, variantId: null, sku: 'C', name: 'Caneca', quantity: 3, price: 20 },
        ],
        installments: [
          { number: 2, amount: 50, dueDate: '2026-12-20', method: 'Cartão' },
          { number: 1, amount: 50, dueDate: '2026-11-20', method: 'Cartão' },
        ],
      }),
    );
    const o = db.getOrder(1);
    expect(o?.items.map((i) => i.sku)).toEqual(['B', 'C']);
    expect(o?.installments.map((i) => i.number)).toEqual([1, 2]);
  });

  it('round-trips every field of the order detail', () => {
    const { db } = openTestDb();
    const pulled = makeOrder(5, { trackingCode: 'PN123456785BR', trackingUrl: 'https://rastreio.example/x', shippedAt: '2026-11-21' });
    db.upsertOrder(pulled);
    // The count of installments is for the ERP (getKeptOrder); the detail lists the installments.
    const { modifiedAt: _m, installmentCount: _n, ...expected } = pulled;
    expect(db.getKeptOrder(5)).toEqual({
      id: 5, number: pulled.number, placedAt: pulled.date, modifiedAt: pulled.modifiedAt,
      status: { id: pulled.statusId, name: pulled.statusName },
      subtotal: pulled.subtotal, shipping: pulled.shipping, discount: pulled.discount, total: pulled.total,
      paymentMethod: pulled.paymentMethod, shippingMethod: pulled.shippingMethod, notes: pulled.notes,
      tracking: { code: 'PN123456785BR', shippedAt: '2026-11-21', url: 'https://rastreio.example/x' },
      items: pulled.items, customer: pulled.customer, deliveryAddress: pulled.address,
      installmentCount: pulled.installmentCount, installments: pulled.installments, exportedAt: null,
    });
    expect(db.getOrder(5)).toEqual({ ...expected, exportedAt: null, pushState: null, pushes: [] });
    expect(db.getOrder(999)).toBeNull();
  });

  it('is atomic: an order that fails to store leaves no partial rows', () => {
    const { db } = openTestDb();
    const bad = makeOrder(1, { items: [{ productId: 1, variantId: null, sku: 'X', name: 'X', quantity: Number.NaN, price: 1 }] });
    // NaN is bound as NULL, which the NOT NULL column refuses.
    expect(() => db.upsertOrder(bad)).toThrow();
    expect(db.getOrder(1)).toBeNull();
  });
});

describe('order queries', () => {
  const seed = () => {
    const { db } = openTestDb();
    db.upsertOrder(makeOrder(1, { date: '2026-11-01T08:00:00', statusId: 1, customerName: 'JOSÉ ANTÔNIO', city: 'SÃO PAULO' }));
    db.upsertOrder(makeOrder(2, { date: '2026-11-02T23:59:59', statusId: 2, customerName: 'Ana Souza', city: 'Curitiba', trackingCode: 'PN123456785BR' }));
    db.upsertOrder(makeOrder(3, { date: '2026-11-03T00:00:00', statusId: 3, customerName: 'Bruno Lima', city: 'São Paulo' }));
    db.upsertOrder(makeOrder(4, { date: '2026-11-04T12:00:00', statusId: 2, customerName: 'Célia 50%_off', city: 'Recife' }));
    db.markExported([3], '2026-11-05T00:00:00.000Z');
    return db;
  };
  const ids = (r: { rows: Array<{ id: number }> }) => r.rows.map((x) => x.id);

  it('lists newest first with the total', () => {
    const r = seed().queryOrders({});
    expect(ids(r)).toEqual([4, 3, 2, 1]);
    expect(r.total).toBe(4);
  });

  it('filters by status', () => {
    const db = seed();
    expect(ids(db.queryOrders({ statusIds: [2] }))).toEqual([4, 2]);
    expect(ids(db.queryOrders({ statusIds: [1, 3] }))).toEqual([3, 1]);
    expect(db.queryOrders({ statusIds: [] }).total).toBe(0);
  });

  it('filters by date range, both ends inclusive by day', () => {
    const db = seed();
    expect(ids(db.queryOrders({ from: '2026-11-02', to: '2026-11-03' }))).toEqual([3, 2]);
    expect(ids(db.queryOrders({ from: '2026-11-04' }))).toEqual([4]);
    expect(ids(db.queryOrders({ to: '2026-11-01' }))).toEqual([1]);
    expect(ids(db.queryOrders({ from: '2026-12-31', to: '2027-01-01' }))).toEqual([]);
  });

  it('finds an order by its CPF or CNPJ typed with punctuation, though the store gave bare digits', () => {
    const { db } = openTestDb();
    db.upsertOrder(makeOrder(1, { customer: { id: 1, name: 'Ana', document: '52998224725', email: 'a@x.com', phone: '' } }));
    db.upsertOrder(makeOrder(2, { customer: { id: 2, name: 'Loja', document: '11222333000181', email: 'l@x.com', phone: '' } }));
    expect(ids(db.queryOrders({ text: '529.982.247-25' }))).toEqual([1]);
    expect(ids(db.queryOrders({ text: '11.222.333/0001-81' }))).toEqual([2]);
    expect(ids(db.queryOrders({ text: '52998224725' }))).toEqual([1]);
  });

  it('finds text regardless of accents and case', () => {
    const db = seed();
    expect(ids(db.queryOrders({ text: 'sao paulo' }))).toEqual([3, 1]);
    expect(ids(db.queryOrders({ text: 'SÃO PAULO' }))).toEqual([3, 1]);
    expect(ids(db.queryOrders({ text: 'jose antonio' }))).toEqual([1]);
    expect(ids(db.queryOrders({ text: 'josé  são' }))).toEqual([1]);
    expect(ids(db.queryOrders({ text: 'pn1234' }))).toEqual([2]);
    expect(ids(db.queryOrders({ text: '1003' }))).toEqual([3]);
    expect(ids(db.queryOrders({ text: '52998224725' })).length).toBe(4);
    expect(ids(db.queryOrders({ text: 'maria@example' })).length).toBe(4);
    expect(ids(db.queryOrders({ text: 'nobody' }))).toEqual([]);
    expect(db.queryOrders({ text: 'sao paulo', limit: 1 })).toMatchObject({ total: 2, rows: [{ id: 3 }] });
    expect(db.queryOrders({ text: 'sao paulo', statusIds: [1] }).total).toBe(1);
    expect(db.queryOrders({ text: 'nobody' }).total).toBe(0);
  });

  it('short terms, quotes and FTS syntax in the text are plain text', () => {
    const db = seed();
    expect(ids(db.queryOrders({ text: 're' }))).toEqual([4]); // Recife: shorter than a trigram
    expect(ids(db.queryOrders({ text: 'jo paulo' }))).toEqual([1]);
    expect(ids(db.queryOrders({ text: '"sao' }))).toEqual([]);
    expect(ids(db.queryOrders({ text: 'paulo OR ana' }))).toEqual([]);
    expect(ids(db.queryOrders({ text: 'NEAR(ana)' }))).toEqual([]);
    expect(ids(db.queryOrders({ text: '   ' }))).toEqual([4, 3, 2, 1]);
  });

  it('the text index follows updates of the order', () => {
    const db = seed();
    db.upsertOrder(makeOrder(1, { date: '2026-11-01T08:00:00', statusId: 1, customerName: 'JOSÉ ANTÔNIO', city: 'Manaus' }));
    expect(ids(db.queryOrders({ text: 'sao paulo' }))).toEqual([3]);
    expect(ids(db.queryOrders({ text: 'manaus' }))).toEqual([1]);
  });

  it('takes LIKE wildcards in the text literally', () => {
    const db = seed();
    expect(ids(db.queryOrders({ text: '50%_' }))).toEqual([4]);
    expect(ids(db.queryOrders({ text: '%' }))).toEqual([4]);
    expect(ids(db.queryOrders({ text: '_' }))).toEqual([4]);
  });

  it('filters not exported and no tracking code, combined with others', () => {
    const db = seed();
    expect(ids(db.queryOrders({ notExported: true }))).toEqual([4, 2, 1]);
    expect(ids(db.queryOrders({ noTracking: true }))).toEqual([4, 3, 1]);
    expect(ids(db.queryOrders({ noTracking: true, notExported: true, text: 'paulo' }))).toEqual([1]);
    db.setOrderTracking(4, { trackingCode: 'PN987654321BR' });
    expect(ids(db.queryOrders({ noTracking: true }))).toEqual([3, 1]);
    expect(ids(db.queryOrders({ text: 'pn9876' }))).toEqual([4]);
  });

  it('pages with offset and limit while the total counts every match', () => {
    const db = seed();
    const p1 = db.queryOrders({ limit: 2, offset: 0 });
    const p2 = db.queryOrders({ limit: 2, offset: 2 });
    const p3 = db.queryOrders({ limit: 2, offset: 4 });
    expect([ids(p1), ids(p2), ids(p3)]).toEqual([[4, 3], [2, 1], []]);
    expect([p1.total, p2.total, p3.total]).toEqual([4, 4, 4]);
  });

  it('counts orders, not exported and without tracking code', () => {
    expect(seed().orderCounts()).toEqual({ orders: 4, notExported: 3, noTracking: 3 });
  });

  it('lists not-exported orders oldest first with details, and markExported removes them', () => {
    const db = seed();
    const list = db.listNotExported();
    expect(list.map((o) => o.id)).toEqual([1, 2, 4]);
    expect(list[0]?.items.length).toBe(1);
    expect(db.listNotExported(1).map((o) => o.id)).toEqual([1]);
    db.markExported([1, 2], '2026-11-06T00:00:00.000Z');
    expect(db.listNotExported().map((o) => o.id)).toEqual([4]);
  });

  it('setOrderTracking changes only the given fields', () => {
    const db = seed();
    db.setOrderTracking(2, { statusId: 9, statusName: 'ENTREGUE' });
    const o = db.getOrder(2);
    expect(o).toMatchObject({ statusId: 9, statusName: 'ENTREGUE', trackingCode: 'PN123456785BR' });
  });
});

describe('reservedBySku', () => {
  it('sums quantities of orders not yet exported, leaving out the given statuses', () => {
    const { db } = openTestDb();
    const item = (sku: string, quantity: number) => ({ productId: 1, variantId: null, sku, name: sku, quantity, price: 1 });
    db.upsertOrder(makeOrder(1, { items: [item('A', 2), item('B', 1)] }));
    db.upsertOrder(makeOrder(2, { items: [item('A', 3)] }));
    db.upsertOrder(makeOrder(3, { items: [item('A', 5)], statusId: 99 }));
    db.upsertOrder(makeOrder(4, { items: [item('B', 7)] }));
    db.markExported([4], '2026-11-29T00:00:00.000Z');
    expect(db.reservedBySku()).toEqual(new Map([['A', 10], ['B', 1]]));
    expect(db.reservedBySku([99])).toEqual(new Map([['A', 5], ['B', 1]]));
    expect(db.reservedBySku([99, 1])).toEqual(new Map());
  });
});

describe('items that are variants', () => {
  // REST tells the variant sold by id; its `reference` may be the product's SKU.
  const sold = (variantId: number | null, sku: string, quantity: number) => ({ productId: 5, variantId, sku, name: 'Toalha', quantity, price: 10 });

  it("read, reserve and export the ERP's SKU of a variant Ponte bound, the store's SKU otherwise", () => {
    const { db } = openTestDb();
    db.upsertBinding({ entity: 'variacao', key: 'TOALHA-AZUL', trayId: 901, hash: 'h', pushed: {} });
    db.upsertOrder(makeOrder(1, { items: [sold(901, 'TOALHA', 2), sold(902, 'TOALHA', 1), sold(null, 'CANECA', 4)] }));
    expect(db.getOrder(1)?.items.map((i) => [i.variantId, i.sku])).toEqual([
      [901, 'TOALHA-AZUL'],
      [902, 'TOALHA'],
      [null, 'CANECA'],
    ]);
    expect(db.getKeptOrder(1)?.items.map((i) => i.sku)).toEqual(['TOALHA-AZUL', 'TOALHA', 'CANECA']);
    expect(db.reservedBySku()).toEqual(new Map([['TOALHA-AZUL', 2], ['TOALHA', 1], ['CANECA', 4]]));
  });

  it('a variant bound after the order was kept is resolved from then on', () => {
    const { db } = openTestDb();
    db.upsertOrder(makeOrder(1, { items: [sold(901, 'TOALHA', 2)] }));
    expect(db.reservedBySku()).toEqual(new Map([['TOALHA', 2]]));
    db.upsertBinding({ entity: 'variacao', key: 'TOALHA-AZUL', trayId: 901, hash: 'h', pushed: {} });
    expect(db.reservedBySku()).toEqual(new Map([['TOALHA-AZUL', 2]]));
    // A product bound to the same store id is not a variant: it does not rename the item.
    db.upsertBinding({ entity: 'produto', key: 'OUTRO', trayId: 902, hash: 'h', pushed: {} });
    db.upsertOrder(makeOrder(2, { items: [sold(902, 'TOALHA', 1)] }));
    expect(db.getOrder(2)?.items[0]?.sku).toBe('TOALHA');
  });
});
