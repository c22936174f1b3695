/**
 * Product variants (ERP → store): each variation of a product (size, colour…) under its own SKU,
 * pushed after the products they belong to, the same way products are: content hash against its
 * binding, looked up by SKU before creating (a lost create answer or a reinstall never duplicates
 * it), stock and availability through the outbox, coalesced per SKU.
 */
import type { ErpVariant } from '../../erp/index.ts';
import type { Variant, VariantInput } from '../../store-port/domain.ts';
import { contentHash } from '../hash.ts';
import { t } from '../messages.ts';
import { isServerHiccup, trayErrorKind, type JobContext } from '../ports.ts';
import { availableStock } from '../stock.ts';

export type VariantOutcome = 'created' | 'updated' | 'unchanged';

/**
 * What a variant update carries (stock travels apart). Two option slots, as Tray keeps them; an
 * empty second slot is how the store says "one axis". A variant without its own price sells at its
 * product's published price, so a held product price holds its variants too.
 */
export const variantContent = (v: ErpVariant, productId: number, productPrice: number) => ({
  id_produto: productId,
  preco: v.price ?? productPrice,
  preco_promocional: v.promoPrice ?? 0,
  tipo_1: v.options[0]?.type ?? '',
  valor_1: v.options[0]?.value ?? '',
  tipo_2: v.options[1]?.type ?? '',
  valor_2: v.options[1]?.value ?? '',
});
type VariantContent = ReturnType<typeof variantContent>;

const optionsOf = (c: VariantContent) =>
  [
    { type: c.tipo_1, value: c.valor_1 },
    { type: c.tipo_2, value: c.valor_2 },
  ].filter((o) => o.type !== '');

const variantInput = (sku: string, c: VariantContent, stock: number, available: boolean): VariantInput => ({
  productId: c.id_produto,
  sku,
  price: c.preco,
  promotionalPrice: c.preco_promocional || null,
  stock,
  available,
  options: optionsOf(c),
});

/** The store's variant in the binding's terms, so adopting it writes only real differences. */
const storeContent = (v: Variant): VariantContent => ({
  id_produto: v.productId,
  preco: v.price,
  preco_promocional: v.promotionalPrice ?? 0,
  tipo_1: v.options[0]?.type ?? '',
  valor_1: v.options[0]?.value ?? '',
  tipo_2: v.options[1]?.type ?? '',
  valor_2: v.options[1]?.value ?? '',
});

const findVariant = async (ctx: JobContext, sku: string): Promise<Variant | null> => {
  try {
    const found = await ctx.store.findVariantBySku(sku);
    return found && found.id > 0 ? found : null;
  } catch (error) {
    // As for products: a refusal about the record is an answer ("not there"); a hiccup is not.
    if (trayErrorKind(error) === 'rejected' && !isServerHiccup(error)) return null;
    throw error;
  }
};

export interface VariantPushInput {
  variant: ErpVariant;
  /** Units of this SKU in orders pulled but not yet in the ERP. */
  reserved: number;
  safetyBuffer: number;
}

export const pushVariant = async (ctx: JobContext, { variant, reserved, safetyBuffer }: VariantPushInput): Promise<VariantOutcome> => {
  const db = ctx.db;
  const product = db.getBinding('produto', variant.productSku);
  if (!product) throw new Error(t('catalog.productNotBound', { sku: variant.productSku }));
  const publishedPrice = (product.pushed as Record<string, unknown>).preco;
  if (variant.price === null && typeof publishedPrice !== 'number') throw new Error(t('catalog.productNotBound', { sku: variant.productSku }));
  const content = variantContent(variant, product.trayId, typeof publishedPrice === 'number' ? publishedPrice : 0);
  const stock = availableStock(variant.stock, reserved, safetyBuffer);
  const available = variant.available && stock > 0;
  const hash = contentHash(content);

  let binding = db.getBinding('variacao', variant.sku);
  if (!binding) {
    const existing = await findVariant(ctx, variant.sku);
    if (!existing) {
      const createdId = await ctx.store.createVariant(variantInput(variant.sku, content, stock, available));
      db.upsertBinding({ entity: 'variacao', key: variant.sku, trayId: createdId, hash, pushed: { ...content, stock, available, onHand: variant.stock } });
      return 'created';
    }
    // The store has this SKU under another product: moving it would change what shoppers bought.
    if (existing.productId !== product.trayId) throw new Error(t('catalog.variantElsewhere', { sku: variant.sku, product: variant.productSku }));
    const adopted = storeContent(existing);
    db.upsertBinding({ entity: 'variacao', key: variant.sku, trayId: existing.id, hash: contentHash(adopted), pushed: { ...adopted, stock: existing.stock, available: existing.available, onHand: variant.stock } });
    binding = db.getBinding('variacao', variant.sku);
    if (!binding) throw new Error(t('catalog.productNotBound', { sku: variant.sku }));
  }

  if (hash !== binding.hash) {
    await ctx.store.updateVariant(binding.trayId, variantInput(variant.sku, content, stock, available));
    db.upsertBinding({ entity: 'variacao', key: variant.sku, trayId: binding.trayId, hash, pushed: { ...content, stock, available, onHand: variant.stock } });
    return 'updated';
  }
  const pushed = binding.pushed as Record<string, unknown>;
  if (pushed.stock === stock && pushed.available === available) return 'unchanged';
  db.enqueueCoalesced({
    kind: 'stock',
    orderId: null,
    coalesceKey: `stock:${variant.sku}`,
    payload: { sku: variant.sku, productId: product.trayId, variantId: binding.trayId, stock, available, onHand: variant.stock },
    summary: t('push.stockSummary', { sku: variant.sku, stock }),
    emailsShopper: false,
  });
  return 'updated';
};
