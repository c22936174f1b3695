/**
 * The emulator's REST side: Tray's web_api under `/web_api` on the same server and over the same
 * `EmulatorStore` as the SOAP side, so one test can reach one store through either transport.
 *
 * It keeps what a REST client has to cope with: the authorisation flow (`POST /auth` with the app's
 * key, secret and the store's code; `GET /auth?refresh_token=`), access tokens that expire on the
 * emulator's clock (3 h; refresh tokens 30 days), 401s with `error_code` 1000–1003, resources
 * wrapped in their names, pages of at most 50, 429 beyond 180 calls a minute and beyond the daily
 * cap (10,000 by default), and the SOAP side's injected faults.
 *
 * Writes go through the store's own SOAP operations (`store.call`), so validation, the to-do list
 * and the shopper e-mails on status changes are the same on both transports.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { z } from 'zod';
import { normalizeDocument } from '../../shared/br/documents.ts';
import { OPERATIONS, type OperationName, type TrayProduct, type TrayVariant } from '../engine/tray/operations.ts';
import { EmulatorFault, STORE_STATUSES, stamp, type EmulatorStore, type StoreOrder } from './store.ts';

export const REST_PATH = '/web_api';
/** Where the store admin installs an app (Tray: `https://<loja>/auth.php?response_type=code&consumer_key=…&callback=…`). */
export const INSTALL_PATH = '/auth.php';

export interface RestEmulatorConfig {
  consumerKey: string;
  consumerSecret: string;
  /** The store's authorisation code from the install callback (reusable here). */
  code: string;
  /** Requests per rolling minute before 429 (Tray: 180 per app); 0 = no limit. */
  perMinute: number;
  /** Requests per local day before 429 (Tray: 10,000 per store, 50,000 for large ones); 0 = no cap. */
  perDay: number;
  accessTtlMs: number;
  refreshTtlMs: number;
  /** The store's standing at Tray: anything but 'active' answers 401 with its error_code. */
  storeState: 'active' | 'blocked' | 'inactive' | 'cancelled';
}

export const DEFAULT_REST_CONFIG: RestEmulatorConfig = {
  consumerKey: 'ponte-demo-key',
  consumerSecret: 'ponte-demo-secret',
  code: 'ponte-demo-code',
  perMinute: 180,
  perDay: 10_000,
  accessTtlMs: 3 * 3_600_000,
  refreshTtlMs: 30 * 86_400_000,
  storeState: 'active',
};

/** What `PUT /_emulator/rest/config` accepts (the credentials, limits and the store's standing). */
export const restConfigPatchSchema = z
  .object({
    consumerKey: z.string().min(1),
    consumerSecret: z.string().min(1),
    code: z.string().min(1),
    perMinute: z.number().int().min(0),
    perDay: z.number().int().min(0),
    accessTtlMs: z.number().int().min(1),
    refreshTtlMs: z.number().int().min(1),
    storeState: z.enum(['active', 'blocked', 'inactive', 'cancelled']),
  })
  .partial()
  .strict();

export type RestFaultKind = 'soapFault' | 'html500' | 'reset' | 'hang' | 'truncated' | 'lostAnswer';

/** What the REST side borrows from the server that mounts it. */
export interface RestHost {
  store(): EmulatorStore;
  now(): Date;
  /** Latency and the concurrency limit, as for SOAP calls; `fn` runs holding the slot. */
  withSlot(route: string, fn: (entry: { outcome: string }) => Promise<void>): Promise<void>;
  drawFault(isWrite: boolean): RestFaultKind | null;
  countFault(kind: RestFaultKind): void;
  count429(route: string): void;
  /** Holds the socket like a stuck PHP worker, then drops it. */
  hang(req: http.IncomingMessage): Promise<void>;
}

