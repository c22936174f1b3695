import { describe, expect, it } from 'vitest';
import { PonteApiError } from '../../shared/api/contract.ts';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPonteDb } from '../../electron/engine/store/index.ts';
import { FakeClock, makeOrder, openTestDb } from './helpers.ts';

const LEASE = 60_000;
const later = (clock: { now: () => Date }, ms: number) => new Date(clock.now().getTime() + ms).toISOString();

const setup = () => {
  const { db, clock } = openTestDb();
  db.upsertOrder(makeOrder(1));
  db.upsertOrder(makeOrder(2));
  const status = (orderId: number, key: string) =>
    db.enqueue({ kind: 'status', orderId, payload: { orderId, key }, idempotencyKey: key, summary: `Status ${key}`, emailsShopper: true });
  const tracking = (orderId: number, key: string) =>
    db.enqueue({ kind: 'tracking', orderId, payload: { orderId, code: key }, idempotencyKey: key, summary: `Rastreio ${key}`, emailsShopper: false });
  const stock = (sku: string, value: number) =>
    db.enqueueCoalesced({ kind: 'stock', orderId: null, coalesceKey: `stock:${sku}`, payload: { sku, stock: value }, summary: `Estoque ${sku}`, emailsShopper: false });
  return { db, clock, status, tracking, stock };
};

