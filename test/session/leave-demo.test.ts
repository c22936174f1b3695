/**
 * Leaving the demo (electron/session): on the demo the store access cannot change (the engine
 * would push the sample catalogue, unthrottled, to a real store); "app.leaveDemo" replaces the
 * engine with one on the merchant's own data, behind the same endpoint, with nothing of the demo's
 * store, secrets or ERP — and a restart does not bring the demo back.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PonteEvent } from '../../shared/api/contract.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore, type StoredSettings } from '../../electron/engine/settings.ts';
import { settingsLeavingDemo, startSession, type Session } from '../../electron/session/index.ts';

const TUNING = { latencyMs: 0, newOrderEveryMinutes: 0 } as const;

describe('leaving the demo', () => {
  let dataDir = '';
  const sessions: Session[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.stop().catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async (settings = memorySettingsStore(), secrets = memorySecretStore()) => {
    dataDir ||= mkdtempSync(path.join(tmpdir(), 'ponte-leave-demo-'));
    const session = await startSession({ dataDir, settings, secrets, demoTuning: TUNING });
    sessions.push(session);
    return { session, settings, secrets };
  };

  it('refuses another store while on the demo, and changes nothing', async () => {
    const { session, settings, secrets } = await open();
    const before = settings.get();
    const demoPassword = await secrets.get('trayPassword');
    const update = await session.endpoint.dispatch('settings.update', { store: { url: 'https://minhaloja.com.br/webservice', password: 'segredo' } });
    expect(update).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Sair da demonstração') } });
    const authorize = await session.endpoint.dispatch('store.authorize', { apiAddress: 'https://minhaloja.com.br/web_api', code: 'abc', consumerKey: 'k', consumerSecret: 's' });
    expect(authorize).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const flag = await session.endpoint.dispatch('settings.update', { demo: false });
    expect(flag).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(settings.get()).toEqual(before);
    expect(await secrets.get('trayPassword')).toBe(demoPassword);
    // What the demo allows: its transport, and the merchant's own preferences.
    expect(await session.endpoint.dispatch('settings.update', { store: { transport: 'rest' }, locale: 'en' })).toMatchObject({ ok: true });
  });

  it('replaces the engine behind the same endpoint: own data, no demo store, secrets or ERP', async () => {
    const { session, settings, secrets } = await open();
    const demo = session.demo;
    expect(demo).not.toBeNull();
    const demoEngine = session.engine;
    const events: PonteEvent[] = [];
    session.endpoint.subscribe((e) => events.push(e));
    await session.endpoint.dispatch('settings.update', { locale: 'en', notifications: { newOrders: false, failures: true }, store: { transport: 'rest' } });

    const answer = await session.endpoint.dispatch('app.leaveDemo', {});
    expect(answer).toEqual({ ok: true, result: { left: true } });
    expect(session.engine).not.toBe(demoEngine);
    expect(session.demo).toBeNull();
    expect(events).toContainEqual({ type: 'session-changed' });
    // The demo's emulated store is gone: nothing can reach it any more.
    await expect(fetch(demo!.emulatorUrl)).rejects.toThrow();
    // The engine's database is the merchant's, not the demo's.
    expect(existsSync(path.join(dataDir, 'ponte.sqlite'))).toBe(true);

    const overview = await session.endpoint.dispatch('overview.get', {});
    expect(overview).toMatchObject({ ok: true, result: { demo: false } });
    const now = settings.get();
    expect(now).toMatchObject({
      demo: false,
      store: { url: '', storeId: '', apiAddress: '', transport: 'rest' },
      erp: { kind: 'none', path: '' },
      statusMapping: DEFAULT_SETTINGS.statusMapping,
      schedule: DEFAULT_SETTINGS.schedule,
      export: DEFAULT_SETTINGS.export,
      locale: 'en',
      notifications: { newOrders: false, failures: true },
    });
    for (const name of ['trayPassword', 'restConsumerKey', 'restConsumerSecret', 'restCode', 'trayRestTokens'] as const) expect(await secrets.get(name)).toBeNull();
    const shown = await session.endpoint.dispatch('settings.get', {});
    expect(shown).toMatchObject({ ok: true, result: { store: { hasPassword: false, hasRestCredentials: false } } });

    // Off the demo, the merchant's store can be given, and a second "leave" is refused.
    expect(await session.endpoint.dispatch('settings.update', { store: { url: 'https://minhaloja.com.br/webservice', storeId: '7', login: 'ws' } })).toMatchObject({ ok: true });
    expect(await session.endpoint.dispatch('app.leaveDemo', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a restart after leaving, before any store is given, stays off the demo', async () => {
    const first = await open();
    await first.session.endpoint.dispatch('app.leaveDemo', {});
    await first.session.endpoint.dispatch('settings.update', { schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 } });
    await first.session.stop();
    sessions.splice(0);
    const again = await open(first.settings, first.secrets);
    expect(again.session.demo).toBeNull();
    expect(first.settings.get()).toMatchObject({ demo: false, store: { url: '' }, schedule: { catalog: 0 } });
  });
});

describe('settingsLeavingDemo', () => {
  const demoSettings: StoredSettings = {
    ...DEFAULT_SETTINGS,
    demo: true,
    store: { url: 'http://127.0.0.1:4000/ws', storeId: '1', login: 'demo', transport: 'soap', apiAddress: 'http://127.0.0.1:4000/web_api' },
    erp: { kind: 'spreadsheet', path: '/dados/demo/erp/produtos.xlsx' },
    statusMapping: [{ local: 'enviado', storeStatusId: 3, push: true }],
    schedule: { catalog: 30, orders: 1, tracking: 1, export: 0 },
    export: { target: 'csv', folder: '/dados/demo/exportados' },
  };

  it('drops what is the demo’s and keeps a section the merchant made their own', () => {
    const own = { ...demoSettings, erp: { kind: 'spreadsheet' as const, path: 'C:\\Loja\\produtos.xlsx' }, stock: { safetyBuffer: 3 } };
    const next = settingsLeavingDemo(own, demoSettings);
    expect(next.erp).toEqual({ kind: 'spreadsheet', path: 'C:\\Loja\\produtos.xlsx' });
    expect(next.stock).toEqual({ safetyBuffer: 3 });
    expect(next.export).toEqual(DEFAULT_SETTINGS.export);
    expect(next.schedule).toEqual(DEFAULT_SETTINGS.schedule);
    // Status ids are the demo store's: never kept, even when the merchant edited them.
    expect(next.statusMapping).toEqual(DEFAULT_SETTINGS.statusMapping);
    expect(next.store).toEqual({ ...DEFAULT_SETTINGS.store, transport: 'soap' });
    expect(next.demo).toBe(false);
  });
});
