/**
 * TrayClient: the one door through which Ponte talks to a Tray store's SOAP WebService v2.
 *
 * Built on the soap package (WSDL parsing, envelopes, answer parsing) with our own axios instance
 * (charset decoding, password injection, classification: ./http.ts). On top of it: the WSDL cached
 * on disk (./wsdl-cache.ts), capabilities after the operation map (./capabilities.ts), per-store
 * pacing (./pacing.ts), retries that never repeat a write blindly, and answers normalised from the
 * catalogue (./normalize.ts).
 */
import { randomBytes } from 'node:crypto';
import { Client as SoapClient, WSDL, type IOptions } from 'soap';
import type { AxiosInstance } from 'axios';
import type { FeatureState } from '../../../shared/api/contract.ts';
import { computeCapabilities, storeNameOf, type Capabilities, type OperationMap } from './capabilities.ts';
import {
  AuthError,
  MalformedAnswerError,
  OutcomeUnknownError,
  RejectedError,
  TransientError,
  UnsupportedOperationError,
  classifyFault,
  redact,
  TrayError,
} from './errors.ts';
import { createTrayHttp, WireError, type WireExchange, type WireSignal } from './http.ts';
import { t } from './messages.ts';
import { AnswerShapeError, ElementsError, MissingFieldsError, normaliseAnswer } from './normalize.ts';
import {
  AUTH_PARAMS,
  OPERATIONS,
  XSD_TYPE,
  type Feature,
  type FieldMap,
  type OperationArgs,
  type OperationName,
  type OperationResult,
  type OperationSpec,
  type Retorno,
  type ScalarKind,
  type TrayBrand,
  type TrayCategory,
  type TrayCharacteristic,
  type TrayCustomer,
  type TrayInstallment,
  type TrayOrder,
  type TrayOrderItem,
  type TrayPaymentMethod,
  type TrayProduct,
  type TrayStatus,
} from './operations.ts';
import { Pacer } from './pacing.ts';
import type { StoreFieldReport } from '../../../shared/api/store-fields.ts';
import { loadWsdl, stripStandardImports } from './wsdl-cache.ts';
import { applyFieldChecks, compareFields, parseWsdlTypes } from './wsdl-fields.ts';

export interface RetryPolicy {
  /** Attempts in all for a read (and for a write whose request surely never left). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429s waited out per call before giving up (they do not count as attempts). */
  maxThrottleWaits: number;
}

export type TrayClientEvent =
  | { type: 'retry'; operation: OperationName; attempt: number; delayMs: number; reason: string }
  | { type: 'throttled'; operation: OperationName; waitMs: number }
  | { type: 'wsdl'; fromCache: boolean; fetchedAt: number };

export interface TrayClientOptions {
  /** The endpoint (…/webservice/v2/ws_servidor.php); the WSDL is at url + '?wsdl'. */
  url: string;
  storeId: string;
  login: string;
  password: string;
  /** Where the store's WSDL is cached. */
  cacheDir: string;
  /** Our operation name -> the store's; unmapped names are used as they are. */
  operationMap?: OperationMap;
  /** Per type, our field -> the store's name for it (else our name, else a known alias). */
  fieldMap?: FieldMap;
  /** Calls in flight at most (default 4). */
  poolSize?: number;
  /** Calls started per rolling minute at most (default 150; 0 = no budget). */
  perMinute?: number;
  /** Calls that may start back to back before the budget is spread (default: a tenth of the minute's). */
  burst?: number;
  /** Where the budget's recent call starts are kept across restarts (the local database). */
  pacing?: PacingMemory;
  /** Per-attempt timeout of a write (and default), ms (default 30 000). */
  timeoutMs?: number;
  /** Per-attempt timeout of a read, ms (default 60 000: listings can be slow). */
  readTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Age after which the cached WSDL is fetched again at connect (default 24 h). */
  wsdlRefreshMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Password-free notifications (retries, throttling, WSDL source) for logs. */
  onEvent?: (event: TrayClientEvent) => void;
  /** Every HTTP exchange, password already shown as "***" (a support capture: ./capture.ts). */
  onExchange?: (exchange: WireExchange) => void;
}

/** The pacing window kept across restarts, so a crash loop cannot multiply the calls a minute. */
export interface PacingMemory {
  load(): number[];
  save(starts: readonly number[]): void;
}

