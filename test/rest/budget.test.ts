/**
 * The daily budget: status and tracking first, then orders, then the catalogue; the count kept
 * across restarts and reset at local midnight on the injected clock; refused calls never sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { DailyBudget, memoryBudgetStore, metaBudgetStore } from '../../electron/engine/rest/budget.ts';
import { BudgetExhaustedError } from '../../electron/engine/rest/errors.ts';
import { restClient, startRestEmulator, virtualClock } from './helpers.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const spend = (budget: DailyBudget, priority: 'status' | 'orders' | 'catalog') => {
  let n = 0;
  while (budget.tryTake(priority)) n++;
  return n;
};

describe('daily budget', () => {
  it('the catalogue stops at its ceiling, orders go on into their reserve, status pushes get the last calls', () => {
    const clock = virtualClock(new Date(2026, 11, 2, 9, 0, 0).getTime());
    const budget = new DailyBudget({ perDay: 100, reserve: { status: 0.1, orders: 0.3 }, now: clock.date, store: memoryBudgetStore() });
    expect(spend(budget, 'catalog')).toBe(60);
    expect(budget.nextFit('catalog', 10)?.getTime()).toBe(new Date(2026, 11, 3).getTime());
    expect(spend(budget, 'orders')).toBe(30);
    expect(spend(budget, 'status')).toBe(10);
    expect(budget.snapshot()).toMatchObject({ used: 100, remaining: 0, byPriority: { catalog: 60, orders: 30, status: 10 } });
    expect(budget.nextFit('catalog', 61)).toBeNull(); // a pass larger than the catalogue's share never fits
  });

  it('status pushes still go out after the catalogue and the orders spent their shares', () => {
    const clock = virtualClock(new Date(2026, 11, 2, 9, 0, 0).getTime());
    const budget = new DailyBudget({ perDay: 50, now: clock.date, store: memoryBudgetStore() });
    spend(budget, 'catalog');
    spend(budget, 'orders');
    expect(budget.tryTake('catalog')).toBe(false);
    expect(budget.tryTake('orders')).toBe(false);
    expect(budget.tryTake('status')).toBe(true);
  });

  it('follows a limit given as a function on every question (a setting changed while the client lives)', () => {
    const clock = virtualClock(new Date(2026, 11, 2, 9, 0, 0).getTime());
    let perDay = 100;
    const budget = new DailyBudget({ perDay: () => perDay, now: clock.date, store: memoryBudgetStore() });
    expect(spend(budget, 'catalog')).toBe(60);
    perDay = 500; // a large store now: the catalogue's share is 300, 60 of it spent
    expect(budget.snapshot()).toMatchObject({ perDay: 500, used: 60, remaining: 440, ceilings: { status: 500, orders: 450, catalog: 300 } });
    expect(spend(budget, 'catalog')).toBe(240);
    perDay = 0;
    expect(() => budget.fits('status')).toThrow(RangeError);
    expect(() => new DailyBudget({ perDay: () => 2.5, now: clock.date, store: memoryBudgetStore() })).toThrow(RangeError);
  });

  it('survives a restart through its store and resets at local midnight', () => {
    const clock = virtualClock(new Date(2026, 11, 2, 23, 50, 0).getTime());
    const meta = new Map<string, string>();
    const store = metaBudgetStore({ getMeta: (k) => meta.get(k) ?? null, setMeta: (k, v) => void meta.set(k, v), deleteMeta: (k) => void meta.delete(k) });
    const first = new DailyBudget({ perDay: 10, now: clock.date, store });
    for (let i = 0; i < 4; i++) first.tryTake('orders');
    const second = new DailyBudget({ perDay: 10, now: clock.date, store }); // the app restarted
    expect(second.snapshot().used).toBe(4);
    clock.advance(15 * 60_000); // 00:05 the next day
    expect(second.snapshot()).toMatchObject({ day: '2026-12-03', used: 0 });
  });

  it('through the client: a catalogue call over its share is refused without being sent, a status push still goes', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter, client } = restClient(emu, clock, { perDay: 20 }); // catalogue 12, orders 18, status 20
    const skus = [...emu.store.products.values()].map((p) => p.cod_prod);
    let found = 0;
    let refused: unknown = null;
    for (const sku of skus.slice(0, 20)) {
      try {
        if (await adapter.findProductBySku(sku)) found++;
      } catch (error) {
        refused = error;
        break;
      }
    }
    expect(found).toBe(11); // the catalogue may spend up to 12 of the day's 20; the token call spent one
    expect(refused).toBeInstanceOf(BudgetExhaustedError);
    expect((refused as BudgetExhaustedError).priority).toBe('catalog');
    expect((refused as Error).message).toMatch(/catálogo/);
    const sent = emu.stats().log.length;
    const id = [...emu.store.orders.keys()][0]!;
    await adapter.setOrderStatus(id, 263);
    expect(emu.stats().log.length).toBe(sent + 1);
    expect(client.budget.snapshot().byPriority).toEqual({ status: 2, orders: 0, catalog: 11 });
  });
});
