/**
 * Ponte's own database ("the store" of Ponte's state, not the Tray store): one SQLite file per
 * shop under the app's data folder, WAL, versioned migrations. Every statement is prepared once per
 * open database. The clock is injected so leases and timestamps are testable without sleeping.
 */
import Database from 'better-sqlite3';
import { z } from 'zod';
import {
  CATALOG_ENTITIES,
  type ActivityEntry,
  type CatalogEntity,
  type CatalogEntityReport,
  type HeldPrice,
  type JobName,
  type OrderDetail,
  type OrderQuery,
  type OrderRow,
  type OutboxEntry,
  type OutboxState,
  type RunSummary,
} from '../../../shared/api/contract.ts';
import { parseStoredJson } from './json.ts';
import type { MetaKey } from './meta.ts';
import { t } from './messages.ts';
import { migrate } from './migrations.ts';
import { createOrderStore, type KeptOrder, type OrderTrackingFields, type PulledOrder, type StoredOrderHeader } from './orders.ts';
import { createOutbox, type ClaimedPush, type EnqueueCoalescedInput, type EnqueueInput } from './outbox.ts';
import { containsPattern, searchTerms, searchText } from './text.ts';

export type { KeptOrder, PulledOrder, OrderTrackingFields, StoredOrderHeader } from './orders.ts';
export type { ClaimedPush, EnqueueInput, EnqueueCoalescedInput, OutboxKind } from './outbox.ts';
export { LATEST_VERSION, MIGRATIONS, migrate, NewerDatabaseError } from './migrations.ts';
export { foldText } from './text.ts';
export { META_RECORDS, metaRecord, type MetaKey, type MetaRecord, type MetaStore } from './meta.ts';

export const BINDING_ENTITIES = [
  'categoria',
  'marca',
  'caracteristica',
  'produto',
  /** Keyed by the variant's SKU; tray_id is the variant's own id, its product's is in `pushed.productId`. */
  'variacao',
  'caracteristica_produto',
  'cliente',
  'lista',
  'lista_produto',
] as const;
export type BindingEntity = (typeof BINDING_ENTITIES)[number];

export interface PriceDecision {
  decision: 'approved' | 'rejected';
  price: number;
}

export interface Binding {
  entity: BindingEntity;
  key: string;
  trayId: number;
  hash: string;
  /** The values last pushed (e.g. the stock figure), as the engine stored them. */
  pushed: Record<string, unknown>;
  syncedAt: string;
}

export type CatalogOutcome = 'created' | 'updated' | 'unchanged' | 'failed';
export type RunResultInput = { result: 'ok' | 'partial' | 'failed'; counts: Record<string, number>; errorCount: number; message: string | null };
export type ActivityFilter = { level?: ActivityEntry['level']; job?: JobName | 'app'; text?: string; limit: number };

export interface PonteDb {
  close(): void;
  transaction<T>(fn: () => T): T;
  /** The schema version the file is at (after migrations). */
  readonly schemaVersion: number;

  getMeta(key: MetaKey): string | null;
  setMeta(key: MetaKey, value: string): void;
  deleteMeta(key: MetaKey): void;

  /** The store's order statuses from its last listing (replaced whole by each listing). */
  storeStatusName(id: number): string | null;
  replaceStoreStatuses(statuses: ReadonlyArray<{ id: number; name: string }>): void;
  /** The merchant's answer to a held price drop; it holds for that price only (see catalog-push). */
  priceDecision(sku: string): PriceDecision | null;
  decidePrice(sku: string, decision: PriceDecision['decision'], price: number): void;
  forgetPriceDecision(sku: string): void;
  /** The content of the ERP's shipment line last applied to an order (one row per order). */
  erpShipmentHash(orderId: number): string | null;
  markErpShipment(orderId: number, hash: string): void;

