/**
 * The catalogue job driven the way the merchant drives it: an ERP workbook, the engine's API
 * (`jobs.run`, `catalog.retry`, `catalog.report`) and the store emulator over the wire. Assertions
 * read what the store holds and how many writes it received, never how the engine reached it, so
 * the suites hold whichever client (SOAP operations or the store port) the job speaks through.
 *
 * The ERP catalogue is small and made of records the seeded store does not have (`tinyCatalog`),
 * so one run costs a few dozen calls: the mutation run repeats these tests hundreds of times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../electron/emulator/index.ts';
import { writeCatalogWorkbook } from '../../electron/engine/erp/catalog-writers.ts';
import type { ErpCatalog } from '../../electron/engine/erp/index.ts';
import type { Engine } from '../../electron/engine/index.ts';
import type { StoredSettings } from '../../electron/engine/settings.ts';
import { OPERATIONS, type OperationName } from '../../electron/engine/tray/operations.ts';
import type { CatalogEntity, Outputs, PonteEvent, RunSummary } from '../../shared/api/contract.ts';
import { cpfCheckDigits } from '../../shared/br/documents.ts';
import { accessOf, createTestEngine, type StoreAccess, type TestEngineOptions } from './engine.ts';

export const cpf = (base9: string): string => base9 + cpfCheckDigits(base9);

/** Two categories (parent and child), a brand, a characteristic, two products, a customer, a list. */
export const tinyCatalog = (): ErpCatalog => ({
  categories: [
    { key: 'c2', name: 'Cadernos Ponte', parentKey: 'c1', order: 1, description: 'Cadernos' },
    { key: 'c1', name: 'Papelaria Ponte', parentKey: null, order: 1, description: 'Papelaria' },
  ],
  brands: [{ name: 'Marca Ponte' }],
  characteristics: [{ name: 'Gramatura' }],
  products: [
    {
      sku: 'TST-0001', name: 'Caderno espiral', description: 'Caderno de 96 folhas', price: 40, promoPrice: null, stock: 10, available: true,
      weight: 300, height: 2, width: 20, length: 28, categoryKey: 'c2', brand: 'Marca Ponte', characteristics: { Gramatura: '90 g' },
    },
    {
      sku: 'TST-0002', name: 'Lápis preto', description: 'Lápis HB', price: 3.5, promoPrice: null, stock: 100, available: true,
      weight: 10, height: 1, width: 1, length: 18, categoryKey: null, brand: null, characteristics: {},
    },
  ],
  customers: [
    {
      document: cpf('529982247'), name: 'Conceição Araújo', email: 'conceicao@exemplo.com.br', phone: '(11) 98888-0001', rgIe: '',
      street: 'Rua das Flores', number: '10', complement: '', district: 'Centro', city: 'São Paulo', uf: 'SP', cep: '01001000',
    },
  ],
  variants: [],
  weddingLists: [
    { key: 'w1', name: 'Lista de Ana e Bruno', couple: 'Ana e Bruno', eventDate: '2027-05-01', email: 'ana.bruno@exemplo.com.br', items: [{ sku: 'TST-0001', quantity: 2 }] },
  ],
});

/** A catalogue with nothing in it, to add to one entity at a time. */
export const emptyCatalog = (): ErpCatalog => ({ categories: [], brands: [], characteristics: [], products: [], variants: [], customers: [], weddingLists: [] });

export interface CatalogBench {
  emulator: RunningEmulator;
  engine: Engine;
  /** The ERP's catalogue: change it, then `sync()` writes the workbook and runs the job. */
  catalog: ErpCatalog;
  events: PonteEvent[];
  sync(): Promise<RunSummary>;
  retry(entity?: CatalogEntity, key?: string): Promise<RunSummary>;
  report(entity: CatalogEntity): Outputs['catalog.report'][number];
  failures(entity: CatalogEntity): Array<{ key: string; message: string }>;
  /** Write calls the store received since the last `resetStats()`. */
  writes(): number;
  /** The store's calls (reads and writes) since the last `resetStats()`. */
  calls(): number;
  resetStats(): void;
  /** Messages of the job's activity log at a level. */
  logged(level: 'info' | 'warn' | 'error'): string[];
  productInStore(sku: string): { id_produto: number; nome: string; preco: number; estoque: number; disponivel: string; id_categoria: number; id_marca: number } | undefined;
  close(): Promise<void>;
}

export interface BenchOptions {
  seed?: number;
  settings?: Partial<StoredSettings>;
  emulator?: EmulatorOptions;
  /** Store access as the engine is told it (e.g. a wrong password). */
  access?: (real: StoreAccess) => StoreAccess;
  /** Client options (e.g. one attempt, so an unreachable store fails fast). */
  client?: TestEngineOptions['client'];
}

export const openCatalogBench = async (catalog: ErpCatalog, options: BenchOptions = {}): Promise<CatalogBench> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-catalog-'));
  const emulator = await startEmulator({ seed: options.seed ?? 5, orders: 0, maxConcurrent: 8, ...options.emulator });
  const workbook = path.join(dir, 'erp.xlsx');
  await writeCatalogWorkbook(workbook, catalog);
  const access = options.access ? options.access(accessOf(emulator)) : accessOf(emulator);
  const engine = await createTestEngine(access, { dataDir: path.join(dir, 'data'), settings: { erp: { kind: 'spreadsheet', path: workbook }, ...options.settings }, ...(options.client && { client: options.client }) });
  await engine.start();
  const events: PonteEvent[] = [];
  engine.endpoint.subscribe((e) => events.push(e));

  const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };
  const report = (entity: CatalogEntity) => engine.db.catalogReport().find((r) => r.entity === entity)!;
  const bench: CatalogBench = {
    emulator,
    engine,
    catalog,
    events,
    sync: async () => {
      await writeCatalogWorkbook(workbook, bench.catalog);
      return call('jobs.run', { job: 'catalog' });
    },
    retry: async (entity, key) => {
      await writeCatalogWorkbook(workbook, bench.catalog);
      return call('catalog.retry', { ...(entity && { entity }), ...(key !== undefined && { key }) });
    },
    report,
    failures: (entity) => report(entity).failures,
    writes: () =>
      Object.entries(emulator.stats().calls)
        .filter(([op]) => OPERATIONS[op as OperationName]?.kind === 'write')
        .reduce((sum, [, n]) => sum + n, 0),
    calls: () => Object.values(emulator.stats().calls).reduce((sum, n) => sum + n, 0),
    resetStats: () => emulator.resetStats(),
    logged: (level) => engine.db.listActivity({ level, job: 'catalog', limit: 500 }).map((e) => e.message),
    productInStore: (sku) => [...emulator.store.products.values()].find((p) => p.cod_prod === sku),
    close: async () => {
      await engine.stop();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bench;
};