export interface OrderWindow {
  /** YYYY-MM-DD */
  since: string;
  /** YYYY-MM-DD (default: since) */
  until?: string;
  /** HHMM (default 0000) */
  sinceTime?: string;
  /** HHMM (default 2359) */
  untilTime?: string;
  /** The store's status code, '' = any */
  status?: string | number;
}

export interface TrayClientStats {
  inFlight: number;
  maxInFlight: number;
  effectiveLimit: number;
  queued: number;
  calls: number;
  retries: number;
  throttled: number;
}

type Kind2Ts<K> = K extends 'string' ? string : number;
/** An operation's parameters (after auth) as a named record, from the catalogue. */
export type OperationRecord<N extends OperationName> = {
  [P in (typeof OPERATIONS)[N]['params'][number] as P[0]]: Kind2Ts<P[1]>;
};

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 15_000, maxThrottleWaits: 10 };
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const DAY_MS = 24 * 60 * 60 * 1000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type SoapMethodAsync = (args: unknown, options?: unknown) => Promise<[unknown, ...unknown[]]>;

/** What happened on one attempt, decided from the wire signal. */
type Verdict =
  | { do: 'return'; value: unknown }
  | { do: 'throw'; error: TrayError }
  | { do: 'retry'; reason: string; minDelayMs: number; last: TrayError }
  | { do: 'wait'; waitMs: number; last: TrayError };

/** The store said the record does not exist (classified once, when the fault was read). */
export const isNotFound = (error: unknown): boolean => error instanceof RejectedError && error.notFound;

/**
 * Order status and tracking pushes (and the read-back before them) are what a merchant waits on
 * after typing a code: they go ahead of a long catalogue push queued in the same store's pool.
 */
// The to-do acknowledgement is urgent too: it is what lets an order leave the store's list, and a
// restart loop must not lose it behind downloads (#12 defect 5).
const URGENT_OPERATIONS: ReadonlySet<OperationName> = new Set(['fWSAtualizaStatusPedido', 'fWSAtualizaRastreioPedido', 'fWSImportaPedidoPorId', 'fWSAtualizaListaToDo']);

export class TrayClient {
  private readonly opts: Required<Omit<TrayClientOptions, 'operationMap' | 'fieldMap' | 'retry' | 'onEvent' | 'onExchange' | 'burst' | 'pacing'>> & {
    operationMap: OperationMap;
    fieldMap: FieldMap;
    retry: RetryPolicy;
    onEvent: (event: TrayClientEvent) => void;
  };
  private readonly placeholder = `__ponte_psenha_${randomBytes(8).toString('hex')}__`;
  private readonly http: AxiosInstance;
  private readonly pacer: Pacer;
  private soap: SoapClient | null = null;
  private inputParts = new Map<string, string[]>();
  private caps: Capabilities | null = null;
  private connecting: Promise<void> | null = null;
  private nextWsdlCheck = 0;
  private refreshing = false;
  private counters = { calls: 0, retries: 0, throttled: 0 };
  private closed = false;

  constructor(options: TrayClientOptions) {
    const url = new URL(options.url);
    this.opts = {
      url: options.url,
      storeId: options.storeId,
      login: options.login,
      password: options.password,
      cacheDir: options.cacheDir,
      operationMap: options.operationMap ?? {},
      fieldMap: options.fieldMap ?? {},
      poolSize: options.poolSize ?? 4,
      perMinute: options.perMinute ?? 150,
      timeoutMs: options.timeoutMs ?? 30_000,
      readTimeoutMs: options.readTimeoutMs ?? 60_000,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      wsdlRefreshMs: options.wsdlRefreshMs ?? DAY_MS,
      now: options.now ?? Date.now,
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      onEvent: options.onEvent ?? (() => {}),
    };
    this.http = createTrayHttp({
      placeholder: this.placeholder,
      password: options.password,
      maxSockets: this.opts.poolSize,
      now: this.opts.now,
      allowedHost: url.host,
      ...(options.onExchange && { onExchange: options.onExchange }),
    });
    const pacing = options.pacing;
    this.pacer = new Pacer({
      poolSize: this.opts.poolSize,
      perMinute: this.opts.perMinute,
      burst: options.burst ?? Math.max(1, Math.ceil(this.opts.perMinute / 10)),
      now: this.opts.now,
      sleep: this.opts.sleep,
      ...(pacing && { restoredStarts: pacing.load(), onStarts: (starts: readonly number[]) => pacing.save(starts) }),
    });
  }

