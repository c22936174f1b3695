/**
 * A merchant's first hour with the orders (issue 14): a status changed without a tracking code on
 * several orders at once, an export of a period made again, the keyboard path from the list to the
 * tracking field, Escape, and axe-core on every screen. Headless mode on the built-in demo (store
 * emulator + sample ERP), the real engine, the built window in Debian's Chromium. Screenshots of
 * every screen at 1366×768 and 1024×640 go to test-output/e2e-merchant/ (look at them).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadless, type HeadlessRun } from '../../electron/headless/run.ts';
import { STATUS, type ShopperEmail, type StoreOrder } from '../../electron/emulator/index.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { axeViolations, SCREEN_SIZES } from '../support/axe.ts';
import { eventually, hasChromium, launchChromium, type Browser } from '../support/chromium.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'test-output', 'e2e-merchant');
const DIST = path.join(OUT, 'dist');
const SIZES = SCREEN_SIZES;

/** The little of the page's DOM these checks read (the test's tsconfig has no DOM types). */
interface FocusedElement {
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): { querySelector(selector: string): { textContent: string | null } | null } | null;
}
type PageGlobals = { document: { activeElement: FocusedElement | null }; location: { hash: string } };


/** dd/mm/aaaa of an ISO day, as a merchant types it. */
const typed = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
/** The day of an order, as the engine's period filter reads it (the store's local date-time). */
const shopDay = (dateTime: string) => dateTime.slice(0, 10);

