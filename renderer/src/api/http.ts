import { PonteApiError, type DownloadOutcome, type DownloadTicket, type HandlerName, type Input, type Outputs, type PonteApi, type PonteEvent } from '../../../shared/api/contract.ts';
import { HTTP_CALL_PREFIX, HTTP_DOWNLOAD_PREFIX, HTTP_EVENTS_PATH, TOKEN_QUERY } from '../../../shared/api/transport.ts';
import { unwrapEnvelope } from './envelope.ts';

const STORAGE_KEY = 'ponte.token';

export interface TokenEnvironment {
  location: Pick<Location, 'search' | 'pathname' | 'hash'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Reads the session token once from `?token=`, keeps it in sessionStorage (a reload still works)
 * and removes it from the address bar so it is not bookmarked, shared or shown on screen.
 */
export const takeToken = (env: TokenEnvironment): string | null => {
  const params = new URLSearchParams(env.location.search);
  const fromUrl = params.get(TOKEN_QUERY);
  if (fromUrl) {
    env.storage.setItem(STORAGE_KEY, fromUrl);
    params.delete(TOKEN_QUERY);
    const query = params.toString();
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${query ? `?${query}` : ''}${env.location.hash}`);
    return fromUrl;
  }
  return env.storage.getItem(STORAGE_KEY);
};

export interface HttpApiOptions {
  token: string;
  /** Base of the server, '' for same origin. */
  base?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSource;
  /** Starts a browser download of `url` (an attachment) named `name`; tests pass their own. */
  startDownload?: (url: string, name: string) => void;
}

/** A link the browser follows as a download: the server answers with Content-Disposition. */
const clickDownload = (url: string, name: string): void => {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
};

const parseEvent = (data: string): PonteEvent | null => {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
      ? (value as PonteEvent)
      : null;
  } catch {
    return null;
  }
};

/** Headless mode: JSON over POST, events over one shared EventSource. */
export const createHttpApi = (options: HttpApiOptions): PonteApi => {
  const base = options.base ?? '';
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const makeSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const listeners = new Set<(event: PonteEvent) => void>();
  let source: EventSource | null = null;

  return {
    async call<N extends HandlerName>(name: N, input: Input<N>): Promise<Outputs[N]> {
      let response: Response;
      try {
        response = await doFetch(`${base}${HTTP_CALL_PREFIX}${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new PonteApiError('unavailable', 'Sem conexão com o Ponte.');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new PonteApiError('internal', `Resposta inválida do serviço (HTTP ${response.status}).`);
      }
      return unwrapEnvelope<Outputs[N]>(body);
    },
    async download(ticket: DownloadTicket): Promise<DownloadOutcome> {
      (options.startDownload ?? clickDownload)(`${base}${HTTP_DOWNLOAD_PREFIX}${encodeURIComponent(ticket.id)}`, ticket.name);
      // The browser saves it where it saves downloads (or asks): the page is not told where.
      return { saved: true, path: null, backup: null };
    },
    subscribe(listener: (event: PonteEvent) => void): () => void {
      listeners.add(listener);
      if (!source) {
        source = makeSource(`${base}${HTTP_EVENTS_PATH}?${TOKEN_QUERY}=${encodeURIComponent(options.token)}`);
        source.onmessage = (message: MessageEvent<string>) => {
          const event = parseEvent(message.data);
          if (event) for (const l of listeners) l(event);
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
};
