import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, STORE_STATUSES, type RunningEmulator } from '../../electron/emulator/index.ts';
import { EmulatorStore } from '../../electron/emulator/store.ts';
import { AUTH_PARAMS, OPERATION_NAMES, OPERATIONS } from '../../electron/engine/tray/operations.ts';
import { isValidCnpj, isValidCpf } from '../../shared/br/documents.ts';
import { faultOf, fields, items, post, returnOf } from './soap-client.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const now = () => NOW;

let emu: RunningEmulator;
const auth = () => [emu.credentials.storeId, emu.credentials.login, emu.credentials.password];
const call = (op: string, ...args: Array<string | number>) => post(emu.endpoint, op, [...auth(), ...args]);
const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
};
const pendingIds = async (...window: string[]) => {
  const w = window.length ? window : ['', '', '', '', ''];
  const answer = await call('fWSImportaPedidos', ...w);
  expect(answer.status).toBe(200);
  return items(returnOf(answer.text, 'fWSImportaPedidos')).map((i) => Number(fields(i).id_pedido));
};

beforeAll(async () => {
  emu = await startEmulator({ seed: 7, orders: 30, now });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await control('POST', '/_emulator/reset');
  emu.setConfig({ faults: { soapFault: 0, html500: 0, reset: 0, hang: 0, truncated: 0, lostAnswer: 0 }, latencyMs: 0, jitterMs: 0, perMinute: 0, maxConcurrent: 4, serviceEnabled: true, outage: false });
});

/** Every element under `node` carries xsi:type (attribute `@type` once prefixes are removed). */
const everyElementTyped = (node: unknown, path = 'return'): string[] => {
  if (typeof node !== 'object' || node === null) return [path];
  const missing: string[] = [];
  const n = node as Record<string, unknown>;
  if (typeof n['@type'] !== 'string') missing.push(path);
  for (const [k, v] of Object.entries(n)) {
    if (k.startsWith('@') || k === '#text') continue;
    for (const child of Array.isArray(v) ? v : [v]) missing.push(...everyElementTyped(child, `${path}/${k}`));
  }
  return missing;
};

describe('WSDL and HTML page', () => {
  it('declares every catalogue operation, rpc/encoded, auth parameters first, arrays as NuSOAP does', async () => {
    const res = await fetch(emu.wsdlUrl);
    expect(res.headers.get('content-type')).toMatch(/ISO-8859-1/i);
    const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['message', 'part', 'operation', 'xsd:complexType'].includes(name) }).parse(text) as {
      definitions: {
        '@targetNamespace': string;
        message: Array<{ '@name': string; part: Array<{ '@name': string; '@type': string }> }>;
        portType: { operation: Array<{ '@name': string }> };
        binding: { 'soap:binding': { '@style': string }; operation: Array<{ '@name': string; input: { 'soap:body': { '@use': string } } }> };
        types: { 'xsd:schema': { 'xsd:import': Array<{ '@namespace': string }>; 'xsd:complexType': Array<Record<string, unknown>> } };
      };
    };
    const d = doc.definitions;
    expect(d.portType.operation.map((o) => o['@name']).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(d.binding['soap:binding']['@style']).toBe('rpc');
    expect(d.binding.operation.every((o) => o.input['soap:body']['@use'] === 'encoded')).toBe(true);
    for (const op of OPERATION_NAMES) {
      const msg = d.message.find((m) => m['@name'] === `${op}Request`);
      expect(msg?.part.map((p) => p['@name'])).toEqual([...AUTH_PARAMS, ...OPERATIONS[op].params].map(([n]) => n));
      const out = d.message.find((m) => m['@name'] === `${op}Response`);
      const r = OPERATIONS[op].returns;
      expect(out?.part[0]?.['@type']).toBe(r.array ? `tns:ArrayOf${r.type}` : `tns:${r.type}`);
    }
    expect(d.types['xsd:schema']['xsd:import'].map((i) => i['@namespace'])).toContain('http://schemas.xmlsoap.org/soap/encoding/');
    const arrayOfPedido = d.types['xsd:schema']['xsd:complexType'].find((t) => t['@name'] === 'ArrayOfPedido');
    expect(JSON.stringify(arrayOfPedido)).toContain('"@base":"SOAP-ENC:Array"');
    expect(JSON.stringify(arrayOfPedido)).toContain('"@wsdl:arrayType":"tns:Pedido[]"');
  });

  it('serves an HTML list of the operations on the bare endpoint', async () => {
    const res = await fetch(emu.endpoint);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    for (const op of OPERATION_NAMES) expect(html).toContain(op);
  });

  it('omits and renames operations on request (capability and operation-map tests)', async () => {
    const other = await startEmulator({ omitOperations: ['fWSAtualizaRastreioPedido'], renameOperations: { fWSAtualizaStatusPedido: 'fWSAlteraStatusPedido' } });
    try {
      const text = await (await fetch(other.wsdlUrl)).text();
      expect(text).not.toContain('fWSAtualizaRastreioPedido');
      expect(text).toContain('fWSAlteraStatusPedido');
      const c = other.credentials;
      const omitted = await post(other.endpoint, 'fWSAtualizaRastreioPedido', [c.storeId, c.login, c.password, 1, 'x', '', '']);
      expect(omitted.status).toBe(500);
      expect(faultOf(omitted.text).faultstring).toMatch(/not defined/);
    } finally {
      await other.close();
    }
  });
});

