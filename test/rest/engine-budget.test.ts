/**
 * The engine on REST spends through the daily budget by priority, counted against the store's own
 * call log: order pulls as 'orders', status and tracking pushes (and their read-back) as 'status',
 * the token as 'status'. The count is kept per store per day in Ponte's SQLite database, so an engine
 * restarted the same day goes on from it; the next day (the engine's injected clock) starts afresh.
 * With the orders' share spent, pushes still go; with the catalogue's share spent, the catalogue
 * pass is deferred. No sleeps: the day moves on the engine's clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { startEmulator, STATUS, type RunningEmulator } from '../../electron/emulator/index.ts';
import { createEngine, type Engine } from '../../electron/engine/index.ts';
import { localDay } from '../../electron/engine/rest/budget.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore, type SecretStore, type SettingsStore } from '../../electron/engine/settings.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { s10CheckDigit } from '../../shared/br/tracking.ts';

const DAY = 24 * 60 * 60_000;
const restCalls = (calls: Record<string, number>, match: (route: string) => boolean = () => true) =>
  Object.entries(calls).reduce((n, [route, c]) => (route.startsWith('rest:') && match(route) ? n + c : n), 0);
const isOrderRead = (route: string) => route === 'rest:GET /orders' || route === 'rest:GET /orders/:id/complete';

describe('the engine on REST spends through the daily budget', () => {
  let dir: string;
  let emulator: RunningEmulator;
  let settings: SettingsStore;
  let secrets: SecretStore;
  let engine: Engine;
  // The emulator stamps orders with real time; the engine's clock is real time plus this offset.
  let offset = 0;
  const now = () => new Date(Date.now() + offset);

  const open = () =>
    createEngine({
      dataDir: path.join(dir, 'data'),
      settings,
      secrets,
      now,
      watchErp: false,
      syncOnStart: false,
      createTrayClient: (config) => new TrayClient({ ...config, perMinute: 0, poolSize: 8 }),
    });
  const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };
  const budget = async () => {
    const view = await call('store.restBudget', {});
    if (!view) throw new Error('no REST budget');
    return view;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-rest-budget-'));
    emulator = await startEmulator({ seed: 3, orders: 20, maxConcurrent: 8 });
    const rest = emulator.rest.config();
    settings = memorySettingsStore({
      ...DEFAULT_SETTINGS,
      demo: false,
      store: { url: emulator.endpoint, storeId: emulator.credentials.storeId, login: emulator.credentials.login, transport: 'rest', apiAddress: emulator.restUrl },
      statusMapping: demoStatusMapping(),
      schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 },
    });
    secrets = memorySecretStore();
    await secrets.set('restConsumerKey', rest.consumerKey);
    await secrets.set('restConsumerSecret', rest.consumerSecret);
    await secrets.set('restCode', rest.code);
    engine = await open();
    await engine.start();
  });

  afterAll(async () => {
    await engine?.stop();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts every call the store saw, by priority, and keeps the count across a restart the same day', async () => {
    emulator.resetStats();
    const pulled = await call('jobs.run', { job: 'orders' });
    expect(pulled.result).toBe('ok');
    let calls = emulator.stats().calls;
    const afterPull = await budget();
    expect(afterPull.used).toBe(restCalls(calls));
    expect(afterPull.byPriority.orders).toBe(restCalls(calls, isOrderRead));
    expect(afterPull.byPriority.orders).toBeGreaterThan(pulled.counts.created ?? 0);
    // The token exchange is spent from the status share: it must never be starved by the catalogue.
    expect(afterPull.byPriority.status).toBe(calls['rest:POST /auth'] ?? 0);
    expect(afterPull.byPriority.catalog).toBe(0);
    expect(afterPull.day).toBe(localDay(now()));

    // A tracking code and "enviado": the read-back and both writes spend from the status share.
    const order = (await call('orders.list', { statusIds: [STATUS.toShip], noTracking: true, limit: 1 })).rows[0]!;
    const [pushed] = await call('orders.setTracking', { entries: [{ orderId: order.id, trackingCode: `PN12345678${s10CheckDigit('12345678')}BR`, status: 'enviado' }] });
    expect(pushed!.ok).toBe(true);
    await call('jobs.run', { job: 'tracking' });
    calls = emulator.stats().calls;
    const afterPush = await budget();
    expect(calls['rest:PUT /orders/:id']).toBe(2);
    expect(afterPush.byPriority.status - afterPull.byPriority.status).toBe(restCalls(calls) - afterPull.used);
    expect(afterPush.byPriority.orders).toBe(afterPull.byPriority.orders);
    expect(afterPush.used).toBe(restCalls(calls));

    // The engine stops and starts again the same day: the count goes on from where it was.
    await engine.stop();
    engine = await open();
    await engine.start();
    const { catalogPass: _pass, ...counted } = afterPush;
    expect(await budget()).toMatchObject(counted);
    await call('jobs.run', { job: 'orders' });
    expect((await budget()).used).toBe(restCalls(emulator.stats().calls));
  });

  it('with the orders’ share spent, the order pull is refused unsent while status pushes still go; the catalogue pass waits for tomorrow', async () => {
    // Orders to push for (run alone, this test pulls them itself; after the others it changes nothing).
    await call('jobs.run', { job: 'orders' });
    const today = await budget();
    // The day has been busy: everything but the status reserve is spent.
    engine.db.setMeta(
      'rest.budget',
      JSON.stringify({ store: emulator.restUrl, day: today.day, used: today.ceilings.orders, byPriority: { status: 40, orders: today.ceilings.orders - 40, catalog: 0 } }),
    );
    emulator.resetStats();
    const pull = await call('jobs.run', { job: 'orders' });
    expect(pull.result).not.toBe('ok');
    expect(pull.message).toMatch(/cota|orçamento|chamadas/i);
    expect(restCalls(emulator.stats().calls, isOrderRead)).toBe(0);

    const order = (await call('orders.list', { noTracking: true, limit: 1 })).rows[0]!;
    await call('orders.setTracking', { entries: [{ orderId: order.id, trackingCode: `PN87654321${s10CheckDigit('87654321')}BR` }] });
    await call('jobs.run', { job: 'tracking' });
    expect(emulator.stats().calls['rest:PUT /orders/:id']).toBe(1);
    const after = await budget();
    expect(after.byPriority.status).toBeGreaterThan(40);
    expect(after.byPriority.orders).toBe(today.ceilings.orders - 40);

    const catalog = await call('jobs.run', { job: 'catalog' });
    expect(catalog.message).toMatch(/^Catálogo adiado/);
    expect(after.catalogPass.when).toBe('afterReset');
    expect(after.catalogPass.at).toBe(after.resetsAt);
  });

  it('starts afresh the next day on the engine’s clock, and ignores another store’s count', async () => {
    const before = await budget();
    offset += DAY;
    const next = await budget();
    expect(next.day).not.toBe(before.day);
    expect(next).toMatchObject({ used: 0, byPriority: { status: 0, orders: 0, catalog: 0 } });
    await call('jobs.run', { job: 'orders' });
    const spent = await budget();
    expect(spent.used).toBeGreaterThan(0);
    // The same day's record of another store is not this store's count.
    engine.db.setMeta('rest.budget', JSON.stringify({ store: 'https://outra-loja.example/web_api', day: spent.day, used: 5000, byPriority: { status: 0, orders: 5000, catalog: 0 } }));
    expect((await budget()).used).toBe(0);
  });

  it('follows the store’s daily limit from the settings: the Painel’s count, the catalogue pass and the jobs’ client; a bad limit changes nothing', async () => {
    const standard = await budget();
    expect(standard.perDay).toBe(10_000);
    const busy = (used: number) =>
      engine.db.setMeta('rest.budget', JSON.stringify({ store: emulator.restUrl, day: standard.day, used, byPriority: { status: 0, orders: used, catalog: 0 } }));
    // 9,500 calls spent: past the 10,000 store's order share (9,000) and catalogue share (6,000).
    busy(9_500);
    expect((await budget()).catalogPass.when).toBe('afterReset');

    // A large store: 50,000 a day, set in Configurações.
    await call('settings.update', { restLimits: { callsPerDay: 50_000 } });
    const large = await budget();
    expect(large).toMatchObject({ perDay: 50_000, used: 9_500, remaining: 40_500, ceilings: { status: 50_000, orders: 45_000, catalog: 30_000 } });
    expect(large.catalogPass.when).toBe('now');
    // The jobs' client spends against the same limit: the order pull goes where 10,000 would refuse it.
    emulator.resetStats();
    const pulled = await call('jobs.run', { job: 'orders' });
    expect(pulled.result).toBe('ok');
    expect(restCalls(emulator.stats().calls, isOrderRead)).toBeGreaterThan(0);
    expect((await budget()).used).toBe(9_500 + restCalls(emulator.stats().calls));

    // Refused whole: neither the bad limit nor the valid field beside it is applied.
    for (const callsPerDay of [60_000, 12.5, 0, 999]) {
      const envelope = await engine.endpoint.dispatch('settings.update', { restLimits: { callsPerDay }, stock: { safetyBuffer: 9 } });
      expect(envelope.ok).toBe(false);
    }
    expect(settings.get().restLimits).toEqual({ callsPerDay: 50_000 });
    expect(settings.get().stock.safetyBuffer).toBe(0);
    expect((await budget()).perDay).toBe(50_000);

    // A store sharing its cap with another app: Ponte keeps to its share.
    await call('settings.update', { restLimits: { callsPerDay: 10_000 } });
    busy(9_500);
    emulator.resetStats();
    expect((await call('jobs.run', { job: 'orders' })).result).not.toBe('ok');
    expect(restCalls(emulator.stats().calls, isOrderRead)).toBe(0);
  });

  it('answers null on SOAP, where no daily cap is published', async () => {
    const soapView = await (async () => {
      settings.set({ ...settings.get(), store: { ...settings.get().store, transport: 'soap' } });
      try {
        return await call('store.restBudget', {});
      } finally {
        settings.set({ ...settings.get(), store: { ...settings.get().store, transport: 'rest' } });
      }
    })();
    expect(soapView).toBeNull();
  });
});
