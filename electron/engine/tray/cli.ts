/**
 * Diagnostic command for a Tray store:
 *   npm run tray -- <command> --url URL --store ID --login L --password P
 * (or PONTE_TRAY_URL / PONTE_TRAY_STORE / PONTE_TRAY_LOGIN / PONTE_TRAY_PASSWORD). Prints JSON.
 * Commands: capabilities | statuses | orders --since YYYY-MM-DD [--until YYYY-MM-DD] |
 *           order ID | product SKU | call OPERATION [ARGS...]
 * Options: --cache-dir DIR, --refresh-wsdl, --map ours=theirs (repeatable), --timeout MS
 * On the REST API: --transport rest --url API_ADDRESS --consumer-key K --consumer-secret S --code C (../rest/cli.ts).
 * Exit: 0 ok, 2 usage, 3 authentication, 4 rejected (or unusable answer), 5 unreachable/timeout.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TrayClient } from './client.ts';
import { isTrayError, redact, type TrayError } from './errors.ts';
import { OPERATIONS, OPERATION_NAMES, type OperationArgs, type OperationName } from './operations.ts';
import type { OperationMap } from './capabilities.ts';
import { runRestCli } from '../rest/cli.ts';

export const EXIT = { ok: 0, usage: 2, auth: 3, rejected: 4, unreachable: 5 } as const;

class UsageError extends Error {}

const USAGE = `uso: npm run tray -- <capabilities|statuses|orders|order|product|call> [args] --url URL --store ID --login L --password P
  orders --since AAAA-MM-DD [--until AAAA-MM-DD]   order ID   product SKU   call OPERACAO [ARGS...]
  opções: --cache-dir DIR  --refresh-wsdl  --map nosso=daloja  --timeout MS
  API (REST): --transport rest --url ENDERECO_DA_API --consumer-key K --consumer-secret S --code C
    (capabilities, statuses, orders, order, product)`;

const exitFor = (error: TrayError): number => {
  switch (error.kind) {
    case 'auth':
      return EXIT.auth;
    case 'rejected':
    case 'malformed':
    case 'unsupported':
      return EXIT.rejected;
    case 'transient':
    case 'outcome_unknown':
      return EXIT.unreachable;
  }
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Positional CLI text -> the operation's typed arguments, checked against the catalogue. */
export const parseCallArgs = (name: OperationName, raw: string[]): unknown[] => {
  const params = OPERATIONS[name].params;
  if (raw.length !== params.length) {
    throw new UsageError(`${name} espera ${params.length} argumento(s): ${params.map((p) => p[0]).join(', ') || '(nenhum)'}`);
  }
  return params.map(([param, kind], i) => {
    const text = raw[i] as string;
    if (kind === 'string') return text;
    const n = Number(text.replace(',', '.'));
    if (!Number.isFinite(n) || (kind === 'int' && !Number.isInteger(n))) throw new UsageError(`${param}: "${text}" não é ${kind === 'int' ? 'um inteiro' : 'um número'}`);
    return n;
  });
};

