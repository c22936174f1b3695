/**
 * The emulator's web_api: the SOAP side's fault kinds on REST (reads retried, a lost write answer
 * reported as unknown and applied once), shopper e-mails on REST status changes like SOAP's, and
 * the REST and SOAP sides sharing one store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { RestOutcomeUnknownError, RestTransientError } from '../../electron/engine/rest/errors.ts';
import { calls, restClient, startRestEmulator, virtualClock } from './helpers.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('emulator web_api', () => {
  it.each(['soapFault', 'html500', 'reset', 'truncated'] as const)('a read meeting a %s is retried and succeeds', async (kind) => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    // The fault strikes the first attempt only: the wrapper turns faults off once it is answered.
    const once: typeof fetch = async (input, init) => {
      try {
        return await fetch(input, init);
      } finally {
        emu!.setConfig({ faults: {} });
      }
    };
    const { adapter, client } = restClient(emu, clock, { fetch: once });
    const id = [...emu.store.orders.keys()][0]!;
    await adapter.listStatuses();
    emu.setConfig({ faults: { [kind]: 1 } });
    const order = await adapter.readOrder(id);
    expect(order.id).toBe(id);
    expect(emu.stats().faults[kind]).toBe(1);
    expect(calls(emu, 'rest:GET /orders/:id/complete')).toBe(2);
    expect(client.stats().retries).toBe(1);
  });

  it('a read that keeps failing gives up as transient after its attempts', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter } = restClient(emu, clock);
    await adapter.listStatuses();
    emu.setConfig({ faults: { html500: 1 } });
    const error = await adapter.readOrder([...emu.store.orders.keys()][0]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestTransientError);
    expect(calls(emu, 'rest:GET /orders/:id/complete')).toBe(4);
  });

  it('a status write whose answer is lost is applied once, e-mails once, and is reported as unknown', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter } = restClient(emu, clock);
    await adapter.listStatuses();
    const o = [...emu.store.orders.values()].find((x) => x.order.id_status !== 188)!;
    emu.setConfig({ faults: { lostAnswer: 1 } });
    const error = await adapter.setOrderStatus(o.order.id_pedido, 188).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestOutcomeUnknownError);
    expect(calls(emu, 'rest:PUT /orders/:id')).toBe(1);
    expect(emu.store.emails.filter((e) => e.id_pedido === o.order.id_pedido && e.id_status === 188)).toHaveLength(1);
  });

  it('each REST status change e-mails the shopper; the same status again does what SOAP does', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter } = restClient(emu, clock);
    const o = [...emu.store.orders.values()].find((x) => x.order.id_status !== 117 && x.order.id_status !== 188)!;
    const id = o.order.id_pedido;
    const mine = () => emu!.store.emails.filter((e) => e.id_pedido === id).map((e) => e.id_status);
    await adapter.setOrderStatus(id, 117);
    await adapter.setOrderStatus(id, 188);
    expect(mine()).toEqual([117, 188]);
    // Same status again: whatever the store's e-mail rule is, REST goes through the very same path.
    const before = mine().length;
    await adapter.setOrderStatus(id, 188);
    const restRepeat = mine().length - before;
    emu.store.call('fWSAtualizaStatusPedido', [String(id), '188']);
    expect(mine().length - before - restRepeat).toBe(restRepeat);
  });

  it('an unknown status id is rejected by the store over REST, with its message', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter } = restClient(emu, clock);
    const id = [...emu.store.orders.keys()][0]!;
    await expect(adapter.setOrderStatus(id, 999_999)).rejects.toMatchObject({ kind: 'rejected', message: expect.stringMatching(/id_status/) });
    await expect(adapter.readOrder(1)).rejects.toMatchObject({ kind: 'rejected', message: 'A loja não encontrou pedido 1.' });
  });

  it('catalogue writes over REST land in the store SOAP reads', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter } = restClient(emu, clock);
    const brand = await adapter.createBrand('Marca REST');
    const category = await adapter.createCategory({ name: 'Categoria REST', parentId: null, order: 3, description: '' });
    const id = await adapter.createProduct({
      sku: 'REST-0001', name: 'Produto via REST', description: 'x', price: 49.9, promotionalPrice: null, stock: 7, available: true,
      weight: 300, height: 10, width: 10, length: 10, categoryId: category, brandId: brand,
    });
    await adapter.setStock({ productId: id }, 3);
    await adapter.setAvailability({ productId: id }, false);
    const p = emu.store.products.get(id)!;
    expect([p.cod_prod, p.estoque, p.disponivel, p.id_marca, p.id_categoria]).toEqual(['REST-0001', 3, 'N', brand, category]);
    const property = await adapter.createCharacteristic('Material');
    await adapter.setProductCharacteristic(id, property, 'Algodão');
    expect(emu.store.productCharacteristics.get(id)?.[property]).toBe('Algodão');
    expect((await adapter.findProductBySku('REST-0001'))?.stock).toBe(3);
    const customer = [...emu.store.customers.values()][0]!.customer;
    expect((await adapter.findCustomer({ email: customer.email }))?.id).toBe(customer.id_cliente);
    expect((await adapter.findCustomer({ document: customer.cnpj_cpf }))?.id).toBe(customer.id_cliente);
    await expect(adapter.setStock({ productId: id, variantId: 5 }, 1)).rejects.toMatchObject({ kind: 'rejected' });
  });
});
