/**
 * Tray client throughput (issue 3): against the emulator at latency L and max concurrency C,
 * Ponte's client with its pool at C, as a ratio of the bound C/L (target >= 0.9), and as a ratio to
 * a naive client measured in the same run (a new SOAP client per call, WSDL fetched again each
 * time, one call at a time: what public PHP clients do).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClientAsync } from 'soap';
import { TrayClient } from '../electron/engine/tray/client.ts';
import type { BenchModule } from './run.ts';

const LATENCY_MS = 100;
const CONCURRENCY = 8;
const CREDENTIALS = { storeId: '1', login: 'webservice', password: 'ponte-demo' };

/**
 * The emulator runs in its own process, as a real store is remote: its CPU work must not sit on
 * the client's event loop and be counted against the client.
 */
const spawnEmulator = async (): Promise<{ endpoint: string; base: string; child: ChildProcess }> => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/emulator/cli.ts', '--port', '0', '--latency-ms', String(LATENCY_MS), '--max-concurrent', String(CONCURRENCY), '--per-minute', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S+ws_servidor\.php)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${out}`)));
  });
  return { endpoint, base: new URL(endpoint).origin, child };
};

const emulatorStats = async (base: string) => (await (await fetch(`${base}/_emulator/stats`)).json()) as { maxInFlight: number };

const bench: BenchModule = {
  name: 'client',
  async run(report, { quick }) {
    const calls = quick ? 160 : 480;
    const naiveCalls = quick ? 10 : 30;
    const emulator = await spawnEmulator();
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'ponte-bench-wsdl-'));
    const { storeId, login, password } = CREDENTIALS;
    try {
      const client = new TrayClient({ url: emulator.endpoint, storeId, login, password, cacheDir, poolSize: CONCURRENCY, perMinute: 0 });
      await client.connect();
      const ids = (await client.listOrders({ since: '2000-01-01', until: '2100-12-31' })).map((o) => o.id_pedido);
      await Promise.all(ids.slice(0, CONCURRENCY).map((id) => client.getOrderItems(id))); // warm the keep-alive sockets
      await fetch(`${emulator.base}/_emulator/reset`, { method: 'POST' });
      const start = performance.now();
      await Promise.all(Array.from({ length: calls }, (_, i) => client.getOrderItems(ids[i % ids.length] as number)));
      const seconds = (performance.now() - start) / 1000;
      const throughput = calls / seconds;
      const bound = CONCURRENCY / (LATENCY_MS / 1000);
      const { maxInFlight } = await emulatorStats(emulator.base);
      await client.close();

      // An ideal client for reference: a prebuilt envelope POSTed with fetch, 8 at a time, no parsing.
      // It shows what the emulator itself allows (its own per-call overhead on top of L).
      const envelope = (id: number) =>
        `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><tns:fWSImportaItensPedidoPorId xmlns:tns="urn:ws_servidor"><pid_loja>${storeId}</pid_loja><plogin>${login}</plogin><psenha>${password}</psenha><id_pedido>${id}</id_pedido></tns:fWSImportaItensPedidoPorId></soap:Body></soap:Envelope>`;
      let next = 0;
      const rawStart = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < calls) {
            const i = next++;
            const r = await fetch(emulator.endpoint, { method: 'POST', body: envelope(ids[i % ids.length] as number), headers: { 'content-type': 'text/xml; charset=utf-8' } });
            await r.arrayBuffer();
          }
        }),
      );
      const rawThroughput = calls / ((performance.now() - rawStart) / 1000);

      const naiveStart = performance.now();
      for (let i = 0; i < naiveCalls; i++) {
        const soap = await createClientAsync(`${emulator.endpoint}?wsdl`, { disableCache: true, endpoint: emulator.endpoint });
        const method = (soap as unknown as Record<string, (args: unknown) => Promise<unknown>>)['fWSImportaItensPedidoPorIdAsync'];
        await method!.call(soap, { pid_loja: storeId, plogin: login, psenha: password, id_pedido: ids[i % ids.length] });
      }
      const naiveThroughput = naiveCalls / ((performance.now() - naiveStart) / 1000);

      const context = { latencyMs: LATENCY_MS, concurrency: CONCURRENCY, calls };
      report({ bench: 'client', metric: 'throughput', value: throughput, unit: 'calls/s', ...context });
      report({ bench: 'client', metric: 'bound C/L', value: bound, unit: 'calls/s' });
      report({ bench: 'client', metric: 'ratio to bound (>=0.9)', value: throughput / bound, unit: 'x' });
      report({ bench: 'client', metric: 'ideal raw client throughput', value: rawThroughput, unit: 'calls/s' });
      report({ bench: 'client', metric: 'ratio to ideal raw client', value: throughput / rawThroughput, unit: 'x' });
      report({ bench: 'client', metric: 'naive throughput', value: naiveThroughput, unit: 'calls/s', calls: naiveCalls });
      report({ bench: 'client', metric: 'ratio to naive', value: throughput / naiveThroughput, unit: 'x' });
      report({ bench: 'client', metric: 'emulator maxInFlight', value: maxInFlight, poolSize: CONCURRENCY });
    } finally {
      emulator.child.kill('SIGTERM');
      await rm(cacheDir, { recursive: true, force: true });
    }
  },
};

export default bench;
