/**
 * The crash harness's child process: Ponte's engine against the emulator (run by the parent) and
 * the sample SQLite ERP, looping forever over what a running Ponte does — apply the tracking/status
 * entries the "merchant" typed (a JSON file the parent appends to), pull orders, push the outbox,
 * export to the ERP. The parent SIGKILLs it at random moments and starts it again.
 *
 * Usage: node --import tsx test/crash/worker.ts '<WorkerConfig as JSON>'
 * Stdout lines: `ready`, `phase:<name>` (the parent aims its kills with them), `converged {json}`.
 * In mode 'converge' it runs until nothing is left to do and exits 0 (3 when it gives up).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import type { StoreTransport, TrackingEntry } from '../../shared/api/contract.ts';
import { createTestEngine } from '../support/engine.ts';

export interface WorkerConfig {
  dataDir: string;
  /** The way to the store the engine is set to ('soap' by default). */
  transport?: StoreTransport;
  /** REST's address and key pair, with the store's code (the emulator's credentials). */
  rest?: { apiAddress: string; consumerKey: string; consumerSecret: string; code: string };
  endpoint: string;
  storeId: string;
  login: string;
  password: string;
  erpMapping: string;
  /** JSON array of TrackingEntry, only ever appended to (written by rename). */
  commandsFile: string;
  /** The engine's clock runs this far ahead of the wall clock (the parent skips leases/back-offs). */
  clockOffsetMs: number;
  mode: 'loop' | 'converge';
  /**
   * Aim a kill at one crash window: the worker SIGKILLs itself just before or just after the nth
   * call of a store operation (SOAP: its name; REST: `rest:PUT /orders/:id status`, see restOp),
   * just after the nth ERP commit (`op: 'erp:COMMIT'`), or just before the nth save of the order
   * pull's checkpoint (`op: 'db:orders.checkpoint'`, REST's acknowledgement).
   */
  killPlan?: KillPlan;
}

export interface KillPlan {
  at: 'before' | 'after';
  op: string;
  nth: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const say = (line: string) => process.stdout.write(`${line}\n`);
const progressFile = path.join(config.dataDir, 'commands-applied.json');

const readJson = <T>(file: string, fallback: T): T => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
};
const writeJsonAtomic = (file: string, value: unknown) => {
  writeFileSync(`${file}.tmp`, JSON.stringify(value));
  renameSync(`${file}.tmp`, file);
};

const plan = config.killPlan;
let seen = 0;
const selfKill = (what: string) => {
  say(`selfkill ${what}`); // stdout on a pipe is synchronous on Linux: the line gets out first
  process.kill(process.pid, 'SIGKILL');
};
const aimed = (op: string, at: KillPlan['at']) => plan !== undefined && plan.op === op && plan.at === at && ++seen === plan.nth;

if (plan?.op === 'erp:COMMIT') {
  // The SQL connector commits each order it writes with exec('COMMIT'); Ponte's own database
  // commits through better-sqlite3's transaction wrapper, so this only sees the ERP's commits.
  const exec = Database.prototype.exec;
  Database.prototype.exec = function (this: Database.Database, sql: string) {
    const result = exec.call(this, sql);
    if (sql === 'COMMIT' && aimed('erp:COMMIT', 'after')) selfKill(`after ${plan.op} #${plan.nth}`);
    return result;
  };
}

/**
 * A REST request's name in a kill plan: the emulator's route name, and for an order write what it
 * carries (`rest:PUT /orders/:id status` / `… tracking`), since status and tracking share the route.
 */
const restOp = (method: string, url: string, body: unknown): string => {
  const route = new URL(url).pathname.replace(/^\/web_api/, '').replace(/\/\d+(?=\/|$)/g, '/:id');
  if (method !== 'PUT' || route !== '/orders/:id' || typeof body !== 'string') return `rest:${method} ${route}`;
  const order = (JSON.parse(body) as { Order?: Record<string, unknown> }).Order ?? {};
  return `rest:PUT /orders/:id ${'sending_code' in order ? 'tracking' : 'status_id' in order ? 'status' : 'other'}`;
};

/** REST's fetch with the kill plan's aim (the store applies a write before it answers). */
const aimedFetch: typeof fetch = async (input, init) => {
  const op = restOp(init?.method ?? 'GET', String(input), init?.body);
  if (aimed(op, 'before')) selfKill(`before ${op} #${plan!.nth}`);
  const response = await fetch(input, init);
  if (aimed(op, 'after')) selfKill(`after ${op} #${plan!.nth}`);
  return response;
};

