/**
 * The catalogue of Tray WebService v2 operations Ponte knows, in one place.
 *
 * It is the single source for three consumers that must agree on the wire: the SOAP client
 * (what to call, how to coerce the answer), the store emulator (the WSDL it publishes and what it
 * answers) and the capability check (which features a store's WSDL allows). Operation and field
 * names follow `shared/docs/tray-webservice.md`; those marked `modelled` are this project's model
 * of operations Tray does not document publicly and can be renamed per store via the operation map.
 *
 * Everything here is data: no I/O, no imports from the rest of the engine.
 */

/** Scalar kinds as NuSOAP declares them in the WSDL. */
export type ScalarKind = 'int' | 'decimal' | 'string';

/** xsd type for each scalar kind (decimals travel as xsd:decimal, as NuSOAP's float/decimal). */
export const XSD_TYPE: Record<ScalarKind, string> = {
  int: 'xsd:int',
  decimal: 'xsd:decimal',
  string: 'xsd:string',
};

type FieldKinds = Record<string, ScalarKind>;
type KindToTs<K extends ScalarKind> = K extends 'string' ? string : number;
/** The TypeScript shape of a complex type, derived from its field map. */
export type StructOf<F extends FieldKinds> = { [P in keyof F]: KindToTs<F[P]> };

const struct = <F extends FieldKinds>(fields: F): F => fields;

/** Complex types (NuSOAP `complexType`s, `all` of scalar elements). */
export const TYPES = {
  Retorno: struct({ status: 'string', id: 'int', mensagem: 'string' }),
  Pedido: struct({
    id_pedido: 'int',
    numero: 'string',
    data: 'string', // YYYY-MM-DD
    hora: 'string', // HH:MM:SS
    data_modificacao: 'string', // YYYY-MM-DD HH:MM:SS
    id_status: 'int',
    status: 'string',
    id_cliente: 'int',
    subtotal: 'decimal',
    frete: 'decimal',
    desconto: 'decimal',
    total: 'decimal',
    forma_pagamento: 'string',
    forma_envio: 'string',
    codigo_rastreio: 'string',
    data_envio: 'string',
    url_rastreio: 'string',
    observacao: 'string',
  }),
  ItemPedido: struct({
    id_pedido: 'int',
    id_produto: 'int',
    cod_prod: 'string',
    nome_produto: 'string',
    quantidade: 'int',
    preco: 'decimal',
    peso: 'decimal',
  }),
  ParcelaPedido: struct({
    id_pedido: 'int',
    numero_parcela: 'int',
    valor: 'decimal',
    vencimento: 'string',
    forma_pagamento: 'string',
  }),
  ClienteAvancado: struct({
    id_cliente: 'int',
    cliente: 'string',
    cnpj_cpf: 'string',
    rg_ie: 'string',
    email: 'string',
    telefone: 'string',
    logradouro: 'string',
    numero: 'string',
    complemento: 'string',
    bairro: 'string',
    cidade: 'string',
    uf: 'string',
    cep: 'string',
  }),
  Produto: struct({
    id_produto: 'int',
    cod_prod: 'string',
    nome: 'string',
    descricao: 'string',
    preco: 'decimal',
    preco_promocional: 'decimal',
    estoque: 'int',
    disponivel: 'string', // 'S' | 'N'
    peso: 'decimal',
    altura: 'decimal',
    largura: 'decimal',
    comprimento: 'decimal',
    id_categoria: 'int',
    id_marca: 'int',
  }),
  // [modelled]: Tray's SOAP variation calls are not public; named in the service's pattern.
  Variacao: struct({
    id_variacao: 'int',
    id_produto: 'int',
    cod_referencia: 'string',
    preco: 'decimal',
    preco_promocional: 'decimal',
    estoque: 'int',
    disponivel: 'string', // 'S' | 'N'
    tipo_1: 'string',
    valor_1: 'string',
    tipo_2: 'string',
    valor_2: 'string',
  }),
  Categoria: struct({ id_categoria: 'int', nome: 'string', id_categoria_pai: 'int', ordem: 'int', descricao: 'string' }),
  Marca: struct({ id_marca: 'int', nome: 'string' }),
  Caracteristica: struct({ id_caracteristica: 'int', nome: 'string' }),
  StatusPedido: struct({ id_status: 'int', status: 'string', tipo: 'string' }),
  FormaPagamento: struct({ id_forma_pagamento: 'int', nome: 'string' }),
  ListaCasamento: struct({ id_lista: 'int', nome_lista: 'string', nome_noivos: 'string', data_evento: 'string', email: 'string' }),
} as const;

