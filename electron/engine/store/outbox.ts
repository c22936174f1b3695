/**
 * The outbox: every push to the store is committed here before it is sent.
 *
 * A worker claims rows under a lease (`lease_expires_at`) and a fresh fencing token. A crash mid-send
 * leaves the row 'sending' only until its lease expires; then it is claimable again (and the engine,
 * seeing previousState 'sending', treats its outcome as unknown). Finishing a row requires the token
 * it was claimed with, so a worker that lost its lease cannot overwrite the outcome of the one that
 * took over. Rows sharing a fifo_key (one order; one SKU's stock) are claimable strictly in order;
 * one order's rows also wait behind a row of it that failed for good, without being claimed (so
 * without using attempts), until the merchant retries or discards it.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PonteApiError, type OutboxEntry, type OutboxState } from '../../../shared/api/contract.ts';
import { t } from './messages.ts';

export type OutboxKind = OutboxEntry['kind'];

export interface EnqueueInput {
  kind: OutboxKind;
  orderId: number | null;
  payload: unknown;
  idempotencyKey: string;
  summary: string;
  emailsShopper: boolean;
}

export interface EnqueueCoalescedInput extends Omit<EnqueueInput, 'idempotencyKey'> {
  /** e.g. 'stock:SKU': a still-pending row with this key gets the new payload instead of a new row. */
  coalesceKey: string;
}

export type ClaimedPush = OutboxEntry & { payload: unknown; token: string; previousState: OutboxState };

interface OutboxDbRow {
  id: number;
  kind: OutboxKind;
  order_id: number | null;
  summary: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  emails_shopper: number;
  payload: string;
  token: string | null;
  lease_expires_at: string | null;
}

const toEntry = (r: OutboxDbRow): OutboxEntry => ({
  id: r.id,
  kind: r.kind,
  orderId: r.order_id,
  summary: r.summary,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  emailsShopper: r.emails_shopper === 1,
});

const parsePayload = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
};

