/**
 * Secret stores for the Tray password: a small JSON file beside the settings, one tagged entry per
 * secret, so the scheme can change later and old entries are migrated on read.
 *
 * - `safeStorage-async`: encrypted with Electron's asynchronous safeStorage API (DPAPI on Windows),
 *   handed in as a structural interface so this module never imports electron.
 * - `plain`: base64 of the UTF-8 text (encoding, not encryption), file mode 0600, always with a
 *   visible warning. Used headless, or when the OS offers no encryption.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../engine/settings.ts';
import { t } from './messages.ts';

export const SECRETS_FILE_NAME = 'secrets.json';

export const StoredSecret = z.object({
  v: z.literal(1),
  scheme: z.enum(['safeStorage-async', 'plain']),
  data: z.string().max(100_000),
});
export type StoredSecret = z.infer<typeof StoredSecret>;
const SecretsFile = z.record(z.string(), StoredSecret);

/** The part of Electron 45's `safeStorage` we use: the asynchronous API only. */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
}

type SecretName = Parameters<SecretStore['get']>[0];

interface FileSecretStoreOptions {
  file: string;
  /** null: store tagged plain. */
  safeStorage: AsyncSafeStorage | null;
  /** The standing warning (why the password is not encrypted), if any. */
  warning: string | null;
  warn?: (message: string) => void;
}

export const createFileSecretStore = (options: FileSecretStoreOptions): SecretStore => {
  const { file, safeStorage } = options;
  let problem: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const readAll = (): Record<string, StoredSecret> => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return {};
    }
    try {
      return SecretsFile.parse(JSON.parse(text));
    } catch {
      problem = t('secrets.corrupt', { file });
      options.warn?.(problem);
      return {};
    }
  };

  const writeAll = (entries: Record<string, StoredSecret>) => {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(entries, null, 2), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  };

  const encode = async (value: string): Promise<StoredSecret> =>
    safeStorage
      ? { v: 1, scheme: 'safeStorage-async', data: (await safeStorage.encryptStringAsync(value)).toString('base64') }
      : { v: 1, scheme: 'plain', data: Buffer.from(value, 'utf8').toString('base64') };

  const put = async (name: SecretName, value: string) => {
    const entries = readAll();
    entries[name] = await encode(value);
    writeAll(entries);
  };

  return {
    get: (name) =>
      serial(async () => {
        const entry = readAll()[name];
        if (!entry) return null;
        if (entry.scheme === 'plain') {
          const value = Buffer.from(entry.data, 'base64').toString('utf8');
          // Encryption became available since it was stored: upgrade the entry in place.
          if (safeStorage) await put(name, value);
          return value;
        }
        if (!safeStorage) {
          problem = t('secrets.undecryptable');
          options.warn?.(problem);
          return null;
        }
        try {
          const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(entry.data, 'base64'));
          if (shouldReEncrypt) await put(name, result);
          return result;
        } catch {
          problem = t('secrets.undecryptable');
          options.warn?.(problem);
          return null;
        }
      }),
    set: (name, value) =>
      serial(async () => {
        await put(name, value);
        problem = null;
      }),
    delete: (name) =>
      serial(async () => {
        const entries = readAll();
        if (!(name in entries)) return;
        delete entries[name];
        writeAll(entries);
      }),
    warning: () => options.warning ?? problem,
  };
};

/** The shell's store: encrypted when the OS allows it, else plain with a visible warning. */
export const createSafeStorageSecretStore = async (options: {
  dataDir: string;
  safeStorage: AsyncSafeStorage;
  warn?: (message: string) => void;
}): Promise<SecretStore> => {
  const file = path.join(options.dataDir, SECRETS_FILE_NAME);
  const available = await options.safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  const warning = available ? null : t('secrets.unavailable', { file });
  if (warning) options.warn?.(warning);
  return createFileSecretStore({
    file,
    safeStorage: available ? options.safeStorage : null,
    warning,
    ...(options.warn && { warn: options.warn }),
  });
};

/** Headless mode's store: plain Node has no OS keychain binding, so plain with a warning. */
export const createPlainSecretStore = (options: { dataDir: string; warn?: (message: string) => void }): SecretStore => {
  const file = path.join(options.dataDir, SECRETS_FILE_NAME);
  return createFileSecretStore({
    file,
    safeStorage: null,
    warning: t('secrets.plainHeadless', { file }),
    ...(options.warn && { warn: options.warn }),
  });
};
