/**
 * Starts the real NuSOAP server (test/contract/php/nusoap-server.php) with `php -S` on a free
 * loopback port. Debian's NuSOAP 0.9.5 has PHP 4 constructors that PHP 8 never calls; a copy with
 * a `__construct` forwarding to each of them is made in a temp dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { OPERATIONS, TYPES, type OperationName } from '../../electron/engine/tray/operations.ts';

export const NUSOAP_SOURCE = '/usr/share/php/nusoap/nusoap.php';
const SERVER = path.resolve(import.meta.dirname, 'php/nusoap-server.php');

export const CONTRACT_OPERATIONS: OperationName[] = [
  'fWSImportaStatusPedido',
  'fWSImportaPedidoPorId',
  'fWSImportaPedidos',
  'fWSImportaItensPedidoPorId',
  'fWSImportaClientePorPedidoAvancado',
  'fWSAtualizaStatusPedido',
];

/** Adds `function __construct(...$a){ $this->X(...$a); }` to each class X with a PHP 4 constructor. */
export const patchNusoap = (source: string): string =>
  source.replace(/^class\s+(\w+)(\s+extends\s+\w+)?\s*\{/gm, (whole, name: string) =>
    new RegExp(`function\\s+${name}\\s*\\(`).test(source) ? `${whole}\n\tfunction __construct(...$a){ $this->${name}(...$a); }\n` : whole,
  );

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export interface NusoapServer {
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** A PHP script run by `php -S` on a free loopback port, until `close()`. */
export interface PhpRouter {
  port: number;
  close(): Promise<void>;
}

/** Starts `php -S 127.0.0.1:PORT script` and waits until it accepts connections. */
export const startPhpRouter = async (script: string, env: NodeJS.ProcessEnv = {}): Promise<PhpRouter> => {
  const port = await freePort();
  const child: ChildProcess = spawn('php', ['-S', `127.0.0.1:${port}`, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`php -S exited: ${log}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`php -S did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
};

export const startNusoap = async (): Promise<NusoapServer> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponte-nusoap-'));
  // NuSOAP's source is Latin-1: keep its bytes as they are.
  await writeFile(path.join(dir, 'nusoap.php'), patchNusoap(await readFile(NUSOAP_SOURCE, 'latin1')), 'latin1');
  const catalogue = { types: TYPES, operations: Object.fromEntries(CONTRACT_OPERATIONS.map((op) => [op, OPERATIONS[op]])) };
  await writeFile(path.join(dir, 'catalogue.json'), JSON.stringify(catalogue));
  const php = await startPhpRouter(SERVER, { NUSOAP_PATH: path.join(dir, 'nusoap.php'), PONTE_CATALOGUE: path.join(dir, 'catalogue.json') });
  const url = `http://127.0.0.1:${php.port}/webservice/v2/ws_servidor.php`;
  return {
    url,
    dir,
    async close() {
      await php.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
