/**
 * Answers the emulator never gives: a stand-in server publishes the emulator's WSDL and answers
 * each call with a canned body, to check how the client treats malformed answers, a write the
 * store says it did not apply, a 503 with Retry-After, and a mislabelled charset.
 */
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../electron/emulator/index.ts';
import { MalformedAnswerError, OutcomeUnknownError, RejectedError } from '../../electron/engine/tray/errors.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';

type Canned = { status: number; headers?: Record<string, string>; body: Buffer | string };
let wsdl = '';
let server: http.Server;
let url = '';
let cacheDir = '';
const queue: Canned[] = [];
let posts = 0;

const envelope = (op: string, inner: string) =>
  `<?xml version="1.0" encoding="ISO-8859-1"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:${op}Response xmlns:ns1="urn:ws_servidor">${inner}</ns1:${op}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
const statusItem = (id: string, name: string) =>
  `<item xsi:type="tns:StatusPedido"><id_status xsi:type="xsd:int">${id}</id_status><status xsi:type="xsd:string">${name}</status><tipo xsi:type="xsd:string">aberto</tipo></item>`;
const retorno = (status: string, mensagem: string) =>
  `<return xsi:type="tns:Retorno"><status xsi:type="xsd:string">${status}</status><id xsi:type="xsd:int">0</id><mensagem xsi:type="xsd:string">${mensagem}</mensagem></return>`;

beforeAll(async () => {
  const emulator = await startEmulator({});
  wsdl = await (await fetch(emulator.wsdlUrl)).text();
  await emulator.close();
  server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(wsdl);
      return;
    }
    req.resume();
    req.on('end', () => {
      posts++;
      const next = queue.shift() ?? { status: 500, body: 'no canned answer' };
      res.writeHead(next.status, { 'content-type': 'text/xml; charset=ISO-8859-1', ...next.headers }).end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/webservice/v2/ws_servidor.php`;
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'ponte-tray-answers-'));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

const client = () => new TrayClient({ url, storeId: '1', login: 'webservice', password: 'x', cacheDir, retry: { baseDelayMs: 1, maxDelayMs: 2 } });

describe('answers the emulator never gives', () => {
  it('a number that is not one is a MalformedAnswerError naming the field (no half list)', async () => {
    queue.push({ status: 200, body: envelope('fWSImportaStatusPedido', `<return xsi:type="SOAP-ENC:Array">${statusItem('101', 'OK')}${statusItem('1x7', 'RUIM')}</return>`) });
    const error = await client().listStatuses().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedAnswerError);
    expect((error as MalformedAnswerError).path).toBe('[1].id_status');
    expect((error as Error).message).toMatch(/dados que não entendemos/);
  });

  it('a write answered with status other than ok is a RejectedError with the store message', async () => {
    queue.push({ status: 200, body: iconv.encode(envelope('fWSAtualizaEstoqueProduto', retorno('erro', 'Estoque bloqueado para edição')), 'latin1') });
    const error = await client().updateStock(5, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RejectedError);
    expect((error as RejectedError).storeMessage).toBe('Estoque bloqueado para edição');
  });

  it('a write answered with something unreadable is an OutcomeUnknownError, not retried', async () => {
    posts = 0;
    queue.push({ status: 200, body: envelope('fWSAtualizaEstoqueProduto', '<return xsi:type="xsd:string">feito</return>') });
    const error = await client().updateStock(5, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(posts).toBe(1);
  });

  it('a read answered 503 with Retry-After is retried after it', async () => {
    posts = 0;
    const waits: number[] = [];
    const c = new TrayClient({ url, storeId: '1', login: 'webservice', password: 'x', cacheDir, sleep: async (ms) => void waits.push(ms) });
    queue.push({ status: 503, headers: { 'retry-after': '2', 'content-type': 'text/html' }, body: '<html>Service Unavailable</html>' });
    queue.push({ status: 200, body: envelope('fWSImportaStatusPedido', `<return xsi:type="SOAP-ENC:Array">${statusItem('263', 'ENVIADO')}</return>`) });
    expect(await c.listStatuses()).toEqual([{ id_status: 263, status: 'ENVIADO', tipo: 'aberto' }]);
    expect(posts).toBe(2);
    expect(waits).toContain(2000);
  });

  it('Latin-1 bytes under a UTF-8 label are still read right', async () => {
    const body = iconv.encode(envelope('fWSImportaStatusPedido', `<return xsi:type="SOAP-ENC:Array">${statusItem('188', 'EM SEPARAÇÃO')}</return>`), 'latin1');
    queue.push({ status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body });
    expect((await client().listStatuses())[0]!.status).toBe('EM SEPARAÇÃO');
  });
});
