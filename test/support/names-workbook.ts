/**
 * A workbook as a merchant makes it in another tool: categories by name only (no Código), the
 * parent by name in another case, columns in another order, extra columns Ponte does not know.
 */
import ExcelJS from 'exceljs';

export const NAMES_CATEGORIES = [
  { name: 'Utilidades Nomeadas', parent: null },
  { name: 'Potes Nomeados', parent: 'Utilidades Nomeadas' },
  { name: 'Tampas Nomeadas', parent: 'Potes Nomeados' },
] as const;
export const NAMES_PRODUCTS = [
  { sku: 'NOM-1', category: 'Potes Nomeados', price: 12.9 },
  { sku: 'NOM-2', category: 'Tampas Nomeadas', price: 4.5 },
] as const;

/** Categories by name only (no Código), parent by name, columns in another order, extra columns. */
export const writeNamesWorkbook = async (file: string, opts: { badRows?: boolean } = {}): Promise<void> => {
  const wb = new ExcelJS.Workbook();
  const cats = wb.addWorksheet('Categorias');
  cats.addRow(['Observação', 'Categoria pai', 'Nome']);
  cats.addRow(['topo', '', 'Utilidades Nomeadas']);
  cats.addRow(['', 'utilidades nomeadas', 'Potes Nomeados']);
  cats.addRow(['', 'Potes Nomeados', 'Tampas Nomeadas']);
  const products = wb.addWorksheet('Produtos');
  products.addRow(['Estoque', 'Categoria', 'Nome', 'Cor interna', 'SKU', 'Preço']);
  products.addRow([3, 'Potes Nomeados', 'Pote 1 L', 'azul', 'NOM-1', '12,90']);
  products.addRow([5, 'tampas nomeadas', 'Tampa 1 L', '', 'NOM-2', 4.5]);
  if (opts.badRows) {
    products.addRow([1, 'Potes Nomeados', 'Pote quebrado', '', 'NOM-3', 'doze']);
    products.addRow([1, 'Sem Categoria Assim', 'Pote órfão', '', 'NOM-4', 3]);
  }
  await wb.xlsx.writeFile(file);
};

