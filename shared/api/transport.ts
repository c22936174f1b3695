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
import type { DownloadOutcome, Envelope, PonteEvent } from './contract.ts';

export const IPC_CALL = 'ponte:call';
export const IPC_EVENT = 'ponte:event';

export const HTTP_CALL_PREFIX = '/api/call/';
export const HTTP_EVENTS_PATH = '/api/events';
export const TOKEN_QUERY = 'token';
/** `GET /api/download/<ticket>`: a prepared file, as an attachment. The ticket is the credential. */
export const HTTP_DOWNLOAD_PREFIX = '/api/download/';
/** Electron: `invoke(IPC_SAVE, ticketId)` opens the save dialog and answers an `Envelope<DownloadOutcome>`. */
export const IPC_SAVE = 'ponte:save';

export interface PonteBridge {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (event: PonteEvent) => void): () => void;
  /** Saves a prepared file where the merchant picks in the save dialog. */
  save(ticketId: string): Promise<Envelope<DownloadOutcome>>;
}
