/**
 * The store port over Tray's REST API. Each method names its priority class in the daily budget:
 * status and tracking (and the statuses list) first, then orders, then the catalogue.
 *
 * Orders: REST has no to-do list. Changed orders are listed by `modified` date (the window as one
 * range when its changes fit a page, day by day otherwise; the exact times are filtered here), each
 * read whole with `GET /orders/:id/complete`. Acknowledging is either nothing (the caller
 * keeps a modified-time checkpoint with an overlap) or moving the order to a status the merchant
 * picked; Tray may e-mail the shopper for that move, which is why the checkpoint is the default.
 * Wedding lists have no REST endpoint: the feature is unavailable with the reason.
 */
import { z } from 'zod';
import { documentKind, normalizeDocument } from '../../../shared/br/documents.ts';
import type {
  Brand,
  Category,
  CategoryInput,
  Characteristic,
  Customer,
  CustomerInput,
  CustomerLookup,
  Order,
  OrderHeader,
  OrderStatus,
  Product,
  ProductInput,
  ProductRef,
  Tracking,
  Variant,
  VariantInput,
  WeddingList,
} from '../store-port/domain.ts';
import { STORE_FEATURES, type AcknowledgementMode, type OrderPushState, type OrderWindow, type StoreCapabilities, type StorePort } from '../store-port/port.ts';
import type { RestClient } from './client.ts';
import { IncompleteListingError } from '../store-port/listing.ts';
import { trayErrorKind } from '../sync/ports.ts';
import { BudgetExhaustedError, RestMalformedError, RestUnsupportedError, isRestNotFound } from './errors.ts';
import {
  mapRestBrand,
  mapRestCategory,
  mapRestCustomer,
  mapRestHeader,
  mapRestOrder,
  mapRestProduct,
  mapRestVariant,
  toRestVariant,
  mapRestProperty,
  mapRestStatus,
  toRestCategory,
  toRestCustomer,
  toRestProduct,
} from './map.ts';
import { t } from './messages.ts';
import * as s from './schemas.ts';

export type RestAcknowledgement = { mode: 'checkpoint' } | { mode: 'status'; statusId: number };

export interface RestAdapterOptions {
  client: RestClient;
  acknowledgement?: RestAcknowledgement;
}

const created = z.object({ message: s.optText, id: s.int, code: s.int.optional() });

