/**
 * Leaving the built-in demo for the merchant's own store. A fresh install runs on the demo, whose
 * sample catalogue, status mapping and unthrottled pace must never reach a real store: so the
 * store's access cannot change while on the demo, and leaving it starts the engine over on the
 * merchant's own data, with nothing of the demo's store or ERP (the app preferences stay).
 */
import { z } from 'zod';

/** The store fields of a settings patch that say which store Ponte talks to, and as whom. */
export const STORE_ACCESS_FIELDS = ['url', 'storeId', 'login', 'password', 'apiAddress', 'consumerKey', 'consumerSecret', 'code'] as const;
type StoreAccessPatch = Partial<Record<(typeof STORE_ACCESS_FIELDS)[number], string>>;
/** Whether a patch points Ponte at another store (the demo's engine refuses it). */
export const changesStoreAccess = (patch: { store?: StoreAccessPatch }): boolean => STORE_ACCESS_FIELDS.some((field) => patch.store?.[field] !== undefined);

export const DEMO_INPUTS = {
  /** Stops the demo store and starts over on the merchant's own data; refused when not on the demo. */
  'app.leaveDemo': z.object({}).strict().optional(),
} as const;

export interface DemoOutputs {
  /** Answered once the new engine is running: every later call reaches it. */
  'app.leaveDemo': { left: true };
}
