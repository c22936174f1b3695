/**
 * Headless mode's HTTP server: the built renderer plus the contract over HTTP (see
 * shared/api/transport.ts). It is a door to the merchant's store, so it is shut by default:
 * loopback only, a random session token on every API request, and requests naming a foreign Host
 * (DNS rebinding) or coming from a foreign Origin (CSRF) are refused before anything else runs.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { EngineEndpoint } from '../engine/api/dispatch.ts';
import { HTTP_CALL_PREFIX, HTTP_DOWNLOAD_PREFIX, HTTP_EVENTS_PATH, TOKEN_QUERY } from '../../shared/api/transport.ts';
import type { DownloadShelf } from '../engine/downloads.ts';
import type { ApiError, Envelope } from '../../shared/api/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../shell/csp.ts';
import { t } from './messages.ts';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface HeadlessServerOptions {
  endpoint: EngineEndpoint;
  /** Prepared files served at HTTP_DOWNLOAD_PREFIX + ticket, as attachments. */
  downloads?: Pick<DownloadShelf, 'take'>;
  /** The built renderer (dist/renderer). A missing folder leaves the API up with a short notice. */
  staticDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  allowNonLoopback?: boolean;
  /** Defaults to 32 random bytes; tests pass their own. */
  token?: string;
  bodyLimit?: number;
  heartbeatMs?: number;
}

export interface HeadlessServer {
  /** http://127.0.0.1:<port>/?token=<token> */
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const generateToken = (): string => randomBytes(32).toString('base64url');

/** Compares digests so neither the length nor the content of the token leaks through timing. */
export const tokensMatch = (expected: string, given: string): boolean =>
  timingSafeEqual(createHash('sha256').update(expected).digest(), createHash('sha256').update(given).digest());

export const isLoopbackHost = (host: string): boolean => {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.webmanifest': 'application/manifest+json',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The token travels in the page URL: it must never leave in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: ApiError['code'] = 'rejected',
  ) {
    super(message);
  }
}

/** Host names a legitimate request may carry for this server (`host:port`, lower case). */
const allowedHostHeaders = (boundHost: string, port: number): Set<string> => {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  const bare = boundHost.replace(/^\[|\]$/g, '');
  if (bare === '0.0.0.0' || bare === '::') {
    // Listening everywhere (explicitly allowed): the machine's own addresses are legitimate names.
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) names.add(info.family === 'IPv6' ? `[${info.address}]` : info.address);
    }
  } else {
    names.add(isIP(bare) === 6 ? `[${bare}]` : bare.toLowerCase());
  }
  return new Set([...names].map((name) => `${name.toLowerCase()}:${port}`));
};

const sendText = (res: ServerResponse, status: number, text: string): void => {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
};

const sendJson = (res: ServerResponse, status: number, body: Envelope<unknown>): void => {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
};

