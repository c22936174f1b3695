/**
 * Regressions found by the fault soak (test/soak/fault-soak.ts), each replayed here with a store
 * whose answers are scripted:
 * - a product/customer lookup that ended in a server-side SOAP fault was taken for "not found",
 *   so a record whose creation answer had been lost was created a second time;
 * - a status push answered with such a fault was failed for good instead of read back and retried;
 * - a later status of an order overtook an earlier one that had failed, and retrying the earlier
 *   one moved the order back and emailed the shopper again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStatusMapping } from '../../electron/demo/index.ts';
import { writeSampleErp } from '../../electron/demo/sample-erp.ts';
import { EmulatorFault, EmulatorStore, STATUS } from '../../electron/emulator/index.ts';
import { openErpConnector, type ErpConnector } from '../../electron/engine/erp/index.ts';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { CatalogPush } from '../../electron/engine/sync/jobs/catalog-push.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import { drainOutbox, requestOrderUpdates } from '../../electron/engine/sync/jobs/push.ts';
import type { JobContext, TrayPort } from '../../electron/engine/sync/ports.ts';
import { OutcomeUnknownError, classifyFault, RejectedError } from '../../electron/engine/tray/errors.ts';
import type { OperationName } from '../../electron/engine/tray/operations.ts';
import { s10CheckDigit } from '../../shared/br/tracking.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';

const hiccup = (op: string) => new RejectedError(op, 'Erro interno no servidor. Tente novamente mais tarde.', 'SOAP-ENV:Server', 'serverHiccup');
const invalid = (op: string) => new RejectedError(op, 'Campo inválido: id_status', 'SOAP-ENV:Client', 'invalid');

/** Answers from the in-memory store, unless a script for the operation says otherwise. */
type Script = (op: OperationName, args: readonly unknown[], apply: () => unknown) => unknown;

