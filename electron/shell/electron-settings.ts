/**
 * Settings and the shell's own state through electron-store. Electron only: electron-store imports
 * `electron` when loaded, so only main.ts imports this module (plain Node uses settings/conf-store).
 */
import path from 'node:path';
import Store from 'electron-store';
import { z } from 'zod';
import type { SettingsStore } from '../engine/settings.ts';
import { openWithBackup, SETTINGS_FILE_NAME, settingsBackend } from '../settings/conf-store.ts';
import { createVersionedSettingsStore } from '../settings/versioned.ts';
import type { ShellState, ShellStateStore } from './close-policy.ts';

export const createElectronSettingsStore = (options: { dataDir: string; warn: (message: string) => void }): SettingsStore => {
  const store = openWithBackup(
    () =>
      new Store<Record<string, unknown>>({
        cwd: options.dataDir,
        name: SETTINGS_FILE_NAME,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
      }),
    path.join(options.dataDir, `${SETTINGS_FILE_NAME}.json`),
    options.warn,
  );
  return createVersionedSettingsStore(settingsBackend(store), options.warn);
};

const ShellStateSchema = z.object({ closeNoticeShown: z.boolean().catch(false) }).catch({ closeNoticeShown: false });

export const createElectronShellState = (options: { dataDir: string }): ShellStateStore => {
  const store = new Store<Record<string, unknown>>({
    cwd: options.dataDir,
    name: 'shell-state',
    clearInvalidConfig: true, // nothing precious here: a corrupt file just shows the notice again
    accessPropertiesByDotNotation: false,
  });
  return {
    get: (): ShellState => ShellStateSchema.parse(store.store),
    set: (next) => {
      store.store = { closeNoticeShown: next.closeNoticeShown };
    },
  };
};
