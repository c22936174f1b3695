import { PonteApiError, type ApiError, type Envelope } from '../../../shared/api/contract.ts';

const CODES: ReadonlyArray<ApiError['code']> = ['invalid_input', 'not_found', 'unavailable', 'rejected', 'internal'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Unwraps an envelope from either transport. Anything that is not a well-formed envelope is an
 * internal error: the UI never trusts a shape it did not check.
 */
export const unwrapEnvelope = <T>(envelope: unknown): T => {
  if (isRecord(envelope) && envelope['ok'] === true && 'result' in envelope) {
    return (envelope as { result: T }).result;
  }
  if (isRecord(envelope) && envelope['ok'] === false && isRecord(envelope['error'])) {
    const error = envelope['error'];
    const code = CODES.find((c) => c === error['code']) ?? 'internal';
    const message = typeof error['message'] === 'string' ? error['message'] : 'Erro desconhecido.';
    throw new PonteApiError(code, message, error['details']);
  }
  throw new PonteApiError('internal', 'Resposta inválida do serviço.');
};

export type { Envelope };
