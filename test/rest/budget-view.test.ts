/**
 * The Painel's numbers of the REST budget and when the next catalogue pass fits, on an injected
 * clock: at its scheduled time today while the catalogue's share has room, after midnight once it
 * does not, on the scheduled day when that is tomorrow, never when a pass is larger than a day's share.
 */
import { describe, expect, it } from 'vitest';
import { DailyBudget, memoryBudgetStore } from '../../electron/engine/rest/budget.ts';
import { catalogPassCalls, restBudgetView } from '../../electron/engine/rest/budget-view.ts';
import { RestBudgetView, type CatalogEntityReport } from '../../shared/api/contract.ts';

const at = (h: number, m = 0, day = 3) => new Date(2026, 11, day, h, m, 0);
const budgetAt = (now: Date, used: { status: number; orders: number; catalog: number }) =>
  new DailyBudget({ perDay: 10_000, now: () => now, store: memoryBudgetStore({ day: '2026-12-03', used: used.status + used.orders + used.catalog, byPriority: used }) });

describe('REST budget view', () => {
  it('reports today’s calls by priority and the ceilings (catalogue 6.000, orders 9.000, status 10.000)', () => {
    const now = at(14, 10);
    const view = RestBudgetView.parse(restBudgetView(budgetAt(now, { status: 412, orders: 2102, catalog: 700 }), 120, at(15, 40), now));
    expect(view).toMatchObject({ day: '2026-12-03', perDay: 10_000, used: 3214, remaining: 6786, byPriority: { status: 412, orders: 2102, catalog: 700 }, ceilings: { status: 10_000, orders: 9000, catalog: 6000 } });
    expect(new Date(view.resetsAt).getTime()).toBe(at(0, 0, 4).getTime());
  });

  it('the next pass is at its scheduled time today while its calls fit the catalogue’s share', () => {
    const now = at(14, 10);
    const view = restBudgetView(budgetAt(now, { status: 400, orders: 2000, catalog: 3000 }), 600, at(15, 40), now);
    expect(view.catalogPass).toEqual({ calls: 600, at: at(15, 40).toISOString(), when: 'scheduled' });
  });

  it('after midnight once the pass no longer fits today (one call short), now when run by hand and it fits', () => {
    const now = at(14, 10);
    const full = budgetAt(now, { status: 400, orders: 2000, catalog: 3000 }); // used 5.400 of the catalogue's 6.000
    expect(restBudgetView(full, 601, at(15, 40), now).catalogPass).toEqual({ calls: 601, at: at(0, 0, 4).toISOString(), when: 'afterReset' });
    expect(restBudgetView(full, 600, null, now).catalogPass).toEqual({ calls: 600, at: now.toISOString(), when: 'now' });
  });

  it('a pass scheduled tomorrow spends tomorrow’s budget; one larger than the day’s share never fits', () => {
    const now = at(23, 50);
    const spent = budgetAt(now, { status: 0, orders: 0, catalog: 6000 });
    expect(restBudgetView(spent, 600, at(0, 20, 4), now).catalogPass).toEqual({ calls: 600, at: at(0, 20, 4).toISOString(), when: 'scheduled' });
    expect(restBudgetView(spent, 6001, at(0, 20, 4), now).catalogPass).toEqual({ calls: 6001, at: null, when: 'never' });
  });

  it('a store’s daily-cap answer shows the day as spent, never more used than the day allows', () => {
    const now = at(9);
    const budget = budgetAt(now, { status: 10, orders: 20, catalog: 0 });
    budget.exhaust();
    expect(restBudgetView(budget, 5, null, now)).toMatchObject({ used: 10_000, remaining: 0, catalogPass: { when: 'afterReset' } });
  });

  it('estimates a pass from the last one: its records plus one listing per REST catalogue kind (no wedding lists)', () => {
    const entry = (entity: CatalogEntityReport['entity'], created: number, unchanged: number): CatalogEntityReport => ({ entity, lastPushAt: null, counts: { created, updated: 1, unchanged, failed: 0 }, failures: [] });
    expect(catalogPassCalls([entry('produtos', 2, 100), entry('categorias', 0, 9), entry('listas', 5, 5)])).toBe(103 + 10 + 5);
    expect(catalogPassCalls([])).toBe(5);
  });
});
