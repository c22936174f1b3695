/**
 * Property-based tests of the Brazilian parsers and validators: numbers and dates round trip
 * through their Brazilian text, garbage gives an error value (never a throw), S10 tracking codes,
 * CPF and CNPJ (alphanumeric included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateBr, formatDecimalBr, parseBoolean, parseDate, parseInteger, parseNumber, type Cell } from '../../electron/engine/erp/parse.ts';
import { cnpjCheckDigits, cpfCheckDigits, isValidCnpj, isValidCpf, isValidDocument, formatCnpj, formatCpf } from '../../shared/br/documents.ts';
import { checkTrackingCode, s10CheckDigit } from '../../shared/br/tracking.ts';
import { formatMoney } from '../../shared/i18n/index.ts';

const RUNS = { numRuns: 500 };
const cents = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }),
);

describe('Brazilian numbers', () => {
  it('parseNumber(formatDecimalBr(x)) gives x back (to the cent)', () => {
    fc.assert(
      fc.property(cents, (c) => {
        const parsed = parseNumber(formatDecimalBr(c / 100));
        expect(parsed).toEqual({ ok: true, value: c / 100 === 0 ? 0 : c / 100 });
      }),
      RUNS,
    );
  });

  it('parseNumber reads what formatMoney shows (R$, thousands dots, NBSP)', () => {
    fc.assert(
      fc.property(cents, (c) => {
        const parsed = parseNumber(formatMoney(c / 100, 'pt-BR'));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(Math.round(parsed.value * 100)).toBe(c === 0 ? 0 : c);
      }),
      RUNS,
    );
  });

  it('integers round trip and fractions are not integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
        expect(parseInteger(String(n))).toEqual({ ok: true, value: n === 0 ? 0 : n });
        expect(parseInteger(`${n},5`).ok).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('Brazilian dates', () => {
  const day = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('parseDate(formatDateBr(iso)) gives the same day back', () => {
    fc.assert(
      fc.property(day, (iso) => {
        expect(parseDate(formatDateBr(iso))).toEqual({ ok: true, value: iso });
        expect(parseDate(iso)).toEqual({ ok: true, value: iso });
      }),
      RUNS,
    );
  });

  it('impossible days are refused, not rolled over', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 35 }), (y, m, d) => {
        const real = new Date(Date.UTC(y, m - 1, d)).getUTCMonth() === m - 1;
        const text = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
        expect(parseDate(text).ok).toBe(real);
      }),
      RUNS,
    );
  });
});

describe('garbage never throws: it gives an error value', () => {
  it('numbers, integers, dates, booleans', () => {
    fc.assert(
      fc.property(cellArb, (cell) => {
        for (const parse of [parseNumber, parseInteger, parseDate, parseBoolean]) {
          const result = parse(cell) as { ok: boolean; reason?: string; value?: unknown };
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(result.reason).toMatch(/^not/);
        }
        if (typeof cell === 'string') {
          expect(typeof formatDateBr(cell)).toBe('string');
          expect(() => checkTrackingCode(cell)).not.toThrow();
          expect(typeof isValidDocument(cell)).toBe('boolean');
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('Correios S10 tracking codes', () => {
  const prefix = fc.constantFrom('PN', 'AA', 'QB', 'LX', 'OA');
  it('a code built with the right check digit passes (any case, spaces or dashes)', () => {
    fc.assert(
      fc.property(prefix, digits(8), (p, d) => {
        const code = `${p}${d}${s10CheckDigit(d)}BR`;
        expect(checkTrackingCode(code)).toEqual({ kind: 'correios', ok: true, code });
        expect(checkTrackingCode(` ${code.toLowerCase().slice(0, 5)}-${code.slice(5)} `).ok).toBe(true);
      }),
      RUNS,
    );
  });

  it('a wrong check digit always fails', () => {
    fc.assert(
      fc.property(prefix, digits(8), fc.integer({ min: 1, max: 9 }), (p, d, shift) => {
        const wrong = (s10CheckDigit(d) + shift) % 10;
        expect(checkTrackingCode(`${p}${d}${wrong}BR`)).toMatchObject({ kind: 'correios', ok: false, reason: 'check_digit' });
      }),
      RUNS,
    );
  });

  it('changing one of the 8 digits fails, except where S10 maps two remainders to one digit', () => {
    // S10 maps remainder 0 and 6 to check digit 5 (11 → 5, 5 → 5) and 1 to 0: a one-digit change
    // that moves the sum between such remainders keeps the check digit. That is the standard, not
    // a validator bug; every other change must be caught.
    let caught = 0;
    let collisions = 0;
    fc.assert(
      fc.property(digits(8), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), (d, pos, shift) => {
        const code = `PN${d}${s10CheckDigit(d)}BR`;
        const changed = d.slice(0, pos) + String((Number(d[pos]) + shift) % 10) + d.slice(pos + 1);
        const result = checkTrackingCode(`PN${changed}${s10CheckDigit(d)}BR`);
        const collides = s10CheckDigit(changed) === s10CheckDigit(d);
        expect(result.ok).toBe(collides);
        if (collides) collisions += 1;
        else caught += 1;
        expect(code).not.toBe(`PN${changed}${s10CheckDigit(d)}BR`);
      }),
      { numRuns: 2000 },
    );
    expect(caught).toBeGreaterThan(collisions * 5);
  });
});

describe('CPF and CNPJ', () => {
  const cpfBase = digits(9).filter((b) => !/^(\d)\1{8}$/.test(b));
  const cnpjBase = fc
    .array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 12, maxLength: 12 })
    .map((c) => c.join(''))
    .filter((b) => !/^(\d)\1{11}$/.test(b));

  it('generated CPFs pass, formatted or not; a changed check digit fails', () => {
    fc.assert(
      fc.property(cpfBase, fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 9 }), (base, which, shift) => {
        const cpf = base + cpfCheckDigits(base);
        expect(isValidCpf(cpf)).toBe(true);
        expect(isValidCpf(formatCpf(cpf))).toBe(true);
        const check = [...cpf.slice(9)];
        check[which] = String((Number(check[which]) + shift) % 10);
        expect(isValidCpf(base + check.join(''))).toBe(false);
      }),
      RUNS,
    );
  });

  it('generated CNPJs (alphanumeric included) pass; a changed check digit fails', () => {
    fc.assert(
      fc.property(cnpjBase, fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 9 }), (base, which, shift) => {
        const cnpj = base + cnpjCheckDigits(base);
        expect(isValidCnpj(cnpj)).toBe(true);
        expect(isValidCnpj(formatCnpj(cnpj).toLowerCase())).toBe(true);
        expect(isValidDocument(cnpj)).toBe(true);
        const check = [...cnpj.slice(12)];
        check[which] = String((Number(check[which]) + shift) % 10);
        expect(isValidCnpj(base + check.join(''))).toBe(false);
      }),
      RUNS,
    );
  });
});
