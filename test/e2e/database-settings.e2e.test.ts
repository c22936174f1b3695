/**
 * Issue #13, item 3, in Chromium against headless mode and a real PostgreSQL 15 started here: the
 * merchant picks "Banco de dados" → PostgreSQL, types the connection, "Testar conexão" with a wrong
 * password names it in pt-BR, with the right one connects, "Pré-visualizar" shows the products as
 * Ponte reads them and the bad row with its problem; saved, the password stays out of the settings
 * and the catalogue run reads the server. axe-core finds nothing; the section is photographed at
 * 1366×768 and 1024×640 into test-output/e2e-database/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadless, type HeadlessRun } from '../../electron/headless/run.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { axeViolations, SCREEN_SIZES } from '../support/axe.ts';
import { eventually, hasChromium, launchChromium, type Browser } from '../support/chromium.ts';
import { serverMissing, startServer, type RunningServer } from '../support/db-servers.ts';
import { seedSmallErp } from '../support/erp-db-fixture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'test-output', 'e2e-database');
const DIST = path.join(OUT, 'dist');
const SIZES = SCREEN_SIZES;


describe.skipIf(!hasChromium() || serverMissing('postgres') !== null)('the ERP database in Configurações (Chromium, headless mode, PostgreSQL 15)', () => {
  let dataDir: string;
  let run: HeadlessRun;
  let browser: Browser;
  let server: RunningServer;

  const api = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await run.engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as Outputs[N];
  };
  const page = () => browser.page;
  const section = () => page().getByRole('group', { name: 'Banco de dados do ERP' });
  const axe = () => axeViolations(page());
  /** axe-clean at both sizes, and photographed with `focus` in view at each. */
  const checkAndShoot = async (name: string, focus: Locator) => {
    for (const size of SIZES) {
      await page().setViewportSize(size);
      const violations = await axe();
      expect(violations, `${name} at ${size.width}×${size.height}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      await focus.scrollIntoViewIfNeeded();
      await page().waitForTimeout(150); // layout settles for the picture
      await page().screenshot({ path: path.join(OUT, `${name}-${size.width}x${size.height}.png`) });
    }
    await page().setViewportSize(SIZES[0]);
  };

  beforeAll(async () => {
    server = await startServer('postgres');
    await seedSmallErp(server);
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    await mkdir(OUT, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'ponte-e2e-database-'));
    run = await runHeadless({ dataDir, port: 0, staticDir: DIST, demoOptions: { latencyMs: 0, newOrderEveryMinutes: 0 } });
    // The demo's own start-up catalogue run (from its workbook) ends before the settings change.
    await eventually(async () => {
      const job = (await api('overview.get', {})).jobs.find((j) => j.job === 'catalog');
      return job && job.state !== 'running' && job.lastRun && job.lastRun.result !== 'running' ? job.lastRun : undefined;
    }, 60_000);
    browser = await launchChromium();
    await page().setViewportSize(SIZES[0]);
    await page().goto(`${run.url}#/configuracoes`);
    await page().getByRole('heading', { level: 1, name: 'Configurações' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const db = () => server.database as { host: string; port: number; database: string; user: string };
  /** The form as the merchant types it (each test may run alone). */
  const typeForm = async (password: string) => {
    await page().getByLabel('Tipo de origem').selectOption('sql');
    if ((await section().getByLabel('Tipo de banco').inputValue()) !== 'postgres') {
      await section().getByLabel('Tipo de banco').selectOption('postgres');
      await eventually(async () => (await section().getByLabel('Consulta de Produtos').inputValue()) !== '');
    }
    await section().getByLabel('Servidor').fill(db().host);
    await section().getByLabel('Porta').fill(String(db().port));
    await section().getByLabel('Banco de dados', { exact: true }).fill(db().database);
    await section().getByLabel('Usuário').fill(db().user);
    await section().getByLabel('Senha').fill(password);
  };

  it('a wrong password is named in pt-BR; the right one connects', async () => {
    await page().getByLabel('Tipo de origem').selectOption('sql');
    await section().getByLabel('Tipo de banco').selectOption('postgres');
    // The port follows the kind; the queries start from the generic schema's mapping.
    expect(await section().getByLabel('Porta').inputValue()).toBe('5432');
    const products = section().getByLabel('Consulta de Produtos');
    await eventually(async () => (await products.inputValue()).startsWith('SELECT p.cod_prod AS sku'));

    await typeForm('senha-errada');
    await section().getByRole('button', { name: 'Testar conexão' }).click();
    const report = section().getByRole('status', { name: 'Testar conexão' });
    await report.getByText("usuário 'ponte' ou senha recusados pelo servidor PostgreSQL; confira o Usuário e a Senha").waitFor();
    await checkAndShoot('teste-falhou', report);

    await section().getByLabel('Senha').fill(server.password);
    await section().getByRole('button', { name: 'Testar conexão' }).click();
    await report.getByText(/^Conectado: PostgreSQL 15\.\d+.*9 consultas lidas sem problema\.$/).waitFor();
    await report.getByText('Produtos: 3 linhas lidas').waitFor();
    await checkAndShoot('teste-ok', report);
    // Tested, not saved.
    expect((await api('settings.get', {})).erp.kind).not.toBe('sql');
  });

  it('the preview shows the rows as Ponte reads them and the bad row with its problem', async () => {
    await typeForm(server.password);
    await section().getByRole('button', { name: 'Pré-visualizar: Produtos' }).click();
    const preview = section().getByRole('region', { name: 'Produtos: as primeiras 3 linhas como o Ponte as lê' });
    await preview.waitFor();
    const rows = preview.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(3); // header + the two good rows
    await preview.getByRole('cell', { name: 'Vaso de cerâmica São João' }).waitFor();
    await preview.getByRole('listitem').filter({ hasText: 'banco do ERP, consulta Produtos, linha 2, coluna estoque: estoque negativo (-3)' }).waitFor();
    await checkAndShoot('pre-visualizacao', preview);
  });

  it('saved, the password stays in the secret store and the catalogue run reads the server', async () => {
    await typeForm(server.password);
    await page().getByRole('button', { name: 'Salvar', exact: true }).click();
    await page().getByText('Configurações salvas.').waitFor();
    const settings = await api('settings.get', {});
    expect(settings.erp.kind).toBe('sql');
    expect(settings.erpDatabase).toMatchObject({ driver: 'postgres', port: server.database.port, hasPassword: true });
    expect(JSON.stringify(settings)).not.toContain(server.password);
    // Nothing Ponte writes in plain JSON besides the secrets file holds the password.
    for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.json') && !/secret/i.test(f))) {
      expect(readFileSync(path.join(dataDir, file), 'utf8'), file).not.toContain(server.password);
    }
    // The typed password is not left in the page after the save.
    expect(await section().getByLabel('Senha').inputValue()).toBe('');

    const before = (await api('overview.get', {})).jobs.find((j) => j.job === 'catalog')?.lastRun?.id ?? 0;
    await api('jobs.run', { job: 'catalog' });
    const last = await eventually(async () => {
      const r = (await api('overview.get', {})).jobs.find((j) => j.job === 'catalog')?.lastRun;
      return r && r.id > before && r.result !== 'running' ? r : undefined;
    }, 60_000);
    expect(last.counts.erpProblems).toBe(1);
    const refused = await api('catalog.refusedRows', {});
    expect(refused.rows.map((r) => r.reason)).toEqual([expect.stringContaining('estoque negativo (-3)')]);
  });
});
