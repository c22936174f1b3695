/**
 * Export (Ponte → ERP or file): every order not yet exported, in one action, idempotent.
 *
 * The ERP connector writes idempotently by Tray order id. A file export is made crash-safe by a
 * pending-batch record: the batch (file name + order ids) is committed first, the file is written to
 * a temporary name and renamed, then the orders are marked. A restart finding the batch marks the
 * orders if the file exists and writes it again otherwise, so no order lands in two files.
 */
import { existsSync } from 'node:fs';
import type { ExportResult } from '../../../../shared/api/contract.ts';
import type { ErpConnector } from '../../erp/index.ts';
import { exportOrdersToFile } from '../../erp/index.ts';
import { t } from '../messages.ts';
import type { JobContext, JobOutcome } from '../ports.ts';

const PENDING_KEY = 'export.pendingBatch';
const BATCH = 500;

export type ExportTarget = 'erp' | 'csv' | 'xlsx';

interface PendingBatch {
  file: string;
  ids: number[];
}

export const runExport = async (
  ctx: JobContext,
  target: ExportTarget,
  erp: () => Promise<ErpConnector | null>,
): Promise<JobOutcome & { export: ExportResult }> => {
  const { db } = ctx;
  let count = 0;
  let file: string | null = null;

  if (target === 'erp') {
    const connector = await erp();
    if (!connector) throw new Error(t('erp.notConfigured'));
    for (;;) {
      const orders = db.listNotExported(BATCH);
      if (orders.length === 0) break;
      await connector.writeOrders(orders);
      db.markExported(orders.map((o) => o.id), ctx.now().toISOString());
      count += orders.length;
      ctx.emit({ type: 'job-progress', job: 'export', done: count, total: count + db.orderCounts().notExported });
    }
  } else {
    const pending = db.getMeta(PENDING_KEY);
    if (pending) {
      const batch = JSON.parse(pending) as PendingBatch;
      if (existsSync(batch.file)) {
        db.transaction(() => {
          db.markExported(batch.ids, ctx.now().toISOString());
          db.setMeta(PENDING_KEY, '');
        });
      }
    }
    const orders = db.listNotExported();
    if (orders.length > 0) {
      const folder = ctx.settings().export.folder;
      const written = await exportOrdersToFile(orders, { format: target, folder, now: ctx.now() }, (plannedFile) =>
        db.setMeta(PENDING_KEY, JSON.stringify({ file: plannedFile, ids: orders.map((o) => o.id) } satisfies PendingBatch)),
      );
      db.transaction(() => {
        db.markExported(orders.map((o) => o.id), ctx.now().toISOString());
        db.setMeta(PENDING_KEY, '');
      });
      count = written.count;
      file = written.file;
    }
  }

  const message = count === 0 ? t('export.none') : t('export.summary', { count, target: file ?? 'ERP' });
  return {
    result: 'ok',
    counts: { exported: count },
    errorCount: 0,
    message,
    export: { count, target, file, message },
  };
};
