/**
 * Shared setup of the REST tests: one emulator (SOAP and REST over one store) and a REST client on
 * a virtual clock shared by both sides, so token expiry, per-minute windows and the daily cap move
 * only when a test (or a client's back-off sleep) advances it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../electron/emulator/index.ts';
import { RestStoreAdapter } from '../../electron/engine/rest/adapter.ts';
import { SoapStoreAdapter } from '../../electron/engine/store-port/soap-adapter.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import { memoryTokenStore } from '../../electron/engine/rest/auth.ts';
import { RestClient, type RestClientEvent, type RestClientOptions } from '../../electron/engine/rest/client.ts';

export interface VirtualClock {
  ms: number;
  now: () => number;
  date: () => Date;
  advance: (ms: number) => void;
  sleep: (ms: number) => Promise<void>;
}

export const virtualClock = (start = Date.now()): VirtualClock => {
  const clock: VirtualClock = {
    ms: start,
    now: () => clock.ms,
    date: () => new Date(clock.ms),
    advance: (ms) => {
      clock.ms += ms;
    },
    // A back-off "sleep" moves virtual time and yields once, never waiting for real.
    sleep: async (ms) => {
      clock.ms += Math.max(0, ms);
      await new Promise<void>((r) => setImmediate(r));
    },
  };
  return clock;
};

export const startRestEmulator = (clock: VirtualClock, options: EmulatorOptions = {}): Promise<RunningEmulator> =>
  startEmulator({ seed: 15, now: clock.date, ...options });

export const restClient = (emu: RunningEmulator, clock: VirtualClock, options: Partial<RestClientOptions> = {}) => {
  const c = emu.rest.config();
  const tokens = memoryTokenStore();
  const events: RestClientEvent[] = [];
  const client = new RestClient({
    apiAddress: emu.restUrl,
    consumerKey: c.consumerKey,
    consumerSecret: c.consumerSecret,
    code: c.code,
    tokens,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { client, tokens, events, adapter: new RestStoreAdapter({ client }) };
};

export interface BothTransports {
  emu: RunningEmulator;
  soap: SoapStoreAdapter;
  rest: RestStoreAdapter;
}

/**
 * One emulator store reached through both adapters, started before the file's tests and closed
 * after them; the fields are set once `beforeAll` has run.
 */
export const bothTransports = (options: EmulatorOptions): BothTransports => {
  const both = {} as BothTransports;
  let cacheDir = '';
  beforeAll(async () => {
    const clock = virtualClock();
    both.emu = await startRestEmulator(clock, options);
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'ponte-both-'));
    const { storeId, login, password } = both.emu.credentials;
    both.soap = new SoapStoreAdapter(new TrayClient({ url: both.emu.endpoint, storeId, login, password, cacheDir, perMinute: 0 }));
    both.rest = restClient(both.emu, clock).adapter;
  });
  afterAll(async () => {
    await both.soap?.close();
    await both.emu?.close();
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });
  return both;
};

/** Local 'YYYY-MM-DDTHH:MM:SS' of an instant. */
export const localIso = (d: Date): string => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

export const calls = (emu: RunningEmulator, route: string): number => emu.stats().calls[route] ?? 0;
