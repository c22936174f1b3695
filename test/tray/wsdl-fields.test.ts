/**
 * The store's WSDL field names against ours: parsed from the emulator's own WSDL (plain and with
 * the public-client dialect), compared with the field map, suggestions by name, and features
 * disabled by missing required fields, as by a missing operation.
 */
import { describe, expect, it } from 'vitest';
import { PUBLIC_CLIENT_DIALECT } from '../../electron/emulator/index.ts';
import { publishedField } from '../../electron/emulator/dialect.ts';
import { wsdl } from '../../electron/emulator/soap.ts';
import { computeCapabilities } from '../../electron/engine/tray/capabilities.ts';
import { OPERATION_NAMES, type FieldMap } from '../../electron/engine/tray/operations.ts';
import { applyFieldChecks, compareFields, nameSimilarity, parseWsdlTypes, suggestFieldMap } from '../../electron/engine/tray/wsdl-fields.ts';

const NS = 'urn:ws_servidor';
const storeWsdl = (renamed: boolean) =>
  wsdl(
    { namespace: NS, published: (op) => op, operations: OPERATION_NAMES, ...(renamed && { field: (type, field) => publishedField(PUBLIC_CLIENT_DIALECT, type, field) }) },
    'http://127.0.0.1:1/webservice/v2/ws_servidor.php',
  );

const typeOf = (report: ReturnType<typeof compareFields>, type: string) => report.types.find((r) => r.type === type)!;
const check = (report: ReturnType<typeof compareFields>, type: string, field: string) => typeOf(report, type).fields.find((f) => f.field === field)!;

