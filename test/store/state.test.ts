import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { metaRecord } from '../../electron/engine/store/meta.ts';
import { openPonteDb } from '../../electron/engine/store/index.ts';
import { FakeClock, openTestDb } from './helpers.ts';

describe('meta', () => {
  const record = metaRecord('orders.checkpoint', z.string().datetime());

  it('keeps one typed record per declared key, overwritten, cleared, and unreadable as null', () => {
    const { db } = openTestDb();
    expect(record.load(db)).toBeNull();
    record.save(db, '2026-11-01T00:00:00.000Z');
    record.save(db, '2026-11-02T00:00:00.000Z');
    expect(record.load(db)).toBe('2026-11-02T00:00:00.000Z');
    db.setMeta('orders.checkpoint', '{damaged');
    expect(record.load(db)).toBeNull();
    db.setMeta('orders.checkpoint', '"not a date"');
    expect(record.load(db)).toBeNull();
    record.clear(db);
    expect(db.getMeta('orders.checkpoint')).toBeNull();
  });

  it("replaces the store's statuses whole at each listing", () => {
    const { db } = openTestDb();
    db.replaceStoreStatuses([{ id: 263, name: 'ENVIADO' }, { id: 1, name: 'A ENVIAR' }]);
    db.replaceStoreStatuses([{ id: 263, name: 'ENVIADO PELOS CORREIOS' }]);
    expect(db.storeStatusName(263)).toBe('ENVIADO PELOS CORREIOS');
    expect(db.storeStatusName(1)).toBeNull();
  });

  it('keeps one price decision per SKU and one applied shipment line per order', () => {
    const { db } = openTestDb();
    db.decidePrice('SKU-1', 'rejected', 49.9);
    db.decidePrice('SKU-1', 'approved', 39.9);
    expect(db.priceDecision('SKU-1')).toEqual({ decision: 'approved', price: 39.9 });
    db.forgetPriceDecision('SKU-1');
    expect(db.priceDecision('SKU-1')).toBeNull();
    db.markErpShipment(5001, 'h1');
    db.markErpShipment(5001, 'h2');
    expect(db.erpShipmentHash(5001)).toBe('h2');
    expect(db.erpShipmentHash(5002)).toBeNull();
  });
});

describe('bindings', () => {
  it('upserts per (entity, key) with the pushed values and the time', () => {
    const { db, clock } = openTestDb();
    db.upsertBinding({ entity: 'produto', key: 'SKU-1', trayId: 10, hash: 'h1', pushed: { stock: 5, available: true } });
    clock.advance(1000);
    db.upsertBinding({ entity: 'produto', key: 'SKU-1', trayId: 10, hash: 'h2', pushed: { stock: 4 } });
    expect(db.getBinding('produto', 'SKU-1')).toEqual({
      entity: 'produto',
      key: 'SKU-1',
      trayId: 10,
      hash: 'h2',
      pushed: { stock: 4 },
      syncedAt: '2026-11-29T12:00:01.000Z',
    });
    expect(db.getBinding('marca', 'SKU-1')).toBeNull();
    expect(db.listBindings('produto').length).toBe(1);
  });

  it('one store id binds one record per entity, except characteristic values and list items', () => {
    const { db } = openTestDb();
    db.upsertBinding({ entity: 'produto', key: 'A', trayId: 10, hash: 'h', pushed: {} });
    expect(() => db.upsertBinding({ entity: 'produto', key: 'B', trayId: 10, hash: 'h', pushed: {} })).toThrow(/UNIQUE/);
    db.upsertBinding({ entity: 'categoria', key: 'B', trayId: 10, hash: 'h', pushed: {} });
    db.upsertBinding({ entity: 'caracteristica_produto', key: 'A|Cor', trayId: 10, hash: 'h', pushed: {} });
    db.upsertBinding({ entity: 'caracteristica_produto', key: 'A|Tamanho', trayId: 10, hash: 'h', pushed: {} });
    expect(db.listBindings('caracteristica_produto').map((b) => b.key)).toEqual(['A|Cor', 'A|Tamanho']);
  });
});

