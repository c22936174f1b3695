/**
 * The store's own field names, read from its WSDL, against the fields Ponte needs.
 *
 * Tray's WSDL is not public, so Ponte's names are partly modelled: the store's WSDL is the one
 * authority. `parseWsdlTypes` reads its complex types (and which type each operation answers);
 * `compareFields` matches them, type by type, with what the normaliser will look for — the field
 * map first, then our name, then the built-in aliases, in the normaliser's order — and suggests,
 * for each field not found, the store's unclaimed field most like it by name. `applyFieldChecks`
 * turns missing required fields into unavailable features, as a missing operation does.
 * Pure functions: the XML comes in as text.
 */
import { XMLParser } from 'fast-xml-parser';
import type { StoreFieldCheck, StoreFieldReport, StoreTypeReport } from '../../../shared/api/store-fields.ts';
import { FEATURE_REQUIREMENTS, storeNameOf, type Capabilities, type OperationMap } from './capabilities.ts';
import { t } from './messages.ts';
import {
  FIELD_ALIASES,
  OPERATIONS,
  REQUIRED_FIELDS,
  TYPES,
  type Feature,
  type FieldMap,
  type OperationName,
  type Requirement,
  type ScalarKind,
  type TypeName,
} from './operations.ts';

export interface StoreTypeField {
  name: string;
  /** The xsd type as declared, without its prefix (int, decimal, string, …). */
  xsdType: string;
}

export interface WsdlTypes {
  /** Complex types with their fields (arrays are resolved to their element type, not listed). */
  types: Record<string, StoreTypeField[]>;
  /** The store's operation name -> the complex type it answers (an array's element type). */
  returns: Record<string, string>;
}

type Node = Record<string, unknown>;
const asNodes = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]).filter((n): n is Node => typeof n === 'object' && n !== null);
const localName = (qname: unknown): string => (typeof qname === 'string' ? qname.replace(/^.*:/, '') : '');
const attr = (n: Node, name: string): string => (typeof n[`@${name}`] === 'string' ? (n[`@${name}`] as string) : '');

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // A NuSOAP WSDL may carry an <!DOCTYPE>; entities are never expanded.
  processEntities: false,
});

/** Every element named `name` under `node`, at any depth (schemas nest types in several ways). */
const collect = (node: unknown, name: string, out: Node[] = []): Node[] => {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, name, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    if (key === name) out.push(...asNodes(value));
    collect(value, name, out);
  }
  return out;
};

/** The complex types a WSDL declares, and which type each operation answers. Never throws: an unreadable WSDL declares nothing. */
export const parseWsdlTypes = (xml: string): WsdlTypes => {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return { types: {}, returns: {} };
  }
  const defs = asNodes((doc as Node).definitions)[0] ?? {};
  const types: Record<string, StoreTypeField[]> = {};
  const arrays: Record<string, string> = {};
  for (const ct of collect(defs.types, 'complexType')) {
    const name = attr(ct, 'name');
    if (!name) continue;
    const arrayOf = collect(ct, 'attribute').map((a) => attr(a, 'arrayType')).find((v) => v !== '');
    if (arrayOf) {
      arrays[name] = localName(arrayOf).replace(/\[\]$/, '');
      continue;
    }
    types[name] = collect(ct, 'element')
      .map((e) => ({ name: attr(e, 'name'), xsdType: localName(attr(e, 'type')) }))
      .filter((f) => f.name !== '');
  }
  const messages: Record<string, string> = {};
  for (const m of asNodes(defs.message)) {
    const part = asNodes(m.part)[0];
    if (part) messages[attr(m, 'name')] = localName(attr(part, 'type') || attr(part, 'element'));
  }
  const returns: Record<string, string> = {};
  for (const pt of asNodes(defs.portType)) {
    for (const op of asNodes(pt.operation)) {
      const output = asNodes(op.output)[0];
      const type = output ? messages[localName(attr(output, 'message'))] : undefined;
      if (type) returns[attr(op, 'name')] = arrays[type] ?? type;
    }
  }
  return { types, returns };
};

