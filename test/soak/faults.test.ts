/**
 * Faults, short version (`npm test`), on SOAP and on REST: every fault kind at 20 % plus 429s from a per-minute budget;
 * the sync must reach the end state of a fault-free run of the same seed — same orders, statuses,
 * tracking codes, products (SKU, price, stock), variations, categories, brands, characteristics, customers and
 * wedding lists, no create sent twice, one shopper email per change that reached the store, the
 * store changing statuses itself meanwhile — and
 * the failures must show in the activity log. Replay with PONTE_SOAK_SEED=<seed printed below>;
 * the long version runs in `npm run soak`.
 */
import { describe, expect, it } from 'vitest';
import { formatInvariant } from '../crash/harness.ts';
import { compareSoak, describeSoak, runSoak } from './fault-soak.ts';

// Fixed so `npm test` is repeatable; `npm run soak` draws random seeds (PONTE_SOAK_SEED replays one).
const seed = Number(process.env.PONTE_SOAK_SEED ?? 41_207);

// REST (issue 15): its listing day by day used to fail whole under faults (0 orders); its 429s,
// waited out by the client, never reached the activity log; a stock push to 0 (stock and availability)
// resent both writes every attempt and could stay open past the round bound (seed 41207, CI).
describe.each(['soap', 'rest'] as const)('fault soak over %s', (transport) => {
  it(`converges to the fault-free end state with every fault kind at 20 % (seed ${seed})`, async () => {
    const base = { seed, transport, activeRounds: 3, maxRounds: 60, initialOrders: 20, storeChanges: true };
    const clean = await runSoak({ ...base, faultRate: 0 });
    const faulty = await runSoak({ ...base, faultRate: 0.2, perMinute: 120, budgetRounds: 2 });
    console.log(`fault soak over ${transport}, seed ${seed} (replay: PONTE_SOAK_SEED=${seed})\n  fault-free: ${describeSoak(clean)}\n  faulty:     ${describeSoak(faulty)}`);
    const invariants = compareSoak(faulty, clean);
    for (const i of invariants) console.log(formatInvariant(i));
    if (!faulty.converged) console.log(faulty.lastRound);
    for (const i of invariants) expect(i.examples, `${i.name} (${transport}, seed ${seed})`).toEqual([]);
  }, 120_000);
});
