/**
 * The engine's two outside connections — the Tray store and the ERP source — created lazily from
 * the current settings, kept while the settings stay the same, and dropped when they change.
 * Their health is tracked here for the Painel (ok / error with the merchant-facing reason).
 */
import path from 'node:path';
import type { ConnectionState, ConnectionTestResult, FeatureState } from '../../shared/api/contract.ts';
import { openErpConnector, type ErpConnector } from './erp/index.ts';
import type { SecretStore, StoredSettings } from './settings.ts';
import { t } from './sync/messages.ts';
import { errorMessage, isServerHiccup, trayErrorKind, type TrayPort } from './sync/ports.ts';
import type { FieldMap, OperationArgs, OperationName, OperationResult } from './tray/operations.ts';

export interface TrayClientConfig {
  url: string;
  storeId: string;
  login: string;
  password: string;
  cacheDir: string;
  /** The store's own field names, per type (settings.fieldMap). */
  fieldMap?: FieldMap;
  /** Calls in flight and calls per minute; the client's conservative defaults when absent. */
  poolSize?: number;
  perMinute?: number;
}

/** The demo store is an emulator on this machine: no need to spare it like a real store. */
const DEMO_LIMITS = { poolSize: 8, perMinute: 0 } as const;

/** What the engine needs of a Tray client: typed calls, a connect step, and the store's features. */
export interface TrayClientHandle extends TrayPort {
  connect(options?: { refreshWsdl?: boolean }): Promise<void>;
  features(): Record<string, FeatureState>;
  close(): Promise<void>;
}

export type TrayClientFactory = (config: TrayClientConfig) => TrayClientHandle;

