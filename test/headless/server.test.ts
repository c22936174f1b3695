import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/engine/api/dispatch.ts';
import { EventHub } from '../../electron/engine/events.ts';
import { isLoopbackHost, startHeadlessServer, tokensMatch, type HeadlessServer } from '../../electron/headless/server.ts';
import { PonteApiError, type Handlers, type RunSummary } from '../../shared/api/contract.ts';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

const send = (
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });

const call = (port: number, name: string, input: unknown, headers: Record<string, string> = {}) =>
  send(port, {
    method: 'POST',
    path: `/api/call/${name}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(input),
  });

const hub = new EventHub();
const handlers: Partial<Handlers> = {
  'jobs.run': async ({ job }): Promise<RunSummary> => ({
    id: 7,
    job,
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: null,
    result: 'running',
    counts: {},
    errorCount: 0,
    message: null,
  }),
  'orders.get': async ({ id }) => {
    throw new PonteApiError('not_found', `Pedido ${id} não encontrado`);
  },
};
const endpoint = createDispatcher(handlers as Handlers, hub.subscribe);

let staticDir: string;
let server: HeadlessServer | null = null;

beforeAll(() => {
  staticDir = mkdtempSync(path.join(tmpdir(), 'ponte-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Ponte</title><div id="root"></div>');
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("ponte")');
});

afterEach(async () => {
  await server?.close();
  server = null;
});

const start = async (extra: Partial<Parameters<typeof startHeadlessServer>[0]> = {}) => {
  server = await startHeadlessServer({ endpoint, staticDir, port: 0, token: TOKEN, ...extra });
  return server;
};

describe('headless server: token', () => {
  it('prints a loopback URL carrying the token, and generates a strong token by default', async () => {
    const s = await start({ token: undefined });
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/?token=${s.token}`);
    expect(Buffer.from(s.token, 'base64url')).toHaveLength(32);
  });

  it('answers 401 without a token and with a wrong one', async () => {
    const { port } = await start();
    const missing = await call(port, 'jobs.run', { job: 'orders' }, { Authorization: '' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'rejected' } });
    const wrong = await call(port, 'jobs.run', { job: 'orders' }, { Authorization: `Bearer ${TOKEN}x` });
    expect(wrong.status).toBe(401);
    const wrongQuery = await send(port, { path: '/api/events?token=nope' });
    expect(wrongQuery.status).toBe(401);
    expect(JSON.parse(wrongQuery.body).error.message).toMatch(/Token/);
  });

  it('accepts the token in the query string as well as the header', async () => {
    const { port } = await start();
    const reply = await send(port, {
      method: 'POST',
      path: `/api/call/jobs.run?token=${TOKEN}`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ job: 'catalog' }),
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, result: { job: 'catalog' } });
  });

  it('compares tokens whatever their lengths', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abcd')).toBe(false);
    expect(tokensMatch('abc', '')).toBe(false);
  });
});

