/**
 * `npm run soak`: the long versions of the reliability checks, printing every invariant with its
 * count ("orders in Ponte exactly once: 412/412") and exiting non-zero on any violation, on each
 * way to the store (`--transport soap|rest|both`, default both; one emulator serves SOAP and REST
 * over the same store state):
 *   - crash safety: the engine in a child process SIGKILLed 200 times under 20 % faults of every kind
 *     while the store changes statuses itself (test/crash/harness.ts); each aimed window hit twice;
 *   - faults: every fault kind at 20 % plus 429s, two seeds, against fault-free runs on the same
 *     transport (./fault-soak.ts); on REST also the fault-free REST end state against the SOAP one.
 *   - then, unless --quick, the hostile suite's long form (test/hostile with PONTE_LONG=1).
 * Options: --kills N, --seed S (both campaigns), --soak-seeds K, --min-hits N (kills each aimed
 * window must take), --quick (30 kills, one short soak, one hit per window, no hostile suite),
 * --transport soap|rest|both. Seeds are printed; PONTE_CRASH_SEED / PONTE_SOAK_SEED replay one.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { StoreTransport } from '../../shared/api/contract.ts';
import { formatInvariant, runCrashCampaign, type Invariant } from '../crash/harness.ts';
import { compareSoak, describeSoak, runSoak, type SoakResult } from './fault-soak.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string' },
    seed: { type: 'string' },
    'soak-seeds': { type: 'string' },
    'min-hits': { type: 'string' },
    quick: { type: 'boolean', default: false },
    transport: { type: 'string', default: 'both' },
  },
});
const quick = values.quick === true;
const randomSeed = () => Math.floor(Math.random() * 1_000_000);
const crashSeed = Number(values.seed ?? process.env.PONTE_CRASH_SEED ?? randomSeed());
const soakSeed = Number(values.seed ?? process.env.PONTE_SOAK_SEED ?? randomSeed());
const kills = Number(values.kills ?? (quick ? 30 : 200));
const soakSeeds = Number(values['soak-seeds'] ?? (quick ? 1 : 2));
// Kills land where the random timing puts them: 200 kills reach each of the aimed windows twice
// with room to spare, 30 kills under 20 % faults cannot promise it for every window (a quick run
// once missed a second hit on one window and nothing else), so a quick run asks for one.
const minHits = Number(values['min-hits'] ?? (quick ? 1 : 2));
const TRANSPORTS: Record<string, StoreTransport[]> = { soap: ['soap'], rest: ['rest'], both: ['soap', 'rest'] };
const transports = TRANSPORTS[values.transport ?? 'both'];
if (!transports) {
  console.error(`--transport: soap, rest ou both (recebido: ${values.transport})`);
  process.exit(2);
}

let violations = 0;
const report = (title: string, invariants: Invariant[]) => {
  console.log(`\n== ${title}`);
  for (const i of invariants) console.log(`  ${formatInvariant(i)}`);
  violations += invariants.filter((i) => i.passed !== i.total).length;
};

const started = Date.now();
for (const transport of transports) {
  console.log(`\ncrash campaign over ${transport}: seed ${crashSeed} (replay: PONTE_CRASH_SEED=${crashSeed}), ${kills} kills, every fault kind at 20 %, store-side status changes`);
  try {
    const crash = await runCrashCampaign({ seed: crashSeed, transport, kills, faultRate: 0.2, storeChanges: true, minHitsPerWindow: minHits, log: (l) => console.log(`  ${l}`) });
    console.log(
      `  ${crash.kills} kills by where they landed ${JSON.stringify(crash.killsByPhase)}\n  aimed windows hit ${JSON.stringify(crash.windowHits)}\n` +
        `  faults injected ${JSON.stringify(crash.faults)}, ${crash.storeChanges} store-side status changes\n  ${crash.orders} orders, ${crash.commands} merchant entries, ` +
        `${crash.emails} shopper emails, clean run ${crash.convergeLoops} loops (${crash.merchantRetries} merchant retries), ${(crash.durationMs / 1000).toFixed(1)} s`,
    );
    report(`crash safety over ${transport} (seed ${crashSeed})`, crash.invariants);
  } catch (error) {
    violations += 1;
    console.log(`FAIL crash campaign over ${transport} (seed ${crashSeed}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

for (let k = 0; k < soakSeeds; k++) {
  const seed = soakSeed + k;
  const base = quick ? { seed, activeRounds: 3, maxRounds: 60, initialOrders: 20, storeChanges: true } : { seed, activeRounds: 12, maxRounds: 150, initialOrders: 40, storeChanges: true };
  const log = (l: string) => console.log(`  ${l}`);
  const clean = new Map<StoreTransport, SoakResult>();
  const cleanRun = async (transport: StoreTransport) => {
    const known = clean.get(transport);
    if (known) return known;
    const run = await runSoak({ ...base, transport, faultRate: 0, log });
    clean.set(transport, run);
    return run;
  };
  for (const transport of transports) {
    console.log(`\nfault soak over ${transport}: seed ${seed} (replay: PONTE_SOAK_SEED=${seed}), every fault kind at 20 %, 429s from a per-minute budget`);
    const baseline = await cleanRun(transport);
    const faulty = await runSoak({ ...base, transport, faultRate: 0.2, perMinute: 120, budgetRounds: quick ? 2 : 6, log });
    console.log(`  fault-free: ${describeSoak(baseline)}\n  faulty:     ${describeSoak(faulty)}`);
    report(`faults over ${transport} (seed ${seed})`, compareSoak(faulty, baseline));
    if (!faulty.converged) console.log(`  last round: ${faulty.lastRound}`);
    if (transport === 'rest') {
      // The way to the store must not change where the store ends up.
      const soap = await cleanRun('soap');
      report(`fault-free REST against fault-free SOAP (seed ${seed})`, compareSoak(baseline, soap, { baseline: 'the SOAP fault-free run', faults: false }));
    }
  }
}

if (!quick) {
  // Run here rather than chained in package.json, so that `npm run soak -- --quick` reaches this
  // script's options instead of vitest's.
  console.log('\nhostile suite, long form (PONTE_LONG=1 vitest run test/hostile)');
  const hostile = spawnSync('npx', ['vitest', 'run', 'test/hostile'], { stdio: 'inherit', env: { ...process.env, PONTE_LONG: '1' } });
  if (hostile.status !== 0) {
    violations += 1;
    console.log(`FAIL hostile suite (exit ${hostile.status ?? hostile.signal})`);
  }
}

console.log(`\n${violations === 0 ? 'all invariants hold' : `${violations} invariant(s) violated`} on ${transports.join(' and ')} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(violations === 0 ? 0 : 1);
