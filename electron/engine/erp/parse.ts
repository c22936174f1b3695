/**
 * Brazilian spreadsheet habits, as pure functions: decimal comma, dd/mm/aaaa, Sim/Não, headers
 * written any which way, CSV files in UTF-8 (with or without BOM) or Windows-1252.
 *
 * Number rule (documented in the template): `1.234,56` and `12,5` are Brazilian; a value with only
 * dots is read as thousands when every group after the first has exactly 3 digits and the first
 * group does not start with 0 (`1.234` = 1234, `1.234.567` = 1234567); any other single dot is a
 * decimal point (`1234.56`, `12.5`, `0.500`). Both separators together: the last one is decimal
 * (`1.234,56` Brazilian, `1,234.56` American). Anything else is refused, never guessed.
 */
import iconv from 'iconv-lite';

/** A cell as any reader hands it over. */
export type Cell = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: ParseFailure };
export type ParseFailure = 'notNumber' | 'notInteger' | 'notDate' | 'notBoolean';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: ParseFailure): Parsed<T> => ({ ok: false, reason });

const BR_THOUSANDS = /^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
const BR_DECIMAL = /^\d+(,\d+)?$/;
const US_THOUSANDS = /^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;
const DOT_DECIMAL = /^\d*\.\d+$/;

/** Text of a cell as a merchant would read it ('' for empty). */
export const cellText = (cell: Cell): string => {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell ? 'Sim' : 'Não';
  return String(cell).trim();
};

export const isBlank = (cell: Cell): boolean => cellText(cell) === '';

export const parseNumber = (cell: Cell): Parsed<number> => {
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail('notNumber');
  if (typeof cell !== 'string') return fail('notNumber');
  let text = cell.replace(/[\s\u00a0]/g, '').replace(/^R\$/i, '');
  let sign = 1;
  if (text.startsWith('-')) {
    sign = -1;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  if (text.startsWith('R$') || text.startsWith('r$')) text = text.slice(2);
  let normal: string;
  if (BR_THOUSANDS.test(text)) normal = text.replace(/\./g, '').replace(',', '.');
  else if (BR_DECIMAL.test(text)) normal = text.replace(',', '.');
  else if (US_THOUSANDS.test(text)) normal = text.replace(/,/g, '');
  else if (DOT_DECIMAL.test(text)) normal = text;
  else return fail('notNumber');
  const value = sign * Number(normal);
  return Number.isFinite(value) ? ok(value === 0 ? 0 : value) : fail('notNumber');
};

export const parseInteger = (cell: Cell): Parsed<number> => {
  const parsed = parseNumber(cell);
  if (!parsed.ok) return parsed;
  return Number.isInteger(parsed.value) ? parsed : fail('notInteger');
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoOf = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
};

/** Excel's serial day 0 is 1899-12-30 (the 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
export const excelSerialToIso = (serial: number): string | null => {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const date = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000);
  return date.toISOString().slice(0, 10);
};

/**
 * dd/mm/aaaa (also d/m/aa, with - or . separators, optionally followed by a time), aaaa-mm-dd,
 * Excel date cells and Excel serial numbers → YYYY-MM-DD. Two-digit years are 20xx.
 */
export const parseDate = (cell: Cell): Parsed<string> => {
  if (cell instanceof Date) {
    // exceljs hands date cells over as UTC midnight of the day shown.
    return Number.isNaN(cell.getTime()) ? fail('notDate') : ok(cell.toISOString().slice(0, 10));
  }
  if (typeof cell === 'number') {
    const iso = excelSerialToIso(cell);
    return iso ? ok(iso) : fail('notDate');
  }
  if (typeof cell !== 'string') return fail('notDate');
  const text = cell.trim();
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (match) {
    const year = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    const iso = isoOf(year, Number(match[2]), Number(match[1]));
    return iso ? ok(iso) : fail('notDate');
  }
  match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(text);
  if (match) {
    const iso = isoOf(Number(match[1]), Number(match[2]), Number(match[3]));
    return iso ? ok(iso) : fail('notDate');
  }
  return fail('notDate');
};

const TRUE_WORDS = new Set(['sim', 's', 'yes', 'y', 'true', 'verdadeiro', 'v', '1', 'x', 'ativo', 'disponivel']);
const FALSE_WORDS = new Set(['nao', 'n', 'no', 'false', 'falso', 'f', '0', 'inativo', 'indisponivel']);

export const parseBoolean = (cell: Cell): Parsed<boolean> => {
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'number') return cell === 1 ? ok(true) : cell === 0 ? ok(false) : fail('notBoolean');
  const word = normalizeHeader(cellText(cell));
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail('notBoolean');
};

/** Case-, accent- and punctuation-insensitive form of a header: "Cod. Referência" → "cod referencia". */
export const normalizeHeader = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// ---------------------------------------------------------------------------------------------
// CSV bytes → text

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** BOM first; then valid UTF-8; otherwise Windows-1252 (Excel's default "CSV" in Brazil). */
export const decodeText = (bytes: Uint8Array): { text: string; encoding: TextEncodingName } => {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: utf8Strict.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252'), encoding: 'windows-1252' };
  }
};

export const encodeText = (text: string, encoding: TextEncodingName): Buffer => {
  switch (encoding) {
    case 'utf-8-bom':
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'windows-1252':
      return iconv.encode(text, 'win1252');
  }
};

/** `;` (Excel in Brazil) unless the header line has none: then tab, then `,`. Quoted text is ignored. */
export const detectDelimiter = (text: string): ';' | ',' | '\t' => {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(',')) return ',';
  return ';';
};

// ---------------------------------------------------------------------------------------------
// Values → Brazilian text (for what Ponte writes)

export const formatDecimalBr = (value: number, decimals = 2): string => value.toFixed(decimals).replace('.', ',');

const brasilia = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', day: '2-digit', month: '2-digit', year: 'numeric' });

/**
 * YYYY-MM-DD → dd/mm/aaaa as written; an ISO instant (with Z or an offset) → its day in Brasília
 * time, so an order placed at 23:30 in São Paulo (02:30Z) is not dated the next day.
 */
export const formatDateBr = (iso: string | null): string => {
  if (!iso) return '';
  if (/T.*(Z|[+-]\d{2}:?\d{2})$/.test(iso)) {
    const date = new Date(iso);
    if (!Number.isNaN(date.getTime())) return brasilia.format(date);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
};
