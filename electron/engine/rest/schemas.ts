/**
 * zod schemas of what Tray's REST API answers, one per resource, and `parseAnswer`, which turns a
 * failed validation into a `RestMalformedError` naming the record and the field. Tray sends most
 * numbers as strings ("150.00"); a number field accepts both, never an empty string.
 *
 * Required fields are required: an order without `total` is an error, not an order of R$ 0.
 * The defaults of truly optional fields live here, in `opt*`, and nowhere else.
 * Field names follow shared/docs/tray-webservice.md (REST section); those not listed there are
 * this project's model and are marked so.
 */
import { z } from 'zod';
import { RestMalformedError } from './errors.ts';
import { t } from './messages.ts';

const NUMERIC = /^[-+]?\d+(\.\d+)?$/;

/** A number sent as a number or a numeric string. */
export const num = z.union([z.number().finite(), z.string().trim().regex(NUMERIC, 'não numérico').transform(Number)]);
export const int = num.refine((n) => Number.isInteger(n), 'esperado um inteiro');
export const text = z.union([z.string(), z.number().transform(String)]);

/** Optional text: absent, null or '' all read as '' (the one place this default lives). */
export const optText = text.nullish().transform((v) => (v ?? '').trim());
/** Optional id: absent, null, '', 0 or '0' read as null (Tray writes 0 for "none"). */
export const optId = z
  .union([z.number(), z.string().trim()])
  .nullish()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === '' || v === 0 || v === '0') return null;
    const n = Number(v);
    if (!Number.isInteger(n)) {
      ctx.addIssue({ code: 'custom', message: 'esperado um inteiro' });
      return z.NEVER;
    }
    return n;
  });
/** Optional money: absent, null or '' read as 0 (taxes, promotional price: "none"). */
export const optMoney = z
  .union([z.number(), z.string().trim()])
  .nullish()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === '') return 0;
    const n = typeof v === 'number' ? v : NUMERIC.test(v) ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: 'não numérico' });
      return z.NEVER;
    }
    return n;
  });
/** Tray's 0/1 flags, also seen as booleans and "0"/"1". */
export const flag = z.union([z.boolean(), z.literal(0), z.literal(1), z.literal('0'), z.literal('1')]).transform((v) => v === true || v === 1 || v === '1');

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/;
export const date = z.string().trim().regex(DATE, 'esperado AAAA-MM-DD');
export const dateTime = z.string().trim().regex(DATE_TIME, 'esperado AAAA-MM-DD HH:MM:SS');
/** An optional date: '' and Tray's '0000-00-00' read as ''. */
export const optDate = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' || v.startsWith('0000-00-00') ? '' : v))
  .refine((v) => v === '' || DATE.test(v.slice(0, 10)), 'esperado AAAA-MM-DD');

// ---- Authorisation ----

export const authAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  date_expiration_access_token: dateTime,
  date_expiration_refresh_token: dateTime,
  api_host: optText,
  store_id: optText,
});
export type AuthAnswer = z.infer<typeof authAnswer>;

// ---- Envelopes ----

export const paging = z.object({
  total: int,
  page: int,
  limit: int,
  offset: int.optional(),
  maxLimit: int.optional(),
});
export type Paging = z.infer<typeof paging>;

/** Answer of a create (`{message: "Created", id, code: 201}`) or update (`"Saved"`). */
export const writeAnswer = z.object({ message: optText, id: optId, code: int.optional() });

/** Tray's error body: `{message, causes?, code?, error_code?}`. */
export const errorBody = z
  .object({
    message: optText,
    causes: z.union([z.array(text), text]).optional(),
    code: int.optional(),
    error_code: int.optional(),
  })
  .partial();

/** An item of a list may come bare or wrapped in its resource name (`{"Order": {...}}`). */
export const wrapped = <S extends z.ZodType>(name: string, schema: S) =>
  z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) && name in v ? (v as Record<string, unknown>)[name] : v), schema);

// ---- Orders ----

export const orderStatusRef = z.object({ id: int, status: optText });

export const orderHeader = z.object({
  id: int,
  status: text,
  modified: dateTime,
  OrderStatus: orderStatusRef.partial({ status: true }).optional(),
});
export type RestOrderHeader = z.infer<typeof orderHeader>;