describe.skipIf(!hasChromium())('a merchant’s first hour with the orders (headless mode, demo store, Chromium)', () => {
  let dataDir: string;
  let run: HeadlessRun;
  let browser: Browser;
  let emulatorUrl: string;

  const api = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await run.engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as Outputs[N];
  };
  const emulator = async <T>(route: string): Promise<T> => (await (await fetch(`${emulatorUrl}/_emulator/${route}`)).json()) as T;
  const page = () => browser.page;
  const go = async (hash: string, heading: string) => {
    await page().evaluate((h) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = h;
    }, hash);
    await page().getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  /** axe-core in the page (evaluated over CDP, so the window's CSP does not apply to it). */
  const axe = () => axeViolations(page());
  const shots: string[] = [];
  const photograph = async (name: string) => {
    for (const size of SIZES) {
      await page().setViewportSize(size);
      await page().waitForTimeout(150); // layout and transitions settle for the picture
      const file = path.join(OUT, `${name}-${size.width}x${size.height}.png`);
      await page().screenshot({ path: file });
      shots.push(file);
    }
    await page().setViewportSize(SIZES[0]);
  };
  /** The screen passes axe-core with no violation, at both window sizes, and is photographed. */
  const checkScreen = async (name: string) => {
    for (const size of SIZES) {
      await page().setViewportSize(size);
      const violations = await axe();
      expect(violations, `${name} at ${size.width}×${size.height}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    }
    await photograph(name);
  };

  beforeAll(async () => {
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    await mkdir(OUT, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'ponte-e2e-merchant-'));
    run = await runHeadless({ dataDir, port: 0, staticDir: DIST, demoOptions: { latencyMs: 5, newOrderEveryMinutes: 0 } });
    emulatorUrl = run.demo?.emulatorUrl ?? '';
    expect(emulatorUrl).not.toBe('');
    browser = await launchChromium();
    await page().setViewportSize(SIZES[0]);
    await page().goto(run.url);
    await page().getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    await eventually(async () => (await api('overview.get', {})).jobs.find((j) => j.job === 'orders' && j.lastRun?.result === 'ok'));
    await eventually(async () => (await api('overview.get', {})).jobs.find((j) => j.job === 'catalog' && j.lastRun && j.lastRun.result !== 'running'), 60_000);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('changes the status of three selected orders without a tracking code: one status write and one e-mail each', async () => {
    const candidates = (await api('orders.list', { statusIds: [STATUS.toShip], noTracking: true, limit: 3 })).rows;
    expect(candidates).toHaveLength(3);
    const ids = candidates.map((o) => o.id);
    const writesBefore = (await emulator<Record<string, number>>('calls')).fWSAtualizaStatusPedido ?? 0;
    const emailsBefore = (await emulator<ShopperEmail[]>('emails')).filter((e) => ids.includes(e.id_pedido)).length;

    await go('#/pedidos', 'Pedidos');
    // The list filtered to "A ENVIAR" and "Sem rastreio", as a merchant narrows it before picking.
    await page().getByRole('search', { name: 'Filtros' }).getByLabel('Status').selectOption({ label: 'A ENVIAR' });
    await page().getByRole('checkbox', { name: 'Sem rastreio' }).check();
    const table = page().getByRole('table', { name: 'Lista de pedidos' });
    for (const o of candidates) await table.getByRole('checkbox', { name: `Selecionar pedido ${o.number}` }).check();
    const bar = page().getByRole('region', { name: 'Pedidos selecionados' });
    await bar.getByText('3 pedidos selecionados').waitFor();
    await bar.getByRole('button', { name: 'Mudar status' }).click();

    // ENVIADO is refused for orders without a tracking code, before anything is sent.
    await bar.getByLabel('Novo status').selectOption({ label: 'Enviado' });
    await bar.getByText(`Pedido ${candidates[0]!.number}: Enviado precisa de um código de rastreio`).waitFor();
    expect(await bar.getByRole('button', { name: /^Mudar/ }).filter({ hasText: 'Enviado' }).isDisabled()).toBe(true);
    // Only the statuses mapped and marked to be pushed are offered (the demo does not push Cancelado).
    const offered = await bar.getByLabel('Novo status').locator('option').allTextContents();
    expect(offered).toEqual(['Escolha o status…', 'Em separação', 'Enviado', 'Entregue']);

    await bar.getByLabel('Novo status').selectOption({ label: 'Em separação' });
    await bar.getByText('A loja envia um e-mail a cada um dos 3 clientes avisando da mudança.').waitFor();
    await bar.getByRole('button', { name: 'Mudar 3 pedidos para Em separação' }).click();
    const dialog = page().getByRole('alertdialog', { name: 'Mudar 3 pedidos para Em separação?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('a loja manda um e-mail a cada um dos 3 clientes');
    expect(await axe()).toEqual([]);
    await photograph('pedidos-status-confirmar');
    await dialog.getByRole('button', { name: 'Enviar à loja' }).click();
    await bar.getByText('3 mudanças de status na fila de envio à loja.').waitFor();

    for (const id of ids) {
      await eventually(async () => (await emulator<StoreOrder['order']>(`state/orders/${id}`)).id_status === STATUS.picking);
    }
    await eventually(async () => (await api('outbox.list', { states: ['pending', 'sending', 'outcome_unknown'] })).length === 0);
    const writes = ((await emulator<Record<string, number>>('calls')).fWSAtualizaStatusPedido ?? 0) - writesBefore;
    const emails = (await emulator<ShopperEmail[]>('emails')).filter((e) => ids.includes(e.id_pedido));
    expect(writes).toBe(3);
    expect(emails.length - emailsBefore).toBe(3);
    expect(emails.slice(emailsBefore).every((e) => e.id_status === STATUS.picking)).toBe(true);
    for (const id of ids) expect(emails.filter((e) => e.id_pedido === id)).toHaveLength(1);
    await photograph('pedidos-status-enviado');
    await bar.getByRole('button', { name: 'Limpar seleção' }).click();
  });

  it('exports a period again to a CSV that keeps CPF and CEP as text, then writes the lost file again', async () => {
    // Every order is exported first ("new orders"), so a period can only come out as a re-export.
    await api('orders.export', { target: 'csv' });
    const all = (await api('orders.list', { limit: 500 })).rows;
    const days = [...new Set(all.map((o) => shopDay(o.date)))].sort();
    expect(days.length).toBeGreaterThan(2);
    const from = days[0]!;
    const to = days[Math.floor(days.length / 2)]!;
    const expected = (await api('orders.list', { from, to, limit: 500 })).rows;
    expect(expected.length).toBeGreaterThan(0);

    await go('#/exportar', 'Exportar');
    await page().getByRole('radio', { name: /Os pedidos de um período/ }).check();
    // The calendar follows the app (pt-BR), not the browser: weekday and month names in Portuguese.
    await page().getByRole('button', { name: 'Abrir calendário: Pedidos de' }).click();
    const calendar = page().getByRole('dialog', { name: 'Calendário: Pedidos de' });
    await calendar.waitFor();
    expect(await calendar.textContent()).toMatch(/janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro/);
    expect(await axe()).toEqual([]);
    await photograph('exportar-calendario');
    await page().keyboard.press('Escape');
    await calendar.waitFor({ state: 'detached' });
    expect(await page().evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('aria-label'))).toBe('Abrir calendário: Pedidos de');

    await page().getByLabel('Pedidos de', { exact: true }).fill(typed(from));
    await page().getByLabel('até', { exact: true }).fill(typed(to));
    await page().getByLabel('até', { exact: true }).press('Enter');
    await page().getByRole('button', { name: 'Exportar', exact: true }).click();
    const fileCell = page().getByTestId('export-file').first();
    await fileCell.waitFor();
    const file = (await fileCell.textContent())?.trim() ?? '';
    expect(file).toMatch(/\.csv$/);
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0]!.split(';');
    expect(header.filter((h) => h === 'Pedido' || h === 'Número')).toEqual(['Pedido']);
    const rows = lines.slice(1).map((l) => l.split(';'));
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.map((o) => o.number).sort());
    const doc = header.indexOf('CPF/CNPJ');
    const cep = header.indexOf('CEP');
    for (const r of rows) {
      expect(r[doc]).toMatch(/^(\d{3}\.\d{3}\.\d{3}-\d{2}|[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2})$/);
      expect(r[cep]).toMatch(/^\d{5}-\d{3}$/);
    }
    await checkScreen('exportar-periodo');

    // The file is lost; "Baixar de novo" makes it again as a browser download (nothing in the folder).
    rmSync(file);
    await go('#/', 'Painel');
    await go('#/exportar', 'Exportar');
    const history = page().getByRole('region', { name: 'Últimos arquivos' });
    await history.getByText('arquivo não está mais na pasta').first().waitFor();
    const folderBefore = readdirSync(path.dirname(file)).sort();
    // A CSV export is two files; the browser may hand the items file over first.
    const downloaded = page().waitForEvent('download', { predicate: (d) => d.suggestedFilename().startsWith('pedidos-') });
    await history.getByRole('button', { name: `Baixar de novo ${path.basename(file)}` }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^pedidos-.*\.csv$/);
    const downloadedPath = await download.path();
    const againRows = readFileSync(downloadedPath, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(';')[0]);
    expect(againRows.sort()).toEqual(expected.map((o) => o.number).sort());
    await history.getByText(/Baixado: pedidos-/).waitFor();
    expect(readdirSync(path.dirname(file)).sort()).toEqual(folderBefore);
    await photograph('exportar-baixar-de-novo');
  });

  it('reaches the tracking field from the list in 3 keys; Escape closes the order, the bulk panel and dialogs', async () => {
    await go('#/pedidos', 'Pedidos');
    await page().getByRole('button', { name: 'Limpar filtros' }).click();
    const table = page().getByRole('table', { name: 'Lista de pedidos' });
    const first = (await api('orders.list', { limit: 1 })).rows[0]!;
    const link = table.getByRole('link', { name: `Abrir pedido ${first.number}` });
    await link.focus();
    const keys = ['Enter', 'Tab', 'Tab'];
    for (const key of keys) {
      await page().keyboard.press(key);
      if (key === 'Enter') await page().getByRole('form', { name: 'Rastreio' }).waitFor();
    }
    expect(keys.length).toBeLessThanOrEqual(3);
    expect(await page().evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.closest('.field')?.querySelector('label')?.textContent)).toBe('Código de rastreio');

    await page().keyboard.press('Escape');
    await eventually(async () => (await page().evaluate(() => (globalThis as unknown as PageGlobals).location.hash)) === '#/pedidos');
    await page().getByRole('form', { name: 'Rastreio' }).waitFor({ state: 'detached' });
    // Focus is back on the row the order was opened from.
    expect(await page().evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('aria-label'))).toBe(`Abrir pedido ${first.number}`);

    await page().getByRole('button', { name: 'Colar rastreios em lote' }).click();
    await page().getByRole('region', { name: 'Rastreios em lote' }).waitFor();
    await page().keyboard.press('Escape');
    await page().getByRole('region', { name: 'Rastreios em lote' }).waitFor({ state: 'detached' });
    expect(await page().evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.textContent)).toBe('Colar rastreios em lote');

    // A pasted header row is skipped and said so, not "pedido desconhecido".
    await page().getByRole('button', { name: 'Colar rastreios em lote' }).click();
    const bulk = page().getByRole('region', { name: 'Rastreios em lote' });
    await bulk.getByLabel('Linhas pedido;código').fill(`Pedido\tRastreio\n${first.number}\tJD0123456789`);
    await bulk.getByRole('button', { name: 'Verificar linhas' }).click();
    await bulk.getByText('Linha 1: "Pedido\tRastreio" parece um cabeçalho de planilha e foi ignorada.').waitFor();
    expect(await bulk.textContent()).not.toContain('não encontrado');
    await photograph('pedidos-lote-cabecalho');
    await page().keyboard.press('Escape');

    // A dialog takes Escape for itself: the order under it stays open.
    await go(`#/pedidos/${first.id}`, 'Pedidos');
    const detail = page().getByRole('complementary', { name: `Pedido ${first.number}` });
    const other = first.statusId === STATUS.delivered ? 'Em separação' : 'Entregue';
    await detail.getByLabel('Novo status').selectOption({ label: other });
    await detail.getByRole('button', { name: `Mudar para ${other}` }).click();
    await page().getByRole('alertdialog').waitFor();
    await page().keyboard.press('Escape');
    await page().getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await detail.isVisible()).toBe(true);
    await page().keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    // The skip link is the first Tab stop and lands on the screen's content.
    await page().reload();
    await page().getByRole('heading', { level: 1, name: 'Pedidos' }).waitFor();
    await page().keyboard.press('Tab');
    expect(await page().evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.textContent)).toBe('Pular para o conteúdo');
    await page().keyboard.press('Enter');
    expect(await page().evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.id)).toBe('conteudo');
  });

  it('has no axe-core violation on any screen, at 1366×768 and 1024×640', async () => {
    const order = (await api('orders.list', { limit: 1 })).rows[0]!;
    const screens: Array<[string, string, string]> = [
      ['#/', 'Painel', 'painel'],
      ['#/pedidos', 'Pedidos', 'pedidos'],
      [`#/pedidos/${order.id}`, 'Pedidos', 'pedido-detalhe'],
      ['#/exportar', 'Exportar', 'exportar'],
      ['#/catalogo', 'Catálogo', 'catalogo'],
      ['#/envios', 'Fila', 'fila'],
      ['#/atividade', 'Atividade', 'atividade'],
      ['#/configuracoes', 'Configurações', 'configuracoes'],
    ];
    for (const [hash, heading, name] of screens) {
      await go(hash, heading);
      if (name === 'pedido-detalhe') await page().getByRole('form', { name: 'Rastreio' }).waitFor();
      if (name === 'pedidos') await page().getByRole('table', { name: 'Lista de pedidos' }).getByRole('link').first().waitFor();
      // The queue's done pushes (the status changes above) show under "Todos".
      if (name === 'fila') await page().getByLabel('Mostrar').selectOption({ label: 'Todos' });
      if (name === 'atividade' || name === 'catalogo') await page().locator('table').first().waitFor();
      if (name === 'fila') await page().locator('main table, main .card > p.muted').first().waitFor();
      await checkScreen(name);
    }
    // After "Testar conexão" too (the heading order fault was there).
    await page().getByRole('button', { name: 'Testar conexão' }).click();
    await page().getByRole('table', { name: 'Status da loja' }).waitFor();
    await checkScreen('configuracoes-teste');
    expect(browser.problems).toEqual([]);
    expect(shots.length).toBeGreaterThanOrEqual(18);
  });
});
