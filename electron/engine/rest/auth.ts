/**
 * Authorisation on Tray's REST API. The app's consumer key and secret plus the store's `code`
 * (from the install callback) are exchanged once for an access token (3 h) and a refresh token
 * (30 days) with `POST /auth`; the access token is renewed before it expires with
 * `GET /auth?refresh_token=`. Tokens live in the injected token store (Ponte's secret store in the
 * app), never in settings or logs. A refresh token that expired cannot be renewed: the merchant
 * authorises the app again (a new code).
 *
 * The HTTP exchange itself is injected (`send`), so the client counts these calls in its budget.
 */
import { RestAuthError, authReasonOf, redactAll } from './errors.ts';
import { authAnswer, errorBody, parseAnswer, type AuthAnswer } from './schemas.ts';

export interface RestTokens {
  accessToken: string;
  refreshToken: string;
  /** ISO instants. */
  accessExpiresAt: string;
  refreshExpiresAt: string;
}

export interface TokenStore {
  load(): Promise<RestTokens | null>;
  save(tokens: RestTokens | null): Promise<void>;
}

/** A secret store by name (the shell's safeStorage, headless mode's encoded file, memory in tests). */
export interface NamedSecrets {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
}

export const secretTokenStore = (secrets: NamedSecrets, name = 'trayRestTokens'): TokenStore => ({
  load: async () => {
    const raw = await secrets.get(name);
    if (!raw) return null;
    try {
      const v = JSON.parse(raw) as Partial<RestTokens>;
      return typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' && typeof v.accessExpiresAt === 'string' && typeof v.refreshExpiresAt === 'string'
        ? (v as RestTokens)
        : null;
    } catch {
      return null;
    }
  },
  save: (tokens) => secrets.set(name, tokens ? JSON.stringify(tokens) : ''),
});

export const memoryTokenStore = (initial: RestTokens | null = null): TokenStore & { current(): RestTokens | null } => {
  let value = initial;
  return {
    load: async () => value,
    save: async (t) => {
      value = t;
    },
    current: () => value,
  };
};

export interface AuthExchange {
  status: number;
  body: unknown;
}

export interface RestAuthOptions {
  consumerKey: string;
  consumerSecret: string;
  /** The store's authorisation code (or null once only tokens are kept). */
  code: string | null;
  tokens: TokenStore;
  now: () => number;
  /** Renew this long before the access token expires (default 10 min). */
  refreshMarginMs?: number;
  send: (request: { method: 'GET' | 'POST'; path: '/auth'; query?: Record<string, string>; form?: Record<string, string> }) => Promise<AuthExchange>;
}

/** Tray's "YYYY-MM-DD HH:MM:SS" in the store's local time -> an instant. */
export const parseStoreDateTime = (s: string): Date => {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s.trim());
  if (!m) return new Date(Number.NaN);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
};

export class RestAuth {
  private tokens: RestTokens | null | undefined = undefined;
  private pending: Promise<RestTokens> | null = null;
  private readonly margin: number;

  constructor(private readonly options: RestAuthOptions) {
    this.margin = options.refreshMarginMs ?? 10 * 60_000;
  }

  /** Everything secret this manager knows, for redaction of store-provided text. */
  secrets(): string[] {
    return [this.options.consumerSecret, this.options.code ?? '', this.tokens?.accessToken ?? '', this.tokens?.refreshToken ?? ''];
  }

  private async loaded(): Promise<RestTokens | null> {
    if (this.tokens === undefined) this.tokens = await this.options.tokens.load();
    return this.tokens;
  }

  /** A valid access token, renewed first when it expires within the margin. */
  async accessToken(): Promise<string> {
    const tokens = await this.loaded();
    if (tokens && Date.parse(tokens.accessExpiresAt) - this.margin > this.options.now()) return tokens.accessToken;
    if (!this.pending) {
      const renewal = this.renew(tokens);
      this.pending = renewal;
      void renewal.then(
        () => (this.pending = null),
        () => (this.pending = null),
      );
    }
    return (await this.pending).accessToken;
  }

  /** The store said the access token expired (401 / 1000): renew at the next call. */
  invalidate(): void {
    if (this.tokens) this.tokens = { ...this.tokens, accessExpiresAt: new Date(0).toISOString() };
  }

  /** When the access and refresh tokens expire, for the settings screen (null when not authorised). */
  async status(): Promise<{ accessExpiresAt: string; refreshExpiresAt: string } | null> {
    const tokens = await this.loaded();
    return tokens ? { accessExpiresAt: tokens.accessExpiresAt, refreshExpiresAt: tokens.refreshExpiresAt } : null;
  }

  private async renew(tokens: RestTokens | null): Promise<RestTokens> {
    const now = this.options.now();
    if (tokens) {
      if (Date.parse(tokens.refreshExpiresAt) <= now) throw new RestAuthError('authorizeAgain', 'autorização', 'refresh token vencido');
      const answer = await this.options.send({ method: 'GET', path: '/auth', query: { refresh_token: tokens.refreshToken } });
      if (answer.status === 401 || answer.status === 400) throw new RestAuthError('authorizeAgain', 'autorização', this.describe(answer));
      return this.accept(answer, 'renovação do acesso');
    }
    const code = this.options.code;
    if (!code) throw new RestAuthError('notAuthorized', 'autorização', 'sem token e sem código');
    const answer = await this.options.send({
      method: 'POST',
      path: '/auth',
      form: { consumer_key: this.options.consumerKey, consumer_secret: this.options.consumerSecret, code },
    });
    if (answer.status === 401 || answer.status === 400 || answer.status === 403) {
      // A store blocked, inactive or cancelled at Tray is refused with its error_code even here:
      // saying "check the key" would send the merchant after the wrong thing.
      const errorCode = this.errorCodeOf(answer);
      if (errorCode !== null && errorCode >= 1001 && errorCode <= 1099) throw new RestAuthError(authReasonOf(errorCode), 'autorização', this.describe(answer), errorCode);
      throw new RestAuthError('credentials', 'autorização', this.describe(answer));
    }
    return this.accept(answer, 'autorização');
  }

  private errorCodeOf(answer: AuthExchange): number | null {
    const parsed = errorBody.safeParse(answer.body);
    return parsed.success ? (parsed.data.error_code ?? null) : null;
  }

  private describe(answer: AuthExchange): string {
    const parsed = errorBody.safeParse(answer.body);
    const message = parsed.success ? [parsed.data.message, ...[parsed.data.causes ?? []].flat()].filter(Boolean).join('; ') : '';
    return redactAll(`HTTP ${answer.status}${message ? `: ${message}` : ''}`, this.secrets()).slice(0, 200);
  }

  private async accept(answer: AuthExchange, what: string): Promise<RestTokens> {
    if (answer.status < 200 || answer.status >= 300) throw new RestAuthError('unknown', what, this.describe(answer), null);
    const a: AuthAnswer = parseAnswer(authAnswer, answer.body, what);
    const next: RestTokens = {
      accessToken: a.access_token,
      refreshToken: a.refresh_token,
      accessExpiresAt: parseStoreDateTime(a.date_expiration_access_token).toISOString(),
      refreshExpiresAt: parseStoreDateTime(a.date_expiration_refresh_token).toISOString(),
    };
    this.tokens = next;
    await this.options.tokens.save(next);
    return next;
  }
}
