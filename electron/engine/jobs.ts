/**
 * The four jobs as the scheduler and the UI see them: each run is recorded (sync runs table +
 * activity log), reported as an event, and isolated — an exception becomes a failed run with its
 * reason, never a crashed engine.
 */
import { formatDateTime } from '../../shared/i18n/index.ts';
import type { CatalogEntity, ExportResult, ExportScope, JobName, RunSummary } from '../../shared/api/contract.ts';
import type { Connections } from './connections.ts';
import { catalogPassCalls, planCatalogPass } from './rest/budget-view.ts';
import { storeTransportOf } from './settings.ts';
import { CatalogPush } from './sync/jobs/catalog-push.ts';
import { runExport, runExportAgain, type ExportTarget } from './sync/jobs/export.ts';
import { runOrderPull } from './sync/jobs/order-pull.ts';
import { drainOutbox } from './sync/jobs/push.ts';
import { runTracking } from './sync/jobs/tracking.ts';
import { t } from './sync/messages.ts';
import { errorMessage, type JobContext, type JobOutcome } from './sync/ports.ts';
import type { PullWindow } from './sync/window.ts';

export interface JobRunner {
  run(job: JobName): Promise<RunSummary>;
  catalog(options: { entity?: CatalogEntity; key?: string }): Promise<RunSummary>;
  backfill(window: PullWindow): Promise<RunSummary>;
  export(target?: ExportTarget, scope?: ExportScope): Promise<{ run: RunSummary; result: ExportResult }>;
  /** Writes a remembered file export again (a lost file). */
  exportAgain(id: number, folder: string): Promise<{ run: RunSummary; result: ExportResult; files: string[] }>;
}

type Base = Omit<JobContext, 'store'>;

export const createJobRunner = (base: Base, connections: Connections): JobRunner => {
  const record = async <T extends JobOutcome>(job: JobName, work: (ctx: JobContext) => Promise<T>): Promise<{ run: RunSummary; outcome: T | null }> => {
    const id = base.db.startRun(job);
    let outcome: T | null = null;
    let summary: RunSummary;
    try {
      outcome = await work({ ...base, store: connections.storePort });
      summary = base.db.finishRun(id, outcome);
      // A run every few minutes that found nothing to do is in the runs table, not in the log.
      const idle = outcome.result === 'ok' && Object.values(outcome.counts).every((n) => n === 0);
      const warned = outcome.result === 'ok' && (outcome.counts.erpProblems ?? 0) > 0;
      if (!idle) base.log(outcome.result === 'ok' && !warned ? 'info' : outcome.result === 'failed' ? 'error' : 'warn', job, outcome.message ?? job);
    } catch (error) {
      const message = errorMessage(error);
      summary = base.db.finishRun(id, { result: 'failed', counts: {}, errorCount: 1, message });
      base.log('error', job, message);
      base.emit({ type: 'failure', job, cause: `${job}:${message.slice(0, 60)}`, message });
    }
    base.emit({ type: 'run-finished', run: summary });
    base.emit({ type: 'overview-changed' });
    return { run: summary, outcome };
  };

  const catalog = async (options: { entity?: CatalogEntity; key?: string } = {}) =>
    (
      await record('catalog', async (ctx) => {
        if (storeTransportOf(ctx.settings()) === 'rest') {
          // A pass that does not fit under the catalogue's share of today's calls waits for
          // tomorrow: begun, it would be cut off half-way, and the status and order reserves stay whole.
          const budget = connections.restBudget();
          const plan = budget && planCatalogPass(budget, catalogPassCalls(ctx.db.catalogReport()), null, ctx.now());
          if (plan && plan.when !== 'now') {
            return { result: 'ok' as const, counts: {}, errorCount: 0, message: t(plan.when === 'never' ? 'catalog.restTooLarge' : 'catalog.restDeferred', { calls: plan.calls, at: plan.at ? formatDateTime(plan.at) : '' }) };
          }
        }
        const erp = await connections.erp();
        if (!erp) throw new Error(t('erp.notConfigured'));
        const pushed = await new CatalogPush(ctx, erp, options).run();
        // Stock changes were queued (coalesced per SKU): send them in the same run.
        const stock = await drainOutbox(ctx, ['stock']);
        return { ...pushed, counts: { ...pushed.counts, stockPushed: stock.counts.done ?? 0 }, errorCount: pushed.errorCount + stock.errorCount };
      })
    ).run;

  const tracking = async () => (await record('tracking', async (ctx) => runTracking(ctx, await connections.erp()))).run;

  const orders = async (window?: PullWindow) => (await record('orders', (ctx) => runOrderPull(ctx, window))).run;

  const exportOrders = async (target?: ExportTarget, scope?: ExportScope) => {
    const chosen = target ?? base.settings().export.target;
    const { run, outcome } = await record('export', (ctx) => runExport(ctx, chosen, connections.erp, scope));
    return {
      run,
      result: outcome?.export ?? { count: 0, target: chosen, file: null, message: run.message ?? '' },
    };
  };

  const exportAgain = async (id: number, folder: string) => {
    const { run, outcome } = await record('export', (ctx) => runExportAgain(ctx, id, folder));
    return { run, result: outcome?.export ?? { count: 0, target: 'csv' as const, file: null, message: run.message ?? '' }, files: outcome?.files ?? [] };
  };

  return {
    run: (job) => {
      switch (job) {
        case 'catalog':
          return catalog();
        case 'orders':
          return orders();
        case 'tracking':
          return tracking();
        case 'export':
          return exportOrders().then((r) => r.run);
      }
    },
    catalog,
    backfill: (window) => orders(window),
    export: exportOrders,
    exportAgain,
  };
};
