/**
 * A day of continuous sync over Tray's REST API on an injected clock (issue 15): does the daily cap
 * of 10,000 calls hold, and does every status push go out within its target delay?
 *
 * The day is driven minute by minute against the emulator's web_api (same clock): shoppers place
 * ORDERS_PER_DAY orders, the store confirms payments itself, the merchant ships most orders (a
 * tracking code and "ENVIADO" pushed with a read-back first). Ponte's cadence is the default
 * schedule: orders every 5 min (a 10-min overlap, an order re-read only when its `modified` moved),
 * status/tracking every minute, stock of the SKUs sold every 30 min and a full catalogue check
 * (every SKU looked up) when the budget says it fits.
 *
 * This drives the REST store port with a model of the jobs' cadence, not the engine's jobs
 * themselves: they move onto the port in the next step of issue 15, and then this becomes their run.
 */
import { mulberry32, randInt } from '../electron/demo/random.ts';
import { startEmulator, STATUS } from '../electron/emulator/index.ts';
import { RestStoreAdapter } from '../electron/engine/rest/adapter.ts';
import { memoryTokenStore } from '../electron/engine/rest/auth.ts';
import { RestClient } from '../electron/engine/rest/client.ts';
import { BudgetExhaustedError } from '../electron/engine/rest/errors.ts';
import type { BenchModule } from './run.ts';

const MINUTE = 60_000;
const PULL_EVERY = 5;
const OVERLAP_MIN = 10;
const STOCK_EVERY = 30;
const PUSH_TARGET_MIN = 5;

const localIso = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

const simulateDay = async (ordersPerDay: number, perDay: number) => {
  const dayStart = new Date(2026, 11, 3, 0, 0, 0).getTime();
  let now = dayStart;
  const clock = { now: () => now, date: () => new Date(now), sleep: async (ms: number) => void (now += Math.max(0, ms)) };
  const emu = await startEmulator({ orders: 0, seed: 15, now: clock.date, rest: { perDay } });
  const random = mulberry32(1515);
  const c = emu.rest.config();
  const client = new RestClient({ apiAddress: emu.restUrl, consumerKey: c.consumerKey, consumerSecret: c.consumerSecret, code: c.code, tokens: memoryTokenStore(), perDay, now: clock.now, sleep: clock.sleep });
  const port = new RestStoreAdapter({ client });
  const placeAt = new Map<number, number>();
  for (let i = 0; i < ordersPerDay; i++) {
    const m = randInt(random, 0, 1439);
    placeAt.set(m, (placeAt.get(m) ?? 0) + 1);
  }
  const known = new Map<number, string>(); // order id -> modifiedAt as Ponte holds it
  const pulledAt = new Map<number, number>();
  const storeChanges = new Map<number, number[]>(); // minute -> orders the store confirms
  const merchantShips = new Map<number, number[]>(); // minute -> orders the merchant ships
  const queue: Array<{ id: number; queuedAt: number }> = [];
  const soldSkus = new Set<number>();
  const delays: number[] = [];
  let queued = 0;
  let stockDeferred = 0;
  let catalogPasses = 0;
  let refused = 0;
  let ordersRefused = 0;
  let checkpoint = dayStart - OVERLAP_MIN * MINUTE;
  const at = (map: Map<number, number[]>, minute: number, id: number) => map.set(minute, [...(map.get(minute) ?? []), id]);

  try {
    for (let minute = 0; minute < 1440; minute++) {
      now = dayStart + minute * MINUTE;
      const placed = placeAt.get(minute) ?? 0;
      if (placed > 0) emu.store.placeOrders(placed);
      for (const id of storeChanges.get(minute) ?? []) emu.store.storeChangesStatus(id, STATUS.toShip);
      for (const id of merchantShips.get(minute) ?? []) {
        queue.push({ id, queuedAt: now });
        queued++;
      }

      // Status and tracking, every minute: read back, then tracking and status.
      while (queue.length > 0) {
        const job = queue[0]!;
        try {
          const current = await port.readOrder(job.id, { forPush: true });
          if (current.status.id !== STATUS.shipped) {
            const code = `QB${String(10_000_000 + job.id).slice(-8)}0BR`;
            await port.setTracking(job.id, { code, shippedAt: localIso(now).slice(0, 10), url: null });
            await port.setOrderStatus(job.id, STATUS.shipped);
          }
          delays.push(now - job.queuedAt);
          queue.shift();
        } catch (error) {
          if (!(error instanceof BudgetExhaustedError)) throw error;
          refused++;
          break;
        }
      }

      if (minute % PULL_EVERY === 0) {
        const windowFrom = checkpoint - OVERLAP_MIN * MINUTE;
        // With the orders' share spent the pull waits for tomorrow; the checkpoint stays where it was.
        const headers = await port.listChangedOrders({ from: localIso(windowFrom), to: localIso(now) }).catch((error: unknown) => {
          if (!(error instanceof BudgetExhaustedError)) throw error;
          ordersRefused++;
          return null;
        });
        if (headers) {
          let complete = true;
          for (const h of headers) {
            if (known.get(h.id) === h.modifiedAt) continue;
            const order = await port.readOrder(h.id).catch((error: unknown) => {
              if (!(error instanceof BudgetExhaustedError)) throw error;
              return null;
            });
            if (!order) {
              complete = false; // the rest waits; the checkpoint must not pass them
              break;
            }
            known.set(h.id, order.modifiedAt);
            if (!pulledAt.has(h.id)) {
              pulledAt.set(h.id, minute);
              for (const item of order.items) soldSkus.add(item.productId);
              if (random() < 0.5) at(storeChanges, minute + randInt(random, 10, 240), h.id);
              if (random() < 0.8) at(merchantShips, minute + randInt(random, 30, 600), h.id);
            }
          }
          if (complete) checkpoint = now;
        }
      }

      if (minute % STOCK_EVERY === 0 && soldSkus.size > 0) {
        if (client.budget.fits('catalog', soldSkus.size)) {
          for (const productId of soldSkus) await port.setStock({ productId }, emu.store.products.get(productId)!.estoque);
          soldSkus.clear();
        } else stockDeferred++;
      }
      if (minute % 60 === 0 && catalogPasses === 0 && client.budget.nextFit('catalog', emu.store.products.size)?.getTime() === now) {
        for (const p of [...emu.store.products.values()]) await port.findProductBySku(p.cod_prod);
        catalogPasses++;
      }
    }
    return {
      calls: client.stats().calls,
      budget: client.budget.snapshot(),
      queued,
      pushed: delays.length,
      maxDelayMin: delays.length ? Math.max(...delays) / MINUTE : 0,
      late: delays.filter((d) => d > PUSH_TARGET_MIN * MINUTE).length,
      refused,
      ordersRefused,
      stockDeferred,
      catalogPasses,
      rejected429: emu.stats().rejected429,
      orders: pulledAt.size,
    };
  } finally {
    await emu.close();
  }
};

