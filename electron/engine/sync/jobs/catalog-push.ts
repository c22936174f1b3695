/**
 * Catalogue push (ERP → store): categories (parents first), brands, characteristics, products,
 * product characteristic values, stock, customers, wedding lists.
 *
 * Only what changed is written: each record's content hash is compared with its binding. A record
 * without a binding is first looked up in the store (by SKU, e-mail, CPF/CNPJ or name) so that a
 * reinstall never duplicates the catalogue. Every record stands alone: its failure is recorded with
 * the reason and the run goes on. Stock travels through the outbox, coalesced per SKU.
 *
 * Everything goes through the store port (`ctx.store`), so the pass runs on SOAP and on REST alike;
 * a feature the store or the transport lacks (wedding lists on REST) is skipped with its reason.
 */
import type { CatalogEntity } from '../../../../shared/api/contract.ts';
import { documentKind, normalizeDocument } from '../../../../shared/br/documents.ts';
import { formatMoney, formatPercent } from '../../../../shared/i18n/index.ts';
import type { ErpCatalog, ErpCategory, ErpConnector, ErpCustomer, ErpProduct, ErpWeddingList } from '../../erp/index.ts';
import type { Product, ProductInput, WeddingList } from '../../store-port/domain.ts';
import { mapLimit } from '../concurrency.ts';
import { contentHash } from '../hash.ts';
import { t } from '../messages.ts';
import { errorMessage, isServerHiccup, RunAborted, trayErrorKind, type JobContext, type JobOutcome } from '../ports.ts';
import { saveRefusedRows } from '../refused-rows.ts';
import { availableStock, heldPriceDrop } from '../stock.ts';
import { inDoubtLists, matchWeddingList } from '../wedding-lists.ts';
import { pushVariant } from './catalog-variants.ts';

type Outcome = 'created' | 'updated' | 'unchanged' | 'failed';
type Binding = NonNullable<ReturnType<JobContext['db']['getBinding']>>;

/** Records pushed concurrently; the Tray client's pool bounds what reaches the store. */
const RECORD_CONCURRENCY = 16;
/** Consecutive unreachable-store failures after which the run stops instead of failing every record. */
const MAX_CONSECUTIVE_TRANSIENT = 5;

export interface CatalogPushOptions {
  /** Retry only this entity (and, optionally, one record of it). */
  entity?: CatalogEntity;
  key?: string;
}

export const normalizeName = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Parents before children; a cycle or a missing parent leaves the record for the per-record check. */
export const parentsFirst = (categories: readonly ErpCategory[]): ErpCategory[] => {
  const byKey = new Map(categories.map((c) => [c.key, c]));
  const depth = new Map<string, number>();
  const depthOf = (c: ErpCategory, seen: Set<string>): number => {
    const known = depth.get(c.key);
    if (known !== undefined) return known;
    const parent = c.parentKey ? byKey.get(c.parentKey) : undefined;
    const d = parent && !seen.has(parent.key) ? depthOf(parent, new Set(seen).add(c.key)) + 1 : 0;
    depth.set(c.key, d);
    return d;
  };
  return [...categories].sort((a, b) => depthOf(a, new Set()) - depthOf(b, new Set()) || a.order - b.order);
};

/** The product fields that a product update carries (stock travels separately, see stock push). */
export const productContent = (p: ErpProduct, categoryId: number, brandId: number) => ({
  nome: p.name,
  descricao: p.description,
  preco: p.price,
  preco_promocional: p.promoPrice ?? 0,
  peso: p.weight,
  altura: p.height,
  largura: p.width,
  comprimento: p.length,
  id_categoria: categoryId,
  id_marca: brandId,
});

/** A product as the port takes it, from the content the binding hashes (0 = none, as Tray says it). */
const productInput = (sku: string, content: ReturnType<typeof productContent>, stock: number, available: boolean): ProductInput => ({
  sku,
  name: content.nome,
  description: content.descricao,
  price: content.preco,
  promotionalPrice: content.preco_promocional || null,
  stock,
  available,
  weight: content.peso,
  height: content.altura,
  width: content.largura,
  length: content.comprimento,
  categoryId: content.id_categoria || null,
  brandId: content.id_marca || null,
});

