/**
 * The fault soak: the engine in-process against the emulator with every fault kind at a set rate
 * (SOAP fault, HTML 500, connection reset, hang, truncated XML, answer lost after a write) plus a
 * per-minute budget that answers 429, while shoppers place orders and the merchant types tracking
 * codes and status changes. Rounds of catalogue push, order pull, outbox push and export repeat
 * (an injected clock skips back-offs; the Tray client's own waits advance it too) until a quiet
 * round or a bound. The end state is then compared with a fault-free run of the same seed.
 *
 * Shared by test/soak/faults.test.ts (short) and test/soak/run.ts (long).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { mulberry32 } from '../../electron/demo/random.ts';
import { writeSampleErp } from '../../electron/demo/sample-erp.ts';
import { DEFAULT_REST_CONFIG, FAULT_KINDS, startEmulator, type FaultKind, type RunningEmulator } from '../../electron/emulator/index.ts';
import { normalizeDocument } from '../../shared/br/documents.ts';
import type { Engine } from '../../electron/engine/index.ts';
import type { ActivityEntry, FeatureState, Outputs, RunSummary, StoreTransport } from '../../shared/api/contract.ts';
import { callLogInvariants, invariant, Merchant, restAccess, type Invariant } from '../crash/harness.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';

export interface SoakOptions {
  seed: number;
  /** The way the engine reaches the store (default 'soap'); the emulator serves both over one store. */
  transport?: StoreTransport;
  /** Rate of each fault kind (0 = the fault-free baseline). */
  faultRate: number;
  /** Rounds in which shoppers place orders and the merchant types entries. */
  activeRounds: number;
  /** Bound on the rounds after that, waiting for a quiet round. */
  maxRounds: number;
  /** Calls per (real) minute the emulator admits during the first rounds; 0 = no budget. */
  perMinute?: number;
  /** Rounds during which the budget is on (it counts real time, which the injected clock cannot skip). */
  budgetRounds?: number;
  initialOrders?: number;
  /** The store changes statuses itself between rounds (the merchant in Tray's panel). */
  storeChanges?: boolean;
  log?: (line: string) => void;
}

export interface OrderEnd {
  id: number;
  status: number;
  code: string;
  emails: number[];
}
export interface ProductEnd {
  price: number;
  stock: number;
  count: number;
}

export interface SoakResult {
  transport: StoreTransport;
  /** What the engine says of wedding lists on this transport (REST: unavailable, with the reason). */
  weddingListsFeature: FeatureState | null;
  rounds: number;
  converged: boolean;
  durationMs: number;
  /** The orders Ponte had to pull, in the order they appeared (seeded to-do list, then as placed). */
  orders: OrderEnd[];
  products: Map<string, ProductEnd>;
  /** Duplicate checks on the store (name -> number of records sharing it) for the other entities. */
  duplicates: { categories: number; brands: number; customers: number };
  weddingLists: number;
  /** Every catalogue entity as the store ends with it, as sorted comparable lines. */
  entities: Record<'categories' | 'brands' | 'characteristics' | 'variants' | 'customers' | 'weddingLists', string[]>;
  /** Create calls that reached the store more than once for one key (SKU, document, list name). */
  duplicateCreates: string[];
  /** Checks against the store's call log and the merchant's intents (this run alone). */
  storeInvariants: Invariant[];
  storeChanges: number;
  emails: number;
  entries: number;
  expectedEmails: number;
  faults: Record<FaultKind, number>;
  throttled: number;
  calls: number;
  merchantRetries: number;
  activity: ActivityEntry[];
  ponteOrderCounts: Map<number, number>;
  erpOrderCounts: Map<number, number>;
  todo: number[];
  outboxLeft: number;
  /** The last round's runs, for a run that did not converge. */
  lastRound: string;
}

const START = Date.parse('2026-11-20T12:00:00Z');

// The emulator stamps orders in UTC while the engine asks for windows in the machine's local time
// (right for a real store, which stamps in Brasília time): run in UTC so both agree on any machine.
process.env.TZ = 'UTC';