describe('engine regressions under faults', () => {
  let dir: string;
  let db: PonteDb;
  let clock: number;
  let store: EmulatorStore;
  let script: Script;
  let ctx: JobContext;
  let erp: ErpConnector | null = null;

  beforeEach(() => {
    clock = Date.parse('2026-11-20T12:00:00Z');
    const now = () => new Date(clock);
    store = new EmulatorStore({ seed: 4, orders: 12, now });
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-regress-'));
    db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now });
    script = (_op, _args, apply) => apply();
    const tray: TrayPort = {
      call: async (name, args) => {
        const values = args as readonly unknown[];
        // The store's business faults reach the engine as the client's RejectedError.
        const apply = () => {
          try {
            return store.call(name, values.map(String));
          } catch (error) {
            if (error instanceof EmulatorFault) throw new RejectedError(name, error.faultstring, error.faultcode, classifyFault(error.faultcode, error.faultstring));
            throw error;
          }
        };
        return script(name, values, apply) as never;
      },
    };
    ctx = { db, store: new SoapStoreAdapter(tray), settings: () => ({ ...DEFAULT_SETTINGS, statusMapping: demoStatusMapping() }), now, emit: () => {}, log: () => {} };
  });
  afterEach(async () => {
    await erp?.close();
    erp = null;
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not create a product or a customer again when the lookup after a lost answer hits a server fault', async () => {
    const { sqliteMapping } = await writeSampleErp(path.join(dir, 'erp'), 4);
    // A customer the store does not have yet (valid CPF), next to the sample ERP's own.
    const erpDb = new Database(path.join(path.dirname(sqliteMapping), 'erp.sqlite'));
    erpDb.prepare("INSERT INTO clientes VALUES ('52998224725', 'Cliente Novo', 'novo@exemplo.com.br', '11999990000', '', 'Rua A', '1', '', 'Centro', 'São Paulo', 'SP', '01001000')").run();
    erpDb.close();
    erp = await openErpConnector({ kind: 'sql', path: sqliteMapping });
    const sku = 'ERP-NOVO-001';
    const products = () => [...store.products.values()].filter((p) => p.cod_prod === sku).length;
    const customers = () => [...store.customers.values()].filter((c) => c.customer.cnpj_cpf === '52998224725').length;
    const creates: string[] = [];

    // 1st push: the store creates both, the answers are lost.
    script = (op, args, apply) => {
      if ((op === 'fWSCadastraProduto' && args[0] === sku) || op === 'fWSCadastraClienteAvancado') {
        creates.push(op);
        apply();
        throw new OutcomeUnknownError(op, args, 'conexão encerrada');
      }
      return apply();
    };
    const first = await new CatalogPush(ctx, erp).run();
    expect(first.counts.failed).toBe(2);
    expect([products(), customers()]).toEqual([1, 1]);

    // 2nd push: every lookup fails with a server hiccup: that is not "not found", so no create.
    script = (op, args, apply) => {
      if (op === 'fWSImportaProdutoPorCodReferencia' || op.startsWith('fWSImportaClientePor')) throw hiccup(op);
      if (op === 'fWSCadastraProduto' || op === 'fWSCadastraClienteAvancado') creates.push(op);
      return apply();
    };
    await new CatalogPush(ctx, erp).run();
    expect(creates).toHaveLength(2);
    expect([products(), customers()]).toEqual([1, 1]);

    // 3rd push: the lookups work and both records are adopted.
    script = (_op, _args, apply) => apply();
    await new CatalogPush(ctx, erp).run();
    expect([products(), customers()]).toEqual([1, 1]);
    expect(db.getBinding('produto', sku)?.trayId).toBe([...store.products.values()].find((p) => p.cod_prod === sku)?.id_produto);
    expect(db.getBinding('cliente', '52998224725')).not.toBeNull();
  });

  const pullAndPick = async () => {
    await runOrderPull(ctx);
    const order = [...store.orders.values()].find((o) => o.pending === false && o.order.id_status === STATUS.awaitingPayment && db.getOrder(o.order.id_pedido));
    if (!order) throw new Error('no order awaiting payment in the seed');
    return order.order.id_pedido;
  };
  const emailsOf = (id: number) => store.emails.filter((e) => e.id_pedido === id).map((e) => e.id_status);
  const code = (digits: string) => `PN${digits}${s10CheckDigit(digits)}BR`;

  it('reads back and retries a status push answered with a server fault, and emails once', async () => {
    const id = await pullAndPick();
    const [entered] = requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    expect(entered?.ok).toBe(true);
    script = (op, _args, apply) => {
      if (op === 'fWSAtualizaStatusPedido') {
        apply(); // a PHP error after the change was saved: the worst case
        throw hiccup(op);
      }
      return apply();
    };
    await drainOutbox(ctx);
    expect(db.getOrder(id)?.pushes.map((p) => p.state)).toEqual(['outcome_unknown']);

    script = (_op, _args, apply) => apply();
    clock += 3_600_000;
    await drainOutbox(ctx);
    expect(db.getOrder(id)?.pushes.map((p) => p.state)).toEqual(['done']);
    expect(emailsOf(id)).toEqual([STATUS.picking]);
  });

  it("keeps an order's later status behind an earlier one that failed, then sends both in order", async () => {
    const id = await pullAndPick();
    requestOrderUpdates(ctx, [{ orderId: id, status: 'em_separacao' }]);
    requestOrderUpdates(ctx, [{ orderId: id, trackingCode: code('11223344'), status: 'enviado' }]);
    const [first] = db.getOrder(id)!.pushes;

    // The first push is refused for good; nothing after it may go out.
    script = (op, _args, apply) => {
      if (op === 'fWSAtualizaStatusPedido' && store.order(id)?.order.id_status === STATUS.awaitingPayment) throw invalid(op);
      return apply();
    };
    await drainOutbox(ctx);
    clock += 3_600_000;
    await drainOutbox(ctx);
    expect(db.getOrder(id)!.pushes[0]?.state).toBe('failed');
    expect(store.order(id)?.order.id_status).toBe(STATUS.awaitingPayment);
    expect(store.order(id)?.order.codigo_rastreio).toBe('');
    expect(emailsOf(id)).toEqual([]);
    // Waiting behind the failed head is not an attempt (issue #12, defect 2).
    expect(db.getOrder(id)!.pushes.slice(1).map((p) => [p.state, p.attempts])).toEqual([['pending', 0], ['pending', 0]]);

    // The merchant retries it: everything goes out, in the order it was entered.
    script = (_op, _args, apply) => apply();
    db.requeue(first!.id);
    clock += 3_600_000;
    await drainOutbox(ctx);
    expect(db.getOrder(id)!.pushes.map((p) => p.state)).toEqual(['done', 'done', 'done']);
    expect(emailsOf(id)).toEqual([STATUS.picking, STATUS.shipped]);
    expect(store.order(id)?.order.codigo_rastreio).toBe(code('11223344'));
  });
});
