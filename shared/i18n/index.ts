/**
 * Ponte's one i18n layer, used by the engine (messages merchants read: errors, activity log,
 * notifications) and by the renderer. pt-BR is the first language; English the second.
 *
 * Each domain declares its own message table with `defineMessages` (so modules do not contend for
 * one giant file) and gets back a typed `t(key, params)`: an unknown key or a missing English text
 * is a compile error. Money and dates go through Intl, never hand-formatted.
 */
export const LOCALES = ['pt-BR', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

let currentLocale: Locale = 'pt-BR';
export const setLocale = (locale: Locale): void => {
  currentLocale = locale;
};
export const getLocale = (): Locale => currentLocale;

export type MessageTable = Record<string, Record<Locale, string>>;
export type Params = Record<string, string | number>;

/** Replaces `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export const interpolate = (template: string, params: Params = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );

export const defineMessages = <T extends MessageTable>(table: T) => {
  const t = (key: keyof T & string, params?: Params, locale: Locale = currentLocale): string => {
    const entry = table[key];
    return interpolate(entry?.[locale] ?? entry?.['pt-BR'] ?? key, params);
  };
  return t;
};

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-US' : 'pt-BR');

export const formatMoney = (value: number, locale: Locale = currentLocale): string =>
  new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'BRL' }).format(value);

export const formatNumber = (value: number, locale: Locale = currentLocale, options?: Intl.NumberFormatOptions): string =>
  new Intl.NumberFormat(intlLocale(locale), options).format(value);

/** `2026-11-29` or an ISO date-time → 29/11/2026 (dates are shown in the shop's own time zone). */
export const formatDate = (iso: string, locale: Locale = currentLocale): string => {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short' }).format(date);
};

export const formatDateTime = (iso: string, locale: Locale = currentLocale): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

/** An ISO date-time → its local time, 15:40 (the Painel's "hoje às 15:40"). */
export const formatTime = (iso: string, locale: Locale = currentLocale): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short' }).format(new Date(iso));

/**
 * The key of a count's form: `${key}.one` for exactly 1, `${key}.other` otherwise. Not
 * Intl.PluralRules: CLDR puts 0 in pt's "one" ("0 pedido"), where Brazilians write "0 pedidos".
 */
export const pluralKey = <K extends string>(key: K, count: number): `${K}.one` | `${K}.other` =>
  Math.abs(count) === 1 ? `${key}.one` : `${key}.other`;

/** A share as the locale writes it: 0.611 → "61,1%" in pt-BR, "61.1%" in English. */
export const formatPercent = (ratio: number, locale: Locale = currentLocale): string =>
  new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
