/**
 * Limits: the emulator's 429 beyond its per-minute limit waited out on the virtual clock (never
 * given up, never slept for real), the local 180/min pacer keeping the client under the limit,
 * and the store's daily cap turning into a "come back tomorrow" error that stops sending.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { BudgetExhaustedError } from '../../electron/engine/rest/errors.ts';
import { calls, restClient, startRestEmulator, virtualClock } from './helpers.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('REST limits', () => {
  it('429s beyond the per-minute limit are waited out (Retry-After on the virtual clock) and every call succeeds', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock, { rest: { perMinute: 5 } });
    const { adapter, client, events } = restClient(emu, clock, { perMinute: 0, poolSize: 1 }); // no local pacing: meet the server's limit
    const ids = [...emu.store.orders.keys()].slice(0, 12);
    const started = clock.ms;
    const orders = [];
    for (const id of ids) orders.push(await adapter.readOrder(id));
    expect(orders.map((o) => o.id)).toEqual(ids);
    expect(emu.stats().rejected429).toBeGreaterThan(0);
    expect(client.stats().throttled).toBe(emu.stats().rejected429);
    expect(events.some((e) => e.type === 'throttled')).toBe(true);
    // 13 calls (auth + 12) at 5 a minute need at least two minutes beyond the first.
    expect(clock.ms - started).toBeGreaterThanOrEqual(2 * 60_000);
  });

  it('the local pacer at the store limit sends no call into a 429', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock, { rest: { perMinute: 10 } });
    // One call at a time: on a virtual clock, time jumps only while nothing is in flight, so the
    // store sees the same admission times as the pacer (a real network adds its latency to them).
    const { adapter } = restClient(emu, clock, { perMinute: 10, poolSize: 1 });
    const ids = [...emu.store.orders.keys()].slice(0, 25);
    await Promise.all(ids.map((id) => adapter.readOrder(id)));
    expect(calls(emu, 'rest:GET /orders/:id/complete')).toBe(25);
    expect(emu.stats().rejected429).toBe(0);
  });

  it("the store's daily cap stops the client until midnight: one 429, then nothing more is sent", async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock, { rest: { perDay: 6 } });
    const { adapter, client } = restClient(emu, clock); // our own budget thinks 10,000
    const ids = [...emu.store.orders.keys()];
    for (const id of ids.slice(0, 5)) await adapter.readOrder(id); // + the auth call = 6
    const error = await adapter.readOrder(ids[5]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhaustedError);
    expect((error as BudgetExhaustedError).kind).toBe('transient');
    expect((error as Error).message).toMatch(/limite diário/);
    const sentBefore = emu.stats().log.length;
    await expect(adapter.setOrderStatus(ids[0]!, 263)).rejects.toBeInstanceOf(BudgetExhaustedError);
    expect(emu.stats().log.length).toBe(sentBefore);
    expect(client.budget.snapshot().remaining).toBe(0);
  });
});
