/**
 * Order import over Tray's REST API (issue 15), against the emulator's web_api at latency L with at
 * most C calls at once and Tray's 180 calls a minute, on a clock running SPEED times faster than the
 * wall clock (shared by client and emulator) so that the per-minute window is really exercised in a
 * few seconds. All figures are in store time.
 *
 * N orders cost K = 1 (token) + ceil(N/50) (pages of 50) + N (`/orders/:id/complete`) calls. The bound
 * is the later of what the limit allows — call k cannot start before floor(k/180) minutes — and what
 * latency allows (pages in sequence, then ceil(N/C) rounds of L): `ratio_to_bound` = bound / time
 * (target ≥ 0.9). The baseline, measured in the same run, reads orders one call at a time.
 */
import { startEmulator } from '../electron/emulator/index.ts';
import { RestStoreAdapter } from '../electron/engine/rest/adapter.ts';
import { memoryTokenStore } from '../electron/engine/rest/auth.ts';
import { RestClient } from '../electron/engine/rest/client.ts';
import type { BenchModule } from './run.ts';

const SPEED = 20;
const LATENCY_MS = 400; // store time
const CONCURRENCY = 4;
const PER_MINUTE = 180;
const PAGE = 50;

const scaledClock = () => {
  const base = Date.now();
  const t0 = performance.now();
  const now = () => base + (performance.now() - t0) * SPEED;
  return { now, date: () => new Date(now()), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms) / SPEED)) };
};

const localIso = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

export const boundMs = (orders: number): { calls: number; bound: number; rateBound: number; latencyBound: number } => {
  const pages = Math.max(1, Math.ceil(orders / PAGE));
  const calls = 1 + pages + orders;
  const rateBound = Math.floor((calls - 1) / PER_MINUTE) * 60_000 + LATENCY_MS; // Tray's own minute: the bound ignores our 1 s of slack
  const latencyBound = (1 + pages + Math.ceil(orders / CONCURRENCY)) * LATENCY_MS;
  return { calls, bound: Math.max(rateBound, latencyBound), rateBound, latencyBound };
};

const importRun = async (orders: number, concurrency: number) => {
  const clock = scaledClock();
  const emu = await startEmulator({ orders: 0, now: clock.date, latencyMs: Math.round(LATENCY_MS / SPEED), maxConcurrent: CONCURRENCY, perMinute: 0, rest: { perMinute: PER_MINUTE } });
  try {
    const from = localIso(new Date(clock.now() - 1000));
    emu.store.placeOrders(orders);
    const c = emu.rest.config();
    const client = new RestClient({
      apiAddress: emu.restUrl, consumerKey: c.consumerKey, consumerSecret: c.consumerSecret, code: c.code, tokens: memoryTokenStore(),
      now: clock.now, sleep: clock.sleep, poolSize: concurrency, perMinute: PER_MINUTE,
    });
    const adapter = new RestStoreAdapter({ client });
    const start = clock.now();
    const headers = await adapter.listChangedOrders({ from, to: localIso(new Date(clock.now() + 60_000)) });
    if (concurrency === 1) for (const h of headers) await adapter.readOrder(h.id);
    else await Promise.all(headers.map((h) => adapter.readOrder(h.id)));
    const elapsed = clock.now() - start;
    if (headers.length !== orders) throw new Error(`imported ${headers.length} of ${orders} orders`);
    return { elapsed, calls: client.stats().calls, rejected429: emu.stats().rejected429, budget: client.budget.snapshot() };
  } finally {
    await emu.close();
  }
};

const bench: BenchModule = {
  name: 'rest',
  async run(report, { quick }) {
    const n = quick ? 240 : 400;
    const naive = await importRun(n, 1);
    const ours = await importRun(n, CONCURRENCY);
    const { calls, bound, rateBound, latencyBound } = boundMs(n);
    const context = { orders: n, latencyMs: LATENCY_MS, concurrency: CONCURRENCY, perMinute: PER_MINUTE, clockSpeed: SPEED };
    report({ bench: 'rest', metric: 'order import (store time)', value: ours.elapsed / 1000, unit: 's', ...context });
    report({ bench: 'rest', metric: 'calls', value: ours.calls, expected: calls });
    report({ bench: 'rest', metric: 'bound', value: bound / 1000, unit: 's', rateBound: rateBound / 1000, latencyBound: latencyBound / 1000 });
    report({ bench: 'rest', metric: 'ratio to bound (>=0.9)', value: bound / ours.elapsed, unit: 'x' });
    report({ bench: 'rest', metric: '429s met', value: ours.rejected429 });
    report({ bench: 'rest', metric: 'daily budget used', value: ours.budget.used, perDay: ours.budget.perDay });
    report({ bench: 'rest', metric: 'one-at-a-time import', value: naive.elapsed / 1000, unit: 's', orders: n });
    report({ bench: 'rest', metric: 'speedup vs one-at-a-time', value: naive.elapsed / ours.elapsed, unit: 'x' });
  },
};

export default bench;
