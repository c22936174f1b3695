/**
 * Contract: the Tray client against a REAL NuSOAP 0.9.5 server (Debian's libnusoap-php) whose WSDL
 * NuSOAP generates itself from our catalogue: rpc/encoded, xsi:type everywhere, SOAP-ENC arrays,
 * ISO-8859-1 text. The client must read accents and arrays of 0, 1 and many elements right.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, RejectedError, TrayClient, UnsupportedOperationError } from '../../electron/engine/tray/index.ts';
import { wsdlCacheFile } from '../../electron/engine/tray/wsdl-cache.ts';
import { NUSOAP_SOURCE, startNusoap, type NusoapServer } from './nusoap-support.ts';

const PASSWORD = 'segredo-contrato';
const available = existsSync(NUSOAP_SOURCE);

describe.skipIf(!available)('TrayClient against a real NuSOAP server', () => {
  let server: NusoapServer;
  let cacheDir: string;
  let client: TrayClient;

  beforeAll(async () => {
    server = await startNusoap();
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'ponte-wsdl-'));
    client = new TrayClient({ url: server.url, storeId: '7', login: 'webservice', password: PASSWORD, cacheDir, retry: { baseDelayMs: 5 } });
    await client.connect();
  }, 30_000);

  afterAll(async () => {
    await client?.close();
    await server?.close();
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });

  it('learns the operations from NuSOAP’s generated WSDL and caches it without the SOAP-ENC import being fetched', async () => {
    const caps = client.capabilities();
    expect(caps.operations.fWSImportaStatusPedido.available).toBe(true);
    expect(caps.operations.fWSAtualizaStatusPedido.available).toBe(true);
    expect(caps.operations.fWSAtualizaRastreioPedido.available).toBe(false);
    expect(caps.features.tracking.available).toBe(false);
    expect(caps.features.tracking.reason).toContain('fWSAtualizaRastreioPedido');
    const cached = await readFile(wsdlCacheFile(cacheDir, `${server.url}?wsdl`), 'utf8');
    expect(cached).toContain('http://schemas.xmlsoap.org/soap/encoding/'); // NuSOAP imports it; we never fetch it
    await expect(client.call('fWSAtualizaRastreioPedido', [1, 'AA123456785BR', '2026-11-20', ''])).rejects.toBeInstanceOf(UnsupportedOperationError);
  });

  it('reads a many-element array with Latin-1 accents and numbers as numbers', async () => {
    const statuses = await client.listStatuses();
    expect(statuses).toEqual([
      { id_status: 101, status: 'AGUARDANDO PAGAMENTO', tipo: 'aberto' },
      { id_status: 117, status: 'EM SEPARAÇÃO', tipo: 'aberto' },
      { id_status: 263, status: 'ENVIADO', tipo: 'fechado' },
      { id_status: 264, status: 'CANCELADO', tipo: 'cancelado' },
    ]);
  });

  it('reads SOAP-ENC arrays of 0, 1 and 3 elements as arrays', async () => {
    expect(await client.getOrderItems(1)).toEqual([]);
    const one = await client.getOrderItems(2);
    expect(one).toEqual([{ id_pedido: 2, id_produto: 501, cod_prod: 'SKU-1', nome_produto: 'Camiseta Algodão Nº 1', quantidade: 1, preco: 49.9, peso: 0.25 }]);
    const three = await client.getOrderItems(3);
    expect(three.map((i) => [i.quantidade, i.preco])).toEqual([
      [1, 49.9],
      [2, 99.8],
      [3, 149.7],
    ]);
    expect((await client.listOrders({ since: '2020-01-01', until: '2020-01-31' })).length).toBe(0);
    expect((await client.listOrders({ since: '2021-01-01' })).map((o) => o.id_pedido)).toEqual([1]);
    expect((await client.listOrders({ since: '2026-11-01', until: '2026-11-30' })).map((o) => o.id_pedido)).toEqual([1, 2, 3]);
  });

  it('reads a one-element customer list with accents and an empty field defaulted', async () => {
    const customer = await client.getOrderCustomer(3);
    expect(customer).toMatchObject({
      id_cliente: 903,
      cliente: 'Maria da Conceição Araújo',
      logradouro: 'Rua São Bento',
      complemento: 'apto 4º andar',
      bairro: 'Sé',
      cidade: 'São Paulo',
      rg_ie: '',
      cep: '01011-000',
    });
  });

  it('reads a struct with decimals and accented text', async () => {
    const order = await client.getOrder(2);
    expect(order).toMatchObject({ id_pedido: 2, subtotal: 1234.5, frete: 19.9, desconto: 0, total: 1254.4, forma_pagamento: 'Cartão de crédito' });
    expect(order.observacao).toBe('Entregar na portaria; não tocar a campainha');
  });

  it('a write answers its Retorno; a fault is a RejectedError with the store’s message', async () => {
    expect(await client.updateOrderStatus(2, 263)).toEqual({ status: 'ok', id: 2, mensagem: 'Situação alterada' });
    const error = await client.updateOrderStatus(99, 263).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RejectedError);
    expect((error as RejectedError).storeMessage).toBe('Pedido não encontrado');
  });

  it('a store message that echoes the password reaches us redacted', async () => {
    const error = await client.getOrder(77).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RejectedError);
    expect((error as RejectedError).storeMessage).toBe('Erro no pedido 77 (loja 7, chave ***)');
    expect(`${(error as Error).stack} ${JSON.stringify(error)}`).not.toContain(PASSWORD);
  });

  it('a wrong password is an AuthError, and the password is not in it', async () => {
    const bad = new TrayClient({ url: server.url, storeId: '7', login: 'webservice', password: 'senha-errada-xyz', cacheDir });
    const error = await bad.listStatuses().catch((e: unknown) => e);
    await bad.close();
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).reason).toBe('credentials');
    const text = `${String(error)} ${(error as Error).stack} ${JSON.stringify(error)}`;
    expect(text).not.toContain('senha-errada-xyz');
  });
});
