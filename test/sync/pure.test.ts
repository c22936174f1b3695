import { describe, expect, it } from 'vitest';
import { availableStock, heldPriceDrop } from '../../electron/engine/sync/stock.ts';
import { resolveStoreStatus, suggestStoreStatus } from '../../electron/engine/sync/status-map.ts';
import { pullWindow, trayWindowArgs, backfillWindow } from '../../electron/engine/sync/window.ts';
import { contentHash } from '../../electron/engine/sync/hash.ts';
import { parentsFirst } from '../../electron/engine/sync/jobs/catalog-push.ts';
import { orderDateTime, storedOrderOf } from '../../electron/engine/sync/orders-map.ts';
import { mapSoapCustomer, mapSoapOrder } from '../../electron/engine/store-port/soap-map.ts';
import { mapRestCustomer } from '../../electron/engine/rest/map.ts';
import { MalformedAnswerError } from '../../electron/engine/tray/errors.ts';
import { mapLimit } from '../../electron/engine/sync/concurrency.ts';

const statuses = [
  { id: 263, name: 'AGUARDANDO PAGAMENTO', type: 'aberto' },
  { id: 117, name: 'PAGAMENTO APROVADO', type: 'aberto' },
  { id: 388, name: 'A ENVIAR', type: 'aberto' },
  { id: 401, name: 'ENVIADO', type: 'aberto' },
  { id: 402, name: 'ENVIADO - CANCELADO PELA TRANSPORTADORA', type: 'cancelado' },
  { id: 512, name: 'ENTREGUE', type: 'fechado' },
  { id: 999, name: 'CANCELADO', type: 'cancelado' },
];

describe('stock and prices', () => {
  it('pushes available = on hand − reserved − buffer, never negative', () => {
    expect(availableStock(10, 3, 2)).toBe(5);
    expect(availableStock(1, 1, 0)).toBe(0);
    expect(availableStock(2, 5, 1)).toBe(0);
  });
  it('holds a price drop beyond the threshold only', () => {
    expect(heldPriceDrop(199, 19.9, 30)).toBeCloseTo(90, 0);
    expect(heldPriceDrop(100, 80, 30)).toBeNull();
    expect(heldPriceDrop(100, 120, 30)).toBeNull();
    expect(heldPriceDrop(undefined, 10, 30)).toBeNull();
  });
});

describe('status mapping', () => {
  it('suggests the store status by name, not by a hard-coded id', () => {
    expect(suggestStoreStatus('enviado', statuses)?.id).toBe(401);
    expect(suggestStoreStatus('pago', statuses)?.id).toBe(117);
    expect(suggestStoreStatus('em_separacao', statuses)?.id).toBe(388);
    expect(suggestStoreStatus('cancelado', statuses)?.id).toBe(999);
    expect(suggestStoreStatus('cancelado', statuses.filter((s) => s.id !== 999))?.id).toBe(402);
    expect(suggestStoreStatus('entregue', [{ id: 5, name: 'Outro', type: 'aberto' }])).toBeNull();
  });
  it('refuses unmapped and not-pushed statuses instead of guessing', () => {
    expect(resolveStoreStatus([{ local: 'enviado', storeStatusId: null, push: true }], 'enviado')).toEqual({ ok: false, reason: 'unmapped' });
    expect(resolveStoreStatus([{ local: 'enviado', storeStatusId: 401, push: false }], 'enviado')).toEqual({ ok: false, reason: 'not_pushed' });
    expect(resolveStoreStatus([{ local: 'enviado', storeStatusId: 401, push: true }], 'enviado')).toEqual({ ok: true, storeStatusId: 401 });
  });
});

describe('pull window', () => {
  it('re-reads an overlap before the checkpoint', () => {
    const now = new Date(2026, 10, 29, 10, 0);
    const w = pullWindow(new Date(2026, 10, 29, 9, 0).toISOString(), now, 10 * 60_000);
    expect(w.from.getTime()).toBe(new Date(2026, 10, 29, 8, 50).getTime());
    expect(trayWindowArgs(w)).toEqual(['2026-11-29', '2026-11-29', '0850', '1000']);
  });
  it('looks back 30 days on the first run and covers whole days on a backfill', () => {
    const now = new Date(2026, 10, 29, 10, 0);
    expect(trayWindowArgs(pullWindow(null, now))[0]).toBe('2026-10-30');
    expect(trayWindowArgs(backfillWindow('2026-11-01', '2026-11-03'))).toEqual(['2026-11-01', '2026-11-03', '0000', '2359']);
  });
});

