/**
 * Maps an order as Tray returns it (header, items, customer with delivery address, installments)
 * into the order Ponte keeps. Pure: the order pull fetches, this shapes.
 */
import type { OrderDetail } from '../../../shared/api/contract.ts';
import { t } from './messages.ts';
import { storeRecordWithoutSecrets, type StoreOrderRecord } from '../../../shared/api/store-fields.ts';
import { storeRecordOf } from '../tray/normalize.ts';
import type { TrayCustomer, TrayInstallment, TrayOrder, TrayOrderItem } from '../tray/operations.ts';

export type PulledOrder = Omit<OrderDetail, 'pushes' | 'pushState' | 'exportedAt'> & { modifiedAt: string };

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

const orEmpty = (s: string | undefined | null) => (s ?? '').trim();

/** An order Ponte cannot keep as the store sent it: it is not stored and not acknowledged. */
export class UnreadableOrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableOrderError';
  }
}

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

export const mapPulledOrder = (
  order: TrayOrder,
  items: TrayOrderItem[],
  customers: TrayCustomer[],
  installments: TrayInstallment[],
): PulledOrder => {
  const customer = customers[0];
  const date = orderDateTime(order.data, order.hora);
  if (!date) throw new UnreadableOrderError(t('orders.badDate', { date: order.data.slice(0, 40) }));
  // Without its customer an order cannot be shipped, exported or matched: refused, not blanked.
  if (!customer) throw new UnreadableOrderError(t('orders.noCustomer'));
  return {
    id: order.id_pedido,
    number: orEmpty(order.numero) || String(order.id_pedido),
    date,
    modifiedAt: orEmpty(order.data_modificacao) || date,
    customerName: orEmpty(customer.cliente),
    city: orEmpty(customer.cidade),
    uf: orEmpty(customer.uf).toUpperCase(),
    total: order.total,
    subtotal: order.subtotal,
    shipping: order.frete,
    discount: order.desconto,
    statusId: order.id_status,
    statusName: orEmpty(order.status),
    trackingCode: orEmpty(order.codigo_rastreio) || null,
    shippedAt: orEmpty(order.data_envio) || null,
    trackingUrl: orEmpty(order.url_rastreio) || null,
    paymentMethod: orEmpty(order.forma_pagamento),
    shippingMethod: orEmpty(order.forma_envio),
    notes: orEmpty(order.observacao),
    items: items.map((i) => ({ productId: i.id_produto, sku: orEmpty(i.cod_prod), name: orEmpty(i.nome_produto), quantity: i.quantidade, price: i.preco })),
    customer: {
      id: customer.id_cliente || order.id_cliente,
      name: orEmpty(customer.cliente),
      document: orEmpty(customer.cnpj_cpf),
      email: orEmpty(customer.email),
      phone: orEmpty(customer.telefone),
    },
    address: {
      street: orEmpty(customer.logradouro),
      number: orEmpty(customer.numero),
      complement: orEmpty(customer.complemento),
      district: orEmpty(customer.bairro),
      city: orEmpty(customer.cidade),
      uf: orEmpty(customer.uf).toUpperCase(),
      cep: orEmpty(customer.cep),
    },
    installments: installments
      .map((p) => ({ number: p.numero_parcela, amount: p.valor, dueDate: p.vencimento, method: orEmpty(p.forma_pagamento) }))
      .sort((a, b) => a.number - b.number),
    ...withRecord(storeOrderRecord(order, items, customers, installments)),
  };
};

const withRecord = (record: StoreOrderRecord | null): { storeRecord?: StoreOrderRecord } => (record ? { storeRecord: record } : {});
