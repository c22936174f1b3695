/**
 * The store port over the SOAP WebService v2. Only a translation: pacing, retries, capabilities
 * and errors stay the client's. It needs no more than `call` (the engine's lazily connecting
 * `TrayPort`, a `TrayClient`, or a test's fake over the emulator store); `features` and
 * `supports` are used when the client has them (they answer from the store's WSDL).
 */
import type { FeatureState } from '../../../shared/api/contract.ts';
import type { StoreOrderRecord } from '../../../shared/api/store-fields.ts';
import { documentKind, normalizeDocument } from '../../../shared/br/documents.ts';
import { isNotFoundAnswer, partialList, trayErrorKind, type TrayPort } from '../sync/ports.ts';
import { storeOrderRecord } from '../sync/orders-map.ts';
import { MalformedAnswerError, type PartialAnswer } from '../tray/errors.ts';
import { OPERATIONS, type OperationArgs, type OperationName, type OperationResult, type TrayOrder } from '../tray/operations.ts';
import type { OperationRecord } from '../tray/client.ts';
import type {
  Brand,
  Category,
  CategoryInput,
  Characteristic,
  Customer,
  CustomerInput,
  CustomerLookup,
  Order,
  OrderHeader,
  OrderStatus,
  Product,
  ProductInput,
  ProductRef,
  Tracking,
  Variant,
  VariantInput,
  WeddingList,
  WeddingListInput,
} from './domain.ts';
import { STORE_FEATURES, type OrderPushState, type OrderWindow, type StoreCapabilities, type StorePort } from './port.ts';
import { mapSoapBrand, mapSoapCategory, mapSoapCharacteristic, mapSoapCustomer, mapSoapHeader, mapSoapOrder, mapSoapProduct, mapSoapStatus, mapSoapVariant, mapSoapWeddingList } from './soap-map.ts';
import { attachStoreRecord } from './store-record.ts';

/** What the adapter needs of a SOAP client. */
export interface SoapStoreClient extends TrayPort {
  connect?(): Promise<void>;
  /** The store's features from its WSDL; without it every feature reads as available. */
  features?(): Record<string, FeatureState>;
  supports?(name: OperationName): boolean;
  close?(): Promise<void>;
}

const hhmm = (isoLocal: string) => isoLocal.slice(11, 16).replace(':', '') || '0000';

/** Two option slots, as the store keeps them; an empty second slot is "one axis". */
const variantRecord = (v: VariantInput) => ({
  cod_referencia: v.sku,
  preco: v.price,
  preco_promocional: v.promotionalPrice ?? 0,
  estoque: v.stock,
  disponivel: v.available ? 'S' : 'N',
  tipo_1: v.options[0]?.type ?? '',
  valor_1: v.options[0]?.value ?? '',
  tipo_2: v.options[1]?.type ?? '',
  valor_2: v.options[1]?.value ?? '',
});

const productRecord = (p: ProductInput) => ({
  cod_prod: p.sku,
  nome: p.name,
  descricao: p.description,
  preco: p.price,
  preco_promocional: p.promotionalPrice ?? 0,
  estoque: p.stock,
  disponivel: p.available ? 'S' : 'N',
  peso: p.weight,
  altura: p.height,
  largura: p.width,
  comprimento: p.length,
  id_categoria: p.categoryId ?? 0,
  id_marca: p.brandId ?? 0,
});

/** The window as `fWSImportaPedidos` takes it: days and HHMM times, in the store's local time. */
export const soapWindowArgs = (window: OrderWindow): [string, string, string, string, string] => [window.from.slice(0, 10), window.to.slice(0, 10), hhmm(window.from), hhmm(window.to), ''];

export class SoapStoreAdapter implements StorePort {
  readonly transport = 'soap';
  readonly acknowledgement = 'todoList';
  readonly acknowledgementStatusId = null;
  /**
   * The headers of the last listing. `fWSImportaPedidos` answers each order's whole header, so the
   * pull reads only items, customer and installments for a listed order (three calls, as before
   * the port), never the header a second time. A read-back before a push never uses them.
   */
  private listed = new Map<number, TrayOrder>();

  constructor(private readonly client: SoapStoreClient) {}

  private callWith<N extends OperationName>(name: N, record: OperationRecord<N>): Promise<OperationResult<N>> {
    const r = record as Record<string, unknown>;
    const args = OPERATIONS[name].params.map(([param]) => r[param]) as unknown as OperationArgs<N>;
    return this.client.call(name, args);
  }

  /** A "not found" answer is an answer: null, as the client's lookups do. */
  private async orNull<T>(promise: Promise<T>): Promise<T | null> {
    try {
      return await promise;
    } catch (error) {
      if (isNotFoundAnswer(error)) return null;
      throw error;
    }
  }