describe('hashing and ordering', () => {
  it('hashes content independently of key order', () => {
    expect(contentHash({ a: 1, b: { c: 2, d: 3 } })).toBe(contentHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
  it('sorts categories parents first', () => {
    const cat = (key: string, parentKey: string | null) => ({ key, name: key, parentKey, order: 0, description: '' });
    const sorted = parentsFirst([cat('c', 'b'), cat('b', 'a'), cat('a', null), cat('x', 'missing')]).map((c) => c.key);
    expect(sorted.indexOf('a')).toBeLessThan(sorted.indexOf('b'));
    expect(sorted.indexOf('b')).toBeLessThan(sorted.indexOf('c'));
    expect(sorted).toContain('x');
  });
  it('bounds concurrency in mapLimit and keeps result order', async () => {
    let inFlight = 0;
    let max = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      max = Math.max(max, ++inFlight);
      await Promise.resolve();
      inFlight -= 1;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(max).toBe(3);
  });
});

/** A SOAP order as the pull keeps it: the SOAP adapter's domain order, then the stored shape. */
const mapPulledOrder = (...answers: Parameters<typeof mapSoapOrder>) => storedOrderOf(mapSoapOrder(...answers), null);

describe('order mapping', () => {
  it('maps a Tray order with items, customer, address and sorted installments', () => {
    const order = mapPulledOrder(
      { id_pedido: 7, numero: '', data: '2026-11-28', hora: '14:05:09', data_modificacao: '', id_status: 263, status: 'AGUARDANDO PAGAMENTO', id_cliente: 3, subtotal: 100, frete: 15.5, desconto: 0, total: 115.5, forma_pagamento: 'Pix', forma_envio: 'PAC', codigo_rastreio: '', data_envio: '', url_rastreio: '', observacao: '' },
      [{ id_pedido: 7, id_produto: 11, cod_prod: 'PNT-0001', nome_produto: 'Vestido Conceição', quantidade: 2, preco: 50, peso: 0.4 }],
      [{ id_cliente: 3, cliente: 'João da Silva', cnpj_cpf: '52998224725', rg_ie: '', email: 'j@x.com.br', telefone: '11 99999-0000', logradouro: 'Rua A', numero: '10', complemento: '', bairro: 'Sé', cidade: 'São Paulo', uf: 'sp', cep: '01001-000' }],
      [
        { id_pedido: 7, numero_parcela: 2, valor: 57.75, vencimento: '2026-12-28', forma_pagamento: 'Cartão' },
        { id_pedido: 7, numero_parcela: 1, valor: 57.75, vencimento: '2026-11-28', forma_pagamento: 'Cartão' },
      ],
    );
    expect(order).toMatchObject({ id: 7, number: '7', date: '2026-11-28T14:05:09', customerName: 'João da Silva', city: 'São Paulo', uf: 'SP', trackingCode: null, shipping: 15.5 });
    expect(order.items[0]).toEqual({ productId: 11, variantId: null, sku: 'PNT-0001', name: 'Vestido Conceição', quantity: 2, price: 50 });
    expect(order.installments.map((i) => i.number)).toEqual([1, 2]);
    // CEP and CPF/CNPJ are kept as digits, whichever transport read them.
    expect(order.address).toEqual({ street: 'Rua A', number: '10', complement: '', district: 'Sé', city: 'São Paulo', uf: 'SP', cep: '01001000' });
    expect(order.customer.document).toBe('52998224725');
  });

  it('keeps the letters of an alphanumeric CNPJ (in use since July 2026), from either transport', () => {
    const customer = { cliente: 'Loja Ípsilon', rg_ie: '', email: 'c@x.com.br', telefone: '', logradouro: 'Rua A', numero: '1', complemento: '', bairro: 'Sé', cidade: 'São Paulo', uf: 'SP', cep: '01001-000' };
    expect(mapSoapCustomer({ id_cliente: 1, cnpj_cpf: '12.ABC.345/01DE-35', ...customer } as Parameters<typeof mapSoapCustomer>[0]).document).toBe('12ABC34501DE35');
    expect(mapSoapCustomer({ id_cliente: 1, cnpj_cpf: '529.982.247-25', ...customer } as Parameters<typeof mapSoapCustomer>[0]).document).toBe('52998224725');
    expect(mapRestCustomer({ id: 1, name: 'Loja Ípsilon', cnpj: '12.abc.345/01de-35', cpf: '', email: 'c@x.com.br', phone: '' } as Parameters<typeof mapRestCustomer>[0]).document).toBe('12ABC34501DE35');
  });

  it('keeps an order REST read (no installments told, a tracking code without date)', () => {
    const stored = storedOrderOf(
      {
        id: 9,
        number: '9',
        placedAt: '2026-11-28T10:00:00',
        modifiedAt: '2026-11-29T08:00:00',
        status: { id: 263, name: 'ENVIADO' },
        subtotal: 10,
        shipping: 2,
        discount: 0,
        total: 12,
        paymentMethod: 'Pix',
        shippingMethod: 'PAC',
        notes: '',
        tracking: { code: 'QB123456785BR', shippedAt: null, url: null },
        items: [{ productId: 1, variantId: 4, sku: 'PNT-1', name: 'Blusa', quantity: 1, price: 10 }],
        customer: { id: 5, name: 'Ana', document: '52998224725', email: 'a@b.br', phone: '' },
        deliveryAddress: { recipient: 'Ana', street: 'Rua B', number: '2', complement: '', district: 'Boa Vista', city: 'Recife', uf: 'PE', cep: '50000000' },
        installmentCount: 3,
        installments: null,
      },
      null,
    );
    expect(stored).toMatchObject({ date: '2026-11-28T10:00:00', modifiedAt: '2026-11-29T08:00:00', city: 'Recife', uf: 'PE', trackingCode: 'QB123456785BR', shippedAt: null, installments: [] });
    expect(stored.items).toEqual([{ productId: 1, variantId: 4, sku: 'PNT-1', name: 'Blusa', quantity: 1, price: 10 }]);
    expect(stored).not.toHaveProperty('storeRecord');
  });
});

describe('order dates and refusals', () => {
  it('reads the store date forms, and nothing else', () => {
    expect(orderDateTime('2026-11-28', '14:05:09')).toBe('2026-11-28T14:05:09');
    expect(orderDateTime('2026-11-28', '14:05')).toBe('2026-11-28T14:05:00');
    expect(orderDateTime('2026-11-28 14:05:09', '')).toBe('2026-11-28T14:05:09');
    expect(orderDateTime('28/11/2026', '08:00:00')).toBe('2026-11-28T08:00:00');
    expect(orderDateTime('28/11/2026 08:01', '')).toBe('2026-11-28T08:01:00');
    expect(orderDateTime('2026-11-28', '')).toBe('2026-11-28T00:00:00');
    expect(orderDateTime('2026-11-28', '25:00:00')).toBe('2026-11-28T00:00:00');
    for (const bad of ['', 'T14:05:09', '2026-02-30', '11/28/2026', 'ontem', '2026-13-01', '20261128']) expect(orderDateTime(bad, '14:05:09'), bad).toBeNull();
  });

  const header = { id_pedido: 7, numero: '', data: '2026-11-28', hora: '', data_modificacao: '', id_status: 263, status: '', id_cliente: 3, subtotal: 0, frete: 0, desconto: 0, total: 1, forma_pagamento: '', forma_envio: '', codigo_rastreio: '', data_envio: '', url_rastreio: '', observacao: '' };
  const customer = { id_cliente: 3, cliente: 'Ana', cnpj_cpf: '', rg_ie: '', email: 'a@b.br', telefone: '', logradouro: 'Rua A', numero: '', complemento: '', bairro: '', cidade: 'Recife', uf: 'PE', cep: '50000-000' };

  it('refuses an order whose date cannot be read, or that came without its customer', () => {
    expect(() => mapPulledOrder({ ...header, data: 'T14:05:09' }, [], [customer], [])).toThrow(MalformedAnswerError);
    expect(() => mapPulledOrder({ ...header, data: 'T14:05:09' }, [], [customer], [])).toThrow(/T14:05:09/);
    expect(() => mapPulledOrder(header, [], [], [])).toThrow(/cliente/);
    expect(mapPulledOrder(header, [], [customer], [])).toMatchObject({ date: '2026-11-28T00:00:00', modifiedAt: '2026-11-28T00:00:00', customer: { id: 3 } });
    expect(mapPulledOrder(header, [], [{ ...customer, id_cliente: 0 }], []).customer.id).toBe(3);
  });
});
