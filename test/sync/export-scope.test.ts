/**
 * Export by period, by the list's filter and by picked orders, and "baixar de novo": which orders
 * each file holds (read from the file itself), which orders get marked exported, and the history.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type StoredSettings } from '../../electron/engine/settings.ts';
import { exportHistory, runExport, runExportAgain } from '../../electron/engine/sync/jobs/export.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';
import { FakeClock, makeOrder, openTestDb } from '../store/helpers.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ponte-export-scope-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const setup = () => {
  const clock = new FakeClock(Date.parse('2026-11-29T12:00:00.000Z'));
  const { db } = openTestDb(clock);
  // Orders on 18, 19, 20, 21 and 22 November; 2 and 4 already exported.
  for (let day = 18; day <= 22; day += 1) db.upsertOrder(makeOrder(day - 17, { date: `2026-11-${day}T10:00:00`, statusId: day % 2 === 0 ? 1 : 2 }));
  db.markExported([2, 4], '2026-11-25T10:00:00.000Z');
  const settings: StoredSettings = { ...DEFAULT_SETTINGS, export: { target: 'csv', folder: path.join(dir, 'out') } };
  const tray: TrayPort = { call: () => Promise.reject(new Error('no store in this test')) };
  const ctx: JobContext = {
    db,
    store: new SoapStoreAdapter(tray),
    settings: () => settings,
    now: () => {
      clock.advance(1000); // one file per second: names stay distinct
      return clock.now();
    },
    emit: () => {},
    log: () => {},
  };
  return { db, ctx };
};

/** The order numbers in an exported CSV, from the file as written. */
const numbersIn = (file: string): string[] =>
  readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((line) => line.split(';')[0] ?? '');

describe('export scopes', () => {
  it('a period exports the orders of those days again, marking only the ones never exported', async () => {
    const { db, ctx } = setup();
    const out = await runExport(ctx, 'csv', async () => null, { kind: 'range', from: '2026-11-19', to: '2026-11-21' });
    expect(out.export.count).toBe(3);
    expect(numbersIn(out.export.file ?? '')).toEqual(['1002', '1003', '1004']);
    expect(db.getOrder(3)?.exportedAt).not.toBeNull();
    expect(db.getOrder(2)?.exportedAt).toBe('2026-11-25T10:00:00.000Z');
    // The orders outside the period are still new.
    expect(db.listNotExported().map((o) => o.id)).toEqual([1, 5]);
  });

  it('with no export folder chosen, a file export says where to choose it and marks nothing', async () => {
    const { db, ctx } = setup();
    const noFolder: JobContext = { ...ctx, settings: () => ({ ...DEFAULT_SETTINGS, export: { target: 'csv', folder: '  ' } }) };
    await expect(runExport(noFolder, 'csv', async () => null)).rejects.toThrow('Escolha a pasta dos arquivos exportados (Configurações > Exportação de pedidos)');
    expect(db.listNotExported().map((o) => o.id)).toEqual([1, 3, 5]);
    expect(existsSync(path.join(process.cwd(), '  '))).toBe(false);
  });

  it('the list filter and picked orders export exactly those; an unknown id is named, the rest go on', async () => {
    const { ctx } = setup();
    const filtered = await runExport(ctx, 'csv', async () => null, { kind: 'filter', filter: { statusIds: [1] } });
    expect(numbersIn(filtered.export.file ?? '')).toEqual(['1001', '1003', '1005']);
    const picked = await runExport(ctx, 'csv', async () => null, { kind: 'ids', ids: [4, 999, 2] });
    expect(numbersIn(picked.export.file ?? '')).toEqual(['1002', '1004']);
    expect(picked.result).toBe('partial');
    expect(picked.message).toContain('999');
  });

  it('a lost file is written again with the same orders, and the history lists both', async () => {
    const { ctx, db } = setup();
    const first = await runExport(ctx, 'csv', async () => null);
    expect(numbersIn(first.export.file ?? '')).toEqual(['1001', '1003', '1005']);
    rmSync(first.export.file ?? '');
    const [lost] = exportHistory(db);
    expect(lost).toMatchObject({ scope: { kind: 'new' }, count: 3, fileExists: false });
    const staging = mkdtempSync(path.join(tmpdir(), 'ponte-again-'));
    const again = await runExportAgain(ctx, lost?.id ?? 0, staging);
    expect(again.files).toHaveLength(2); // orders and items
    expect(again.files.every((f) => path.dirname(f) === staging)).toBe(true);
    expect(numbersIn(again.files[0] ?? '')).toEqual(['1001', '1003', '1005']);
    // The copy is a download: nothing new in the export folder, the history keeps the original.
    expect(existsSync(first.export.file ?? '')).toBe(false);
    expect(exportHistory(db).map((r) => [r.scope.kind, r.fileExists])).toEqual([['new', false]]);
    // A "new orders" export afterwards has nothing left.
    expect((await runExport(ctx, 'csv', async () => null)).export.count).toBe(0);
  });

  it('a single order is "1 pedido exportado", not "1 pedidos"', async () => {
    const { ctx } = setup();
    const out = await runExport(ctx, 'csv', async () => null, { kind: 'ids', ids: [1] });
    expect(out.message).toMatch(/^1 pedido exportado para /);
  });
});
