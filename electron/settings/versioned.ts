/**
 * The settings file's schema, its versions and migrations, independent of where the file lives
 * (conf in plain Node, electron-store in the shell: both only read and write one JSON object).
 *
 * Reading never crashes: an older file is migrated step by step, a field that fails validation is
 * reset to its default (the rest is kept) and every such repair is reported as a pt-BR warning.
 */
import { z } from 'zod';
import { SETTINGS_FIELDS } from '../../shared/api/contract.ts';
import { DEFAULT_SETTINGS, type SettingsStore, type StoredSettings } from '../engine/settings.ts';
import { t } from './messages.ts';

export const SETTINGS_VERSION = 2;

/** One schema per top-level field, so a bad field is reset alone: the API contract's own. */
export const FIELD_SCHEMAS = SETTINGS_FIELDS satisfies { [K in keyof StoredSettings]: z.ZodType<StoredSettings[K], unknown> };

type FieldName = keyof StoredSettings;
const FIELD_NAMES = Object.keys(FIELD_SCHEMAS) as FieldName[];

export interface SettingsFile {
  version: number;
  settings: StoredSettings;
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * migrations[n] turns a version-n `settings` object into version n+1.
 * v0: the unversioned file of the first previews (settings at the top level, `storeUrl` flat,
 * schedule in seconds). v1: `notifications` was one boolean.
 */
export const MIGRATIONS: Record<number, (settings: Raw) => Raw> = {
  0: (old) => {
    const { storeUrl, storeId, login, schedule: oldSchedule, ...rest } = old;
    const store = isRecord(rest.store) ? rest.store : { url: storeUrl, storeId, login: login ?? 'webservice' };
    const scheduleMinutes = isRecord(oldSchedule)
      ? Object.fromEntries(Object.entries(oldSchedule).map(([job, s]) => [job, typeof s === 'number' ? Math.round(s / 60) : s]))
      : oldSchedule;
    return { ...rest, store, schedule: scheduleMinutes };
  },
  1: (old) => ({
    ...old,
    notifications:
      typeof old.notifications === 'boolean' ? { newOrders: old.notifications, failures: old.notifications } : old.notifications,
  }),
};

export interface LoadResult {
  settings: StoredSettings;
  /** pt-BR texts for each repair made. */
  warnings: string[];
  /** True when the stored form differs from what should be written back. */
  changed: boolean;
}

/** Reads whatever the file holds into valid current settings. Pure. */
export const loadSettingsFile = (raw: unknown): LoadResult => {
  const warnings: string[] = [];
  if (raw === undefined || (isRecord(raw) && Object.keys(raw).length === 0)) {
    return { settings: structuredClone(DEFAULT_SETTINGS), warnings, changed: true };
  }
  if (!isRecord(raw)) {
    warnings.push(t('settings.reset'));
    return { settings: structuredClone(DEFAULT_SETTINGS), warnings, changed: true };
  }
  let version: number;
  let settings: Raw;
  if (typeof raw.version === 'number' && Number.isInteger(raw.version) && isRecord(raw.settings)) {
    version = raw.version;
    settings = raw.settings;
  } else {
    version = 0;
    settings = raw;
  }
  let changed = version !== SETTINGS_VERSION;
  if (version > SETTINGS_VERSION) {
    // Written by a newer Ponte: keep what this version understands rather than lose everything.
    warnings.push(t('settings.newer', { version }));
  }
  for (let v = Math.max(version, 0); v < SETTINGS_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (migrate) settings = migrate(settings);
  }

  const result: Raw = {};
  for (const field of FIELD_NAMES) {
    if (!Object.hasOwn(settings, field)) {
      // An optional field left out (no default) is the file as it should be, not a change.
      if (DEFAULT_SETTINGS[field] === undefined) continue;
      result[field] = structuredClone(DEFAULT_SETTINGS[field]);
      changed = true;
      continue;
    }
    const parsed = FIELD_SCHEMAS[field].safeParse(settings[field]);
    if (parsed.success) {
      result[field] = parsed.data;
    } else {
      result[field] = structuredClone(DEFAULT_SETTINGS[field]);
      warnings.push(t('settings.fieldReset', { field }));
      changed = true;
    }
  }
  return { settings: result as StoredSettings, warnings, changed };
};

export const toSettingsFile = (settings: StoredSettings): SettingsFile => ({ version: SETTINGS_VERSION, settings });

/** Where the JSON object lives; `read` throws only when the file cannot be read at all. */
export interface SettingsBackend {
  read(): unknown;
  write(value: SettingsFile): void;
}

/**
 * A SettingsStore over a backend: loads and repairs once, then serves a cached copy (the engine
 * reads settings on every job) and writes through on `set`.
 */
export const createVersionedSettingsStore = (
  backend: SettingsBackend,
  warn: (message: string) => void = () => {},
): SettingsStore & { warnings: string[] } => {
  let raw: unknown;
  const warnings: string[] = [];
  try {
    raw = backend.read();
  } catch (error) {
    warnings.push(t('settings.unreadable', { reason: error instanceof Error ? error.message : String(error) }));
    raw = undefined;
  }
  const loaded = loadSettingsFile(raw);
  warnings.push(...loaded.warnings);
  for (const w of warnings) warn(w);
  let current = loaded.settings;
  if (loaded.changed) {
    try {
      backend.write(toSettingsFile(current));
    } catch (error) {
      warn(t('settings.unwritable', { reason: error instanceof Error ? error.message : String(error) }));
    }
  }
  return {
    warnings,
    get: () => structuredClone(current),
    set: (next) => {
      // Validate what the engine hands us too: a bug must not persist an unreadable file.
      const checked = loadSettingsFile(toSettingsFile(next));
      if (checked.warnings.length > 0) throw new Error(checked.warnings.join(' '));
      backend.write(toSettingsFile(checked.settings));
      current = checked.settings;
    },
  };
};

/** Wraps a store so the shell hears about changes (start with Windows, close-to-tray, locale). */
export const observeSettings = (
  store: SettingsStore,
  onChange: (next: StoredSettings, previous: StoredSettings) => void,
): SettingsStore => ({
  get: () => store.get(),
  set: (next) => {
    const previous = store.get();
    store.set(next);
    onChange(store.get(), previous);
  },
});
