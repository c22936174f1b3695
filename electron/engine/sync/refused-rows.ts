/**
 * The ERP rows the last catalogue read refused, kept for the Catálogo list and the Painel count
 * (the activity log alone hid them). Kept as one typed meta record, capped: a
 * sheet with 50,000 bad rows is reported by its total and its first rows.
 */
import { z } from 'zod';
import type { RefusedRow, RefusedRows } from '../../../shared/api/contract.ts';
import type { ErpProblem } from '../erp/index.ts';
import { metaRecord, type MetaStore } from '../store/meta.ts';

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

const refusedRows = metaRecord<RefusedRows>('catalog.refusedRows', Stored);

export const saveRefusedRows = (db: MetaStore, problems: readonly ErpProblem[], at: string): void =>
  refusedRows.save(db, { at, total: problems.length, rows: problems.slice(0, REFUSED_ROWS_KEPT).map(toRefusedRow) });

// A damaged document says nothing reliable: it reads as none, and the next catalogue read rewrites it.
export const loadRefusedRows = (db: MetaStore): RefusedRows => refusedRows.load(db) ?? { at: null, total: 0, rows: [] };