export interface RestEmulator {
  config(): RestEmulatorConfig;
  setConfig(patch: Partial<RestEmulatorConfig>): void;
  /** Ends every access token now (the next call gets 401 / 1000). */
  expireAccessTokens(): void;
  /** Calls counted today against the daily cap. */
  usedToday(): number;
  reset(): void;
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): Promise<void>;
  /**
   * The install step: `GET /auth.php?response_type=code&consumer_key=…&callback=…` answers the
   * redirect Tray makes to the app's callback, with `code`, `api_address`, `store` and `store_host`
   * (the address the merchant copies into Ponte). `origin` is this server as the browser reached it.
   */
  install(url: URL, origin: string): { status: number; text: string; headers: Record<string, string> };
  /** The control API's REST part: GET/PUT /_emulator/rest/config, POST /_emulator/rest/expire-tokens. */
  control(method: string, path: string, body: Buffer): { status: number; body: unknown } | null;
}

const MAX_LIMIT = 50;
/** The 401 `error_code` of a store that is not active at Tray. */
const STATE_ERROR_CODE = { blocked: 1001, inactive: 1002, cancelled: 1003 } as const;

class HttpAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

const fail = (status: number, message: string, causes: string[] = [], extra: Record<string, unknown> = {}) =>
  new HttpAnswer(status, { message, causes, code: status, ...extra });

const money = (n: number) => n.toFixed(2);
const kindOf = (tipo: string) => (tipo === 'fechado' ? 'closed' : tipo === 'cancelado' ? 'cancelled' : 'open');

const statusRecord = (id: number) => {
  const s = STORE_STATUSES.find((x) => x.id_status === id);
  return { id: String(id), status: s?.status ?? '', type: s ? kindOf(s.tipo) : 'open', default: '0', description: s?.status ?? '' };
};

const orderHeader = (o: StoreOrder) => {
  const r = o.order;
  return {
    id: String(r.id_pedido),
    status: r.status,
    date: r.data,
    hour: r.hora,
    customer_id: String(r.id_cliente),
    modified: r.data_modificacao,
    partial_total: money(r.subtotal),
    taxes: '0.00',
    discount: money(r.desconto),
    shipment: r.forma_envio,
    shipment_value: money(r.frete),
    total: money(r.total),
    sending_code: r.codigo_rastreio,
    sending_date: r.data_envio === '' ? '0000-00-00' : r.data_envio,
    tracking_url: r.url_rastreio,
    delivered: r.status === 'ENTREGUE' ? '1' : '0',
    payment_form: r.forma_pagamento,
    installment: String(o.installments.length),
    customer_note: r.observacao,
    OrderStatus: statusRecord(r.id_status),
  };
};

const documentFields = (doc: string) => (doc.length === 14 ? { cpf: '', cnpj: doc } : { cpf: doc, cnpj: '' });

const completeOrder = (o: StoreOrder) => {
  const d = o.delivery;
  return {
    ...orderHeader(o),
    Customer: { id: String(d.id_cliente), name: d.cliente, ...documentFields(d.cnpj_cpf), rg: d.rg_ie, email: d.email, phone: d.telefone, cellphone: '' },
    CustomerAddresses: [
      {
        CustomerAddress: {
          recipient: d.cliente,
          address: d.logradouro,
          number: d.numero,
          complement: d.complemento,
          neighborhood: d.bairro,
          city: d.cidade,
          state: d.uf,
          zip_code: d.cep,
          country: 'BRA',
          type: '1',
        },
      },
    ],
    ProductsSold: o.items.map((i, k) => ({
      ProductsSold: {
        product_id: String(i.id_produto),
        variant_id: String(o.variants?.[k]?.id_variacao ?? 0),
        name: i.nome_produto,
        original_price: money(i.preco),
        price: money(i.preco),
        quantity: String(i.quantidade),
        // See StoreOrder.variants: a variant sold shows the product's reference here.
        reference: o.variants?.[k]?.cod_prod_produto ?? i.cod_prod,
        weight: String(i.peso),
      },
    })),
  };
};

const productRecord = (p: TrayProduct) => ({
  id: String(p.id_produto),
  reference: p.cod_prod,
  name: p.nome,
  description: p.descricao,
  price: money(p.preco),
  promotional_price: money(p.preco_promocional),
  stock: String(p.estoque),
  available: p.disponivel === 'S' ? '1' : '0',
  weight: String(p.peso),
  height: String(p.altura),
  width: String(p.largura),
  length: String(p.comprimento),
  category_id: String(p.id_categoria),
  brand_id: String(p.id_marca),
});

