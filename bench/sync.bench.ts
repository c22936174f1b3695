/**
 * The sync engine's figures (issue 5).
 *
 * order-import: N orders imported by the real engine from the emulator at latency L and max
 * concurrency C. Each order costs 1 shared list call + 4 per order (items, customer, installments,
 * acknowledgement), so the bound is (1 + 4N)·L/C; `ratio_to_bound` = bound / wall time (target ≥
 * 0.85). The naive baseline, measured in the same run, imports orders sequentially with a new SOAP
 * client per call (as public PHP clients do); `speedup_vs_naive` compares time per order (target ≥ 0.8·C).
 *
 * catalog-push: a 10,000-product catalogue pushed to an empty store, then pushed again unchanged —
 * the re-run must be bound by local work: its time and its write count (0) are reported.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClientAsync } from 'soap';
import { startEmulator, type RunningEmulator } from '../electron/emulator/index.ts';
import { writeCatalogWorkbook } from '../electron/engine/erp/catalog-writers.ts';
import type { ErpCatalog, ErpProduct } from '../electron/engine/erp/types.ts';
import type { Engine } from '../electron/engine/index.ts';
import type { StoredSettings } from '../electron/engine/settings.ts';
import { OPERATIONS, type OperationName } from '../electron/engine/tray/operations.ts';
import { accessOf, createTestEngine } from '../test/support/engine.ts';
import type { BenchModule, Report } from './run.ts';

const LATENCY_MS = 100;
const CONCURRENCY = 8;

const writeCalls = (calls: Record<string, number>) =>
  Object.entries(calls).reduce((sum, [op, n]) => sum + (OPERATIONS[op as OperationName]?.kind === 'write' ? n : 0), 0);
const totalCalls = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

const engineFor = (emulator: RunningEmulator, dir: string, settings: Partial<StoredSettings> = {}): Promise<Engine> =>
  createTestEngine(accessOf(emulator), { dataDir: dir, settings, client: { poolSize: CONCURRENCY } });

const orderImport = async (report: Report, quick: boolean) => {
  const n = quick ? 40 : 120;
  const naiveOrders = quick ? 3 : 6;
  const emulator = await startEmulator({ orders: 0, latencyMs: LATENCY_MS, maxConcurrent: CONCURRENCY, perMinute: 0 });
  const dir = await mkdtemp(path.join(tmpdir(), 'ponte-bench-orders-'));
  try {
    // Naive baseline first, on orders of its own, acknowledged so that Ponte's import does not see them.
    const naiveIds = emulator.store.placeOrders(naiveOrders);
    const { storeId, login, password } = emulator.credentials;
    const auth = { pid_loja: storeId, plogin: login, psenha: password };
    const naiveCall = async (op: string, args: Record<string, unknown>) => {
      const soap = await createClientAsync(emulator.wsdlUrl, { disableCache: true, endpoint: emulator.endpoint });
      const method = (soap as unknown as Record<string, (a: unknown) => Promise<unknown>>)[`${op}Async`];
      return method!.call(soap, { ...auth, ...args });
    };
    const naiveStart = performance.now();
    await naiveCall('fWSImportaPedidos', { data_inicial: '2000-01-01', data_final: '2100-12-31', hora_inicial: '0000', hora_final: '2359', status_atual: '' });
    for (const id of naiveIds) {
      await naiveCall('fWSImportaItensPedidoPorId', { id_pedido: id });
      await naiveCall('fWSImportaClientePorPedidoAvancado', { id_pedido: id });
      await naiveCall('fWSImportaParcelasPedidoPorId', { id_pedido: id });
      await naiveCall('fWSAtualizaListaToDo', { entidade: 'pedidos', id });
    }
    const naivePerOrder = (performance.now() - naiveStart) / naiveOrders;

    emulator.store.placeOrders(n);
    const engine = await engineFor(emulator, dir);
    await engine.start();
    // Connect (WSDL) outside the measurement, as a running app would already be connected.
    await engine.endpoint.dispatch('store.testConnection', {});
    emulator.resetStats();
    const start = performance.now();
    const run = await engine.runJob('orders');
    const wallMs = performance.now() - start;
    const calls = totalCalls(emulator.stats().calls);
    const maxInFlight = emulator.stats().maxInFlight;
    await engine.stop();

    const created = run.counts.created ?? 0;
    if (created !== n) throw new Error(`order-import: expected ${n} orders, imported ${created}`);
    const bound = ((1 + 4 * n) * LATENCY_MS) / CONCURRENCY;
    const context = { latencyMs: LATENCY_MS, concurrency: CONCURRENCY, orders: n };
    report({ bench: 'order-import', metric: 'calls_per_order', value: (calls - 1) / n, ...context });
    report({ bench: 'order-import', metric: 'wall_time', value: wallMs / 1000, unit: 's', ...context });
    report({ bench: 'order-import', metric: 'bound_time', value: bound / 1000, unit: 's', ...context });
    report({ bench: 'order-import', metric: 'ratio_to_bound', value: bound / wallMs, ...context });
    report({ bench: 'order-import', metric: 'naive_time_per_order', value: naivePerOrder / 1000, unit: 's', orders: naiveOrders });
    report({ bench: 'order-import', metric: 'speedup_vs_naive', value: naivePerOrder / (wallMs / n), target: 0.8 * CONCURRENCY, ...context });
    report({ bench: 'order-import', metric: 'emulator_max_in_flight', value: maxInFlight, ...context });
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
};

const syntheticCatalog = (count: number): ErpCatalog => {
  const products: ErpProduct[] = Array.from({ length: count }, (_, i) => ({
    sku: `BENCH-${String(i).padStart(6, '0')}`,
    name: `Produto de teste ${i} — edição São João`,
    description: 'Descrição com acentuação: ação, coração, pão.',
    price: 10 + (i % 500) + 0.9,
    promoPrice: null,
    stock: i % 37,
    available: true,
    weight: 0.5,
    height: 10,
    width: 10,
    length: 10,
    categoryKey: null,
    brand: null,
    characteristics: {},
  }));
  return { categories: [], brands: [], characteristics: [], products, variants: [], customers: [], weddingLists: [] };
};

const catalogPush = async (report: Report, quick: boolean) => {
  const count = quick ? 2_000 : 10_000;
  const emulator = await startEmulator({ orders: 0, latencyMs: 0, maxConcurrent: CONCURRENCY, perMinute: 0 });
  const dir = await mkdtemp(path.join(tmpdir(), 'ponte-bench-catalog-'));
  try {
    const workbook = path.join(dir, 'erp.xlsx');
    await writeCatalogWorkbook(workbook, syntheticCatalog(count));
    const engine = await engineFor(emulator, path.join(dir, 'data'), { erp: { kind: 'spreadsheet', path: workbook } });
    await engine.start();
    emulator.resetStats();
    let start = performance.now();
    const first = await engine.runJob('catalog');
    const firstMs = performance.now() - start;
    const firstWrites = writeCalls(emulator.stats().calls);
    emulator.resetStats();
    start = performance.now();
    const again = await engine.runJob('catalog');
    const againMs = performance.now() - start;
    const againCalls = emulator.stats().calls;
    await engine.stop();
    if (first.result !== 'ok' || again.result !== 'ok') throw new Error(`catalog-push: runs ended ${first.result}/${again.result}`);
    report({ bench: 'catalog-push', metric: 'first_push_time', value: firstMs / 1000, unit: 's', products: count, writes: firstWrites });
    report({ bench: 'catalog-push', metric: 'rerun_time', value: againMs / 1000, unit: 's', products: count });
    report({ bench: 'catalog-push', metric: 'rerun_write_calls', value: writeCalls(againCalls), products: count });
    report({ bench: 'catalog-push', metric: 'rerun_store_calls', value: totalCalls(againCalls), products: count });
    report({ bench: 'catalog-push', metric: 'rerun_vs_first', value: againMs / firstMs });
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
};

const bench: BenchModule = {
  name: 'sync',
  async run(report, { quick }) {
    await orderImport(report, quick);
    await catalogPush(report, quick);
  },
};
export default bench;
