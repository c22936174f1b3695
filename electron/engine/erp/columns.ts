/**
 * What each sheet (or CSV file, or SQL query) holds: its columns, the header names accepted for
 * each (compared with `normalizeHeader`, so case, accents and punctuation do not matter) and the
 * kind of value. The SQL connector accepts the field names too (`sku`, `promo_price`, ...).
 */
import { normalizeHeader } from './parse.ts';

export type ColumnKind = 'text' | 'number' | 'integer' | 'date' | 'boolean' | 'document' | 'status' | 'orderId' | 'characteristics';

export interface ColumnDef {
  field: string;
  /** Header written in the template and named in messages. */
  label: string;
  aliases: readonly string[];
  kind: ColumnKind;
  required?: boolean;
  /** Instruction shown in the template. */
  help: string;
  /**
   * When the sheet has no column for this field, the value of `fallback` is used instead: a
   * Categorias sheet with only Nome and Categoria pai keys its categories by name.
   */
  fallback?: string;
}

export type EntityName =
  | 'produtos'
  | 'variacoes'
  | 'categorias'
  | 'marcas'
  | 'caracteristicas'
  | 'clientes'
  | 'listascasamento'
  | 'itenslistas'
  | 'rastreios';

export interface EntityDef {
  entity: EntityName;
  sheet: string;
  csv: string;
  /** The SQL mapping's key for this entity's query. */
  query: string;
  columns: readonly ColumnDef[];
  help: string;
  /** The field naming one row's record in messages (its SKU, code, name, CPF/CNPJ...). */
  recordField: string;
}

const SKU_ALIASES = ['SKU', 'Código', 'Codigo', 'Cod', 'Cod. Referência', 'Referência', 'Ref', 'cod_prod', 'Código do produto'];

const col = (field: string, label: string, kind: ColumnKind, aliases: string[], help: string, required = false, fallback?: string): ColumnDef => ({
  field,
  label,
  kind,
  aliases: [label, ...aliases],
  required,
  help,
  ...(fallback && { fallback }),
});

export const PRODUCTS: EntityDef = {
  entity: 'produtos',
  sheet: 'Produtos',
  csv: 'produtos.csv',
  query: 'products',
  recordField: 'sku',
  help: 'Um produto por linha. Características: uma coluna por característica com o título "Caract: Nome" (ex.: "Caract: Cor"), ou uma coluna Características com Nome=Valor separados por | (ex.: Cor=Azul|Tamanho=M).',
  columns: [
    col('sku', 'SKU', 'text', SKU_ALIASES.slice(1), 'Código único do produto (o mesmo da loja).', true),
    col('name', 'Nome', 'text', ['Produto', 'Nome do produto', 'Descrição curta'], 'Nome do produto.', true),
    col('description', 'Descrição', 'text', ['Descricao', 'Descrição completa', 'Detalhes'], 'Texto da página do produto.'),
    col('price', 'Preço', 'number', ['Preco', 'Valor', 'Preço de venda', 'Preço venda', 'Valor de venda'], 'Preço de venda em reais: 1.234,56 ou 12,5.', true),
    col('promoPrice', 'Preço promocional', 'number', ['Preco promocional', 'Promoção', 'Preço promo', 'Valor promocional', 'promo_price'], 'Em branco quando não há promoção; menor que o Preço.'),
    col('stock', 'Estoque', 'integer', ['Quantidade', 'Qtd', 'Qtde', 'Saldo', 'Estoque disponível'], 'Quantidade em estoque (número inteiro, não negativo).', true),
    col('available', 'Disponível', 'boolean', ['Disponivel', 'Ativo', 'Disponibilidade', 'À venda'], 'Sim ou Não (em branco: Sim).'),
    col('weight', 'Peso', 'number', ['Peso (g)', 'Peso gramas', 'Peso em gramas'], 'Peso em gramas.'),
    col('height', 'Altura', 'number', ['Altura (cm)'], 'Altura em centímetros.'),
    col('width', 'Largura', 'number', ['Largura (cm)'], 'Largura em centímetros.'),
    col('length', 'Comprimento', 'number', ['Comprimento (cm)', 'Profundidade'], 'Comprimento em centímetros.'),
    col('category', 'Categoria', 'text', ['Código da categoria', 'Cod. Categoria', 'Cod categoria', 'category_key', 'categoryKey'], 'Código (ou nome) da categoria na aba Categorias.'),
    col('brand', 'Marca', 'text', ['Fabricante'], 'Nome da marca.'),
    col('characteristics', 'Características', 'characteristics', ['Caracteristicas', 'Atributos'], 'Opcional: Nome=Valor|Nome=Valor (ex.: Cor=Azul|Tamanho=M).'),
  ],
};

