/**
 * A generic ERP schema for each database server, and the starting mapping that reads it: what the
 * Configurações screen offers as a first draft, what the tests and the bench load with data. Its
 * tables are the SQLite sample's (catalog-writers.ts) plus a "data de alteração" column on
 * products, which the mapping names as its change column.
 */
import type { ErpCatalog, ShippingUpdate } from './types.ts';
import type { SqlDriver, SqlMapping } from './sql.ts';

export type ServerDialect = 'firebird' | 'postgres' | 'mysql';

interface Types {
  key: string;
  text: string;
  long: string;
  money: string;
  int: string;
  date: string;
  stamp: string;
}

const TYPES: Record<ServerDialect, Types> = {
  postgres: { key: 'VARCHAR(60)', text: 'VARCHAR(250)', long: 'TEXT', money: 'NUMERIC(12,2)', int: 'INTEGER', date: 'DATE', stamp: 'TIMESTAMP(3)' },
  mysql: { key: 'VARCHAR(60)', text: 'VARCHAR(250)', long: 'TEXT', money: 'DECIMAL(12,2)', int: 'INT', date: 'DATE', stamp: 'DATETIME(3)' },
  firebird: { key: 'VARCHAR(60)', text: 'VARCHAR(250)', long: 'VARCHAR(4000)', money: 'NUMERIC(12,2)', int: 'INTEGER', date: 'DATE', stamp: 'TIMESTAMP' },
};

/** One statement per entry (Firebird and prepared statements take one at a time). */
export const genericSchema = (dialect: ServerDialect): string[] => {
  const { key, text, long, money, int, date, stamp } = TYPES[dialect];
  const now = dialect === 'mysql' ? 'CURRENT_TIMESTAMP(3)' : 'CURRENT_TIMESTAMP';
  return [
    `CREATE TABLE categorias (codigo ${key} NOT NULL PRIMARY KEY, nome ${text} NOT NULL, codigo_pai ${key}, ordem ${int} DEFAULT 0 NOT NULL, descricao ${long})`,
    `CREATE TABLE marcas (nome ${key} NOT NULL PRIMARY KEY)`,
    `CREATE TABLE caracteristicas (nome ${key} NOT NULL PRIMARY KEY)`,
    `CREATE TABLE produtos (cod_prod ${key} NOT NULL PRIMARY KEY, descricao_curta ${text} NOT NULL, descricao ${long}, preco_venda ${money} NOT NULL, ` +
      `preco_promo ${money}, estoque ${int} NOT NULL, ativo SMALLINT DEFAULT 1 NOT NULL, peso ${money} DEFAULT 0 NOT NULL, altura ${money} DEFAULT 0 NOT NULL, ` +
      `largura ${money} DEFAULT 0 NOT NULL, comprimento ${money} DEFAULT 0 NOT NULL, cod_categoria ${key}, marca ${key}, data_alteracao ${stamp} DEFAULT ${now} NOT NULL)`,
    `CREATE INDEX produtos_alteracao ON produtos (data_alteracao)`,
    `CREATE TABLE produto_caracteristicas (cod_prod ${key} NOT NULL, nome ${key} NOT NULL, valor ${text} NOT NULL, PRIMARY KEY (cod_prod, nome))`,
    `CREATE TABLE produto_variacoes (cod_variacao ${key} NOT NULL PRIMARY KEY, cod_prod ${key} NOT NULL, tipo1 ${key} NOT NULL, valor1 ${key} NOT NULL, ` +
      `tipo2 ${key}, valor2 ${key}, preco ${money}, preco_promo ${money}, estoque ${int} NOT NULL, ativo SMALLINT DEFAULT 1 NOT NULL)`,
    `CREATE TABLE clientes (cpf_cnpj ${key} NOT NULL PRIMARY KEY, nome ${text} NOT NULL, email ${text}, fone ${key}, rg_ie ${key}, logradouro ${text}, ` +
      `numero ${key}, complemento ${text}, bairro ${text}, cidade ${text}, uf ${key}, cep ${key})`,
    `CREATE TABLE listas (codigo ${key} NOT NULL PRIMARY KEY, nome ${text} NOT NULL, noivos ${text} NOT NULL, data_evento ${date} NOT NULL, email ${text})`,
    `CREATE TABLE lista_itens (codigo_lista ${key} NOT NULL, cod_prod ${key} NOT NULL, qtd ${int} NOT NULL, PRIMARY KEY (codigo_lista, cod_prod))`,
    `CREATE TABLE pedidos (id_tray ${int} NOT NULL PRIMARY KEY, numero ${long}, data_pedido ${key}, status ${text}, cliente ${long}, cpf_cnpj ${key}, email ${text}, ` +
      `telefone ${long}, endereco ${long}, numero_end ${long}, complemento ${long}, bairro ${long}, cidade ${long}, uf ${key}, cep ${key}, subtotal ${money}, ` +
      `frete ${money}, desconto ${money}, total ${money}, pagamento ${long}, parcelas ${int}, envio ${long}, observacoes ${long}, rastreio ${key}, ` +
      `data_envio ${date}, link_rastreio ${text}, status_desejado ${key})`,
    `CREATE TABLE pedido_itens (id_tray ${int} NOT NULL, linha ${int} NOT NULL, cod_prod ${long}, descricao ${long}, qtd ${int}, preco ${money}, total ${money}, ` +
      'PRIMARY KEY (id_tray, linha))',
  ];
};