  get wsdlUrl(): string {
    return `${this.opts.url}?wsdl`;
  }

  /** Reads the store's WSDL (from the disk cache when fresh) and learns its capabilities. */
  connect(options: { refreshWsdl?: boolean } = {}): Promise<void> {
    if (this.connecting && !options.refreshWsdl) return this.connecting;
    const attempt = this.doConnect(options.refreshWsdl === true);
    this.connecting = attempt;
    attempt.catch(() => {
      if (this.connecting === attempt) this.connecting = null;
    });
    return attempt;
  }

  /** Fetches the WSDL again now (support action "atualizar operações da loja"). */
  refreshWsdl(): Promise<void> {
    return this.connect({ refreshWsdl: true });
  }

  private async doConnect(force: boolean): Promise<void> {
    const wsdlUrl = this.wsdlUrl;
    const loaded = await loadWsdl({
      cacheDir: this.opts.cacheDir,
      wsdlUrl,
      refreshMs: this.opts.wsdlRefreshMs,
      force,
      now: this.opts.now,
      fetch: async () => {
        let response;
        try {
          response = await this.http.get<string>(wsdlUrl, { timeout: this.opts.timeoutMs });
        } catch (error) {
          throw this.wsdlError(error);
        }
        const body = String(response.data);
        if (!/<(\w+:)?definitions[\s>]/.test(body)) throw new TransientError('network', null, t('wsdl.invalid', { url: wsdlUrl, detail: 'sem <definitions>' }));
        return body;
      },
    });
    this.opts.onEvent({ type: 'wsdl', fromCache: loaded.fromCache, fetchedAt: loaded.fetchedAt });
    this.nextWsdlCheck = Math.max(this.nextWsdlCheck, loaded.fetchedAt + this.opts.wsdlRefreshMs);
    const soapOptions: IOptions = { request: this.http as unknown as IOptions['request'], endpoint: this.opts.url, disableCache: true, returnFault: false };
    let wsdl: WSDL;
    try {
      wsdl = new WSDL(stripStandardImports(loaded.xml), wsdlUrl, soapOptions);
      await new Promise<void>((resolve, reject) => wsdl.onReady((err) => (err ? reject(err) : resolve())));
    } catch (error) {
      throw new MalformedAnswerError('WSDL', t('wsdl.invalid', { url: wsdlUrl, detail: redact(String((error as Error)?.message ?? error), this.opts.password).slice(0, 160) }));
    }
    const client = new SoapClient(wsdl, this.opts.url, soapOptions);
    const parts = new Map<string, string[]>();
    const described = client.describe() as Record<string, Record<string, Record<string, { input?: unknown }>>>;
    for (const service of Object.values(described)) {
      for (const port of Object.values(service)) {
        for (const [op, desc] of Object.entries(port)) {
          const input = desc.input;
          parts.set(op, input && typeof input === 'object' ? Object.keys(input).filter((k) => !k.startsWith('targetNS')) : []);
        }
      }
    }
    // An operation whose signature is shorter than ours cannot take our arguments: treat it as absent.
    const usable = [...parts.keys()].filter((op) => {
      const ours = (Object.keys(OPERATIONS) as OperationName[]).find((n) => storeNameOf(n, this.opts.operationMap) === op);
      return !ours || (parts.get(op)?.length ?? 0) >= AUTH_PARAMS.length + OPERATIONS[ours].params.length;
    });
    this.soap = client;
    this.inputParts = parts;
    const fields = compareFields(parseWsdlTypes(loaded.xml), this.opts.fieldMap, this.opts.operationMap);
    this.caps = applyFieldChecks(computeCapabilities(usable, this.opts.operationMap), fields);
  }

  private wsdlError(error: unknown): TrayError {
    const wire = error instanceof WireError ? error.wire : null;
    if (wire?.signal === 'redirect') return new AuthError('redirect', null, wire.location);
    const detail =
      wire?.signal === 'http' || wire?.signal === 'throttled'
        ? `HTTP ${wire.status}`
        : wire?.signal === 'network'
          ? wire.code
          : wire?.signal === 'fault'
            ? redact(wire.faultString, this.opts.password)
            : 'erro';
    return new TransientError(wire?.signal === 'network' && wire.timedOut ? 'timeout' : 'network', null, t('wsdl.unreachable', { url: this.wsdlUrl, detail }));
  }