export const VARIANTS: EntityDef = {
  entity: 'variacoes',
  sheet: 'Variações',
  csv: 'variacoes.csv',
  query: 'variants',
  recordField: 'sku',
  help: 'Uma variação (tamanho, cor...) por linha, com SKU próprio e o SKU do produto na aba Produtos. Até dois tipos: Variação 1 e Valor 1 (ex.: Cor, Azul), Variação 2 e Valor 2 (ex.: Tamanho, M). Preço em branco: o preço do produto.',
  columns: [
    col('sku', 'SKU', 'text', ['SKU da variação', 'Código da variação', 'Referência da variação', 'cod_referencia'], 'Código único da variação (o mesmo da loja); diferente dos SKUs de Produtos.', true),
    col('productSku', 'SKU do produto', 'text', ['Produto', 'SKU pai', 'Código do produto', 'Produto pai', 'product_sku', 'parent_sku'], 'SKU do produto na aba Produtos.', true),
    col('type1', 'Variação 1', 'text', ['Tipo 1', 'Tipo', 'Grade', 'Atributo 1', 'type_1'], 'Ex.: Cor.', true),
    col('value1', 'Valor 1', 'text', ['Opção 1', 'Valor', 'value_1'], 'Ex.: Azul.', true),
    col('type2', 'Variação 2', 'text', ['Tipo 2', 'Atributo 2', 'type_2'], 'Opcional. Ex.: Tamanho.'),
    col('value2', 'Valor 2', 'text', ['Opção 2', 'value_2'], 'Com Variação 2. Ex.: M.'),
    col('price', 'Preço', 'number', ['Preco', 'Valor de venda', 'Preço de venda'], 'Em branco: o preço do produto.'),
    col('promoPrice', 'Preço promocional', 'number', ['Preco promocional', 'Promoção', 'promo_price'], 'Em branco quando não há promoção; menor que o Preço.'),
    col('stock', 'Estoque', 'integer', ['Quantidade', 'Qtd', 'Qtde', 'Saldo'], 'Quantidade em estoque desta variação.', true),
    col('available', 'Disponível', 'boolean', ['Disponivel', 'Ativo', 'À venda'], 'Sim ou Não (em branco: Sim).'),
  ],
};

export const CATEGORIES: EntityDef = {
  entity: 'categorias',
  sheet: 'Categorias',
  csv: 'categorias.csv',
  query: 'categories',
  recordField: 'key',
  help: 'Uma categoria por linha. A categoria pai precisa estar na mesma aba. Sem a coluna Código, o nome é a chave da categoria (renomear cria outra categoria).',
  columns: [
    col('key', 'Código', 'text', ['Codigo', 'Cod', 'ID', 'Chave', 'Código da categoria'], 'Código único da categoria (usado em Produtos e em Categoria pai). Sem esta coluna, vale o Nome.', true, 'name'),
    col('name', 'Nome', 'text', ['Categoria', 'Nome da categoria', 'Descrição da categoria'], 'Nome mostrado na loja.', true),
    col('parentKey', 'Categoria pai', 'text', ['Pai', 'Código pai', 'Cod. Pai', 'Cod pai', 'Nome da categoria pai', 'Categoria mãe', 'parent_key', 'parent'], 'Código (ou nome) da categoria pai; em branco para uma categoria principal.'),
    col('order', 'Ordem', 'integer', ['Posição', 'Sequência'], 'Ordem de exibição (número inteiro).'),
    col('description', 'Descrição', 'text', ['Descricao'], 'Texto opcional.'),
  ],
};

