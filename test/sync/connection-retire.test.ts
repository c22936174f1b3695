/**
 * #12 defect 4: a settings change retires the store client and the ERP connector. The retired ones
 * must be closed — at once when idle, after their last call when a job is still using them — not
 * kept open until quit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnections, type TrayClientHandle } from '../../electron/engine/connections.ts';
import type { ErpConnector } from '../../electron/engine/erp/index.ts';
import { DEFAULT_SETTINGS, memorySecretStore, type StoredSettings } from '../../electron/engine/settings.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

const setup = async () => {
  const secrets = memorySecretStore();
  await secrets.set('trayPassword', 'x');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ponte-retire-'));
  dirs.push(dataDir);
  let settings: StoredSettings = { ...DEFAULT_SETTINGS, store: { url: 'https://loja.example', storeId: '1', login: 'ws' }, erp: { kind: 'spreadsheet', path: '/erp/a.xlsx' } };
  const clients = { opened: 0, closed: 0 };
  const erps = { opened: 0, closed: 0 };
  /** When set, store calls wait on it: a job in flight. */
  let gate: Promise<void> | null = null;
  const connections = createConnections({
    settings: () => settings,
    secrets,
    dataDir,
    now: () => new Date('2026-12-02T10:00:00Z'),
    createTrayClient: (): TrayClientHandle => {
      clients.opened += 1;
      let closed = false;
      return {
        connect: async () => {},
        features: () => ({}),
        close: async () => {
          closed = true;
          clients.closed += 1;
        },
        call: (async () => {
          await gate;
          if (closed) throw new Error('client closed under a call');
          return [];
        }) as TrayClientHandle['call'],
      };
    },
    openErpConnector: async (): Promise<ErpConnector> => {
      erps.opened += 1;
      let closed = false;
      return {
        kind: 'spreadsheet',
        source: '/erp/a.xlsx',
        readCatalog: async () => ({ catalog: { categories: [], brands: [], characteristics: [], products: [], variants: [], customers: [], weddingLists: [] }, problems: [], counts: {} }),
        readShippingUpdates: async () => ({ records: [], problems: [] }) as never,
        writeOrders: async () => {
          await gate;
          if (closed) throw new Error('connector closed under a write');
          return { written: 0, skipped: 0 };
        },
        fingerprint: async () => 'f',
        watchPaths: () => [],
        close: async () => {
          closed = true;
          erps.closed += 1;
        },
      };
    },
  });
  const change = async (n: number) => {
    settings = { ...settings, store: { ...settings.store, login: `ws${n}` }, erp: { ...settings.erp, path: `/erp/${n}.xlsx` } };
    await connections.reset();
  };
  return { connections, clients, erps, change, setGate: (g: Promise<void> | null) => (gate = g) };
};

/** Lets the retire step (which waits on the old connection's promise) run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('retired connections (#12 defect 4)', () => {
  it('after several settings changes only the current client and connector stay open', async () => {
    const { connections, clients, erps, change } = await setup();
    for (let n = 1; n <= 5; n += 1) {
      await connections.trayPort.call('fWSImportaCategorias', []);
      await connections.erp();
      await change(n);
      await settle();
    }
    await connections.trayPort.call('fWSImportaCategorias', []);
    await connections.erp();
    await settle();
    expect(clients).toEqual({ opened: 6, closed: 5 });
    expect(erps).toEqual({ opened: 6, closed: 5 });
    await connections.close();
    expect(clients.closed).toBe(6);
    expect(erps.closed).toBe(6);
  });

  it('a client or connector retired during a call is closed only after that call ends', async () => {
    const { connections, clients, erps, change, setGate } = await setup();
    const gate = deferred();
    setGate(gate.promise);
    const erp = (await connections.erp()) as ErpConnector;
    const storeCall = connections.trayPort.call('fWSImportaCategorias', []);
    const erpWrite = erp.writeOrders([]);
    await settle();
    await change(1);
    await settle();
    expect(clients.closed).toBe(0);
    expect(erps.closed).toBe(0);
    gate.resolve();
    await expect(storeCall).resolves.toEqual([]);
    await expect(erpWrite).resolves.toEqual({ written: 0, skipped: 0 });
    await settle();
    expect(clients).toEqual({ opened: 1, closed: 1 });
    expect(erps).toEqual({ opened: 1, closed: 1 });
  });
});