export const customerKey = (c: ErpCustomer): string => normalizeDocument(c.document) || c.email.toLowerCase();

export class CatalogPush {
  private readonly counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  /** Characteristic values written; counted apart so "products created" means products. */
  private valuesWritten = 0;
  private consecutiveTransient = 0;
  /** Records the store cannot take (wedding lists, variants: feature unavailable), with the store's reason. */
  private readonly unavailable: Array<{ entity: 'listas' | 'variacoes'; records: number; reason: string }> = [];

  constructor(
    private readonly ctx: JobContext,
    private readonly erp: ErpConnector,
    private readonly options: CatalogPushOptions = {},
  ) {}

  async run(): Promise<JobOutcome> {
    const { catalog, problems } = await this.erp.readCatalog();
    for (const p of problems) this.ctx.log('warn', 'catalog', t('catalog.erpProblem', { message: p.message }));
    // Every read is of the whole catalogue, so the list is replaced even on a one-record retry.
    saveRefusedRows(this.ctx.db, problems, this.ctx.now().toISOString());

    const total =
      catalog.categories.length + catalog.brands.length + catalog.characteristics.length + catalog.products.length * 2 + catalog.variants.length + catalog.customers.length + catalog.weddingLists.length;
    let done = 0;
    const tick = (n = 1) => {
      done += n;
      this.ctx.emit({ type: 'job-progress', job: 'catalog', done, total });
    };

    try {
      await this.stage('categorias', () => this.pushCategories(catalog.categories, tick));
      await this.stage('marcas', () => this.pushNamed('marcas', catalog.brands.map((b) => b.name), tick));
      await this.stage('caracteristicas', () => this.pushNamed('caracteristicas', catalog.characteristics.map((c) => c.name), tick));
      await this.stage('produtos', () => this.pushProducts(catalog, tick));
      await this.stage('variacoes', () => this.pushVariants(catalog, tick));
      await this.stage('clientes', () => this.pushCustomers(catalog.customers, tick));
      await this.stage('listas', () => this.pushWeddingLists(catalog.weddingLists, tick));
    } catch (error) {
      if (!(error instanceof RunAborted)) throw error;
      return { result: 'failed', counts: { ...this.counts }, errorCount: this.counts.failed + 1, message: error.message };
    }

    const failed = this.counts.failed;
    const summary = problems.length > 0 ? t('catalog.summaryRefused', { ...this.counts, refused: problems.length }) : t('catalog.summary', this.counts);
    // What the store cannot take is said in the run's message (Painel, Atividade), not failed.
    const notSent = this.unavailable.map((u) => t(u.entity === 'listas' ? 'catalog.weddingListsUnavailable' : 'catalog.variantsUnavailable', { count: u.records, reason: u.reason }));
    const unavailableOf = (entity: 'listas' | 'variacoes') => this.unavailable.filter((u) => u.entity === entity).reduce((n, u) => n + u.records, 0);
    return {
      result: failed === 0 ? 'ok' : this.counts.created + this.counts.updated + this.counts.unchanged > 0 ? 'partial' : 'failed',
      counts: { ...this.counts, values: this.valuesWritten, erpProblems: problems.length, ...(unavailableOf('listas') > 0 && { weddingListsUnavailable: unavailableOf('listas') }), ...(unavailableOf('variacoes') > 0 && { variantsUnavailable: unavailableOf('variacoes') }) },
      errorCount: failed,
      message: [summary, ...notSent].join(' '),
    };
  }

  private async stage(entity: CatalogEntity, fn: () => Promise<void>): Promise<void> {
    if (this.options.entity && this.options.entity !== entity) return;
    // Retrying one record must leave the other records' results (and their errors) as they are.
    if (this.options.key === undefined) this.ctx.db.startCatalogPass(entity);
    await fn();
  }

  private wanted(key: string): boolean {
    return this.options.key === undefined || this.options.key === key;
  }

