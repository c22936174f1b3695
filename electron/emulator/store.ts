/**
 * The emulator's in-memory Tray store: catalogue from `demoCatalog(seed)`, generated orders, the
 * store's own status list, the to-do list and the shopper email log. Every SOAP operation of the
 * catalogue (`electron/engine/tray/operations.ts`) is answered here from positional string
 * arguments, exactly as a NuSOAP rpc server receives them.
 *
 * Same seed and same clock => same store.
 */
import { demoCatalog, type DemoCatalog, type DemoCustomer } from '../demo/catalog.ts';
import { mulberry32, pick, randInt, type Random } from '../demo/random.ts';
import { isValidDocument, normalizeDocument } from '../../shared/br/documents.ts';
import { s10CheckDigit } from '../../shared/br/tracking.ts';
import {
  OPERATIONS,
  type OperationName,
  type Retorno,
  type TrayCategory,
  type TrayCustomer,
  type TrayInstallment,
  type TrayOrder,
  type TrayOrderItem,
  type TrayPaymentMethod,
  type TrayProduct,
  type TrayVariant,
  type TrayStatus,
} from '../engine/tray/operations.ts';

/** A business error answered as a SOAP fault (HTTP 500). */
export class EmulatorFault extends Error {
  constructor(
    readonly faultcode: 'SOAP-ENV:Client' | 'SOAP-ENV:Server',
    readonly faultstring: string,
  ) {
    super(faultstring);
  }
}

const invalid = (field: string) => new EmulatorFault('SOAP-ENV:Client', `Campo inválido: ${field}`);
const orderNotFound = () => new EmulatorFault('SOAP-ENV:Client', 'Pedido não encontrado');
const productNotFound = () => new EmulatorFault('SOAP-ENV:Client', 'Produto não encontrado');
const variantNotFound = () => new EmulatorFault('SOAP-ENV:Client', 'Variação não encontrada');
const customerNotFound = () => new EmulatorFault('SOAP-ENV:Client', 'Cliente não encontrado');

/**
 * The store's own statuses. Ids are deliberately not small sequential numbers: a real store's
 * "ENVIADO" may be 6 or 69, so nothing downstream may hard-code them.
 */
export const STORE_STATUSES: readonly TrayStatus[] = [
  { id_status: 101, status: 'AGUARDANDO PAGAMENTO', tipo: 'aberto' },
  { id_status: 129, status: 'PAGAMENTO EM ANÁLISE', tipo: 'aberto' },
  { id_status: 117, status: 'A ENVIAR', tipo: 'aberto' },
  { id_status: 188, status: 'EM SEPARAÇÃO', tipo: 'aberto' },
  { id_status: 263, status: 'ENVIADO', tipo: 'aberto' },
  { id_status: 278, status: 'ENTREGUE', tipo: 'fechado' },
  { id_status: 341, status: 'CANCELADO', tipo: 'cancelado' },
  { id_status: 356, status: 'DEVOLVIDO', tipo: 'cancelado' },
];
export const STATUS = { awaitingPayment: 101, inReview: 129, toShip: 117, picking: 188, shipped: 263, delivered: 278, cancelled: 341 } as const;

const PAYMENT_METHODS: readonly TrayPaymentMethod[] = [
  { id_forma_pagamento: 2, nome: 'Boleto bancário' },
  { id_forma_pagamento: 7, nome: 'Pix' },
  { id_forma_pagamento: 12, nome: 'Cartão de crédito' },
  { id_forma_pagamento: 15, nome: 'Depósito em conta' },
];
const SHIPPING = ['PAC', 'SEDEX', 'Transportadora Jadlog', 'Retirada na loja'];

export interface ShopperEmail {
  id_pedido: number;
  id_status: number;
  status: string;
  at: string; // ISO
}

export interface OrderWriteCounts {
  status: number;
  tracking: number;
  ack: number;
}

interface SoldLine {
  product: TrayProduct;
  variant?: TrayVariant;
  quantity: number;
}

export interface StoreOrder {
  order: TrayOrder;
  items: TrayOrderItem[];
  /**
   * Per item, the variant sold (null: a plain product). SOAP's item has no variant field in the
   * known record, so SOAP shows the variant's own reference in `cod_prod`; REST tells
   * `variant_id` and, conservatively, the product's `reference` (Tray does not document which),
   * so only a client that resolves the variant id gets the variant right.
   */
  variants?: Array<{ id_variacao: number; cod_prod_produto: string } | null>;
  installments: TrayInstallment[];
  /** Customer and delivery address as captured when the order was placed. */
  delivery: TrayCustomer;
  /** In the to-do list (new or changed, not yet acknowledged by the ERP). */
  pending: boolean;
}

