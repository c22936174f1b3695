/** A raw HTTP + XML caller for the emulator tests: no SOAP library, so nothing is smoothed over. */
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';

export interface RawAnswer {
  status: number;
  contentType: string;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

const xmlEscape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const envelope = (op: string, args: ReadonlyArray<string | number>): string =>
  `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body><ns1:${op} xmlns:ns1="urn:whatever">${args
    .map((a, i) => `<p${i} xsi:type="xsd:string">${xmlEscape(String(a))}</p${i}>`)
    .join('')}</ns1:${op}></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

export const post = async (endpoint: string, op: string, args: ReadonlyArray<string | number>): Promise<RawAnswer> => {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"urn:whatever#${op}"` },
    body: envelope(op, args),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? '';
  const text = /iso-8859-1/i.test(contentType) ? iconv.decode(bytes, 'latin1') : bytes.toString('utf8');
  return { status: res.status, contentType, headers: res.headers, bytes, text };
};

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, attributeNamePrefix: '@', htmlEntities: true });

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node => (typeof v === 'object' && v !== null ? (v as Node) : {});

export const parseXml = (text: string): Node => asNode(parser.parse(text));

/** The `return` element of an rpc response. */
export const returnOf = (text: string, op: string): Node => {
  const body = asNode(asNode(parseXml(text).Envelope).Body);
  return asNode(asNode(body[`${op}Response`]).return);
};

/** A struct's fields as strings (drops the xsi:type attributes). */
export const fields = (node: Node): Record<string, string> =>
  Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => !k.startsWith('@'))
      .map(([k, v]) => [k, typeof v === 'object' && v !== null ? String(asNode(v)['#text'] ?? '') : String(v)]),
  );

/** The items of a SOAP-ENC array return. */
export const items = (ret: Node): Node[] => {
  const it = ret.item;
  if (it === undefined) return [];
  return Array.isArray(it) ? it.map(asNode) : [asNode(it)];
};

export const faultOf = (text: string): { faultcode: string; faultstring: string } => {
  const f = asNode(asNode(asNode(parseXml(text).Envelope).Body).Fault);
  const t = fields(f);
  return { faultcode: t.faultcode ?? '', faultstring: t.faultstring ?? '' };
};
