/**
 * `npm run tray -- capture order ID`: the raw SOAP exchange of reading one order, password removed,
 * and its replay through Ponte's own client (test/tray/replay-server.ts) giving the same order as
 * reading the store itself. Against the emulator playing a store with its own field names.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CLIENT_DIALECT, startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { captureFileSchema, readOrder, redactBody, type CaptureFile } from '../../electron/engine/tray/capture.ts';
import { EXIT, run } from '../../electron/engine/tray/cli.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import type { WireExchange } from '../../electron/engine/tray/http.ts';
import type { FieldMap } from '../../electron/engine/tray/operations.ts';
import { startReplay } from './replay-server.ts';

// XML- and JSON-special characters: the password must be absent in every spelling of it.
const PASSWORD = 'S3nh@<&>"x';
const SPELLINGS = [PASSWORD, 'S3nh@&lt;&amp;&gt;&quot;x', JSON.stringify(PASSWORD).slice(1, -1)];
const MAP = ['--field', 'Pedido.total=valor_total_pedido', '--field', 'Pedido.id_status=codigo_status', '--field', 'ItemPedido.cod_prod=referencia_produto', '--field', 'ItemPedido.preco=valor_unitario_item'];
// Written by the command itself: startEmulator({ seed: 3, orders: 1, password: PASSWORD, fieldDialect:
// PUBLIC_CLIENT_DIALECT }), then `capture order <its order> ... --out <this file>` with MAP. Most of it is the WSDL.
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/tray/capture-order-renamed-store.json');

let emulator: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 11, orders: 2, password: PASSWORD, fieldDialect: PUBLIC_CLIENT_DIALECT });
  dir = await mkdtemp(path.join(os.tmpdir(), 'ponte-capture-'));
});
afterAll(async () => {
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const capture = async (id: number, extra: string[], out: string) => {
  const { storeId, login, password } = emulator.credentials;
  const code = await run(['capture', 'order', String(id), '--url', emulator.endpoint, '--store', storeId, '--login', login, '--password', password, '--out', out, ...extra], {}, () => {}, () => {});
  const text = await readFile(out, 'utf8');
  return { code, text, file: captureFileSchema.parse(JSON.parse(text)) };
};

const readThrough = async (url: string, fieldMap: FieldMap, id: number, password: string) => {
  const client = new TrayClient({ url, storeId: emulator.credentials.storeId, login: emulator.credentials.login, password, cacheDir: await mkdtemp(path.join(dir, 'wsdl-')), fieldMap, retry: { attempts: 1 } });
  try {
    return await readOrder(client, id);
  } finally {
    await client.close();
  }
};

const replayed = async (file: CaptureFile) => {
  const replay = await startReplay(file);
  try {
    // Any password: the captured one is gone, and the replay does not check it.
    const order = await readThrough(replay.endpoint, file.fieldMap as FieldMap, file.orderId, 'outra-senha');
    expect(replay.unknown).toEqual([]);
    return order;
  } finally {
    await replay.close();
  }
};

const expectNoPassword = (text: string) => {
  for (const spelling of SPELLINGS) expect(text).not.toContain(spelling);
};

describe('npm run tray -- capture order ID', () => {
  it('writes every request and answer of the order reading, with the password as ***', async () => {
    const id = [...emulator.store.orders.keys()][0]!;
    const { code, text, file } = await capture(id, MAP, path.join(dir, 'ok.json'));
    expect(code).toBe(EXIT.ok);
    expectNoPassword(text);
    const posts = file.exchanges.filter((e) => e.method === 'POST');
    expect(posts.map((e) => e.operation).sort()).toEqual(['fWSImportaClientePorPedidoAvancado', 'fWSImportaItensPedidoPorId', 'fWSImportaParcelasPedidoPorId', 'fWSImportaPedidoPorId']);
    for (const e of posts) {
      expect(e.status).toBe(200);
      expect(e.request).toMatch(/<psenha\b[^>]*>\*\*\*<\/psenha>/);
      expect(e.response).toContain(`${e.operation}Response`);
    }
    expect(file.exchanges.find((e) => e.method === 'GET')?.response).toMatch(/<(\w+:)?definitions/);
    expect(file.fieldMap).toMatchObject({ Pedido: { total: 'valor_total_pedido' } });
  });

  it('a replay of the capture reads the same order as the store itself', async () => {
    const id = [...emulator.store.orders.keys()][1]!;
    const { file } = await capture(id, MAP, path.join(dir, 'replay.json'));
    const direct = await readThrough(emulator.endpoint, file.fieldMap as FieldMap, id, PASSWORD);
    expect(direct.order.total).toBe(emulator.store.orders.get(id)!.order.total);
    expect(await replayed(file)).toEqual(direct);
    expect(file.result).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it('an order Ponte cannot read is captured too, with the error, and exits as `order` does', async () => {
    const id = [...emulator.store.orders.keys()][0]!;
    const { code, text, file } = await capture(id, [], path.join(dir, 'refused.json'));
    expect(code).toBe(EXIT.rejected);
    expectNoPassword(text);
    expect(file.result).toBeNull();
    expect(file.error).toMatchObject({ kind: 'malformed', fields: { type: 'Pedido', missing: ['total', 'id_status'] } });
    expect(file.exchanges.filter((e) => e.method === 'POST' && e.status === 200)).toHaveLength(4);
  });

  it('the client hands its exchange hook the envelope with the password as ***, never the password or its placeholder', async () => {
    const seen: WireExchange[] = [];
    const { storeId, login } = emulator.credentials;
    const client = new TrayClient({ url: emulator.endpoint, storeId, login, password: PASSWORD, cacheDir: await mkdtemp(path.join(dir, 'hook-')), onExchange: (e) => seen.push(e) });
    try {
      await client.listStatuses();
    } finally {
      await client.close();
    }
    const post = seen.find((e) => e.method === 'POST')!;
    expect(post.request).toMatch(/<psenha\b[^>]*>\*\*\*<\/psenha>/);
    expect(post.request).not.toContain('__ponte_psenha_');
    expectNoPassword(JSON.stringify(seen));
  });

  it('removes a password or token a store echoes in its answer', () => {
    const body = `<r><msg>senha ${PASSWORD} recusada</msg><access_token>abc123</access_token><ns:senhaLoja xsi:type="xsd:string">x&amp;y</ns:senhaLoja><vazio_token></vazio_token></r>`;
    const clean = redactBody(body, PASSWORD);
    expectNoPassword(clean);
    expect(clean).toBe('<r><msg>senha *** recusada</msg><access_token>***</access_token><ns:senhaLoja xsi:type="xsd:string">***</ns:senhaLoja><vazio_token></vazio_token></r>');
  });

  it('replays the committed capture (a store with renamed fields, Latin-1 answers)', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    expectNoPassword(text); // it was captured with PASSWORD
    const file = captureFileSchema.parse(JSON.parse(text));
    const got = await replayed(file);
    expect(got).toEqual(file.result);
    expect(got.order).toMatchObject({ id_pedido: file.orderId, status: expect.stringMatching(/\S/) as unknown });
    expect(got.order.total).toBeGreaterThan(0);
    expect(got.order.data).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(got.items.length).toBeGreaterThan(0);
    for (const item of got.items) expect(item.cod_prod).not.toBe('');
  });
});