interface StoreCustomer {
  customer: TrayCustomer;
  modified: string; // 'YYYY-MM-DD HH:MM:SS'
  pending: boolean;
  telefone_adicional: string;
}

export interface WeddingList {
  id: number;
  nome_lista: string;
  nome_noivos: string;
  data_evento: string;
  email: string;
  items: Array<{ id_produto: number; quantidade: number }>;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** 'YYYY-MM-DD HH:MM:SS' in UTC, so that the store does not depend on the machine's time zone. */
/**
 * Tray stamps orders in the store's own time (Brasília), the same clock as the shop's PC; the
 * emulator runs on that PC, so it stamps in local time and a client's local window matches.
 */
export const stamp = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
const money = (n: number) => Math.round(n * 100) / 100;

const customerRecord = (c: DemoCustomer): TrayCustomer => ({
  id_cliente: c.id,
  cliente: c.name,
  cnpj_cpf: c.document,
  rg_ie: c.rgIe,
  email: c.email,
  telefone: c.phone,
  logradouro: c.street,
  numero: c.number,
  complemento: c.complement,
  bairro: c.district,
  cidade: c.city,
  uf: c.uf,
  cep: c.cep,
});

/** Positional argument access with NuSOAP-like leniency: a missing argument is an empty string. */
class Args {
  constructor(
    private readonly values: readonly string[],
    private readonly names: readonly string[],
  ) {}
  private raw(name: string): string {
    const i = this.names.indexOf(name);
    return i < 0 ? '' : (this.values[i] ?? '').trim();
  }
  str(name: string): string {
    return this.raw(name);
  }
  int(name: string, { emptyAs }: { emptyAs?: number } = {}): number {
    const v = this.raw(name);
    if (v === '' && emptyAs !== undefined) return emptyAs;
    if (!/^-?\d+$/.test(v)) throw invalid(name);
    return Number(v);
  }
  decimal(name: string, { emptyAs }: { emptyAs?: number } = {}): number {
    const v = this.raw(name);
    if (v === '' && emptyAs !== undefined) return emptyAs;
    if (!/^-?\d+(\.\d+)?$/.test(v)) throw invalid(name);
    return Number(v);
  }
  flag(name: string): 'S' | 'N' {
    const v = this.raw(name).toUpperCase();
    if (v !== 'S' && v !== 'N') throw invalid(name);
    return v;
  }
  required(name: string): string {
    const v = this.raw(name);
    if (v === '') throw invalid(name);
    return v;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Accepts HHMM (as the public clients send) and HH:MM. */
const parseHour = (v: string, field: string): string | null => {
  if (v === '') return null;
  const m = /^(\d{2}):?(\d{2})$/.exec(v);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw invalid(field);
  return `${m[1]}:${m[2]}`;
};

/** [from, to] bounds on 'YYYY-MM-DD HH:MM:SS' stamps from the four window arguments; '' = open. */
const windowBounds = (a: Args): { from: string; to: string } => {
  const di = a.str('data_inicial');
  const df = a.str('data_final');
  if (di !== '' && !DATE.test(di)) throw invalid('data_inicial');
  if (df !== '' && !DATE.test(df)) throw invalid('data_final');
  const hi = parseHour(a.str('hora_inicial'), 'hora_inicial');
  const hf = parseHour(a.str('hora_final'), 'hora_final');
  return {
    from: di === '' ? '' : `${di} ${hi ?? '00:00'}:00`,
    to: df === '' ? '9999-12-31 23:59:59' : `${df} ${hf ?? '23:59'}:59`,
  };
};
const inWindow = (s: string, w: { from: string; to: string }) => s >= w.from && s <= w.to;

export interface StoreOptions {
  seed?: number;
  orders?: number;
  now?: () => Date;
}

export class EmulatorStore {
  readonly seed: number;
  readonly catalog: DemoCatalog;
  private readonly now: () => Date;
  private random: Random;
  products = new Map<number, TrayProduct>();
  /** Product variations (grade), by their own id; each names its product. */
  variants = new Map<number, TrayVariant>();
  productCharacteristics = new Map<number, Record<number, string>>();
  categories = new Map<number, TrayCategory>();
  brands = new Map<number, string>();
  characteristics = new Map<number, string>();
  customers = new Map<number, StoreCustomer>();
  weddingLists = new Map<number, WeddingList>();
  orders = new Map<number, StoreOrder>();
  emails: ShopperEmail[] = [];
  private nextOrderId = 0;
  private nextIds = { variant: 0, product: 0, category: 0, brand: 0, characteristic: 0, customer: 0, weddingList: 0 };

  constructor(options: StoreOptions = {}) {
    this.seed = options.seed ?? 1;
    this.now = options.now ?? (() => new Date());
    this.catalog = demoCatalog(this.seed);
    this.random = mulberry32(this.seed * 7919 + 17);
    this.load(options.orders ?? 40);
  }

  private load(orderCount: number): void {
    const c = this.catalog;
    for (const cat of c.categories)
      this.categories.set(cat.id, { id_categoria: cat.id, nome: cat.name, id_categoria_pai: cat.parentId, ordem: cat.order, descricao: cat.description });
    for (const b of c.brands) this.brands.set(b.id, b.name);
    for (const ch of c.characteristics) this.characteristics.set(ch.id, ch.name);
    for (const p of c.products) {
      this.products.set(p.id, {
        id_produto: p.id,
        cod_prod: p.sku,
        nome: p.name,
        descricao: p.description,
        preco: p.price,
        preco_promocional: p.promoPrice ?? 0,
        estoque: p.stock,
        disponivel: p.available ? 'S' : 'N',
        peso: p.weight,
        altura: p.height,
        largura: p.width,
        comprimento: p.length,
        id_categoria: p.categoryId,
        id_marca: p.brandId,
      });
      const values: Record<number, string> = {};
      for (const [name, value] of Object.entries(p.characteristics)) {
        const ch = c.characteristics.find((x) => x.name === name);
        if (ch) values[ch.id] = value;
      }
      this.productCharacteristics.set(p.id, values);
    }
    const created = stamp(new Date(this.now().getTime() - 90 * 86_400_000));
    for (const cu of c.customers) this.customers.set(cu.id, { customer: customerRecord(cu), modified: created, pending: false, telefone_adicional: '' });
    for (const w of c.weddingLists)
      this.weddingLists.set(w.id, {
        id: w.id,
        nome_lista: w.name,
        nome_noivos: w.couple,
        data_evento: w.eventDate,
        email: w.email,
        items: w.items.map((i) => ({ id_produto: i.productId, quantidade: i.quantity })),
      });
    const maxId = (ids: Iterable<number>) => Math.max(0, ...ids);
    this.nextIds = {
      variant: 0,
      product: maxId(this.products.keys()) + 3,
      category: maxId(this.categories.keys()) + 1,
      brand: maxId(this.brands.keys()) + 1,
      characteristic: maxId(this.characteristics.keys()) + 1,
      customer: maxId(this.customers.keys()) + 7,
      weddingList: maxId(this.weddingLists.keys()) + 1,
    };
    this.nextOrderId = 38_211;
    const now = this.now().getTime();
    for (let i = 0; i < orderCount; i++) {
      // Spread over the last 20 days, oldest first, so ids grow with dates as in a real store.
      const placed = new Date(now - Math.round(((orderCount - i) / Math.max(1, orderCount)) * 20 * 86_400_000) + randInt(this.random, 0, 3_600_000));
      this.generateOrder(placed, true);
    }
  }

  private statusOf(id: number): TrayStatus {
    const s = STORE_STATUSES.find((x) => x.id_status === id);
    if (!s) throw invalid('id_status');
    return s;
  }

  private trackingCode(): string {
    const eight = String(randInt(this.random, 10_000_000, 99_999_999));
    return `${pick(this.random, ['AA', 'QB', 'OY', 'PM'])}${eight}${s10CheckDigit(eight)}BR`;
  }

  /** One shopper order; seeded ones get a spread of statuses, new ones await payment. */
  private generateOrder(placed: Date, seeded: boolean, lines?: SoldLine[]): StoreOrder {
    const r = this.random;
    const id = this.nextOrderId;
    this.nextOrderId += randInt(r, 1, 4); // gaps: ids of abandoned checkouts
    const customers = [...this.customers.values()];
    const customer = pick(r, customers).customer;
    const sold = lines ?? this.randomLines();
    const items: TrayOrderItem[] = sold.map(({ product: p, variant: v, quantity }) => {
      // A variation has its own price in the store (Ponte sends the product's where the ERP has none).
      const priced = v ?? p;
      const preco = priced.preco_promocional > 0 ? priced.preco_promocional : priced.preco;
      return { id_pedido: id, id_produto: p.id_produto, cod_prod: v ? v.cod_referencia : p.cod_prod, nome_produto: p.nome, quantidade: quantity, preco, peso: p.peso };
    });
    const subtotal = money(items.reduce((s, i) => s + i.preco * i.quantidade, 0));
    const forma_envio = pick(r, SHIPPING);
    const frete = forma_envio === 'Retirada na loja' ? 0 : money(randInt(r, 1500, 6500) / 100);
    const desconto = r() < 0.2 ? money(subtotal * 0.05) : 0;
    const payment = pick(r, PAYMENT_METHODS).nome;
    const total = money(subtotal + frete - desconto);
    let statusId: number = STATUS.awaitingPayment;
    if (seeded) {
      const roll = r();
      statusId =
        roll < 0.25 ? STATUS.awaitingPayment
        : roll < 0.35 ? STATUS.inReview
        : roll < 0.6 ? STATUS.toShip
        : roll < 0.7 ? STATUS.picking
        : roll < 0.85 ? STATUS.shipped
        : roll < 0.95 ? STATUS.delivered
        : STATUS.cancelled;
    }
    const status = this.statusOf(statusId);
    const modifiedAt = new Date(Math.min(this.now().getTime(), placed.getTime() + randInt(r, 0, 48) * 3_600_000));
    const shipped = statusId === STATUS.shipped || statusId === STATUS.delivered;
    const codigo_rastreio = shipped && forma_envio !== 'Retirada na loja' ? this.trackingCode() : '';
    const order: TrayOrder = {
      id_pedido: id,
      numero: String(id),
      data: stamp(placed).slice(0, 10),
      hora: stamp(placed).slice(11),
      data_modificacao: stamp(modifiedAt),
      id_status: status.id_status,
      status: status.status,
      id_cliente: customer.id_cliente,
      subtotal,
      frete,
      desconto,
      total,
      forma_pagamento: payment,
      forma_envio,
      codigo_rastreio,
      data_envio: codigo_rastreio ? stamp(modifiedAt).slice(0, 10) : '',
      url_rastreio: codigo_rastreio ? `https://rastreamento.correios.com.br/app/index.php?objeto=${codigo_rastreio}` : '',
      observacao: r() < 0.15 ? pick(r, ['Entregar após as 14h, por favor.', 'Presente: não enviar nota fiscal na caixa.', 'Portão azul, tocar o interfone 2.']) : '',
    };
    const parts = payment === 'Cartão de crédito' ? randInt(r, 1, 6) : 1;
    const installments: TrayInstallment[] = Array.from({ length: parts }, (_, k) => ({
      id_pedido: id,
      numero_parcela: k + 1,
      // The last installment absorbs the rounding so the parts add up to the total.
      valor: k < parts - 1 ? money(total / parts) : money(total - money(total / parts) * (parts - 1)),
      vencimento: stamp(new Date(placed.getTime() + (k * 30 + (payment === 'Boleto bancário' ? 3 : 0)) * 86_400_000)).slice(0, 10),
      forma_pagamento: payment,
    }));
    // Old orders the ERP already took leave the to-do list; everything recent is still pending.
    const pending = !seeded || this.now().getTime() - modifiedAt.getTime() < 15 * 86_400_000 || status.tipo === 'aberto';
    const variants = sold.some((l) => l.variant) ? sold.map((l) => (l.variant ? { id_variacao: l.variant.id_variacao, cod_prod_produto: l.product.cod_prod } : null)) : undefined;
    const stored: StoreOrder = { order, items, ...(variants && { variants }), installments, delivery: { ...customer }, pending };
    this.orders.set(id, stored);
    return stored;
  }

  // ---- Changes made by shoppers and by the store's own staff (the control API) ----

  /** One to four available products, one to three of each: a shopper's random basket. */
  private randomLines(): SoldLine[] {
    const r = this.random;
    const products = [...this.products.values()].filter((p) => p.disponivel === 'S');
    const chosen = new Map<number, TrayProduct>();
    const count = randInt(r, 1, 4);
    while (chosen.size < count) {
      const p = pick(r, products);
      chosen.set(p.id_produto, p);
    }
    return [...chosen.values()].map((product) => ({ product, quantity: randInt(r, 1, 3) }));
  }

  /**
   * A shopper buys exactly these (a product's or a variant's SKU each): the order enters the
   * to-do list. For tests that need to know what was sold, variants included.
   */
  placeOrderOf(lines: Array<{ sku: string; quantity: number }>): number {
    const sold = lines.map(({ sku, quantity }): SoldLine => {
      const variant = this.variantBySku(sku);
      const product = variant ? this.products.get(variant.id_produto) : this.productBySku(sku);
      if (!product) throw new Error(`emulator: no product or variant with SKU ${sku}`);
      return variant ? { product, variant, quantity } : { product, quantity };
    });
    return this.generateOrder(this.now(), false, sold).order.id_pedido;
  }

  /** Shoppers place n new orders: they enter the to-do list. */
  placeOrders(n: number): number[] {
    return Array.from({ length: n }, () => this.generateOrder(this.now(), false).order.id_pedido);
  }

  /**
   * The store changes an order's status itself (payment confirmed, staff action): the order
   * comes back in the to-do list, and the shopper gets an email.
   */
  storeChangesStatus(id: number, statusId: number): StoreOrder {
    const o = this.orderOrFault(id);
    this.applyStatus(o, statusId);
    o.pending = true;
    return o;
  }

  order(id: number): StoreOrder | undefined {
    return this.orders.get(id);
  }

  private orderOrFault(id: number): StoreOrder {
    const o = this.orders.get(id);
    if (!o) throw orderNotFound();
    return o;
  }

  /**
   * Email model: Tray's help page says an e-mail goes out "a cada alteração de status enviada pelo
   * ERP". The conservative reading is modelled: every status write e-mails the shopper, the status
   * the order already has too, so a client's blind resend shows as a second e-mail.
   */
  private applyStatus(o: StoreOrder, statusId: number): boolean {
    const s = this.statusOf(statusId);
    const changed = o.order.id_status !== s.id_status;
    const at = this.now();
    o.order.id_status = s.id_status;
    o.order.status = s.status;
    if (changed) o.order.data_modificacao = stamp(at);
    this.emails.push({ id_pedido: o.order.id_pedido, id_status: s.id_status, status: s.status, at: at.toISOString() });
    return changed;
  }

  /**
   * Every write call that reached the store, per order (status writes, tracking writes,
   * acknowledgements) and per record a create names (SKU, document, list name): "exactly once"
   * checks count these instead of relying on a key that would hide a second attempt.
   */
  readonly orderWrites = new Map<number, OrderWriteCounts>();
  readonly createAttempts = new Map<string, number>();

  private countOrderWrite(id: number, kind: keyof OrderWriteCounts): void {
    const c = this.orderWrites.get(id) ?? { status: 0, tracking: 0, ack: 0 };
    c[kind] += 1;
    this.orderWrites.set(id, c);
  }

  private countCreate(op: string, key: string): void {
    const k = `${op}:${key}`;
    this.createAttempts.set(k, (this.createAttempts.get(k) ?? 0) + 1);
  }

  /** A JSON-able view of the write counters, for the control API and the invariants. */
  writeCounts(): { orders: Record<string, OrderWriteCounts>; creates: Record<string, number> } {
    return {
      orders: Object.fromEntries([...this.orderWrites].map(([id, c]) => [String(id), { ...c }])),
      creates: Object.fromEntries(this.createAttempts),
    };
  }

  // ---- The SOAP operations ----

  /** Runs one operation with its positional arguments after the three auth parameters. */
  call(op: OperationName, values: readonly string[]): unknown {
    const a = new Args(values, OPERATIONS[op].params.map(([name]) => name));
    const ok = (id = 0): Retorno => ({ status: 'ok', id, mensagem: '' });
    switch (op) {
      case 'fWSImportaPedidos': {
        const w = windowBounds(a);
        const filter = a.str('status_atual');
        return [...this.orders.values()]
          .filter((o) => o.pending && inWindow(o.order.data_modificacao, w))
          .filter((o) => filter === '' || String(o.order.id_status) === filter || o.order.status.toUpperCase() === filter.toUpperCase())
          .map((o) => ({ ...o.order }));
      }
      case 'fWSImportaPedidoPorId':
        return { ...this.orderOrFault(a.int('id_pedido')).order };
      case 'fWSImportaItensPedidoPorId':
        return this.orderOrFault(a.int('id_pedido')).items.map((i) => ({ ...i }));
      case 'fWSImportaParcelasPedidoPorId':
        return this.orderOrFault(a.int('id_pedido')).installments.map((i) => ({ ...i }));
      case 'fWSImportaClientePorPedidoAvancado':
        return [{ ...this.orderOrFault(a.int('id_pedido')).delivery }];
      case 'fWSAtualizaListaToDo': {
        const entity = a.str('entidade').toLowerCase();
        const id = a.int('id');
        if (entity === 'pedidos') this.countOrderWrite(id, 'ack');
        if (entity === 'pedidos') this.orderOrFault(id).pending = false;
        else if (entity === 'clientes') {
          const c = this.customers.get(id);
          if (!c) throw customerNotFound();
          c.pending = false;
        } else throw invalid('entidade');
        return ok(id);
      }
      case 'fWSImportaClientes':
      case 'fWSImportaClientesAvancado': {
        const w = windowBounds(a);
        return [...this.customers.values()].filter((c) => inWindow(c.modified, w)).map((c) => ({ ...c.customer }));
      }
      case 'fWSImportaClientePorId': {
        const c = this.customers.get(a.int('id_cliente'));
        if (!c) throw customerNotFound();
        return { ...c.customer };
      }
      case 'fWSImportaClientePorEmail':
        return this.findCustomer((c) => c.email.toLowerCase() === a.required('email').toLowerCase());
      case 'fWSImportaClientePorCPF':
        return this.findCustomer((c) => c.cnpj_cpf === normalizeDocument(a.required('cpf')));
      case 'fWSImportaClientePorCNPJ':
        return this.findCustomer((c) => c.cnpj_cpf === normalizeDocument(a.required('cnpj')));
      case 'fWSCadastraClienteAvancado': {
        this.countCreate(op, normalizeDocument(a.str('cnpj_cpf')));
        const doc = normalizeDocument(a.required('cnpj_cpf'));
        if (!isValidDocument(doc)) throw invalid('cnpj_cpf');
        const email = a.required('email');
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalid('email');
        const uf = a.str('uf').toUpperCase();
        if (uf !== '' && !/^[A-Z]{2}$/.test(uf)) throw invalid('uf');
        const cep = a.str('cep').replace(/\D/g, '');
        if (a.str('cep') !== '' && cep.length !== 8) throw invalid('cep');
        const id = this.nextIds.customer;
        this.nextIds.customer += 7;
        const customer: TrayCustomer = {
          id_cliente: id,
          cliente: a.required('nome'),
          cnpj_cpf: doc,
          rg_ie: a.str('rg_ie'),
          email,
          telefone: a.str('telefone'),
          logradouro: a.str('logradouro'),
          numero: a.str('numero'),
          complemento: a.str('complemento'),
          bairro: a.str('bairro'),
          cidade: a.str('cidade'),
          uf,
          cep,
        };
        this.customers.set(id, { customer, modified: stamp(this.now()), pending: false, telefone_adicional: '' });
        return ok(id);
      }
      case 'fWSCadastraContatosCliente': {
        const id = a.int('id_cliente');
        const c = this.customers.get(id);
        if (!c) throw customerNotFound();
        c.customer.telefone = a.required('telefone');
        c.telefone_adicional = a.str('telefone_adicional');
        c.modified = stamp(this.now());
        return ok(id);
      }
      case 'fWSCadastraProduto': {
        this.countCreate(op, a.str('cod_prod'));
        const record = this.productRecord(a, 0);
        if (this.skuTaken(record.cod_prod)) throw invalid('cod_prod');
        const id = this.nextIds.product;
        this.nextIds.product += 3;
        this.products.set(id, { ...record, id_produto: id });
        this.productCharacteristics.set(id, {});
        return ok(id);
      }
      case 'fWSAtualizaProduto': {
        const id = a.int('id_produto');
        if (!this.products.has(id)) throw productNotFound();
        const record = this.productRecord(a, id);
        if ([...this.products.values()].some((p) => p.cod_prod === record.cod_prod && p.id_produto !== id) || [...this.variants.values()].some((v) => v.cod_referencia === record.cod_prod)) throw invalid('cod_prod');
        this.products.set(id, record);
        return ok(id);
      }
      case 'fWSImportaProdutoPorID':
        return { ...this.productOrFault(a.int('id_produto')) };
      case 'fWSImportaProdutoPorCodReferencia': {
        const p = this.productBySku(a.required('cod_prod'));
        if (!p) throw productNotFound();
        return { ...p };
      }
      case 'fWSAtualizaEstoqueProduto': {
        // is_grade 'S': the id is a variation's, and its own stock changes.
        const p = a.flag('is_grade') === 'S' ? this.variantOrFault(a.int('id_produto')) : this.productOrFault(a.int('id_produto'));
        const stock = a.int('estoque');
        if (stock < 0) throw invalid('estoque');
        p.estoque = stock;
        return ok(a.int('id_produto'));
      }
      case 'fWSAtualizaProdutoDisponivel': {
        const p = a.flag('is_grade') === 'S' ? this.variantOrFault(a.int('id_produto')) : this.productOrFault(a.int('id_produto'));
        p.disponivel = a.flag('disponivel');
        return ok(a.int('id_produto'));
      }
      case 'fWSImportaVariacaoPorCodReferencia': {
        const v = this.variantBySku(a.required('cod_referencia'));
        if (!v) throw variantNotFound();
        return { ...v };
      }
      case 'fWSCadastraVariacao': {
        this.countCreate(op, a.str('cod_referencia'));
        const productId = a.int('id_produto');
        if (!this.products.has(productId)) throw productNotFound();
        const record = this.variantRecord(a, 0, productId);
        if (this.skuTaken(record.cod_referencia)) throw invalid('cod_referencia');
        this.nextIds.variant += 1;
        const id = 900_000 + this.nextIds.variant;
        this.variants.set(id, { ...record, id_variacao: id });
        return ok(id);
      }
      case 'fWSAtualizaVariacao': {
        const id = a.int('id_variacao');
        const current = this.variantOrFault(id);
        const record = this.variantRecord(a, id, current.id_produto);
        if (this.skuTaken(record.cod_referencia, id)) throw invalid('cod_referencia');
        this.variants.set(id, record);
        return ok(id);
      }
      case 'fWSFormasPagamentosDisponiveis':
        return PAYMENT_METHODS.map((p) => ({ ...p }));
      case 'fWSImportaCategorias':
        return [...this.categories.values()].map((c) => ({ ...c }));
      case 'fWSCadastraCategoria': {
        const id = this.nextIds.category++;
        this.categories.set(id, this.categoryRecord(a, id));
        return ok(id);
      }
      case 'fWSAtualizaCategoria': {
        const id = a.int('id_categoria');
        if (!this.categories.has(id)) throw new EmulatorFault('SOAP-ENV:Client', 'Categoria não encontrada');
        const record = this.categoryRecord(a, id);
        if (record.id_categoria_pai === id) throw invalid('id_categoria_pai');
        this.categories.set(id, record);
        return ok(id);
      }
      case 'fWSImportaMarcas':
        return [...this.brands].map(([id_marca, nome]) => ({ id_marca, nome }));
      case 'fWSCadastraMarca': {
        const id = this.nextIds.brand++;
        this.brands.set(id, a.required('nome'));
        return ok(id);
      }
      case 'fWSImportaCaracteristicas':
        return [...this.characteristics].map(([id_caracteristica, nome]) => ({ id_caracteristica, nome }));
      case 'fWSCadastraCaracteristica': {
        const id = this.nextIds.characteristic++;
        this.characteristics.set(id, a.required('nome'));
        return ok(id);
      }
      case 'fWSCadastraCaracteristicaProduto': {
        const p = this.productOrFault(a.int('id_produto'));
        const ch = a.int('id_caracteristica');
        if (!this.characteristics.has(ch)) throw invalid('id_caracteristica');
        const values = this.productCharacteristics.get(p.id_produto) ?? {};
        values[ch] = a.required('valor');
        this.productCharacteristics.set(p.id_produto, values);
        return ok(p.id_produto);
      }
      case 'fWSImportaListasCasamento':
        return [...this.weddingLists.values()].map((w) => ({ id_lista: w.id, nome_lista: w.nome_lista, nome_noivos: w.nome_noivos, data_evento: w.data_evento, email: w.email }));
      case 'fWSCadastraListaCasamento': {
        this.countCreate(op, a.str('nome_lista'));
        const data = a.required('data_evento');
        if (!DATE.test(data)) throw invalid('data_evento');
        const email = a.required('email');
        if (!email.includes('@')) throw invalid('email');
        const id = this.nextIds.weddingList++;
        this.weddingLists.set(id, { id, nome_lista: a.required('nome_lista'), nome_noivos: a.required('nome_noivos'), data_evento: data, email, items: [] });
        return ok(id);
      }
      case 'fWSCadastraProdutoListaCasamento': {
        const list = this.weddingLists.get(a.int('id_lista'));
        if (!list) throw new EmulatorFault('SOAP-ENV:Client', 'Lista de casamento não encontrada');
        const p = this.productOrFault(a.int('id_produto'));
        const qty = a.int('quantidade');
        if (qty <= 0) throw invalid('quantidade');
        const existing = list.items.find((i) => i.id_produto === p.id_produto);
        if (existing) existing.quantidade = qty;
        else list.items.push({ id_produto: p.id_produto, quantidade: qty });
        return ok(list.id);
      }
      case 'fWSImportaStatusPedido':
        return STORE_STATUSES.map((s) => ({ ...s }));
      case 'fWSAtualizaStatusPedido': {
        this.countOrderWrite(a.int('id_pedido'), 'status');
        const o = this.orderOrFault(a.int('id_pedido'));
        // A change made by the ERP itself does not put the order back in the to-do list: the
        // ERP already knows, and re-listing it would make every sync loop forever.
        this.applyStatus(o, a.int('id_status'));
        return ok(o.order.id_pedido);
      }
      case 'fWSAtualizaRastreioPedido': {
        this.countOrderWrite(a.int('id_pedido'), 'tracking');
        const o = this.orderOrFault(a.int('id_pedido'));
        const code = a.required('codigo_rastreio');
        const date = a.str('data_envio');
        if (date !== '' && !DATE.test(date)) throw invalid('data_envio');
        const url = a.str('url_rastreio');
        if (url !== '' && !/^https?:\/\//.test(url)) throw invalid('url_rastreio');
        o.order.codigo_rastreio = code;
        o.order.data_envio = date;
        o.order.url_rastreio = url;
        o.order.data_modificacao = stamp(this.now());
        return ok(o.order.id_pedido);
      }
      default: {
        // Compile-time check that every catalogue operation has an answer here.
        const missing: never = op;
        throw new EmulatorFault('SOAP-ENV:Server', `Operação não implementada: ${String(missing)}`);
      }
    }
  }

  private findCustomer(match: (c: TrayCustomer) => boolean): TrayCustomer {
    const c = [...this.customers.values()].find((x) => match(x.customer));
    if (!c) throw customerNotFound();
    return { ...c.customer };
  }

  private productOrFault(id: number): TrayProduct {
    const p = this.products.get(id);
    if (!p) throw productNotFound();
    return p;
  }

  private variantOrFault(id: number): TrayVariant {
    const v = this.variants.get(id);
    if (!v) throw variantNotFound();
    return v;
  }

  private productBySku(sku: string): TrayProduct | undefined {
    return [...this.products.values()].find((p) => p.cod_prod === sku);
  }

  private variantBySku(sku: string): TrayVariant | undefined {
    return [...this.variants.values()].find((v) => v.cod_referencia === sku);
  }

  /** A reference (SKU) names one record of the store: a product or a variation, never both. */
  private skuTaken(sku: string, variantId?: number): boolean {
    return [...this.products.values()].some((p) => p.cod_prod === sku) || [...this.variants.values()].some((v) => v.cod_referencia === sku && v.id_variacao !== variantId);
  }

  private variantRecord(a: Args, id: number, productId: number): TrayVariant {
    const preco = a.decimal('preco');
    if (preco <= 0) throw invalid('preco');
    const promo = a.decimal('preco_promocional', { emptyAs: 0 });
    if (promo < 0 || (promo > 0 && promo >= preco)) throw invalid('preco_promocional');
    const estoque = a.int('estoque');
    if (estoque < 0) throw invalid('estoque');
    const tipo_2 = a.str('tipo_2');
    const valor_2 = a.str('valor_2');
    // Two axes at most, each a type with its value.
    if ((tipo_2 === '') !== (valor_2 === '')) throw invalid(tipo_2 === '' ? 'tipo_2' : 'valor_2');
    return {
      id_variacao: id,
      id_produto: productId,
      cod_referencia: a.required('cod_referencia'),
      preco,
      preco_promocional: promo,
      estoque,
      disponivel: a.flag('disponivel'),
      tipo_1: a.required('tipo_1'),
      valor_1: a.required('valor_1'),
      tipo_2,
      valor_2,
    };
  }

  private productRecord(a: Args, id: number): TrayProduct {
    const preco = a.decimal('preco');
    if (preco <= 0) throw invalid('preco');
    const promo = a.decimal('preco_promocional', { emptyAs: 0 });
    if (promo < 0 || (promo > 0 && promo >= preco)) throw invalid('preco_promocional');
    const estoque = a.int('estoque', { emptyAs: 0 });
    if (estoque < 0) throw invalid('estoque');
    const id_categoria = a.int('id_categoria', { emptyAs: 0 });
    if (id_categoria !== 0 && !this.categories.has(id_categoria)) throw invalid('id_categoria');
    const id_marca = a.int('id_marca', { emptyAs: 0 });
    if (id_marca !== 0 && !this.brands.has(id_marca)) throw invalid('id_marca');
    const dim = (name: string) => {
      const v = a.decimal(name, { emptyAs: 0 });
      if (v < 0) throw invalid(name);
      return v;
    };
    return {
      id_produto: id,
      cod_prod: a.required('cod_prod'),
      nome: a.required('nome'),
      descricao: a.str('descricao'),
      preco,
      preco_promocional: promo,
      estoque,
      disponivel: a.str('disponivel') === '' ? 'S' : a.flag('disponivel'),
      peso: dim('peso'),
      altura: dim('altura'),
      largura: dim('largura'),
      comprimento: dim('comprimento'),
      id_categoria,
      id_marca,
    };
  }

  private categoryRecord(a: Args, id: number): TrayCategory {
    const parent = a.int('id_categoria_pai', { emptyAs: 0 });
    if (parent !== 0 && !this.categories.has(parent)) throw invalid('id_categoria_pai');
    return { id_categoria: id, nome: a.required('nome'), id_categoria_pai: parent, ordem: a.int('ordem', { emptyAs: 0 }), descricao: a.str('descricao') };
  }

  /** A JSON-able snapshot, for determinism checks and support. */
  snapshot(): unknown {
    return {
      products: [...this.products.values()],
      variants: [...this.variants.values()],
      categories: [...this.categories.values()],
      customers: [...this.customers.values()],
      orders: [...this.orders.values()],
      weddingLists: [...this.weddingLists.values()],
      emails: this.emails,
    };
  }
}
