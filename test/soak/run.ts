/**
 * `npm run soak`: the long versions of the reliability checks, printing every invariant with its
 * count ("orders in Ponte exactly once: 412/412") and exiting non-zero on any violation.
 *   - crash safety: the engine in a child process SIGKILLed 200 times under 20 % faults of every kind
 *     while the store changes statuses itself (test/crash/harness.ts); each aimed window hit twice;
 *   - faults: every fault kind at 20 % plus 429s, two seeds, against fault-free runs (./fault-soak.ts).
 * Options: --kills N, --seed S (both campaigns), --soak-seeds K, --quick (30 kills, one short soak).
 * Seeds are printed; PONTE_CRASH_SEED / PONTE_SOAK_SEED replay one.
 */
import { parseArgs } from 'node:util';
import { formatInvariant, runCrashCampaign, type Invariant } from '../crash/harness.ts';
import { compareSoak, describeSoak, runSoak } from './fault-soak.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string' },
    seed: { type: 'string' },
    'soak-seeds': { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const quick = values.quick === true;
const randomSeed = () => Math.floor(Math.random() * 1_000_000);
const crashSeed = Number(values.seed ?? process.env.PONTE_CRASH_SEED ?? randomSeed());
const soakSeed = Number(values.seed ?? process.env.PONTE_SOAK_SEED ?? randomSeed());
const kills = Number(values.kills ?? (quick ? 30 : 200));
const soakSeeds = Number(values['soak-seeds'] ?? (quick ? 1 : 2));

let violations = 0;
const report = (title: string, invariants: Invariant[]) => {
  console.log(`\n== ${title}`);
  for (const i of invariants) {
    console.log(`  ${formatInvariant(i)}`);
    if (i.passed !== i.total) violations += 1;
  }
};

const started = Date.now();
console.log(`crash campaign: seed ${crashSeed} (replay: PONTE_CRASH_SEED=${crashSeed}), ${kills} kills, every fault kind at 20 %, store-side status changes`);
try {
  const crash = await runCrashCampaign({ seed: crashSeed, kills, faultRate: 0.2, storeChanges: true, minHitsPerWindow: 2, log: (l) => console.log(`  ${l}`) });
  console.log(
    `  ${crash.kills} kills by where they landed ${JSON.stringify(crash.killsByPhase)}\n  aimed windows hit ${JSON.stringify(crash.windowHits)}\n` +
      `  faults injected ${JSON.stringify(crash.faults)}, ${crash.storeChanges} store-side status changes\n  ${crash.orders} orders, ${crash.commands} merchant entries, ` +
      `${crash.emails} shopper emails, clean run ${crash.convergeLoops} loops (${crash.merchantRetries} merchant retries), ${(crash.durationMs / 1000).toFixed(1)} s`,
  );
  report(`crash safety (seed ${crashSeed})`, crash.invariants);
} catch (error) {
  violations += 1;
  console.log(`FAIL crash campaign (seed ${crashSeed}): ${error instanceof Error ? error.message : String(error)}`);
}

for (let k = 0; k < soakSeeds; k++) {
  const seed = soakSeed + k;
  const base = quick ? { seed, activeRounds: 3, maxRounds: 60, initialOrders: 20, storeChanges: true } : { seed, activeRounds: 12, maxRounds: 150, initialOrders: 40, storeChanges: true };
  console.log(`\nfault soak: seed ${seed} (replay: PONTE_SOAK_SEED=${seed}), every fault kind at 20 %, 429s from a per-minute budget`);
  const log = (l: string) => console.log(`  ${l}`);
  const clean = await runSoak({ ...base, faultRate: 0, log });
  const faulty = await runSoak({ ...base, faultRate: 0.2, perMinute: 120, budgetRounds: quick ? 2 : 6, log });
  console.log(`  fault-free: ${describeSoak(clean)}\n  faulty:     ${describeSoak(faulty)}`);
  report(`faults (seed ${seed})`, compareSoak(faulty, clean));
  if (!faulty.converged) console.log(`  last round: ${faulty.lastRound}`);
}

console.log(`\n${violations === 0 ? 'all invariants hold' : `${violations} invariant(s) violated`} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(violations === 0 ? 0 : 1);