export type TypeName = keyof typeof TYPES;

/**
 * A field a record cannot do without, or a group of which at least one must be present
 * (`['cnpj_cpf', 'email']`: a customer is known by its document or its e-mail).
 */
export type Requirement = string | readonly string[];

/**
 * What each answer type cannot do without. A record lacking one of these is a malformed answer
 * naming the type, the field and the fields the store did send: never a zero or a blank standing
 * in for a value the store did not give. Every field not listed here is optional.
 */
export const REQUIRED_FIELDS: { readonly [T in TypeName]: readonly Requirement[] } = {
  Retorno: ['status'],
  Pedido: ['id_pedido', 'data', 'total', 'id_status'],
  ItemPedido: ['cod_prod', 'quantidade', 'preco'],
  ParcelaPedido: ['numero_parcela', 'valor'],
  ClienteAvancado: ['cliente', ['cnpj_cpf', 'email'], 'logradouro', 'cidade', 'uf', 'cep'],
  Produto: ['id_produto', 'cod_prod'],
  Variacao: ['id_variacao', 'id_produto', 'cod_referencia', 'preco', 'estoque', 'disponivel', 'tipo_1', 'valor_1'],
  Categoria: ['id_categoria', 'nome'],
  Marca: ['id_marca', 'nome'],
  Caracteristica: ['id_caracteristica', 'nome'],
  StatusPedido: ['id_status', 'status'],
  FormaPagamento: ['id_forma_pagamento', 'nome'],
  ListaCasamento: ['id_lista', 'nome_lista', 'data_evento'],
};

/**
 * THE ONE PLACE WHERE DEFAULTS ARE ALLOWED: the value an optional field (one not in
 * REQUIRED_FIELDS, nor in its operation's `requires`) takes when the store leaves it out or empty.
 * The normaliser is its only reader; a required field never gets here.
 */
export const OPTIONAL_DEFAULT: Readonly<Record<ScalarKind, string | number>> = { int: 0, decimal: 0, string: '' };

/**
 * Names other stores and public clients use for our fields, tried after the per-store field map
 * and our own name. Only names seen in real clients or Tray's REST API belong here; a store's own
 * dialect goes in its field map (Configurações, or `--field` on the tray command).
 */
export const FIELD_ALIASES: { readonly [T in TypeName]?: Readonly<Record<string, readonly string[]>> } = {
  Pedido: {
    id_pedido: ['id', 'codigo_pedido'],
    data: ['data_pedido', 'date'],
    hora: ['hora_pedido', 'hour'],
    status: ['status_pedido', 'situacao'],
    id_status: ['status_id', 'id_situacao'],
    total: ['valor_total', 'total_pedido'],
    subtotal: ['partial_total', 'valor_subtotal'],
    frete: ['valor_frete', 'shipment_value'],
    desconto: ['valor_desconto', 'discount'],
    codigo_rastreio: ['sending_code', 'rastreio'],
  },
  ItemPedido: {
    cod_prod: ['cod_referencia', 'referencia', 'reference', 'sku'],
    nome_produto: ['nome', 'name'],
    quantidade: ['qtde', 'quantity'],
    preco: ['preco_venda', 'valor_unitario', 'price'],
  },
  ClienteAvancado: {
    cliente: ['nome', 'nome_cliente', 'razao_social'],
    cnpj_cpf: ['cpf_cnpj', 'cpf', 'cnpj'],
    logradouro: ['endereco', 'address'],
    bairro: ['neighborhood'],
    cidade: ['city'],
    uf: ['estado', 'state'],
    cep: ['zip_code'],
  },
  Produto: { cod_prod: ['cod_referencia', 'referencia', 'reference'] },
};