/** Every local day (YYYY-MM-DD) a window touches, oldest first. */
export const windowDays = (window: OrderWindow): string[] => {
  const from = window.from.slice(0, 10);
  const to = window.to.slice(0, 10);
  const days: string[] = [];
  const d = new Date(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  for (let guard = 0; guard < 400; guard++) {
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    if (day > to) break;
    days.push(day);
    d.setDate(d.getDate() + 1);
  }
  return days;
};

/** Oldest change first (then by id): the order the pull commits them in. */
const sortedHeaders = (byId: Map<number, OrderHeader>): OrderHeader[] =>
  [...byId.values()].sort((a, b) => (a.modifiedAt < b.modifiedAt ? -1 : a.modifiedAt > b.modifiedAt ? 1 : a.id - b.id));

export class RestStoreAdapter implements StorePort {
  readonly transport = 'rest';
  readonly acknowledgement: AcknowledgementMode;
  readonly acknowledgementStatusId: number | null;
  private readonly client: RestClient;
  private readonly ack: RestAcknowledgement;

  constructor(options: RestAdapterOptions) {
    this.client = options.client;
    this.ack = options.acknowledgement ?? { mode: 'checkpoint' };
    this.acknowledgement = this.ack.mode;
    this.acknowledgementStatusId = this.ack.mode === 'status' ? this.ack.statusId : null;
  }

  async capabilities(): Promise<StoreCapabilities> {
    const out = {} as StoreCapabilities;
    for (const f of STORE_FEATURES) out[f] = { available: true, reason: null };
    out.weddingLists = { available: false, reason: t('feature.weddingLists') };
    return out;
  }

  // ---- Orders ----

  /**
   * The window as one `modified` range first (`a,b`, whole days, filtered to the window's times
   * here): one call whenever the changes fit one page, which is every pull after the first on a
   * store of ordinary size. A window with more (a first pull, a PC off for days) is listed day by
   * day instead, oldest first, each day paged by 50: a day whose pages fail for good is skipped,
   * the days after it still listed, and the listing ends in an IncompleteListingError carrying the
   * orders read and the start of the first day missing. A long window read as one paged range
   * would be all-or-nothing (a page failing late throws away the window), and its pages are by id,
   * not by time, so no part of it could vouch for a checkpoint.
   */
  async listChangedOrders(window: OrderWindow): Promise<OrderHeader[]> {
    const days = windowDays(window);
    const byId = new Map<number, OrderHeader>();
    const keep = (list: Array<z.output<typeof s.orderHeader>>) => {
      for (const h of list) {
        const header = mapRestHeader(h);
        if (header.modifiedAt >= window.from && header.modifiedAt <= window.to) byId.set(header.id, header);
      }
    };
    const spec = (modified: string, what: string) => ({ path: '/orders', query: { modified }, listKey: 'Orders', itemName: 'Order', item: s.orderHeader, priority: 'orders' as const, what });
    const first = days[0] ?? window.from.slice(0, 10);
    const last = days.at(-1) ?? first;
    const range = first === last ? first : `${first},${last}`;
    const probe = await this.client.listPage(spec(range, first === last ? `lista de pedidos alterados em ${first}` : `lista de pedidos alterados de ${first} a ${last}`), 1);
    if (this.client.isLastPage(1, probe.items.length, probe.items.length, probe.total)) {
      keep(probe.items);
      return sortedHeaders(byId);
    }
    if (first === last) {
      // One day: its own later pages (the probe was its first); a page failing keeps what was read.
      keep(probe.items);
      let read = probe.items.length;
      for (let page = 2; ; page++) {
        let next: { items: Array<z.output<typeof s.orderHeader>>; total: number };
        try {
          next = await this.client.listPage(spec(range, `lista de pedidos alterados em ${first}`), page);
        } catch (error) {
          if (trayErrorKind(error) === 'auth') throw error;
          throw new IncompleteListingError(sortedHeaders(byId), window.from, error);
        }
        keep(next.items);
        read += next.items.length;
        if (this.client.isLastPage(page, read, next.items.length, next.total)) return sortedHeaders(byId);
      }
    }
    let missingFrom: string | null = null;
    let cause: unknown = null;
    for (const day of days) {
      try {
        keep(await this.client.listAll(spec(day, `lista de pedidos alterados em ${day}`)));
      } catch (error) {
        // Every further call would be refused the same way: the whole pull stops on these.
        if (trayErrorKind(error) === 'auth') throw error;
        missingFrom ??= `${day}T00:00:00` > window.from ? `${day}T00:00:00` : window.from;
        cause ??= error;
        // Out of today's calls: the later days would be refused unsent; they wait with this one.
        if (error instanceof BudgetExhaustedError) break;
      }
    }
    const orders = sortedHeaders(byId);
    if (missingFrom !== null) throw new IncompleteListingError(orders, missingFrom, cause);
    return orders;
  }

  async readOrder(id: number, options: { forPush?: boolean } = {}): Promise<Order> {
    const priority = options.forPush ? 'status' : 'orders';
    const answer = await this.client.request({ method: 'GET', path: `/orders/${id}/complete`, priority, what: `pedido ${id}`, schema: z.object({ Order: s.completeOrder }) });
    if (answer.Order.id !== id) throw new RestMalformedError(`pedido ${id}`, `a loja respondeu o pedido ${answer.Order.id}`, 'Order.id');
    return mapRestOrder(answer.Order);
  }

  async readPushState(id: number): Promise<OrderPushState> {
    const order = await this.readOrder(id, { forPush: true });
    return { status: order.status, trackingCode: order.tracking?.code ?? '' };
  }

  async acknowledgeOrder(id: number): Promise<void> {
    if (this.ack.mode === 'checkpoint') return;
    await this.client.request({ method: 'PUT', path: `/orders/${id}`, body: { Order: { status_id: this.ack.statusId } }, priority: 'orders', what: `confirmação do pedido ${id}`, schema: s.writeAnswer });
  }

  async listStatuses(): Promise<OrderStatus[]> {
    const list = await this.client.listAll({ path: '/orders/statuses', listKey: 'OrderStatuses', itemName: 'OrderStatus', item: s.orderStatus, priority: 'status', what: 'status de pedido da loja' });
    return list.map(mapRestStatus);
  }

  async setOrderStatus(orderId: number, statusId: number): Promise<void> {
    await this.client.request({ method: 'PUT', path: `/orders/${orderId}`, body: { Order: { status_id: statusId } }, priority: 'status', what: `status do pedido ${orderId}`, schema: s.writeAnswer });
  }

  async setTracking(orderId: number, tracking: Tracking): Promise<void> {
    const body = { Order: { sending_code: tracking.code, sending_date: tracking.shippedAt ?? '', tracking_url: tracking.url ?? '' } };
    await this.client.request({ method: 'PUT', path: `/orders/${orderId}`, body, priority: 'status', what: `rastreio do pedido ${orderId}`, schema: s.writeAnswer });
  }

  // ---- Catalogue ----

  async findProductBySku(sku: string): Promise<Product | null> {
    const list = await this.client.listAll({ path: '/products', query: { reference: sku }, listKey: 'Products', itemName: 'Product', item: s.product, priority: 'catalog', what: `produto ${sku}` });
    const found = list.find((p) => p.reference === sku);
    return found ? mapRestProduct(found) : null;
  }

  async createProduct(product: ProductInput): Promise<number> {
    const answer = await this.client.request({ method: 'POST', path: '/products', body: { Product: toRestProduct(product) }, priority: 'catalog', what: `cadastro do produto ${product.sku}`, schema: created });
    return answer.id;
  }

  async updateProduct(id: number, product: ProductInput): Promise<void> {
    await this.client.request({ method: 'PUT', path: `/products/${id}`, body: { Product: toRestProduct(product) }, priority: 'catalog', what: `produto ${product.sku}`, schema: s.writeAnswer });
  }

  async findVariantBySku(sku: string): Promise<Variant | null> {
    const list = await this.client.listAll({ path: '/products/variants', query: { reference: sku }, listKey: 'Variants', itemName: 'Variant', item: s.variant, priority: 'catalog', what: `variação ${sku}` });
    const found = list.find((v) => v.reference === sku);
    return found ? mapRestVariant(found) : null;
  }

  async createVariant(variant: VariantInput): Promise<number> {
    const answer = await this.client.request({ method: 'POST', path: '/products/variants', body: { Variant: toRestVariant(variant) }, priority: 'catalog', what: `cadastro da variação ${variant.sku}`, schema: created });
    return answer.id;
  }

  async updateVariant(id: number, variant: VariantInput): Promise<void> {
    await this.client.request({ method: 'PUT', path: `/products/variants/${id}`, body: { Variant: toRestVariant(variant) }, priority: 'catalog', what: `variação ${variant.sku}`, schema: s.writeAnswer });
  }

  async setStock(ref: ProductRef, stock: number): Promise<void> {
    const variant = ref.variantId ?? null;
    await this.client.request(
      variant === null
        ? { method: 'PUT', path: `/products/${ref.productId}`, body: { Product: { stock } }, priority: 'catalog', what: `estoque do produto ${ref.productId}`, schema: s.writeAnswer }
        : { method: 'PUT', path: `/products/variants/${variant}`, body: { Variant: { stock } }, priority: 'catalog', what: `estoque da variação ${variant}`, schema: s.writeAnswer },
    );
  }

  async setAvailability(ref: ProductRef, available: boolean): Promise<void> {
    const variant = ref.variantId ?? null;
    const flag = available ? 1 : 0;
    await this.client.request(
      variant === null
        ? { method: 'PUT', path: `/products/${ref.productId}`, body: { Product: { available: flag } }, priority: 'catalog', what: `disponibilidade do produto ${ref.productId}`, schema: s.writeAnswer }
        : { method: 'PUT', path: `/products/variants/${variant}`, body: { Variant: { available: flag } }, priority: 'catalog', what: `disponibilidade da variação ${variant}`, schema: s.writeAnswer },
    );
  }

  async listCategories(): Promise<Category[]> {
    const list = await this.client.listAll({ path: '/categories', listKey: 'Categories', itemName: 'Category', item: s.category, priority: 'catalog', what: 'categorias' });
    return list.map(mapRestCategory);
  }

  async createCategory(category: CategoryInput): Promise<number> {
    const answer = await this.client.request({ method: 'POST', path: '/categories', body: { Category: toRestCategory(category) }, priority: 'catalog', what: `cadastro da categoria ${category.name}`, schema: created });
    return answer.id;
  }

  async updateCategory(id: number, category: CategoryInput): Promise<void> {
    await this.client.request({ method: 'PUT', path: `/categories/${id}`, body: { Category: toRestCategory(category) }, priority: 'catalog', what: `categoria ${category.name}`, schema: s.writeAnswer });
  }

  async listBrands(): Promise<Brand[]> {
    const list = await this.client.listAll({ path: '/products/brands', listKey: 'Brands', itemName: 'Brand', item: s.brand, priority: 'catalog', what: 'marcas' });
    return list.map(mapRestBrand);
  }

  async createBrand(name: string): Promise<number> {
    const answer = await this.client.request({ method: 'POST', path: '/products/brands', body: { Brand: { brand: name } }, priority: 'catalog', what: `cadastro da marca ${name}`, schema: created });
    return answer.id;
  }

  async listCharacteristics(): Promise<Characteristic[]> {
    const list = await this.client.listAll({ path: '/properties', listKey: 'Properties', itemName: 'Property', item: s.property, priority: 'catalog', what: 'características' });
    return list.map(mapRestProperty);
  }

  async createCharacteristic(name: string): Promise<number> {
    const answer = await this.client.request({ method: 'POST', path: '/properties', body: { Property: { name } }, priority: 'catalog', what: `cadastro da característica ${name}`, schema: created });
    return answer.id;
  }

  /** [modelled] `POST /products/:id/properties` with `{ProductProperty: {property_id, value}}`. */
  async setProductCharacteristic(productId: number, characteristicId: number, value: string): Promise<void> {
    await this.client.request({
      method: 'POST',
      path: `/products/${productId}/properties`,
      body: { ProductProperty: { property_id: characteristicId, value } },
      priority: 'catalog',
      what: `característica ${characteristicId} do produto ${productId}`,
      schema: s.writeAnswer,
    });
  }

  // ---- Customers and wedding lists ----

  async findCustomer(lookup: CustomerLookup): Promise<Customer | null> {
    // normalizeDocument keeps letters: an alphanumeric CNPJ is 14 characters, not its digits alone.
    const doc = normalizeDocument(lookup.document ?? '');
    const kind = documentKind(doc);
    const query = lookup.email ? { email: lookup.email } : kind ? { [kind]: doc } : null;
    if (!query) return null;
    try {
      const list = await this.client.listAll({ path: '/customers', query, listKey: 'Customers', itemName: 'Customer', item: s.customer, priority: 'catalog', what: `cliente ${lookup.email ?? doc}` });
      const found = list.map(mapRestCustomer).find((c) => (lookup.email ? c.email.toLowerCase() === lookup.email.toLowerCase() : c.document === doc));
      return found ?? null;
    } catch (error) {
      if (isRestNotFound(error)) return null;
      throw error;
    }
  }

  async createCustomer(customer: CustomerInput): Promise<number> {
    const answer = await this.client.request({ method: 'POST', path: '/customers', body: { Customer: toRestCustomer(customer) }, priority: 'catalog', what: `cadastro do cliente ${customer.email}`, schema: created });
    return answer.id;
  }

  /** `PUT /customers/:id` with the phone alone: the one change SOAP makes to a known customer too. */
  async setCustomerPhone(customerId: number, phone: string): Promise<void> {
    await this.client.request({ method: 'PUT', path: `/customers/${customerId}`, body: { Customer: { phone } }, priority: 'catalog', what: `telefone do cliente ${customerId}`, schema: s.writeAnswer });
  }

  async listWeddingLists(): Promise<WeddingList[]> {
    throw new RestUnsupportedError('Lista de casamento', t('feature.weddingLists'), 'weddingLists');
  }

  async createWeddingList(): Promise<number> {
    throw new RestUnsupportedError('Lista de casamento', t('feature.weddingLists'), 'weddingLists');
  }

  async addToWeddingList(): Promise<void> {
    throw new RestUnsupportedError('Lista de casamento', t('feature.weddingLists'), 'weddingLists');
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
