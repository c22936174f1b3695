/**
 * The ERP rows the last catalogue read refused, kept for the Catálogo list and the Painel count
 * (the activity log alone hid them). Stored in the meta table as one JSON document, capped: a
 * sheet with 50,000 bad rows is reported by its total and its first rows.
 */
import { z } from 'zod';
import type { RefusedRow, RefusedRows } from '../../../shared/api/contract.ts';
import type { ErpProblem } from '../erp/index.ts';
import type { PonteDb } from '../store/index.ts';

const META_KEY = 'catalog.refusedRows';
export const REFUSED_ROWS_KEPT = 1000;

const Stored = z.object({
  at: z.string(),
  total: z.number().int().min(0),
  rows: z.array(
    z.object({
      entity: z.string(),
      place: z.string(),
      row: z.number().int().nullable(),
      record: z.string().nullable(),
      field: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});

/** Pure: one ERP problem as a row of the list (the place apart from the reason). */
export const toRefusedRow = (p: ErpProblem): RefusedRow => ({
  entity: p.entity,
  place: p.sheet ?? p.file,
  row: p.row,
  record: p.record ?? null,
  field: p.column,
  reason: p.reason ?? p.message,
});

export const saveRefusedRows = (db: PonteDb, problems: readonly ErpProblem[], at: string): void => {
  const doc: RefusedRows = { at, total: problems.length, rows: problems.slice(0, REFUSED_ROWS_KEPT).map(toRefusedRow) };
  db.setMeta(META_KEY, JSON.stringify(doc));
};

export const loadRefusedRows = (db: PonteDb): RefusedRows => {
  const text = db.getMeta(META_KEY);
  if (text === null) return { at: null, total: 0, rows: [] };
  try {
    const parsed = Stored.safeParse(JSON.parse(text));
    // A damaged document says nothing reliable: the next catalogue read rewrites it.
    return parsed.success ? parsed.data : { at: null, total: 0, rows: [] };
  } catch {
    return { at: null, total: 0, rows: [] };
  }
};
