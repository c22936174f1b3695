/**
 * electron-builder.yml checked offline, the way electron-builder itself loads and validates it
 * (its scheme.json through app-builder-lib), plus the settings Ponte depends on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../electron/shell/app-id.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: Array<string | { filter: string[] }>;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  extraResources?: Array<{ from: string; to: string }>;
  win?: { icon?: string; target?: Array<{ target: string; arch: string[] }> };
  nsis?: Record<string, unknown>;
  [key: string]: unknown;
}

const configModule = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const minimatch = require('minimatch') as (file: string, pattern: string, options?: { dot?: boolean }) => boolean;

const load = () => configModule.getConfig(ROOT, null, null);
const validate = (config: BuilderConfig) => configModule.validateConfiguration(structuredClone(config), new DebugLogger(false));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validate(await load())).resolves.toBeUndefined();
  });

  it('is a validation that can fail (a misspelt option is caught)', async () => {
    const config = await load();
    await expect(validate({ ...config, nsis: { ...config.nsis, oneclick: false } })).rejects.toThrow(/configuration\.nsis/);
    await expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'sim' } })).rejects.toThrow(/configuration\.nsis/);
  });

  it('uses the same appId as the AppUserModelId in the shell', async () => {
    const config = await load();
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
  });

  it('builds a per-user NSIS installer in pt-BR (no admin rights) and a portable build', async () => {
    const config = await load();
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, installerLanguages: ['pt_BR'] });
    expect(config.win?.target?.map((t) => t.target).sort()).toEqual(['nsis', 'portable']);
  });

  it('ships the app entry point and keeps better-sqlite3 loadable', async () => {
    const config = await load();
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    // electron-builder normalises `files` into filter groups.
    const patterns = (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(patterns.some((pattern) => minimatch(pkg.main, pattern))).toBe(true);
    expect(patterns.some((pattern) => minimatch('dist/renderer/index.html', pattern))).toBe(true);
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(config.asarUnpack?.some((pattern) => minimatch(addon, pattern, { dot: true }))).toBe(true);
    expect(config.npmRebuild).toBe(true);
  });

  it('points at icons that exist and are real images', async () => {
    const config = await load();
    const ico = readFileSync(path.join(ROOT, config.win?.icon ?? 'missing'));
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    // electron-builder needs a 256×256 frame (stored as 0 in the directory entry).
    const frames = ico.readUInt16LE(4);
    const sizes = Array.from({ length: frames }, (_, i) => ico[6 + 16 * i]);
    expect(sizes).toContain(0);
    const tray = config.extraResources?.find((r) => r.to === 'tray');
    expect(tray).toBeDefined();
    for (const state of ['idle', 'syncing', 'attention']) {
      const png = readFileSync(path.join(ROOT, tray!.from, `tray-${state}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(16);
    }
  });
});
