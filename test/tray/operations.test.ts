/**
 * Every operation of the catalogue, called once through TrayClient against the emulator with valid
 * arguments, and checked against what the emulator's store holds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, STORE_STATUSES, type RunningEmulator } from '../../electron/emulator/index.ts';
import { TrayClient } from '../../electron/engine/tray/client.ts';
import { OPERATION_NAMES, type OperationArgs, type OperationName, type OperationResult } from '../../electron/engine/tray/operations.ts';

let emulator: RunningEmulator;
let client: TrayClient;
let cacheDir: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 3 });
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'ponte-tray-ops-'));
  client = new TrayClient({ url: emulator.endpoint, ...emulator.credentials, cacheDir, retry: { baseDelayMs: 1 } });
  await client.connect();
});

afterAll(async () => {
  await client?.close();
  await emulator?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

const ALL_TIME = ['2000-01-01', '2100-12-31', '0000', '2359'] as const;

/**
 * One case per operation, run in order: a case that works on a record an earlier case creates (the
 * customer, product, category, characteristic, wedding list) reuses it when that case ran, and
 * otherwise creates it first (`needs`) the same way, so `vitest -t` on any one case passes too.
 */
type Case<N extends OperationName> = { name: N; args: () => OperationArgs<N>; check: (result: OperationResult<N>) => void; needs: Array<() => Promise<void>> };
const ctx = { productId: 0, variantId: 0, categoryId: 0, customerId: 0, listId: 0, characteristicId: 0 };
const store = () => emulator.store;
const firstOrder = () => [...store().orders.values()][0]!;
const anyOrderId = () => firstOrder().order.id_pedido;
const productArgs = (sku: string, price: number) =>
  [sku, 'Panela de pressão Ponte', 'Descrição com acentuação', price, 0, 5, 'S', 1.2, 20, 25, 25, [...store().categories.keys()][0]!, [...store().brands.keys()][0]!] as OperationArgs<'fWSCadastraProduto'>;
const CUSTOMER_ARGS: OperationArgs<'fWSCadastraClienteAvancado'> = ['Empresa Ponte Ltda', '11222333000181', '', 'compras@ponte.example.com', '(11) 4000-0000', 'Av. Paulista', '1000', 'cj 12', 'Bela Vista', 'São Paulo', 'SP', '01310-100'];
const CATEGORY_ARGS: OperationArgs<'fWSCadastraCategoria'> = ['Utilidades domésticas', 0, 'Categoria criada no teste', 9];
const CHARACTERISTIC_ARGS: OperationArgs<'fWSCadastraCaracteristica'> = ['Voltagem'];
const LIST_ARGS: OperationArgs<'fWSCadastraListaCasamento'> = ['Lista de Ana e João', 'Ana & João', '2027-05-01', 'ana@example.com'];
/** Creates a record a case needs unless the case that creates it already ran (and asserted it). */
const variantArgs = (price: number) => [ctx.productId, 'PONTE-TESTE-1-AZ', price, 0, 4, 'S', 'Cor', 'Azul', 'Tamanho', 'M'] as OperationArgs<'fWSCadastraVariacao'>;
const createdId = async <N extends 'fWSCadastraVariacao' | 'fWSCadastraClienteAvancado' | 'fWSCadastraProduto' | 'fWSCadastraCategoria' | 'fWSCadastraCaracteristica' | 'fWSCadastraListaCasamento'>(name: N, args: OperationArgs<N>): Promise<number> => {
  const result = (await client.call(name, args)) as { status: string; id: number };
  expect(result.status).toBe('ok');
  return result.id;
};
const need = {
  customer: async () => {
    if (ctx.customerId === 0) ctx.customerId = await createdId('fWSCadastraClienteAvancado', CUSTOMER_ARGS);
  },
  product: async () => {
    if (ctx.productId === 0) ctx.productId = await createdId('fWSCadastraProduto', productArgs('PONTE-TESTE-1', 199.9));
  },
  variant: async () => {
    await need.product();
    if (ctx.variantId === 0) ctx.variantId = await createdId('fWSCadastraVariacao', variantArgs(189.9));
  },
  category: async () => {
    if (ctx.categoryId === 0) ctx.categoryId = await createdId('fWSCadastraCategoria', CATEGORY_ARGS);
  },
  characteristic: async () => {
    if (ctx.characteristicId === 0) ctx.characteristicId = await createdId('fWSCadastraCaracteristica', CHARACTERISTIC_ARGS);
  },
  list: async () => {
    if (ctx.listId === 0) ctx.listId = await createdId('fWSCadastraListaCasamento', LIST_ARGS);
  },
};

