/**
 * `npm run erp -- check PATH` (a workbook, a folder of CSV files or an SQL mapping .json) prints,
 * as JSON lines, one line per entity with its count of valid rows and one line per problem;
 * exit 0 when nothing is wrong, 1 when some rows were refused, 2 when the source cannot be read.
 * `npm run erp -- --template OUT.xlsx` writes the blank template workbook instead.
 */
import { parseArgs } from 'node:util';
import { ErpSourceError, openErpConnector, writeTemplate, type ErpProblem } from './index.ts';

export interface CheckOutput {
  lines: string[];
  exitCode: 0 | 1 | 2;
}

const problemLine = (p: ErpProblem) =>
  JSON.stringify({ entity: p.entity, file: p.file, sheet: p.sheet, row: p.row, column: p.column, message: p.message });

export const runCheck = async (source: string): Promise<CheckOutput> => {
  const kind = /\.json$/i.test(source) ? 'sql' : 'spreadsheet';
  const lines: string[] = [];
  try {
    const connector = await openErpConnector({ kind, path: source });
    try {
      const { problems, counts } = await connector.readCatalog();
      const shipping = await connector.readShippingUpdates();
      for (const [entity, valid] of Object.entries(counts)) lines.push(JSON.stringify({ entity, valid }));
      lines.push(JSON.stringify({ entity: 'rastreios', valid: shipping.rows.length }));
      const all = [...problems, ...shipping.problems];
      for (const p of all) lines.push(problemLine(p));
      return { lines, exitCode: all.length > 0 ? 1 : 0 };
    } finally {
      await connector.close();
    }
  } catch (error) {
    if (error instanceof ErpSourceError) return { lines: [...lines, problemLine(error.problem)], exitCode: 2 };
    const message = error instanceof Error ? error.message : String(error);
    return { lines: [...lines, JSON.stringify({ entity: 'arquivo', file: source, sheet: null, row: null, column: null, message })], exitCode: 2 };
  }
};

const USAGE = 'uso: npm run erp -- check CAMINHO   |   npm run erp -- --template SAIDA.xlsx';

export const main = async (argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { template: { type: 'string' } } });
  if (values.template) {
    await writeTemplate(values.template);
    console.log(JSON.stringify({ template: values.template }));
    return 0;
  }
  const [command, source] = positionals;
  if (command !== 'check' || !source) {
    console.error(USAGE);
    return 2;
  }
  const { lines, exitCode } = await runCheck(source);
  for (const line of lines) console.log(line);
  return exitCode;
};

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '\0');
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
