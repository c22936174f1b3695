/**
 * The emulator's concurrency limit is real (issue 2, "Must show"): with a fixed latency L and
 * max-concurrent 4, 4 concurrent calls take about L and 8 take about 2L, because calls 5-8 wait for
 * a free slot. Latency is scaled down from Tray's ~1 s to keep the run short; the ratio t8/t4 is
 * what matters (≈ 2). Calls go over raw HTTP so no client-side pooling hides anything.
 */
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../electron/emulator/index.ts';
import type { BenchModule } from './run.ts';

const envelope = (storeId: string, login: string, password: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><ns1:fWSImportaStatusPedido xmlns:ns1="urn:ws_servidor"><a>${storeId}</a><b>${login}</b><c>${password}</c></ns1:fWSImportaStatusPedido></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

const bench: BenchModule = {
  name: 'emulator',
  async run(report, { quick }) {
    const latencyMs = quick ? 100 : 200;
    const emu = await startEmulator({ latencyMs, maxConcurrent: 4 });
    const body = envelope(emu.credentials.storeId, emu.credentials.login, emu.credentials.password);
    const burst = async (n: number) => {
      emu.resetStats();
      const t0 = performance.now();
      const answers = await Promise.all(
        Array.from({ length: n }, () => fetch(emu.endpoint, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body }).then((r) => r.status)),
      );
      const ms = performance.now() - t0;
      if (answers.some((s) => s !== 200)) throw new Error(`unexpected HTTP status: ${answers.join(',')}`);
      return { ms, maxInFlight: emu.stats().maxInFlight };
    };
    try {
      await burst(1); // warm-up: connection setup and JIT out of the figures
      const t4 = await burst(4);
      const t8 = await burst(8);
      report({ bench: 'emulator', metric: '4 concurrent calls', value: t4.ms, unit: 'ms', latencyMs, maxConcurrent: 4, maxInFlight: t4.maxInFlight });
      report({ bench: 'emulator', metric: '8 concurrent calls', value: t8.ms, unit: 'ms', latencyMs, maxConcurrent: 4, maxInFlight: t8.maxInFlight });
      report({ bench: 'emulator', metric: 'ratio t8/t4 (expect ~2)', value: t8.ms / t4.ms, unit: 'x' });
    } finally {
      await emu.close();
    }
  },
};

export default bench;
