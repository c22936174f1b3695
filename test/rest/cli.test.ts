/** `npm run tray -- … --transport rest`: statuses, orders, order ID as JSON; auth errors exit 3 without the secret. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';

const CLI = path.resolve(import.meta.dirname, '../../electron/engine/tray/cli.ts');
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 22 });
});
afterAll(async () => {
  await emulator?.close();
});

const run = (args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, PONTE_TRAY_URL: '', PONTE_TRAY_CONSUMER_KEY: '', PONTE_TRAY_CONSUMER_SECRET: '', PONTE_TRAY_CODE: '', PONTE_TRAY_TRANSPORT: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

const creds = (secret = emulator.rest.config().consumerSecret) => {
  const c = emulator.rest.config();
  return ['--transport', 'rest', '--url', emulator.restUrl, '--consumer-key', c.consumerKey, '--consumer-secret', secret, '--code', c.code];
};

describe('npm run tray --transport rest', () => {
  it('statuses, orders and order ID print domain JSON and exit 0', async () => {
    const statuses = await run(['statuses', ...creds()]);
    expect(statuses.code).toBe(0);
    expect(JSON.parse(statuses.stdout)).toContainEqual({ id: 263, name: 'ENVIADO', kind: 'open' });

    const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const until = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const orders = await run(['orders', '--since', since, '--until', until, ...creds()]);
    expect(orders.code).toBe(0);
    const listed = JSON.parse(orders.stdout) as Array<{ id: number }>;
    expect(listed.map((o) => o.id).sort()).toEqual([...emulator.store.orders.keys()].sort());

    const id = listed[0]!.id;
    const before = emulator.rest.usedToday();
    const order = await run(['order', String(id), ...creds()]);
    expect(order.code).toBe(0);
    // The count it reports is the one the store's daily cap saw (the token exchange included).
    const reported = Number(/chamadas à API nesta execução: (\d+)/.exec(order.stderr)?.[1]);
    expect(reported).toBe(emulator.rest.usedToday() - before);
    expect(reported).toBeGreaterThan(1);
    const o = JSON.parse(order.stdout);
    const stored = emulator.store.orders.get(id)!;
    expect([o.id, o.total, o.deliveryAddress.cep, o.items.length]).toEqual([id, stored.order.total, stored.delivery.cep, stored.items.length]);
  }, 60_000);

  it('a wrong consumer secret exits 3 with the pt-BR reason, and the secrets never print', async () => {
    const secret = 'segredo-errado-9876';
    const result = await run(['statuses', ...creds(secret)]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/consumer key e consumer secret/);
    expect(result.stdout + result.stderr).not.toContain(secret);
    expect(result.stdout + result.stderr).not.toContain(emulator.rest.config().code);
  }, 30_000);

  it('call is SOAP only: a usage error on REST', async () => {
    const result = await run(['call', 'fWSImportaMarcas', ...creds()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/só do WebService SOAP/);
  }, 30_000);
});
