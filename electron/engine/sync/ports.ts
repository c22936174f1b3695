/**
 * What the sync jobs need from the outside world, as narrow interfaces. Jobs receive these
 * injected, so tests drive them with the real emulator, the real database and a real connector.
 */
import type { JobName, PonteEvent } from '../../../shared/api/contract.ts';
import type { OperationArgs, OperationName, OperationResult } from '../tray/operations.ts';
import type { StoredSettings } from '../settings.ts';
import type { PonteDb } from '../store/index.ts';
import type { StorePort } from '../store-port/port.ts';

/** SOAP operations by name: what the SOAP store adapter (and the connections' client) call through. */
export interface TrayPort {
  call<N extends OperationName>(name: N, args: OperationArgs<N>): Promise<OperationResult<N>>;
}

export type TrayErrorKind = 'auth' | 'rejected' | 'transient' | 'malformed' | 'outcome_unknown' | 'unsupported' | 'other';

/** Reads the stable `kind` the Tray client puts on its errors. */
export const trayErrorKind = (error: unknown): TrayErrorKind => {
  const kind = error && typeof error === 'object' && 'kind' in error ? (error as { kind: unknown }).kind : undefined;
  switch (kind) {
    case 'auth':
    case 'rejected':
    case 'transient':
    case 'malformed':
    case 'outcome_unknown':
    case 'unsupported':
      return kind;
    default:
      return 'other';
  }
};

/**
 * A server-side SOAP fault that says nothing about the record ("Erro interno no servidor. Tente
 * novamente mais tarde."): the client gives up on it as 'rejected' after its retries, but it is
 * neither a "not found" (looking up before creating must not conclude the record is absent) nor a
 * final refusal of a write (the write may even have been applied). The client classified the fault
 * when it read it (`RejectedError.serverHiccup`); nothing here re-reads the store's wording.
 */
export const isServerHiccup = (error: unknown): boolean =>
  trayErrorKind(error) === 'rejected' && (error as { serverHiccup?: unknown }).serverHiccup === true;

/** The store said the record does not exist (`RejectedError.notFound`, classified by the client). */
export const isNotFoundAnswer = (error: unknown): boolean =>
  trayErrorKind(error) === 'rejected' && (error as { notFound?: unknown }).notFound === true;

/** A list answer some of whose records were refused: the readable ones and the refused ones (with ids and why). */
export interface PartialList<T> {
  good: T[];
  refused: Array<{ index: number; id: number | null; detail: string }>;
}

/** The partial list a malformed list answer carries (`MalformedAnswerError.partial`), or null. */
export const partialList = <T>(error: unknown): PartialList<T> | null => {
  if (trayErrorKind(error) !== 'malformed') return null;
  const partial = (error as { partial?: unknown }).partial;
  if (!partial || typeof partial !== 'object') return null;
  const { good, refused } = partial as { good?: unknown; refused?: unknown };
  return Array.isArray(good) && Array.isArray(refused) ? { good: good as T[], refused: refused as PartialList<T>['refused'] } : null;
};

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface JobContext {
  db: PonteDb;
  /** The store in Ponte's terms (SOAP or REST): everything the jobs ask of it. */
  store: StorePort;
  settings: () => StoredSettings;
  now: () => Date;
  emit: (event: PonteEvent) => void;
  log: (level: 'info' | 'warn' | 'error', job: JobName | 'app', message: string) => void;
}

export interface JobOutcome {
  result: 'ok' | 'partial' | 'failed';
  counts: Record<string, number>;
  errorCount: number;
  message: string | null;
}

/** Errors after which continuing the run is pointless: every further call would fail the same way. */
export class RunAborted extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'RunAborted';
  }
}