export const customerAddress = z.object({
  recipient: optText,
  address: text,
  number: optText,
  complement: optText,
  neighborhood: optText,
  city: text,
  state: text,
  zip_code: text,
  /** 0 billing, 1 delivery. */
  type: optText,
});

export const orderCustomer = z.object({
  id: int,
  name: text,
  cpf: optText,
  cnpj: optText,
  email: text,
  phone: optText,
  cellphone: optText,
});

export const productSold = z.object({
  product_id: int,
  variant_id: optId,
  name: text,
  price: num,
  quantity: num,
  reference: optText,
  original_price: optMoney,
});

export const completeOrder = z.object({
  id: int,
  status: text,
  date: date,
  hour: z.string().trim().regex(/^\d{2}:\d{2}(:\d{2})?$/, 'esperado HH:MM:SS'),
  modified: dateTime,
  customer_id: int,
  partial_total: num,
  discount: num,
  shipment_value: num,
  total: num,
  taxes: optMoney,
  sending_code: optText,
  sending_date: optDate,
  tracking_url: optText,
  payment_form: optText,
  /** [modelled] the shipping method's name. */
  shipment: optText,
  /** [modelled] the shopper's note. */
  customer_note: optText,
  installment: int,
  OrderStatus: orderStatusRef,
  Customer: orderCustomer,
  CustomerAddresses: z.array(wrapped('CustomerAddress', customerAddress)).min(1, 'pedido sem endereço'),
  ProductsSold: z.array(wrapped('ProductsSold', productSold)),
});
export type RestCompleteOrder = z.infer<typeof completeOrder>;

export const orderStatus = z.object({
  id: int,
  status: text,
  /** [modelled] open / closed / cancelled (English or Portuguese). */
  type: text,
});

// ---- Catalogue ----

export const product = z.object({
  id: int,
  reference: optText,
  name: text,
  description: optText,
  price: num,
  promotional_price: optMoney,
  stock: int,
  available: flag,
  weight: optMoney,
  height: optMoney,
  width: optMoney,
  length: optMoney,
  category_id: optId,
  brand_id: optId,
});
/** A product's variation (`/products/variants`): two option slots (`type_1`/`value_1`, `type_2`/`value_2`). */
export const variant = z.object({
  id: int,
  product_id: int,
  reference: text,
  price: num,
  promotional_price: optMoney,
  stock: int,
  available: flag,
  type_1: text,
  value_1: text,
  type_2: optText,
  value_2: optText,
});
export const brand = z.object({ id: int, brand: text });
export const category = z.object({ id: int, name: text, parent_id: optId, order: int.optional().transform((v) => v ?? 0), description: optText });
export const property = z.object({ id: int, name: text });
export const customer = z.object({ id: int, name: text, cpf: optText, cnpj: optText, email: text, phone: optText });

// ---- Validation ----

const valueAt = (root: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    let o = v as Record<PropertyKey, unknown>;
    // Through a resource wrapper (`{"Order": {...}}`) that the schema unwrapped.
    const keys = Object.keys(o);
    if (!(key in o) && keys.length === 1 && typeof o[keys[0] as string] === 'object') o = o[keys[0] as string] as Record<PropertyKey, unknown>;
    v = o[key];
  }
  return v;
};

const pathText = (prefix: string, path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((s, key) => (typeof key === 'number' ? `${s}[${key}]` : s ? `${s}.${String(key)}` : String(key)), prefix);

/**
 * Validates an answer; on failure names the field (and whether it is missing or invalid) in a
 * RestMalformedError about `what`. `prefix` is the resource name shown in the path ("Order").
 */
export const parseAnswer = <S extends z.ZodType>(schema: S, value: unknown, what: string, prefix = ''): z.output<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = pathText(prefix, issue?.path ?? []);
  const raw = issue ? valueAt(value, issue.path) : undefined;
  const detail =
    raw === undefined || raw === null
      ? t('malformed.missing', { path: path || '(resposta)' })
      : t('malformed.invalid', { path: path || '(resposta)', detail: `${issue?.message ?? 'inválido'}: ${JSON.stringify(raw).slice(0, 40)}` });
  throw new RestMalformedError(what, detail, path);
};
