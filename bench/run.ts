/**
 * `npm run bench [-- --json] [-- --only NAME]`: runs every benchmark module and prints one line per
 * figure (or one JSON object per line with --json). Each module measures its own baseline in the
 * same run and reports ratios against it; absolute times are printed for context only.
 */
import { parseArgs } from 'node:util';
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit?: string;
  [extra: string]: string | number | undefined;
}
export type Report = (figure: Figure) => void;
export interface BenchModule {
  name: string;
  run(report: Report, options: { quick: boolean }): Promise<void>;
}

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, only: { type: 'string' }, quick: { type: 'boolean', default: false } },
});

const here = path.dirname(fileURLToPath(import.meta.url));
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();

const report: Report = (figure) => {
  if (values.json) {
    console.log(JSON.stringify(figure));
    return;
  }
  const { bench, metric, value, unit, ...extra } = figure;
  const rest = Object.entries(extra)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(3);
  console.log(`${bench.padEnd(18)} ${metric.padEnd(28)} ${shown}${unit ? ` ${unit}` : ''}${rest ? `  (${rest})` : ''}`);
};

let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { default: BenchModule };
  if (values.only && mod.default.name !== values.only) continue;
  try {
    await mod.default.run(report, { quick: values.quick });
  } catch (error) {
    failed = true;
    console.error(`${mod.default.name}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
