import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../electron/demo/catalog.ts';
import { mulberry32 } from '../../electron/demo/random.ts';
import { isValidCnpj, isValidCpf } from '../../shared/br/documents.ts';

describe('demo catalogue', () => {
  it('is deterministic per seed', () => {
    expect(JSON.stringify(demoCatalog(1))).toBe(JSON.stringify(demoCatalog(1)));
    expect(JSON.stringify(demoCatalog(1))).not.toBe(JSON.stringify(demoCatalog(2)));
    const a = mulberry32(9);
    const b = mulberry32(9);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('has a category tree, unique SKUs and ids, references that resolve', () => {
    const c = demoCatalog(1);
    const categoryIds = new Set(c.categories.map((x) => x.id));
    expect(c.categories.every((x) => x.parentId === 0 || categoryIds.has(x.parentId))).toBe(true);
    expect(c.categories.find((x) => x.path === 'Moda > Feminino > Vestidos')).toBeDefined();
    expect(c.products.length).toBeGreaterThanOrEqual(50);
    expect(new Set(c.products.map((p) => p.sku)).size).toBe(c.products.length);
    expect(new Set(c.products.map((p) => p.id)).size).toBe(c.products.length);
    expect(c.products.every((p) => /^PNT-\d{4}$/.test(p.sku))).toBe(true);
    const brandIds = new Set(c.brands.map((b) => b.id));
    expect(c.products.every((p) => categoryIds.has(p.categoryId) && brandIds.has(p.brandId))).toBe(true);
    expect(c.products.every((p) => p.promoPrice === null || p.promoPrice < p.price)).toBe(true);
    const charNames = new Set(c.characteristics.map((x) => x.name));
    expect(c.products.every((p) => Object.keys(p.characteristics).every((k) => charNames.has(k)))).toBe(true);
    const productIds = new Set(c.products.map((p) => p.id));
    expect(c.weddingLists).toHaveLength(3);
    expect(c.weddingLists.every((w) => w.items.length > 0 && w.items.every((i) => productIds.has(i.productId)))).toBe(true);
  });

  it('has customers with valid documents, accented names and real-looking addresses', () => {
    const c = demoCatalog(1);
    expect(c.customers.length).toBeGreaterThanOrEqual(20);
    for (const cu of c.customers) {
      expect(cu.kind === 'cpf' ? isValidCpf(cu.document) : isValidCnpj(cu.document)).toBe(true);
      expect(cu.cep).toMatch(/^\d{8}$/);
      expect(cu.uf).toMatch(/^[A-Z]{2}$/);
    }
    expect(c.customers.filter((x) => x.kind === 'cnpj').some((x) => /[A-Z]/.test(x.document))).toBe(true);
    expect(c.customers.some((x) => /[ãçéíóúâêô]/i.test(x.name))).toBe(true);
    expect(c.customers.map((x) => x.city)).toContain('São Paulo');
  });
});
