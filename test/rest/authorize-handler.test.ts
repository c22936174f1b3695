/**
 * Configurações' REST step through the engine's handlers (the contract's dispatch, zod included),
 * against the emulator: "Autorizar" exchanges the pasted code and saves the REST access (secrets in
 * the secret store only), each refusal is named, and "Testar conexão" tries the form as typed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { createEngine, type Engine } from '../../electron/engine/index.ts';
import { DEFAULT_SETTINGS, memorySecretStore, memorySettingsStore, type SecretStore, type SettingsStore } from '../../electron/engine/settings.ts';
import type { Outputs } from '../../shared/api/contract.ts';

const APP = { consumerKey: 'chave-do-integrador-31', consumerSecret: 'segredo-do-integrador-8zq', code: 'codigo-da-instalacao-77' };

let emu: RunningEmulator | null = null;
let engine: Engine | null = null;
let dir = '';
afterEach(async () => {
  await engine?.stop();
  await emu?.close();
  engine = null;
  emu = null;
  rmSync(dir, { recursive: true, force: true });
});

const setup = async (): Promise<{ settings: SettingsStore; secrets: SecretStore & { logged: string[] }; logs: string[]; call: <N extends keyof Outputs>(n: N, input: unknown) => Promise<Outputs[N]> }> => {
  emu = await startEmulator({ seed: 2, orders: 3, latencyMs: 0, rest: APP });
  dir = mkdtempSync(path.join(tmpdir(), 'ponte-authorize-'));
  // A merchant on SOAP (the add-on never switched on) who moves to REST.
  const settings = memorySettingsStore({ ...DEFAULT_SETTINGS, demo: false, store: { ...DEFAULT_SETTINGS.store, url: emu.endpoint, storeId: '1' }, schedule: { catalog: 0, orders: 0, tracking: 0, export: 0 } });
  const secrets = Object.assign(memorySecretStore(), { logged: [] as string[] });
  const logs: string[] = [];
  engine = await createEngine({ dataDir: dir, settings, secrets, watchErp: false, syncOnStart: false, log: (_level, message) => logs.push(message) });
  const call = async <N extends keyof Outputs>(n: N, input: unknown): Promise<Outputs[N]> => {
    const envelope = await engine!.endpoint.dispatch(n, input);
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.result as Outputs[N];
  };
  return { settings, secrets, logs, call };
};

describe('store.authorize', () => {
  it('exchanges the code, saves the REST access and chooses REST; the window gets no secret back', async () => {
    const { settings, secrets, logs, call } = await setup();
    const result = await call('store.authorize', { apiAddress: emu!.restUrl, code: APP.code, consumerKey: APP.consumerKey, consumerSecret: APP.consumerSecret });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Date.parse(result.refreshExpiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(Date.parse(result.accessExpiresAt) - Date.now()).toBeGreaterThan(2 * 3_600_000);
    expect(settings.get().store).toMatchObject({ transport: 'rest', apiAddress: emu!.restUrl });
    expect(await secrets.get('restConsumerSecret')).toBe(APP.consumerSecret);
    expect(await secrets.get('restCode')).toBe(APP.code);
    const tokens = JSON.parse((await secrets.get('trayRestTokens'))!) as { accessToken: string };
    const publicSettings = await call('settings.get', {});
    expect(publicSettings.store).toMatchObject({ transport: 'rest', hasRestCredentials: true, restAuthorizedUntil: result.refreshExpiresAt });
    const visible = JSON.stringify([publicSettings, result, settings.get(), logs]);
    for (const secret of [APP.consumerKey, APP.consumerSecret, APP.code, tokens.accessToken]) expect(visible).not.toContain(secret);

    // The saved authorisation serves the jobs and the test: no second exchange of the code.
    const authBefore = (await (await fetch(`${emu!.url}/_emulator/calls`)).json()) as Record<string, number>;
    const test = await call('store.testConnection', { transport: 'rest' });
    expect(test).toMatchObject({ ok: true, message: 'Conexão com a loja funcionando.' });
    expect(test.statuses.map((s) => s.name)).toContain('ENVIADO');
    const authAfter = (await (await fetch(`${emu!.url}/_emulator/calls`)).json()) as Record<string, number>;
    expect(authAfter['rest:POST /auth'] ?? 0).toBe(authBefore['rest:POST /auth'] ?? 0);
    expect((await call('overview.get', {})).store.state).toBe('ok');
  });

  it('names each refusal and saves nothing: wrong code, wrong secret, blocked store, no key pair, store out of reach', async () => {
    const { settings, secrets, call } = await setup();
    const before = settings.get();
    const wrongCode = await call('store.authorize', { apiAddress: emu!.restUrl, code: 'codigo-errado', consumerKey: APP.consumerKey, consumerSecret: APP.consumerSecret });
    expect(wrongCode).toMatchObject({ ok: false, failure: 'credentials' });
    expect(!wrongCode.ok && wrongCode.message).toMatch(/^A Tray recusou a autorização: confira a chave e o segredo do aplicativo .* e o código de autorização da loja \(HTTP 401/);

    const wrongSecret = await call('store.authorize', { apiAddress: emu!.restUrl, code: APP.code, consumerKey: APP.consumerKey, consumerSecret: 'outro-segredo-999' });
    expect(wrongSecret).toMatchObject({ ok: false, failure: 'credentials' });
    expect(JSON.stringify(wrongSecret)).not.toContain('outro-segredo-999');

    emu!.rest.setConfig({ storeState: 'blocked' });
    const blocked = await call('store.authorize', { apiAddress: emu!.restUrl, code: APP.code, consumerKey: APP.consumerKey, consumerSecret: APP.consumerSecret });
    expect(blocked).toMatchObject({ ok: false, failure: 'storeBlocked', message: expect.stringMatching(/bloqueada na Tray \(código 1001\)/) });
    emu!.rest.setConfig({ storeState: 'cancelled' });
    expect(await call('store.authorize', { apiAddress: emu!.restUrl, code: APP.code, consumerKey: APP.consumerKey, consumerSecret: APP.consumerSecret })).toMatchObject({ failure: 'storeCancelled' });
    emu!.rest.setConfig({ storeState: 'active' });

    // No key pair typed and none saved.
    expect(await call('store.authorize', { apiAddress: emu!.restUrl, code: APP.code })).toMatchObject({ ok: false, failure: 'missingCredentials' });
    expect(await call('store.authorize', { apiAddress: 'http://127.0.0.1:9/web_api', code: APP.code, consumerKey: APP.consumerKey, consumerSecret: APP.consumerSecret })).toMatchObject({ ok: false, failure: 'unreachable' });

    expect(settings.get()).toEqual(before);
    expect(await secrets.get('restConsumerSecret')).toBeNull();
    expect(await secrets.get('trayRestTokens')).toBeNull();
  });

  it('refuses malformed input at the boundary', async () => {
    const { call } = await setup();
    await expect(call('store.authorize', { apiAddress: 'file:///etc/passwd', code: APP.code })).rejects.toThrow(/^invalid_input/);
    await expect(call('store.authorize', { apiAddress: emu!.restUrl, code: 'a b c' })).rejects.toThrow(/^invalid_input/);
  });
});

describe('store.testConnection on the form as typed', () => {
  it('tests REST while SOAP is saved, with the typed address and key pair; without an authorisation it says so', async () => {
    const { settings, call } = await setup();
    const typed = { transport: 'rest', apiAddress: emu!.restUrl, consumerKey: APP.consumerKey, consumerSecret: APP.consumerSecret };
    const notYet = await call('store.testConnection', typed);
    expect(notYet).toMatchObject({ ok: false, message: expect.stringMatching(/ainda não foi autorizado/) });
    // Nothing saved, the saved transport's health untouched.
    expect(settings.get().store.transport).toBe('soap');
    expect((await call('overview.get', {})).store.state).toBe('unknown');

    await call('store.authorize', { apiAddress: emu!.restUrl, consumerKey: APP.consumerKey, consumerSecret: APP.consumerSecret, code: APP.code });
    expect((await call('store.testConnection', typed)).ok).toBe(true);
    // Another typed secret is not the saved authorisation's: tested as not authorised, never with the saved tokens.
    expect((await call('store.testConnection', { ...typed, consumerSecret: 'digitado-errado' })).ok).toBe(false);
    // And SOAP from the same form, though REST is now saved: the emulator takes the demo password.
    const soap = await call('store.testConnection', { transport: 'soap', url: emu!.endpoint, storeId: '1', login: 'webservice', password: emu!.credentials.password });
    expect(soap.ok).toBe(true);
  });

  it('an expired refresh token asks to authorise again', async () => {
    const { secrets, call } = await setup();
    await call('store.authorize', { apiAddress: emu!.restUrl, code: APP.code, consumerKey: APP.consumerKey, consumerSecret: APP.consumerSecret });
    const tokens = JSON.parse((await secrets.get('trayRestTokens'))!) as Record<string, string>;
    const past = new Date(Date.now() - 60_000).toISOString();
    await secrets.set('trayRestTokens', JSON.stringify({ ...tokens, accessExpiresAt: past, refreshExpiresAt: past }));
    const test = await call('store.testConnection', {});
    expect(test).toMatchObject({ ok: false, message: expect.stringMatching(/^A autorização do Ponte nesta loja venceu .*Autorize o aplicativo de novo/) });
  });
});
