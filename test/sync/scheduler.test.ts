import { describe, expect, it } from 'vitest';
import type { JobName } from '../../shared/api/contract.ts';
import { Scheduler, type Timers } from '../../electron/engine/sync/scheduler.ts';

/** Manual timers: tests fire them explicitly, so nothing depends on wall time. */
const manualTimers = () => {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.set(id, { fn, ms });
      return id;
    },
    clearTimeout: (id) => pending.delete(id as number),
  };
  return { timers, pending, fireAll: () => [...pending.entries()].forEach(([id, t]) => (pending.delete(id), t.fn())) };
};

const intervals = { catalog: 30, orders: 5, tracking: 5, export: 0 } satisfies Record<JobName, number>;

describe('Scheduler', () => {
  it('schedules each job on its own interval and leaves manual jobs alone', () => {
    const { timers, pending } = manualTimers();
    const s = new Scheduler({ intervals: () => intervals, run: async () => ({ result: 'ok' }), now: () => new Date(0), timers });
    s.start();
    expect([...pending.values()].map((p) => p.ms).sort((a, b) => a - b)).toEqual([300_000, 300_000, 1_800_000]);
    expect(s.nextRunAt('orders')).toBe(new Date(300_000).toISOString());
    expect(s.nextRunAt('export')).toBeNull();
  });

  it('never runs the same job twice at once: a second request joins the first', async () => {
    const { timers } = manualTimers();
    let runs = 0;
    let release!: () => void;
    const s = new Scheduler({
      intervals: () => intervals,
      run: () => {
        runs += 1;
        return new Promise<{ result: string }>((resolve) => (release = () => resolve({ result: 'ok' })));
      },
      now: () => new Date(0),
      timers,
    });
    const a = s.runNow('orders');
    const b = s.runNow('orders');
    expect(s.isRunning('orders')).toBe(true);
    release();
    await Promise.all([a, b]);
    expect(runs).toBe(1);
    expect(s.isRunning('orders')).toBe(false);
  });

  it('backs off after failures instead of retrying at the normal pace, and recovers', async () => {
    const { timers, pending } = manualTimers();
    let result: 'ok' | 'failed' = 'failed';
    const s = new Scheduler({ intervals: () => ({ ...intervals, catalog: 0, tracking: 0 }), run: async () => ({ result }), now: () => new Date(0), timers });
    s.start();
    await s.runNow('orders');
    expect([...pending.values()][0]?.ms).toBe(600_000);
    await s.runNow('orders');
    expect([...pending.values()][0]?.ms).toBe(1_200_000);
    expect(s.backingOff('orders')).toBe(true);
    result = 'ok';
    await s.runNow('orders');
    expect([...pending.values()][0]?.ms).toBe(300_000);
  });

  it('pause clears the timers; run now still works; resume schedules again', async () => {
    const { timers, pending } = manualTimers();
    let runs = 0;
    const s = new Scheduler({ intervals: () => intervals, run: async () => (runs++, { result: 'ok' }), now: () => new Date(0), timers });
    s.start();
    s.pause();
    expect(pending.size).toBe(0);
    await s.runNow('catalog');
    expect(runs).toBe(1);
    expect(pending.size).toBe(0);
    s.resume();
    expect(pending.size).toBe(3);
  });
});
