/**
 * JSON that Ponte wrote itself and reads back (the meta table, columns holding records) can still
 * be damaged (disk, a hand edit): parse it at this boundary and give "unknown" rather than crash.
 */
import type { z } from 'zod';

export const parseStoredJson = <T>(schema: z.ZodType<T>, text: string | null | undefined): T | null => {
  if (!text) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

