/**
 * Maps a request path to a file of the built renderer, for the app's own `ponte://app/` scheme.
 * Anything that would leave the folder maps to nothing; client-side routes map to the index.
 */
import path from 'node:path';

export const APP_SCHEME = 'ponte';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export const resolveRendererFile = (root: string, pathname: string): string | null => {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative.startsWith('/') ? relative : `/${relative}`}`);
  if (!file.startsWith(base + path.sep)) return relative === '/' || relative === '' ? path.join(base, 'index.html') : null;
  return path.extname(file) === '' ? path.join(base, 'index.html') : file;
};

export const RENDERER_CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};