  /**
   * Runs one record in isolation: its failure is recorded and the run goes on. A detail record
   * (a product's characteristic value) reports only its failures, under its product's entity.
   */
  private async record(entity: CatalogEntity, key: string, fn: () => Promise<Outcome>, detail = false): Promise<void> {
    try {
      const outcome = await fn();
      this.consecutiveTransient = 0;
      // A detail record runs only when its value differs from the one bound: each is one value written.
      if (detail) {
        this.valuesWritten += 1;
        return;
      }
      this.counts[outcome] += 1;
      this.ctx.db.recordCatalogResult(entity, key, outcome);
    } catch (error) {
      const kind = trayErrorKind(error);
      if (kind === 'auth') throw new RunAborted(t('run.aborted.auth', { cause: errorMessage(error) }), error);
      if (kind === 'transient' && ++this.consecutiveTransient >= MAX_CONSECUTIVE_TRANSIENT) {
        throw new RunAborted(t('run.aborted.unreachable', { cause: errorMessage(error) }), error);
      }
      const cause = kind === 'outcome_unknown' ? t('catalog.unknownOutcome') : errorMessage(error);
      this.counts.failed += 1;
      this.ctx.db.recordCatalogResult(entity, key, 'failed', cause);
      this.ctx.log('error', 'catalog', t('catalog.recordFailed', { entity, key, cause }));
    }
  }

  // ---- categories --------------------------------------------------------------------------

  private async pushCategories(categories: ErpCategory[], tick: () => void): Promise<void> {
    const db = this.ctx.db;
    let storeList: Array<{ id: number; name: string; parent: number }> | null = null;
    const storeCategories = async () => {
      storeList ??= (await this.ctx.store.listCategories()).map((c) => ({ id: c.id, name: normalizeName(c.name), parent: c.parentId ?? 0 }));
      return storeList;
    };
    // Parents must exist before children, so categories go one depth level at a time.
    for (const category of parentsFirst(categories)) {
      tick();
      if (!this.wanted(category.key)) continue;
      await this.record('categorias', category.key, async () => {
        const parentId = category.parentKey ? db.getBinding('categoria', category.parentKey)?.trayId : 0;
        if (parentId === undefined) throw new Error(t('catalog.parentMissing', { key: category.key, parent: category.parentKey ?? '' }));
        const content = { nome: category.name, id_categoria_pai: parentId, descricao: category.description, ordem: category.order };
        const hash = contentHash(content);
        const binding = db.getBinding('categoria', category.key);
        if (binding?.hash === hash) return 'unchanged';
        // The port says "no parent" as null; the binding keeps the store's 0, as pushed before.
        const input = { name: content.nome, parentId: parentId || null, description: content.descricao, order: content.ordem };
        if (binding) {
          await this.ctx.store.updateCategory(binding.trayId, input);
          db.upsertBinding({ entity: 'categoria', key: category.key, trayId: binding.trayId, hash, pushed: content });
          return 'updated';
        }
        const inStore = await storeCategories();
        const existing = inStore.find((c) => c.name === normalizeName(category.name) && c.parent === parentId);
        if (existing) {
          // Names are matched as the store compares them (case, accents, spaces): two ERP categories
          // that differ only there are one category in the store, and the merchant must tell them apart.
          const twin = db.listBindings('categoria').find((b) => b.trayId === existing.id && b.key !== category.key);
          if (twin) throw new Error(t('catalog.categoryTwin', { key: category.key, other: twin.key, name: category.name }));
          db.upsertBinding({ entity: 'categoria', key: category.key, trayId: existing.id, hash, pushed: content });
          return 'unchanged';
        }
        const createdId = await this.ctx.store.createCategory(input);
        db.upsertBinding({ entity: 'categoria', key: category.key, trayId: createdId, hash, pushed: content });
        // A later ERP category of the same name and parent is then this one's twin.
        inStore.push({ id: createdId, name: normalizeName(category.name), parent: parentId });
        return 'created';
      });
    }
  }

  // ---- brands and characteristics (name-only records) ---------------------------------------

