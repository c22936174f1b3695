/**
 * An in-memory test double of the ENGINE behind the PonteApi contract: a handful of orders, a queue,
 * a catalogue report, settings with a stored password. The UI is what is tested; this only answers
 * like the engine would (inputs validated with the contract's own zod schemas) and records calls.
 * No DOM and no Node imports: the component tests and the screenshot harness both use it.
 */
import { changesStoreAccess } from '../../shared/api/demo.ts';
import {
  INPUTS,
  LOCAL_STATUSES,
  PonteApiError,
  type ActivityEntry,
  type CatalogEntityReport,
  type ErpReadKey,
  type ExportRecord,
  type DownloadTicket,
  type ExportScope,
  type HandlerName,
  type HeldPrice,
  type JobName,
  type Input,
  type OrderDetail,
  type Outputs,
  type OutboxEntry,
  type Overview,
  type PonteApi,
  type PonteEvent,
  type PushResult,
  type RestBudgetView,
  type Settings,
  type StoreStatusOption,
} from '../../shared/api/contract.ts';

export const STORE_STATUSES: StoreStatusOption[] = [
  { id: 11, name: 'AGUARDANDO PAGAMENTO', type: 'aberto' },
  { id: 12, name: 'PAGAMENTO APROVADO', type: 'aprovado' },
  { id: 13, name: 'EM SEPARAÇÃO', type: 'aprovado' },
  { id: 14, name: 'PEDIDO ENVIADO', type: 'enviado' },
  { id: 15, name: 'ENTREGUE', type: 'finalizado' },
  { id: 16, name: 'CANCELADO', type: 'cancelado' },
];

/** The stored password: the UI must never show it (it never even receives it from a real engine). */
export const STORED_PASSWORD = 'segredo-da-loja-123';

const NAMES = ['Ana Souza', 'João Pereira', 'Maria Conceição', 'Carlos Lima', 'Fernanda Alves', 'José Ribeiro', 'Luíza Martins'];
const CITIES: Array<[string, string]> = [['São Paulo', 'SP'], ['Recife', 'PE'], ['Curitiba', 'PR'], ['Belo Horizonte', 'MG'], ['Porto Alegre', 'RS']];

export interface FakeOptions {
  /** Extra generated orders beyond the five hand-written ones (the screenshot harness uses many). */
  generated?: number;
  demo?: boolean;
  secretStorageWarning?: string | null;
  now?: Date;
  /** Catalogue entities the store cannot take, with the reason `catalog.report` gives. */
  catalogUnavailable?: Partial<Record<CatalogEntityReport['entity'], string>>;
  /** The REST budget the Painel's card shows; absent = the store is on SOAP (no card). */
  restBudget?: RestBudgetView | null;
}

export interface FakeApi extends PonteApi {
  calls: Array<{ name: HandlerName; input: unknown }>;
  callsOf<N extends HandlerName>(name: N): Array<Input<N>>;
  emit(event: PonteEvent): void;
  orders: OrderDetail[];
  outbox: OutboxEntry[];
  settings: Settings & { password: string };
  /** Tickets handed to `download`, in order. */
  downloads: DownloadTicket[];
}

/** The app's key pair and the store's code the fake Tray accepts on REST. */
export const REST_APP = { consumerKey: 'chave-app-7731', consumerSecret: 'segredo-app-4k9q', code: 'codigo-loja-5521', apiAddress: 'https://loja-exemplo.commercesuite.com.br/web_api' } as const;

const statusName = (id: number): string => STORE_STATUSES.find((s) => s.id === id)?.name ?? String(id);

