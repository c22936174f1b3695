/**
 * The client's behaviour under every fault the emulator can inject: the right error class, no
 * blind retry of a write (asserted by the emulator's call count), reads retried, the pool bound
 * (asserted by the emulator's maxInFlight), 429 handling, capabilities, the WSDL cache, and the
 * password absent from every error.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../electron/emulator/index.ts';
import { TrayClient, type TrayClientOptions } from '../../electron/engine/tray/client.ts';
import {
  AuthError,
  MalformedAnswerError,
  OutcomeUnknownError,
  RejectedError,
  TransientError,
  UnsupportedOperationError,
} from '../../electron/engine/tray/errors.ts';
import { wsdlCacheFile } from '../../electron/engine/tray/wsdl-cache.ts';

const PASSWORD = 'Pw-<Ponte>&"secreta"-9271';
let emulator: RunningEmulator;
let cacheDir: string;
const clients: TrayClient[] = [];
const seenErrors: unknown[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ seed: 11, password: PASSWORD, hangMs: 5_000 });
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'ponte-tray-faults-'));
});

afterAll(async () => {
  await emulator?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

afterEach(async () => {
  emulator.setConfig({ faults: { soapFault: 0, html500: 0, reset: 0, hang: 0, truncated: 0, lostAnswer: 0 }, perMinute: 0, serviceEnabled: true, latencyMs: 0, maxConcurrent: 4 });
  emulator.resetStats();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const makeClient = (options: Partial<TrayClientOptions> = {}) => {
  const client = new TrayClient({
    url: emulator.endpoint,
    ...emulator.credentials,
    cacheDir,
    // Generous: a loaded CI machine must not turn a normal call into a timeout (the hang test sets its own).
    timeoutMs: 5_000,
    readTimeoutMs: 5_000,
    retry: { baseDelayMs: 1, maxDelayMs: 5, attempts: 3 },
    ...options,
  });
  clients.push(client);
  return client;
};

const failure = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    seenErrors.push(error);
    return error;
  }
  throw new Error('expected a failure');
};

const orderId = () => [...emulator.store.orders.keys()][0]!;
const productId = () => [...emulator.store.products.keys()][0]!;
const calls = (op: string) => emulator.stats().calls[op] ?? 0;

describe('fault kinds -> error classes', () => {
  it('a SOAP fault on a read is retried, then a RejectedError with the store message', async () => {
    const client = makeClient();
    await client.connect();
    emulator.setConfig({ faults: { soapFault: 1 } });
    const error = await failure(client.getOrder(orderId()));
    expect(error).toBeInstanceOf(RejectedError);
    expect((error as RejectedError).storeMessage).toContain('Erro interno');
    expect(calls('fWSImportaPedidoPorId')).toBe(3);
  });

  it('a SOAP fault on a write is a RejectedError after exactly one call', async () => {
    const client = makeClient();
    await client.connect();
    emulator.setConfig({ faults: { soapFault: 1 } });
    expect(await failure(client.updateStock(productId(), 3))).toBeInstanceOf(RejectedError);
    expect(calls('fWSAtualizaEstoqueProduto')).toBe(1);
  });

  it('an HTML 500 on a read is a TransientError after retries; on a write an OutcomeUnknownError after one call', async () => {
    const client = makeClient();
    await client.connect();
    emulator.setConfig({ faults: { html500: 1 } });
    const read = await failure(client.listStatuses());
    expect(read).toBeInstanceOf(TransientError);
    expect((read as TransientError).status).toBe(500);
    expect(calls('fWSImportaStatusPedido')).toBe(3);
    expect(await failure(client.updateOrderStatus(orderId(), 263))).toBeInstanceOf(OutcomeUnknownError);
    expect(calls('fWSAtualizaStatusPedido')).toBe(1);
  });

  it('a reset: reads retried then TransientError; a write is OutcomeUnknown after one call', async () => {
    const client = makeClient();
    await client.connect();
    emulator.setConfig({ faults: { reset: 1 } });
    expect(await failure(client.listBrands())).toBeInstanceOf(TransientError);
    expect(calls('fWSImportaMarcas')).toBe(3);
    expect(await failure(client.createBrand('Marca X'))).toBeInstanceOf(OutcomeUnknownError);
    expect(calls('fWSCadastraMarca')).toBe(1);
  });

  it('a hang times out: reads retried (TransientError timeout), a write is OutcomeUnknown after one call', async () => {
    const client = makeClient({ timeoutMs: 150, readTimeoutMs: 150, retry: { baseDelayMs: 1, maxDelayMs: 2, attempts: 2 } });
    await client.connect();
    emulator.setConfig({ faults: { hang: 1 }, maxConcurrent: 10 });
    const read = await failure(client.listCategories());
    expect(read).toBeInstanceOf(TransientError);
    expect((read as TransientError).reason).toBe('timeout');
    expect(calls('fWSImportaCategorias')).toBe(2);
    expect(await failure(client.createCategory({ nome: 'X', id_categoria_pai: 0, descricao: '', ordem: 1 }))).toBeInstanceOf(OutcomeUnknownError);
    expect(calls('fWSCadastraCategoria')).toBe(1);
  });

  it('a truncated answer: a read is retried then MalformedAnswerError; a write is OutcomeUnknown after one call', async () => {
    const client = makeClient();
    await client.connect();
    emulator.setConfig({ faults: { truncated: 1 } });
    expect(await failure(client.listCharacteristics())).toBeInstanceOf(MalformedAnswerError);
    expect(calls('fWSImportaCaracteristicas')).toBe(3);
    expect(await failure(client.createCharacteristic('Cor'))).toBeInstanceOf(OutcomeUnknownError);
    expect(calls('fWSCadastraCaracteristica')).toBe(1);
  });

  it('a write whose answer is lost: OutcomeUnknownError with the request (no password), ONE call, and it was applied', async () => {
    const client = makeClient();
    await client.connect();
    emulator.setConfig({ faults: { lostAnswer: 1 } });
    const id = productId();
    const error = await failure(client.updateStock(id, 42));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).operation).toBe('fWSAtualizaEstoqueProduto');
    expect((error as OutcomeUnknownError).args).toEqual(['N', id, 42]);
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
    expect(calls('fWSAtualizaEstoqueProduto')).toBe(1);
    expect(emulator.store.products.get(id)!.estoque).toBe(42);
  });

  it('wrong credentials and a disabled service are AuthErrors, not retried', async () => {
    const wrong = makeClient({ password: 'not-the-password' });
    const error = await failure(wrong.listStatuses());
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).reason).toBe('credentials');
    expect(calls('fWSImportaStatusPedido')).toBe(1);
    const client = makeClient();
    emulator.setConfig({ serviceEnabled: false });
    const disabled = await failure(client.listStatuses());
    expect(disabled).toBeInstanceOf(AuthError);
    expect((disabled as AuthError).reason).toBe('serviceDisabled');
    expect((disabled as AuthError).message).toMatch(/não está habilitado/);
  });

  it('a record the store refuses is a RejectedError after one call', async () => {
    const client = makeClient();
    const error = await failure(client.getOrder(987654321));
    expect(error).toBeInstanceOf(RejectedError);
    expect((error as RejectedError).storeMessage).toBe('Pedido não encontrado');
    expect(calls('fWSImportaPedidoPorId')).toBe(1);
  });
});

describe('retries, pool and pacing', () => {
  it('reads with random faults are retried and all succeed', async () => {
    const client = makeClient({ retry: { baseDelayMs: 1, maxDelayMs: 3, attempts: 10 } });
    await client.connect();
    emulator.setConfig({ faults: { soapFault: 0.2, html500: 0.15, reset: 0.15, truncated: 0.15 } });
    const id = orderId();
    const results = await Promise.all(Array.from({ length: 30 }, () => client.getOrderItems(id)));
    expect(results.every((items) => items.length === emulator.store.orders.get(id)!.items.length)).toBe(true);
    const injected = Object.values(emulator.stats().faults).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThan(0);
    expect(calls('fWSImportaItensPedidoPorId')).toBe(30 + injected);
  });

  it('the pool never exceeds its bound, seen from the emulator', async () => {
    const client = makeClient({ poolSize: 3 });
    await client.connect();
    emulator.setConfig({ latencyMs: 15, maxConcurrent: 50 });
    emulator.resetStats();
    await Promise.all(Array.from({ length: 40 }, () => client.listStatuses()));
    expect(emulator.stats().maxInFlight).toBeLessThanOrEqual(3);
    expect(emulator.stats().maxInFlight).toBe(3);
    expect(client.stats().maxInFlight).toBe(3);
  });

  /** A store of its own: the emulator's rolling minute runs on real time and must start empty. */
  const throttledStore = async (perMinute: number) => {
    const store = await startEmulator({ seed: 5, password: PASSWORD, perMinute });
    stores.push(store);
    return store;
  };
  const stores: RunningEmulator[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('a 429 waits Retry-After, halves the concurrency, and does not spend an attempt (writes too)', async () => {
    const store = await throttledStore(2);
    let offset = 0;
    const waits: number[] = [];
    const client = makeClient({
      url: store.endpoint,
      poolSize: 4,
      retry: { baseDelayMs: 1, maxDelayMs: 5, attempts: 1 },
      now: () => Date.now() + offset,
      // Virtual time: a wait passes at once; the store lifts its limit during the first long wait.
      sleep: async (ms) => {
        waits.push(ms);
        offset += ms;
        if (ms >= 1000) store.setConfig({ perMinute: 0 });
      },
    });
    await client.connect();
    await client.listStatuses();
    await client.listStatuses();
    const id = [...store.store.orders.keys()][0]!;
    const result = await client.updateOrderStatus(id, 278);
    expect(result.status).toBe('ok');
    expect(store.stats().rejected429).toBe(1);
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(1000);
    expect(client.stats().throttled).toBe(1);
    expect(client.stats().effectiveLimit).toBeLessThan(4);
    expect(store.stats().calls['fWSAtualizaStatusPedido']).toBe(1);
  });

  it('a store that keeps answering 429 gives a TransientError "throttled" after the allowed waits', async () => {
    const store = await throttledStore(1);
    let offset = 0;
    const client = makeClient({ url: store.endpoint, now: () => Date.now() + offset, sleep: async (ms) => void (offset += ms), retry: { maxThrottleWaits: 2, baseDelayMs: 1 } });
    await client.connect();
    await client.listBrands();
    const error = await failure(client.listBrands());
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).reason).toBe('throttled');
    expect((error as TransientError).retryAfterMs).toBeGreaterThan(0);
    expect(store.stats().rejected429).toBe(3);
  });

  it('keeps to its own per-minute budget', async () => {
    let offset = 0;
    const client = makeClient({ perMinute: 5, now: () => Date.now() + offset, sleep: async (ms) => void (offset += ms) });
    await client.connect();
    await Promise.all(Array.from({ length: 12 }, () => client.listStatuses()));
    expect(calls('fWSImportaStatusPedido')).toBe(12);
    // 5 + 5 + 2: the third batch could only start after two full (virtual) minutes.
    expect(offset).toBeGreaterThanOrEqual(119_000); // minus the real milliseconds that also passed
    expect(offset).toBeLessThan(180_000);
  });
});

