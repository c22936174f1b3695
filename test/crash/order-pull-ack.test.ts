/**
 * Regression (found by the fault soak): an order whose to-do acknowledgement failed stayed in the
 * store's to-do list for good, because the checkpoint moved past it. Now the checkpoint holds until
 * every pulled order is acknowledged; the re-read is a no-op locally and the ack is sent again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorStore } from '../../electron/emulator/index.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';

class LostAck extends Error {
  readonly kind = 'outcome_unknown';
}

describe('order pull acknowledgement', () => {
  let dir: string;
  let db: PonteDb | null = null;
  afterEach(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges again, on a later run, an order whose acknowledgement failed', async () => {
    let clock = Date.parse('2026-11-20T12:00:00Z');
    const now = () => new Date(clock);
    const store = new EmulatorStore({ seed: 3, orders: 6, now });
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-ack-'));
    db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now });
    let acksToLose = 1;
    const tray: TrayPort = {
      call: async (name, args) => {
        if (name === 'fWSAtualizaListaToDo' && acksToLose-- > 0) throw new LostAck('resposta perdida');
        return store.call(name, (args as readonly unknown[]).map(String)) as never;
      },
    };
    const ctx: JobContext = { db, store: new SoapStoreAdapter(tray), settings: () => DEFAULT_SETTINGS, now, emit: () => {}, log: () => {} };
    const pending = () => [...store.orders.values()].filter((o) => o.pending).map((o) => o.order.id_pedido);

    const listed = pending().length;
    expect(listed).toBeGreaterThan(1);
    const first = await runOrderPull(ctx);
    expect(first.counts.created).toBe(listed);
    expect(pending()).toHaveLength(1);

    // Hours later (far past the window's overlap), the next pull still sees it and acknowledges it.
    clock += 3 * 3_600_000;
    const second = await runOrderPull(ctx);
    expect(second.counts.created).toBe(0);
    expect(pending()).toEqual([]);
    expect(db.orderCounts().orders).toBe(listed);
  });
});
