/**
 * The window's security settings and navigation rules, kept pure so tests can pin them down.
 * Type-only import: this module never loads electron.
 */
import type { WebPreferences } from 'electron';

export const secureWebPreferences = (preload: string): WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
});

/** Only moves within the app page itself (hash routes) are allowed; everything else is blocked. */
export const isAllowedNavigation = (url: string, appPage: string): boolean => {
  try {
    const target = new URL(url);
    const app = new URL(appPage);
    return target.protocol === app.protocol && target.host === app.host && target.pathname === app.pathname && target.search === app.search;
  } catch {
    return false;
  }
};

/** window.open never opens anything inside Ponte; https links go to the merchant's browser. */
export const externalLinkTarget = (url: string): string | null => {
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
};
