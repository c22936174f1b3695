/**
 * A new user picks "API (REST)" in Configurações, in Chromium, against headless mode: a store of
 * their own (an emulator with its own key pair and code) is installed the way Tray does it
 * (`/auth.php` redirects to the callback), the merchant pastes the callback address, "Autorizar"
 * first asks to leave the demo (a fresh install is on it) and starts Ponte over on its own data,
 * names a wrong code's refusal and then authorises, "Testar conexão" on the form says it works and
 * the Painel's Conexões says Conectado — every call on the store's REST side. No secret in the page.
 * A large store's 50,000 a day is picked and saved, and the Painel counts against it.
 * axe clean; photographed at 1366×768 and 1024×640 into test-output/e2e-rest/ (and PONTE_SHOTS_DIR).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { runHeadless, type HeadlessRun } from '../../electron/headless/run.ts';
import { axeViolations, SCREEN_SIZES } from '../support/axe.ts';
import { hasChromium, launchChromium, type Browser } from '../support/chromium.ts';
import type { Settings } from '../../shared/api/contract.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = process.env.PONTE_SHOTS_DIR ?? path.join(ROOT, 'test-output', 'e2e-rest');
const DIST = path.join(ROOT, 'test-output', 'e2e-rest', 'dist');
const APP = { consumerKey: 'chave-integrador-5150', consumerSecret: 'segredo-integrador-q8x2', code: 'codigo-instalacao-6061' };
const CALLBACK = 'https://integrador.example.com.br/ponte/retorno';

describe.skipIf(!hasChromium())('Configurações on REST (Chromium, headless mode, a store of its own)', () => {
  let dataDir: string;
  let store: RunningEmulator;
  let run: HeadlessRun;
  let browser: Browser;
  const page = () => browser.page;
  const calls = async () => (await (await fetch(`${store.url}/_emulator/calls`)).json()) as Record<string, number>;
  const shot = async (name: string) => {
    await page().waitForTimeout(150);
    await page().screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false });
  };
  /** What Tray's install hands the merchant: the callback address with code and api_address. */
  const installCallback = async (): Promise<string> => {
    const answer = await fetch(`${store.url}/auth.php?response_type=code&consumer_key=${APP.consumerKey}&callback=${encodeURIComponent(CALLBACK)}`, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    return answer.headers.get('location') ?? '';
  };

  beforeAll(async () => {
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    await mkdir(OUT, { recursive: true });
    store = await startEmulator({ seed: 5, orders: 4, latencyMs: 0, rest: APP });
    dataDir = mkdtempSync(path.join(tmpdir(), 'ponte-e2e-rest-'));
    // A fresh install: Ponte starts on its demo, as a new user sees it.
    run = await runHeadless({ dataDir, port: 0, staticDir: DIST, demoOptions: { latencyMs: 0, newOrderEveryMinutes: 0 } });
    browser = await launchChromium();
    await page().setViewportSize({ width: 1366, height: 768 });
    await page().goto(run.url);
    await page().getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('picks REST, pastes the callback, a wrong code is named, the right one authorises, the test says connected', async () => {
    await page().evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/configuracoes';
    });
    await page().getByRole('heading', { level: 1, name: 'Configurações' }).waitFor();
    await page().getByRole('region', { name: 'Você está na loja de demonstração' }).getByRole('button', { name: 'Sair da demonstração' }).waitFor();
    await shot('demo-configuracoes-1366x768');
    await page().getByLabel(/API \(REST\)/).check();
    await page().getByLabel('Chave do aplicativo (consumer key)').fill(APP.consumerKey);
    await page().getByLabel('Segredo do aplicativo (consumer secret)').fill(APP.consumerSecret);
    const callback = await installCallback();
    expect(callback).toContain(`code=${APP.code}`);

    // A code that is not the store's: Tray's refusal, by name, and nothing saved.
    const paste = page().getByLabel('Código ou endereço de retorno');
    await paste.fill(callback.replace(APP.code, 'codigo-que-nao-e-este'));
    await page().getByRole('button', { name: 'Autorizar' }).click();
    // A fresh install is on the demo, whose engine takes no other store: leaving it is asked first.
    const leave = page().getByRole('alertdialog', { name: 'Sair da demonstração?' });
    await leave.getByText(/^Para usar a sua loja, o Ponte sai da demonstração antes\./).waitFor();
    expect(await axeViolations(page())).toEqual([]);
    await shot('rest-sair-da-demonstracao-1366x768');
    await leave.getByRole('button', { name: 'Sair da demonstração e continuar' }).click();
    const refusal = page().getByRole('alert', { name: 'Autorização na loja' });
    await refusal.getByText(/^A Tray recusou a autorização: confira a chave e o segredo do aplicativo .* e o código de autorização da loja/).waitFor();
    // Off the demo: its store is gone, the banner too, and the engine runs on the merchant's own data.
    expect(run.demo).toBeNull();
    expect(await page().getByText('Loja de demonstração').count()).toBe(0);
    expect(await run.engine.endpoint.dispatch('settings.get', {})).toMatchObject({ ok: true, result: { demo: false, store: { url: '', hasPassword: false } } });
    expect(await axeViolations(page())).toEqual([]);
    await page().getByRole('group', { name: 'Como conectar' }).scrollIntoViewIfNeeded();
    await shot('rest-recusado-1366x768');

    await paste.fill(callback);
    await page().getByRole('button', { name: 'Autorizar' }).click();
    await page().getByRole('status', { name: 'Autorização na loja' }).getByText(/^Ponte autorizado nesta loja\. Acesso válido até \d{2}\/\d{2}\/\d{4}/).waitFor();
    // The api_address came from the pasted callback; the typed secrets left the page.
    expect(await page().getByLabel('Endereço da API').inputValue()).toBe(store.restUrl);
    expect(await page().getByLabel('Segredo do aplicativo (consumer secret)').inputValue()).toBe('');
    expect(await page().getByLabel('Código ou endereço de retorno').inputValue()).toBe('');
    await page().getByText(/^Autorização salva: renovável até/).waitFor();

    await page().getByRole('button', { name: 'Testar conexão' }).click();
    const report = page().getByRole('status', { name: 'Testar conexão' });
    await report.getByText('Conexão com a loja funcionando.').waitFor();
    await report.getByText(/Listas de casamento: indisponível: A API \(REST\) da Tray não tem listas de casamento/).waitFor();
    const received = await calls();
    expect(received['rest:POST /auth']).toBe(2);
    expect(received['rest:GET /orders/statuses']).toBeGreaterThanOrEqual(1);

    // No secret anywhere in the page (DOM, inputs' values included).
    const dom = await page().content();
    const values = await page().locator('input, textarea').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value).join('\n'));
    for (const secret of [APP.consumerKey, APP.consumerSecret, APP.code]) {
      expect(dom).not.toContain(secret);
      expect(values).not.toContain(secret);
    }
    expect(await axeViolations(page())).toEqual([]);
    for (const size of SCREEN_SIZES) {
      await page().setViewportSize(size);
      await page().getByRole('group', { name: 'Como conectar' }).scrollIntoViewIfNeeded();
      await page().getByRole('heading', { name: 'Loja Tray' }).scrollIntoViewIfNeeded();
      await shot(`rest-${size.width}x${size.height}`);
      await report.scrollIntoViewIfNeeded();
      await shot(`rest-teste-${size.width}x${size.height}`);
    }

    // A large store: the daily limit is 50,000, picked among Tray's figures and saved.
    await page().setViewportSize({ width: 1366, height: 768 });
    const limit = page().getByLabel('Limite diário de chamadas da API');
    expect(await limit.inputValue()).toBe('10000');
    await limit.selectOption('50000');
    await limit.scrollIntoViewIfNeeded();
    await shot('rest-limite-1366x768');
    await page().getByRole('form', { name: 'Configurações' }).getByRole('button', { name: 'Salvar', exact: true }).click();
    await page().getByRole('status').getByText('Configurações salvas.').waitFor();
    const saved = await run.engine.endpoint.dispatch('settings.get', {});
    expect(saved.ok && (saved.result as Settings).restLimits).toEqual({ callsPerDay: 50_000 });
    expect(await axeViolations(page())).toEqual([]);

    // The Painel says the store is connected, and counts today's calls against the store's 50,000.
    await page().evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/';
    });
    await page().getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    await page().getByRole('region', { name: 'Conexões' }).locator('dt:text-is("Loja") + dd').getByText(/Conectado/).waitFor();
    await page().getByText(/^[\d.]+ de 50\.000 chamadas hoje$/).waitFor();
    await page().getByText(/^[\d.]+ de 50\.000 chamadas hoje$/).evaluate((el) => (el as unknown as { scrollIntoView(options: { block: string }): void }).scrollIntoView({ block: 'center' }));
    await shot('rest-painel-limite-1366x768');
    expect(browser.problems).toEqual([]);
  });
});
