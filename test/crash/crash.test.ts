/**
 * Crash safety, short version (`npm test`), on each way to the store (SOAP and REST, one emulator
 * serving both over the same store state): the engine in a child process, SIGKILLed 30 times
 * during order pull, status/tracking push and export (two kills in three aimed at a crash window,
 * each window hit at least twice), while shoppers order, the merchant types codes, corrections and
 * statuses, and the store changes statuses itself; then a clean run. The invariants count what the
 * store and the ERP received (status writes per requested change, acknowledgements — on REST: none,
 * the checkpoint is the acknowledgement —, tracking writes, ERP insert attempts), not only end
 * states a key enforces. The windows are the same on both transports (harness.ts, REST_WINDOWS).
 * The seed is fixed so `npm test` is repeatable; PONTE_CRASH_SEED=<seed> runs another one.
 * The long version (200 kills, random seed, 20 % faults) runs in `npm run soak`.
 */
import { describe, expect, it } from 'vitest';
import type { StoreTransport } from '../../shared/api/contract.ts';
import { formatInvariant, runCrashCampaign } from './harness.ts';

const seed = Number(process.env.PONTE_CRASH_SEED ?? 20261202);

describe.each<StoreTransport>(['soap', 'rest'])('crash safety over %s', (transport) => {
  it(`survives 30 SIGKILLs without losing or duplicating anything (${transport}, seed ${seed})`, async () => {
    console.log(`crash seed ${seed} on ${transport} (replay: PONTE_CRASH_SEED=${seed})`);
    const report = await runCrashCampaign({ seed, transport, kills: 30, storeChanges: true, minHitsPerWindow: 2 });
    console.log(
      `crash seed ${seed} (${transport}): ${report.kills} kills ${JSON.stringify(report.killsByPhase)}, windows ${JSON.stringify(report.windowHits)}, ` +
        `${report.storeChanges} store-side changes, ${report.orders} orders, ${report.commands} entries, ${report.emails} emails, ` +
        `clean run ${report.convergeLoops} loops (${report.merchantRetries} merchant retries), ${(report.durationMs / 1000).toFixed(1)} s`,
    );
    for (const i of report.invariants) console.log(formatInvariant(i));
    for (const i of report.invariants) expect(i.examples, `${i.name} (${transport}, seed ${seed})`).toEqual([]);
    // An invariant that checked nothing proves nothing.
    expect(report.invariants.filter((i) => i.total === 0).map((i) => i.name)).toEqual([]);
    // Every aimed window was hit on this transport (the invariant above says so too; this names them).
    expect(Object.values(report.windowHits).every((n) => n >= 2)).toBe(true);
  }, 300_000);
});
