/**
 * `npm start`: the desktop app when the Electron runtime is installed; otherwise a plain message
 * and headless mode on the built-in demo, so a newcomer sees orders either way.
 *
 * The runtime is detected by its files (node_modules/electron/path.txt and the binary it names):
 * requiring `electron` from plain Node would try to download it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineMessages } from '../shared/i18n/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const t = defineMessages({
  noElectron: {
    'pt-BR': 'O Electron não está disponível nesta máquina; abrindo o Ponte em modo headless na loja de demonstração: {url}',
    en: 'Electron is not available on this machine; opening Ponte in headless mode on the demo store: {url}',
  },
  noElectronReal: {
    'pt-BR': 'O Electron não está disponível nesta máquina; abrindo o Ponte em modo headless: {url}',
    en: 'Electron is not available on this machine; opening Ponte in headless mode: {url}',
  },
  building: { 'pt-BR': 'Compilando {what}…', en: 'Building {what}…' },
  buildFailed: {
    'pt-BR': 'Não foi possível compilar {what}; seguindo sem a interface (a API continua no ar).',
    en: 'Could not build {what}; going on without the UI (the API stays up).',
  },
});

/** Path of the Electron binary if the runtime is installed, without loading the electron package. */
export const findElectronBinary = (root: string = ROOT): string | null => {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (!relative) return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const binary = path.join(distDir, relative);
  return existsSync(binary) ? binary : null;
};

const npmRun = (script: string): boolean => {
  console.log(t('building', { what: script }));
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  return result.status === 0;
};

const ensureRenderer = (): void => {
  if (existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) return;
  if (!npmRun('build:renderer')) console.warn(t('buildFailed', { what: 'build:renderer' }));
};

const startDesktop = (binary: string): void => {
  ensureRenderer();
  if (!existsSync(path.join(ROOT, 'dist', 'electron', 'main.js')) && !npmRun('build:electron')) process.exit(1);
  const child = spawn(binary, [ROOT, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
};

const startHeadless = async (): Promise<void> => {
  ensureRenderer();
  // Loaded only here: the desktop path must not open the database in this process.
  const { parseCliArgs, serveUntilSignal } = await import('../electron/headless/cli.ts');
  const options = parseCliArgs(process.argv.slice(2));
  await serveUntilSignal(options, (run) => {
    // Said in both languages: whoever runs `npm start` may not read the other one.
    const key = run.demo ? 'noElectron' : 'noElectronReal';
    console.log(t(key, { url: run.url }, 'pt-BR'));
    console.log(t(key, { url: run.url }, 'en'));
  });
};

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const binary = process.env.PONTE_HEADLESS === '1' ? null : findElectronBinary();
  if (binary) startDesktop(binary);
  else {
    startHeadless().catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
  }
}
