/**
 * The crash campaign: the emulator runs here (with latency and jitter, so kills land mid-call),
 * the engine runs in a child process (./worker.ts) that is SIGKILLed at seeded random moments
 * during order pull, status/tracking push and export, and restarted; meanwhile shoppers place
 * orders and the merchant types tracking codes and status changes. A last clean run must
 * converge, then the invariants are checked against the store, Ponte's database and the ERP.
 *
 * Shared by test/crash/crash.test.ts (short) and test/soak/run.ts (long).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { mulberry32, type Random } from '../../electron/demo/random.ts';
import { writeSampleErp } from '../../electron/demo/sample-erp.ts';
import { FAULT_KINDS, startEmulator, STATUS, type FaultKind, type RunningEmulator } from '../../electron/emulator/index.ts';
import type { LocalStatus, StoreTransport, TrackingEntry } from '../../shared/api/contract.ts';
import { s10CheckDigit } from '../../shared/br/tracking.ts';
import type { KillPlan, WorkerConfig } from './worker.ts';

export interface Invariant {
  name: string;
  passed: number;
  total: number;
  /** A few of the offending records, for the failure message. */
  examples: string[];
}

export interface CrashOptions {
  seed: number;
  /** The way the engine reaches the store (default 'soap'); the emulator serves both over one store. */
  transport?: StoreTransport;
  kills: number;
  /** Orders the store starts with. */
  initialOrders?: number;
  log?: (line: string) => void;
  keepDir?: boolean;
  /** Rate of each emulator fault kind during the kills (the soak: 0.2); the clean run has none. */
  faultRate?: number;
  /** Each aimed window must be hit at least this often (checked as an invariant). */
  minHitsPerWindow?: number;
  /** The store changes statuses itself (the merchant in Tray's panel) between kills. */
  storeChanges?: boolean;
}

export interface CrashReport {
  seed: number;
  transport: StoreTransport;
  kills: number;
  killsByPhase: Record<string, number>;
  /** Self-aimed kills that landed, per aimed window ("after fWSAtualizaStatusPedido"). */
  windowHits: Record<string, number>;
  /** Store-side status changes made during the campaign. */
  storeChanges: number;
  faults: Record<string, number>;
  orders: number;
  commands: number;
  emails: number;
  durationMs: number;
  convergeLoops: number;
  /** Failed pushes (attempts used up) the clean run pressed "tentar de novo" on, as a merchant would. */
  merchantRetries: number;
  rejected: string[];
  invariants: Invariant[];
  dir: string;
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const LEASE_SKIP_MS = 3 * 60_000; // > the outbox lease (2 min): a killed worker's rows are claimable by the next one
/** The pushed statuses in the order a shop moves through them, with the store ids the mapping gives. */
const FORWARD: ReadonlyArray<{ local: LocalStatus; id: number }> = (['em_separacao', 'enviado', 'entregue'] as const).map((local) => {
  const id = demoStatusMapping().find((m) => m.local === local)?.storeStatusId;
  if (!id) throw new Error(`demo mapping lacks ${local}`);
  return { local, id };
});

export const invariant = (name: string, total: number, failures: string[]): Invariant => ({
  name,
  total,
  passed: total - failures.length,
  examples: failures.slice(0, 5),
});

export const formatInvariant = (i: Invariant): string =>
  `${i.passed === i.total ? 'ok  ' : 'FAIL'} ${i.name}: ${i.passed}/${i.total}${i.examples.length ? `  e.g. ${i.examples.join('; ')}` : ''}`;

/** What the merchant has asked for each order, as the parent knows it. */
export interface Intent {
  status: number; // the status the order will have once everything is pushed
  code: string | null;
  /** The code was typed by the merchant (not one the store already had). */
  entered: boolean;
  /** Every code the merchant typed for the order, in order (corrections included). */
  codes: string[];
  emails: number[]; // status ids that must each email the shopper once, in this order
  /** Status writes Ponte must make: one per requested change that reaches the store. */
  statusWrites: number;
  /** Acknowledgements the store must receive: one, plus one per store-side change that re-listed it. */
  acks: number;
  /** Store-side status changes (the merchant in Tray's panel); Ponte must not write after one. */
  storeSide: number;
  /** Status writes the store had received when the store changed the status itself. */
  writesAtStoreChange: number;
}

/** Store statuses the merchant sets in Tray's panel: neither a push target nor any push's "from". */
const STORE_SIDE: readonly number[] = [STATUS.delivered, STATUS.cancelled];

/** The merchant: types tracking codes and forward status changes, and remembers what each must cause. */
export class Merchant {
  readonly commands: TrackingEntry[] = [];
  readonly intents = new Map<number, Intent>();
  /** Store-side changes whose e-mails so far were not a prefix of the requested ones. */
  readonly storeSideViolations: string[] = [];
  storeChanges = 0;
  private serial = 0;

