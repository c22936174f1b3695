/**
 * The order Ponte keeps (the UI contract's shape), made from the store port's domain order, and the
 * SOAP store's raw record kept with it. Pure: the adapters fetch and translate, this shapes.
 */
import { storeRecordWithoutSecrets, type StoreOrderRecord } from '../../../shared/api/store-fields.ts';
import { storeRecordOf } from '../tray/normalize.ts';
import type { TrayCustomer, TrayInstallment, TrayOrder, TrayOrderItem } from '../tray/operations.ts';
import type { Order } from '../store-port/domain.ts';
import type { PulledOrder } from '../store/orders.ts';

export type { PulledOrder };

/**
 * What the store sent for the order, kept with it (support reads it; the detail shows the fields
 * Ponte does not read). Records built elsewhere (REST, tests) carry nothing: then nothing is kept.
 */
export const storeOrderRecord = (order: TrayOrder, items: TrayOrderItem[], customers: TrayCustomer[], installments: TrayInstallment[]): StoreOrderRecord | null => {
  const header = storeRecordOf(order);
  if (Object.keys(header.raw).length === 0) return null;
  const customer = storeRecordOf(customers[0]);
  const extras: StoreOrderRecord['extras'] = [];
  const add = (where: string, fields: Record<string, string>) => {
    for (const [field, value] of Object.entries(fields)) extras.push({ where, field, value });
  };
  add('pedido', header.extras);
  items.forEach((i, n) => add(`item ${n + 1}`, storeRecordOf(i).extras));
  add('cliente', customer.extras);
  installments.forEach((p, n) => add(`parcela ${n + 1}`, storeRecordOf(p).extras));
  // A secret-named field (token, senha…) is never kept: the support view shows what is stored.
  return storeRecordWithoutSecrets({
    order: header.raw,
    items: items.map((i) => storeRecordOf(i).raw),
    customer: customer.raw,
    installments: installments.map((p) => storeRecordOf(p).raw),
    extras,
  });
};

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/;
const BR_DAY = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}:\d{2}(?::\d{2})?))?$/;

const validDay = (y: string, m: string, d: string): string | null => {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
};

/**
 * Tray dates are local "YYYY-MM-DD" + "HH:MM:SS"; kept as a local ISO date-time without zone.
 * Stores also send the time inside the date ("2026-11-20 14:05:09") or a Brazilian date
 * ("20/11/2026"). Anything else is null: the caller refuses the order rather than keep a date that
 * breaks the filters and the sorting.
 */
export const orderDateTime = (data: string, hora: string): string | null => {
  const text = data.trim();
  const iso = ISO_DAY.exec(text);
  const br = iso ? null : BR_DAY.exec(text);
  const day = iso ? validDay(iso[1]!, iso[2]!, iso[3]!) : br ? validDay(br[3]!, br[2]!, br[1]!) : null;
  if (!day) return null;
  const time = TIME.exec(hora.trim()) ?? TIME.exec((iso?.[4] ?? br?.[4] ?? '').trim());
  if (!time) return `${day}T00:00:00`;
  const [hh, mm, ss = '00'] = [time[1]!, time[2]!, time[3]];
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return `${day}T00:00:00`;
  return `${day}T${hh}:${mm}:${ss}`;
};

/**
 * The order Ponte keeps, from the domain order either adapter read (SOAP or REST) and the raw
 * record the adapter kept beside it. Pure. The stored shape is the UI contract's (the order list
 * and detail read it as stored); nothing here knows how the store was reached.
 */
export const storedOrderOf = (order: Order, record: StoreOrderRecord | null): PulledOrder => {
  const a = order.deliveryAddress;
  return {
    id: order.id,
    number: order.number,
    date: order.placedAt,
    modifiedAt: order.modifiedAt,
    customerName: order.customer.name,
    // Where the order goes: the list's city and UF are the delivery address's.
    city: a.city,
    uf: a.uf,
    total: order.total,
    subtotal: order.subtotal,
    shipping: order.shipping,
    discount: order.discount,
    statusId: order.status.id,
    statusName: order.status.name,
    trackingCode: order.tracking?.code || null,
    shippedAt: order.tracking?.shippedAt ?? null,
    trackingUrl: order.tracking?.url ?? null,
    paymentMethod: order.paymentMethod,
    shippingMethod: order.shippingMethod,
    notes: order.notes,
    items: order.items.map((i) => ({ productId: i.productId, variantId: i.variantId, sku: i.sku, name: i.name, quantity: i.quantity, price: i.price })),
    customer: { id: order.customer.id, name: order.customer.name, document: order.customer.document, email: order.customer.email, phone: order.customer.phone },
    address: { street: a.street, number: a.number, complement: a.complement, district: a.district, city: a.city, uf: a.uf, cep: a.cep },
    // REST tells the installment count only: none are stored rather than amounts made up.
    installments: (order.installments ?? []).map((p) => ({ number: p.number, amount: p.amount, dueDate: p.dueDate, method: p.method })),
    installmentCount: order.installmentCount,
    ...withRecord(record),
  };
};

const withRecord = (record: StoreOrderRecord | null): { storeRecord?: StoreOrderRecord } => (record ? { storeRecord: record } : {});
