/**
 * REST answers (validated by ./schemas.ts) -> Ponte's domain types (../store-port/domain.ts), and
 * domain inputs -> REST bodies. Pure functions.
 */
import type { z } from 'zod';
import type { Address, Brand, Category, CategoryInput, Characteristic, Customer, CustomerInput, Order, OrderHeader, OrderStatus, Product, ProductInput, StatusKind, Variant, VariantInput } from '../store-port/domain.ts';
import { RestMalformedError } from './errors.ts';
import type { brand, category, customer, customerAddress, orderStatus, product, property, RestCompleteOrder, RestOrderHeader, variant } from './schemas.ts';
import { normalizeDocument } from '../../../shared/br/documents.ts';

// CEPs are digits; CPF/CNPJ keep letters (the alphanumeric CNPJ, in use since July 2026).
const digits = (s: string) => s.replace(/\D/g, '');
/** Tray's "YYYY-MM-DD HH:MM:SS" -> "YYYY-MM-DDTHH:MM:SS" (local, no zone). */
export const localIso = (s: string): string => {
  const [d, time = '00:00:00'] = s.trim().split(/[ T]/);
  return `${d}T${time.length === 5 ? `${time}:00` : time}`;
};

export const mapRestHeader = (h: RestOrderHeader): OrderHeader => ({
  id: h.id,
  modifiedAt: localIso(h.modified),
  statusName: h.status,
  statusId: h.OrderStatus?.id ?? null,
});

const mapAddress = (a: z.output<typeof customerAddress>): Address => ({
  recipient: a.recipient,
  street: a.address.trim(),
  number: a.number,
  complement: a.complement,
  district: a.neighborhood,
  city: a.city.trim(),
  uf: a.state.trim().toUpperCase(),
  cep: digits(a.zip_code),
});

/** A complete order. The delivery address is the one of type 1; a store listing only one uses it. */
export const mapRestOrder = (o: RestCompleteOrder): Order => {
  const delivery = o.CustomerAddresses.find((a) => a.type === '1') ?? (o.CustomerAddresses.length === 1 ? o.CustomerAddresses[0] : undefined);
  if (!delivery) throw new RestMalformedError(`pedido ${o.id}`, 'nenhum endereço de entrega (CustomerAddresses.type = 1)', 'Order.CustomerAddresses');
  return {
    id: o.id,
    number: String(o.id),
    placedAt: localIso(`${o.date} ${o.hour}`),
    modifiedAt: localIso(o.modified),
    status: { id: o.OrderStatus.id, name: o.status },
    subtotal: o.partial_total,
    shipping: o.shipment_value,
    discount: o.discount,
    total: o.total,
    paymentMethod: o.payment_form,
    shippingMethod: o.shipment,
    notes: o.customer_note,
    tracking: o.sending_code ? { code: o.sending_code, shippedAt: o.sending_date ? o.sending_date.slice(0, 10) : null, url: o.tracking_url || null } : null,
    items: o.ProductsSold.map((i) => ({ productId: i.product_id, variantId: i.variant_id, sku: i.reference, name: i.name.trim(), quantity: i.quantity, price: i.price })),
    customer: { id: o.Customer.id, name: o.Customer.name.trim(), document: normalizeDocument(o.Customer.cnpj || o.Customer.cpf), email: o.Customer.email.trim(), phone: o.Customer.phone || o.Customer.cellphone },
    deliveryAddress: mapAddress(delivery),
    installmentCount: o.installment,
    installments: null,
  };
};

const KIND: Record<string, StatusKind> = { open: 'open', aberto: 'open', closed: 'closed', fechado: 'closed', finalizado: 'closed', cancelled: 'cancelled', canceled: 'cancelled', cancelado: 'cancelled' };

export const mapRestStatus = (s: z.output<typeof orderStatus>): OrderStatus => {
  const kind = KIND[s.type.trim().toLowerCase()];
  if (!kind) throw new RestMalformedError(`status ${s.id} (${s.status})`, `tipo desconhecido "${s.type}"`, 'OrderStatus.type');
  return { id: s.id, name: s.status.trim(), kind };
};

export const mapRestProduct = (p: z.output<typeof product>): Product => ({
  id: p.id,
  sku: p.reference,
  name: p.name.trim(),
  description: p.description,
  price: p.price,
  promotionalPrice: p.promotional_price > 0 ? p.promotional_price : null,
  stock: p.stock,
  available: p.available,
  weight: p.weight,
  height: p.height,
  width: p.width,
  length: p.length,
  categoryId: p.category_id,
  brandId: p.brand_id,
});

export const toRestProduct = (p: ProductInput) => ({
  reference: p.sku,
  name: p.name,
  description: p.description,
  price: p.price.toFixed(2),
  promotional_price: p.promotionalPrice === null ? '0.00' : p.promotionalPrice.toFixed(2),
  stock: p.stock,
  available: p.available ? 1 : 0,
  weight: p.weight,
  height: p.height,
  width: p.width,
  length: p.length,
  category_id: p.categoryId ?? 0,
  brand_id: p.brandId ?? 0,
});

export const mapRestVariant = (v: z.output<typeof variant>): Variant => ({
  id: v.id,
  productId: v.product_id,
  sku: v.reference,
  price: v.price,
  promotionalPrice: v.promotional_price > 0 ? v.promotional_price : null,
  stock: v.stock,
  available: v.available,
  options: [
    { type: v.type_1.trim(), value: v.value_1.trim() },
    { type: v.type_2.trim(), value: v.value_2.trim() },
  ].filter((o) => o.type !== ''),
});

export const toRestVariant = (v: VariantInput) => ({
  product_id: v.productId,
  reference: v.sku,
  price: v.price.toFixed(2),
  promotional_price: v.promotionalPrice === null ? '0.00' : v.promotionalPrice.toFixed(2),
  stock: v.stock,
  available: v.available ? 1 : 0,
  type_1: v.options[0]?.type ?? '',
  value_1: v.options[0]?.value ?? '',
  type_2: v.options[1]?.type ?? '',
  value_2: v.options[1]?.value ?? '',
});

export const mapRestCategory = (c: z.output<typeof category>): Category => ({ id: c.id, name: c.name.trim(), parentId: c.parent_id, order: c.order, description: c.description });
export const toRestCategory = (c: CategoryInput) => ({ name: c.name, parent_id: c.parentId ?? 0, order: c.order, description: c.description });
export const mapRestBrand = (b: z.output<typeof brand>): Brand => ({ id: b.id, name: b.brand.trim() });
export const mapRestProperty = (p: z.output<typeof property>): Characteristic => ({ id: p.id, name: p.name.trim() });
export const mapRestCustomer = (c: z.output<typeof customer>): Customer => ({ id: c.id, name: c.name.trim(), document: normalizeDocument(c.cnpj || c.cpf), email: c.email.trim(), phone: c.phone });

export const toRestCustomer = (c: CustomerInput) => {
  const doc = normalizeDocument(c.document);
  return {
    name: c.name,
    ...(doc.length === 14 ? { cnpj: doc } : { cpf: doc }),
    rg: c.stateRegistration,
    email: c.email,
    phone: c.phone,
    CustomerAddress: {
      address: c.address.street,
      number: c.address.number,
      complement: c.address.complement,
      neighborhood: c.address.district,
      city: c.address.city,
      state: c.address.uf,
      zip_code: c.address.cep,
    },
  };
};
