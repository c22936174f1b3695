/**
 * The Tray REST client's public surface, and `createRestStore`: the REST store port wired the way
 * the app will use it (tokens in the secret store, today's budget in Ponte's database), and
 * `testRestConnection` for Configurações' "Testar conexão".
 */
import { RestStoreAdapter, type RestAcknowledgement } from './adapter.ts';
import { secretTokenStore, type NamedSecrets } from './auth.ts';
import { metaBudgetStore, type BudgetSnapshot } from './budget.ts';
import { RestClient, type RestClientOptions } from './client.ts';
import { isRestError } from './errors.ts';
import type { OrderStatus } from '../store-port/domain.ts';
import type { MetaStore } from '../store/meta.ts';

export * from './adapter.ts';
export * from './auth.ts';
export * from './budget.ts';
export * from './client.ts';
export * from './errors.ts';

export interface RestStoreOptions extends Omit<RestClientOptions, 'tokens' | 'budgetStore'> {
  secrets: NamedSecrets;
  meta: MetaStore;
  acknowledgement?: RestAcknowledgement;
}

export const createRestStore = (options: RestStoreOptions): { client: RestClient; port: RestStoreAdapter } => {
  const { secrets, meta, acknowledgement, ...clientOptions } = options;
  const client = new RestClient({ ...clientOptions, tokens: secretTokenStore(secrets), budgetStore: metaBudgetStore(meta) });
  return { client, port: new RestStoreAdapter({ client, ...(acknowledgement && { acknowledgement }) }) };
};

export type RestConnectionTest =
  | { ok: true; statuses: OrderStatus[]; accessExpiresAt: string | null; refreshExpiresAt: string | null; budget: BudgetSnapshot }
  | { ok: false; kind: string; message: string; budget: BudgetSnapshot };

/** Authorises if needed and reads the store's statuses: what "Testar conexão" shows, in pt-BR. */
export const testRestConnection = async (client: RestClient, port: RestStoreAdapter): Promise<RestConnectionTest> => {
  try {
    const statuses = await port.listStatuses();
    const tokens = await client.auth.status();
    return { ok: true, statuses, accessExpiresAt: tokens?.accessExpiresAt ?? null, refreshExpiresAt: tokens?.refreshExpiresAt ?? null, budget: client.budget.snapshot() };
  } catch (error) {
    if (!isRestError(error)) throw error;
    return { ok: false, kind: error.kind, message: error.message, budget: client.budget.snapshot() };
  }
};
