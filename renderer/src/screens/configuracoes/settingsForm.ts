import type { FieldPath } from 'react-hook-form';
import { JOB_NAMES, LOCAL_STATUSES, REST_CALLS_PER_DAY, type ErpDatabaseSettings, type JobName, type LocalStatus, type Settings, type SettingsPatch } from '../../../../shared/api/contract.ts';

export interface MappingRow {
  local: LocalStatus;
  /** '' = not mapped (selects speak strings). */
  storeStatusId: string;
  push: boolean;
}

export interface SettingsForm {
  url: string;
  storeId: string;
  login: string;
  /** Write-only: always starts empty; sent only when the merchant types one. */
  password: string;
  /** How Ponte reaches the store (Como conectar). */
  transport: Settings['store']['transport'];
  /** REST: the store's API address. */
  apiAddress: string;
  /** REST, write-only like the password: start empty, sent only when typed. */
  consumerKey: string;
  consumerSecret: string;
  /** REST: the store's daily call limit at Tray (a number input may hand back NaN). */
  restCallsPerDay: number;
  /** REST: what the merchant pasted from Tray's callback (never saved: "Autorizar" sends it). */
  restPaste: string;
  erpKind: Settings['erp']['kind'];
  erpPath: string;
  /** The ERP's database server (DatabaseSection). */
  erpDb: ErpDatabaseSettings;
  /** Write-only, like the store password. */
  erpDbPassword: string;
  mapping: MappingRow[];
  schedule: Record<JobName, number>;
  safetyBuffer: number;
  priceDropConfirmPercent: number;
  /** Create wedding lists on a store that cannot be searched for them (may duplicate one made by hand). */
  weddingListsWithoutLookup: boolean;
  exportTarget: Settings['export']['target'];
  exportFolder: string;
  notifyNewOrders: boolean;
  notifyFailures: boolean;
  startWithWindows: boolean;
  quitOnClose: boolean;
  locale: Settings['locale'];
}

export const toForm = (s: Settings): SettingsForm => ({
  url: s.store.url,
  storeId: s.store.storeId,
  login: s.store.login,
  password: '',
  transport: s.store.transport,
  apiAddress: s.store.apiAddress,
  consumerKey: '',
  consumerSecret: '',
  restCallsPerDay: s.restLimits?.callsPerDay ?? REST_CALLS_PER_DAY.standard,
  restPaste: '',
  erpKind: s.erp.kind,
  erpPath: s.erp.path,
  erpDb: (({ hasPassword: _hasPassword, ...db }) => structuredClone(db))(s.erpDatabase),
  erpDbPassword: '',
  mapping: LOCAL_STATUSES.map((local) => {
    const m = s.statusMapping.find((x) => x.local === local);
    return { local, storeStatusId: m?.storeStatusId ? String(m.storeStatusId) : '', push: m?.push ?? false };
  }),
  schedule: { ...s.schedule },
  safetyBuffer: s.stock.safetyBuffer,
  priceDropConfirmPercent: s.priceDropConfirmPercent,
  weddingListsWithoutLookup: s.weddingLists?.createWithoutLookup ?? false,
  exportTarget: s.export.target,
  exportFolder: s.export.folder,
  notifyNewOrders: s.notifications.newOrders,
  notifyFailures: s.notifications.failures,
  startWithWindows: s.startWithWindows,
  quitOnClose: s.quitOnClose,
  locale: s.locale,
});

/** Dirty-field map as react-hook-form reports it (only the shape we read). */
export type Dirty = Partial<Record<keyof SettingsForm, unknown>>;

/**
 * The paths of the fields the merchant changed, leaf by leaf, from react-hook-form's dirty tree
 * (`{ schedule: { orders: true }, mapping: [undefined, { push: true }] }` → `schedule.orders`,
 * `mapping.1.push`): what must survive when the form takes new saved values.
 */
export const dirtyPaths = (tree: unknown, prefix = ''): FieldPath<SettingsForm>[] => {
  if (tree === true) return prefix === '' ? [] : [prefix as FieldPath<SettingsForm>];
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([key, sub]) => dirtyPaths(sub, prefix === '' ? key : `${prefix}.${key}`));
};

/**
 * Builds the patch from the fields the merchant changed: untouched sections are not sent, and the
 * password is sent only when something was typed in it.
 */
export const toPatch = (v: SettingsForm, dirty: Dirty): SettingsPatch => {
  const patch: SettingsPatch = {};
  const store: NonNullable<SettingsPatch['store']> = {};
  if (dirty.url) store.url = v.url.trim();
  if (dirty.storeId) store.storeId = v.storeId.trim();
  if (dirty.login) store.login = v.login.trim();
  if (dirty.password && v.password !== '') store.password = v.password;
  if (dirty.transport) store.transport = v.transport;
  if (dirty.apiAddress) store.apiAddress = v.apiAddress.trim();
  if (dirty.consumerKey && v.consumerKey.trim() !== '') store.consumerKey = v.consumerKey.trim();
  if (dirty.consumerSecret && v.consumerSecret.trim() !== '') store.consumerSecret = v.consumerSecret.trim();
  if (Object.keys(store).length > 0) patch.store = store;
  // Sent as typed: the engine's schema refuses a limit out of bounds (the field says so first).
  if (dirty.restCallsPerDay) patch.restLimits = { callsPerDay: Number(v.restCallsPerDay) };
  if (dirty.erpKind || dirty.erpPath) patch.erp = { kind: v.erpKind, path: v.erpPath.trim() };
  const erpPassword = dirty.erpDbPassword && v.erpDbPassword !== '' ? v.erpDbPassword : null;
  if (dirty.erpDb || erpPassword !== null) patch.erpDatabase = { ...erpDbOf(v.erpDb), ...(erpPassword !== null && { password: erpPassword }) };
  if (dirty.mapping) {
    patch.statusMapping = v.mapping.map((m) => ({
      local: m.local,
      storeStatusId: m.storeStatusId === '' ? null : Number(m.storeStatusId),
      push: m.push,
    }));
  }
  if (dirty.schedule) {
    patch.schedule = Object.fromEntries(JOB_NAMES.map((j) => [j, Math.max(0, Number(v.schedule[j]) || 0)])) as Record<JobName, number>;
  }
  if (dirty.safetyBuffer) patch.stock = { safetyBuffer: Math.max(0, Math.round(Number(v.safetyBuffer) || 0)) };
  if (dirty.priceDropConfirmPercent) patch.priceDropConfirmPercent = Math.min(100, Math.max(0, Number(v.priceDropConfirmPercent) || 0));
  if (dirty.weddingListsWithoutLookup) patch.weddingLists = { createWithoutLookup: v.weddingListsWithoutLookup };
  if (dirty.exportTarget || dirty.exportFolder) patch.export = { target: v.exportTarget, folder: v.exportFolder.trim() };
  if (dirty.notifyNewOrders || dirty.notifyFailures) patch.notifications = { newOrders: v.notifyNewOrders, failures: v.notifyFailures };
  if (dirty.startWithWindows) patch.startWithWindows = v.startWithWindows;
  if (dirty.quitOnClose) patch.quitOnClose = v.quitOnClose;
  if (dirty.locale) patch.locale = v.locale;
  return patch;
};

/** The database fields as the engine takes them (a number input may hand back NaN or text). */
export const erpDbOf = (db: ErpDatabaseSettings): ErpDatabaseSettings => ({
  ...db,
  host: db.host.trim(),
  port: Math.round(Number(db.port)),
  database: db.database.trim(),
  user: db.user.trim(),
  charset: db.charset || null,
  productsChangeColumn: db.productsChangeColumn.trim(),
});
