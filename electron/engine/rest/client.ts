/**
 * RestClient: Ponte's door to a Tray store's REST API (`https://<store>/web_api`).
 *
 * Every call: a priority class spends from the daily budget (./budget.ts) before anything is
 * sent; the per-store pacer (../tray/pacing.ts: pool, 180/min sliding window, AIMD, Retry-After)
 * admits it; the access token (./auth.ts) goes in the URL as Tray wants; the answer is validated
 * with its zod schema (./schemas.ts). Reads are retried on network errors and 5xx; a write whose
 * answer was lost is an outcome_unknown error, never repeated blindly. A 401 / 1000 renews the
 * token once; a 429 waits (per-minute) or stops for the day (daily cap).
 *
 * Tokens, the consumer secret and the code never reach an error, an event or a log: URLs are never
 * quoted (they hold the token), and store text is redacted.
 */
import { z } from 'zod';
import { Pacer, type CallRank } from '../tray/pacing.ts';
import { RestAuth, type TokenStore } from './auth.ts';
import { DailyBudget, memoryBudgetStore, type BudgetStore, type Priority } from './budget.ts';

/** The daily budget's priority is also the order calls wait in for the 180 a minute. */
const RANK_OF: Record<Priority, CallRank> = { status: 'urgent', orders: 'normal', catalog: 'background' };
import {
  BudgetExhaustedError,
  RestAuthError,
  RestMalformedError,
  RestOutcomeUnknownError,
  RestRejectedError,
  RestTransientError,
  redactAll,
  type RestError,
} from './errors.ts';
import { t } from './messages.ts';
import { errorBody, paging, parseAnswer, wrapped } from './schemas.ts';

export interface RestRetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429s waited out per call before giving up (they do not count as attempts). */
  maxThrottleWaits: number;
}

export type RestClientEvent =
  | { type: 'retry'; what: string; attempt: number; delayMs: number; reason: string }
  | { type: 'throttled'; what: string; waitMs: number }
  | { type: 'token'; renewed: boolean };

export interface RestClientOptions {
  /** The store's API address, e.g. https://loja.example.com.br/web_api (Tray's `api_address`). */
  apiAddress: string;
  consumerKey: string;
  consumerSecret: string;
  /** The store's authorisation code; null once tokens are kept. */
  code?: string | null;
  tokens: TokenStore;
  /** Where today's call count is kept (default: memory). */
  budgetStore?: BudgetStore;
  /** Calls a day (default 10,000; 50,000 for large stores); a function is read on every call. */
  perDay?: number | (() => number);
  budgetReserve?: { status: number; orders: number };
  /** Calls per rolling minute (default 180, Tray's limit per app). */
  perMinute?: number;
  /** Calls in flight at most (default 4). */
  poolSize?: number;
  /** Items per page, at most 50 (Tray's maximum). */
  pageSize?: number;
  timeoutMs?: number;
  retry?: Partial<RestRetryPolicy>;
  /** A 429 whose Retry-After is longer than this is the daily cap (default 15 min). */
  dailyCapRetryAfterMs?: number;
  now?: () => number;
  /**
   * The clock that says which day's budget a call spends from (default: `now`). The engine gives
   * its own injected clock here, so the day follows the engine (and its tests) while pacing and token
   * expiry keep to the wall clock the store itself goes by.
   */
  budgetNow?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  fetch?: typeof fetch;
  onEvent?: (event: RestClientEvent) => void;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | undefined>;

export interface RequestSpec<S extends z.ZodType> {
  method: Method;
  path: string;
  query?: Query;
  /** The JSON body, wrapped in its resource name by the caller (`{Order: {...}}`). */
  body?: unknown;
  priority: Priority;
  /** pt-BR, names the record: "pedido 38211". */
  what: string;
  schema: S;
  /** The resource name shown in a malformed answer's path. */
  prefix?: string;
}

export interface ListSpec<S extends z.ZodType> {
  path: string;
  query?: Query;
  /** The list's key and its items' wrapper: `Orders` / `Order`. */
  listKey: string;
  itemName: string;
  item: S;
  priority: Priority;
  what: string;
}

export interface RestClientStats {
  calls: number;
  retries: number;
  throttled: number;
  pages: number;
}

const DEFAULT_RETRY: RestRetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 15_000, maxThrottleWaits: 10 };
export const MAX_PAGE_SIZE = 50;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Wire {
  status: number;
  retryAfterMs: number | null;
  location: string | null;
  text: string;
}

