/**
 * Electron's main process: wires the engine and the shell logic (electron/shell) to Electron.
 * Everything that can be decided without Electron is decided in electron/shell and tested there;
 * this file only translates to Tray, Menu, Notification, BrowserWindow and ipcMain.
 *
 * Built to dist/electron/main.js (ESM) by `npm run build:electron`; never run by tests.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import { setLocale } from '../shared/i18n/index.ts';
import { IPC_CALL, IPC_EVENT, IPC_SAVE } from '../shared/api/transport.ts';
import { startSession, type Session as PonteSession } from './session/index.ts';
import type { StoredSettings } from './engine/settings.ts';
import { createSafeStorageSecretStore } from './settings/secrets.ts';
import { observeSettings } from './settings/versioned.ts';
import { APP_ID, PRODUCT_NAME } from './shell/app-id.ts';
import { createShellController, type ShellController, type ShellHost } from './shell/controller.ts';
import { CONTENT_SECURITY_POLICY } from './shell/csp.ts';
import { createElectronSettingsStore, createElectronShellState } from './shell/electron-settings.ts';
import { handleIpcCall, handleIpcSave } from './shell/ipc.ts';
import type { DesktopNotification } from './shell/notifications.ts';
import { screenHash, type ScreenTarget } from './shell/screens.ts';
import { APP_HOST, APP_SCHEME, APP_URL, RENDERER_CONTENT_TYPES, resolveRendererFile } from './shell/static-files.ts';
import type { TrayIconState } from './shell/tray-state.ts';
import type { TrayMenuItem } from './shell/tray-menu.ts';
import { externalLinkTarget, isAllowedNavigation, secureWebPreferences } from './shell/window-security.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url)); // dist/electron
const ROOT = path.resolve(HERE, '..', '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const PRELOAD = path.join(HERE, 'preload.cjs');
/** Tray images live outside the asar (extraResources) so the OS can read them. */
const TRAY_DIR = app.isPackaged ? path.join(process.resourcesPath, 'tray') : path.join(ROOT, 'build', 'tray');
/** A Vite dev server during development; the packaged app always uses its own scheme. */
const DEV_URL = app.isPackaged ? undefined : process.env.PONTE_RENDERER_URL;
const APP_PAGE = DEV_URL ?? APP_URL;
const STARTED_HIDDEN = process.argv.includes('--hidden');

const log = (level: 'info' | 'warn' | 'error', message: string) => {
  (level === 'error' ? console.error : console.log)(`[${level}] ${message}`);
};

// Windows toasts are attributed by this id; it equals electron-builder.yml's appId.
app.setAppUserModelId(APP_ID);
app.setName(PRODUCT_NAME);
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let controller: ShellController | null = null;
let ponte: PonteSession | null = null;
const liveNotifications = new Set<Notification>();

const applyLoginItem = (settings: StoredSettings) => {
  // Started by Windows at login: straight to the tray, no window.
  // The portable build runs from a temporary extraction: register the .exe the merchant launched.
  const portable = process.env.PORTABLE_EXECUTABLE_FILE;
  app.setLoginItemSettings({
    openAtLogin: settings.startWithWindows,
    args: ['--hidden'],
    ...(portable !== undefined && { path: portable }),
  });
};

const serveRenderer = () => {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveRendererFile(RENDERER_DIR, url.pathname) : null;
    if (!file || !existsSync(file)) return new Response('Não encontrado', { status: 404 });
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': RENDERER_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
};

const lockDownContents = () => {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, APP_PAGE)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Tracking links open in the merchant's browser; nothing ever opens inside Ponte.
      const external = externalLinkTarget(url);
      if (external) void shell.openExternal(external);
      return { action: 'deny' };
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  if (DEV_URL) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
  }
};

const createWindow = (): BrowserWindow => {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: PRODUCT_NAME,
    icon: path.join(TRAY_DIR, 'icon.png'),
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(PRELOAD),
  });
  win.on('close', (event) => {
    if (controller?.windowClosing() === 'hide') event.preventDefault();
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_PAGE);
  return win;
};

const showWindow = (target?: ScreenTarget) => {
  mainWindow ??= createWindow();
  const win = mainWindow;
  if (target) void win.loadURL(`${APP_PAGE.replace(/#.*$/, '')}${screenHash(target)}`);
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
};

