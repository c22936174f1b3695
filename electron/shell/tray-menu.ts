/** The tray menu as data: main.ts turns it into an Electron Menu, tests read it directly. */
import { t } from './messages.ts';

export type TrayMenuAction = 'open' | 'sync-now' | 'export-new' | 'toggle-pause' | 'quit';

export type TrayMenuItem = { type: 'separator' } | { type: 'item'; id: TrayMenuAction; label: string; enabled: boolean; bold?: boolean };

export const buildTrayMenu = (state: { paused: boolean; syncing: boolean }): TrayMenuItem[] => [
  { type: 'item', id: 'open', label: t('menu.open'), enabled: true, bold: true },
  { type: 'separator' },
  // Pausing stops scheduled runs; a manual "sync now" is still the merchant's call.
  { type: 'item', id: 'sync-now', label: t('menu.syncNow'), enabled: !state.syncing },
  { type: 'item', id: 'export-new', label: t('menu.exportNew'), enabled: true },
  { type: 'item', id: 'toggle-pause', label: state.paused ? t('menu.resume') : t('menu.pause'), enabled: true },
  { type: 'separator' },
  { type: 'item', id: 'quit', label: t('menu.quit'), enabled: true },
];