export const runSoak = async (options: SoakOptions): Promise<SoakResult> => {
  const started = Date.now();
  const transport = options.transport ?? 'soap';
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed ^ 0x50a6);
  const root = path.resolve('test-output', 'soak');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, `faults-${options.seed}-${options.faultRate}-${transport}-`));
  // One clock for the engine, the store and the Tray client's waits: only ever moves forward.
  let clock = START;
  const now = () => new Date(clock);
  const virtualSleep = async (ms: number) => {
    clock += Math.max(0, ms);
    await new Promise<void>((r) => setImmediate(r));
  };

  const emulator: RunningEmulator = await startEmulator({
    seed: options.seed,
    orders: options.initialOrders ?? 30,
    latencyMs: 2,
    jitterMs: 6,
    maxConcurrent: 8,
    hangMs: 300,
    now,
  });
  const { sqliteMapping } = await writeSampleErp(path.join(dir, 'erp'), options.seed);
  let engine: Engine | null = null;
  try {
    engine = await createTestEngine(accessOf(emulator), {
      dataDir: path.join(dir, 'ponte'),
      settings: {
        store: { url: emulator.endpoint, storeId: emulator.credentials.storeId, login: emulator.credentials.login, transport, ...(transport === 'rest' && { apiAddress: emulator.restUrl }) },
        erp: { kind: 'sql', path: sqliteMapping },
        statusMapping: demoStatusMapping(),
        export: { target: 'erp', folder: '' },
      },
      ...(transport === 'rest' && { secrets: { restConsumerKey: restAccess(emulator).consumerKey, restConsumerSecret: restAccess(emulator).consumerSecret, restCode: restAccess(emulator).code } }),
      now,
      // REST on the same virtual clock: its 180 a minute, 429 waits and back-offs advance it, and
      // a hang is a timeout as on SOAP.
      restClient: { now: () => clock, sleep: virtualSleep, random: mulberry32(options.seed ^ 0x7e5), timeoutMs: 150 },
      client: {
        // Shorter than the emulator's hang, so a hang is a timeout here.
        timeoutMs: 150,
        readTimeoutMs: 150,
        now: () => clock,
        sleep: virtualSleep,
        random: mulberry32(options.seed ^ 0x7a7),
      },
    });
    await engine.start();
    const e = engine;
    const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
      const envelope = await e.endpoint.dispatch(name, input);
      if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.result as Outputs[N];
    };

    const merchant = new Merchant(random, emulator, null, options.seed);
    merchant.track([...emulator.store.orders.values()].filter((o) => o.pending).map((o) => o.order.id_pedido));
    let applied = 0;
    const applyEntries = async () => {
      while (applied < merchant.commands.length) {
        const entry = merchant.commands[applied]!;
        if (!e.db.getOrder(entry.orderId)) return; // not pulled yet: waits, with the later ones
        const [result] = await call('orders.setTracking', { entries: [entry] });
        if (!result?.ok) throw new Error(`entry refused: ${JSON.stringify(entry)}: ${result?.error}`);
        applied += 1;
      }
    };

    const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, options.faultRate])) as Record<FaultKind, number>;
    let merchantRetries = 0;
    let converged = false;
    let round = 0;
    // When the last round's jobs ran (the dump's rows were scheduled from it, not from the hour after).
    let roundAt = clock;
    const last: Partial<Record<string, RunSummary>> = {};
    for (; round < options.activeRounds + options.maxRounds; round++) {
      roundAt = clock;
      const budget = options.perMinute && round < (options.budgetRounds ?? 0) ? options.perMinute : 0;
      emulator.setConfig({ faults: options.faultRate > 0 ? faults : {}, perMinute: transport === 'soap' ? budget : 0 });
      // REST's own per-minute limit, below the client's 180, answers 429 the same way.
      if (transport === 'rest') emulator.rest.setConfig({ perMinute: budget ? REST_BUDGET_PER_MINUTE : DEFAULT_REST_CONFIG.perMinute });
      if (round < options.activeRounds) {
        merchant.track(emulator.store.placeOrders(2 + Math.floor(random() * 3)));
        merchant.typeEntries(2 + Math.floor(random() * 3));
        if (options.storeChanges) merchant.storeActs(1 + Math.floor(random() * 2), applied);
      }
      await applyEntries();
      last.catalog = await e.runJob('catalog');
      last.orders = await e.runJob('orders');
      await applyEntries();
      last.tracking = await e.runJob('tracking');
      last.export = await e.runJob('export');
      // The merchant presses "tentar de novo" on pushes that used up their attempts.
      for (const failed of await call('outbox.list', { states: ['failed'] })) {
        await call('outbox.retry', { id: failed.id });
        merchantRetries += 1;
      }
      // An hour later: past every back-off and lease.
      clock += 3_600_000;

      if (round >= options.activeRounds) {
        const outbox = e.db.outboxCounts();
        const quiet =
          applied === merchant.commands.length &&
          last.catalog.result === 'ok' && (last.catalog.counts.created ?? 0) + (last.catalog.counts.updated ?? 0) === 0 &&
          last.orders.result === 'ok' && (last.orders.counts.created ?? 0) === 0 &&
          last.tracking.result === 'ok' && last.export.result === 'ok' &&
          outbox.pending === 0 && outbox.failed === 0 && e.db.orderCounts().notExported === 0 &&
          // REST has no to-do list (its acknowledgement is the checkpoint).
          (transport === 'rest' || [...merchant.expected].every((id) => !emulator.store.order(id)?.pending));
        if (quiet) {
          converged = true;
          round += 1;
          break;
        }
      }
      if (round % 10 === 9) log(`soak seed ${options.seed} rate ${options.faultRate}: round ${round + 1}`);
    }

    // ---- the end state --------------------------------------------------------------------
    const orders: OrderEnd[] = [...merchant.expected].map((id) => {
      const o = emulator.store.order(id)!;
      return { id, status: o.order.id_status, code: o.order.codigo_rastreio, emails: emulator.store.emails.filter((m) => m.id_pedido === id).map((m) => m.id_status) };
    });
    const products = new Map<string, ProductEnd>();
    for (const p of emulator.store.products.values()) {
      const known = products.get(p.cod_prod);
      products.set(p.cod_prod, { price: p.preco, stock: p.estoque, count: (known?.count ?? 0) + 1 });
    }
    const dupes = (keys: string[]) => keys.length - new Set(keys).size;
    const stats = emulator.stats();
    const st = emulator.store;
    const skuOf = (id: number) => st.products.get(id)?.cod_prod ?? `#${id}`;
    const entities = {
      categories: [...st.categories.values()].map((c) => `${st.categories.get(c.id_categoria_pai)?.nome ?? c.id_categoria_pai}/${c.nome}|${c.ordem}|${c.descricao}`),
      brands: [...st.brands.values()],
      characteristics: [...st.characteristics.values()],
      variants: [...st.variants.values()].map((v) => `${v.cod_referencia}|${skuOf(v.id_produto)}|${v.preco}|${v.preco_promocional}|${v.estoque}|${v.disponivel}|${v.tipo_1}:${v.valor_1}|${v.tipo_2}:${v.valor_2}`),
      customers: [...st.customers.values()].map((c) => `${normalizeDocument(c.customer.cnpj_cpf)}|${c.customer.cliente}|${c.customer.email}|${c.customer.cep}`),
      weddingLists: [...st.weddingLists.values()].map((w) => `${w.nome_lista}|${w.nome_noivos}|${w.data_evento}|${w.items.map((i) => `${skuOf(i.id_produto)}x${i.quantidade}`).sort().join(',')}`),
    };
    for (const list of Object.values(entities)) list.sort();
    const creates = st.writeCounts().creates;
    const ponte = new Database(path.join(dir, 'ponte', 'ponte.sqlite'), { readonly: true });
    const erp = new Database(path.join(path.dirname(sqliteMapping), 'erp.sqlite'), { readonly: true });
    const countBy = (db: Database.Database, sql: string) => new Map((db.prepare(sql).all() as Array<{ id: number; n: number }>).map((r) => [r.id, r.n]));
    const ponteOrderCounts = countBy(ponte, 'SELECT id, COUNT(*) AS n FROM orders GROUP BY id');
    const erpOrderCounts = countBy(erp, 'SELECT id_tray AS id, COUNT(*) AS n FROM pedidos GROUP BY id_tray');
    ponte.close();
    erp.close();
    const weddingListsFeature = (await call('overview.get', {})).store.features.weddingLists ?? null;
    const activity = [...e.db.listActivity({ level: 'warn', limit: 100_000 }), ...e.db.listActivity({ level: 'error', limit: 100_000 })];
    return {
      transport,
      weddingListsFeature,
      rounds: round,
      converged,
      durationMs: Date.now() - started,
      orders,
      products,
      duplicates: {
        categories: dupes([...emulator.store.categories.values()].map((c) => `${c.id_categoria_pai}/${c.nome.toLowerCase()}`)),
        brands: dupes([...emulator.store.brands.values()].map((b) => b.toLowerCase())),
        customers: dupes([...emulator.store.customers.values()].map((c) => normalizeDocument(c.customer.cnpj_cpf))),
      },
      weddingLists: emulator.store.weddingLists.size,
      entities,
      duplicateCreates: Object.entries(creates).filter(([, n]) => n > 1).map(([k, n]) => `${k} x${n}`),
      storeInvariants: [
        invariant('statuses in the store are the last asked for (by Ponte or in the store)', merchant.expected.size, [...merchant.expected].filter((id) => {
          const want = merchant.intents.get(id)?.status;
          return want !== undefined && emulator.store.order(id)?.order.id_status !== want;
        }).map((id) => `${id}: want ${merchant.intents.get(id)?.status}, store ${emulator.store.order(id)?.order.id_status}`)),
        invariant('shopper e-mails: one per change that reached the store, in order', [...merchant.intents.values()].reduce((n, i) => n + i.emails.length, 0), [...merchant.intents.entries()].flatMap(([id, i]) => {
          const got = emulator.store.emails.filter((m) => m.id_pedido === id).map((m) => m.id_status);
          return got.length === i.emails.length && got.every((x, k) => x === i.emails[k]) ? [] : [`${id}: want [${i.emails.join(',')}] got [${got.join(',')}]`];
        })),
        ...callLogInvariants(emulator, merchant, stats.faults.lostAnswer + stats.faults.truncated, transport),
      ],
      storeChanges: merchant.storeChanges,
      emails: emulator.store.emails.length,
      entries: merchant.commands.length,
      expectedEmails: [...merchant.intents.values()].reduce((n, i) => n + i.emails.length, 0),
      faults: stats.faults,
      throttled: stats.rejected429,
      calls: Object.values(stats.calls).reduce((a, b) => a + b, 0),
      merchantRetries,
      activity,
      ponteOrderCounts,
      erpOrderCounts,
      todo: transport === 'rest' ? [] : [...merchant.expected].filter((id) => emulator.store.order(id)?.pending),
      outboxLeft: e.db.outboxCounts().pending + e.db.outboxCounts().failed,
      lastRound: JSON.stringify({
        runs: Object.fromEntries(Object.entries(last).map(([job, r]) => [job, { result: r?.result, counts: r?.counts, message: r?.message }])),
        catalogFailures: e.db.catalogReport().flatMap((c) => c.failures.map((f) => `${c.entity} ${f.key}: ${f.message}`)),
        applied: `${applied}/${merchant.commands.length}`,
        outbox: e.db.outboxCounts(),
        open: e.db.listOutbox(['pending', 'sending', 'outcome_unknown'], 10).map((r) => `${r.id} ${r.kind} ${r.state} a${r.attempts} next ${r.nextAttemptAt} round at ${new Date(roundAt).toISOString()} ${r.summary}${r.lastError ? ` (last error: ${r.lastError})` : ''}`),
        notExported: e.db.orderCounts().notExported,
      }),
    };
  } finally {
    await engine?.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Causes the activity log must name, one pattern per kind of failure injected, in each transport's words. */
const SOAP_CAUSES: Array<[string, RegExp]> = [
  ['SOAP fault', /Erro interno no servidor|fault/i],
  ['HTTP 500', /HTTP 500/],
  ['timeout', /tempo esgotado|timeout/i],
  ['connection dropped', /ECONNRESET|socket hang up|conex|network|rede/i],
  ['unknown outcome', /Não sabemos se a loja aplicou|não confirmou/i],
  ['429', /429|limite|Too Many/i],
];
/** On REST a server fault is a JSON 500, so it and the HTML 500 both read "erro HTTP 500". */
const REST_CAUSES: Array<[string, RegExp]> = [
  ['server fault (JSON 500)', /HTTP 500/],
  ['timeout', /demorou demais|timeout/i],
  ['connection dropped', /Não foi possível falar com a API|UND_ERR_SOCKET|ECONNRESET|socket/i],
  ['unknown outcome', /Não sabemos se a loja aplicou/],
  ['429', /429|limite de 180/i],
];
/**
 * REST's per-minute limit counts on the soak's virtual clock, which stands still while a round's
 * calls go out: a limit this low binds within a round, as the SOAP budget does in real time.
 */
const REST_BUDGET_PER_MINUTE = 20;

export interface CompareOptions {
  /** What the other run is, in the invariants' names. */
  baseline?: string;
  /** Check the faults themselves (injected, named in the activity log); off when two fault-free runs are compared. */
  faults?: boolean;
}

/**
 * Compares a faulty run with the fault-free one of the same seed; every line names its count. Also
 * compares two fault-free runs on different transports (`{ baseline: 'SOAP', faults: false }`): the
 * end state must not depend on the way to the store. Wedding lists have no REST endpoint: on REST
 * they are not compared, and the engine must say they are unavailable, with the reason.
 */
export const compareSoak = (faulty: SoakResult, clean: SoakResult, compare: CompareOptions = {}): Invariant[] => {
  const baseline = compare.baseline ?? 'the fault-free run';
  const checkFaults = compare.faults ?? true;
  const rest = faulty.transport === 'rest' || clean.transport === 'rest';
  // Orders placed during the run are matched by when they were placed: the emulator draws a new
  // order's id from a generator that the catalogue's timing also moves, so only the seeded ones
  // keep their ids across runs.
  const n = clean.orders.length;
  const pairs = clean.orders.map((c, k) => [faulty.orders[k], c] as const);
  const differ = (what: (o: OrderEnd) => unknown) =>
    pairs.filter(([f, c]) => !f || JSON.stringify(what(f)) !== JSON.stringify(what(c))).map(([f, c]) => `${c.id}: ${f ? JSON.stringify(what(f)) : 'missing'} vs ${JSON.stringify(what(c))}`);
  const skus = [...clean.products.keys()];
  const activityText = faulty.activity.map((a) => a.message);
  const CAUSES = faulty.transport === 'rest' ? REST_CAUSES : SOAP_CAUSES;
  const causesSeen = CAUSES.filter(([, re]) => activityText.some((m) => re.test(m)));
  const ids = faulty.orders.map((o) => o.id);
  return [
    invariant('converged within the round bound', 1, faulty.converged ? [] : [`no quiet round in ${faulty.rounds} rounds`]),
    invariant(`${baseline} converged`, 1, clean.converged ? [] : ['baseline did not converge']),
    invariant(`same number of orders as ${baseline}`, n, faulty.orders.length === n ? [] : [`${faulty.orders.length} vs ${n}`]),
    // With store-side changes the merchant's later draws depend on when Ponte applied each entry,
    // so statuses, codes and e-mails are checked against what was asked in this run.
    ...(faulty.storeChanges === 0 && clean.storeChanges === 0
      ? [invariant(`same order statuses as ${baseline}`, n, differ((o) => o.status)), invariant(`same tracking codes as ${baseline}`, n, differ((o) => o.code))]
      : []),
    ...faulty.storeInvariants,
    invariant('orders in Ponte exactly once', ids.length, ids.filter((id) => faulty.ponteOrderCounts.get(id) !== 1).map((id) => `${id} x${faulty.ponteOrderCounts.get(id) ?? 0}`)),
    invariant('orders in the ERP exactly once', ids.length, ids.filter((id) => faulty.erpOrderCounts.get(id) !== 1).map((id) => `${id} x${faulty.erpOrderCounts.get(id) ?? 0}`)),
    // REST has no to-do list: its acknowledgement (none written) is among the store invariants.
    ...(faulty.transport === 'soap' ? [invariant("store's to-do list empty", ids.length, faulty.todo.map((id) => `${id} pending`))] : []),
    invariant('outbox empty (nothing pending, unknown or failed)', 1, faulty.outboxLeft === 0 ? [] : [`${faulty.outboxLeft} left`]),
    invariant('products by SKU exactly once', skus.length, skus.filter((s) => faulty.products.get(s)?.count !== 1).map((s) => `${s} x${faulty.products.get(s)?.count ?? 0}`)),
    invariant(`same product prices as ${baseline}`, skus.length, skus.filter((s) => faulty.products.get(s)?.price !== clean.products.get(s)?.price).map((s) => `${s}: ${faulty.products.get(s)?.price} vs ${clean.products.get(s)?.price}`)),
    invariant(`same product stock as ${baseline}`, skus.length, skus.filter((s) => faulty.products.get(s)?.stock !== clean.products.get(s)?.stock).map((s) => `${s}: ${faulty.products.get(s)?.stock} vs ${clean.products.get(s)?.stock}`)),
    invariant('no duplicate categories, brands or customers', 3, Object.entries(faulty.duplicates).filter(([, k]) => k > 0).map(([k, d]) => `${d} duplicate ${k}`)),
    ...(['categories', 'brands', 'characteristics', 'variants', 'customers', ...(rest ? [] : ['weddingLists' as const])] as const).map((k) =>
      invariant(`${k}: same as ${baseline}, none twice`, clean.entities[k].length, [
        ...clean.entities[k].filter((x) => !faulty.entities[k].includes(x)).map((x) => `missing ${x}`),
        ...faulty.entities[k].filter((x) => !clean.entities[k].includes(x)).map((x) => `extra ${x}`),
        ...(faulty.entities[k].length !== new Set(faulty.entities[k]).size ? [`${faulty.entities[k].length - new Set(faulty.entities[k]).size} duplicated`] : []),
      ]),
    ),
    ...(rest
      ? [
          invariant(
            `wedding lists: not compared on REST (no REST endpoint), the engine says so: "${faulty.weddingListsFeature?.reason ?? ''}"`,
            1,
            faulty.transport === 'rest' && (faulty.weddingListsFeature?.available !== false || !faulty.weddingListsFeature.reason) ? [`wedding lists on REST: ${JSON.stringify(faulty.weddingListsFeature)}`] : [],
          ),
        ]
      : []),
    invariant('no create call reached the store twice for one key (SKU, document, list)', 1, faulty.duplicateCreates),
    ...(faulty.storeChanges === 0 && clean.storeChanges === 0
      ? [invariant(`shopper emails: one per status change (same as ${baseline})`, clean.emails, pairs.flatMap(([f, c]) => {
          const a = f?.emails ?? [];
          return a.length === c.emails.length && a.every((s, k) => s === c.emails[k]) ? [] : Array.from({ length: Math.max(1, c.emails.length) }, () => `${c.id}: [${a.join(',')}] vs [${c.emails.join(',')}]`);
        }))]
      : []),
    invariant('emails equal the status changes entered', faulty.expectedEmails, faulty.emails === faulty.expectedEmails ? [] : [`${faulty.emails} emails for ${faulty.expectedEmails} changes`]),
    ...(checkFaults
      ? [
          invariant('every fault kind injected', FAULT_KINDS.length + 1, [
            ...FAULT_KINDS.filter((k) => faulty.faults[k] === 0).map((k) => `${k} never injected`),
            ...(faulty.throttled === 0 ? ['no 429'] : []),
          ]),
          invariant('failures visible in the activity log (warn/error naming the cause)', CAUSES.length, CAUSES.filter(([name]) => !causesSeen.some(([c]) => c === name)).map(([name]) => `no entry names "${name}"`)),
        ]
      : []),
  ];
};

export const describeSoak = (r: SoakResult): string =>
  `${r.transport}: ${r.rounds} rounds${r.converged ? '' : ' (NOT converged)'}, ${r.orders.length} orders, ${r.entries} entries, ${r.storeChanges} store-side changes, ${r.emails} emails for ${r.expectedEmails} changes, ` +
  `${r.calls} calls, faults ${JSON.stringify(r.faults)}, 429s ${r.throttled}, merchant retries ${r.merchantRetries}, ` +
  `${r.activity.length} warn/error log entries, ${(r.durationMs / 1000).toFixed(1)} s`;
