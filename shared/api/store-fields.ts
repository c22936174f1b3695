/**
 * The comparison of a store's WSDL field names with the fields Ponte needs, as the engine sends it
 * to the UI (Testar conexão, the last test). Plain JSON; the engine builds it in
 * electron/engine/tray/wsdl-fields.ts.
 */
import { z } from 'zod';

/** How one of our fields was found among the store's: by our name, a built-in alias, the field map, or not. */
export const FIELD_MATCH_KINDS = ['matched', 'alias', 'map', 'missing'] as const;
export type FieldMatchKind = (typeof FIELD_MATCH_KINDS)[number];

export const StoreFieldCheckSchema = z.object({
  /** Our field name. */
  field: z.string(),
  required: z.boolean(),
  match: z.enum(FIELD_MATCH_KINDS),
  /** The store's field that answers for ours (null when missing). */
  storeField: z.string().nullable(),
  /** When missing: the field map entry that names a field the store does not have. */
  mappedTo: z.string().nullable(),
  /** When missing: the store's unclaimed field most like ours by name, if any. */
  suggestion: z.string().nullable(),
});
export type StoreFieldCheck = z.infer<typeof StoreFieldCheckSchema>;

export const StoreTypeReportSchema = z.object({
  /** Our type name (Pedido, ItemPedido, …). */
  type: z.string(),
  /** The store's name for it in its WSDL; null when the WSDL does not declare it (nothing checked). */
  storeType: z.string().nullable(),
  fields: z.array(StoreFieldCheckSchema),
  /** The store's fields nothing of ours reads (kept with the order, shown as "Outros campos da loja"). */
  extra: z.array(z.string()),
  /** Required fields (or groups, "a/b") the store's WSDL lacks. */
  missingRequired: z.array(z.string()),
});
export type StoreTypeReport = z.infer<typeof StoreTypeReportSchema>;

/** One record as the store sent it: every field as text. */
export type StoreRawRecord = Record<string, string>;

/**
 * What the store sent for one order (order, items, customer with address, installments), kept with
 * it: the raw records for support, and the fields Ponte does not read ("Outros campos da loja").
 */
export const StoreOrderRecordSchema = z.object({
  order: z.record(z.string(), z.string()),
  items: z.array(z.record(z.string(), z.string())),
  customer: z.record(z.string(), z.string()),
  installments: z.array(z.record(z.string(), z.string())),
  /** Fields nothing of Ponte's reads, as "where.field" (pedido, item 1, cliente, parcela 1) -> value. */
  extras: z.array(z.object({ where: z.string(), field: z.string(), value: z.string() })),
});
export type StoreOrderRecord = z.infer<typeof StoreOrderRecordSchema>;

export const StoreFieldReportSchema = z.object({ types: z.array(StoreTypeReportSchema) });
export type StoreFieldReport = z.infer<typeof StoreFieldReportSchema>;

/**
 * The words of a field or element name that may carry a credential: one list for the kept order
 * record and the support capture (electron/engine/tray/capture.ts). A store that echoes a token or
 * password must not have it kept, shown or sent to support: the value becomes "***".
 */
export const SECRET_NAME_WORDS = 'senha|password|passwd|secret|token';
const SECRET_FIELD = new RegExp(SECRET_NAME_WORDS, 'i');
export const isSecretField = (name: string): boolean => SECRET_FIELD.test(name);

/** A field's value as it may be kept: "***" for a secret-named one (an empty one stays empty). */
const masked = (field: string, value: string): string => (isSecretField(field) && value !== '' ? '***' : value);

export const withoutSecrets = (record: StoreRawRecord): StoreRawRecord =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, masked(k, v)]));

/** The whole kept record with secrets masked: what the UI may show. */
export const storeRecordWithoutSecrets = (record: StoreOrderRecord): StoreOrderRecord => ({
  order: withoutSecrets(record.order),
  items: record.items.map(withoutSecrets),
  customer: withoutSecrets(record.customer),
  installments: record.installments.map(withoutSecrets),
  extras: record.extras.map((e) => ({ ...e, value: masked(e.field, e.value) })),
});
