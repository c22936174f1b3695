/**
 * Files Ponte prepares for the merchant to keep where they choose: a copy of a past export
 * ("baixar de novo"), the blank template. Each is staged in the data folder and offered under a
 * random ticket; the transport hands it over — a browser download (headless HTTP) or the shell's
 * save dialog (Electron, `saveTo`). Nothing is written into the merchant's folders unless they
 * chose the place, and never over the configured workbook.
 *
 * Tickets are capabilities (unguessable, short-lived, single use): only an authenticated call can
 * obtain one, and once a file has been handed over its ticket opens nothing more — a ticket that
 * leaks (a log, the browser's list of downloads) is worth nothing afterwards. The renderer asks for
 * a fresh ticket on every click, so single use costs the merchant nothing. Expiry is checked on
 * access with the injected clock, so no timer keeps the process alive.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { PonteApiError, type DownloadTicket } from '../../shared/api/contract.ts';
import { backupFile, sameFile } from './erp/backup.ts';

export const DOWNLOAD_TTL_MS = 30 * 60_000;

export interface StagedFile {
  file: string;
  name: string;
  size: number;
}

export interface DownloadShelf {
  /** A fresh, empty folder to write files into before offering them. */
  stage(): Promise<string>;
  /** Offers a staged file under `name` (the name the merchant sees). */
  offer(file: string, name?: string): Promise<DownloadTicket>;
  /** The staged file of a live, unspent ticket, or null (unknown, expired or spent). Spends nothing. */
  open(id: string): Promise<StagedFile | null>;
  /**
   * Like `open`, and spends the ticket: the caller hands the file over (headless HTTP). Two takes
   * of one ticket never both succeed.
   */
  take(id: string): Promise<StagedFile | null>;
  /**
   * Copies the file of a ticket to where the merchant chose (the shell's save dialog). Refuses the
   * configured workbook; a file already there is backed up first. Spends the ticket once the copy
   * is made (a refusal or a failed copy leaves it usable).
   */
  saveTo(id: string, target: string): Promise<{ path: string; backup: string | null }>;
}

export interface DownloadShelfOptions {
  dir: string;
  now?: () => Date;
  /** The spreadsheet (or folder of CSVs) the catalogue comes from: never written over. */
  protectedPath?: () => string | null;
  ttlMs?: number;
}

export const createDownloadShelf = (options: DownloadShelfOptions): DownloadShelf => {
  const now = options.now ?? (() => new Date());
  const ttl = options.ttlMs ?? DOWNLOAD_TTL_MS;
  // A spent entry stays until it expires: its folder is removed with the others, on the clock.
  const entries = new Map<string, StagedFile & { at: number; folder: string; spent: boolean }>();

  const prune = async () => {
    const limit = now().getTime() - ttl;
    for (const [id, entry] of entries) {
      if (entry.at > limit) continue;
      entries.delete(id);
      if (![...entries.values()].some((e) => e.folder === entry.folder)) await fsp.rm(entry.folder, { recursive: true, force: true });
    }
  };

  const live = async (id: string) => {
    await prune();
    const entry = entries.get(id);
    return entry && !entry.spent ? entry : null;
  };
  const notFound = () => new PonteApiError('not_found', 'Este arquivo não está mais disponível: gere-o de novo.');

  /** Copies through a temporary file beside the target, so a half-written file never stands there. */
  const copyInto = async (source: string, file: string): Promise<{ path: string; backup: string | null }> => {
    const exists = await fsp.stat(file).then(() => true, () => false);
    const backup = exists ? await backupFile(file, now()) : null;
    const temporary = `${file}.ponte-${randomBytes(4).toString('hex')}.tmp`;
    await fsp.copyFile(source, temporary);
    await fsp.rename(temporary, file);
    return { path: file, backup };
  };

  return {
    async stage() {
      await prune();
      await fsp.mkdir(options.dir, { recursive: true });
      return fsp.mkdtemp(path.join(options.dir, 'lote-'));
    },
    async offer(file, name) {
      const info = await fsp.stat(file);
      const id = randomBytes(24).toString('base64url');
      const entry = { file, name: name ?? path.basename(file), size: info.size, at: now().getTime(), folder: path.dirname(file), spent: false };
      entries.set(id, entry);
      return { id, name: entry.name, size: entry.size };
    },
    async open(id) {
      const entry = await live(id);
      return entry && { file: entry.file, name: entry.name, size: entry.size };
    },
    async take(id) {
      const entry = await live(id);
      // Checked again here, with no await before the mark: `live` checked before its own return
      // hop, so a second take could have passed it too.
      if (!entry || entry.spent) return null;
      entry.spent = true;
      return { file: entry.file, name: entry.name, size: entry.size };
    },
    async saveTo(id, target) {
      const entry = await live(id);
      if (!entry) throw notFound();
      const file = path.resolve(target);
      const source = options.protectedPath?.();
      if (source) {
        const folder = await fsp.stat(source).then((s) => s.isDirectory(), () => false);
        if ((folder && path.dirname(file) === path.resolve(source)) || (await sameFile(file, source))) {
          throw new PonteApiError('rejected', `${path.basename(file)} é a planilha configurada como origem dos dados: escolha outro nome.`, { reason: 'configured' });
        }
      }
      // Checked again after the awaits above (another save may have spent it meanwhile), then
      // marked with no await between, so two saves of one ticket never both copy.
      if (entry.spent) throw notFound();
      entry.spent = true;
      try {
        return await copyInto(entry.file, file);
      } catch (error) {
        entry.spent = false;
        throw error;
      }
    },
  };
};
