/**
 * No record reaches Ponte with a required field defaulted: for any type, any well-formed record and
 * any required field (or whole any-of group) removed, blanked or nil'd, the normaliser throws a
 * MissingFieldsError naming the type, that field and the fields the store did send. The same
 * record with the field renamed to the store's own name reads again once the field map says so.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MissingFieldsError, normaliseStruct } from '../../electron/engine/tray/normalize.ts';
import { OPERATIONS, REQUIRED_FIELDS, TYPES, type ScalarKind, type TypeName } from '../../electron/engine/tray/operations.ts';

const typeNames = Object.keys(TYPES) as TypeName[];
const fieldsOf = (req: string | readonly string[]) => (typeof req === 'string' ? [req] : [...req]);

const value = (kind: ScalarKind) =>
  kind === 'string'
    ? fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '')
    : kind === 'int'
      ? fc.integer({ min: -1e6, max: 1e6 })
      : fc.integer({ min: -1e8, max: 1e8 }).map((c) => c / 100);

/** A complete record of a type, every field carrying a value, as node-soap may hand it over. */
const fullRecord = (type: TypeName) =>
  fc.record(Object.fromEntries(Object.entries(TYPES[type] as Record<string, ScalarKind>).map(([f, kind]) => [f, value(kind)])) as Record<string, fc.Arbitrary<string | number>>);

/** Ways a store leaves a field out. */
const removal = fc.constantFrom('absent', 'empty', 'blank', 'nil', 'emptyElement') as fc.Arbitrary<'absent' | 'empty' | 'blank' | 'nil' | 'emptyElement'>;
const removed = (how: 'absent' | 'empty' | 'blank' | 'nil' | 'emptyElement'): unknown =>
  ({ absent: undefined, empty: '', blank: '   ', nil: { attributes: { 'xsi:nil': 'true' } }, emptyElement: { attributes: { 'xsi:type': 'xsd:string' } } })[how];

const caseOf = fc
  .constantFrom(...typeNames)
  .chain((type) => fc.tuple(fc.constant(type), fullRecord(type), fc.constantFrom(...REQUIRED_FIELDS[type]), removal, fc.boolean()));

describe('required fields (property)', () => {
  it('any required field removed from any record makes the normaliser throw, naming it', () => {
    fc.assert(
      fc.property(caseOf, ([type, record, requirement, how, wrapped]) => {
        const sent: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(record)) sent[k] = wrapped ? { attributes: { 'xsi:type': 'xsd:string' }, $value: String(v) } : v;
        for (const f of fieldsOf(requirement)) {
          if (how === 'absent') delete sent[f];
          else sent[f] = removed(how);
        }
        let error: unknown;
        try {
          normaliseStruct(type, sent, '[0]');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(MissingFieldsError);
        const e = error as MissingFieldsError;
        expect(e.type).toBe(type);
        expect(e.missing).toContain(fieldsOf(requirement).join('|'));
        expect(e.sent).toEqual(Object.keys(sent));
        expect(e.message).toContain(type);
        for (const f of fieldsOf(requirement)) expect(e.message).toContain(f);
      }),
      { numRuns: 2000 },
    );
  });

  it('the complete record reads with every field exact, and a renamed field reads through the field map', () => {
    fc.assert(
      fc.property(caseOf, ([type, record, requirement]) => {
        expect(normaliseStruct(type, record, '')).toEqual(record);
        const field = fieldsOf(requirement)[0]!;
        const renamed: Record<string, unknown> = { ...record, loja_campo_x: record[field] };
        for (const f of fieldsOf(requirement)) delete renamed[f];
        expect(() => normaliseStruct(type, renamed, '')).toThrow(MissingFieldsError);
        const out = normaliseStruct(type, renamed, '', { fieldMap: { [type]: { [field]: 'loja_campo_x' } } });
        expect(out[field]).toEqual(record[field]);
      }),
      { numRuns: 500 },
    );
  });

  it('an operation’s own requirements replace its type’s, and are enforced the same way', () => {
    for (const [name, spec] of Object.entries(OPERATIONS)) {
      const requires = 'requires' in spec ? spec.requires : undefined;
      if (!requires) continue;
      for (const req of requires) {
        const record = Object.fromEntries(Object.entries(TYPES[spec.returns.type] as Record<string, ScalarKind>).map(([f, k]) => [f, k === 'string' ? 'x' : 1]));
        for (const f of fieldsOf(req)) delete record[f];
        expect(() => normaliseStruct(spec.returns.type, record, '', { requires }), name).toThrow(MissingFieldsError);
      }
    }
  });
});
