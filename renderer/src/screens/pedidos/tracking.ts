import { checkTrackingCode } from '../../../../shared/br/tracking.ts';
import { t } from '../../i18n/messages.ts';

export interface CodeVerdict {
  code: string;
  level: 'ok' | 'warn' | 'error';
  message: string;
}

/** Correios codes are checked with their check digit; other carriers pass with a warning. */
export const judgeCode = (raw: string): CodeVerdict => {
  const check = checkTrackingCode(raw);
  if (check.kind === 'correios') {
    return check.ok
      ? { code: check.code, level: 'ok', message: t('tracking.correiosOk') }
      : { code: check.code, level: 'error', message: t('tracking.checkDigit', { code: check.code }) };
  }
  if (check.kind === 'other') return { code: check.code, level: 'warn', message: t('tracking.otherCarrier', { code: check.code }) };
  return check.reason === 'empty'
    ? { code: check.code, level: 'error', message: t('tracking.empty') }
    : { code: check.code, level: 'error', message: t('tracking.format', { code: raw.trim() }) };
};

export interface BulkLine {
  line: number;
  order: string;
  verdict: CodeVerdict;
}
export interface BulkProblem {
  line: number;
  message: string;
}
export interface BulkParse {
  lines: BulkLine[];
  problems: BulkProblem[];
  /** Lines left out on purpose (a spreadsheet's header row), with the reason. */
  skipped: BulkProblem[];
}

/** Words a header row of a copied spreadsheet has where the order number and the code would be. */
const HEADER_WORDS = /^(#|n[º°o.]?|num(ero)?|pedido|pedidos|order|orders|id|codigo|cod\.?|rastreio|rastreamento|tracking|objeto)\b/;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
const looksLikeHeader = (order: string, code: string): boolean =>
  !/\d/.test(order) && (HEADER_WORDS.test(fold(order)) || HEADER_WORDS.test(fold(code)));

/**
 * Parses pasted "pedido;código" lines (a spreadsheet copy gives tabs; some people type commas).
 * Blank lines are skipped; a repeated order is reported, since two codes for one order is a mistake.
 */
export const parseBulk = (text: string): BulkParse => {
  const lines: BulkLine[] = [];
  const problems: BulkProblem[] = [];
  const skipped: BulkProblem[] = [];
  const seen = new Map<string, number>();
  let first = true;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const parts = trimmed.split(/[;\t,]/).map((p) => p.trim());
    const [order = '', code = ''] = parts;
    const isFirst = first;
    first = false;
    // A copied range often starts with its header ("Pedido;Rastreio"): say it was skipped rather
    // than report an unknown order "Pedido".
    if (isFirst && looksLikeHeader(order, code)) {
      skipped.push({ line, message: t('bulk.header', { line, text: trimmed.slice(0, 80) }) });
      return;
    }
    const orderNumber = order.replace(/^#/, '');
    if (parts.length !== 2 || !/^[A-Za-z0-9-]{1,40}$/.test(orderNumber) || code === '') {
      problems.push({ line, message: t('bulk.badLine', { line, text: trimmed.slice(0, 80) }) });
      return;
    }
    const earlier = seen.get(orderNumber);
    if (earlier !== undefined) {
      problems.push({ line, message: t('bulk.duplicate', { line, order: orderNumber, first: earlier }) });
      return;
    }
    seen.set(orderNumber, line);
    const verdict = judgeCode(code);
    if (verdict.level === 'error') problems.push({ line, message: t('bulk.lineError', { line, message: verdict.message }) });
    lines.push({ line, order: orderNumber, verdict });
  });
  return { lines, problems, skipped };
};

export const todayIso = (now: Date = new Date()): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};
