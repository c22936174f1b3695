/**
 * The REST client's retries and 429 waits reach the activity log (the engine wires the client's
 * event hook), in pt-BR, without the token, the consumer key and secret or the code. Without the
 * wiring a 429 the client waited out never showed anywhere (the REST fault soak found none).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { createEngine, type Engine } from '../../electron/engine/index.ts';
import { restActivityLine } from '../../electron/engine/rest/activity.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore } from '../../electron/engine/settings.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';

let dir = '';
let emulator: RunningEmulator | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  await engine?.stop();
  await emulator?.close();
  engine = undefined;
  emulator = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('REST client events in the activity log', () => {
  it('names the 429 waits (warn) and the retries (info) of the jobs, with no secret in any line', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-rest-activity-'));
    emulator = await startEmulator({ seed: 5, orders: 12, maxConcurrent: 8 });
    const rest = emulator.rest.config();
    const settings = memorySettingsStore({
      ...DEFAULT_SETTINGS,
      demo: false,
      store: { url: emulator.endpoint, storeId: emulator.credentials.storeId, login: emulator.credentials.login, transport: 'rest', apiAddress: emulator.restUrl },
      statusMapping: demoStatusMapping(),
      schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 },
    });
    const secrets = memorySecretStore();
    await secrets.set('restConsumerKey', rest.consumerKey);
    await secrets.set('restConsumerSecret', rest.consumerSecret);
    await secrets.set('restCode', rest.code);
    // Waits and back-offs on a virtual clock, so the test never sleeps for real.
    let clock = Date.now();
    engine = await createEngine({
      dataDir: path.join(dir, 'data'),
      settings,
      secrets,
      watchErp: false,
      syncOnStart: false,
      createTrayClient: (config) => new TrayClient({ ...config, perMinute: 0, poolSize: 8 }),
      restClient: { now: () => clock, sleep: async (ms) => void (clock += ms), random: () => 0.5 },
    });
    await engine.start();
    // An HTML 500 now and then: the pull's reads are retried.
    emulator.setConfig({ faults: { html500: 0.4 } });
    await engine.runJob('orders');
    // Then 3 calls a minute on the store's side: the pull waits the 429s out.
    emulator.setConfig({ faults: {} });
    emulator.rest.setConfig({ perMinute: 3 });
    await engine.runJob('orders');
    const lines = (['info', 'warn', 'error'] as const).flatMap((level) => engine!.db.listActivity({ level, limit: 10_000 }));
    const warn = lines.filter((l) => l.level === 'warn').map((l) => l.message);
    const info = lines.filter((l) => l.level === 'info').map((l) => l.message);
    expect(warn.some((m) => /HTTP 429, limite de 180 requisições por minuto\) em (lista de pedidos|pedido \d+)/.test(m))).toBe(true);
    expect(info.some((m) => /A API da loja falhou em .*\(erro HTTP 500\); o Ponte tenta de novo em \d+ s\./.test(m))).toBe(true);
    const tokens = (await secrets.get('trayRestTokens')) ?? '';
    const secretValues = [rest.consumerKey, rest.consumerSecret, rest.code, ...(tokens.match(/[0-9a-f]{32,}/g) ?? [])];
    expect(secretValues.length).toBeGreaterThan(3);
    for (const l of lines) for (const v of secretValues) expect(l.message).not.toContain(v);
  });

  it('words each retry reason; a token exchange is not a line', () => {
    const line = (reason: string) => restActivityLine({ type: 'retry', what: 'pedido 7', attempt: 1, delayMs: 1500, reason })?.message;
    expect(line('timeout')).toBe('A API da loja falhou em pedido 7 (demorou demais para responder); o Ponte tenta de novo em 2 s.');
    expect(line('json')).toContain('(resposta ilegível)');
    expect(line('HTTP 503')).toContain('(erro HTTP 503)');
    expect(line('ECONNRESET')).toContain('(a conexão caiu: ECONNRESET)');
    expect(restActivityLine({ type: 'throttled', what: 'pedido 7', waitMs: 200 })).toEqual({ level: 'warn', message: expect.stringContaining('espera 1 s') as unknown as string });
    expect(restActivityLine({ type: 'token', renewed: true })).toBeNull();
  });
});
