/**
 * The Tray store emulator: an HTTP server on 127.0.0.1 speaking NuSOAP's dialect of Tray's
 * WebService v2, with the slowness and failures of the real service as knobs (latency, a hard
 * concurrency limit that queues, a per-minute budget, seeded fault injection), and a JSON control
 * API under /_emulator/. The engine never imports this module: the demo and the tests start it.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { mulberry32, type Random } from '../demo/random.ts';
import { OPERATIONS, OPERATION_NAMES, type OperationName } from '../engine/tray/operations.ts';
import { decodeBody, latin1, operationsHtml, parseCall, soapFault, soapResponse, wsdl, type ServiceNames } from './soap.ts';
import { EmulatorFault, EmulatorStore } from './store.ts';
import { publishedField, type FieldDialect } from './dialect.ts';
import { createRestEmulator, INSTALL_PATH, REST_PATH, type RestEmulator, type RestEmulatorConfig } from './rest.ts';

export { EmulatorStore, EmulatorFault, STORE_STATUSES, STATUS } from './store.ts';
export { PUBLIC_CLIENT_DIALECT, type FieldDialect } from './dialect.ts';
export type { OrderWriteCounts, ShopperEmail, StoreOrder } from './store.ts';
export { INSTALL_PATH, REST_PATH, DEFAULT_REST_CONFIG } from './rest.ts';
export type { RestEmulator, RestEmulatorConfig } from './rest.ts';

/**
 * Injected faults, drawn per call from the seeded generator (at most one per call, in this order):
 * - soapFault: HTTP 500 SOAP-ENV:Server fault; nothing applied.
 * - html500: HTTP 500 with an Apache-style HTML page; nothing applied.
 * - reset: the socket is destroyed before any answer; nothing applied.
 * - hang: no answer; the slot is held hangMs, then the socket is destroyed; nothing applied.
 * - truncated: the call IS applied, the XML answer is cut in half (a write's outcome is unknown).
 * - lostAnswer (writes only): the write is applied, then the socket is destroyed.
 */
export type FaultKind = 'soapFault' | 'html500' | 'reset' | 'hang' | 'truncated' | 'lostAnswer';
export const FAULT_KINDS: readonly FaultKind[] = ['soapFault', 'html500', 'reset', 'hang', 'truncated', 'lostAnswer'];

export interface EmulatorConfig {
  latencyMs: number;
  jitterMs: number;
  maxConcurrent: number;
  perMinute: number;
  faults: Partial<Record<FaultKind, number>>;
  serviceEnabled: boolean;
  hangMs: number;
  /**
   * The whole store is down, as when Tray's servers are: every store request (SOAP calls, the
   * WSDL, REST) gets the web server's 503 page and nothing is applied. The control API still answers.
   */
  outage: boolean;
}

export interface EmulatorOptions extends Partial<EmulatorConfig> {
  port?: number;
  seed?: number;
  orders?: number;
  storeId?: string;
  login?: string;
  password?: string;
  omitOperations?: string[];
  renameOperations?: Record<string, string>;
  /** Field names this store publishes instead of ours (answers and WSDL), e.g. PUBLIC_CLIENT_DIALECT. */
  fieldDialect?: FieldDialect;
  now?: () => Date;
  /** The REST side (web_api): app credentials, code, limits, token lifetimes. */
  rest?: Partial<RestEmulatorConfig>;
}

export type CallOutcome = 'ok' | 'fault' | FaultKind | '429';
export interface CallLogEntry {
  op: string;
  start: number;
  end: number;
  outcome: CallOutcome;
}
export interface EmulatorStats {
  calls: Record<string, number>;
  maxInFlight: number;
  inFlight: number;
  rejected429: number;
  faults: Record<FaultKind, number>;
  log: CallLogEntry[];
}

export interface RunningEmulator {
  url: string;
  endpoint: string;
  wsdlUrl: string;
  credentials: { storeId: string; login: string; password: string };
  /** The REST API's address (Tray's `api_address`): `${url}/web_api`. */
  restUrl: string;
  rest: RestEmulator;
  store: EmulatorStore;
  config(): EmulatorConfig;
  setConfig(patch: Partial<EmulatorConfig>): void;
  stats(): EmulatorStats;
  resetStats(): void;
  close(): Promise<void>;
}