/** Tables a read-only user needs SELECT on; writes need INSERT on pedidos and pedido_itens. */
export const GENERIC_TABLES = ['categorias', 'marcas', 'caracteristicas', 'produtos', 'produto_caracteristicas', 'produto_variacoes', 'clientes', 'listas', 'lista_itens', 'pedidos', 'pedido_itens'] as const;

const characteristicsOf = (dialect: ServerDialect): string => {
  switch (dialect) {
    case 'postgres':
      return "(SELECT string_agg(c.nome || '=' || c.valor, '|' ORDER BY c.nome) FROM produto_caracteristicas c WHERE c.cod_prod = p.cod_prod)";
    case 'mysql':
      return "(SELECT GROUP_CONCAT(CONCAT(c.nome, '=', c.valor) ORDER BY c.nome SEPARATOR '|') FROM produto_caracteristicas c WHERE c.cod_prod = p.cod_prod)";
    case 'firebird':
      // LIST returns a BLOB; as VARCHAR it travels in the row instead of one more round trip each.
      return "(SELECT CAST(LIST(c.nome || '=' || c.valor, '|') AS VARCHAR(2000)) FROM produto_caracteristicas c WHERE c.cod_prod = p.cod_prod)";
  }
};

/** The starting mapping for the generic schema (Portuguese column aliases avoid reserved words). */
export const genericMapping = (database: SqlMapping['database'], dialect: ServerDialect): SqlMapping => ({
  database,
  read: {
    categories: 'SELECT codigo, nome, codigo_pai AS categoria_pai, ordem, descricao FROM categorias ORDER BY ordem, codigo',
    brands: 'SELECT nome AS marca FROM marcas ORDER BY nome',
    characteristics: 'SELECT nome AS caracteristica FROM caracteristicas ORDER BY nome',
    products:
      'SELECT p.cod_prod AS sku, p.descricao_curta AS nome, p.descricao, p.preco_venda AS preco, p.preco_promo AS preco_promocional, ' +
      'p.estoque, p.ativo, p.peso, p.altura, p.largura, p.comprimento, p.cod_categoria AS categoria, p.marca, ' +
      `${characteristicsOf(dialect)} AS caracteristicas, p.data_alteracao FROM produtos p ORDER BY p.cod_prod`,
    variants:
      'SELECT cod_variacao AS sku, cod_prod AS sku_do_produto, tipo1 AS variacao_1, valor1 AS valor_1, tipo2 AS variacao_2, valor2 AS valor_2, ' +
      'preco, preco_promo AS preco_promocional, estoque, ativo FROM produto_variacoes ORDER BY cod_variacao',
    customers:
      'SELECT cpf_cnpj, nome, email, fone AS telefone, rg_ie, logradouro AS endereco, numero, complemento, bairro, cidade, uf, cep FROM clientes ORDER BY nome',
    weddingLists: 'SELECT codigo, nome, noivos, data_evento, email FROM listas ORDER BY codigo',
    weddingListItems: 'SELECT codigo_lista AS lista, cod_prod AS sku, qtd AS quantidade FROM lista_itens ORDER BY codigo_lista, cod_prod',
    shippingUpdates:
      'SELECT id_tray AS pedido, rastreio AS codigo_de_rastreio, data_envio, link_rastreio, status_desejado AS status ' +
      'FROM pedidos WHERE rastreio IS NOT NULL OR status_desejado IS NOT NULL ORDER BY id_tray',
  },
  changes: { products: 'data_alteracao' },
  write: {
    orderExists: 'SELECT id_tray FROM pedidos WHERE id_tray = :id',
    order:
      'INSERT INTO pedidos (id_tray, numero, data_pedido, status, cliente, cpf_cnpj, email, telefone, endereco, numero_end, complemento, bairro, cidade, uf, cep, ' +
      'subtotal, frete, desconto, total, pagamento, parcelas, envio, observacoes) VALUES (:id, :number, :date, :status, :customerName, :customerDocument, ' +
      ':customerEmail, :customerPhone, :street, :addressNumber, :complement, :district, :city, :uf, :cep, :subtotal, :shipping, :discount, :total, ' +
      ':paymentMethod, :installments, :shippingMethod, :notes)',
    orderItem: 'INSERT INTO pedido_itens (id_tray, linha, cod_prod, descricao, qtd, preco, total) VALUES (:orderId, :line, :sku, :name, :quantity, :price, :total)',
  },
});

