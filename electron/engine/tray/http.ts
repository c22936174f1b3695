/**
 * The axios instance the soap package sends through (its `request` option). It:
 * - reads bytes and decodes them by the charset of Content-Type, else the XML prolog (NuSOAP
 *   answers ISO-8859-1, which node-soap alone would decode as UTF-8);
 * - puts the password into the envelope only here, at the last moment: node-soap builds the
 *   envelope with a placeholder, so its debug log, `lastRequest` and errors never hold `psenha`;
 * - classifies non-200 answers (SOAP fault, 429, other HTTP) and network failures into `WireSignal`s
 *   the client decides on, instead of letting node-soap's errors (which carry the request) through.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import iconv from 'iconv-lite';
import { XMLParser } from 'fast-xml-parser';

export type WireSignal =
  | { signal: 'fault'; faultCode: string; faultString: string; status: number }
  | { signal: 'throttled'; status: number; retryAfterMs: number | null }
  | { signal: 'http'; status: number; retryAfterMs: number | null; snippet: string }
  /** `sent: false` when the request surely never reached the server (connection refused, DNS). */
  | { signal: 'network'; code: string; sent: boolean; timedOut: boolean }
  | { signal: 'unparseable'; detail: string }
  /** A 3xx answer: the store's address moved; never followed (see createTrayHttp). */
  | { signal: 'redirect'; status: number; location: string };

export class WireError extends Error {
  constructor(readonly wire: WireSignal) {
    super(`wire: ${wire.signal}`);
    this.name = 'WireError';
  }
}

