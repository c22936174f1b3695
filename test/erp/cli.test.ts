import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { runCheck } from '../../electron/engine/erp/cli.ts';
import { FIXTURES, tempDir } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('erp check', () => {
  it('exit 0 and one count line per entity when nothing is wrong', async () => {
    const out = await runCheck(path.join(FIXTURES, 'good'));
    expect(out.exitCode).toBe(0);
    expect(parse(out.lines)).toEqual([
      { entity: 'produtos', valid: 3 }, { entity: 'categorias', valid: 3 }, { entity: 'marcas', valid: 2 }, { entity: 'caracteristicas', valid: 2 },
      { entity: 'clientes', valid: 3 }, { entity: 'listascasamento', valid: 1 }, { entity: 'itenslistas', valid: 2 }, { entity: 'rastreios', valid: 2 },
    ]);
  });

  it('exit 1 with one line per problem when rows were refused', async () => {
    const out = await runCheck(path.join(FIXTURES, 'bad-numbers'));
    expect(out.exitCode).toBe(1);
    expect(parse(out.lines)).toEqual([
      { entity: 'produtos', valid: 2 },
      { entity: 'rastreios', valid: 0 },
      { entity: 'produtos', file: 'produtos.csv', sheet: null, row: 3, column: 'Preço', message: "produtos.csv, linha 3, coluna Preço: '12,3,4' não é um valor" },
      { entity: 'produtos', file: 'produtos.csv', sheet: null, row: 4, column: 'Preço', message: "produtos.csv, linha 4, coluna Preço: 'abc' não é um valor" },
      { entity: 'produtos', file: 'produtos.csv', sheet: null, row: 5, column: 'Estoque', message: "produtos.csv, linha 5, coluna Estoque: '2,5' não é um número inteiro" },
    ]);
  });

  it('exit 2 when the source cannot be read at all', async () => {
    const out = await runCheck(path.join(FIXTURES, 'unreadable.xlsx'));
    expect(out.exitCode).toBe(2);
    expect(parse(out.lines)).toEqual([
      { entity: 'arquivo', file: 'unreadable.xlsx', sheet: null, row: null, column: null,
        message: 'unreadable.xlsx: não foi possível ler o arquivo (não é uma planilha .xlsx válida; salve como "Pasta de Trabalho do Excel")' },
    ]);
    expect((await runCheck(path.join(tmp.dir, 'nada'))).exitCode).toBe(2);
  });

  it('through npm run erp: exit codes and --template', () => {
    const run = (...args: string[]) => spawnSync('npx', ['tsx', 'electron/engine/erp/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    const bad = run('check', path.join(FIXTURES, 'duplicate-sku'));
    expect(bad.status).toBe(1);
    expect(bad.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row?: number }).filter((l) => l.row).map((l) => l.row)).toEqual([2, 4]);
    const template = path.join(tmp.dir, 'modelo.xlsx');
    expect(run('--template', template).status).toBe(0);
    expect(existsSync(template)).toBe(true);
    expect(run('check', template).status).toBe(0);
    expect(run('check', path.join(FIXTURES, 'unreadable.xlsx')).status).toBe(2);
    expect(run('oops').status).toBe(2);
  });
});
