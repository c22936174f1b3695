/**
 * Turns what node-soap makes of a NuSOAP answer into the plain typed objects the catalogue
 * promises: `{attributes, $value}` unwrapped, numbers as numbers, SOAP-ENC arrays of 0, 1 or many
 * elements always as arrays, missing fields defaulted. Anything that cannot be read that way throws
 * `AnswerShapeError` (the client turns it into MalformedAnswerError), never a half object.
 * Pure functions only: the validator is generated from the catalogue's TYPES.
 */
import { TYPES, type Returns, type ScalarKind, type TypeName } from './operations.ts';

export class AnswerShapeError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || '(resposta)'}: ${reason}`);
    this.name = 'AnswerShapeError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ATTRIBUTES = 'attributes';
const VALUE = '$value';

const isNil = (v: Obj): boolean => {
  const attrs = v[ATTRIBUTES];
  if (!isObj(attrs)) return false;
  return Object.entries(attrs).some(([k, a]) => /(^|:)nil$/.test(k) && String(a) === 'true');
};

/** `{attributes, $value}` -> the value; an empty or nil element -> undefined. */
export const unwrap = (v: unknown): unknown => {
  if (!isObj(v)) return v;
  if (Object.hasOwn(v, VALUE)) return v[VALUE];
  const keys = Object.keys(v).filter((k) => k !== ATTRIBUTES);
  if (keys.length === 0) return isNil(v) ? undefined : '';
  return v;
};

const DECIMAL_COMMA = /^[-+]?\d{1,3}(\.\d{3})*,\d+$|^[-+]?\d+,\d+$/;

export const coerceScalar = (kind: ScalarKind, raw: unknown, path: string): string | number => {
  const v = unwrap(raw);
  if (v === undefined || v === null || v === '') return kind === 'string' ? '' : 0;
  if (kind === 'string') {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    throw new AnswerShapeError(path, 'esperado um texto');
  }
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return 0;
    // NuSOAP sends dots; a decimal comma (as PHP number_format would print) is accepted too.
    const normal = DECIMAL_COMMA.test(s) ? s.replace(/\./g, '').replace(',', '.') : s;
    n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
  } else throw new AnswerShapeError(path, `esperado um número (${kind})`);
  if (!Number.isFinite(n)) throw new AnswerShapeError(path, `valor não numérico "${String(v).slice(0, 40)}"`);
  if (kind === 'int' && !Number.isInteger(n)) throw new AnswerShapeError(path, `esperado um inteiro, veio ${n}`);
  return n;
};

export const normaliseStruct = (type: TypeName, raw: unknown, path: string): Record<string, string | number> => {
  const v = unwrap(raw);
  if (!isObj(v)) throw new AnswerShapeError(path, `esperado um registro ${type}`);
  // A record with none of the declared fields (a list, another type) would otherwise read as all
  // zeros and blanks: an order with total 0 is worse than no order.
  if (!looksLikeStruct(type, v)) {
    const keys = Object.keys(v).filter((k) => k !== ATTRIBUTES);
    throw new AnswerShapeError(path, `esperado um registro ${type}, veio (${keys.slice(0, 3).join(', ')})`);
  }
  const fields = TYPES[type] as Record<string, ScalarKind>;
  const out: Record<string, string | number> = {};
  for (const [name, kind] of Object.entries(fields)) out[name] = coerceScalar(kind, v[name], path ? `${path}.${name}` : name);
  return out;
};

const looksLikeStruct = (type: TypeName, v: Obj): boolean => Object.keys(v).some((k) => Object.hasOwn(TYPES[type], k));

/** The elements of a SOAP-ENC array as node-soap parses it: `{attributes, item: x | x[]}`. */
export const arrayElements = (type: TypeName, raw: unknown, path: string): unknown[] => {
  if (Array.isArray(raw)) return raw;
  const v = unwrap(raw);
  if (v === undefined || v === null || v === '') return [];
  if (!isObj(v)) throw new AnswerShapeError(path, 'esperada uma lista');
  // Some servers answer a one-element list with the bare record.
  if (looksLikeStruct(type, v)) return [v];
  const keys = Object.keys(v).filter((k) => k !== ATTRIBUTES);
  if (keys.length === 0) return [];
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
  const keys = Object.keys(body).filter((k) => k !== ATTRIBUTES);
  if (keys.length === 1) return body[keys[0] as string];
  if (keys.length === 0) return undefined;
  throw new AnswerShapeError('', `resposta com várias partes (${keys.slice(0, 3).join(', ')})`);
};

export const normaliseAnswer = (returns: Returns, body: unknown): unknown => {
  const part = returnPart(body);
  if (returns.array) return arrayElements(returns.type, part, '').map((item, i) => normaliseStruct(returns.type, item, `[${i}]`));
  if (part === undefined || part === null || part === '') throw new AnswerShapeError('', 'resposta vazia');
  return normaliseStruct(returns.type, part, '');
};
