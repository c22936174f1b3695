/**
 * Orders flattened into the two tables Ponte writes (Pedidos and ItensPedido), shared by the
 * workbook, the CSV folder and the file export; the SQL connector gets the same values as named
 * parameters. Column 1 of both tables is the Tray order id: the key that makes writing idempotent.
 */
import { formatCep, formatDocument } from '../../../shared/br/documents.ts';
import { formatDateBr, formatDecimalBr } from './parse.ts';
import type { KeptOrder } from './types.ts';

export type OutCell = string | number;

export const ORDER_HEADERS = [
  'Pedido', 'Número', 'Data', 'Status', 'Cliente', 'CPF/CNPJ', 'E-mail', 'Telefone',
  'Endereço', 'Nº', 'Complemento', 'Bairro', 'Cidade', 'UF', 'CEP',
  'Subtotal', 'Frete', 'Desconto', 'Total', 'Pagamento', 'Parcelas', 'Forma de envio',
  'Código de rastreio', 'Data de envio', 'Observações',
] as const;

export const ITEM_HEADERS = ['Pedido', 'SKU', 'Produto', 'Quantidade', 'Preço unitário', 'Total do item'] as const;

/**
 * Numbers stay numbers (the workbook writes them as number cells); `brText` turns them to "1,50".
 * CPF/CNPJ and CEP carry their punctuation: as bare digits Excel reads them as numbers and drops
 * the leading zeros (CEP 01001-000 became 1001000).
 */
export const orderRow = (o: KeptOrder): OutCell[] => [
  o.id,
  o.number,
  formatDateBr(o.placedAt),
  o.status.name,
  o.customer.name,
  formatDocument(o.customer.document),
  o.customer.email,
  o.customer.phone,
  o.deliveryAddress.street,
  o.deliveryAddress.number,
  o.deliveryAddress.complement,
  o.deliveryAddress.district,
  o.deliveryAddress.city,
  o.deliveryAddress.uf,
  formatCep(o.deliveryAddress.cep),
  o.subtotal,
  o.shipping,
  o.discount,
  o.total,
  o.paymentMethod,
  // Not known for an order kept before Ponte stored the count: an empty cell, not a 0.
  o.installmentCount ?? '',
  o.shippingMethod,
  o.tracking?.code ?? '',
  formatDateBr(o.tracking?.shippedAt ?? null),
  o.notes,
];

/**
 * The export files' order table: one "Pedido" column (the number the shop and the shopper see; the
 * Tray id when the store gives none) instead of the ERP sheets' Pedido + Número, which carry the
 * same value for Tray orders. The items file is keyed by the same number.
 */
export const FILE_ORDER_HEADERS = ORDER_HEADERS.filter((h) => h !== 'Número');
const NUMBER_COLUMN = ORDER_HEADERS.indexOf('Número');
// A numeric order number stays a number cell in the workbook (no "number stored as text" flag).
const orderKey = (o: KeptOrder): OutCell => (/^[1-9]\d{0,14}$/.test(o.number) ? Number(o.number) : o.number || o.id);
export const fileOrderRow = (o: KeptOrder): OutCell[] => {
  const row = orderRow(o);
  row.splice(NUMBER_COLUMN, 1);
  row[0] = orderKey(o);
  return row;
};
export const fileItemRows = (o: KeptOrder): OutCell[][] => itemRows(o).map(([, ...rest]) => [orderKey(o), ...rest]);

export const itemRows = (o: KeptOrder): OutCell[][] =>
  o.items.map((i) => [o.id, i.sku, i.name, i.quantity, i.price, Math.round(i.price * i.quantity * 100) / 100]);

const MONEY_COLUMNS = new Set(['Subtotal', 'Frete', 'Desconto', 'Total', 'Preço unitário', 'Total do item']);

/** Cells as CSV text: money with decimal comma and 2 places, everything else as is. */
export const brText = (headers: readonly string[], row: readonly OutCell[]): string[] =>
  row.map((cell, i) => (typeof cell === 'number' && MONEY_COLUMNS.has(headers[i] ?? '') ? formatDecimalBr(cell) : String(cell)));

/** Named parameters for the SQL connector's order statement (documented in the mapping guide). */
export const orderParams = (o: KeptOrder): Record<string, string | number | null> => ({
  id: o.id,
  number: o.number,
  date: o.placedAt,
  status: o.status.name,
  statusId: o.status.id,
  customerId: o.customer.id,
  customerName: o.customer.name,
  customerDocument: o.customer.document,
  customerEmail: o.customer.email,
  customerPhone: o.customer.phone,
  street: o.deliveryAddress.street,
  addressNumber: o.deliveryAddress.number,
  complement: o.deliveryAddress.complement,
  district: o.deliveryAddress.district,
  city: o.deliveryAddress.city,
  uf: o.deliveryAddress.uf,
  cep: o.deliveryAddress.cep,
  subtotal: o.subtotal,
  shipping: o.shipping,
  discount: o.discount,
  total: o.total,
  paymentMethod: o.paymentMethod,
  installments: o.installmentCount,
  shippingMethod: o.shippingMethod,
  trackingCode: o.tracking?.code ?? null,
  shippedAt: o.tracking?.shippedAt ?? null,
  notes: o.notes,
});

export const itemParams = (o: KeptOrder): Array<Record<string, string | number | null>> =>
  o.items.map((i, index) => ({
    orderId: o.id,
    line: index + 1,
    productId: i.productId,
    sku: i.sku,
    name: i.name,
    quantity: i.quantity,
    price: i.price,
    total: Math.round(i.price * i.quantity * 100) / 100,
  }));

export const ORDER_PARAM_NAMES = Object.keys(orderParams({
  id: 0, number: '', placedAt: '', modifiedAt: '', status: { id: 0, name: '' }, subtotal: 0, shipping: 0, discount: 0, total: 0,
  paymentMethod: '', shippingMethod: '', notes: '', tracking: null, items: [], customer: { id: 0, name: '', document: '', email: '', phone: '' },
  deliveryAddress: { street: '', number: '', complement: '', district: '', city: '', uf: '', cep: '' }, installmentCount: null, installments: [],
  exportedAt: null,
}));
export const ITEM_PARAM_NAMES = ['orderId', 'line', 'productId', 'sku', 'name', 'quantity', 'price', 'total'];
