/**
 * What the Painel shows of the REST daily budget, and when the next catalogue pass fits in it.
 *
 * A catalogue pass is started only when all of it fits under the catalogue's ceiling (the share
 * that leaves the status and order reserves untouched): one cut off by the ceiling half-way would
 * leave the store half-updated until midnight. Its size is estimated from the last pass Ponte made
 * (every record it pushed or checked, plus one listing per catalogue kind), since the ERP's changes
 * are not known before the ERP is read; the ceiling still stops any pass that turns out larger.
 */
import type { CatalogEntityReport, RestBudgetView } from '../../../shared/api/contract.ts';
import { localDay, type DailyBudget } from './budget.ts';

/** Catalogue kinds REST has a listing for (wedding lists have no endpoint). */
const LISTED = ['categorias', 'marcas', 'caracteristicas', 'produtos', 'clientes'] as const;

/** The calls a catalogue pass is expected to take: the last pass's records, plus one listing per kind. */
export const catalogPassCalls = (report: readonly CatalogEntityReport[]): number => {
  let records = 0;
  for (const entry of report) {
    if (!(LISTED as readonly string[]).includes(entry.entity)) continue;
    const c = entry.counts;
    records += c.created + c.updated + c.unchanged + c.failed;
  }
  return records + LISTED.length;
};

export type CatalogPassPlan = RestBudgetView['catalogPass'];

/**
 * When the next catalogue pass fits: at its scheduled time (or now, when it is run by hand) if its
 * calls fit under the catalogue's ceiling today; after the next midnight when today's share is
 * spent; never when the pass is larger than a whole day's share.
 */
export const planCatalogPass = (budget: DailyBudget, calls: number, scheduledAt: Date | null, now: Date): CatalogPassPlan => {
  if (calls > budget.ceiling('catalog')) return { calls, at: null, when: 'never' };
  const scheduled = scheduledAt !== null && scheduledAt.getTime() > now.getTime();
  const at = scheduled ? scheduledAt : now;
  // A scheduled run on a later day spends from that day's budget, whole again by then.
  if (localDay(at) !== localDay(now)) return { calls, at: at.toISOString(), when: 'scheduled' };
  if (budget.fits('catalog', calls)) return { calls, at: at.toISOString(), when: scheduled ? 'scheduled' : 'now' };
  return { calls, at: budget.resetsAt().toISOString(), when: 'afterReset' };
};

export const restBudgetView = (budget: DailyBudget, calls: number, scheduledAt: Date | null, now: Date): RestBudgetView => {
  const snap = budget.snapshot();
  return {
    day: snap.day,
    perDay: snap.perDay,
    // The store's daily-cap 429 marks the day spent: never show more used than the day allows.
    used: Math.min(snap.used, snap.perDay),
    remaining: snap.remaining,
    byPriority: snap.byPriority,
    ceilings: snap.ceilings,
    resetsAt: snap.resetsAt,
    catalogPass: planCatalogPass(budget, calls, scheduledAt, now),
  };
};
