/**
 * SOAP WebService v2 answers (as the Tray client normalises them) -> Ponte's domain types. Pure.
 */
import { MalformedAnswerError } from '../tray/errors.ts';
import type { TrayBrand, TrayCategory, TrayCharacteristic, TrayCustomer, TrayInstallment, TrayOrder, TrayOrderItem, TrayProduct, TrayStatus, TrayVariant, TrayWeddingList } from '../tray/operations.ts';
import { orderDateTime } from '../sync/orders-map.ts';
import type { Brand, Category, Characteristic, Customer, Order, OrderHeader, OrderStatus, Product, StatusKind, Variant, WeddingList } from './domain.ts';
import { normalizeDocument } from '../../../shared/br/documents.ts';

const trim = (s: string | undefined | null) => (s ?? '').trim();
// CEPs are digits; CPF/CNPJ keep letters (the alphanumeric CNPJ, in use since July 2026).
const digits = (s: string) => s.replace(/\D/g, '');
/** 'YYYY-MM-DD HH:MM:SS' -> 'YYYY-MM-DDTHH:MM:SS'. */
const localIso = (s: string) => s.trim().replace(' ', 'T');

/** The order's date as a local ISO date-time; a date that is not one refuses the order (never stored as "T14:05:09"). */
const orderDate = (o: TrayOrder): string => {
  const date = orderDateTime(o.data, o.hora);
  if (!date) throw new MalformedAnswerError('fWSImportaPedidos', `pedido ${o.id_pedido}: data "${o.data.slice(0, 40)}" não é uma data`);
  return date;
};

/**
 * The last change: the modification stamp in any of the store's date forms, else the order's own
 * date. A stamp that is not a date is kept as sent: the checkpoint ignores it, and the unchanged
 * check still compares it with what was stored.
 */
const modifiedOf = (o: TrayOrder): string => {
  const stamp = trim(o.data_modificacao);
  return stamp ? (orderDateTime(stamp, '') ?? localIso(stamp)) : orderDate(o);
};

export const mapSoapHeader = (o: TrayOrder): OrderHeader => ({
  id: o.id_pedido,
  modifiedAt: modifiedOf(o),
  statusName: trim(o.status),
  statusId: o.id_status,
  amounts: { subtotal: o.subtotal, shipping: o.frete, discount: o.desconto, total: o.total },
  trackingCode: trim(o.codigo_rastreio),
});

export const mapSoapCustomer = (c: TrayCustomer): Customer => ({ id: c.id_cliente, name: trim(c.cliente), document: normalizeDocument(c.cnpj_cpf), email: trim(c.email), phone: trim(c.telefone) });

/** One order from its four SOAP answers; the customer-with-address list must hold one record. */
export const mapSoapOrder = (order: TrayOrder, items: TrayOrderItem[], customers: TrayCustomer[], installments: TrayInstallment[]): Order => {
  const c = customers[0];
  if (!c) throw new MalformedAnswerError('fWSImportaClientePorPedidoAvancado', `pedido ${order.id_pedido} sem cliente e endereço de entrega`);
  const code = trim(order.codigo_rastreio);
  return {
    id: order.id_pedido,
    number: trim(order.numero) || String(order.id_pedido),
    placedAt: orderDate(order),
    modifiedAt: modifiedOf(order),
    status: { id: order.id_status, name: trim(order.status) },
    subtotal: order.subtotal,
    shipping: order.frete,
    discount: order.desconto,
    total: order.total,
    paymentMethod: trim(order.forma_pagamento),
    shippingMethod: trim(order.forma_envio),
    notes: trim(order.observacao),
    tracking: code ? { code, shippedAt: trim(order.data_envio) || null, url: trim(order.url_rastreio) || null } : null,
    items: items.map((i) => ({ productId: i.id_produto, variantId: null, sku: trim(i.cod_prod), name: trim(i.nome_produto), quantity: i.quantidade, price: i.preco })),
    customer: { ...mapSoapCustomer(c), id: c.id_cliente || order.id_cliente },
    deliveryAddress: {
      recipient: trim(c.cliente),
      street: trim(c.logradouro),
      number: trim(c.numero),
      complement: trim(c.complemento),
      district: trim(c.bairro),
      city: trim(c.cidade),
      uf: trim(c.uf).toUpperCase(),
      cep: digits(c.cep),
    },
    installmentCount: installments.length,
    installments: installments
      .map((p) => ({ number: p.numero_parcela, amount: p.valor, dueDate: trim(p.vencimento), method: trim(p.forma_pagamento) }))
      .sort((a, b) => a.number - b.number),
  };
};

const KIND: Record<string, StatusKind> = { aberto: 'open', fechado: 'closed', cancelado: 'cancelled' };
export const mapSoapStatus = (s: TrayStatus): OrderStatus => {
  const kind = KIND[trim(s.tipo).toLowerCase()];
  if (!kind) throw new MalformedAnswerError('fWSImportaStatusPedido', `status ${s.id_status} com tipo desconhecido "${s.tipo}"`, 'tipo');
  return { id: s.id_status, name: trim(s.status), kind };
};

export const mapSoapProduct = (p: TrayProduct): Product => ({
  id: p.id_produto,
  sku: trim(p.cod_prod),
  name: trim(p.nome),
  description: p.descricao,
  price: p.preco,
  promotionalPrice: p.preco_promocional > 0 ? p.preco_promocional : null,
  stock: p.estoque,
  available: p.disponivel === 'S',
  weight: p.peso,
  height: p.altura,
  width: p.largura,
  length: p.comprimento,
  categoryId: p.id_categoria || null,
  brandId: p.id_marca || null,
});

export const mapSoapVariant = (v: TrayVariant): Variant => ({
  id: v.id_variacao,
  productId: v.id_produto,
  sku: trim(v.cod_referencia),
  price: v.preco,
  promotionalPrice: v.preco_promocional > 0 ? v.preco_promocional : null,
  stock: v.estoque,
  available: v.disponivel === 'S',
  options: [
    { type: trim(v.tipo_1), value: trim(v.valor_1) },
    { type: trim(v.tipo_2), value: trim(v.valor_2) },
  ].filter((o) => o.type !== ''),
});

export const mapSoapCategory = (c: TrayCategory): Category => ({ id: c.id_categoria, name: trim(c.nome), parentId: c.id_categoria_pai || null, order: c.ordem, description: c.descricao });
export const mapSoapBrand = (b: TrayBrand): Brand => ({ id: b.id_marca, name: trim(b.nome) });
export const mapSoapCharacteristic = (c: TrayCharacteristic): Characteristic => ({ id: c.id_caracteristica, name: trim(c.nome) });
export const mapSoapWeddingList = (w: TrayWeddingList): WeddingList => ({ id: w.id_lista, name: trim(w.nome_lista), couple: trim(w.nome_noivos), eventDate: trim(w.data_evento), email: trim(w.email) });
