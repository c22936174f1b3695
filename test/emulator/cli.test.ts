import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('emulator CLI', () => {
  it('prints endpoint and credentials, serves the WSDL, stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/emulator/cli.ts', '--port', '0', '--latency-ms', '5', '--max-concurrent', '2', '--seed', '3', '--orders', '5'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (out += d));
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/webservice\/v2\/ws_servidor\.php)/.exec(out);
        if (m?.[1] && out.includes('Controle:')) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toContain('usuário: webservice');
    expect(out).toContain('senha: ponte-demo');
    expect(out).toContain('até 2 chamadas simultâneas');
    const wsdl = await (await fetch(`${endpoint}?wsdl`)).text();
    expect(wsdl).toContain('fWSImportaPedidos');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('rejects a bad flag value with a pt-BR message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/emulator/cli.ts', '--max-concurrent', 'x'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--max-concurrent espera um número inteiro');
  }, 30_000);
});
