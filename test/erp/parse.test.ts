import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  decodeText,
  detectDelimiter,
  excelSerialToIso,
  formatDateBr,
  normalizeHeader,
  parseBoolean,
  parseDate,
  parseInteger,
  parseNumber,
} from '../../electron/engine/erp/parse.ts';
import { characteristicColumnName, columnForHeader, PRODUCTS } from '../../electron/engine/erp/columns.ts';
import { parseCharacteristicList, parseStatus } from '../../electron/engine/erp/rows.ts';

const num = (text: string | number) => {
  const r = parseNumber(text);
  return r.ok ? r.value : null;
};

describe('parseNumber (Brazilian first)', () => {
  it.each([
    ['1.234,56', 1234.56],
    ['12,5', 12.5],
    ['1234.56', 1234.56],
    ['12.5', 12.5],
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ['0.500', 0.5],
    ['1,234.56', 1234.56],
    ['R$ 1.234,56', 1234.56],
    ['-3', -3],
    ['10', 10],
    [',5', null],
    ['12,3,4', null],
    ['1.23.4', null],
    ['abc', null],
    ['', null],
    [42.25, 42.25],
  ])('%s → %s', (input, expected) => {
    expect(num(input)).toBe(expected);
  });

  it('integers refuse fractions', () => {
    expect(parseInteger('2,5')).toEqual({ ok: false, reason: 'notInteger' });
    expect(parseInteger('1.000')).toEqual({ ok: true, value: 1000 });
  });
});

describe('parseDate', () => {
  it.each([
    ['29/11/2026', '2026-11-29'],
    ['1/2/2027', '2027-02-01'],
    ['29-11-26', '2026-11-29'],
    ['29/11/2026 14:30', '2026-11-29'],
    ['2026-11-29', '2026-11-29'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });
  it.each(['31/02/2027', '2/13/2026', 'amanhã', ''])('refuses %s', (input) => {
    expect(parseDate(input).ok).toBe(false);
  });
  it('reads Excel date cells and serials', () => {
    expect(parseDate(new Date(Date.UTC(2026, 10, 29)))).toEqual({ ok: true, value: '2026-11-29' });
    expect(excelSerialToIso(46355)).toBe('2026-11-29');
    expect(parseDate(46355)).toEqual({ ok: true, value: '2026-11-29' });
  });
});

describe('formatDateBr', () => {
  it('dates as written; instants on their day in Brasília time', () => {
    expect(formatDateBr('2027-02-14')).toBe('14/02/2027');
    expect(formatDateBr('2026-11-21T02:30:00.000Z')).toBe('20/11/2026');
    expect(formatDateBr('2026-11-20T14:30:00-03:00')).toBe('20/11/2026');
    expect(formatDateBr(null)).toBe('');
  });
});

describe('parseBoolean', () => {
  it.each([['Sim', true], ['não', false], ['S', true], ['N', false], ['VERDADEIRO', true], [true, true], [0, false]] as const)('%s → %s', (input, expected) => {
    expect(parseBoolean(input)).toEqual({ ok: true, value: expected });
  });
  it('refuses anything else', () => expect(parseBoolean('talvez').ok).toBe(false));
});

describe('headers', () => {
  it('ignore case, accents and punctuation', () => {
    expect(normalizeHeader('Cod. Referência')).toBe('cod referencia');
    for (const h of ['SKU', 'código', 'COD. REFERENCIA', 'cod_prod']) expect(columnForHeader(PRODUCTS, h)?.field).toBe('sku');
    for (const h of ['Preço', 'preco', 'VALOR']) expect(columnForHeader(PRODUCTS, h)?.field).toBe('price');
    expect(columnForHeader(PRODUCTS, 'promo_price')?.field).toBe('promoPrice');
    expect(columnForHeader(PRODUCTS, 'Cor')).toBeUndefined();
  });
  it('characteristic columns and lists', () => {
    expect(characteristicColumnName('Caract: Cor')).toBe('Cor');
    expect(characteristicColumnName('Característica - Tamanho')).toBe('Tamanho');
    expect(characteristicColumnName('Características')).toBeNull();
    expect(parseCharacteristicList('Cor=Azul|Tamanho=M')).toEqual({ Cor: 'Azul', Tamanho: 'M' });
    expect(parseCharacteristicList('Azul')).toBeNull();
  });
  it('statuses by label or code', () => {
    expect(parseStatus('Em separação')).toBe('em_separacao');
    expect(parseStatus('aguardando_pagamento')).toBe('aguardando_pagamento');
    expect(parseStatus('Voando')).toBeNull();
  });
});

describe('CSV encodings and separators', () => {
  it('UTF-8 with BOM, UTF-8, Windows-1252', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Preço')]))).toEqual({ text: 'Preço', encoding: 'utf-8-bom' });
    expect(decodeText(Buffer.from('Preço'))).toEqual({ text: 'Preço', encoding: 'utf-8' });
    expect(decodeText(iconv.encode('Preço ção', 'win1252'))).toEqual({ text: 'Preço ção', encoding: 'windows-1252' });
  });
  it('; unless the header line has none', () => {
    expect(detectDelimiter('a;b,c\n1;2')).toBe(';');
    expect(detectDelimiter('a,b\n"1;2",3')).toBe(',');
    expect(detectDelimiter('"x;y",b\n1,2')).toBe(',');
    expect(detectDelimiter('a\tb')).toBe('\t');
  });
});

describe('parseNumber round trip (property)', async () => {
  const fc = (await import('fast-check')).default;
  it('any amount written the Brazilian way (with or without thousands) reads back', () => {
    const br = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.boolean(), (cents, grouped) => {
        const value = cents / 100;
        const text = grouped ? br.format(value) : value.toFixed(2).replace('.', ',');
        expect(num(text)).toBeCloseTo(value, 2);
      }),
    );
  });
});
