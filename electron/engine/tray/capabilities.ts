/**
 * Which of our operations a store offers, and so which features work there. Pure: the input is
 * the operation names found in the store's WSDL and the operation map (our name -> the store's).
 */
import type { StoreFieldReport } from '../../../shared/api/store-fields.ts';
import { t } from './messages.ts';
import { OPERATIONS, OPERATION_NAMES, type Feature, type OperationName } from './operations.ts';

/** Operations a feature cannot work without; the feature's other operations are optional. */
export const FEATURE_REQUIREMENTS: Record<Feature, readonly OperationName[]> = {
  orders: ['fWSImportaPedidos', 'fWSImportaItensPedidoPorId', 'fWSImportaClientePorPedidoAvancado', 'fWSAtualizaListaToDo'],
  orderStatus: ['fWSImportaStatusPedido', 'fWSAtualizaStatusPedido'],
  tracking: ['fWSAtualizaRastreioPedido'],
  products: ['fWSImportaProdutoPorCodReferencia', 'fWSCadastraProduto', 'fWSAtualizaProduto'],
  variants: ['fWSImportaVariacaoPorCodReferencia', 'fWSCadastraVariacao', 'fWSAtualizaVariacao'],
  stock: ['fWSAtualizaEstoqueProduto'],
  categories: ['fWSImportaCategorias', 'fWSCadastraCategoria'],
  brands: ['fWSImportaMarcas', 'fWSCadastraMarca'],
  characteristics: ['fWSImportaCaracteristicas', 'fWSCadastraCaracteristica', 'fWSCadastraCaracteristicaProduto'],
  customers: ['fWSCadastraClienteAvancado'],
  weddingLists: ['fWSCadastraListaCasamento', 'fWSCadastraProdutoListaCasamento'],
  payments: ['fWSFormasPagamentosDisponiveis'],
};

export const FEATURES = Object.keys(FEATURE_REQUIREMENTS) as Feature[];

export type OperationMap = Partial<Record<OperationName, string>>;

export interface OperationAvailability {
  available: boolean;
  /** The store's name for it (after the operation map). */
  storeName: string;
}

export interface FeatureAvailability {
  available: boolean;
  /** pt-BR reason when unavailable. */
  reason: string | null;
  /** Required operations the store lacks. */
  missing: OperationName[];
  /** Optional operations of the feature the store lacks (the feature works without them). */
  missingOptional: OperationName[];
}

export interface Capabilities {
  operations: Record<OperationName, OperationAvailability>;
  features: Record<Feature, FeatureAvailability>;
  /** Operations in the store's WSDL that nothing of ours maps to (useful to support). */
  unknownStoreOperations: string[];
  /** The store's WSDL field names against ours (./wsdl-fields.ts), once the WSDL has been read. */
  fields?: StoreFieldReport;
}

export const storeNameOf = (name: OperationName, map: OperationMap): string => map[name] ?? name;

export const computeCapabilities = (storeOperations: Iterable<string>, map: OperationMap): Capabilities => {
  const offered = new Set(storeOperations);
  const operations = {} as Record<OperationName, OperationAvailability>;
  for (const name of OPERATION_NAMES) {
    const storeName = storeNameOf(name, map);
    operations[name] = { available: offered.has(storeName), storeName };
  }
  const features = {} as Record<Feature, FeatureAvailability>;
  for (const feature of FEATURES) {
    const required = FEATURE_REQUIREMENTS[feature];
    const missing = required.filter((op) => !operations[op].available);
    const missingOptional = OPERATION_NAMES.filter(
      (op) => OPERATIONS[op].feature === feature && !required.includes(op) && !operations[op].available,
    );
    features[feature] = {
      available: missing.length === 0,
      reason: missing.length === 0 ? null : t('feature.missing', { operations: missing.map((op) => operations[op].storeName).join(', ') }),
      missing,
      missingOptional,
    };
  }
  const mapped = new Set(OPERATION_NAMES.map((n) => operations[n].storeName));
  return { operations, features, unknownStoreOperations: [...offered].filter((op) => !mapped.has(op)).sort() };
};
