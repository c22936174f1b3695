/**
 * A streaming .xlsx row reader: the zip's central directory gives random access to its parts, the
 * shared strings and styles are read first, then each wanted sheet's XML is parsed with a SAX
 * parser row by row. Memory holds the shared strings and one row, never the whole sheet.
 *
 * Why not exceljs's WorkbookReader: with sheets stored before sharedStrings.xml/workbook.xml in the
 * zip (what Excel and exceljs itself write), exceljs 4.4 buffers sheets to temp files, and on
 * Node 20 its entry loop ends early, silently dropping later sheets and leaving shared strings
 * unresolved (seen here on a template workbook). exceljs still writes workbooks and serves the
 * non-streaming baseline in the benchmark.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { SaxesParser as SaxesParserType, SaxesTagPlain } from 'saxes';
import type { Cell } from './parse.ts';

interface ZipEntry {
  path: string;
  buffer(): Promise<Buffer>;
  stream(): Readable;
}
interface Unzipper {
  Open: { file(file: string): Promise<{ files: ZipEntry[] }> };
}
// Both ship with exceljs (unzipper has no type declarations of its own).
const require = createRequire(import.meta.url);
const unzipper = require('unzipper') as Unzipper;
const { SaxesParser } = require('saxes') as { SaxesParser: new () => SaxesParserType };

const xmlUnescape = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }) as Record<string, string>)[e] ?? '');

const attrsOf = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, xmlUnescape(a[2]!)]));

/**
 * Uncompressed bytes read from one part at most. A zip's sizes are the writer's word, so bytes are
 * counted as they inflate: a tiny "zip bomb" entry stops at the cap instead of filling memory or
 * running for minutes. Sheets are streamed, so their cap is large (a 1,000,000-row sheet is
 * ~150 MB of XML); the small parts read whole (workbook, rels, styles) get a small one.
 */
export const MAX_SHEET_BYTES = 1024 * 1024 * 1024;
export const MAX_SMALL_PART_BYTES = 32 * 1024 * 1024;

export class PartTooLargeError extends Error {
  constructor(
    readonly part: string,
    readonly limit: number,
  ) {
    super(`${part}: mais de ${Math.round(limit / 1024 / 1024)} MB descompactados`);
    this.name = 'PartTooLargeError';
  }
}

async function* capped(entry: ZipEntry, limit: number): AsyncGenerator<Buffer> {
  const stream = entry.stream();
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > limit) throw new PartTooLargeError(entry.path, limit);
      yield chunk as Buffer;
    }
  } finally {
    stream.destroy();
  }
}

const readPart = async (entry: ZipEntry, limit = MAX_SMALL_PART_BYTES): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of capped(entry, limit)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
};

/** Feeds a zip entry's XML through saxes with UTF-8 decoded across chunk boundaries. */
const parseXml = async (entry: ZipEntry, setup: (parser: SaxesParserType) => void, limit = MAX_SHEET_BYTES): Promise<void> => {
  const parser = new SaxesParser();
  setup(parser);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of capped(entry, limit)) parser.write(decoder.write(chunk));
  parser.write(decoder.end());
  parser.close();
};

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

const readSharedStrings = async (entry: ZipEntry | undefined): Promise<string[]> => {
  if (!entry) return [];
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  await parseXml(entry, (p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const n = localName(tag.name);
      if (n === 'si') current = '';
      else if (n === 'rPh') phonetic += 1;
      else if (n === 't' && phonetic === 0) inText = true;
    });
    p.on('closetag', (tag: SaxesTagPlain) => {
      const n = localName(tag.name);
      if (n === 'si') strings.push(current);
      else if (n === 'rPh') phonetic -= 1;
      else if (n === 't') inText = false;
    });
    p.on('text', (text: string) => {
      if (inText) current += text;
    });
  }, MAX_SMALL_PART_BYTES * 8);
  return strings;
};

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** For each cell style index: whether its number format shows a date. */
const readDateStyles = async (entry: ZipEntry | undefined): Promise<boolean[]> => {
  if (!entry) return [];
  const xml = await readPart(entry);
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\s([^>]*?)\/?>/g)) {
    const a = attrsOf(m[1]!);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const cellXfs = /<(?:\w+:)?cellXfs[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<(?:\w+:)?xf\s([^>]*?)\/?>/g)].map((m) => {
    const id = Number(attrsOf(m[1]!).numFmtId ?? 0);
    if (BUILTIN_DATE_FORMATS.has(id)) return true;
    const code = custom.get(id);
    if (!code) return false;
    // Strip quoted text, escapes and colours before looking for day/month/year tokens.
    const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
    return /[dy]|m{3,}/i.test(bare) || (/m/i.test(bare) && /[dy]/i.test(bare));
  });
};

