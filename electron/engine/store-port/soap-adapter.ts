/**
 * The store port over the SOAP WebService v2, on top of the existing `TrayClient`. Only a
 * translation: pacing, retries, capabilities and errors stay the client's. No job uses it yet.
 */
import type { TrayClient } from '../tray/client.ts';
import type { Feature } from '../tray/operations.ts';
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
  WeddingListInput,
} from './domain.ts';
import { STORE_FEATURES, type OrderWindow, type StoreCapabilities, type StorePort } from './port.ts';
import { mapSoapBrand, mapSoapCategory, mapSoapCharacteristic, mapSoapCustomer, mapSoapHeader, mapSoapOrder, mapSoapProduct, mapSoapStatus } from './soap-map.ts';

const hhmm = (isoLocal: string) => isoLocal.slice(11, 16).replace(':', '') || '0000';

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

export class SoapStoreAdapter implements StorePort {
  readonly transport = 'soap';
  readonly acknowledgement = 'todoList';

  constructor(private readonly client: TrayClient) {}

  async capabilities(): Promise<StoreCapabilities> {
    await this.client.connect();
    const features = this.client.features();
    const out = {} as StoreCapabilities;
    for (const f of STORE_FEATURES) out[f] = features[f as Feature] ?? { available: false, reason: null };
    return out;
  }

  async listChangedOrders(window: OrderWindow): Promise<OrderHeader[]> {
    const list = await this.client.listOrders({ since: window.from.slice(0, 10), until: window.to.slice(0, 10), sinceTime: hhmm(window.from), untilTime: hhmm(window.to), status: '' });
    return [...new Map(list.map((o) => [o.id_pedido, mapSoapHeader(o)])).values()];
  }

  async readOrder(id: number): Promise<Order> {
    // `supports` answers from the WSDL: without it, installments would silently read as none.
    await this.client.connect();
    const [order, items, customers, installments] = await Promise.all([
      this.client.getOrder(id),
      this.client.getOrderItems(id),
      this.client.call('fWSImportaClientePorPedidoAvancado', [id]),
      this.client.supports('fWSImportaParcelasPedidoPorId') ? this.client.getOrderInstallments(id) : Promise.resolve([]),
    ]);
    return mapSoapOrder(order, items, customers, installments);
  }

  async acknowledgeOrder(id: number): Promise<void> {
    await this.client.ackOrder(id);
  }

  async listStatuses(): Promise<OrderStatus[]> {
    return (await this.client.listStatuses()).map(mapSoapStatus);
  }

  async setOrderStatus(orderId: number, statusId: number): Promise<void> {
    await this.client.updateOrderStatus(orderId, statusId);
  }

  async setTracking(orderId: number, tracking: Tracking): Promise<void> {
    await this.client.updateTracking(orderId, { code: tracking.code, shippedAt: tracking.shippedAt ?? '', ...(tracking.url && { url: tracking.url }) });
  }

  async findProductBySku(sku: string): Promise<Product | null> {
    const p = await this.client.getProductBySku(sku);
    return p ? mapSoapProduct(p) : null;
  }

  async createProduct(product: ProductInput): Promise<number> {
    return (await this.client.createProduct(productRecord(product))).id;
  }

  async updateProduct(id: number, product: ProductInput): Promise<void> {
    await this.client.updateProduct({ id_produto: id, ...productRecord(product) });
  }

  async setStock(ref: ProductRef, stock: number): Promise<void> {
    const variant = ref.variantId ?? null;
    await this.client.updateStock(variant ?? ref.productId, stock, variant !== null);
  }

  async setAvailability(ref: ProductRef, available: boolean): Promise<void> {
    const variant = ref.variantId ?? null;
    await this.client.updateAvailability(variant ?? ref.productId, available, variant !== null);
  }

  async listCategories(): Promise<Category[]> {
    return (await this.client.listCategories()).map(mapSoapCategory);
  }

  async createCategory(c: CategoryInput): Promise<number> {
    return (await this.client.createCategory({ nome: c.name, id_categoria_pai: c.parentId ?? 0, descricao: c.description, ordem: c.order })).id;
  }

  async updateCategory(id: number, c: CategoryInput): Promise<void> {
    await this.client.updateCategory({ id_categoria: id, nome: c.name, id_categoria_pai: c.parentId ?? 0, descricao: c.description, ordem: c.order });
  }

  async listBrands(): Promise<Brand[]> {
    return (await this.client.listBrands()).map(mapSoapBrand);
  }

  async createBrand(name: string): Promise<number> {
    return (await this.client.createBrand(name)).id;
  }

  async listCharacteristics(): Promise<Characteristic[]> {
    return (await this.client.listCharacteristics()).map(mapSoapCharacteristic);
  }

  async createCharacteristic(name: string): Promise<number> {
    return (await this.client.createCharacteristic(name)).id;
  }

  async setProductCharacteristic(productId: number, characteristicId: number, value: string): Promise<void> {
    await this.client.setProductCharacteristic(productId, characteristicId, value);
  }

  async findCustomer(lookup: CustomerLookup): Promise<Customer | null> {
    const doc = lookup.document?.replace(/\D/g, '');
    const found = lookup.email
      ? await this.client.findCustomerByEmail(lookup.email)
      : doc
        ? await (doc.length === 14 ? this.client.findCustomerByCnpj(doc) : this.client.findCustomerByCpf(doc))
        : null;
    return found ? mapSoapCustomer(found) : null;
  }

  async createCustomer(c: CustomerInput): Promise<number> {
    const a = c.address;
    const answer = await this.client.createCustomer({
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

  async createWeddingList(list: WeddingListInput): Promise<number> {
    return (await this.client.createWeddingList({ nome_lista: list.name, nome_noivos: list.couple, data_evento: list.eventDate, email: list.email })).id;
  }

  async addToWeddingList(listId: number, productId: number, quantity: number): Promise<void> {
    await this.client.addProductToWeddingList(listId, productId, quantity);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

