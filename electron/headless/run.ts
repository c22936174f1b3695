/**
 * Headless mode put together: settings (conf) and secrets (plain file) in the data dir, the
 * built-in demo when no real store is configured, the engine, and the HTTP server.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo, type Demo } from '../demo/index.ts';
import { createEngine, type Engine } from '../engine/index.ts';
import { storeAddressOf, type SecretStore, type SettingsStore } from '../engine/settings.ts';
import { createConfSettingsStore } from '../settings/conf-store.ts';
import { createPlainSecretStore } from '../settings/secrets.ts';
import type { SettingsPatch } from '../../shared/api/contract.ts';
import { applyServeConfig } from './configure.ts';
import { startHeadlessServer, type HeadlessServer } from './server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_STATIC_DIR = path.join(ROOT, 'dist', 'renderer');

export type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface HeadlessOptions {
  dataDir: string;
  host?: string;
  port?: number;
  allowNonLoopback?: boolean;
  staticDir?: string;
  /** Settings (a validated patch) applied before start: `--config` and the store flags. */
  configure?: SettingsPatch;
  /** Run on the demo even if a real store is configured. */
  forceDemo?: boolean;
  /** Tests make the emulated store answer without its realistic latency. */
  demoOptions?: DemoTuning;
  token?: string;
  log?: Log;
}

export interface HeadlessRun {
  url: string;
  server: HeadlessServer;
  engine: Engine;
  demo: Demo | null;
  close(): Promise<void>;
}

/** A real store is configured once the merchant left the demo and gave the store's address. */
export const needsDemo = (settings: SettingsStore): boolean => {
  const current = settings.get();
  return current.demo || storeAddressOf(current) === '';
};

/**
 * Starts the built-in demo (emulated store + sample ERP) when no real store is configured, and
 * points the settings and the password at it. Shared by headless mode and the Electron shell.
 */
export type DemoTuning = Omit<Parameters<typeof startDemo>[0], 'dataDir'>;

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
  await secrets.set('trayRestTokens', '');
  return demo;
};

export const runHeadless = async (options: HeadlessOptions): Promise<HeadlessRun> => {
  const log: Log = options.log ?? (() => {});
  const warn = (message: string) => log('warn', message);
  const settings = createConfSettingsStore({ dataDir: options.dataDir, warn });
  const secrets = createPlainSecretStore({ dataDir: options.dataDir, warn });
  if (options.configure) await applyServeConfig(options.configure, settings, secrets);

  const demo = await startDemoIfNeeded({
    dataDir: options.dataDir,
    settings,
    secrets,
    force: options.forceDemo ?? false,
    ...(options.demoOptions && { tuning: options.demoOptions }),
  });

  let engine: Engine | null = null;
  let server: HeadlessServer | null = null;
  try {
    engine = await createEngine({ dataDir: demo?.engineDataDir ?? options.dataDir, settings, secrets, log });
    await engine.start();
    server = await startHeadlessServer({
      endpoint: engine.endpoint,
      downloads: engine.downloads,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      ...(options.host !== undefined && { host: options.host }),
      ...(options.port !== undefined && { port: options.port }),
      ...(options.allowNonLoopback !== undefined && { allowNonLoopback: options.allowNonLoopback }),
      ...(options.token !== undefined && { token: options.token }),
    });
  } catch (error) {
    await engine?.stop().catch(() => {});
    await demo?.close().catch(() => {});
    throw error;
  }

  const running = { engine, server };
  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    server,
    engine,
    demo,
    close: () => {
      // Stop taking requests first, then let running jobs finish, then the demo store goes away.
      closing ??= (async () => {
        await running.server.close();
        await running.engine.stop();
        await demo?.close();
      })();
      return closing;
    },
  };
};
