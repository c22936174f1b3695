/**
 * The engine's two outside connections — the Tray store and the ERP source — created lazily from
 * the current settings, kept while the settings stay the same, and dropped when they change.
 * Their health is tracked here for the Painel (ok / error with the merchant-facing reason).
 */
import path from 'node:path';
import type { ConnectionState, ConnectionTestResult, FeatureState } from '../../shared/api/contract.ts';
import type { StoreFieldReport } from '../../shared/api/store-fields.ts';
import { getLocale } from '../../shared/i18n/index.ts';
import { openErpConnector, openSqlConnector, type ErpConnector } from './erp/index.ts';
import { isServerDatabase, mappingOf } from './erp/database-settings.ts';
import { t as dbText } from './erp/database-messages.ts';
import { restCallsPerDayOf, storePaceOf, storeTransportOf, type SecretStore, type StoredSettings } from './settings.ts';
import { t } from './sync/messages.ts';
import { errorMessage, isServerHiccup, trayErrorKind, type TrayPort } from './sync/ports.ts';
import type { PacingMemory } from './tray/client.ts';
import { operationLabel } from './tray/operation-labels.ts';
import type { StoreCapabilities, StorePort } from './store-port/port.ts';
import { SoapStoreAdapter } from './store-port/soap-adapter.ts';
import { deferredStorePort } from './store-port/deferred.ts';
import { RestStoreAdapter } from './rest/adapter.ts';
import { memoryTokenStore, secretTokenStore, type NamedSecrets, type RestTokens, type TokenStore } from './rest/auth.ts';
import { budgetStoreKey, DailyBudget, memoryBudgetStore, metaBudgetStore, type BudgetStore } from './rest/budget.ts';
import { restActivityLine } from './rest/activity.ts';
import { RestClient, type RestClientEvent, type RestClientOptions } from './rest/client.ts';
import { testRestConnection } from './rest/index.ts';
import type { StatusKind } from './store-port/domain.ts';
import type { MetaStore } from './store/meta.ts';
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
  /** Where the pacing window survives a restart. */
  pacing?: PacingMemory;
}

/** The demo store is an emulator on this machine: no need to spare it like a real store. */
const DEMO_LIMITS = { poolSize: 8, perMinute: 0 } as const;

/** What the engine needs of a Tray client: typed calls, a connect step, and the store's features. */
export interface TrayClientHandle extends TrayPort {
  connect(options?: { refreshWsdl?: boolean }): Promise<void>;
  features(): Record<string, FeatureState>;
  /** The store's WSDL field names against ours (after connect); absent in fakes that do not model a WSDL. */
  fieldReport?(): StoreFieldReport | null;
  close(): Promise<void>;
}

export type TrayClientFactory = (config: TrayClientConfig) => TrayClientHandle;

/** What a test may set on the engine's REST client: never the access, the budget or the pace. */
export type RestClientTestOptions = Partial<Pick<RestClientOptions, 'now' | 'sleep' | 'random' | 'fetch' | 'timeoutMs' | 'retry'>>;

export interface Connections {
  /** A TrayPort that connects on first use, so jobs that never call the store never connect. */
  trayPort: TrayPort;
  /** The store port over the chosen transport (`store.transport`), connecting on first use too. */
  storePort: StorePort;
  tray(): Promise<TrayClientHandle>;
  erp(): Promise<ErpConnector | null>;
  storeState(): ConnectionState & { features: Record<string, FeatureState> };
  /**
   * Today's REST call budget of the configured store (the same record every REST client spends
   * from, on the engine's clock); null on SOAP, which has no published daily cap.
   */
  restBudget(): DailyBudget | null;
  erpState(): ConnectionState;
  /**
   * Tests the store access given (the form as typed; a field left out is the saved one) with a
   * client of its own. Only a test of exactly the saved access changes the Painel's health.
   */
  testConnection(candidate?: StoreAccessInput): Promise<ConnectionTestResult>;
  /**
   * Exchanges a REST authorisation code for tokens (Tray's `POST /auth`) with a client of its own;
   * saves nothing (the caller keeps what worked). Throws the client's RestError when refused.
   */
  authorizeRest(access: RestAuthorization): Promise<RestTokens>;
  /** Drops both connections (after a settings change). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreAccessInput {
  /** The form's choice; absent = the saved transport. */
  transport?: 'soap' | 'rest';
  url?: string;
  storeId?: string;
  login?: string;
  password?: string;
  apiAddress?: string;
  consumerKey?: string;
  consumerSecret?: string;
}