export const ENDPOINT_PATH = '/webservice/v2/ws_servidor.php';
export const NAMESPACE = 'urn:ws_servidor';

const rate = z.number().min(0).max(1);
export const configPatchSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000),
    jitterMs: z.number().int().min(0).max(600_000),
    maxConcurrent: z.number().int().min(1).max(1000),
    perMinute: z.number().int().min(0),
    faults: z.object({ soapFault: rate, html500: rate, reset: rate, hang: rate, truncated: rate, lostAnswer: rate }).partial().strict(),
    serviceEnabled: z.boolean(),
    hangMs: z.number().int().min(0).max(3_600_000),
    outage: z.boolean(),
  })
  .partial()
  .strict();

const DEFAULT_CONFIG: EmulatorConfig = {
  latencyMs: 0,
  jitterMs: 0,
  maxConcurrent: 4,
  perMinute: 0,
  faults: {},
  serviceEnabled: true,
  hangMs: 120_000,
  outage: false,
};

/** FIFO semaphore: requests beyond the limit wait in arrival order; none is rejected. */
class Semaphore {
  private waiting: Array<() => void> = [];
  active = 0;
  constructor(public limit: number) {}
  acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    this.active--;
    this.drain();
  }
  /** Called after a limit change too: a raised limit lets queued requests in at once. */
  drain(): void {
    while (this.active < this.limit && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()?.();
    }
  }
}

const HTML_500 = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head><title>500 Internal Server Error</title></head><body>
<h1>Internal Server Error</h1>
<p>The server encountered an internal error or misconfiguration and was unable to complete your request.</p>
<hr><address>Apache Server at loja.tray.com.br Port 443</address>
</body></html>`;

const HTML_503 = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head><title>503 Service Unavailable</title></head><body>
<h1>Service Unavailable</h1>
<p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.</p>
<hr><address>Apache Server at loja.tray.com.br Port 443</address>
</body></html>`;

const emptyFaults = (): Record<FaultKind, number> => ({ soapFault: 0, html500: 0, reset: 0, hang: 0, truncated: 0, lostAnswer: 0 });