const trayImage = (state: TrayIconState) => nativeImage.createFromPath(path.join(TRAY_DIR, `tray-${state}.png`));

const toMenu = (items: TrayMenuItem[]): Menu =>
  Menu.buildFromTemplate(
    items.map((item): MenuItemConstructorOptions =>
      item.type === 'separator'
        ? { type: 'separator' }
        : { label: item.label, enabled: item.enabled, click: () => void controller?.menuAction(item.id) },
    ),
  );

const showNotification = (notification: DesktopNotification) => {
  if (!Notification.isSupported()) return;
  const toast = new Notification({ title: notification.title, body: notification.body, silent: notification.kind === 'info' });
  // Electron drops click handlers of notifications that were garbage-collected: keep a reference.
  liveNotifications.add(toast);
  const forget = () => liveNotifications.delete(toast);
  toast.on('click', () => {
    forget();
    controller?.notificationClicked(notification.target);
  });
  toast.on('close', forget);
  toast.show();
};

const host: ShellHost = {
  setTray: (view) => {
    if (!tray) {
      tray = new Tray(trayImage(view.icon));
      tray.on('click', () => showWindow());
    }
    tray.setImage(trayImage(view.icon));
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(toMenu(view.menu));
  },
  notify: showNotification,
  showWindow,
  hideWindow: () => mainWindow?.hide(),
  quit: () => app.quit(),
};

const start = async () => {
  await app.whenReady();
  const dataDir = process.env.PONTE_DATA_DIR ?? app.getPath('userData');
  const warn = (message: string) => log('warn', message);
  const settings = observeSettings(createElectronSettingsStore({ dataDir, warn }), (next, previous) => {
    if (next.startWithWindows !== previous.startWithWindows) applyLoginItem(next);
    if (next.locale !== previous.locale) setLocale(next.locale);
  });
  setLocale(settings.get().locale);
  applyLoginItem(settings.get());
  const secrets = await createSafeStorageSecretStore({ dataDir, safeStorage, warn });

  serveRenderer();
  lockDownContents();

  // The session's endpoint and downloads stay put when leaving the demo replaces the engine.
  ponte = await startSession({ dataDir, settings, secrets, log });
  const endpoint = ponte.endpoint;

  ipcMain.handle(IPC_CALL, (event, name: unknown, input: unknown) =>
    handleIpcCall(endpoint, event.senderFrame?.url, APP_PAGE, name, input),
  );
  const downloads = ponte.downloads;
  ipcMain.handle(IPC_SAVE, (event, ticketId: unknown) =>
    handleIpcSave(downloads, event.senderFrame?.url, APP_PAGE, ticketId, async (name) => {
      const options = { defaultPath: path.join(app.getPath('downloads'), name) };
      const picked = mainWindow && !mainWindow.isDestroyed() ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return picked.canceled || !picked.filePath ? null : picked.filePath;
    }),
  );
  endpoint.subscribe((event) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT, event);
  });

  controller = createShellController({
    endpoint,
    host,
    settings: () => settings.get(),
    shellState: createElectronShellState({ dataDir }),
    log,
  });
  await controller.start();
  await ponte.start();
  if (!STARTED_HIDDEN) showWindow();
};

let stopped = false;
/** Quitting must not hang on a job stuck on a slow store; an interrupted run resumes next start. */
const QUIT_GRACE_MS = 10_000;
const stop = async () => {
  controller?.dispose();
  tray?.destroy();
  const sessionStopped = ponte?.stop() ?? Promise.resolve();
  await Promise.race([sessionStopped, new Promise((resolve) => setTimeout(resolve, QUIT_GRACE_MS))]);
};

if (!app.requestSingleInstanceLock()) {
  // Another Ponte is running: it gets focused (its 'second-instance' below); this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  // The tray keeps Ponte alive without windows.
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => controller?.markQuitting());
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stop()
      .catch((error: unknown) => log('error', error instanceof Error ? error.message : String(error)))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  start().catch((error: unknown) => {
    log('error', error instanceof Error ? (error.stack ?? error.message) : String(error));
    app.exit(1);
  });
}