  async capabilities(): Promise<StoreCapabilities> {
    await this.client.connect?.();
    const features = this.client.features?.() ?? {};
    const out = {} as StoreCapabilities;
    for (const f of STORE_FEATURES) out[f] = features[f] ?? (this.client.features ? { available: false, reason: null } : { available: true, reason: null });
    return out;
  }

  async listChangedOrders(window: OrderWindow): Promise<OrderHeader[]> {
    let list: TrayOrder[];
    const refused: PartialAnswer['refused'] = [];
    try {
      list = await this.client.call('fWSImportaPedidos', soapWindowArgs(window));
    } catch (error) {
      // Records the client could not read are refused one by one; the readable ones go on.
      const partial = partialList<TrayOrder>(error);
      if (!partial) throw error;
      list = partial.good;
      for (const r of partial.refused) refused.push({ ...r, fields: null });
    }
    // The same order can appear twice in one answer when it changed during the window: the last wins.
    const byId = new Map(list.map((o) => [o.id_pedido, o]));
    const headers: OrderHeader[] = [];
    [...byId.values()].forEach((o, index) => {
      try {
        headers.push(mapSoapHeader(o));
      } catch (error) {
        // One order whose date cannot be read must not hide the others: it is refused alone.
        refused.push({ index, id: o.id_pedido, detail: error instanceof Error ? error.message : String(error), fields: null });
      }
    });
    this.listed = byId;
    if (refused.length > 0) throw new MalformedAnswerError('fWSImportaPedidos', `${refused.length} pedido(s) ilegíveis`, '', null, { good: headers, refused });
    return headers;
  }

  /**
   * Installments are optional to the orders feature: a store whose WebService has no such operation
   * (the hand-written store in test/contract has none) has orders without installments, not
   * unreadable orders. Any other failure still fails the read.
   */
  private installmentsOf(id: number): Promise<OperationResult<'fWSImportaParcelasPedidoPorId'>> {
    if (this.client.supports?.('fWSImportaParcelasPedidoPorId') === false) return Promise.resolve([]);
    return this.client.call('fWSImportaParcelasPedidoPorId', [id]).catch((error: unknown) => {
      if (trayErrorKind(error) === 'unsupported') return [];
      throw error;
    });
  }

  async readOrder(id: number, options: { forPush?: boolean } = {}): Promise<Order> {
    // `supports` answers from the WSDL: without it, installments would silently read as none.
    await this.client.connect?.();
    const header = options.forPush ? undefined : this.listed.get(id);
    this.listed.delete(id);
    const [order, items, customers, installments] = await Promise.all([
      header ? Promise.resolve(header) : this.client.call('fWSImportaPedidoPorId', [id]),
      this.client.call('fWSImportaItensPedidoPorId', [id]),
      this.client.call('fWSImportaClientePorPedidoAvancado', [id]),
      this.installmentsOf(id),
    ]);
    const mapped = mapSoapOrder(order, items, customers, installments);
    const record: StoreOrderRecord | null = storeOrderRecord(order, items, customers, installments);
    return record ? attachStoreRecord(mapped, record) : mapped;
  }

  async readPushState(id: number): Promise<OrderPushState> {
    const header = mapSoapHeader(await this.client.call('fWSImportaPedidoPorId', [id]));
    if (header.statusId === null) throw new MalformedAnswerError('fWSImportaPedidoPorId', `pedido ${id} sem id_status`);
    return { status: { id: header.statusId, name: header.statusName }, trackingCode: header.trackingCode ?? '' };
  }

  async acknowledgeOrder(id: number): Promise<void> {
    await this.client.call('fWSAtualizaListaToDo', ['pedidos', id]);
  }

  async listStatuses(): Promise<OrderStatus[]> {
    return (await this.client.call('fWSImportaStatusPedido', [])).map(mapSoapStatus);
  }

  async setOrderStatus(orderId: number, statusId: number): Promise<void> {
    await this.client.call('fWSAtualizaStatusPedido', [orderId, statusId]);
  }

  async setTracking(orderId: number, tracking: Tracking): Promise<void> {
    await this.client.call('fWSAtualizaRastreioPedido', [orderId, tracking.code, tracking.shippedAt ?? '', tracking.url ?? '']);
  }

  async findProductBySku(sku: string): Promise<Product | null> {
    const p = await this.orNull(this.client.call('fWSImportaProdutoPorCodReferencia', [sku]));
    return p ? mapSoapProduct(p) : null;
  }

  async createProduct(product: ProductInput): Promise<number> {
    return (await this.callWith('fWSCadastraProduto', productRecord(product))).id;
  }

  async updateProduct(id: number, product: ProductInput): Promise<void> {
    await this.callWith('fWSAtualizaProduto', { id_produto: id, ...productRecord(product) });
  }

