/**
 * A listing of changed orders that could not be read whole: REST lists a large window day by day,
 * and a day whose pages kept failing is missing from it. The orders of the days read travel with
 * the error, so the pull still commits them, and `listedBefore` says how far the listing vouches:
 * every order changed before it (within the window) was listed. The pull's checkpoint never passes
 * it, so the day that failed is listed again next run and no order is skipped.
 */
import type { OrderHeader } from './domain.ts';

export class IncompleteListingError extends Error {
  /** The cause's kind (transient, malformed, rejected): the store health reads it like any failure. */
  readonly kind: unknown;
  constructor(
    readonly good: OrderHeader[],
    /** Local `YYYY-MM-DDTHH:MM:SS` on the window's clock. */
    readonly listedBefore: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'IncompleteListingError';
    this.kind = cause && typeof cause === 'object' && 'kind' in cause ? (cause as { kind: unknown }).kind : 'other';
  }
}

/** The part of a listing an `IncompleteListingError` carries, or null for any other error. */
export const incompleteListing = (error: unknown): { good: OrderHeader[]; listedBefore: string; cause: unknown } | null =>
  error instanceof IncompleteListingError ? { good: error.good, listedBefore: error.listedBefore, cause: error.cause } : null;
