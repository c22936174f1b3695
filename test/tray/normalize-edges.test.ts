/**
 * The edges of answer normalisation that a merchant or a maintainer reads off an error or a record:
 * the exact pt-BR wording (where, which type, which fields), numbers as a store may print them, empty
 * answers, list shapes, and the id that names a refused record. Written against Stryker's survivors
 * (issue 12); each case is a behaviour, not a line.
 */
import { describe, expect, it } from 'vitest';
import {
  AnswerShapeError,
  coerceScalar,
  ElementsError,
  MissingFieldsError,
  normaliseAnswer,
  normaliseStruct,
  storeNamesFor,
  storeRecordOf,
} from '../../electron/engine/tray/normalize.ts';

const w = (type: string, $value?: unknown) => ({ attributes: { 'xsi:type': type }, ...($value === undefined ? {} : { $value }) });
const nil = { attributes: { 'xsi:nil': 'true' } };
const order = { id_pedido: '5001', data: '2026-11-20', total: '199.90', id_status: '117' };
const orders = { type: 'Pedido', array: true } as const;
const oneOrder = { type: 'Pedido', array: false } as const;

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

describe('error wording a maintainer reads in the log', () => {
  it('an error about the answer as a whole says "(resposta)", and each class keeps its name', () => {
    for (const body of [{}, { return: null }, { return: '' }]) {
      const e = thrown(() => normaliseAnswer(oneOrder, body)) as AnswerShapeError;
      expect(e).toBeInstanceOf(AnswerShapeError);
      expect(e.name).toBe('AnswerShapeError');
      expect(e.path).toBe('');
      expect(e.message).toBe('(resposta): resposta vazia');
    }
    const missing = thrown(() => normaliseAnswer(oneOrder, { return: { id_pedido: '1' } })) as MissingFieldsError;
    expect(missing.name).toBe('MissingFieldsError');
    expect(missing.path).toBe('');
    expect(missing.message).toBe('(resposta): registro Pedido sem o(s) campo(s) obrigatório(s) data, total, id_status; a loja enviou: id_pedido');
    expect((thrown(() => normaliseAnswer(oneOrder, { return: 'texto' })) as Error).message).toBe('(resposta): esperado um registro Pedido');
  });

  it('a record that came with no fields at all says so instead of an empty list of names', () => {
    const e = thrown(() => normaliseAnswer(oneOrder, { return: w('tns:Pedido', {}) })) as MissingFieldsError;
    expect(e).toBeInstanceOf(MissingFieldsError);
    expect(e.sent).toEqual([]);
    expect(e.message).toBe('(resposta): registro Pedido sem o(s) campo(s) obrigatório(s) id_pedido, data, total, id_status; a loja enviou: (nenhum campo)');
  });

  it('a list with bad records names the first and counts the others; one bad record is named alone', () => {
    const bad = (id: number) => ({ id_pedido: String(id), data: '2026-11-20', id_status: '1' });
    const three = thrown(() => normaliseAnswer(orders, { return: { attributes: {}, item: [order, bad(7), bad(8), bad(9)] } })) as ElementsError;
    expect(three).toBeInstanceOf(ElementsError);
    expect(three.name).toBe('ElementsError');
    expect(three.path).toBe('[1]');
    expect(three.message).toBe('[1]: registro Pedido sem o(s) campo(s) obrigatório(s) total; a loja enviou: id_pedido, data, id_status (+2)');
    expect(three.good).toEqual([expect.objectContaining({ id_pedido: 5001 })]);
    expect(three.refused.map((r) => [r.index, r.id])).toEqual([
      [1, 7],
      [2, 8],
      [3, 9],
    ]);
    const one = thrown(() => normaliseAnswer(orders, { return: { attributes: {}, item: [order, bad(7)] } })) as ElementsError;
    expect(one.reason).toBe('registro Pedido sem o(s) campo(s) obrigatório(s) total; a loja enviou: id_pedido, data, id_status');
  });

  it('a value of the wrong kind is named with its field and what came', () => {
    const at = (fields: Record<string, unknown>) => (thrown(() => normaliseStruct('Pedido', { ...order, ...fields }, '[0]')) as Error).message;
    expect(at({ numero: { a: 1 } })).toBe('[0].numero: esperado um texto');
    expect(at({ total: { a: 1 } })).toBe('[0].total: esperado um número (decimal)');
    expect(at({ id_status: true })).toBe('[0].id_status: esperado um número (int)');
    expect(at({ total: 'R$ 10' })).toBe('[0].total: valor não numérico "R$ 10"');
    expect(at({ id_status: '1.5' })).toBe('[0].id_status: esperado um inteiro, veio 1.5');
    // A long piece of garbage is cut, so the message stays readable in Fila and in the log.
    const long = `erro ${'x'.repeat(60)}`;
    expect(at({ total: long })).toBe(`[0].total: valor não numérico "${long.slice(0, 40)}"`);
  });
});

