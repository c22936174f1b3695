/**
 * What a Ponte process runs, for both shells (Electron and headless): the engine and, on the
 * demo, its emulated store — behind one endpoint and one download shelf that stay the same when
 * the merchant leaves the demo and the engine underneath is replaced by one on their own data.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { PonteEvent } from '../../shared/api/contract.ts';
import { startDemo, type Demo } from '../demo/index.ts';
import type { EngineEndpoint } from '../engine/api/dispatch.ts';
import type { DownloadShelf } from '../engine/downloads.ts';
import { createEngine, type Engine, type EngineOptions } from '../engine/index.ts';
import { DEFAULT_SETTINGS, type SecretName, type SecretStore, type SettingsStore, type StoredSettings } from '../engine/settings.ts';

/**
 * A fresh install (the default settings) runs on the demo until the merchant leaves it. Leaving is
 * kept even before a store is typed in: a restart must not bring the demo back over what the
 * merchant has set up since.
 */
export const needsDemo = (settings: SettingsStore): boolean => settings.get().demo;

export type DemoTuning = Omit<Parameters<typeof startDemo>[0], 'dataDir'>;

/** The demo's own secrets: its store password, REST key pair, code and tokens. */
const DEMO_SECRETS: readonly SecretName[] = ['trayPassword', 'restConsumerKey', 'restConsumerSecret', 'restCode', 'trayRestTokens'];

/**
 * Starts the built-in demo (emulated store + sample ERP) when Ponte is on it, and points the
 * settings and the secrets at it.
 */
export const startDemoIfNeeded = async (options: {
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  force?: boolean;
  tuning?: DemoTuning;
}): Promise<Demo | null> => {
  const { settings, secrets } = options;
  if (!options.force && !needsDemo(settings)) return null;
  // The transport the merchant chose survives: the demo's emulator answers SOAP and REST alike.
  const transport = options.tuning?.transport ?? settings.get().store.transport ?? 'soap';
  const demo = await startDemo({ ...options.tuning, transport, dataDir: path.join(options.dataDir, 'demo') });
  // The demo decides the store, ERP and schedule; the merchant's own app preferences survive.
  const { locale, quitOnClose, startWithWindows, notifications } = settings.get();
  settings.set({ ...demo.settings, demo: true, locale, quitOnClose, startWithWindows, notifications });
  await secrets.set('trayPassword', demo.password);
  await secrets.set('restConsumerKey', demo.rest.consumerKey);
  await secrets.set('restConsumerSecret', demo.rest.consumerSecret);
  await secrets.set('restCode', demo.rest.code);
  // Each run's emulator is a new store: yesterday's tokens mean nothing to it.
  await secrets.delete('trayRestTokens');
  return demo;
};

/**
 * The settings Ponte has once off the demo: nothing that points at the demo's store (its address,
 * status ids, field names) and nothing of its sample ERP, schedule or export folder — unless the
 * merchant changed that section during the demo, which then is theirs and stays. The transport
 * picked and the app preferences stay too.
 */
export const settingsLeavingDemo = (current: StoredSettings, demoSettings: StoredSettings): StoredSettings => {
  const ownOr = <K extends keyof StoredSettings>(key: K): StoredSettings[K] =>
    isDeepStrictEqual(current[key], demoSettings[key]) ? structuredClone(DEFAULT_SETTINGS[key]) : current[key];
  return {
    ...current,
    demo: false,
    store: { ...DEFAULT_SETTINGS.store, transport: current.store.transport },
    statusMapping: structuredClone(DEFAULT_SETTINGS.statusMapping),
    erp: ownOr('erp'),
    erpDatabase: ownOr('erpDatabase'),
    schedule: ownOr('schedule'),
    export: ownOr('export'),
    fieldMap: structuredClone(DEFAULT_SETTINGS.fieldMap),
  };
};

export interface SessionOptions {
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  /** Run on the demo even if a real store is configured. */
  forceDemo?: boolean;
  demoTuning?: DemoTuning;
  log?: EngineOptions['log'];
}

export interface Session {
  /** Stays the same across a change of engine: the transports bind to it once. */
  endpoint: EngineEndpoint;
  downloads: DownloadShelf;
  /** The engine running now (it changes when the demo is left). */
  readonly engine: Engine;
  readonly demo: Demo | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const startSession = async (options: SessionOptions): Promise<Session> => {
  const { settings, secrets } = options;
  let demo = await startDemoIfNeeded({
    dataDir: options.dataDir,
    settings,
    secrets,
    ...(options.forceDemo !== undefined && { force: options.forceDemo }),
    ...(options.demoTuning && { tuning: options.demoTuning }),
  });
  const listeners = new Set<(event: PonteEvent) => void>();
  const forward = (event: PonteEvent) => {
    for (const listener of listeners) listener(event);
  };

  /** Calls arriving while the engine is replaced wait for the new one instead of reaching a closed one. */
  let switching: Promise<void> | null = null;

  const leaveDemo = async (): Promise<void> => {
    const leaving = demo;
    if (!leaving) return;
    switching = (async () => {
      unsubscribe();
      await engine.stop();
      await leaving.close();
      demo = null;
      settings.set(settingsLeavingDemo(settings.get(), leaving.settings));
      for (const name of [...DEMO_SECRETS, 'erpPassword' as const]) await secrets.delete(name);
      engine = await open();
      unsubscribe = engine.endpoint.subscribe(forward);
      await engine.start();
      forward({ type: 'session-changed' });
    })();
    try {
      await switching;
    } finally {
      switching = null;
    }
  };

  const open = () =>
    createEngine({
      dataDir: demo?.engineDataDir ?? options.dataDir,
      settings,
      secrets,
      ...(options.log && { log: options.log }),
      leaveDemo,
    });

  let engine: Engine;
  try {
    engine = await open();
  } catch (error) {
    await demo?.close().catch(() => {});
    throw error;
  }
  let unsubscribe = engine.endpoint.subscribe(forward);
  const current = async (): Promise<Engine> => {
    if (switching) await switching.catch(() => {});
    return engine;
  };

  const downloads: DownloadShelf = {
    stage: async () => (await current()).downloads.stage(),
    offer: async (file, name) => (await current()).downloads.offer(file, name),
    open: async (id) => (await current()).downloads.open(id),
    take: async (id) => (await current()).downloads.take(id),
    saveTo: async (id, target) => (await current()).downloads.saveTo(id, target),
  };

  return {
    endpoint: {
      dispatch: async (name, input) => (await current()).endpoint.dispatch(name, input),
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    downloads,
    get engine() {
      return engine;
    },
    get demo() {
      return demo;
    },
    start: () => engine.start(),
    async stop() {
      if (switching) await switching.catch(() => {});
      unsubscribe();
      await engine.stop();
      await demo?.close();
    },
  };
};
