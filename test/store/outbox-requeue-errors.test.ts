/**
 * The merchant's actions on a push (Fila: reenviar, descartar) name the push and the reason when they
 * cannot apply: an unknown id is not_found, retrying a push that has not failed is rejected.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PonteApiError } from '../../shared/api/contract.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';

describe('retrying or discarding a push that cannot be', () => {
  let db: PonteDb;
  beforeEach(() => {
    db = openPonteDb(':memory:', { now: () => new Date('2026-11-20T12:00:00Z') });
  });
  afterEach(() => db.close());

  const caught = (fn: () => unknown): PonteApiError => {
    try {
      fn();
    } catch (error) {
      if (error instanceof PonteApiError) return error;
      throw error;
    }
    throw new Error('no error thrown');
  };

  it('an unknown push is not_found, naming its id', () => {
    for (const action of [() => db.requeue(404), () => db.discard(404)]) {
      const error = caught(action);
      expect([error.code, error.message]).toEqual(['not_found', 'Envio 404 não encontrado.']);
    }
  });

  it('retrying a push still pending is rejected, naming its state', () => {
    const { id } = db.enqueue({ kind: 'tracking', orderId: null, payload: {}, idempotencyKey: 'k1', summary: 'Rastreio', emailsShopper: false });
    const error = caught(() => db.requeue(id));
    expect([error.code, error.message]).toEqual(['rejected', `O envio ${id} está "pending": só envios com falha ou descartados podem ser reenviados.`]);
  });

  it('the same idempotency key again returns the first row, not a new one', () => {
    const first = db.enqueue({ kind: 'tracking', orderId: null, payload: { a: 1 }, idempotencyKey: 'same', summary: 'Rastreio', emailsShopper: false });
    const again = db.enqueue({ kind: 'tracking', orderId: null, payload: { a: 2 }, idempotencyKey: 'same', summary: 'Rastreio', emailsShopper: false });
    expect(again).toEqual({ id: first.id, created: false });
    expect(db.listOutbox()).toHaveLength(1);
  });
});