const toLabel = (charset: string): string => {
  const c = charset.trim().replace(/^["']|["']$/g, '').toLowerCase();
  // As browsers do: text labelled Latin-1 is read as windows-1252, its superset.
  if (c === 'iso-8859-1' || c === 'latin1' || c === 'iso8859-1' || c === 'us-ascii') return 'windows-1252';
  return c;
};

const isValidUtf8 = (bytes: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Decodes an answer by Content-Type charset, else the XML prolog, else UTF-8 (or cp1252 if not valid UTF-8). */
export const decodeBody = (bytes: Buffer, contentType: string | undefined): string => {
  const fromHeader = /charset\s*=\s*([^;\s]+)/i.exec(contentType ?? '')?.[1];
  const head = bytes.subarray(0, 200).toString('latin1');
  const fromProlog = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const candidates = [fromHeader, fromProlog].filter((c): c is string => Boolean(c)).map(toLabel);
  for (const label of candidates) {
    if (!iconv.encodingExists(label)) continue;
    // Labels lie both ways (a PHP default charset over the other encoding): trust the bytes. Latin-1
    // text that happens to be valid multi-byte UTF-8 ("Ã§"-like pairs) does not occur in practice.
    if (label.replace('-', '') === 'utf8' && !isValidUtf8(bytes)) continue;
    if (label === 'windows-1252' && bytes.some((b) => b >= 0x80) && isValidUtf8(bytes)) return bytes.toString('utf8');
    return iconv.decode(bytes, label);
  }
  return isValidUtf8(bytes) ? bytes.toString('utf8') : iconv.decode(bytes, 'windows-1252');
};

const faultParser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

const text = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return text((v as Record<string, unknown>)['#text']);
  return '';
};

/** faultcode/faultstring of a SOAP 1.1 fault, or null when the body is not one. */
export const parseFault = (body: string): { faultCode: string; faultString: string } | null => {
  if (!/:?Fault[\s>]/.test(body)) return null;
  try {
    const doc = faultParser.parse(body) as Record<string, unknown>;
    const env = doc['Envelope'] as Record<string, unknown> | undefined;
    const bodyNode = env?.['Body'] as Record<string, unknown> | undefined;
    const fault = bodyNode?.['Fault'] as Record<string, unknown> | undefined;
    if (!fault) return null;
    return { faultCode: text(fault['faultcode']), faultString: text(fault['faultstring']) };
  } catch {
    return null;
  }
};

export const parseRetryAfter = (value: unknown, nowMs: number): number | null => {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const date = Date.parse(s);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
};

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

export interface TrayHttpOptions {
  /** The placeholder node-soap puts in the envelope, and the real password it stands for. */
  placeholder: string;
  password: string;
  /** Sockets kept open per store (the pool size). */
  maxSockets: number;
  now: () => number;
  /** Hosts the client may fetch from: everything else is refused (no schema fetched from the internet). */
  allowedHost: string;
  /**
   * Each exchange as it crossed the wire, for a support capture (./capture.ts). The request body is
   * the one node-soap built, placeholder shown as "***": the password never reaches this hook.
   */
  onExchange?: (exchange: WireExchange) => void;
}

export interface WireExchange {
  method: string;
  url: string;
  /** null when no answer came (network failure, timeout). */
  status: number | null;
  soapAction: string | null;
  request: string;
  contentType: string | null;
  response: string;
  /** The network error code when no answer came. */
  error: string | null;
}

/**
 * Largest answer read, in bytes. The biggest real answers (a 50-order page, the WSDL) are well under
 * 1 MB; past this a broken or hostile server would only grow the process until it dies.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export const createTrayHttp = (options: TrayHttpOptions): AxiosInstance => {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets };
  const instance = axios.create({
    responseType: 'arraybuffer',
    httpAgent: new http.Agent(agentOptions),
    httpsAgent: new https.Agent(agentOptions),
    // SOAP POSTs are never redirected (follow-redirects costs per call); the WSDL GET may be.
    maxRedirects: 0,
    maxContentLength: MAX_ANSWER_BYTES,
    // Every status reaches the interceptor, which classifies it.
    validateStatus: () => true,
  });

  // The request as node-soap built it (password still a placeholder), per request, for onExchange.
  const shown = new WeakMap<object, string>();
  const report = (config: InternalAxiosRequestConfig | undefined, status: number | null, contentType: string | null, response: string, error: string | null) => {
    if (!options.onExchange || !config) return;
    const action = config.headers?.get?.('SOAPAction');
    options.onExchange({
      method: (config.method ?? 'get').toUpperCase(),
      url: new URL(config.url ?? '', config.baseURL).href,
      status,
      soapAction: typeof action === 'string' ? action : null,
      request: shown.get(config) ?? '',
      contentType,
      response,
      error,
    });
  };

  instance.interceptors.request.use((config: InternalAxiosRequestConfig) => {
    const url = new URL(config.url ?? '', config.baseURL);
    if (url.host !== options.allowedHost) throw new WireError({ signal: 'network', code: 'EFOREIGNHOST', sent: false, timedOut: false });
    if (options.onExchange && typeof config.data === 'string') shown.set(config, config.data.split(options.placeholder).join('***'));
    if (typeof config.data === 'string' && config.data.includes(options.placeholder)) {
      const body = config.data.split(options.placeholder).join(xmlEscape(options.password));
      config.data = body;
      config.headers.set('Content-Length', String(Buffer.byteLength(body, 'utf8')));
    }
    return config;
  });

  instance.interceptors.response.use(
    (response: AxiosResponse) => {
      const raw: unknown = response.data;
      const bytes = Buffer.isBuffer(raw) ? raw : raw instanceof ArrayBuffer ? Buffer.from(raw) : Buffer.from(String(raw ?? ''), 'utf8');
      const contentType = response.headers['content-type'] as string | undefined;
      const body = decodeBody(bytes, contentType);
      response.data = body;
      const status = response.status;
      report(response.config, status, contentType ?? null, body, null);
      if (status === 200) {
        const fault = parseFault(body);
        if (fault) throw new WireError({ signal: 'fault', ...fault, status });
        if (/<\?xml|<[\w-]*:?Envelope/i.test(body.slice(0, 500)) && !/Envelope>\s*$/.test(body) && !/definitions>\s*$/.test(body)) {
          throw new WireError({ signal: 'unparseable', detail: `resposta incompleta (${bytes.length} bytes)` });
        }
        return response;
      }
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], options.now());
      // Never followed: the next request would carry the password to wherever the store points.
      const location = response.headers['location'] as unknown;
      if (status >= 300 && status < 400 && typeof location === 'string' && location) {
        let target = location;
        try {
          target = new URL(location, response.config.url).href;
        } catch {
          // keep the raw header
        }
        throw new WireError({ signal: 'redirect', status, location: target.slice(0, 200) });
      }
      if (status === 429) throw new WireError({ signal: 'throttled', status, retryAfterMs });
      const fault = parseFault(body);
      if (fault) throw new WireError({ signal: 'fault', ...fault, status });
      const snippet = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
      throw new WireError({ signal: 'http', status, retryAfterMs, snippet });
    },
    (error: unknown) => {
      if (error instanceof WireError) throw error;
      const e = error as { code?: unknown; name?: unknown; message?: unknown };
      if (typeof e.message === 'string' && e.message.includes('maxContentLength')) {
        throw new WireError({ signal: 'unparseable', detail: `resposta maior que ${MAX_ANSWER_BYTES / 1024 / 1024} MB, recusada` });
      }
      const code = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'ERROR';
      const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED' || e.name === 'CanceledError';
      report((error as { config?: InternalAxiosRequestConfig }).config, null, null, '', timedOut ? 'TIMEOUT' : code);
      // A fresh WireError drops axios' error, whose config holds the envelope with the password.
      throw new WireError({ signal: 'network', code: timedOut ? 'TIMEOUT' : code, sent: !NOT_SENT.has(code), timedOut });
    },
  );
  return instance;
};
