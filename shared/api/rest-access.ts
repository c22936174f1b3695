/**
 * The contract's REST access block (Configurações → "Como conectar"): the store test's candidate for
 * both transports, the authorisation step (`store.authorize`, Tray's `POST /auth`), and the parsing
 * of what the merchant pastes from Tray's install callback. Kept apart from contract.ts so other
 * contract additions merge without touching it.
 *
 * Secrets only ever travel inward: the consumer key and secret and the code are inputs; no output
 * carries them (settings say `hasRestCredentials`, the authorisation says until when it is valid).
 */
import { z } from 'zod';

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((v) => /^https?:\/\//i.test(v), 'use um endereço http:// ou https://');

/** The store section of the form as typed; a field left out is the saved one. */
export const StoreTestCandidate = z
  .object({
    /** Which transport to test (the form's choice, saved or not); absent = the saved one. */
    transport: z.enum(['soap', 'rest']),
    url: z.string().trim().url().max(500),
    storeId: z.string().trim().max(40),
    login: z.string().trim().max(120),
    password: z.string().max(200),
    /** REST: the store's API address (Tray's `api_address`). */
    apiAddress: httpUrl,
    consumerKey: z.string().trim().min(1).max(200),
    consumerSecret: z.string().trim().min(1).max(200),
  })
  .partial()
  .strict()
  .optional();
export type StoreTestCandidate = z.input<typeof StoreTestCandidate>;

/** The authorisation code as Tray hands it over (letters, digits and a few URL-safe marks). */
const CODE = /^[A-Za-z0-9._~-]{1,500}$/;

export const RestAuthorizeInput = z
  .object({
    apiAddress: httpUrl,
    code: z.string().trim().regex(CODE, 'código de autorização inválido'),
    /** Left out = the saved ones (the renderer never has them back). */
    consumerKey: z.string().trim().min(1).max(200).optional(),
    consumerSecret: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type RestAuthorizeInput = z.input<typeof RestAuthorizeInput>;

/**
 * Why an authorisation failed, for the screen to point at the right field: the message itself says
 * it in pt-BR. `credentials` covers a wrong key, secret or code (Tray does not say which).
 */
export type RestAuthorizeFailure =
  | 'missingCredentials'
  | 'credentials'
  | 'storeBlocked'
  | 'storeInactive'
  | 'storeCancelled'
  | 'tokenExpired'
  | 'authorizeAgain'
  | 'unknown'
  | 'unreachable';

export type RestAuthorizeResult =
  | { ok: true; message: string; accessExpiresAt: string; refreshExpiresAt: string }
  | { ok: false; failure: RestAuthorizeFailure; message: string };

/** The contract entries of this block (spread into INPUTS / extended by Outputs in contract.ts). */
export const REST_ACCESS_INPUTS = {
  /** Exchanges the code for tokens (POST /auth); on success the REST access is saved and chosen. */
  'store.authorize': RestAuthorizeInput,
} as const;
export interface RestAccessOutputs {
  'store.authorize': RestAuthorizeResult;
}

// ---------------------------------------------------------------------------------------------
// What the merchant pastes

export type PastedAuthorization =
  | { ok: true; code: string; apiAddress: string | null }
  | { ok: false; problem: 'empty' | 'noCode' | 'badCode' | 'badAddress' };

/**
 * The `code` (and the `api_address`, when present) from what the merchant pasted: the code alone, the
 * whole callback address Tray redirected to (`https://…/retorno?code=…&api_address=…&store=…`), or
 * just its query string. A bare code never looks like an address, so it is taken as it is.
 */
export const parsePastedAuthorization = (pasted: string): PastedAuthorization => {
  const text = pasted.trim();
  if (text === '') return { ok: false, problem: 'empty' };
  const query = queryOf(text);
  if (query === null) return CODE.test(text) ? { ok: true, code: text, apiAddress: null } : { ok: false, problem: 'badCode' };
  const code = query.get('code')?.trim() ?? '';
  if (code === '') return { ok: false, problem: 'noCode' };
  if (!CODE.test(code)) return { ok: false, problem: 'badCode' };
  const address = query.get('api_address')?.trim() ?? '';
  if (address === '') return { ok: true, code, apiAddress: null };
  const api = normalizeApiAddress(address);
  return api === null ? { ok: false, problem: 'badAddress' } : { ok: true, code, apiAddress: api };
};

/** The query of a pasted address or query string; null when the text is neither. */
const queryOf = (text: string): URLSearchParams | null => {
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      // Some callbacks carry the parameters after a '#' (a single-page app's route).
      const hash = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?') + 1) : url.hash.slice(1);
      return url.searchParams.has('code') || !hash.includes('=') ? url.searchParams : new URLSearchParams(hash);
    } catch {
      return new URLSearchParams('');
    }
  }
  if (/(^|[?&])code=/.test(text)) return new URLSearchParams(text.replace(/^[^?]*\?/, ''));
  return null;
};

/**
 * Tray's `api_address` as the client takes it: http(s), no query, no trailing slash. Tray sends it
 * with the scheme (`https://loja.com.br/web_api`); one without is taken as https.
 */
export const normalizeApiAddress = (raw: string): string | null => {
  const text = raw.trim();
  if (text === '' || /\s/.test(text)) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
};
