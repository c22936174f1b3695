/**
 * Screenshot harness: builds the renderer into test-output (so it never races other tests over
 * dist/renderer), serves it from a tiny 127.0.0.1 server that answers the API from the fake engine,
 * with the real Content-Security-Policy, and photographs every screen in Debian's Chromium.
 * The pictures land in test-output/screens/*.png: look at them.
 */
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { hasChromium, launchChromium, type Browser } from '../support/chromium.ts';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isHandlerName, PonteApiError, type Envelope, type PonteEvent } from '../../shared/api/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/csp.ts';
import { createFakeApi, type FakeApi } from '../renderer/fake-api.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'test-output');
const DIST = path.join(OUT, 'ui-preview', 'dist');
const SHOTS = path.join(OUT, 'screens');
const TOKEN = 'preview-token-0123456789';
const ORDERS = 100_000;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
};

const startServer = async (api: FakeApi): Promise<{ server: Server; base: string }> => {
  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-store' });
    res.end(body);
  };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api/')) {
        const bearer = req.headers.authorization === `Bearer ${TOKEN}` || url.searchParams.get('token') === TOKEN;
        if (!bearer) return send(res, 401, 'application/json', JSON.stringify({ ok: false, error: { code: 'rejected', message: 'token' } }));
        if (url.pathname === '/api/events') {
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
          res.write(': conectado\n\n');
          const off = api.subscribe((event: PonteEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`));
          req.on('close', off);
          return;
        }
        const name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
        let envelope: Envelope<unknown>;
        try {
          if (!isHandlerName(name)) throw new PonteApiError('not_found', `operação desconhecida: ${name}`);
          const input = await readJson(req);
          envelope = { ok: true, result: await api.call(name, input as never) };
        } catch (error) {
          envelope =
            error instanceof PonteApiError
              ? { ok: false, error: { code: error.code, message: error.message } }
              : { ok: false, error: { code: 'internal', message: String(error) } };
        }
        return send(res, 200, 'application/json', JSON.stringify(envelope));
      }
      const file = path.join(DIST, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
      if (!file.startsWith(DIST) || !(await stat(file).catch(() => null))?.isFile()) return send(res, 404, 'text/plain', 'not found');
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
      createReadStream(file).pipe(res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

describe.skipIf(!hasChromium())('UI preview (Chromium screenshots of every screen)', () => {
  let api: FakeApi;
  let server: Server;
  let base: string;
  let page: Page;
  let browser: Browser;
  let problems: string[] = [];

  beforeAll(async () => {
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    await mkdir(SHOTS, { recursive: true });
    api = createFakeApi({ generated: ORDERS - 5, demo: true, secretStorageWarning: 'a senha está salva sem criptografia neste computador.' });
    ({ server, base } = await startServer(api));
    browser = await launchChromium();
    ({ page, problems } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  // The two screens merchants' PCs have most (a laptop and a small window): every screen at both.
  const SIZES = [{ width: 1366, height: 768 }, { width: 1024, height: 640 }] as const;
  const shot = async (name: string) => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150); // let layout, transitions and fonts settle for the picture
      await page.screenshot({ path: path.join(SHOTS, `${name}-${size.width}x${size.height}.png`), fullPage: false });
    }
    await page.setViewportSize(SIZES[0]);
  };
  // Each test opens the app itself if no test before it did, so any one runs alone (`-t NAME`).
  let opened = false;
  const open = async () => {
    await page.goto(`${base}/?token=${TOKEN}#/`);
    await page.getByRole('heading', { name: 'Painel', level: 1 }).waitFor();
    opened = true;
  };
  const go = async (hash: string, heading: string) => {
    if (!opened) await open();
    // This file is type-checked without DOM types: the page's globals are described inline.
    await page.evaluate((h) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = h;
    }, hash);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  it('opens with the token, hides it from the address bar and shows the dashboard', async () => {
    await open();
    await page.getByRole('region', { name: 'Catálogo' }).waitFor();
    expect(page.url()).not.toContain(TOKEN);
    expect(await page.getByText('Loja de demonstração').count()).toBe(1);
    await shot('01-painel');
  });

  it('Pedidos: 100,000 orders, only the visible pages fetched', async () => {
    await go('#/pedidos', 'Pedidos');
    await page.getByRole('link', { name: 'Abrir pedido 1001' }).waitFor();
    await shot('02-pedidos');
    const before = api.callsOf('orders.list').length;
    await page.getByTestId('orders-scroller').evaluate((el) => {
      const box = el as unknown as { scrollTop: number; scrollHeight: number };
      box.scrollTop = box.scrollHeight;
    });
    await page.getByRole('link', { name: `Abrir pedido ${2000 + ORDERS - 6}` }).waitFor();
    const fetched = api.callsOf('orders.list').slice(before);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.length).toBeLessThanOrEqual(3);
    expect(fetched.every((q) => (q.offset ?? 0) >= ORDERS - 200)).toBe(true);
    await shot('03-pedidos-fim');
  });

  it('Pedidos: order detail with a refused Correios code', async () => {
    await go('#/pedidos/90001', 'Pedidos');
    const form = page.getByRole('form', { name: 'Rastreio' });
    await form.getByLabel('Código de rastreio').fill('PN123456784BR');
    await form.getByRole('button', { name: 'Salvar rastreio' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toContain('dígito verificador');
    await shot('04-pedido-detalhe');
    await form.getByLabel('Código de rastreio').fill('PN123456785BR');
    await form.getByRole('button', { name: 'Salvar rastreio' }).click();
    await page.getByText('Rastreio salvo; o envio à loja está na fila.').waitFor();
    await shot('05-pedido-rastreio-salvo');
    // The end of the detail: the store's own fields, and its raw answer opened as support would.
    const extras = page.getByRole('region', { name: 'Outros campos da loja' });
    await extras.getByText('Ver resposta da loja').click();
    await extras.getByText('"data_pedido"', { exact: false }).waitFor();
    await extras.locator('summary').scrollIntoViewIfNeeded();
    await extras.locator('summary').evaluate((el) => (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: 'start' }));
    await shot('05b-pedido-campos-da-loja');
  });

  it('Pedidos: bulk paste', async () => {
    await go('#/pedidos', 'Pedidos');
    await page.getByRole('button', { name: 'Colar rastreios em lote' }).click();
    await page.getByLabel('Linhas pedido;código').fill('1002;PN123456785BR\n1003;PN123456784BR\n1005;JD0123456789\nsem separador');
    await page.getByRole('button', { name: 'Verificar linhas' }).click();
    await page.getByText(/^Válidas:/).waitFor();
    await shot('06-pedidos-lote');
  });

  it('Exportar', async () => {
    await go('#/exportar', 'Exportar pedidos');
    await page.getByRole('button', { name: 'Exportar pedidos novos' }).click();
    await page.getByTestId('export-file').waitFor();
    await shot('07-exportar');
  });

  it('Catálogo', async () => {
    await go('#/catalogo', 'Catálogo');
    await page.getByText('SKU-88', { exact: true }).waitFor();
    await shot('08-catalogo');
  });

  it('Fila with the retry confirmation', async () => {
    await go('#/envios', 'Fila de envios à loja');
    await page.getByRole('button', { name: 'Tentar de novo: Status PEDIDO ENVIADO (e-mail ao cliente)' }).first().click();
    await page.getByRole('alertdialog').waitFor();
    await shot('09-fila-confirmacao');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await shot('10-fila');
  });

  it('Atividade', async () => {
    await go('#/atividade', 'Atividade');
    await page.getByText('5 pedidos novos baixados da loja.').waitFor();
    await shot('11-atividade');
  });

  it('Configurações with the connection test', async () => {
    await go('#/configuracoes', 'Configurações');
    await shot('12-configuracoes');
    await page.getByRole('button', { name: 'Testar conexão' }).click();
    await page.getByRole('table', { name: 'Status da loja' }).waitFor();
    await page.getByRole('table', { name: 'Status da loja' }).scrollIntoViewIfNeeded();
    await shot('13-configuracoes-teste');
    await page.getByRole('table', { name: 'Mapeamento de status' }).scrollIntoViewIfNeeded();
    await shot('14-configuracoes-mapeamento');
    expect(await page.getByLabel('Senha do WebService').inputValue()).toBe('');
  });

  // Console errors and CSP violations fail the test that caused them (a last "no problems" test
  // would pass on its own, having opened nothing).
  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen).toEqual([]);
  });
});
