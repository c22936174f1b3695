/**
 * The demo's sample ERP: the emulator's store catalogue (`demoCatalog(seed)`, same SKUs) as the
 * merchant's ERP would hold it, with a few deliberate differences so the first catalogue push does
 * real work: some prices and stock figures changed, a few products the store does not have yet.
 * Written three ways: a workbook, a CSV folder and a small SQLite ERP with its mapping file.
 */
import path from 'node:path';
import { writeCatalogCsvFolder, writeCatalogSqlite, writeCatalogWorkbook } from '../engine/erp/catalog-writers.ts';
import type { ErpCatalog, ErpProduct } from '../engine/erp/types.ts';
import { demoCatalog, type DemoCatalog } from './catalog.ts';
import { mulberry32 } from './random.ts';

/**
 * The store's catalogue in the ERP's terms. Category and wedding-list codes are the demo ids as
 * text (an ERP's own codes); products keep their SKUs, the key shared with the store.
 */
export const erpCatalogFromDemo = (demo: DemoCatalog): ErpCatalog => {
  const brandName = new Map(demo.brands.map((b) => [b.id, b.name]));
  const skuOf = new Map(demo.products.map((p) => [p.id, p.sku]));
  return {
    categories: demo.categories.map((c) => ({
      key: String(c.id),
      name: c.name,
      parentKey: c.parentId === 0 ? null : String(c.parentId),
      order: c.order,
      description: c.description,
    })),
    brands: demo.brands.map((b) => ({ name: b.name })),
    characteristics: demo.characteristics.map((c) => ({ name: c.name })),
    products: demo.products.map((p) => ({
      sku: p.sku,
      name: p.name,
      description: p.description,
      price: p.price,
      promoPrice: p.promoPrice,
      stock: p.stock,
      available: p.available,
      weight: p.weight,
      height: p.height,
      width: p.width,
      length: p.length,
      categoryKey: String(p.categoryId),
      brand: brandName.get(p.brandId) ?? null,
      characteristics: { ...p.characteristics },
    })),
    customers: demo.customers.map((c) => ({
      document: c.document,
      name: c.name,
      email: c.email,
      phone: c.phone,
      rgIe: c.rgIe,
      street: c.street,
      number: c.number,
      complement: c.complement,
      district: c.district,
      city: c.city,
      uf: c.uf,
      cep: c.cep,
    })),
    variants: [],
    weddingLists: demo.weddingLists.map((l) => ({
      key: String(l.id),
      name: l.name,
      couple: l.couple,
      eventDate: l.eventDate,
      email: l.email,
      items: l.items.flatMap((i) => {
        const sku = skuOf.get(i.productId);
        return sku ? [{ sku, quantity: i.quantity }] : [];
      }),
    })),
  };
};

export interface SampleDifferences {
  priceChanged: string[];
  stockChanged: string[];
  newProducts: string[];
  /** Variations (SKUs) of the new products, which the store does not have either. */
  newVariants: string[];
}

/**
 * The store's catalogue as the ERP holds it: ~1 in 6 prices up, ~1 in 5 stock counts changed, 3 new
 * products, the last one sold in three colours (one at its own price, one sold out).
 */
export const divergeForDemo = (store: ErpCatalog, seed = 1): { catalog: ErpCatalog; differences: SampleDifferences } => {
  const random = mulberry32(seed ^ 0x5e7a);
  const differences: SampleDifferences = { priceChanged: [], stockChanged: [], newProducts: [], newVariants: [] };
  const products: ErpProduct[] = store.products.map((p) => {
    const next = { ...p, characteristics: { ...p.characteristics } };
    if (random() < 1 / 6) {
      // Prices in Brazilian shops end in ,90: keep that habit when raising them.
      next.price = Math.floor(p.price * 1.1) + 0.9;
      if (next.promoPrice !== null && next.promoPrice >= next.price) next.promoPrice = null;
      differences.priceChanged.push(p.sku);
    }
    if (random() < 1 / 5) {
      next.stock = Math.max(0, p.stock + (random() < 0.5 ? -Math.min(p.stock, 2) : 5));
      if (next.stock !== p.stock) differences.stockChanged.push(p.sku);
    }
    return next;
  });
  const template = store.products[0];
  const NEW = [
    { name: 'Jogo de taças de cristal (6 peças)', price: 189.9, stock: 8 },
    { name: 'Faqueiro inox 24 peças', price: 249.9, stock: 5 },
    { name: 'Toalha de mesa de linho 2,20 m', price: 129.9, stock: 12 },
  ];
  NEW.forEach((n, i) => {
    const sku = `ERP-NOVO-${String(i + 1).padStart(3, '0')}`;
    differences.newProducts.push(sku);
    products.push({
      sku,
      name: n.name,
      description: `${n.name}. Cadastrado no ERP e ainda não publicado na loja.`,
      price: n.price,
      promoPrice: null,
      stock: n.stock,
      available: true,
      weight: 1200,
      height: 10,
      width: 30,
      length: 30,
      categoryKey: template?.categoryKey ?? store.categories[0]?.key ?? null,
      brand: template?.brand ?? null,
      characteristics: {},
    });
  });
  const linen = products[products.length - 1]!;
  const COLOURS: Array<{ colour: string; code: string; price: number | null; stock: number }> = [
    { colour: 'Branca', code: 'BR', price: null, stock: 6 },
    { colour: 'Bege', code: 'BG', price: null, stock: 4 },
    { colour: 'Azul-marinho', code: 'AZ', price: 139.9, stock: 0 },
  ];
  const variants = COLOURS.map(({ colour, code, price, stock }) => {
    const sku = `${linen.sku}-${code}`;
    differences.newVariants.push(sku);
    return { sku, productSku: linen.sku, options: [{ type: 'Cor', value: colour }], price, promoPrice: null, stock, available: stock > 0 };
  });
  return { catalog: { ...store, products, variants: [...store.variants, ...variants] }, differences };
};

export const writeSampleErp = async (dir: string, seed = 1): Promise<{ workbook: string; csvFolder: string; sqliteMapping: string }> => {
  const { catalog } = divergeForDemo(erpCatalogFromDemo(demoCatalog(seed)), seed);
  const workbook = path.join(dir, 'erp-exemplo.xlsx');
  const csvFolder = path.join(dir, 'erp-exemplo-csv');
  await writeCatalogWorkbook(workbook, catalog);
  await writeCatalogCsvFolder(csvFolder, catalog);
  const sqliteMapping = await writeCatalogSqlite(path.join(dir, 'erp-exemplo-sql'), catalog);
  return { workbook, csvFolder, sqliteMapping };
};
