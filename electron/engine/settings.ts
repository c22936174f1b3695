/**
 * Settings as the engine sees them: an injected store (electron-store in the shell, `conf` in plain
 * Node, memory in tests) and a separate secret store for the Tray password, so the password never
 * travels with the settings object and never reaches the renderer.
 */
import { z } from 'zod';
import type { ErpDatabaseSettings, Settings, SettingsPatch, StoreTransport } from '../../shared/api/contract.ts';
import { ERP_READ_KEYS, ERP_WRITE_KEYS, LOCAL_STATUSES, PonteApiError, REST_CALLS_PER_DAY, SETTINGS_FIELDS } from '../../shared/api/contract.ts';

/** What is persisted: the public settings, minus derived fields. */
export type StoredSettings = Omit<Settings, 'store' | 'secretStorageWarning' | 'erpDatabase'> & {
  /** `transport` absent = SOAP (settings written before REST existed, and test fixtures). */
  store: { url: string; storeId: string; login: string; transport?: StoreTransport; apiAddress?: string };
  erpDatabase: ErpDatabaseSettings;
};

/**
 * The secrets Ponte keeps: the Tray password and the ERP database's; on REST the app's consumer key
 * and secret, the store's authorisation code and the tokens it yields (rest/auth.ts).
 */
export type SecretName = 'trayPassword' | 'erpPassword' | 'restConsumerKey' | 'restConsumerSecret' | 'restCode' | 'trayRestTokens';

export interface SettingsStore {
  get(): StoredSettings;
  set(next: StoredSettings): void;
}


export interface SecretStore {
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  /** Forgets a secret: `get` answers null again (not an empty value that would read as set). */
  delete(name: SecretName): Promise<void>;
  /** A pt-BR warning when secrets cannot be encrypted on this machine; null when they are. */
  warning(): string | null;
}

export const DEFAULT_SETTINGS: StoredSettings = {
  store: { url: '', storeId: '', login: 'webservice', transport: 'soap', apiAddress: '' },
  demo: true,
  erp: { kind: 'none', path: '' },
  // Nothing here is a guess at the merchant's server: the fields start empty (the port is the
  // server kind's standard one) and the checks name what is missing.
  erpDatabase: {
    driver: 'sqlite',
    host: '',
    port: 3050,
    database: '',
    user: '',
    charset: null,
    wireCrypt: 'enabled',
    auth: 'srp',
    read: Object.fromEntries(ERP_READ_KEYS.map((k) => [k, ''])) as ErpDatabaseSettings['read'],
    write: Object.fromEntries(ERP_WRITE_KEYS.map((k) => [k, ''])) as ErpDatabaseSettings['write'],
    productsChangeColumn: '',
  },
  statusMapping: LOCAL_STATUSES.map((local) => ({ local, storeStatusId: null, push: false })),
  schedule: { catalog: 30, orders: 5, tracking: 5, export: 0 },
  stock: { safetyBuffer: 0 },
  priceDropConfirmPercent: 30,
  export: { target: 'csv', folder: '' },
  notifications: { newOrders: true, failures: true },
  startWithWindows: false,
  quitOnClose: false,
  locale: 'pt-BR',
  fieldMap: {},
};

/** How the engine reaches the store. */
export const storeTransportOf = (s: StoredSettings): StoreTransport => s.store.transport ?? 'soap';

/** The address the chosen transport reaches the store at ('' when not given). */
export const storeAddressOf = (s: StoredSettings): string => (storeTransportOf(s) === 'rest' ? (s.store.apiAddress ?? '') : s.store.url).trim();

/** The store's pace when the settings say nothing: what a real Tray store is assumed to bear. */
export const STORE_PACE_DEFAULTS: NonNullable<StoredSettings['storePace']> = { callsInFlight: 4, callsPerMinute: 150, outboxLeaseSeconds: 120 };
export const storePaceOf = (s: StoredSettings): NonNullable<StoredSettings['storePace']> => ({ ...STORE_PACE_DEFAULTS, ...s.storePace });

/** The REST daily call limit the settings give (Tray's standard 10,000 when they say nothing). */
export const restCallsPerDayOf = (s: StoredSettings): number => s.restLimits?.callsPerDay ?? REST_CALLS_PER_DAY.standard;

/** Applies a validated patch; nested objects merge, arrays replace. The password and REST credentials are not kept here. */
export const applySettingsPatch = (current: StoredSettings, patch: SettingsPatch): StoredSettings => {
  const { password: _password, consumerKey: _key, consumerSecret: _secret, code: _code, ...store } = patch.store ?? {};
  const { password: _erpPassword, read, write, ...database } = patch.erpDatabase ?? {};
  return {
    ...current,
    ...(patch.demo !== undefined && { demo: patch.demo }),
    store: { ...current.store, ...store },
    erp: { ...current.erp, ...patch.erp },
    erpDatabase: { ...current.erpDatabase, ...database, read: { ...current.erpDatabase.read, ...read }, write: { ...current.erpDatabase.write, ...write } },
    statusMapping: patch.statusMapping ?? current.statusMapping,
    schedule: { ...current.schedule, ...patch.schedule },
    stock: patch.stock ?? current.stock,
    priceDropConfirmPercent: patch.priceDropConfirmPercent ?? current.priceDropConfirmPercent,
    export: { ...current.export, ...patch.export },
    notifications: { ...current.notifications, ...patch.notifications },
    startWithWindows: patch.startWithWindows ?? current.startWithWindows,
    quitOnClose: patch.quitOnClose ?? current.quitOnClose,
    locale: patch.locale ?? current.locale,
    fieldMap: patch.fieldMap ?? current.fieldMap,
    ...((patch.weddingLists ?? current.weddingLists) && { weddingLists: patch.weddingLists ?? current.weddingLists }),
    ...((patch.storePace ?? current.storePace) && { storePace: { ...storePaceOf(current), ...patch.storePace } }),
    ...((patch.restLimits ?? current.restLimits) && { restLimits: patch.restLimits ?? current.restLimits }),
  };
};

export const memorySettingsStore = (initial: StoredSettings = DEFAULT_SETTINGS): SettingsStore => {
  let value = structuredClone(initial);
  return {
    get: () => structuredClone(value),
    set: (next) => {
      value = structuredClone(next);
    },
  };
};

export const memorySecretStore = (): SecretStore => {
  const secrets = new Map<string, string>();
  return {
    get: async (name) => secrets.get(name) ?? null,
    set: async (name, v) => {
      secrets.set(name, v);
    },
    delete: async (name) => {
      secrets.delete(name);
    },
    warning: () => null,
  };
};

const StoredSettingsSchema = z.object(SETTINGS_FIELDS).strict();

/** Settings as they would be saved, checked whole; a pt-BR error names each bad field. */
export const checkedSettings = (next: StoredSettings): StoredSettings => {
  const parsed = StoredSettingsSchema.safeParse(next);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new PonteApiError('invalid_input', `Configurações não salvas (nada foi alterado): ${fields}`);
};
