/**
 * An engine pointed at a store (usually the emulator) the way the tests need it: memory settings
 * and secrets, no scheduled runs, no start-up sync, no file watch, and a Tray client without the
 * per-minute budget that protects a real store. Each test says only what differs.
 */
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import type { TrayClientFactory } from '../../electron/engine/connections.ts';
import { createEngine, type Engine, type EngineOptions } from '../../electron/engine/index.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore, type SecretName, type StoredSettings } from '../../electron/engine/settings.ts';
import { TrayClient, type TrayClientOptions } from '../../electron/engine/tray/client.ts';

export interface StoreAccess {
  endpoint: string;
  storeId: string;
  login: string;
  password: string;
}

export const accessOf = (emulator: RunningEmulator): StoreAccess => ({ endpoint: emulator.endpoint, ...emulator.credentials });

export interface TestEngineOptions extends Partial<Omit<EngineOptions, 'settings' | 'secrets' | 'createTrayClient'>> {
  dataDir: string;
  settings?: Partial<StoredSettings>;
  /** Client options on top of the test defaults (pool 8, no per-minute budget). */
  client?: Partial<TrayClientOptions>;
  /** Replaces the client factory altogether (e.g. to wrap calls). */
  createTrayClient?: TrayClientFactory;
  /** More secrets than the store password (REST's key pair and code). */
  secrets?: Partial<Record<SecretName, string>>;
}

export const createTestEngine = async (store: StoreAccess, options: TestEngineOptions): Promise<Engine> => {
  const { settings, client, createTrayClient, secrets: more, ...engineOptions } = options;
  const secrets = memorySecretStore();
  await secrets.set('trayPassword', store.password);
  for (const [name, value] of Object.entries(more ?? {}) as Array<[SecretName, string]>) await secrets.set(name, value);
  return createEngine({
    watchErp: false,
    syncOnStart: false,
    ...engineOptions,
    settings: memorySettingsStore({
      ...DEFAULT_SETTINGS,
      demo: false,
      store: { url: store.endpoint, storeId: store.storeId, login: store.login },
      schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 },
      ...settings,
    }),
    secrets,
    createTrayClient: createTrayClient ?? ((config) => new TrayClient({ ...config, perMinute: 0, poolSize: 8, ...client })),
  });
};
