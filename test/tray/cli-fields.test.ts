/**
 * `npm run tray -- order ID` against a store with its own field names: without a map, a non-zero
 * exit and a pt-BR message naming the missing fields and the store's fields; with `--field`, the
 * right total, date, status and SKUs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CLIENT_DIALECT, startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { EXIT, parseFieldMap, run } from '../../electron/engine/tray/cli.ts';

let emulator: RunningEmulator;
let cacheDir: string;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 5, orders: 3, fieldDialect: PUBLIC_CLIENT_DIALECT });
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'ponte-cli-fields-'));
});
afterAll(async () => {
  await emulator?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

const tray = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const { storeId, login, password } = emulator.credentials;
  const code = await run([...args, '--url', emulator.endpoint, '--store', storeId, '--login', login, '--password', password, '--cache-dir', cacheDir], {}, (s) => out.push(s), (s) => err.push(s));
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
};

const MAP = ['--field', 'Pedido.total=valor_total_pedido', '--field', 'Pedido.id_status=codigo_status', '--field', 'ItemPedido.cod_prod=referencia_produto', '--field', 'ItemPedido.preco=valor_unitario_item'];

describe('npm run tray -- order ID on a renamed store', () => {
  it('without a map exits non-zero naming the missing fields and the store’s fields', async () => {
    const id = [...emulator.store.orders.values()][0]!.order.id_pedido;
    const { code, stderr, stdout } = await tray(['order', String(id)]);
    expect(code).toBe(EXIT.rejected);
    expect(stderr).toMatch(/sem campos de que o Ponte precisa/);
    expect(stderr).toMatch(/Pedido sem o\(s\) campo\(s\) obrigatório\(s\) total, id_status/);
    expect(stderr).toContain('valor_total_pedido');
    expect(stderr).toContain('codigo_status');
    expect(stderr).not.toContain(emulator.credentials.password);
    expect(JSON.parse(stdout).error.fields).toMatchObject({ type: 'Pedido', missing: ['total', 'id_status'] });
  });

  it('with --field reads the right total, date, status and SKUs', async () => {
    const truth = [...emulator.store.orders.values()][0]!;
    const { code, stdout } = await tray(['order', String(truth.order.id_pedido), ...MAP]);
    expect(code).toBe(EXIT.ok);
    const got = JSON.parse(stdout) as { order: Record<string, unknown>; items: Array<Record<string, unknown>> };
    expect(got.order).toMatchObject({ total: truth.order.total, data: truth.order.data, id_status: truth.order.id_status, status: truth.order.status });
    expect(got.items.map((i) => [i.cod_prod, i.preco])).toEqual(truth.items.map((i) => [i.cod_prod, i.preco]));
  });

  it('refuses a --field for an unknown type or field, before touching the network', async () => {
    expect(parseFieldMap(['Pedido.total=vl', 'Pedido.data=dt', 'ItemPedido.cod_prod=sku'])).toEqual({ Pedido: { total: 'vl', data: 'dt' }, ItemPedido: { cod_prod: 'sku' } });
    expect(() => parseFieldMap(['Pedidos.total=x'])).toThrow(/--field inválido/);
    expect(() => parseFieldMap(['Pedido.valor=x'])).toThrow(/--field inválido/);
    expect(() => parseFieldMap(['Pedido.total='])).toThrow(/--field inválido/);
    const { code } = await tray(['order', '1', '--field', 'Pedido.nada=x']);
    expect(code).toBe(EXIT.usage);
  });
});