export const BRANDS: EntityDef = {
  entity: 'marcas',
  sheet: 'Marcas',
  csv: 'marcas.csv',
  query: 'brands',
  recordField: 'name',
  help: 'Uma marca por linha. Marcas usadas em Produtos e ausentes aqui também são enviadas. O nome é a chave; com a coluna Código, Produtos pode citar a marca pelo código.',
  columns: [
    col('key', 'Código', 'text', ['Codigo', 'Cod', 'ID', 'Código da marca'], 'Opcional: código da marca, se a aba Produtos a citar pelo código.'),
    col('name', 'Marca', 'text', ['Nome', 'Fabricante', 'Nome da marca'], 'Nome da marca.', true),
  ],
};

export const CHARACTERISTICS: EntityDef = {
  entity: 'caracteristicas',
  sheet: 'Caracteristicas',
  csv: 'caracteristicas.csv',
  query: 'characteristics',
  recordField: 'name',
  help: 'Uma característica por linha (ex.: Cor, Tamanho). As usadas em Produtos também são enviadas. O nome é a chave; com a coluna Código, Produtos pode citar a característica pelo código.',
  columns: [
    col('key', 'Código', 'text', ['Codigo', 'Cod', 'ID', 'Código da característica'], 'Opcional: código da característica, se a aba Produtos a citar pelo código.'),
    col('name', 'Característica', 'text', ['Caracteristica', 'Nome', 'Nome da característica', 'Atributo'], 'Nome da característica.', true),
  ],
};

export const CUSTOMERS: EntityDef = {
  entity: 'clientes',
  sheet: 'Clientes',
  csv: 'clientes.csv',
  query: 'customers',
  recordField: 'document',
  help: 'Um cliente por linha. CPF ou CNPJ (inclusive o CNPJ alfanumérico) com dígitos verificadores válidos.',
  columns: [
    col('document', 'CPF/CNPJ', 'document', ['CPF', 'CNPJ', 'Documento', 'CPF_CNPJ', 'CPF ou CNPJ'], 'Com ou sem pontuação.', true),
    col('name', 'Nome', 'text', ['Cliente', 'Razão social', 'Nome completo'], 'Nome ou razão social.', true),
    col('email', 'E-mail', 'text', ['Email', 'Correio eletrônico'], 'E-mail do cliente.'),
    col('phone', 'Telefone', 'text', ['Fone', 'Celular', 'Tel'], 'Com DDD.'),
    col('rgIe', 'RG/IE', 'text', ['RG', 'IE', 'Inscrição estadual', 'rg_ie'], 'RG (pessoa física) ou inscrição estadual.'),
    col('street', 'Endereço', 'text', ['Endereco', 'Logradouro', 'Rua'], 'Rua, avenida...'),
    col('number', 'Número', 'text', ['Numero', 'Nº', 'Nro', 'No'], 'Número do endereço.'),
    col('complement', 'Complemento', 'text', ['Compl'], 'Apto, bloco...'),
    col('district', 'Bairro', 'text', [], 'Bairro.'),
    col('city', 'Cidade', 'text', ['Município', 'Municipio'], 'Cidade.'),
    col('uf', 'UF', 'text', ['Estado'], 'Sigla do estado (SP, RJ...).'),
    col('cep', 'CEP', 'text', [], '8 dígitos.'),
  ],
};

export const WEDDING_LISTS: EntityDef = {
  entity: 'listascasamento',
  sheet: 'ListasCasamento',
  csv: 'listascasamento.csv',
  query: 'weddingLists',
  recordField: 'key',
  help: 'Uma lista de casamento por linha; os produtos de cada lista vão na aba ItensListas.',
  columns: [
    col('key', 'Código', 'text', ['Codigo', 'Lista', 'ID', 'Código da lista'], 'Código único da lista (usado em ItensListas).', true),
    col('name', 'Nome', 'text', ['Nome da lista'], 'Nome da lista.', true),
    col('couple', 'Noivos', 'text', ['Casal', 'Nome dos noivos'], 'Nomes do casal.', true),
    col('eventDate', 'Data do evento', 'date', ['Data', 'Data do casamento', 'event_date'], 'dd/mm/aaaa.', true),
    col('email', 'E-mail', 'text', ['Email'], 'E-mail dos noivos.'),
  ],
};

