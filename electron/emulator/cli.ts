/**
 * `npm run emulator -- --port N [--latency-ms N] [--jitter-ms N] [--max-concurrent N]
 *  [--per-minute N] [--seed N] [--orders N]`: the demo Tray store on 127.0.0.1.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startEmulator } from './index.ts';

const int = (name: string, min = 0) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} espera um número inteiro`)
    .transform(Number)
    .refine((n) => n >= min, `--${name} deve ser no mínimo ${min}`)
    .optional();

const schema = z.object({
  port: int('port'),
  'latency-ms': int('latency-ms'),
  'jitter-ms': int('jitter-ms'),
  'max-concurrent': int('max-concurrent', 1),
  'per-minute': int('per-minute'),
  seed: int('seed'),
  orders: int('orders'),
});

const main = async () => {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(schema.shape).map((k) => [k, { type: 'string' as const }])),
    strict: true,
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    console.error(`Opções inválidas: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    process.exit(2);
  }
  const o = parsed.data;
  const emulator = await startEmulator({
    port: o.port ?? 8765,
    ...(o['latency-ms'] !== undefined && { latencyMs: o['latency-ms'] }),
    ...(o['jitter-ms'] !== undefined && { jitterMs: o['jitter-ms'] }),
    ...(o['max-concurrent'] !== undefined && { maxConcurrent: o['max-concurrent'] }),
    ...(o['per-minute'] !== undefined && { perMinute: o['per-minute'] }),
    ...(o.seed !== undefined && { seed: o.seed }),
    ...(o.orders !== undefined && { orders: o.orders }),
  });
  const c = emulator.config();
  console.log(`Emulador da loja Tray no ar: ${emulator.endpoint}`);
  console.log(`WSDL: ${emulator.wsdlUrl}`);
  console.log(`Loja (pid_loja): ${emulator.credentials.storeId}  usuário: ${emulator.credentials.login}  senha: ${emulator.credentials.password}`);
  console.log(`Latência ${c.latencyMs} ms (+ até ${c.jitterMs} ms), até ${c.maxConcurrent} chamadas simultâneas, ${c.perMinute ? `no máximo ${c.perMinute} chamadas por minuto` : 'sem limite por minuto'}`);
  const rest = emulator.rest.config();
  console.log(`API (REST): ${emulator.restUrl}  consumer key: ${rest.consumerKey}  consumer secret: ${rest.consumerSecret}  code: ${rest.code}`);
  console.log(`Controle: ${emulator.url}/_emulator/  (Ctrl+C para parar)`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: encerrando o emulador...`);
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
};

main().catch((e: unknown) => {
  console.error(`Falha ao iniciar o emulador: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
