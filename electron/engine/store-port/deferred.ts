/**
 * A store port that resolves the real adapter on each call: the engine's settings choose SOAP or
 * REST, and may change while the engine runs (Configurações), so the jobs hold this one object and
 * every call goes to the adapter the settings name now. `observe` hears each call's outcome, for
 * the Painel's store health. Only forwarding: no retries, no state of its own.
 */
import type { StorePort } from './port.ts';

export interface DeferredStoreOptions {
  /** The adapter the settings name now (built lazily by the caller, kept while the settings stay). */
  resolve: () => Promise<StorePort>;
  /** Read without a call (the order pull asks them before acknowledging): from the settings. */
  describe: () => Pick<StorePort, 'transport' | 'acknowledgement' | 'acknowledgementStatusId'>;
  observe?: (outcome: { ok: true } | { ok: false; error: unknown }) => void;
  /** Wraps each call (the connections count calls in flight, so a retired client closes only when idle). */
  around?: <T>(port: StorePort, call: () => Promise<T>) => Promise<T>;
}

export const deferredStorePort = (options: DeferredStoreOptions): StorePort => {
  const via = async <T>(fn: (port: StorePort) => Promise<T>): Promise<T> => {
    const port = await options.resolve();
    try {
      const result = await (options.around ? options.around(port, () => fn(port)) : fn(port));
      options.observe?.({ ok: true });
      return result;
    } catch (error) {
      options.observe?.({ ok: false, error });
      throw error;
    }
  };
  return {
    get transport() {
      return options.describe().transport;
    },
    get acknowledgement() {
      return options.describe().acknowledgement;
    },
    get acknowledgementStatusId() {
      return options.describe().acknowledgementStatusId;
    },
    capabilities: () => via((p) => p.capabilities()),
    listChangedOrders: (window) => via((p) => p.listChangedOrders(window)),
    readOrder: (id, o) => via((p) => p.readOrder(id, o)),
    readPushState: (id) => via((p) => p.readPushState(id)),
    acknowledgeOrder: (id) => via((p) => p.acknowledgeOrder(id)),
    listStatuses: () => via((p) => p.listStatuses()),
    setOrderStatus: (id, statusId) => via((p) => p.setOrderStatus(id, statusId)),
    setTracking: (id, tracking) => via((p) => p.setTracking(id, tracking)),
    findProductBySku: (sku) => via((p) => p.findProductBySku(sku)),
    findVariantBySku: (sku) => via((p) => p.findVariantBySku(sku)),
    createVariant: (variant) => via((p) => p.createVariant(variant)),
    updateVariant: (id, variant) => via((p) => p.updateVariant(id, variant)),
    createProduct: (product) => via((p) => p.createProduct(product)),
    updateProduct: (id, product) => via((p) => p.updateProduct(id, product)),
    setStock: (ref, stock) => via((p) => p.setStock(ref, stock)),
    setAvailability: (ref, available) => via((p) => p.setAvailability(ref, available)),
    listCategories: () => via((p) => p.listCategories()),
    createCategory: (c) => via((p) => p.createCategory(c)),
    updateCategory: (id, c) => via((p) => p.updateCategory(id, c)),
    listBrands: () => via((p) => p.listBrands()),
    createBrand: (name) => via((p) => p.createBrand(name)),
    listCharacteristics: () => via((p) => p.listCharacteristics()),
    createCharacteristic: (name) => via((p) => p.createCharacteristic(name)),
    setProductCharacteristic: (productId, characteristicId, value) => via((p) => p.setProductCharacteristic(productId, characteristicId, value)),
    findCustomer: (lookup) => via((p) => p.findCustomer(lookup)),
    createCustomer: (c) => via((p) => p.createCustomer(c)),
    setCustomerPhone: (id, phone) => via((p) => p.setCustomerPhone(id, phone)),
    listWeddingLists: () => via((p) => p.listWeddingLists()),
    createWeddingList: (list) => via((p) => p.createWeddingList(list)),
    addToWeddingList: (listId, productId, quantity) => via((p) => p.addToWeddingList(listId, productId, quantity)),
    // The adapters are closed by whoever built them (the connections), not through the jobs' handle.
    close: async () => {},
  };
};
