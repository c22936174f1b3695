import { createHash } from 'node:crypto';

/** Canonical JSON (sorted keys) so that the same content always hashes the same. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

export const contentHash = (value: unknown): string => createHash('sha1').update(canonicalJson(value)).digest('hex');
