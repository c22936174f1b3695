/**
 * The store goes down and comes back (issue 14: "Conexões stays 'Conectado' while every store call
 * fails"). Headless mode on the built-in demo, the real engine, the built window in Debian's
 * Chromium. The demo's store is taken down with `Demo.setStoreOutage` (every request answers the
 * web server's 503 page, as during a Tray outage); the merchant runs Pedidos from the Painel and the
 * Conexões card says the store is failing, why, in pt-BR — never "Conectado" — and the tray icon's
 * tooltip (built from the same overview) asks for attention. Back up, the next run makes it
 * "Conectado" again. axe-core clean in the failing state; photographed at 1366×768 and 1024×640
 * into test-output/e2e-outage/ (look at them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadless, type HeadlessRun } from '../../electron/headless/run.ts';
import { initialTrayModel, reduceTray, trayView } from '../../electron/shell/tray-state.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { axeViolations, SCREEN_SIZES } from '../support/axe.ts';
import { eventually, hasChromium, launchChromium, type Browser } from '../support/chromium.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'test-output', 'e2e-outage');
const DIST = path.join(OUT, 'dist');
const SIZES = SCREEN_SIZES;


describe.skipIf(!hasChromium())('the store goes down and comes back (headless mode, demo store, Chromium)', () => {
  let dataDir: string;
  let run: HeadlessRun;
  let browser: Browser;

  const api = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await run.engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as Outputs[N];
  };
  const page = () => browser.page;
  const outage = (down: boolean) => {
    if (!run.demo) throw new Error('the demo is not running');
    run.demo.setStoreOutage(down);
  };
  const axe = () => axeViolations(page());
  const connections = () => page().getByRole('region', { name: 'Conexões' });
  /** The store's line of the Conexões card (the <dd> after "Loja"). */
  const storeLine = () => connections().locator('dt:text-is("Loja") + dd');
  const runOrders = async () => {
    const button = page().getByRole('button', { name: 'Rodar agora: Pedidos' });
    // A scheduled run may hold the button for a moment: the merchant clicks once it is free.
    await eventually(async () => button.isEnabled(), 60_000);
    await button.click();
  };

  beforeAll(async () => {
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    await mkdir(OUT, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'ponte-e2e-outage-'));
    run = await runHeadless({ dataDir, port: 0, staticDir: DIST, demoOptions: { latencyMs: 5, newOrderEveryMinutes: 0 } });
    browser = await launchChromium();
    await page().setViewportSize(SIZES[0]);
    await page().goto(run.url);
    await page().getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    await eventually(async () => (await api('overview.get', {})).jobs.find((j) => j.job === 'orders' && j.lastRun?.result === 'ok'), 60_000);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('Conexões shows the store failing, with the reason, while it is down; "Conectado" again once it answers', async () => {
    // Up: the store answered the first runs.
    await storeLine().getByText('Conectado', { exact: true }).waitFor();
    expect(await storeLine().textContent()).not.toMatch(/erro/i);

    outage(true);
    await runOrders();
    await storeLine().getByText('Com erro', { exact: true }).waitFor({ timeout: 60_000 });
    const failing = (await storeLine().textContent()) ?? '';
    expect(failing).not.toContain('Conectado');
    // Why, in the merchant's language, and that Ponte keeps trying.
    // (a read says "A loja respondeu com erro HTTP 503 (…)", writes "A loja não está respondendo…"),
    // with the status but not the web server's English page.
    expect(failing).toMatch(/A loja (respondeu com erro|não está respondendo)/);
    expect(failing).toContain('HTTP 503');
    expect(failing).toMatch(/Tentaremos de novo|O Ponte continua tentando/);
    expect(failing).not.toContain('Service Unavailable');
    expect(failing).toMatch(/verificado em \d{2}\/\d{2}\/\d{4}/);
    const overview = await api('overview.get', {});
    expect(overview.store.state).toBe('error');
    // The Pedidos card agrees: its last run failed, and says why.
    const ordersCard = page().getByRole('region', { name: 'Pedidos', exact: true });
    await ordersCard.getByText('Falhou', { exact: true }).waitFor({ timeout: 30_000 });
    // The tray icon, fed the same overview, asks for attention and names the store.
    const tray = trayView(reduceTray(initialTrayModel(), { kind: 'overview', overview: await api('overview.get', {}) }));
    expect(tray.icon).toBe('attention');
    expect(tray.tooltip).not.toContain('tudo em dia');

    // The card is at the foot of the Painel: the top of every screen says it too ("Loja com erro: …"), with the way to the card.
    const banner = page().getByRole('status').filter({ hasText: 'Loja com erro' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('HTTP 503');
    expect(await banner.getByRole('link', { name: 'Ver Conexões no Painel' }).getAttribute('href')).toBe('#/painel');
    // The Pedidos card says why once, not twice (its retry reason and its last run's message are the same).
    expect(((await ordersCard.textContent()) ?? '').split('HTTP 503').length - 1).toBe(1);

    for (const size of SIZES) {
      await page().setViewportSize(size);
      // The screen scrolls inside <main>, not the window.
      await page().evaluate(() => {
        const main = (globalThis as unknown as { document: { getElementById(id: string): { scrollTop: number } | null } }).document.getElementById('conteudo');
        if (main) main.scrollTop = 0;
      });
      await page().waitForTimeout(150);
      await page().screenshot({ path: path.join(OUT, `painel-loja-fora-do-ar-topo-${size.width}x${size.height}.png`) });
      const violations = await axe();
      expect(violations, `${size.width}×${size.height}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      await connections().scrollIntoViewIfNeeded();
      await page().waitForTimeout(150); // layout settles for the picture
      await page().screenshot({ path: path.join(OUT, `painel-loja-fora-do-ar-${size.width}x${size.height}.png`) });
    }
    await page().setViewportSize(SIZES[0]);

    // Back up: the next run succeeds and the store is "Conectado" again, the reason gone.
    outage(false);
    await runOrders();
    await storeLine().getByText('Conectado', { exact: true }).waitFor({ timeout: 60_000 });
    await eventually(async () => !((await storeLine().textContent()) ?? '').includes('HTTP 503'), 30_000);
    expect((await api('overview.get', {})).store).toMatchObject({ state: 'ok', message: null });
    await eventually(async () => (await banner.count()) === 0, 30_000);
  }, 180_000);

  it('"Testar conexão" while the store is down says why, and the Painel agrees; once it is back, it says so', async () => {
    const go = async (hash: string, heading: string) => {
      await page().evaluate((h) => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = h;
      }, hash);
      await page().getByRole('heading', { level: 1, name: heading }).waitFor();
    };
    outage(true);
    try {
      await go('#/configuracoes', 'Configurações');
      await page().getByRole('button', { name: 'Testar conexão' }).click();
      const result = page().getByText(/Não foi possível|A loja respondeu com erro/).first();
      await result.waitFor({ timeout: 60_000 });
      const said = (await result.textContent()) ?? '';
      expect(said).toContain('503');
      expect(said).not.toContain('Service Unavailable');
      expect(await page().getByText('Conexão com a loja funcionando.').count()).toBe(0);
      expect(await axe()).toEqual([]);
      await page().screenshot({ path: path.join(OUT, 'configuracoes-testar-loja-fora-do-ar-1366x768.png') });
      // The test was of the saved access: the Painel's card follows it.
      await go('#/painel', 'Painel');
      await storeLine().getByText('Com erro', { exact: true }).waitFor({ timeout: 30_000 });
    } finally {
      outage(false);
    }
    await go('#/configuracoes', 'Configurações');
    await page().getByRole('button', { name: 'Testar conexão' }).click();
    await page().getByText('Conexão com a loja funcionando.').waitFor({ timeout: 60_000 });
    await go('#/painel', 'Painel');
    await storeLine().getByText('Conectado', { exact: true }).waitFor({ timeout: 30_000 });
  }, 180_000);
});
