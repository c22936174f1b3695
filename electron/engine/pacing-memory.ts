/**
 * The store's pacing window (recent call starts) kept in Ponte's database, so that an engine that
 * crashes and restarts in a loop resumes the rolling-minute budget instead of starting a fresh one
 * each life (#12 defect 5). One typed record under one meta key; it holds only the starts still in
 * the window (the pacer drops older ones) and belongs to one store: another store's record is
 * ignored and then replaced.
 */
import { z } from 'zod';
import type { PacingMemory } from './tray/client.ts';

export const PACING_KEY = 'tray.pacingWindow';

const Record = z.object({ store: z.string(), starts: z.array(z.number().finite()).max(10_000) });

interface MetaStore {
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
}

export const dbPacingMemory = (db: MetaStore, store: string): PacingMemory => ({
  load() {
    const raw = db.getMeta(PACING_KEY);
    if (!raw) return [];
    try {
      const parsed = Record.safeParse(JSON.parse(raw));
      return parsed.success && parsed.data.store === store ? parsed.data.starts : [];
    } catch {
      return []; // unreadable: the budget starts afresh, as before this record existed
    }
  },
  save(starts) {
    db.setMeta(PACING_KEY, JSON.stringify({ store, starts }));
  },
});