  async findVariantBySku(sku: string): Promise<Variant | null> {
    const v = await this.orNull(this.client.call('fWSImportaVariacaoPorCodReferencia', [sku]));
    return v ? mapSoapVariant(v) : null;
  }

  async createVariant(variant: VariantInput): Promise<number> {
    return (await this.callWith('fWSCadastraVariacao', { id_produto: variant.productId, ...variantRecord(variant) })).id;
  }

  async updateVariant(id: number, variant: VariantInput): Promise<void> {
    await this.callWith('fWSAtualizaVariacao', { id_variacao: id, ...variantRecord(variant) });
  }

  async setStock(ref: ProductRef, stock: number): Promise<void> {
    const variant = ref.variantId ?? null;
    await this.client.call('fWSAtualizaEstoqueProduto', [variant !== null ? 'S' : 'N', variant ?? ref.productId, stock]);
  }

  async setAvailability(ref: ProductRef, available: boolean): Promise<void> {
    const variant = ref.variantId ?? null;
    await this.client.call('fWSAtualizaProdutoDisponivel', [variant !== null ? 'S' : 'N', variant ?? ref.productId, available ? 'S' : 'N']);
  }

  async listCategories(): Promise<Category[]> {
    return (await this.client.call('fWSImportaCategorias', [])).map(mapSoapCategory);
  }

  async createCategory(c: CategoryInput): Promise<number> {
    return (await this.callWith('fWSCadastraCategoria', { nome: c.name, id_categoria_pai: c.parentId ?? 0, descricao: c.description, ordem: c.order })).id;
  }

  async updateCategory(id: number, c: CategoryInput): Promise<void> {
    await this.callWith('fWSAtualizaCategoria', { id_categoria: id, nome: c.name, id_categoria_pai: c.parentId ?? 0, descricao: c.description, ordem: c.order });
  }

  async listBrands(): Promise<Brand[]> {
    return (await this.client.call('fWSImportaMarcas', [])).map(mapSoapBrand);
  }

  async createBrand(name: string): Promise<number> {
    return (await this.client.call('fWSCadastraMarca', [name])).id;
  }

  async listCharacteristics(): Promise<Characteristic[]> {
    return (await this.client.call('fWSImportaCaracteristicas', [])).map(mapSoapCharacteristic);
  }

  async createCharacteristic(name: string): Promise<number> {
    return (await this.client.call('fWSCadastraCaracteristica', [name])).id;
  }

  async setProductCharacteristic(productId: number, characteristicId: number, value: string): Promise<void> {
    await this.client.call('fWSCadastraCaracteristicaProduto', [productId, characteristicId, value]);
  }

  async findCustomer(lookup: CustomerLookup): Promise<Customer | null> {
    // normalizeDocument keeps letters: an alphanumeric CNPJ is 14 characters, not its digits alone.
    const doc = normalizeDocument(lookup.document ?? '');
    const kind = documentKind(doc);
    const found = lookup.email
      ? await this.orNull(this.client.call('fWSImportaClientePorEmail', [lookup.email]))
      : kind === 'cnpj'
        ? await this.orNull(this.client.call('fWSImportaClientePorCNPJ', [doc]))
        : kind === 'cpf'
          ? await this.orNull(this.client.call('fWSImportaClientePorCPF', [doc]))
          : null;
    return found ? mapSoapCustomer(found) : null;
  }

  async createCustomer(c: CustomerInput): Promise<number> {
    const a = c.address;
    const answer = await this.callWith('fWSCadastraClienteAvancado', {
      nome: c.name,
      cnpj_cpf: c.document,
      rg_ie: c.stateRegistration,
      email: c.email,
      telefone: c.phone,
      logradouro: a.street,
      numero: a.number,
      complemento: a.complement,
      bairro: a.district,
      cidade: a.city,
      uf: a.uf,
      cep: a.cep,
    });
    return answer.id;
  }

  async setCustomerPhone(customerId: number, phone: string): Promise<void> {
    await this.client.call('fWSCadastraContatosCliente', [customerId, phone, '']);
  }

  /** An `unsupported` error from the client (the store's WSDL lacks the listing) passes through. */
  async listWeddingLists(): Promise<WeddingList[]> {
    return (await this.client.call('fWSImportaListasCasamento', [])).map(mapSoapWeddingList);
  }

  async createWeddingList(list: WeddingListInput): Promise<number> {
    return (await this.callWith('fWSCadastraListaCasamento', { nome_lista: list.name, nome_noivos: list.couple, data_evento: list.eventDate, email: list.email })).id;
  }

  async addToWeddingList(listId: number, productId: number, quantity: number): Promise<void> {
    await this.client.call('fWSCadastraProdutoListaCasamento', [listId, productId, quantity]);
  }

  close(): Promise<void> {
    return this.client.close?.() ?? Promise.resolve();
  }
}