  private async pushNamed(entity: 'marcas' | 'caracteristicas', names: string[], tick: () => void): Promise<void> {
    const db = this.ctx.db;
    const bindingEntity = entity === 'marcas' ? 'marca' : 'caracteristica';
    let storeNames: Map<string, number> | null = null;
    const lookup = async () => {
      if (!storeNames) {
        const list =
          entity === 'marcas'
            ? (await this.ctx.store.listBrands()).map((b) => [normalizeName(b.name), b.id] as const)
            : (await this.ctx.store.listCharacteristics()).map((c) => [normalizeName(c.name), c.id] as const);
        storeNames = new Map(list);
      }
      return storeNames;
    };
    for (const name of names) {
      tick();
      const key = normalizeName(name);
      if (!this.wanted(key) && !this.wanted(name)) continue;
      await this.record(entity, name, async () => {
        // Stryker disable next-line ObjectLiteral: a name record's hash is never compared (its binding alone means 'unchanged')
        const hash = contentHash({ nome: name });
        const binding = db.getBinding(bindingEntity, key);
        if (binding) return 'unchanged'; // the store offers no rename: a name is its identity
        const existing = (await lookup()).get(key);
        if (existing !== undefined) {
          db.upsertBinding({ entity: bindingEntity, key, trayId: existing, hash, pushed: { nome: name } });
          return 'unchanged';
        }
        const createdId = entity === 'marcas' ? await this.ctx.store.createBrand(name) : await this.ctx.store.createCharacteristic(name);
        // Bound now: a later name with the same key is 'unchanged' above, never looked up again.
        db.upsertBinding({ entity: bindingEntity, key, trayId: createdId, hash, pushed: { nome: name } });
        return 'created';
      });
    }
  }

  // ---- products ---------------------------------------------------------------------------

  private async pushProducts(catalog: ErpCatalog, tick: (n?: number) => void): Promise<void> {
    const db = this.ctx.db;
    const settings = this.ctx.settings();
    const reserved = db.reservedBySku(this.cancelledStatusIds());
    // A failed characteristic value is listed as "SKU|Característica": retrying it retries its product.
    const only = this.options.key;
    const products = only === undefined ? catalog.products : catalog.products.filter((p) => only === p.sku || only.startsWith(`${p.sku}|`));
    // Each product counts twice in the total (the product, then its characteristic values).
    tick(2 * (catalog.products.length - products.length));

    await mapLimit(products, RECORD_CONCURRENCY, async (product) => {
      tick();
      await this.record('produtos', product.sku, () => this.pushProduct(product, reserved.get(product.sku) ?? 0, settings.stock.safetyBuffer, settings.priceDropConfirmPercent));
    });

    // Characteristic values need the product's id in the store: after all products.
    await mapLimit(products, RECORD_CONCURRENCY, async (product) => {
      tick();
      const productId = db.getBinding('produto', product.sku)?.trayId;
      for (const [name, value] of Object.entries(product.characteristics)) {
        const key = `${product.sku}|${name}`;
        const hash = contentHash({ value });
        const binding = db.getBinding('caracteristica_produto', key);
        if (binding?.hash === hash) continue;
        await this.record('produtos', key, async () => {
          const characteristicId = db.getBinding('caracteristica', normalizeName(name))?.trayId;
          if (productId === undefined) throw new Error(t('catalog.productNotBound', { sku: product.sku }));
          if (characteristicId === undefined) throw new Error(t('catalog.characteristicMissing', { characteristic: name }));
          await this.ctx.store.setProductCharacteristic(productId, characteristicId, value);
          db.upsertBinding({ entity: 'caracteristica_produto', key, trayId: productId, hash, pushed: { value } });
          // Stryker disable next-line ConditionalExpression,StringLiteral: a detail record's outcome is not counted (record(…, true) counts one value written)
          return binding ? 'updated' : 'created';
        }, true);
      }
    });
  }

  // ---- variants ----------------------------------------------------------------------------