const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpRefusal(413, t('http.tooLarge', { limit })));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpRefusal(413, t('http.tooLarge', { limit })));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export const startHeadlessServer = async (options: HeadlessServerOptions): Promise<HeadlessServer> => {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowNonLoopback) throw new Error(t('bind.nonLoopback', { host }));
  const token = options.token ?? generateToken();
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const staticRoot = path.resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const checkHostAndOrigin = (req: IncomingMessage): void => {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) throw new HttpRefusal(403, t('http.foreignHost'));
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let originHost: string | null = null;
      try {
        const parsed = new URL(origin);
        if (parsed.protocol === 'http:') originHost = parsed.host.toLowerCase();
      } catch {
        // "null" (sandboxed frames, file://) and garbage are foreign by definition.
      }
      if (originHost === null || !allowedHosts.has(originHost)) throw new HttpRefusal(403, t('http.foreignOrigin'));
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') throw new HttpRefusal(403, t('http.foreignOrigin'));
  };

  const checkToken = (req: IncomingMessage, url: URL): void => {
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : url.searchParams.get(TOKEN_QUERY);
    if (!given || !tokensMatch(token, given)) throw new HttpRefusal(401, t('http.badToken'));
  };

  const handleCall = async (req: IncomingMessage, res: ServerResponse, name: string): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new HttpRefusal(405, t('http.methodNotAllowed'));
    }
    const body = await readBody(req, bodyLimit);
    let input: unknown = undefined;
    if (body.length > 0) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      // A JSON content type forces a CORS preflight on any cross-site attempt, on top of the token.
      if (type !== 'application/json') throw new HttpRefusal(415, t('http.needsJson'), 'invalid_input');
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpRefusal(400, t('http.badJson'), 'invalid_input');
      }
    }
    sendJson(res, 200, await options.endpoint.dispatch(name, input));
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') throw new HttpRefusal(405, t('http.methodNotAllowed'));
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n: conectado\n\n');
    streams.add(res);
    const unsubscribe = options.endpoint.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    // Comments keep proxies and idle timeouts from closing a quiet stream.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    heartbeat.unref();
    let cleaned = false;
    const cleanup = () => {
      if (cleaned) return;
      cleaned = true;
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
  };

  /**
   * A prepared file as an attachment, so the browser saves it as a download. The ticket (random,
   * short-lived, single use, only handed out by an authenticated call) is the credential: a link
   * carrying the session token would leave it in the browser's list of downloads.
   */
  const handleDownload = async (req: IncomingMessage, res: ServerResponse, ticket: string): Promise<void> => {
    if (req.method !== 'GET') throw new HttpRefusal(405, t('http.methodNotAllowed'));
    // Taken, not opened: the ticket is spent by this one download.
    const staged = ticket && options.downloads ? await options.downloads.take(ticket) : null;
    if (!staged) throw new HttpRefusal(404, t('http.notFound'), 'not_found');
    const ascii = staged.name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'arquivo';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[path.extname(staged.name).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': staged.size,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(staged.name)}`,
      'Cache-Control': 'no-store',
    });
    createReadStream(staged.file).pipe(res);
  };

  const serveStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(405, t('http.methodNotAllowed'));
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      throw new HttpRefusal(404, t('http.notFound'));
    }
    if (relative.includes('\0')) throw new HttpRefusal(404, t('http.notFound'));
    let file = path.resolve(staticRoot, `.${relative}`);
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep)) throw new HttpRefusal(404, t('http.notFound'));
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) {
      // Client-side routes (no extension) get the app; a missing asset is a plain 404.
      if (path.extname(relative) !== '') throw new HttpRefusal(404, t('http.notFound'));
      file = path.join(staticRoot, 'index.html');
      info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        sendText(res, 503, t('http.noRenderer'));
        return;
      }
    }
    const isIndex = path.basename(file) === 'index.html';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      // Hashed assets may be cached; the index must not be, so a rebuild is picked up.
      'Cache-Control': isIndex ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    const handle = async () => {
      checkHostAndOrigin(req);
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith(HTTP_DOWNLOAD_PREFIX)) return handleDownload(req, res, url.pathname.slice(HTTP_DOWNLOAD_PREFIX.length));
      if (url.pathname.startsWith('/api/')) {
        checkToken(req, url);
        if (url.pathname === HTTP_EVENTS_PATH) return handleEvents(req, res);
        if (url.pathname.startsWith(HTTP_CALL_PREFIX)) {
          let name: string;
          try {
            name = decodeURIComponent(url.pathname.slice(HTTP_CALL_PREFIX.length)).slice(0, 200);
          } catch {
            name = ''; // malformed escapes: the dispatcher answers "unknown operation"
          }
          return handleCall(req, res, name);
        }
        throw new HttpRefusal(404, t('http.notFound'), 'not_found');
      }
      return serveStatic(req, res, url.pathname);
    };
    handle().catch((error: unknown) => {
      const refusal =
        error instanceof HttpRefusal ? error : new HttpRefusal(500, error instanceof Error ? error.message : String(error), 'internal');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (refusal.status === 413) res.setHeader('Connection', 'close');
      if ((req.url ?? '').startsWith('/api/')) sendJson(res, refusal.status, { ok: false, error: { code: refusal.code, message: refusal.message } });
      else sendText(res, refusal.status, refusal.message);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(host, port);
  const bare = host.replace(/^\[|\]$/g, '');
  const shownHost =
    bare === '0.0.0.0' || bare === '::' ? '127.0.0.1' : isIP(bare) === 6 ? `[${bare}]` : bare.toLowerCase();

  return {
    url: `http://${shownHost}:${port}/?${TOKEN_QUERY}=${token}`,
    host,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
