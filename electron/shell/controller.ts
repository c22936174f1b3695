/**
 * The shell's behaviour, behind a small Electron-facing interface (`ShellHost`): main.ts implements
 * the host with Tray, Menu, Notification and BrowserWindow; tests implement it with arrays.
 */
import type { EngineEndpoint } from '../engine/api/dispatch.ts';
import type { StoredSettings } from '../engine/settings.ts';
import type { JobName, Overview } from '../../shared/api/contract.ts';
import { decideClose, type ShellStateStore } from './close-policy.ts';
import { t } from './messages.ts';
import { createNotificationPolicy, type DesktopNotification, type Timers } from './notifications.ts';
import type { ScreenTarget } from './screens.ts';
import { buildTrayMenu, type TrayMenuAction, type TrayMenuItem } from './tray-menu.ts';
import { initialTrayModel, reduceTray, trayView, type TrayIconState, type TrayModel } from './tray-state.ts';

export interface ShellHost {
  setTray(view: { icon: TrayIconState; tooltip: string; menu: TrayMenuItem[] }): void;
  notify(notification: DesktopNotification): void;
  showWindow(target?: ScreenTarget): void;
  hideWindow(): void;
  quit(): void;
}

export interface ShellControllerOptions {
  endpoint: EngineEndpoint;
  host: ShellHost;
  settings: () => StoredSettings;
  shellState: ShellStateStore;
  timers?: Timers;
  groupWindowMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** "Sincronizar agora": bring the catalogue up, then pull orders, then push tracking. */
export const SYNC_NOW_JOBS: JobName[] = ['catalog', 'orders', 'tracking'];

export const createShellController = (options: ShellControllerOptions) => {
  const { endpoint, host } = options;
  const log = options.log ?? (() => {});
  let model: TrayModel = initialTrayModel();
  let quitting = false;
  let unsubscribe: (() => void) | null = null;
  let refreshing = false;
  let refreshAgain = false;

  const render = () => {
    const view = trayView(model);
    host.setTray({ ...view, menu: buildTrayMenu({ paused: model.paused, syncing: view.icon === 'syncing' }) });
  };

  const notifications = createNotificationPolicy({
    show: (n) => host.notify(n),
    enabled: () => options.settings().notifications,
    ...(options.timers && { timers: options.timers }),
    ...(options.groupWindowMs !== undefined && { groupWindowMs: options.groupWindowMs }),
  });

  const call = async (name: string, input?: unknown): Promise<unknown> => {
    const envelope = await endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result;
  };

  /** Overview reads coalesce: a burst of events costs at most one read in flight plus one after. */
  const refresh = async (): Promise<void> => {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    try {
      do {
        refreshAgain = false;
        const overview = (await call('overview.get')) as Overview;
        model = reduceTray(model, { kind: 'overview', overview });
        render();
      } while (refreshAgain);
    } catch (error) {
      log('warn', `overview: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      refreshing = false;
    }
  };

  return {
    async start(): Promise<void> {
      render();
      unsubscribe = endpoint.subscribe((event) => {
        model = reduceTray(model, { kind: 'event', event });
        render();
        notifications.handle(event);
        if (event.type === 'overview-changed' || event.type === 'run-finished' || event.type === 'outbox-changed') void refresh();
      });
      await refresh();
    },

    async menuAction(action: TrayMenuAction): Promise<void> {
      switch (action) {
        case 'open':
          host.showWindow();
          return;
        case 'sync-now':
          for (const job of SYNC_NOW_JOBS) {
            // A failing job is reported by its own events; the next one still runs.
            await call('jobs.run', { job }).catch((error: unknown) => log('warn', `${job}: ${String(error)}`));
          }
          return;
        case 'export-new': {
          try {
            const result = (await call('orders.export', {})) as { message: string };
            host.notify({ kind: 'info', title: t('notify.export.title'), body: result.message, target: { screen: 'orders' } });
          } catch (error) {
            host.notify({
              kind: 'failure',
              title: t('notify.export.title'),
              body: error instanceof Error ? error.message : String(error),
              target: { screen: 'activity' },
            });
          }
          return;
        }
        case 'toggle-pause': {
          const overview = (await call(model.paused ? 'jobs.resume' : 'jobs.pause')) as Overview;
          model = reduceTray(model, { kind: 'overview', overview });
          render();
          return;
        }
        case 'quit':
          quitting = true;
          notifications.dispose();
          host.quit();
          return;
      }
    },

    notificationClicked(target: ScreenTarget): void {
      host.showWindow(target);
    },

    /** The window's close button. Returns whether Electron should let the window close. */
    windowClosing(): 'close' | 'hide' {
      const state = options.shellState.get();
      const decision = decideClose({ quitOnClose: options.settings().quitOnClose, quitting, noticeShown: state.closeNoticeShown });
      if (decision.action === 'hide') {
        host.hideWindow();
        if (decision.showNotice) {
          options.shellState.set({ ...state, closeNoticeShown: true });
          host.notify({ kind: 'info', title: t('notify.closeToTray.title'), body: t('notify.closeToTray.body'), target: { screen: 'overview' } });
        }
      } else {
        quitting = true;
      }
      return decision.action;
    },

    /** The app is going away for another reason (OS shutdown, second quit). */
    markQuitting(): void {
      quitting = true;
    },

    model: (): TrayModel => model,

    dispose(): void {
      unsubscribe?.();
      notifications.dispose();
    },
  };
};

export type ShellController = ReturnType<typeof createShellController>;
