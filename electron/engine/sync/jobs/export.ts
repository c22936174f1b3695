/**
 * Export (Ponte → ERP or file): by default every order not yet exported, in one action, idempotent;
 * or a chosen set (a period, the order list's filter, orders picked by hand) exported again.
 *
 * The ERP connector writes idempotently by Tray order id. A file export is made crash-safe by a
 * pending-batch record: the batch (file name + ids of the orders it is the first export of) is
 * committed first, the file is written to a temporary name and renamed, then the orders are marked.
 * A restart finding the batch marks the orders if the file exists and writes it again otherwise, so
 * no new order lands in two "new orders" files.
 *
 * Every file export is remembered (the last HISTORY_SIZE), so a file the merchant lost can be
 * made again with the same orders and downloaded.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ExportScope, type ExportRecord, type ExportResult } from '../../../../shared/api/contract.ts';
import { pluralKey } from '../../../../shared/i18n/index.ts';
import type { ErpConnector } from '../../erp/index.ts';
import { exportOrdersToFile } from '../../erp/index.ts';
import type { KeptOrder, PonteDb } from '../../store/index.ts';
import { metaRecord, type MetaStore } from '../../store/meta.ts';
import { t } from '../messages.ts';
import type { JobContext, JobOutcome } from '../ports.ts';

const HISTORY_SIZE = 10;
const BATCH = 500;
/** A re-export bigger than this is refused with a message: split the period instead. */
export const MAX_REEXPORT = 20_000;

export type ExportTarget = 'erp' | 'csv' | 'xlsx';

const Ids = z.array(z.number().int());
const pendingBatch = metaRecord('export.pendingBatch', z.object({ file: z.string(), ids: Ids }));

const StoredRecord = z.object({
  id: z.number().int(),
  at: z.string(),
  target: z.enum(['csv', 'xlsx']),
  file: z.string(),
  count: z.number().int(),
  scope: z.union([ExportScope, z.object({ kind: z.literal('again'), of: z.number().int() })]),
  orderIds: Ids,
});
type StoredRecord = z.infer<typeof StoredRecord>;
const history = metaRecord('export.history', z.array(StoredRecord));

const readHistory = (db: MetaStore): StoredRecord[] => history.load(db) ?? [];

const remember = (db: MetaStore, record: Omit<StoredRecord, 'id'>): StoredRecord => {
  const kept = readHistory(db);
  const stored: StoredRecord = { ...record, id: (kept[0]?.id ?? 0) + 1 };
  history.save(db, [stored, ...kept].slice(0, HISTORY_SIZE));
  return stored;
};

/** The last file exports, newest first, saying whether each file is still there. */
export const exportHistory = (db: MetaStore): ExportRecord[] =>
  readHistory(db).map(({ orderIds: _ids, ...record }) => ({ ...record, fileExists: existsSync(record.file) }));

/** The orders a scope takes, oldest first (as the "new orders" export writes them). */
const ordersOf = (db: PonteDb, scope: Exclude<ExportScope, { kind: 'new' }>): { orders: KeptOrder[]; missing: number[] } => {
  if (scope.kind === 'ids') {
    const orders: KeptOrder[] = [];
    const missing: number[] = [];
    for (const id of new Set(scope.ids)) {
      const order = db.getKeptOrder(id);
      if (order) orders.push(order);
      else missing.push(id);
    }
    return { orders: orders.sort((a, b) => (a.placedAt < b.placedAt ? -1 : a.placedAt > b.placedAt ? 1 : a.id - b.id)), missing };
  }
  const filter = scope.kind === 'range' ? { from: scope.from, to: scope.to } : scope.filter;
  const { total } = db.queryOrders({ ...filter, offset: 0, limit: 1 });
  if (total > MAX_REEXPORT) throw new Error(t('export.tooMany', { count: total, max: MAX_REEXPORT }));
  const ids: number[] = [];
  for (let offset = 0; offset < total; offset += BATCH) {
    ids.push(...db.queryOrders({ ...filter, offset, limit: BATCH }).rows.map((r) => r.id));
  }
  const orders = ids.map((id) => db.getKeptOrder(id)).filter((o): o is KeptOrder => o !== null);
  return { orders: orders.reverse(), missing: [] };
};

const writeFile = async (
  ctx: JobContext,
  orders: KeptOrder[],
  format: 'csv' | 'xlsx',
  scope: StoredRecord['scope'],
): Promise<{ file: string; count: number }> => {
  const { db } = ctx;
  // Only the orders this file is the first export of are marked (and guarded by the pending batch).
  const fresh = orders.filter((o) => o.exportedAt === null).map((o) => o.id);
  const folder = ctx.settings().export.folder.trim();
  // No folder chosen is the merchant's to decide, not a place Ponte picks (nor the process's working folder).
  if (!folder) throw new Error(t('export.noFolder'));
  const written = await exportOrdersToFile(orders, { format, folder, now: ctx.now() }, (plannedFile) =>
    pendingBatch.save(db, { file: plannedFile, ids: fresh }),
  );
  db.transaction(() => {
    db.markExported(fresh, ctx.now().toISOString());
    pendingBatch.clear(db);
    remember(db, { at: ctx.now().toISOString(), target: format, file: written.file, count: written.count, scope, orderIds: orders.map((o) => o.id) });
  });
  return written;
};

