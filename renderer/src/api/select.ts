import type { PonteApi } from '../../../shared/api/contract.ts';
import type { PonteBridge } from '../../../shared/api/transport.ts';
import { createHttpApi, takeToken } from './http.ts';
import { createIpcApi } from './ipc.ts';

declare global {
  interface Window {
    ponte?: PonteBridge;
  }
}

const isBridge = (value: unknown): value is PonteBridge =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PonteBridge).invoke === 'function' &&
  typeof (value as PonteBridge).onEvent === 'function';

export type TransportChoice = { kind: 'ipc' | 'http'; api: PonteApi } | { kind: 'none'; api: null };

/** Electron's preload wins; otherwise the page was opened from the headless server's URL. */
export const selectTransport = (win: Window = window): TransportChoice => {
  if (isBridge(win.ponte)) return { kind: 'ipc', api: createIpcApi(win.ponte) };
  const token = takeToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  if (token) return { kind: 'http', api: createHttpApi({ token }) };
  return { kind: 'none', api: null };
};
