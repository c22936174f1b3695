/**
 * Outbox edges that exactly-once relies on, beyond the happy paths of outbox.test.ts: a kinds filter that
 * must look past other kinds without overshooting the limit, the rebase of the next status push when one
 * is discarded (and only then, and only where it applies), and a push already sent that cannot be discarded.
 */
import { describe, expect, it } from 'vitest';
import { PonteApiError } from '../../shared/api/contract.ts';
import { makeOrder, openTestDb } from './helpers.ts';

const LEASE = 60_000;

const setup = () => {
  const { db, clock } = openTestDb();
  db.upsertOrder(makeOrder(1));
  db.upsertOrder(makeOrder(2));
  let n = 0;
  /** A status push of the order, moving it from `from` (undefined: a row from before 'from' was recorded). */
  const status = (orderId: number, to: number, from?: number) =>
    db.enqueue({
      kind: 'status',
      orderId,
      payload: { orderId, storeStatusId: to, local: `s${to}`, ...(from === undefined ? {} : { fromStatusId: from }) },
      idempotencyKey: `status:${orderId}:${(n += 1)}`,
      summary: `Status ${to}`,
      emailsShopper: true,
    });
  const raw = (orderId: number, kind: 'status' | 'tracking', payload: unknown) =>
    db.enqueue({ kind, orderId, payload, idempotencyKey: `raw:${(n += 1)}`, summary: kind, emailsShopper: kind === 'status' });
  const tracking = (orderId: number, code: string) =>
    db.enqueue({ kind: 'tracking', orderId, payload: { orderId, code }, idempotencyKey: `tracking:${code}`, summary: `Rastreio ${code}`, emailsShopper: false });
  const stock = (sku: string) =>
    db.enqueueCoalesced({ kind: 'stock', orderId: null, coalesceKey: `stock:${sku}`, payload: { sku, stock: 1 }, summary: sku, emailsShopper: false });
  return { db, clock, status, raw, tracking, stock };
};