  getBinding(entity: BindingEntity, key: string): Binding | null;
  listBindings(entity: BindingEntity): Binding[];
  upsertBinding(b: { entity: BindingEntity; key: string; trayId: number; hash: string; pushed: object }): void;

  recordCatalogResult(entity: CatalogEntity, key: string, outcome: CatalogOutcome, message?: string): void;
  startCatalogPass(entity: CatalogEntity): void;
  catalogReport(): CatalogEntityReport[];
  holdPrice(h: HeldPrice): void;
  listHeldPrices(): HeldPrice[];
  releaseHeldPrice(sku: string): HeldPrice | null;

  upsertOrder(o: PulledOrder): 'created' | 'updated' | 'unchanged';
  /** The order for the screens (with its pushes). */
  getOrder(id: number): OrderDetail | null;
  /** The order in the engine's terms, for the ERP and the export files. */
  getKeptOrder(id: number): KeptOrder | null;
  /** The stored header of an order (what the store's list entry can be compared with). */
  orderHeaderOf(id: number): StoredOrderHeader | null;
  queryOrders(q: OrderQuery): { rows: OrderRow[]; total: number };
  listNotExported(limit?: number): KeptOrder[];
  markExported(ids: readonly number[], at: string): void;
  setOrderTracking(id: number, fields: OrderTrackingFields): void;
  reservedBySku(excludeStatusIds?: readonly number[]): Map<string, number>;
  orderCounts(): { orders: number; notExported: number; noTracking: number };
  ordersPerDay(fromDate: string): Array<{ date: string; count: number }>;

  enqueue(e: EnqueueInput): { id: number; created: boolean };
  enqueueCoalesced(e: EnqueueCoalescedInput): { id: number; coalesced: boolean };
  claim(opts: { leaseMs: number; limit: number; kinds?: readonly string[] }): ClaimedPush[];
  complete(id: number, token: string): boolean;
  markOutcomeUnknown(id: number, token: string, error: string, nextAttemptAt: string): boolean;
  reschedule(id: number, token: string, error: string, nextAttemptAt: string): boolean;
  fail(id: number, token: string, error: string): boolean;
  /** Whether the token still holds the row's lease (another worker has not taken it over). */
  holdsLease(id: number, token: string): boolean;
  supersede(id: number, token: string, note: string): boolean;
  latestPushOf(orderId: number, kind: OutboxEntry['kind']): (OutboxEntry & { payload: unknown }) | null;
  pushCountOf(orderId: number, kind: OutboxEntry['kind']): number;
  requeue(id: number): OutboxEntry;
  discard(id: number): OutboxEntry;
  listOutbox(states?: readonly OutboxState[], limit?: number): OutboxEntry[];
  getOutboxEntry(id: number): OutboxEntry | null;
  outboxCounts(): { pending: number; failed: number };

  startRun(job: JobName): number;
  finishRun(id: number, r: RunResultInput): RunSummary;
  lastRun(job: JobName): RunSummary | null;
  listRuns(job: JobName | null, limit: number): RunSummary[];
  abandonRunningRuns(): number;
  log(level: ActivityEntry['level'], job: JobName | 'app' | null, message: string): void;
  listActivity(filter: ActivityFilter): ActivityEntry[];
}

export interface OpenOptions {
  now?: () => Date;
  /** Activity rows kept (oldest pruned); default 50,000. */
  activityKeep?: number;
}

const PushedJson = z.record(z.string(), z.unknown());
const CountsJson = z.record(z.string(), z.number());

interface BindingRow {
  entity: BindingEntity;
  key: string;
  tray_id: number;
  hash: string;
  pushed: string;
  synced_at: string;
}
interface RunRow {
  id: number;
  job: JobName;
  started_at: string;
  finished_at: string | null;
  result: RunSummary['result'];
  counts: string;
  error_count: number;
  message: string | null;
}
interface HeldRow {
  sku: string;
  name: string;
  current_price: number;
  new_price: number;
  drop_percent: number;
}