  constructor(
    private readonly random: Random,
    private readonly emulator: RunningEmulator,
    /** Where the entries are written for a worker process; null when they are applied in-process. */
    private readonly file: string | null,
    private readonly seed: number,
  ) {
    this.flush();
  }

  get count(): number {
    return this.commands.length;
  }

  /** Orders Ponte must pull: those in the store's to-do list at the start, and every order placed since. */
  readonly expected = new Set<number>();

  track(ids: Iterable<number>): void {
    for (const id of ids) this.expected.add(id);
  }

  private intentOf(orderId: number): Intent | null {
    const known = this.intents.get(orderId);
    if (known) return known;
    const o = this.emulator.store.order(orderId);
    if (!o) return null;
    const intent: Intent = { status: o.order.id_status, code: o.order.codigo_rastreio || null, entered: false, codes: [], emails: [], statusWrites: 0, acks: 1, storeSide: 0, writesAtStoreChange: 0 };
    this.intents.set(orderId, intent);
    return intent;
  }

  private newCode(): string {
    // Unique per campaign: seed and serial in the 8 digits.
    const digits = String((this.seed % 1000) * 100_000 + (this.serial++ % 100_000)).padStart(8, '0');
    return `PN${digits}${s10CheckDigit(digits)}BR`;
  }

  private enterCode(intent: Intent, code: string): void {
    intent.code = code;
    intent.entered = true;
    intent.codes.push(code);
  }

  /**
   * Types a few entries: forward status changes (ENVIADO with a code), a tracking code alone, or a
   * correction of a code already typed (a new one, or back to the first: A, B, A).
   */
  typeEntries(n: number): void {
    const candidates = [...this.expected]
      .filter((id) => {
        const intent = this.intentOf(id);
        return intent !== null && intent.storeSide === 0 && intent.status !== STATUS.delivered && intent.status !== STATUS.cancelled && intent.status !== 356;
      });
    for (let i = 0; i < n && candidates.length > 0; i++) {
      const orderId = candidates.splice(Math.floor(this.random() * candidates.length), 1)[0]!;
      const intent = this.intentOf(orderId)!;
      const at = FORWARD.findIndex((f) => f.id === intent.status);
      const next = FORWARD[at + 1];
      const roll = this.random();
      if (roll < 0.2 && intent.code === null && intent.status !== STATUS.shipped) {
        const code = this.newCode();
        this.enterCode(intent, code);
        this.commands.push({ orderId, trackingCode: code });
        continue;
      }
      if (roll < 0.35 && intent.entered) {
        // A correction: back to the first code once there were two, else a new one.
        const code = intent.codes.length >= 2 && intent.code !== intent.codes[0] ? intent.codes[0]! : this.newCode();
        this.enterCode(intent, code);
        this.commands.push({ orderId, trackingCode: code });
        continue;
      }
      if (!next) continue;
      const entry: TrackingEntry = { orderId, status: next.local };
      if (next.local === 'enviado' && intent.code === null) {
        this.enterCode(intent, this.newCode());
        entry.trackingCode = intent.code!;
      }
      intent.status = next.id;
      intent.emails.push(next.id);
      intent.statusWrites += 1;
      this.commands.push(entry);
    }
    this.flush();
  }