export const run = async (argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void): Promise<number> => {
  let password = '';
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        store: { type: 'string' },
        login: { type: 'string' },
        password: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        'cache-dir': { type: 'string' },
        'refresh-wsdl': { type: 'boolean' },
        map: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        transport: { type: 'string' },
        'consumer-key': { type: 'string' },
        'consumer-secret': { type: 'string' },
        code: { type: 'string' },
      },
    });
    if (values.help) {
      out(USAGE);
      return EXIT.ok;
    }
    const [command, ...rest] = positionals;
    const url = values.url ?? env.PONTE_TRAY_URL;
    const storeId = values.store ?? env.PONTE_TRAY_STORE;
    const login = values.login ?? env.PONTE_TRAY_LOGIN;
    password = values.password ?? env.PONTE_TRAY_PASSWORD ?? '';
    if (!command) throw new UsageError('comando ausente');
    const transport = values.transport ?? env.PONTE_TRAY_TRANSPORT ?? 'soap';
    if (transport === 'rest') return await runRestCli({ command, rest, values, env, out, err, exit: EXIT, usage: USAGE });
    if (transport !== 'soap') throw new UsageError(`--transport: soap ou rest, não ${transport}`);
    if (!url || !storeId || !login || !password) throw new UsageError('informe --url, --store, --login e --password (ou PONTE_TRAY_*)');
    try {
      new URL(url);
    } catch {
      throw new UsageError(`URL inválida: ${url}`);
    }
    const operationMap: OperationMap = {};
    for (const entry of values.map ?? []) {
      const [ours, theirs] = entry.split('=');
      if (!ours || !theirs || !(OPERATION_NAMES as string[]).includes(ours)) throw new UsageError(`--map inválido: ${entry}`);
      operationMap[ours as OperationName] = theirs;
    }
    const timeoutMs = values.timeout ? Number(values.timeout) : undefined;
    if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new UsageError(`--timeout inválido: ${values.timeout}`);

    // Validate the command before touching the network.
    let task: (client: TrayClient) => Promise<unknown>;
    switch (command) {
      case 'capabilities':
        task = async (c) => c.capabilities();
        break;
      case 'statuses':
        task = (c) => c.listStatuses();
        break;
      case 'orders': {
        const since = values.since;
        if (!since || !DATE.test(since) || (values.until && !DATE.test(values.until))) throw new UsageError('orders --since AAAA-MM-DD [--until AAAA-MM-DD]');
        task = (c) => c.listOrders({ since, until: values.until ?? new Date().toISOString().slice(0, 10) });
        break;
      }
      case 'order': {
        const id = Number(rest[0]);
        if (!Number.isInteger(id) || id <= 0) throw new UsageError('order ID (número do pedido na loja)');
        task = async (c) => {
          const [order, items, customer, installments] = await Promise.all([
            c.getOrder(id),
            c.getOrderItems(id),
            c.getOrderCustomer(id),
            c.supports('fWSImportaParcelasPedidoPorId') ? c.getOrderInstallments(id) : Promise.resolve(null),
          ]);
          return { order, items, customer, installments };
        };
        break;
      }
      case 'product': {
        const sku = rest[0];
        if (!sku) throw new UsageError('product SKU');
        task = (c) => c.call('fWSImportaProdutoPorCodReferencia', [sku]);
        break;
      }
      case 'call': {
        const [name, ...args] = rest;
        if (!name || !(OPERATION_NAMES as string[]).includes(name)) throw new UsageError(`operação desconhecida: ${name ?? '(nenhuma)'}; conhecidas: ${OPERATION_NAMES.join(', ')}`);
        const op = name as OperationName;
        const typed = parseCallArgs(op, args);
        task = (c) => c.call(op, typed as OperationArgs<typeof op>);
        break;
      }
      default:
        throw new UsageError(`comando desconhecido: ${command}`);
    }

    const client = new TrayClient({
      url,
      storeId,
      login,
      password,
      cacheDir: values['cache-dir'] ?? path.join(os.tmpdir(), 'ponte-tray-cli-wsdl'),
      operationMap,
      ...(timeoutMs ? { timeoutMs, readTimeoutMs: timeoutMs } : {}),
    });
    try {
      await client.connect({ refreshWsdl: values['refresh-wsdl'] === true });
      const result = await task(client);
      out(redact(JSON.stringify(result, null, 2), password));
      return EXIT.ok;
    } finally {
      await client.close();
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      err(redact(`${error.message}\n${USAGE}`, password));
      return EXIT.usage;
    }
    if (isTrayError(error)) {
      out(redact(JSON.stringify({ error: error.toJSON() }, null, 2), password));
      err(redact(error.message, password));
      return exitFor(error);
    }
    err(redact(`erro inesperado: ${error instanceof Error ? error.message : String(error)}`, password));
    return EXIT.unreachable;
  }
};

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const code = await run(
    process.argv.slice(2),
    process.env,
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  );
  process.exitCode = code;
}