describe('outbox', () => {
  it('enqueueing the same idempotency key twice returns the existing row', () => {
    const { db, status } = setup();
    const a = status(1, 'status:1:1->2');
    const b = status(1, 'status:1:1->2');
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    expect(db.listOutbox().length).toBe(1);
    expect(db.outboxCounts()).toEqual({ pending: 1, failed: 0 });
  });

  it('claims pending rows with a lease and a token, and completes them with it', () => {
    const { db, status } = setup();
    const { id } = status(1, 'k1');
    const [row] = db.claim({ leaseMs: LEASE, limit: 10 });
    expect(row).toMatchObject({ id, state: 'sending', attempts: 1, previousState: 'pending', payload: { orderId: 1, key: 'k1' }, emailsShopper: true });
    expect(row?.token).toMatch(/[0-9a-f-]{36}/);
    expect(db.claim({ leaseMs: LEASE, limit: 10 })).toEqual([]); // leased: nobody else takes it
    expect(db.complete(id, row!.token)).toBe(true);
    expect(db.getOutboxEntry(id)?.state).toBe('done');
    expect(db.complete(id, row!.token)).toBe(false); // finishing twice is refused
    expect(db.outboxCounts()).toEqual({ pending: 0, failed: 0 });
  });

  it('an expired lease makes a crashed "sending" row claimable again, flagged as such', () => {
    const { db, clock, status } = setup();
    const { id } = status(1, 'k1');
    db.claim({ leaseMs: LEASE, limit: 10 });
    clock.advance(LEASE - 1);
    expect(db.claim({ leaseMs: LEASE, limit: 10 })).toEqual([]);
    clock.advance(1);
    const [again] = db.claim({ leaseMs: LEASE, limit: 10 });
    expect(again).toMatchObject({ id, previousState: 'sending', attempts: 2 });
  });

  it('a stale token cannot finish a row another worker took over', () => {
    const { db, clock, status } = setup();
    const { id } = status(1, 'k1');
    const [first] = db.claim({ leaseMs: LEASE, limit: 10 });
    clock.advance(LEASE);
    const [second] = db.claim({ leaseMs: LEASE, limit: 10 });
    expect(second!.token).not.toBe(first!.token);
    expect(db.complete(id, first!.token)).toBe(false);
    expect(db.fail(id, first!.token, 'late')).toBe(false);
    expect(db.reschedule(id, first!.token, 'late', later(clock, 1000))).toBe(false);
    expect(db.markOutcomeUnknown(id, first!.token, 'late', later(clock, 1000))).toBe(false);
    expect(db.getOutboxEntry(id)?.state).toBe('sending');
    expect(db.complete(id, second!.token)).toBe(true);
  });

  it('reschedule and outcome-unknown wait until their next attempt time', () => {
    const { db, clock, status, tracking } = setup();
    const a = status(1, 'a');
    const b = tracking(2, 'b');
    const claimed = db.claim({ leaseMs: LEASE, limit: 10 });
    expect(claimed.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(db.reschedule(a.id, claimed[0]!.token, 'timeout', later(clock, 30_000))).toBe(true);
    expect(db.markOutcomeUnknown(b.id, claimed[1]!.token, 'no answer', later(clock, 60_000))).toBe(true);
    expect(db.getOutboxEntry(a.id)).toMatchObject({ state: 'pending', lastError: 'timeout' });
    expect(db.getOutboxEntry(b.id)).toMatchObject({ state: 'outcome_unknown', lastError: 'no answer' });
    expect(db.outboxCounts().pending).toBe(2);
    expect(db.claim({ leaseMs: LEASE, limit: 10 })).toEqual([]);
    clock.advance(30_000);
    expect(db.claim({ leaseMs: LEASE, limit: 10 }).map((c) => [c.id, c.previousState])).toEqual([[a.id, 'pending']]);
    clock.advance(30_000);
    expect(db.claim({ leaseMs: LEASE, limit: 10 }).map((c) => [c.id, c.previousState])).toEqual([[b.id, 'outcome_unknown']]);
  });

  it('per-order FIFO: a later push is not claimable until the earlier one is finished', () => {
    const { db, clock, status, tracking } = setup();
    const first = tracking(1, 't1');
    const second = status(1, 's1');
    const other = status(2, 's2');
    const claimed = db.claim({ leaseMs: LEASE, limit: 10 });
    expect(claimed.map((c) => c.id)).toEqual([first.id, other.id]);
    // The first fails transiently: the later status must still wait behind it.
    db.reschedule(first.id, claimed[0]!.token, 'timeout', later(clock, 10_000));
    expect(db.claim({ leaseMs: LEASE, limit: 10 })).toEqual([]);
    clock.advance(10_000);
    const [retry] = db.claim({ leaseMs: LEASE, limit: 10 });
    expect(retry?.id).toBe(first.id);
    expect(db.claim({ leaseMs: LEASE, limit: 10 })).toEqual([]);
    db.complete(first.id, retry!.token);
    expect(db.claim({ leaseMs: LEASE, limit: 10 }).map((c) => c.id)).toEqual([second.id]);
  });

  it('per-order FIFO holds with a kinds filter and after a final failure', () => {
    const { db, status, tracking } = setup();
    const first = tracking(1, 't1');
    const second = status(1, 's1');
    expect(db.claim({ leaseMs: LEASE, limit: 10, kinds: ['status'] })).toEqual([]);
    const [t1] = db.claim({ leaseMs: LEASE, limit: 10, kinds: ['tracking'] });
    db.fail(first.id, t1!.token, 'recusado');
    expect(db.outboxCounts()).toEqual({ pending: 1, failed: 1 });
    // An order's later push waits behind its failed one without being claimed (no attempts used)...
    expect(db.claim({ leaseMs: LEASE, limit: 10, kinds: ['status'] })).toEqual([]);
    expect(db.getOutboxEntry(second.id)).toMatchObject({ state: 'pending', attempts: 0 });
    // ...until the merchant resolves the head (here: discards it).
    db.discard(first.id);
    expect(db.claim({ leaseMs: LEASE, limit: 10, kinds: ['status'] }).map((c) => c.id)).toEqual([second.id]);
  });

  it('a failed stock push does not hold back a later value of the same SKU', () => {
    const { db, stock } = setup();
    const first = stock('SKU-X', 1);
    const [c1] = db.claim({ leaseMs: LEASE, limit: 10 });
    db.fail(first.id, c1!.token, 'recusado');
    const second = stock('SKU-X', 2);
    expect(db.claim({ leaseMs: LEASE, limit: 10 }).map((c) => c.id)).toEqual([second.id]);
  });

  it('respects the claim limit', () => {
    const { db, stock } = setup();
    for (let i = 0; i < 5; i += 1) stock(`SKU-${i}`, i);
    expect(db.claim({ leaseMs: LEASE, limit: 2 }).length).toBe(2);
    expect(db.claim({ leaseMs: LEASE, limit: 10 }).length).toBe(3);
  });

  it('coalescing replaces the payload of a pending stock push', () => {
    const { db, stock } = setup();
    const a = stock('SKU-1', 5);
    const b = stock('SKU-1', 3);
    const other = stock('SKU-2', 9);
    expect(a.coalesced).toBe(false);
    expect(b).toEqual({ id: a.id, coalesced: true });
    expect(other.coalesced).toBe(false);
    const claimed = db.claim({ leaseMs: LEASE, limit: 10 });
    expect(claimed.map((c) => c.payload)).toEqual([{ sku: 'SKU-1', stock: 3 }, { sku: 'SKU-2', stock: 9 }]);
  });

  it('coalescing never touches a push already sending; the new value waits behind it', () => {
    const { db, stock } = setup();
    const a = stock('SKU-1', 5);
    const [sending] = db.claim({ leaseMs: LEASE, limit: 10 });
    const b = stock('SKU-1', 3);
    expect(b.coalesced).toBe(false);
    expect(b.id).not.toBe(a.id);
    const c = stock('SKU-1', 2);
    expect(c).toEqual({ id: b.id, coalesced: true });
    expect(sending?.payload).toEqual({ sku: 'SKU-1', stock: 5 });
    // Same SKU: the newer value is not sent while the older one is in flight.
    expect(db.claim({ leaseMs: LEASE, limit: 10 })).toEqual([]);
    db.complete(a.id, sending!.token);
    expect(db.claim({ leaseMs: LEASE, limit: 10 }).map((r) => r.payload)).toEqual([{ sku: 'SKU-1', stock: 2 }]);
  });

  it('requeue brings a failed row back with attempts reset, as an unknown outcome (it may have reached the store); discard retires it', () => {
    const { db, status } = setup();
    const { id } = status(1, 'k');
    const [row] = db.claim({ leaseMs: LEASE, limit: 1 });
    db.fail(id, row!.token, 'recusado');
    expect(db.listOutbox(['failed']).map((e) => e.id)).toEqual([id]);
    expect(db.requeue(id)).toMatchObject({ state: 'outcome_unknown', attempts: 0, lastError: 'recusado' });
    expect(() => db.requeue(id)).toThrow(PonteApiError);
    expect(db.discard(id)).toMatchObject({ state: 'discarded' });
    expect(db.claim({ leaseMs: LEASE, limit: 1 })).toEqual([]);
    // Requeued, discarded before its next try, requeued again: still tried once, still unknown.
    expect(db.requeue(id).state).toBe('outcome_unknown');
    // A row discarded before any try goes back as plainly pending.
    const never = status(2, 'k2');
    db.discard(never.id);
    expect(db.requeue(never.id).state).toBe('pending');
    expect(() => db.discard(12345)).toThrow(/não encontrado/);
  });

  it('a leased row cannot be discarded under the worker, but one left by a crash can', () => {
    const { db, clock, status } = setup();
    const { id } = status(1, 'k');
    const [row] = db.claim({ leaseMs: LEASE, limit: 1 });
    expect(() => db.discard(id)).toThrow(PonteApiError);
    clock.advance(LEASE);
    expect(db.discard(id).state).toBe('discarded');
    expect(db.complete(id, row!.token)).toBe(false);
  });

  it('an unreadable payload fails the row instead of sending it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ponte-outbox-'));
    try {
      const file = path.join(dir, 'ponte.sqlite');
      const clock = new FakeClock();
      let db = openPonteDb(file, { now: clock.now });
      const bad = db.enqueue({ kind: 'status', orderId: null, payload: { a: 1 }, idempotencyKey: 'bad', summary: 's', emailsShopper: true });
      const good = db.enqueue({ kind: 'status', orderId: null, payload: { a: 2 }, idempotencyKey: 'good', summary: 's', emailsShopper: true });
      db.close();
      const raw = new Database(file);
      raw.prepare("UPDATE outbox SET payload = '{broken' WHERE id = ?").run(bad.id);
      raw.close();
      db = openPonteDb(file, { now: clock.now });
      expect(db.claim({ leaseMs: LEASE, limit: 10 }).map((c) => c.id)).toEqual([good.id]);
      expect(db.getOutboxEntry(bad.id)).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/ilegível/) });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists by state, newest first, and shows the pushes on the order', () => {
    const { db, status, tracking } = setup();
    const a = tracking(1, 'a');
    const b = status(1, 'b');
    expect(db.listOutbox().map((e) => e.id)).toEqual([b.id, a.id]);
    expect(db.listOutbox(['pending'], 1).map((e) => e.id)).toEqual([b.id]);
    expect(db.listOutbox(['done'])).toEqual([]);
    const order = db.getOrder(1);
    expect(order?.pushes.map((p) => p.id)).toEqual([a.id, b.id]);
    expect(order?.pushState).toBe('pending');
    expect(db.queryOrders({}).rows.find((r) => r.id === 1)?.pushState).toBe('pending');
  });
});
