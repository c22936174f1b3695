/**
 * #12: the store's pace (calls in flight, calls a minute) and the outbox lease are settings with
 * safe defaults, validated by the one settings schema, and reach the store client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPatch } from '../../shared/api/contract.ts';
import { createConnections, type TrayClientConfig, type TrayClientHandle } from '../../electron/engine/connections.ts';
import { applySettingsPatch, DEFAULT_SETTINGS, memorySecretStore, STORE_PACE_DEFAULTS, storePaceOf, type StoredSettings } from '../../electron/engine/settings.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('store pace settings', () => {
  it('are validated: out-of-range values are refused, naming the field', () => {
    for (const bad of [{ callsPerMinute: 0 }, { callsInFlight: 99 }, { outboxLeaseSeconds: 5 }, { callsPerMinute: 1.5 }]) {
      const parsed = SettingsPatch.safeParse({ storePace: bad });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['storePace', Object.keys(bad)[0]]);
    }
    expect(SettingsPatch.safeParse({ storePace: { callsPerMinute: 300 } }).success).toBe(true);
  });

  it('default to the safe values and merge a partial patch', () => {
    expect(storePaceOf(DEFAULT_SETTINGS)).toEqual(STORE_PACE_DEFAULTS);
    const next = applySettingsPatch(DEFAULT_SETTINGS, SettingsPatch.parse({ storePace: { callsPerMinute: 300 } }));
    expect(next.storePace).toEqual({ ...STORE_PACE_DEFAULTS, callsPerMinute: 300 });
    expect(applySettingsPatch(next, SettingsPatch.parse({ storePace: { outboxLeaseSeconds: 600 } })).storePace).toEqual({ ...STORE_PACE_DEFAULTS, callsPerMinute: 300, outboxLeaseSeconds: 600 });
  });

  it('reach the store client (the demo store keeps its own limits)', async () => {
    const secrets = memorySecretStore();
    await secrets.set('trayPassword', 'x');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ponte-pace-'));
    dirs.push(dataDir);
    let settings: StoredSettings = { ...DEFAULT_SETTINGS, demo: false, store: { url: 'https://loja.example', storeId: '1', login: 'ws' } };
    const seen: TrayClientConfig[] = [];
    const connections = createConnections({
      settings: () => settings,
      secrets,
      dataDir,
      now: () => new Date('2026-12-02T10:00:00Z'),
      createTrayClient: (config): TrayClientHandle => {
        seen.push(config);
        return { connect: async () => {}, features: () => ({}), close: async () => {}, call: (async () => []) as TrayClientHandle['call'] };
      },
    });
    await connections.tray();
    expect(seen[0]).toMatchObject({ poolSize: 4, perMinute: 150 });
    settings = applySettingsPatch(settings, SettingsPatch.parse({ storePace: { callsInFlight: 2, callsPerMinute: 60 } }));
    await connections.reset();
    await connections.tray();
    expect(seen[1]).toMatchObject({ poolSize: 2, perMinute: 60 });
    settings = { ...settings, demo: true };
    await connections.reset();
    await connections.tray();
    expect(seen[2]).toMatchObject({ poolSize: 8, perMinute: 0 });
    await connections.close();
  });
});
