/**
 * What the store sent for an order, beside the domain order an adapter made of it. Support reads
 * it, and the order detail shows the fields Ponte does not read. It is kept out of `Order` itself:
 * the domain order is the same whichever way the store was reached (test/rest/parity.test.ts
 * compares them whole), while the raw records are the transport's own words. The same pattern as
 * `storeRecordOf` in ../tray/normalize.ts: a weak map, so nothing outlives the order object.
 */
import type { StoreOrderRecord } from '../../../shared/api/store-fields.ts';
import type { Order } from './domain.ts';

const RECORDS = new WeakMap<Order, StoreOrderRecord>();

/** Returns the same order, now carrying its raw record. */
export const attachStoreRecord = (order: Order, record: StoreOrderRecord): Order => {
  RECORDS.set(order, record);
  return order;
};

/** The raw record an adapter kept with the order, or null (REST keeps none yet, tests build orders by hand). */
export const storeRecordOfOrder = (order: Order): StoreOrderRecord | null => RECORDS.get(order) ?? null;