const makeOrder = (id: number, number: string, date: string, name: string, total: number, statusId: number, over: Partial<OrderDetail> = {}): OrderDetail => {
  const [city, uf] = CITIES[id % CITIES.length] ?? ['São Paulo', 'SP'];
  const shipping = 19.9;
  return {
    id,
    number,
    date,
    customerName: name,
    city,
    uf,
    total,
    statusId,
    statusName: statusName(statusId),
    trackingCode: null,
    exportedAt: null,
    pushState: null,
    subtotal: Math.round((total - shipping) * 100) / 100,
    shipping,
    discount: 0,
    paymentMethod: 'Pix',
    shippingMethod: 'PAC',
    shippedAt: null,
    trackingUrl: null,
    notes: '',
    items: [
      { productId: 100 + id, variantId: null, sku: `SKU-${id}-A`, name: 'Camiseta algodão', quantity: 1, price: Math.round((total - shipping) * 100) / 100 },
    ],
    customer: { id: 500 + id, name, document: '529.982.247-25', email: `cliente${id}@exemplo.com.br`, phone: '(11) 98765-4321' },
    address: { street: 'Rua das Flores', number: String(10 + id), complement: '', district: 'Centro', city, uf, cep: '01001-000' },
    installments: [{ number: 1, amount: total, dueDate: date.slice(0, 10), method: 'Pix' }],
    pushes: [],
    ...over,
  };
};

