/**
 * Ponte's engine: the local database, the connections, the jobs, the scheduler, the event stream
 * and the API handlers, put together. It runs in plain Node (no `electron` import): the Electron
 * shell and the headless server are two thin transports over the same `endpoint`.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { JOB_NAMES, type JobName, type RunSummary } from '../../shared/api/contract.ts';
import { setLocale } from '../../shared/i18n/index.ts';
import { createDispatcher, type EngineEndpoint } from './api/dispatch.ts';
import { createConnections, type RestClientTestOptions, type TrayClientFactory } from './connections.ts';
import { EventHub } from './events.ts';
import { createHandlers } from './handlers.ts';
import { createDownloadShelf, type DownloadShelf } from './downloads.ts';
import { createJobRunner } from './jobs.ts';
import type { SecretStore, SettingsStore } from './settings.ts';
import { openPonteDb, type PonteDb } from './store/index.ts';
import type { JobContext } from './sync/ports.ts';
import { Scheduler, type Timers } from './sync/scheduler.ts';
import { t } from './sync/messages.ts';
import { dbPacingMemory } from './pacing-memory.ts';
import { createTrayClientHandle } from './tray-handle.ts';

export interface EngineOptions {
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Tests and benchmarks inject timers; the default uses real ones. */
  timers?: Timers;
  createTrayClient?: TrayClientFactory;
  /** The REST client's clock, waits, timeouts or transport (tests; real ones otherwise). */
  restClient?: RestClientTestOptions;
  /** Watch the ERP files and push the catalogue when they change (default true). */
  watchErp?: boolean;
  /** How long stop() waits for running jobs before closing anyway (default 5 s). */
  stopTimeoutMs?: number;
  /** Quiet time after an ERP file change before the catalogue push starts (default 3 s). */
  erpDebounceMs?: number;
  /** Run the scheduled jobs once at start-up (default true). */
  syncOnStart?: boolean;
  /** The host's way off the demo (electron/session): stops this engine and starts one on the merchant's data. */
  leaveDemo?: () => Promise<void>;
}

export interface Engine {
  endpoint: EngineEndpoint;
  db: PonteDb;
  /** Prepared files the transports hand over (HTTP download, the shell's save dialog). */
  downloads: DownloadShelf;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs a job now and waits for it (tests, CLI, tray menu). */
  runJob(job: JobName): Promise<RunSummary>;
  /**
   * Resolves once no job is running, including runs that finishing ones started (a push kicked by
   * a pull): a benchmark driving the schedule on injected timers waits here before moving time on.
   */
  idle(): Promise<void>;
}

const ERP_WATCH_DEBOUNCE_MS = 3_000;

export const createEngine = async (options: EngineOptions): Promise<Engine> => {
  const now = options.now ?? (() => new Date());
  mkdirSync(options.dataDir, { recursive: true });
  const db = openPonteDb(path.join(options.dataDir, 'ponte.sqlite'), { now });
  const hub = new EventHub();
  setLocale(options.settings.get().locale);

  const log: JobContext['log'] = (level, job, message) => {
    db.log(level, job, message);
    options.log?.(level, `[${job}] ${message}`);
  };

  const connections = createConnections({
    settings: () => options.settings.get(),
    secrets: options.secrets,
    dataDir: options.dataDir,
    now,
    createTrayClient: options.createTrayClient ?? createTrayClientHandle,
    pacingMemory: (store) => dbPacingMemory(db, store),
    meta: db,
    log: (level, message) => log(level, 'app', message),
    ...(options.restClient && { restClient: options.restClient }),
  });

  const base = { db, settings: () => options.settings.get(), now, emit: hub.emit, log };
  const jobs = createJobRunner(base, connections);
  const scheduler = new Scheduler({
    intervals: () => options.settings.get().schedule,
    run: (job) => jobs.run(job),
    now,
    ...(options.timers && { timers: options.timers }),
  });

  const downloads = createDownloadShelf({
    dir: path.join(options.dataDir, 'downloads'),
    now,
    protectedPath: () => {
      const erp = options.settings.get().erp;
      return erp.kind === 'spreadsheet' && erp.path ? erp.path : null;
    },
  });
  const handlers = createHandlers({
    downloads,
    db,
    settingsStore: options.settings,
    secrets: options.secrets,
    connections,
    scheduler,
    jobs,
    context: () => ({ ...base, store: connections.storePort }),
    dataDir: options.dataDir,
    onSettingsChanged: (patch) => {
      if (patch.locale) setLocale(patch.locale);
      if (patch.erp) void watchErp();
    },
    ...(options.leaveDemo && { leaveDemo: options.leaveDemo }),
  });
  const endpoint = createDispatcher(handlers, hub.subscribe, (level, message) => log(level, 'app', message));

  // (declared before use by the handlers' settings hook, which only runs after start-up)
  let watchers: FSWatcher[] = [];
  let debounce: NodeJS.Timeout | null = null;
  const watchErp = async () => {
    if (options.watchErp === false) return;
    for (const w of watchers) w.close();
    watchers = [];
    const erp = await connections.erp().catch(() => null);
    for (const target of erp?.watchPaths() ?? []) {
      try {
        const watcher = watch(target, () => {
          if (debounce) clearTimeout(debounce);
          // Excel writes a file in several steps: wait for it to settle before reading.
          debounce = setTimeout(() => scheduler.runNow('catalog').catch(() => {}), options.erpDebounceMs ?? ERP_WATCH_DEBOUNCE_MS);
          debounce.unref();
        });
        watcher.unref();
        watchers.push(watcher);
      } catch {
        // A path that vanished is reported by the next catalogue run, with its name.
      }
    }
  };

  return {
    endpoint,
    db,
    downloads,
    runJob: (job) => scheduler.runNow(job),
    async idle() {
      do {
        await scheduler.idle();
        await new Promise<void>((resolve) => setImmediate(resolve));
      } while (JOB_NAMES.some((job) => scheduler.isRunning(job)));
    },
    async start() {
      const abandoned = db.abandonRunningRuns();
      if (abandoned > 0) log('warn', 'app', t('run.interrupted'));
      scheduler.start();
      await watchErp();
      hub.emit({ type: 'overview-changed' });
      // Catch up at start-up rather than one interval later: the shop was closed, orders arrived.
      if (options.syncOnStart !== false && !scheduler.isPaused()) {
        const intervals = options.settings.get().schedule;
        for (const job of ['orders', 'catalog', 'tracking'] as const) {
          if (intervals[job] > 0) scheduler.runNow(job).catch(() => {});
        }
      }
    },
    async stop() {
      scheduler.stop();
      // A run still talking to a slow store is not waited for long: everything it committed is
      // consistent (one transaction per order, outbox before send), so stopping mid-run is as
      // safe as the crashes the engine is built to survive.
      await Promise.race([scheduler.idle(), new Promise((resolve) => setTimeout(resolve, options.stopTimeoutMs ?? 5_000).unref())]);
      for (const w of watchers) w.close();
      if (debounce) clearTimeout(debounce);
      await connections.close();
      db.close();
    },
  };
};
