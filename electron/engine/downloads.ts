/**
 * Files Ponte prepares for the merchant to keep where they choose: a copy of a past export
 * ("baixar de novo"), the blank template. Each is staged in the data folder and offered under a
 * random ticket; the transport hands it over — a browser download (headless HTTP) or the shell's
 * save dialog (Electron, `saveTo`). Nothing is written into the merchant's folders unless they
 * chose the place, and never over the configured workbook.
 *
 * Tickets are capabilities (unguessable, short-lived): only an authenticated call can obtain one.
 * Expiry is checked on access with the injected clock, so no timer keeps the process alive.
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
  /** The staged file of a live ticket, or null (unknown or expired). */
  open(id: string): Promise<StagedFile | null>;
  /**
   * Copies the file of a ticket to where the merchant chose (the shell's save dialog). Refuses the
   * configured workbook; a file already there is backed up first.
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
  const entries = new Map<string, StagedFile & { at: number; folder: string }>();

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
    return entries.get(id) ?? null;
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
      const entry = { file, name: name ?? path.basename(file), size: info.size, at: now().getTime(), folder: path.dirname(file) };
      entries.set(id, entry);
      return { id, name: entry.name, size: entry.size };
    },
    async open(id) {
      const entry = await live(id);
      return entry && { file: entry.file, name: entry.name, size: entry.size };
    },
    async saveTo(id, target) {
      const entry = await live(id);
      if (!entry) throw new PonteApiError('not_found', 'Este arquivo não está mais disponível: gere-o de novo.');
      const file = path.resolve(target);
      const source = options.protectedPath?.();
      if (source) {
        const folder = await fsp.stat(source).then((s) => s.isDirectory(), () => false);
        if ((folder && path.dirname(file) === path.resolve(source)) || (await sameFile(file, source))) {
          throw new PonteApiError('rejected', `${path.basename(file)} é a planilha configurada como origem dos dados: escolha outro nome.`, { reason: 'configured' });
        }
      }
      const exists = await fsp.stat(file).then(() => true, () => false);
      const backup = exists ? await backupFile(file, now()) : null;
      const temporary = `${file}.ponte-${randomBytes(4).toString('hex')}.tmp`;
      await fsp.copyFile(entry.file, temporary);
      await fsp.rename(temporary, file);
      return { path: file, backup };
    },
  };
};
