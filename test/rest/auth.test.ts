/**
 * REST authorisation on a virtual clock shared with the emulator: the code exchanged once, the
 * access token renewed before it expires, a 401 / 1000 cured by one renewal, an expired refresh
 * token asking the merchant to authorise again, error codes 1001–1003 named, secrets never shown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../electron/emulator/index.ts';
import { RestAuthError } from '../../electron/engine/rest/errors.ts';
import { calls, restClient, startRestEmulator, virtualClock } from './helpers.ts';

const HOUR = 3_600_000;
let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('REST authorisation', () => {
  it('exchanges the code once, keeps the tokens in the token store and reuses the access token', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter, tokens } = restClient(emu, clock);
    await adapter.listStatuses();
    await adapter.listStatuses();
    expect(calls(emu, 'rest:POST /auth')).toBe(1);
    expect(calls(emu, 'rest:GET /auth')).toBe(0);
    const kept = tokens.current();
    expect(kept?.accessToken).toMatch(/^[0-9a-f]{48}$/);
    expect(Date.parse(kept!.accessExpiresAt) - clock.ms).toBeGreaterThan(2.9 * HOUR);
    expect(Date.parse(kept!.refreshExpiresAt) - clock.ms).toBeGreaterThan(29 * 24 * HOUR);
  });

  it('renews the access token before it expires, with the refresh token, and never meets a 401', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter, tokens } = restClient(emu, clock);
    await adapter.listStatuses();
    const first = tokens.current()!.accessToken;
    clock.advance(3 * HOUR - 5 * 60_000); // 5 min before expiry: inside the renewal margin
    await adapter.listStatuses();
    expect(calls(emu, 'rest:GET /auth')).toBe(1);
    expect(calls(emu, 'rest:POST /auth')).toBe(1);
    expect(tokens.current()!.accessToken).not.toBe(first);
    expect(emu.stats().log.filter((e) => e.outcome !== 'ok')).toEqual([]);
  });

  it('a 401 with error_code 1000 renews the token once and the call goes through', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter } = restClient(emu, clock);
    await adapter.listStatuses();
    emu.rest.expireAccessTokens();
    const statuses = await adapter.listStatuses();
    expect(statuses.length).toBeGreaterThan(0);
    expect(calls(emu, 'rest:GET /auth')).toBe(1);
    expect(emu.stats().log.filter((e) => e.outcome === 'fault').map((e) => e.op)).toEqual(['rest:GET /orders/statuses']);
  });

  it('a refresh token past its 30 days asks the merchant to authorise again, in pt-BR', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter } = restClient(emu, clock);
    await adapter.listStatuses();
    clock.advance(31 * 24 * HOUR);
    const error = await adapter.listStatuses().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestAuthError);
    expect((error as RestAuthError).reason).toBe('authorizeAgain');
    expect((error as RestAuthError).message).toMatch(/Autorize o aplicativo de novo/);
    expect(calls(emu, 'rest:GET /orders/statuses')).toBe(1); // nothing sent with a dead token
  });

  it.each([
    ['blocked', 'storeBlocked', 1001, /bloqueada/],
    ['inactive', 'storeInactive', 1002, /inativa/],
    ['cancelled', 'storeCancelled', 1003, /cancelada/],
  ] as const)('a store %s answers 401 / error_code %s, named in pt-BR', async (state, reason, code, text) => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const { adapter } = restClient(emu, clock);
    emu.rest.setConfig({ storeState: state });
    const error = (await adapter.listStatuses().catch((e: unknown) => e)) as RestAuthError;
    expect(error).toBeInstanceOf(RestAuthError);
    expect(error.kind).toBe('auth');
    expect([error.reason, error.errorCode]).toEqual([reason, code]);
    expect(error.message).toMatch(text);
  });

  it('a wrong consumer secret is refused as credentials, and no secret or token reaches the error or the events', async () => {
    const clock = virtualClock();
    emu = await startRestEmulator(clock);
    const secret = 'not-the-secret-1234';
    const { adapter, events } = restClient(emu, clock, { consumerSecret: secret });
    const error = (await adapter.listStatuses().catch((e: unknown) => e)) as RestAuthError;
    expect(error.reason).toBe('credentials');
    expect(error.message).toMatch(/consumer key e consumer secret/);
    const shown = JSON.stringify([error.toJSON(), error.message, events]);
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(emu.rest.config().code);
  });
});