const columnIndex = (ref: string): number => {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
};

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const serialToDate = (serial: number): Date => new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400_000));

export interface SheetRowHandler {
  (rowNumber: number, cells: Cell[]): void;
}

export interface WorkbookParts {
  sheets: Array<{ name: string; part: string }>;
}

/**
 * Reads the workbook's sheet list, then every sheet for which `pick(name)` returns a handler.
 * Throws on anything that is not an .xlsx zip.
 */
export const streamWorkbook = async (file: string, pick: (sheetName: string) => SheetRowHandler | null): Promise<string[]> => {
  const directory = await unzipper.Open.file(file);
  const byPath = new Map(directory.files.map((f) => [f.path.replace(/^\//, ''), f]));
  const workbookXml = byPath.get('xl/workbook.xml');
  if (!workbookXml) throw new Error('xl/workbook.xml ausente');
  const wb = await readPart(workbookXml);
  const relsEntry = byPath.get('xl/_rels/workbook.xml.rels');
  const relsXml = relsEntry ? await readPart(relsEntry) : '';
  const targets = new Map(
    [...relsXml.matchAll(/<(?:\w+:)?Relationship\s([^>]*?)\/?>/g)].map((m) => {
      const a = attrsOf(m[1]!);
      const target = a.Target ?? '';
      return [a.Id ?? '', target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target)];
    }),
  );
  const sheets = [...wb.matchAll(/<(?:\w+:)?sheet\s([^>]*?)\/?>/g)].map((m) => {
    const a = attrsOf(m[1]!);
    return { name: a.name ?? '', part: targets.get(a['r:id'] ?? '') ?? '' };
  });
  const handlers = sheets.map((s) => ({ ...s, handler: pick(s.name) })).filter((s) => s.handler !== null);
  if (handlers.length === 0) return sheets.map((s) => s.name);

  const shared = await readSharedStrings(byPath.get('xl/sharedStrings.xml'));
  const dateStyles = await readDateStyles(byPath.get('xl/styles.xml'));

  for (const { part, handler } of handlers) {
    const entry = byPath.get(part);
    if (!entry || !handler) continue;
    let rowNumber = 0;
    let cells: Cell[] = [];
    let cellType = 'n';
    let cellStyle = 0;
    let cellCol = 0;
    let nextCol = 0;
    let text = '';
    let inValue = false;
    let inline = false;
    await parseXml(entry, (p) => {
      p.on('opentag', (tag: SaxesTagPlain) => {
        const n = localName(tag.name);
        if (n === 'row') {
          rowNumber = Number(tag.attributes.r ?? rowNumber + 1);
          cells = [];
          nextCol = 0;
        } else if (n === 'c') {
          cellType = String(tag.attributes.t ?? 'n');
          cellStyle = Number(tag.attributes.s ?? 0);
          cellCol = tag.attributes.r ? columnIndex(String(tag.attributes.r)) : nextCol;
          text = '';
          inline = false;
        } else if (n === 'v') {
          inValue = true;
        } else if (n === 'is') {
          inline = true;
        } else if (n === 't' && inline) {
          inValue = true;
        }
      });
      p.on('text', (value: string) => {
        if (inValue) text += value;
      });
      p.on('closetag', (tag: SaxesTagPlain) => {
        const n = localName(tag.name);
        if (n === 'v' || n === 't') inValue = false;
        else if (n === 'c') {
          let value: Cell = null;
          if (cellType === 's') value = shared[Number(text)] ?? null;
          else if (cellType === 'str' || cellType === 'inlineStr') value = text;
          else if (cellType === 'b') value = text === '1';
          else if (cellType === 'e') value = text;
          else if (cellType === 'd') value = text ? new Date(text) : null;
          else if (text !== '') {
            const num = Number(text);
            value = dateStyles[cellStyle] ? serialToDate(num) : num;
          }
          cells[cellCol] = value;
          nextCol = cellCol + 1;
        } else if (n === 'row') {
          const row: Cell[] = Array.from({ length: cells.length }, (_, i) => cells[i] ?? null);
          handler(rowNumber, row);
        }
      });
    });
  }
  return sheets.map((s) => s.name);
};
