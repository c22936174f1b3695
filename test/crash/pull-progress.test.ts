/**
 * #12 defect 5, under SIGKILLs: an engine killed again and again while orders wait must still make
 * progress. Every life that runs at least 3 s with orders waiting must commit at least one order —
 * save a new one in Ponte or acknowledge one to the store — with the store's budget (calls a
 * minute) kept across lives, so that the crash loop does not multiply the calls the store sees.
 * Fixed seed; the kill moments come from it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../electron/demo/random.ts';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import type { PullWorkerConfig } from './pull-worker.ts';

const WORKER = fileURLToPath(new URL('./pull-worker.ts', import.meta.url));
const SEED = 1207;
const LIVES = 5;
/** The store's budget in the test: 120 a minute, bursts of a tenth of it (the client's default ratio). */
const PER_MINUTE = 120;
const BURST = 12;

let emulator: RunningEmulator;
let dir: string;
beforeAll(async () => {
  const root = path.resolve('test-output', 'crash');
  mkdirSync(root, { recursive: true });
  dir = mkdtempSync(path.join(root, 'pull-progress-'));
  emulator = await startEmulator({ seed: SEED, orders: 10, latencyMs: 10, jitterMs: 10, maxConcurrent: 8 });
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One life: started, killed `aliveMs` after it said ready (or when it exits on its own). */
const live = (config: PullWorkerConfig, aliveMs: number) =>
  new Promise<{ readyAt: number; killedAt: number; lines: string[] }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
    const lines: string[] = [];
    let readyAt = 0;
    let killedAt = 0;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line === 'ready') {
        readyAt = Date.now();
        setTimeout(() => {
          killedAt = Date.now();
          child.kill('SIGKILL');
        }, aliveMs);
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL' || readyAt === 0) reject(new Error(`the worker ended by itself: ${lines.slice(-3).join(' | ')} ${stderr}`));
      else resolve({ readyAt, killedAt, lines });
    });
  });

const ponteState = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('order pull under SIGKILLs (#12 defect 5)', () => {
  it('every life of ≥ 3 s with orders waiting commits at least one order, and the budget holds across lives', { timeout: 180_000 }, async () => {
    const random = mulberry32(SEED);
    const dataDir = path.join(dir, 'ponte');
    const config: PullWorkerConfig = { dataDir, endpoint: emulator.endpoint, ...emulator.credentials, perMinute: PER_MINUTE, burst: BURST };
    emulator.store.placeOrders(40);
    const pending = () => [...emulator.store.orders.values()].filter((o) => o.pending).length;
    const callStarts: number[] = [];
    const lives: Array<{ aliveMs: number; waiting: number; saved: number; acked: number }> = [];
    let saved = 0;
    const started = Date.now();
    for (let life = 0; life < LIVES; life++) {
      emulator.store.placeOrders(1 + Math.floor(random() * 3));
      // Two lives out of three are long enough to be held to progress; the others die early.
      const aliveMs = life % 3 === 2 ? 200 + Math.floor(random() * 800) : 3_000 + Math.floor(random() * 600);
      const waiting = pending();
      emulator.resetStats();
      const { readyAt, killedAt } = await live(config, aliveMs);
      callStarts.push(...emulator.stats().log.map((c) => c.start));
      const nowSaved = ponteState(path.join(dataDir, 'ponte.sqlite'));
      lives.push({ aliveMs: killedAt - readyAt, waiting, saved: nowSaved - saved, acked: waiting - pending() });
      saved = nowSaved;
    }
    // The most calls the store saw in any rolling minute (arrivals; the client counts its starts).
    const sorted = callStarts.sort((a, b) => a - b);
    let busiestMinute = 0;
    for (let i = 0, j = 0; j < sorted.length; j++) {
      while ((sorted[j] as number) - (sorted[i] as number) >= 60_000) i++;
      busiestMinute = Math.max(busiestMinute, j - i + 1);
    }
    const report = [
      ...lives.map((l, i) => `life ${i + 1}: ${l.aliveMs} ms, ${l.waiting} waiting, +${l.saved} saved, ${l.acked} acknowledged`),
      `${sorted.length} store calls in ${Date.now() - started} ms, busiest minute ${busiestMinute} (budget ${PER_MINUTE})`,
    ].join('\n');
    console.log(report);
    const held = lives.filter((l) => l.aliveMs >= 3_000 && l.waiting > 0);
    expect(held.length).toBeGreaterThanOrEqual(4);
    for (const l of held) expect(l.saved + l.acked, report).toBeGreaterThan(0);
    // The crash loop must not multiply the store's budget: each life resumes the window of the last.
    expect(busiestMinute, report).toBeLessThanOrEqual(PER_MINUTE + 1);
  });
});