  private async pushVariants(catalog: ErpCatalog, tick: (n?: number) => void): Promise<void> {
    if (catalog.variants.length === 0) return;
    const wanted = catalog.variants.filter((v) => this.wanted(v.sku));
    if (wanted.length < catalog.variants.length) tick(catalog.variants.length - wanted.length);
    const reason = wanted.length > 0 ? await this.featureUnavailable('variants') : null;
    if (reason !== null) {
      tick(wanted.length);
      this.unavailable.push({ entity: 'variacoes', records: wanted.length, reason });
      return;
    }
    const reserved = this.ctx.db.reservedBySku(this.cancelledStatusIds());
    const safetyBuffer = this.ctx.settings().stock.safetyBuffer;
    await mapLimit(wanted, RECORD_CONCURRENCY, async (variant) => {
      tick();
      await this.record('variacoes', variant.sku, () => pushVariant(this.ctx, { variant, reserved: reserved.get(variant.sku) ?? 0, safetyBuffer }));
    });
  }

  private cancelledStatusIds(): number[] {
    const entry = this.ctx.settings().statusMapping.find((m) => m.local === 'cancelado');
    return entry?.storeStatusId ? [entry.storeStatusId] : [];
  }

  private async pushProduct(product: ErpProduct, reserved: number, buffer: number, dropThreshold: number): Promise<Outcome> {
    const db = this.ctx.db;
    const categoryId = product.categoryKey ? db.getBinding('categoria', product.categoryKey)?.trayId : 0;
    if (categoryId === undefined) throw new Error(t('catalog.categoryMissing', { category: product.categoryKey ?? '' }));
    const brandId = product.brand ? (db.getBinding('marca', normalizeName(product.brand))?.trayId ?? 0) : 0;
    const stock = availableStock(product.stock, reserved, buffer);
    const available = product.available && stock > 0;
    let content = productContent(product, categoryId, brandId);

    let binding = db.getBinding('produto', product.sku);
    if (!binding) {
      const existing = await this.findProductBySku(product.sku);
      if (!existing) {
        const createdId = await this.ctx.store.createProduct(productInput(product.sku, content, stock, available));
        db.upsertBinding({ entity: 'produto', key: product.sku, trayId: createdId, hash: contentHash(content), pushed: { ...content, stock, available, onHand: product.stock } });
        return 'created';
      }
      // Already in the store (reinstall, or created by hand): adopt it with what the store holds,
      // so the comparison below writes only real differences. The port's nulls (no promotion, no
      // category or brand) are the 0 the binding has always kept.
      const storeContent = {
        nome: existing.name, descricao: existing.description, preco: existing.price, preco_promocional: existing.promotionalPrice ?? 0,
        peso: existing.weight, altura: existing.height, largura: existing.width, comprimento: existing.length,
        id_categoria: existing.categoryId ?? 0, id_marca: existing.brandId ?? 0,
      };
      db.upsertBinding({ entity: 'produto', key: product.sku, trayId: existing.id, hash: contentHash(storeContent), pushed: { ...storeContent, stock: existing.stock, available: existing.available, onHand: product.stock } });
      binding = db.getBinding('produto', product.sku) as Binding;
    }

    const pushed = binding.pushed as Record<string, unknown>;
    const lastPrice = typeof pushed.preco === 'number' ? pushed.preco : undefined;
    content = this.applyPriceHold(product, content, lastPrice, dropThreshold);

    let outcome: Outcome = 'unchanged';
    const hash = contentHash(content);
    if (hash !== binding.hash) {
      await this.ctx.store.updateProduct(binding.trayId, productInput(product.sku, content, stock, available));
      db.upsertBinding({ entity: 'produto', key: product.sku, trayId: binding.trayId, hash, pushed: { ...content, stock, available, onHand: product.stock } });
      outcome = 'updated';
    } else if (pushed.stock !== stock || pushed.available !== available) {
      db.enqueueCoalesced({
        kind: 'stock',
        orderId: null,
        coalesceKey: `stock:${product.sku}`,
        payload: { sku: product.sku, productId: binding.trayId, stock, available, onHand: product.stock },
        summary: t('push.stockSummary', { sku: product.sku, stock }),
        emailsShopper: false,
      });
      outcome = 'updated';
    }
    return outcome;
  }

