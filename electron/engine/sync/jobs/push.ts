/**
 * Status and tracking pushes (Ponte → store), and the outbox worker that also sends stock.
 *
 * A change entered in the UI or read from the ERP is validated, then committed to the outbox before
 * anything is sent. Tray emails the shopper on every status change, so a status is never sent
 * twice: it is sent only for a change made on our side (never echoed from what the store said),
 * the order is read back from the store before a status is sent and before any write whose outcome
 * is unknown is resent, and one order's pushes go out in the order they were made.
 */
import type { LocalStatus, OutboxEntry, ParsedInput, PushResult } from '../../../../shared/api/contract.ts';
import { checkTrackingCode } from '../../../../shared/br/tracking.ts';
import { t } from '../messages.ts';
import { errorMessage, isServerHiccup, trayErrorKind, type JobContext, type JobOutcome } from '../ports.ts';
import { resolveStoreStatus } from '../status-map.ts';

export const MAX_PUSH_ATTEMPTS = 8;
const LEASE_MS = 2 * 60_000;
const CLAIM_BATCH = 16;

/** Exponential back-off per attempt: 15 s, 30 s, 1 min … capped at 30 min. */
export const pushBackoffMs = (attempts: number): number => Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);

export interface StatusPayload {
  orderId: number;
  storeStatusId: number;
  local: LocalStatus;
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

export const requestOrderUpdates = (ctx: JobContext, entries: readonly OrderUpdate[]): PushResult[] => {
  const { db } = ctx;
  const mapping = ctx.settings().statusMapping;
  return entries.map((entry) => {
    const fail = (error: string): PushResult => ({ orderId: entry.orderId, ok: false, outboxIds: [], error });
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
      // Never echo: the store already shows this status, so there is no change of ours to send.
      if (resolved.storeStatusId !== order.statusId) storeStatusId = resolved.storeStatusId;
    }

    const outboxIds: number[] = [];
    db.transaction(() => {
      // Tracking first: the shopper's "ENVIADO" e-mail should already carry the code.
      if (code && code !== order.trackingCode) {
        const shippedAt = entry.shippedAt ?? isoDay(ctx.now());
        const payload: TrackingPayload = { orderId: order.id, code, shippedAt, url: entry.trackingUrl ?? '' };
        const { id } = db.enqueue({
          kind: 'tracking',
          orderId: order.id,
          payload,
          idempotencyKey: `tracking:${order.id}:${code}`,
          summary: t('push.trackingSummary', { code }),
          emailsShopper: false,
        });
        outboxIds.push(id);
        db.setOrderTracking(order.id, { trackingCode: code, shippedAt, ...(entry.trackingUrl !== undefined && { trackingUrl: entry.trackingUrl }) });
      }
      if (storeStatusId !== null && entry.status) {
        const payload: StatusPayload = { orderId: order.id, storeStatusId, local: entry.status };
        const { id } = db.enqueue({
          kind: 'status',
          orderId: order.id,
          payload,
          // The same change entered twice (a double click, a re-read ERP line) is one push; once
          // a status push is done, a later change — even back to an earlier status — is a new one.
          idempotencyKey: `status:${order.id}:${order.pushes.filter((p) => p.kind === 'status' && p.state === 'done').length}:${order.statusId}->${storeStatusId}`,
          summary: t('push.statusSummary', { status: t(`status.${entry.status}`) }),
          emailsShopper: true,
        });
        outboxIds.push(id);
      }
    });
    ctx.emit({ type: 'outbox-changed' });
    return { orderId: entry.orderId, ok: true, outboxIds, error: null };
  });
};

type SendOutcome = 'done' | 'already' | 'retry' | 'unknown' | 'failed';

/** Sends what the outbox holds, as far as leases and back-off allow. */
export const drainOutbox = async (ctx: JobContext, kinds?: OutboxEntry['kind'][]): Promise<JobOutcome> => {
  const counts = { done: 0, already: 0, retry: 0, unknown: 0, failed: 0 };
  let authError: string | null = null;
  for (;;) {
    const claimed = ctx.db.claim({ leaseMs: LEASE_MS, limit: CLAIM_BATCH, ...(kinds && { kinds }) });
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
  const { db, tray } = ctx;
  // A row found 'sending' had its lease expire (a crash mid-send): its outcome is unknown too.
  const uncertain = row.previousState === 'outcome_unknown' || row.previousState === 'sending';
  if (row.orderId !== null) {
    // The outbox's FIFO lets a row pass one that failed for good; a later status overtaking an
    // earlier one (and the earlier one retried after it) would move the order back and email the
    // shopper again. So one order's pushes wait behind its failed one until it is retried or discarded.
    const failed = db.getOrder(row.orderId)?.pushes.find((x) => x.id < row.id && x.state === 'failed');
    if (failed) throw new Error(t('push.waitingBehind', { id: failed.id }));
  }

  switch (row.kind) {
    case 'status': {
      const p = row.payload as StatusPayload;
      // Always read back before a status: a second e-mail to the shopper is the failure merchants remember.
      const current = await tray.call('fWSImportaPedidoPorId', [p.orderId]);
      if (current.id_status !== p.storeStatusId) await tray.call('fWSAtualizaStatusPedido', [p.orderId, p.storeStatusId]);
      const statusName = current.id_status === p.storeStatusId ? current.status : await storeStatusName(ctx, p.storeStatusId);
      return finish(ctx, row, current.id_status === p.storeStatusId ? 'already' : 'done', () =>
        db.setOrderTracking(p.orderId, { statusId: p.storeStatusId, ...(statusName && { statusName }) }),
      );
    }
    case 'tracking': {
      const p = row.payload as TrackingPayload;
      if (uncertain) {
        const current = await tray.call('fWSImportaPedidoPorId', [p.orderId]);
        if (current.codigo_rastreio.trim().toUpperCase() === p.code) return finish(ctx, row, 'already');
      }
      await tray.call('fWSAtualizaRastreioPedido', [p.orderId, p.code, p.shippedAt, p.url]);
      return finish(ctx, row, 'done');
    }
    case 'stock': {
      // Absolute values: resending after an unknown outcome is harmless, so no read-back.
      const p = row.payload as StockPayload;
      const binding = db.getBinding('produto', p.sku);
      const pushed = (binding?.pushed ?? {}) as Record<string, unknown>;
      await tray.call('fWSAtualizaEstoqueProduto', ['N', p.productId, p.stock]);
      if (pushed.available !== p.available) await tray.call('fWSAtualizaProdutoDisponivel', ['N', p.productId, p.available ? 'S' : 'N']);
      return finish(ctx, row, 'done', () => {
        if (binding) db.upsertBinding({ entity: 'produto', key: p.sku, trayId: binding.trayId, hash: binding.hash, pushed: { ...pushed, stock: p.stock, available: p.available, onHand: p.onHand } });
      });
    }
    default:
      return finish(ctx, row, 'done');
  }
};

const storeStatusName = async (ctx: JobContext, id: number): Promise<string | null> => {
  const cached = ctx.db.getMeta(`store.status:${id}`);
  if (cached !== null) return cached;
  try {
    const statuses = await ctx.tray.call('fWSImportaStatusPedido', []);
    for (const s of statuses) ctx.db.setMeta(`store.status:${s.id_status}`, s.status);
    return statuses.find((s) => s.id_status === id)?.status ?? null;
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
