/**
 * The emulator's bytes against a real NuSOAP 0.9.5 server (Debian's libnusoap-php under `php -S`)
 * built from the same catalogue and answering the same data: WSDL, arrays, structs and faults
 * must be byte-identical once the endpoint URL is normalised.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACE, startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { OPERATIONS, TYPES } from '../../electron/engine/tray/operations.ts';
import { envelope } from '../emulator/soap-client.ts';

const hasPhp = spawnSync('php', ['-v']).status === 0;
if (!hasPhp) console.warn('emulator wire-format comparison SKIPPED: `php` is not installed');

const NOW = () => new Date('2026-11-20T12:00:00Z');
let emu: RunningEmulator;
let php: ChildProcess | undefined;
let refUrl = '';
let dir = '';

const auth = () => [emu.credentials.storeId, emu.credentials.login, emu.credentials.password];

/** The calls compared, and what the reference must answer for each (taken from the emulator's store). */
const CALLS: Array<[string, Array<string | number>]> = [
  ['fWSImportaStatusPedido', []],
  ['fWSImportaPedidoPorId', [38211]],
  ['fWSImportaItensPedidoPorId', [38211]],
  ['fWSImportaClientePorPedidoAvancado', [38211]],
  ['fWSFormasPagamentosDisponiveis', []],
  ['fWSImportaCategorias', []],
  // An empty to-do list: the empty SOAP-ENC array form.
  ['fWSImportaPedidos', ['2000-01-01', '2000-01-01', '', '', '']],
];

const raw = async (url: string, op: string, args: Array<string | number>) => {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: envelope(op, args) });
  return { status: res.status, contentType: res.headers.get('content-type'), text: iconv.decode(Buffer.from(await res.arrayBuffer()), 'latin1') };
};

beforeAll(async () => {
  if (!hasPhp) return;
  emu = await startEmulator({ seed: 4, orders: 6, now: NOW });
  dir = mkdtempSync(path.join(tmpdir(), 'ponte-wire-'));
  const fixtures: Record<string, unknown> = {};
  for (const [op, args] of CALLS) fixtures[op] = emu.store.call(op as keyof typeof OPERATIONS, args.map(String));
  fixtures.fWSImportaProdutoPorID = { __fault: ['SOAP-ENV:Client', 'Produto não encontrado'] };
  writeFileSync(path.join(dir, 'fixtures.json'), JSON.stringify(fixtures));
  writeFileSync(path.join(dir, 'catalogue.json'), JSON.stringify({ namespace: NAMESPACE, types: TYPES, operations: OPERATIONS }));
  for (let attempt = 0; attempt < 5 && !refUrl; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const child = spawn('php', ['-S', `127.0.0.1:${port}`, path.join(import.meta.dirname, 'php', 'emulator-reference-server.php')], {
      env: { ...process.env, REF_CATALOGUE: path.join(dir, 'catalogue.json'), REF_FIXTURES: path.join(dir, 'fixtures.json') },
      stdio: 'ignore',
    });
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (child.exitCode !== null) break;
      const ok = await fetch(`http://127.0.0.1:${port}/?wsdl`).then((r) => r.ok, () => false);
      if (ok) {
        refUrl = `http://127.0.0.1:${port}/`;
        php = child;
        break;
      }
    }
    if (!refUrl) child.kill();
  }
  if (!refUrl) throw new Error('could not start the reference NuSOAP server');
});

afterAll(async () => {
  php?.kill();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasPhp)('emulator bytes vs a real NuSOAP server', () => {
  it('answers byte-identical rpc/encoded responses (structs, arrays, accents)', async () => {
    for (const [op, args] of CALLS) {
      const mine = await raw(emu.endpoint, op, [...auth(), ...args]);
      const ref = await raw(refUrl, op, [...auth(), ...args]);
      expect(mine.status, op).toBe(ref.status);
      expect(mine.contentType, op).toBe(ref.contentType);
      expect(mine.text, op).toBe(ref.text);
    }
  });

  it('answers a byte-identical fault', async () => {
    const mine = await raw(emu.endpoint, 'fWSImportaProdutoPorID', [...auth(), 1]);
    const ref = await raw(refUrl, 'fWSImportaProdutoPorID', [...auth(), 1]);
    expect(mine.status).toBe(500);
    expect(ref.status).toBe(500);
    expect(mine.text).toBe(ref.text);
  });

  it('publishes the same WSDL as NuSOAP generates (endpoint and documentation text normalised)', async () => {
    // NuSOAP 0.9.5 mangles non-ASCII <documentation> text (it re-encodes it as UTF-8 replacement
    // characters); the emulator keeps it readable, so only that free text is left out.
    const normalise = (text: string, endpoint: string) =>
      text.replace(endpoint, 'ENDPOINT').replace(/<documentation>[^<]*<\/documentation>/g, '<documentation/>');
    const mine = normalise(iconv.decode(Buffer.from(await (await fetch(emu.wsdlUrl)).arrayBuffer()), 'latin1'), emu.endpoint);
    const ref = normalise(iconv.decode(Buffer.from(await (await fetch(`${refUrl}?wsdl`)).arrayBuffer()), 'latin1'), refUrl);
    expect(mine).toBe(ref);
  });
});
