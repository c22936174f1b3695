/**
 * Diagnostic command for a Tray store:
 *   npm run tray -- <command> --url URL --store ID --login L --password P
 * (or PONTE_TRAY_URL / PONTE_TRAY_STORE / PONTE_TRAY_LOGIN / PONTE_TRAY_PASSWORD). Prints JSON.
 * Commands: capabilities | statuses | orders --since YYYY-MM-DD [--until YYYY-MM-DD] |
 *           order ID | product SKU | call OPERATION [ARGS...] |
 *           capture order ID [--out FILE]  (the raw SOAP exchange of `order ID`, password removed: ./capture.ts)
 * Options: --cache-dir DIR, --refresh-wsdl, --map ours=theirs (repeatable),
 *          --field Type.ours=theirs (repeatable: the store's field names), --timeout MS
 * On the REST API: --transport rest --url API_ADDRESS --consumer-key K --consumer-secret S --code C (../rest/cli.ts).
 * Exit: 0 ok, 2 usage, 3 authentication, 4 rejected (or unusable answer), 5 unreachable/timeout.
 */
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TrayClient } from './client.ts';
import { isTrayError, MalformedAnswerError, redact, type TrayError } from './errors.ts';
import { t } from './messages.ts';
import { OPERATIONS, OPERATION_NAMES, TYPES, type FieldMap, type OperationArgs, type OperationName, type TypeName } from './operations.ts';
import type { OperationMap } from './capabilities.ts';
import { runRestCli } from '../rest/cli.ts';
import { captureText, createRecorder, readOrder, type CaptureFile } from './capture.ts';
import { suggestFieldMap } from './wsdl-fields.ts';
import { storeRecordOf } from './normalize.ts';
import { withoutSecrets } from '../../../shared/api/store-fields.ts';

export const EXIT = { ok: 0, usage: 2, auth: 3, rejected: 4, unreachable: 5 } as const;

class UsageError extends Error {}

