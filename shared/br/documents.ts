/**
 * CPF and CNPJ check digits. CNPJs are alphanumeric since July 2026: 12 characters [0-9A-Z] then
 * 2 numeric check digits, each character weighing its ASCII code − 48 (so digits keep their value
 * and the old numeric CNPJs stay valid).
 */
const onlyDocChars = (value: string): string => value.toUpperCase().replace(/[.\-/\s]/g, '');

const mod11Digit = (values: number[], weights: number[]): number => {
  const sum = values.reduce((acc, v, i) => acc + v * (weights[i] ?? 0), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
};

const cpfWeights = (length: number) => Array.from({ length }, (_, i) => length + 1 - i);

export const isValidCpf = (input: string): boolean => {
  const cpf = onlyDocChars(input);
  if (!/^\d{11}$/.test(cpf) || /^(\d)\1{10}$/.test(cpf)) return false;
  const digits = [...cpf].map(Number);
  const d1 = mod11Digit(digits.slice(0, 9), cpfWeights(9));
  const d2 = mod11Digit(digits.slice(0, 10), cpfWeights(10));
  return d1 === digits[9] && d2 === digits[10];
};

const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const cnpjValue = (ch: string): number => ch.charCodeAt(0) - 48;

export const cnpjCheckDigits = (base12: string): string => {
  const values = [...base12].map(cnpjValue);
  const d1 = mod11Digit(values, CNPJ_W1);
  const d2 = mod11Digit([...values, d1], CNPJ_W2);
  return `${d1}${d2}`;
};

export const isValidCnpj = (input: string): boolean => {
  const cnpj = onlyDocChars(input);
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj) || /^(\d)\1{13}$/.test(cnpj)) return false;
  return cnpjCheckDigits(cnpj.slice(0, 12)) === cnpj.slice(12);
};

export const cpfCheckDigits = (base9: string): string => {
  const digits = [...base9].map(Number);
  const d1 = mod11Digit(digits, cpfWeights(9));
  const d2 = mod11Digit([...digits, d1], cpfWeights(10));
  return `${d1}${d2}`;
};

export type DocumentKind = 'cpf' | 'cnpj';

/** Classifies a CPF/CNPJ by its length after removing punctuation; null when it is neither. */
export const documentKind = (input: string): DocumentKind | null => {
  const doc = onlyDocChars(input);
  if (doc.length === 11) return 'cpf';
  if (doc.length === 14) return 'cnpj';
  return null;
};

export const isValidDocument = (input: string): boolean => {
  const kind = documentKind(input);
  return kind === 'cpf' ? isValidCpf(input) : kind === 'cnpj' ? isValidCnpj(input) : false;
};

export const normalizeDocument = onlyDocChars;

export const formatCpf = (cpf: string): string =>
  onlyDocChars(cpf).replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');

export const formatCnpj = (cnpj: string): string =>
  onlyDocChars(cnpj).replace(/^(\w{2})(\w{3})(\w{3})(\w{4})(\d{2})$/, '$1.$2.$3/$4-$5');

/** A CPF or CNPJ with its usual punctuation; anything else is returned as given (never guessed). */
export const formatDocument = (value: string): string => {
  const kind = documentKind(value);
  return kind === 'cpf' && /^\d{11}$/.test(onlyDocChars(value))
    ? formatCpf(value)
    : kind === 'cnpj' && /^[0-9A-Z]{12}\d{2}$/.test(onlyDocChars(value))
      ? formatCnpj(value)
      : value;
};

/** A CEP as 00000-000 when it has 8 digits; anything else as given. */
export const formatCep = (value: string): string => {
  const digits = value.replace(/\D/g, '');
  return digits.length === 8 && /^[\d\s.-]+$/.test(value) ? `${digits.slice(0, 5)}-${digits.slice(5)}` : value;
};
