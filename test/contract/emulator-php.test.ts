/**
 * Proof that the emulator's wire format is real: SOAP stacks nobody here wrote — PHP's SoapClient
 * (php-soap) and NuSOAP's own client — call it through its WSDL.
 */
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, STORE_STATUSES, type RunningEmulator } from '../../electron/emulator/index.ts';

const run = promisify(execFile);
const PHP_DIR = path.join(import.meta.dirname, 'php');
const hasPhp = spawnSync('php', ['-v']).status === 0;
if (!hasPhp) console.warn('emulator contract tests SKIPPED: `php` is not installed (apt-get install -y php-cli php-soap php-xml libnusoap-php)');

interface PhpReport {
  orders: Array<{ id_pedido: number; status: string; total: string }>;
  orderId: number;
  items: Array<{ cod_prod: string; nome_produto: string; quantidade: number }>;
  customer: { cliente: string; cidade: string; uf: string; cep: string; cnpj_cpf: string };
  orderCustomer: { count: number; cidade: string; logradouro: string };
  statuses: Array<{ id_status: number; status: string; tipo: string }>;
  statusWrite: { status: string; id: number };
  trackingWrite: { status: string; id: number };
  brandWrite: { status: string; id: number };
  wrongPassword: { faultcode: string; faultstring: string } | string;
  unexpectedFault?: string;
}

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: 5, orders: 12, now: () => new Date('2026-11-20T12:00:00Z') });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await fetch(`${emu.url}/_emulator/reset`, { method: 'POST' });
});

const TRACKING = 'QB123456785BR';

/** The first to-do order and a status it does not have yet, so the write is a real change. */
const plan = () => {
  const first = [...emu.store.orders.values()].filter((o) => o.pending)[0];
  if (!first) throw new Error('no pending order');
  const target = STORE_STATUSES.find((s) => s.status === 'ENVIADO' && s.id_status !== first.order.id_status) ?? STORE_STATUSES.find((s) => s.status === 'ENTREGUE');
  const customer = emu.store.catalog.customers[0];
  if (!target || !customer) throw new Error('no target status/customer');
  return { orderId: first.order.id_pedido, target, customer };
};

const check = async (report: PhpReport, p: ReturnType<typeof plan>) => {
  expect(report.unexpectedFault).toBeUndefined();
  const pending = [...emu.store.orders.values()].filter((o) => o.pending).map((o) => o.order.id_pedido);
  expect(report.orders.map((o) => o.id_pedido)).toEqual(pending);
  expect(report.orderId).toBe(p.orderId);
  expect(report.items.map((i) => i.cod_prod)).toEqual(emu.store.order(p.orderId)?.items.map((i) => i.cod_prod));
  expect(report.customer).toMatchObject({ cliente: 'João da Conceição Gonçalves', cidade: 'São Paulo', uf: 'SP', cnpj_cpf: p.customer.document });
  expect(report.orderCustomer).toMatchObject({ count: 1, cidade: emu.store.order(p.orderId)?.delivery.cidade });
  expect(report.statuses.map((s) => s.status)).toEqual(STORE_STATUSES.map((s) => s.status));
  expect(report.statuses.map((s) => s.status)).toContain('EM SEPARAÇÃO');
  expect(report.statuses.map((s) => Number(s.id_status))).toEqual(STORE_STATUSES.map((s) => s.id_status));
  expect(report.statusWrite).toEqual({ status: 'ok', id: p.orderId });
  expect(report.trackingWrite).toEqual({ status: 'ok', id: p.orderId });
  expect(report.brandWrite.status).toBe('ok');
  expect(emu.store.brands.get(Number(report.brandWrite.id))).toBe('Pão & Açúcar <Ltda>');
  expect(report.wrongPassword).toEqual({ faultcode: 'SOAP-ENV:Client', faultstring: 'Login ou senha inválidos' });

  const state = (await (await fetch(`${emu.url}/_emulator/state/orders/${p.orderId}`)).json()) as { id_status: number; status: string; codigo_rastreio: string };
  expect(state).toMatchObject({ id_status: p.target.id_status, status: p.target.status, codigo_rastreio: TRACKING });
  const emails = (await (await fetch(`${emu.url}/_emulator/emails`)).json()) as Array<{ id_pedido: number; id_status: number }>;
  expect(emails.map((e) => [e.id_pedido, e.id_status])).toEqual([[p.orderId, p.target.id_status]]);
};

const php = async (script: string, args: string[]): Promise<PhpReport> => {
  const { stdout } = await run('php', ['-d', 'display_errors=stderr', path.join(PHP_DIR, script), ...args], { timeout: 60_000 });
  return JSON.parse(stdout) as PhpReport;
};

describe.skipIf(!hasPhp)('PHP SoapClient (php-soap, WSDL mode) against the emulator', () => {
  for (const mode of ['utf8', 'latin1'] as const) {
    it(`reads orders, items, customer, statuses and writes status + tracking (encoding ${mode})`, async () => {
      const p = plan();
      const c = emu.credentials;
      const report = await php('emulator-soapclient.php', [emu.wsdlUrl, c.storeId, c.login, c.password, String(p.customer.id), String(p.target.id_status), TRACKING, mode]);
      await check(report, p);
    }, 60_000);
  }
});

describe.skipIf(!hasPhp)("NuSOAP's own client (libnusoap-php, WSDL mode) against the emulator", () => {
  it('reads orders, items, customer, statuses and writes status + tracking', async () => {
    const p = plan();
    const c = emu.credentials;
    const report = await php('emulator-nusoap-client.php', [emu.wsdlUrl, c.storeId, c.login, c.password, String(p.customer.id), String(p.target.id_status), TRACKING]);
    await check(report, p);
  }, 60_000);
});
