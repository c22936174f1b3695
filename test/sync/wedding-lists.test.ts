/**
 * #12 defect 3: the first sync against a store that already had the wedding lists created them
 * again (3 → 6; with lost answers 3 → 6 → 9). Counted on the creates the store received, not only
 * on the end state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { erpCatalogFromDemo } from '../../electron/demo/sample-erp.ts';
import { EmulatorStore } from '../../electron/emulator/index.ts';
import type { ErpCatalog, ErpConnector } from '../../electron/engine/erp/index.ts';
import { DEFAULT_SETTINGS, type StoredSettings } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { CatalogPush } from '../../electron/engine/sync/jobs/catalog-push.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';
import { UnsupportedOperationError } from '../../electron/engine/tray/errors.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';

class LostAnswer extends Error {
  readonly kind = 'outcome_unknown';
}

const dirs: string[] = [];
const dbs: PonteDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SEED = 4;

const setup = (options: { searchable: boolean; loseCreateAnswers?: boolean; settings?: Partial<StoredSettings> }) => {
  const now = () => new Date('2026-11-20T12:00:00Z');
  const store = new EmulatorStore({ seed: SEED, orders: 0, now });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-lists-'));
  dirs.push(dir);
  const db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now });
  dbs.push(db);
  let loseAnswers = options.loseCreateAnswers ?? false;
  const tray: TrayPort = {
    call: async (name, args) => {
      if (name === 'fWSImportaListasCasamento' && !options.searchable) throw new UnsupportedOperationError(name, name, 'weddingLists');
      const result = store.call(name, (args as readonly unknown[]).map(String));
      // The store did it; the answer never came back.
      if (name === 'fWSCadastraListaCasamento' && loseAnswers) throw new LostAnswer('resposta perdida');
      return result as never;
    },
  };
  const settings = { ...DEFAULT_SETTINGS, demo: false, ...options.settings };
  const ctx: JobContext = { db, store: new SoapStoreAdapter(tray), settings: () => settings, now, emit: () => {}, log: () => {} };
  const catalog: ErpCatalog = erpCatalogFromDemo(demoCatalog(SEED));
  const erp = { readCatalog: async () => ({ catalog, problems: [], counts: {} }) } as unknown as ErpConnector;
  const creates = () => Object.entries(store.writeCounts().creates).filter(([k]) => k.startsWith('fWSCadastraListaCasamento:')).reduce((n, [, c]) => n + c, 0);
  const failures = () => db.catalogReport().find((r) => r.entity === 'listas')?.failures ?? [];
  return { store, db, ctx, catalog, sync: () => new CatalogPush(ctx, erp, { entity: undefined }).run(), creates, failures, setLoseAnswers: (v: boolean) => (loseAnswers = v) };
};

const newList = (n: number) => ({ key: `nova-${n}`, name: `Lista Nova ${n}`, couple: 'Bia e Caio', eventDate: '2027-09-0' + n, email: `nova${n}@exemplo.com.br`, items: [] });

describe('wedding lists are never created twice (#12 defect 3)', () => {
  it('a store that already has the lists: they are matched and bound, no create is sent', async () => {
    const { store, db, catalog, sync, creates } = setup({ searchable: true });
    expect(store.weddingLists.size).toBe(3);
    expect(catalog.weddingLists).toHaveLength(3);
    await sync();
    expect(creates()).toBe(0);
    expect(store.weddingLists.size).toBe(3);
    for (const list of catalog.weddingLists) expect(db.getBinding('lista', list.key)?.trayId).toBeGreaterThan(0);
    await sync();
    expect(creates()).toBe(0);
    expect(store.weddingLists.size).toBe(3);
  });

  it('with lost answers: a create whose outcome is unknown is read back, never sent again blindly', async () => {
    const { store, db, catalog, sync, creates, setLoseAnswers } = setup({ searchable: true, loseCreateAnswers: true });
    catalog.weddingLists.push(newList(1));
    await sync();
    expect(creates()).toBe(1); // only the new one; the three already there were matched
    expect(store.weddingLists.size).toBe(4);
    expect(db.getBinding('lista', 'nova-1')).toBeNull();
    await sync(); // answers still lost: the read-back finds it, nothing is sent
    setLoseAnswers(false);
    await sync();
    expect(creates()).toBe(1);
    expect(store.weddingLists.size).toBe(4);
    expect(db.getBinding('lista', 'nova-1')?.trayId).toBeGreaterThan(0);
  });

  it('a store that cannot be searched: nothing is created; the merchant is told why, in pt-BR', async () => {
    const { store, sync, creates, failures } = setup({ searchable: false });
    const run = await sync();
    expect(creates()).toBe(0);
    expect(store.weddingLists.size).toBe(3);
    expect(run.result).toBe('partial');
    expect(failures()).toHaveLength(3);
    expect(failures()[0]?.message).toMatch(/não permite consultar.*Cadastrar listas de casamento sem conferir/);
  });

  it('once the merchant allows it, lists are created on an unsearchable store — and a lost answer is not resent', async () => {
    const { store, sync, creates, failures, catalog, setLoseAnswers } = setup({ searchable: false, loseCreateAnswers: true, settings: { weddingLists: { createWithoutLookup: true } } });
    store.weddingLists.clear(); // the merchant checked: the store has none
    catalog.weddingLists.splice(1);
    await sync();
    expect(creates()).toBe(1);
    setLoseAnswers(false);
    await sync();
    expect(creates()).toBe(1);
    expect(store.weddingLists.size).toBe(1);
    expect(failures()[0]?.message).toMatch(/não respondeu ao cadastro.*não será enviada de novo/);
  });
});
