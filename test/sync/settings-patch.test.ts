/**
 * Issue #12, defect 8: a settings patch applies entirely or not at all. An invalid schedule next to a
 * new password used to save the password, then fail with a message about the settings file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine/index.ts';
import { DEFAULT_SETTINGS, memorySecretStore } from '../../electron/engine/settings.ts';
import { createVersionedSettingsStore, toSettingsFile, type SettingsFile } from '../../electron/settings/versioned.ts';

describe('settings.update (issue #12)', () => {
  let dir: string;
  let engine: Engine | null = null;
  afterEach(async () => {
    await engine?.stop();
    engine = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('8: a patch with an invalid field saves nothing, not even the password, and names the field', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-settings12-'));
    let file: SettingsFile = toSettingsFile({ ...DEFAULT_SETTINGS, demo: false });
    const settings = createVersionedSettingsStore({ read: () => file, write: (v) => void (file = structuredClone(v)) });
    const secrets = memorySecretStore();
    await secrets.set('trayPassword', 'antiga');
    engine = await createEngine({ dataDir: dir, settings, secrets, watchErp: false, syncOnStart: false });

    const answer = await engine.endpoint.dispatch('settings.update', { store: { password: 'nova' }, schedule: { orders: -5 } });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(JSON.stringify(answer.error)).toMatch(/schedule/);
    expect(await secrets.get('trayPassword')).toBe('antiga');
    expect(file.settings.schedule.orders).toBe(DEFAULT_SETTINGS.schedule.orders);

    // A valid patch still goes through whole.
    const ok = await engine.endpoint.dispatch('settings.update', { store: { password: 'nova' }, schedule: { orders: 7 } });
    expect(ok.ok).toBe(true);
    expect(await secrets.get('trayPassword')).toBe('nova');
    expect(file.settings.schedule.orders).toBe(7);
  });

  it('store.transport: SOAP for a file written before REST, checked by the schema, REST credentials only in the secret store', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ponte-settings-transport-'));
    // A file from before REST: its store has no transport nor API address.
    let file: SettingsFile = toSettingsFile({ ...DEFAULT_SETTINGS, demo: false, store: { url: 'https://loja.example.com.br/webservice', storeId: '7', login: 'ws' } });
    const settings = createVersionedSettingsStore({ read: () => file, write: (v) => void (file = structuredClone(v)) });
    expect(settings.get().store).toMatchObject({ transport: 'soap', apiAddress: '' });
    const secrets = memorySecretStore();
    engine = await createEngine({ dataDir: dir, settings, secrets, watchErp: false, syncOnStart: false });

    const bad = await engine.endpoint.dispatch('settings.update', { store: { transport: 'ftp' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(JSON.stringify(bad.error)).toMatch(/transport/);
    const badUrl = await engine.endpoint.dispatch('settings.update', { store: { transport: 'rest', apiAddress: 'não é endereço' } });
    expect(badUrl.ok).toBe(false);
    expect(settings.get().store.transport).toBe('soap');

    const ok = await engine.endpoint.dispatch('settings.update', {
      store: { transport: 'rest', apiAddress: 'https://loja.example.com.br/web_api', consumerKey: 'chave', consumerSecret: 'segredo-do-app', code: 'codigo-1' },
    });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.result).toMatchObject({ store: { transport: 'rest', apiAddress: 'https://loja.example.com.br/web_api', hasRestCredentials: true } });
    expect(file.settings.store).toEqual({ url: 'https://loja.example.com.br/webservice', storeId: '7', login: 'ws', transport: 'rest', apiAddress: 'https://loja.example.com.br/web_api' });
    // Neither the settings file nor the answer carries the secret.
    expect(JSON.stringify(file)).not.toMatch(/segredo-do-app|codigo-1/);
    if (ok.ok) expect(JSON.stringify(ok.result)).not.toMatch(/segredo-do-app|codigo-1/);
    expect(await secrets.get('restConsumerSecret')).toBe('segredo-do-app');
    expect(await secrets.get('restCode')).toBe('codigo-1');

    // A patch that leaves the transport and API address out leaves them as they are: the file's
    // defaults (SOAP, no address) are not the patch's.
    const other = await engine.endpoint.dispatch('settings.update', { store: { storeId: '8' } });
    expect(other.ok).toBe(true);
    expect(file.settings.store).toEqual({ url: 'https://loja.example.com.br/webservice', storeId: '8', login: 'ws', transport: 'rest', apiAddress: 'https://loja.example.com.br/web_api' });
    expect(await engine.endpoint.dispatch('settings.update', { store: { transport: 'soap' } })).toMatchObject({ ok: true });
    expect(file.settings.store.apiAddress).toBe('https://loja.example.com.br/web_api');
  });
});
