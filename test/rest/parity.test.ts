/**
 * One store, two transports: the same orders read through SOAP and through REST from one emulator
 * store map to the same domain orders; statuses and products agree; a status written over REST is
 * what SOAP reads next, with one shopper e-mail.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import type { RestStoreAdapter } from '../../electron/engine/rest/adapter.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import { restClient, startRestEmulator, virtualClock } from './helpers.ts';

let emu: RunningEmulator;
let cacheDir: string;
let soap: SoapStoreAdapter;
let rest: RestStoreAdapter;

beforeAll(async () => {
  const clock = virtualClock();
  emu = await startRestEmulator(clock, { orders: 60 });
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'ponte-rest-parity-'));
  const { storeId, login, password } = emu.credentials;
  soap = new SoapStoreAdapter(new TrayClient({ url: emu.endpoint, storeId, login, password, cacheDir, perMinute: 0 }));
  rest = restClient(emu, clock).adapter;
});
afterAll(async () => {
  await soap?.close();
  await emu?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe('SOAP and REST over one store', () => {
  it('every order reads the same through both transports (REST tells the installment count, not each one)', async () => {
    const ids = [...emu.store.orders.keys()];
    expect(ids.length).toBe(60);
    for (const id of ids) {
      const [bySoap, byRest] = await Promise.all([soap.readOrder(id), rest.readOrder(id)]);
      expect(byRest).toEqual({ ...bySoap, installments: null });
      expect(byRest.installmentCount).toBe(bySoap.installments?.length);
      expect(bySoap.installments?.length).toBeGreaterThan(0);
    }
    const withTracking = ids.filter((id) => emu.store.orders.get(id)!.order.codigo_rastreio !== '');
    expect(withTracking.length).toBeGreaterThan(0); // the comparison covered tracking codes too
  });

  it('statuses and products agree', async () => {
    expect(await rest.listStatuses()).toEqual(await soap.listStatuses());
    for (const p of [...emu.store.products.values()].slice(0, 10)) {
      expect(await rest.findProductBySku(p.cod_prod)).toEqual(await soap.findProductBySku(p.cod_prod));
    }
    expect(await rest.findProductBySku('NAO-EXISTE-123')).toBeNull();
    expect(await soap.findProductBySku('NAO-EXISTE-123')).toBeNull();
  });

  it('a status and tracking written over REST are what SOAP reads back, with one shopper e-mail', async () => {
    const order = [...emu.store.orders.values()].find((o) => o.order.id_status !== 263 && o.order.codigo_rastreio === '')!;
    const id = order.order.id_pedido;
    const before = emu.store.emails.filter((e) => e.id_pedido === id).length;
    await rest.setTracking(id, { code: 'QB123456785BR', shippedAt: '2026-12-01', url: 'https://rastreamento.correios.com.br/app/index.php?objeto=QB123456785BR' });
    await rest.setOrderStatus(id, 263);
    const read = await soap.readOrder(id);
    expect(read.status).toEqual({ id: 263, name: 'ENVIADO' });
    expect(read.tracking).toEqual({ code: 'QB123456785BR', shippedAt: '2026-12-01', url: 'https://rastreamento.correios.com.br/app/index.php?objeto=QB123456785BR' });
    expect(emu.store.emails.filter((e) => e.id_pedido === id).length).toBe(before + 1);
    expect(emu.stats().calls['rest:PUT /orders/:id']).toBe(2);
  });

  it('wedding lists are unavailable on REST with the reason, available on SOAP', async () => {
    const [r, s] = await Promise.all([rest.capabilities(), soap.capabilities()]);
    expect(r.weddingLists.available).toBe(false);
    expect(r.weddingLists.reason).toMatch(/não tem listas de casamento/);
    expect(s.weddingLists.available).toBe(true);
    await expect(rest.createWeddingList()).rejects.toMatchObject({ kind: 'unsupported' });
  });
});
