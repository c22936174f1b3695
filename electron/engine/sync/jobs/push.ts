/**
 * Status and tracking pushes (Ponte → store), and the outbox worker that also sends stock.
 *
 * A change entered in the UI or read from the ERP is validated, then committed to the outbox before
 * anything is sent. Tray emails the shopper on every status change, so a status is never sent
 * twice: it is sent only for a change made on our side (never echoed from what the store said),
 * the order is read back from the store before a status is sent and before any write whose outcome
 * is unknown is resent, and one order's pushes go out in the order they were made.
 */
import type { LocalStatus, OutboxEntry, ParsedInput, PushChange, PushResult } from '../../../../shared/api/contract.ts';
import { checkTrackingCode } from '../../../../shared/br/tracking.ts';
import { t } from '../messages.ts';
import { errorMessage, isServerHiccup, trayErrorKind, type JobContext, type JobOutcome } from '../ports.ts';
import { storePaceOf } from '../../settings.ts';
import { resolveStoreStatus } from '../status-map.ts';

export const MAX_PUSH_ATTEMPTS = 8;
const CLAIM_BATCH = 16;

/** Exponential back-off per attempt: 15 s, 30 s, 1 min … capped at 30 min. */
export const pushBackoffMs = (attempts: number): number => Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);

export interface StatusPayload {
  orderId: number;
  storeStatusId: number;
  local: LocalStatus;
  /**
   * The store status this push moves the order from (the order's status, or the target of the
   * push queued before it). Rows written before it existed have none.
   */
  fromStatusId?: number;
}
export interface TrackingPayload {
  orderId: number;
  code: string;
  shippedAt: string;
  url: string;
}
export interface StockPayload {
  sku: string;
  productId: number;
  /** Set for a variant's stock (its binding is a 'variacao'); absent in rows queued before variants. */
  variantId?: number;
  stock: number;
  available: boolean;
  onHand: number;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Validates tracking/status entries and commits the resulting pushes to the outbox. Each entry is
 * judged on its own: a bad line is reported and the others go on.
 */
export type OrderUpdate = ParsedInput<'orders.setTracking'>['entries'][number];

const OPEN_STATES: ReadonlySet<OutboxEntry['state']> = new Set(['pending', 'sending', 'outcome_unknown']);

export const requestOrderUpdates = (ctx: JobContext, entries: readonly OrderUpdate[]): PushResult[] => {
  const { db } = ctx;
  const mapping = ctx.settings().statusMapping;
  return entries.map((entry) => {
    const fail = (error: string): PushResult => ({ orderId: entry.orderId, ok: false, outboxIds: [], changes: [], error });
    const order = db.getOrder(entry.orderId);
    if (!order) return fail(t('push.orderUnknown', { id: entry.orderId }));

    let code: string | null = null;
    if (entry.trackingCode !== undefined && entry.trackingCode !== '') {
      const check = checkTrackingCode(entry.trackingCode);
      if (!check.ok) return fail(t('push.invalidTracking', { code: check.code, reason: check.reason === 'check_digit' ? 'dígito verificador não confere' : 'formato não reconhecido' }));
      code = check.code;
    }

    let storeStatusId: number | null = null;
    if (entry.status) {
      const resolved = resolveStoreStatus(mapping, entry.status);
      if (!resolved.ok) return fail(t(resolved.reason === 'unmapped' ? 'push.unmapped' : 'push.notPushed', { status: entry.status }));
      if (entry.status === 'enviado' && !code && !order.trackingCode) return fail(t('push.shippedNeedsTracking'));
      storeStatusId = resolved.storeStatusId;
    }

    const outboxIds: number[] = [];
    const changes: PushChange[] = [];
    db.transaction(() => {
      // Tracking first: the shopper's "ENVIADO" e-mail should already carry the code.
      if (code) {
        // The order's code is the last one asked for (set when a request is queued). Asking for it
        // again is the same request: it joins the push still carrying it, or is already done.
        const latest = db.latestPushOf(order.id, 'tracking');
        const latestCode = (latest?.payload as Partial<TrackingPayload> | null)?.code;
        const waiting = latest && (OPEN_STATES.has(latest.state) || latest.state === 'failed') ? latest : null;
        const carried = waiting && latestCode === code ? waiting : null;
        // A push still carrying this code is the same request, whatever the order shows meanwhile (a
        // pull may have brought the store's code): joining it sends the code once, not twice.
        if (carried) changes.push({ kind: 'tracking', result: 'joined', outboxId: carried.id });
        // The order can show this code while a push of another one still waits (the store had it, a
        // pull brought it): that push would overwrite it, so this request goes in behind it.
        else if (code === order.trackingCode && !waiting && latest?.state !== 'discarded') changes.push({ kind: 'tracking', result: 'already', outboxId: null });
        else {
          const shippedAt = entry.shippedAt ?? isoDay(ctx.now());
          const payload: TrackingPayload = { orderId: order.id, code, shippedAt, url: entry.trackingUrl ?? '' };
          // Numbered per order: a new request equal to an old one (back to an earlier code) is a new push.
          const { id } = db.enqueue({
            kind: 'tracking',
            orderId: order.id,
            payload,
            idempotencyKey: `tracking:${order.id}:${db.pushCountOf(order.id, 'tracking') + 1}`,
            summary: t('push.trackingSummary', { code }),
            emailsShopper: false,
          });
          outboxIds.push(id);
          changes.push({ kind: 'tracking', result: 'new', outboxId: id });
          db.setOrderTracking(order.id, { trackingCode: code, shippedAt, ...(entry.trackingUrl !== undefined && { trackingUrl: entry.trackingUrl }) });
        }
      }
      if (storeStatusId !== null && entry.status) {
        // Where the order will be when this push's turn comes: the target of the status push still
        // queued before it, else the status the order shows. Never compare with the local status
        // alone: it moves only when a push completes.
        const latest = db.latestPushOf(order.id, 'status');
        // A push that failed for good counts as queued: the ones after it wait until the merchant
        // retries it (then the store is on its target) or discards it (then the outbox rebases them).
        const queued = latest && (OPEN_STATES.has(latest.state) || latest.state === 'failed') ? (latest.payload as Partial<StatusPayload> | null) : null;
        const effective = queued?.storeStatusId ?? order.statusId;
        if (storeStatusId === effective) {
          // Never echo: the store shows (or will show) this status already.
          changes.push(queued && latest ? { kind: 'status', result: 'joined', outboxId: latest.id } : { kind: 'status', result: 'already', outboxId: null });
        } else {
          const payload: StatusPayload = { orderId: order.id, storeStatusId, local: entry.status, fromStatusId: effective };
          const { id } = db.enqueue({
            kind: 'status',
            orderId: order.id,
            payload,
            // Numbered per order: A, then B, then A again is three changes, three pushes in order.
            idempotencyKey: `status:${order.id}:${db.pushCountOf(order.id, 'status') + 1}`,
            summary: t('push.statusSummary', { status: t(`status.${entry.status}`) }),
            emailsShopper: true,
          });
          outboxIds.push(id);
          changes.push({ kind: 'status', result: 'new', outboxId: id });
        }
      }
    });
    if (outboxIds.length > 0) ctx.emit({ type: 'outbox-changed' });
    return { orderId: entry.orderId, ok: true, outboxIds, changes, error: null };
  });
};

type SendOutcome = 'done' | 'already' | 'superseded' | 'retry' | 'unknown' | 'failed';

/** Sends what the outbox holds, as far as leases and back-off allow. */
export const drainOutbox = async (ctx: JobContext, kinds?: OutboxEntry['kind'][]): Promise<JobOutcome> => {
  const counts = { done: 0, already: 0, superseded: 0, retry: 0, unknown: 0, failed: 0 };
  let authError: string | null = null;
  for (;;) {
    const claimed = ctx.db.claim({ leaseMs: storePaceOf(ctx.settings()).outboxLeaseSeconds * 1000, limit: CLAIM_BATCH, ...(kinds && { kinds }) });
    if (claimed.length === 0) break;
    const outcomes = await Promise.all(
      claimed.map((row) =>
        sendOne(ctx, row).catch((error: unknown) => {
          // The store refusing our credentials will refuse every row: stop after this batch.
          if (trayErrorKind(error) === 'auth') authError = errorMessage(error);
          return settleError(ctx, row, error);
        }),
      ),
    );
    for (const o of outcomes) counts[o] += 1;
    ctx.emit({ type: 'outbox-changed' });
    if (authError) break;
  }
  return {
    result: authError ? 'failed' : counts.failed > 0 ? 'partial' : 'ok',
    counts,
    errorCount: counts.failed + (authError ? 1 : 0),
    message: authError
      ? t('run.aborted.auth', { cause: authError })
      : t('push.summary', { done: counts.done, already: counts.already, retry: counts.retry + counts.unknown, failed: counts.failed }),
  };
};

type Claimed = ReturnType<JobContext['db']['claim']>[number];

const sendOne = async (ctx: JobContext, row: Claimed): Promise<SendOutcome> => {
  const { db, store } = ctx;
  // A row found 'sending' had its lease expire (a crash mid-send): its outcome is unknown too.
  const uncertain = row.previousState === 'outcome_unknown' || row.previousState === 'sending';
  // One order's pushes never pass one of it that failed for good (the outbox does not even hand
  // them out): a later status overtaking an earlier one would move the order back and e-mail again.
  switch (row.kind) {
    case 'status': {
      const p = row.payload as StatusPayload;
      // Always read back before a status: every status write e-mails the shopper.
      const { status: current } = await store.readPushState(p.orderId);
      if (current.id === p.storeStatusId) {
        return finish(ctx, row, 'already', () => db.setOrderTracking(p.orderId, { statusId: p.storeStatusId, statusName: current.name }));
      }
      if (p.fromStatusId !== undefined && current.id !== p.fromStatusId) {
        // The store moved the order on its own (the merchant in Tray's panel, the shopper, the
        // payment): sending ours now would move it back and e-mail a stale status.
        return supersede(ctx, row, p.orderId, current.id, current.name);
      }
      await store.setOrderStatus(p.orderId, p.storeStatusId);
      const statusName = await storeStatusName(ctx, p.storeStatusId);
      return finish(ctx, row, 'done', () => db.setOrderTracking(p.orderId, { statusId: p.storeStatusId, ...(statusName && { statusName }) }));
    }
    case 'tracking': {
      const p = row.payload as TrackingPayload;
      // Any earlier attempt may have reached the store (an answer lost, or a fault raised after the
      // write): read back before writing again, so one code typed is one write at the store.
      if (uncertain || row.attempts > 1) {
        const current = await store.readPushState(p.orderId);
        if (current.trackingCode.trim().toUpperCase() === p.code) return finish(ctx, row, 'already');
      }
      await store.setTracking(p.orderId, { code: p.code, shippedAt: p.shippedAt || null, url: p.url || null });
      return finish(ctx, row, 'done');
    }
    case 'stock': {
      // Absolute values: resending after an unknown outcome is harmless, so no read-back.
      const p = row.payload as StockPayload;
      // A variant's stock is the same two writes on the variant (SOAP is_grade 'S', REST /products/variants).
      const entity = p.variantId === undefined ? 'produto' : 'variacao';
      const ref = { productId: p.productId, variantId: p.variantId ?? null };
      const binding = db.getBinding(entity, p.sku);
      const pushed = (binding?.pushed ?? {}) as Record<string, unknown>;
      // Two writes, each confirmed on its own: a stock write the store confirmed is kept in the
      // binding at once, and a resend does not repeat it. Resending both after the availability
      // failed made the push need two good answers in a row (on a flaky store, few attempts have them).
      if (!(uncertain || row.attempts > 1) || pushed.stock !== p.stock) {
        await store.setStock(ref, p.stock);
        if (binding && pushed.available !== p.available) {
          db.transaction(() => {
            // Only while this worker holds the row: one that lost its lease may be behind a newer value.
            if (db.holdsLease(row.id, row.token)) db.upsertBinding({ entity, key: p.sku, trayId: binding.trayId, hash: binding.hash, pushed: { ...pushed, stock: p.stock } });
          });
        }
      }
      if (pushed.available !== p.available) await store.setAvailability(ref, p.available);
      return finish(ctx, row, 'done', () => {
        if (binding) db.upsertBinding({ entity, key: p.sku, trayId: binding.trayId, hash: binding.hash, pushed: { ...pushed, stock: p.stock, available: p.available, onHand: p.onHand } });
      });
    }
    default:
      return finish(ctx, row, 'done');
  }
};

const storeStatusName = async (ctx: JobContext, id: number): Promise<string | null> => {
  const cached = ctx.db.storeStatusName(id);
  if (cached !== null) return cached;
  try {
    const statuses = await ctx.store.listStatuses();
    ctx.db.replaceStoreStatuses(statuses.map((s) => ({ id: s.id, name: s.name })));
    return statuses.find((s) => s.id === id)?.name ?? null;
  } catch {
    return null; // only a label: the push itself succeeded
  }
};

/** Completes a row under its fencing token; a row taken over by another worker is left alone. */
const finish = (ctx: JobContext, row: Claimed, outcome: 'done' | 'already', after?: () => void): SendOutcome => {
  ctx.db.transaction(() => {
    if (ctx.db.complete(row.id, row.token)) after?.();
  });
  if (outcome === 'already') ctx.log('info', 'tracking', `${row.summary}: ${t('push.nothingToSend')}`);
  return outcome;
};

const supersede = (ctx: JobContext, row: Claimed, orderId: number, storeStatusId: number, storeStatus: string): SendOutcome => {
  const note = t('push.superseded', { status: storeStatus });
  ctx.db.transaction(() => {
    if (ctx.db.supersede(row.id, row.token, note)) ctx.db.setOrderTracking(orderId, { statusId: storeStatusId, statusName: storeStatus });
  });
  ctx.log('warn', 'tracking', `${row.summary}: ${note}`);
  return 'superseded';
};

const settleError = (ctx: JobContext, row: Claimed, error: unknown): SendOutcome => {
  const { db } = ctx;
  // A server-side fault with no word about the record may have been applied: read back, then retry.
  const kind = isServerHiccup(error) ? 'outcome_unknown' : trayErrorKind(error);
  const message = errorMessage(error);
  const retryAt = new Date(ctx.now().getTime() + pushBackoffMs(row.attempts)).toISOString();
  if (kind === 'outcome_unknown') {
    db.markOutcomeUnknown(row.id, row.token, message, retryAt);
    ctx.log('warn', 'tracking', `${row.summary}: ${message}`);
    return 'unknown';
  }
  if (kind === 'rejected' || kind === 'unsupported' || row.attempts >= MAX_PUSH_ATTEMPTS) {
    db.fail(row.id, row.token, message);
    ctx.log('error', 'tracking', t('push.failedFinal', { id: row.id, attempts: row.attempts, cause: message }));
    ctx.emit({ type: 'failure', job: 'tracking', cause: `push:${kind}`, message: `${row.summary}: ${message}` });
    return 'failed';
  }
  db.reschedule(row.id, row.token, message, retryAt);
  ctx.log('warn', 'tracking', `${row.summary}: ${message}`);
  return 'retry';
};
