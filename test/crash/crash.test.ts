/**
 * Crash safety, short version (`npm test`): the engine in a child process, SIGKILLed 30 times at
 * seeded moments during order pull, status/tracking push and export, then a clean run; every order
 * once in Ponte and in the ERP, every code and status in the store, one shopper email per change,
 * nothing left "sending". Replay a failure with PONTE_CRASH_SEED=<seed printed below>.
 * The long version (200 kills) runs in `npm run soak`.
 */
import { describe, expect, it } from 'vitest';
import { formatInvariant, runCrashCampaign } from './harness.ts';

const seed = Number(process.env.PONTE_CRASH_SEED ?? Math.floor(Math.random() * 1_000_000));

describe('crash safety', () => {
  it(`survives 30 SIGKILLs without losing or duplicating anything (seed ${seed})`, async () => {
    console.log(`crash seed ${seed} (replay: PONTE_CRASH_SEED=${seed})`);
    const report = await runCrashCampaign({ seed, kills: 30 });
    console.log(
      `crash seed ${seed}: ${report.kills} kills ${JSON.stringify(report.killsByPhase)}, ${report.orders} orders, ` +
        `${report.commands} entries, ${report.emails} emails, clean run ${report.convergeLoops} loops, ${(report.durationMs / 1000).toFixed(1)} s`,
    );
    for (const i of report.invariants) console.log(formatInvariant(i));
    for (const i of report.invariants) expect(i.examples, `${i.name} (seed ${seed})`).toEqual([]);
    expect(report.invariants.every((i) => i.total > 0 || i.name.startsWith('no shopper'))).toBe(true);
  }, 150_000);
});
