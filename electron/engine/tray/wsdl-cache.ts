/**
 * The store's WSDL on disk: read from the store once, reused across starts, refreshed when older
 * than the refresh interval or on demand. A failed refresh falls back to the cached copy (the
 * store's catalogue of operations rarely changes; an outage should not stop the app starting).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const Meta = z.object({ url: z.string(), fetchedAt: z.number() });

export interface CachedWsdl {
  xml: string;
  fetchedAt: number;
  fromCache: boolean;
}

export const wsdlCacheFile = (cacheDir: string, wsdlUrl: string): string =>
  path.join(cacheDir, `${createHash('sha256').update(wsdlUrl).digest('hex').slice(0, 24)}.wsdl`);

const readCached = async (file: string, wsdlUrl: string): Promise<{ xml: string; fetchedAt: number } | null> => {
  try {
    const meta = Meta.parse(JSON.parse(await readFile(`${file}.json`, 'utf8')));
    if (meta.url !== wsdlUrl) return null;
    return { xml: await readFile(file, 'utf8'), fetchedAt: meta.fetchedAt };
  } catch {
    return null;
  }
};

export const loadWsdl = async (opts: {
  cacheDir: string;
  wsdlUrl: string;
  refreshMs: number;
  force: boolean;
  now: () => number;
  fetch: () => Promise<string>;
}): Promise<CachedWsdl> => {
  const file = wsdlCacheFile(opts.cacheDir, opts.wsdlUrl);
  const cached = await readCached(file, opts.wsdlUrl);
  if (cached && !opts.force && opts.now() - cached.fetchedAt < opts.refreshMs) return { ...cached, fromCache: true };
  let xml: string;
  try {
    xml = await opts.fetch();
  } catch (error) {
    if (cached) return { ...cached, fromCache: true };
    throw error;
  }
  const fetchedAt = opts.now();
  await mkdir(opts.cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, xml, 'utf8');
  await rename(tmp, file);
  await writeFile(`${file}.json`, JSON.stringify({ url: opts.wsdlUrl, fetchedAt }), 'utf8');
  return { xml, fetchedAt, fromCache: false };
};

/**
 * NuSOAP's WSDL imports the SOAP-ENC and WSDL schemas by namespace; node-soap knows their types
 * without them, and the client must never reach for schemas.xmlsoap.org.
 */
export const stripStandardImports = (xml: string): string =>
  xml.replace(/<(\w+:)?import\b[^>]*namespace\s*=\s*["']http:\/\/schemas\.xmlsoap\.org\/(soap\/encoding|wsdl)\/["'][^>]*\/>/g, '');