  /** Keeps the last published price while a large drop waits for the merchant's confirmation. */
  private applyPriceHold(product: ErpProduct, content: ReturnType<typeof productContent>, lastPrice: number | undefined, threshold: number) {
    const db = this.ctx.db;
    const decided = db.priceDecision(product.sku);
    // A decision is about one price: once the ERP moves on, it no longer applies and is dropped.
    if (decided && decided.price !== product.price) db.forgetPriceDecision(product.sku);
    else if (decided?.decision === 'approved') return content;
    else if (decided?.decision === 'rejected' && lastPrice !== undefined) return { ...content, preco: lastPrice };
    const drop = heldPriceDrop(lastPrice, product.price, threshold);
    if (drop === null || lastPrice === undefined) return content;
    db.holdPrice({ sku: product.sku, name: product.name, currentPrice: lastPrice, newPrice: product.price, dropPercent: drop });
    this.ctx.log('warn', 'catalog', t('catalog.priceHeld', { sku: product.sku, percent: formatPercent(drop / 100), from: formatMoney(lastPrice), to: formatMoney(product.price) }));
    return { ...content, preco: lastPrice };
  }

  private async findProductBySku(sku: string): Promise<Product | null> {
    try {
      const found = await this.ctx.store.findProductBySku(sku);
      return found && found.id > 0 ? found : null;
    } catch (error) {
      // The port answers "not found" as null. A SOAP store may still word it as a fault the client
      // did not read as "not found": a refusal about the record is an answer, not a failure.
      if (trayErrorKind(error) === 'rejected' && !isServerHiccup(error)) return null;
      throw error;
    }
  }

  // ---- customers --------------------------------------------------------------------------

  private async pushCustomers(customers: ErpCustomer[], tick: () => void): Promise<void> {
    const db = this.ctx.db;
    await mapLimit(customers, RECORD_CONCURRENCY, async (customer) => {
      tick();
      const key = customerKey(customer);
      if (!this.wanted(key)) return;
      await this.record('clientes', key, async () => {
        const hash = contentHash(customer);
        const binding = db.getBinding('cliente', key);
        if (binding?.hash === hash) return 'unchanged';
        if (binding) {
          // The webservice can change a customer's phones, not the rest of the record.
          const pushed = binding.pushed as Partial<ErpCustomer>;
          if (pushed.phone !== customer.phone) await this.ctx.store.setCustomerPhone(binding.trayId, customer.phone);
          db.upsertBinding({ entity: 'cliente', key, trayId: binding.trayId, hash, pushed: customer });
          return 'updated';
        }
        const existingId = await this.findCustomer(customer);
        if (existingId !== null) {
          db.upsertBinding({ entity: 'cliente', key, trayId: existingId, hash, pushed: customer });
          return 'unchanged';
        }
        const c = customer;
        const createdId = await this.ctx.store.createCustomer({
          name: c.name,
          document: normalizeDocument(c.document),
          stateRegistration: c.rgIe,
          email: c.email,
          phone: c.phone,
          address: { street: c.street, number: c.number, complement: c.complement, district: c.district, city: c.city, uf: c.uf, cep: c.cep },
        });
        db.upsertBinding({ entity: 'cliente', key, trayId: createdId, hash, pushed: customer });
        return 'created';
      });
    });
  }

  private async findCustomer(customer: ErpCustomer): Promise<number | null> {
    const doc = normalizeDocument(customer.document);
    const kind = documentKind(doc);
    // By CPF or CNPJ first, then by e-mail: one lookup each, as the store offers them.
    const attempts: Array<() => Promise<{ id: number } | null>> = [];
    if (kind === 'cpf' || kind === 'cnpj') attempts.push(() => this.ctx.store.findCustomer({ document: doc }));
    if (customer.email) attempts.push(() => this.ctx.store.findCustomer({ email: customer.email }));
    for (const attempt of attempts) {
      try {
        const found = await attempt();
        if (found && found.id > 0) return found.id;
      } catch (error) {
        // Only a real "not found" lets us create: a server hiccup here would duplicate the customer.
        if (trayErrorKind(error) !== 'rejected' || isServerHiccup(error)) throw error;
      }
    }
    return null;
  }

  // ---- wedding lists ----------------------------------------------------------------------