/** Per store: our field -> the store's field name, per type. Validated where it enters (settings, CLI). */
export type FieldMap = { [T in TypeName]?: Partial<Record<string, string>> };
export type TrayStruct<T extends TypeName> = StructOf<(typeof TYPES)[T]>;

export type Retorno = TrayStruct<'Retorno'>;
export type TrayOrder = TrayStruct<'Pedido'>;
export type TrayOrderItem = TrayStruct<'ItemPedido'>;
export type TrayInstallment = TrayStruct<'ParcelaPedido'>;
export type TrayCustomer = TrayStruct<'ClienteAvancado'>;
export type TrayProduct = TrayStruct<'Produto'>;
export type TrayVariant = TrayStruct<'Variacao'>;
export type TrayCategory = TrayStruct<'Categoria'>;
export type TrayBrand = TrayStruct<'Marca'>;
export type TrayCharacteristic = TrayStruct<'Caracteristica'>;
export type TrayStatus = TrayStruct<'StatusPedido'>;
export type TrayPaymentMethod = TrayStruct<'FormaPagamento'>;
export type TrayWeddingList = TrayStruct<'ListaCasamento'>;

/** What an operation returns: one struct, or a SOAP-ENC array of them. */
export type Returns = { type: TypeName; array: boolean };

/**
 * Features a store may or may not offer; a missing operation disables its feature with a reason
 * instead of failing at the first call.
 */
export type Feature =
  | 'orders'
  | 'orderStatus'
  | 'tracking'
  | 'products'
  | 'variants'
  | 'stock'
  | 'categories'
  | 'brands'
  | 'characteristics'
  | 'customers'
  | 'weddingLists'
  | 'payments';

export interface OperationSpec {
  /** Positional parameters after the three auth parameters (pid_loja, plogin, psenha). */
  params: ReadonlyArray<readonly [name: string, kind: ScalarKind]>;
  returns: Returns;
  /** Writes change the store; they are never retried blindly. */
  kind: 'read' | 'write';
  feature: Feature;
  /** `known`/`seen` in public material, or `modelled` by this project. */
  source: 'known' | 'seen' | 'modelled';
  doc: string;
  /** Replaces the type's REQUIRED_FIELDS for this operation's answer (a lookup needs less than an order). */
  requires?: readonly Requirement[];
  /** A create whose success must carry the new record's id (`Retorno.id` > 0). */
  returnsId?: true;
}

const PRODUCT_RECORD = [
  ['cod_prod', 'string'],
  ['nome', 'string'],
  ['descricao', 'string'],
  ['preco', 'decimal'],
  ['preco_promocional', 'decimal'],
  ['estoque', 'int'],
  ['disponivel', 'string'],
  ['peso', 'decimal'],
  ['altura', 'decimal'],
  ['largura', 'decimal'],
  ['comprimento', 'decimal'],
  ['id_categoria', 'int'],
  ['id_marca', 'int'],
] as const;

const VARIANT_RECORD = [
  ['cod_referencia', 'string'],
  ['preco', 'decimal'],
  ['preco_promocional', 'decimal'],
  ['estoque', 'int'],
  ['disponivel', 'string'],
  ['tipo_1', 'string'],
  ['valor_1', 'string'],
  ['tipo_2', 'string'],
  ['valor_2', 'string'],
] as const;

const CUSTOMER_RECORD = [
  ['nome', 'string'],
  ['cnpj_cpf', 'string'],
  ['rg_ie', 'string'],
  ['email', 'string'],
  ['telefone', 'string'],
  ['logradouro', 'string'],
  ['numero', 'string'],
  ['complemento', 'string'],
  ['bairro', 'string'],
  ['cidade', 'string'],
  ['uf', 'string'],
  ['cep', 'string'],
] as const;

