/**
 * Order pull (store → Ponte). One list call returns the store's to-do list for a window that
 * overlaps the last checkpoint; each order's details (items, customer with address, installments)
 * are fetched concurrently, committed locally in one transaction, and only then acknowledged to
 * the store. A crash between commit and acknowledgement makes the order come back next time: its
 * list entry matches what is stored, so it costs one acknowledgement and no download.
 *
 * Orders go a few at a time, each committed and acknowledged as soon as its own calls are in: an
 * engine restarted again and again (#12 defect 5) must keep what every life read, not download a
 * large batch that no life lives long enough to finish.
 */
import { z } from 'zod';
import type { TrayOrder } from '../../tray/operations.ts';
import { mapLimit } from '../concurrency.ts';
import { t } from '../messages.ts';
import type { StoredOrderHeader } from '../../store/index.ts';
import { metaRecord } from '../../store/meta.ts';
import { mapPulledOrder, orderDateTime, UnreadableOrderError } from '../orders-map.ts';
import { errorMessage, partialList, trayErrorKind, type JobContext, type JobOutcome } from '../ports.ts';
import { pullWindow, trayWindowArgs, type PullWindow } from '../window.ts';

/** Where the next pull window starts, by the store's clock (a pull with failures or unacknowledged orders keeps the old one). */
const checkpoint = metaRecord('orders.checkpoint', z.string().datetime());

/**
 * The next checkpoint: the newest change the store listed, by the store's own clock, and never later
 * than this window's end. The store filters its list on its time; a shop PC whose clock runs ahead by
 * more than the overlap would otherwise move the window past orders placed right after a pull, and
 * they would never be listed. A pull that listed nothing keeps the checkpoint it had.
 */
export const nextCheckpoint = (listed: readonly TrayOrder[], window: PullWindow, previous: string | null): string | null => {
  let newest = Number.NEGATIVE_INFINITY;
  for (const order of listed) {
    const modified = (order.data_modificacao ?? '').trim();
    const stamp = modified ? orderDateTime(modified, '') : orderDateTime(order.data, order.hora);
    const time = stamp === null ? Number.NaN : new Date(stamp).getTime();
    if (time > newest) newest = time;
  }
  if (newest === Number.NEGATIVE_INFINITY) return previous;
  return new Date(Math.min(newest, window.to.getTime())).toISOString();
};
/**
 * Orders whose details are in flight at once (three calls each): enough to keep the client's pool
 * busy, few enough that each order finishes quickly and a short life still commits some.
 */
export const ORDER_CONCURRENCY = 2;

/**
 * True when the store's list entry shows nothing new about an order already stored: same
 * modification time, status and amounts, and no tracking code other than ours. Then its items,
 * customer and installments are as stored too (any change moves the modification time), and
 * downloading them again would only spend the store's budget.
 */
export const unchangedSinceStored = (header: TrayOrder, stored: StoredOrderHeader | null): boolean => {
  if (!stored) return false;
  const date = orderDateTime(header.data, header.hora);
  const modifiedAt = (header.data_modificacao ?? '').trim() || date;
  const code = (header.codigo_rastreio ?? '').trim();
  return (
    modifiedAt !== null &&
    modifiedAt === stored.modifiedAt &&
    header.id_status === stored.statusId &&
    (header.status ?? '').trim() === stored.statusName &&
    header.total === stored.total &&
    header.subtotal === stored.subtotal &&
    header.frete === stored.shipping &&
    header.desconto === stored.discount &&
    (code === '' || code === stored.trackingCode)
  );
};

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
  let listed: TrayOrder[];
  try {
    listed = await ctx.tray.call('fWSImportaPedidos', [...trayWindowArgs(window), '']);
  } catch (error) {
    // Orders the store sent without what Ponte needs are refused one by one (never stored, never
    // acknowledged: they stay in the store's to-do list); the readable ones go on.
    const partial = partialList<TrayOrder>(error);
    if (!partial) throw error;
    for (const r of partial.refused) refuse(r.id ?? `#${r.index + 1}`, r.detail);
    listed = partial.good;
  }
  // The same order can appear twice in one answer when it changed during the window.
  const orders = [...new Map(listed.map((o) => [o.id_pedido, o])).values()];
  const total = orders.length + counts.failed;

  const newOrderIds: number[] = [];
  let unacknowledged = 0;
  let done = counts.failed;
  ctx.emit({ type: 'job-progress', job: 'orders', done, total });

  const acknowledge = async (id: number) => {
    try {
      await ctx.tray.call('fWSAtualizaListaToDo', ['pedidos', id]);
    } catch (error) {
      // A store without the to-do list keeps listing everything anyway: nothing to come back for.
      if (trayErrorKind(error) !== 'unsupported') unacknowledged += 1;
      ctx.log('warn', 'orders', t('orders.ackFailed', { id, cause: errorMessage(error) }));
    }
  };

  /**
   * Installments are optional to the orders feature (not in FEATURE_REQUIREMENTS): a store whose
   * WebService has no such operation (a hand-written store in test/contract had none) has orders
   * without installments, not unreadable orders. Any other failure still refuses the order.
   */
  const installmentsOf = (id: number) =>
    ctx.tray.call('fWSImportaParcelasPedidoPorId', [id]).catch((error: unknown) => {
      if (trayErrorKind(error) === 'unsupported') return [];
      throw error;
    });

  const pullOne = async (header: TrayOrder) => {
    const id = header.id_pedido;
    if (unchangedSinceStored(header, ctx.db.orderHeaderOf(id))) {
      counts.unchanged += 1;
      ctx.emit({ type: 'job-progress', job: 'orders', done: ++done, total });
      return acknowledge(id);
    }
    try {
      const [items, customers, installments] = await Promise.all([
        ctx.tray.call('fWSImportaItensPedidoPorId', [id]),
        ctx.tray.call('fWSImportaClientePorPedidoAvancado', [id]),
        installmentsOf(id),
      ]);
      const outcome = ctx.db.upsertOrder(mapPulledOrder(header, items, customers, installments));
      counts[outcome] += 1;
      if (outcome === 'created') newOrderIds.push(id);
    } catch (error) {
      if (trayErrorKind(error) === 'malformed' || error instanceof UnreadableOrderError) refuse(id, errorMessage(error));
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
    await acknowledge(id);
  };

  await mapLimit(orders, ORDER_CONCURRENCY, pullOne);

  // Advance the checkpoint only when every order made it and was acknowledged: a failed one, or one
  // whose acknowledgement failed, stays reachable by the window (the upsert makes the re-read a
  // no-op) — otherwise it would sit in the store's to-do list for good.
  if (!backfill && counts.failed === 0 && unacknowledged === 0) {
    const next = nextCheckpoint(orders, window, checkpoint.load(ctx.db));
    if (next !== null) checkpoint.save(ctx.db, next);
  }
  if (newOrderIds.length > 0) ctx.emit({ type: 'new-orders', count: newOrderIds.length, orderIds: newOrderIds });

  return {
    result: counts.failed === 0 ? 'ok' : counts.failed < total ? 'partial' : 'failed',
    counts,
    errorCount: counts.failed,
    message: firstFailure ? t('orders.summaryWithCause', { ...counts, cause: firstFailure }) : t('orders.summary', counts),
    newOrderIds,
  };
};
