/**
 * File access with the merchant's failures named: a file Excel holds open (EBUSY/EACCES/EPERM on
 * Windows), a missing file, an unreadable one. `FileIo` is injected so tests can play Windows.
 */
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { t } from './messages.ts';

export interface FileIo {
  open(file: string, flags: 'r'): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
}

export const nodeIo: FileIo = {
  open: (file, flags) => fsp.open(file, flags),
  rename: (from, to) => fsp.rename(from, to),
};

const LOCK_CODES = new Set(['EBUSY', 'EACCES', 'EPERM']);

export const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** pt-BR sentence for a file-system failure on `file` (shown by name, not by full path). */
export const describeFileError = (file: string, error: unknown): string => {
  const name = path.basename(file);
  const code = errorCode(error);
  if (code && LOCK_CODES.has(code)) return t('file.locked', { file: name });
  if (code === 'ENOENT') return t('file.notFound', { file: name });
  const cause = code ?? (error instanceof Error ? error.message : String(error));
  return t('file.unreadable', { file: name, cause });
};

export const readAll = async (io: FileIo, file: string): Promise<Buffer> => {
  const handle = await io.open(file, 'r');
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
};

/** Writes beside the target then renames, so a reader never sees half a file. */
export const writeAtomic = async (io: FileIo, file: string, data: Buffer | Uint8Array): Promise<void> => {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fsp.writeFile(tmp, data);
  try {
    await io.rename(tmp, file);
  } catch (error) {
    await fsp.rm(tmp, { force: true });
    throw error;
  }
};
