/**
 * From header + cells to typed rows with per-cell problems, the same for every source (workbook
 * sheet, CSV file, SQL query result). A row with any problem is refused; the others are kept.
 */
import { LOCAL_STATUSES, type LocalStatus } from '../../../shared/api/contract.ts';
import { documentKind, isValidCnpj, isValidCpf, normalizeDocument } from '../../../shared/br/documents.ts';
import { characteristicColumnName, columnForHeader, type ColumnDef, type EntityDef } from './columns.ts';
import { t } from './messages.ts';
import { cellText, isBlank, normalizeHeader, parseBoolean, parseDate, parseInteger, parseNumber, type Cell } from './parse.ts';
import type { ErpProblem } from './types.ts';

export type FieldValue = string | number | boolean | null | Record<string, string>;

export interface RawRow {
  row: number;
  values: Record<string, FieldValue>;
  /** Characteristic values from `Caract: X` columns and from the Características column. */
  characteristics: Record<string, string>;
}

export interface TableResult {
  def: EntityDef;
  /** Whether this sheet/file/query was present at all. */
  present: boolean;
  file: string;
  sheet: string | null;
  place: string;
  /** Field → header as written in the source (for messages about that column). */
  headers: Record<string, string>;
  rows: RawRow[];
  problems: ErpProblem[];
}

const STATUS_WORDS: Record<string, LocalStatus> = {
  'aguardando pagamento': 'aguardando_pagamento',
  'aguardando': 'aguardando_pagamento',
  'pago': 'pago',
  'pagamento aprovado': 'pago',
  'aprovado': 'pago',
  'em separacao': 'em_separacao',
  'separacao': 'em_separacao',
  'enviado': 'enviado',
  'despachado': 'enviado',
  'entregue': 'entregue',
  'cancelado': 'cancelado',
};
for (const s of LOCAL_STATUSES) STATUS_WORDS[normalizeHeader(s)] = s;

export const parseStatus = (text: string): LocalStatus | null => STATUS_WORDS[normalizeHeader(text)] ?? null;

/** `Cor=Azul|Tamanho=M` (also `;` between pairs and `:` between name and value). */
export const parseCharacteristicList = (text: string): Record<string, string> | null => {
  const out: Record<string, string> = {};
  for (const part of text.split(/[|;]/)) {
    if (!part.trim()) continue;
    const match = /^\s*([^=:]+?)\s*[=:]\s*(.*?)\s*$/.exec(part);
    if (!match || !match[1] || !match[2]) return null;
    out[match[1]] = match[2];
  }
  return out;
};

export const problemAt = (
  base: { def: EntityDef; file: string; sheet: string | null; place: string },
  row: number | null,
  column: string | null,
  reason: string,
  record?: string,
): ErpProblem => {
  const where =
    row !== null && column !== null
      ? t('where.rowColumn', { place: base.place, row, column })
      : row !== null
        ? t('where.row', { place: base.place, row })
        : column !== null
          ? t('where.column', { place: base.place, column })
          : base.place;
  return {
    entity: base.def.entity,
    file: base.file,
    sheet: base.sheet,
    row,
    column,
    message: `${where}: ${reason}`,
    ...(row !== null && { reason }),
    ...(record && { record }),
  };
};

/** The record a row stands for, as written (for messages and the refused-rows list). */
export const recordOf = (def: EntityDef, row: RawRow): string | undefined => {
  const v = row.values[def.recordField];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
};

type Slot = { kind: 'column'; column: ColumnDef; header: string } | { kind: 'characteristic'; name: string; header: string } | null;

/** Accumulates one table; feed it the header once, then every row. */
export class TableBuilder {
  readonly result: TableResult;
  private slots: Slot[] | null = null;
  /** Fields absent from the sheet that take another field's value (see ColumnDef.fallback). */
  private fallbacks: ColumnDef[] = [];

  constructor(def: EntityDef, file: string, sheet: string | null, place: string) {
    this.result = { def, present: true, file, sheet, place, headers: {}, rows: [], problems: [] };
  }

  /** False when a required column is missing: the table is then refused as a whole. */
  header(cells: readonly Cell[]): boolean {
    const { def } = this.result;
    const slots: Slot[] = [];
    const seen = new Set<ColumnDef>();
    cells.forEach((cell, index) => {
      const header = cellText(cell);
      if (!header) return;
      const column = columnForHeader(def, header);
      if (column && !seen.has(column)) {
        seen.add(column);
        this.result.headers[column.field] = header;
        slots[index] = { kind: 'column', column, header };
        return;
      }
      const name = def.entity === 'produtos' ? characteristicColumnName(header) : null;
      if (name) slots[index] = { kind: 'characteristic', name, header };
    });
    const present = (field: string) => [...seen].some((c) => c.field === field);
    this.fallbacks = def.columns.filter((c) => !seen.has(c) && c.fallback !== undefined && present(c.fallback));
    const missing = def.columns.filter((c) => c.required && !seen.has(c) && !this.fallbacks.includes(c));
    for (const column of missing) {
      this.result.problems.push({
        ...problemAt(this.result, null, column.label, ''),
        message: t('file.missingColumn', { place: this.result.place, column: column.label, aliases: column.aliases.join(', ') }),
      });
    }
    this.slots = slots;
    return missing.length === 0;
  }

  /** The field naming the record when the record's own column is absent (the name, for categories). */
  private get recordFallback(): string | undefined {
    return this.fallbacks.find((c) => c.field === this.result.def.recordField)?.fallback;
  }

  get ready(): boolean {
    return this.slots !== null && this.result.problems.every((p) => p.row !== null);
  }

