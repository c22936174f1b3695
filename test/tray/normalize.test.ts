import { describe, expect, it } from 'vitest';
import { AnswerShapeError, coerceScalar, MissingFieldsError, normaliseAnswer, normaliseStruct, storeNamesFor, storeRecordOf } from '../../electron/engine/tray/normalize.ts';
import { OPERATIONS, OPTIONAL_DEFAULT } from '../../electron/engine/tray/operations.ts';
import { decodeBody, parseFault, parseRetryAfter } from '../../electron/engine/tray/http.ts';
import { authFaultReason, classifyFault, redact, RejectedError } from '../../electron/engine/tray/errors.ts';
import { isNotFound } from '../../electron/engine/tray/client.ts';
import { isNotFoundAnswer, isServerHiccup } from '../../electron/engine/sync/ports.ts';
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
    expect(coerceScalar('int', { attributes: { 'xsi:nil': 'true' } }, 'x')).toBeUndefined();
  });

  it('a malformed answer is an AnswerShapeError naming where, never a half object', () => {
    const bad = { return: { attributes: {}, item: [{ id_marca: w('xsd:int', 1), nome: 'A' }, { id_marca: w('xsd:int', 'abc'), nome: 'B' }] } };
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

describe('store field names: required fields, aliases, the field map, what the store sent', () => {
  const order = { id_pedido: '5001', data: '2026-11-20', hora: '14:05:09', total: '199.90', id_status: '117', status: 'A ENVIAR' };

  it('reads a complete order, defaulting only optional fields', () => {
    const out = normaliseStruct('Pedido', order, '');
    expect(out).toMatchObject({ id_pedido: 5001, data: '2026-11-20', total: 199.9, id_status: 117, status: 'A ENVIAR', frete: 0, observacao: '' });
    expect(OPTIONAL_DEFAULT).toEqual({ int: 0, decimal: 0, string: '' });
  });

  it('refuses a record without a required field, naming the type, the field and what the store sent', () => {
    const store = { id_pedido: '5001', data_cadastro: '2026-11-20', vl_total: '199.90', id_status: '117' };
    let error: unknown;
    try {
      normaliseStruct('Pedido', store, '[3]');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingFieldsError);
    const e = error as MissingFieldsError;
    expect(e.type).toBe('Pedido');
    expect(e.missing).toEqual(['data', 'total']);
    expect(e.sent).toEqual(['id_pedido', 'data_cadastro', 'vl_total', 'id_status']);
    expect(e.path).toBe('[3]');
    expect(e.message).toBe('[3]: registro Pedido sem o(s) campo(s) obrigatório(s) data, total; a loja enviou: id_pedido, data_cadastro, vl_total, id_status');
  });

  it('a required number sent as 0 is a value; an empty, blank or nil one is missing', () => {
    expect(normaliseStruct('Pedido', { ...order, total: '0' }, '').total).toBe(0);
    for (const blank of ['', '  ', w('xsd:decimal'), { attributes: { 'xsi:nil': 'true' } }, null]) {
      expect(() => normaliseStruct('Pedido', { ...order, total: blank }, '')).toThrow(MissingFieldsError);
    }
  });

  it('reads known aliases of public clients (data_pedido, valor_total, status_pedido, cod_referencia)', () => {
    const { data: _d, total: _t, status: _s, ...rest } = order;
    const out = normaliseStruct('Pedido', { ...rest, data_pedido: '2026-11-21', valor_total: '10,50', status_pedido: 'ENVIADO' }, '');
    expect(out).toMatchObject({ data: '2026-11-21', total: 10.5, status: 'ENVIADO' });
    expect(normaliseStruct('ItemPedido', { cod_referencia: 'CAM-01', quantidade: '2', preco: '5' }, '').cod_prod).toBe('CAM-01');
    expect(normaliseStruct('ItemPedido', { referencia: 'CAM-02', quantidade: '2', preco: '5' }, '').cod_prod).toBe('CAM-02');
    // Our own name wins over an alias when both are there.
    expect(normaliseStruct('ItemPedido', { cod_prod: 'A', cod_referencia: 'B', quantidade: 1, preco: 1 }, '').cod_prod).toBe('A');
  });

  it('the field map is final: a mapped field is read under the store’s name only', () => {
    const map = { Pedido: { total: 'vl_total' } };
    expect(normaliseStruct('Pedido', { ...order, total: '1', vl_total: '2' }, '', { fieldMap: map }).total).toBe(2);
    let error: unknown;
    try {
      normaliseStruct('Pedido', { ...order, vl_totall: '2' }, '', { fieldMap: map });
    } catch (e) {
      error = e;
    }
    expect((error as MissingFieldsError).missing).toEqual(['total']);
    expect((error as Error).message).toContain('total (→ vl_total)');
    // A map for another type changes nothing here.
    expect(normaliseStruct('Pedido', order, '', { fieldMap: { ItemPedido: { total: 'x' } } }).total).toBe(199.9);
  });

  it('an any-of group needs one of its fields (customer: document or e-mail)', () => {
    const customer = { cliente: 'Ana', logradouro: 'Rua A', cidade: 'Recife', uf: 'PE', cep: '50000-000' };
    expect(normaliseStruct('ClienteAvancado', { ...customer, email: 'a@b.br' }, '').email).toBe('a@b.br');
    expect(normaliseStruct('ClienteAvancado', { ...customer, cnpj_cpf: '529.982.247-25' }, '').cnpj_cpf).toBe('529.982.247-25');
    let error: unknown;
    try {
      normaliseStruct('ClienteAvancado', customer, '');
    } catch (e) {
      error = e;
    }
    expect((error as MissingFieldsError).missing).toEqual(['cnpj_cpf|email']);
    expect((error as Error).message).toContain('cnpj_cpf ou email');
  });

  it('an operation’s `requires` replaces the type’s (a customer lookup needs no address)', () => {
    const found = { id_cliente: '12', cliente: 'Ana' };
    expect(() => normaliseStruct('ClienteAvancado', found, '')).toThrow(MissingFieldsError);
    expect(normaliseStruct('ClienteAvancado', found, '', { requires: OPERATIONS.fWSImportaClientePorEmail.requires })).toMatchObject({ id_cliente: 12, cliente: 'Ana', logradouro: '' });
    expect(() => normaliseStruct('ClienteAvancado', { cliente: 'Ana' }, '', { requires: OPERATIONS.fWSImportaClientePorEmail.requires })).toThrow(/id_cliente/);
  });

  it('keeps what the store sent beside the record: every field raw, and the ones Ponte does not read', () => {
    const sent = { ...order, valor_total: '5', canal_venda: w('xsd:string', 'Marketplace'), cupom: '', nested: { a: 1 } };
    const out = normaliseStruct('Pedido', sent, '');
    const kept = storeRecordOf(out);
    expect(kept.extras).toEqual({ valor_total: '5', canal_venda: 'Marketplace', cupom: '', nested: '{"a":1}' });
    expect(kept.raw).toMatchObject({ id_pedido: '5001', total: '199.90', canal_venda: 'Marketplace' });
    expect(Object.keys(kept.raw)).toEqual(Object.keys(sent));
    expect(storeRecordOf({})).toEqual({ raw: {}, extras: {} });
    expect(storeRecordOf(null)).toEqual({ raw: {}, extras: {} });
    // Fields read through an alias or the map are not "extra".
    const viaAlias = normaliseStruct('ItemPedido', { cod_referencia: 'X', quantidade: 1, preco: 1, brinde: 'S' }, '');
    expect(storeRecordOf(viaAlias).extras).toEqual({ brinde: 'S' });
  });

  it('finds a bare one-element list by a mapped or aliased field too', () => {
    const item = { cod_referencia: 'X', quantidade: '1', preco: '2' };
    expect(normaliseAnswer({ type: 'ItemPedido', array: true }, { return: item })).toEqual([expect.objectContaining({ cod_prod: 'X' })]);
    const mapped = { codigo_sku: 'Y', quantidade: '1', preco: '2' };
    const out = normaliseAnswer({ type: 'ItemPedido', array: true }, { return: { attributes: {}, item: mapped } }, { fieldMap: { ItemPedido: { cod_prod: 'codigo_sku' } } });
    expect(out).toEqual([expect.objectContaining({ cod_prod: 'Y', quantidade: 1, preco: 2 })]);
    expect(storeNamesFor('ItemPedido', 'cod_prod', { ItemPedido: { cod_prod: 'codigo_sku' } })).toEqual(['codigo_sku']);
    expect(storeNamesFor('ItemPedido', 'cod_prod')).toEqual(['cod_prod', 'cod_referencia', 'referencia', 'reference', 'sku']);
  });

  it('a wrong kind is still an AnswerShapeError at the store’s field name', () => {
    const error = (() => {
      try {
        normaliseStruct('Pedido', { ...order, valor_total: 'abc', total: undefined }, '[0]');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AnswerShapeError);
    expect(error).not.toBeInstanceOf(MissingFieldsError);
    expect((error as AnswerShapeError).path).toBe('[0].valor_total');
  });
});

describe('fault classification (once, in the client)', () => {
  it('classifies Tray’s Portuguese faults into kinds', () => {
    expect(classifyFault('SOAP-ENV:Client', 'Login ou senha inválidos')).toBe('credentials');
    expect(classifyFault('SOAP-ENV:Server', 'Webservice não habilitado para esta loja')).toBe('serviceDisabled');
    expect(classifyFault('SOAP-ENV:Client', 'Loja não encontrada')).toBe('credentials');
    expect(classifyFault('SOAP-ENV:Client', "Operation 'fWSX' is not defined in the WSDL for this service")).toBe('unknownOperation');
    expect(classifyFault('SOAP-ENV:Client', 'Pedido não encontrado')).toBe('notFound');
    expect(classifyFault('SOAP-ENV:Server', 'Produto inexistente')).toBe('notFound');
    expect(classifyFault('SOAP-ENV:Client', 'Produto já cadastrado')).toBe('duplicate');
    expect(classifyFault('SOAP-ENV:Client', 'Campo inválido: preco')).toBe('invalid');
    expect(classifyFault('SOAP-ENV:Server', 'Campo obrigatório: nome')).toBe('invalid');
    expect(classifyFault('SOAP-ENV:Server', 'Erro interno no servidor. Tente novamente mais tarde.')).toBe('serverHiccup');
    expect(classifyFault('SOAP-ENV:Client', 'Estoque bloqueado para edição')).toBe('other');
    expect(classifyFault('', 'Estoque bloqueado')).toBe('other');
  });

  it('RejectedError carries the kind as flags the engine reads (never the text)', () => {
    const hiccup = new RejectedError('fWSImportaPedidos', 'Erro qualquer', 'SOAP-ENV:Server', 'serverHiccup');
    const missing = new RejectedError('fWSImportaProdutoPorCodReferencia', 'texto que não diz nada', 'SOAP-ENV:Client', 'notFound');
    expect([hiccup.serverHiccup, hiccup.notFound, missing.serverHiccup, missing.notFound]).toEqual([true, false, false, true]);
    expect(isServerHiccup(hiccup)).toBe(true);
    expect(isServerHiccup(missing)).toBe(false);
    expect(isNotFound(missing)).toBe(true);
    expect(isNotFoundAnswer(missing)).toBe(true);
    expect(isNotFound(hiccup)).toBe(false);
    // The text alone decides nothing any more.
    expect(isServerHiccup(new RejectedError('x', 'Erro interno no servidor', 'SOAP-ENV:Server'))).toBe(false);
    expect(hiccup.toJSON()).toMatchObject({ fault: 'serverHiccup', faultCode: 'SOAP-ENV:Server' });
  });
});