const readBody = (req: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** The call log keeps the most recent entries only: the demo runs for hours. */
const MAX_LOG = 10_000;
const pushLog = (log: CallLogEntry[], entry: CallLogEntry) => {
  log.push(entry);
  if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? 1;
  const credentials = { storeId: options.storeId ?? '1', login: options.login ?? 'webservice', password: options.password ?? 'ponte-demo' };
  const makeStore = () => new EmulatorStore({ seed, orders: options.orders ?? 40, ...(options.now ? { now: options.now } : {}) });
  let store = makeStore();
  const initial = configPatchSchema.parse(
    Object.fromEntries(Object.entries(options).filter(([k]) => k in DEFAULT_CONFIG)),
  );
  let config: EmulatorConfig = { ...DEFAULT_CONFIG, ...initial, faults: { ...(initial.faults ?? {}) } } as EmulatorConfig;
  const semaphore = new Semaphore(config.maxConcurrent);
  let random: Random = mulberry32(seed ^ 0x5eed);

  const omitted = new Set(options.omitOperations ?? []);
  const renames = options.renameOperations ?? {};
  const operations = OPERATION_NAMES.filter((op) => !omitted.has(op));
  const published = (op: OperationName) => renames[op] ?? op;
  const byPublishedName = new Map(operations.map((op) => [published(op), op] as const));
  const dialect = options.fieldDialect;
  const names: ServiceNames = { namespace: NAMESPACE, published, operations, ...(dialect && { field: (type, field) => publishedField(dialect, type, field) }) };

  let stats: EmulatorStats = { calls: {}, maxInFlight: 0, inFlight: 0, rejected429: 0, faults: emptyFaults(), log: [] };
  const resetStats = () => {
    // Calls in flight across a reset keep counting, so inFlight never goes negative.
    const inFlight = stats.inFlight;
    stats = { calls: {}, maxInFlight: inFlight, inFlight, rejected429: 0, faults: emptyFaults(), log: [] };
  };
  resetStats();
  let admitted: number[] = []; // admission times (ms) within the rolling minute
  const sockets = new Set<Socket>();
  const hangTimers = new Set<NodeJS.Timeout>();

  const endpointFor = (req: http.IncomingMessage) => `http://${req.headers.host ?? '127.0.0.1'}${ENDPOINT_PATH}`;

  const send = (res: http.ServerResponse, status: number, contentType: string, body: Buffer | string, extra: Record<string, string> = {}) => {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(buf.length), Server: 'NuSOAP Server v0.9.5', ...extra });
    res.end(buf);
  };
  const sendXml = (res: http.ServerResponse, status: number, xml: string) => send(res, status, 'text/xml; charset=ISO-8859-1', latin1(xml));
  const json = (res: http.ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

  /** Picks at most one fault for this call from the seeded generator. */
  const drawFault = (isWrite: boolean): FaultKind | null => {
    for (const kind of FAULT_KINDS) {
      const p = config.faults[kind] ?? 0;
      if (kind === 'lostAnswer' && !isWrite) continue;
      if (p > 0 && random() < p) return kind;
    }
    return null;
  };

  const handleSoap = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    // The per-minute budget is checked on arrival: a 429 costs no slot.
    if (config.perMinute > 0) {
      const t = Date.now();
      admitted = admitted.filter((x) => t - x < 60_000);
      if (admitted.length >= config.perMinute) {
        const retryAfter = Math.max(1, Math.ceil((60_000 - (t - (admitted[0] ?? t))) / 1000));
        stats.rejected429++;
        const now = performance.now();
        pushLog(stats.log, { op: '?', start: now, end: now, outcome: '429' });
        send(res, 429, 'text/plain; charset=utf-8', 'Too Many Requests', { 'Retry-After': String(retryAfter) });
        return;
      }
      admitted.push(t);
    }
    await semaphore.acquire();
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const entry: CallLogEntry = { op: '?', start: performance.now(), end: 0, outcome: 'ok' };
    pushLog(stats.log, entry);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      entry.end = performance.now();
      stats.inFlight--;
      semaphore.release();
    };
    try {
      const delay = config.latencyMs + (config.jitterMs > 0 ? Math.round(random() * config.jitterMs) : 0);
      if (delay > 0) await sleep(delay);

      let op: OperationName | undefined;
      let args: string[] = [];
      let requestNamespace = NAMESPACE;
      try {
        const call = parseCall(decodeBody(body, req.headers['content-type']));
        entry.op = call.name;
        op = byPublishedName.get(call.name);
        args = call.args;
        if (call.namespace) requestNamespace = call.namespace;
        stats.calls[call.name] = (stats.calls[call.name] ?? 0) + 1;
        if (!op) {
          entry.outcome = 'fault';
          sendXml(res, 500, soapFault('SOAP-ENV:Client', `Operation '${call.name}' is not defined in the WSDL for this service`));
          return;
        }
      } catch (e) {
        entry.outcome = 'fault';
        sendXml(res, 500, soapFault('SOAP-ENV:Client', `Requisição SOAP inválida: ${e instanceof Error ? e.message : 'erro'}`));
        return;
      }

      const fault = drawFault(OPERATIONS[op].kind === 'write');
      if (fault) {
        stats.faults[fault]++;
        entry.outcome = fault;
      }
      switch (fault) {
        case 'soapFault':
          sendXml(res, 500, soapFault('SOAP-ENV:Server', 'Erro interno no servidor. Tente novamente mais tarde.'));
          return;
        case 'html500':
          send(res, 500, 'text/html; charset=iso-8859-1', HTML_500);
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'hang':
          // Holds its slot like a stuck PHP worker, then drops the connection.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              hangTimers.delete(timer);
              req.socket.destroy();
              resolve();
            }, config.hangMs);
            hangTimers.add(timer);
            req.socket.once('close', () => {
              clearTimeout(timer);
              hangTimers.delete(timer);
              resolve();
            });
          });
          return;
        default:
          break;
      }

      let xml: string;
      let status = 200;
      try {
        const [pidLoja = '', login = '', password = '', ...rest] = args;
        if (!config.serviceEnabled) throw new EmulatorFault('SOAP-ENV:Server', 'Webservice não habilitado para esta loja');
        if (pidLoja !== credentials.storeId || login !== credentials.login || password !== credentials.password)
          throw new EmulatorFault('SOAP-ENV:Client', 'Login ou senha inválidos');
        xml = soapResponse(names, op, store.call(op, rest), requestNamespace);
      } catch (e) {
        if (!(e instanceof EmulatorFault)) throw e;
        if (!fault) entry.outcome = 'fault';
        status = 500;
        xml = soapFault(e.faultcode, e.faultstring);
      }
      if (fault === 'lostAnswer') {
        req.socket.destroy();
        return;
      }
      if (fault === 'truncated') {
        const bytes = latin1(xml);
        send(res, status, 'text/xml; charset=ISO-8859-1', bytes.subarray(0, Math.floor(bytes.length / 2)));
        return;
      }
      sendXml(res, status, xml);
    } finally {
      release();
    }
  };

  const rest = createRestEmulator(
    {
      store: () => store,
      now: options.now ?? (() => new Date()),
      withSlot: async (route, fn) => {
        await semaphore.acquire();
        stats.inFlight++;
        stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
        stats.calls[route] = (stats.calls[route] ?? 0) + 1;
        const entry: CallLogEntry = { op: route, start: performance.now(), end: 0, outcome: 'ok' };
        pushLog(stats.log, entry);
        try {
          const delay = config.latencyMs + (config.jitterMs > 0 ? Math.round(random() * config.jitterMs) : 0);
          if (delay > 0) await sleep(delay);
          await fn(entry as { outcome: string });
        } finally {
          entry.end = performance.now();
          stats.inFlight--;
          semaphore.release();
        }
      },
      drawFault,
      countFault: (kind) => {
        stats.faults[kind]++;
      },
      count429: (route) => {
        stats.rejected429++;
        const now = performance.now();
        pushLog(stats.log, { op: route, start: now, end: now, outcome: '429' });
      },
      hang: (req) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            hangTimers.delete(timer);
            req.socket.destroy();
            resolve();
          }, config.hangMs);
          hangTimers.add(timer);
          req.socket.once('close', () => {
            clearTimeout(timer);
            hangTimers.delete(timer);
            resolve();
          });
        }),
    },
    options.rest,
  );

  const orderCountSchema = z.object({ count: z.number().int().min(1).max(10_000) }).strict();
  const statusSchema = z.object({ id_status: z.number().int() }).strict();

  const handleControl = async (req: http.IncomingMessage, res: http.ServerResponse, path: string, body: Buffer) => {
    const parseJson = (): unknown => {
      try {
        return body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
      } catch {
        return undefined;
      }
    };
    const bad = (message: string) => json(res, 400, { error: message });
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/_emulator/orders') {
      const input = orderCountSchema.safeParse(parseJson());
      if (!input.success) return bad('corpo esperado: {"count": n} com n inteiro entre 1 e 10000');
      return json(res, 200, { ids: store.placeOrders(input.data.count) });
    }
    if (method === 'POST' && (m = /^\/_emulator\/orders\/(\d+)\/status$/.exec(path))) {
      const input = statusSchema.safeParse(parseJson());
      if (!input.success) return bad('corpo esperado: {"id_status": n}');
      try {
        const o = store.storeChangesStatus(Number(m[1]), input.data.id_status);
        return json(res, 200, o.order);
      } catch (e) {
        return e instanceof EmulatorFault ? bad(e.faultstring) : Promise.reject(e);
      }
    }
    if (method === 'GET' && (m = /^\/_emulator\/state\/orders\/(\d+)$/.exec(path))) {
      const o = store.order(Number(m[1]));
      return o ? json(res, 200, { ...o.order, pending: o.pending, items: o.items, installments: o.installments, delivery: o.delivery }) : json(res, 404, { error: 'Pedido não encontrado' });
    }
    if (method === 'GET' && path === '/_emulator/emails') return json(res, 200, store.emails);
    if (method === 'GET' && path === '/_emulator/writes') return json(res, 200, store.writeCounts());
    if (method === 'GET' && (m = /^\/_emulator\/writes\/orders\/(\d+)$/.exec(path)))
      return json(res, 200, store.orderWrites.get(Number(m[1])) ?? { status: 0, tracking: 0, ack: 0 });
    if (method === 'GET' && path === '/_emulator/calls') return json(res, 200, stats.calls);
    if (method === 'GET' && path === '/_emulator/stats') return json(res, 200, stats);
    if (method === 'GET' && path === '/_emulator/config') return json(res, 200, config);
    if (method === 'PUT' && path === '/_emulator/config') {
      const input = configPatchSchema.safeParse(parseJson());
      if (!input.success) return bad(`configuração inválida: ${input.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`);
      setConfig(input.data as Partial<EmulatorConfig>);
      return json(res, 200, config);
    }
    const restAnswer = rest.control(method, path, body);
    if (restAnswer) return json(res, restAnswer.status, restAnswer.body);
    if (method === 'POST' && path === '/_emulator/reset') {
      store = makeStore();
      running.store = store;
      random = mulberry32(seed ^ 0x5eed);
      admitted = [];
      rest.reset();
      resetStats();
      return json(res, 200, { ok: true });
    }
    return json(res, 404, { error: `rota desconhecida: ${method} ${path}` });
  };

  const setConfig = (patch: Partial<EmulatorConfig>) => {
    const valid = configPatchSchema.parse(patch);
    // `faults` is replaced as a whole: `{faults: {}}` turns every fault off.
    config = { ...config, ...valid, faults: valid.faults ? { ...valid.faults } : config.faults } as EmulatorConfig;
    semaphore.limit = config.maxConcurrent;
    semaphore.drain();
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    readBody(req)
      .then(async (body) => {
        if (url.pathname.startsWith('/_emulator/')) return handleControl(req, res, url.pathname, body);
        if (config.outage) return send(res, 503, 'text/html; charset=iso-8859-1', HTML_503);
        if (url.pathname === REST_PATH || url.pathname.startsWith(`${REST_PATH}/`)) return rest.handle(req, res, url, body);
        if (url.pathname === INSTALL_PATH && req.method === 'GET') {
          const answer = rest.install(url, `http://${req.headers.host ?? '127.0.0.1'}`);
          return send(res, answer.status, 'text/plain; charset=utf-8', answer.text, answer.headers);
        }
        if (url.pathname !== ENDPOINT_PATH) return send(res, 404, 'text/html; charset=iso-8859-1', '<html><body><h1>404 Not Found</h1></body></html>');
        if (req.method === 'GET') {
          if (url.searchParams.has('wsdl') || url.search.toLowerCase() === '?wsdl')
            return send(res, 200, 'text/xml; charset=ISO-8859-1', latin1(wsdl(names, endpointFor(req))));
          return send(res, 200, 'text/html; charset=ISO-8859-1', latin1(operationsHtml(names, endpointFor(req))));
        }
        if (req.method === 'POST') return handleSoap(req, res, body);
        return send(res, 405, 'text/plain', 'Method Not Allowed', { Allow: 'GET, POST' });
      })
      .catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) sendXml(res, 500, soapFault('SOAP-ENV:Server', `Erro interno do emulador: ${e instanceof Error ? e.message : 'erro'}`));
      });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const running: RunningEmulator = {
    url,
    endpoint: `${url}${ENDPOINT_PATH}`,
    wsdlUrl: `${url}${ENDPOINT_PATH}?wsdl`,
    credentials,
    restUrl: `${url}${REST_PATH}`,
    rest,
    store,
    config: () => ({ ...config, faults: { ...config.faults } }),
    setConfig,
    stats: () => ({ ...stats, calls: { ...stats.calls }, faults: { ...stats.faults }, log: stats.log.map((e) => ({ ...e })) }),
    resetStats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of hangTimers) clearTimeout(t);
        hangTimers.clear();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return running;
}
