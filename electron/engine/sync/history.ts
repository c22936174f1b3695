/** What the Painel's charts draw, from Ponte's own database (pure date arithmetic, clock injected). */
import { JOB_NAMES, type OverviewHistory } from '../../../shared/api/contract.ts';
import type { PonteDb } from '../store/index.ts';

export const HISTORY_DAYS = 30;
export const HISTORY_RUNS = 20;

const pad = (n: number) => String(n).padStart(2, '0');
/** The calendar day of `d` on this machine's clock (the shop's), as YYYY-MM-DD. */
export const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The last `days` calendar days up to today, oldest first, each with its count (0 when absent). */
export const fillDays = (now: Date, days: number, counts: ReadonlyArray<{ date: string; count: number }>): Array<{ date: string; count: number }> => {
  const byDay = new Map(counts.map((c) => [c.date, c.count]));
  const out: Array<{ date: string; count: number }> = [];
  for (let i = days - 1; i >= 0; i -= 1) {
    const day = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - i));
    out.push({ date: day, count: byDay.get(day) ?? 0 });
  }
  return out;
};

export const overviewHistory = (db: PonteDb, now: Date): OverviewHistory => {
  const from = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (HISTORY_DAYS - 1)));
  const runs = Object.fromEntries(JOB_NAMES.map((job) => [job, db.listRuns(job, HISTORY_RUNS).filter((r) => r.result !== 'running').reverse()]));
  return { ordersPerDay: fillDays(now, HISTORY_DAYS, db.ordersPerDay(from)), runs: runs as OverviewHistory['runs'] };
};