const variantRecord = (v: TrayVariant) => ({
  id: String(v.id_variacao),
  product_id: String(v.id_produto),
  reference: v.cod_referencia,
  price: money(v.preco),
  promotional_price: money(v.preco_promocional),
  stock: String(v.estoque),
  available: v.disponivel === 'S' ? '1' : '0',
  type_1: v.tipo_1,
  value_1: v.valor_1,
  type_2: v.tipo_2,
  value_2: v.valor_2,
});

/** A record -> the operation's positional string arguments (the store's SOAP entry point). */
const positional = (op: OperationName, record: Record<string, unknown>): string[] =>
  OPERATIONS[op].params.map(([name]) => {
    const v = record[name];
    return v === undefined || v === null ? '' : String(v);
  });

const wrappedBody = (name: string) => z.object({ [name]: z.record(z.string(), z.unknown()) });

/** Modified filter: `YYYY-MM-DD` (one day) or `YYYY-MM-DD,YYYY-MM-DD` (a range, both days whole). */
const modifiedBounds = (v: string | null): { from: string; to: string } | null => {
  if (v === null || v === '') return null;
  const parts = v.split(',').map((s) => s.trim());
  if (parts.length > 2 || parts.some((p) => !/^\d{4}-\d{2}-\d{2}$/.test(p))) throw fail(400, 'Bad Request', ['modified: esperado AAAA-MM-DD ou AAAA-MM-DD,AAAA-MM-DD']);
  return { from: `${parts[0]} 00:00:00`, to: `${parts[1] ?? parts[0]} 23:59:59` };
};

