/**
 * Turns what node-soap makes of a NuSOAP answer into the plain typed objects the catalogue
 * promises: `{attributes, $value}` unwrapped, numbers as numbers, SOAP-ENC arrays of 0, 1 or many
 * elements always as arrays. Each field is read under the store's name for it (the per-store field
 * map, else our name, else a known alias); a required field the store did not send is an error
 * naming the type, the field and the fields the store did send. Only optional fields take
 * `OPTIONAL_DEFAULT`. Anything that cannot be read throws `AnswerShapeError` (the client turns it
 * into MalformedAnswerError), never a half object.
 *
 * What the store sent is kept beside each record (`storeRecordOf`): its raw fields, and those
 * Ponte has no use for, so nothing the store says is dropped without a word.
 * Pure functions only (the side table is keyed by the returned objects and dies with them).
 */
import { t } from './messages.ts';
import {
  FIELD_ALIASES,
  OPTIONAL_DEFAULT,
  REQUIRED_FIELDS,
  TYPES,
  type FieldMap,
  type Requirement,
  type Returns,
  type ScalarKind,
  type TypeName,
} from './operations.ts';

export class AnswerShapeError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || '(resposta)'}: ${reason}`);
    this.name = 'AnswerShapeError';
  }
}

/** A record without one of its type's required fields. */
export class MissingFieldsError extends AnswerShapeError {
  constructor(
    path: string,
    readonly type: TypeName,
    /** Our names of the missing fields (a group reads "cnpj_cpf|email"). */
    readonly missing: string[],
    /** The field names the store did send in this record. */
    readonly sent: string[],
    /** Our field -> the store's name, for the missing fields the field map renames. */
    readonly mapped: Record<string, string>,
  ) {
    super(
      path,
      t('answer.missingFields', {
        type,
        missing: missing.map((m) => m.split('|').map((f) => (mapped[f] ? `${f} (→ ${mapped[f]})` : f)).join(t('answer.or'))).join(', '),
        sent: sent.length > 0 ? sent.join(', ') : t('answer.nothing'),
      }),
    );
    this.name = 'MissingFieldsError';
  }
}

/** One element of a list that could not be read, with the record's id when that much was readable. */
export interface RefusedElement {
  index: number;
  id: number | null;
  error: AnswerShapeError;
}

/**
 * A list some of whose elements could not be read. It carries the readable ones, so a caller that
 * handles records one by one (the order pull) refuses only the bad ones; any other caller sees a
 * malformed answer, as before.
 */
export class ElementsError extends AnswerShapeError {
  constructor(
    readonly good: Array<Record<string, string | number>>,
    readonly refused: RefusedElement[],
  ) {
    const first = refused[0]!.error;
    super(first.path, refused.length > 1 ? `${first.reason} (+${refused.length - 1})` : first.reason);
    this.name = 'ElementsError';
  }
}

export interface NormaliseOptions {
  /** Replaces the type's REQUIRED_FIELDS (an operation's own `requires`). */
  requires?: readonly Requirement[];
  /** The store's names for our fields. */
  fieldMap?: FieldMap;
}

/** What the store sent for one record: every field as text, and those Ponte does not read. */
export interface StoreRecord {
  raw: Record<string, string>;
  extras: Record<string, string>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ATTRIBUTES = 'attributes';
const VALUE = '$value';

/**
 * `{attributes, $value}` -> the value; an empty or nil element -> undefined. Nil and empty are one
 * case on purpose: every reader below treats both as "no value" (a required field is missing, an
 * optional one takes its default, the raw text is ''), so telling them apart here would be dead code.
 */
export const unwrap = (v: unknown): unknown => {
  if (!isObj(v)) return v;
  if (Object.hasOwn(v, VALUE)) return v[VALUE];
  return Object.keys(v).some((k) => k !== ATTRIBUTES) ? v : undefined;
};

/** True when the element carries a value: not absent, nil, empty or blank. */
const present = (raw: unknown): boolean => {
  const v = unwrap(raw);
  return !(v === undefined || v === null || (typeof v === 'string' && v.trim() === ''));
};

const DECIMAL_COMMA = /^[-+]?\d{1,3}(\.\d{3})*,\d+$|^[-+]?\d+,\d+$/;

/** A scalar as its kind, or undefined when the element carries no value (the caller decides). */
export const coerceScalar = (kind: ScalarKind, raw: unknown, path: string): string | number | undefined => {
  if (!present(raw)) return undefined;
  const v = unwrap(raw);
  if (kind === 'string') {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    throw new AnswerShapeError(path, 'esperado um texto');
  }
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v.trim();
    // NuSOAP sends dots; a decimal comma (as PHP number_format would print) is accepted too.
    const normal = DECIMAL_COMMA.test(s) ? s.replace(/\./g, '').replace(',', '.') : s;
    n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
  } else throw new AnswerShapeError(path, `esperado um número (${kind})`);
  if (!Number.isFinite(n)) throw new AnswerShapeError(path, `valor não numérico "${String(v).slice(0, 40)}"`);
  if (kind === 'int' && !Number.isInteger(n)) throw new AnswerShapeError(path, `esperado um inteiro, veio ${n}`);
  return n;
};

/**
 * The store's names to look under for one of our fields, in order. A field the map renames is read
 * under that name only: the merchant's word is final, and a wrong map shows as a missing field.
 */
export const storeNamesFor = (type: TypeName, field: string, fieldMap?: FieldMap): readonly string[] => {
  const mapped = fieldMap?.[type]?.[field];
  if (mapped) return [mapped];
  return [field, ...(FIELD_ALIASES[type]?.[field] ?? [])];
};

const sentKeys = (v: Obj): string[] => Object.keys(v).filter((k) => k !== ATTRIBUTES);

const asText = (raw: unknown): string => {
  const v = unwrap(raw);
  if (v === undefined || v === null) return '';
  // A nested structure is kept as JSON, bounded so one odd field cannot swell the record; a scalar as its text.
  return typeof v === 'object' ? JSON.stringify(v).slice(0, 500) : String(v);
};

const STORE_RECORDS = new WeakMap<object, StoreRecord>();

/** What the store sent for a record this module returned ({} for one built elsewhere). */
export const storeRecordOf = (record: object | null | undefined): StoreRecord => (record && STORE_RECORDS.get(record)) || { raw: {}, extras: {} };

export const normaliseStruct = (type: TypeName, raw: unknown, path: string, options: NormaliseOptions = {}): Record<string, string | number> => {
  const v = unwrap(raw);
  if (!isObj(v)) throw new AnswerShapeError(path, `esperado um registro ${type}`);
  const fields = TYPES[type] as Record<string, ScalarKind>;
  const values: Record<string, string | number | undefined> = {};
  const used = new Set<string>();
  for (const [name, kind] of Object.entries(fields)) {
    const storeName = storeNamesFor(type, name, options.fieldMap).find((n) => Object.hasOwn(v, n) && present(v[n]));
    if (storeName === undefined) continue;
    used.add(storeName);
    values[name] = coerceScalar(kind, v[storeName], path ? `${path}.${storeName}` : storeName);
  }
  const has = (field: string) => values[field] !== undefined;
  const missing = (options.requires ?? REQUIRED_FIELDS[type])
    .filter((req) => (typeof req === 'string' ? !has(req) : !req.some(has)))
    .map((req) => (typeof req === 'string' ? req : req.join('|')));
  if (missing.length > 0) {
    const mapped: Record<string, string> = {};
    for (const m of missing) for (const f of m.split('|')) if (options.fieldMap?.[type]?.[f]) mapped[f] = options.fieldMap[type][f];
    throw new MissingFieldsError(path, type, missing, sentKeys(v), mapped);
  }
  const out: Record<string, string | number> = {};
  for (const [name, kind] of Object.entries(fields)) out[name] = values[name] ?? OPTIONAL_DEFAULT[kind];
  const rawFields: Record<string, string> = {};
  const extras: Record<string, string> = {};
  for (const key of sentKeys(v)) {
    rawFields[key] = asText(v[key]);
    if (!used.has(key) && !Object.hasOwn(fields, key)) extras[key] = rawFields[key];
  }
  STORE_RECORDS.set(out, { raw: rawFields, extras });
  return out;
};

const looksLikeStruct = (type: TypeName, v: Obj, fieldMap?: FieldMap): boolean => {
  const names = new Set(Object.keys(TYPES[type]).flatMap((f) => [f, ...storeNamesFor(type, f, fieldMap)]));
  return Object.keys(v).some((k) => names.has(k));
};

/** The elements of a SOAP-ENC array as node-soap parses it: `{attributes, item: x | x[]}`. */
export const arrayElements = (type: TypeName, raw: unknown, path: string, fieldMap?: FieldMap): unknown[] => {
  if (Array.isArray(raw)) return raw;
  const v = unwrap(raw);
  if (v === undefined || v === null || v === '') return [];
  if (!isObj(v)) throw new AnswerShapeError(path, 'esperada uma lista');
  // Some servers answer a one-element list with the bare record.
  if (looksLikeStruct(type, v, fieldMap)) return [v];
  // unwrap() left an object only if it has a child besides `attributes`, so there is at least one key.
  const keys = sentKeys(v);
  if (keys.length > 1) throw new AnswerShapeError(path, `lista com elementos de nomes diferentes (${keys.slice(0, 3).join(', ')})`);
  const items = v[keys[0] as string];
  return Array.isArray(items) ? items : [items];
};

/**
 * The operation's return part out of the response body node-soap gives (`{return: ...}` for
 * NuSOAP; the part name comes from the store's WSDL, so any single part is accepted).
 */
export const returnPart = (body: unknown): unknown => {
  if (!isObj(body)) return body;
  const keys = sentKeys(body);
  if (keys.length === 1) return body[keys[0] as string];
  if (keys.length === 0) return undefined;
  throw new AnswerShapeError('', `resposta com várias partes (${keys.slice(0, 3).join(', ')})`);
};

/** The record's own id (its first `id_` field), when readable: to name a refused record. */
const idOf = (type: TypeName, raw: unknown, fieldMap?: FieldMap): number | null => {
  const v = unwrap(raw);
  const field = Object.keys(TYPES[type]).find((f) => f.startsWith('id'));
  if (!isObj(v) || !field) return null;
  for (const name of storeNamesFor(type, field, fieldMap)) {
    // Read outside the try: only a value that is not an integer means "try the next name".
    const value = v[name];
    try {
      const n = coerceScalar('int', value, name);
      if (typeof n === 'number') return n;
    } catch {
      // not an id: try the next name
    }
  }
  return null;
};

const normaliseList = (type: TypeName, part: unknown, options: NormaliseOptions): Array<Record<string, string | number>> => {
  const good: Array<Record<string, string | number>> = [];
  const refused: RefusedElement[] = [];
  arrayElements(type, part, '', options.fieldMap).forEach((item, index) => {
    try {
      good.push(normaliseStruct(type, item, `[${index}]`, options));
    } catch (error) {
      if (!(error instanceof AnswerShapeError)) throw error;
      refused.push({ index, id: idOf(type, item, options.fieldMap), error });
    }
  });
  if (refused.length > 0) throw new ElementsError(good, refused);
  return good;
};

export const normaliseAnswer = (returns: Returns, body: unknown, options: NormaliseOptions = {}): unknown => {
  const part = returnPart(body);
  if (returns.array) return normaliseList(returns.type, part, options);
  if (part === undefined || part === null || part === '') throw new AnswerShapeError('', 'resposta vazia');
  return normaliseStruct(returns.type, part, '', options);
};
