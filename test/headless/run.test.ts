/**
 * runHeadless in-process with a real store configured (the demo path is covered by start.test.ts,
 * in a child process: the demo's first order pull keeps engine.stop() waiting for a while).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../electron/engine/settings.ts';
import { runHeadless } from '../../electron/headless/run.ts';
import { SETTINGS_VERSION } from '../../electron/settings/versioned.ts';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'ponte-run-'));

const callOverview = async (url: string) => {
  const { origin, searchParams } = new URL(url);
  const response = await fetch(`${origin}/api/call/overview.get`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${searchParams.get('token')}` },
  });
  return (await response.json()) as { ok: boolean; result: { demo: boolean; store: { url: string } } };
};

describe('runHeadless', () => {
  it('keeps a configured real store and starts no demo', async () => {
    const dataDir = tempDir();
    const settings = {
      ...DEFAULT_SETTINGS,
      demo: false,
      // Nothing listens here: the engine reports the connection failure; the server still runs.
      store: { url: 'http://127.0.0.1:9/web_api', storeId: '391250', login: 'webservice' },
      schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 },
    };
    writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ version: SETTINGS_VERSION, settings }));
    const run = await runHeadless({ dataDir, port: 0, staticDir: path.join(dataDir, 'no-ui') });
    try {
      expect(run.demo).toBeNull();
      const overview = await callOverview(run.url);
      expect(overview).toMatchObject({ ok: true, result: { demo: false, store: { url: 'http://127.0.0.1:9/web_api' } } });
    } finally {
      await run.close();
    }
  });
});
