/**
 * A support capture: the raw SOAP exchange of reading one order (`npm run tray -- capture order ID`),
 * written to a JSON file a merchant can send. It is what support needs when a store answers in a way
 * Ponte does not expect (other field names, odd encodings), and test/tray/capture.test.ts replays
 * captured files through the client. Nothing secret leaves: the password is a placeholder on the way
 * out of http.ts, and redactExchange removes it (and any secret-named element) from every body again,
 * in case a store echoes it.
 */
import { z } from 'zod';
import { SECRET_NAME_WORDS } from '../../../shared/api/store-fields.ts';
import type { TrayClient } from './client.ts';
import { redact } from './errors.ts';
import type { WireExchange } from './http.ts';

/** What `npm run tray -- order ID` reads: the same calls, so a capture shows what that command saw. */
// Every call is let finish before the first failure is thrown, so a capture holds all four answers
// (a close on the first error would cut the others off mid-flight).
export const readOrder = async (client: TrayClient, id: number) => {
  await client.connect(); // supports() below reads the capabilities (a no-op when connected)
  const [order, items, customer, installments] = await Promise.allSettled([
    client.getOrder(id),
    client.getOrderItems(id),
    client.getOrderCustomer(id),
    client.supports('fWSImportaParcelasPedidoPorId') ? client.getOrderInstallments(id) : Promise.resolve(null),
  ]);
  for (const r of [order, items, customer, installments]) if (r.status === 'rejected') throw r.reason;
  const value = <T,>(r: PromiseSettledResult<T>): T => (r as PromiseFulfilledResult<T>).value;
  return { order: value(order), items: value(items), customer: value(customer), installments: value(installments) };
};

/** The operation a SOAP request or answer is about: the first element inside Body (…Response stripped). */
export const soapOperationOf = (body: string): string | null => {
  const m = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([A-Za-z_][\w.-]*)/.exec(body);
  return m?.[1] ? m[1].replace(/Response$/, '') : null;
};

/** Elements whose content is a credential wherever they appear (request parameters, echoed answers). */
const SECRET_ELEMENT = new RegExp(String.raw`<((?:[\w.-]+:)?(?:[\w.-]*(?:${SECRET_NAME_WORDS})[\w.-]*))(\s[^>]*)?>([^<]*)<\/\1>`, 'gi');

export const redactBody = (body: string, password: string): string =>
  redact(body, password).replace(SECRET_ELEMENT, (_all, tag: string, attrs: string | undefined, value: string) => `<${tag}${attrs ?? ''}>${value ? '***' : ''}</${tag}>`);

export const captureExchangeSchema = z
  .object({
    /** The store's operation name as on the wire; null for the WSDL fetch. */
    operation: z.string().nullable(),
    method: z.string(),
    url: z.string(),
    status: z.number().int().nullable(),
    soapAction: z.string().nullable(),
    request: z.string(),
    contentType: z.string().nullable(),
    response: z.string(),
    error: z.string().nullable(),
  })
  .strict();
export type CaptureExchange = z.infer<typeof captureExchangeSchema>;

export const captureFileSchema = z
  .object({
    format: z.literal('ponte-tray-capture'),
    version: z.literal(1),
    capturedAt: z.string(),
    command: z.literal('order'),
    orderId: z.number().int().positive(),
    url: z.string(),
    storeId: z.string(),
    operationMap: z.record(z.string(), z.string()),
    fieldMap: z.record(z.string(), z.record(z.string(), z.string())),
    exchanges: z.array(captureExchangeSchema),
    /** What Ponte made of the answers (the `order` command's output), or the error it gave. */
    result: z.unknown().nullable(),
    error: z.unknown().nullable(),
  })
  .strict();
export type CaptureFile = z.infer<typeof captureFileSchema>;

export const redactExchange = (exchange: WireExchange, password: string): CaptureExchange => {
  const request = redactBody(exchange.request, password);
  const response = redactBody(exchange.response, password);
  const isWsdl = exchange.method === 'GET';
  return {
    operation: isWsdl ? null : soapOperationOf(request) ?? soapOperationOf(response),
    method: exchange.method,
    url: redact(exchange.url, password),
    status: exchange.status,
    soapAction: exchange.soapAction && redact(exchange.soapAction, password),
    request,
    contentType: exchange.contentType,
    response,
    error: exchange.error,
  };
};

/** Collects a client's exchanges, each redacted as it arrives (no raw body is kept). */
export const createRecorder = (password: string) => {
  const exchanges: CaptureExchange[] = [];
  return {
    exchanges,
    onExchange: (exchange: WireExchange) => {
      exchanges.push(redactExchange(exchange, password));
    },
  };
};

/** The file's text, with one last pass of the password over everything (options, results, errors). */
export const captureText = (file: CaptureFile, password: string): string => redact(JSON.stringify(captureFileSchema.parse(file), null, 2), password);