export const createRestEmulator = (host: RestHost, initial: Partial<RestEmulatorConfig> = {}): RestEmulator => {
  let config: RestEmulatorConfig = { ...DEFAULT_REST_CONFIG, ...initial };
  let access = new Map<string, number>();
  let refresh = new Map<string, number>();
  let minute: number[] = [];
  let day = { day: '', used: 0 };

  const nowMs = () => host.now().getTime();
  const localDay = (d: Date) => stamp(d).slice(0, 10);

  const issue = (refreshToken?: string) => {
    const now = nowMs();
    const accessToken = randomBytes(24).toString('hex');
    access.set(accessToken, now + config.accessTtlMs);
    let rt = refreshToken;
    if (!rt) {
      rt = randomBytes(24).toString('hex');
      refresh.set(rt, now + config.refreshTtlMs);
    }
    return {
      message: 'Created',
      code: 200,
      access_token: accessToken,
      refresh_token: rt,
      date_expiration_access_token: stamp(new Date(now + config.accessTtlMs)),
      date_expiration_refresh_token: stamp(new Date(refresh.get(rt) ?? now)),
      date_activated: stamp(new Date(now)),
      api_host: REST_PATH,
      store_id: '1',
    };
  };

  /** Per-minute and daily limits, counted on arrival: a 429 holds no slot. */
  const admit = (route: string): HttpAnswer | null => {
    const now = nowMs();
    const today = localDay(host.now());
    if (day.day !== today) day = { day: today, used: 0 };
    if (config.perDay > 0 && day.used >= config.perDay) {
      host.count429(route);
      const d = host.now();
      const midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
      return new HttpAnswer(429, { message: 'Too Many Requests', causes: ['Limite diário de requisições da loja excedido'], code: 429 }, { 'Retry-After': String(Math.max(1, Math.ceil((midnight - now) / 1000))) });
    }
    if (config.perMinute > 0) {
      minute = minute.filter((x) => now - x < 60_000);
      if (minute.length >= config.perMinute) {
        host.count429(route);
        const retryAfter = Math.max(1, Math.ceil((60_000 - (now - (minute[0] ?? now))) / 1000));
        return new HttpAnswer(429, { message: 'Too Many Requests', causes: ['Limite de 180 requisições por minuto excedido'], code: 429 }, { 'Retry-After': String(retryAfter) });
      }
      minute.push(now);
    }
    day.used++;
    return null;
  };

  const checkToken = (url: URL) => {
    const token = url.searchParams.get('access_token') ?? '';
    const expires = access.get(token);
    if (expires === undefined) throw fail(401, 'Unauthorized', ['Token inválido'], { error_code: 1099 });
    if (config.storeState !== 'active') {
      throw fail(401, 'Unauthorized', [`Loja ${config.storeState}`], { error_code: STATE_ERROR_CODE[config.storeState] });
    }
    if (expires <= nowMs()) throw fail(401, 'Unauthorized', ['Token expirado'], { error_code: 1000 });
  };

  const parseJson = (body: Buffer, contentType: string | undefined): Record<string, unknown> => {
    const text = body.toString('utf8');
    if (text.trim() === '') return {};
    if (/x-www-form-urlencoded/i.test(contentType ?? '')) return Object.fromEntries(new URLSearchParams(text));
    try {
      const v = JSON.parse(text) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      /* falls through to the 400 below */
    }
    throw fail(400, 'Bad Request', ['Corpo JSON inválido']);
  };

  const resource = (body: Record<string, unknown>, name: string): Record<string, unknown> => {
    const parsed = wrappedBody(name).safeParse(body);
    if (!parsed.success) throw fail(400, 'Bad Request', [`Corpo esperado: {"${name}": {...}}`]);
    return parsed.data[name] as Record<string, unknown>;
  };

  const page = <T>(url: URL, listKey: string, itemName: string, all: T[]) => {
    const limit = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : 30;
    const pageNo = url.searchParams.has('page') ? Number(url.searchParams.get('page')) : 1;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw fail(400, 'Bad Request', [`limit: entre 1 e ${MAX_LIMIT}`]);
    if (!Number.isInteger(pageNo) || pageNo < 1) throw fail(400, 'Bad Request', ['page: inteiro a partir de 1']);
    const offset = (pageNo - 1) * limit;
    return {
      paging: { total: all.length, page: pageNo, offset, limit, maxLimit: MAX_LIMIT },
      sort: [{ id: 'asc' }],
      [listKey]: all.slice(offset, offset + limit).map((item) => ({ [itemName]: item })),
    };
  };

  /** A store fault (validation, not found) as Tray's REST answers it. */
  const viaStore = (fn: () => unknown): unknown => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof EmulatorFault)) throw e;
      if (/não encontrad/i.test(e.faultstring)) throw fail(404, 'Not Found', [e.faultstring]);
      throw fail(400, 'Bad Request', [e.faultstring]);
    }
  };
  const created = (id: unknown) => new HttpAnswer(201, { message: 'Created', id: String((id as { id: number }).id), code: 201 });
  const saved = (id: number) => new HttpAnswer(200, { message: 'Saved', id: String(id), code: 200 });

  /** Routes after the token check. Returns the answer to send. */
  /**
   * A product's or a variant's PUT: one route carries the stock alone, the availability alone, or the
   * record, and each reaches the store as the SOAP call it stands for (`is_grade` 'S' for a variant).
   */
  const putSellable = <T,>(current: T | undefined, grade: 'S' | 'N', id: number, r: Record<string, unknown>, missing: string, update: (current: T) => unknown): HttpAnswer => {
    const keys = Object.keys(r);
    viaStore(() => {
      if (current === undefined) throw new EmulatorFault('SOAP-ENV:Client', missing);
      const store = host.store();
      if (keys.length === 1 && keys[0] === 'stock') store.call('fWSAtualizaEstoqueProduto', [grade, String(id), String(r.stock)]);
      else if (keys.length === 1 && keys[0] === 'available') store.call('fWSAtualizaProdutoDisponivel', [grade, String(id), String(r.available) === '1' || r.available === true ? 'S' : 'N']);
      else update(current);
    });
    return saved(id);
  };

  const route = (method: string, path: string, url: URL, body: Record<string, unknown>): HttpAnswer => {
    const store = host.store();
    let m: RegExpExecArray | null;
    const q = (k: string) => url.searchParams.get(k);

    if (method === 'GET' && path === '/orders/statuses') return new HttpAnswer(200, page(url, 'OrderStatuses', 'OrderStatus', STORE_STATUSES.map((s) => statusRecord(s.id_status))));
    if (method === 'GET' && path === '/orders') {
      const bounds = modifiedBounds(q('modified'));
      const status = q('status');
      const all = [...store.orders.values()]
        .filter((o) => !bounds || (o.order.data_modificacao >= bounds.from && o.order.data_modificacao <= bounds.to))
        .filter((o) => !status || o.order.status.toUpperCase() === status.toUpperCase())
        .sort((a, b) => a.order.id_pedido - b.order.id_pedido)
        .map(orderHeader);
      return new HttpAnswer(200, page(url, 'Orders', 'Order', all));
    }
    if (method === 'GET' && (m = /^\/orders\/(\d+)\/complete$/.exec(path))) {
      const o = store.order(Number(m[1]));
      if (!o) throw fail(404, 'Not Found', ['Pedido não encontrado']);
      return new HttpAnswer(200, { Order: completeOrder(o) });
    }
    if (method === 'GET' && (m = /^\/orders\/(\d+)$/.exec(path))) {
      const o = store.order(Number(m[1]));
      if (!o) throw fail(404, 'Not Found', ['Pedido não encontrado']);
      return new HttpAnswer(200, { Order: orderHeader(o) });
    }
    if (method === 'PUT' && (m = /^\/orders\/(\d+)$/.exec(path))) {
      const id = Number(m[1]);
      const r = resource(body, 'Order');
      viaStore(() => {
        if (!store.order(id)) throw new EmulatorFault('SOAP-ENV:Client', 'Pedido não encontrado');
        if (r.status_id !== undefined) store.call('fWSAtualizaStatusPedido', [String(id), String(r.status_id)]);
        if (r.sending_code !== undefined)
          store.call('fWSAtualizaRastreioPedido', positional('fWSAtualizaRastreioPedido', { id_pedido: id, codigo_rastreio: r.sending_code, data_envio: r.sending_date, url_rastreio: r.tracking_url }));
      });
      return saved(id);
    }

    if (method === 'GET' && path === '/products/brands') return new HttpAnswer(200, page(url, 'Brands', 'Brand', [...store.brands].map(([id, brand]) => ({ id: String(id), brand }))));
    if (method === 'POST' && path === '/products/brands') {
      const r = resource(body, 'Brand');
      return created(viaStore(() => store.call('fWSCadastraMarca', [String(r.brand ?? '')])));
    }
    if (method === 'GET' && path === '/products/variants') {
      const reference = q('reference');
      const all = [...store.variants.values()].filter((v) => reference === null || v.cod_referencia === reference).map(variantRecord);
      return new HttpAnswer(200, page(url, 'Variants', 'Variant', all));
    }
    if (method === 'GET' && (m = /^\/products\/variants\/(\d+)$/.exec(path))) {
      const v = store.variants.get(Number(m[1]));
      if (!v) throw fail(404, 'Not Found', ['Variação não encontrada']);
      return new HttpAnswer(200, { Variant: variantRecord(v) });
    }
    if (method === 'POST' && path === '/products/variants') {
      const r = resource(body, 'Variant');
      return created(viaStore(() => store.call('fWSCadastraVariacao', positional('fWSCadastraVariacao', { id_produto: r.product_id, ...variantArgs(r, null) }))));
    }
    if (method === 'PUT' && (m = /^\/products\/variants\/(\d+)$/.exec(path))) {
      const id = Number(m[1]);
      const r = resource(body, 'Variant');
      return putSellable(store.variants.get(id), 'S', id, r, 'Variação não encontrada', (current) =>
        store.call('fWSAtualizaVariacao', positional('fWSAtualizaVariacao', { id_variacao: id, ...variantArgs(r, current) })),
      );
    }
    if (/^\/products\/variants(\/|$)/.test(path)) throw fail(404, 'Not Found', ['Variação não encontrada']);
    if (method === 'GET' && path === '/products') {
      const reference = q('reference');
      const all = [...store.products.values()].filter((p) => reference === null || p.cod_prod === reference).map(productRecord);
      return new HttpAnswer(200, page(url, 'Products', 'Product', all));
    }
    if (method === 'GET' && (m = /^\/products\/(\d+)$/.exec(path))) {
      const p = store.products.get(Number(m[1]));
      if (!p) throw fail(404, 'Not Found', ['Produto não encontrado']);
      return new HttpAnswer(200, { Product: productRecord(p) });
    }
    if (method === 'POST' && path === '/products') {
      const r = resource(body, 'Product');
      return created(viaStore(() => store.call('fWSCadastraProduto', positional('fWSCadastraProduto', productArgs(r, null)))));
    }
    if (method === 'PUT' && (m = /^\/products\/(\d+)$/.exec(path))) {
      const id = Number(m[1]);
      const r = resource(body, 'Product');
      return putSellable(store.products.get(id), 'N', id, r, 'Produto não encontrado', (current) =>
        store.call('fWSAtualizaProduto', positional('fWSAtualizaProduto', { id_produto: id, ...productArgs(r, current) })),
      );
    }
    if (method === 'POST' && (m = /^\/products\/(\d+)\/properties$/.exec(path))) {
      const id = Number(m[1]);
      const r = resource(body, 'ProductProperty');
      viaStore(() => store.call('fWSCadastraCaracteristicaProduto', [String(id), String(r.property_id ?? ''), String(r.value ?? '')]));
      return saved(id);
    }

    if (method === 'GET' && path === '/categories')
      return new HttpAnswer(
        200,
        page(url, 'Categories', 'Category', [...store.categories.values()].map((c) => ({ id: String(c.id_categoria), name: c.nome, parent_id: String(c.id_categoria_pai), order: String(c.ordem), description: c.descricao }))),
      );
    if (method === 'POST' && path === '/categories') {
      const r = resource(body, 'Category');
      return created(viaStore(() => store.call('fWSCadastraCategoria', positional('fWSCadastraCategoria', { nome: r.name, id_categoria_pai: r.parent_id, descricao: r.description, ordem: r.order }))));
    }
    if (method === 'PUT' && (m = /^\/categories\/(\d+)$/.exec(path))) {
      const id = Number(m[1]);
      const r = resource(body, 'Category');
      viaStore(() => store.call('fWSAtualizaCategoria', positional('fWSAtualizaCategoria', { id_categoria: id, nome: r.name, id_categoria_pai: r.parent_id, descricao: r.description, ordem: r.order })));
      return saved(id);
    }

    if (method === 'GET' && path === '/properties') return new HttpAnswer(200, page(url, 'Properties', 'Property', [...store.characteristics].map(([id, name]) => ({ id: String(id), name }))));
    if (method === 'POST' && path === '/properties') {
      const r = resource(body, 'Property');
      return created(viaStore(() => store.call('fWSCadastraCaracteristica', [String(r.name ?? '')])));
    }

    if (method === 'GET' && path === '/customers') {
      const email = q('email')?.toLowerCase();
      // normalizeDocument keeps letters: the alphanumeric CNPJ is matched whole.
      const doc = ((d) => (d === null ? undefined : normalizeDocument(d)))(q('cpf') ?? q('cnpj'));
      const all = [...store.customers.values()]
        .map((c) => c.customer)
        .filter((c) => (email === undefined || c.email.toLowerCase() === email) && (doc === undefined || c.cnpj_cpf === doc))
        .map((c) => ({ id: String(c.id_cliente), name: c.cliente, ...documentFields(c.cnpj_cpf), rg: c.rg_ie, email: c.email, phone: c.telefone }));
      return new HttpAnswer(200, page(url, 'Customers', 'Customer', all));
    }
    if (method === 'PUT' && (m = /^\/customers\/(\d+)$/.exec(path))) {
      const id = Number(m[1]);
      const r = resource(body, 'Customer');
      // Only the phones are modelled (what the catalogue push changes); anything else is refused, not ignored.
      const other = Object.keys(r).filter((k) => k !== 'phone' && k !== 'cellphone');
      if (other.length > 0) throw fail(400, 'Bad Request', [`Campos não suportados pelo emulador: ${other.join(', ')}`]);
      viaStore(() => {
        const current = store.customers.get(id);
        if (!current) throw new EmulatorFault('SOAP-ENV:Client', 'Cliente não encontrado');
        store.call('fWSCadastraContatosCliente', [String(id), String(r.phone ?? current.customer.telefone), String(r.cellphone ?? current.telefone_adicional)]);
      });
      return saved(id);
    }
    if (method === 'POST' && path === '/customers') {
      const r = resource(body, 'Customer');
      const a = (r.CustomerAddress && typeof r.CustomerAddress === 'object' ? r.CustomerAddress : {}) as Record<string, unknown>;
      return created(
        viaStore(() =>
          store.call(
            'fWSCadastraClienteAvancado',
            positional('fWSCadastraClienteAvancado', {
              nome: r.name,
              cnpj_cpf: r.cnpj || r.cpf,
              rg_ie: r.rg,
              email: r.email,
              telefone: r.phone,
              logradouro: a.address,
              numero: a.number,
              complemento: a.complement,
              bairro: a.neighborhood,
              cidade: a.city,
              uf: a.state,
              cep: a.zip_code,
            }),
          ),
        ),
      );
    }
    throw fail(404, 'Not Found', [`Rota desconhecida: ${method} ${REST_PATH}${path}`]);
  };

  /** REST product fields -> the SOAP product record, over the current product for a partial update. */
  const productArgs = (r: Record<string, unknown>, current: TrayProduct | null): Record<string, unknown> => {
    const pick = (key: string, soap: keyof TrayProduct) => (r[key] !== undefined ? r[key] : current ? current[soap] : undefined);
    const available = r.available !== undefined ? (String(r.available) === '1' || r.available === true ? 'S' : 'N') : current?.disponivel;
    return {
      cod_prod: pick('reference', 'cod_prod'),
      nome: pick('name', 'nome'),
      descricao: pick('description', 'descricao'),
      preco: pick('price', 'preco'),
      preco_promocional: pick('promotional_price', 'preco_promocional'),
      estoque: pick('stock', 'estoque'),
      disponivel: available,
      peso: pick('weight', 'peso'),
      altura: pick('height', 'altura'),
      largura: pick('width', 'largura'),
      comprimento: pick('length', 'comprimento'),
      id_categoria: pick('category_id', 'id_categoria'),
      id_marca: pick('brand_id', 'id_marca'),
    };
  };

  const variantArgs = (r: Record<string, unknown>, current: TrayVariant | null): Record<string, unknown> => {
    const pick = (key: string, soap: keyof TrayVariant) => (r[key] !== undefined ? r[key] : current ? current[soap] : undefined);
    const available = r.available !== undefined ? (String(r.available) === '1' || r.available === true ? 'S' : 'N') : current?.disponivel;
    return {
      cod_referencia: pick('reference', 'cod_referencia'),
      preco: pick('price', 'preco'),
      preco_promocional: pick('promotional_price', 'preco_promocional'),
      estoque: pick('stock', 'estoque'),
      disponivel: available,
      tipo_1: pick('type_1', 'tipo_1'),
      valor_1: pick('value_1', 'valor_1'),
      tipo_2: pick('type_2', 'tipo_2'),
      valor_2: pick('value_2', 'valor_2'),
    };
  };

  const routeName = (method: string, path: string) => `rest:${method} ${path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;

  const writeJson = (res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}, cut = false) => {
    const full = Buffer.from(JSON.stringify(value), 'utf8');
    const buf = cut ? full.subarray(0, Math.floor(full.length / 2)) : full;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(buf.length), ...headers });
    res.end(buf);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = url.pathname.slice(REST_PATH.length) || '/';
    const name = routeName(method, path);
    const limited = admit(name);
    if (limited) return writeJson(res, limited.status, limited.body, limited.headers);
    await host.withSlot(name, async (entry) => {
      const write = method !== 'GET';
      const fault = path === '/auth' ? null : host.drawFault(write);
      if (fault) {
        host.countFault(fault);
        entry.outcome = fault;
      }
      switch (fault) {
        case 'soapFault':
          return writeJson(res, 500, { message: 'Internal Server Error', causes: ['Erro interno no servidor. Tente novamente mais tarde.'], code: 500 });
        case 'html500':
          res.writeHead(500, { 'Content-Type': 'text/html; charset=iso-8859-1' });
          res.end('<html><body><h1>Internal Server Error</h1></body></html>');
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'hang':
          await host.hang(req);
          return;
        default:
          break;
      }
      let answer: HttpAnswer;
      try {
        if (path === '/auth') answer = auth(method, url, parseJson(body, req.headers['content-type']));
        else {
          checkToken(url);
          answer = route(method, path, url, write ? parseJson(body, req.headers['content-type']) : {});
        }
      } catch (e) {
        if (!(e instanceof HttpAnswer)) throw e;
        answer = e;
      }
      if (answer.status >= 400 && !fault) entry.outcome = 'fault';
      if (fault === 'lostAnswer') {
        req.socket.destroy();
        return;
      }
      writeJson(res, answer.status, answer.body, answer.headers, fault === 'truncated');
    });
  };

  const auth = (method: string, url: URL, body: Record<string, unknown>): HttpAnswer => {
    if (method === 'POST') {
      const { consumer_key, consumer_secret, code } = body;
      if (consumer_key !== config.consumerKey || consumer_secret !== config.consumerSecret) throw fail(401, 'Unauthorized', ['consumer_key ou consumer_secret inválido']);
      if (code !== config.code) throw fail(401, 'Unauthorized', ['code inválido']);
      if (config.storeState !== 'active') throw fail(401, 'Unauthorized', [`Loja ${config.storeState}`], { error_code: STATE_ERROR_CODE[config.storeState] });
      return new HttpAnswer(201, issue());
    }
    if (method === 'GET') {
      const rt = url.searchParams.get('refresh_token') ?? '';
      const expires = refresh.get(rt);
      if (expires === undefined || expires <= nowMs()) throw fail(401, 'Unauthorized', ['refresh_token inválido ou expirado']);
      return new HttpAnswer(200, issue(rt));
    }
    throw fail(405, 'Method Not Allowed');
  };

  return {
    config: () => ({ ...config }),
    setConfig: (patch) => {
      config = { ...config, ...patch };
    },
    expireAccessTokens: () => {
      for (const k of access.keys()) access.set(k, 0);
    },
    usedToday: () => (day.day === localDay(host.now()) ? day.used : 0),
    reset: () => {
      access = new Map();
      refresh = new Map();
      minute = [];
      day = { day: '', used: 0 };
    },
    handle,
    install: (url, origin): { status: number; text: string; headers: Record<string, string> } => {
      const callback = url.searchParams.get('callback') ?? '';
      if (url.searchParams.get('response_type') !== 'code' || !/^https?:\/\//.test(callback)) return { status: 400, text: 'response_type=code e callback são obrigatórios', headers: {} };
      if (url.searchParams.get('consumer_key') !== config.consumerKey) return { status: 401, text: 'consumer_key desconhecida', headers: {} };
      const target = new URL(callback);
      target.searchParams.set('code', config.code);
      target.searchParams.set('api_address', `${origin}${REST_PATH}`);
      target.searchParams.set('store', '1');
      target.searchParams.set('store_host', origin);
      return { status: 302, text: '', headers: { Location: target.toString() } };
    },
    control: (method, path, body) => {
      if (method === 'GET' && path === '/_emulator/rest/config') return { status: 200, body: { ...config, usedToday: day.day === localDay(host.now()) ? day.used : 0 } };
      if (method === 'PUT' && path === '/_emulator/rest/config') {
        let input: unknown;
        try {
          input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          input = undefined;
        }
        const patch = restConfigPatchSchema.safeParse(input);
        if (!patch.success) return { status: 400, body: { error: `configuração REST inválida: ${patch.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}` } };
        config = { ...config, ...patch.data };
        return { status: 200, body: config };
      }
      if (method === 'POST' && path === '/_emulator/rest/expire-tokens') {
        for (const k of access.keys()) access.set(k, 0);
        return { status: 200, body: { ok: true } };
      }
      return null;
    },
  };
};
