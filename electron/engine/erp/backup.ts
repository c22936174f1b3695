/**
 * Copies of the merchant's files taken before Ponte rewrites them: beside the file, in a folder
 * "Cópias do Ponte", named with the time, the newest few kept per file.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';

export const BACKUP_FOLDER = 'Cópias do Ponte';
export const BACKUPS_KEPT = 10;

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}h${pad(d.getMinutes())}m${pad(d.getSeconds())}s`;

/** Copies `file` (which must exist) and returns the copy's path; older copies beyond the kept few go. */
export const backupFile = async (file: string, now: Date = new Date()): Promise<string> => {
  const dir = path.join(path.dirname(file), BACKUP_FOLDER);
  await fsp.mkdir(dir, { recursive: true });
  const ext = path.extname(file);
  const base = path.basename(file, ext);
  let target = path.join(dir, `${base} (${stamp(now)})${ext}`);
  for (let n = 2; await fsp.stat(target).then(() => true, () => false); n += 1) target = path.join(dir, `${base} (${stamp(now)} ${n})${ext}`);
  await fsp.copyFile(file, target);
  const mine = (await fsp.readdir(dir)).filter((f) => f.startsWith(`${base} (`) && f.endsWith(ext)).sort();
  for (const old of mine.slice(0, Math.max(0, mine.length - BACKUPS_KEPT))) await fsp.rm(path.join(dir, old), { force: true });
  return target;
};

/** Whether two paths name the same file (same path, or the same file reached another way). */
export const sameFile = async (a: string, b: string): Promise<boolean> => {
  if (path.resolve(a).toLowerCase() === path.resolve(b).toLowerCase() && process.platform === 'win32') return true;
  if (path.resolve(a) === path.resolve(b)) return true;
  const [sa, sb] = await Promise.all([fsp.stat(a).catch(() => null), fsp.stat(b).catch(() => null)]);
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
};