describe('store WSDL fields', () => {
  it('reads complex types and resolves each operation to the type it answers (arrays to their element)', () => {
    const parsed = parseWsdlTypes(storeWsdl(true));
    expect(parsed.types.Pedido!.map((f) => f.name)).toContain('valor_total_pedido');
    expect(parsed.types.Pedido!.find((f) => f.name === 'valor_total_pedido')!.xsdType).toBe('decimal');
    expect(parsed.returns.fWSImportaPedidos).toBe('Pedido');
    expect(parsed.returns.fWSImportaItensPedidoPorId).toBe('ItemPedido');
    expect(parsed.types.ArrayOfPedido).toBeUndefined();
  });

  it('a store with our names matches every field and disables nothing', () => {
    const report = compareFields(parseWsdlTypes(storeWsdl(false)), {}, {});
    for (const type of report.types) {
      expect(type.storeType).toBe(type.type);
      expect(type.missingRequired).toEqual([]);
      expect(type.extra).toEqual([]);
      expect(type.fields.every((f) => f.match === 'matched')).toBe(true);
    }
    const caps = applyFieldChecks(computeCapabilities(OPERATION_NAMES, {}), report);
    expect(Object.values(caps.features).every((f) => f.available)).toBe(true);
  });

  it('a renamed store: aliases found, missing fields suggested from the store’s own list, orders disabled with the reason', () => {
    const report = compareFields(parseWsdlTypes(storeWsdl(true)), {}, {});
    expect(check(report, 'Pedido', 'data')).toMatchObject({ match: 'alias', storeField: 'data_pedido' });
    expect(check(report, 'Pedido', 'status')).toMatchObject({ match: 'alias', storeField: 'status_pedido' });
    expect(check(report, 'Pedido', 'total')).toMatchObject({ match: 'missing', required: true, suggestion: 'valor_total_pedido' });
    expect(check(report, 'Pedido', 'id_status')).toMatchObject({ match: 'missing', required: true, suggestion: 'codigo_status' });
    expect(check(report, 'ItemPedido', 'cod_prod')).toMatchObject({ match: 'missing', suggestion: 'referencia_produto' });
    expect(check(report, 'ItemPedido', 'preco')).toMatchObject({ match: 'missing', suggestion: 'valor_unitario_item' });
    expect(typeOf(report, 'Pedido').missingRequired).toEqual(['total', 'id_status']);
    expect(typeOf(report, 'Pedido').extra.sort()).toEqual(['codigo_status', 'valor_total_pedido']);
    const caps = applyFieldChecks(computeCapabilities(OPERATION_NAMES, {}), report);
    expect(caps.features.orders.available).toBe(false);
    expect(caps.features.orders.reason).toContain('Pedido.total');
    expect(caps.features.orders.reason).toContain('ItemPedido.cod_prod');
    expect(caps.features.products.available).toBe(true);
  });

  it('the suggested field map makes every field found through the map, and the feature comes back', () => {
    const parsed = parseWsdlTypes(storeWsdl(true));
    const first = compareFields(parsed, {}, {});
    const map: FieldMap = {};
    for (const type of first.types) for (const f of type.fields) if (f.suggestion) (map[type.type as 'Pedido'] ??= {})[f.field] = f.suggestion;
    const report = compareFields(parsed, map, {});
    expect(check(report, 'Pedido', 'total')).toMatchObject({ match: 'map', storeField: 'valor_total_pedido' });
    expect(report.types.every((r) => r.missingRequired.length === 0)).toBe(true);
    expect(typeOf(report, 'Pedido').extra).toEqual([]);
    expect(applyFieldChecks(computeCapabilities(OPERATION_NAMES, {}), report).features.orders.available).toBe(true);
  });

  it('a map to a field the store lacks is missing, naming the mapped name', () => {
    const report = compareFields(parseWsdlTypes(storeWsdl(true)), { Pedido: { total: 'valor' } }, {});
    expect(check(report, 'Pedido', 'total')).toMatchObject({ match: 'missing', mappedTo: 'valor', suggestion: 'valor_total_pedido' });
  });

  it('a WSDL without type declarations checks nothing and disables nothing', () => {
    const report = compareFields(parseWsdlTypes('<definitions><types/></definitions>'), {}, {});
    expect(report.types.every((r) => r.storeType === null && r.missingRequired.length === 0)).toBe(true);
    expect(applyFieldChecks(computeCapabilities(OPERATION_NAMES, {}), report).features.orders.available).toBe(true);
    expect(parseWsdlTypes('not xml <<<').types).toEqual({});
  });

  it('suggestFieldMap: the map for the required fields missing in the given types; a group takes its member with a suggestion', () => {
    const missing = (field: string, suggestion: string | null) => ({ field, required: true, match: 'missing' as const, storeField: null, mappedTo: null, suggestion });
    const report = {
      types: [
        { type: 'ClienteAvancado', storeType: 'DadosCliente', fields: [missing('cnpj_cpf', null), missing('email', 'e_mail'), missing('cep', null)], extra: [], missingRequired: ['cnpj_cpf/email', 'cep'] },
        { type: 'Produto', storeType: 'DadosProduto', fields: [missing('cod_prod', 'sku_produto')], extra: [], missingRequired: ['cod_prod'] },
      ],
    };
    expect(suggestFieldMap(report, ['ClienteAvancado'])).toEqual({ map: { ClienteAvancado: { email: 'e_mail' } }, unsuggested: ['ClienteAvancado.cep'] });
    expect(suggestFieldMap(report, ['Produto', 'Pedido'])).toEqual({ map: { Produto: { cod_prod: 'sku_produto' } }, unsuggested: [] });
    const renamed = compareFields(parseWsdlTypes(storeWsdl(true)), {}, {});
    expect(suggestFieldMap(renamed, ['Pedido']).map).toEqual({ Pedido: { total: 'valor_total_pedido', id_status: 'codigo_status' } });
  });

  it('name similarity counts shared words and shared prefixes', () => {
    expect(nameSimilarity('valor_total', 'valor_total_pedido')).toBeCloseTo(0.8);
    expect(nameSimilarity('cod_prod', 'referencia_produto')).toBeCloseTo(0.5);
    expect(nameSimilarity('preco', 'cidade')).toBe(0);
  });
});