export interface Connections {
  /** A TrayPort that connects on first use, so jobs that never call the store never connect. */
  trayPort: TrayPort;
  tray(): Promise<TrayClientHandle>;
  erp(): Promise<ErpConnector | null>;
  storeState(): ConnectionState & { features: Record<string, FeatureState> };
  erpState(): ConnectionState;
  /**
   * Tests the store access given (the form as typed; a field left out is the saved one) with a
   * client of its own. Only a test of exactly the saved access changes the Painel's health.
   */
  testConnection(candidate?: StoreAccessInput): Promise<ConnectionTestResult>;
  /** Drops both connections (after a settings change). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreAccessInput {
  url?: string;
  storeId?: string;
  login?: string;
  password?: string;
}

/** Consecutive failed store calls, of any kind, after which the store is shown as failing. */
export const FAILING_AFTER = 3;

const unknownState = (): ConnectionState => ({ state: 'unknown', message: null, checkedAt: null });

export const createConnections = (deps: {
  settings: () => StoredSettings;
  secrets: SecretStore;
  dataDir: string;
  now: () => Date;
  createTrayClient: TrayClientFactory;
}): Connections => {
  let client: Promise<TrayClientHandle> | null = null;
  let erp: Promise<ErpConnector | null> | null = null;
  let store: ConnectionState = unknownState();
  let erpHealth: ConnectionState = unknownState();
  let features: Record<string, FeatureState> = {};

  const mark = (ok: boolean, message: string | null): ConnectionState => ({ state: ok ? 'ok' : 'error', message, checkedAt: deps.now().toISOString() });

  let consecutiveFailures = 0;

  const build = async (connectOptions: { refreshWsdl?: boolean } = {}, candidate: StoreAccessInput = {}): Promise<TrayClientHandle> => {
    const { store: saved, demo, fieldMap } = deps.settings();
    const s = { url: candidate.url ?? saved.url, storeId: candidate.storeId ?? saved.storeId, login: candidate.login ?? saved.login };
    const password = candidate.password ?? (await deps.secrets.get('trayPassword'));
    if (!s.url || !s.storeId || !s.login || password === null) throw new Error(t('store.notConfigured'));
    const handle = deps.createTrayClient({
      url: s.url,
      storeId: s.storeId,
      login: s.login,
      password,
      cacheDir: path.join(deps.dataDir, 'wsdl-cache'),
      ...(fieldMap && Object.keys(fieldMap).length > 0 && { fieldMap: fieldMap as FieldMap }),
      ...(demo && DEMO_LIMITS),
    });
    try {
      await handle.connect(connectOptions);
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
    return handle;
  };

  const tray = (): Promise<TrayClientHandle> => {
    client ??= build().then(
      (handle) => {
        features = handle.features();
        store = mark(true, null);
        return handle;
      },
      (error: unknown) => {
        client = null; // try again next time: the store may be back
        store = mark(false, errorMessage(error));
        throw error;
      },
    );
    return client;
  };

  const trayPort: TrayPort = {
    call: async <N extends OperationName>(name: N, args: OperationArgs<N>): Promise<OperationResult<N>> => {
      const handle = await tray();
      try {
        const result = await handle.call(name, args);
        consecutiveFailures = 0;
        if (store.state !== 'ok') store = mark(true, null);
        return result;
      } catch (error) {
        const kind = trayErrorKind(error);
        // A "not found" is an answer; a server fault, an unreadable answer or a lost one is not.
        // Whatever the kind, a store that fails call after call is not "Conectado".
        const answered = kind === 'rejected' && !isServerHiccup(error);
        consecutiveFailures = answered ? 0 : consecutiveFailures + 1;
        if (kind === 'auth' || kind === 'transient' || consecutiveFailures >= FAILING_AFTER) store = mark(false, errorMessage(error));
        throw error;
      }
    },
  };

  const openErp = async (): Promise<ErpConnector | null> => {
    const { kind, path: source } = deps.settings().erp;
    if (kind === 'none' || !source) {
      erpHealth = unknownState();
      return null;
    }
    try {
      const password = kind === 'sql' ? await deps.secrets.get('erpPassword') : null;
      const connector = await openErpConnector({ kind, path: source, password });
      erpHealth = mark(true, null);
      return connector;
    } catch (error) {
      erp = null;
      erpHealth = mark(false, errorMessage(error));
      throw error;
    }
  };

  // A job may still be using the old client or connector when the settings change: closing them
  // under it would turn its writes into "outcome unknown". They are retired and closed at the end.
  const retired: Array<Promise<unknown>> = [];
  const reset = async () => {
    if (client) retired.push(client.catch(() => null));
    if (erp) retired.push(erp.catch(() => null));
    client = null;
    erp = null;
    store = unknownState();
    erpHealth = unknownState();
    features = {};
  };
  const close = async () => {
    await reset();
    const all = retired.splice(0);
    await Promise.allSettled(all.map(async (p) => ((await p) as { close?: () => Promise<void> } | null)?.close?.()));
  };

  return {
    trayPort,
    tray,
    erp: () => (erp ??= openErp()),
    storeState: () => ({ ...store, features }),
    erpState: () => erpHealth,
    async testConnection(candidate = {}) {
      // A client of its own, with a fresh WSDL: the running jobs keep theirs undisturbed.
      let handle: TrayClientHandle | null = null;
      const saved = deps.settings().store;
      const savedPassword = candidate.password === undefined ? null : await deps.secrets.get('trayPassword');
      const isSaved =
        (candidate.url ?? saved.url) === saved.url &&
        (candidate.storeId ?? saved.storeId) === saved.storeId &&
        (candidate.login ?? saved.login) === saved.login &&
        (candidate.password === undefined || candidate.password === savedPassword);
      let tested: Record<string, FeatureState> = {};
      try {
        handle = await build({ refreshWsdl: true }, candidate);
        tested = handle.features();
        // The connect step reads only the WSDL: a status read proves the store takes the login and password.
        const statuses = tested.orderStatus?.available === false ? [] : await handle.call('fWSImportaStatusPedido', []);
        if (isSaved) store = mark(true, null);
        return {
          ok: true,
          message: t('store.connectionOk'),
          features: tested,
          statuses: statuses.map((s) => ({ id: s.id_status, name: s.status, type: s.tipo })),
        };
      } catch (error) {
        if (isSaved) store = mark(false, errorMessage(error));
        return { ok: false, message: errorMessage(error), features: tested, statuses: [] };
      } finally {
        await handle?.close().catch(() => {});
      }
    },
    reset,
    close,
  };
};