describe('numbers as a store may print them', () => {
  const dec = (s: unknown) => coerceScalar('decimal', s, 'x');

  it('a dot is the decimal point; a comma is one too, with dots then grouping thousands', () => {
    expect(dec('1234.56')).toBe(1234.56);
    expect(dec('1.234,56')).toBe(1234.56);
    expect(dec('1234,56')).toBe(1234.56);
    expect(dec('-1234,5')).toBe(-1234.5);
    expect(dec('1,5')).toBe(1.5);
    expect(dec('1.234.567,8')).toBe(1234567.8);
    // Without a comma the dot is NuSOAP's decimal point, never a thousands separator.
    expect(dec('1.234')).toBe(1.234);
    expect(dec('.25')).toBe(0.25);
  });

  it('reads PHP’s exponent notation (very large or small floats)', () => {
    expect(dec('1.0E-5')).toBe(0.00001);
    expect(dec('2.5E+12')).toBe(2_500_000_000_000);
    expect(dec('1e3')).toBe(1000);
    expect(dec('1.5E-10')).toBe(1.5e-10);
  });

  it('tolerates spaces around a number, not JavaScript’s other notations', () => {
    expect(dec(' 12 ')).toBe(12);
    expect(dec(' 1.234,56 ')).toBe(1234.56);
    expect(coerceScalar('int', '\n117\t', 'x')).toBe(117);
    // Number() would read these as 16, 3 and 7: a store's text must not turn into another value.
    for (const s of ['0x10', '0b11', '0o7', 'Infinity', '12abc', 'abc12']) expect(() => dec(s)).toThrow(/valor não numérico/);
  });

  it('a text field sent as a number or a boolean keeps its text', () => {
    expect(normaliseStruct('Pedido', { ...order, numero: 5001, observacao: true }, '')).toMatchObject({ numero: '5001', observacao: 'true' });
    expect(coerceScalar('string', 12345678901234567890n, 'x')).toBe('12345678901234567890');
    expect(coerceScalar('string', w('xsd:int', 42), 'x')).toBe('42');
  });
});

describe('lists and answers in every shape a SOAP stack produces', () => {
  const brand = (id: number) => ({ id_marca: String(id), nome: `M${id}` });
  const brands = { type: 'Marca', array: true } as const;

  it('an empty answer to a list is an empty list, whatever form "empty" takes', () => {
    for (const body of [{}, { return: null }, { return: nil }, { return: '' }, { return: w('SOAP-ENC:Array') }]) {
      expect(normaliseAnswer(brands, body)).toEqual([]);
    }
  });

  it('a list already parsed as an array, or a bare record carrying fields Ponte does not know, is read', () => {
    expect(normaliseAnswer(brands, { return: [brand(1), brand(2)] })).toEqual([
      { id_marca: 1, nome: 'M1' },
      { id_marca: 2, nome: 'M2' },
    ]);
    expect(normaliseAnswer(brands, { return: { ...brand(3), slug: 'm3' } })).toEqual([{ id_marca: 3, nome: 'M3' }]);
  });

  it('refuses what is not a list, or a list mixing element names, saying which', () => {
    expect((thrown(() => normaliseAnswer(brands, { return: 'texto' })) as Error).message).toBe('(resposta): esperada uma lista');
    const mixed = { return: { attributes: {}, item: [brand(1)], marca: brand(2), outro: brand(3), quarto: brand(4) } };
    expect((thrown(() => normaliseAnswer(brands, mixed)) as Error).message).toBe('(resposta): lista com elementos de nomes diferentes (item, marca, outro)');
  });

  it('an answer with more than one part is refused, naming up to three parts', () => {
    const e = thrown(() => normaliseAnswer(brands, { return: [brand(1)], extra: 'x', b: 1, c: 2 })) as AnswerShapeError;
    expect(e).toBeInstanceOf(AnswerShapeError);
    expect(e.path).toBe('');
    expect(e.message).toBe('(resposta): resposta com várias partes (return, extra, b)');
    expect(() => normaliseAnswer(oneOrder, { return: order, outro: order })).toThrow('(resposta): resposta com várias partes (return, outro)');
    // Whatever the WSDL calls its one part.
    expect(normaliseAnswer(oneOrder, { attributes: {}, pedido: order })).toMatchObject({ id_pedido: 5001 });
  });

  it('only a shape problem refuses one record; a bug while reading one stops the whole answer', () => {
    const broken = { ...brand(2) };
    Object.defineProperty(broken, 'nome', {
      enumerable: true,
      get() {
        throw new TypeError('bug');
      },
    });
    const e = thrown(() => normaliseAnswer(brands, { return: [brand(1), broken] }));
    expect(e).toBeInstanceOf(TypeError);
    expect(e).not.toBeInstanceOf(AnswerShapeError);
  });
});