const cases: Array<Case<OperationName>> = [
  c('fWSImportaPedidos', () => [...ALL_TIME, ''], (r) => {
    const pending = [...store().orders.values()].filter((o) => o.pending).map((o) => o.order.id_pedido);
    expect(r.map((o) => o.id_pedido).sort()).toEqual(pending.sort());
    expect(typeof r[0]!.total).toBe('number');
  }),
  c('fWSImportaPedidoPorId', () => [anyOrderId()], (r) => expect(r).toEqual(firstOrder().order)),
  c('fWSImportaItensPedidoPorId', () => [anyOrderId()], (r) => expect(r).toEqual(firstOrder().items)),
  c('fWSImportaParcelasPedidoPorId', () => [anyOrderId()], (r) => expect(r).toEqual(firstOrder().installments)),
  c('fWSImportaClientePorPedidoAvancado', () => [anyOrderId()], (r) => expect(r).toEqual([firstOrder().delivery])),
  c('fWSAtualizaListaToDo', () => ['pedidos', anyOrderId()], (r) => {
    expect(r.status).toBe('ok');
    expect(firstOrder().pending).toBe(false);
  }),
  c('fWSImportaClientes', () => [...ALL_TIME], (r) => expect(r.length).toBe(store().customers.size)),
  c('fWSImportaClientesAvancado', () => [...ALL_TIME], (r) => {
    expect(r.length).toBe(store().customers.size);
    expect(r.every((x) => typeof x.id_cliente === 'number' && x.id_cliente > 0)).toBe(true);
  }),
  c('fWSImportaClientePorId', () => [[...store().customers.keys()][0]!], (r) => expect(r).toEqual([...store().customers.values()][0]!.customer)),
  c('fWSCadastraClienteAvancado', () => CUSTOMER_ARGS, (r) => {
    expect(r.status).toBe('ok');
    ctx.customerId = r.id;
    expect(store().customers.get(r.id)!.customer.cidade).toBe('São Paulo');
  }),
  c('fWSImportaClientePorEmail', () => ['compras@ponte.example.com'], (r) => expect(r.id_cliente).toBe(ctx.customerId), [need.customer]),
  c('fWSImportaClientePorCNPJ', () => ['11.222.333/0001-81'], (r) => expect(r.id_cliente).toBe(ctx.customerId), [need.customer]),
  c('fWSImportaClientePorCPF', () => [[...store().customers.values()].find((x) => x.customer.cnpj_cpf.length === 11)!.customer.cnpj_cpf], (r) => expect(r.cnpj_cpf).toHaveLength(11)),
  c('fWSCadastraContatosCliente', () => [ctx.customerId, '(11) 98888-7777', '(11) 3333-2222'], (r) => {
    expect(r.status).toBe('ok');
    expect(store().customers.get(ctx.customerId)!.customer.telefone).toBe('(11) 98888-7777');
  }, [need.customer]),
  c('fWSCadastraProduto', () => productArgs('PONTE-TESTE-1', 199.9), (r) => {
    expect(r.status).toBe('ok');
    ctx.productId = r.id;
    expect(store().products.get(r.id)).toMatchObject({ cod_prod: 'PONTE-TESTE-1', preco: 199.9, nome: 'Panela de pressão Ponte' });
  }),
  c('fWSImportaProdutoPorID', () => [ctx.productId], (r) => expect(r).toEqual(store().products.get(ctx.productId)), [need.product]),
  c('fWSImportaProdutoPorCodReferencia', () => ['PONTE-TESTE-1'], (r) => expect(r.id_produto).toBe(ctx.productId), [need.product]),
  c('fWSAtualizaProduto', () => [ctx.productId, ...productArgs('PONTE-TESTE-1', 149.5)], (r) => {
    expect(r.status).toBe('ok');
    expect(store().products.get(ctx.productId)!.preco).toBe(149.5);
  }, [need.product]),
  c('fWSAtualizaEstoqueProduto', () => ['N', ctx.productId, 17], (r) => {
    expect(r.status).toBe('ok');
    expect(store().products.get(ctx.productId)!.estoque).toBe(17);
  }, [need.product]),
  c('fWSAtualizaProdutoDisponivel', () => ['N', ctx.productId, 'N'], () => expect(store().products.get(ctx.productId)!.disponivel).toBe('N'), [need.product]),
  c('fWSCadastraVariacao', () => variantArgs(189.9), (r) => {
    expect(r.status).toBe('ok');
    ctx.variantId = r.id;
    expect(store().variants.get(r.id)).toMatchObject({ id_produto: ctx.productId, cod_referencia: 'PONTE-TESTE-1-AZ', preco: 189.9, tipo_2: 'Tamanho', valor_2: 'M' });
  }, [need.product]),
  c('fWSImportaVariacaoPorCodReferencia', () => ['PONTE-TESTE-1-AZ'], (r) => expect(r).toEqual(store().variants.get(ctx.variantId)), [need.variant]),
  c('fWSAtualizaVariacao', () => { const [, ...rest] = variantArgs(179.9); return [ctx.variantId, ...rest] as OperationArgs<'fWSAtualizaVariacao'>; }, (r) => {
    expect(r.status).toBe('ok');
    expect(store().variants.get(ctx.variantId)!.preco).toBe(179.9);
  }, [need.variant]),
  c('fWSFormasPagamentosDisponiveis', () => [], (r) => {
    expect(r.length).toBeGreaterThan(0);
    expect(typeof r[0]!.id_forma_pagamento).toBe('number');
  }),
  c('fWSImportaCategorias', () => [], (r) => expect(r).toEqual([...store().categories.values()])),
  c('fWSCadastraCategoria', () => CATEGORY_ARGS, (r) => {
    ctx.categoryId = r.id;
    expect(store().categories.get(r.id)!.nome).toBe('Utilidades domésticas');
  }),
  c('fWSAtualizaCategoria', () => [ctx.categoryId, 'Utilidades', 0, '', 3], () => expect(store().categories.get(ctx.categoryId)).toMatchObject({ nome: 'Utilidades', ordem: 3 }), [need.category]),
  c('fWSImportaMarcas', () => [], (r) => expect(r.map((b) => b.nome)).toEqual([...store().brands.values()])),
  c('fWSCadastraMarca', () => ['Marca Ponte'], (r) => expect(store().brands.get(r.id)).toBe('Marca Ponte')),
  c('fWSImportaCaracteristicas', () => [], (r) => expect(r.map((b) => b.id_caracteristica)).toEqual([...store().characteristics.keys()])),
  c('fWSCadastraCaracteristica', () => CHARACTERISTIC_ARGS, (r) => {
    ctx.characteristicId = r.id;
    expect(store().characteristics.get(r.id)).toBe('Voltagem');
  }),
  c('fWSCadastraCaracteristicaProduto', () => [ctx.productId, ctx.characteristicId, '220 V'], () =>
    expect(store().productCharacteristics.get(ctx.productId)![ctx.characteristicId]).toBe('220 V'),
  [need.product, need.characteristic]),
  c('fWSImportaListasCasamento', () => [], (r) => expect(r.map((w) => w.id_lista)).toEqual([...store().weddingLists.keys()])),
  c('fWSCadastraListaCasamento', () => LIST_ARGS, (r) => {
    ctx.listId = r.id;
    expect(store().weddingLists.get(r.id)!.nome_noivos).toBe('Ana & João');
  }),
  c('fWSCadastraProdutoListaCasamento', () => [ctx.listId, ctx.productId, 2], () =>
    expect(store().weddingLists.get(ctx.listId)!.items).toEqual([{ id_produto: ctx.productId, quantidade: 2 }]),
  [need.product, need.list]),
  c('fWSImportaStatusPedido', () => [], (r) => expect(r).toEqual(STORE_STATUSES)),
  c('fWSAtualizaStatusPedido', () => [anyOrderId(), STORE_STATUSES.find((s) => s.id_status !== firstOrder().order.id_status)!.id_status], (r) => {
    expect(r.status).toBe('ok');
    expect(store().emails.at(-1)!.id_pedido).toBe(anyOrderId());
  }),
  c('fWSAtualizaRastreioPedido', () => [anyOrderId(), 'AA123456785BR', '2026-11-20', 'https://rastreamento.correios.com.br/app/index.php'], () =>
    expect(firstOrder().order).toMatchObject({ codigo_rastreio: 'AA123456785BR', data_envio: '2026-11-20' }),
  ),
];

function c<N extends OperationName>(name: N, args: () => OperationArgs<N>, check: (result: OperationResult<N>) => void, needs: Array<() => Promise<void>> = []): Case<OperationName> {
  return { name, args, check, needs } as unknown as Case<OperationName>;
}

describe('every catalogue operation against the emulator', () => {
  it('the cases cover the whole catalogue', () => {
    expect(cases.map((x) => x.name).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  for (const testCase of cases) {
    it(testCase.name, async () => {
      for (const make of testCase.needs) await make();
      const result = await client.call(testCase.name, testCase.args());
      testCase.check(result);
    });
  }

  it('convenience methods: not found is null for lookups, an error for the rest', async () => {
    expect(await client.getProductBySku('NAO-EXISTE-123')).toBeNull();
    expect(await client.findCustomerByEmail('ninguem@example.com')).toBeNull();
    const customer = await client.getOrderCustomer(anyOrderId());
    expect(customer?.cep).toBe(firstOrder().delivery.cep);
    const windowed = await client.listOrders({ since: '2000-01-01', until: '2100-12-31' });
    expect(Array.isArray(windowed)).toBe(true);
    const created = await client.createBrand('Outra Marca');
    expect(created.status).toBe('ok');
  });
});
