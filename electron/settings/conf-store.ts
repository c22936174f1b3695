/**
 * The settings store for plain Node (headless mode, CLI, tests): `conf`, which electron-store wraps,
 * on `<dataDir>/settings.json`. Never imports electron.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { SettingsStore } from '../engine/settings.ts';
import { t } from './messages.ts';
import { createVersionedSettingsStore, type SettingsFile } from './versioned.ts';

export const SETTINGS_FILE_NAME = 'settings';

/** What conf and electron-store have in common for us. */
export interface JsonObjectStore {
  store: Record<string, unknown>;
}

/**
 * Opens a conf-like store; when its file is not even JSON, keeps a copy of it aside (the merchant
 * or support may want it) and starts over instead of refusing to start.
 */
export const openWithBackup = <S extends JsonObjectStore>(
  open: () => S,
  file: string,
  warn: (message: string) => void,
  now: () => Date = () => new Date(),
): S => {
  try {
    return open();
  } catch (error) {
    if (!existsSync(file)) throw error;
    const backup = `${file}.corrompido-${now().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, backup);
    warn(t('settings.corruptBackup', { file: backup }));
    return open();
  }
};

export const settingsBackend = (store: JsonObjectStore) => ({
  read: (): unknown => store.store,
  write: (value: SettingsFile) => {
    store.store = { version: value.version, settings: value.settings };
  },
});

export const createConfSettingsStore = (options: {
  dataDir: string;
  warn?: (message: string) => void;
  now?: () => Date;
}): SettingsStore & { warnings: string[] } => {
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.warn?.(message);
  };
  const conf = openWithBackup(
    () =>
      new Conf<Record<string, unknown>>({
        cwd: options.dataDir,
        configName: SETTINGS_FILE_NAME,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
      }),
    path.join(options.dataDir, `${SETTINGS_FILE_NAME}.json`),
    warn,
    options.now,
  );
  const store = createVersionedSettingsStore(settingsBackend(conf), warn);
  return { get: store.get, set: store.set, warnings };
};