const transport = config.transport ?? 'soap';
const clock = () => Date.now() + config.clockOffsetMs;
const engine = await createTestEngine(
  { endpoint: config.endpoint, storeId: config.storeId, login: config.login, password: config.password },
  {
    dataDir: config.dataDir,
    settings: {
      store: { url: config.endpoint, storeId: config.storeId, login: config.login, transport, ...(config.rest && { apiAddress: config.rest.apiAddress }) },
      erp: { kind: 'sql', path: config.erpMapping },
      statusMapping: demoStatusMapping(),
      export: { target: 'erp', folder: '' },
    },
    ...(config.rest && { secrets: { restConsumerKey: config.rest.consumerKey, restConsumerSecret: config.rest.consumerSecret, restCode: config.rest.code } }),
    now: () => new Date(clock()),
    // REST on the engine's clock (tokens, the day's budget), with the kill plan's aim.
    restClient: { now: clock, timeoutMs: 10_000, ...(plan?.op.startsWith('rest:') && { fetch: aimedFetch }) },
    createTrayClient: (c) => {
      const client = new TrayClient({ ...c, perMinute: 0, poolSize: 8, timeoutMs: 10_000, readTimeoutMs: 10_000 });
      if (!plan || plan.op.startsWith('erp:') || plan.op.startsWith('db:') || plan.op.startsWith('rest:')) return client;
      const call = client.call.bind(client);
      client.call = (async (name: string, args: unknown) => {
        if (aimed(name, 'before')) selfKill(`before ${name} #${plan.nth}`);
        const result = await call(name as never, args as never);
        if (aimed(name, 'after')) selfKill(`after ${name} #${plan.nth}`);
        return result;
      }) as typeof client.call;
      return client;
    },
  },
);
if (plan?.op === 'db:orders.checkpoint') {
  // The order pull saves its checkpoint once the window's orders are committed: on REST that is
  // the acknowledgement, so a kill just before it leaves committed orders unacknowledged.
  const setMeta = engine.db.setMeta.bind(engine.db);
  engine.db.setMeta = (key, value) => {
    if (key === 'orders.checkpoint' && aimed('db:orders.checkpoint', 'before')) selfKill(`before db:orders.checkpoint #${plan.nth}`);
    setMeta(key, value);
  };
}
await engine.start();
say('ready');

/**
 * Applies the merchant's entries in order. Progress is saved after each dispatch, so a kill between
 * the two re-applies the last entry: that is the idempotency under test. An entry for an order not
 * pulled yet waits (with all later ones) for the next loop.
 */
const applyCommands = async (): Promise<{ applied: number; total: number }> => {
  const commands = readJson<TrackingEntry[]>(config.commandsFile, []);
  let applied = readJson<{ applied: number }>(progressFile, { applied: 0 }).applied;
  while (applied < commands.length) {
    const entry = commands[applied]!;
    if (!engine.db.getOrder(entry.orderId)) break;
    const envelope = await engine.endpoint.dispatch('orders.setTracking', { entries: [entry] });
    if (!envelope.ok) throw new Error(`orders.setTracking: ${envelope.error.message}`);
    const [result] = envelope.result as Array<{ ok: boolean; error: string | null }>;
    // The parent only types valid entries: a refusal is a harness failure it must see.
    if (!result?.ok) say(`rejected ${JSON.stringify({ entry, error: result?.error })}`);
    applied += 1;
    writeJsonAtomic(progressFile, { applied });
  }
  return { applied, total: commands.length };
};

/**
 * The clean run plays the merchant who presses "tentar de novo" in Fila: under many kills and faults
 * a push can use up its attempts (each kill mid-send spends one), and the pushes of that order wait
 * behind it until it is resolved.
 */
const retryFailed = async (): Promise<number> => {
  const listed = await engine.endpoint.dispatch('outbox.list', { states: ['failed'] });
  if (!listed.ok) throw new Error(`outbox.list: ${listed.error.message}`);
  const failed = listed.result as Array<{ id: number }>;
  for (const { id } of failed) {
    const retried = await engine.endpoint.dispatch('outbox.retry', { id });
    if (!retried.ok) throw new Error(`outbox.retry ${id}: ${retried.error.message}`);
  }
  return failed.length;
};

const MAX_CONVERGE_LOOPS = 30;
let merchantRetries = 0;
for (let loop = 0; ; loop++) {
  if (config.mode === 'converge') merchantRetries += await retryFailed();
  say('phase:commands');
  await applyCommands();
  say('phase:orders');
  const orders = await engine.runJob('orders');
  say('phase:commands');
  const commands = await applyCommands();
  say('phase:tracking');
  const tracking = await engine.runJob('tracking');
  say('phase:export');
  const exported = await engine.runJob('export');
  say('phase:idle');

  if (config.mode === 'converge') {
    const outbox = engine.db.outboxCounts();
    const counts = engine.db.orderCounts();
    const done =
      loop > 0 &&
      orders.result === 'ok' && (orders.counts.created ?? 0) === 0 &&
      tracking.result === 'ok' && exported.result === 'ok' &&
      commands.applied === commands.total && outbox.pending === 0 && outbox.failed === 0 && counts.notExported === 0;
    if (done) {
      say(`converged ${JSON.stringify({ loops: loop + 1, orders: counts.orders, outboxFailed: outbox.failed, merchantRetries })}`);
      await engine.stop();
      process.exit(0);
    }
    if (loop >= MAX_CONVERGE_LOOPS) {
      say(`stuck ${JSON.stringify({ orders, tracking, exported, outbox, counts, commands })}`);
      await engine.stop();
      process.exit(3);
    }
  }
}
