/**
 * Reading a 50,000-product workbook (issue 4): Ponte's streaming reader against a same-run baseline
 * of exceljs loading the whole workbook (`workbook.xlsx.readFile`). Each measurement runs in its
 * own child process so peak RSS (maxRSS) belongs to that reader alone; an idle child gives the
 * runtime's own footprint.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { writeCatalogWorkbook } from '../electron/engine/erp/catalog-writers.ts';
import { openSpreadsheetConnector } from '../electron/engine/erp/spreadsheet.ts';
import type { ErpCatalog } from '../electron/engine/erp/types.ts';
import type { BenchModule } from './run.ts';

const WORKER_FLAG = '--erp-bench-worker';
const here = fileURLToPath(import.meta.url);

export const syntheticCatalog = (products: number): ErpCatalog => {
  const categories = Array.from({ length: 40 }, (_, i) => ({
    key: `C${i}`,
    name: `Categoria ${i}`,
    parentKey: i < 8 ? null : `C${i % 8}`,
    order: i,
    description: '',
  }));
  const brands = ['Tramontina', 'Oxford', 'Germer', 'Brinox', 'Electrolux', 'Mondial'].map((name) => ({ name }));
  return {
    categories,
    brands,
    characteristics: [{ name: 'Cor' }, { name: 'Tamanho' }],
    products: Array.from({ length: products }, (_, i) => ({
      sku: `SKU-${String(i).padStart(6, '0')}`,
      name: `Produto de teste número ${i} — coleção São João`,
      description: `Descrição do produto ${i}, com acentuação e vírgulas, para ocupar espaço como um catálogo real.`,
      price: Math.round((10 + (i % 997) * 1.37) * 100) / 100,
      promoPrice: i % 5 === 0 ? Math.round((5 + (i % 997) * 1.1) * 100) / 100 : null,
      stock: i % 113,
      available: i % 17 !== 0,
      weight: 100 + (i % 900),
      height: 5 + (i % 30),
      width: 10 + (i % 20),
      length: 10 + (i % 40),
      categoryKey: `C${i % 40}`,
      brand: brands[i % brands.length]!.name,
      characteristics: { Cor: ['Azul', 'Verde', 'Preto'][i % 3]!, Tamanho: ['P', 'M', 'G'][i % 3]! },
    })),
    customers: [],
    variants: [],
    weddingLists: [],
  };
};

interface WorkerResult {
  ms: number;
  maxRssMb: number;
  products: number;
}

const worker = async (mode: string, file: string): Promise<WorkerResult> => {
  const started = performance.now();
  let products = 0;
  if (mode === 'streaming') {
    const connector = await openSpreadsheetConnector(file);
    const { catalog, problems } = await connector.readCatalog();
    if (problems.length > 0) throw new Error(`unexpected problems: ${problems[0]!.message}`);
    products = catalog.products.length;
  } else if (mode === 'exceljs') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    products = (workbook.getWorksheet('Produtos')?.rowCount ?? 1) - 1;
  }
  const ms = performance.now() - started;
  return { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, products };
};

const runChild = (mode: string, file: string): WorkerResult => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', here, WORKER_FLAG, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${mode} worker failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as WorkerResult;
};

const bench: BenchModule = {
  name: 'erp',
  async run(report, { quick }) {
    const count = quick ? 5_000 : 50_000;
    const dir = await mkdtemp(path.join(tmpdir(), 'ponte-erp-bench-'));
    try {
      const file = path.join(dir, 'catalogo.xlsx');
      const t0 = performance.now();
      await writeCatalogWorkbook(file, syntheticCatalog(count));
      report({ bench: 'erp', metric: 'write workbook', value: performance.now() - t0, unit: 'ms', products: count, sizeMb: Math.round(((await stat(file)).size / 2 ** 20) * 10) / 10 });

      const idle = runChild('idle', file);
      const streaming = runChild('streaming', file);
      const baseline = runChild('exceljs', file);
      if (streaming.products !== count || baseline.products !== count) throw new Error(`read ${streaming.products}/${baseline.products} of ${count} products`);
      report({ bench: 'erp', metric: 'runtime idle peak RSS', value: idle.maxRssMb, unit: 'MB' });
      report({ bench: 'erp', metric: 'streaming read time', value: streaming.ms, unit: 'ms', products: count });
      report({ bench: 'erp', metric: 'streaming read peak RSS', value: streaming.maxRssMb, unit: 'MB' });
      report({ bench: 'erp', metric: 'exceljs readFile time', value: baseline.ms, unit: 'ms', products: count });
      report({ bench: 'erp', metric: 'exceljs readFile peak RSS', value: baseline.maxRssMb, unit: 'MB' });
      report({ bench: 'erp', metric: 'time ratio stream/exceljs', value: streaming.ms / baseline.ms });
      report({
        bench: 'erp',
        metric: 'RSS ratio stream/exceljs',
        value: (streaming.maxRssMb - idle.maxRssMb) / Math.max(1, baseline.maxRssMb - idle.maxRssMb),
        note: 'above the idle runtime',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;

if (process.argv[2] === WORKER_FLAG) {
  const result = await worker(process.argv[3]!, process.argv[4]!);
  console.log(JSON.stringify(result));
}