const WINDOW = [
  ['data_inicial', 'string'],
  ['data_final', 'string'],
  ['hora_inicial', 'string'],
  ['hora_final', 'string'],
] as const;

/** A customer found by a lookup is matched by id; it may have no address on file. */
const CUSTOMER_LOOKUP = ['id_cliente', 'cliente'] as const;

const one = <T extends TypeName>(type: T) => ({ type, array: false }) as const;
const many = <T extends TypeName>(type: T) => ({ type, array: true }) as const;
const status = one('Retorno');

export const OPERATIONS = {
  fWSImportaPedidos: {
    params: [...WINDOW, ['status_atual', 'string']],
    returns: many('Pedido'),
    kind: 'read',
    feature: 'orders',
    source: 'known',
    doc: 'Pedidos novos ou alterados ainda na lista de pendências, dentro da janela.',
  },
  fWSImportaPedidoPorId: {
    params: [['id_pedido', 'int']],
    returns: one('Pedido'),
    kind: 'read',
    feature: 'orders',
    source: 'seen',
    doc: 'Um pedido.',
  },
  fWSImportaItensPedidoPorId: {
    params: [['id_pedido', 'int']],
    returns: many('ItemPedido'),
    kind: 'read',
    feature: 'orders',
    source: 'known',
    doc: 'Itens de um pedido.',
  },
  fWSImportaParcelasPedidoPorId: {
    params: [['id_pedido', 'int']],
    returns: many('ParcelaPedido'),
    kind: 'read',
    feature: 'orders',
    source: 'seen',
    doc: 'Parcelas de um pedido.',
  },
  fWSImportaClientePorPedidoAvancado: {
    params: [['id_pedido', 'int']],
    returns: many('ClienteAvancado'),
    kind: 'read',
    feature: 'orders',
    source: 'known',
    doc: 'Cliente e endereço de entrega de um pedido (lista de um elemento).',
  },
  fWSAtualizaListaToDo: {
    params: [
      ['entidade', 'string'],
      ['id', 'int'],
    ],
    returns: status,
    kind: 'write',
    feature: 'orders',
    source: 'known',
    doc: 'Confirma que o ERP recebeu o registro; ele sai da lista de pendências.',
  },
  fWSImportaClientes: {
    params: [...WINDOW],
    returns: many('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Clientes cadastrados ou alterados na janela.',
    requires: CUSTOMER_LOOKUP,
  },
  fWSImportaClientesAvancado: {
    params: [...WINDOW],
    returns: many('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Clientes com endereço, na janela.',
    requires: CUSTOMER_LOOKUP,
  },
  fWSImportaClientePorId: {
    params: [['id_cliente', 'int']],
    returns: one('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Um cliente pelo id.',
    requires: CUSTOMER_LOOKUP,
  },
  fWSImportaClientePorEmail: {
    params: [['email', 'string']],
    returns: one('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Um cliente pelo e-mail.',
    requires: CUSTOMER_LOOKUP,
  },
  fWSImportaClientePorCPF: {
    params: [['cpf', 'string']],
    returns: one('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Um cliente pelo CPF.',
    requires: CUSTOMER_LOOKUP,
  },
  fWSImportaClientePorCNPJ: {
    params: [['cnpj', 'string']],
    returns: one('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Um cliente pelo CNPJ.',
    requires: CUSTOMER_LOOKUP,
  },
  fWSCadastraClienteAvancado: {
    params: [...CUSTOMER_RECORD],
    returns: status,
    kind: 'write',
    feature: 'customers',
    source: 'seen',
    doc: 'Cadastra um cliente com endereço.',
    returnsId: true,
  },
  fWSCadastraContatosCliente: {
    params: [
      ['id_cliente', 'int'],
      ['telefone', 'string'],
      ['telefone_adicional', 'string'],
    ],
    returns: status,
    kind: 'write',
    feature: 'customers',
    source: 'seen',
    doc: 'Telefones de um cliente.',
  },
  fWSCadastraProduto: {
    params: [...PRODUCT_RECORD],
    returns: status,
    kind: 'write',
    feature: 'products',
    source: 'seen',
    doc: 'Cadastra um produto.',
    returnsId: true,
  },
  fWSImportaVariacaoPorCodReferencia: {
    params: [['cod_referencia', 'string']],
    returns: one('Variacao'),
    kind: 'read',
    feature: 'variants',
    source: 'modelled',
    doc: 'Uma variação de produto pelo código de referência (SKU).',
  },
  fWSCadastraVariacao: {
    params: [['id_produto', 'int'], ...VARIANT_RECORD],
    returns: status,
    kind: 'write',
    feature: 'variants',
    source: 'modelled',
    doc: 'Cadastra uma variação (grade) de um produto: até dois tipos (ex.: Cor, Tamanho) com seus valores.',
    returnsId: true,
  },
  fWSAtualizaVariacao: {
    params: [['id_variacao', 'int'], ...VARIANT_RECORD],
    returns: status,
    kind: 'write',
    feature: 'variants',
    source: 'modelled',
    doc: 'Atualiza uma variação (preço, promoção, tipos e valores).',
  },
  fWSImportaProdutoPorID: {
    params: [['id_produto', 'int']],
    returns: one('Produto'),
    kind: 'read',
    feature: 'products',
    source: 'seen',
    doc: 'Um produto pelo id.',
  },
  fWSImportaProdutoPorCodReferencia: {
    params: [['cod_prod', 'string']],
    returns: one('Produto'),
    kind: 'read',
    feature: 'products',
    source: 'seen',
    doc: 'Um produto pelo código de referência (SKU).',
  },
  fWSAtualizaEstoqueProduto: {
    params: [
      ['is_grade', 'string'],
      ['id_produto', 'int'],
      ['estoque', 'int'],
    ],
    returns: status,
    kind: 'write',
    feature: 'stock',
    source: 'seen',
    doc: 'Estoque de um produto (is_grade N) ou variação (S).',
  },
  fWSAtualizaProdutoDisponivel: {
    params: [
      ['is_grade', 'string'],
      ['id_produto', 'int'],
      ['disponivel', 'string'],
    ],
    returns: status,
    kind: 'write',
    feature: 'stock',
    source: 'seen',
    doc: 'Disponibilidade de um produto.',
  },
  fWSFormasPagamentosDisponiveis: {
    params: [],
    returns: many('FormaPagamento'),
    kind: 'read',
    feature: 'payments',
    source: 'seen',
    doc: 'Formas de pagamento da loja.',
  },
  fWSAtualizaProduto: {
    params: [['id_produto', 'int'], ...PRODUCT_RECORD],
    returns: status,
    kind: 'write',
    feature: 'products',
    source: 'modelled',
    doc: 'Atualiza um produto (preço, promoção, estoque, disponibilidade, ...).',
  },
  fWSImportaCategorias: {
    params: [],
    returns: many('Categoria'),
    kind: 'read',
    feature: 'categories',
    source: 'modelled',
    doc: 'Árvore de categorias.',
  },
  fWSCadastraCategoria: {
    params: [
      ['nome', 'string'],
      ['id_categoria_pai', 'int'],
      ['descricao', 'string'],
      ['ordem', 'int'],
    ],
    returns: status,
    kind: 'write',
    feature: 'categories',
    source: 'modelled',
    doc: 'Cadastra uma categoria (pai 0 = raiz).',
    returnsId: true,
  },
  fWSAtualizaCategoria: {
    params: [
      ['id_categoria', 'int'],
      ['nome', 'string'],
      ['id_categoria_pai', 'int'],
      ['descricao', 'string'],
      ['ordem', 'int'],
    ],
    returns: status,
    kind: 'write',
    feature: 'categories',
    source: 'modelled',
    doc: 'Atualiza uma categoria.',
  },
  fWSImportaMarcas: {
    params: [],
    returns: many('Marca'),
    kind: 'read',
    feature: 'brands',
    source: 'modelled',
    doc: 'Marcas.',
  },
  fWSCadastraMarca: {
    params: [['nome', 'string']],
    returns: status,
    kind: 'write',
    feature: 'brands',
    source: 'modelled',
    doc: 'Cadastra uma marca.',
    returnsId: true,
  },
  fWSImportaCaracteristicas: {
    params: [],
    returns: many('Caracteristica'),
    kind: 'read',
    feature: 'characteristics',
    source: 'modelled',
    doc: 'Características.',
  },
  fWSCadastraCaracteristica: {
    params: [['nome', 'string']],
    returns: status,
    kind: 'write',
    feature: 'characteristics',
    source: 'modelled',
    doc: 'Cadastra uma característica.',
    returnsId: true,
  },
  fWSCadastraCaracteristicaProduto: {
    params: [
      ['id_produto', 'int'],
      ['id_caracteristica', 'int'],
      ['valor', 'string'],
    ],
    returns: status,
    kind: 'write',
    feature: 'characteristics',
    source: 'modelled',
    doc: 'Valor de uma característica num produto.',
  },
  fWSImportaListasCasamento: {
    params: [],
    returns: many('ListaCasamento'),
    kind: 'read',
    feature: 'weddingLists',
    source: 'modelled',
    doc: 'Listas de casamento já cadastradas na loja (para não cadastrar de novo).',
  },
  fWSCadastraListaCasamento: {
    params: [
      ['nome_lista', 'string'],
      ['nome_noivos', 'string'],
      ['data_evento', 'string'],
      ['email', 'string'],
    ],
    returns: status,
    kind: 'write',
    feature: 'weddingLists',
    source: 'modelled',
    doc: 'Cadastra uma lista de casamento.',
    returnsId: true,
  },
  fWSCadastraProdutoListaCasamento: {
    params: [
      ['id_lista', 'int'],
      ['id_produto', 'int'],
      ['quantidade', 'int'],
    ],
    returns: status,
    kind: 'write',
    feature: 'weddingLists',
    source: 'modelled',
    doc: 'Inclui um produto numa lista de casamento.',
  },
  fWSImportaStatusPedido: {
    params: [],
    returns: many('StatusPedido'),
    kind: 'read',
    feature: 'orderStatus',
    source: 'modelled',
    doc: 'Status de pedido da própria loja (id, nome, tipo).',
  },
  fWSAtualizaStatusPedido: {
    params: [
      ['id_pedido', 'int'],
      ['id_status', 'int'],
    ],
    returns: status,
    kind: 'write',
    feature: 'orderStatus',
    source: 'modelled',
    doc: 'Muda o status de um pedido. A Tray envia um e-mail ao cliente a cada mudança.',
  },
  fWSAtualizaRastreioPedido: {
    params: [
      ['id_pedido', 'int'],
      ['codigo_rastreio', 'string'],
      ['data_envio', 'string'],
      ['url_rastreio', 'string'],
    ],
    returns: status,
    kind: 'write',
    feature: 'tracking',
    source: 'modelled',
    doc: 'Código de rastreio, data de envio e URL de rastreio de um pedido.',
  },
} as const satisfies Record<string, OperationSpec>;

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

/** The three parameters every operation begins with. */
export const AUTH_PARAMS = [
  ['pid_loja', 'int'],
  ['plogin', 'string'],
  ['psenha', 'string'],
] as const;

type ParamTuple<P> = P extends readonly [] ? [] : P extends readonly [readonly [string, infer K], ...infer Rest]
  ? [K extends ScalarKind ? KindToTs<K> : never, ...ParamTuple<Rest>]
  : never;

/** Positional argument tuple (after auth) of an operation, typed from the catalogue. */
export type OperationArgs<N extends OperationName> = ParamTuple<(typeof OPERATIONS)[N]['params']>;

/** What an operation returns once normalised. */
export type OperationResult<N extends OperationName> = (typeof OPERATIONS)[N]['returns'] extends {
  type: infer T extends TypeName;
  array: true;
}
  ? TrayStruct<T>[]
  : (typeof OPERATIONS)[N]['returns'] extends { type: infer T extends TypeName }
    ? TrayStruct<T>
    : never;
