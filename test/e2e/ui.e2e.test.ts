/**
 * The whole of Ponte as a merchant meets it: headless mode on the built-in demo (store emulator +
 * sample ERP), the real engine, the built React window in Debian's Chromium. Every screen is
 * photographed into test-output/e2e/ (look at them).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadless, type HeadlessRun } from '../../electron/headless/run.ts';
import { STATUS, type ShopperEmail, type StoreOrder } from '../../electron/emulator/index.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { s10CheckDigit } from '../../shared/br/tracking.ts';
import { eventually, hasChromium, launchChromium, type Browser } from '../support/chromium.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'test-output', 'e2e');
const DIST = path.join(OUT, 'dist');

describe.skipIf(!hasChromium())('Ponte end to end (headless mode, demo store, Chromium)', () => {
  let dataDir: string;
  let run: HeadlessRun;
  let browser: Browser;
  let emulatorUrl: string;

  const api = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await run.engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as Outputs[N];
  };
  const lastCatalogRun = () => run.engine.db.lastRun('catalog');
  const emulator = async <T>(route: string): Promise<T> => (await (await fetch(`${emulatorUrl}/_emulator/${route}`)).json()) as T;
  const shot = async (name: string) => {
    await browser.page.waitForTimeout(150); // transitions settle for the picture
    await browser.page.screenshot({ path: path.join(OUT, `${name}.png`) });
  };
  const go = async (hash: string, heading: string) => {
    await browser.page.evaluate((h) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = h;
    }, hash);
    await browser.page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  beforeAll(async () => {
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    await mkdir(OUT, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'ponte-e2e-'));
    run = await runHeadless({ dataDir, port: 0, staticDir: DIST });
    emulatorUrl = run.demo?.emulatorUrl ?? '';
    expect(emulatorUrl).not.toBe('');
    browser = await launchChromium();
    // Every test starts from the open window with the start-up sync's orders pulled, whichever ran
    // before it (`vitest -t` on one alone): `go` only changes the hash of a page already on Ponte.
    await browser.page.goto(run.url);
    await browser.page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    await eventually(async () => (await api('overview.get', {})).jobs.find((j) => j.job === 'orders' && j.lastRun?.result === 'ok'));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the dashboard, then the store’s orders in the orders list', async () => {
    await browser.page.goto(run.url);
    await browser.page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    // The start-up sync pulls the demo store's orders.
    await eventually(async () => (await api('overview.get', {})).jobs.find((j) => j.job === 'orders' && j.lastRun?.result === 'ok'));
    const total = (await api('orders.list', { limit: 1 })).total;
    await shot('painel');
    await go('#/pedidos', 'Pedidos');
    const table = browser.page.getByRole('table', { name: 'Lista de pedidos' });
    await table.getByRole('link').first().waitFor();
    const first = (await api('orders.list', { limit: 1 })).rows[0]!;
    await table.getByRole('link', { name: `Abrir pedido ${first.number}` }).waitFor();
    // The order the window shows is one the store holds.
    const held = await emulator<StoreOrder['order']>(`state/orders/${first.id}`);
    expect(held).toMatchObject({ id_pedido: first.id });
    expect(total).toBeGreaterThan(10);
    await shot('pedidos');
  });

  it('refuses a Correios code with a wrong check digit, and a valid one reaches the store once', async () => {
    const order = (await api('orders.list', { statusIds: [STATUS.toShip], noTracking: true, limit: 1 })).rows[0]!;
    expect(order).toBeDefined();
    await go(`#/pedidos/${order.id}`, 'Pedidos');
    const form = browser.page.getByRole('form', { name: 'Rastreio' });
    await form.waitFor();
    await shot('pedido-detalhe');

    const digits = '47120589';
    const wrong = `OJ${digits}${(s10CheckDigit(digits) + 3) % 10}BR`;
    await form.getByLabel('Código de rastreio').fill(wrong);
    await form.getByRole('button', { name: 'Salvar rastreio' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/dígito/i);
    await shot('rastreio-recusado');

    const code = `OJ${digits}${s10CheckDigit(digits)}BR`;
    await form.getByLabel('Código de rastreio').fill(code);
    await form.getByLabel('Status a definir').selectOption({ label: 'Enviado' });
    await form.getByRole('button', { name: 'Salvar rastreio' }).click();

    const state = await eventually(async () => {
      const held = await emulator<StoreOrder['order']>(`state/orders/${order.id}`);
      return held.codigo_rastreio === code && held.id_status === STATUS.shipped ? held : false;
    });
    expect(state.codigo_rastreio).toBe(code);
    await browser.page.getByText('na loja').filter({ visible: true }).first().waitFor();
    await shot('rastreio-na-loja');
    const emails = (await emulator<ShopperEmail[]>('emails')).filter((e) => e.id_pedido === order.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ id_status: STATUS.shipped });
  });

  it('exports the new orders in one click to a file with the right rows', async () => {
    const before = await api('overview.get', {});
    const pending = before.counts.notExported;
    expect(pending).toBeGreaterThan(0);
    await go('#/exportar', 'Exportar');
    await shot('exportar');
    await browser.page.getByRole('button', { name: 'Exportar pedidos novos' }).click();
    const fileCell = browser.page.getByTestId('export-file');
    await fileCell.waitFor();
    const file = (await fileCell.textContent())?.trim() ?? '';
    expect(file).toMatch(/\.csv$/);
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const rows = lines.slice(1);
    expect(rows).toHaveLength(pending);
    const ids = rows.map((r) => r.split(';')[0]);
    expect(new Set(ids).size).toBe(pending);
    await shot('exportado');
    expect((await api('overview.get', {})).counts.notExported).toBe(0);
  });

  it('lists the store’s statuses in the settings’ connection test', async () => {
    await go('#/configuracoes', 'Configurações');
    await shot('configuracoes');
    await browser.page.getByRole('button', { name: 'Testar conexão' }).click();
    const statuses = browser.page.getByRole('table', { name: 'Status da loja' });
    await statuses.waitFor();
    expect(await statuses.textContent()).toContain('ENVIADO');
    expect(await statuses.textContent()).toContain(String(STATUS.shipped));
    // The password is never handed to the window.
    expect(await browser.page.content()).not.toContain('ponte-demo');
    await shot('configuracoes-teste');
  });

  it('shows the remaining screens without errors', async () => {
    for (const [hash, heading, name] of [
      ['#/catalogo', 'Catálogo', 'catalogo'],
      ['#/envios', 'Fila', 'fila'],
      ['#/atividade', 'Atividade', 'atividade'],
    ] as const) {
      await go(hash, heading);
      await shot(name);
    }
    expect(browser.problems).toEqual([]);
  });

  it('pushed the sample ERP catalogue without a failed record, connection test or not', async () => {
    const run = await eventually(async () => {
      const last = lastCatalogRun();
      return last && last.result !== 'running' ? last : undefined;
    }, 60_000);
    expect(run.result).toBe('ok');
    const report = await api('catalog.report', {});
    expect(report.flatMap((r) => r.failures)).toEqual([]);
    expect(report.find((r) => r.entity === 'produtos')?.counts.created).toBe(3);
    // The new tablecloth's three colours, created under it.
    expect(report.find((r) => r.entity === 'variacoes')?.counts.created).toBe(3);
  });
});