const outcome = (count: number, target: ExportTarget, file: string | null, extra: string[] = [], none = t('export.none')): JobOutcome & { export: ExportResult } => {
  const message = [count === 0 ? none : t(pluralKey('export.summary', count), { count, target: file ?? 'ERP' }), ...extra].join(' ');
  return {
    result: extra.length > 0 ? 'partial' : 'ok',
    counts: { exported: count },
    errorCount: extra.length,
    message,
    export: { count, target, file, message },
  };
};

export const runExport = async (
  ctx: JobContext,
  target: ExportTarget,
  erp: () => Promise<ErpConnector | null>,
  scope: ExportScope = { kind: 'new' },
): Promise<JobOutcome & { export: ExportResult }> => {
  const { db } = ctx;
  let count = 0;
  let file: string | null = null;

  const batch = pendingBatch.load(db);
  if (batch && target !== 'erp') {
    if (existsSync(batch.file)) {
      db.transaction(() => {
        db.markExported(batch.ids, ctx.now().toISOString());
        pendingBatch.clear(db);
      });
    }
  }

  if (scope.kind !== 'new') {
    const { orders, missing } = ordersOf(db, scope);
    const extra = missing.length > 0 ? [t('export.missing', { ids: missing.join(', ') })] : [];
    if (orders.length === 0) return outcome(0, target, null, extra, t('export.noneChosen'));
    if (target === 'erp') {
      const connector = await erp();
      if (!connector) throw new Error(t('erp.notConfigured'));
      // The connector skips orders the ERP already has: a re-export fills in what it lost.
      const { written, failed = [] } = await connector.writeOrders(orders);
      const refused = new Set(failed.map((f) => f.id));
      db.markExported(orders.filter((o) => o.exportedAt === null && !refused.has(o.id)).map((o) => o.id), ctx.now().toISOString());
      return outcome(written, target, null, [...extra, ...failed.map((f) => f.message)], t('export.erpHadAll'));
    }
    const written = await writeFile(ctx, orders, target, scope);
    return outcome(written.count, target, written.file, extra);
  }

  if (target === 'erp') {
    const connector = await erp();
    if (!connector) throw new Error(t('erp.notConfigured'));
    // Orders the ERP refused stay unexported (the next run tries them again) and are reported; they
    // are not offered again in this run, so the loop ends once only they are left.
    const refused = new Map<number, string>();
    for (;;) {
      const orders = db.listNotExported(BATCH + refused.size).filter((o) => !refused.has(o.id)).slice(0, BATCH);
      if (orders.length === 0) break;
      const { failed = [] } = await connector.writeOrders(orders);
      for (const f of failed) refused.set(f.id, f.message);
      const done = orders.filter((o) => !refused.has(o.id)).map((o) => o.id);
      db.markExported(done, ctx.now().toISOString());
      count += done.length;
      ctx.emit({ type: 'job-progress', job: 'export', done: count, total: count + db.orderCounts().notExported - refused.size });
    }
    if (refused.size > 0) return outcome(count, target, null, [...refused.values()], t('export.noneWritten'));
  } else {
    const orders = db.listNotExported();
    if (orders.length > 0) {
      const written = await writeFile(ctx, orders, target, scope);
      count = written.count;
      file = written.file;
    }
  }
  return outcome(count, target, file);
};

/**
 * Makes the file of a remembered export again, with the orders as Ponte holds them now, in
 * `folder` (a staging folder: the copy is handed to the merchant as a download, so nothing lands
 * in the export folder and the history keeps the original). Nothing is marked.
 */
export const runExportAgain = async (ctx: JobContext, id: number, folder: string): Promise<JobOutcome & { export: ExportResult; files: string[] }> => {
  const record = readHistory(ctx.db).find((r) => r.id === id);
  if (!record) throw new Error(t('export.unknownRecord', { id }));
  const orders = record.orderIds.map((orderId) => ctx.db.getKeptOrder(orderId)).filter((o): o is KeptOrder => o !== null);
  const missing = record.orderIds.length - orders.length;
  const extra = missing > 0 ? [t(pluralKey('export.goneSince', missing), { count: missing })] : [];
  if (orders.length === 0) return { ...outcome(0, record.target, null, extra, t('export.noneChosen')), files: [] };
  const written = await exportOrdersToFile(orders, { format: record.target, folder, now: ctx.now() });
  // A CSV export is two files (orders, items); the items file sits beside the orders file.
  const files = record.target === 'csv' ? [written.file, path.join(path.dirname(written.file), `itens-${path.basename(written.file)}`)] : [written.file];
  const message = [t(pluralKey('export.againReady', written.count), { count: written.count }), ...extra].join(' ');
  return {
    result: extra.length > 0 ? 'partial' : 'ok',
    counts: { exported: written.count },
    errorCount: extra.length,
    message,
    export: { count: written.count, target: record.target, file: null, message },
    files,
  };
};