  /**
   * The merchant acts in Tray's panel (no engine runs meanwhile): sets ENTREGUE or CANCELADO on a
   * few orders whose entries Ponte has all applied. The requested changes the store has by then
   * are all it will get: every push still queued must end superseded, never written.
   * `applied`: how many of the entries Ponte has applied.
   */
  storeActs(n: number, applied: number): void {
    const waiting = new Set(this.commands.slice(applied).map((c) => c.orderId));
    const candidates = [...this.expected].filter((id) => {
      const intent = this.intentOf(id);
      return intent !== null && intent.storeSide === 0 && !waiting.has(id) && intent.status !== 356;
    });
    for (let i = 0; i < n && candidates.length > 0; i++) {
      const orderId = candidates.splice(Math.floor(this.random() * candidates.length), 1)[0]!;
      const intent = this.intentOf(orderId)!;
      const o = this.emulator.store.order(orderId)!;
      const choices = STORE_SIDE.filter((s) => s !== o.order.id_status);
      const status = choices[Math.floor(this.random() * choices.length)]!;
      const got = this.emulator.store.emails.filter((e) => e.id_pedido === orderId).map((e) => e.id_status);
      if (!got.every((s, k) => intent.emails[k] === s)) this.storeSideViolations.push(`${orderId}: e-mails [${got.join(',')}] not a prefix of [${intent.emails.join(',')}]`);
      const writes = this.emulator.store.writeCounts().orders[String(orderId)]?.status ?? 0;
      // An order already acknowledged comes back in the to-do list: one more acknowledgement.
      if (!o.pending) intent.acks += 1;
      this.emulator.store.storeChangesStatus(orderId, status);
      intent.emails = [...got, status];
      intent.statusWrites = writes;
      intent.writesAtStoreChange = writes;
      intent.status = status;
      intent.storeSide += 1;
      this.storeChanges += 1;
    }
  }

  private flush(): void {
    if (this.file === null) return;
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.commands));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

interface Worker {
  child: ChildProcess;
  phases: string[];
  lines: string[];
  exited: Promise<number | null>;
  waitFor(predicate: (line: string) => boolean, timeoutMs: number): Promise<string | null>;
}

const startWorker = (config: WorkerConfig): Worker => {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'UTC' },
  });
  const lines: string[] = [];
  const phases: string[] = [];
  const listeners = new Set<(line: string) => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    if (line.startsWith('phase:')) phases.push(line.slice(6));
    for (const l of listeners) l(line);
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== null && code !== 0) lines.push(`stderr: ${stderr}`);
      resolve(code);
    }),
  );
  return {
    child,
    phases,
    lines,
    exited,
    waitFor: (predicate, timeoutMs) =>
      new Promise((resolve) => {
        const found = lines.find(predicate);
        if (found) return resolve(found);
        const timer = setTimeout(() => done(null), timeoutMs);
        const done = (line: string | null) => {
          clearTimeout(timer);
          listeners.delete(listener);
          void exited.then(() => undefined);
          resolve(line);
        };
        const listener = (line: string) => {
          if (predicate(line)) done(line);
        };
        listeners.add(listener);
        void exited.then(() => done(null));
      }),
  };
};

/** The crash windows a self-aimed kill targets (the rest of the kills are timed from outside). */
export const WINDOWS: ReadonlyArray<Omit<KillPlan, 'nth'>> = [
  { at: 'after', op: 'fWSImportaItensPedidoPorId' }, // mid-pull, before the local commit
  { at: 'before', op: 'fWSAtualizaListaToDo' }, // after the local commit, before the ack
  { at: 'before', op: 'fWSAtualizaStatusPedido' }, // outbox row claimed, not sent
  { at: 'after', op: 'fWSAtualizaStatusPedido' }, // sent (shopper emailed), not marked done
  { at: 'before', op: 'fWSAtualizaRastreioPedido' },
  { at: 'after', op: 'fWSAtualizaRastreioPedido' },
  { at: 'after', op: 'erp:COMMIT' }, // order in the ERP, not marked exported in Ponte
];
/**
 * The same windows on REST: an order's whole read is `GET /orders/:id/complete`; the acknowledgement
 * is the pull's modified-time checkpoint (no to-do list), so "committed, not acknowledged" is just
 * before the checkpoint is saved; status and tracking are both `PUT /orders/:id` (status_id /
 * sending_code), told apart by what the request carries.
 */
