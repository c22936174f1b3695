/**
 * Order pull (store → Ponte), over the store port (SOAP or REST alike). One listing of the orders
 * changed in a window that overlaps the last checkpoint; each order is read whole, committed
 * locally in one transaction, and only then acknowledged to the store. A crash between commit and
 * acknowledgement makes the order come back next time: its list entry matches what is stored, so it
 * costs one acknowledgement and no download.
 *
 * Orders go a few at a time, each committed and acknowledged as soon as its own calls are in: an
 * engine restarted again and again (#12 defect 5) must keep what every life read, not download a
 * large batch that no life lives long enough to finish.
 */
import { z } from 'zod';
import type { Order, OrderHeader } from '../../store-port/domain.ts';
import { storeRecordOfOrder } from '../../store-port/store-record.ts';
import { mapLimit } from '../concurrency.ts';
import { t } from '../messages.ts';
import type { StoredOrderHeader } from '../../store/index.ts';
import { metaRecord } from '../../store/meta.ts';
import { storedOrderOf } from '../orders-map.ts';
import { incompleteListing } from '../../store-port/listing.ts';
import { errorMessage, partialList, trayErrorKind, type JobContext, type JobOutcome } from '../ports.ts';
import { orderWindowOf, pullWindow, type PullWindow } from '../window.ts';

/** Where the next pull window starts, by the store's clock (a pull with failures or unacknowledged orders keeps the old one). */
const checkpoint = metaRecord('orders.checkpoint', z.string().datetime());

/**
 * The next checkpoint: the newest change the store listed, by the store's own clock, and never later
 * than this window's end. The store filters its list on its time; a shop PC whose clock runs ahead by
 * more than the overlap would otherwise move the window past orders placed right after a pull, and
 * they would never be listed. A pull that listed nothing keeps the checkpoint it had.
 *
 * `listedBefore`: a listing that could not be read whole vouches only for the changes before it
 * (REST, a day that failed): the checkpoint moves to the newest change listed before it and never
 * further, so the missing day is listed again; and it never moves back (what the last checkpoint
 * covered stays covered).
 */
export const nextCheckpoint = (listed: readonly OrderHeader[], window: PullWindow, previous: string | null, listedBefore: string | null = null): string | null => {
  const bound = listedBefore === null ? Number.POSITIVE_INFINITY : new Date(listedBefore).getTime();
  let newest = Number.NEGATIVE_INFINITY;
  for (const order of listed) {
    // A local time without zone, as the store stamps it; one that is not a date is NaN and ignored.
    const time = new Date(order.modifiedAt).getTime();
    if (time > newest && time < bound) newest = time;
  }
  if (newest === Number.NEGATIVE_INFINITY) return previous;
  const next = Math.min(newest, window.to.getTime());
  if (listedBefore !== null && previous !== null && next < new Date(previous).getTime()) return previous;
  return new Date(next).toISOString();
};
/**
 * Orders read at once (three SOAP calls each, one REST call): enough to keep the client's pool
 * busy, few enough that each order finishes quickly and a short life still commits some.
 */
export const ORDER_CONCURRENCY = 2;

/**
 * True when the store's list entry shows nothing new about an order already stored: same
 * modification time and status, and, where the listing carries them (SOAP does, REST does not),
 * the same amounts and no tracking code other than ours. Then its items, customer and installments
 * are as stored too (any change moves the modification time), and downloading them again would
 * only spend the store's budget.
 */
export const unchangedSinceStored = (header: OrderHeader, stored: StoredOrderHeader | null): boolean => {
  if (!stored) return false;
  // Orders stored before the store port kept SOAP's "YYYY-MM-DD HH:MM:SS"; the port says "…T…".
  const storedModified = stored.modifiedAt.replace(' ', 'T');
  const a = header.amounts;
  const code = header.trackingCode ?? '';
  return (
    header.modifiedAt === storedModified &&
    (header.statusId === null || header.statusId === stored.statusId) &&
    header.statusName === stored.statusName &&
    (!a || (a.total === stored.total && a.subtotal === stored.subtotal && a.shipping === stored.shipping && a.discount === stored.discount)) &&
    (code === '' || code === stored.trackingCode)
  );
};

/** 'YYYY-MM-DDTHH:MM:SS' as the merchant reads it: 'DD/MM/AAAA HH:MM'. */
const localStampText = (stamp: string): string => `${stamp.slice(8, 10)}/${stamp.slice(5, 7)}/${stamp.slice(0, 4)} ${stamp.slice(11, 16)}`;

export interface OrderPullResult extends JobOutcome {
  newOrderIds: number[];
}

