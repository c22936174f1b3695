/**
 * The store's pacing window (recent call starts) kept in Ponte's database, so that an engine that
 * crashes and restarts in a loop resumes the rolling-minute budget instead of starting a fresh one
 * each life (#12 defect 5). One typed record under one meta key; it holds only the starts still in
 * the window (the pacer drops older ones) and belongs to one store: another store's record is
 * ignored and then replaced.
 */
import { z } from 'zod';
import { metaRecord, type MetaStore } from './store/meta.ts';
import type { PacingMemory } from './tray/client.ts';

const pacingWindow = metaRecord('tray.pacingWindow', z.object({ store: z.string(), starts: z.array(z.number().finite()).max(10_000) }));


export const dbPacingMemory = (db: MetaStore, store: string): PacingMemory => ({
  load() {
    // Unreadable or another store's: the budget starts afresh, as before this record existed.
    const saved = pacingWindow.load(db);
    return saved?.store === store ? saved.starts : [];
  },
  save(starts) {
    pacingWindow.save(db, { store, starts: [...starts] });
  },
});
