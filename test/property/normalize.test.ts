/**
 * The SOAP normaliser under arbitrary input: nested {attributes,$value}, arrays of 0/1/n elements,
 * records with declared and undeclared fields. It returns the declared shape or throws
 * AnswerShapeError, never a TypeError; well-formed answers in any of node-soap's forms normalise
 * to the same record.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswerShapeError, normaliseAnswer } from '../../electron/engine/tray/normalize.ts';
import { REQUIRED_FIELDS, TYPES, type ScalarKind, type TypeName } from '../../electron/engine/tray/operations.ts';

const typeNames = Object.keys(TYPES) as TypeName[];
const allFields = [...new Set(typeNames.flatMap((t) => Object.keys(TYPES[t])))];

const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.record({ attributes: fc.dictionary(fc.constantFrom('xsi:type', 'xsi:nil', 'SOAP-ENC:arrayType'), fc.string()), $value: tie('node') }, { requiredKeys: ['attributes'] }),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...allFields, 'item', 'return', 'attributes'), fc.string({ maxLength: 5 })), tie('node'), { maxKeys: 5 }),
  ),
}));

const shapeOf = (type: TypeName, value: unknown) => {
  expect(typeof value).toBe('object');
  const fields = TYPES[type] as Record<string, ScalarKind>;
  for (const [name, kind] of Object.entries(fields)) {
    const v = (value as Record<string, unknown>)[name];
    if (kind === 'string') expect(typeof v).toBe('string');
    else expect(Number.isFinite(v)).toBe(true);
    if (kind === 'int') expect(Number.isInteger(v)).toBe(true);
  }
};

describe('SOAP normaliser under arbitrary input', () => {
  it('returns the declared shape or throws AnswerShapeError, nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...typeNames), fc.boolean(), node, (type, array, body) => {
        let result: unknown;
        try {
          result = normaliseAnswer({ type, array }, body);
        } catch (error) {
          expect(error).toBeInstanceOf(AnswerShapeError);
          return;
        }
        if (array) {
          expect(Array.isArray(result)).toBe(true);
          for (const item of result as unknown[]) shapeOf(type, item);
        } else shapeOf(type, result);
      }),
      { numRuns: 3000 },
    );
  });

  const scalar = (kind: ScalarKind) =>
    kind === 'string' ? fc.string({ maxLength: 20 }) : kind === 'int' ? fc.integer({ min: -1e6, max: 1e6 }) : fc.integer({ min: -1e8, max: 1e8 }).map((c) => c / 100);
  // Required text fields carry a value (a blank one is a missing field, tested in required-fields.test.ts).
  const required = (type: TypeName) => new Set(REQUIRED_FIELDS[type].flatMap((r) => (typeof r === 'string' ? [r] : [...r])));
  const recordOf = (type: TypeName) =>
    fc.record(
      Object.fromEntries(
        Object.entries(TYPES[type] as Record<string, ScalarKind>).map(([k, kind]) => [
          k,
          kind === 'string' && required(type).has(k) ? fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '') : scalar(kind),
        ]),
      ) as Record<string, fc.Arbitrary<string | number>>,
    );
  /** A value the way node-soap may hand it over: bare, or wrapped with a type attribute (numbers as text). */
  const wire = (v: string | number) =>
    fc.constantFrom(
      v,
      { attributes: { 'xsi:type': typeof v === 'number' ? 'xsd:decimal' : 'xsd:string' }, $value: typeof v === 'number' ? String(v) : v },
    );

  it('well-formed records in arrays of 0, 1 or n, wrapped or bare, normalise to the record', () => {
    const type: TypeName = 'Pedido';
    fc.assert(
      fc.property(
        fc.array(recordOf(type), { maxLength: 4 }).chain((records) =>
          fc.tuple(
            fc.constant(records),
            fc.tuple(...records.map((r) => fc.tuple(...Object.values(r).map(wire)).map((vals) => Object.fromEntries(Object.keys(r).map((k, i) => [k, vals[i]]))))),
          ),
        ),
        fc.boolean(),
        ([records, wired], bareSingle) => {
          // A blank optional text is absent: it reads as its default, ''.
          const expected = records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? (v.trim() === '' ? '' : v) : v === 0 ? 0 : v])));
          // node-soap: no items -> empty element; one -> a lone object (or the bare record); many -> an array.
          const arrayNode =
            wired.length === 0
              ? { attributes: { 'xsi:type': 'SOAP-ENC:Array' } }
              : wired.length === 1
                ? bareSingle
                  ? wired[0]
                  : { attributes: {}, item: wired[0] }
                : { attributes: {}, item: wired };
          const result = normaliseAnswer({ type, array: true }, { return: arrayNode }) as Array<Record<string, unknown>>;
          expect(result.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 0 ? 0 : v])))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