export const runOrderPull = async (ctx: JobContext, backfill?: PullWindow): Promise<OrderPullResult> => {
  const startedAt = ctx.now();
  const window = backfill ?? pullWindow(checkpoint.load(ctx.db), startedAt);
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  // The first cause of a failure, for the run's message (the Painel shows it, not only Atividade).
  let firstFailure: string | null = null;
  const refuse = (id: number | string, cause: string) => {
    counts.failed += 1;
    const message = t('orders.refused', { id, cause });
    firstFailure ??= message;
    ctx.log('error', 'orders', message);
  };
  let listed: OrderHeader[];
  // Set when the store's listing vouches only for the changes before this local time (see nextCheckpoint).
  let listedBefore: string | null = null;
  try {
    listed = await ctx.store.listChangedOrders(orderWindowOf(window));
  } catch (error) {
    const incomplete = incompleteListing(error);
    if (incomplete) {
      // The orders of the days read are committed now; the missing day is listed again next run.
      listedBefore = incomplete.listedBefore;
      const message = t('orders.listIncomplete', { from: localStampText(listedBefore), cause: errorMessage(incomplete.cause) });
      firstFailure = message;
      ctx.log('error', 'orders', message);
      listed = incomplete.good;
    } else {
      // Orders the store sent without what Ponte needs are refused one by one (never stored, never
      // acknowledged: they stay in the store's to-do list); the readable ones go on.
      const partial = partialList<OrderHeader>(error);
      if (!partial) throw error;
      for (const r of partial.refused) refuse(r.id ?? `#${r.index + 1}`, r.detail);
      listed = partial.good;
    }
  }
  // The same order can appear twice in one answer when it changed during the window.
  const orders = [...new Map(listed.map((o) => [o.id, o])).values()];
  const total = orders.length + counts.failed;

  const newOrderIds: number[] = [];
  let unacknowledged = 0;
  let done = counts.failed;
  ctx.emit({ type: 'job-progress', job: 'orders', done, total });

  const acknowledge = async (id: number, statusId: number | null) => {
    // REST's 'status' mode: an order already in the acknowledgement status is held; moving it there
    // again would be one more write, and maybe one more e-mail, on every pull.
    if (ctx.store.acknowledgementStatusId !== null && statusId === ctx.store.acknowledgementStatusId) return;
    try {
      await ctx.store.acknowledgeOrder(id);
    } catch (error) {
      // A store without the to-do list keeps listing everything anyway: nothing to come back for.
      if (trayErrorKind(error) !== 'unsupported') unacknowledged += 1;
      ctx.log('warn', 'orders', t('orders.ackFailed', { id, cause: errorMessage(error) }));
    }
  };

  const pullOne = async (header: OrderHeader) => {
    const id = header.id;
    if (unchangedSinceStored(header, ctx.db.orderHeaderOf(id))) {
      counts.unchanged += 1;
      ctx.emit({ type: 'job-progress', job: 'orders', done: ++done, total });
      return acknowledge(id, header.statusId);
    }
    let order: Order;
    try {
      order = await ctx.store.readOrder(id);
      const outcome = ctx.db.upsertOrder(storedOrderOf(order, storeRecordOfOrder(order)));
      counts[outcome] += 1;
      if (outcome === 'created') newOrderIds.push(id);
    } catch (error) {
      // An order the store sent without what Ponte needs (no customer, a date that is not one) is
      // refused: not stored, not acknowledged, so it stays reachable once the store fixes it.
      if (trayErrorKind(error) === 'malformed') refuse(id, errorMessage(error));
      else {
        counts.failed += 1;
        firstFailure ??= t('orders.failed', { id, cause: errorMessage(error) });
        ctx.log('error', 'orders', t('orders.failed', { id, cause: errorMessage(error) }));
      }
      if (trayErrorKind(error) === 'auth') throw error;
      return;
    } finally {
      ctx.emit({ type: 'job-progress', job: 'orders', done: ++done, total });
    }
    await acknowledge(id, order.status.id);
  };

  await mapLimit(orders, ORDER_CONCURRENCY, pullOne);

  // Advance the checkpoint only when every order made it and was acknowledged: a failed one, or one
  // whose acknowledgement failed, stays reachable by the window (the upsert makes the re-read a
  // no-op) — otherwise it would sit in the store's to-do list for good.
  if (!backfill && counts.failed === 0 && unacknowledged === 0) {
    const next = nextCheckpoint(orders, window, checkpoint.load(ctx.db), listedBefore);
    if (next !== null) checkpoint.save(ctx.db, next);
  }
  if (newOrderIds.length > 0) ctx.emit({ type: 'new-orders', count: newOrderIds.length, orderIds: newOrderIds });

  return {
    // A listing with a day missing is never 'ok': that day's orders are still to come.
    result: listedBefore !== null ? (total > counts.failed ? 'partial' : 'failed') : counts.failed === 0 ? 'ok' : counts.failed < total ? 'partial' : 'failed',
    counts,
    errorCount: counts.failed + (listedBefore !== null ? 1 : 0),
    message: firstFailure ? t('orders.summaryWithCause', { ...counts, cause: firstFailure }) : t('orders.summary', counts),
    newOrderIds,
  };
};
