/**
 * One store, two transports: the same orders read through SOAP and through REST from one emulator
 * store map to the same domain orders; statuses and products agree; a status written over REST is
 * what SOAP reads next, with one shopper e-mail.
 */
import { describe, expect, it } from 'vitest';
import { bothTransports } from './helpers.ts';

const both = bothTransports({ orders: 60 });

describe('SOAP and REST over one store', () => {
  it('every order reads the same through both transports (REST tells the installment count, not each one)', async () => {
    const ids = [...both.emu.store.orders.keys()];
    expect(ids.length).toBe(60);
    for (const id of ids) {
      const [bySoap, byRest] = await Promise.all([both.soap.readOrder(id), both.rest.readOrder(id)]);
      expect(byRest).toEqual({ ...bySoap, installments: null });
      expect(byRest.installmentCount).toBe(bySoap.installments?.length);
      expect(bySoap.installments?.length).toBeGreaterThan(0);
    }
    const withTracking = ids.filter((id) => both.emu.store.orders.get(id)!.order.codigo_rastreio !== '');
    expect(withTracking.length).toBeGreaterThan(0); // the comparison covered tracking codes too
  });

  it('statuses and products agree', async () => {
    expect(await both.rest.listStatuses()).toEqual(await both.soap.listStatuses());
    for (const p of [...both.emu.store.products.values()].slice(0, 10)) {
      expect(await both.rest.findProductBySku(p.cod_prod)).toEqual(await both.soap.findProductBySku(p.cod_prod));
    }
    expect(await both.rest.findProductBySku('NAO-EXISTE-123')).toBeNull();
    expect(await both.soap.findProductBySku('NAO-EXISTE-123')).toBeNull();
  });

  it('a status and tracking written over REST are what SOAP reads back, with one shopper e-mail', async () => {
    const order = [...both.emu.store.orders.values()].find((o) => o.order.id_status !== 263 && o.order.codigo_rastreio === '')!;
    const id = order.order.id_pedido;
    const before = both.emu.store.emails.filter((e) => e.id_pedido === id).length;
    await both.rest.setTracking(id, { code: 'QB123456785BR', shippedAt: '2026-12-01', url: 'https://rastreamento.correios.com.br/app/index.php?objeto=QB123456785BR' });
    await both.rest.setOrderStatus(id, 263);
    const read = await both.soap.readOrder(id);
    expect(read.status).toEqual({ id: 263, name: 'ENVIADO' });
    expect(read.tracking).toEqual({ code: 'QB123456785BR', shippedAt: '2026-12-01', url: 'https://rastreamento.correios.com.br/app/index.php?objeto=QB123456785BR' });
    expect(both.emu.store.emails.filter((e) => e.id_pedido === id).length).toBe(before + 1);
    expect(both.emu.stats().calls['rest:PUT /orders/:id']).toBe(2);
  });

  it('wedding lists are unavailable on REST with the reason, available on SOAP', async () => {
    const [r, s] = await Promise.all([both.rest.capabilities(), both.soap.capabilities()]);
    expect(r.weddingLists.available).toBe(false);
    expect(r.weddingLists.reason).toMatch(/não tem listas de casamento/);
    expect(s.weddingLists.available).toBe(true);
    await expect(both.rest.createWeddingList()).rejects.toMatchObject({ kind: 'unsupported' });
  });
});
