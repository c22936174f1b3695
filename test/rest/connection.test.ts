/** The app's REST wiring: tokens in the secret store, budget in the database meta table, the connection test. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { createRestStore, testRestConnection } from '../../electron/engine/rest/index.ts';
import { startRestEmulator, virtualClock } from './helpers.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const wiring = (emu: RunningEmulator, clock: ReturnType<typeof virtualClock>, secret?: string) => {
  const secrets = new Map<string, string>();
  const meta = new Map<string, string>();
  const c = emu.rest.config();
  const store = createRestStore({
    apiAddress: emu.restUrl, consumerKey: c.consumerKey, consumerSecret: secret ?? c.consumerSecret, code: c.code,
    secrets: { get: async (k) => secrets.get(k) ?? null, set: async (k, v) => void secrets.set(k, v) },
    meta: { getMeta: (k) => meta.get(k) ?? null, setMeta: (k, v) => void meta.set(k, v), deleteMeta: (k) => void meta.delete(k) },
    now: clock.now, sleep: clock.sleep,
  });
  return { ...store, secrets, meta };
};

describe('REST connection test', () => {
  it('authorises, lists the statuses, keeps tokens in the secret store and today\'s count in the meta table', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { client, port, secrets, meta } = wiring(emu, clock);
    const result = await testRestConnection(client, port);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.statuses.map((s) => s.name)).toContain('ENVIADO');
    expect(Date.parse(result.refreshExpiresAt!) - clock.ms).toBeGreaterThan(29 * 86_400_000);
    expect(result.budget.used).toBe(2);
    expect(secrets.has('trayRestTokens')).toBe(true);
    expect(JSON.parse(meta.get('rest.budget')!).used).toBe(2);
  });

  it('a refused authorisation is a pt-BR message, not a throw, and names no secret', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { client, port } = wiring(emu, clock, 'outro-segredo-4321');
    const result = await testRestConnection(client, port);
    expect(result).toMatchObject({ ok: false, kind: 'auth' });
    expect(JSON.stringify(result)).not.toContain('outro-segredo-4321');
    expect(!result.ok && result.message).toMatch(/recusou a autorização/);
  });
});
