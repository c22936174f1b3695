/**
 * A merchant's first hour in Chromium, against headless mode on the demo: the template is a
 * download (a valid workbook; the configured one stays byte for byte), a workbook of names made in another tool
 * reaches the store whole, its refused rows are listed on Catálogo and counted on the Painel, and
 * the connection test tries the form as typed without saving it. Painel, Catálogo and
 * Configurações are photographed at 1366×768 and 1024×640 into test-output/e2e-setup/.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadless, type HeadlessRun } from '../../electron/headless/run.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { eventually, hasChromium, launchChromium, type Browser } from '../support/chromium.ts';
import { axeViolations, SCREEN_SIZES } from '../support/axe.ts';
import { NAMES_CATEGORIES, NAMES_PRODUCTS, writeNamesWorkbook } from '../support/names-workbook.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'test-output', 'e2e-setup');
const DIST = path.join(OUT, 'dist');
const DEMO_PASSWORD = 'ponte-demo';

describe.skipIf(!hasChromium())('a merchant’s first hour (Chromium, headless mode, demo store)', () => {
  let dataDir: string;
  let work: string;
  let run: HeadlessRun;
  let browser: Browser;

  const api = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await run.engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as Outputs[N];
  };
  const page = () => browser.page;
  const shot = async (name: string) => {
    await page().evaluate(() => (globalThis as unknown as { document: { querySelector(s: string): { scrollTo(x: number, y: number): void } | null } }).document.querySelector('main')?.scrollTo(0, 0));
    await page().waitForTimeout(150); // transitions settle for the picture
    await page().screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false });
  };
  const go = async (hash: string, heading: string) => {
    await page().evaluate((h) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = h;
    }, hash);
    await page().getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  /** What the store holds, asked over SOAP the way Ponte asks it (the demo's password is public). */
  const store = async () => {
    const s = (await api('settings.get', {})).store;
    const client = new TrayClient({ url: s.url, storeId: s.storeId, login: s.login, password: DEMO_PASSWORD, cacheDir: path.join(work, 'wsdl'), perMinute: 0 });
    await client.connect();
    return client;
  };
  const catalogIdle = () =>
    eventually(async () => {
      const job = (await api('overview.get', {})).jobs.find((j) => j.job === 'catalog');
      return job && job.state !== 'running' && job.lastRun && job.lastRun.result !== 'running' ? job.lastRun : undefined;
    }, 60_000);

  beforeAll(async () => {
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    await mkdir(OUT, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'ponte-e2e-setup-'));
    work = mkdtempSync(path.join(tmpdir(), 'ponte-e2e-setup-files-'));
    run = await runHeadless({ dataDir, port: 0, staticDir: DIST, demoOptions: { latencyMs: 0, newOrderEveryMinutes: 0 } });
    browser = await launchChromium();
    await page().goto(run.url);
    await page().getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    await catalogIdle();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('hands the template over as a download: a valid workbook, and the configured one stays byte for byte', async () => {
    const configured = (await api('settings.get', {})).erp.path;
    const before = readFileSync(configured);
    await go('#/configuracoes', 'Configurações');
    // No path to type: nothing on the page can name the configured workbook as the target.
    expect(await page().locator('.template-row input').count()).toBe(0);

    const downloaded = page().waitForEvent('download');
    await page().getByRole('button', { name: 'Gerar modelo de planilha' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('modelo-ponte.xlsx');
    await page().getByText('Modelo baixado: modelo-ponte.xlsx').waitFor();

    // The download is a workbook Excel opens: a zip (PK) that exceljs reads, with the product sheet.
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheets = workbook.worksheets.map((w) => w.name);
    expect(sheets).toContain('Instruções');
    expect(sheets).toContain('Produtos');

    expect(readFileSync(configured).equals(before)).toBe(true);
    expect(existsSync(path.join(path.dirname(configured), 'modelo-ponte.xlsx'))).toBe(false);
    // The ticket was spent by that one download: its link, replayed, gives nothing.
    expect(download.url()).toContain('/api/download/');
    expect((await fetch(download.url())).status).toBe(404);
  });

  it('a workbook of names made in another tool reaches the store whole, and its refused rows are shown', async () => {
    const file = path.join(work, 'planilha-da-loja.xlsx');
    await writeNamesWorkbook(file, { badRows: true });
    await go('#/configuracoes', 'Configurações');
    await page().getByLabel('Caminho do arquivo ou banco').fill(file);
    await page().getByRole('button', { name: 'Salvar', exact: true }).click();
    await page().getByText('Configurações salvas.').waitFor();
    expect((await api('settings.get', {})).erp.path).toBe(file);

    await go('#/', 'Painel');
    const before = (await api('overview.get', {})).jobs.find((j) => j.job === 'catalog')?.lastRun?.id ?? 0;
    await page().getByRole('button', { name: 'Rodar agora: Catálogo' }).click();
    const last = await eventually(async () => {
      const r = (await api('overview.get', {})).jobs.find((j) => j.job === 'catalog')?.lastRun;
      return r && r.id > before && r.result !== 'running' ? r : undefined;
    }, 60_000);
    expect(last.counts.erpProblems).toBe(2);

    const client = await store();
    try {
      const categories = await client.call('fWSImportaCategorias', []);
      const idOf = new Map(categories.map((c) => [c.nome, c]));
      for (const c of NAMES_CATEGORIES) {
        const held = idOf.get(c.name);
        expect(held, c.name).toBeDefined();
        expect(held!.id_categoria_pai).toBe(c.parent ? idOf.get(c.parent)!.id_categoria : 0);
      }
      for (const p of NAMES_PRODUCTS) {
        const held = await client.call('fWSImportaProdutoPorCodReferencia', [p.sku]);
        expect(held).toMatchObject({ cod_prod: p.sku, preco: p.price, id_categoria: idOf.get(p.category)!.id_categoria });
      }
    } finally {
      await client.close();
    }

    // The Painel says "with warnings" and counts the refused rows…
    const card = page().getByRole('region', { name: 'Catálogo' });
    await card.getByText('Concluído com avisos').waitFor();
    const counter = page().getByRole('link', { name: /Linhas do ERP recusadas/ });
    await eventually(async () => ((await counter.textContent()) ?? '').includes('2'));
    for (const size of SCREEN_SIZES) {
      await page().setViewportSize(size);
      await shot(`painel-${size.width}x${size.height}`);
    }

    // …and Catálogo lists them: where, which record, which field, why.
    await go('#/catalogo', 'Catálogo');
    const table = page().getByRole('table', { name: /Linhas do ERP recusadas/ });
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('NOM-3');
    expect(text).toContain("'doze' não é um valor");
    expect(text).toContain('NOM-4');
    expect(text).toContain("a categoria 'Sem Categoria Assim' não existe");
    expect(await page().getByText('Nenhum registro com erro.').count()).toBe(1);
    for (const size of SCREEN_SIZES) {
      await page().setViewportSize(size);
      await shot(`catalogo-${size.width}x${size.height}`);
    }
  });

  it('tests the form as typed: a wrong password or an unreachable address fails, the saved settings stay', async () => {
    const saved = await api('settings.get', {});
    await go('#/configuracoes', 'Configurações');
    const password = page().getByLabel('Senha do WebService');
    await password.fill('senha-errada');
    await page().getByRole('button', { name: 'Testar conexão' }).click();
    const report = page().getByRole('status', { name: 'Testar conexão' });
    await report.getByText(/recusou o acesso/i).waitFor();

    await password.fill('');
    const url = page().getByLabel('Endereço da loja (URL)');
    await url.fill('http://127.0.0.1:9/webservice/v2/ws_servidor.php');
    await page().getByRole('button', { name: 'Testar conexão' }).click();
    await report.locator('.error-text').waitFor();
    expect(await report.textContent()).not.toContain('funcionando');
    await url.fill(saved.store.url);

    // Nothing was saved, and the saved access still works.
    expect(await api('settings.get', {})).toEqual(saved);
    expect((await api('store.testConnection', {})).ok).toBe(true);

    // The right access, as saved: the store's statuses show in the table and in the dropdowns.
    await page().getByRole('button', { name: 'Testar conexão' }).click();
    await report.getByText('Conexão com a loja funcionando.').waitFor();
    await page().getByRole('table', { name: 'Status da loja' }).waitFor();
    const shipped = page().getByLabel('Status na loja para Enviado');
    expect(await shipped.locator('option:checked').textContent()).toMatch(/^[A-Z ]+ \(\d+\)$/);
    expect(await page().content()).not.toContain(DEMO_PASSWORD);
    // The report under the store section no longer skips a heading level (h1 → h3): axe's whole
    // rule set, heading order included, finds nothing after the test.
    expect(await axeViolations(page())).toEqual([]);
    for (const size of SCREEN_SIZES) {
      await page().setViewportSize(size);
      await shot(`configuracoes-${size.width}x${size.height}`);
    }
    await page().setViewportSize({ width: 1366, height: 2200 });
    await shot('configuracoes-inteira');
    expect(browser.problems).toEqual([]);
  });
});
