import { describe, expect, it } from 'vitest';
import { RejectedError } from '../../electron/engine/tray/errors.ts';
import { operationLabel } from '../../electron/engine/tray/operation-labels.ts';
import { OPERATION_NAMES } from '../../electron/engine/tray/operations.ts';

describe('operation names stay out of merchant messages', () => {
  it('every operation has pt-BR and English words of its own', () => {
    for (const op of OPERATION_NAMES) {
      expect(operationLabel(op), op).not.toMatch(/fWS|operação$/);
      expect(operationLabel(op, 'en'), op).not.toMatch(/fWS|operation$/);
    }
  });

  it('a refused write names what was refused, and keeps the operation for support', () => {
    const error = new RejectedError('fWSAtualizaProduto', 'Produto inexistente', 'Client');
    expect(error.message).toBe('A loja recusou a atualização do produto: Produto inexistente');
    expect(error.operation).toBe('fWSAtualizaProduto');
  });
});
