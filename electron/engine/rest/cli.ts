/**
 * The diagnostic command on REST: `npm run tray -- <command> --transport rest --url API_ADDRESS
 * --consumer-key K --consumer-secret S --code C` (or PONTE_TRAY_URL, PONTE_TRAY_CONSUMER_KEY,
 * PONTE_TRAY_CONSUMER_SECRET, PONTE_TRAY_CODE). Commands: capabilities | statuses |
 * orders --since AAAA-MM-DD [--until AAAA-MM-DD] | order ID | product SKU. Prints JSON in Ponte's
 * domain types. Each run exchanges the code for tokens again (kept in memory only, never printed).
 * Every run that reached the API says on stderr how many calls it made: they count against the
 * store's daily limit, shared with Ponte's own sync, but not against Ponte's persisted budget.
 * Mounted by ../tray/cli.ts, which owns the exit codes.
 */
import { RestStoreAdapter } from './adapter.ts';
import { memoryTokenStore } from './auth.ts';
import { RestClient } from './client.ts';
import { isRestError, redactAll, type RestError } from './errors.ts';

export interface RestCliInput {
  command: string;
  rest: string[];
  values: { url?: string; since?: string; until?: string; timeout?: string; 'consumer-key'?: string; 'consumer-secret'?: string; code?: string };
  env: NodeJS.ProcessEnv;
  out: (s: string) => void;
  err: (s: string) => void;
  exit: { ok: number; usage: number; auth: number; rejected: number; unreachable: number };
  usage: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

class RestUsageError extends Error {}

const exitFor = (error: RestError, exit: RestCliInput['exit']): number => {
  switch (error.kind) {
    case 'auth':
      return exit.auth;
    case 'rejected':
    case 'malformed':
    case 'unsupported':
      return exit.rejected;
    case 'transient':
    case 'outcome_unknown':
      return exit.unreachable;
  }
};

const callsLine = (calls: number) => `chamadas à API nesta execução: ${calls} (contam no limite diário da loja, o mesmo da sincronização do Ponte)`;

export const runRestCli = async (input: RestCliInput): Promise<number> => {
  const { values, env, out, err, exit } = input;
  const url = values.url ?? env.PONTE_TRAY_URL;
  const consumerKey = values['consumer-key'] ?? env.PONTE_TRAY_CONSUMER_KEY;
  const consumerSecret = values['consumer-secret'] ?? env.PONTE_TRAY_CONSUMER_SECRET ?? '';
  const code = values.code ?? env.PONTE_TRAY_CODE ?? '';
  const secrets = [consumerSecret, code];
  let client: RestClient | null = null;
  try {
    if (!url || !consumerKey || !consumerSecret || !code) throw new RestUsageError('informe --url (endereço da API), --consumer-key, --consumer-secret e --code (ou PONTE_TRAY_*)');
    try {
      new URL(url);
    } catch {
      throw new RestUsageError(`URL inválida: ${url}`);
    }
    const timeoutMs = values.timeout ? Number(values.timeout) : undefined;
    if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new RestUsageError(`--timeout inválido: ${values.timeout}`);
    let task: (a: RestStoreAdapter) => Promise<unknown>;
    switch (input.command) {
      case 'capabilities':
        task = (a) => a.capabilities();
        break;
      case 'statuses':
        task = (a) => a.listStatuses();
        break;
      case 'orders': {
        const since = values.since;
        if (!since || !DATE.test(since) || (values.until && !DATE.test(values.until))) throw new RestUsageError('orders --since AAAA-MM-DD [--until AAAA-MM-DD]');
        const until = values.until ?? new Date().toISOString().slice(0, 10);
        task = (a) => a.listChangedOrders({ from: `${since}T00:00:00`, to: `${until}T23:59:59` });
        break;
      }
      case 'order': {
        const id = Number(input.rest[0]);
        if (!Number.isInteger(id) || id <= 0) throw new RestUsageError('order ID (número do pedido na loja)');
        task = (a) => a.readOrder(id);
        break;
      }
      case 'product': {
        const sku = input.rest[0];
        if (!sku) throw new RestUsageError('product SKU');
        task = (a) => a.findProductBySku(sku);
        break;
      }
      default:
        throw new RestUsageError(`comando desconhecido na API (REST): ${input.command} (call é só do WebService SOAP)`);
    }
    client = new RestClient({ apiAddress: url, consumerKey, consumerSecret, code, tokens: memoryTokenStore(), ...(timeoutMs && { timeoutMs }) });
    const result = await task(new RestStoreAdapter({ client }));
    out(redactAll(JSON.stringify(result, null, 2), [...secrets, ...client.auth.secrets()]));
    return exit.ok;
  } catch (error) {
    const all = [...secrets, ...(client?.auth.secrets() ?? [])];
    if (error instanceof RestUsageError) {
      err(redactAll(`${error.message}\n${input.usage}`, all));
      return exit.usage;
    }
    if (isRestError(error)) {
      out(redactAll(JSON.stringify({ error: error.toJSON() }, null, 2), all));
      err(redactAll(error.message, all));
      return exitFor(error, exit);
    }
    err(redactAll(`erro inesperado: ${error instanceof Error ? error.message : String(error)}`, all));
    return exit.unreachable;
  } finally {
    if (client) err(callsLine(client.stats().calls));
    await client?.close();
  }
};