  /**
   * A long-running app connects once: the schedule is kept here, by refreshing the WSDL in the
   * background when it is older than the interval. Failures keep the current copy.
   */
  private refreshWhenStale(): void {
    const now = this.opts.now();
    if (this.refreshing || now < this.nextWsdlCheck) return;
    // Next check one interval from now even if this one fails: never a WSDL fetch per call.
    this.nextWsdlCheck = now + this.opts.wsdlRefreshMs;
    this.refreshing = true;
    this.doConnect(false)
      .catch(() => {})
      .finally(() => {
        this.refreshing = false;
      });
  }

  /** Per-operation and per-feature availability (after connect). */
  capabilities(): Capabilities {
    if (!this.caps) throw new Error('TrayClient.capabilities() before connect()');
    return this.caps;
  }

  /** Per-feature state for the engine/UI: available, or a pt-BR reason. */
  features(): Record<Feature, FeatureState> {
    const caps = this.caps;
    const out = {} as Record<Feature, FeatureState>;
    const features = caps ? (Object.keys(caps.features) as Feature[]) : [];
    for (const f of features) out[f] = { available: caps!.features[f].available, reason: caps!.features[f].reason };
    return out;
  }

  /** The store's WSDL field names against ours, type by type (null before connect). */
  fieldReport(): StoreFieldReport | null {
    return this.caps?.fields ?? null;
  }

  supports(name: OperationName): boolean {
    return this.caps?.operations[name].available ?? false;
  }