export const createFakeApi = (options: FakeOptions = {}): FakeApi => {
  const now = options.now ?? new Date('2026-11-29T10:00:00-03:00');
  const iso = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const listeners = new Set<(e: PonteEvent) => void>();
  const calls: FakeApi['calls'] = [];

  const orders: OrderDetail[] = [
    makeOrder(90001, '1001', '2026-11-28T14:32:00-03:00', 'Ana Souza', 1234.56, 12, {
      // What the store sent: one field Ponte does not read per place, and a secret the UI must not show.
      storeRecord: {
        order: { id: '90001', numero: '1001', data_pedido: '2026-11-28 14:32:00', valor_total: '1234.56', brinde: 'S', token_pagamento: 'tok-SEGREDO-123' },
        items: [{ cod_referencia: 'SKU-90001-A', quantidade: '1', valor_unitario: '1214.66', personalizacao: 'Nome: ANA' }],
        customer: { nome: 'Ana Souza', email: 'cliente90001@exemplo.com.br', como_conheceu: 'Instagram' },
        installments: [{ numero: '1', valor: '1234.56' }],
        extras: [
          { where: 'pedido', field: 'brinde', value: 'S' },
          { where: 'pedido', field: 'token_pagamento', value: 'tok-SEGREDO-123' },
          { where: 'item 1', field: 'personalizacao', value: 'Nome: ANA' },
          { where: 'cliente', field: 'como_conheceu', value: 'Instagram' },
        ],
      },
    }),
    makeOrder(90002, '1002', '2026-11-28T16:05:00-03:00', 'João Pereira', 89.9, 12),
    makeOrder(90003, '1003', '2026-11-27T09:12:00-03:00', 'Maria Conceição', 349, 13, { exportedAt: '2026-11-27T10:00:00-03:00' }),
    makeOrder(90004, '1004', '2026-11-25T11:40:00-03:00', 'Carlos Lima', 2599.99, 14, {
      trackingCode: 'PN123456785BR',
      exportedAt: '2026-11-25T12:00:00-03:00',
      pushState: 'done',
    }),
    makeOrder(90005, '1005', '2026-11-20T18:22:00-03:00', 'Fernanda Alves', 57.5, 11),
  ];
  for (let i = 0; i < (options.generated ?? 0); i += 1) {
    const id = 100_000 + i;
    const date = new Date(Date.UTC(2026, 10, 20) - i * 7 * 60_000).toISOString();
    orders.push(makeOrder(id, String(2000 + i), date, NAMES[i % NAMES.length] ?? 'Cliente', 50 + ((i * 37) % 4000) + 0.9, 11 + (i % 6)));
  }

  let nextOutboxId = 1;
  const outbox: OutboxEntry[] = [];
  const addOutbox = (entry: Omit<OutboxEntry, 'id' | 'createdAt' | 'updatedAt'>): OutboxEntry => {
    const full: OutboxEntry = { ...entry, id: nextOutboxId++, createdAt: iso(30), updatedAt: iso(5) };
    outbox.push(full);
    const order = orders.find((o) => o.id === entry.orderId);
    if (order) {
      order.pushes.push(full);
      order.pushState = full.state;
    }
    return full;
  };
  addOutbox({ kind: 'status', orderId: 90004, summary: 'Status PEDIDO ENVIADO (e-mail ao cliente)', state: 'done', attempts: 1, nextAttemptAt: null, lastError: null, emailsShopper: true });
  addOutbox({ kind: 'status', orderId: 90003, summary: 'Status PEDIDO ENVIADO (e-mail ao cliente)', state: 'failed', attempts: 5, nextAttemptAt: null, lastError: 'A loja recusou: status 14 não permitido para o pedido 1003.', emailsShopper: true });
  addOutbox({ kind: 'tracking', orderId: 90002, summary: 'Rastreio JD0123456789', state: 'pending', attempts: 0, nextAttemptAt: iso(-2), lastError: null, emailsShopper: false });
  addOutbox({ kind: 'stock', orderId: null, summary: 'Estoque SKU-7 → 12', state: 'sending', attempts: 1, nextAttemptAt: null, lastError: null, emailsShopper: false });

  const settings: FakeApi['settings'] = {
    store: { url: 'https://loja-exemplo.commercesuite.com.br', storeId: '391250', login: 'ponte', hasPassword: true, transport: 'soap', apiAddress: '', hasRestCredentials: false },
    password: STORED_PASSWORD,
    fieldMap: {},
    demo: options.demo ?? false,
    erp: { kind: 'spreadsheet', path: 'C:\\Loja\\produtos.xlsx' },
    erpDatabase: {
      driver: 'sqlite', host: '', port: 3050, database: '', user: '', charset: null, wireCrypt: 'enabled', auth: 'srp', hasPassword: false,
      read: { products: '', variants: '', categories: '', brands: '', characteristics: '', customers: '', weddingLists: '', weddingListItems: '', shippingUpdates: '' },
      write: { orderExists: '', order: '', orderItem: '' },
      productsChangeColumn: '',
    },
    statusMapping: LOCAL_STATUSES.map((local) => ({
      local,
      storeStatusId: local === 'enviado' ? 14 : local === 'cancelado' ? 16 : null,
      push: local === 'enviado',
    })),
    schedule: { catalog: 30, orders: 10, tracking: 15, export: 0 },
    stock: { safetyBuffer: 2 },
    priceDropConfirmPercent: 20,
    export: { target: 'csv', folder: 'C:\\Loja\\exportados' },
    notifications: { newOrders: true, failures: true },
    startWithWindows: true,
    quitOnClose: false,
    locale: 'pt-BR',
    secretStorageWarning: options.secretStorageWarning ?? null,
  };
  // Like the engine's secret store: never part of the settings the window receives.
  const restSecrets: { key: string | null; secret: string | null; authorizedFor: string | null } = { key: null, secret: null, authorizedFor: null };
  const publicSettings = (): Settings => {
    const { password: _secret, ...rest } = settings;
    return structuredClone(rest);
  };

  const catalog: CatalogEntityReport[] = [
    { entity: 'categorias', lastPushAt: iso(40), counts: { created: 0, updated: 1, unchanged: 24, failed: 0 }, failures: [] },
    { entity: 'marcas', lastPushAt: iso(40), counts: { created: 0, updated: 0, unchanged: 8, failed: 0 }, failures: [] },
    { entity: 'caracteristicas', lastPushAt: null, counts: { created: 0, updated: 0, unchanged: 0, failed: 0 }, failures: [] },
    {
      entity: 'produtos',
      lastPushAt: iso(38),
      counts: { created: 3, updated: 12, unchanged: 812, failed: 2 },
      failures: [
        { key: 'SKU-88', message: 'Produto SKU-88: preço vazio na planilha (linha 91).' },
        { key: 'SKU-102', message: 'Produto SKU-102: categoria "Inverno" não existe na loja.' },
      ],
    },
    { entity: 'clientes', lastPushAt: null, counts: { created: 0, updated: 0, unchanged: 0, failed: 0 }, failures: [] },
    { entity: 'listas', lastPushAt: null, counts: { created: 0, updated: 0, unchanged: 0, failed: 0 }, failures: [] },
  ];
  const exports: ExportRecord[] = [
    { id: 1, at: iso(60 * 24), target: 'csv', file: 'C:\\Loja\\exportados\\pedidos-20261128-090000.csv', count: 2, scope: { kind: 'new' }, fileExists: false },
  ];
  let held: HeldPrice[] = [{ sku: 'SKU-12', name: 'Tênis corrida', currentPrice: 399.9, newPrice: 199.9, dropPercent: 50.01 }];
  const activity: ActivityEntry[] = [
    { id: 3, at: iso(5), level: 'error', job: 'tracking', message: 'Pedido 1003: a loja recusou o status PEDIDO ENVIADO.' },
    { id: 2, at: iso(38), level: 'warn', job: 'catalog', message: '2 produtos com erro (veja Catálogo).' },
    { id: 1, at: iso(40), level: 'info', job: 'orders', message: '5 pedidos novos baixados da loja.' },
  ];

  const refused: Outputs['catalog.refusedRows'] = {
    at: iso(38),
    total: 2,
    rows: [
      { entity: 'categorias', place: 'Categorias', row: 6, record: 'Órfã', field: 'Categoria pai', reason: "a categoria pai 'Inexistente' não existe na aba Categorias" },
      { entity: 'produtos', place: 'Produtos', row: 4, record: 'N-3', field: 'Preço', reason: "'abc' não é um valor" },
    ],
  };
  let lastTest: Outputs['store.lastTest'] = null;
  const overview = (): Overview => ({
    paused: false,
    demo: settings.demo,
    jobs: [
      { job: 'catalog', state: 'idle', reason: null, lastRun: { id: 7, job: 'catalog', startedAt: iso(40), finishedAt: iso(38), result: 'partial', counts: { criados: 3, atualizados: 12, falhas: 2 }, errorCount: 2, message: '2 produtos com erro.' }, nextRunAt: iso(-20), progress: null },
      { job: 'orders', state: 'running', reason: null, lastRun: { id: 8, job: 'orders', startedAt: iso(12), finishedAt: iso(11), result: 'ok', counts: { novos: 5 }, errorCount: 0, message: null }, nextRunAt: null, progress: { done: 40, total: 100 } },
      { job: 'tracking', state: 'backoff', reason: 'A loja respondeu 429: nova tentativa em 2 min.', lastRun: { id: 9, job: 'tracking', startedAt: iso(5), finishedAt: iso(5), result: 'failed', counts: {}, errorCount: 1, message: 'Limite de requisições da loja.' }, nextRunAt: iso(-2), progress: null },
      { job: 'export', state: 'idle', reason: null, lastRun: null, nextRunAt: null, progress: null },
    ],
    store: { state: 'ok', message: null, checkedAt: iso(12), url: settings.store.url, storeId: settings.store.storeId, features: {} },
    erp: { state: 'ok', message: null, checkedAt: iso(40), kind: settings.erp.kind, path: settings.erp.path },
    counts: {
      orders: orders.length,
      notExported: orders.filter((o) => !o.exportedAt).length,
      noTracking: orders.filter((o) => !o.trackingCode).length,
      outboxPending: outbox.filter((o) => o.state === 'pending' || o.state === 'sending').length,
      outboxFailed: outbox.filter((o) => o.state === 'failed').length,
      heldPrices: held.length,
      refusedRows: refused.total,
    },
  });

  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const toRow = (o: OrderDetail) => {
    const { subtotal: _a, shipping: _b, discount: _c, paymentMethod: _d, shippingMethod: _e, shippedAt: _f, trackingUrl: _g, notes: _h, items: _i, customer: _j, address: _k, installments: _l, pushes: _m, storeRecord: _n, ...row } = o;
    return row;
  };
  const setEntry = (entry: OutboxEntry, patch: Partial<OutboxEntry>): OutboxEntry => {
    Object.assign(entry, patch, { updatedAt: now.toISOString() });
    const order = orders.find((o) => o.id === entry.orderId);
    if (order) order.pushState = order.pushes[order.pushes.length - 1]?.state ?? null;
    return structuredClone(entry);
  };

  const handlers: { [N in HandlerName]: (input: never) => Outputs[N] } = {
    'overview.get': () => overview(),
    'jobs.run': (input: { job: JobName }) => ({
      id: 99, job: input.job, startedAt: now.toISOString(), finishedAt: null, result: 'running', counts: {}, errorCount: 0, message: null,
    }),
    'jobs.pause': () => ({ ...overview(), paused: true }),
    'jobs.resume': () => overview(),
    'orders.list': (q: { statusIds?: number[]; from?: string; to?: string; text?: string; noTracking?: boolean; notExported?: boolean; offset: number; limit: number }) => {
      const text = q.text ? fold(q.text) : null;
      const matching = orders.filter(
        (o) =>
          (!q.statusIds || q.statusIds.includes(o.statusId)) &&
          (!q.from || o.date.slice(0, 10) >= q.from) &&
          (!q.to || o.date.slice(0, 10) <= q.to) &&
          (!text || fold(`${o.number} ${o.customerName} ${o.city}`).includes(text)) &&
          (!q.noTracking || !o.trackingCode) &&
          (!q.notExported || !o.exportedAt),
      );
      return { rows: matching.slice(q.offset, q.offset + q.limit).map(toRow), total: matching.length };
    },
    'orders.get': (input: { id: number }) => {
      const order = orders.find((o) => o.id === input.id);
      if (!order) throw new PonteApiError('not_found', `Pedido ${input.id} não encontrado.`);
      return structuredClone(order);
    },
    'orders.backfill': () => ({ id: 100, job: 'orders', startedAt: now.toISOString(), finishedAt: null, result: 'running', counts: {}, errorCount: 0, message: null }),
    'orders.setTracking': (input: { entries: Array<{ orderId: number; trackingCode?: string; shippedAt?: string; trackingUrl?: string; status?: (typeof LOCAL_STATUSES)[number] }> }) =>
      input.entries.map((entry): PushResult => {
        const order = orders.find((o) => o.id === entry.orderId);
        if (!order) return { orderId: entry.orderId, ok: false, outboxIds: [], changes: [], error: `Pedido ${entry.orderId} não encontrado.` };
        const ids: number[] = [];
        if (entry.trackingCode) {
          order.trackingCode = entry.trackingCode;
          ids.push(addOutbox({ kind: 'tracking', orderId: order.id, summary: `Rastreio ${entry.trackingCode}`, state: 'pending', attempts: 0, nextAttemptAt: null, lastError: null, emailsShopper: false }).id);
        }
        const mapping = settings.statusMapping.find((m) => m.local === entry.status);
        if (mapping?.storeStatusId && mapping.push) {
          ids.push(addOutbox({ kind: 'status', orderId: order.id, summary: `Status ${statusName(mapping.storeStatusId)} (e-mail ao cliente)`, state: 'pending', attempts: 0, nextAttemptAt: null, lastError: null, emailsShopper: true }).id);
        }
        return { orderId: order.id, ok: true, outboxIds: ids, changes: [], error: null };
      }),
    'orders.export': (input: { target?: 'erp' | 'csv' | 'xlsx'; scope?: ExportScope }) => {
      const target = input.target ?? settings.export.target;
      const scope = input.scope ?? { kind: 'new' };
      const chosen =
        scope.kind === 'new'
          ? orders.filter((o) => !o.exportedAt)
          : scope.kind === 'ids'
            ? orders.filter((o) => scope.ids.includes(o.id))
            : orders.filter((o) => {
                const f = scope.kind === 'range' ? { from: scope.from, to: scope.to } : scope.filter;
                return (!f.from || o.date.slice(0, 10) >= f.from) && (!f.to || o.date.slice(0, 10) <= f.to) && (!f.statusIds || f.statusIds.includes(o.statusId));
              });
      for (const o of chosen) o.exportedAt ??= now.toISOString();
      const file = target === 'erp' ? null : `${settings.export.folder}\\pedidos-2026-11-29-${exports.length + 1}.${target}`;
      if (file && target !== 'erp') exports.unshift({ id: exports.length + 1, at: now.toISOString(), target, file, count: chosen.length, scope, fileExists: true });
      return { count: chosen.length, target, file, message: file ? `${chosen.length} pedidos gravados em ${file}.` : `${chosen.length} pedidos enviados ao ERP.` };
    },
    'orders.exportHistory': () => structuredClone(exports),
    'orders.exportAgain': (input: { id: number }) => {
      const record = exports.find((e) => e.id === input.id);
      if (!record) throw new PonteApiError('not_found', `Exportação ${input.id} não está mais no histórico.`);
      const name = `pedidos-2026-11-29-${exports.length + 1}.${record.target}`;
      return { count: record.count, target: record.target, file: null, message: `Arquivo refeito com ${record.count} pedidos: o download começa em seguida.`, downloads: [{ id: `d${record.id}`, name, size: 100 }] };
    },
    'outbox.list': (input: { states?: OutboxEntry['state'][]; offset?: number; limit: number }) =>
      structuredClone(
        outbox
          .filter((e) => !input.states || input.states.includes(e.state))
          .slice(input.offset ?? 0, (input.offset ?? 0) + input.limit)
          .map((e) => ({ ...e, orderNumber: orders.find((o) => o.id === e.orderId)?.number ?? null })),
      ),
    'outbox.retry': (input: { id: number }) => {
      const entry = outbox.find((e) => e.id === input.id);
      if (!entry) throw new PonteApiError('not_found', `Envio ${input.id} não encontrado.`);
      return setEntry(entry, { state: 'pending', lastError: null });
    },
    'outbox.discard': (input: { id: number }) => {
      const entry = outbox.find((e) => e.id === input.id);
      if (!entry) throw new PonteApiError('not_found', `Envio ${input.id} não encontrado.`);
      return setEntry(entry, { state: 'discarded' });
    },
    'catalog.report': () => structuredClone(catalog).map((r) => ({ ...r, ...(options.catalogUnavailable?.[r.entity] && { unavailable: options.catalogUnavailable[r.entity] }) })),
    'catalog.retry': () => ({ id: 101, job: 'catalog', startedAt: now.toISOString(), finishedAt: null, result: 'running', counts: {}, errorCount: 0, message: null }),
    'catalog.heldPrices': () => structuredClone(held),
    'catalog.confirmPrice': (input: { sku: string }) => {
      held = held.filter((h) => h.sku !== input.sku);
      return structuredClone(held);
    },
    'activity.list': (input: { level?: ActivityEntry['level']; job?: string; text?: string; limit: number }) =>
      activity
        .filter((a) => (!input.level || a.level === input.level) && (!input.job || a.job === input.job) && (!input.text || fold(a.message).includes(fold(input.text))))
        .slice(0, input.limit),
    'settings.get': () => publicSettings(),
    'settings.update': (patch: {
      store?: { url?: string; storeId?: string; login?: string; password?: string };
      [key: string]: unknown;
    }) => {
      // Like the engine: the demo takes no other store.
      if (settings.demo && changesStoreAccess(patch)) throw new PonteApiError('invalid_input', 'Na loja de demonstração o acesso à loja não muda.');
      const { store, ...rest } = patch;
      // Like the engine: the database password goes to the secret store, never into the settings.
      const erpDatabase = rest.erpDatabase as { password?: string } | undefined;
      if (erpDatabase) {
        const { password, ...fields } = erpDatabase;
        rest.erpDatabase = { ...fields, ...(password !== undefined && { hasPassword: password !== '' }) };
      }
      if (store) {
        const { password, ...visible } = store;
        Object.assign(settings.store, visible);
        if (password !== undefined) {
          settings.password = password;
          settings.store.hasPassword = password !== '';
        }
      }
      for (const [key, value] of Object.entries(rest)) {
        const current = (settings as unknown as Record<string, unknown>)[key];
        (settings as unknown as Record<string, unknown>)[key] =
          typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object' ? { ...current, ...value } : value;
      }
      return publicSettings();
    },
    // Like the engine's session: off the demo, nothing of the demo's store is left.
    'app.leaveDemo': () => {
      if (!settings.demo) throw new PonteApiError('invalid_input', 'O Ponte não está na loja de demonstração.');
      Object.assign(settings, { demo: false, erp: { kind: 'none', path: '' } });
      Object.assign(settings.store, { url: '', storeId: '', login: 'webservice', hasPassword: false, apiAddress: '', hasRestCredentials: false });
      return { left: true } as const;
    },
    'store.authorize': (input: Input<'store.authorize'>): Outputs['store.authorize'] => {
      if (settings.demo) throw new PonteApiError('invalid_input', 'Na loja de demonstração o acesso à loja não muda.');
      const key = input.consumerKey ?? restSecrets.key;
      const secret = input.consumerSecret ?? restSecrets.secret;
      if (!key || !secret) return { ok: false, failure: 'missingCredentials', message: 'Informe a chave e o segredo do aplicativo (consumer key e consumer secret) antes de autorizar.' };
      if (key !== REST_APP.consumerKey || secret !== REST_APP.consumerSecret || input.code !== REST_APP.code)
        return { ok: false, failure: 'credentials', message: 'A Tray recusou a autorização: confira a chave e o segredo do aplicativo (consumer key e consumer secret) e o código de autorização da loja (HTTP 401: Unauthorized; code inválido).' };
      Object.assign(restSecrets, { key, secret, authorizedFor: input.apiAddress });
      Object.assign(settings.store, { transport: 'rest', apiAddress: input.apiAddress, hasRestCredentials: true, restAuthorizedUntil: new Date(now.getTime() + 30 * 86_400_000).toISOString() });
      return { ok: true, message: 'Ponte autorizado nesta loja.', accessExpiresAt: new Date(now.getTime() + 3 * 3_600_000).toISOString(), refreshExpiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() };
    },
    'store.testConnection': (input: Input<'store.testConnection'>): Outputs['store.testConnection'] => {
      if ((input?.transport ?? settings.store.transport) === 'rest') {
        const address = input?.apiAddress ?? settings.store.apiAddress;
        if (restSecrets.authorizedFor !== address || (input?.consumerSecret !== undefined && input.consumerSecret !== restSecrets.secret))
          return { ok: false, message: 'O Ponte ainda não foi autorizado nesta loja: cole o código de autorização (ou o endereço de retorno) nas configurações.', features: {}, statuses: [] };
        return { ok: true, message: 'Conexão com a loja funcionando.', features: { orders: { available: true, reason: null }, weddingLists: { available: false, reason: 'A API (REST) da Tray não tem listas de casamento.' } }, statuses: structuredClone(STORE_STATUSES) };
      }
      // Like the engine: the access as typed; "errada" plays a password the store refuses.
      if (input?.password === 'errada') return { ok: false, message: 'A loja recusou o acesso: confira o ID da loja, o usuário e a senha do WebService.', features: {}, statuses: [] };
      const result = {
        ok: true,
        message: 'Conexão com a loja funcionando.',
        features: {
          orders: { available: true, reason: null },
          orderStatus: { available: true, reason: null },
          tracking: { available: true, reason: null },
          weddingLists: { available: false, reason: 'Indisponível nesta loja: o WebService não oferece fWSCadastraListaCasamento.' },
        },
        statuses: structuredClone(STORE_STATUSES),
      };
      lastTest = { at: now.toISOString(), url: input?.url ?? settings.store.url, storeId: input?.storeId ?? settings.store.storeId, features: result.features, statuses: result.statuses };
      return result;
    },
    'store.lastTest': () => structuredClone(lastTest),
    'store.restBudget': () => structuredClone(options.restBudget ?? null),
    'catalog.refusedRows': () => structuredClone(refused),
    'overview.history': (): Outputs['overview.history'] => ({
      ordersPerDay: Array.from({ length: 30 }, (_, i) => ({ date: new Date(now.getTime() - (29 - i) * 86_400_000).toISOString().slice(0, 10), count: (i * 7) % 5 })),
      runs: {
        catalog: [
          { id: 1, job: 'catalog', startedAt: iso(300), finishedAt: iso(299), result: 'ok', counts: { created: 3 } as Record<string, number>, errorCount: 0, message: null },
          { id: 7, job: 'catalog', startedAt: iso(40), finishedAt: iso(38), result: 'ok', counts: { created: 0, erpProblems: 2 }, errorCount: 0, message: null },
        ],
        orders: [{ id: 8, job: 'orders', startedAt: iso(12), finishedAt: iso(11), result: 'ok', counts: { created: 5 }, errorCount: 0, message: null }],
        tracking: [{ id: 9, job: 'tracking', startedAt: iso(5), finishedAt: iso(5), result: 'failed', counts: {}, errorCount: 1, message: 'Limite de requisições da loja.' }],
        export: [],
      },
    }),
    'store.statuses': () => structuredClone(STORE_STATUSES),
    // The database form is exercised against real servers (test/e2e/database-settings.e2e.test.ts).
    'erp.testConnection': () => ({ ok: false, failure: 'config', message: 'Banco de dados do ERP: preencha o Servidor', version: null, queries: [], writes: false }),
    'erp.preview': (input: { entity: ErpReadKey }) => ({ entity: input.entity, columns: [], rows: [], problems: [], fetched: 0, failure: { kind: 'config', message: 'Banco de dados do ERP: preencha o Servidor' } }),
    'erp.startingMapping': () => ({
      read: { products: 'SELECT cod_prod AS sku FROM produtos', variants: '', categories: '', brands: '', characteristics: '', customers: '', weddingLists: '', weddingListItems: '', shippingUpdates: '' },
      write: { orderExists: '', order: '', orderItem: '' },
      productsChangeColumn: '',
    }),
    'erp.templateDownload': () => ({ id: `t${calls.length}`, name: 'modelo-ponte.xlsx', size: 1234 }),
    'erp.template': (input: { path?: string; overwrite?: boolean }) => {
      const file = input.path ?? 'C:\\Loja\\modelo-ponte.xlsx';
      if (file === settings.erp.path) throw new PonteApiError('rejected', 'É a planilha configurada como origem dos dados: escolha outro nome para o modelo.', { reason: 'configured' });
      // A name with "existente" plays a file already there.
      if (file.includes('existente') && !input.overwrite) throw new PonteApiError('rejected', 'Já existe um arquivo nesse lugar.', { reason: 'exists' });
      return { path: file, backup: file.includes('existente') ? `${file}.copia` : null };
    },
  };

  const api: FakeApi = {
    calls,
    orders,
    outbox,
    settings,
    callsOf: <N extends HandlerName>(name: N) => calls.filter((c) => c.name === name).map((c) => c.input as Input<N>),
    emit: (event) => {
      for (const l of listeners) l(event);
    },
    async call<N extends HandlerName>(name: N, input: Input<N>): Promise<Outputs[N]> {
      calls.push({ name, input: structuredClone(input) });
      const parsed = INPUTS[name].safeParse(input);
      if (!parsed.success) throw new PonteApiError('invalid_input', parsed.error.issues.map((i) => i.message).join('; '));
      const handler = handlers[name] as (input: unknown) => Outputs[N];
      return handler(parsed.data);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    downloads: [],
    async download(ticket) {
      api.downloads.push(ticket);
      return { saved: true, path: null, backup: null };
    },
  };
  return api;
};
