/**
 * The store port: everything the jobs need from a Tray store, in Ponte's own terms. Two adapters
 * implement it: the SOAP WebService v2 (`./soap-adapter.ts`) and the REST web_api (`../rest/`). The
 * jobs use nothing else: the order pull, the status, tracking and stock pushes, the catalogue push.
 *
 * Contract every adapter keeps:
 * - Errors carry the stable `kind` read by `trayErrorKind` ('auth' | 'rejected' | 'transient' |
 *   'malformed' | 'outcome_unknown' | 'unsupported'), with a pt-BR message naming the record.
 * - A write whose answer was lost is an `outcome_unknown` error, never retried blindly: Tray emails
 *   the shopper on every status change, so the caller reads the order back before sending again.
 * - A required field missing from an answer is a `malformed` error naming the record and the
 *   field; nothing is defaulted silently to 0 or ''.
 * - A feature the store (or the transport) cannot offer is unavailable with a pt-BR reason in
 *   `capabilities()`, and its methods fail with an `unsupported` error.
 */
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
  WeddingListInput,
} from './domain.ts';

export type Transport = 'soap' | 'rest';

export const STORE_FEATURES = [
  'orders',
  'orderStatus',
  'tracking',
  'products',
  'variants',
  'stock',
  'categories',
  'brands',
  'characteristics',
  'customers',
  'weddingLists',
] as const;
export type StoreFeature = (typeof STORE_FEATURES)[number];

export interface FeatureAvailability {
  available: boolean;
  /** pt-BR, for the merchant; null when available. */
  reason: string | null;
}

export type StoreCapabilities = Record<StoreFeature, FeatureAvailability>;

/**
 * How an order, once held by Ponte, stops coming back:
 * - 'todoList': SOAP's to-do list (`fWSAtualizaListaToDo`).
 * - 'status': REST, moving the order to a status the merchant picked (e.g. "SINCRONIZADO");
 *   Tray may e-mail the shopper for that change too.
 * - 'checkpoint': REST, nothing is written to the store; the caller keeps a modified-time
 *   checkpoint and re-reads an overlap (upserts make the re-read a no-op).
 */
export type AcknowledgementMode = 'todoList' | 'status' | 'checkpoint';

/** A window on the store's local clock: `from` and `to` are `YYYY-MM-DDTHH:MM:SS`, both inclusive. */
export interface OrderWindow {
  from: string;
  to: string;
}

export interface OrderPushState {
  status: { id: number; name: string };
  /** '' when the order has none. */
  trackingCode: string;
}

export interface StorePort {
  readonly transport: Transport;
  readonly acknowledgement: AcknowledgementMode;
  /**
   * In 'status' mode, the status an acknowledged order is moved to; null otherwise. An order found
   * in it is held already: acknowledging it again would be one more write (and e-mail) per pull.
   */
  readonly acknowledgementStatusId: number | null;

  /** Learns what the store offers (SOAP: from its WSDL; REST: from the transport and the token). */
  capabilities(): Promise<StoreCapabilities>;

  // ---- Orders ----
  /** Orders new or changed within the window (SOAP: still in the to-do list; REST: by modified time). */
  listChangedOrders(window: OrderWindow): Promise<OrderHeader[]>;
  /**
   * One order whole: header, items, customer, delivery address, installments. `forPush`: the
   * read-back before a status or tracking push, which REST spends from the status share of the day.
   */
  readOrder(id: number, options?: { forPush?: boolean }): Promise<Order>;
  /**
   * What a push's read-back needs, afresh: the order's status and tracking code. SOAP reads the
   * header alone (one call, not the four of a whole order: every status push reads back, on a store
   * that takes seconds a call); REST spends it from the status share of the day.
   */
  readPushState(id: number): Promise<OrderPushState>;
  /** Tells the store Ponte holds the order (see AcknowledgementMode). Call after the local commit. */
  acknowledgeOrder(id: number): Promise<void>;
  listStatuses(): Promise<OrderStatus[]>;
  /** Tray emails the shopper: after an outcome_unknown error, read the order back before resending. */
  setOrderStatus(orderId: number, statusId: number): Promise<void>;
  setTracking(orderId: number, tracking: Tracking): Promise<void>;

  // ---- Catalogue ----
  findProductBySku(sku: string): Promise<Product | null>;
  createProduct(product: ProductInput): Promise<number>;
  updateProduct(id: number, product: ProductInput): Promise<void>;
  /** A variant by its SKU (Tray's reference), null when the store has none. */
  findVariantBySku(sku: string): Promise<Variant | null>;
  createVariant(variant: VariantInput): Promise<number>;
  updateVariant(id: number, variant: VariantInput): Promise<void>;
  /** A variant's stock and availability go through these with `ref.variantId` set. */
  setStock(ref: ProductRef, stock: number): Promise<void>;
  setAvailability(ref: ProductRef, available: boolean): Promise<void>;
  listCategories(): Promise<Category[]>;
  createCategory(category: CategoryInput): Promise<number>;
  updateCategory(id: number, category: CategoryInput): Promise<void>;
  listBrands(): Promise<Brand[]>;
  createBrand(name: string): Promise<number>;
  listCharacteristics(): Promise<Characteristic[]>;
  createCharacteristic(name: string): Promise<number>;
  setProductCharacteristic(productId: number, characteristicId: number, value: string): Promise<void>;

  // ---- Customers and wedding lists ----
  findCustomer(lookup: CustomerLookup): Promise<Customer | null>;
  createCustomer(customer: CustomerInput): Promise<number>;
  /** The one change to a known customer the jobs make (SOAP's WebService changes only the phones). */
  setCustomerPhone(customerId: number, phone: string): Promise<void>;
  /**
   * The store's wedding lists, to match before creating. Fails with an `unsupported` error where
   * they cannot be searched (a SOAP store whose WSDL lacks the listing; REST, which has no lists).
   */
  listWeddingLists(): Promise<WeddingList[]>;
  createWeddingList(list: WeddingListInput): Promise<number>;
  addToWeddingList(listId: number, productId: number, quantity: number): Promise<void>;

  close(): Promise<void>;
}
