/**
 * Product variants through the store port on both transports, over one emulator store: a variant
 * created on one transport is what the other finds; price, options, stock and availability reach
 * the variant (not its product); the store refuses what Tray would (a SKU already taken, an unknown
 * product); a SOAP store whose WSDL lacks the variation calls offers no variants, with the reason.
 */
import { describe, expect, it } from 'vitest';
import type { VariantInput } from '../../electron/engine/store-port/domain.ts';
import type { StorePort } from '../../electron/engine/store-port/port.ts';
import { computeCapabilities } from '../../electron/engine/tray/capabilities.ts';
import { OPERATION_NAMES } from '../../electron/engine/tray/operations.ts';
import { bothTransports } from './helpers.ts';

const both = bothTransports({ orders: 0 });

const productIds = () => [...both.emu.store.products.keys()];
const input = (productId: number, sku: string, over: Partial<VariantInput> = {}): VariantInput => ({
  productId,
  sku,
  price: 59.9,
  promotionalPrice: null,
  stock: 7,
  available: true,
  options: [
    { type: 'Cor', value: 'Azul' },
    { type: 'Tamanho', value: 'M' },
  ],
  ...over,
});

describe.each<'soap' | 'rest'>(['soap', 'rest'])('variants over %s', (transport) => {
  const port = (): StorePort => (transport === 'soap' ? both.soap : both.rest);
  const other = (): StorePort => (transport === 'soap' ? both.rest : both.soap);
  let n = 0;
  /** A SKU of this test's own, so each test runs alone. */
  const freshSku = () => `VAR-${transport.toUpperCase()}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const created = async (productIndex = 0) => {
    const sku = freshSku();
    const productId = productIds()[productIndex]!;
    return { sku, productId, id: await port().createVariant(input(productId, sku)) };
  };

  it('creates a variant under its product, found by SKU on both transports', async () => {
    const sku = freshSku();
    expect(await port().findVariantBySku(sku)).toBeNull();
    const productId = productIds()[0]!;
    const id = await port().createVariant(input(productId, sku));
    expect(id).toBeGreaterThan(0);
    expect(both.emu.store.variants.get(id)).toMatchObject({ id_produto: productId, cod_referencia: sku, preco: 59.9, estoque: 7, disponivel: 'S', tipo_1: 'Cor', valor_1: 'Azul', tipo_2: 'Tamanho', valor_2: 'M' });
    const expected = { id, ...input(productId, sku) };
    expect(await port().findVariantBySku(sku)).toEqual(expected);
    expect(await other().findVariantBySku(sku)).toEqual(expected);
  });

  it('updates its price and options, and sets stock and availability on the variant, not its product', async () => {
    const { sku } = await created();
    const found = (await port().findVariantBySku(sku))!;
    const routesBefore = { ...both.emu.stats().calls };
    const product = { ...both.emu.store.products.get(found.productId)! };
    await port().updateVariant(found.id, input(found.productId, sku, { price: 64.5, promotionalPrice: 49.9, options: [{ type: 'Cor', value: 'Azul-marinho' }] }));
    await port().setStock({ productId: found.productId, variantId: found.id }, 0);
    await port().setAvailability({ productId: found.productId, variantId: found.id }, false);
    expect(both.emu.store.variants.get(found.id)).toMatchObject({ preco: 64.5, preco_promocional: 49.9, estoque: 0, disponivel: 'N', valor_1: 'Azul-marinho', tipo_2: '', valor_2: '' });
    expect(both.emu.store.products.get(found.productId)).toEqual(product);
    expect(await other().findVariantBySku(sku)).toMatchObject({ stock: 0, available: false, options: [{ type: 'Cor', value: 'Azul-marinho' }] });
    // Three writes, each to the variant: REST's PUT /products/variants/:id; SOAP's update, then is_grade 'S'.
    const delta = (route: string) => (both.emu.stats().calls[route] ?? 0) - (routesBefore[route] ?? 0);
    if (transport === 'rest') expect(delta('rest:PUT /products/variants/:id')).toBe(3);
    else expect([delta('fWSAtualizaVariacao'), delta('fWSAtualizaEstoqueProduto'), delta('fWSAtualizaProdutoDisponivel')]).toEqual([1, 1, 1]);
  });

  it('is refused, naming the cause, for a SKU already taken (by a variant or a product) and for an unknown product', async () => {
    const { sku, productId } = await created(1);
    await expect(port().createVariant(input(productId, sku))).rejects.toMatchObject({ kind: 'rejected' });
    const productSku = both.emu.store.products.get(productId)!.cod_prod;
    await expect(port().createVariant(input(productId, productSku))).rejects.toMatchObject({ kind: 'rejected' });
    await expect(port().createVariant(input(987_654, `${sku}-X`))).rejects.toMatchObject({ kind: 'rejected' });
    expect([...both.emu.store.variants.values()].filter((v) => v.cod_referencia.startsWith(sku))).toHaveLength(1);
  });
});

describe('what each transport says about variants', () => {
  it('both offer them on the emulator', async () => {
    expect((await both.soap.capabilities()).variants).toEqual({ available: true, reason: null });
    expect((await both.rest.capabilities()).variants).toEqual({ available: true, reason: null });
  });

  it('a SOAP store whose WSDL lacks the variation calls has no variants, naming what is missing', () => {
    const offered = OPERATION_NAMES.filter((op) => op !== 'fWSCadastraVariacao');
    const features = computeCapabilities(offered, {}).features;
    expect(features.variants.available).toBe(false);
    expect(features.variants.reason).toContain('fWSCadastraVariacao');
    expect(features.products.available).toBe(true);
  });
});