describe('headless server: Host and Origin', () => {
  it('refuses a foreign Host (DNS rebinding) with 403, even with the token', async () => {
    const { port } = await start();
    const reply = await call(port, 'jobs.run', { job: 'orders' }, { Host: `evil.example:${port}` });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body).error.message).toMatch(/Host/);
    const page = await send(port, { path: '/', headers: { Host: `attacker.test:${port}` } });
    expect(page.status).toBe(403);
    const otherPort = await send(port, { path: '/', headers: { Host: `127.0.0.1:${port + 1}` } });
    expect(otherPort.status).toBe(403);
  });

  it('accepts localhost and 127.0.0.1 as Host', async () => {
    const { port } = await start();
    expect((await call(port, 'jobs.run', { job: 'orders' }, { Host: `localhost:${port}` })).status).toBe(200);
    expect((await call(port, 'jobs.run', { job: 'orders' }, { Host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin (CSRF) with 403 and accepts its own', async () => {
    const { port } = await start();
    const foreign = await call(port, 'jobs.run', { job: 'orders' }, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.message).toMatch(/origem/);
    const nullOrigin = await call(port, 'jobs.run', { job: 'orders' }, { Origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const own = await call(port, 'jobs.run', { job: 'orders' }, { Origin: `http://127.0.0.1:${port}` });
    expect(own.status).toBe(200);
  });
});

describe('headless server: binding', () => {
  it('refuses to bind 0.0.0.0 or a LAN address without the explicit flag', async () => {
    await expect(startHeadlessServer({ endpoint, staticDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(/--allow-non-loopback/);
    await expect(startHeadlessServer({ endpoint, staticDir, host: '192.168.0.10', port: 0 })).rejects.toThrow(/127\.0\.0\.1/);
  });

  it('binds 0.0.0.0 when told explicitly', async () => {
    const s = await start({ host: '0.0.0.0', allowNonLoopback: true });
    expect(s.host).toBe('0.0.0.0');
    expect((await call(s.port, 'jobs.run', { job: 'orders' })).status).toBe(200);
  });

  it('knows which hosts are loopback', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.1.2.3')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('::')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.evil.com')).toBe(false);
  });
});

describe('headless server: the contract over HTTP', () => {
  it('round-trips a call through the dispatcher, errors included', async () => {
    const { port } = await start();
    const ok = await call(port, 'jobs.run', { job: 'tracking' });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, result: expect.objectContaining({ id: 7, job: 'tracking' }) });

    const invalid = JSON.parse((await call(port, 'jobs.run', { job: 'nope' })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const notFound = JSON.parse((await call(port, 'orders.get', { id: 5 })).body);
    expect(notFound).toEqual({ ok: false, error: { code: 'not_found', message: 'Pedido 5 não encontrado' } });
    const malformed = await call(port, '%E0%A4%A', {});
    expect(malformed.status).toBe(200);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = JSON.parse((await call(port, 'no.such', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers 413 to an oversized body and 400 to broken JSON', async () => {
    const { port } = await start({ bodyLimit: 1024 });
    const big = await call(port, 'jobs.run', { job: 'orders', pad: 'x'.repeat(4096) });
    expect(big.status).toBe(413);
    const broken = await send(port, {
      method: 'POST',
      path: '/api/call/jobs.run',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: '{"job":',
    });
    expect(broken.status).toBe(400);
  });

  it('answers 413 when the body exceeds the limit without a Content-Length', async () => {
    const { port } = await start({ bodyLimit: 1024 });
    const reply = await send(port, {
      method: 'POST',
      path: '/api/call/jobs.run',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, 'Transfer-Encoding': 'chunked' },
      body: JSON.stringify({ pad: 'y'.repeat(8192) }),
    });
    expect(reply.status).toBe(413);
  });

  it('refuses a body that is not JSON-typed and a GET on a call', async () => {
    const { port } = await start();
    const form = await call(port, 'jobs.run', { job: 'orders' }, { 'Content-Type': 'text/plain' });
    expect(form.status).toBe(415);
    const get = await send(port, { path: '/api/call/jobs.run', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
  });

  it('delivers engine events over server-sent events and stops listening when the client leaves', async () => {
    const { port } = await start();
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/api/events?token=${TOKEN}` }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          // Emit once the stream is open (its first comment arrived).
          if (text.includes(': conectado') && !text.includes('data:')) hub.emit({ type: 'new-orders', count: 2, orderIds: [1, 2] });
          const line = text.split('\n').find((l) => l.startsWith('data: '));
          if (line) {
            resolve(line.slice('data: '.length));
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(received)).toEqual({ type: 'new-orders', count: 2, orderIds: [1, 2] });
  });

  it('sends heartbeat comments and unsubscribes when the client leaves', async () => {
    let listeners = 0;
    const counting = {
      dispatch: endpoint.dispatch,
      subscribe: (listener: Parameters<typeof endpoint.subscribe>[0]) => {
        listeners++;
        const off = hub.subscribe(listener);
        return () => {
          listeners--;
          off();
        };
      },
    };
    const { port } = await start({ endpoint: counting, heartbeatMs: 5 });
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/events', headers: { Authorization: `Bearer ${TOKEN}` } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes(': ping')) {
            expect(listeners).toBe(1);
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
      req.end();
    });
    await expect.poll(() => listeners).toBe(0);
  });

  it('ends open event streams on close', async () => {
    const s = await start();
    const ended = new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: s.port, path: `/api/events?token=${TOKEN}` }, (res) => {
        res.once('data', () => void s.close());
        res.on('end', () => resolve());
        res.on('error', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    await ended;
    server = null;
  });
});

describe('headless server: static files', () => {
  it('serves the renderer with content types and a strict CSP, and the index carries no secret', async () => {
    const { port } = await start();
    const index = await send(port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.body).not.toContain(TOKEN);
    const js = await send(port, { path: '/assets/app.js' });
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    const route = await send(port, { path: '/pedidos/42' });
    expect(route.body).toContain('<div id="root">');
  });

  it('never serves files outside the renderer folder', async () => {
    const { port } = await start();
    // A file beside the renderer folder, reached with dot segments in every spelling.
    writeFileSync(path.join(staticDir, '..', `${path.basename(staticDir)}-secret.txt`), 'SEGREDO');
    const name = `${path.basename(staticDir)}-secret.txt`;
    for (const attempt of [`/../${name}`, `/%2e%2e/${name}`, `/..%2f${name}`, `/assets/..%2f..%2f${name}`, `/..%5c${name}`]) {
      const reply = await send(port, { path: attempt });
      expect(reply.body, attempt).not.toContain('SEGREDO');
      expect(reply.status, attempt).toBe(404);
    }
    expect((await send(port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  it('keeps the API up with a notice when the renderer is not built', async () => {
    const { port } = await start({ staticDir: path.join(staticDir, 'nope') });
    const page = await send(port, { path: '/' });
    expect(page.status).toBe(503);
    expect(page.body).toMatch(/build:renderer/);
    expect((await call(port, 'jobs.run', { job: 'orders' })).status).toBe(200);
  });
});
