/**
 * NuSOAP's wire format, reproduced from what Debian's NuSOAP 0.9.5 really emits (checked against a
 * live `soap_server` under `php -S`): the WSDL (`wsdl::serialize`), the HTML operation list, rpc/
 * encoded responses with `xsi:type` on every element and SOAP-ENC arrays, and faults.
 *
 * Values always go through `esc()`; only fixed markup is literal. Characters outside ISO-8859-1
 * travel as numeric character references so the Latin-1 body stays lossless.
 */
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { AUTH_PARAMS, OPERATIONS, TYPES, XSD_TYPE, type OperationName, type TypeName } from '../engine/tray/operations.ts';

export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const SERVICE = 'ws_servidor';

/** XML-escapes text; code points above U+00FF become character references (Latin-1 body). */
export const esc = (value: string): string =>
  value.replace(/[&<>"']|[\u{100}-\u{10ffff}]/gu, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#${ch.codePointAt(0) ?? 63};`;
    }
  });

/** Encodes for the wire: ISO-8859-1 bytes, as NuSOAP's default soap_defencoding. */
export const latin1 = (text: string): Buffer => iconv.encode(text, 'latin1');

export interface ServiceNames {
  namespace: string;
  /** Our operation name -> the name this store publishes (identity when not renamed). */
  published: (op: OperationName) => string;
  operations: OperationName[];
  /** The store's name for one of our fields (a field dialect); identity when absent. */
  field?: (type: TypeName, field: string) => string;
}

const arrayTypeName = (t: TypeName) => `ArrayOf${t}`;
const returnType = (op: OperationName) => {
  const r = OPERATIONS[op].returns;
  return `tns:${r.array ? arrayTypeName(r.type) : r.type}`;
};

export const wsdl = (names: ServiceNames, location: string): string => {
  const ns = esc(names.namespace);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="ISO-8859-1"?>');
  out.push(
    `<definitions xmlns:SOAP-ENV="${SOAP_ENV}" xmlns:xsd="${XSD}" xmlns:xsi="${XSI}" xmlns:SOAP-ENC="${SOAP_ENC}" xmlns:tns="${ns}" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="${ns}">`,
  );
  out.push('<types>');
  out.push(`<xsd:schema targetNamespace="${ns}"\n>`);
  out.push(` <xsd:import namespace="${SOAP_ENC}" />`);
  out.push(' <xsd:import namespace="http://schemas.xmlsoap.org/wsdl/" />');
  for (const [type, fields] of Object.entries(TYPES) as Array<[TypeName, Record<string, keyof typeof XSD_TYPE>]>) {
    out.push(` <xsd:complexType name="${esc(type)}">`);
    out.push('  <xsd:all>');
    for (const [field, kind] of Object.entries(fields)) out.push(`   <xsd:element name="${esc(names.field?.(type, field) ?? field)}" type="${XSD_TYPE[kind]}"/>`);
    out.push('  </xsd:all>');
    out.push(' </xsd:complexType>');
    out.push(` <xsd:complexType name="${arrayTypeName(type)}">`);
    out.push('  <xsd:complexContent>');
    out.push('   <xsd:restriction base="SOAP-ENC:Array">');
    out.push(`    <xsd:attribute ref="SOAP-ENC:arrayType" wsdl:arrayType="tns:${esc(type)}[]"/>`);
    out.push('   </xsd:restriction>');
    out.push('  </xsd:complexContent>');
    out.push(' </xsd:complexType>');
  }
  out.push('</xsd:schema>');
  out.push('</types>');
  for (const op of names.operations) {
    const name = esc(names.published(op));
    const params = [...AUTH_PARAMS, ...OPERATIONS[op].params];
    out.push(`<message name="${name}Request">${params.map(([p, k]) => `\n  <part name="${esc(p)}" type="${XSD_TYPE[k]}" />`).join('')}</message>`);
    out.push(`<message name="${name}Response">\n  <part name="return" type="${returnType(op)}" /></message>`);
  }
  out.push(`<portType name="${SERVICE}PortType">`);
  for (const op of names.operations) {
    const name = esc(names.published(op));
    out.push(`  <operation name="${name}">`);
    out.push(`    <documentation>${esc(OPERATIONS[op].doc)}</documentation>`);
    out.push(`    <input message="tns:${name}Request"/>`);
    out.push(`    <output message="tns:${name}Response"/>`);
    out.push('  </operation>');
  }
  out.push('</portType>');
  out.push(`<binding name="${SERVICE}Binding" type="tns:${SERVICE}PortType">`);
  out.push('  <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>');
  const body = `<soap:body use="encoded" namespace="${ns}" encodingStyle="${SOAP_ENC}"/>`;
  for (const op of names.operations) {
    const name = esc(names.published(op));
    out.push(`  <operation name="${name}">`);
    out.push(`    <soap:operation soapAction="${ns}#${name}" style="rpc"/>`);
    out.push(`    <input>${body}</input>`);
    out.push(`    <output>${body}</output>`);
    out.push('  </operation>');
  }
  out.push('</binding>');
  out.push(`<service name="${SERVICE}">`);
  out.push(`  <port name="${SERVICE}Port" binding="tns:${SERVICE}Binding">`);
  out.push(`    <soap:address location="${esc(location)}"/>`);
  out.push('  </port>');
  out.push('</service>');
  out.push('</definitions>');
  return out.join('\n');
};

