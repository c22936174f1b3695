/**
 * The catalogue push's corners that the end-to-end suites pass over, each pinned by what a caller
 * sees: the calls the store received (the emulator's store in-process, behind a TrayPort that answers
 * its faults as the client's errors), what it holds, the run's counts and messages, the catalogue
 * report, the outbox (Fila) and the activity log. Written against the mutation run (issue 12): every
 * test here kills mutants of electron/engine/sync/jobs/catalog-push.ts that survived the other suites.
 * In-process and small, so each runs in milliseconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorFault, EmulatorStore, STATUS } from '../../electron/emulator/index.ts';
import type { ErpCatalog, ErpConnector } from '../../electron/engine/erp/index.ts';
import type { ErpProblem } from '../../electron/engine/erp/types.ts';
import { DEFAULT_SETTINGS, type StoredSettings } from '../../electron/engine/settings.ts';
import { openPonteDb, type PonteDb } from '../../electron/engine/store/index.ts';
import { STORE_FEATURES, type FeatureAvailability, type StoreFeature } from '../../electron/engine/store-port/port.ts';
import { SoapStoreAdapter, type SoapStoreClient } from '../../electron/engine/store-port/soap-adapter.ts';
import { CatalogPush, type CatalogPushOptions } from '../../electron/engine/sync/jobs/catalog-push.ts';
import { drainOutbox } from '../../electron/engine/sync/jobs/push.ts';
import { runOrderPull } from '../../electron/engine/sync/jobs/order-pull.ts';
import type { JobContext } from '../../electron/engine/sync/ports.ts';
import { AuthError, classifyFault, OutcomeUnknownError, RejectedError, TransientError, UnsupportedOperationError } from '../../electron/engine/tray/errors.ts';
import { OPERATIONS, type OperationName } from '../../electron/engine/tray/operations.ts';
import type { CatalogEntity, PonteEvent } from '../../shared/api/contract.ts';
import { formatMoney, formatPercent } from '../../shared/i18n/index.ts';
import { cpf, emptyCatalog, tinyCatalog } from '../support/catalog-bench.ts';

/** Answers for the store: `apply()` is the store's own answer, its faults as the client reads them. */
type Script = (op: OperationName, args: readonly unknown[], apply: () => unknown) => unknown;

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

interface Bench {
  store: EmulatorStore;
  db: PonteDb;
  catalog: ErpCatalog;
  problems: ErpProblem[];
  settings: StoredSettings;
  /** Operations the store received, in order, since the last `reset()`. */
  calls: OperationName[];
  reset(): void;
  count(op: OperationName): number;
  writes(): number;
  logs: Array<{ level: string; job: string; message: string }>;
  events: PonteEvent[];
  script: Script;
  /** What the store says it offers (the SOAP client learns it from the WSDL); unset: everything. */
  features?: () => Partial<Record<StoreFeature, FeatureAvailability>>;
  connect?: () => Promise<void>;
  /** The port's methods Ponte called, with their arguments: what a REST store would receive too. */
  portCalls: Array<{ method: string; args: unknown[] }>;
  emit?: (e: PonteEvent) => void;
  run(options?: CatalogPushOptions): ReturnType<CatalogPush['run']>;
  failures(entity: CatalogEntity): Array<{ key: string; message: string }>;
  report(entity: CatalogEntity): { created: number; updated: number; unchanged: number; failed: number };
  product(sku: string): { id_produto: number; nome: string; preco: number; estoque: number; disponivel: string; id_categoria: number; id_marca: number } | undefined;
  ctx: JobContext;
}