  row(rowNumber: number, cells: readonly Cell[]): void {
    if (!this.slots || !this.ready) return;
    if (cells.every((c) => c === null || isBlank(c))) return;
    const values: Record<string, FieldValue> = {};
    const characteristics: Record<string, string> = {};
    const problems: ErpProblem[] = [];
    const fail = (header: string, reason: string) => problems.push(problemAt(this.result, rowNumber, header, reason));
    const filled = new Set<string>();
    let record: string | undefined;
    this.slots.forEach((slot, index) => {
      if (!slot) return;
      const cell = cells[index] ?? null;
      if (slot.kind === 'characteristic') {
        const text = cellText(cell);
        const control = controlProblem(text);
        if (control) {
          fail(slot.header, control);
          return;
        }
        if (text) characteristics[slot.name] = text;
        return;
      }
      const { column, header } = slot;
      if (isBlank(cell)) return;
      filled.add(column.field);
      if (column.field === this.result.def.recordField || (column.field === this.recordFallback && record === undefined)) record = cellText(cell);
      const converted = convertCell(column, cell);
      if ('error' in converted) fail(header, converted.error);
      else if (column.kind === 'characteristics') Object.assign(characteristics, converted.value);
      else values[column.field] = converted.value;
    });
    for (const column of this.fallbacks) {
      const from = column.fallback!;
      if (filled.has(from) && values[from] !== undefined) {
        values[column.field] = values[from];
        filled.add(column.field);
      }
    }
    for (const column of this.result.def.columns) {
      if (column.required && !filled.has(column.field) && !this.fallbacks.includes(column)) {
        const slot = this.slots.find((s) => s?.kind === 'column' && s.column === column);
        fail(slot?.header ?? column.label, t('value.required'));
      }
    }
    if (record) for (const p of problems) p.record = record;
    if (problems.length > 0) this.result.problems.push(...problems);
    else this.result.rows.push({ row: rowNumber, values, characteristics });
  }
}

/**
 * Control characters other than tab and line breaks (NUL from a C string, a stray form feed): no
 * store field means them, and XML 1.0 (the SOAP the store speaks) cannot carry them at all, not even
 * escaped, so the row is refused here with the cause instead of failing at the store or being cut.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const controlProblem = (text: string): string | null => {
  const found = CONTROL.exec(text);
  if (!found) return null;
  const sample = text.replace(new RegExp(CONTROL.source, 'g'), (c) => (c === '\u0000' ? '[NUL]' : `[${c.charCodeAt(0)}]`)).slice(0, 60);
  return t('value.controlChar', { sample, code: found[0].charCodeAt(0) });
};

const convertCell = (column: ColumnDef, cell: Cell): { value: FieldValue } | { error: string } => {
  const control = typeof cell === 'string' ? controlProblem(cell) : null;
  if (control) return { error: control };
  const shown = cell instanceof Date ? cellText(cell) : String(cell).trim();
  switch (column.kind) {
    case 'text':
      return { value: typeof cell === 'number' && Number.isInteger(cell) ? String(cell) : cellText(cell) };
    case 'number': {
      const parsed = parseNumber(cell);
      if (!parsed.ok) return { error: t('value.notNumber', { value: shown }) };
      if (parsed.value < 0) return { error: t('value.negative', { value: shown }) };
      return { value: parsed.value };
    }
    case 'integer': {
      const parsed = parseInteger(cell);
      if (!parsed.ok) return { error: t(parsed.reason === 'notInteger' ? 'value.notInteger' : 'value.notNumber', { value: shown }) };
      if (parsed.value < 0) return { error: column.field === 'stock' ? t('value.negativeStock', { value: shown }) : t('value.negative', { value: shown }) };
      return { value: parsed.value };
    }
    case 'orderId': {
      const parsed = parseInteger(cell);
      if (!parsed.ok || parsed.value <= 0) return { error: t('value.badOrderId', { value: shown }) };
      return { value: parsed.value };
    }
    case 'date': {
      const parsed = parseDate(cell);
      return parsed.ok ? { value: parsed.value } : { error: t('value.notDate', { value: shown }) };
    }
    case 'boolean': {
      const parsed = parseBoolean(cell);
      return parsed.ok ? { value: parsed.value } : { error: t('value.notBoolean', { value: shown }) };
    }
    case 'status': {
      const status = parseStatus(cellText(cell));
      return status
        ? { value: status }
        : { error: t('value.badStatus', { value: shown, accepted: 'Aguardando pagamento, Pago, Em separação, Enviado, Entregue, Cancelado' }) };
    }
    case 'document': {
      const text = typeof cell === 'number' ? String(cell) : cellText(cell);
      const kind = documentKind(text);
      // A CPF typed in a number cell loses its leading zeros: put them back before checking.
      const doc = typeof cell === 'number' && text.length < 11 ? text.padStart(11, '0') : text;
      const effective = typeof cell === 'number' && text.length < 11 ? 'cpf' : kind;
      if (effective === 'cpf') return isValidCpf(doc) ? { value: normalizeDocument(doc) } : { error: t('value.badCpf', { value: shown }) };
      if (effective === 'cnpj') return isValidCnpj(doc) ? { value: normalizeDocument(doc) } : { error: t('value.badCnpj', { value: shown }) };
      return { error: t('value.badDocument', { value: shown }) };
    }
    case 'characteristics': {
      const parsed = parseCharacteristicList(cellText(cell));
      return parsed ? { value: parsed } : { error: t('value.badCharacteristics', { value: shown }) };
    }
  }
};
