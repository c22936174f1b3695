/** The last connection test that worked, kept in the meta table for the settings screen. */
import { z } from 'zod';
import type { LastConnectionTest } from '../../../shared/api/contract.ts';
import { StoreFieldReportSchema } from '../../../shared/api/store-fields.ts';
import type { PonteDb } from '../store/index.ts';

const META_KEY = 'store.lastTest';

const Stored = z.object({
  at: z.string(),
  url: z.string(),
  storeId: z.string(),
  features: z.record(z.string(), z.object({ available: z.boolean(), reason: z.string().nullable() })),
  statuses: z.array(z.object({ id: z.number(), name: z.string(), type: z.string() })),
  fields: StoreFieldReportSchema.optional(),
});

export const saveLastTest = (db: PonteDb, test: LastConnectionTest): void => db.setMeta(META_KEY, JSON.stringify(test));

export const loadLastTest = (db: PonteDb): LastConnectionTest | null => {
  const text = db.getMeta(META_KEY);
  if (text === null) return null;
  try {
    const parsed = Stored.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};
