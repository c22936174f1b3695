/**
 * Answers validated field by field: a required field missing (or unreadable) is an error naming
 * the record and the field, never a silent zero. The emulator's real answer is doctored in flight.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { RestMalformedError, RestOutcomeUnknownError } from '../../electron/engine/rest/errors.ts';
import { localIso, restClient, startRestEmulator, virtualClock } from './helpers.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

type Doctor = (path: string, body: Record<string, unknown>) => unknown;
/** A fetch that passes every call to the emulator and lets the test rewrite one JSON answer. */
const doctoredFetch = (doctor: Doctor): typeof fetch => async (input, init) => {
  const response = await fetch(input, init);
  const path = new URL(String(input)).pathname;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, { status: response.status, headers: response.headers });
  }
  return new Response(JSON.stringify(doctor(path, body as Record<string, unknown>)), { status: response.status, headers: { 'content-type': 'application/json' } });
};

const orderOf = (body: Record<string, unknown>) => body.Order as Record<string, unknown>;

describe('REST answers', () => {
  it('an order without total is an error naming the order and Order.total', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const fetch = doctoredFetch((path, body) => {
      if (path.endsWith('/complete')) delete orderOf(body).total;
      return body;
    });
    const { adapter } = restClient(emu, clock, { fetch });
    const id = [...emu.store.orders.keys()][3]!;
    const error = (await adapter.readOrder(id).catch((e: unknown) => e)) as RestMalformedError;
    expect(error).toBeInstanceOf(RestMalformedError);
    expect(error.kind).toBe('malformed');
    expect(error.path).toBe('Order.total');
    expect(error.message).toBe(`A loja respondeu a pedido ${id} com dados que não entendemos (campo obrigatório ausente: Order.total).`);
  });

  it('an empty total is invalid, not zero; an item without quantity is named with its index', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    let mode: 'total' | 'quantity' = 'total';
    const fetch = doctoredFetch((path, body) => {
      if (!path.endsWith('/complete')) return body;
      const order = orderOf(body);
      if (mode === 'total') order.total = '';
      else delete ((order.ProductsSold as Array<{ ProductsSold: Record<string, unknown> }>)[0]!.ProductsSold).quantity;
      return body;
    });
    const { adapter } = restClient(emu, clock, { fetch });
    const id = [...emu.store.orders.keys()][0]!;
    const empty = (await adapter.readOrder(id).catch((e: unknown) => e)) as RestMalformedError;
    expect(empty.path).toBe('Order.total');
    expect(empty.message).toMatch(/campo inválido: Order.total/);
    mode = 'quantity';
    const item = (await adapter.readOrder(id).catch((e: unknown) => e)) as RestMalformedError;
    expect(item.path).toBe('Order.ProductsSold[0].quantity');
    expect(item.message).toMatch(/campo obrigatório ausente: Order.ProductsSold\[0\].quantity/);
  });

  it('a listed order without modified is named by list position', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const fetch = doctoredFetch((path, body) => {
      if (path.endsWith('/orders')) {
        const first = (body.Orders as Array<{ Order: Record<string, unknown> }>)[0];
        if (first) delete first.Order.modified;
      }
      return body;
    });
    const { adapter } = restClient(emu, clock, { fetch });
    const error = (await adapter.listChangedOrders({ from: localIso(new Date(clock.ms - 20 * 86_400_000)), to: localIso(clock.date()) }).catch((e: unknown) => e)) as RestMalformedError;
    expect(error).toBeInstanceOf(RestMalformedError);
    expect(error.path).toBe('Orders[0].modified');
  });

  it("a status write whose answer is cut in half is outcome_unknown (it was applied), never retried", async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter } = restClient(emu, clock);
    await adapter.listStatuses(); // authorise before the faults start
    const order = [...emu.store.orders.values()].find((o) => o.order.id_status !== 263)!;
    const emails = emu.store.emails.length;
    emu.setConfig({ faults: { truncated: 1 } });
    const error = await adapter.setOrderStatus(order.order.id_pedido, 263).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestOutcomeUnknownError);
    expect(emu.stats().calls['rest:PUT /orders/:id']).toBe(1);
    expect(order.order.id_status).toBe(263);
    expect(emu.store.emails.length).toBe(emails + 1);
  });
});
