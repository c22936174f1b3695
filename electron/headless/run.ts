/**
 * Headless mode put together: settings (conf) and secrets (plain file) in the data dir, the
 * built-in demo when no real store is configured, the engine, and the HTTP server.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Demo } from '../demo/index.ts';
import type { Engine } from '../engine/index.ts';
import { startSession, type DemoTuning } from '../session/index.ts';
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

export { needsDemo, startDemoIfNeeded, type DemoTuning } from '../session/index.ts';

export const runHeadless = async (options: HeadlessOptions): Promise<HeadlessRun> => {
  const log: Log = options.log ?? (() => {});
  const warn = (message: string) => log('warn', message);
  const settings = createConfSettingsStore({ dataDir: options.dataDir, warn });
  const secrets = createPlainSecretStore({ dataDir: options.dataDir, warn });
  if (options.configure) await applyServeConfig(options.configure, settings, secrets);

  const session = await startSession({
    dataDir: options.dataDir,
    settings,
    secrets,
    log,
    ...(options.forceDemo !== undefined && { forceDemo: options.forceDemo }),
    ...(options.demoOptions && { demoTuning: options.demoOptions }),
  });
  let server: HeadlessServer | null = null;
  try {
    await session.start();
    server = await startHeadlessServer({
      endpoint: session.endpoint,
      downloads: session.downloads,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      ...(options.host !== undefined && { host: options.host }),
      ...(options.port !== undefined && { port: options.port }),
      ...(options.allowNonLoopback !== undefined && { allowNonLoopback: options.allowNonLoopback }),
      ...(options.token !== undefined && { token: options.token }),
    });
  } catch (error) {
    await session.stop().catch(() => {});
    throw error;
  }

  const running = server;
  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    server,
    // The engine and demo of now: leaving the demo replaces both.
    get engine() {
      return session.engine;
    },
    get demo() {
      return session.demo;
    },
    close: () => {
      // Stop taking requests first, then let running jobs finish, then the demo store goes away.
      closing ??= (async () => {
        await running.close();
        await session.stop();
      })();
      return closing;
    },
  };
};
