/** The last connection test that worked, kept as a typed meta record for the settings screen. */
import { z } from 'zod';
import type { LastConnectionTest } from '../../../shared/api/contract.ts';
import { StoreFieldReportSchema } from '../../../shared/api/store-fields.ts';
import { metaRecord, type MetaStore } from '../store/meta.ts';

const Stored = z.object({
  at: z.string(),
  url: z.string(),
  storeId: z.string(),
  features: z.record(z.string(), z.object({ available: z.boolean(), reason: z.string().nullable() })),
  statuses: z.array(z.object({ id: z.number(), name: z.string(), type: z.string() })),
  fields: StoreFieldReportSchema.optional(),
});
const lastTest = metaRecord<LastConnectionTest>('store.lastTest', Stored);

export const saveLastTest = (db: MetaStore, test: LastConnectionTest): void => lastTest.save(db, test);

export const loadLastTest = (db: MetaStore): LastConnectionTest | null => lastTest.load(db);
