/**
 * Hostile SOAP answers: a raw 127.0.0.1 server serves the emulator's real WSDL on GET and a chosen
 * hostile body on POST. Each answer must end in a named Tray error with a pt-BR message, writes in
 * OutcomeUnknownError, the process up, memory bounded, and a local secret never read (XXE).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import { MalformedAnswerError, OutcomeUnknownError, TrayError, TransientError } from '../../electron/engine/tray/errors.ts';
import { MAX_ANSWER_BYTES } from '../../electron/engine/tray/http.ts';

const PASSWORD = 'S3nh@-Ponte-XYZ-123';
const SECRET_MARKER = 'PONTE-XXE-SECRET-7f3a91';
let emulator: RunningEmulator;
let wsdl = '';
let server: http.Server;
let endpoint = '';
let dir = '';
let secretFile = '';
type Answer = (res: http.ServerResponse) => void;
let answer: Answer = (res) => res.end();
const clients: TrayClient[] = [];

const ENV_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:tns="urn:ws_servidor"><SOAP-ENV:Body>';
const ENV_CLOSE = '</SOAP-ENV:Body></SOAP-ENV:Envelope>';
const statusItem = (id: string, name: string) =>
  `<item xsi:type="tns:StatusPedido"><id_status xsi:type="xsd:int">${id}</id_status><status xsi:type="xsd:string">${name}</status><tipo xsi:type="xsd:string">aberto</tipo></item>`;
const statusesBody = (inner: string) =>
  `${ENV_OPEN}<ns1:fWSImportaStatusPedidoResponse xmlns:ns1="urn:ws_servidor"><return xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:StatusPedido[1]">${inner}</return></ns1:fWSImportaStatusPedidoResponse>${ENV_CLOSE}`;
const retornoBody = (inner: string) =>
  `${ENV_OPEN}<ns1:fWSAtualizaStatusPedidoResponse xmlns:ns1="urn:ws_servidor">${inner}</ns1:fWSAtualizaStatusPedidoResponse>${ENV_CLOSE}`;

const xml = (body: string, status = 200, type = 'text/xml; charset=UTF-8'): Answer => (res) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

beforeAll(async () => {
  emulator = await startEmulator({ seed: 5, password: PASSWORD });
  wsdl = await (await fetch(`${emulator.endpoint}?wsdl`)).text();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ponte-hostile-soap-'));
  secretFile = path.join(dir, 'secret.txt');
  await writeFile(secretFile, SECRET_MARKER);
  server = http.createServer((req, res) => {
    if (req.method === 'GET') return xml(wsdl)(res);
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webservice/v2/ws_servidor.php`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const client = async () => {
  const c = new TrayClient({
    url: endpoint,
    ...emulator.credentials,
    cacheDir: dir,
    timeoutMs: 10_000,
    readTimeoutMs: 10_000,
    retry: { baseDelayMs: 1, maxDelayMs: 2, attempts: 2 },
  });
  clients.push(c);
  await c.connect();
  return c;
};

const failure = async (promise: Promise<unknown>): Promise<TrayError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TrayError);
    const e = error as TrayError;
    const text = `${e.message} ${e.detail} ${JSON.stringify(e)}`;
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(SECRET_MARKER);
    // pt-BR wording reaches the merchant.
    expect(e.message).toMatch(/[a-zà-ú]{3,}/i);
    return e;
  }
  throw new Error('expected a failure');
};

const readAndWrite = async (a: Answer) => {
  answer = a;
  const c = await client();
  const read = await failure(c.listStatuses());
  const write = await failure(c.updateOrderStatus(1, 101));
  expect(write).toBeInstanceOf(OutcomeUnknownError);
  expect((write as OutcomeUnknownError).args).toEqual([1, 101]);
  return read;
};

describe('hostile SOAP answers', () => {
  it('sanity: a well-formed answer from the same server is read', async () => {
    answer = xml(statusesBody(statusItem('101', 'AGUARDANDO')));
    const c = await client();
    expect(await c.listStatuses()).toEqual([{ id_status: 101, status: 'AGUARDANDO', tipo: 'aberto' }]);
  });

  it('truncated XML -> MalformedAnswerError; write -> OutcomeUnknownError', async () => {
    const full = statusesBody(statusItem('101', 'X'));
    const read = await readAndWrite(xml(full.slice(0, Math.floor(full.length * 0.6))));
    expect(read).toBeInstanceOf(MalformedAnswerError);
  });

  it('HTML with 200 -> MalformedAnswerError', async () => {
    const read = await readAndWrite(xml('<html><body><h1>Manutenção</h1></body></html>', 200, 'text/html'));
    expect(read).toBeInstanceOf(MalformedAnswerError);
  });

  it('HTML with 500 -> TransientError (http 500)', async () => {
    const read = await readAndWrite(xml('<html><body>Internal Server Error</body></html>', 500, 'text/html'));
    expect(read).toBeInstanceOf(TransientError);
    expect((read as TransientError).status).toBe(500);
  });

  it('text where an int is declared -> MalformedAnswerError naming the field', async () => {
    const read = await readAndWrite(xml(statusesBody(statusItem('cento e um', 'X'))));
    expect(read).toBeInstanceOf(MalformedAnswerError);
    expect(read.message).toContain('id_status');
  });

  it('an array where a struct is expected -> MalformedAnswerError', async () => {
    answer = xml(
      `${ENV_OPEN}<ns1:fWSImportaPedidoPorIdResponse xmlns:ns1="urn:ws_servidor"><return xsi:type="SOAP-ENC:Array"><item>1</item><item>2</item></return></ns1:fWSImportaPedidoPorIdResponse>${ENV_CLOSE}`,
    );
    const c = await client();
    expect(await failure(c.getOrder(1))).toBeInstanceOf(MalformedAnswerError);
    answer = xml(retornoBody('<return xsi:type="SOAP-ENC:Array"><item>ok</item><item>no</item></return>'));
    expect(await failure(c.updateOrderStatus(1, 101))).toBeInstanceOf(OutcomeUnknownError);
  });

  it('a 64 MB streamed answer is refused at the size cap, memory bounded', async () => {
    const total = 64 * 1024 * 1024;
    const chunk = Buffer.from(statusItem('101', 'X'.repeat(900)).padEnd(1024, ' '));
    let sent = 0;
    answer = (res) => {
      // Each answer is whole: the counter is per response.
      let mine = 0;
      res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' });
      res.write(statusesBody('').split('</return>')[0]);
      const pump = () => {
        while (mine < total) {
          mine += chunk.length;
          sent = Math.max(sent, mine);
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('</return></ns1:fWSImportaStatusPedidoResponse>' + ENV_CLOSE);
      };
      res.on('error', () => undefined);
      res.on('close', () => (mine = total + 1));
      pump();
    };
    const c = await client();
    const before = process.memoryUsage().rss;
    sent = 0;
    const read = await failure(c.listStatuses());
    expect(read).toBeInstanceOf(MalformedAnswerError);
    expect(read.message).toMatch(/maior que 32 MB/);
    expect(sent).toBeLessThan(total);
    sent = 0;
    const write = await failure(c.updateOrderStatus(1, 101));
    expect(write).toBeInstanceOf(OutcomeUnknownError);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(MAX_ANSWER_BYTES).toBe(32 * 1024 * 1024);
  }, 60_000);

  it('billion laughs: rejected, not expanded, memory bounded', async () => {
    const levels = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE SOAP-ENV:Envelope [${levels.join('')}]>${ENV_OPEN.replace(/^<\?xml[^>]*>/, '')}<ns1:fWSImportaStatusPedidoResponse xmlns:ns1="urn:ws_servidor"><return xsi:type="SOAP-ENC:Array">${statusItem('101', '&lol9;')}</return></ns1:fWSImportaStatusPedidoResponse>${ENV_CLOSE}`;
    answer = xml(bomb);
    const c = await client();
    const before = process.memoryUsage().rss;
    let outcome: unknown;
    try {
      outcome = await c.listStatuses();
    } catch (error) {
      outcome = error;
    }
    // Either refused, or read with the entity left unexpanded: never a billion "lol"s.
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(TrayError);
    else expect(JSON.stringify(outcome).length).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('entity tricks inside a SOAP Fault (read by our own fault parser) expand nothing and read no file', async () => {
    const levels = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const fault = (dtd: string, text: string) =>
      `<?xml version="1.0"?><!DOCTYPE x [${dtd}]><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>${text}</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    const bodies = [
      fault(levels.join(''), '&lol9;'),
      fault(`<!ENTITY xxe SYSTEM "file://${secretFile}">`, '&xxe;'),
      fault(`<!ENTITY a "${'x'.repeat(100_000)}">`, '&a;'.repeat(10_000)),
    ];
    const before = process.memoryUsage().rss;
    const c = await client();
    for (const body of bodies) {
      answer = xml(body, 500);
      // A Client fault is a definite answer: a rejection for reads and writes alike (no secret, no blow-up).
      for (const e of [await failure(c.listStatuses()), await failure(c.updateOrderStatus(1, 101))]) expect(e.message.length).toBeLessThan(2_000);
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('XXE: an external entity pointing at a local file is never read', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file://${secretFile}">]>${ENV_OPEN.replace(/^<\?xml[^>]*>/, '')}<ns1:fWSImportaStatusPedidoResponse xmlns:ns1="urn:ws_servidor"><return xsi:type="SOAP-ENC:Array">${statusItem('101', '&xxe;')}</return></ns1:fWSImportaStatusPedidoResponse>${ENV_CLOSE}`;
    answer = xml(body);
    const c = await client();
    let outcome: unknown;
    try {
      outcome = await c.listStatuses();
    } catch (error) {
      outcome = error;
    }
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(TrayError);
    const seen = outcome instanceof TrayError ? `${outcome.message} ${JSON.stringify(outcome)}` : JSON.stringify(outcome);
    expect(seen).not.toContain(SECRET_MARKER);
    answer = xml(body.replace('fWSImportaStatusPedidoResponse', 'fWSAtualizaStatusPedidoResponse'));
    try {
      await c.updateOrderStatus(1, 101);
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain(SECRET_MARKER);
    }
  });
});
