/**
 * Replays a support capture (electron/engine/tray/capture.ts) as a store: a tiny HTTP server on
 * 127.0.0.1 that answers the WSDL fetch and each SOAP operation with the captured body, status and
 * charset, so Ponte's real client can read a store that is not there.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { soapOperationOf, type CaptureFile, type CaptureExchange } from '../../electron/engine/tray/capture.ts';

export interface Replay {
  endpoint: string;
  /** Operations asked for that the capture did not hold. */
  unknown: string[];
  close(): Promise<void>;
}

const send = (res: http.ServerResponse, exchange: CaptureExchange) => {
  if (exchange.status === null) {
    res.socket?.destroy(); // no answer came when it was captured
    return;
  }
  const type = exchange.contentType ?? 'text/xml; charset=utf-8';
  const charset = /charset\s*=\s*([^;\s]+)/i.exec(type)?.[1] ?? 'utf-8';
  const bytes = iconv.encodingExists(charset) ? iconv.encode(exchange.response, charset) : Buffer.from(exchange.response, 'utf8');
  res.writeHead(exchange.status, { 'Content-Type': type, 'Content-Length': bytes.length });
  res.end(bytes);
};

export const startReplay = async (capture: CaptureFile): Promise<Replay> => {
  const wsdl = capture.exchanges.find((e) => e.method === 'GET' && e.status === 200);
  // Per operation, the captured answers in order; the last one repeats (a retry sees it again).
  const queues = new Map<string, CaptureExchange[]>();
  for (const e of capture.exchanges) if (e.operation) queues.set(e.operation, [...(queues.get(e.operation) ?? []), e]);
  const unknown: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET') {
        if (wsdl) send(res, wsdl);
        else res.writeHead(404).end();
        return;
      }
      const op = soapOperationOf(Buffer.concat(chunks).toString('utf8'));
      const queue = op ? queues.get(op) : undefined;
      if (!op || !queue?.length) {
        unknown.push(op ?? '(sem operação)');
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('operação fora da captura');
        return;
      }
      send(res, queue.length > 1 ? queue.shift()! : queue[0]!);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const path = new URL(capture.url).pathname;
  return {
    endpoint: `http://127.0.0.1:${port}${path}`,
    unknown,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
