/**
 * Ponte's database at 100,000 orders (issue 4): fill in one transaction through the real upsert,
 * then time each query the Pedidos screen makes (median of several runs, each with its total count
 * and first page). Same-run baseline: the text search done naively (read every order, fold the text
 * in JS, filter, sort, page), which is what one gets without the stored folded column.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OrderQuery } from '../shared/api/contract.ts';
import { foldText, openPonteDb, type PulledOrder } from '../electron/engine/store/index.ts';
import type { BenchModule } from './run.ts';

const CITIES = ['SÃO PAULO', 'São Paulo', 'Campinas', 'Curitiba', 'Belo Horizonte', 'Florianópolis', 'Goiânia', 'Recife', 'Porto Alegre', 'Ribeirão Preto'];
const FIRST = ['Maria', 'José', 'João', 'Ana', 'Antônio', 'Francisca', 'Luíza', 'Paulo', 'Cecília', 'Conceição'];
const LAST = ['Silva', 'Souza', 'Araújo', 'Gonçalves', 'Conceição', 'Lima', 'Simões', 'Magalhães'];

/** Deterministic PRNG (mulberry32) so every run measures the same data. */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export const syntheticOrder = (id: number, rnd: () => number): PulledOrder => {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(rnd() * 700) * 86_400_000).toISOString().slice(0, 10);
  const name = `${pick(FIRST)} ${pick(LAST)} ${pick(LAST)}`.toUpperCase();
  const city = pick(CITIES);
  const items = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, i) => ({
    productId: 1 + Math.floor(rnd() * 5000),
    variantId: null,
    sku: `SKU-${String(Math.floor(rnd() * 5000)).padStart(5, '0')}`,
    name: `Produto ${i}`,
    quantity: 1 + Math.floor(rnd() * 3),
    price: Math.round(rnd() * 20_000) / 100,
  }));
  const total = items.reduce((s, i) => s + i.quantity * i.price, 0);
  const tracked = rnd() < 0.7;
  return {
    id,
    number: String(100_000 + id),
    date: `${day}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:15:00`,
    modifiedAt: `${day}T23:00:00`,
    customerName: name,
    city,
    uf: 'SP',
    total,
    subtotal: total,
    shipping: 0,
    discount: 0,
    statusId: 1 + Math.floor(rnd() * 6),
    statusName: 'STATUS',
    trackingCode: tracked ? `PN${String(id).padStart(8, '0')}5BR` : null,
    shippedAt: tracked ? day : null,
    trackingUrl: null,
    paymentMethod: 'Pix',
    shippingMethod: 'PAC',
    notes: '',
    items,
    customer: { id: 1 + (id % 20_000), name, document: '529.982.247-25', email: `cliente${id % 20_000}@example.com`, phone: '' },
    address: { street: 'Rua das Flores', number: '100', complement: '', district: 'Centro', city, uf: 'SP', cep: '01001-000' },
    installments: [{ number: 1, amount: total, dueDate: day, method: 'Pix' }],
    installmentCount: 1,
  };
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const timeMs = (fn: () => unknown, runs: number) => {
  fn(); // warm the page cache and the prepared statement
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
};

const bench: BenchModule = {
  name: 'db',
  async run(report, { quick }) {
    const count = quick ? 20_000 : 100_000;
    const runs = quick ? 5 : 9;
    const dir = mkdtempSync(path.join(tmpdir(), 'ponte-db-bench-'));
    const db = openPonteDb(path.join(dir, 'ponte.sqlite'));
    try {
      const rnd = prng(42);
      const t0 = performance.now();
      db.transaction(() => {
        for (let id = 1; id <= count; id += 1) db.upsertOrder(syntheticOrder(id, rnd));
      });
      report({ bench: 'db', metric: 'fill orders', value: performance.now() - t0, unit: 'ms', orders: count });
      // 20 % exported, as in a shop that exports daily.
      const ids = Array.from({ length: Math.floor(count * 0.8) }, (_, i) => i + 1);
      db.markExported(ids, '2026-11-29T00:00:00.000Z');

      const queries: Array<[string, OrderQuery]> = [
        ['all, first page', {}],
        ['status', { statusIds: [3] }],
        ['date range (1 month)', { from: '2025-06-01', to: '2025-06-30' }],
        ['text "sao paulo"', { text: 'sao paulo' }],
        ['text customer "conceicao simoes"', { text: 'conceicao simoes' }],
        ['text order number', { text: String(100_000 + Math.floor(count / 2)) }],
        ['not exported', { notExported: true }],
        ['no tracking code', { noTracking: true }],
        ['paged offset 50%', { offset: Math.floor(count / 2), limit: 100 }],
        ['combined', { statusIds: [2, 3], from: '2025-03-01', to: '2025-09-30', text: 'paulo', noTracking: true }],
      ];
      for (const [metric, q] of queries) {
        const { total } = db.queryOrders(q);
        report({ bench: 'db', metric, value: timeMs(() => db.queryOrders(q), runs), unit: 'ms', matches: total });
      }
      report({ bench: 'db', metric: 'orderCounts', value: timeMs(() => db.orderCounts(), runs), unit: 'ms' });
      report({ bench: 'db', metric: 'reservedBySku', value: timeMs(() => db.reservedBySku([6]), runs), unit: 'ms' });

      // Baseline: the same text query without the folded column: read all, fold in JS, filter, sort, page.
      const Database = (await import('better-sqlite3')).default;
      const plain = new Database(path.join(dir, 'ponte.sqlite'), { readonly: true });
      const scan = plain.prepare('SELECT id, number, date, customer_name, city, customer_email, customer_document, tracking_code FROM orders');
      const naive = () => {
        const needle = foldText('sao paulo');
        type R = { id: number; number: string; date: string; customer_name: string; city: string; customer_email: string; customer_document: string; tracking_code: string | null };
        const hits = (scan.all() as R[]).filter((r) =>
          foldText([r.number, r.customer_name, r.city, r.customer_email, r.customer_document, r.tracking_code ?? ''].join(' | ')).includes(needle),
        );
        hits.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
        return { rows: hits.slice(0, 100), total: hits.length };
      };
      const baseline = timeMs(naive, Math.max(3, Math.floor(runs / 3)));
      const indexed = timeMs(() => db.queryOrders({ text: 'sao paulo' }), runs);
      const naiveMatches = naive().total;
      plain.close();
      report({ bench: 'db', metric: 'baseline naive text scan', value: baseline, unit: 'ms', matches: naiveMatches });
      report({ bench: 'db', metric: 'text speed-up vs naive', value: baseline / indexed, unit: 'x' });
      report({ bench: 'db', metric: 'peak RSS (process)', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' });
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