/** The bare endpoint's HTML page: NuSOAP lists the operations with their parameters. */
export const operationsHtml = (names: ServiceNames, location: string): string => {
  const items = names.operations
    .map((op) => {
      const params = [...AUTH_PARAMS, ...OPERATIONS[op].params].map(([p, k]) => `${esc(p)}: ${XSD_TYPE[k]}`).join(', ');
      return `<li><b>${esc(names.published(op))}</b> (${params}) &rarr; ${esc(returnType(op))}<br><small>${esc(OPERATIONS[op].doc)}</small></li>`;
    })
    .join('\n');
  return `<html><head><title>NuSOAP: ${SERVICE}</title><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body>
<div class=title>${SERVICE}</div>
<p>View the <a href="?wsdl">WSDL</a> for the service. Endpoint: ${esc(location)}</p>
<ul>
${items}
</ul></body></html>`;
};

const ENVELOPE_OPEN = (ns: string) =>
  `<?xml version="1.0" encoding="ISO-8859-1"?><SOAP-ENV:Envelope SOAP-ENV:encodingStyle="${SOAP_ENC}" xmlns:SOAP-ENV="${SOAP_ENV}" xmlns:xsd="${XSD}" xmlns:xsi="${XSI}" xmlns:SOAP-ENC="${SOAP_ENC}" xmlns:tns="${esc(ns)}">`;

const scalar = (name: string, xsdType: string, value: unknown): string =>
  `<${name} xsi:type="${xsdType}">${esc(value === null || value === undefined ? '' : String(value))}</${name}>`;

