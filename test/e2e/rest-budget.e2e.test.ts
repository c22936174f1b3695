/**
 * The Painel's REST budget card in the built window (Debian's Chromium) on headless mode's demo in
 * REST mode, the real engine: after the start-up pulls, the card shows today's calls as the engine
 * counts them ("N de 10.000 chamadas hoje", pt-BR numbers), split by priority, and when the next
 * catalogue pass fits. axe-core clean; photographed at 1366×768 and 1024×640 into
 * test-output/e2e-rest-budget/ (and PONTE_SHOTS_DIR when set) — look at them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadless, type HeadlessRun } from '../../electron/headless/run.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { axeViolations, SCREEN_SIZES } from '../support/axe.ts';
import { eventually, hasChromium, launchChromium, type Browser } from '../support/chromium.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'test-output', 'e2e-rest-budget');
const DIST = path.join(OUT, 'dist');
const SHOTS = [OUT, ...(process.env.PONTE_SHOTS_DIR ? [process.env.PONTE_SHOTS_DIR] : [])];
const pt = (n: number) => new Intl.NumberFormat('pt-BR').format(n);

describe.skipIf(!hasChromium())('the REST budget card on the Painel (headless demo on REST, Chromium)', () => {
  let dataDir: string;
  let run: HeadlessRun;
  let browser: Browser;

  const api = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await run.engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as Outputs[N];
  };
  const page = () => browser.page;
  const card = () => page().getByRole('region', { name: 'Cota diária da API REST' });

  beforeAll(async () => {
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    for (const dir of SHOTS) await mkdir(dir, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'ponte-e2e-rest-budget-'));
    run = await runHeadless({ dataDir, port: 0, staticDir: DIST, demoOptions: { latencyMs: 5, newOrderEveryMinutes: 0, transport: 'rest' } });
    browser = await launchChromium();
    await page().setViewportSize(SCREEN_SIZES[0]);
    await eventually(async () => (await api('overview.get', {})).jobs.find((j) => j.job === 'orders' && j.lastRun?.result === 'ok'), 60_000);
    await page().goto(run.url);
    await page().getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows today’s calls as the engine counts them, by priority, and the next catalogue pass; axe clean at both sizes', async () => {
    await card().waitFor({ timeout: 30_000 });
    // Runs may still be spending: the card and the engine agree once the page has the latest count.
    await eventually(async () => {
      const view = await api('store.restBudget', {});
      const text = (await card().textContent()) ?? '';
      return view !== null && view.used > 0 && text.includes(`${pt(view.used)} de ${pt(view.perDay)} chamadas hoje`);
    }, 30_000);
    const view = (await api('store.restBudget', {}))!;
    expect(view.perDay).toBe(10_000);
    expect(view.byPriority.orders).toBeGreaterThan(0);
    const text = (await card().textContent()) ?? '';
    expect(text).toContain('10.000 chamadas hoje');
    expect(text).toContain(`Status e rastreios${pt(view.byPriority.status)}`);
    expect(text).toContain(`Pedidos${pt(view.byPriority.orders)}`);
    expect(text).toContain('(até 6.000)');
    expect(text).toMatch(/Próxima passagem do catálogo: (hoje|amanhã) às \d{2}:\d{2}|Próxima passagem do catálogo: cabe agora/);
    expect(text).not.toMatch(/undefined|NaN|budget\./);

    for (const size of SCREEN_SIZES) {
      await page().setViewportSize(size);
      await card().scrollIntoViewIfNeeded();
      await page().waitForTimeout(150); // layout settles for the picture
      for (const dir of SHOTS) await page().screenshot({ path: path.join(dir, `painel-rest-cota-${size.width}x${size.height}.png`) });
      const violations = await axeViolations(page());
      expect(violations, `${size.width}×${size.height}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    }
  }, 120_000);
});