const USAGE = `uso: npm run tray -- <capabilities|statuses|orders|order|product|call|capture> [args] --url URL --store ID --login L --password P
  orders --since AAAA-MM-DD [--until AAAA-MM-DD]   order ID   product SKU   call OPERACAO [ARGS...]
  capture order ID [--out ARQUIVO]   (grava a troca SOAP da leitura do pedido, sem a senha, para o suporte)
  opções: --cache-dir DIR  --refresh-wsdl  --map nosso=daloja  --field Tipo.nosso=daloja  --timeout MS
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

type OrderReading = Awaited<ReturnType<typeof readOrder>>;

/**
 * `order ID`'s output: the reading, plus the fields the store sent that Ponte does not read, per
 * record (secret-named ones masked). Without them, a store calling the item name `descricao`
 * shows `nome_produto: ""` as if it had sent nothing, and support cannot tell a default from a value.
 */
export const withStoreExtras = (reading: OrderReading) => {
  const extras = (where: string, record: object | null) =>
    Object.entries(withoutSecrets(storeRecordOf(record).extras)).map(([field, value]) => ({ where, field, value }));
  return {
    ...reading,
    storeExtras: [
      ...extras('pedido', reading.order),
      ...reading.items.flatMap((item, n) => extras(`item ${n + 1}`, item)),
      ...extras('cliente', reading.customer),
      ...(reading.installments ?? []).flatMap((p, n) => extras(`parcela ${n + 1}`, p)),
    ],
  };
};

/** What `order ID` (and its capture) reads: a refusal in one of them is worth the map for all. */
const ORDER_TYPES: readonly TypeName[] = ['Pedido', 'ItemPedido', 'ClienteAvancado', 'ParcelaPedido'];

interface FieldHint {
  /** pt-BR lines for stderr. */
  lines: string[];
  /** The suggested field map, for stdout's JSON. */
  map: Record<string, Record<string, string>>;
}

/**
 * After an answer refused for missing fields: every required field the store's WSDL lacks in the
 * types the command reads, with the `--field` flags its suggestions make. Without it, `order ID`
 * names only the first refused answer's fields (the order's), and a store with three renamed
 * fields takes three tries to map.
 */
const fieldHint = (client: TrayClient, error: unknown, types: readonly TypeName[]): FieldHint | null => {
  if (!(error instanceof MalformedAnswerError) || !error.fields) return null;
  const report = client.fieldReport();
  if (!report) return null;
  const wanted = [...new Set([error.fields.type as TypeName, ...types])];
  const { map, unsuggested } = suggestFieldMap(report, wanted);
  const entries = Object.entries(map).flatMap(([type, fields]) => Object.entries(fields).map(([ours, theirs]) => [`${type}.${ours}`, theirs] as const));
  const lines: string[] = [];
  if (entries.length > 0) {
    lines.push(t('cli.fieldSuggestion', { fields: entries.map(([f]) => f).join(', '), flags: entries.map(([f, theirs]) => `--field ${f}=${theirs}`).join(' ') }));
  }
  if (unsuggested.length > 0) lines.push(t('cli.fieldUnsuggested', { fields: unsuggested.join(', ') }));
  return lines.length > 0 ? { lines, map } : null;
};

/** `--field Pedido.total=vl_total` entries -> a field map, checked against the catalogue's types and fields. */
export const parseFieldMap = (entries: string[]): FieldMap => {
  const map: Record<string, Record<string, string>> = {};
  for (const entry of entries) {
    const m = /^([A-Za-z]+)\.([A-Za-z_][A-Za-z0-9_]*)=([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(entry.trim());
    const type = m?.[1];
    if (!m || !type || !Object.hasOwn(TYPES, type) || !Object.hasOwn(TYPES[type as TypeName], m[2]!)) {
      throw new UsageError(`--field inválido: ${entry} (formato Tipo.campo=campo_da_loja; tipos: ${Object.keys(TYPES).join(', ')})`);
    }
    (map[type] ??= {})[m[2]!] = m[3]!;
  }
  return map as FieldMap;
};

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
  let hint: FieldHint | null = null;
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
        field: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        transport: { type: 'string' },
        'consumer-key': { type: 'string' },
        'consumer-secret': { type: 'string' },
        code: { type: 'string' },
        out: { type: 'string' },
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
    const fieldMap = parseFieldMap(values.field ?? []);
    const timeoutMs = values.timeout ? Number(values.timeout) : undefined;
    if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new UsageError(`--timeout inválido: ${values.timeout}`);

    // Validate the command before touching the network.
    let task: (client: TrayClient) => Promise<unknown>;
    let capture: { orderId: number; file: string } | null = null;
    let reads: readonly TypeName[] = [];
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
        reads = ['Pedido'];
        break;
      }
      case 'order': {
        const id = Number(rest[0]);
        if (!Number.isInteger(id) || id <= 0) throw new UsageError('order ID (número do pedido na loja)');
        task = async (c) => withStoreExtras(await readOrder(c, id));
        reads = ORDER_TYPES;
        break;
      }
      case 'capture': {
        const id = Number(rest[1]);
        if (rest[0] !== 'order' || !Number.isInteger(id) || id <= 0) throw new UsageError('capture order ID [--out ARQUIVO]');
        capture = { orderId: id, file: path.resolve(values.out ?? `ponte-captura-pedido-${id}.json`) };
        task = (c) => readOrder(c, id);
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

    if (capture) return await runCapture({ url, storeId, login, password, operationMap, fieldMap, timeoutMs, task, ...capture }, out, err);

    const client = new TrayClient({
      url,
      storeId,
      login,
      password,
      cacheDir: values['cache-dir'] ?? path.join(os.tmpdir(), 'ponte-tray-cli-wsdl'),
      operationMap,
      fieldMap,
      ...(timeoutMs ? { timeoutMs, readTimeoutMs: timeoutMs } : {}),
    });
    try {
      await client.connect({ refreshWsdl: values['refresh-wsdl'] === true });
      const result = await task(client);
      out(redact(JSON.stringify(result, null, 2), password));
      return EXIT.ok;
    } catch (error) {
      hint = fieldHint(client, error, reads);
      throw error;
    } finally {
      await client.close();
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      err(redact(`${error.message}\n${USAGE}`, password));
      return EXIT.usage;
    }
    if (isTrayError(error)) {
      out(redact(JSON.stringify({ error: error.toJSON(), ...(hint && { suggestedFieldMap: hint.map }) }, null, 2), password));
      err(redact([error.message, ...(hint?.lines ?? [])].join('\n'), password));
      return exitFor(error);
    }
    err(redact(`erro inesperado: ${error instanceof Error ? error.message : String(error)}`, password));
    return EXIT.unreachable;
  }
};

interface CaptureRun {
  url: string;
  storeId: string;
  login: string;
  password: string;
  operationMap: OperationMap;
  fieldMap: FieldMap;
  timeoutMs: number | undefined;
  task: (client: TrayClient) => Promise<unknown>;
  orderId: number;
  file: string;
}

/**
 * `capture order ID`: the file is written whether the reading works or not — a store Ponte cannot
 * read is the case support needs it for. The exit code is the reading's.
 */
const runCapture = async (c: CaptureRun, out: (s: string) => void, err: (s: string) => void): Promise<number> => {
  const recorder = createRecorder(c.password);
  // A throwaway WSDL cache: the store's WSDL goes into the capture (the replay needs it), never a stale copy.
  const cacheDir = path.join(os.tmpdir(), `ponte-tray-capture-${process.pid}-${Date.now()}`);
  const client = new TrayClient({
    url: c.url,
    storeId: c.storeId,
    login: c.login,
    password: c.password,
    cacheDir,
    operationMap: c.operationMap,
    fieldMap: c.fieldMap,
    onExchange: recorder.onExchange,
    ...(c.timeoutMs ? { timeoutMs: c.timeoutMs, readTimeoutMs: c.timeoutMs } : {}),
  });
  let result: unknown = null;
  let failure: unknown = null;
  let code: number = EXIT.ok;
  try {
    await client.connect({ refreshWsdl: true });
    result = await c.task(client);
  } catch (error) {
    if (!isTrayError(error)) throw error;
    failure = error.toJSON();
    code = exitFor(error);
    err(redact([error.message, ...(fieldHint(client, error, ORDER_TYPES)?.lines ?? [])].join('\n'), c.password));
  } finally {
    await client.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
  const file: CaptureFile = {
    format: 'ponte-tray-capture',
    version: 1,
    capturedAt: new Date().toISOString(),
    command: 'order',
    orderId: c.orderId,
    url: c.url,
    storeId: c.storeId,
    operationMap: c.operationMap as Record<string, string>,
    fieldMap: c.fieldMap as Record<string, Record<string, string>>,
    exchanges: recorder.exchanges,
    result,
    error: failure,
  };
  await writeFile(c.file, `${captureText(file, c.password)}\n`, 'utf8');
  out(JSON.stringify({ file: c.file, exchanges: recorder.exchanges.length, ok: failure === null }, null, 2));
  err(`captura gravada em ${c.file} (${recorder.exchanges.length} trocas, sem a senha): envie este arquivo ao suporte`);
  return code;
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