export const createGenericSchema = async (driver: SqlDriver, dialect: ServerDialect): Promise<void> => {
  for (const statement of genericSchema(dialect)) await driver.run(statement);
};

/** Loads a catalogue into the generic schema, in one transaction per `batch` products. */
export const writeGenericCatalog = async (
  driver: SqlDriver,
  catalog: ErpCatalog,
  shipping: readonly ShippingUpdate[] = [],
  batch = 1000,
): Promise<void> => {
  await driver.transaction(async (tx) => {
    for (const c of catalog.categories) {
      await tx.run('INSERT INTO categorias (codigo, nome, codigo_pai, ordem, descricao) VALUES (:key, :name, :parent, :order, :description)', {
        key: c.key, name: c.name, parent: c.parentKey, order: c.order, description: c.description,
      });
    }
    for (const b of catalog.brands) await tx.run('INSERT INTO marcas (nome) VALUES (:name)', { name: b.name });
    for (const c of catalog.characteristics) await tx.run('INSERT INTO caracteristicas (nome) VALUES (:name)', { name: c.name });
  });
  for (let start = 0; start < catalog.products.length; start += batch) {
    await driver.transaction(async (tx) => {
      for (const p of catalog.products.slice(start, start + batch)) {
        await tx.run(
          'INSERT INTO produtos (cod_prod, descricao_curta, descricao, preco_venda, preco_promo, estoque, ativo, peso, altura, largura, comprimento, cod_categoria, marca) ' +
            'VALUES (:sku, :name, :description, :price, :promo, :stock, :available, :weight, :height, :width, :length, :category, :brand)',
          {
            sku: p.sku, name: p.name, description: p.description, price: p.price, promo: p.promoPrice, stock: p.stock, available: p.available ? 1 : 0,
            weight: p.weight, height: p.height, width: p.width, length: p.length, category: p.categoryKey, brand: p.brand,
          },
        );
        for (const [name, value] of Object.entries(p.characteristics)) {
          await tx.run('INSERT INTO produto_caracteristicas (cod_prod, nome, valor) VALUES (:sku, :name, :value)', { sku: p.sku, name, value });
        }
      }
    });
  }
  await driver.transaction(async (tx) => {
    for (const v of catalog.variants) {
      await tx.run(
        'INSERT INTO produto_variacoes (cod_variacao, cod_prod, tipo1, valor1, tipo2, valor2, preco, preco_promo, estoque, ativo) ' +
          'VALUES (:sku, :productSku, :type1, :value1, :type2, :value2, :price, :promo, :stock, :available)',
        {
          sku: v.sku, productSku: v.productSku, type1: v.options[0]?.type ?? null, value1: v.options[0]?.value ?? null, type2: v.options[1]?.type ?? null,
          value2: v.options[1]?.value ?? null, price: v.price, promo: v.promoPrice, stock: v.stock, available: v.available ? 1 : 0,
        },
      );
    }
  });
  await driver.transaction(async (tx) => {
    for (const c of catalog.customers) {
      await tx.run(
        'INSERT INTO clientes (cpf_cnpj, nome, email, fone, rg_ie, logradouro, numero, complemento, bairro, cidade, uf, cep) ' +
          'VALUES (:document, :name, :email, :phone, :rgIe, :street, :number, :complement, :district, :city, :uf, :cep)',
        { ...c },
      );
    }
    for (const l of catalog.weddingLists) {
      await tx.run('INSERT INTO listas (codigo, nome, noivos, data_evento, email) VALUES (:key, :name, :couple, :eventDate, :email)', {
        key: l.key, name: l.name, couple: l.couple, eventDate: l.eventDate, email: l.email,
      });
      for (const i of l.items) await tx.run('INSERT INTO lista_itens (codigo_lista, cod_prod, qtd) VALUES (:list, :sku, :quantity)', { list: l.key, sku: i.sku, quantity: i.quantity });
    }
    for (const s of shipping) {
      await tx.run('INSERT INTO pedidos (id_tray, rastreio, data_envio, link_rastreio, status_desejado) VALUES (:orderId, :code, :shippedAt, :url, :status)', {
        orderId: s.orderId, code: s.trackingCode, shippedAt: s.shippedAt, url: s.trackingUrl, status: s.status,
      });
    }
  });
};