describe('NuSOAP wire format', () => {
  it('answers ISO-8859-1 with xsi:type on every element and SOAP-ENC arrays with their length', async () => {
    const answer = await call('fWSImportaPedidos', '', '', '', '', '');
    expect(answer.contentType).toBe('text/xml; charset=ISO-8859-1');
    expect(answer.text.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe(true);
    const ret = returnOf(answer.text, 'fWSImportaPedidos');
    const list = items(ret);
    expect(list.length).toBeGreaterThan(3);
    expect(ret['@type']).toBe('SOAP-ENC:Array');
    expect(ret['@arrayType']).toBe(`tns:Pedido[${list.length}]`);
    expect(list.every((i) => i['@type'] === 'tns:Pedido')).toBe(true);
    expect(everyElementTyped(ret)).toEqual([]);
  });

  it('keeps accented text intact through Latin-1 bytes', async () => {
    const first = emu.store.catalog.customers[0];
    expect(first?.name).toBe('João da Conceição Gonçalves');
    const answer = await call('fWSImportaClientePorId', first?.id ?? 0);
    // The raw body holds Latin-1 bytes (ã = 0xE3), not UTF-8.
    expect(answer.bytes.includes(Buffer.from([0xe3]))).toBe(true);
    const c = fields(returnOf(answer.text, 'fWSImportaClientePorId'));
    expect(c.cliente).toBe('João da Conceição Gonçalves');
    expect(c.cidade).toBe('São Paulo');
  });

  it('reads items, installments and the customer with address of an order', async () => {
    const id = (await pendingIds())[0] ?? 0;
    const itemList = items(returnOf((await call('fWSImportaItensPedidoPorId', id)).text, 'fWSImportaItensPedidoPorId')).map(fields);
    expect(itemList.length).toBeGreaterThan(0);
    expect(itemList.every((i) => /^PNT-\d{4}$/.test(i.cod_prod ?? ''))).toBe(true);
    const order = fields(returnOf((await call('fWSImportaPedidoPorId', id)).text, 'fWSImportaPedidoPorId'));
    const parts = items(returnOf((await call('fWSImportaParcelasPedidoPorId', id)).text, 'fWSImportaParcelasPedidoPorId')).map(fields);
    const sum = parts.reduce((s, p) => s + Number(p.valor), 0);
    expect(Math.round(sum * 100)).toBe(Math.round(Number(order.total) * 100));
    const cust = items(returnOf((await call('fWSImportaClientePorPedidoAvancado', id)).text, 'fWSImportaClientePorPedidoAvancado')).map(fields);
    expect(cust).toHaveLength(1);
    expect(cust[0]?.cep).toMatch(/^\d{8}$/);
    expect(Number(cust[0]?.id_cliente)).toBe(Number(order.id_cliente));
  });

  it('returns the store status list with non-obvious ids', async () => {
    const list = items(returnOf((await call('fWSImportaStatusPedido')).text, 'fWSImportaStatusPedido')).map(fields);
    expect(list.map((s) => s.status)).toContain('ENVIADO');
    expect(list.every((s) => Number(s.id_status) > 20)).toBe(true);
    expect(new Set(list.map((s) => s.tipo))).toEqual(new Set(['aberto', 'fechado', 'cancelado']));
  });
});

describe('faults', () => {
  it('wrong password, unknown order, invalid field, disabled service', async () => {
    const wrong = await post(emu.endpoint, 'fWSImportaStatusPedido', [emu.credentials.storeId, 'webservice', 'errada']);
    expect(wrong.status).toBe(500);
    expect(faultOf(wrong.text)).toEqual({ faultcode: 'SOAP-ENV:Client', faultstring: 'Login ou senha inválidos' });
    expect(wrong.text).not.toContain('errada');
    expect(faultOf((await call('fWSImportaPedidoPorId', 999_999)).text).faultstring).toBe('Pedido não encontrado');
    expect(faultOf((await call('fWSImportaProdutoPorID', 3)).text).faultstring).toBe('Produto não encontrado');
    const id = (await pendingIds())[0] ?? 0;
    expect(faultOf((await call('fWSAtualizaStatusPedido', id, 6)).text).faultstring).toBe('Campo inválido: id_status');
    expect(faultOf((await call('fWSAtualizaStatusPedido', 'abc', 263)).text).faultstring).toBe('Campo inválido: id_pedido');
    emu.setConfig({ serviceEnabled: false });
    expect(faultOf((await call('fWSImportaStatusPedido')).text).faultstring).toBe('Webservice não habilitado para esta loja');
  });

  it('Cadastra* answers a Retorno with status ok and the new id', async () => {
    const answer = await call('fWSCadastraProduto', 'PNT-9001', 'Cuscuzeira de alumínio', 'Para o cuscuz nordestino', '59.9', '', '10', 'S', '800', '20', '18', '18', '', '');
    const r = fields(returnOf(answer.text, 'fWSCadastraProduto'));
    expect(r.status).toBe('ok');
    const id = Number(r.id);
    expect(emu.store.products.get(id)?.nome).toBe('Cuscuzeira de alumínio');
    const dup = await call('fWSCadastraProduto', 'PNT-9001', 'Outro', '', '10', '', '1', 'S', '1', '1', '1', '1', '', '');
    expect(faultOf(dup.text).faultstring).toBe('Campo inválido: cod_prod');
    const badPrice = await call('fWSCadastraProduto', 'PNT-9002', 'Outro', '', '10,5', '', '1', 'S', '1', '1', '1', '1', '', '');
    expect(faultOf(badPrice.text).faultstring).toBe('Campo inválido: preco');
  });
});

describe('to-do list', () => {
  it('an acknowledged order leaves the list; a store-side change brings it back; new orders appear', async () => {
    const before = await pendingIds();
    const id = before[0] ?? 0;
    const ack = fields(returnOf((await call('fWSAtualizaListaToDo', 'pedidos', id)).text, 'fWSAtualizaListaToDo'));
    expect(ack.status).toBe('ok');
    const after = await pendingIds();
    expect(after).not.toContain(id);
    expect(after).toHaveLength(before.length - 1);

    // The shopper pays: the store moves it to "A ENVIAR" and the order is listed again.
    const paid = STORE_STATUSES.find((s) => s.status === 'A ENVIAR');
    const moved = await control('POST', `/_emulator/orders/${id}/status`, { id_status: paid?.id_status });
    expect(moved.status).toBe(200);
    expect(await pendingIds()).toContain(id);

    const placed = await control('POST', '/_emulator/orders', { count: 3 });
    const ids = (placed.body as { ids: number[] }).ids;
    expect(ids).toHaveLength(3);
    const listed = await pendingIds();
    for (const n of ids) expect(listed).toContain(n);
  });

  it('filters by the date/time window and by status', async () => {
    const all = emu.store.orders;
    const pending = [...all.values()].filter((o) => o.pending);
    const day = pending[0]?.order.data_modificacao.slice(0, 10) ?? '';
    const inDay = await pendingIds(day, day, '0000', '2359', '');
    expect(inDay.length).toBeGreaterThan(0);
    expect(inDay.every((id) => all.get(id)?.order.data_modificacao.startsWith(day))).toBe(true);
    const statusId = pending[0]?.order.id_status ?? 0;
    const byStatus = await pendingIds('', '', '', '', String(statusId));
    expect(byStatus.length).toBeGreaterThan(0);
    expect(byStatus.every((id) => all.get(id)?.order.id_status === statusId)).toBe(true);
    const bad = await call('fWSImportaPedidos', '20/11/2026', '', '', '', '');
    expect(faultOf(bad.text).faultstring).toBe('Campo inválido: data_inicial');
  });
});

describe('shopper emails and tracking', () => {
  it('records one email per status write, the same status again too, and counts every write per order', async () => {
    const id = (await pendingIds())[0] ?? 0;
    const shipped = STORE_STATUSES.find((s) => s.status === 'ENVIADO')?.id_status ?? 0;
    const delivered = STORE_STATUSES.find((s) => s.status === 'ENTREGUE')?.id_status ?? 0;
    const target = emu.store.order(id)?.order.id_status === shipped ? delivered : shipped;
    const r = fields(returnOf((await call('fWSAtualizaStatusPedido', id, target)).text, 'fWSAtualizaStatusPedido'));
    expect(r.status).toBe('ok');
    await call('fWSAtualizaStatusPedido', id, target);
    const emails = (await control('GET', '/_emulator/emails')).body as Array<{ id_pedido: number; id_status: number; status: string; at: string }>;
    const email = { id_pedido: id, id_status: target, status: target === shipped ? 'ENVIADO' : 'ENTREGUE', at: NOW.toISOString() };
    // A blind resend of the same status is a second e-mail (Tray: "a cada alteração de status enviada pelo ERP").
    expect(emails.filter((e) => e.id_pedido === id)).toEqual([email, email]);

    await call('fWSAtualizaRastreioPedido', id, 'AA123456785BR', '2026-11-20', 'https://rastreamento.correios.com.br/app/index.php?objeto=AA123456785BR');
    const state = (await control('GET', `/_emulator/state/orders/${id}`)).body as { id_status: number; codigo_rastreio: string; data_envio: string };
    expect(state).toMatchObject({ id_status: target, codigo_rastreio: 'AA123456785BR', data_envio: '2026-11-20' });
    const calls = (await control('GET', '/_emulator/calls')).body as Record<string, number>;
    expect(calls.fWSAtualizaStatusPedido).toBe(2);
    await call('fWSAtualizaListaToDo', 'pedidos', id);
    expect((await control('GET', `/_emulator/writes/orders/${id}`)).body).toEqual({ status: 2, tracking: 1, ack: 1 });
    const all = (await control('GET', '/_emulator/writes')).body as { orders: Record<string, unknown> };
    expect(all.orders[String(id)]).toEqual({ status: 2, tracking: 1, ack: 1 });
  });
});

describe('fault injection', () => {
  const rawFetch = (op: string, ...args: Array<string | number>) =>
    call(op, ...args).then(
      (a) => ({ kind: 'answer' as const, a }),
      () => ({ kind: 'dropped' as const }),
    );

  it('produces each fault kind at rate 1', async () => {
    emu.setConfig({ faults: { soapFault: 1 } });
    const sf = await call('fWSImportaStatusPedido');
    expect(sf.status).toBe(500);
    expect(faultOf(sf.text).faultcode).toBe('SOAP-ENV:Server');

    emu.setConfig({ faults: { soapFault: 0, html500: 1 } });
    const h = await call('fWSImportaStatusPedido');
    expect(h.status).toBe(500);
    expect(h.contentType).toMatch(/text\/html/);
    expect(h.text).toMatch(/<html>/i);

    emu.setConfig({ faults: { html500: 0, reset: 1 } });
    expect((await rawFetch('fWSImportaStatusPedido')).kind).toBe('dropped');

    emu.setConfig({ faults: { reset: 0, hang: 1 }, hangMs: 30 });
    expect((await rawFetch('fWSImportaStatusPedido')).kind).toBe('dropped');

    emu.setConfig({ faults: { hang: 0, truncated: 1 } });
    const t = await call('fWSImportaStatusPedido');
    expect(t.status).toBe(200);
    expect(XMLValidator.validate(t.text)).not.toBe(true);

    // lostAnswer touches writes only: a read answers normally, a write is applied and the answer dropped.
    emu.setConfig({ faults: { truncated: 0, lostAnswer: 1 } });
    expect((await call('fWSImportaStatusPedido')).status).toBe(200);
    const id = (await pendingIds())[0] ?? 0;
    const cancelled = STORE_STATUSES.find((s) => s.tipo === 'cancelado')?.id_status ?? 0;
    expect((await rawFetch('fWSAtualizaStatusPedido', id, cancelled)).kind).toBe('dropped');
    expect(emu.store.order(id)?.order.id_status).toBe(cancelled);

    const stats = emu.stats();
    expect(stats.faults).toEqual({ soapFault: 1, html500: 1, reset: 1, hang: 1, truncated: 1, lostAnswer: 1 });
  });

  it('at rate 0.5 gives both outcomes, the same sequence for the same seed', async () => {
    const run = async () => {
      await control('POST', '/_emulator/reset');
      emu.setConfig({ faults: { soapFault: 0.5 } });
      const outcomes: number[] = [];
      for (let i = 0; i < 16; i++) outcomes.push((await call('fWSImportaStatusPedido')).status);
      return outcomes;
    };
    const first = await run();
    expect(first).toContain(200);
    expect(first).toContain(500);
    expect(await run()).toEqual(first);
  });
});

describe('outage', () => {
  it('while down every store request (call, write, WSDL, REST) gets a 503 page and nothing is applied; back up, all answer again', async () => {
    const id = (await pendingIds())[0] ?? 0;
    const cancelled = STORE_STATUSES.find((s) => s.tipo === 'cancelado')?.id_status ?? 0;
    const before = emu.store.order(id)?.order.id_status;
    expect((await control('PUT', '/_emulator/config', { outage: true })).status).toBe(200);
    for (const answer of [await call('fWSImportaStatusPedido'), await call('fWSAtualizaStatusPedido', id, cancelled)]) {
      expect(answer.status).toBe(503);
      expect(answer.contentType).toMatch(/text\/html/);
      expect(answer.text).toContain('Service Unavailable');
    }
    expect(emu.store.order(id)?.order.id_status).toBe(before);
    expect((await fetch(emu.wsdlUrl)).status).toBe(503);
    expect((await fetch(`${emu.restUrl}/products`)).status).toBe(503);
    // The control API is not the store: a test can still look and switch the outage off.
    expect((await control('GET', '/_emulator/config')).body).toMatchObject({ outage: true });

    emu.setConfig({ outage: false });
    expect((await call('fWSImportaStatusPedido')).status).toBe(200);
    expect((await fetch(emu.wsdlUrl)).status).toBe(200);
  });
});

describe('limits', () => {
  it('answers HTTP 429 with Retry-After beyond the per-minute budget', async () => {
    emu.setConfig({ perMinute: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const a = await call('fWSImportaStatusPedido');
      statuses.push(a.status);
      if (a.status === 429) retryAfter = a.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(emu.stats().rejected429).toBe(2);
  });

  it('queues beyond max concurrent: never more than 4 in flight, the 5th starts after one ends', async () => {
    emu.setConfig({ latencyMs: 60, maxConcurrent: 4 });
    emu.resetStats();
    const answers = await Promise.all(Array.from({ length: 8 }, () => call('fWSImportaStatusPedido')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const stats = emu.stats();
    expect(stats.maxInFlight).toBe(4);
    const log = [...stats.log].sort((x, y) => x.start - y.start);
    expect(log).toHaveLength(8);
    for (const e of log) {
      const overlapping = log.filter((o) => o.start <= e.start && o.end > e.start).length;
      expect(overlapping).toBeLessThanOrEqual(4);
    }
    const firstEnd = Math.min(...log.slice(0, 4).map((e) => e.end));
    expect(log[4]?.start).toBeGreaterThanOrEqual(firstEnd);
  });

  it('rejects an invalid control-API config with 400', async () => {
    expect((await control('PUT', '/_emulator/config', { maxConcurrent: 0 })).status).toBe(400);
    expect((await control('PUT', '/_emulator/config', { faults: { typo: 1 } })).status).toBe(400);
    expect((await control('PUT', '/_emulator/config', { latencyMs: 5 })).body).toMatchObject({ latencyMs: 5 });
  });
});

describe('determinism and data', () => {
  it('same seed and clock give the same store; another seed another one', () => {
    const a = new EmulatorStore({ seed: 3, orders: 25, now });
    const b = new EmulatorStore({ seed: 3, orders: 25, now });
    const c = new EmulatorStore({ seed: 4, orders: 25, now });
    expect(JSON.stringify(a.snapshot())).toBe(JSON.stringify(b.snapshot()));
    expect(JSON.stringify(a.snapshot())).not.toBe(JSON.stringify(c.snapshot()));
  });

  it('customers carry valid CPF/CNPJ (one alphanumeric); orders span several statuses', () => {
    const s = new EmulatorStore({ seed: 1, orders: 40, now });
    const customers = [...s.customers.values()].map((c) => c.customer);
    expect(customers.every((c) => (c.cnpj_cpf.length === 11 ? isValidCpf(c.cnpj_cpf) : isValidCnpj(c.cnpj_cpf)))).toBe(true);
    expect(customers.some((c) => /[A-Z]/.test(c.cnpj_cpf))).toBe(true);
    const statuses = new Set([...s.orders.values()].map((o) => o.order.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    expect([...s.orders.values()].every((o) => o.items.length > 0 && o.installments.length > 0)).toBe(true);
  });
});


describe('catalogue, customer and wedding-list writes', () => {
  const ret = async (op: string, ...args: Array<string | number>) => {
    const a = await call(op, ...args);
    return a.status === 200 ? fields(returnOf(a.text, op)) : { fault: faultOf(a.text).faultstring };
  };

  it('categories, brands, characteristics, stock and availability', async () => {
    const parent = emu.store.catalog.categories.find((c) => c.path === 'Casa');
    const cat = await ret('fWSCadastraCategoria', 'Churrasco', parent?.id ?? 0, 'Tudo para o churrasco', 3);
    expect(cat.status).toBe('ok');
    expect(emu.store.categories.get(Number(cat.id))).toMatchObject({ nome: 'Churrasco', id_categoria_pai: parent?.id });
    expect(await ret('fWSCadastraCategoria', 'Órfã', 999_999, '', 1)).toEqual({ fault: 'Campo inválido: id_categoria_pai' });
    expect((await ret('fWSAtualizaCategoria', Number(cat.id), 'Churrasco e Grill', parent?.id ?? 0, '', 4)).status).toBe('ok');
    expect(emu.store.categories.get(Number(cat.id))?.nome).toBe('Churrasco e Grill');

    const brand = await ret('fWSCadastraMarca', 'Fogo de Chão');
    expect(emu.store.brands.get(Number(brand.id))).toBe('Fogo de Chão');
    const ch = await ret('fWSCadastraCaracteristica', 'Acabamento');
    const product = emu.store.catalog.products[0];
    const pid = product?.id ?? 0;
    expect((await ret('fWSCadastraCaracteristicaProduto', pid, Number(ch.id), 'Fosco')).status).toBe('ok');
    expect(emu.store.productCharacteristics.get(pid)?.[Number(ch.id)]).toBe('Fosco');

    expect((await ret('fWSAtualizaEstoqueProduto', 'N', pid, 7)).status).toBe('ok');
    expect(emu.store.products.get(pid)?.estoque).toBe(7);
    expect(await ret('fWSAtualizaEstoqueProduto', 'N', pid, -1)).toEqual({ fault: 'Campo inválido: estoque' });
    expect(await ret('fWSAtualizaEstoqueProduto', 'X', pid, 1)).toEqual({ fault: 'Campo inválido: is_grade' });
    expect((await ret('fWSAtualizaProdutoDisponivel', 'N', pid, 'N')).status).toBe('ok');
    expect(emu.store.products.get(pid)?.disponivel).toBe('N');

    const sku = product?.sku ?? '';
    const upd = await ret('fWSAtualizaProduto', pid, sku, 'Nome novo', 'desc', '99.9', '89.9', '3', 'S', '500', '10', '10', '10', '', '');
    expect(upd.status).toBe('ok');
    expect(fields(returnOf((await call('fWSImportaProdutoPorCodReferencia', sku)).text, 'fWSImportaProdutoPorCodReferencia'))).toMatchObject({ nome: 'Nome novo', preco: '99.9', preco_promocional: '89.9' });
    expect(await ret('fWSAtualizaProduto', pid, sku, 'X', '', '10', '12', '1', 'S', '1', '1', '1', '1', '', '')).toEqual({ fault: 'Campo inválido: preco_promocional' });
  });

  it('customers: valid CPF/CNPJ required, found by CPF, e-mail and CNPJ; contacts', async () => {
    expect(await ret('fWSCadastraClienteAvancado', 'Zé', '111.111.111-11', '', 'ze@x.com.br', '', '', '', '', '', 'Recife', 'PE', '50030000')).toEqual({ fault: 'Campo inválido: cnpj_cpf' });
    const ok = await ret('fWSCadastraClienteAvancado', 'Zé Conceição', '529.982.247-25', '', 'ze@x.com.br', '(81) 99999-0000', 'Rua da Aurora', '10', '', 'Boa Vista', 'Recife', 'PE', '50050-000');
    expect(ok.status).toBe('ok');
    const byCpf = fields(returnOf((await call('fWSImportaClientePorCPF', '52998224725')).text, 'fWSImportaClientePorCPF'));
    expect(byCpf).toMatchObject({ cliente: 'Zé Conceição', cep: '50050000', id_cliente: ok.id });
    expect(fields(returnOf((await call('fWSImportaClientePorEmail', 'ZE@x.com.br')).text, 'fWSImportaClientePorEmail')).id_cliente).toBe(ok.id);
    const company = emu.store.catalog.customers.find((c) => c.kind === 'cnpj' && /[A-Z]/.test(c.document));
    expect(fields(returnOf((await call('fWSImportaClientePorCNPJ', company?.document ?? '')).text, 'fWSImportaClientePorCNPJ')).cliente).toBe(company?.name);
    expect((await ret('fWSCadastraContatosCliente', Number(ok.id), '(81) 3333-4444', '(81) 98888-7777')).status).toBe('ok');
    expect(await ret('fWSCadastraContatosCliente', 1, '1', '')).toEqual({ fault: 'Cliente não encontrado' });
  });

  it('wedding lists and their products', async () => {
    const list = await ret('fWSCadastraListaCasamento', 'Lista de Ana e João', 'Ana Luíza e João', '2027-06-12', 'ana.joao@exemplo.com.br');
    expect(list.status).toBe('ok');
    const pid = emu.store.catalog.products[5]?.id ?? 0;
    expect((await ret('fWSCadastraProdutoListaCasamento', Number(list.id), pid, 2)).status).toBe('ok');
    expect(emu.store.weddingLists.get(Number(list.id))?.items).toEqual([{ id_produto: pid, quantidade: 2 }]);
    expect(await ret('fWSCadastraProdutoListaCasamento', Number(list.id), 3, 1)).toEqual({ fault: 'Produto não encontrado' });
    expect(await ret('fWSCadastraListaCasamento', 'X', 'Y', '12/06/2027', 'a@b.c')).toEqual({ fault: 'Campo inválido: data_evento' });
  });
});
