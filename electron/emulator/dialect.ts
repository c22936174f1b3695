/**
 * A field dialect for the emulator: a rename table applied to every record on the way out and to
 * the complex types of its WSDL, so the emulator can play a store that names fields its own way
 * (as Tray's real, unpublished WSDL may). Requests are positional and are not affected.
 */
import type { FieldMap, TypeName } from '../engine/tray/operations.ts';

/** Per type: our field -> the name this store publishes. */
export type FieldDialect = FieldMap;

/**
 * A store with the names of public clients where they are known (data_pedido, status_pedido —
 * which Ponte reads through its built-in aliases) and its own names elsewhere (which need a field
 * map: without one, Ponte must refuse these orders rather than read zeros and blanks).
 */
export const PUBLIC_CLIENT_DIALECT: FieldDialect = {
  Pedido: { data: 'data_pedido', status: 'status_pedido', total: 'valor_total_pedido', id_status: 'codigo_status' },
  ItemPedido: { cod_prod: 'referencia_produto', preco: 'valor_unitario_item' },
};

export const publishedField = (dialect: FieldDialect | undefined, type: TypeName, field: string): string => dialect?.[type]?.[field] ?? field;
