/**
 * The demo on REST: a merchant who picks "API (REST)" while on the demo keeps that choice across
 * restarts, and the demo's emulator serves it (its REST side, the same store as its SOAP side), with
 * the emulator's credentials put in the secret store, not in the settings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Demo } from '../../electron/demo/index.ts';
import { createEngine, type Engine } from '../../electron/engine/index.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore } from '../../electron/engine/settings.ts';
import { startDemoIfNeeded } from '../../electron/headless/run.ts';

let demo: Demo | null = null;
let engine: Engine | null = null;
let dir = '';
afterEach(async () => {
  await engine?.stop();
  await demo?.close();
  engine = null;
  demo = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo on REST', () => {
  it('keeps the transport chosen and pulls the demo orders over the emulator’s REST side', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ponte-demo-rest-'));
    const settings = memorySettingsStore({ ...DEFAULT_SETTINGS, demo: true, store: { ...DEFAULT_SETTINGS.store, transport: 'rest' } });
    const secrets = memorySecretStore();
    demo = await startDemoIfNeeded({ dataDir: dir, settings, secrets, tuning: { latencyMs: 0, newOrderEveryMinutes: 0 } });
    expect(demo).not.toBeNull();
    const store = settings.get().store;
    expect(store.transport).toBe('rest');
    expect(store.apiAddress).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/web_api$/);
    expect(await secrets.get('restConsumerSecret')).toBe(demo!.rest.consumerSecret);
    expect(JSON.stringify(settings.get())).not.toContain(demo!.rest.consumerSecret);

    engine = await createEngine({ dataDir: demo!.engineDataDir, settings, secrets, watchErp: false, syncOnStart: false });
    const run = await engine.runJob('orders');
    expect(run.result).toBe('ok');
    expect(run.counts.created).toBeGreaterThan(0);
    const calls = (await (await fetch(`${demo!.emulatorUrl}/_emulator/calls`)).json()) as Record<string, number>;
    expect(calls['rest:GET /orders/:id/complete']).toBe(run.counts.created);
    expect(calls['fWSImportaPedidos'] ?? 0).toBe(0);
  });
});