  stats(): TrayClientStats {
    return {
      inFlight: this.pacer.inFlight,
      maxInFlight: this.pacer.maxInFlight,
      effectiveLimit: this.pacer.effectiveLimit,
      queued: this.pacer.queued,
      ...this.counters,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const agents = [this.http.defaults.httpAgent, this.http.defaults.httpsAgent] as Array<{ destroy?: () => void } | undefined>;
    for (const agent of agents) agent?.destroy?.();
  }

  /** Calls an operation with its positional arguments (after the three auth parameters). */
  async call<N extends OperationName>(name: N, args: OperationArgs<N>): Promise<OperationResult<N>> {
    if (!this.caps) await this.connect();
    else this.refreshWhenStale();
    const spec: OperationSpec = OPERATIONS[name];
    const caps = this.capabilities();
    const storeName = caps.operations[name]?.storeName ?? name;
    if (!caps.operations[name]?.available) throw new UnsupportedOperationError(name, storeName, spec.feature);
    const values = args as readonly unknown[];
    if (values.length !== spec.params.length) {
      throw new TypeError(`${name}: esperados ${spec.params.length} argumentos, recebidos ${values.length}`);
    }
    const soapArgs = this.envelopeArgs(storeName, spec, values);
    const method = (this.soap as unknown as Record<string, unknown>)[`${storeName}Async`];
    if (typeof method !== 'function') throw new UnsupportedOperationError(name, storeName, spec.feature);
    const invoke = (method as SoapMethodAsync).bind(this.soap);
    const timeoutMs = spec.kind === 'read' ? this.opts.readTimeoutMs : this.opts.timeoutMs;
    const policy = this.opts.retry;
    let attempt = 0;
    let throttleWaits = 0;
    for (;;) {
      if (this.closed) throw new TransientError('network', name, 'cliente fechado');
      const release = await this.pacer.acquire(URGENT_OPERATIONS.has(name) ? 'urgent' : 'normal');
      const startedAt = this.opts.now();
      attempt++;
      this.counters.calls++;
      let verdict: Verdict;
      try {
        const [raw] = await this.invokeWithTimeout(invoke, soapArgs, timeoutMs);
        verdict = this.judgeAnswer(name, spec, values, raw);
        this.pacer.onSuccess();
      } catch (error) {
        verdict = this.judgeFailure(name, spec, values, error, startedAt);
      } finally {
        release();
      }
      switch (verdict.do) {
        case 'return':
          return verdict.value as OperationResult<N>;
        case 'throw':
          throw verdict.error;
        case 'wait': {
          attempt--; // a 429 is "later", not a spent attempt
          throttleWaits++;
          this.counters.throttled++;
          if (throttleWaits > policy.maxThrottleWaits) throw verdict.last;
          this.opts.onEvent({ type: 'throttled', operation: name, waitMs: verdict.waitMs });
          this.pacer.pauseFor(verdict.waitMs);
          break;
        }
        case 'retry': {
          if (attempt >= policy.attempts) throw verdict.last;
          const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
          const delayMs = Math.max(verdict.minDelayMs, Math.round(ceiling / 2 + this.opts.random() * (ceiling / 2)));
          this.counters.retries++;
          this.opts.onEvent({ type: 'retry', operation: name, attempt, delayMs, reason: verdict.reason });
          await this.opts.sleep(delayMs);
          break;
        }
      }
    }
  }

  /** Positional arguments keyed by the store's own part names, each with its xsi:type. */
  private envelopeArgs(storeName: string, spec: OperationSpec, values: readonly unknown[]): Record<string, unknown> {
    const kinds: ScalarKind[] = [...AUTH_PARAMS.map((p) => p[1]), ...spec.params.map((p) => p[1])];
    const names = this.inputParts.get(storeName) ?? [];
    const all: unknown[] = [this.opts.storeId, this.opts.login, this.placeholder, ...values];
    const out: Record<string, unknown> = {};
    all.forEach((value, i) => {
      const kind = kinds[i] as ScalarKind;
      const name = names[i] ?? (i < 3 ? AUTH_PARAMS[i]![0] : spec.params[i - 3]![0]);
      out[name] = { attributes: { 'xmlns:xsd': XSD_NS, 'xsi:type': XSD_TYPE[kind] }, $value: value === null || value === undefined ? '' : value };
    });
    return out;
  }

  private async invokeWithTimeout(invoke: SoapMethodAsync, soapArgs: Record<string, unknown>, timeoutMs: number) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await invoke(soapArgs, { signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  private judgeAnswer(name: OperationName, spec: OperationSpec, values: readonly unknown[], raw: unknown): Verdict {
    let value: unknown;
    try {
      value = normaliseAnswer(spec.returns, raw, { ...(spec.requires && { requires: spec.requires }), fieldMap: this.opts.fieldMap });
    } catch (error) {
      const secret = this.opts.password;
      const detail = redact(error instanceof AnswerShapeError ? error.reason : 'resposta ilegível', secret);
      const path = error instanceof AnswerShapeError ? error.path : '';
      if (spec.kind === 'write') return { do: 'throw', error: new OutcomeUnknownError(name, values, `resposta malformada: ${path} ${detail}`.trim()) };
      const fieldsOf = (e: unknown) => (e instanceof MissingFieldsError ? { type: e.type, missing: e.missing, sent: e.sent.map((f) => redact(f, secret)) } : null);
      const partial =
        error instanceof ElementsError
          ? {
              good: error.good,
              refused: error.refused.map((r) => ({
                index: r.index,
                id: r.id,
                detail: t(r.error instanceof MissingFieldsError ? 'missingFields' : 'malformed', { operation: name, detail: redact(r.error.message, secret) }),
                fields: fieldsOf(r.error),
              })),
            }
          : null;
      const first = error instanceof ElementsError ? error.refused[0]?.error : error;
      return { do: 'throw', error: new MalformedAnswerError(name, detail, path, fieldsOf(first), partial) };
    }
    if (spec.kind === 'write' && spec.returns.type === 'Retorno') {
      const status = (value as Retorno).status.trim().toLowerCase();
      if (status !== 'ok') {
        const message = redact((value as Retorno).mensagem || (value as Retorno).status, this.opts.password);
        return { do: 'throw', error: new RejectedError(name, message, null, classifyFault('', message)) };
      }
      // Applied, but without the id nothing can be bound to it: the caller looks it up before creating again.
      if (spec.returnsId && !((value as Retorno).id > 0)) return { do: 'throw', error: new OutcomeUnknownError(name, values, t('create.noId')) };
    }
    return { do: 'return', value };
  }

  private judgeFailure(name: OperationName, spec: OperationSpec, values: readonly unknown[], error: unknown, startedAt: number): Verdict {
    const write = spec.kind === 'write';
    const secret = this.opts.password;
    const wire: WireSignal =
      error instanceof WireError
        ? error.wire
        : { signal: 'unparseable', detail: redact(String((error as Error)?.message ?? error), secret).slice(0, 120) };
    switch (wire.signal) {
      case 'fault': {
        const message = redact(wire.faultString || wire.faultCode || 'falha sem mensagem', secret);
        const fault = classifyFault(wire.faultCode, wire.faultString);
        if (fault === 'credentials' || fault === 'serviceDisabled') return { do: 'throw', error: new AuthError(fault, name, message) };
        // The WSDL we hold is older than the store's service: the operation is gone.
        if (fault === 'unknownOperation') return { do: 'throw', error: new UnsupportedOperationError(name, this.caps?.operations[name]?.storeName ?? name, spec.feature) };
        const rejected = new RejectedError(name, message, wire.faultCode || null, fault);
        if (!write && fault === 'serverHiccup') return { do: 'retry', reason: `fault ${wire.faultCode}`, minDelayMs: 0, last: rejected };
        return { do: 'throw', error: rejected };
      }
      case 'throttled': {
        this.pacer.onOverload(startedAt);
        const last = new TransientError('throttled', name, 'HTTP 429', 429, wire.retryAfterMs);
        const waitMs = wire.retryAfterMs ?? Math.min(this.opts.retry.maxDelayMs, this.opts.retry.baseDelayMs * 2 ** Math.min(6, this.counters.throttled));
        return { do: 'wait', waitMs, last };
      }
      case 'http': {
        if (wire.status === 503 || wire.status === 502 || wire.status === 504) this.pacer.onOverload(startedAt);
        const detail = `HTTP ${wire.status}${wire.snippet ? `: ${redact(wire.snippet, secret)}` : ''}`;
        if (write) return { do: 'throw', error: new OutcomeUnknownError(name, values, detail) };
        const last = new TransientError('http', name, detail, wire.status, wire.retryAfterMs);
        return { do: 'retry', reason: `HTTP ${wire.status}`, minDelayMs: wire.retryAfterMs ?? 0, last };
      }
      case 'network': {
        if (wire.timedOut) this.pacer.onOverload(startedAt);
        const reason = wire.timedOut ? 'timeout' : 'network';
        const detail = wire.timedOut ? 'tempo esgotado' : wire.code;
        if (write && wire.sent) return { do: 'throw', error: new OutcomeUnknownError(name, values, detail) };
        return { do: 'retry', reason: detail, minDelayMs: 0, last: new TransientError(reason, name, detail) };
      }
      case 'redirect':
        return { do: 'throw', error: new AuthError('redirect', name, wire.location) };
      case 'unparseable': {
        if (write) return { do: 'throw', error: new OutcomeUnknownError(name, values, wire.detail) };
        return { do: 'retry', reason: wire.detail, minDelayMs: 0, last: new MalformedAnswerError(name, wire.detail) };
      }
    }
  }

  // ---- Convenience methods for what the engine uses -------------------------------------------

  /** Calls an operation with its parameters as a named record (in the catalogue's order). */
  callWith<N extends OperationName>(name: N, record: OperationRecord<N>): Promise<OperationResult<N>> {
    const r = record as Record<string, unknown>;
    const args = OPERATIONS[name].params.map(([param]) => r[param]) as unknown as OperationArgs<N>;
    return this.call(name, args);
  }

  private async orNull<T>(promise: Promise<T>): Promise<T | null> {
    try {
      return await promise;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  listOrders(window: OrderWindow): Promise<TrayOrder[]> {
    return this.call('fWSImportaPedidos', [
      window.since,
      window.until ?? window.since,
      window.sinceTime ?? '0000',
      window.untilTime ?? '2359',
      window.status === undefined ? '' : String(window.status),
    ]);
  }
  getOrder(id: number): Promise<TrayOrder> {
    return this.call('fWSImportaPedidoPorId', [id]);
  }
  getOrderItems(id: number): Promise<TrayOrderItem[]> {
    return this.call('fWSImportaItensPedidoPorId', [id]);
  }
  getOrderInstallments(id: number): Promise<TrayInstallment[]> {
    return this.call('fWSImportaParcelasPedidoPorId', [id]);
  }
  /** The order's customer with the delivery address (the store answers a one-element list). */
  async getOrderCustomer(id: number): Promise<TrayCustomer | null> {
    const list = await this.call('fWSImportaClientePorPedidoAvancado', [id]);
    return list[0] ?? null;
  }
  /** Takes an order off the store's to-do list once Ponte holds it. */
  ackOrder(id: number): Promise<Retorno> {
    return this.call('fWSAtualizaListaToDo', ['pedidos', id]);
  }
  listStatuses(): Promise<TrayStatus[]> {
    return this.call('fWSImportaStatusPedido', []);
  }
  /** Tray emails the shopper on every status change: never resend after an OutcomeUnknownError without reading back. */
  updateOrderStatus(orderId: number, statusId: number): Promise<Retorno> {
    return this.call('fWSAtualizaStatusPedido', [orderId, statusId]);
  }
  updateTracking(orderId: number, tracking: { code: string; shippedAt: string; url?: string }): Promise<Retorno> {
    return this.call('fWSAtualizaRastreioPedido', [orderId, tracking.code, tracking.shippedAt, tracking.url ?? '']);
  }
  getProductBySku(sku: string): Promise<TrayProduct | null> {
    return this.orNull(this.call('fWSImportaProdutoPorCodReferencia', [sku]));
  }
  getProductById(id: number): Promise<TrayProduct | null> {
    return this.orNull(this.call('fWSImportaProdutoPorID', [id]));
  }
  createProduct(product: OperationRecord<'fWSCadastraProduto'>): Promise<Retorno> {
    return this.callWith('fWSCadastraProduto', product);
  }
  updateProduct(product: OperationRecord<'fWSAtualizaProduto'>): Promise<Retorno> {
    return this.callWith('fWSAtualizaProduto', product);
  }
  updateStock(productId: number, stock: number, variation = false): Promise<Retorno> {
    return this.call('fWSAtualizaEstoqueProduto', [variation ? 'S' : 'N', productId, stock]);
  }
  updateAvailability(productId: number, available: boolean, variation = false): Promise<Retorno> {
    return this.call('fWSAtualizaProdutoDisponivel', [variation ? 'S' : 'N', productId, available ? 'S' : 'N']);
  }
  listCategories(): Promise<TrayCategory[]> {
    return this.call('fWSImportaCategorias', []);
  }
  createCategory(category: OperationRecord<'fWSCadastraCategoria'>): Promise<Retorno> {
    return this.callWith('fWSCadastraCategoria', category);
  }
  updateCategory(category: OperationRecord<'fWSAtualizaCategoria'>): Promise<Retorno> {
    return this.callWith('fWSAtualizaCategoria', category);
  }
  listBrands(): Promise<TrayBrand[]> {
    return this.call('fWSImportaMarcas', []);
  }
  createBrand(name: string): Promise<Retorno> {
    return this.call('fWSCadastraMarca', [name]);
  }
  listCharacteristics(): Promise<TrayCharacteristic[]> {
    return this.call('fWSImportaCaracteristicas', []);
  }
  createCharacteristic(name: string): Promise<Retorno> {
    return this.call('fWSCadastraCaracteristica', [name]);
  }
  setProductCharacteristic(productId: number, characteristicId: number, value: string): Promise<Retorno> {
    return this.call('fWSCadastraCaracteristicaProduto', [productId, characteristicId, value]);
  }
  findCustomerByEmail(email: string): Promise<TrayCustomer | null> {
    return this.orNull(this.call('fWSImportaClientePorEmail', [email]));
  }
  findCustomerByCpf(cpf: string): Promise<TrayCustomer | null> {
    return this.orNull(this.call('fWSImportaClientePorCPF', [cpf]));
  }
  findCustomerByCnpj(cnpj: string): Promise<TrayCustomer | null> {
    return this.orNull(this.call('fWSImportaClientePorCNPJ', [cnpj]));
  }
  findCustomerById(id: number): Promise<TrayCustomer | null> {
    return this.orNull(this.call('fWSImportaClientePorId', [id]));
  }
  createCustomer(customer: OperationRecord<'fWSCadastraClienteAvancado'>): Promise<Retorno> {
    return this.callWith('fWSCadastraClienteAvancado', customer);
  }
  createWeddingList(list: OperationRecord<'fWSCadastraListaCasamento'>): Promise<Retorno> {
    return this.callWith('fWSCadastraListaCasamento', list);
  }
  addProductToWeddingList(listId: number, productId: number, quantity: number): Promise<Retorno> {
    return this.call('fWSCadastraProdutoListaCasamento', [listId, productId, quantity]);
  }
  listPaymentMethods(): Promise<TrayPaymentMethod[]> {
    return this.call('fWSFormasPagamentosDisponiveis', []);
  }
}

export const createTrayClient = (options: TrayClientOptions): TrayClient => new TrayClient(options);
