/**
 * `npm start` on a machine without the Electron runtime: it says so plainly, serves the demo in
 * headless mode, and the demo's orders are reachable through the API with the printed token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../electron/headless/cli.ts';
import { findElectronBinary } from '../../scripts/start.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('Electron runtime detection', () => {
  it('finds the binary named by path.txt, and nothing when it is absent', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ponte-electron-'));
    const pkg = path.join(root, 'node_modules', 'electron');
    mkdirSync(path.join(pkg, 'dist'), { recursive: true });
    expect(findElectronBinary(root)).toBeNull();
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toBeNull();
    writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(root)).toBe(path.join(pkg, 'dist', 'electron'));
  });
});

describe('serve arguments', () => {
  it('reads port, host, flags and data dir, and refuses a bad port', () => {
    const options = parseCliArgs(['--port', '4870', '--host', '0.0.0.0', '--allow-non-loopback', '--data-dir', '/tmp/x', '--demo']);
    expect(options).toMatchObject({ port: 4870, host: '0.0.0.0', allowNonLoopback: true, dataDir: path.resolve('/tmp/x'), forceDemo: true });
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port abc/);
    expect(() => parseCliArgs(['--bogus'])).toThrow();
  });
});

describe('npm start without Electron', () => {
  let child: ChildProcess | null = null;
  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  });

  it('prints the message with the URL and serves the demo store', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ponte-start-'));
    const emptyDist = mkdtempSync(path.join(tmpdir(), 'ponte-no-electron-'));
    // Own process group, so the whole npm → tsx → node chain is stopped at the end.
    child = spawn('npm', ['start', '--', '--port', '0', '--data-dir', dataDir], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Even where the runtime is installed, point detection at an empty folder.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist, PONTE_DATA_DIR: dataDir },
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /O Electron não está disponível nesta máquina; abrindo o Ponte em modo headless na loja de demonstração: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child!.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
    const { origin, searchParams } = new URL(url);
    const token = searchParams.get('token');
    expect(token).toMatch(/^[\w-]{43}$/);

    const callApi = async (name: string, input: unknown = undefined) => {
      const response = await fetch(`${origin}/api/call/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(input !== undefined && { body: JSON.stringify(input) }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { ok: boolean; result: unknown; error?: unknown };
    };

    const overview = await callApi('overview.get');
    expect(overview).toMatchObject({ ok: true, result: { demo: true } });
    expect((await fetch(`${origin}/api/call/overview.get`, { method: 'POST' })).status).toBe(401);

    // A newcomer sees orders within a minute.
    const deadline = Date.now() + 60_000;
    let total = 0;
    while (Date.now() < deadline) {
      const list = await callApi('orders.list', { limit: 5 });
      total = (list.result as { total: number }).total;
      if (total > 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(total, output).toBeGreaterThan(0);

    const page = await fetch(`${origin}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  }, 150_000);
});