/** What "Autorizar" exchanges: the REST access as typed, the saved key and secret already filled in. */
export interface RestAuthorization {
  apiAddress: string;
  consumerKey: string;
  consumerSecret: string;
  code: string;
}

/** The settings screen's status types are the store's SOAP words (the status suggestion reads them). */
const STATUS_TYPE: Record<StatusKind, string> = { open: 'aberto', closed: 'fechado', cancelled: 'cancelado' };

/** What the engine offers on REST: the adapter's capabilities (wedding lists off, with the reason). */
export const restFeatures = (capabilities: StoreCapabilities): Record<string, FeatureState> => ({ ...capabilities });

/** Consecutive failed store calls, of any kind, after which the store is shown as failing. */
export const FAILING_AFTER = 3;

/**
 * What the Conexões card says of a failing store. A login refused or a store out of reach says so
 * itself; any other failure is the message of one record's call ("Não sabemos se a loja aplicou a
 * atualização do estoque…", with the web server's page quoted), which tells a merchant nothing of
 * the store: the card says the store keeps failing, and keeps the last call and its status short.
 */
const healthMessage = (error: unknown, failures: number): string => {
  const kind = trayErrorKind(error);
  if (kind === 'auth' || kind === 'transient' || !(error instanceof Error)) return errorMessage(error);
  const { operation, detail } = error as Error & { operation?: unknown; detail?: unknown };
  const raw = typeof detail === 'string' && detail.trim() ? detail.trim() : error.message;
  const status = /^HTTP \d{3}/.exec(raw)?.[0];
  // The store's own sentence ends in a full stop; inside the parenthesis it would read "…mais tarde.)."
  const short = status ?? (raw.length > 80 ? `${raw.slice(0, 79)}…` : raw.replace(/[.\s]+$/, ''));
  return t('store.failing', { count: failures, operation: operationLabel(typeof operation === 'string' ? operation : null, getLocale()), detail: short });
};

const unknownState = (): ConnectionState => ({ state: 'unknown', message: null, checkedAt: null });