const KIND_OF_XSD: Record<string, ScalarKind> = {
  int: 'int',
  integer: 'int',
  long: 'int',
  short: 'int',
  decimal: 'decimal',
  float: 'decimal',
  double: 'decimal',
  string: 'string',
};

const tokens = (name: string): string[] =>
  name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

const tokenMatches = (a: string, b: string): boolean => a === b || (Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a)));

/** 0..1: how much two field names share, word by word (a shared prefix of 3+ letters counts: prod ~ produto). */
export const nameSimilarity = (a: string, b: string): number => {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const used = new Set<number>();
  let shared = 0;
  for (const x of ta) {
    const j = tb.findIndex((y, i) => !used.has(i) && tokenMatches(x, y));
    if (j >= 0) {
      used.add(j);
      shared += 1;
    }
  }
  return (2 * shared) / (ta.length + tb.length);
};

/** Below this, a store field is no suggestion at all. */
const SUGGESTION_THRESHOLD = 0.3;

const requiredNames = (reqs: readonly Requirement[]): Set<string> => new Set(reqs.flatMap((r) => (typeof r === 'string' ? [r] : [...r])));

/** The store type that answers for ours: the one its operations return, else one of our name. */
const storeTypeOf = (type: TypeName, wsdl: WsdlTypes, operationMap: OperationMap): string | null => {
  for (const op of Object.keys(OPERATIONS) as OperationName[]) {
    if (OPERATIONS[op].returns.type !== type) continue;
    const answered = wsdl.returns[storeNameOf(op, operationMap)];
    if (answered && wsdl.types[answered]) return answered;
  }
  return wsdl.types[type] ? type : null;
};

