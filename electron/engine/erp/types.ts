/**
 * The ERP connector interface the sync engine calls (see the issue "ERP connectors"). Two kinds
 * implement it: a spreadsheet (an .xlsx workbook or a folder of .csv files) and an SQL database
 * reached through a mapping file. Every row that cannot be used becomes an `ErpProblem` with a
 * pt-BR message naming where it is and why; the valid rows are still returned.
 */
import type { LocalStatus } from '../../../shared/api/contract.ts';
import type { KeptOrder } from '../store/orders.ts';

export type { KeptOrder, LocalStatus };

export interface ErpProblem {
  /** Entity name as printed by the check command: produtos, categorias, marcas, ... */
  entity: string;
  /** File name (basename) the problem is in: loja.xlsx, produtos.csv, mapeamento.json. */
  file: string;
  /** Sheet (workbook) or query name (SQL); null for CSV files. */
  sheet: string | null;
  /** Row number as the merchant sees it (the header is row 1); null when the problem is not a row. */
  row: number | null;
  /** Column header as written in the file (or the expected column when it is missing). */
  column: string | null;
  /** pt-BR sentence including the location, e.g. "Produtos, linha 14, coluna Preço: '12,3,4' não é um valor". */
  message: string;
  /** The same sentence without the location ("'12,3,4' não é um valor"), for a table that shows the place apart. */
  reason?: string;
  /** The row's record as written in its key cell (SKU, code, name, CPF/CNPJ), when the row has one. */
  record?: string;
}

export interface ErpRead<T> {
  rows: T[];
  problems: ErpProblem[];
}

export interface ErpCategory {
  key: string;
  name: string;
  parentKey: string | null;
  order: number;
  description: string;
}
export interface ErpBrand {
  name: string;
}
export interface ErpCharacteristic {
  name: string;
}
export interface ErpProduct {
  sku: string;
  name: string;
  description: string;
  price: number;
  promoPrice: number | null;
  stock: number;
  available: boolean;
  weight: number;
  height: number;
  width: number;
  length: number;
  categoryKey: string | null;
  brand: string | null;
  characteristics: Record<string, string>;
}
/** A variation of a product (size, colour…), sold under its own SKU. */
export interface ErpVariant {
  sku: string;
  /** The SKU of the product it is a variation of (a row of Produtos). */
  productSku: string;
  /** One or two axes, in order, e.g. [{ type: 'Cor', value: 'Azul' }, { type: 'Tamanho', value: 'M' }]. */
  options: Array<{ type: string; value: string }>;
  /** Null when the variant sells at its product's price (the column left empty). */
  price: number | null;
  promoPrice: number | null;
  stock: number;
  available: boolean;
}
export interface ErpCustomer {
  /** CPF/CNPJ normalised: digits (and letters for alphanumeric CNPJs) only, upper case. */
  document: string;
  name: string;
  email: string;
  phone: string;
  rgIe: string;
  street: string;
  number: string;
  complement: string;
  district: string;
  city: string;
  uf: string;
  cep: string;
}
export interface ErpWeddingList {
  key: string;
  name: string;
  couple: string;
  /** YYYY-MM-DD */
  eventDate: string;
  email: string;
  items: Array<{ sku: string; quantity: number }>;
}
export interface ErpCatalog {
  categories: ErpCategory[];
  brands: ErpBrand[];
  characteristics: ErpCharacteristic[];
  products: ErpProduct[];
  variants: ErpVariant[];
  customers: ErpCustomer[];
  weddingLists: ErpWeddingList[];
}
export interface ShippingUpdate {
  /** Tray's order id (id_pedido). */
  orderId: number;
  trackingCode: string | null;
  /** YYYY-MM-DD */
  shippedAt: string | null;
  trackingUrl: string | null;
  status: LocalStatus | null;
}

/** One order the ERP refused, with the pt-BR sentence naming it and why. */
export interface OrderWriteFailure {
  id: number;
  message: string;
}

export type ErpConnectorKind = 'spreadsheet' | 'sql';

export interface ErpConnector {
  readonly kind: ErpConnectorKind;
  /** Path shown to the merchant. */
  readonly source: string;
  readCatalog(): Promise<{ catalog: ErpCatalog; problems: ErpProblem[]; counts: Record<string, number> }>;
  readShippingUpdates(): Promise<ErpRead<ShippingUpdate>>;
  /**
   * Idempotent by Tray order id: an order already in the ERP is skipped, never duplicated. An order
   * the ERP refuses (a value its column cannot hold) is listed in `failed` and the others go on; the
   * source unreachable as a whole still throws.
   */
  writeOrders(orders: KeptOrder[]): Promise<{ written: number; skipped: number; failed?: OrderWriteFailure[] }>;
  /** Cheap fingerprint of the source (mtime+size of its files). */
  fingerprint(): Promise<string>;
  watchPaths(): string[];
  close(): Promise<void>;
}

/**
 * Thrown when the source as a whole cannot be read (missing, locked, not a workbook, bad mapping):
 * the message is pt-BR and ready to show; `problem` carries the same as a structured problem.
 */
export class ErpSourceError extends Error {
  constructor(readonly problem: ErpProblem) {
    super(problem.message);
    this.name = 'ErpSourceError';
  }
}
