/**
 * The built-in demo: the store emulator on loopback plus a sample ERP workbook with the same SKUs,
 * and settings pointing Ponte at both — so a newcomer sees orders, a catalogue push and tracking
 * codes within a minute, without a real store. Shoppers keep placing an order now and then.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_STATUSES, type StoreTransport } from '../../shared/api/contract.ts';
import { startEmulator, STORE_STATUSES } from '../emulator/index.ts';
import { DEFAULT_SETTINGS, type StoredSettings } from '../engine/settings.ts';
import { suggestStoreStatus } from '../engine/sync/status-map.ts';
import { writeSampleErp } from './sample-erp.ts';

export interface Demo {
  emulatorUrl: string;
  /** Where the engine keeps the demo's own state, apart from a real store's. */
  engineDataDir: string;
  settings: StoredSettings;
  password: string;
  /**
   * For tests only (never on the engine's contract, so the window cannot reach it): takes the
   * emulated store down as a Tray outage looks (every request answers the web server's 503 page),
   * or brings it back.
   */
  setStoreOutage(down: boolean): void;
  /** The emulator's REST credentials, for the secret store (the demo offers both transports). */
  rest: { consumerKey: string; consumerSecret: string; code: string };
  close(): Promise<void>;
}

export interface DemoOptions {
  dataDir: string;
  seed?: number;
  /** Per-call latency of the emulated store (default 120 ms: slow enough to feel real). */
  latencyMs?: number;
  /** Minutes between new demo orders (default 2; 0 = none). */
  newOrderEveryMinutes?: number;
  port?: number;
  /** How the demo store is reached (default SOAP); its emulator answers both. */
  transport?: StoreTransport;
}

/** Statuses the demo pushes to the store: the ones a shop changes from its side. */
const PUSHED = new Set(['em_separacao', 'enviado', 'entregue']);

export const demoStatusMapping = (): StoredSettings['statusMapping'] => {
  const statuses = STORE_STATUSES.map((s) => ({ id: s.id_status, name: s.status, type: s.tipo }));
  return LOCAL_STATUSES.map((local) => {
    const suggestion = suggestStoreStatus(local, statuses);
    return { local, storeStatusId: suggestion?.id ?? null, push: suggestion !== null && PUSHED.has(local) };
  });
};

export const startDemo = async (options: DemoOptions): Promise<Demo> => {
  const seed = options.seed ?? 1;
  const emulator = await startEmulator({
    seed,
    port: options.port ?? 0,
    latencyMs: options.latencyMs ?? 120,
    jitterMs: 60,
    maxConcurrent: 8,
  });
  const erp = await writeSampleErp(path.join(options.dataDir, 'erp'), seed);
  // The emulated store starts afresh on every run, so the demo's sync state must too: bindings
  // and orders of yesterday's emulator would point at records this one does not have.
  const engineDataDir = path.join(options.dataDir, 'estado');
  rmSync(engineDataDir, { recursive: true, force: true });

  const everyMinutes = options.newOrderEveryMinutes ?? 2;
  const shopper = everyMinutes > 0 ? setInterval(() => emulator.store.placeOrders(1), everyMinutes * 60_000) : null;
  shopper?.unref();

  const rest = emulator.rest.config();
  const settings: StoredSettings = {
    ...DEFAULT_SETTINGS,
    demo: true,
    store: { url: emulator.endpoint, storeId: emulator.credentials.storeId, login: emulator.credentials.login, transport: options.transport ?? 'soap', apiAddress: emulator.restUrl },
    erp: { kind: 'spreadsheet', path: erp.workbook },
    statusMapping: demoStatusMapping(),
    schedule: { catalog: 30, orders: 1, tracking: 1, export: 0 },
    export: { target: 'csv', folder: path.join(options.dataDir, 'exportados') },
  };

  return {
    emulatorUrl: emulator.url,
    engineDataDir,
    settings,
    password: emulator.credentials.password,
    setStoreOutage: (down) => emulator.setConfig({ outage: down }),
    rest: { consumerKey: rest.consumerKey, consumerSecret: rest.consumerSecret, code: rest.code },
    async close() {
      if (shopper) clearInterval(shopper);
      await emulator.close();
    },
  };
};
