/**
 * The diagnostic command, spawned with tsx as `npm run tray` runs it: JSON output and exit codes
 * (0 ok, 2 usage, 3 auth, 4 rejected, 5 unreachable).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';

const CLI = path.resolve(import.meta.dirname, '../../electron/engine/tray/cli.ts');
let emulator: RunningEmulator;
let cacheDir: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 21 });
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'ponte-tray-cli-'));
});
afterAll(async () => {
  await emulator?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args, '--cache-dir', cacheDir], {
      env: { ...process.env, PONTE_TRAY_URL: '', PONTE_TRAY_STORE: '', PONTE_TRAY_LOGIN: '', PONTE_TRAY_PASSWORD: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

const creds = () => ['--url', emulator.endpoint, '--store', emulator.credentials.storeId, '--login', emulator.credentials.login, '--password', emulator.credentials.password];

describe('npm run tray', () => {
  it('capabilities and statuses print JSON and exit 0', async () => {
    const caps = await run(['capabilities', ...creds()]);
    expect(caps.code).toBe(0);
    expect(JSON.parse(caps.stdout).features.orders.available).toBe(true);
    const statuses = await run(['statuses', ...creds()]);
    expect(statuses.code).toBe(0);
    expect(JSON.parse(statuses.stdout)).toContainEqual({ id_status: 263, status: 'ENVIADO', tipo: 'aberto' });
  }, 30_000);

  it('order ID prints the order with items, customer and installments; credentials from the environment', async () => {
    const id = [...emulator.store.orders.keys()][0]!;
    const { storeId, login, password } = emulator.credentials;
    const result = await run(['order', String(id)], { PONTE_TRAY_URL: emulator.endpoint, PONTE_TRAY_STORE: storeId, PONTE_TRAY_LOGIN: login, PONTE_TRAY_PASSWORD: password });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.order.id_pedido).toBe(id);
    expect(out.items).toEqual(emulator.store.orders.get(id)!.items);
    expect(out.customer.cep).toBe(emulator.store.orders.get(id)!.delivery.cep);
    expect(Array.isArray(out.installments)).toBe(true);
  }, 30_000);

  it('exit 2 on bad usage, 3 on bad credentials, 4 on a rejection, 5 when unreachable', async () => {
    expect((await run(['statuses'])).code).toBe(2);
    expect((await run(['call', 'fWSNaoExiste', ...creds()])).code).toBe(2);
    expect((await run(['call', 'fWSImportaPedidoPorId', 'abc', ...creds()])).code).toBe(2);
    const auth = await run(['statuses', ...creds().slice(0, -1), 'senha-errada-123']);
    expect(auth.code).toBe(3);
    expect(auth.stdout + auth.stderr).not.toContain('senha-errada-123');
    const rejected = await run(['call', 'fWSImportaPedidoPorId', '99999999', ...creds()]);
    expect(rejected.code).toBe(4);
    expect(JSON.parse(rejected.stdout).error.kind).toBe('rejected');
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const down = await run(['statuses', '--url', `http://127.0.0.1:${port}/webservice/v2/ws_servidor.php`, '--store', '1', '--login', 'x', '--password', 'y']);
    expect(down.code).toBe(5);
  }, 60_000);
});