describe('outbox edges', () => {
  it("Fila shows whether a push e-mails the shopper: a tracking push does not, a status push does", () => {
    const { db, status, tracking } = setup();
    const t = tracking(1, 'BR1');
    const s = status(2, 3, 1);
    expect(db.getOutboxEntry(t.id)?.emailsShopper).toBe(false);
    expect(db.getOutboxEntry(s.id)?.emailsShopper).toBe(true);
    expect(db.listOutbox().map((e) => [e.id, e.emailsShopper])).toEqual([[s.id, true], [t.id, false]]);
  });

  it('a kinds filter looks past claimable rows of other kinds, and still claims no more than the limit', () => {
    const { db, status, stock } = setup();
    stock('SKU-A');
    stock('SKU-B');
    const s1 = status(1, 2, 1);
    const s2 = status(2, 2, 1);
    // Two stock rows come first in id order: the status worker must still reach the status rows...
    expect(db.claim({ leaseMs: LEASE, limit: 1, kinds: ['status'] }).map((c) => c.id)).toEqual([s1.id]);
    // ...one at a time when asked for one (a claimed row is leased and counts an attempt).
    expect(db.getOutboxEntry(s2.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(db.claim({ leaseMs: LEASE, limit: 10, kinds: ['status'] }).map((c) => c.id)).toEqual([s2.id]);
    expect(db.listOutbox(['pending']).map((e) => e.kind)).toEqual(['stock', 'stock']);
  });

  it("discarding a status push rebases the order's next status push onto its 'from', not a tracking push, not another order's", () => {
    const { db, status, tracking } = setup();
    const s1 = status(1, 2, 1);
    const t1 = tracking(1, 'BR1');
    const s2 = status(1, 3, 2);
    const other = status(2, 3, 2);
    db.discard(s1.id);
    // The order stays at 1, so the next status push now moves it from 1.
    expect(db.getOrder(1)?.pushes.map((p) => p.id)).toEqual([s1.id, t1.id, s2.id]);
    expect(db.latestPushOf(1, 'status')?.payload).toEqual({ orderId: 1, storeStatusId: 3, local: 's3', fromStatusId: 1 });
    expect(db.latestPushOf(1, 'tracking')?.payload).toEqual({ orderId: 1, code: 'BR1' });
    expect(db.latestPushOf(2, 'status')?.payload).toEqual({ orderId: 2, storeStatusId: 3, local: 's3', fromStatusId: 2 });
    expect(other.created).toBe(true);
  });

  it("a discarded status push that recorded no 'from' (an older row) leaves the next one's 'from' alone", () => {
    const { db, status } = setup();
    const s1 = status(1, 2);
    status(1, 3, 2);
    db.discard(s1.id);
    expect(db.latestPushOf(1, 'status')?.payload).toEqual({ orderId: 1, storeStatusId: 3, local: 's3', fromStatusId: 2 });
  });

  it('a rebase never invents a payload: a next push it cannot read as an object is left as it was', () => {
    for (const body of [null, 'texto', 7]) {
      const { db, status, raw } = setup();
      const s1 = status(1, 2, 1);
      raw(1, 'status', body);
      db.discard(s1.id);
      expect(db.latestPushOf(1, 'status')?.payload).toEqual(body);
    }
  });

  it('the merchant can discard a status push whatever its payload holds', () => {
    const { db, status, raw } = setup();
    const odd = raw(1, 'status', null);
    status(1, 3, 2);
    expect(db.discard(odd.id).state).toBe('discarded');
    expect(db.latestPushOf(1, 'status')?.payload).toEqual({ orderId: 1, storeStatusId: 3, local: 's3', fromStatusId: 2 });
  });

  it('discarding a push twice (a double click, a retried request) does not rebase a later push again', () => {
    const { db, status } = setup();
    const s1 = status(1, 2, 1);
    const s2 = status(1, 3, 2);
    db.discard(s1.id);
    const [claimed] = db.claim({ leaseMs: LEASE, limit: 1 });
    expect(claimed?.id).toBe(s2.id);
    db.complete(s2.id, claimed!.token);
    // The store is now at 3; the order's next change moves it from 3.
    const s3 = status(1, 4, 3);
    const before = db.getOutboxEntry(s1.id);
    expect(db.discard(s1.id)).toEqual(before);
    expect(db.latestPushOf(1, 'status')).toMatchObject({ id: s3.id, payload: { fromStatusId: 3 } });
  });

  it('a push already sent cannot be discarded, and its discard rebases nothing', () => {
    const { db, status } = setup();
    const s1 = status(1, 2, 1);
    const [claimed] = db.claim({ leaseMs: LEASE, limit: 1 });
    db.complete(s1.id, claimed!.token);
    status(1, 3, 2);
    let error: unknown;
    try {
      db.discard(s1.id);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PonteApiError);
    expect([(error as PonteApiError).code, (error as PonteApiError).message]).toEqual([
      'rejected',
      `O envio ${s1.id} está "done" e não pode ser descartado agora.`,
    ]);
    expect(db.getOutboxEntry(s1.id)?.state).toBe('done');
    expect(db.latestPushOf(1, 'status')?.payload).toMatchObject({ fromStatusId: 2 });
  });

  it('a push left sending by a crash, discarded and retried, goes back as an unknown outcome (it may have reached the store)', () => {
    const { db, clock, tracking } = setup();
    const t1 = tracking(1, 'BR1');
    db.claim({ leaseMs: LEASE, limit: 1 }); // the worker dies mid-send: no outcome, no error recorded
    clock.advance(LEASE);
    db.discard(t1.id);
    expect(db.getOutboxEntry(t1.id)).toMatchObject({ state: 'discarded', attempts: 1, lastError: null });
    expect(db.requeue(t1.id)).toMatchObject({ state: 'outcome_unknown', attempts: 0 });
    expect(db.claim({ leaseMs: LEASE, limit: 1 }).map((c) => [c.id, c.previousState])).toEqual([[t1.id, 'outcome_unknown']]);
  });

  it('an empty state filter lists every push, as no filter does', () => {
    const { db, status, tracking } = setup();
    const a = tracking(1, 'BR1');
    const b = status(1, 2, 1);
    db.discard(a.id);
    expect(db.listOutbox([]).map((e) => e.id)).toEqual([b.id, a.id]);
    expect(db.listOutbox(['discarded', 'pending', 'pending']).map((e) => e.id)).toEqual([b.id, a.id]);
    expect(db.listOutbox(['discarded']).map((e) => e.id)).toEqual([a.id]);
  });
});
