/**
 * The record kept with an order never holds a secret-named field's value (a store that echoes a
 * payment token or a password inside an order): the support view shows what is stored.
 */
import { describe, expect, it } from 'vitest';
import { storeOrderRecord } from '../../electron/engine/sync/orders-map.ts';
import { normaliseStruct } from '../../electron/engine/tray/normalize.ts';
import type { TrayCustomer, TrayInstallment, TrayOrder, TrayOrderItem } from '../../electron/engine/tray/operations.ts';

describe('storeOrderRecord', () => {
  it('masks secret-named fields in the raw records and the extras, and keeps the rest as sent', () => {
    const order = normaliseStruct('Pedido', { id_pedido: '5001', data: '2026-11-20', total: '199.90', id_status: '117', brinde: 'S', token_pagamento: 'tok-123', senha_cliente: '' }, '') as unknown as TrayOrder;
    const item = normaliseStruct('ItemPedido', { cod_prod: 'A1', quantidade: '2', preco: '99.95', Password: 'x' }, '') as unknown as TrayOrderItem;
    const customer = normaliseStruct('ClienteAvancado', { cliente: 'Ana', email: 'a@b.com', logradouro: 'Rua A', cidade: 'Recife', uf: 'PE', cep: '50000000', api_secret: 'sss' }, '') as unknown as TrayCustomer;
    const parcel = normaliseStruct('ParcelaPedido', { numero_parcela: '1', valor: '199.90' }, '') as unknown as TrayInstallment;
    const record = storeOrderRecord(order, [item], [customer], [parcel])!;
    expect(record.order).toMatchObject({ total: '199.90', brinde: 'S', token_pagamento: '***', senha_cliente: '' });
    expect(record.items[0]).toMatchObject({ cod_prod: 'A1', Password: '***' });
    expect(record.customer).toMatchObject({ cliente: 'Ana', api_secret: '***' });
    expect(record.extras).toEqual([
      { where: 'pedido', field: 'brinde', value: 'S' },
      { where: 'pedido', field: 'token_pagamento', value: '***' },
      { where: 'pedido', field: 'senha_cliente', value: '' },
      { where: 'item 1', field: 'Password', value: '***' },
      { where: 'cliente', field: 'api_secret', value: '***' },
    ]);
    expect(JSON.stringify(record)).not.toMatch(/tok-123|sss|"x"/);
  });
});
