/**
 * Wedding lists without a binding (#12 defect 3). Tray's webservice may or may not let a list be
 * searched (SOAP's fWSImportaListasCasamento, capability-detected: the client refuses an operation
 * the store's WSDL lacks as "unsupported"; REST has no wedding lists at all). A list is matched by name, event date and e-mail before it
 * is created; a create whose answer was lost is "in doubt" and read back before any resend; and a
 * store that cannot be searched gets no list created unless the merchant said so, because it may
 * already have them (a reinstall, or lists typed in Tray's panel).
 */
import type { ErpWeddingList } from '../erp/index.ts';
import type { WeddingList } from '../store-port/domain.ts';
import { z } from 'zod';
import { metaRecord, type MetaStore } from '../store/meta.ts';

/** Keys of lists whose create was sent without an answer; cleared once the list is bound. */
const inDoubt = metaRecord('catalog.weddingListsInDoubt', z.array(z.string()).max(100_000));


const normalize = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
const identity = (name: string, date: string, email: string) => `${normalize(name)}|${date.trim()}|${email.trim().toLowerCase()}`;

/** The store's list that is this ERP list (same name, date and e-mail); the oldest when several. */
export const matchWeddingList = (list: ErpWeddingList, inStore: readonly WeddingList[]): WeddingList | null => {
  const wanted = identity(list.name, list.eventDate, list.email);
  const found = inStore.filter((w) => identity(w.name, w.eventDate, w.email) === wanted).sort((a, b) => a.id - b.id);
  return found[0] ?? null;
};

export const inDoubtLists = (db: MetaStore) => {
  const read = (): Set<string> => new Set(inDoubt.load(db) ?? []);
  const write = (keys: Set<string>) => (keys.size === 0 ? inDoubt.clear(db) : inDoubt.save(db, [...keys].sort()));
  return {
    has: (key: string) => read().has(key),
    add(key: string) {
      const keys = read();
      keys.add(key);
      write(keys);
    },
    remove(key: string) {
      const keys = read();
      if (keys.delete(key)) write(keys);
    },
  };
};
