import { describe, expect, it } from 'vitest';
import { Pacer } from '../../electron/engine/tray/pacing.ts';
import { flushMicrotasks, manualClock } from '../support/manual-clock.ts';


describe('Pacer', () => {
  it('serves the order side before queued catalogue work, and a status push before both', async () => {
    const time = manualClock();
    const pacer = new Pacer({ poolSize: 1, perMinute: 0, now: time.now, sleep: time.sleep });
    const order: string[] = [];
    const releases: Array<() => void> = [];
    const take = (label: string, rank: 'urgent' | 'normal' | 'background') =>
      void pacer.acquire(rank).then((release) => {
        order.push(label);
        releases.push(release);
      });
    for (const label of ['product1', 'product2', 'product3']) take(label, 'background');
    take('order 1', 'normal');
    take('order 2', 'normal');
    take('status', 'urgent');
    await flushMicrotasks();
    expect(pacer.queued).toBe(5);
    for (let i = 0; i < 5; i++) {
      releases.shift()!();
      await flushMicrotasks();
    }
    expect(order).toEqual(['product1', 'status', 'order 1', 'order 2', 'product2', 'product3']);
  });

  it('leaves a third of the calls a minute to the order side while catalogue work is queued', async () => {
    const time = manualClock();
    const pacer = new Pacer({ poolSize: 50, perMinute: 30, now: time.now, sleep: time.sleep });
    const started: string[] = [];
    const take = (label: string, rank: 'normal' | 'background') => void pacer.acquire(rank).then((release) => (started.push(label), release()));
    for (let i = 0; i < 40; i++) take('product', 'background');
    await flushMicrotasks();
    // The catalogue asked first and alone: it gets two thirds of the minute, not all of it.
    expect(started.filter((l) => l === 'product')).toHaveLength(20);
    for (let i = 0; i < 12; i++) take('order', 'normal');
    await flushMicrotasks();
    expect(started.filter((l) => l === 'order')).toHaveLength(10);
    expect(pacer.queued).toBe(22);
  });

  it('serves an urgent call before the queued bulk calls, within the same pool', async () => {
    const time = manualClock();
    const pacer = new Pacer({ poolSize: 1, perMinute: 0, now: time.now, sleep: time.sleep });
    const order: string[] = [];
    const releases: Array<() => void> = [];
    const take = (label: string, urgent = false) =>
      void pacer.acquire(urgent ? 'urgent' : 'normal').then((release) => {
        order.push(label);
        releases.push(release);
      });
    for (const label of ['bulk1', 'bulk2', 'bulk3']) take(label);
    take('status push', true);
    await flushMicrotasks();
    expect(order).toEqual(['bulk1']);
    expect(pacer.queued).toBe(3);
    releases.shift()!();
    await flushMicrotasks();
    expect(order).toEqual(['bulk1', 'status push']);
    expect(pacer.inFlight).toBe(1);
    releases.shift()!();
    await flushMicrotasks();
    expect(order).toEqual(['bulk1', 'status push', 'bulk2']);
  });

  it('never lets more than poolSize calls in flight', async () => {
    const time = manualClock();
    const pacer = new Pacer({ poolSize: 3, perMinute: 0, now: time.now, sleep: time.sleep });
    const granted: Array<() => void> = [];
    for (let i = 0; i < 10; i++) void pacer.acquire().then((release) => granted.push(release));
    await flushMicrotasks();
    expect(granted.length).toBe(3);
    expect(pacer.queued).toBe(7);
    granted[0]!();
    granted[0]!(); // releasing twice frees one slot only
    await flushMicrotasks();
    expect(granted.length).toBe(4);
    expect(pacer.inFlight).toBe(3);
    expect(pacer.maxInFlight).toBe(3);
  });

  it('keeps to the per-minute budget over a sliding window', async () => {
    const time = manualClock();
    const pacer = new Pacer({ poolSize: 10, perMinute: 5, now: time.now, sleep: time.sleep });
    let started = 0;
    for (let i = 0; i < 12; i++) void pacer.acquire().then((release) => (started++, release()));
    await flushMicrotasks();
    expect(started).toBe(5);
    await time.advance(59_999);
    expect(started).toBe(5);
    await time.advance(1);
    expect(started).toBe(10);
    await time.advance(60_000);
    expect(started).toBe(12);
  });

  it('halves the limit on overload once per congestion episode and grows it back on successes', () => {
    const time = manualClock();
    const pacer = new Pacer({ poolSize: 8, perMinute: 0, now: time.now, sleep: time.sleep });
    pacer.onOverload(0);
    expect(pacer.effectiveLimit).toBe(4);
    pacer.onOverload(-1); // started before the decrease: same episode
    expect(pacer.effectiveLimit).toBe(4);
    pacer.onOverload(0);
    expect(pacer.effectiveLimit).toBe(2);
    for (let i = 0; i < 100; i++) pacer.onSuccess();
    expect(pacer.effectiveLimit).toBe(8);
  });

  it('pauses every call during a Retry-After', async () => {
    const time = manualClock();
    const pacer = new Pacer({ poolSize: 4, perMinute: 0, now: time.now, sleep: time.sleep });
    pacer.pauseFor(2_000);
    let started = 0;
    void pacer.acquire().then(() => started++);
    await flushMicrotasks();
    expect(started).toBe(0);
    await time.advance(2_000);
    expect(started).toBe(1);
  });
});