const open = (catalog: ErpCatalog, options: { orders?: number; settings?: Partial<StoredSettings> } = {}): Bench => {
  const now = () => new Date('2026-11-20T12:00:00Z');
  const store = new EmulatorStore({ seed: 5, orders: options.orders ?? 0, now });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-catmut-'));
  const db = openPonteDb(path.join(dir, 'ponte.sqlite'), { now });
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const bench: Bench = {
    store,
    db,
    catalog,
    problems: [],
    settings: { ...DEFAULT_SETTINGS, demo: false, ...options.settings },
    calls: [],
    reset: () => void bench.calls.splice(0),
    count: (op) => bench.calls.filter((c) => c === op).length,
    writes: () => bench.calls.filter((c) => OPERATIONS[c].kind === 'write').length,
    logs: [],
    events: [],
    script: (_op, _args, apply) => apply(),
    portCalls: [],
    run: (opts) => new CatalogPush(bench.ctx, erp, opts).run(),
    failures: (entity) => db.catalogReport().find((r) => r.entity === entity)?.failures ?? [],
    report: (entity) => db.catalogReport().find((r) => r.entity === entity)!.counts,
    product: (sku) => [...store.products.values()].find((p) => p.cod_prod === sku),
    ctx: undefined as unknown as JobContext,
  };
  const tray: SoapStoreClient = {
    // Learning the store's features (the WSDL): a test may make it fail.
    connect: async () => bench.connect?.(),
    call: async (name, args) => {
      const values = args as readonly unknown[];
      const apply = () => {
        bench.calls.push(name);
        try {
          return store.call(name, values.map(String));
        } catch (error) {
          if (error instanceof EmulatorFault) throw new RejectedError(name, error.faultstring, error.faultcode, classifyFault(error.faultcode, error.faultstring));
          throw error;
        }
      };
      return bench.script(name, values, apply) as never;
    },
    features: () => (bench.features ? bench.features() : Object.fromEntries(STORE_FEATURES.map((f) => [f, { available: true, reason: null }]))),
  };
  const adapter = new SoapStoreAdapter(tray);
  const port = new Proxy(adapter, {
    get: (target, prop, receiver) => {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        bench.portCalls.push({ method: prop, args });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  // A fresh copy per run, as the ERP reader gives: a test changes `bench.catalog` between runs.
  const erp = { readCatalog: async () => ({ catalog: structuredClone(bench.catalog), problems: bench.problems, counts: {} }) } as unknown as ErpConnector;
  bench.ctx = {
    db,
    store: port,
    settings: () => bench.settings,
    now,
    emit: (e) => (bench.emit ?? ((x: PonteEvent) => bench.events.push(x)))(e),
    log: (level, job, message) => void bench.logs.push({ level, job, message }),
  };
  return bench;
};

/** Fails `op` with `error` (the store never sees it) while `when()` holds; everything else goes through. */
const failing = (op: OperationName, error: () => Error, when: () => boolean = () => true): Script => (name, _args, apply) => {
  if (name === op && when()) throw error();
  return apply();
};

const transient = (op: string) => new TransientError('network', op, 'ECONNRESET');
const lost = (op: string) => new OutcomeUnknownError(op, [], 'a conexão caiu depois do envio');
const hiccup = (op: string) => new RejectedError(op, 'Erro interno no servidor. Tente novamente mais tarde.', 'SOAP-ENV:Server', 'serverHiccup');
const refused = (op: string) => new RejectedError(op, 'Campo inválido: nome', 'SOAP-ENV:Client', 'invalid');


describe('names are matched as the store compares them', () => {
  it('a brand the store spells with accents, or the ERP with doubled or trailing spaces, is adopted, not created', async () => {
    const b = open({ ...emptyCatalog(), brands: [{ name: 'Papelaria Acao' }, { name: 'Marca  Dupla' }, { name: 'Marca Aparada ' }] });
    b.store.call('fWSCadastraMarca', ['Papelaria Ação']);
    b.store.call('fWSCadastraMarca', ['Marca Dupla']);
    b.store.call('fWSCadastraMarca', ['Marca Aparada']);
    const run = await b.run();
    expect(run.counts).toMatchObject({ created: 0, unchanged: 3, failed: 0 });
    expect(b.count('fWSCadastraMarca')).toBe(0);
  });

  it('a category of the same name under another parent is a different category: it is created', async () => {
    const catalog = emptyCatalog();
    catalog.categories.push({ key: 'top', name: 'Cadernos Ponte', parentKey: null, order: 1, description: '' });
    const b = open(catalog);
    const parent = b.store.call('fWSCadastraCategoria', ['Papelaria Ponte', '0', '', '1']) as { id: number };
    b.store.call('fWSCadastraCategoria', ['Cadernos Ponte', String(parent.id), '', '1']);
    const run = await b.run();
    expect(run.counts).toMatchObject({ created: 1, unchanged: 0 });
    expect([...b.store.categories.values()].filter((c) => c.nome === 'Cadernos Ponte').map((c) => c.id_categoria_pai).sort()).toEqual([0, parent.id]);
  });
});

describe('a run that cannot go on', () => {
  it('an error that is not about the store (here the progress sink) is thrown, not turned into a failed run', async () => {
    const b = open(tinyCatalog());
    b.emit = () => {
      throw new Error('o painel fechou');
    };
    await expect(b.run()).rejects.toThrow('o painel fechou');
  });

  it('a store that stops answering: the aborted run still reports what was counted before, and why', async () => {
    const b = open(tinyCatalog());
    // Every write but the categories' fails as unreachable: five such failures in a row stop the run.
    b.script = (name, args, apply) => (OPERATIONS[name].kind === 'write' && name !== 'fWSCadastraCategoria' ? (() => { throw transient(name); })() : apply());
    const run = await b.run();
    expect(run.result).toBe('failed');
    // c1 and c2 created; the brand, the characteristic, both products and TST-0001's value (its product
    // missing) failed; the customer's create is the fifth unreachable failure: it stops the run (+1).
    expect(run.counts).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 5 });
    expect(run.errorCount).toBe(6);
    expect(run.message).toBe(`A loja não respondeu (${transient('fWSCadastraProduto').message}); nova tentativa mais tarde.`);
  });

  it('a refused access names the store’s reason in the message', async () => {
    const b = open(tinyCatalog());
    b.script = (name) => {
      throw new AuthError('credentials', name, 'Token inválido');
    };
    const run = await b.run();
    expect(run.result).toBe('failed');
    expect(run.message).toBe(`A loja recusou o acesso: ${new AuthError('credentials', 'x', 'Token inválido').message}. Verifique loja, login e senha em Configurações.`);
  });

  it('a create whose answer was lost fails with "to be checked", not with the transport’s words, and is logged', async () => {
    const b = open({ ...emptyCatalog(), brands: [{ name: 'Marca Perdida' }] });
    b.script = (name, _args, apply) => {
      const result = apply();
      if (name === 'fWSCadastraMarca') throw lost(name);
      return result;
    };
    const run = await b.run();
    expect(run.counts).toMatchObject({ failed: 1 });
    expect(b.failures('marcas')).toEqual([{ key: 'Marca Perdida', message: 'a loja não confirmou o cadastro; será conferido antes de tentar de novo' }]);
    expect(b.logs).toContainEqual({ level: 'error', job: 'catalog', message: 'marcas Marca Perdida: a loja não confirmou o cadastro; será conferido antes de tentar de novo' });
  });
});

describe('retrying one record, and what a full run replaces', () => {
  it('retrying one category sends only that one', async () => {
    const b = open(tinyCatalog());
    await b.run();
    b.catalog.categories[0]!.description = 'Cadernos e blocos';
    b.catalog.categories[1]!.description = 'Papelaria e escritório';
    b.reset();
    const run = await b.run({ entity: 'categorias', key: 'c1' });
    expect(run.counts).toMatchObject({ updated: 1, unchanged: 0 });
    expect(b.count('fWSAtualizaCategoria')).toBe(1);
    expect(b.store.categories.get(b.db.getBinding('categoria', 'c2')!.trayId)?.descricao).toBe('Cadernos');
  });

  it('retrying a brand by its name or by its key runs that brand alone: a new brand beside it is not created', async () => {
    const b = open({ ...emptyCatalog(), brands: [{ name: 'Marca Ponte' }] });
    await b.run();
    b.catalog.brands.push({ name: 'Marca Nova' });
    for (const key of ['Marca Ponte', 'marca ponte']) {
      b.reset();
      const run = await b.run({ entity: 'marcas', key });
      expect(run.counts).toMatchObject({ unchanged: 1, created: 0 });
      expect(b.count('fWSCadastraMarca')).toBe(0);
    }
  });

  it('retrying the characteristics entity runs it: a new characteristic is created', async () => {
    const b = open({ ...emptyCatalog(), characteristics: [{ name: 'Gramatura Ponte' }] });
    await b.run();
    b.catalog.characteristics.push({ name: 'Acabamento Ponte' });
    b.catalog.brands.push({ name: 'Marca Nova' });
    const run = await b.run({ entity: 'caracteristicas' });
    expect(run.counts).toMatchObject({ created: 1, unchanged: 1 });
    expect(b.count('fWSCadastraCaracteristica')).toBe(2);
    expect(b.count('fWSCadastraMarca')).toBe(0);
  });

  it('retrying one customer sends only that one', async () => {
    const catalog = tinyCatalog();
    const first = catalog.customers[0]!;
    catalog.customers.push({ ...first, document: cpf('111444777'), email: 'outro@exemplo.com.br', name: 'Outro Cliente' });
    const b = open({ ...emptyCatalog(), customers: [first] });
    await b.run();
    b.catalog = { ...emptyCatalog(), customers: catalog.customers };
    b.catalog.customers[0]!.phone = '(11) 97777-0002';
    b.reset();
    const run = await b.run({ entity: 'clientes', key: first.document });
    expect(run.counts).toMatchObject({ updated: 1, created: 0 });
    expect(b.count('fWSCadastraClienteAvancado')).toBe(0);
    expect(b.report('clientes')).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
  });

  it('retrying one wedding list sends only that one', async () => {
    const catalog = tinyCatalog();
    const b = open(catalog);
    await b.run();
    b.catalog.weddingLists.push({ key: 'w2', name: 'Lista de Clara e Davi', couple: 'Clara e Davi', eventDate: '2027-06-01', email: 'clara@exemplo.com.br', items: [] });
    b.catalog.weddingLists[0]!.items[0]!.quantity = 5;
    b.reset();
    const run = await b.run({ entity: 'listas', key: 'w1' });
    expect(run.counts).toMatchObject({ updated: 1, created: 0 });
    expect(b.count('fWSCadastraListaCasamento')).toBe(0);
    expect(b.report('listas')).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
  });

  it('a full run replaces the entity’s results: a failed record gone from the ERP is no longer listed', async () => {
    const b = open({ ...emptyCatalog(), brands: [{ name: 'Marca Recusada' }, { name: 'Marca Boa' }] });
    b.script = (name, args, apply) => (name === 'fWSCadastraMarca' && args[0] === 'Marca Recusada' ? (() => { throw refused(name); })() : apply());
    await b.run();
    expect(b.failures('marcas').map((f) => f.key)).toEqual(['Marca Recusada']);
    b.catalog.brands.splice(0, 1);
    await b.run();
    expect(b.failures('marcas')).toEqual([]);
    expect(b.report('marcas')).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
  });
});

describe('a bound record is not looked up again', () => {
  it('a second run reads neither brands, characteristics, products by SKU nor wedding lists', async () => {
    const b = open(tinyCatalog());
    await b.run();
    b.reset();
    const run = await b.run();
    expect(run.counts).toMatchObject({ unchanged: 8, updated: 0 });
    expect(b.calls.filter((c) => c !== 'fWSImportaCategorias')).toEqual([]);
  });

  it('a brand deleted in Tray’s panel after it was bound is not created again (the store has no rename: a name is its identity)', async () => {
    const b = open({ ...emptyCatalog(), brands: [{ name: 'Marca Ponte' }] });
    await b.run();
    b.store.brands.clear();
    b.reset();
    expect((await b.run()).counts).toMatchObject({ unchanged: 1, created: 0 });
    expect(b.calls).toEqual([]);
  });
});

describe('products', () => {
  const oneProduct = (over: Partial<ErpCatalog['products'][number]> = {}): ErpCatalog => {
    const c = tinyCatalog();
    return { ...emptyCatalog(), products: [{ ...c.products[1]!, ...over }] };
  };

  it('a promotional price reaches the store; none is sent as none', async () => {
    const b = open({ ...emptyCatalog(), products: [{ ...tinyCatalog().products[1]!, price: 10, promoPrice: 8 }] });
    await b.run();
    expect(b.product('TST-0002')).toMatchObject({ preco: 10, preco_promocional: 8 });
  });

  it('a brand the ERP names but the store never got: the product goes in without a brand', async () => {
    const b = open(oneProduct({ brand: 'Marca Desconhecida' }));
    const run = await b.run();
    expect(run.counts).toMatchObject({ created: 1, failed: 0 });
    expect(b.product('TST-0002')).toMatchObject({ id_marca: 0 });
  });

  it('a characteristic value for a characteristic the store does not have fails with its name; the product goes in', async () => {
    const b = open(oneProduct({ characteristics: { Cor: 'azul' } }));
    const run = await b.run();
    expect(run.counts).toMatchObject({ created: 1, failed: 1, values: 0 });
    expect(b.failures('produtos')).toEqual([{ key: 'TST-0002|Cor', message: 'a característica "Cor" não está na loja' }]);
    expect(b.count('fWSCadastraCaracteristicaProduto')).toBe(0);
  });

  it('a wedding list item whose product is not in the store fails with the SKU', async () => {
    const catalog = tinyCatalog();
    catalog.weddingLists[0]!.items = [{ sku: 'TST-9999', quantity: 1 }];
    const b = open({ ...emptyCatalog(), weddingLists: catalog.weddingLists });
    const run = await b.run();
    expect(run.counts).toMatchObject({ failed: 1 });
    expect(b.failures('listas')).toEqual([{ key: 'w1', message: 'o produto TST-9999 ainda não está na loja' }]);
    expect(b.count('fWSCadastraProdutoListaCasamento')).toBe(0);
  });

  it('a SKU lookup answered with an empty record (id 0) is "not in the store": the product is created', async () => {
    const b = open(oneProduct());
    b.script = (name, args, apply) => {
      if (name !== 'fWSImportaProdutoPorCodReferencia') return apply();
      const seeded = [...b.store.products.values()][0]!;
      return { ...seeded, id_produto: 0, cod_prod: String(args[0]) };
    };
    const run = await b.run();
    expect(run.counts).toMatchObject({ created: 1, unchanged: 0 });
    expect(b.count('fWSCadastraProduto')).toBe(1);
    expect(b.product('TST-0002')).toMatchObject({ nome: 'Lápis preto', preco: 3.5 });
  });

  it('a SKU lookup the store refuses about the record is "not in the store"; one it could not answer creates nothing', async () => {
    const b = open(oneProduct());
    b.script = failing('fWSImportaProdutoPorCodReferencia', () => transient('fWSImportaProdutoPorCodReferencia'));
    expect((await b.run()).counts).toMatchObject({ failed: 1, created: 0 });
    b.script = failing('fWSImportaProdutoPorCodReferencia', () => hiccup('fWSImportaProdutoPorCodReferencia'));
    expect((await b.run()).counts).toMatchObject({ failed: 1, created: 0 });
    expect(b.count('fWSCadastraProduto')).toBe(0);
    b.script = failing('fWSImportaProdutoPorCodReferencia', () => new RejectedError('fWSImportaProdutoPorCodReferencia', 'Código de referência desconhecido', 'SOAP-ENV:Client', 'other'));
    expect((await b.run()).counts).toMatchObject({ failed: 0, created: 1 });
    expect(b.count('fWSCadastraProduto')).toBe(1);
  });

  it('a product the store holds unavailable is adopted as it is, then made available by a stock push (Fila), no e-mail', async () => {
    const seeded = [...new EmulatorStore({ seed: 5, orders: 0 }).products.values()][0]!;
    const erpProduct = {
      sku: seeded.cod_prod, name: seeded.nome, description: seeded.descricao, price: seeded.preco, promoPrice: seeded.preco_promocional || null, stock: seeded.estoque,
      available: true, weight: seeded.peso, height: seeded.altura, width: seeded.largura, length: seeded.comprimento, categoryKey: null, brand: null, characteristics: {},
    };
    const b = open({ ...emptyCatalog(), products: [erpProduct] });
    const inStore = b.product(seeded.cod_prod)!;
    inStore.disponivel = 'N';
    inStore.id_categoria = 0;
    inStore.id_marca = 0;
    if (inStore.estoque === 0) throw new Error('the seeded product has no stock');
    const run = await b.run();
    expect(b.writes()).toBe(0);
    expect(run.counts).toMatchObject({ updated: 1, created: 0 });
    const queued = b.db.listOutbox();
    expect(queued).toEqual([expect.objectContaining({ kind: 'stock', summary: `Estoque ${seeded.cod_prod}: ${seeded.estoque}`, emailsShopper: false, orderId: null })]);
  });

  it('what unexported orders hold is kept back from the stock, except orders the merchant maps as cancelled', async () => {
    const b = open(emptyCatalog(), { orders: 6 });
    await runOrderPull(b.ctx);
    const pulled = [...b.store.orders.values()].filter((o) => b.db.getOrder(o.order.id_pedido));
    const item = pulled[0]!.items[0]!;
    const sku = item.cod_prod;
    const holding = pulled.filter((o) => o.items.some((i) => i.cod_prod === sku));
    const held = holding.reduce((n, o) => n + o.items.filter((i) => i.cod_prod === sku).reduce((m, i) => m + Number(i.quantidade), 0), 0);
    expect(held).toBeGreaterThan(0);
    const product = { ...tinyCatalog().products[1]!, sku, name: 'Reservado Ponte', stock: 500 };
    b.catalog = { ...emptyCatalog(), products: [product] };
    await b.run();
    expect(b.product(sku)?.estoque).toBe(500 - held);

    // The same orders, now cancelled in the store and mapped so: they hold nothing.
    for (const o of holding) b.store.storeChangesStatus(o.order.id_pedido, STATUS.cancelled);
    await runOrderPull(b.ctx);
    b.settings = { ...b.settings, statusMapping: b.settings.statusMapping.map((m) => (m.local === 'cancelado' ? { ...m, storeStatusId: STATUS.cancelled } : m)) };
    b.catalog.products[0]!.name = 'Reservado Ponte 2';
    await b.run();
    expect(b.product(sku)?.estoque).toBe(500);
  });

  it('a status mapping without "cancelado" (the settings allow fewer entries) keeps every unexported order’s stock back', async () => {
    const b = open(tinyCatalog(), { settings: { statusMapping: [{ local: 'pago', storeStatusId: STATUS.toShip, push: false }] } });
    const run = await b.run();
    expect(run.result).toBe('ok');
  });
});

describe('customers are looked up before they are created', () => {
  const seededCustomer = (b: Bench, length: 11 | 14) => [...b.store.customers.values()].map((c) => c.customer).find((c) => c.cnpj_cpf.length === length)!;
  const erpCustomer = (over: Partial<ErpCatalog['customers'][number]>): ErpCatalog => ({ ...emptyCatalog(), customers: [{ ...tinyCatalog().customers[0]!, ...over }] });

  for (const [kind, length, op] of [['CPF', 11, 'fWSImportaClientePorCPF'], ['CNPJ', 14, 'fWSImportaClientePorCNPJ']] as const) {
    it(`a customer the store knows by ${kind} under another e-mail is adopted by the ${kind} alone`, async () => {
      const b = open(emptyCatalog());
      const known = seededCustomer(b, length);
      b.catalog = erpCustomer({ document: known.cnpj_cpf, email: 'outro.email@exemplo.com.br' });
      const run = await b.run();
      expect(run.counts).toMatchObject({ unchanged: 1, created: 0 });
      expect(b.calls).toEqual([op]);
      expect(b.db.getBinding('cliente', known.cnpj_cpf)?.trayId).toBe(known.id_cliente);
    });
  }

  it('a customer without a usable CPF/CNPJ is looked up by e-mail only; one without e-mail either is created straight away', async () => {
    const b = open(erpCustomer({ document: '123', email: 'sem.documento@exemplo.com.br' }));
    await b.run();
    expect(b.portCalls.filter((c) => c.method === 'findCustomer').map((c) => c.args[0])).toEqual([{ email: 'sem.documento@exemplo.com.br' }]);
    b.portCalls.splice(0);
    b.catalog = erpCustomer({ document: cpf('111444777'), email: '' });
    await b.run();
    expect(b.portCalls.filter((c) => c.method === 'findCustomer').map((c) => c.args[0])).toEqual([{ document: cpf('111444777') }]);
  });

  it('the customer’s key is its document, or its e-mail in lower case when it has none', async () => {
    const b = open(erpCustomer({ document: '', email: 'Maiusculas@Exemplo.com.br' }));
    b.script = (name, _args, apply) => (name === 'fWSCadastraClienteAvancado' ? (() => { throw refused(name); })() : apply());
    await b.run();
    expect(b.failures('clientes').map((f) => f.key)).toEqual(['maiusculas@exemplo.com.br']);
  });

  it('a lookup answered with an empty record (id 0) is "not found": the customer is created', async () => {
    const b = open(erpCustomer({}));
    b.script = (name, _args, apply) => (name === 'fWSImportaClientePorCPF' || name === 'fWSImportaClientePorEmail' ? { ...[...b.store.customers.values()][0]!.customer, id_cliente: 0 } : apply());
    const run = await b.run();
    expect(run.counts).toMatchObject({ created: 1 });
    expect(b.count('fWSCadastraClienteAvancado')).toBe(1);
  });

  it('a lookup the store could not answer creates nothing; one it refused about the record goes on to the next lookup', async () => {
    const b = open(erpCustomer({}));
    for (const error of [transient, hiccup]) {
      b.script = failing('fWSImportaClientePorCPF', () => error('fWSImportaClientePorCPF'));
      expect((await b.run()).counts).toMatchObject({ failed: 1, created: 0 });
    }
    expect(b.count('fWSCadastraClienteAvancado')).toBe(0);
    expect(b.count('fWSImportaClientePorEmail')).toBe(0);
    b.script = failing('fWSImportaClientePorCPF', () => new RejectedError('fWSImportaClientePorCPF', 'CPF não cadastrado na loja', 'SOAP-ENV:Client', 'other'));
    expect((await b.run()).counts).toMatchObject({ failed: 0, created: 1 });
    expect(b.count('fWSImportaClientePorEmail')).toBe(1);
  });
});

describe('wedding lists', () => {
  const lists = (): ErpCatalog => ({ ...emptyCatalog(), weddingLists: tinyCatalog().weddingLists.map((l) => ({ ...l, items: [] })) });
  const unsearchable: Script = (name, _args, apply) => {
    if (name === 'fWSImportaListasCasamento') throw new UnsupportedOperationError(name, name, 'weddingLists');
    return apply();
  };

  it('a store that cannot search its lists: the list is named in the reason it was not created', async () => {
    const b = open(lists());
    b.script = unsearchable;
    await b.run();
    expect(b.failures('listas')[0]?.message).toContain('a lista de casamento "Lista de Ana e Bruno" não foi cadastrada');
    expect(b.count('fWSCadastraListaCasamento')).toBe(0);
  });

  it('a create on an unsearchable store whose answer was lost is not sent again, and says which list', async () => {
    const b = open(lists(), { settings: { weddingLists: { createWithoutLookup: true } } });
    b.script = (name, args, apply) => {
      const answer = unsearchable(name, args, apply);
      if (name === 'fWSCadastraListaCasamento') throw lost(name);
      return answer;
    };
    await b.run();
    b.script = unsearchable;
    await b.run();
    expect(b.count('fWSCadastraListaCasamento')).toBe(1);
    expect(b.failures('listas')[0]?.message).toContain('a loja não respondeu ao cadastro da lista de casamento "Lista de Ana e Bruno"');
  });

  it('a create the store refused for sure leaves nothing in doubt: the next run sends it again', async () => {
    const b = open(lists(), { settings: { weddingLists: { createWithoutLookup: true } } });
    b.script = (name, args, apply) => (name === 'fWSCadastraListaCasamento' ? (() => { throw refused(name); })() : unsearchable(name, args, apply));
    await b.run();
    b.script = unsearchable;
    const run = await b.run();
    expect(run.counts).toMatchObject({ created: 1, failed: 0 });
    expect(b.count('fWSCadastraListaCasamento')).toBe(1); // the refused one never reached the store
  });

  it('a create that failed with a server hiccup stays in doubt: the next run does not send it blindly', async () => {
    const b = open(lists(), { settings: { weddingLists: { createWithoutLookup: true } } });
    b.script = (name, args, apply) => (name === 'fWSCadastraListaCasamento' ? (() => { throw hiccup(name); })() : unsearchable(name, args, apply));
    await b.run();
    b.script = unsearchable;
    expect((await b.run()).counts).toMatchObject({ created: 0, failed: 1 });
    expect(b.count('fWSCadastraListaCasamento')).toBe(0);
  });

  it('a failed read of the store’s lists is asked again for the next list, not reused', async () => {
    const catalog = lists();
    catalog.weddingLists.push({ key: 'w2', name: 'Lista de Clara e Davi', couple: 'Clara e Davi', eventDate: '2027-06-01', email: 'clara@exemplo.com.br', items: [] });
    const b = open(catalog);
    let reads = 0;
    b.script = failing('fWSImportaListasCasamento', () => transient('fWSImportaListasCasamento'), () => ++reads === 1);
    const run = await b.run();
    expect(run.counts).toMatchObject({ created: 1, failed: 1 });
    expect(b.failures('listas').map((f) => f.key)).toEqual(['w1']);
  });

  it('a store without wedding lists: skipped with the store’s reason in the message, progress still reaches the end', async () => {
    const b = open(tinyCatalog());
    b.features = () => ({ ...Object.fromEntries(STORE_FEATURES.map((f) => [f, { available: true, reason: null }])), weddingLists: { available: false, reason: 'a loja não tem listas de casamento' } });
    const run = await b.run();
    expect(run.result).toBe('ok');
    expect(run.message).toBe('Catálogo: 7 criados, 0 atualizados, 0 sem mudança, 0 com erro. 1 lista(s) de casamento não enviada(s): a loja não tem listas de casamento');
    expect(run.counts).toMatchObject({ weddingListsUnavailable: 1 });
    expect(b.count('fWSCadastraListaCasamento')).toBe(0);
    const last = b.events.filter((e) => e.type === 'job-progress').at(-1);
    expect(last).toMatchObject({ done: 10, total: 10 });
  });

  it('a store whose features say nothing of the reason: a generic reason; features that cannot be learnt count as available', async () => {
    const b = open(lists());
    b.features = () => ({});
    expect((await b.run()).message).toBe('Catálogo: 0 criados, 0 atualizados, 0 sem mudança, 0 com erro. 1 lista(s) de casamento não enviada(s): a loja não oferece este recurso.');
    b.features = undefined;
    b.connect = async () => {
      throw transient('wsdl');
    };
    expect((await b.run()).counts).toMatchObject({ created: 1 });
  });

  it('a retry of another record does not ask the store what it offers, nor mention the lists', async () => {
    const b = open(tinyCatalog());
    b.features = () => ({});
    await b.run({ key: 'Marca Ponte' });
    const run = await b.run({ key: 'Marca Ponte' });
    expect(run.message).toBe('Catálogo: 0 criados, 0 atualizados, 1 sem mudança, 0 com erro.');
    expect(b.portCalls.filter((c) => c.method === 'capabilities')).toEqual([]);
  });
});

describe('category order', () => {
  it('categories of one level go to the store in their order, whatever order the ERP lists them in', async () => {
    const catalog = { ...tinyCatalog(), products: [], variants: [], customers: [], weddingLists: [] };
    catalog.categories = [5, 1, 3, 2, 4].map((order) => ({ key: `k${order}`, name: `Categoria ${order}`, parentKey: null, order, description: '' }));
    const b = open(catalog);
    await b.run();
    const created = [...b.store.categories.values()].filter((c) => c.nome.startsWith('Categoria ')).sort((x, y) => x.id_categoria - y.id_categoria);
    expect(created.map((c) => c.ordem)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('what the run says', () => {
  it('every entity of a full run has its pass dated and its own counts, characteristics included', async () => {
    const b = open(tinyCatalog());
    await b.run();
    for (const r of b.db.catalogReport()) expect(r.lastPushAt, r.entity).not.toBeNull();
    expect(b.db.catalogReport().map((r) => r.entity).sort()).toEqual(['caracteristicas', 'categorias', 'clientes', 'listas', 'marcas', 'produtos', 'variacoes']);
    expect(b.report('caracteristicas')).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
  });

  it('a run with an update and a failure, nothing created, is partial', async () => {
    const b = open({ ...emptyCatalog(), brands: [{ name: 'Marca Recusada' }], customers: tinyCatalog().customers });
    b.script = failing('fWSCadastraMarca', () => refused('fWSCadastraMarca'));
    await b.run();
    b.catalog.customers[0]!.phone = '(11) 97777-0002';
    const run = await b.run();
    expect(run.counts).toMatchObject({ created: 0, updated: 1, unchanged: 0, failed: 1 });
    expect(run.result).toBe('partial');
  });

  it('new brands are looked up with one read of the store’s brands, not one per brand', async () => {
    const b = open({ ...emptyCatalog(), brands: [{ name: 'Marca Um' }, { name: 'Marca Dois' }, { name: 'Marca Tres' }] });
    await b.run();
    expect(b.count('fWSImportaMarcas')).toBe(1);
    expect(b.count('fWSCadastraMarca')).toBe(3);
  });

  it('a held price drop is logged with its percent and both prices', async () => {
    const b = open({ ...emptyCatalog(), products: [{ ...tinyCatalog().products[1]!, price: 10 }] });
    await b.run();
    b.catalog.products[0]!.price = 4;
    await b.run();
    expect(b.product('TST-0002')?.preco).toBe(10);
    expect(b.logs.filter((l) => l.level === 'warn')).toEqual([
      { level: 'warn', job: 'catalog', message: `Produto TST-0002: preço caiu ${formatPercent(0.6)} (de ${formatMoney(10)} para ${formatMoney(4)}); aguardando sua confirmação.` },
    ]);
  });

  it('a run with nothing left out counts exactly what it did, and nothing about lists it did not skip', async () => {
    const b = open(tinyCatalog());
    const run = await b.run();
    expect(run).toEqual({ result: 'ok', counts: { created: 8, updated: 0, unchanged: 0, failed: 0, values: 1, erpProblems: 0 }, errorCount: 0, message: 'Catálogo: 8 criados, 0 atualizados, 0 sem mudança, 0 com erro.' });
  });

  it('each refused ERP row is logged as a warning and counted in the summary', async () => {
    const b = open(emptyCatalog());
    b.problems = [{ entity: 'produtos', file: 'erp.xlsx', sheet: 'Produtos', row: 4, column: 'Preço', message: 'Produtos, linha 4, coluna Preço: preço vazio' }];
    const run = await b.run();
    expect(run.message).toBe('Catálogo: 0 criados, 0 atualizados, 0 sem mudança, 0 com erro; 1 linhas do ERP recusadas (veja Catálogo).');
    expect(b.logs).toEqual([{ level: 'warn', job: 'catalog', message: 'ERP: Produtos, linha 4, coluna Preço: preço vazio' }]);
  });

  it('a product whose category is not in the store fails naming the category', async () => {
    const b = open({ ...emptyCatalog(), products: [{ ...tinyCatalog().products[0]!, characteristics: {} }] });
    await b.run();
    expect(b.failures('produtos')).toEqual([{ key: 'TST-0001', message: 'a categoria "c2" não está na loja' }]);
  });

  it('a run in which every record failed is failed', async () => {
    const b = open({ ...emptyCatalog(), brands: [{ name: 'Marca Recusada' }] });
    b.script = failing('fWSCadastraMarca', () => refused('fWSCadastraMarca'));
    expect((await b.run()).result).toBe('failed');
  });
});

describe('variants', () => {
  const withVariants = (): ErpCatalog => {
    const catalog = tinyCatalog();
    catalog.variants = [
      { sku: 'TST-0001-AZ', productSku: 'TST-0001', options: [{ type: 'Cor', value: 'Azul' }], price: null, promoPrice: null, stock: 4, available: true },
      { sku: 'TST-0001-VM', productSku: 'TST-0001', options: [{ type: 'Cor', value: 'Vermelho' }, { type: 'Folhas', value: '200' }], price: 55, promoPrice: 49.9, stock: 0, available: true },
    ];
    return catalog;
  };
  const variant = (b: Bench, sku: string) => [...b.store.variants.values()].find((v) => v.cod_referencia === sku);

  it('go to the store after their product, once each, at its price when they have none; a re-run writes nothing', async () => {
    const b = open(withVariants());
    const run = await b.run();
    expect(run.result, run.message ?? '').toBe('ok');
    const product = b.product('TST-0001')!;
    expect(variant(b, 'TST-0001-AZ')).toMatchObject({ id_produto: product.id_produto, preco: 40, estoque: 4, disponivel: 'S', tipo_1: 'Cor', valor_1: 'Azul', tipo_2: '' });
    // No stock: not for sale, whatever the ERP's flag says.
    expect(variant(b, 'TST-0001-VM')).toMatchObject({ preco: 55, preco_promocional: 49.9, estoque: 0, disponivel: 'N', tipo_2: 'Folhas', valor_2: '200' });
    expect(b.count('fWSCadastraVariacao')).toBe(2);
    expect(b.report('variacoes')).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 0 });
    b.reset();
    await b.run();
    expect(b.writes()).toBe(0);
    expect(b.report('variacoes')).toEqual({ created: 0, updated: 0, unchanged: 2, failed: 0 });
  });

  it('a stock change is one stock write on the variant (is_grade S), through the outbox', async () => {
    const b = open(withVariants());
    await b.run();
    b.catalog.variants[0]!.stock = 9;
    b.reset();
    await b.run();
    expect(b.writes()).toBe(0);
    const queued = b.db.listOutbox();
    expect(queued).toEqual([expect.objectContaining({ kind: 'stock', summary: 'Estoque TST-0001-AZ: 9' })]);
    await drainOutbox(b.ctx);
    expect(b.calls.filter((c) => OPERATIONS[c].kind === 'write')).toEqual(['fWSAtualizaEstoqueProduto']);
    expect(variant(b, 'TST-0001-AZ')!.estoque).toBe(9);
    expect(b.product('TST-0001')!.estoque).toBe(10);
    b.reset();
    await b.run();
    expect(b.writes() + b.db.listOutbox(['pending']).length).toBe(0);
  });

  it('a price change of the product moves the variants that sell at its price, not the ones with their own', async () => {
    const b = open(withVariants());
    await b.run();
    b.catalog.products[0]!.price = 42;
    b.reset();
    await b.run();
    expect(b.count('fWSAtualizaVariacao')).toBe(1);
    expect(variant(b, 'TST-0001-AZ')!.preco).toBe(42);
    expect(variant(b, 'TST-0001-VM')!.preco).toBe(55);
  });

  it('one the store already has (a reinstall, a lost answer) is adopted, never created again', async () => {
    const b = open({ ...withVariants(), variants: [] });
    await b.run();
    b.catalog.variants = withVariants().variants;
    const productId = b.product('TST-0001')!.id_produto;
    b.store.call('fWSCadastraVariacao', [String(productId), 'TST-0001-AZ', '40', '0', '4', 'S', 'Cor', 'Azul', '', '']);
    b.reset();
    await b.run();
    expect(b.count('fWSCadastraVariacao')).toBe(1); // the other one
    expect([...b.store.variants.values()].filter((v) => v.cod_referencia === 'TST-0001-AZ')).toHaveLength(1);
    expect(b.count('fWSAtualizaVariacao')).toBe(0);
  });

  it('one the store holds under another product, or whose product is not in the store, fails by name; the others go on', async () => {
    const catalog = withVariants();
    catalog.variants.push({ sku: 'TST-0099-AZ', productSku: 'TST-0099', options: [{ type: 'Cor', value: 'Azul' }], price: 10, promoPrice: null, stock: 1, available: true });
    const b = open({ ...catalog, variants: [] });
    await b.run();
    b.catalog.variants = catalog.variants;
    b.store.call('fWSCadastraVariacao', [String(b.product('TST-0002')!.id_produto), 'TST-0001-VM', '55', '0', '0', 'N', 'Cor', 'Vermelho', '', '']);
    const run = await b.run();
    expect(run.result).toBe('partial');
    expect(b.failures('variacoes')).toEqual([
      { key: 'TST-0001-VM', message: expect.stringContaining('já está na loja em outro produto') },
      { key: 'TST-0099-AZ', message: 'o produto TST-0099 ainda não está na loja' },
    ]);
    expect(variant(b, 'TST-0001-AZ')).toBeDefined();
  });

  it('a retry of one variant sends that one alone, and the progress still reaches the end', async () => {
    const b = open(withVariants());
    await b.run();
    b.catalog.variants[0]!.price = 45;
    b.catalog.variants[1]!.price = 60;
    b.reset();
    const run = await b.run({ key: 'TST-0001-AZ' });
    expect(run.result, run.message ?? '').toBe('ok');
    expect(b.count('fWSAtualizaVariacao')).toBe(1);
    expect(variant(b, 'TST-0001-AZ')!.preco).toBe(45);
    expect(variant(b, 'TST-0001-VM')!.preco).toBe(55);
    const progress = b.events.filter((e) => e.type === 'job-progress');
    expect(progress.at(-1)).toMatchObject({ done: 12, total: 12 });
  });

  it('a run that wants no variant says nothing of them, even on a store without variants', async () => {
    const b = open(withVariants());
    b.features = () => ({ ...Object.fromEntries(STORE_FEATURES.map((f) => [f, { available: true, reason: null }])), variants: { available: false, reason: 'a loja não tem fWSCadastraVariacao' } });
    const run = await b.run({ key: 'Marca Ponte' });
    expect(run.message).toBe('Catálogo: 1 criados, 0 atualizados, 0 sem mudança, 0 com erro.');
    expect(run.counts.variantsUnavailable).toBeUndefined();
  });

  it('a store without variants nor wedding lists counts each apart', async () => {
    const b = open(withVariants());
    const off = { available: false, reason: 'a loja não oferece' };
    b.features = () => ({ ...Object.fromEntries(STORE_FEATURES.map((f) => [f, { available: true, reason: null }])), variants: off, weddingLists: off });
    const run = await b.run();
    expect(run.counts).toMatchObject({ variantsUnavailable: 2, weddingListsUnavailable: 1 });
  });

  it('a store without variants skips them with its reason, without failing the pass', async () => {
    const b = open(withVariants());
    b.features = () => ({ ...Object.fromEntries(STORE_FEATURES.map((f) => [f, { available: true, reason: null }])), variants: { available: false, reason: 'a loja não tem fWSCadastraVariacao' } });
    const run = await b.run();
    expect(run.result).toBe('ok');
    expect(run.counts).toMatchObject({ variantsUnavailable: 2 });
    expect(run.message).toContain('2 variação(ões) de produto não enviada(s): a loja não tem fWSCadastraVariacao');
    expect(b.count('fWSCadastraVariacao')).toBe(0);
  });
});