class WireFailure extends Error {
  constructor(
    readonly timedOut: boolean,
    readonly code: string,
    /** Whether the request may have reached the store. */
    readonly maybeSent: boolean,
  ) {
    super(code);
  }
}

/** Connection errors that prove the request never left. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

type Verdict =
  | { do: 'return'; value: unknown }
  | { do: 'throw'; error: RestError }
  | { do: 'retry'; reason: string; minDelayMs: number; last: RestError }
  | { do: 'wait'; waitMs: number; last: RestError }
  | { do: 'renew'; last: RestError };

const retryAfterMs = (value: string | null, now: number): number | null => {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
};

export class RestClient {
  readonly budget: DailyBudget;
  readonly auth: RestAuth;
  private readonly pacer: Pacer;
  private readonly base: URL;
  private readonly retry: RestRetryPolicy;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly onEvent: (event: RestClientEvent) => void;
  private readonly timeoutMs: number;
  private readonly dailyCapMs: number;
  readonly pageSize: number;
  private counters: RestClientStats = { calls: 0, retries: 0, throttled: 0, pages: 0 };
  private closed = false;

  constructor(options: RestClientOptions) {
    this.base = new URL(options.apiAddress.replace(/\/+$/, ''));
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.fetchImpl = options.fetch ?? fetch;
    this.onEvent = options.onEvent ?? (() => {});
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.dailyCapMs = options.dailyCapRetryAfterMs ?? 15 * 60_000;
    this.pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, options.pageSize ?? MAX_PAGE_SIZE));
    this.budget = new DailyBudget({
      ...(options.perDay !== undefined && { perDay: options.perDay }),
      ...(options.budgetReserve && { reserve: options.budgetReserve }),
      now: options.budgetNow ?? (() => new Date(this.now())),
      store: options.budgetStore ?? memoryBudgetStore(),
    });
    // Tray counts a minute from arrivals; a second of slack absorbs the network's varying delay.
    this.pacer = new Pacer({ poolSize: options.poolSize ?? 4, perMinute: options.perMinute ?? 180, windowMs: 61_000, now: this.now, sleep: this.sleep });
    this.auth = new RestAuth({
      consumerKey: options.consumerKey,
      consumerSecret: options.consumerSecret,
      code: options.code ?? null,
      tokens: options.tokens,
      now: this.now,
      send: (req) => this.authExchange(req),
    });
  }

  stats(): RestClientStats {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private url(path: string, query: Query, token: string | null): string {
    const u = new URL(`${this.base.pathname.replace(/\/+$/, '')}${path}`, this.base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    if (token) u.searchParams.set('access_token', token);
    return u.toString();
  }

  private redact(text: string): string {
    return redactAll(text, this.auth.secrets());
  }

  /** One HTTP exchange; throws WireFailure for transport errors (never quoting the URL). */
  private async send(method: Method, url: string, body: string | null, contentType: string | null): Promise<Wire> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetchImpl(url, {
        method,
        redirect: 'manual',
        signal: controller.signal,
        headers: { Accept: 'application/json', ...(contentType && { 'Content-Type': contentType }) },
        ...(body !== null && { body }),
      });
      const text = await response.text();
      return { status: response.status, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.now()), location: response.headers.get('location'), text };
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } })?.cause;
      const code = typeof cause?.code === 'string' ? cause.code : controller.signal.aborted ? 'timeout' : 'network';
      throw new WireFailure(controller.signal.aborted, code, !NOT_SENT.has(code));
    } finally {
      clearTimeout(timer);
    }
  }

  private async authExchange(req: { method: 'GET' | 'POST'; path: '/auth'; query?: Record<string, string>; form?: Record<string, string> }) {
    if (!this.budget.tryTake('status')) throw this.budgetError('status', 'autorização');
    this.counters.calls++;
    // The token call counts against the store's per-minute limit like any other.
    const release = await this.pacer.acquire('urgent');
    let wire: Wire;
    try {
      wire = await this.send(req.method, this.url(req.path, req.query ?? {}, null), req.form ? new URLSearchParams(req.form).toString() : null, req.form ? 'application/x-www-form-urlencoded' : null);
    } catch (error) {
      const f = error as WireFailure;
      throw new RestTransientError(f.timedOut ? 'timeout' : 'network', 'autorização', f.code);
    } finally {
      release();
    }
    this.onEvent({ type: 'token', renewed: req.method === 'GET' });
    let body: unknown = null;
    try {
      body = wire.text ? (JSON.parse(wire.text) as unknown) : null;
    } catch {
      body = null;
    }
    if (wire.status === 429) throw new RestTransientError('throttled', 'autorização', 'HTTP 429', 429, wire.retryAfterMs);
    if (wire.status >= 500) throw new RestTransientError('http', 'autorização', `HTTP ${wire.status}`, wire.status);
    return { status: wire.status, body };
  }

  private budgetError(priority: Priority, what: string): BudgetExhaustedError {
    const snap = this.budget.snapshot();
    return new BudgetExhaustedError(
      t('budget.exhausted', { priority: t(`priority.${priority}`), used: snap.used, limit: snap.perDay, what, resetsAt: new Date(snap.resetsAt).toLocaleString('pt-BR') }),
      what,
      priority,
      snap.resetsAt,
    );
  }

  /** One call, validated with its schema. */
  async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const write = spec.method !== 'GET';
    const payload = spec.body === undefined ? null : JSON.stringify(spec.body);
    let attempt = 0;
    let throttleWaits = 0;
    let renewed = false;
    for (;;) {
      if (this.closed) throw new RestTransientError('network', spec.what, 'cliente fechado');
      const token = await this.auth.accessToken();
      if (!this.budget.tryTake(spec.priority)) throw this.budgetError(spec.priority, spec.what);
      const release = await this.pacer.acquire(RANK_OF[spec.priority]);
      const startedAt = this.now();
      attempt++;
      this.counters.calls++;
      let verdict: Verdict;
      try {
        const wire = await this.send(spec.method, this.url(spec.path, spec.query ?? {}, token), payload, payload === null ? null : 'application/json; charset=utf-8');
        verdict = this.judge(spec, wire, write, startedAt);
      } catch (error) {
        if (!(error instanceof WireFailure)) throw error;
        if (error.timedOut) this.pacer.onOverload(startedAt);
        const reason = error.timedOut ? 'timeout' : 'network';
        verdict =
          write && error.maybeSent
            ? { do: 'throw', error: new RestOutcomeUnknownError(spec.what, error.code, spec.body) }
            : { do: 'retry', reason: error.code, minDelayMs: 0, last: new RestTransientError(reason, spec.what, error.code) };
      } finally {
        release();
      }
      switch (verdict.do) {
        case 'return':
          this.pacer.onSuccess();
          return verdict.value as z.output<S>;
        case 'throw':
          throw verdict.error;
        case 'renew':
          attempt--;
          if (renewed) throw verdict.last;
          renewed = true;
          this.auth.invalidate();
          break;
        case 'wait':
          attempt--;
          throttleWaits++;
          this.counters.throttled++;
          if (throttleWaits > this.retry.maxThrottleWaits) throw verdict.last;
          this.onEvent({ type: 'throttled', what: spec.what, waitMs: verdict.waitMs });
          this.pacer.pauseFor(verdict.waitMs);
          break;
        case 'retry': {
          if (attempt >= this.retry.attempts) throw verdict.last;
          const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
          const delayMs = Math.max(verdict.minDelayMs, Math.round(ceiling / 2 + this.random() * (ceiling / 2)));
          this.counters.retries++;
          this.onEvent({ type: 'retry', what: spec.what, attempt, delayMs, reason: verdict.reason });
          await this.sleep(delayMs);
          break;
        }
      }
    }
  }

  private storeText(body: unknown): string {
    const parsed = errorBody.safeParse(body);
    if (!parsed.success) return '';
    const causes = parsed.data.causes === undefined ? [] : [parsed.data.causes].flat();
    return this.redact([parsed.data.message, ...causes].filter(Boolean).join('; ')).slice(0, 300);
  }

  private judge<S extends z.ZodType>(spec: RequestSpec<S>, wire: Wire, write: boolean, startedAt: number): Verdict {
    const { status } = wire;
    let body: unknown;
    let parsed = true;
    try {
      body = wire.text === '' ? null : (JSON.parse(wire.text) as unknown);
    } catch {
      parsed = false;
    }
    if (status >= 300 && status < 400) {
      let host = '?';
      try {
        host = new URL(wire.location ?? '', this.base).host;
      } catch {
        /* an unreadable Location says nothing more */
      }
      return { do: 'throw', error: new RestAuthError('redirect', spec.what, host) };
    }
    if (status >= 200 && status < 300) {
      if (!parsed) {
        const detail = `HTTP ${status}: resposta JSON ilegível`;
        if (write) return { do: 'throw', error: new RestOutcomeUnknownError(spec.what, detail, spec.body) };
        return { do: 'retry', reason: 'json', minDelayMs: 0, last: new RestMalformedError(spec.what, detail) };
      }
      try {
        return { do: 'return', value: parseAnswer(spec.schema, body, spec.what, spec.prefix ?? '') };
      } catch (error) {
        if (write && error instanceof RestMalformedError) return { do: 'throw', error: new RestOutcomeUnknownError(spec.what, error.detail, spec.body) };
        return { do: 'throw', error: error as RestError };
      }
    }
    const storeText = parsed ? this.storeText(body) : '';
    if (status === 401) {
      const code = parsed ? errorBody.safeParse(body) : null;
      const errorCode = code?.success ? (code.data.error_code ?? null) : null;
      if (errorCode === 1000) return { do: 'renew', last: new RestAuthError('tokenExpired', spec.what, storeText || 'HTTP 401', 1000) };
      const reason = errorCode === 1001 ? 'storeBlocked' : errorCode === 1002 ? 'storeInactive' : errorCode === 1003 ? 'storeCancelled' : 'unknown';
      return { do: 'throw', error: new RestAuthError(reason, spec.what, storeText || 'HTTP 401', errorCode) };
    }
    if (status === 429) {
      const waitMs = wire.retryAfterMs ?? Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** Math.min(6, this.counters.throttled));
      if (waitMs > this.dailyCapMs) {
        this.budget.exhaust();
        const resetsAt = new Date(this.now() + waitMs);
        return {
          do: 'throw',
          error: new BudgetExhaustedError(t('budget.serverCap', { what: spec.what, resetsAt: resetsAt.toLocaleString('pt-BR') }), spec.what, spec.priority, resetsAt.toISOString()),
        };
      }
      this.pacer.onOverload(startedAt);
      return { do: 'wait', waitMs, last: new RestTransientError('throttled', spec.what, 'HTTP 429', 429, wire.retryAfterMs) };
    }
    if (status >= 500) {
      if (status === 503 || status === 502 || status === 504) this.pacer.onOverload(startedAt);
      const detail = `HTTP ${status}${storeText ? `: ${storeText}` : ''}`;
      if (write) return { do: 'throw', error: new RestOutcomeUnknownError(spec.what, detail, spec.body) };
      return { do: 'retry', reason: `HTTP ${status}`, minDelayMs: wire.retryAfterMs ?? 0, last: new RestTransientError('http', spec.what, detail, status, wire.retryAfterMs) };
    }
    return { do: 'throw', error: new RestRejectedError(spec.what, storeText || `HTTP ${status}`, status) };
  }

  /** One page of a list (`page` from 1) and the list's `paging.total`. */
  async listPage<S extends z.ZodType>(spec: ListSpec<S>, page: number): Promise<{ items: Array<z.output<S>>; total: number }> {
    const items = z.array(wrapped(spec.itemName, spec.item));
    const envelope = z.looseObject({ paging });
    const what = `${spec.what}, página ${page}`;
    const answer = await this.request({ method: 'GET', path: spec.path, query: { ...spec.query, limit: this.pageSize, page }, priority: spec.priority, what, schema: envelope });
    this.counters.pages++;
    const list = parseAnswer(items, (answer as Record<string, unknown>)[spec.listKey], what, spec.listKey) as Array<z.output<S>>;
    return { items: list, total: answer.paging.total };
  }

  /** Whether a list whose pages 1..`page` gave `read` items in all (the last page `last` of them) ends there. */
  isLastPage(page: number, read: number, last: number, total: number): boolean {
    return last === 0 || read >= total || page * this.pageSize >= total;
  }

  /** Every item of a paged list (`limit` ≤ 50, `page` from 1, until `paging.total`). */
  async listAll<S extends z.ZodType>(spec: ListSpec<S>): Promise<Array<z.output<S>>> {
    const out: Array<z.output<S>> = [];
    for (let page = 1; ; page++) {
      const { items, total } = await this.listPage(spec, page);
      out.push(...items);
      if (this.isLastPage(page, out.length, items.length, total)) return out;
    }
  }
}
