import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, restCallsPerDayOf } from '../../electron/engine/settings.ts';
import { SettingsPatch } from '../../shared/api/contract.ts';
import { createConfSettingsStore } from '../../electron/settings/conf-store.ts';
import {
  createFileSecretStore,
  createPlainSecretStore,
  createSafeStorageSecretStore,
  SECRETS_FILE_NAME,
  type AsyncSafeStorage,
} from '../../electron/settings/secrets.ts';
import { loadSettingsFile, observeSettings, SETTINGS_VERSION } from '../../electron/settings/versioned.ts';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'ponte-settings-'));

describe('versioned settings file', () => {
  it('starts from the defaults when there is no file', () => {
    const loaded = loadSettingsFile(undefined);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.changed).toBe(true);
  });

  it('migrates an unversioned (v0) file: flat store fields and schedule in seconds', () => {
    const loaded = loadSettingsFile({
      storeUrl: 'https://loja.exemplo.com.br',
      storeId: '123',
      schedule: { catalog: 1800, orders: 300, tracking: 300, export: 0 },
      notifications: false,
      quitOnClose: true,
    });
    // A file from before REST is a SOAP store (no REST API address).
    expect(loaded.settings.store).toEqual({ url: 'https://loja.exemplo.com.br', storeId: '123', login: 'webservice', transport: 'soap', apiAddress: '' });
    expect(loaded.settings.schedule).toEqual({ catalog: 30, orders: 5, tracking: 5, export: 0 });
    expect(loaded.settings.notifications).toEqual({ newOrders: false, failures: false });
    expect(loaded.settings.quitOnClose).toBe(true);
    expect(loaded.changed).toBe(true);
  });

  it('resets only the invalid field, with a warning naming it', () => {
    const loaded = loadSettingsFile({
      version: SETTINGS_VERSION,
      settings: { ...DEFAULT_SETTINGS, demo: false, priceDropConfirmPercent: 'muito', locale: 'fr' },
    });
    expect(loaded.settings.demo).toBe(false);
    expect(loaded.settings.priceDropConfirmPercent).toBe(DEFAULT_SETTINGS.priceDropConfirmPercent);
    expect(loaded.settings.locale).toBe('pt-BR');
    expect(loaded.warnings).toHaveLength(2);
    expect(loaded.warnings[0]).toMatch(/priceDropConfirmPercent/);
  });

  it('the REST daily limit: kept from the file when valid; a bad one is dropped alone (Tray’s 10,000), never the store with it', () => {
    const store = { url: '', storeId: '', login: 'webservice', transport: 'rest' as const, apiAddress: 'https://loja.exemplo.com.br/web_api' };
    const large = loadSettingsFile({ version: SETTINGS_VERSION, settings: { ...DEFAULT_SETTINGS, store, restLimits: { callsPerDay: 50_000 } } });
    expect(large.warnings).toEqual([]);
    expect(restCallsPerDayOf(large.settings)).toBe(50_000);
    for (const callsPerDay of [70_000, 10_000.5, 500, '10000']) {
      const bad = loadSettingsFile({ version: SETTINGS_VERSION, settings: { ...DEFAULT_SETTINGS, store, restLimits: { callsPerDay } } });
      expect(bad.warnings).toEqual([expect.stringMatching(/restLimits/)]);
      expect(restCallsPerDayOf(bad.settings)).toBe(10_000);
      expect(bad.settings.store).toEqual(store);
    }
    // The API takes the same field with the same bounds: the file and the patch cannot disagree.
    expect(SettingsPatch.safeParse({ restLimits: { callsPerDay: 25_000 } }).success).toBe(true);
    for (const callsPerDay of [70_000, 10_000.5, 500, 0]) expect(SettingsPatch.safeParse({ restLimits: { callsPerDay } }).success).toBe(false);
  });

  it('a file saved before the variants query keeps its database queries, variants not read', () => {
    const { variants: _variants, ...read } = { ...DEFAULT_SETTINGS.erpDatabase.read, products: 'SELECT cod AS sku FROM itens' };
    const loaded = loadSettingsFile({ version: SETTINGS_VERSION, settings: { ...DEFAULT_SETTINGS, erpDatabase: { ...DEFAULT_SETTINGS.erpDatabase, driver: 'postgres', read } } });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.settings.erpDatabase).toMatchObject({ driver: 'postgres', read: { products: 'SELECT cod AS sku FROM itens', variants: '' } });
  });

  it('keeps a current file as it is', () => {
    const settings = { ...DEFAULT_SETTINGS, startWithWindows: true };
    const loaded = loadSettingsFile({ version: SETTINGS_VERSION, settings });
    expect(loaded).toEqual({ settings, warnings: [], changed: false });
  });

  it('keeps what it understands from a file written by a newer version', () => {
    const loaded = loadSettingsFile({ version: SETTINGS_VERSION + 5, settings: { ...DEFAULT_SETTINGS, quitOnClose: true, future: 1 } });
    expect(loaded.settings.quitOnClose).toBe(true);
    expect(loaded.settings).not.toHaveProperty('future');
    expect(loaded.warnings[0]).toMatch(/mais nova/);
  });

  it('resets a file that is not an object', () => {
    const loaded = loadSettingsFile([1, 2, 3]);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.warnings).toHaveLength(1);
  });
});

