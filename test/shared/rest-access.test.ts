/** What the merchant pastes from Tray's install callback: the code, and the API address when it is there. */
import { describe, expect, it } from 'vitest';
import { INPUTS } from '../../shared/api/contract.ts';
import { normalizeApiAddress, parsePastedAuthorization } from '../../shared/api/rest-access.ts';

describe('parsePastedAuthorization', () => {
  it('takes the code and the api_address from the whole callback address', () => {
    const pasted = 'https://integrador.example.com/retorno?code=a1b2c3d4e5&api_address=https%3A%2F%2Floja.example.com.br%2Fweb_api&store=391250&store_host=https%3A%2F%2Floja.example.com.br';
    expect(parsePastedAuthorization(pasted)).toEqual({ ok: true, code: 'a1b2c3d4e5', apiAddress: 'https://loja.example.com.br/web_api' });
  });

  it('an unencoded api_address, a trailing slash and spaces around are fine', () => {
    expect(parsePastedAuthorization('  http://127.0.0.1:8080/retorno?store=1&code=ponte-demo-code&api_address=http://127.0.0.1:8080/web_api/  ')).toEqual({
      ok: true,
      code: 'ponte-demo-code',
      apiAddress: 'http://127.0.0.1:8080/web_api',
    });
  });

  it('the code alone, or the query string alone', () => {
    expect(parsePastedAuthorization('9f8e7d6c5b4a')).toEqual({ ok: true, code: '9f8e7d6c5b4a', apiAddress: null });
    expect(parsePastedAuthorization('?code=9f8e7d&store=3')).toEqual({ ok: true, code: '9f8e7d', apiAddress: null });
    expect(parsePastedAuthorization('code=9f8e7d&api_address=loja.example.com.br/web_api')).toEqual({ ok: true, code: '9f8e7d', apiAddress: 'https://loja.example.com.br/web_api' });
  });

  it('parameters after a # (a single-page callback)', () => {
    expect(parsePastedAuthorization('https://app.example.com/#/retorno?code=xyz123&api_address=https://loja.example.com.br/web_api')).toEqual({
      ok: true,
      code: 'xyz123',
      apiAddress: 'https://loja.example.com.br/web_api',
    });
  });

  it('names what is wrong: nothing pasted, an address without code, a code that is not one, a bad api_address', () => {
    expect(parsePastedAuthorization('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(parsePastedAuthorization('https://loja.example.com.br/retorno?store=1')).toEqual({ ok: false, problem: 'noCode' });
    expect(parsePastedAuthorization('https://loja.example.com.br/retorno?code=')).toEqual({ ok: false, problem: 'noCode' });
    expect(parsePastedAuthorization('o código é abc')).toEqual({ ok: false, problem: 'badCode' });
    expect(parsePastedAuthorization('https://x.example.com/r?code=ab%20cd')).toEqual({ ok: false, problem: 'badCode' });
    expect(parsePastedAuthorization('https://x.example.com/r?code=abc&api_address=ftp://loja.example.com.br/web_api')).toEqual({ ok: false, problem: 'badAddress' });
    expect(parsePastedAuthorization('https://x.example.com/r?code=abc&api_address=javascript:alert(1)')).toEqual({ ok: false, problem: 'badAddress' });
  });
});

describe('normalizeApiAddress', () => {
  it('keeps scheme, host, port and path; drops the query, fragment and trailing slashes', () => {
    expect(normalizeApiAddress('https://loja.example.com.br/web_api/?x=1#y')).toBe('https://loja.example.com.br/web_api');
    expect(normalizeApiAddress('http://127.0.0.1:4010/web_api')).toBe('http://127.0.0.1:4010/web_api');
    expect(normalizeApiAddress('loja.example.com.br/web_api')).toBe('https://loja.example.com.br/web_api');
    expect(normalizeApiAddress('web_api')).toBeNull();
    expect(normalizeApiAddress('https://a b.com/web_api')).toBeNull();
  });
});

describe('the contract’s REST inputs', () => {
  it('store.authorize takes an http(s) address and a code, nothing else', () => {
    expect(INPUTS['store.authorize'].safeParse({ apiAddress: 'https://loja.example.com.br/web_api', code: 'abc' }).success).toBe(true);
    expect(INPUTS['store.authorize'].safeParse({ apiAddress: 'file:///etc/passwd', code: 'abc' }).success).toBe(false);
    expect(INPUTS['store.authorize'].safeParse({ apiAddress: 'https://loja.example.com.br/web_api', code: 'a b' }).success).toBe(false);
    expect(INPUTS['store.authorize'].safeParse({ apiAddress: 'https://loja.example.com.br/web_api', code: 'abc', token: 'x' }).success).toBe(false);
  });
  it('store.testConnection takes the transport and the REST fields', () => {
    expect(INPUTS['store.testConnection'].safeParse({ transport: 'rest', apiAddress: 'https://loja.example.com.br/web_api', consumerKey: 'k' }).success).toBe(true);
    expect(INPUTS['store.testConnection'].safeParse({ transport: 'ftp' }).success).toBe(false);
  });
});