export const REST_WINDOWS: ReadonlyArray<Omit<KillPlan, 'nth'>> = [
  { at: 'after', op: 'rest:GET /orders/:id/complete' },
  { at: 'before', op: 'db:orders.checkpoint' },
  { at: 'before', op: 'rest:PUT /orders/:id status' },
  { at: 'after', op: 'rest:PUT /orders/:id status' },
  { at: 'before', op: 'rest:PUT /orders/:id tracking' },
  { at: 'after', op: 'rest:PUT /orders/:id tracking' },
  { at: 'after', op: 'erp:COMMIT' },
];
export const windowsOf = (transport: StoreTransport): ReadonlyArray<Omit<KillPlan, 'nth'>> => (transport === 'rest' ? REST_WINDOWS : WINDOWS);
export const windowName = (w: Omit<KillPlan, 'nth'>): string => `${w.at} ${w.op}`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until the emulator has no call in flight (a dead worker's request still being applied). */
const settled = async (emulator: RunningEmulator): Promise<void> => {
  for (let waited = 0; emulator.stats().inFlight > 0 && waited < 10_000; waited += 10) await sleep(10);
};

/** The emulator's REST key pair and store code, as the merchant's integrator would enter them. */
export const restAccess = (emulator: RunningEmulator): { consumerKey: string; consumerSecret: string; code: string } => {
  const { consumerKey, consumerSecret, code } = emulator.rest.config();
  return { consumerKey, consumerSecret, code };
};

/** The store's order-write calls by transport (REST's status and tracking share one route). */
const ORDER_WRITE_ROUTES: Record<StoreTransport, readonly string[]> = {
  soap: ['fWSAtualizaStatusPedido', 'fWSAtualizaRastreioPedido', 'fWSAtualizaListaToDo'],
  rest: ['rest:PUT /orders/:id'],
};

export const runCrashCampaign = async (options: CrashOptions): Promise<CrashReport> => {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const random = mulberry32(options.seed);
  const transport = options.transport ?? 'soap';
  const windows = windowsOf(transport);
  const root = path.resolve('test-output', 'crash');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(path.join(root, `seed-${options.seed}-${transport}-`));
  const dataDir = path.join(dir, 'ponte');
  const commandsFile = path.join(dir, 'commands.json');
  let offsetMs = 0;
  const emulator = await startEmulator({
    seed: options.seed,
    orders: options.initialOrders ?? 20,
    latencyMs: 15,
    jitterMs: 25,
    maxConcurrent: 8,
    hangMs: 300,
    now: () => new Date(Date.now() + offsetMs),
  });
  const { sqliteMapping } = await writeSampleErp(path.join(dir, 'erp'), options.seed);
  honestErp(sqliteMapping);
  const merchant = new Merchant(random, emulator, commandsFile, options.seed);
  merchant.track([...emulator.store.orders.values()].filter((o) => o.pending).map((o) => o.order.id_pedido));
  const config = (mode: WorkerConfig['mode'], killPlan?: KillPlan): WorkerConfig => ({
    ...(killPlan && { killPlan }),
    dataDir,
    transport,
    ...(transport === 'rest' && { rest: { apiAddress: emulator.restUrl, ...restAccess(emulator) } }),
    endpoint: emulator.endpoint,
    ...emulator.credentials,
    erpMapping: sqliteMapping,
    commandsFile,
    clockOffsetMs: offsetMs,
    mode,
  });

  const killsByPhase: Record<string, number> = {};
  const windowHits: Record<string, number> = Object.fromEntries(windows.map((w) => [windowName(w), 0]));
  const faultRate = options.faultRate ?? 0;
  const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, faultRate])) as Record<FaultKind, number>;
  const appliedFile = path.join(dataDir, 'commands-applied.json');
  const appliedEntries = (): number => {
    try {
      return (JSON.parse(readFileSync(appliedFile, 'utf8')) as { applied: number }).applied;
    } catch {
      return 0;
    }
  };
  const rejected: string[] = [];
  const collectRejected = (w: Worker) => rejected.push(...w.lines.filter((l) => l.startsWith('rejected ')));
  const targets = ['orders', 'tracking', 'export', 'orders', 'tracking', 'startup'] as const;
  try {
    for (let kill = 0; kill < options.kills; kill++) {
      // Shoppers and the merchant act between kills.
      merchant.track(emulator.store.placeOrders(1 + Math.floor(random() * 3)));
      merchant.typeEntries(1 + Math.floor(random() * 3));
      if (options.storeChanges && random() < 0.4) {
        // A killed worker's last request may still be inside the emulator (its latency, a hang):
        // the store applies it after the kill. The merchant acts once it is in, so "no write after
        // a store-side change" counts only what Ponte sent after the change.
        await settled(emulator);
        merchant.storeActs(1, appliedEntries());
      }
      if (faultRate > 0) emulator.setConfig({ faults });
      // Kills are aimed at the window hit least so far (ties drawn from the seed) until every
      // window has its share, then one in two: every window is hit, not just likely to be.
      const fewest = Math.min(...Object.values(windowHits));
      const behind = windows.filter((w) => windowHits[windowName(w)] === fewest);
      const aim = fewest < (options.minHitsPerWindow ?? 0) || random() < 0.5;
      const window = aim ? behind[Math.floor(random() * behind.length)]! : null;
      const plan = window ? { ...window, nth: 1 } : undefined;
      const lifeStarted = Date.now();
      const worker = startWorker(config('loop', plan));
      const target = targets[Math.floor(random() * targets.length)]!;
      if (plan) {
        // The worker kills itself in the window; if that call never comes (no such work this time),
        // it is killed from here once it has gone round its loop once.
        await worker.waitFor((l) => l.startsWith('selfkill') || l === 'phase:idle', 20_000);
      } else if (target === 'startup') {
        await sleep(Math.floor(random() * 700));
      } else {
        // Aim at the target phase of the first or second loop, then a little into it.
        const skip = target === 'orders' && random() < 0.5 ? 1 : 0;
        let seen = -1;
        const line = await worker.waitFor((l) => l === `phase:${target}` && ++seen >= skip, 20_000);
        if (line === null && worker.child.exitCode !== null) throw new Error(`worker died: ${worker.lines.slice(-5).join(' | ')}`);
        await sleep(Math.floor(random() * (target === 'orders' ? 120 : target === 'tracking' ? 40 : 10)));
      }
      const lastPhase = worker.phases.at(-1) ?? 'startup';
      worker.child.kill('SIGKILL');
      await worker.exited;
      collectRejected(worker);
      const selfKilled = worker.lines.find((l) => l.startsWith('selfkill '));
      const landed = selfKilled ? selfKilled.slice('selfkill '.length).replace(/ #\d+$/, '') : `timed:${lastPhase}`;
      if (process.env.PONTE_CRASH_DEBUG) log(`kill ${kill}: ${plan ? JSON.stringify(plan) : target} -> ${landed} after ${Date.now() - lifeStarted} ms`);
      killsByPhase[landed] = (killsByPhase[landed] ?? 0) + 1;
      if (selfKilled) windowHits[landed] = (windowHits[landed] ?? 0) + 1;
      offsetMs += LEASE_SKIP_MS;
      if ((kill + 1) % 10 === 0) log(`crash seed ${options.seed} (${transport}): ${kill + 1}/${options.kills} kills`);
    }

    // One clean run to convergence, a day later (every lease and back-off has run out).
    offsetMs += 24 * 3_600_000;
    emulator.setConfig({ faults: {} });
    const final = startWorker(config('converge'));
    const code = await final.exited;
    collectRejected(final);
    const converged = final.lines.find((l) => l.startsWith('converged '));
    if (code !== 0 || !converged) throw new Error(`the clean run did not converge (exit ${code}): ${final.lines.slice(-4).join(' | ')}`);
    const { loops: convergeLoops, merchantRetries } = JSON.parse(converged.slice('converged '.length)) as { loops: number; merchantRetries: number };

    const invariants = checkInvariants(emulator, merchant, path.join(dataDir, 'ponte.sqlite'), path.join(path.dirname(sqliteMapping), 'erp.sqlite'), transport);
    invariants.push(invariant('merchant entries accepted (none refused)', merchant.count, rejected));
    const minHits = options.minHitsPerWindow ?? 0;
    invariants.push(
      invariant(
        `each aimed window hit at least ${minHits} times`,
        windows.length,
        Object.entries(windowHits).filter(([, n]) => n < minHits).map(([w, n]) => `${w}: ${n}`),
      ),
    );
    return {
      seed: options.seed,
      transport,
      kills: options.kills,
      killsByPhase,
      windowHits,
      storeChanges: merchant.storeChanges,
      faults: emulator.stats().faults,
      orders: emulator.store.orders.size,
      commands: merchant.count,
      emails: emulator.store.emails.length,
      durationMs: Date.now() - started,
      convergeLoops,
      merchantRetries,
      rejected,
      invariants,
      dir,
    };
  } finally {
    await emulator.close();
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * Makes the sample ERP tell on a second insert: its `ON CONFLICT DO NOTHING` would swallow one, so a
 * trigger logs every committed insert attempt of an order, and the mapping says how to look an order
 * up first (as it must for an ERP without a unique key, where a second insert is a second order).
 */
export const honestErp = (mappingFile: string): void => {
  const mapping = JSON.parse(readFileSync(mappingFile, 'utf8')) as { write: Record<string, string> };
  mapping.write.orderExists = 'SELECT 1 FROM pedidos WHERE id_tray = :id';
  writeFileSync(mappingFile, `${JSON.stringify(mapping, null, 2)}\n`);
  const erp = new Database(path.join(path.dirname(mappingFile), 'erp.sqlite'));
  try {
    erp.exec(`
      CREATE TABLE ponte_insert_attempts (id_tray INTEGER NOT NULL);
      CREATE TRIGGER ponte_count_inserts BEFORE INSERT ON pedidos BEGIN INSERT INTO ponte_insert_attempts VALUES (NEW.id_tray); END;
    `);
  } finally {
    erp.close();
  }
};

/** Committed insert attempts per order in an ERP prepared by honestErp. */
export const erpInsertAttempts = (erp: Database.Database): Map<number, number> =>
  new Map((erp.prepare('SELECT id_tray AS id, COUNT(*) AS n FROM ponte_insert_attempts GROUP BY id_tray').all() as Array<{ id: number; n: number }>).map((r) => [r.id, r.n]));

/**
 * The checks against the store's call log, shared with the fault soak: status writes per requested
 * change, none after a store-side change, acknowledgements per order, tracking writes, the last
 * code typed. `unanswered`: writes whose answer was lost (they may legitimately be acknowledged twice).
 */
export const callLogInvariants = (emulator: RunningEmulator, merchant: Merchant, unanswered: number, transport: StoreTransport = 'soap'): Invariant[] => {
  const writes = emulator.store.writeCounts().orders;
  const of = (id: number) => writes[String(id)] ?? { status: 0, tracking: 0, ack: 0 };
  const expected = [...merchant.expected];
  const intentOf = (id: number) => merchant.intents.get(id);
  const intents = [...merchant.intents.entries()];
  const statusTotal = intents.reduce((n, [, i]) => n + i.statusWrites, 0);
  const storeSide = intents.filter(([, i]) => i.storeSide > 0);
  const codes = intents.filter(([, i]) => i.entered);
  let extraAcks = 0;
  const ackFailures: string[] = [];
  for (const id of expected) {
    const want = intentOf(id)?.acks ?? 1;
    const got = of(id).ack;
    if (got < want) ackFailures.push(`${id}: ${got} acks, want ${want}`);
    else extraAcks += got - want;
  }
  if (extraAcks > unanswered) ackFailures.push(`${extraAcks} acknowledgements more than needed, only ${unanswered} answers lost`);
  // The store counts a write whichever way it came (a REST PUT /orders/:id with status_id or
  // sending_code is a status or tracking write, like the SOAP operation): the route log says which.
  const calls = emulator.stats().calls;
  const routeCalls = (t: StoreTransport) => ORDER_WRITE_ROUTES[t].reduce((n, r) => n + (calls[r] ?? 0), 0);
  const counted = expected.reduce((n, id) => n + of(id).status + of(id).tracking + of(id).ack, 0);
  const other = transport === 'soap' ? 'rest' : 'soap';
  const acknowledgements =
    transport === 'rest'
      ? // REST has no to-do list: the pull's modified-time checkpoint is the acknowledgement, so
        // nothing may be written to the store for it.
        invariant('acknowledgements: none written on REST (the checkpoint is the acknowledgement)', expected.length, expected.filter((id) => of(id).ack > 0).map((id) => `${id}: ${of(id).ack} to-do list writes`))
      : invariant(`acknowledgements: one per listing of the order (+ at most the ${unanswered} lost answers)`, expected.length, ackFailures);
  return [
    invariant(`order writes came over ${transport} only (${routeCalls(transport)} calls for ${counted} counted writes)`, counted, [
      ...(routeCalls(other) > 0 ? [`${routeCalls(other)} ${other} write calls`] : []),
      ...(routeCalls(transport) < counted ? [`${counted} writes counted, only ${routeCalls(transport)} ${transport} write calls`] : []),
    ]),
    invariant('status writes at the store: one per requested change that reached it', statusTotal, expected.flatMap((id) => {
      const want = intentOf(id)?.statusWrites ?? 0;
      const got = of(id).status;
      return got === want ? [] : Array.from({ length: Math.max(1, want) }, () => `${id}: ${got} status writes, want ${want}`);
    })),
    invariant('no status write after a store-side change (never moved back)', storeSide.length, storeSide.filter(([id, i]) => of(id).status !== i.writesAtStoreChange).map(([id, i]) => `${id}: ${of(id).status - i.writesAtStoreChange} writes after the store set ${i.status}`)),
    invariant('store-side changes came after a prefix of the requested e-mails', merchant.storeChanges, merchant.storeSideViolations),
    acknowledgements,
    invariant('tracking writes: at least one, at most one per code typed', codes.length + 1, [
      ...codes.filter(([id, i]) => of(id).tracking < 1 || of(id).tracking > i.codes.length).map(([id, i]) => `${id}: ${of(id).tracking} writes for ${i.codes.length} codes`),
      ...expected.filter((id) => !intentOf(id)?.entered && of(id).tracking > 0).map((id) => `${id}: ${of(id).tracking} tracking writes, no code typed`),
    ]),
    invariant('tracking code in the store is the last one typed', codes.length, codes.filter(([id, i]) => emulator.store.order(id)?.order.codigo_rastreio !== i.codes.at(-1)).map(([id, i]) => `${id}: typed [${i.codes.join(',')}], store ${emulator.store.order(id)?.order.codigo_rastreio}`)),
  ];
};

const checkInvariants = (emulator: RunningEmulator, merchant: Merchant, ponteFile: string, erpFile: string, transport: StoreTransport): Invariant[] => {
  const store = [...emulator.store.orders.values()].filter((o) => merchant.expected.has(o.order.id_pedido));
  const ponte = new Database(ponteFile, { readonly: true, fileMustExist: true });
  const erp = new Database(erpFile, { readonly: true, fileMustExist: true });
  try {
    const count = (db: Database.Database, sql: string) =>
      new Map((db.prepare(sql).all() as Array<{ id: number; n: number }>).map((r) => [r.id, r.n]));
    const inPonte = count(ponte, 'SELECT id, COUNT(*) AS n FROM orders GROUP BY id');
    const ponteItems = count(ponte, 'SELECT order_id AS id, COUNT(*) AS n FROM order_items GROUP BY order_id');
    const exported = count(ponte, 'SELECT id, COUNT(*) AS n FROM orders WHERE exported_at IS NOT NULL GROUP BY id');
    const inErp = count(erp, 'SELECT id_tray AS id, COUNT(*) AS n FROM pedidos WHERE numero IS NOT NULL GROUP BY id_tray');
    const erpItems = count(erp, 'SELECT id_tray AS id, COUNT(*) AS n FROM pedido_itens GROUP BY id_tray');
    const storeIds = new Set(emulator.store.orders.keys());

    const fail = (check: (o: (typeof store)[number]) => string | null) => store.map(check).filter((x): x is string => x !== null);
    const extra = (ids: Map<number, number>, where: string) => [...ids.keys()].filter((id) => !storeIds.has(id)).map((id) => `${id} in ${where} but not in the store`);

    const emailsOf = new Map<number, number[]>();
    for (const e of emulator.store.emails) emailsOf.set(e.id_pedido, [...(emailsOf.get(e.id_pedido) ?? []), e.id_status]);
    const intents = [...merchant.intents.entries()];
    const expectedEmails = intents.reduce((n, [, i]) => n + i.emails.length, 0);
    const outbox = ponte.prepare('SELECT order_id AS id, state FROM outbox').all() as Array<{ id: number | null; state: string }>;
    const storeChanged = (id: number | null) => id !== null && (merchant.intents.get(id)?.storeSide ?? 0) > 0;
    const attempts = erpInsertAttempts(erp);
    const stats = emulator.stats();
    const unanswered = stats.faults.lostAnswer + stats.faults.truncated;
    const runs = ponte.prepare("SELECT COUNT(*) AS n FROM runs WHERE result = 'running'").get() as { n: number };
    const runsTotal = ponte.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number };

    return [
      invariant('orders in Ponte exactly once', store.length, [
        ...fail((o) => ((inPonte.get(o.order.id_pedido) ?? 0) === 1 ? null : `${o.order.id_pedido} x${inPonte.get(o.order.id_pedido) ?? 0}`)),
        ...extra(inPonte, 'Ponte'),
      ]),
      invariant('order items in Ponte as in the store', store.length, fail((o) => (ponteItems.get(o.order.id_pedido) ?? 0) === o.items.length ? null : `${o.order.id_pedido}: ${ponteItems.get(o.order.id_pedido) ?? 0}/${o.items.length}`)),
      invariant('orders in the ERP exactly once', store.length, [
        ...fail((o) => ((inErp.get(o.order.id_pedido) ?? 0) === 1 ? null : `${o.order.id_pedido} x${inErp.get(o.order.id_pedido) ?? 0}`)),
        ...extra(inErp, 'the ERP'),
      ]),
      invariant('ERP insert attempts: one per order (the key would hide a second)', store.length, [
        ...fail((o) => ((attempts.get(o.order.id_pedido) ?? 0) === 1 ? null : `${o.order.id_pedido}: ${attempts.get(o.order.id_pedido) ?? 0} inserts`)),
        ...extra(attempts, 'the ERP insert log'),
      ]),
      invariant('order items in the ERP as in the store', store.length, fail((o) => (erpItems.get(o.order.id_pedido) ?? 0) === o.items.length ? null : `${o.order.id_pedido}: ${erpItems.get(o.order.id_pedido) ?? 0}/${o.items.length}`)),
      invariant('orders marked exported in Ponte', store.length, fail((o) => (exported.get(o.order.id_pedido) ? null : `${o.order.id_pedido}`))),
      // REST never reads nor writes the to-do list (its acknowledgement is checked in the call log).
      ...(transport === 'soap' ? [invariant("store's to-do list empty (every order acknowledged)", store.length, fail((o) => (o.pending ? `${o.order.id_pedido} still pending` : null)))] : []),
      ...callLogInvariants(emulator, merchant, unanswered, transport),
      invariant('statuses entered are in the store', intents.length, intents.filter(([id, i]) => emulator.store.order(id)?.order.id_status !== i.status).map(([id, i]) => `${id}: want ${i.status}, store ${emulator.store.order(id)?.order.id_status}`)),
      invariant('shopper emails: one per status change entered, in order', expectedEmails, intents.flatMap(([id, i]) => {
        const got = emailsOf.get(id) ?? [];
        const same = got.length === i.emails.length && i.emails.every((s, k) => got[k] === s);
        return same ? [] : Array.from({ length: Math.max(1, i.emails.length) }, () => `${id}: want [${i.emails.join(',')}] got [${got.join(',')}]`);
      })),
      invariant('no shopper email for an order without an entered change', emulator.store.emails.length, emulator.store.emails.filter((e) => !(merchant.intents.get(e.id_pedido)?.emails.length)).map((e) => `${e.id_pedido}->${e.id_status}`)),
      invariant('outbox rows done (superseded only where the store changed the status)', outbox.length, outbox.filter((r) => r.state !== 'done' && !(r.state === 'superseded' && storeChanged(r.id))).map((r) => `${r.id}: ${r.state}`)),
      invariant('job runs finished (none left "running")', runsTotal.n, Array.from({ length: runs.n }, () => 'running')),
    ];
  } finally {
    ponte.close();
    erp.close();
  }
};