export const createOutbox = (db: Database.Database, now: () => Date) => {
  const iso = () => now().toISOString();
  const s = {
    insert: db.prepare(`INSERT INTO outbox (kind, order_id, fifo_key, coalesce_key, idempotency_key, payload, summary, emails_shopper, state,
      attempts, created_at, updated_at) VALUES (@kind, @orderId, @fifoKey, @coalesceKey, @idempotencyKey, @payload, @summary, @emailsShopper,
      'pending', 0, @now, @now) ON CONFLICT (idempotency_key) DO NOTHING`),
    byKey: db.prepare<[string], { id: number }>('SELECT id FROM outbox WHERE idempotency_key = ?'),
    byId: db.prepare<[number], OutboxDbRow>('SELECT * FROM outbox WHERE id = ?'),
    pendingCoalesced: db.prepare<[string], { id: number }>(
      "SELECT id FROM outbox WHERE coalesce_key = ? AND state = 'pending' ORDER BY id DESC LIMIT 1",
    ),
    // The newest open row of a coalesce key, whatever its state (sent, unknown, in flight).
    openCoalesced: db.prepare<[string], { id: number; payload: string }>(
      "SELECT id, payload FROM outbox WHERE coalesce_key = ? AND state IN ('pending', 'sending', 'outcome_unknown') ORDER BY id DESC LIMIT 1",
    ),
    held: db.prepare<[number, string], { id: number }>("SELECT id FROM outbox WHERE id = ? AND token = ? AND state = 'sending'"),
    replacePayload: db.prepare('UPDATE outbox SET payload = ?, summary = ?, emails_shopper = ?, updated_at = ? WHERE id = ?'),
    // Claimable: due pending/outcome_unknown rows, or 'sending' rows whose lease ran out (a crashed
    // worker). FIFO: nothing older with the same fifo_key still open, nothing else of it leased.
    claimable: db.prepare<{ now: string; limit: number }, OutboxDbRow>(`SELECT o.* FROM outbox o
      WHERE o.state IN ('pending', 'sending', 'outcome_unknown')
        AND ((o.state <> 'sending' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= @now))
          OR (o.state = 'sending' AND o.lease_expires_at <= @now))
        AND (o.fifo_key IS NULL OR NOT EXISTS (
          SELECT 1 FROM outbox p WHERE p.fifo_key = o.fifo_key AND p.id <> o.id
            AND ((p.id < o.id AND p.state IN ('pending', 'sending', 'outcome_unknown'))
              OR (p.id < o.id AND p.state = 'failed' AND o.order_id IS NOT NULL)
              OR (p.state = 'sending' AND p.lease_expires_at > @now))))
      ORDER BY o.id LIMIT @limit`),
    take: db.prepare(`UPDATE outbox SET state = 'sending', lease_expires_at = @lease, token = @token, attempts = attempts + 1, updated_at = @now
      WHERE id = @id`),
    // Fenced transitions: only the holder of the current token moves a row out of 'sending'.
    finish: db.prepare(`UPDATE outbox SET state = @state, last_error = COALESCE(@error, last_error), next_attempt_at = @next,
      lease_expires_at = NULL, token = NULL, updated_at = @now WHERE id = @id AND token = @token AND state = 'sending'`),
    reset: db.prepare(`UPDATE outbox SET state = @state, attempts = @attempts, next_attempt_at = NULL, lease_expires_at = NULL, token = NULL,
      updated_at = @now WHERE id = @id`),
    failCorrupt: db.prepare(`UPDATE outbox SET state = 'failed', last_error = ?, lease_expires_at = NULL, token = NULL, updated_at = ?
      WHERE id = ?`),
    list: db.prepare<[number], OutboxDbRow>('SELECT * FROM outbox ORDER BY id DESC LIMIT ?'),
    // The states as one bound JSON array: one statement for any filter, no SQL built from strings.
    listIn: db.prepare<[string, number], OutboxDbRow>(
      'SELECT * FROM outbox WHERE state IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT ?',
    ),
    nextOpenStatus: db.prepare<[number, number], OutboxDbRow>(`SELECT * FROM outbox WHERE order_id = ? AND id > ? AND kind = 'status'
      AND state IN ('pending', 'sending', 'outcome_unknown') ORDER BY id LIMIT 1`),
    setPayload: db.prepare('UPDATE outbox SET payload = ?, updated_at = ? WHERE id = ?'),
    latestOfKind: db.prepare<[number, string], OutboxDbRow>('SELECT * FROM outbox WHERE order_id = ? AND kind = ? ORDER BY id DESC LIMIT 1'),
    countOfKind: db.prepare<[number, string], { n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE order_id = ? AND kind = ?'),
    ofOrder: db.prepare<[number], OutboxDbRow>('SELECT * FROM outbox WHERE order_id = ? ORDER BY id'),
    counts: db.prepare<[], { pending: number; failed: number }>(`SELECT
      (SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending', 'outcome_unknown')) AS pending,
      (SELECT COUNT(*) FROM outbox WHERE state = 'failed') AS failed`),
  };

  const fifoKeyOf = (orderId: number | null, coalesceKey: string | null) =>
    orderId !== null ? `order:${orderId}` : coalesceKey;

  const enqueue = (e: EnqueueInput): { id: number; created: boolean } => {
    const info = s.insert.run({
      kind: e.kind,
      orderId: e.orderId,
      fifoKey: fifoKeyOf(e.orderId, null),
      coalesceKey: null,
      idempotencyKey: e.idempotencyKey,
      payload: JSON.stringify(e.payload ?? null),
      summary: e.summary,
      emailsShopper: e.emailsShopper ? 1 : 0,
      now: iso(),
    });
    if (info.changes === 1) return { id: Number(info.lastInsertRowid), created: true };
    const existing = s.byKey.get(e.idempotencyKey);
    if (!existing) throw new Error(`outbox: idempotency key vanished: ${e.idempotencyKey}`);
    return { id: existing.id, created: false };
  };

  const enqueueCoalesced = db.transaction((e: EnqueueCoalescedInput): { id: number; coalesced: boolean } => {
    const payload = JSON.stringify(e.payload ?? null);
    const pending = s.pendingCoalesced.get(e.coalesceKey);
    if (pending) {
      s.replacePayload.run(payload, e.summary, e.emailsShopper ? 1 : 0, iso(), pending.id);
      return { id: pending.id, coalesced: true };
    }
    // The same value already on its way (tried, its outcome unknown, or in flight) is the same push:
    // a second row would only wait behind it and then send the store what it already has.
    const open = s.openCoalesced.get(e.coalesceKey);
    if (open && open.payload === payload) return { id: open.id, coalesced: true };
    const info = s.insert.run({
      kind: e.kind,
      orderId: e.orderId,
      fifoKey: fifoKeyOf(e.orderId, e.coalesceKey),
      coalesceKey: e.coalesceKey,
      idempotencyKey: `${e.coalesceKey}#${randomUUID()}`,
      payload,
      summary: e.summary,
      emailsShopper: e.emailsShopper ? 1 : 0,
      now: iso(),
    });
    return { id: Number(info.lastInsertRowid), coalesced: false };
  });

  const claimTx = db.transaction((opts: { leaseMs: number; limit: number; kinds?: readonly string[] }): ClaimedPush[] => {
    const at = now();
    const nowIso = at.toISOString();
    const lease = new Date(at.getTime() + opts.leaseMs).toISOString();
    const kinds = opts.kinds ? new Set(opts.kinds) : null;
    const claimed: ClaimedPush[] = [];
    // Filtering kinds after the FIFO check keeps the rule intact: an older row of another kind
    // still blocks a later one of the same order.
    const candidates = s.claimable.all({ now: nowIso, limit: kinds ? -1 : opts.limit });
    for (const row of candidates) {
      if (claimed.length >= opts.limit) break;
      if (kinds && !kinds.has(row.kind)) continue;
      const payload = parsePayload(row.payload);
      if (!payload.ok) {
        s.failCorrupt.run(t('outbox.badPayload'), nowIso, row.id);
        continue;
      }
      const token = randomUUID();
      s.take.run({ id: row.id, lease, token, now: nowIso });
      claimed.push({
        ...toEntry({ ...row, state: 'sending', attempts: row.attempts + 1, updated_at: nowIso }),
        payload: payload.value,
        token,
        previousState: row.state,
      });
    }
    return claimed;
  });

  const fenced = (id: number, token: string, state: OutboxState, error: string | null, next: string | null): boolean =>
    s.finish.run({ id, token, state, error, next, now: iso() }).changes === 1;

  const mustGet = (id: number): OutboxDbRow => {
    const row = s.byId.get(id);
    if (!row) throw new PonteApiError('not_found', t('outbox.notFound', { id }));
    return row;
  };

  const requeue = db.transaction((id: number): OutboxEntry => {
    const row = mustGet(id);
    if (row.state !== 'failed' && row.state !== 'discarded') {
      throw new PonteApiError('rejected', t('outbox.cannotRequeue', { id, state: row.state }));
    }
    // A row that was tried may have reached the store (an answer lost, a fault after the write):
    // it goes back as an unknown outcome, so its next send reads the store back before writing.
    // (The error stays after a first requeue resets the attempts, so a second one still knows.)
    const tried = row.attempts > 0 || row.last_error !== null;
    s.reset.run({ id, state: tried ? 'outcome_unknown' : 'pending', attempts: 0, now: iso() });
    return toEntry(mustGet(id));
  });

  /**
   * A status push moves the order from a status (payload.fromStatusId) to another. Discarding one
   * means the order stays where it started, so the next open status push of the order now starts
   * there too (otherwise its read-back would take the unchanged store for a store-side change).
   */
  const rebaseAfterDiscard = (row: OutboxDbRow) => {
    if (row.kind !== 'status' || row.order_id === null) return;
    const discarded = parsePayload(row.payload);
    const next = s.nextOpenStatus.get(row.order_id, row.id);
    if (!discarded.ok || !next) return;
    const from = (discarded.value as { fromStatusId?: unknown } | null)?.fromStatusId;
    const payload = parsePayload(next.payload);
    if (typeof from !== 'number' || !payload.ok || typeof payload.value !== 'object' || payload.value === null) return;
    s.setPayload.run(JSON.stringify({ ...payload.value, fromStatusId: from }), iso(), next.id);
  };

  const discard = db.transaction((id: number): OutboxEntry => {
    const row = mustGet(id);
    if (row.state === 'discarded') return toEntry(row);
    // A live lease means a worker is sending it right now; an expired one was left by a crash.
    const leased = row.state === 'sending' && (row.lease_expires_at ?? '') > iso();
    if (row.state === 'done' || leased) throw new PonteApiError('rejected', t('outbox.cannotDiscard', { id, state: row.state }));
    s.reset.run({ id, state: 'discarded', attempts: row.attempts, now: iso() });
    rebaseAfterDiscard(row);
    return toEntry(mustGet(id));
  });

  const listOutbox = (states?: readonly OutboxState[], limit = 200): OutboxEntry[] =>
    !states || states.length === 0 ? s.list.all(limit).map(toEntry) : s.listIn.all(JSON.stringify(states), limit).map(toEntry);

  return {
    enqueue,
    enqueueCoalesced,
    claim: (opts: { leaseMs: number; limit: number; kinds?: readonly string[] }) => claimTx.immediate(opts),
    complete: (id: number, token: string) => fenced(id, token, 'done', null, null),
    markOutcomeUnknown: (id: number, token: string, error: string, nextAttemptAt: string) => fenced(id, token, 'outcome_unknown', error, nextAttemptAt),
    reschedule: (id: number, token: string, error: string, nextAttemptAt: string) => fenced(id, token, 'pending', error, nextAttemptAt),
    fail: (id: number, token: string, error: string) => fenced(id, token, 'failed', error, null),
    /** Whether this token still holds the row's lease (no other worker took it over). */
    holdsLease: (id: number, token: string): boolean => s.held.get(id, token) !== undefined,
    /** The store shows the order elsewhere (neither where the push starts nor where it goes): never written. */
    supersede: (id: number, token: string, note: string) => fenced(id, token, 'superseded', note, null),
    /** The newest push of a kind for an order, with its payload (null when unreadable). */
    latestPushOf: (orderId: number, kind: OutboxKind): (OutboxEntry & { payload: unknown }) | null => {
      const row = s.latestOfKind.get(orderId, kind);
      if (!row) return null;
      const payload = parsePayload(row.payload);
      return { ...toEntry(row), payload: payload.ok ? payload.value : null };
    },
    /** How many pushes of a kind an order has had: numbers each new request of it. */
    pushCountOf: (orderId: number, kind: OutboxKind): number => s.countOfKind.get(orderId, kind)?.n ?? 0,
    requeue,
    discard,
    listOutbox,
    getOutboxEntry: (id: number): OutboxEntry | null => {
      const row = s.byId.get(id);
      return row ? toEntry(row) : null;
    },
    pushesOf: (orderId: number): OutboxEntry[] => s.ofOrder.all(orderId).map(toEntry),
    outboxCounts: () => s.counts.get() ?? { pending: 0, failed: 0 },
  };
};
