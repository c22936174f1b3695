import { describe, expect, it } from 'vitest';
import { AnswerShapeError, coerceScalar, normaliseAnswer } from '../../electron/engine/tray/normalize.ts';
import { decodeBody, parseFault, parseRetryAfter } from '../../electron/engine/tray/http.ts';
import { authFaultReason, redact } from '../../electron/engine/tray/errors.ts';
import iconv from 'iconv-lite';

const w = (type: string, $value?: unknown) => ({ attributes: { 'xsi:type': type }, ...($value === undefined ? {} : { $value }) });

describe('answer normalisation', () => {
  it('unwraps {attributes,$value}, coerces kinds and defaults missing fields', () => {
    const raw = { return: { attributes: {}, id_status: w('xsd:int', '117'), status: w('xsd:string', 'ENVIADO') } };
    expect(normaliseAnswer({ type: 'StatusPedido', array: false }, raw)).toEqual({ id_status: 117, status: 'ENVIADO', tipo: '' });
  });

  it('makes arrays of 0, 1 and many elements arrays', () => {
    const item = (id: number) => ({ id_marca: w('xsd:int', id), nome: w('xsd:string', `M${id}`) });
    const spec = { type: 'Marca', array: true } as const;
    expect(normaliseAnswer(spec, { return: w('SOAP-ENC:Array') })).toEqual([]);
    expect(normaliseAnswer(spec, { return: '' })).toEqual([]);
    expect(normaliseAnswer(spec, { return: { attributes: {}, item: item(1) } })).toEqual([{ id_marca: 1, nome: 'M1' }]);
    expect(normaliseAnswer(spec, { return: { attributes: {}, item: [item(1), item(2)] } })).toHaveLength(2);
    // A bare record where a one-element list was expected.
    expect(normaliseAnswer(spec, { return: item(3) })).toEqual([{ id_marca: 3, nome: 'M3' }]);
  });

  it('reads decimals with a dot or a Brazilian decimal comma', () => {
    expect(coerceScalar('decimal', '1234.56', 'x')).toBe(1234.56);
    expect(coerceScalar('decimal', '1.234,56', 'x')).toBe(1234.56);
    expect(coerceScalar('decimal', '12,5', 'x')).toBe(12.5);
    expect(coerceScalar('decimal', w('xsd:decimal', 7.25), 'x')).toBe(7.25);
    expect(coerceScalar('int', { attributes: { 'xsi:nil': 'true' } }, 'x')).toBe(0);
  });

  it('a malformed answer is an AnswerShapeError naming where, never a half object', () => {
    const bad = { return: { attributes: {}, item: [{ id_marca: w('xsd:int', 1) }, { id_marca: w('xsd:int', 'abc') }] } };
    const error = (() => {
      try {
        normaliseAnswer({ type: 'Marca', array: true }, bad);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AnswerShapeError);
    expect((error as AnswerShapeError).path).toBe('[1].id_marca');
    expect(() => normaliseAnswer({ type: 'Pedido', array: false }, { return: 'texto' })).toThrow(AnswerShapeError);
    expect(() => normaliseAnswer({ type: 'Pedido', array: false }, {})).toThrow(AnswerShapeError);
    expect(() => coerceScalar('int', '1.5', 'q')).toThrow(AnswerShapeError);
    expect(() => coerceScalar('string', { a: { b: 1 } }, 's')).toThrow(AnswerShapeError);
  });
});

describe('wire helpers', () => {
  it('decodes by Content-Type charset, else the XML prolog, and distrusts a UTF-8 label over Latin-1 bytes', () => {
    const latin = iconv.encode('<?xml version="1.0" encoding="ISO-8859-1"?><a>São Paulo, Conceição</a>', 'latin1');
    expect(decodeBody(latin, 'text/xml; charset=ISO-8859-1')).toContain('São Paulo, Conceição');
    expect(decodeBody(latin, 'text/xml')).toContain('São Paulo, Conceição');
    expect(decodeBody(latin, 'text/xml; charset=utf-8')).toContain('São Paulo, Conceição');
    expect(decodeBody(Buffer.from('<a>Ação</a>', 'utf8'), 'text/xml; charset=utf-8')).toBe('<a>Ação</a>');
    // ...and UTF-8 bytes under a Latin-1 label.
    expect(decodeBody(Buffer.from('<a>Ação</a>', 'utf8'), 'text/xml; charset=ISO-8859-1')).toBe('<a>Ação</a>');
  });

  it('parses faults and Retry-After', () => {
    const fault =
      '<SOAP-ENV:Envelope xmlns:SOAP-ENV="x"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode xsi:type="xsd:string">SOAP-ENV:Client</faultcode><faultstring xsi:type="xsd:string">Pedido não encontrado</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>';
    expect(parseFault(fault)).toEqual({ faultCode: 'SOAP-ENV:Client', faultString: 'Pedido não encontrado' });
    expect(parseFault('<html>500</html>')).toBeNull();
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10_000);
    expect(parseRetryAfter(undefined, 0)).toBeNull();
  });

  it('recognises Portuguese auth faultstrings and nothing else', () => {
    expect(authFaultReason('Login ou senha inválidos')).toBe('credentials');
    expect(authFaultReason('Loja não encontrada')).toBe('credentials');
    expect(authFaultReason('Webservice não habilitado para esta loja')).toBe('serviceDisabled');
    expect(authFaultReason('Pedido não encontrado')).toBeNull();
    expect(authFaultReason('Campo inválido: preco')).toBeNull();
  });

  it('redacts a secret plain and XML-escaped', () => {
    expect(redact('a <psenha>p&amp;w</psenha> p&w', 'p&w')).toBe('a <psenha>***</psenha> ***');
  });
});
