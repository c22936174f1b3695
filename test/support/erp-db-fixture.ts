/**
 * A small ERP in the generic schema on a throwaway server, for the Configurações database form:
 * accented names, one product the row checks refuse (negative stock), and a table the read-only
 * user may not read.
 */
import { openServerDriver } from '../../electron/engine/erp/drivers/index.ts';
import type { ParsedServerDatabase } from '../../electron/engine/erp/drivers/config.ts';
import { ServerDatabase } from '../../electron/engine/erp/drivers/config.ts';
import { createGenericSchema } from '../../electron/engine/erp/generic-schema.ts';
import type { RunningServer } from './db-servers.ts';

export const BAD_SKU = 'SKU-2';

export const seedSmallErp = async (server: RunningServer): Promise<void> => {
  const config: ParsedServerDatabase = ServerDatabase.parse(server.database);
  const driver = openServerDriver(config, server.password);
  try {
    await createGenericSchema(driver, 'postgres');
    await driver.run("INSERT INTO categorias (codigo, nome, ordem) VALUES ('CAT-1', 'Decoração', 1)");
    const product = 'INSERT INTO produtos (cod_prod, descricao_curta, preco_venda, estoque, cod_categoria) VALUES (:sku, :name, :price, :stock, :category)';
    await driver.run(product, { sku: 'SKU-1', name: 'Vaso de cerâmica São João', price: 49.9, stock: 10, category: 'CAT-1' });
    await driver.run(product, { sku: BAD_SKU, name: 'Caneca Ação', price: 19.5, stock: -3, category: 'CAT-1' });
    await driver.run(product, { sku: 'SKU-3', name: 'Toalha de linho', price: 89, stock: 4, category: 'CAT-1' });
    // The read-only user reads the products (with their variations) and nothing else.
    await driver.run(`GRANT SELECT ON produtos, produto_caracteristicas, produto_variacoes TO ${server.readOnly.user}`);
  } finally {
    await driver.close();
  }
};
