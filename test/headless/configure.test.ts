/**
 * `npm run serve -- --config FILE --store-url …`: Ponte starts on a real store (here the emulator)
 * without a first start on the demo; the password comes from the environment into the secret
 * store; a bad file is refused whole, naming the file and the field, with nothing applied.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { parseCliArgs } from '../../electron/headless/cli.ts';
import { runHeadless } from '../../electron/headless/run.ts';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'ponte-config-'));

let emulator: RunningEmulator | null = null;
afterEach(async () => {
  await emulator?.close();
  emulator = null;
});

const call = async (url: string, name: string, input: unknown = {}) => {
  const { origin, searchParams } = new URL(url);
  const response = await fetch(`${origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${searchParams.get('token')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; result: Record<string, unknown> };
};

describe('serve configured from a file and flags', () => {
  it('starts on the configured store, not the demo, with the pace from the file and the password from the environment', async () => {
    emulator = await startEmulator({ seed: 5, orders: 4 });
    const dataDir = tempDir();
    const file = path.join(dataDir, 'loja.json');
    writeFileSync(file, JSON.stringify({ store: { login: emulator.credentials.login }, schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 }, storePace: { callsPerMinute: 600 } }));
    const options = parseCliArgs(['--port', '0', '--data-dir', dataDir, '--config', file, '--store-url', emulator.endpoint, '--store-id', emulator.credentials.storeId], {
      PONTE_STORE_PASSWORD: emulator.credentials.password,
    });
    const run = await runHeadless({ ...options, staticDir: path.join(dataDir, 'no-ui') });
    try {
      expect(run.demo).toBeNull();
      const settings = await call(run.url, 'settings.get');
      expect(settings.result).toMatchObject({ demo: false, store: { url: emulator.endpoint, storeId: emulator.credentials.storeId }, storePace: { callsPerMinute: 600 } });
      emulator.resetStats();
      const pulled = await call(run.url, 'jobs.run', { job: 'orders' });
      expect(pulled.result).toMatchObject({ result: 'ok', counts: expect.objectContaining({ created: 4 }) });
      expect(emulator.stats().calls.fWSImportaPedidos).toBeGreaterThan(0);
    } finally {
      await run.close();
    }
    // The password went to the secret store, not to the settings file.
    const saved = readFileSync(path.join(dataDir, 'settings.json'), 'utf8');
    expect(saved).not.toContain(emulator.credentials.password);
  });

  it('refuses a bad file whole, naming the file and the field, before anything is written', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'loja.json');
    writeFileSync(file, JSON.stringify({ store: { url: 'https://loja.example/webservice' }, schedule: { catalog: -5 } }));
    expect(() => parseCliArgs(['--data-dir', dataDir, '--config', file], {})).toThrow(/loja\.json.*schedule\.catalog/);
    writeFileSync(file, '{ "store": ');
    expect(() => parseCliArgs(['--data-dir', dataDir, '--config', file], {})).toThrow(/não é um JSON válido/);
    expect(() => parseCliArgs(['--data-dir', dataDir, '--config', path.join(dataDir, 'absent.json')], {})).toThrow(/ENOENT/);
    expect(existsSync(path.join(dataDir, 'settings.json'))).toBe(false);
  });

  it('without a store address it does not start half-configured', async () => {
    const dataDir = tempDir();
    const options = parseCliArgs(['--data-dir', dataDir, '--store-id', '1'], {});
    await expect(runHeadless({ ...options, port: 0, staticDir: path.join(dataDir, 'no-ui') })).rejects.toThrow(/endereço da loja/);
  });
});