describe('capabilities and the operation map', () => {
  it('a missing or renamed operation disables its feature with a reason; calling it throws without the network', async () => {
    const store = await startEmulator({ omitOperations: ['fWSAtualizaRastreioPedido'], renameOperations: { fWSImportaStatusPedido: 'fWSListaStatusLoja' } });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ponte-tray-caps-'));
    try {
      const plain = new TrayClient({ url: store.endpoint, ...store.credentials, cacheDir: dir });
      clients.push(plain);
      await plain.connect();
      const features = plain.features();
      expect(features.tracking).toEqual({ available: false, reason: expect.stringContaining('fWSAtualizaRastreioPedido') });
      expect(features.orderStatus.available).toBe(false);
      expect(features.orders.available).toBe(true);
      expect(plain.capabilities().unknownStoreOperations).toEqual(['fWSListaStatusLoja']);
      store.resetStats();
      const error = await failure(plain.updateTracking(1, { code: 'AA123456785BR', shippedAt: '2026-11-20' }));
      expect(error).toBeInstanceOf(UnsupportedOperationError);
      expect(Object.keys(store.stats().calls)).toEqual([]);

      const mapped = new TrayClient({ url: store.endpoint, ...store.credentials, cacheDir: dir, operationMap: { fWSImportaStatusPedido: 'fWSListaStatusLoja' } });
      clients.push(mapped);
      await mapped.connect();
      expect(mapped.features().orderStatus.available).toBe(true);
      expect((await mapped.listStatuses()).length).toBeGreaterThan(0);
      expect(store.stats().calls['fWSListaStatusLoja']).toBe(1);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the WSDL cache', () => {
  it('a second start reads the WSDL from disk (works with the store down); a refresh fetches it again', async () => {
    const first = await startEmulator({});
    const port = Number(new URL(first.url).port);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ponte-tray-cache-'));
    const events: string[] = [];
    const opts = { url: first.endpoint, ...first.credentials, cacheDir: dir, onEvent: (e: { type: string; fromCache?: boolean }) => e.type === 'wsdl' && events.push(String(e.fromCache)) };
    try {
      const a = new TrayClient(opts);
      clients.push(a);
      await a.connect();
      const file = wsdlCacheFile(dir, `${first.endpoint}?wsdl`);
      expect(existsSync(file)).toBe(true);
      const mtime = statSync(file).mtimeMs;
      await first.close();

      // The store is down: the second client still knows its operations, so it did not GET the WSDL.
      const b = new TrayClient(opts);
      clients.push(b);
      await b.connect();
      expect(b.features().orders.available).toBe(true);
      expect(statSync(file).mtimeMs).toBe(mtime);

      const again = await startEmulator({ port });
      try {
        const c = new TrayClient(opts);
        clients.push(c);
        await c.connect({ refreshWsdl: true });
        const stale = new TrayClient({ ...opts, now: () => Date.now() + 25 * 3600_000 });
        clients.push(stale);
        await stale.connect();
        expect(events).toEqual(['false', 'true', 'false', 'false']);
        expect((await c.listStatuses()).length).toBeGreaterThan(0);
      } finally {
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('a long-running client refreshes a stale WSDL in the background, once per interval', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ponte-tray-refresh-'));
    let offset = 0;
    const sources: boolean[] = [];
    try {
      const client = makeClient({ cacheDir: dir, now: () => Date.now() + offset, onEvent: (e) => e.type === 'wsdl' && sources.push(e.fromCache) });
      await client.connect();
      await client.listStatuses();
      expect(sources).toEqual([false]);
      offset = 25 * 3600_000;
      await client.listStatuses();
      await client.listStatuses();
      await vi.waitFor(() => expect(sources).toEqual([false, false]));
      await client.listStatuses();
      expect(sources).toEqual([false, false]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the password', () => {
  it('never appears in any error message, stack, JSON or inspection', async () => {
    // Its own failures of every kind (so it passes alone, `vitest -t`), checked with every error the
    // tests above saw.
    const client = makeClient();
    await client.connect();
    const own: Array<[Partial<Record<'soapFault' | 'html500' | 'reset' | 'truncated' | 'lostAnswer', number>>, () => Promise<unknown>]> = [
      [{ soapFault: 1 }, () => client.getOrder(orderId())],
      [{ soapFault: 1 }, () => client.updateStock(productId(), 3)],
      [{ html500: 1 }, () => client.listStatuses()],
      [{ html500: 1 }, () => client.updateOrderStatus(orderId(), 263)],
      [{ reset: 1 }, () => client.listBrands()],
      [{ reset: 1 }, () => client.createBrand('Marca X')],
      [{ truncated: 1 }, () => client.listCharacteristics()],
      [{ truncated: 1 }, () => client.createCharacteristic('Cor')],
      [{ lostAnswer: 1 }, () => client.updateStock(productId(), 42)],
      [{}, () => client.getOrder(987654321)],
      [{}, () => makeClient({ password: 'not-the-password' }).listStatuses()],
    ];
    for (const [faults, call] of own) {
      emulator.setConfig({ faults: { soapFault: 0, html500: 0, reset: 0, truncated: 0, lostAnswer: 0, ...faults } });
      await failure(call());
    }
    emulator.setConfig({ faults: { soapFault: 0, html500: 0, reset: 0, truncated: 0, lostAnswer: 0 }, serviceEnabled: false });
    await failure(client.listStatuses());
    expect(seenErrors.length).toBeGreaterThan(10);
    for (const error of seenErrors) {
      const texts = [String(error), (error as Error).stack ?? '', JSON.stringify(error), inspect(error, { depth: 20, showHidden: true })];
      for (const text of texts) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain('Pw-&lt;Ponte&gt;');
      }
    }
  });
});
