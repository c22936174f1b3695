/**
 * Crash safety, short version (`npm test`): the engine in a child process, SIGKILLed 30 times
 * during order pull, status/tracking push and export (two kills in three aimed at a crash window,
 * each window hit at least twice), while shoppers order, the merchant types codes, corrections and
 * statuses, and the store changes statuses itself; then a clean run. The invariants count what the
 * store and the ERP received (status writes per requested change, acknowledgements, tracking
 * writes, ERP insert attempts), not only end states a key enforces.
 * The seed is fixed so `npm test` is repeatable; PONTE_CRASH_SEED=<seed> runs another one.
 * The long version (200 kills, random seed, 20 % faults) runs in `npm run soak`.
 */
import { describe, expect, it } from 'vitest';
import { formatInvariant, runCrashCampaign } from './harness.ts';

const seed = Number(process.env.PONTE_CRASH_SEED ?? 20261202);

describe('crash safety', () => {
  it(`survives 30 SIGKILLs without losing or duplicating anything (seed ${seed})`, async () => {
    console.log(`crash seed ${seed} (replay: PONTE_CRASH_SEED=${seed})`);
    const report = await runCrashCampaign({ seed, kills: 30, storeChanges: true, minHitsPerWindow: 2 });
    console.log(
      `crash seed ${seed}: ${report.kills} kills ${JSON.stringify(report.killsByPhase)}, windows ${JSON.stringify(report.windowHits)}, ` +
        `${report.storeChanges} store-side changes, ${report.orders} orders, ${report.commands} entries, ${report.emails} emails, ` +
        `clean run ${report.convergeLoops} loops (${report.merchantRetries} merchant retries), ${(report.durationMs / 1000).toFixed(1)} s`,
    );
    for (const i of report.invariants) console.log(formatInvariant(i));
    for (const i of report.invariants) expect(i.examples, `${i.name} (seed ${seed})`).toEqual([]);
    // An invariant that checked nothing proves nothing.
    expect(report.invariants.filter((i) => i.total === 0).map((i) => i.name)).toEqual([]);
  }, 300_000);
});
