import { describe, expect, it } from 'vitest';
import { cnpjCheckDigits, isValidCnpj, isValidCpf, isValidDocument } from '../../shared/br/documents.ts';
import { checkTrackingCode, s10CheckDigit } from '../../shared/br/tracking.ts';

describe('CPF and CNPJ', () => {
  it('accepts valid CPFs and refuses wrong check digits and repeated digits', () => {
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('52998224726')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
  });
  it('accepts numeric CNPJs', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
  });
  it('accepts alphanumeric CNPJs (Receita Federal test vector 12.ABC.345/01DE-35)', () => {
    expect(cnpjCheckDigits('12ABC34501DE')).toBe('35');
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true);
    expect(isValidCnpj('12.ABC.345/01DE-36')).toBe(false);
    expect(isValidDocument('12ABC34501DE35')).toBe(true);
  });
});

describe('tracking codes', () => {
  it('computes the S10 check digit (12345678 → 5)', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
  });
  it('accepts a Correios code with the right check digit and refuses a wrong one', () => {
    expect(checkTrackingCode('pn 12345678 5 br')).toEqual({ kind: 'correios', ok: true, code: 'PN123456785BR' });
    expect(checkTrackingCode('PN123456784BR')).toMatchObject({ ok: false, reason: 'check_digit' });
  });
  it('accepts other carriers with a warning and refuses garbage', () => {
    expect(checkTrackingCode('JAD1029384756')).toMatchObject({ kind: 'other', ok: true });
    expect(checkTrackingCode('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkTrackingCode('a!')).toMatchObject({ ok: false, reason: 'format' });
  });
});