describe('conf settings store', () => {
  it('persists settings across instances in a versioned file readable only by the owner', () => {
    const dataDir = tempDir();
    const first = createConfSettingsStore({ dataDir });
    first.set({ ...first.get(), demo: false, quitOnClose: true });
    const second = createConfSettingsStore({ dataDir });
    expect(second.get()).toMatchObject({ demo: false, quitOnClose: true });
    const file = path.join(dataDir, 'settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(SETTINGS_VERSION);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('never crashes on a corrupt file: keeps a copy aside and warns', () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'settings.json'), '{"version": 2, "settings": {');
    const warnings: string[] = [];
    const store = createConfSettingsStore({ dataDir, warn: (m) => warnings.push(m) });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(warnings[0]).toMatch(/corrompido/);
    expect(readdirSync(dataDir).some((name) => name.startsWith('settings.json.corrompido-'))).toBe(true);
  });

  it('migrates an old file on disk and writes it back in the current format', () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, settings: { ...DEFAULT_SETTINGS, notifications: true } }));
    const store = createConfSettingsStore({ dataDir });
    expect(store.get().notifications).toEqual({ newOrders: true, failures: true });
    expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).version).toBe(SETTINGS_VERSION);
  });

  it('refuses to persist invalid settings handed by a caller', () => {
    const store = createConfSettingsStore({ dataDir: tempDir() });
    expect(() => store.set({ ...store.get(), priceDropConfirmPercent: 500 })).toThrow(/priceDropConfirmPercent/);
  });

  it('tells an observer what changed', () => {
    const store = createConfSettingsStore({ dataDir: tempDir() });
    const seen: Array<[boolean, boolean]> = [];
    const observed = observeSettings(store, (next, previous) => seen.push([previous.startWithWindows, next.startWithWindows]));
    observed.set({ ...observed.get(), startWithWindows: true });
    expect(seen).toEqual([[false, true]]);
  });
});

/** A stand-in for Electron's safeStorage: reversible, visibly not plain text. */
const fakeSafeStorage = (options: { available?: boolean; reencrypt?: boolean } = {}): AsyncSafeStorage & { calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (text) => {
      calls.push('encrypt');
      return Buffer.from(`ENC:${[...text].reverse().join('')}`, 'utf8');
    },
    decryptStringAsync: async (data) => {
      calls.push('decrypt');
      const text = data.toString('utf8');
      if (!text.startsWith('ENC:')) throw new Error('bad data');
      return { result: [...text.slice(4)].reverse().join(''), shouldReEncrypt: options.reencrypt ?? false };
    },
  };
};

