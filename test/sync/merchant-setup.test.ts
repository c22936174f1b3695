/**
 * A merchant's first hour, at the engine's API: the template never lands on the configured
 * workbook, a workbook of names made in another tool reaches the store whole, refused rows are
 * kept and counted, and the connection test tries the access as typed without saving it.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { BACKUP_FOLDER } from '../../electron/engine/erp/index.ts';
import type { Engine } from '../../electron/engine/index.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { accessOf, createTestEngine } from '../support/engine.ts';
import { writeNamesWorkbook } from '../support/names-workbook.ts';

describe('a merchant’s first hour (engine API)', () => {
  let dir: string;
  let emulator: RunningEmulator;
  let engine: Engine;
  const workbook = () => path.join(dir, 'loja.xlsx');

  const dispatch = (name: string, input: unknown) => engine.endpoint.dispatch(name, input);
  const call = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await dispatch(name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-setup-'));
    emulator = await startEmulator({ seed: 3, orders: 5, maxConcurrent: 8 });
    await writeNamesWorkbook(workbook(), { badRows: true });
    engine = await createTestEngine(accessOf(emulator), { dataDir: path.join(dir, 'data'), settings: { erp: { kind: 'spreadsheet', path: workbook() } } });
    await engine.start();
  });

  afterAll(async () => {
    await engine?.stop();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never writes the template over the configured workbook, nor over another file unless confirmed (then backed up)', async () => {
    const before = readFileSync(workbook());
    const onSource = await dispatch('erp.template', { path: workbook(), overwrite: true });
    expect(onSource).toMatchObject({ ok: false, error: { code: 'rejected', details: { reason: 'configured' } } });
    expect(readFileSync(workbook()).equals(before)).toBe(true);

    const other = path.join(dir, 'outro.xlsx');
    writeFileSync(other, 'conteúdo do comerciante');
    expect(await dispatch('erp.template', { path: other })).toMatchObject({ ok: false, error: { details: { reason: 'exists' } } });
    expect(readFileSync(other, 'utf8')).toBe('conteúdo do comerciante');
    const confirmed = await call('erp.template', { path: other, overwrite: true });
    expect(confirmed.backup).not.toBeNull();
    expect(readFileSync(confirmed.backup!, 'utf8')).toBe('conteúdo do comerciante');
    expect(path.dirname(confirmed.backup!)).toBe(path.join(dir, BACKUP_FOLDER));

    const fresh = path.join(dir, 'modelo-novo.xlsx');
    expect(await call('erp.template', { path: fresh })).toEqual({ path: fresh, backup: null });
    expect(existsSync(fresh)).toBe(true);
  });

  it('pushes a workbook of names: categories keyed by name, the parent by name, products by category name', async () => {
    const run = await call('jobs.run', { job: 'catalog' });
    const categories = emulator.store.call('fWSImportaCategorias', []) as Array<{ id_categoria: number; nome: string; id_categoria_pai: number }>;
    const byName = new Map(categories.map((c) => [c.nome, c]));
    const top = byName.get('Utilidades Nomeadas');
    const pots = byName.get('Potes Nomeados');
    const lids = byName.get('Tampas Nomeadas');
    expect(top?.id_categoria_pai).toBe(0);
    expect(pots?.id_categoria_pai).toBe(top?.id_categoria);
    expect(lids?.id_categoria_pai).toBe(pots?.id_categoria);
    expect(emulator.store.call('fWSImportaProdutoPorCodReferencia', ['NOM-1'])).toMatchObject({ id_categoria: pots?.id_categoria, preco: 12.9 });
    expect(emulator.store.call('fWSImportaProdutoPorCodReferencia', ['NOM-2'])).toMatchObject({ id_categoria: lids?.id_categoria });
    // Two rows refused: the run says so rather than a bare "ok, 0 errors".
    expect(run.counts.erpProblems).toBe(2);
    expect(run.message).toMatch(/2 linhas do ERP recusadas/);
  });

  it('keeps the refused rows (record, field, reason) and counts them on the overview', async () => {
    await call('jobs.run', { job: 'catalog' });
    const refused = await call('catalog.refusedRows', {});
    expect(refused.total).toBe(2);
    expect(refused.rows).toEqual([
      { entity: 'produtos', place: 'Produtos', row: 4, record: 'NOM-3', field: 'Preço', reason: "'doze' não é um valor" },
      { entity: 'produtos', place: 'Produtos', row: 5, record: 'NOM-4', field: 'Categoria', reason: "a categoria 'Sem Categoria Assim' não existe na aba Categorias (ou foi recusada)" },
    ]);
    expect((await call('overview.get', {})).counts.refusedRows).toBe(2);
  });

  it('retrying one failed record leaves another failed record in the list', async () => {
    const db = engine.db;
    db.startCatalogPass('marcas');
    db.recordCatalogResult('marcas', 'Marca A', 'failed', 'a loja recusou');
    db.recordCatalogResult('marcas', 'Marca B', 'failed', 'a loja recusou');
    await call('catalog.retry', { entity: 'marcas', key: 'Marca A' });
    const marcas = (await call('catalog.report', {})).find((r) => r.entity === 'marcas');
    expect(marcas?.failures.map((f) => f.key)).toContain('Marca B');
  });

  it('tests the access as typed: a wrong typed password or an unreachable address fails, the saved settings stay', async () => {
    const saved = await call('settings.get', {});
    const wrong = await call('store.testConnection', { password: 'não-é-esta' });
    expect(wrong.ok).toBe(false);
    const unreachable = await call('store.testConnection', { url: 'http://127.0.0.1:9/webservice' });
    expect(unreachable.ok).toBe(false);
    expect(await call('settings.get', {})).toEqual(saved);
    // The saved access still works, and its store health is not spoiled by a typed test.
    expect((await call('overview.get', {})).store.state).not.toBe('error');
    const right = await call('store.testConnection', {});
    expect(right.ok).toBe(true);
    const last = await call('store.lastTest', {});
    expect(last?.statuses.length).toBeGreaterThan(0);
    expect(last?.url).toBe(saved.store.url);
  });

  it('draws the last 30 days of orders and the recent runs of each job', async () => {
    await call('jobs.run', { job: 'orders' });
    const history = await call('overview.history', {});
    expect(history.ordersPerDay).toHaveLength(30);
    expect(history.ordersPerDay.every((d, i, all) => i === 0 || all[i - 1]!.date < d.date)).toBe(true);
    expect(history.runs.orders.at(-1)?.result).toBe('ok');
    expect(readdirSync(dir)).toContain('loja.xlsx');
  });
});
