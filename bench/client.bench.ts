/**
 * Tray client throughput (issue 3): against the emulator at latency L and max concurrency C,
 * Ponte's client with its pool at C, as a ratio of the bound C/L (target >= 0.9), and as a ratio to
 * a naive client measured in the same run (a new SOAP client per call, WSDL fetched again each
 * time, one call at a time: what public PHP clients do).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClientAsync } from 'soap';
import { startEmulator } from '../electron/emulator/index.ts';
import { TrayClient } from '../electron/engine/tray/client.ts';
import type { BenchModule } from './run.ts';

const LATENCY_MS = 100;
const CONCURRENCY = 8;

const bench: BenchModule = {
  name: 'client',
  async run(report, { quick }) {
    const calls = quick ? 160 : 480;
    const naiveCalls = quick ? 10 : 30;
    const emulator = await startEmulator({ latencyMs: LATENCY_MS, maxConcurrent: CONCURRENCY, perMinute: 0 });
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'ponte-bench-wsdl-'));
    const { storeId, login, password } = emulator.credentials;
    try {
      const client = new TrayClient({ url: emulator.endpoint, storeId, login, password, cacheDir, poolSize: CONCURRENCY, perMinute: 0 });
      await client.connect();
      await client.getOrder(1); // warm the keep-alive sockets
      const orderIds = (await client.listOrders({ since: '2000-01-01', until: '2100-12-31' })).map((o) => o.id_pedido);
      const ids = orderIds.length > 0 ? orderIds : [1];
      emulator.resetStats();
      const start = performance.now();
      await Promise.all(Array.from({ length: calls }, (_, i) => client.getOrderItems(ids[i % ids.length] as number)));
      const seconds = (performance.now() - start) / 1000;
      const throughput = calls / seconds;
      const bound = CONCURRENCY / (LATENCY_MS / 1000);
      const maxInFlight = emulator.stats().maxInFlight;
      await client.close();

      const naiveStart = performance.now();
      for (let i = 0; i < naiveCalls; i++) {
        const soap = await createClientAsync(emulator.wsdlUrl, { disableCache: true, endpoint: emulator.endpoint });
        const method = (soap as unknown as Record<string, (args: unknown) => Promise<unknown>>)['fWSImportaItensPedidoPorIdAsync'];
        await method!.call(soap, { pid_loja: storeId, plogin: login, psenha: password, id_pedido: ids[i % ids.length] });
      }
      const naiveThroughput = naiveCalls / ((performance.now() - naiveStart) / 1000);

      const context = { latencyMs: LATENCY_MS, concurrency: CONCURRENCY, calls };
      report({ bench: 'client', metric: 'throughput', value: throughput, unit: 'calls/s', ...context });
      report({ bench: 'client', metric: 'bound C/L', value: bound, unit: 'calls/s' });
      report({ bench: 'client', metric: 'ratio to bound (>=0.9)', value: throughput / bound, unit: 'x' });
      report({ bench: 'client', metric: 'naive throughput', value: naiveThroughput, unit: 'calls/s', calls: naiveCalls });
      report({ bench: 'client', metric: 'ratio to naive', value: throughput / naiveThroughput, unit: 'x' });
      report({ bench: 'client', metric: 'emulator maxInFlight', value: maxInFlight, poolSize: CONCURRENCY });
    } finally {
      await emulator.close();
      await rm(cacheDir, { recursive: true, force: true });
    }
  },
};

export default bench;