describe('catalogue results and held prices', () => {
  it('reports per entity the last pass, its counts and failures', () => {
    const { db, clock } = openTestDb();
    db.startCatalogPass('produtos');
    db.recordCatalogResult('produtos', 'A', 'created');
    db.recordCatalogResult('produtos', 'B', 'failed', 'preço inválido');
    db.recordCatalogResult('produtos', 'C', 'unchanged');
    clock.advance(60_000);
    db.startCatalogPass('produtos');
    db.recordCatalogResult('produtos', 'A', 'unchanged');
    db.recordCatalogResult('produtos', 'B', 'failed', 'categoria ausente');
    const report = db.catalogReport();
    expect(report.map((r) => r.entity)).toEqual(['categorias', 'marcas', 'caracteristicas', 'produtos', 'variacoes', 'clientes', 'listas']);
    expect(report.find((r) => r.entity === 'produtos')).toEqual({
      entity: 'produtos',
      lastPushAt: '2026-11-29T12:01:00.000Z',
      counts: { created: 0, updated: 0, unchanged: 1, failed: 1 },
      failures: [{ key: 'B', message: 'categoria ausente' }],
    });
    expect(report.find((r) => r.entity === 'marcas')).toMatchObject({ lastPushAt: null, failures: [] });
  });

  it('holds, lists and releases prices', () => {
    const { db } = openTestDb();
    db.holdPrice({ sku: 'B', name: 'Boné', currentPrice: 100, newPrice: 40, dropPercent: 60 });
    db.holdPrice({ sku: 'A', name: 'Agenda', currentPrice: 50, newPrice: 20, dropPercent: 60 });
    db.holdPrice({ sku: 'B', name: 'Boné', currentPrice: 100, newPrice: 30, dropPercent: 70 });
    expect(db.listHeldPrices().map((h) => [h.sku, h.newPrice])).toEqual([['A', 20], ['B', 30]]);
    expect(db.releaseHeldPrice('B')).toEqual({ sku: 'B', name: 'Boné', currentPrice: 100, newPrice: 30, dropPercent: 70 });
    expect(db.releaseHeldPrice('B')).toBeNull();
    expect(db.listHeldPrices().length).toBe(1);
  });
});

describe('runs', () => {
  it('start, finish and last run per job', () => {
    const { db, clock } = openTestDb();
    const id = db.startRun('orders');
    expect(db.lastRun('orders')).toMatchObject({ id, result: 'running', finishedAt: null });
    clock.advance(5000);
    const run = db.finishRun(id, { result: 'partial', counts: { created: 3, failed: 1 }, errorCount: 1, message: '1 falhou' });
    expect(run).toEqual({
      id,
      job: 'orders',
      startedAt: '2026-11-29T12:00:00.000Z',
      finishedAt: '2026-11-29T12:00:05.000Z',
      result: 'partial',
      counts: { created: 3, failed: 1 },
      errorCount: 1,
      message: '1 falhou',
    });
    expect(db.lastRun('catalog')).toBeNull();
    const second = db.startRun('orders');
    expect(db.lastRun('orders')?.id).toBe(second);
    expect(db.listRuns('orders', 10).map((r) => r.id)).toEqual([second, id]);
  });

  it('abandonRunningRuns marks runs left running by a crash as failed, and only those', () => {
    const { db } = openTestDb();
    const done = db.startRun('catalog');
    db.finishRun(done, { result: 'ok', counts: {}, errorCount: 0, message: null });
    db.startRun('orders');
    db.startRun('export');
    expect(db.abandonRunningRuns()).toBe(2);
    expect(db.lastRun('orders')).toMatchObject({ result: 'failed', message: expect.stringMatching(/Interrompida/) });
    expect(db.lastRun('orders')?.finishedAt).not.toBeNull();
    expect(db.lastRun('catalog')?.result).toBe('ok');
    expect(db.abandonRunningRuns()).toBe(0);
  });
});

describe('activity', () => {
  const seed = () => {
    const { db } = openTestDb();
    db.log('info', 'orders', '3 pedidos novos');
    db.log('warn', 'catalog', 'Preço retido: Caneca Água');
    db.log('error', 'tracking', 'Rastreio recusado pela loja');
    db.log('info', 'app', 'Ponte iniciado');
    db.log('error', null, 'Falha geral');
    return db;
  };
  const messages = (entries: Array<{ message: string }>) => entries.map((e) => e.message);

  it('lists newest first with a limit', () => {
    const db = seed();
    expect(messages(db.listActivity({ limit: 2 }))).toEqual(['Falha geral', 'Ponte iniciado']);
  });

  it('filters by level, job and accent-insensitive text, combined', () => {
    const db = seed();
    expect(messages(db.listActivity({ level: 'error', limit: 10 }))).toEqual(['Falha geral', 'Rastreio recusado pela loja']);
    expect(messages(db.listActivity({ job: 'app', limit: 10 }))).toEqual(['Ponte iniciado']);
    expect(messages(db.listActivity({ text: 'AGUA', limit: 10 }))).toEqual(['Preço retido: Caneca Água']);
    expect(messages(db.listActivity({ text: 'preco', level: 'warn', job: 'catalog', limit: 10 }))).toEqual(['Preço retido: Caneca Água']);
    expect(messages(db.listActivity({ text: 'preco', level: 'info', limit: 10 }))).toEqual([]);
  });

  it('keeps the log bounded', () => {
    const { db } = openTestDb();
    for (let i = 0; i < 1000; i += 1) db.log('info', 'app', `linha ${i}`);
    expect(db.listActivity({ limit: 5000 }).length).toBe(1000);
    const small = openPonteDb(':memory:', { now: new FakeClock().now, activityKeep: 100 });
    for (let i = 0; i < 1000; i += 1) small.log('info', 'app', `linha ${i}`);
    expect(small.listActivity({ limit: 5000 }).length).toBe(100);
    expect(small.listActivity({ limit: 1 })[0]?.message).toBe('linha 999');
  });
});
