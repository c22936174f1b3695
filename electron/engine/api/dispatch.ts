/**
 * Turns the engine's typed handler map into the one entry point both transports use: validate the
 * input against the contract's schema, run the handler, and answer an envelope. Errors never
 * escape as exceptions across a transport, and their messages are the merchant-facing ones.
 */
import { INPUTS, isHandlerName, PonteApiError, type ApiError, type Envelope, type Handlers, type PonteEvent } from '../../../shared/api/contract.ts';

export interface EngineEndpoint {
  dispatch(name: string, rawInput: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (event: PonteEvent) => void): () => void;
}

export type Logger = (level: 'info' | 'warn' | 'error', message: string) => void;

export const toApiError = (error: unknown): ApiError => {
  if (error instanceof PonteApiError) return { code: error.code, message: error.message, details: error.details };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
};

export const createDispatcher = (
  handlers: Handlers,
  subscribe: EngineEndpoint['subscribe'],
  log: Logger = () => {},
): EngineEndpoint => ({
  async dispatch(name, rawInput) {
    if (!isHandlerName(name)) return { ok: false, error: { code: 'invalid_input', message: `Operação desconhecida: ${name.slice(0, 80)}` } };
    const parsed = INPUTS[name].safeParse(rawInput ?? undefined);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return { ok: false, error: { code: 'invalid_input', message: 'Dados inválidos', details: issues } };
    }
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      return { ok: true, result: await handler(parsed.data) };
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'internal') log('error', `${name}: ${apiError.message}`);
      return { ok: false, error: apiError };
    }
  },
  subscribe,
});
