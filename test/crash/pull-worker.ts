/**
 * Child process of test/crash/pull-progress.test.ts: Ponte's engine against the emulator, pulling
 * orders in a loop with a real store's pacing (a per-minute budget kept in the local database), until
 * the parent SIGKILLs it. Usage: node --import tsx test/crash/pull-worker.ts '<PullWorkerConfig JSON>'.
 * Stdout: `ready` once the engine has started, then `pulled {counts}` after each run.
 */
import { createTestEngine } from '../support/engine.ts';

export interface PullWorkerConfig {
  dataDir: string;
  endpoint: string;
  storeId: string;
  login: string;
  password: string;
  perMinute: number;
  burst: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as PullWorkerConfig;
const say = (line: string) => process.stdout.write(`${line}\n`);

const engine = await createTestEngine(
  { endpoint: config.endpoint, storeId: config.storeId, login: config.login, password: config.password },
  { dataDir: config.dataDir, client: { perMinute: config.perMinute, burst: config.burst, poolSize: 4, timeoutMs: 10_000, readTimeoutMs: 10_000 } },
);
await engine.start();
say('ready');
for (;;) {
  const run = await engine.runJob('orders');
  say(`pulled ${JSON.stringify(run.counts)}`);
}
