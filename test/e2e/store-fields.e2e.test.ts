/**
 * Configurações → Campos da loja, in Chromium, against a store that names its fields its own way
 * (the emulator with PUBLIC_CLIENT_DIALECT, which also renames the fields of its WSDL): "Testar
 * conexão" shows each missing required field with the store field suggested for it; accepting the
 * suggestions and saving the field map makes every order's total, date, status and SKU arrive
 * exact, each acknowledged once (counted in the calls the store received). axe-core clean; the
 * settings screen against the renamed store is photographed at 1366×768 into test-output/e2e-fields/.
 * An item field under the store's own name (gramatura) is shown in the order detail as one of the
 * store's other fields, and the folded raw answer holds the store's names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CLIENT_DIALECT, startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { runHeadless, type HeadlessRun } from '../../electron/headless/run.ts';
import { createConfSettingsStore } from '../../electron/settings/conf-store.ts';
import { createPlainSecretStore } from '../../electron/settings/secrets.ts';
import type { Outputs } from '../../shared/api/contract.ts';
import { axeViolations } from '../support/axe.ts';
import { eventually, hasChromium, launchChromium, type Browser } from '../support/chromium.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'test-output', 'e2e-fields');
const DIST = path.join(OUT, 'dist');


describe.skipIf(!hasChromium())('Campos da loja against a renamed store (Chromium, headless mode)', () => {
  let dataDir: string;
  let emulator: RunningEmulator;
  let run: HeadlessRun;
  let browser: Browser;

  const api = async <N extends keyof Outputs>(name: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await run.engine.endpoint.dispatch(name, input);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as Outputs[N];
  };
  const page = () => browser.page;
  const pending = () => (emulator.store.call('fWSImportaPedidos', ['2000-01-01', '2100-12-31', '0000', '2359', '']) as unknown[]).length;
  const axe = () => axeViolations(page());
  const section = () => page().getByRole('region', { name: 'Campos da loja' });

  beforeAll(async () => {
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    await mkdir(OUT, { recursive: true });
    // Plus one optional field under a name Ponte knows nothing of (an item's weight as "gramatura"):
    // the store's own field, kept with the order and shown in its detail as "Outros campos da loja".
    const dialect = { ...PUBLIC_CLIENT_DIALECT, ItemPedido: { ...PUBLIC_CLIENT_DIALECT.ItemPedido, peso: 'gramatura' } };
    emulator = await startEmulator({ seed: 3, orders: 6, maxConcurrent: 8, fieldDialect: dialect });
    dataDir = mkdtempSync(path.join(tmpdir(), 'ponte-e2e-fields-'));
    // A real (not demo) store configured before the start, as a merchant who filled the form.
    const settings = createConfSettingsStore({ dataDir, warn: () => {} });
    settings.set({
      ...DEFAULT_SETTINGS,
      demo: false,
      store: { url: emulator.endpoint, storeId: emulator.credentials.storeId, login: emulator.credentials.login },
      schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 },
    });
    await createPlainSecretStore({ dataDir, warn: () => {} }).set('trayPassword', emulator.credentials.password);
    run = await runHeadless({ dataDir, port: 0, staticDir: DIST });
    expect(run.demo).toBeNull();
    browser = await launchChromium();
    await page().setViewportSize({ width: 1366, height: 768 });
    await page().goto(run.url);
    await page().getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    await emulator?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('Testar conexão shows the missing fields with suggestions; accepting them makes orders arrive exact', async () => {
    await page().evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/configuracoes';
    });
    await page().getByRole('heading', { level: 1, name: 'Configurações' }).waitFor();
    await page().getByRole('button', { name: 'Testar conexão' }).click();
    await section().getByText('4 campos obrigatórios não encontrados na loja.').waitFor();
    // Each missing required field, with the store's own field suggested for it.
    for (const [field, suggestion] of [
      ['Pedido.total', 'valor_total_pedido'],
      ['Pedido.id_status', 'codigo_status'],
      ['ItemPedido.cod_prod', 'referencia_produto'],
      ['ItemPedido.preco', 'valor_unitario_item'],
    ] as const) {
      await section().getByRole('button', { name: `Usar ${suggestion} para ${field}` }).waitFor();
    }
    // Names found through the built-in aliases are said so, not hidden.
    await section().getByText('encontrado como data_pedido (nome conhecido)').waitFor();
    // The orders feature is off, with the reason (as for a missing operation).
    const test = await api('store.lastTest', {});
    expect(test?.features.orders?.available).toBe(false);
    expect(test?.features.orders?.reason).toContain('Pedido.total');

    expect(await axe()).toEqual([]);
    await section().scrollIntoViewIfNeeded();
    await page().evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { scrollIntoView(): void } | null } }).document.getElementById('store-fields-title')?.scrollIntoView());
    await page().waitForTimeout(150); // layout settles for the picture
    await page().screenshot({ path: path.join(OUT, 'campos-da-loja-renomeada-1366x768.png') });

    // Accept them all, save: the map is in the settings and the comparison comes back complete.
    await section().getByRole('button', { name: 'Aceitar as 4 sugestões' }).click();
    await section().getByRole('button', { name: 'Salvar mapa de campos' }).click();
    await section().getByText('Mapa de campos salvo e conferido com a loja.').waitFor();
    await section().getByText('Todos os campos obrigatórios foram encontrados na loja.').waitFor();
    expect((await api('settings.get', {})).fieldMap).toEqual({
      Pedido: { total: 'valor_total_pedido', id_status: 'codigo_status' },
      ItemPedido: { cod_prod: 'referencia_produto', preco: 'valor_unitario_item' },
    });
    expect((await api('store.lastTest', {}))?.features.orders?.available).toBe(true);
    expect(await axe()).toEqual([]);
    await page().evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { scrollIntoView(): void } | null } }).document.getElementById('store-fields-title')?.scrollIntoView());
    await page().waitForTimeout(150);
    await page().screenshot({ path: path.join(OUT, 'campos-da-loja-mapeada-1366x768.png') });

    const before = pending();
    expect(before).toBeGreaterThan(0);
    await eventually(async () => (await api('overview.get', {})).jobs.find((j) => j.job === 'orders')?.state !== 'running');
    emulator.resetStats();
    const result = await api('jobs.run', { job: 'orders' });
    expect(result.result).toBe('ok');
    expect(emulator.stats().calls.fWSAtualizaListaToDo ?? 0).toBe(before);
    expect(pending()).toBe(0);
    const { rows } = await api('orders.list', { limit: 500 });
    expect(rows).toHaveLength(before);
    for (const row of rows) {
      const truth = emulator.store.order(row.id)!;
      const detail = await api('orders.get', { id: row.id });
      expect(detail.total).toBe(truth.order.total);
      expect(detail.total).toBeGreaterThan(0);
      expect(detail.date).toBe(`${truth.order.data}T${truth.order.hora}`);
      expect(detail.statusId).toBe(truth.order.id_status);
      expect(detail.items.map((i) => [i.sku, i.price, i.quantity])).toEqual(truth.items.map((i) => [i.cod_prod, i.preco, i.quantidade]));
      // The weight Ponte does not read arrives as the store's own field, item by item, exact.
      const weights = detail.storeRecord?.extras.filter((e) => e.field === 'gramatura') ?? [];
      expect(weights.map((e) => [e.where, Number(e.value)])).toEqual(truth.items.map((i, n) => [`item ${n + 1}`, i.peso]));
    }

    // The order detail shows them, and the raw answer (folded, for support) is the store's own names.
    const first = rows[0]!;
    const kept = (await api('orders.get', { id: first.id })).storeRecord!;
    await page().evaluate((h) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = h;
    }, `#/pedidos/${first.id}`);
    const extras = page().getByRole('region', { name: 'Outros campos da loja' });
    await extras.getByRole('table').waitFor();
    const shown = await extras.getByRole('row').evaluateAll((trs) =>
      trs.slice(1).map((tr) => Array.from((tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (c) => c.textContent ?? '')),
    );
    expect(shown).toEqual(kept.extras.map((e) => [e.where, e.field, e.value]));
    expect(shown.filter(([, field]) => field === 'gramatura')).toHaveLength(emulator.store.order(first.id)!.items.length);
    await extras.getByText('Ver resposta da loja').click();
    const answer = JSON.parse((await extras.locator('pre').textContent()) ?? '') as { pedido: Record<string, string>; itens: Array<Record<string, string>> };
    expect(answer.pedido).toEqual(kept.order);
    expect(Object.keys(answer.pedido)).toEqual(expect.arrayContaining(['data_pedido', 'valor_total_pedido', 'codigo_status']));
    expect(answer.itens.map((i) => i.gramatura)).toEqual(kept.items.map((i) => i.gramatura));
    expect(JSON.stringify(answer)).not.toContain(emulator.credentials.password);
    expect(await axe()).toEqual([]);
    await extras.locator('summary').scrollIntoViewIfNeeded();
    await page().waitForTimeout(150);
    await page().screenshot({ path: path.join(OUT, 'pedido-campos-da-loja-1366x768.png') });
  }, 120_000);
});