describe('secret stores', () => {
  it('stores the password encrypted with the async safeStorage API, tagged, and reads it back', async () => {
    const dataDir = tempDir();
    const safe = fakeSafeStorage();
    const store = await createSafeStorageSecretStore({ dataDir, safeStorage: safe });
    await store.set('trayPassword', 's3nh@-secreta');
    const raw = readFileSync(path.join(dataDir, SECRETS_FILE_NAME), 'utf8');
    expect(raw).not.toContain('s3nh@-secreta');
    expect(JSON.parse(raw).trayPassword).toMatchObject({ v: 1, scheme: 'safeStorage-async' });
    expect(await store.get('trayPassword')).toBe('s3nh@-secreta');
    expect(store.warning()).toBeNull();
  });

  it('falls back to a tagged plain entry with a visible warning when encryption is unavailable', async () => {
    const dataDir = tempDir();
    const store = await createSafeStorageSecretStore({ dataDir, safeStorage: fakeSafeStorage({ available: false }) });
    expect(store.warning()).toMatch(/criptografia/);
    await store.set('trayPassword', 'abc');
    expect(JSON.parse(readFileSync(path.join(dataDir, SECRETS_FILE_NAME), 'utf8')).trayPassword.scheme).toBe('plain');
    expect(await store.get('trayPassword')).toBe('abc');
  });

  it('migrates a plain entry to encrypted once encryption is available', async () => {
    const dataDir = tempDir();
    await createPlainSecretStore({ dataDir }).set('trayPassword', 'migrar');
    const safe = fakeSafeStorage();
    const store = await createSafeStorageSecretStore({ dataDir, safeStorage: safe });
    expect(await store.get('trayPassword')).toBe('migrar');
    expect(JSON.parse(readFileSync(path.join(dataDir, SECRETS_FILE_NAME), 'utf8')).trayPassword.scheme).toBe('safeStorage-async');
    expect(await store.get('trayPassword')).toBe('migrar');
  });

  it('re-encrypts when safeStorage asks for it', async () => {
    const dataDir = tempDir();
    const safe = fakeSafeStorage({ reencrypt: true });
    const store = await createSafeStorageSecretStore({ dataDir, safeStorage: safe });
    await store.set('trayPassword', 'x');
    safe.calls.length = 0;
    expect(await store.get('trayPassword')).toBe('x');
    expect(safe.calls).toEqual(['decrypt', 'encrypt']);
  });

  it('answers null with a warning, never a crash, when an entry cannot be decrypted', async () => {
    const dataDir = tempDir();
    writeFileSync(
      path.join(dataDir, SECRETS_FILE_NAME),
      JSON.stringify({ trayPassword: { v: 1, scheme: 'safeStorage-async', data: Buffer.from('garbage').toString('base64') } }),
    );
    const store = createFileSecretStore({ file: path.join(dataDir, SECRETS_FILE_NAME), safeStorage: fakeSafeStorage(), warning: null });
    expect(await store.get('trayPassword')).toBeNull();
    expect(store.warning()).toMatch(/informe-a de novo/);
    const headless = createPlainSecretStore({ dataDir });
    expect(await headless.get('trayPassword')).toBeNull();
  });

  it('headless: a 0600 file tagged plain, with a warning explaining it', async () => {
    const dataDir = tempDir();
    const store = createPlainSecretStore({ dataDir });
    expect(store.warning()).toMatch(/sem criptografia/);
    expect(await store.get('trayPassword')).toBeNull();
    await store.set('trayPassword', 'çãõ-senha');
    const file = path.join(dataDir, SECRETS_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).trayPassword).toMatchObject({ v: 1, scheme: 'plain' });
    expect(await createPlainSecretStore({ dataDir }).get('trayPassword')).toBe('çãõ-senha');
  });

  it('ignores a corrupt secrets file with a warning', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, SECRETS_FILE_NAME), 'not json');
    const store = await createSafeStorageSecretStore({ dataDir, safeStorage: fakeSafeStorage() });
    expect(await store.get('trayPassword')).toBeNull();
    expect(store.warning()).toMatch(/corrompido/);
    await store.set('trayPassword', 'nova');
    expect(await store.get('trayPassword')).toBe('nova');
    expect(store.warning()).toBeNull();
  });
});
