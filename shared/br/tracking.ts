/**
 * Tracking-code validation. Correios codes follow UPU S10: 2 letters, 8 digits, 1 check digit,
 * 2 letters. Other carriers (Jadlog, Loggi, Total Express) use their own formats: they are accepted
 * with a warning rather than refused, since we cannot check them.
 */
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

export const s10CheckDigit = (eightDigits: string): number => {
  const sum = [...eightDigits].reduce((acc, d, i) => acc + Number(d) * (S10_WEIGHTS[i] ?? 0), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
};

export type TrackingCheck =
  | { kind: 'correios'; ok: true; code: string }
  | { kind: 'correios'; ok: false; code: string; reason: 'check_digit' }
  | { kind: 'other'; ok: true; code: string; warning: 'unverified_carrier' }
  | { kind: 'invalid'; ok: false; code: string; reason: 'empty' | 'format' };

const S10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

export const normalizeTrackingCode = (raw: string): string => raw.toUpperCase().replace(/[\s.-]/g, '');

export const checkTrackingCode = (raw: string): TrackingCheck => {
  const code = normalizeTrackingCode(raw);
  if (code === '') return { kind: 'invalid', ok: false, code, reason: 'empty' };
  const s10 = S10.exec(code);
  if (s10) {
    const [, , digits, check] = s10;
    return s10CheckDigit(digits ?? '') === Number(check)
      ? { kind: 'correios', ok: true, code }
      : { kind: 'correios', ok: false, code, reason: 'check_digit' };
  }
  // Plausible codes of other carriers: letters and digits, 6 to 40 characters.
  if (/^[A-Z0-9]{6,40}$/.test(code)) return { kind: 'other', ok: true, code, warning: 'unverified_carrier' };
  return { kind: 'invalid', ok: false, code, reason: 'format' };
};
