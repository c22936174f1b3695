/**
 * `npm run check:alone -- [FILE…]`: runs every test of the given files on its own
 * (`vitest run FILE -t NAME`), so a test that only passes after the tests before it ran shows up.
 * Without files, it takes the test files that share state through beforeAll. Prints each failing
 * test and exits non-zero if any; slow (one vitest start per test), so not part of `npm test`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const vitest = path.join(ROOT, 'node_modules', '.bin', 'vitest');

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

const files = process.argv.slice(2).length > 0
  ? process.argv.slice(2).map((f) => path.resolve(f))
  : walk(path.join(ROOT, 'test')).filter((f) => /\.test\.tsx?$/.test(f) && readFileSync(f, 'utf8').includes('beforeAll'));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let failed = 0;
let ran = 0;
for (const file of files) {
  const listed = JSON.parse(execFileSync(vitest, ['list', file, '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{ name: string }>;
  if (listed.length < 2) continue;
  for (const { name } of listed) {
    const own = name.split(' > ').at(-1) ?? name;
    const run = spawnSync(vitest, ['run', file, '-t', `${escape(own)}$`, '--reporter=dot'], { cwd: ROOT, encoding: 'utf8' });
    ran += 1;
    const rel = path.relative(ROOT, file);
    // A name that matched nothing skips every test and still exits 0: count what passed.
    // eslint-disable-next-line no-control-regex -- vitest colours its summary with ANSI escapes
    const passed = Number(/Tests\s+(\d+) passed/.exec(run.stdout.replace(/\x1b\[[\d;]*m/g, ''))?.[1] ?? 0);
    if (run.status === 0 && passed >= 1) console.log(`ok    ${rel} > ${own}`);
    else {
      failed += 1;
      console.log(`ALONE FAILS  ${rel} > ${name}\n${(run.stdout + run.stderr).split('\n').filter((l) => /Error|expected|✗|×/.test(l)).slice(0, 4).join('\n')}`);
    }
  }
}
console.log(`\n${ran} tests run alone, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
