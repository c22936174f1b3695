/**
 * Maps an order as Tray returns it (header, items, customer with delivery address, installments)
 * into the order Ponte keeps. Pure: the order pull fetches, this shapes.
 */
import type { OrderDetail } from '../../../shared/api/contract.ts';
import type { TrayCustomer, TrayInstallment, TrayOrder, TrayOrderItem } from '../tray/operations.ts';

export type PulledOrder = Omit<OrderDetail, 'pushes' | 'pushState' | 'exportedAt'> & { modifiedAt: string };

const orEmpty = (s: string | undefined | null) => (s ?? '').trim();

/** Tray dates are local "YYYY-MM-DD" + "HH:MM:SS"; kept as a local ISO date-time without zone. */
export const orderDateTime = (data: string, hora: string): string => `${data}T${/^\d{2}:\d{2}(:\d{2})?$/.test(hora) ? hora.padEnd(8, ':00').slice(0, 8) : '00:00:00'}`;

export const mapPulledOrder = (
  order: TrayOrder,
  items: TrayOrderItem[],
  customers: TrayCustomer[],
  installments: TrayInstallment[],
): PulledOrder => {
  const customer = customers[0];
  return {
    id: order.id_pedido,
    number: orEmpty(order.numero) || String(order.id_pedido),
    date: orderDateTime(order.data, order.hora),
    modifiedAt: orEmpty(order.data_modificacao) || orderDateTime(order.data, order.hora),
    customerName: orEmpty(customer?.cliente),
    city: orEmpty(customer?.cidade),
    uf: orEmpty(customer?.uf).toUpperCase(),
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
      id: customer?.id_cliente ?? order.id_cliente,
      name: orEmpty(customer?.cliente),
      document: orEmpty(customer?.cnpj_cpf),
      email: orEmpty(customer?.email),
      phone: orEmpty(customer?.telefone),
    },
    address: {
      street: orEmpty(customer?.logradouro),
      number: orEmpty(customer?.numero),
      complement: orEmpty(customer?.complemento),
      district: orEmpty(customer?.bairro),
      city: orEmpty(customer?.cidade),
      uf: orEmpty(customer?.uf).toUpperCase(),
      cep: orEmpty(customer?.cep),
    },
    installments: installments
      .map((p) => ({ number: p.numero_parcela, amount: p.valor, dueDate: p.vencimento, method: orEmpty(p.forma_pagamento) }))
      .sort((a, b) => a.number - b.number),
  };
};