const toBinding = (r: BindingRow): Binding => {
  const pushed = parseStoredJson(PushedJson, r.pushed);
  // A damaged record loses its hash too, so the next catalogue pass rewrites it rather than trusting it.
  return { entity: r.entity, key: r.key, trayId: r.tray_id, hash: pushed ? r.hash : '', pushed: pushed ?? {}, syncedAt: r.synced_at };
};
const toRun = (r: RunRow): RunSummary => ({
  id: r.id,
  job: r.job,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  result: r.result,
  counts: parseStoredJson(CountsJson, r.counts) ?? {},
  errorCount: r.error_count,
  message: r.message,
});
const toHeld = (r: HeldRow): HeldPrice => ({ sku: r.sku, name: r.name, currentPrice: r.current_price, newPrice: r.new_price, dropPercent: r.drop_percent });

export const openPonteDb = (file: string, opts: OpenOptions = {}): PonteDb => {
  const now = opts.now ?? (() => new Date());
  const iso = () => now().toISOString();
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 32 MB of page cache keeps the order indexes of a 100,000-order shop in memory (measured in bench/db.bench.ts).
    db.pragma('cache_size = -32768');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  const activityKeep = opts.activityKeep ?? 50_000;

  const s = {
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    deleteMeta: db.prepare('DELETE FROM meta WHERE key = ?'),
    storeStatus: db.prepare<[number], { name: string }>('SELECT name FROM store_statuses WHERE id = ?'),
    clearStoreStatuses: db.prepare('DELETE FROM store_statuses'),
    addStoreStatus: db.prepare('INSERT INTO store_statuses (id, name, listed_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name'),
    priceDecision: db.prepare<[string], PriceDecision>('SELECT decision, price FROM price_decisions WHERE sku = ?'),
    decidePrice: db.prepare(`INSERT INTO price_decisions (sku, decision, price, decided_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (sku) DO UPDATE SET decision = excluded.decision, price = excluded.price, decided_at = excluded.decided_at`),
    forgetPriceDecision: db.prepare('DELETE FROM price_decisions WHERE sku = ?'),
    erpShipment: db.prepare<[number], { hash: string }>('SELECT hash FROM erp_shipments WHERE order_id = ?'),
    markErpShipment: db.prepare(`INSERT INTO erp_shipments (order_id, hash, applied_at) VALUES (?, ?, ?)
      ON CONFLICT (order_id) DO UPDATE SET hash = excluded.hash, applied_at = excluded.applied_at`),
    getBinding: db.prepare<[string, string], BindingRow>('SELECT * FROM bindings WHERE entity = ? AND key = ?'),
    listBindings: db.prepare<[string], BindingRow>('SELECT * FROM bindings WHERE entity = ? ORDER BY key'),
    upsertBinding: db.prepare(`INSERT INTO bindings (entity, key, tray_id, hash, pushed, synced_at) VALUES (@entity, @key, @trayId, @hash, @pushed, @now)
      ON CONFLICT (entity, key) DO UPDATE SET tray_id = excluded.tray_id, hash = excluded.hash, pushed = excluded.pushed, synced_at = excluded.synced_at`),
    startPass: db.prepare('INSERT INTO catalog_passes (entity, started_at) VALUES (?, ?) ON CONFLICT (entity) DO UPDATE SET started_at = excluded.started_at'),
    clearResults: db.prepare('DELETE FROM catalog_results WHERE entity = ?'),
    recordResult: db.prepare(`INSERT INTO catalog_results (entity, key, outcome, message, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (entity, key) DO UPDATE SET outcome = excluded.outcome, message = excluded.message, at = excluded.at`),
    passes: db.prepare<[], { entity: string; started_at: string }>('SELECT entity, started_at FROM catalog_passes'),
    resultCounts: db.prepare<[], { entity: string; outcome: CatalogOutcome; n: number; last: string }>(
      'SELECT entity, outcome, COUNT(*) AS n, MAX(at) AS last FROM catalog_results GROUP BY entity, outcome',
    ),
    failures: db.prepare<[string, number], { key: string; message: string | null }>(
      "SELECT key, message FROM catalog_results WHERE entity = ? AND outcome = 'failed' ORDER BY key LIMIT ?",
    ),
    holdPrice: db.prepare(`INSERT INTO held_prices (sku, name, current_price, new_price, drop_percent, held_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (sku) DO UPDATE SET name = excluded.name, current_price = excluded.current_price, new_price = excluded.new_price,
      drop_percent = excluded.drop_percent, held_at = excluded.held_at`),
    listHeld: db.prepare<[], HeldRow>('SELECT * FROM held_prices ORDER BY sku'),
    getHeld: db.prepare<[string], HeldRow>('SELECT * FROM held_prices WHERE sku = ?'),
    deleteHeld: db.prepare('DELETE FROM held_prices WHERE sku = ?'),
    startRun: db.prepare("INSERT INTO runs (job, started_at, result) VALUES (?, ?, 'running')"),
    finishRun: db.prepare('UPDATE runs SET finished_at = ?, result = ?, counts = ?, error_count = ?, message = ? WHERE id = ?'),
    getRun: db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?'),
    lastRun: db.prepare<[string], RunRow>('SELECT * FROM runs WHERE job = ? ORDER BY id DESC LIMIT 1'),
    listRuns: db.prepare<[string | null, string | null, number], RunRow>('SELECT * FROM runs WHERE (? IS NULL OR job = ?) ORDER BY id DESC LIMIT ?'),
    abandon: db.prepare("UPDATE runs SET result = 'failed', finished_at = ?, message = ? WHERE result = 'running'"),
    log: db.prepare('INSERT INTO activity (at, level, job, message, search) VALUES (?, ?, ?, ?, ?)'),
    pruneActivity: db.prepare('DELETE FROM activity WHERE id <= ?'),
  };
  const activityCache = new Map<string, Database.Statement>();

  const outbox = createOutbox(db, now);
  const orders = createOrderStore(db, now, outbox.pushesOf);

  const upsertBinding: PonteDb['upsertBinding'] = (b) => {
    s.upsertBinding.run({ entity: b.entity, key: b.key, trayId: b.trayId, hash: b.hash, pushed: JSON.stringify(b.pushed), now: iso() });
  };

  const catalogReport = (): CatalogEntityReport[] => {
    const passes = new Map(s.passes.all().map((p) => [p.entity, p.started_at]));
    const counts = new Map<string, CatalogEntityReport['counts']>();
    const last = new Map<string, string>();
    for (const r of s.resultCounts.all()) {
      const c = counts.get(r.entity) ?? { created: 0, updated: 0, unchanged: 0, failed: 0 };
      c[r.outcome] = r.n;
      counts.set(r.entity, c);
      if ((last.get(r.entity) ?? '') < r.last) last.set(r.entity, r.last);
    }
    return CATALOG_ENTITIES.map((entity) => ({
      entity,
      lastPushAt: last.get(entity) ?? passes.get(entity) ?? null,
      counts: counts.get(entity) ?? { created: 0, updated: 0, unchanged: 0, failed: 0 },
      failures: s.failures.all(entity, 1000).map((f) => ({ key: f.key, message: f.message ?? '' })),
    }));
  };

  let logsSincePrune = 0;
  const log: PonteDb['log'] = (level, job, message) => {
    const info = s.log.run(iso(), level, job, message, searchText([message]));
    if (++logsSincePrune >= 1000) {
      logsSincePrune = 0;
      s.pruneActivity.run(Number(info.lastInsertRowid) - activityKeep);
    }
  };

  const listActivity = (f: ActivityFilter): ActivityEntry[] => {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (f.level) {
      where.push('level = ?');
      params.push(f.level);
    }
    if (f.job) {
      where.push('job = ?');
      params.push(f.job);
    }
    for (const term of searchTerms(f.text ?? '')) {
      where.push("search LIKE ? ESCAPE '\\'");
      params.push(containsPattern(term));
    }
    const sql = `SELECT id, at, level, job, message FROM activity ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    let st = activityCache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      activityCache.set(sql, st);
    }
    return st.all(...params, f.limit) as ActivityEntry[];
  };

  return {
    close: () => db.close(),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    schemaVersion,

    getMeta: (key) => s.getMeta.get(key)?.value ?? null,
    setMeta: (key, value) => void s.setMeta.run(key, value),
    deleteMeta: (key) => void s.deleteMeta.run(key),

    storeStatusName: (id) => s.storeStatus.get(id)?.name ?? null,
    replaceStoreStatuses: (statuses) =>
      db.transaction(() => {
        s.clearStoreStatuses.run();
        const at = iso();
        for (const status of statuses) s.addStoreStatus.run(status.id, status.name, at);
      })(),
    priceDecision: (sku) => s.priceDecision.get(sku) ?? null,
    decidePrice: (sku, decision, price) => void s.decidePrice.run(sku, decision, price, iso()),
    forgetPriceDecision: (sku) => void s.forgetPriceDecision.run(sku),
    erpShipmentHash: (orderId) => s.erpShipment.get(orderId)?.hash ?? null,
    markErpShipment: (orderId, hash) => void s.markErpShipment.run(orderId, hash, iso()),

    getBinding: (entity, key) => {
      const row = s.getBinding.get(entity, key);
      return row ? toBinding(row) : null;
    },
    listBindings: (entity) => s.listBindings.all(entity).map(toBinding),
    upsertBinding,

    recordCatalogResult: (entity, key, outcome, message) => void s.recordResult.run(entity, key, outcome, message ?? null, iso()),
    startCatalogPass: (entity) =>
      db.transaction(() => {
        s.clearResults.run(entity);
        s.startPass.run(entity, iso());
      })(),
    catalogReport,
    holdPrice: (h) => void s.holdPrice.run(h.sku, h.name, h.currentPrice, h.newPrice, h.dropPercent, iso()),
    listHeldPrices: () => s.listHeld.all().map(toHeld),
    releaseHeldPrice: (sku) =>
      db.transaction(() => {
        const row = s.getHeld.get(sku);
        if (!row) return null;
        s.deleteHeld.run(sku);
        return toHeld(row);
      })(),

    ...orders,
    enqueue: outbox.enqueue,
    enqueueCoalesced: outbox.enqueueCoalesced,
    claim: outbox.claim,
    complete: outbox.complete,
    markOutcomeUnknown: outbox.markOutcomeUnknown,
    reschedule: outbox.reschedule,
    fail: outbox.fail,
    holdsLease: outbox.holdsLease,
    supersede: outbox.supersede,
    latestPushOf: outbox.latestPushOf,
    pushCountOf: outbox.pushCountOf,
    requeue: outbox.requeue,
    discard: outbox.discard,
    listOutbox: outbox.listOutbox,
    getOutboxEntry: outbox.getOutboxEntry,
    outboxCounts: outbox.outboxCounts,

    startRun: (job) => Number(s.startRun.run(job, iso()).lastInsertRowid),
    finishRun: (id, r) => {
      s.finishRun.run(iso(), r.result, JSON.stringify(r.counts), r.errorCount, r.message, id);
      const row = s.getRun.get(id);
      if (!row) throw new Error(`run ${id} not found`);
      return toRun(row);
    },
    lastRun: (job) => {
      const row = s.lastRun.get(job);
      return row ? toRun(row) : null;
    },
    listRuns: (job, limit) => s.listRuns.all(job, job, limit).map(toRun),
    abandonRunningRuns: () => s.abandon.run(iso(), t('run.interrupted')).changes,
    log,
    listActivity,
  };
};
