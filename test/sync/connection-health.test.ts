import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnections, FAILING_AFTER, type TrayClientHandle } from '../../electron/engine/connections.ts';
import { DEFAULT_SETTINGS, memorySecretStore } from '../../electron/engine/settings.ts';
import { classifyFault, OutcomeUnknownError, RejectedError } from '../../electron/engine/tray/errors.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A store whose every call fails with `error` (after a connect that works). */
const connectionsFailingWith = async (error: () => Error) => {
  const secrets = memorySecretStore();
  await secrets.set('trayPassword', 'x');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ponte-health-'));
  dirs.push(dataDir);
  const handle: TrayClientHandle = {
    connect: async () => {},
    features: () => ({}),
    close: async () => {},
    call: async () => {
      throw error();
    },
  };
  return createConnections({
    settings: () => ({ ...DEFAULT_SETTINGS, store: { url: 'https://loja.example', storeId: '1', login: 'ws' } }),
    secrets,
    dataDir,
    now: () => new Date('2026-12-02T10:00:00Z'),
    createTrayClient: () => handle,
  });
};

describe('store health on the Painel', () => {
  it('is no longer "ok" once store calls keep failing, whatever the kind of failure', async () => {
    const connections = await connectionsFailingWith(() => new RejectedError('fWSAtualizaProduto', 'Erro interno no servidor. Tente novamente mais tarde.', 'SOAP-ENV:Server', classifyFault('SOAP-ENV:Server', 'Erro interno no servidor. Tente novamente mais tarde.')));
    for (let i = 0; i < FAILING_AFTER; i += 1) {
      await expect(connections.trayPort.call('fWSImportaCategorias', [])).rejects.toThrow();
      if (i < FAILING_AFTER - 1) expect(connections.storeState().state).toBe('ok');
    }
    expect(connections.storeState()).toMatchObject({
      state: 'error',
      message: `A loja não está respondendo como deveria: as últimas ${FAILING_AFTER} chamadas falharam (última: a atualização do produto, Erro interno no servidor. Tente novamente mais tarde). O Ponte continua tentando.`,
    });
  });

  it('says the store keeps failing, not what one record\'s lost write was, nor the web server\'s page', async () => {
    const page = 'HTTP 503: 503 Service Unavailable Service Unavailable The server is temporarily unable to service your request';
    const connections = await connectionsFailingWith(() => new OutcomeUnknownError('fWSAtualizaEstoqueProduto', ['PNT-1', 3, 0], page));
    for (let i = 0; i < FAILING_AFTER; i += 1) await expect(connections.trayPort.call('fWSAtualizaEstoqueProduto', ['PNT-1', 3, 0])).rejects.toThrow();
    const { state, message } = connections.storeState();
    expect(state).toBe('error');
    expect(message).toBe(`A loja não está respondendo como deveria: as últimas ${FAILING_AFTER} chamadas falharam (última: a atualização do estoque, HTTP 503). O Ponte continua tentando.`);
  });

  it('a "not found" answer is an answer: the store stays "ok"', async () => {
    const connections = await connectionsFailingWith(() => new RejectedError('fWSImportaProdutoPorCodReferencia', 'Produto não encontrado', 'SOAP-ENV:Client', classifyFault('SOAP-ENV:Client', 'Produto não encontrado')));
    for (let i = 0; i < FAILING_AFTER + 2; i += 1) await expect(connections.trayPort.call('fWSImportaCategorias', [])).rejects.toThrow();
    expect(connections.storeState().state).toBe('ok');
  });
});