  /**
   * Whether the store takes wedding lists (REST has none; a SOAP store's WSDL may lack them): when
   * it does not, null; otherwise the reason. Unknown capabilities (not learnt yet) count as
   * available: the calls then fail or succeed on their own, as before the port.
   */
  private async featureUnavailable(feature: 'weddingLists' | 'variants'): Promise<string | null> {
    const found = await this.ctx.store.capabilities().then(
      (c) => c[feature],
      () => null,
    );
    return found && !found.available ? (found.reason ?? t('catalog.featureUnavailable')) : null;
  }

  private async pushWeddingLists(lists: ErpWeddingList[], tick: (n?: number) => void): Promise<void> {
    const db = this.ctx.db;
    const wanted = lists.filter((l) => this.wanted(l.key));
    const reason = wanted.length > 0 ? await this.featureUnavailable('weddingLists') : null;
    if (reason !== null) {
      // Skipped with the reason, not failed: a failure every run would hide real ones.
      tick(lists.length);
      this.unavailable.push({ entity: 'listas', records: wanted.length, reason });
      return;
    }
    const inDoubt = inDoubtLists(db);
    // The store's lists, read once per run (again after a create): null when it cannot be searched.
    let inStore: Promise<WeddingList[] | null> | null = null;
    const storeLists = () =>
      (inStore ??= this.ctx.store.listWeddingLists().then(
        (found) => found,
        (error: unknown) => {
          if (trayErrorKind(error) === 'unsupported') return null;
          inStore = null; // a hiccup: the next list asks again
          throw error;
        },
      ));
    for (const list of lists) {
      tick();
      if (!this.wanted(list.key)) continue;
      await this.record('listas', list.key, async () => {
        // Stryker disable next-line ObjectLiteral: a list's hash and pushed content are never read back (the store takes no list update; its binding alone is enough)
        const content = { nome_lista: list.name, nome_noivos: list.couple, data_evento: list.eventDate, email: list.email };
        const hash = contentHash(content);
        let binding = db.getBinding('lista', list.key);
        let outcome: Outcome = 'unchanged';
        if (!binding) {
          // Matched first (a reinstall, a lost answer, a list typed in Tray's panel); created only
          // when the store is known not to have it, or the merchant said to create unchecked.
          const found = await storeLists();
          const match = found ? matchWeddingList(list, found) : null;
          if (match) {
            db.upsertBinding({ entity: 'lista', key: list.key, trayId: match.id, hash, pushed: content });
            inDoubt.remove(list.key);
          } else {
            if (found === null) {
              if (inDoubt.has(list.key)) throw new Error(t('catalog.weddingListInDoubt', { name: list.name }));
              if (this.ctx.settings().weddingLists?.createWithoutLookup !== true) throw new Error(t('catalog.weddingListUnsearchable', { name: list.name }));
            }
            // Marked before sending: a crash or a lost answer leaves it in doubt, to read back first.
            inDoubt.add(list.key);
            inStore = null;
            let createdId: number;
            try {
              createdId = await this.ctx.store.createWeddingList({ name: list.name, couple: list.couple, eventDate: list.eventDate, email: list.email });
            } catch (error) {
              // Refused for sure: nothing was created, nothing to read back.
              if (trayErrorKind(error) === 'rejected' && !isServerHiccup(error)) inDoubt.remove(list.key);
              throw error;
            }
            db.upsertBinding({ entity: 'lista', key: list.key, trayId: createdId, hash, pushed: content });
            inDoubt.remove(list.key);
            outcome = 'created';
          }
          binding = db.getBinding('lista', list.key) as Binding;
        }
        for (const item of list.items) {
          const itemKey = `${list.key}|${item.sku}`;
          const itemHash = contentHash({ quantidade: item.quantity });
          if (db.getBinding('lista_produto', itemKey)?.hash === itemHash) continue;
          const productId = db.getBinding('produto', item.sku)?.trayId;
          if (productId === undefined) throw new Error(t('catalog.productNotBound', { sku: item.sku }));
          await this.ctx.store.addToWeddingList(binding.trayId, productId, item.quantity);
          db.upsertBinding({ entity: 'lista_produto', key: itemKey, trayId: productId, hash: itemHash, pushed: { quantidade: item.quantity } });
          if (outcome === 'unchanged') outcome = 'updated';
        }
        return outcome;
      });
    }
  }
}
