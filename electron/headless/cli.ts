/**
 * `npm run serve -- [--port N] [--host H --allow-non-loopback] [--data-dir D] [--demo]
 *   [--config FILE.json] [--store-url URL --store-id ID --login L]` (see configure.ts)
 * Prints the URL (with its token) and runs until Ctrl+C / SIGTERM.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readServeConfig } from './configure.ts';
import { t } from './messages.ts';
import { runHeadless, type HeadlessOptions, type HeadlessRun } from './run.ts';

export const defaultDataDir = (): string =>
  process.env.PONTE_DATA_DIR ??
  (process.platform === 'win32' && process.env.APPDATA ? path.join(process.env.APPDATA, 'Ponte') : path.join(homedir(), '.ponte'));

export const parseCliArgs = (argv: string[], env: NodeJS.ProcessEnv = process.env): HeadlessOptions => {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-non-loopback': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      'static-dir': { type: 'string' },
      config: { type: 'string' },
      'store-url': { type: 'string' },
      'store-id': { type: 'string' },
      login: { type: 'string' },
    },
    strict: true,
  });
  const portText = values.port ?? env.PONTE_PORT ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(t('cli.badArgs', { arg: `--port ${portText}` }));
  return {
    dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
    port,
    ...(values.host !== undefined && { host: values.host }),
    allowNonLoopback: values['allow-non-loopback'],
    forceDemo: values.demo,
    ...(values['static-dir'] !== undefined && { staticDir: path.resolve(values['static-dir']) }),
    ...withConfig(readServeConfig(values.config, { url: values['store-url'], storeId: values['store-id'], login: values.login }, env)),
  };
};

const withConfig = (configure: HeadlessOptions['configure'] | null) => (configure ? { configure } : {});

export const SHUTDOWN_GRACE_MS = 10_000;

/** Runs until a signal; shared by `npm run serve` and `npm start` without Electron. */
export const serveUntilSignal = async (options: HeadlessOptions, announce: (run: HeadlessRun) => void): Promise<void> => {
  const run = await runHeadless({
    ...options,
    log: (level, message) => {
      if (level !== 'info') console.error(`[${level}] ${message}`);
    },
  });
  announce(run);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130); // a second Ctrl+C means now
    stopping = true;
    console.log(t('cli.stopping'));
    // The engine finishes the job in progress; a job stuck on a slow store must not keep the
    // process alive forever (SQLite and the outbox are safe to interrupt: runs left "running" are
    // marked interrupted at the next start).
    setTimeout(() => {
      console.error(t('cli.forced', { seconds: SHUTDOWN_GRACE_MS / 1000 }));
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
    run.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  let options: HeadlessOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(t('cli.usage'));
    process.exit(2);
  }
  const announce = (run: HeadlessRun) => {
    if (run.demo) console.log(t('cli.demo'));
    console.log(t('cli.listening', { url: run.url }));
  };
  serveUntilSignal(options, announce).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