const struct = (element: string, type: TypeName, value: Record<string, unknown>, rename?: ServiceNames['field']): string => {
  const fields = TYPES[type] as Record<string, keyof typeof XSD_TYPE>;
  const inner = Object.entries(fields)
    .map(([field, kind]) => scalar(rename?.(type, field) ?? field, XSD_TYPE[kind], value[field]))
    .join('');
  return `<${element} xsi:type="tns:${type}">${inner}</${element}>`;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The rpc/encoded response of an operation, as NuSOAP serialises it with its WSDL. */
export const soapResponse = (names: ServiceNames, op: OperationName, result: unknown, requestNamespace = names.namespace): string => {
  const { type, array } = OPERATIONS[op].returns;
  let ret: string;
  if (array) {
    const list = Array.isArray(result) ? result.filter(isRecord) : [];
    ret = `<return xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:${type}[${list.length}]">${list.map((v) => struct('item', type, v, names.field)).join('')}</return>`;
  } else {
    ret = struct('return', type, isRecord(result) ? result : {}, names.field);
  }
  const name = esc(names.published(op));
  return `${ENVELOPE_OPEN(names.namespace)}<SOAP-ENV:Body><ns1:${name}Response xmlns:ns1="${esc(requestNamespace)}">${ret}</ns1:${name}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
};

/** A fault exactly as NuSOAP's soap_fault::serialize lays it out (multi-line envelope head). */
export const soapFault = (faultcode: string, faultstring: string): string =>
  `<?xml version="1.0" encoding="ISO-8859-1"?><SOAP-ENV:Envelope SOAP-ENV:encodingStyle="${SOAP_ENC}"\n  xmlns:SOAP-ENV="${SOAP_ENV}"\n  xmlns:xsd="${XSD}"\n  xmlns:xsi="${XSI}"\n  xmlns:SOAP-ENC="${SOAP_ENC}">\n<SOAP-ENV:Body><SOAP-ENV:Fault>${scalar('faultcode', 'xsd:string', faultcode)}${scalar('faultactor', 'xsd:string', '')}${scalar('faultstring', 'xsd:string', faultstring)}${scalar('detail', 'xsd:string', '')}</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

export interface ParsedCall {
  /** The operation element's local name, as sent. */
  name: string;
  /** Its namespace URI: NuSOAP answers in the request's method namespace ('' when none). */
  namespace: string;
  /** Its children's text, in document order; names ignored (positional, as NuSOAP's rpc). */
  args: string[];
}

/** Decodes a request body by the charset of Content-Type, else the XML prolog, else UTF-8. */
export const decodeBody = (body: Buffer, contentType: string | undefined): string => {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  const head = body.subarray(0, 100).toString('latin1');
  const fromProlog = /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1];
  const charset = (fromHeader ?? fromProlog ?? 'utf-8').toLowerCase();
  return iconv.encodingExists(charset) ? iconv.decode(body, charset) : body.toString('utf8');
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

type OrderedNode = Record<string, unknown>;
const tagOf = (node: OrderedNode): string | undefined => Object.keys(node).find((k) => k !== ':@' && k !== '#text');
const localName = (tag: string | undefined): string | undefined => tag?.slice(tag.indexOf(':') + 1);
const childrenOf = (node: OrderedNode): OrderedNode[] => {
  const tag = tagOf(node);
  const c = tag ? node[tag] : undefined;
  return Array.isArray(c) ? (c as OrderedNode[]) : [];
};
const attrsOf = (node: OrderedNode): Record<string, unknown> => {
  const a = node[':@'];
  return typeof a === 'object' && a !== null ? (a as Record<string, unknown>) : {};
};
const elements = (nodes: OrderedNode[]) => nodes.filter((n) => tagOf(n) !== undefined);
const byLocalName = (nodes: OrderedNode[], name: string) => elements(nodes).find((n) => localName(tagOf(n)) === name);
const textOf = (node: OrderedNode): string =>
  childrenOf(node)
    .map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : ''))
    .join('');

/** Parses an rpc call; throws with a reason when it is not a SOAP envelope with a body element. */
export const parseCall = (xml: string): ParsedCall => {
  const doc = parser.parse(xml) as unknown;
  if (!Array.isArray(doc)) throw new Error('XML inválido');
  const envelope = byLocalName(doc as OrderedNode[], 'Envelope');
  if (!envelope) throw new Error('Envelope SOAP ausente');
  const body = byLocalName(childrenOf(envelope), 'Body');
  if (!body) throw new Error('Body SOAP ausente');
  const call = elements(childrenOf(body))[0];
  const tag = call ? tagOf(call) : undefined;
  const name = localName(tag);
  if (!call || !tag || !name) throw new Error('Operação ausente');
  // Resolve the call's prefix against the xmlns declarations in scope (innermost first).
  const prefix = tag.includes(':') ? tag.slice(0, tag.indexOf(':')) : '';
  const key = prefix ? `@_xmlns:${prefix}` : '@_xmlns';
  const ns = [call, body, envelope].map((n) => attrsOf(n)[key]).find((v) => typeof v === 'string');
  return { name, namespace: typeof ns === 'string' ? ns : '', args: elements(childrenOf(call)).map((arg) => textOf(arg).trim()) };
};