describe('the id that names a refused record (Fila: "pedido 5002 recusado")', () => {
  const refusedIds = (items: unknown[], fieldMap?: Record<string, Record<string, string>>) =>
    (thrown(() => normaliseAnswer(orders, { return: items }, { ...(fieldMap && { fieldMap }) })) as ElementsError).refused.map((r) => r.id);
  const noTotal = { data: '2026-11-20', id_status: '1' };

  it('is read under our name, a known alias or the mapped name, in that order', () => {
    expect(refusedIds([{ ...noTotal, id_pedido: '5002' }])).toEqual([5002]);
    expect(refusedIds([{ ...noTotal, codigo_pedido: w('xsd:int', '5003') }])).toEqual([5003]);
    expect(refusedIds([{ ...noTotal, id: '5004', codigo_pedido: '9' }])).toEqual([5004]);
    expect(refusedIds([{ ...noTotal, num_pedido: '5005' }], { Pedido: { id_pedido: 'num_pedido' } })).toEqual([5005]);
  });

  it('is null when no readable integer id came, so the record is named by its position', () => {
    expect(refusedIds([{ ...noTotal, id_pedido: '5006.5' }])).toEqual([null]);
    expect(refusedIds([{ ...noTotal, id_pedido: 'abc', id: '' }])).toEqual([null]);
    expect(refusedIds([noTotal, 'texto', nil])).toEqual([null, null, null]);
  });
});

describe('field names and what the store sent', () => {
  it('a type or field without aliases is read under our name only', () => {
    expect(storeNamesFor('Marca', 'nome')).toEqual(['nome']);
    expect(storeNamesFor('Pedido', 'numero')).toEqual(['numero']);
    expect(storeNamesFor('Pedido', 'total', { Pedido: { id_pedido: 'num' } })).toEqual(['total', 'valor_total', 'total_pedido']);
  });

  it('a field map for other types still lets a missing field be reported as missing', () => {
    const e = thrown(() => normaliseStruct('Pedido', { id_pedido: '1' }, '', { fieldMap: { ItemPedido: { cod_prod: 'sku' } } }));
    expect(e).toBeInstanceOf(MissingFieldsError);
    expect((e as MissingFieldsError).mapped).toEqual({});
  });

  it('a field Ponte does not read never fills one the store left out', () => {
    const out = normaliseStruct('StatusPedido', { id_status: '1', status: 'ENVIADO', undefined: 'x' }, '');
    expect(out).toEqual({ id_status: 1, status: 'ENVIADO', tipo: '' });
    expect(storeRecordOf(out).extras).toEqual({ undefined: 'x' });
  });

  it('keeps nil, null and empty fields as empty text, scalars as text, and long structures cut', () => {
    const nested = { lista: Array.from({ length: 100 }, (_, i) => `valor-${i}`) };
    const out = normaliseStruct('Pedido', { ...order, nada: nil, nulo: null, vazio: w('xsd:string'), n: 7, b: false, grande: 12n, aninhado: nested }, '');
    const extras = storeRecordOf(out).extras;
    expect(extras).toMatchObject({ nada: '', nulo: '', vazio: '', n: '7', b: 'false', grande: '12' });
    expect(extras.aninhado).toBe(JSON.stringify(nested).slice(0, 500));
    expect(extras.aninhado).toHaveLength(500);
  });
});
