/**
 * The IPC entry point (electron/shell/ipc.ts) in front of a real engine endpoint, fuzzed: any
 * name, any input, any sender gives an envelope (never a throw); unknown names, non-JSON and
 * oversized input and foreign senders are refused with pt-BR messages before the engine; no
 * answer carries the password, which the renderer may write but never read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine/index.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore } from '../../electron/engine/settings.ts';
import { handleIpcCall, IPC_INPUT_LIMIT } from '../../electron/shell/ipc.ts';
import { INPUTS } from '../../shared/api/contract.ts';

const PASSWORD = 'S3nh@-Ponte-XYZ-123';
const APP = 'ponte://app/index.html';
let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-security-ipc-'));
  const secrets = memorySecretStore();
  await secrets.set('trayPassword', PASSWORD);
  engine = await createEngine({
    dataDir: path.join(dir, 'data'),
    // A store nobody listens on: handlers that reach out fail fast, which is fine here.
    settings: memorySettingsStore({ ...DEFAULT_SETTINGS, demo: false, store: { url: 'http://127.0.0.1:9/ws', storeId: '1', login: 'webservice' }, erp: { kind: 'none', path: '' } }),
    secrets,
    watchErp: false,
    syncOnStart: false,
  });
  await engine.start();
});

afterAll(async () => {
  await engine?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const call = (name: unknown, input: unknown, sender = APP) => handleIpcCall(engine.endpoint, sender, APP, name, input);

// Read-only handlers whose fuzzed inputs cannot start network work or write files.
const SAFE = ['overview.get', 'orders.list', 'orders.get', 'outbox.list', 'catalog.report', 'catalog.heldPrices', 'activity.list', 'settings.get'];

describe('IPC refuses malformed input before the engine', () => {
  it('unknown names, non-JSON input, oversized input, foreign senders', async () => {
    expect(await call('settings.delete', {})).toMatchObject({ ok: false, error: { message: 'Operação desconhecida.' } });
    expect(await call({ toString: () => 'settings.get' }, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('__proto__', {})).toMatchObject({ ok: false });
    expect(await call('constructor', {})).toMatchObject({ ok: false });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await call('orders.list', cyclic)).toMatchObject({ ok: false, error: { message: 'Dados em formato não suportado.' } });
    expect(await call('orders.list', { big: 10n })).toMatchObject({ ok: false });
    expect(await call('orders.list', { text: 'a'.repeat(IPC_INPUT_LIMIT + 1) })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/grandes demais/) } });
    for (const sender of ['https://evil.example/', 'file:///tmp/evil.html', 'ponte://evil/index.html', '', 'not a url']) {
      expect(await call('settings.get', {}, sender)).toMatchObject({ ok: false, error: { code: 'rejected', message: expect.stringMatching(/não confiável/) } });
    }
    expect((await call('settings.get', {})).ok).toBe(true);
  });

  it('fuzzed names and inputs always give an envelope, never a throw, never the password', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...SAFE), fc.string({ maxLength: 30 }), fc.anything()), fc.anything({ maxDepth: 3 }), async (name, input) => {
        const envelope = await call(name, input);
        expect(typeof envelope.ok).toBe('boolean');
        if (!envelope.ok) expect(envelope.error.message.length).toBeGreaterThan(0);
        expect(JSON.stringify(envelope)).not.toContain(PASSWORD);
      }),
      { numRuns: 300 },
    );
  });

  it('the renderer can write the password but never read it back', async () => {
    const settings = await call('settings.get', {});
    expect(settings.ok).toBe(true);
    const text = JSON.stringify(settings);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/"password"/);
    expect(Object.keys(INPUTS)).toContain('settings.update');
  });
});
