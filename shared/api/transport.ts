/**
 * The two transports of the contract, described once so both ends agree.
 *
 * Electron: the preload exposes `window.ponte` (a `PonteBridge`) through contextBridge; each call is
 * one `ipcRenderer.invoke(IPC_CALL, name, input)` answered with an `Envelope`.
 *
 * Headless: `POST /api/call/<name>` with the input as JSON body, answered with an `Envelope`;
 * `GET /api/events` is a server-sent-event stream of `PonteEvent`s (one JSON per `data:` line).
 * Every request carries the session token: `Authorization: Bearer <token>`, or `?token=` where a
 * header cannot be set (EventSource). The printed URL is `http://127.0.0.1:<port>/?token=<token>`.
 */
import type { Envelope, PonteEvent } from './contract.ts';

export const IPC_CALL = 'ponte:call';
export const IPC_EVENT = 'ponte:event';

export const HTTP_CALL_PREFIX = '/api/call/';
export const HTTP_EVENTS_PATH = '/api/events';
export const TOKEN_QUERY = 'token';

export interface PonteBridge {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (event: PonteEvent) => void): () => void;
}
