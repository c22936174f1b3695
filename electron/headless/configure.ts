/**
 * `npm run serve -- --config FILE` and the store flags: a shop machine (or a test, or support)
 * starts Ponte on its own store without a first start on the demo and a trip through Configurações.
 * The file is a settings patch — the same schema and the same merge as "Salvar" in Configurações —
 * so it cannot hold anything the screen could not; flags override the file. Passwords go to the
 * secret store, from the file or from PONTE_STORE_PASSWORD / PONTE_ERP_PASSWORD (so they need not
 * sit on a command line, where other users of the machine can read them).
 */
import { readFileSync } from 'node:fs';
import { SettingsPatch } from '../../shared/api/contract.ts';
import { applySettingsPatch, checkedSettings, storeAddressOf, type SecretStore, type SettingsStore } from '../engine/settings.ts';
import { t } from './messages.ts';

export interface StoreFlags {
  url?: string;
  storeId?: string;
  login?: string;
}

/** Reads and checks the configuration; a pt-BR error names the file and every bad field. */
export const readServeConfig = (file: string | undefined, flags: StoreFlags, env: NodeJS.ProcessEnv): SettingsPatch | null => {
  let fromFile: unknown = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(t('config.unreadable', { file, cause: (error as NodeJS.ErrnoException).code ?? String(error) }));
    }
    try {
      fromFile = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    } catch (error) {
      throw new Error(t('config.notJson', { file, cause: error instanceof Error ? error.message : String(error) }));
    }
  }
  const parsed = SettingsPatch.safeParse(fromFile);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(raiz)'}: ${i.message}`).join('; ');
    throw new Error(t('config.invalid', { file: file ?? '--store-*', fields }));
  }
  const patch = parsed.data;
  const store = {
    ...patch.store,
    ...(flags.url !== undefined && { url: flags.url }),
    ...(flags.storeId !== undefined && { storeId: flags.storeId }),
    ...(flags.login !== undefined && { login: flags.login }),
    ...(env.PONTE_STORE_PASSWORD !== undefined && { password: env.PONTE_STORE_PASSWORD }),
    // REST's key pair and code, like the password, come from the environment into the secret store.
    ...(env.PONTE_REST_CONSUMER_KEY !== undefined && { consumerKey: env.PONTE_REST_CONSUMER_KEY }),
    ...(env.PONTE_REST_CONSUMER_SECRET !== undefined && { consumerSecret: env.PONTE_REST_CONSUMER_SECRET }),
    ...(env.PONTE_REST_CODE !== undefined && { code: env.PONTE_REST_CODE }),
  };
  const erpDatabase = env.PONTE_ERP_PASSWORD !== undefined ? { ...patch.erpDatabase, password: env.PONTE_ERP_PASSWORD } : patch.erpDatabase;
  if (file === undefined && Object.keys(store).length === 0 && erpDatabase === undefined) return null;
  const storeGiven = Object.keys(store).length > 0;
  // Configuring a store is leaving the demo, unless the file says otherwise.
  return { ...patch, ...(storeGiven && { store, demo: patch.demo ?? false }), ...(erpDatabase && { erpDatabase }) };
};

/** Applies the configuration whole or not at all, before the engine starts. */
export const applyServeConfig = async (patch: SettingsPatch, settings: SettingsStore, secrets: SecretStore): Promise<void> => {
  const next = checkedSettings(applySettingsPatch(settings.get(), patch));
  if (!next.demo && storeAddressOf(next) === '') throw new Error(t('config.noStore'));
  if (patch.store?.password !== undefined) await secrets.set('trayPassword', patch.store.password);
  if (patch.store?.consumerKey !== undefined) await secrets.set('restConsumerKey', patch.store.consumerKey);
  if (patch.store?.consumerSecret !== undefined) await secrets.set('restConsumerSecret', patch.store.consumerSecret);
  if (patch.store?.code !== undefined) {
    await secrets.set('restCode', patch.store.code);
    await secrets.set('trayRestTokens', '');
  }
  if (patch.erpDatabase?.password !== undefined) await secrets.set('erpPassword', patch.erpDatabase.password);
  settings.set(next);
};