const compareType = (type: TypeName, storeType: string | null, storeFields: StoreTypeField[], fieldMap: FieldMap): StoreTypeReport => {
  const ours = TYPES[type] as Record<string, ScalarKind>;
  const required = requiredNames(REQUIRED_FIELDS[type]);
  if (storeType === null) return { type, storeType: null, fields: [], extra: [], missingRequired: [] };
  const offered = new Map(storeFields.map((f) => [f.name, f]));
  const claimed = new Set<string>();
  const checks: StoreFieldCheck[] = [];
  for (const field of Object.keys(ours)) {
    const mapped = fieldMap[type]?.[field];
    const check: StoreFieldCheck = { field, required: required.has(field), match: 'missing', storeField: null, mappedTo: null, suggestion: null };
    if (mapped !== undefined) {
      // The map wins over everything, as in the normaliser: a map to a name the store lacks is missing.
      if (offered.has(mapped)) Object.assign(check, { match: 'map', storeField: mapped });
      else check.mappedTo = mapped;
    } else if (offered.has(field)) Object.assign(check, { match: 'matched', storeField: field });
    else {
      const alias = (FIELD_ALIASES[type]?.[field] ?? []).find((a) => offered.has(a));
      if (alias) Object.assign(check, { match: 'alias', storeField: alias });
    }
    if (check.storeField) claimed.add(check.storeField);
    checks.push(check);
  }
  const extra = storeFields.map((f) => f.name).filter((n) => !claimed.has(n));
  // Suggestions: best pairs first, each store field offered once; a field of another kind counts for less.
  const pairs: Array<{ check: StoreFieldCheck; candidate: string; score: number }> = [];
  for (const check of checks) {
    if (check.match !== 'missing') continue;
    const names = [check.field, ...(FIELD_ALIASES[type]?.[check.field] ?? [])];
    for (const candidate of extra) {
      const kind = KIND_OF_XSD[offered.get(candidate)?.xsdType ?? ''];
      const sameKind = kind === undefined || kind === ours[check.field] || (kind === 'int' && ours[check.field] === 'decimal');
      const score = Math.max(...names.map((n) => nameSimilarity(n, candidate))) * (sameKind ? 1 : 0.5);
      if (score >= SUGGESTION_THRESHOLD) pairs.push({ check, candidate, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || Number(b.check.required) - Number(a.check.required));
  const suggested = new Set<string>();
  for (const p of pairs) {
    if (p.check.suggestion !== null || suggested.has(p.candidate)) continue;
    p.check.suggestion = p.candidate;
    suggested.add(p.candidate);
  }
  return { type, storeType, fields: checks, extra, missingRequired: missingOf(REQUIRED_FIELDS[type], checks) };
};

/** Required fields (a group as "a/b") none of whose names the store offers. */
const missingOf = (reqs: readonly Requirement[], checks: StoreFieldCheck[]): string[] => {
  const found = new Set(checks.filter((c) => c.match !== 'missing').map((c) => c.field));
  return reqs.filter((r) => (typeof r === 'string' ? !found.has(r) : !r.some((f) => found.has(f)))).map((r) => (typeof r === 'string' ? r : r.join('/')));
};

/** Type by type, what the store's WSDL offers for the fields Ponte reads. */
export const compareFields = (wsdl: WsdlTypes, fieldMap: FieldMap, operationMap: OperationMap): StoreFieldReport => ({
  types: (Object.keys(TYPES) as TypeName[]).map((type) => {
    const storeType = storeTypeOf(type, wsdl, operationMap);
    return compareType(type, storeType, storeType ? (wsdl.types[storeType] ?? []) : [], fieldMap);
  }),
});

export interface FieldMapSuggestion {
  /** Our type -> our field -> the store's field the comparison suggests, for required fields only. */
  map: Record<string, Record<string, string>>;
  /** Required fields ("Tipo.campo", a group as "Tipo.a/b") the store's WSDL lacks with no suggestion. */
  unsuggested: string[];
}

/**
 * The field map that would supply the required fields the store's WSDL lacks, from the
 * comparison's suggestions, for the given types: what to pass as `--field` (or set in
 * Configurações) after one failed reading, instead of one missing field per try.
 */
export const suggestFieldMap = (report: StoreFieldReport, types: readonly TypeName[]): FieldMapSuggestion => {
  const map: Record<string, Record<string, string>> = {};
  const unsuggested: string[] = [];
  for (const typeReport of report.types) {
    if (!(types as readonly string[]).includes(typeReport.type)) continue;
    for (const missing of typeReport.missingRequired) {
      // A group ("cnpj_cpf/email") needs one of its fields: the first with a suggestion.
      const check = missing
        .split('/')
        .map((f) => typeReport.fields.find((c) => c.field === f))
        .find((c) => c?.suggestion);
      if (check?.suggestion) (map[typeReport.type] ??= {})[check.field] = check.suggestion;
      else unsuggested.push(`${typeReport.type}.${missing}`);
    }
  }
  return { map, unsuggested };
};

/**
 * Features whose required operations answer a type lacking a field that operation needs are
 * unavailable, with the reason naming type and fields. A type the WSDL does not declare proves
 * nothing and disables nothing (the normaliser still checks every record).
 */
export const applyFieldChecks = (caps: Capabilities, report: StoreFieldReport): Capabilities & { fields: StoreFieldReport } => {
  const byType = new Map(report.types.map((r) => [r.type, r]));
  const features = { ...caps.features };
  for (const feature of Object.keys(FEATURE_REQUIREMENTS) as Feature[]) {
    const lacking = new Set<string>();
    for (const op of FEATURE_REQUIREMENTS[feature]) {
      const spec = OPERATIONS[op];
      const typeReport = byType.get(spec.returns.type);
      if (!typeReport || typeReport.storeType === null) continue;
      const reqs = 'requires' in spec && spec.requires ? spec.requires : REQUIRED_FIELDS[spec.returns.type];
      for (const m of missingOf(reqs, typeReport.fields)) lacking.add(`${spec.returns.type}.${m}`);
    }
    if (lacking.size === 0) continue;
    const current = features[feature];
    const fieldsReason = t('feature.missingFields', { fields: [...lacking].join(', ') });
    features[feature] = { ...current, available: false, reason: current.reason ? `${current.reason} ${fieldsReason}` : fieldsReason };
  }
  return { ...caps, features, fields: report };
};
