/**
 * Wrong configuration through the engine's 'store.testConnection' handler: wrong store id, wrong
 * password, service not enabled, unreachable host, a store URL that redirects. Each gives its own
 * pt-BR message, none holds the password, and the engine keeps answering.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { createEngine, type Engine } from '../../electron/engine/index.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore, type StoredSettings } from '../../electron/engine/settings.ts';
import type { Outputs } from '../../shared/api/contract.ts';

const PASSWORD = 'S3nh@-Ponte-XYZ-123';
let dir: string;
let emulator: RunningEmulator;
let redirector: http.Server;
let redirectUrl = '';
let closedPortUrl = '';
const engines: Engine[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-hostile-config-'));
  emulator = await startEmulator({ seed: 3, password: PASSWORD });
  const target = new URL(emulator.endpoint);
  redirector = http.createServer((req, res) => {
    req.resume();
    res.writeHead(req.method === 'GET' ? 302 : 301, { location: `http://127.0.0.1:${target.port}${req.url ?? '/'}` });
    res.end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  redirectUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}${target.pathname}`;
  // A port that was just free: nothing listens there.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  closedPortUrl = `http://127.0.0.1:${closedPort}${target.pathname}`;
});

afterAll(async () => {
  await Promise.all(engines.map((e) => e.stop()));
  redirector?.closeAllConnections();
  await new Promise<void>((resolve) => (redirector ? redirector.close(() => resolve()) : resolve()));
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const testWith = async (store: Partial<StoredSettings['store']>, password = PASSWORD): Promise<Outputs['store.testConnection']> => {
  const secrets = memorySecretStore();
  await secrets.set('trayPassword', password);
  const engine = await createEngine({
    dataDir: mkdtempSync(path.join(dir, 'data-')),
    settings: memorySettingsStore({
      ...DEFAULT_SETTINGS,
      demo: false,
      store: { url: emulator.endpoint, storeId: emulator.credentials.storeId, login: emulator.credentials.login, ...store },
      erp: { kind: 'none', path: '' },
    }),
    secrets,
    watchErp: false,
    syncOnStart: false,
    createTrayClient: (config) => new TrayClient({ ...config, perMinute: 0, timeoutMs: 5_000, readTimeoutMs: 5_000, retry: { baseDelayMs: 1, maxDelayMs: 2, attempts: 2 } }),
  });
  engines.push(engine);
  await engine.start();
  const envelope = await engine.endpoint.dispatch('store.testConnection', {});
  expect(envelope.ok).toBe(true);
  const result = (envelope as { result: Outputs['store.testConnection'] }).result;
  expect(JSON.stringify(result)).not.toContain(PASSWORD);
  // The engine still answers after the failure.
  expect((await engine.endpoint.dispatch('settings.get', {})).ok).toBe(true);
  return result;
};

describe('configuration mistakes, each with its own pt-BR message', () => {
  // Each mistake's message, kept by the test that checks it; the comparison test runs the ones it
  // lacks itself (`vitest -t` on it alone), so it never depends on the tests before it.
  const messages = new Map<string, string>();
  const mistakes: Record<string, () => Promise<Outputs['store.testConnection']>> = {
    storeId: () => testWith({ storeId: '999999' }),
    password: () => testWith({}, 'senha-errada'),
    service: async () => {
      emulator.setConfig({ serviceEnabled: false });
      try {
        return await testWith({});
      } finally {
        emulator.setConfig({ serviceEnabled: true });
      }
    },
    unreachable: () => testWith({ url: closedPortUrl }),
    redirect: () => testWith({ url: redirectUrl }),
  };
  const mistake = async (name: string): Promise<Outputs['store.testConnection']> => {
    const result = await mistakes[name]!();
    messages.set(name, result.message);
    return result;
  };

  it('sanity: the right configuration connects', async () => {
    const result = await testWith({});
    expect(result.ok).toBe(true);
  });

  it('wrong store id', async () => {
    const result = await mistake('storeId');
    expect(result.ok).toBe(false);
  });

  it('wrong password', async () => {
    const result = await mistake('password');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/senha/i);
  });

  it('service not enabled', async () => {
    const result = await mistake('service');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/habilit|ativ/i);
  });

  it('unreachable host (closed port)', async () => {
    const result = await mistake('unreachable');
    expect(result.ok).toBe(false);
  });

  it('a store URL that redirects is refused, naming the new address (the password is not posted there)', async () => {
    const before = emulator.stats().calls.fWSImportaStatusPedido ?? 0;
    const result = await mistake('redirect');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/redirecion/i);
    expect(result.message).toContain(new URL(emulator.endpoint).host);
    expect(emulator.stats().calls.fWSImportaStatusPedido ?? 0).toBe(before);
  });

  it('the store answers a wrong id and a wrong password alike, so one message names both; the rest differ', async () => {
    for (const name of Object.keys(mistakes)) if (!messages.has(name)) await mistake(name);
    expect(messages.size).toBe(5);
    // Tray (and the emulator) answer "Login ou senha inválidos" to both: it does not say which.
    expect(messages.get('storeId')).toBe(messages.get('password'));
    expect(messages.get('storeId')).toMatch(/ID da loja/);
    expect(new Set(messages.values()).size).toBe(4);
  });
});
