/**
 * Ponte's own words for what lives in a Tray store, independent of how it is reached (SOAP
 * WebService v2 or the REST web_api) and of the UI contract's `OrderDetail`. Both adapters map the
 * store's answers into these types; the jobs (once they move onto the store port) and the ERP
 * export read only these.
 *
 * Dates and times are the store's local time (Brasília, the shop PC's own clock), written
 * `YYYY-MM-DDTHH:MM:SS` without a zone, as Tray stamps them. Money is in reais as a number.
 */

export type StatusKind = 'open' | 'closed' | 'cancelled';

export interface OrderStatus {
  id: number;
  name: string;
  kind: StatusKind;
}

/** What the order listing tells about one order: enough to decide whether to read it whole. */
export interface OrderHeader {
  id: number;
  /** Last change in the store (local time), the checkpoint's unit. */
  modifiedAt: string;
  statusName: string;
  /** Null when the listing names the status only (REST lists carry the name, not always the id). */
  statusId: number | null;
  /**
   * What else the listing tells, when it tells it: SOAP lists each order's whole header, REST's
   * list carries no amounts. The pull compares it with the stored order before reading it whole.
   */
  amounts?: OrderAmounts;
  /** The tracking code the listing shows ('' for none); absent when the listing does not carry one. */
  trackingCode?: string;
}

export interface OrderAmounts {
  subtotal: number;
  shipping: number;
  discount: number;
  total: number;
}

export interface Address {
  recipient: string;
  street: string;
  number: string;
  complement: string;
  district: string;
  city: string;
  /** Two upper-case letters. */
  uf: string;
  /** Eight digits. */
  cep: string;
}

export interface Customer {
  id: number;
  name: string;
  /** CPF or CNPJ, digits only. */
  document: string;
  email: string;
  phone: string;
}

export interface OrderItem {
  productId: number;
  /** Null for a plain product; the variant's id for a product with variants (REST only). */
  variantId: number | null;
  /** Tray's `reference` / `cod_prod`. */
  sku: string;
  name: string;
  quantity: number;
  /** Unit price paid. */
  price: number;
}

export interface Installment {
  number: number;
  amount: number;
  /** YYYY-MM-DD */
  dueDate: string;
  method: string;
}

export interface Tracking {
  code: string;
  /** YYYY-MM-DD, or null when the store has a code without a date. */
  shippedAt: string | null;
  url: string | null;
}

export interface Order {
  id: number;
  /** The number the shopper sees (SOAP `numero`; REST has only the id). */
  number: string;
  placedAt: string;
  modifiedAt: string;
  status: { id: number; name: string };
  subtotal: number;
  shipping: number;
  discount: number;
  total: number;
  paymentMethod: string;
  shippingMethod: string;
  notes: string;
  tracking: Tracking | null;
  items: OrderItem[];
  customer: Customer;
  deliveryAddress: Address;
  /** How many installments the shopper chose. */
  installmentCount: number;
  /**
   * The installments one by one, or null where the transport does not tell them: REST's complete
   * order carries the count only, and Ponte does not make up amounts or due dates.
   */
  installments: Installment[] | null;
}

export interface ProductRef {
  productId: number;
  /** Set for a variant (SOAP `is_grade = 'S'`, REST `/products/variants/:id`). */
  variantId?: number | null;
}

export interface Product {
  id: number;
  sku: string;
  name: string;
  description: string;
  price: number;
  /** Null when there is no promotion. */
  promotionalPrice: number | null;
  stock: number;
  available: boolean;
  weight: number;
  height: number;
  width: number;
  length: number;
  /** Null when the product has no category / brand. */
  categoryId: number | null;
  brandId: number | null;
}

export type ProductInput = Omit<Product, 'id'>;

/** One axis of a variant, e.g. { type: 'Cor', value: 'Azul' }. Tray keeps two (type_1/value_1, type_2/value_2). */
export interface VariantOption {
  type: string;
  value: string;
}

/** A variation of a product (Tray's "variação" / REST Variant): its own SKU, price, stock and availability. */
export interface Variant {
  id: number;
  /** The store id of the product it belongs to. */
  productId: number;
  sku: string;
  price: number;
  /** Null when there is no promotion. */
  promotionalPrice: number | null;
  stock: number;
  available: boolean;
  /** One or two options, in order. */
  options: VariantOption[];
}

export type VariantInput = Omit<Variant, 'id'>;

export interface Category {
  id: number;
  name: string;
  /** Null for a top-level category. */
  parentId: number | null;
  order: number;
  description: string;
}

export type CategoryInput = Omit<Category, 'id'>;

export interface Brand {
  id: number;
  name: string;
}

/** Tray's "características" (REST calls them properties). */
export interface Characteristic {
  id: number;
  name: string;
}

export interface CustomerInput {
  name: string;
  document: string;
  stateRegistration: string;
  email: string;
  phone: string;
  address: Omit<Address, 'recipient'>;
}

export interface CustomerLookup {
  email?: string;
  /** CPF (11 digits) or CNPJ (14 digits). */
  document?: string;
}

/** A wedding list as the store holds it (SOAP only: REST has no wedding-list endpoint). */
export interface WeddingList {
  id: number;
  name: string;
  couple: string;
  /** YYYY-MM-DD */
  eventDate: string;
  email: string;
}

export type WeddingListInput = Omit<WeddingList, 'id'>;
