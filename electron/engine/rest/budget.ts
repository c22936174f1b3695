/**
 * The daily call budget of a Tray store on the REST API. Tray allows 10,000 requests a day per
 * store (50,000 for large stores) and answers 429 beyond: over a day of continuous sync that is
 * about 7 calls a minute, so it is the daily cap, not the 180/min one, that binds.
 *
 * Each call belongs to a priority class, and each class may spend only up to its ceiling, so the
 * catalogue can never eat the calls a status push needs:
 *   status  (status and tracking pushes, the read-back before them, statuses): the whole budget;
 *   orders  (order listing and reads): all but the status reserve;
 *   catalog (products, stock, categories, brands, properties, customers): all but both reserves.
 * The count survives restarts through the injected store (Ponte's database meta table) and resets
 * at the store's local midnight on the injected clock. The store is the one source of truth, read
 * on every question: the jobs' client, a connection test's own client and the Painel's view each
 * hold a DailyBudget of their own over the same record, and none may overwrite the others' calls.
 */

import { z } from 'zod';
import { REST_CALLS_PER_DAY } from '../../../shared/api/contract.ts';
import { metaRecord, type MetaStore } from '../store/meta.ts';

export type Priority = 'status' | 'orders' | 'catalog';
export const PRIORITIES: readonly Priority[] = ['status', 'orders', 'catalog'];

export interface BudgetState {
  /** Local day, YYYY-MM-DD. */
  day: string;
  used: number;
  byPriority: Record<Priority, number>;
}

export interface BudgetStore {
  load(): BudgetState | null;
  save(state: BudgetState): void;
}

export interface DailyBudgetOptions {
  /**
   * Calls a day (default 10,000; 50,000 for large stores). The engine gives a function over the
   * settings (`restLimits.callsPerDay`), read on every question: a limit changed in Configurações
   * holds at once, without dropping the store's connection and its health.
   */
  perDay?: number | (() => number);
  /** Fractions of perDay kept back: for status pushes, and (beyond it) for orders. */
  reserve?: { status: number; orders: number };
  now: () => Date;
  store: BudgetStore;
}

export interface BudgetSnapshot {
  day: string;
  perDay: number;
  used: number;
  remaining: number;
  byPriority: Record<Priority, number>;
  ceilings: Record<Priority, number>;
  /** ISO instant of the next local midnight. */
  resetsAt: string;
}

/** Tray's standard cap; the engine passes the store's own from the settings (`restLimits`). */
export const DEFAULT_PER_DAY: number = REST_CALLS_PER_DAY.standard;
export const DEFAULT_RESERVE = { status: 0.1, orders: 0.3 } as const;

const pad = (n: number) => String(n).padStart(2, '0');
export const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const nextMidnight = (d: Date): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 0, 0, 0, 0);

const zero = (): Record<Priority, number> => ({ status: 0, orders: 0, catalog: 0 });

export class DailyBudget {
  private readonly perDayOf: () => number;
  private readonly reserve: { status: number; orders: number };

  constructor(private readonly options: DailyBudgetOptions) {
    const given = options.perDay ?? DEFAULT_PER_DAY;
    this.perDayOf = typeof given === 'function' ? given : () => given;
    const reserve = options.reserve ?? DEFAULT_RESERVE;
    if (!(reserve.status >= 0 && reserve.orders >= 0 && reserve.status + reserve.orders < 1)) throw new RangeError('reserves must add up to less than 1');
    this.reserve = reserve;
    void this.perDay; // a bad limit fails here, where the budget is made
  }

  get perDay(): number {
    const perDay = this.perDayOf();
    if (!(Number.isInteger(perDay) && perDay > 0)) throw new RangeError('perDay must be a positive integer');
    return perDay;
  }

  private get ceilingOf(): Record<Priority, number> {
    const perDay = this.perDay;
    const statusReserve = Math.ceil(perDay * this.reserve.status);
    const ordersReserve = Math.ceil(perDay * this.reserve.orders);
    return { status: perDay, orders: perDay - statusReserve, catalog: perDay - statusReserve - ordersReserve };
  }

  /** Today's count as the store has it (another day's, or none, is a fresh day). */
  private current(): BudgetState {
    const today = localDay(this.options.now());
    const saved = this.options.store.load();
    return saved && saved.day === today ? saved : { day: today, used: 0, byPriority: zero() };
  }

  ceiling(priority: Priority): number {
    return this.ceilingOf[priority];
  }

  /** Whether `calls` more calls of this priority fit today. */
  fits(priority: Priority, calls = 1): boolean {
    return this.current().used + calls <= this.ceilingOf[priority];
  }

  /** Spends one call if it fits; false (nothing spent) when the priority's ceiling is reached. */
  tryTake(priority: Priority): boolean {
    const s = this.current();
    if (s.used + 1 > this.ceilingOf[priority]) return false;
    s.used += 1;
    s.byPriority[priority] += 1;
    this.options.store.save(s);
    return true;
  }

  /** The store answered its daily-cap 429: nothing more fits today, whatever our count says. */
  exhaust(): void {
    const s = this.current();
    s.used = Math.max(s.used, this.perDay);
    this.options.store.save(s);
  }

  /**
   * When `calls` calls of this priority fit: now, the next midnight, or null when they can never
   * fit in one day (the Painel's "next catalogue pass").
   */
  nextFit(priority: Priority, calls: number): Date | null {
    if (calls > this.ceilingOf[priority]) return null;
    const now = this.options.now();
    return this.fits(priority, calls) ? now : nextMidnight(now);
  }

  resetsAt(): Date {
    return nextMidnight(this.options.now());
  }

  snapshot(): BudgetSnapshot {
    const s = this.current();
    return {
      day: s.day,
      perDay: this.perDay,
      used: s.used,
      remaining: Math.max(0, this.perDay - s.used),
      byPriority: { ...s.byPriority },
      ceilings: { ...this.ceilingOf },
      resetsAt: this.resetsAt().toISOString(),
    };
  }
}

export const memoryBudgetStore = (initial: BudgetState | null = null): BudgetStore & { saves: number } => {
  let value = initial ? structuredClone(initial) : null;
  const store = {
    saves: 0,
    load: () => (value ? structuredClone(value) : null),
    save: (s: BudgetState) => {
      value = structuredClone(s);
      store.saves++;
    },
  };
  return store;
};

const StoredBudget = z.object({
  /** Whose count it is (the store's API address); absent in records written before it was kept. */
  store: z.string().optional(),
  day: z.string(),
  used: z.number(),
  byPriority: z.object({ status: z.number(), orders: z.number(), catalog: z.number() }).partial().optional(),
});
const budgetRecord = metaRecord('rest.budget', StoredBudget);

/**
 * The budget kept as a typed record in Ponte's database (an unreadable one starts the day afresh).
 * Tray counts per store: with `store` given, another store's record is ignored (and replaced on the
 * first call), so a merchant who points Ponte at another store does not inherit the old one's count.
 */
export const metaBudgetStore = (meta: MetaStore, store?: string): BudgetStore => ({
  load: () => {
    const v = budgetRecord.load(meta);
    if (!v || (store !== undefined && v.store !== undefined && v.store !== store)) return null;
    return { day: v.day, used: v.used, byPriority: { ...zero(), ...v.byPriority } };
  },
  save: (s) => budgetRecord.save(meta, { ...(store !== undefined && { store }), day: s.day, used: s.used, byPriority: s.byPriority }),
});

/** The key a store's budget is kept under: its API address as the settings give it, without a trailing slash. */
export const budgetStoreKey = (apiAddress: string): string => apiAddress.trim().replace(/\/+$/, '');