export const WEDDING_LIST_ITEMS: EntityDef = {
  entity: 'itenslistas',
  sheet: 'ItensListas',
  csv: 'itenslistas.csv',
  query: 'weddingListItems',
  recordField: 'sku',
  help: 'Um produto de uma lista por linha: o código da lista, o SKU e a quantidade desejada.',
  columns: [
    col('list', 'Lista', 'text', ['Código da lista', 'Cod lista', 'list_key', 'listKey'], 'Código da lista na aba ListasCasamento.', true),
    col('sku', 'SKU', 'text', SKU_ALIASES.slice(1), 'SKU do produto na aba Produtos.', true),
    col('quantity', 'Quantidade', 'integer', ['Qtd', 'Qtde'], 'Quantidade desejada (número inteiro).', true),
  ],
};

export const SHIPPING: EntityDef = {
  entity: 'rastreios',
  sheet: 'Rastreios',
  csv: 'rastreios.csv',
  query: 'shippingUpdates',
  recordField: 'orderId',
  help: 'Uma linha por pedido enviado: o número do pedido na Tray, o código de rastreio e, se quiser, a data de envio e o status.',
  columns: [
    col('orderId', 'Pedido', 'orderId', ['Nº pedido', 'Número do pedido', 'Id pedido', 'id_pedido', 'order_id'], 'Número do pedido na Tray.', true),
    col('trackingCode', 'Código de rastreio', 'text', ['Rastreio', 'Código de rastreamento', 'Objeto', 'tracking_code'], 'Ex.: AA123456785BR.'),
    col('shippedAt', 'Data de envio', 'date', ['Enviado em', 'Data envio', 'shipped_at'], 'dd/mm/aaaa.'),
    col('trackingUrl', 'Link de rastreio', 'text', ['URL de rastreio', 'Link', 'URL', 'tracking_url'], 'Opcional.'),
    col('status', 'Status', 'status', ['Situação', 'Situacao'], 'Opcional: Aguardando pagamento, Pago, Em separação, Enviado, Entregue ou Cancelado.'),
  ],
};

export const ENTITIES: readonly EntityDef[] = [
  PRODUCTS,
  VARIANTS,
  CATEGORIES,
  BRANDS,
  CHARACTERISTICS,
  CUSTOMERS,
  WEDDING_LISTS,
  WEDDING_LIST_ITEMS,
  SHIPPING,
];

export const CATALOG_ENTITIES: readonly EntityDef[] = ENTITIES.filter((e) => e !== SHIPPING);

/** "promoPrice" → "promo price", so SQL column names in camelCase or snake_case both match. */
const fieldAlias = (field: string) => normalizeHeader(field.replace(/([a-z])([A-Z])/g, '$1 $2'));

const aliasIndex = new Map<EntityDef, Map<string, ColumnDef>>();
const indexOf = (def: EntityDef): Map<string, ColumnDef> => {
  let index = aliasIndex.get(def);
  if (!index) {
    index = new Map();
    for (const column of def.columns) {
      for (const alias of [...column.aliases, column.field]) index.set(normalizeHeader(alias), column);
      index.set(fieldAlias(column.field), column);
    }
    aliasIndex.set(def, index);
  }
  return index;
};

export const columnForHeader = (def: EntityDef, header: string): ColumnDef | undefined => indexOf(def).get(normalizeHeader(header));

/** `Caract: Cor`, `Característica - Cor`, `caract_cor` → "Cor" (as written); null otherwise. */
export const characteristicColumnName = (header: string): string | null => {
  const match = /^\s*(caract(?:er[ií]stica)?s?\.?)\s*[:\-_ ]\s*(.+)$/i.exec(header.normalize('NFC'));
  if (!match) return null;
  const name = match[2]!.trim();
  return name ? name : null;
};

/** Matches the sheet/file name of an entity regardless of case and accents ("Características" too). */
export const entityForSheet = (name: string): EntityDef | undefined => {
  const n = normalizeHeader(name.replace(/\.csv$/i, '')).replace(/ /g, '');
  return ENTITIES.find((e) => normalizeHeader(e.sheet).replace(/ /g, '') === n || normalizeHeader(e.entity) === n) ??
    (n === 'itenslistascasamento' || n === 'itensdaslistas' ? WEDDING_LIST_ITEMS : undefined);
};