export const createConnections = (deps: {
  settings: () => StoredSettings;
  secrets: SecretStore;
  dataDir: string;
  now: () => Date;
  createTrayClient: TrayClientFactory;
  /** Opens the ERP connector (tests inject one; the real drivers otherwise). */
  openErpConnector?: typeof openErpConnector;
  /** The persisted pacing window of a store (by its address and id). */
  pacingMemory?: (store: string) => PacingMemory;
  /** Where REST's daily call count survives a restart (Ponte's database); memory without it. */
  meta?: MetaStore;
  /** Tests inject the REST client's transport (the emulator is reached over real HTTP otherwise). */
  restFetch?: typeof fetch;
  /** Tests inject the REST client's clock, waits and timeouts (a soak on a virtual clock, kills aimed at a call). */
  restClient?: RestClientTestOptions;
  /** The activity log: the jobs' REST client reports its retries and 429 waits there. */
  log?: (level: 'info' | 'warn', message: string) => void;
}): Connections => {
  const openConnector = deps.openErpConnector ?? openErpConnector;
  let client: Promise<TrayClientHandle> | null = null;
  let rest: Promise<RestStoreAdapter> | null = null;
  let erp: Promise<ErpConnector | null> | null = null;
  // Calls in flight per client or connector: a retired one is closed once its count falls to 0.
  const inUse = new Map<object, number>();
  const retiredSet = new Set<object>();
  const closing: Array<Promise<unknown>> = [];
  const closeIfIdle = (resource: { close(): Promise<void> }) => {
    if (!retiredSet.has(resource) || (inUse.get(resource) ?? 0) > 0) return;
    retiredSet.delete(resource);
    inUse.delete(resource);
    const done: Promise<void> = resource
      .close()
      .catch(() => {})
      .finally(() => closing.splice(closing.indexOf(done) >>> 0, 1));
    closing.push(done);
  };
  const using = async <T>(resource: { close(): Promise<void> }, fn: () => Promise<T>): Promise<T> => {
    inUse.set(resource, (inUse.get(resource) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      inUse.set(resource, (inUse.get(resource) ?? 1) - 1);
      closeIfIdle(resource);
    }
  };
  /** Every call of the connector is counted, so that retiring it never closes it under a call. */
  const tracked = (connector: ErpConnector): ErpConnector => {
    const wrap =
      <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> =>
        using(connector, () => fn.apply(connector, args));
    return {
      kind: connector.kind,
      source: connector.source,
      readCatalog: wrap(connector.readCatalog),
      readShippingUpdates: wrap(connector.readShippingUpdates),
      writeOrders: wrap(connector.writeOrders),
      fingerprint: wrap(connector.fingerprint),
      watchPaths: () => connector.watchPaths(),
      close: () => connector.close(),
    };
  };
  const opened = new Map<ErpConnector, ErpConnector>();
  let store: ConnectionState = unknownState();
  let erpHealth: ConnectionState = unknownState();
  let features: Record<string, FeatureState> = {};

  const mark = (ok: boolean, message: string | null): ConnectionState => ({ state: ok ? 'ok' : 'error', message, checkedAt: deps.now().toISOString() });

  let consecutiveFailures = 0;
  const noteFailure = (error: unknown) => {
    const kind = trayErrorKind(error);
    // A "not found" is an answer; a server fault, an unreadable answer or a lost one is not.
    // Whatever the kind, a store that fails call after call is not "Conectado".
    const answered = kind === 'rejected' && !isServerHiccup(error);
    consecutiveFailures = answered ? 0 : consecutiveFailures + 1;
    if (kind === 'auth' || kind === 'transient' || consecutiveFailures >= FAILING_AFTER) store = mark(false, healthMessage(error, consecutiveFailures));
  };

  // Only the jobs' client keeps the persisted window: a connection test's own client must not overwrite it.
  const build = async (connectOptions: { refreshWsdl?: boolean } = {}, candidate: StoreAccessInput = {}, persistPace = false): Promise<TrayClientHandle> => {
    const settings = deps.settings();
    const { store: saved, demo, fieldMap } = settings;
    const pace = storePaceOf(settings);
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
      ...(demo ? DEMO_LIMITS : { poolSize: pace.callsInFlight, perMinute: pace.callsPerMinute }),
      ...(persistPace && deps.pacingMemory && !demo && { pacing: deps.pacingMemory(`${s.url}#${s.storeId}`) }),
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
    client ??= build({}, {}, true).then(
      (handle) => {
        features = handle.features();
        store = mark(true, null);
        return handle;
      },
      (error: unknown) => {
        client = null; // try again next time: the store may be back
        store = mark(false, healthMessage(error, consecutiveFailures));
        throw error;
      },
    );
    return client;
  };

  const trayPort: TrayPort = {
    call: async <N extends OperationName>(name: N, args: OperationArgs<N>): Promise<OperationResult<N>> => {
      const handle = await tray();
      try {
        const result = await using(handle, () => handle.call(name, args));
        // A background WSDL refresh may have changed what the store offers (operations, fields).
        features = handle.features();
        consecutiveFailures = 0;
        if (store.state !== 'ok') store = mark(true, null);
        return result;
      } catch (error) {
        noteFailure(error);
        throw error;
      }
    },
  };

  // The SOAP adapter over the same lazily connecting port: one client, one pace, one health state.
  // `connect` so that its capabilities are the store's WSDL's even before any other call.
  const soapStore = new SoapStoreAdapter({ call: trayPort.call, features: () => features, connect: () => tray().then(() => {}) });

  /** REST's secrets by name: only the tokens are written through it (rest/auth.ts). */
  const restSecrets: NamedSecrets = {
    get: (name) => (name === 'trayRestTokens' ? deps.secrets.get(name) : Promise.reject(new Error(`segredo desconhecido: ${name}`))),
    set: (name, value) => (name === 'trayRestTokens' ? deps.secrets.set(name, value) : Promise.reject(new Error(`segredo desconhecido: ${name}`))),
  };

  // Without the database (some tests), one memory record per connections object, still shared.
  const memoryBudget = memoryBudgetStore();
  const budgetStoreOf = (apiAddress: string): BudgetStore => (deps.meta ? metaBudgetStore(deps.meta, budgetStoreKey(apiAddress)) : memoryBudget);
  const restBudget = (): DailyBudget | null => {
    const settings = deps.settings();
    if (storeTransportOf(settings) !== 'rest') return null;
    return new DailyBudget({ perDay: restCallsPerDayOf(settings), now: deps.now, store: budgetStoreOf(settings.store.apiAddress ?? '') });
  };

  /** The REST access the form gives (a field left out = the saved one), and whether it is the saved one. */
  const restAccess = async (candidate: StoreAccessInput = {}) => {
    const saved = deps.settings().store;
    const [savedKey, savedSecret, code] = await Promise.all([deps.secrets.get('restConsumerKey'), deps.secrets.get('restConsumerSecret'), deps.secrets.get('restCode')]);
    const apiAddress = (candidate.apiAddress ?? saved.apiAddress ?? '').trim();
    const consumerKey = candidate.consumerKey ?? savedKey;
    const consumerSecret = candidate.consumerSecret ?? savedSecret;
    // The saved tokens were issued for the saved address and key pair: with any other they mean nothing.
    const isSaved = apiAddress === (saved.apiAddress ?? '').trim() && consumerKey === savedKey && consumerSecret === savedSecret;
    return { apiAddress, consumerKey, consumerSecret, code: isSaved ? code : null, isSaved };
  };

  /** `exchange`: "Autorizar" — the typed code, and tokens kept apart until the caller saves them. */
  const buildRest = async (candidate?: StoreAccessInput, exchange?: { code: string; tokens: TokenStore }, onEvent?: RestClientOptions['onEvent']): Promise<{ client: RestClient; port: RestStoreAdapter }> => {
    const settings = deps.settings();
    const { apiAddress, consumerKey, consumerSecret, code, isSaved } = await restAccess(candidate);
    if (!apiAddress || !consumerKey || !consumerSecret) throw new Error(t('store.restNotConfigured'));
    const restClient = new RestClient({
      apiAddress,
      consumerKey,
      consumerSecret,
      code: exchange?.code ?? (code || null),
      tokens: exchange?.tokens ?? (isSaved ? secretTokenStore(restSecrets) : memoryTokenStore()),
      // Per store, per day of the engine's clock, in Ponte's database: a restart keeps today's count.
      budgetStore: budgetStoreOf(apiAddress),
      budgetNow: deps.now,
      // The store's own daily limit (10,000, 50,000 for large stores, or the share the merchant set),
      // read from the settings on every call: changing it needs no new client.
      perDay: () => restCallsPerDayOf(deps.settings()),
      // Tray's 180 a minute binds the demo's emulator too; only the calls in flight follow storePace.
      poolSize: storePaceOf(settings).callsInFlight,
      ...(deps.restFetch && { fetch: deps.restFetch }),
      ...(onEvent && { onEvent }),
      ...deps.restClient,
    });
    return { client: restClient, port: new RestStoreAdapter({ client: restClient }) };
  };

  const restPort = (): Promise<RestStoreAdapter> => {
    // Only the jobs' client reports to Atividade: a connection test answers on its own screen.
    const log = deps.log;
    const onEvent = log
      ? (event: RestClientEvent) => {
          const line = restActivityLine(event);
          if (line) log(line.level, line.message);
        }
      : undefined;
    rest ??= buildRest(undefined, undefined, onEvent).then(
      async ({ port }) => {
        features = restFeatures(await port.capabilities());
        return port;
      },
      (error: unknown) => {
        rest = null;
        store = mark(false, healthMessage(error, consecutiveFailures));
        throw error;
      },
    );
    return rest;
  };

  const storePort = deferredStorePort({
    resolve: () => (storeTransportOf(deps.settings()) === 'rest' ? restPort() : Promise.resolve(soapStore)),
    describe: () =>
      storeTransportOf(deps.settings()) === 'rest'
        ? { transport: 'rest', acknowledgement: 'checkpoint', acknowledgementStatusId: null }
        : { transport: 'soap', acknowledgement: 'todoList', acknowledgementStatusId: null },
    // A REST client retired by a settings change is closed once its calls in flight are over.
    around: (port, call) => (port === soapStore ? call() : using(port, call)),
    // SOAP calls are watched by the TrayPort they go through; REST's here.
    observe: (outcome) => {
      if (storeTransportOf(deps.settings()) !== 'rest') return;
      if (outcome.ok) {
        consecutiveFailures = 0;
        if (store.state !== 'ok') store = mark(true, null);
      } else noteFailure(outcome.error);
    },
  });

  /**
   * "Testar conexão" on REST: the access as typed, a client of its own, the store's statuses. The
   * saved authorisation serves only the saved address and key pair; another one is reported as not
   * authorised (a code is exchanged by "Autorizar", which keeps the tokens, never by a test).
   */
  const testRest = async (candidate: StoreAccessInput): Promise<ConnectionTestResult> => {
    let built: { client: RestClient; port: RestStoreAdapter } | null = null;
    const { isSaved } = await restAccess(candidate);
    const health = isSaved && storeTransportOf(deps.settings()) === 'rest';
    try {
      built = await buildRest(candidate);
      const tested = restFeatures(await built.port.capabilities());
      const result = await testRestConnection(built.client, built.port);
      if (health) store = mark(result.ok, result.ok ? null : result.message);
      if (!result.ok) return { ok: false, message: result.message, features: tested, statuses: [] };
      return { ok: true, message: t('store.connectionOk'), features: tested, statuses: result.statuses.map((s) => ({ id: s.id, name: s.name, type: STATUS_TYPE[s.kind] })) };
    } catch (error) {
      if (health) store = mark(false, healthMessage(error, consecutiveFailures));
      return { ok: false, message: errorMessage(error), features: {}, statuses: [] };
    } finally {
      await built?.port.close().catch(() => {});
    }
  };

  const openErp = async (): Promise<ErpConnector | null> => {
    const { erp: { kind, path: source }, erpDatabase } = deps.settings();
    // A database server is described by Configurações itself; SQLite keeps its mapping file.
    const server = kind === 'sql' && isServerDatabase(erpDatabase);
    if (kind === 'none' || (!source && !server)) {
      erpHealth = unknownState();
      return null;
    }
    try {
      const raw = server ? await openServerConnector() : await openConnector({ kind, path: source });
      const connector = tracked(raw);
      opened.set(connector, raw);
      erpHealth = mark(true, null);
      return connector;
    } catch (error) {
      erp = null;
      erpHealth = mark(false, errorMessage(error));
      throw error;
    }
  };

  const openServerConnector = async (): Promise<ErpConnector> => {
    const mapping = mappingOf(deps.settings().erpDatabase);
    const connector = await openSqlConnector(dbText('dbs.source'), { mapping, password: await deps.secrets.get('erpPassword') });
    // Nothing on this machine to watch: the server is polled by the schedule.
    return { ...connector, watchPaths: () => [] };
  };

  // A job may still be using the old client or connector when the settings change: closing them
  // under it would turn its writes into "outcome unknown". They are retired, and closed as soon as
  // their last call in flight is over (at once when idle).
  const retiring: Array<Promise<void>> = [];
  const retire = (resource: Promise<TrayClientHandle | ErpConnector | RestStoreAdapter | null>) => {
    const done: Promise<void> = resource
      .catch(() => null)
      .then((r) => {
        if (!r) return;
        const raw = opened.get(r as ErpConnector) ?? r;
        opened.delete(r as ErpConnector);
        retiredSet.add(raw);
        closeIfIdle(raw);
      })
      .finally(() => retiring.splice(retiring.indexOf(done) >>> 0, 1));
    retiring.push(done);
  };
  const reset = async () => {
    if (client) retire(client);
    if (erp) retire(erp);
    if (rest) retire(rest);
    client = null;
    erp = null;
    rest = null;
    store = unknownState();
    erpHealth = unknownState();
    features = {};
  };
  const close = async () => {
    await reset();
    await Promise.allSettled(retiring.splice(0));
    // Quitting: whatever is still in use is closed now.
    for (const r of [...retiredSet]) {
      inUse.delete(r);
      closeIfIdle(r as { close(): Promise<void> });
    }
    await Promise.allSettled([...closing]);
  };

  return {
    trayPort,
    storePort,
    tray,
    erp: () => (erp ??= openErp()),
    storeState: () => ({ ...store, features }),
    restBudget,
    erpState: () => erpHealth,
    async authorizeRest(access) {
      const tokens = memoryTokenStore();
      // A client of its own: the jobs' client keeps the tokens it has until the caller saves new ones.
      const { client: restClient } = await buildRest(access, { code: access.code, tokens });
      try {
        await restClient.auth.accessToken();
        const issued = tokens.current();
        if (!issued) throw new Error('autorização sem tokens');
        return issued;
      } finally {
        await restClient.close();
      }
    },
    async testConnection(candidate = {}) {
      const { transport: chosen, ...access } = candidate;
      if ((chosen ?? storeTransportOf(deps.settings())) === 'rest') return testRest(access);
      // A client of its own, with a fresh WSDL: the running jobs keep theirs undisturbed.
      let handle: TrayClientHandle | null = null;
      const saved = deps.settings().store;
      const savedPassword = candidate.password === undefined ? null : await deps.secrets.get('trayPassword');
      // Only a test of the saved access over the saved transport speaks for the store's health.
      const isSaved =
        storeTransportOf(deps.settings()) === 'soap' &&
        (candidate.url ?? saved.url) === saved.url &&
        (candidate.storeId ?? saved.storeId) === saved.storeId &&
        (candidate.login ?? saved.login) === saved.login &&
        (candidate.password === undefined || candidate.password === savedPassword);
      let tested: Record<string, FeatureState> = {};
      let fields: StoreFieldReport | undefined;
      try {
        handle = await build({ refreshWsdl: true }, candidate);
        tested = handle.features();
        fields = handle.fieldReport?.() ?? undefined;
        // The connect step reads only the WSDL: a status read proves the store takes the login and password.
        const statuses = tested.orderStatus?.available === false ? [] : await handle.call('fWSImportaStatusPedido', []);
        if (isSaved) store = mark(true, null);
        return {
          ok: true,
          message: t('store.connectionOk'),
          features: tested,
          statuses: statuses.map((s) => ({ id: s.id_status, name: s.status, type: s.tipo })),
          ...(fields && { fields }),
        };
      } catch (error) {
        if (isSaved) store = mark(false, healthMessage(error, consecutiveFailures));
        return { ok: false, message: errorMessage(error), features: tested, statuses: [], ...(fields && { fields }) };
      } finally {
        await handle?.close().catch(() => {});
      }
    },
    reset,
    close,
  };
};
