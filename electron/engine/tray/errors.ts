/**
 * The Tray client's error classes. Each has a stable `kind` (read by the engine through
 * `trayErrorKind`) and a pt-BR merchant message. None of them ever holds the store password:
 * they are built from our own data, never from the soap/axios error objects (whose request config
 * carries the envelope), and store-provided text passes through `redact` first.
 */
import { getLocale } from '../../../shared/i18n/index.ts';
import { t } from './messages.ts';
import { operationLabel } from './operation-labels.ts';

const label = (operation: string | null): string => operationLabel(operation, getLocale());

export type TrayErrorKind = 'auth' | 'rejected' | 'transient' | 'malformed' | 'outcome_unknown' | 'unsupported';

export abstract class TrayError extends Error {
  abstract readonly kind: TrayErrorKind;
  /** Our operation name, when the error concerns one call. */
  readonly operation: string | null;
  /** Short technical detail (already redacted), for logs and support. */
  readonly detail: string;

  constructor(message: string, operation: string | null, detail: string) {
    super(message);
    this.operation = operation;
    this.detail = detail;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, message: this.message, operation: this.operation, detail: this.detail };
  }
}

export class AuthError extends TrayError {
  readonly kind = 'auth';
  constructor(
    readonly reason: 'credentials' | 'serviceDisabled' | 'redirect',
    operation: string | null,
    detail: string,
  ) {
    super(t(reason === 'credentials' ? 'auth.credentials' : reason === 'redirect' ? 'auth.redirect' : 'auth.serviceDisabled', { detail }), operation, detail);
    this.name = 'AuthError';
  }
  override toJSON() {
    return { ...super.toJSON(), reason: this.reason };
  }
}

export class RejectedError extends TrayError {
  readonly kind = 'rejected';
  constructor(
    operation: string,
    /** The store's own message (faultstring or the answer's `mensagem`). */
    readonly storeMessage: string,
    readonly faultCode: string | null,
  ) {
    super(t('rejected', { operation: label(operation), detail: storeMessage }), operation, storeMessage);
    this.name = 'RejectedError';
  }
  override toJSON() {
    return { ...super.toJSON(), storeMessage: this.storeMessage, faultCode: this.faultCode };
  }
}

export type TransientReason = 'network' | 'timeout' | 'http' | 'throttled';

export class TransientError extends TrayError {
  readonly kind = 'transient';
  constructor(
    readonly reason: TransientReason,
    operation: string | null,
    detail: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(t(`transient.${reason}`, { operation: label(operation), detail, status: status ?? '-' }), operation, detail);
    this.name = 'TransientError';
  }
  override toJSON() {
    return { ...super.toJSON(), reason: this.reason, status: this.status, retryAfterMs: this.retryAfterMs };
  }
}

export class MalformedAnswerError extends TrayError {
  readonly kind = 'malformed';
  constructor(
    operation: string,
    detail: string,
    /** Where in the answer the problem is, e.g. `item[2].preco`. */
    readonly path: string = '',
  ) {
    super(t('malformed', { operation: label(operation), detail: path ? `${path}: ${detail}` : detail }), operation, detail);
    this.name = 'MalformedAnswerError';
  }
  override toJSON() {
    return { ...super.toJSON(), path: this.path };
  }
}

/**
 * A write whose outcome is unknown (timeout, reset, lost or broken answer). It carries what was
 * sent (our positional arguments; the auth parameters are never part of them) so the caller can
 * read the store back before sending again.
 */
export class OutcomeUnknownError extends TrayError {
  readonly kind = 'outcome_unknown';
  constructor(
    operation: string,
    readonly args: readonly unknown[],
    detail: string,
  ) {
    super(t('outcomeUnknown', { operation: label(operation), detail }), operation, detail);
    this.name = 'OutcomeUnknownError';
  }
  override toJSON() {
    return { ...super.toJSON(), args: this.args };
  }
}

export class UnsupportedOperationError extends TrayError {
  readonly kind = 'unsupported';
  constructor(
    operation: string,
    readonly storeOperation: string,
    readonly feature: string,
  ) {
    super(t('unsupported', { operation: label(operation) }), operation, `not in WSDL: ${storeOperation}`);
    this.name = 'UnsupportedOperationError';
  }
  override toJSON() {
    return { ...super.toJSON(), storeOperation: this.storeOperation, feature: this.feature };
  }
}

export const isTrayError = (error: unknown): error is TrayError => error instanceof TrayError;

const strip = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * Which faultstrings mean "you may not come in" rather than "this record is wrong". Tray answers
 * in Portuguese; the patterns cover the wording seen in clients and the emulator.
 */
export const authFaultReason = (faultString: string): 'credentials' | 'serviceDisabled' | null => {
  const s = strip(faultString);
  if (/(nao|not)\s+(esta\s+)?(habilitad|ativad|liberad|enabled)|desabilitad|desativad|servico indisponivel para (esta|a) loja/.test(s)) {
    return 'serviceDisabled';
  }
  if (/login|senha|usuario|autentica|acesso negado|nao autorizad|sem permissao|loja (invalida|inexistente|nao encontrada)|id da loja|password|unauthori/.test(s)) {
    return 'credentials';
  }
  return null;
};

/** Replaces every occurrence of the secret (plain or XML-escaped) in a text. */
export const redact = (text: string, secret: string): string => {
  if (!secret) return text;
  const escaped = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  let out = text.split(secret).join('***');
  if (escaped !== secret) out = out.split(escaped).join('***');
  return out;
};
