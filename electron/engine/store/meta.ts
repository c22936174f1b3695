/**
 * The meta table holds single records only, each under a key declared here with the rule that
 * keeps it bounded, each read back through its own zod schema (`metaRecord`). Anything keyed per
 * record — a store status id, a SKU, an order — is a table of its own (migration 8), so nothing
 * grows in here unseen and a reader finds every piece of state the engine keeps in this list.
 */
import type { z } from 'zod';
import { parseStoredJson } from './json.ts';

export const META_RECORDS = {
  'orders.checkpoint': 'the end of the last complete order pull window; replaced by each complete pull',
  'export.pendingBatch': 'a file export in flight (file and order ids); removed once its orders are marked exported',
  'export.history': 'the last file exports; the oldest dropped as each new one is remembered',
  'store.lastTest': 'the last store connection test that worked; replaced by the next one',
  'catalog.refusedRows': 'the ERP rows the last catalogue read refused (the first 1,000 and the total); replaced by each read',
  'catalog.weddingListsInDoubt': 'wedding lists whose create answer was lost; each removed once the list is found or created',
  'tray.pacingWindow': "the SOAP calls started in the last minute; older starts dropped on every save",
  'rest.budget': "today's REST calls by priority; reset when the day changes",
} as const;

export type MetaKey = keyof typeof META_RECORDS;

/** The part of Ponte's database a typed record needs. */
export interface MetaStore {
  getMeta(key: MetaKey): string | null;
  setMeta(key: MetaKey, value: string): void;
  deleteMeta(key: MetaKey): void;
}

export interface MetaRecord<T> {
  /** The record, or null when absent or unreadable (a damaged record is "unknown", never a crash). */
  load(db: MetaStore): T | null;
  save(db: MetaStore, value: T): void;
  clear(db: MetaStore): void;
}

export const metaRecord = <T>(key: MetaKey, schema: z.ZodType<T>): MetaRecord<T> => ({
  load: (db) => parseStoredJson(schema, db.getMeta(key)),
  save: (db, value) => db.setMeta(key, JSON.stringify(value)),
  clear: (db) => db.deleteMeta(key),
});
