/**
 * The tracking job: the ERP's shipment lines (tracking code, date, URL, status) become order
 * updates in the outbox, then the outbox is drained to the store (`push.ts`). The ERP lists the
 * same shipments run after run, so each order's line is acted on once per content: the content
 * last applied is kept per order (`erp_shipments`), and a line refused for its content is reported
 * once, not every few minutes.
 */
import type { ErpConnector } from '../../erp/index.ts';
import { contentHash } from '../hash.ts';
import { t } from '../messages.ts';
import type { JobContext, JobOutcome } from '../ports.ts';
import { drainOutbox, requestOrderUpdates } from './push.ts';

/** Queues the ERP's new or changed shipment lines; returns how many pushes they made. */
export const queueErpShipments = async (ctx: JobContext, erp: ErpConnector): Promise<number> => {
  const { rows, problems } = await erp.readShippingUpdates();
  for (const p of problems) ctx.log('warn', 'tracking', t('catalog.erpProblem', { message: p.message }));
  let queued = 0;
  for (const update of rows) {
    const hash = contentHash(update);
    if (ctx.db.erpShipmentHash(update.orderId) === hash) continue;
    // An order the ERP shipped but Ponte has not pulled yet: leave the line unmarked, so it is
    // applied on a later run once the order is here (marking it would drop it for good).
    if (!ctx.db.getOrder(update.orderId)) continue;
    const [result] = requestOrderUpdates(ctx, [
      {
        orderId: update.orderId,
        ...(update.trackingCode && { trackingCode: update.trackingCode }),
        ...(update.shippedAt && { shippedAt: update.shippedAt }),
        ...(update.trackingUrl && { trackingUrl: update.trackingUrl }),
        ...(update.status && { status: update.status }),
      },
    ]);
    if (result?.ok) queued += result.outboxIds.length;
    else if (result) ctx.log('error', 'tracking', t('orders.failed', { id: update.orderId, cause: result.error ?? '' }));
    ctx.db.markErpShipment(update.orderId, hash);
  }
  return queued;
};

export const runTracking = async (ctx: JobContext, erp: ErpConnector | null): Promise<JobOutcome> => {
  const fromErp = erp ? await queueErpShipments(ctx, erp) : 0;
  const drained = await drainOutbox(ctx);
  return { ...drained, counts: { ...drained.counts, fromErp } };
};