const bench: BenchModule = {
  name: 'rest-day',
  async run(report, { quick }) {
    const ordersPerDay = quick ? 150 : 300;
    for (const [scenario, perDay] of [['10k cap', 10_000], ['tight cap', 2_000]] as const) {
      const r = await simulateDay(ordersPerDay, perDay);
      const context = { scenario, ordersPerDay, pullEveryMin: PULL_EVERY, stockEveryMin: STOCK_EVERY };
      report({ bench: 'rest-day', metric: 'calls in the day', value: r.calls, perDay: r.budget.perDay, ...context });
      report({ bench: 'rest-day', metric: 'share of the daily cap', value: r.calls / r.budget.perDay, unit: 'x' });
      report({ bench: 'rest-day', metric: 'calls by priority', value: r.budget.used, status: r.budget.byPriority.status, orders: r.budget.byPriority.orders, catalog: r.budget.byPriority.catalog });
      report({ bench: 'rest-day', metric: 'orders pulled', value: r.orders });
      report({ bench: 'rest-day', metric: 'status pushes done / queued', value: r.pushed, queued: r.queued });
      report({ bench: 'rest-day', metric: 'max push delay', value: r.maxDelayMin, unit: 'min', targetMin: PUSH_TARGET_MIN, late: r.late });
      report({ bench: 'rest-day', metric: 'pushes refused by the budget', value: r.refused });
      report({ bench: 'rest-day', metric: 'order pulls refused', value: r.ordersRefused });
      report({ bench: 'rest-day', metric: 'stock passes deferred', value: r.stockDeferred, catalogPasses: r.catalogPasses });
      report({ bench: 'rest-day', metric: '429s met', value: r.rejected429 });
    }
  },
};

export default bench;
