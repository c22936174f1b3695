/**
 * The REST client's errors. Their `kind` is the same vocabulary as the SOAP client's
 * (`trayErrorKind` in ../sync/ports.ts reads it), so a job handles both transports alike. They are
 * built from our own data only: never from a fetch error or a URL, since every URL carries the
 * access token; store-provided text passes through `redactAll` first.
 */
import { t } from './messages.ts';

export type RestErrorKind = 'auth' | 'rejected' | 'transient' | 'malformed' | 'outcome_unknown' | 'unsupported';

export abstract class RestError extends Error {
  abstract readonly kind: RestErrorKind;
  /** What was being done, in pt-BR ("pedido 38211", "lista de pedidos, página 2"). */
  readonly what: string;
  /** Short technical detail (already redacted), for logs and support. */
  readonly detail: string;

  constructor(message: string, what: string, detail: string) {
    super(message);
    this.what = what;
    this.detail = detail;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, message: this.message, what: this.what, detail: this.detail };
  }
}

/**
 * Why the store would not let Ponte in:
 * - 'tokenExpired' (401 error_code 1000 that a refresh did not cure), 'storeBlocked' (1001),
 *   'storeInactive' (1002), 'storeCancelled' (1003), 'unknown' (1099 or any other 10xx);
 * - 'credentials': POST /auth refused the key, secret or code;
 * - 'authorizeAgain': the refresh token expired (30 days): the merchant must authorise again;
 * - 'notAuthorized': no token and no code yet;
 * - 'redirect': the API address redirects elsewhere (the token is not sent after it).
 */
export type RestAuthReason =
  | 'tokenExpired'
  | 'storeBlocked'
  | 'storeInactive'
  | 'storeCancelled'
  | 'unknown'
  | 'credentials'
  | 'authorizeAgain'
  | 'notAuthorized'
  | 'redirect';

const ERROR_CODE_REASON: Record<number, RestAuthReason> = { 1000: 'tokenExpired', 1001: 'storeBlocked', 1002: 'storeInactive', 1003: 'storeCancelled' };

/** A 401's `error_code` -> the reason; codes outside 1000–1003 are 'unknown'. */
export const authReasonOf = (errorCode: number | null): RestAuthReason => (errorCode !== null && ERROR_CODE_REASON[errorCode]) || 'unknown';

const authMessage = (reason: RestAuthReason, errorCode: number | null, detail: string): string => {
  switch (reason) {
    case 'tokenExpired':
      return t('auth.1000', { detail });
    case 'storeBlocked':
      return t('auth.1001');
    case 'storeInactive':
      return t('auth.1002');
    case 'storeCancelled':
      return t('auth.1003');
    case 'unknown':
      return t('auth.unknown', { code: errorCode ?? '-' });
    case 'credentials':
      return t('auth.credentials', { detail });
    case 'authorizeAgain':
      return t('auth.authorizeAgain');
    case 'notAuthorized':
      return t('auth.notAuthorized');
    case 'redirect':
      return t('auth.redirect', { detail });
  }
};

export class RestAuthError extends RestError {
  readonly kind = 'auth';
  constructor(
    readonly reason: RestAuthReason,
    what: string,
    detail: string,
    readonly errorCode: number | null = null,
  ) {
    super(authMessage(reason, errorCode, detail), what, detail);
    this.name = 'RestAuthError';
  }
  override toJSON() {
    return { ...super.toJSON(), reason: this.reason, errorCode: this.errorCode };
  }
}

export class RestRejectedError extends RestError {
  readonly kind = 'rejected';
  constructor(
    what: string,
    /** The store's own message and causes, redacted. */
    readonly storeMessage: string,
    readonly status: number,
  ) {
    super(status === 404 ? t('notFound', { what }) : t('rejected', { what, detail: storeMessage }), what, storeMessage);
    this.name = 'RestRejectedError';
  }
  get notFound(): boolean {
    return this.status === 404;
  }
  override toJSON() {
    return { ...super.toJSON(), storeMessage: this.storeMessage, status: this.status };
  }
}

export type RestTransientReason = 'network' | 'timeout' | 'http' | 'throttled' | 'budget';

export class RestTransientError extends RestError {
  readonly kind = 'transient';
  constructor(
    readonly reason: Exclude<RestTransientReason, 'budget'>,
    what: string,
    detail: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(t(`transient.${reason}`, { what, detail, status: status ?? '-' }), what, detail);
    this.name = 'RestTransientError';
  }
  override toJSON() {
    return { ...super.toJSON(), reason: this.reason, status: this.status, retryAfterMs: this.retryAfterMs };
  }
}

/**
 * Today's call budget for this priority is spent (or the store said its daily cap is reached):
 * transient, with the moment it comes back. Nothing was sent.
 */
export class BudgetExhaustedError extends RestError {
  readonly kind = 'transient';
  readonly reason = 'budget';
  constructor(
    message: string,
    what: string,
    readonly priority: string,
    /** ISO instant when today's budget resets. */
    readonly retryAt: string,
  ) {
    super(message, what, `orçamento diário (${priority}) até ${retryAt}`);
    this.name = 'BudgetExhaustedError';
  }
  override toJSON() {
    return { ...super.toJSON(), reason: this.reason, priority: this.priority, retryAt: this.retryAt };
  }
}

export class RestMalformedError extends RestError {
  readonly kind = 'malformed';
  constructor(
    what: string,
    detail: string,
    /** Where in the answer, e.g. `Order.total`, `Orders[3].Order.modified`. */
    readonly path: string = '',
  ) {
    super(t('malformed', { what, detail }), what, detail);
    this.name = 'RestMalformedError';
  }
  override toJSON() {
    return { ...super.toJSON(), path: this.path };
  }
}

/** A write whose answer was lost: the caller reads the store back before sending it again. */
export class RestOutcomeUnknownError extends RestError {
  readonly kind = 'outcome_unknown';
  constructor(
    what: string,
    detail: string,
    /** What was sent (the resource body; never a token). */
    readonly sent: unknown,
  ) {
    super(t('outcomeUnknown', { what, detail }), what, detail);
    this.name = 'RestOutcomeUnknownError';
  }
  override toJSON() {
    return { ...super.toJSON(), sent: this.sent };
  }
}

export class RestUnsupportedError extends RestError {
  readonly kind = 'unsupported';
  constructor(
    what: string,
    reason: string,
    readonly feature: string,
  ) {
    super(t('unsupported', { what, reason }), what, reason);
    this.name = 'RestUnsupportedError';
  }
  override toJSON() {
    return { ...super.toJSON(), feature: this.feature };
  }
}

export const isRestError = (error: unknown): error is RestError => error instanceof RestError;
export const isRestNotFound = (error: unknown): boolean => error instanceof RestRejectedError && error.notFound;

/** Replaces every occurrence of each secret in a text (tokens, consumer secret, code). */
export const redactAll = (text: string, secrets: ReadonlyArray<string | null | undefined>): string => {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('***');
  return out;
};
