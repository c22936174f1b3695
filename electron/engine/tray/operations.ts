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

type FieldMap = Record<string, ScalarKind>;
type KindToTs<K extends ScalarKind> = K extends 'string' ? string : number;
/** The TypeScript shape of a complex type, derived from its field map. */
export type StructOf<F extends FieldMap> = { [P in keyof F]: KindToTs<F[P]> };

const struct = <F extends FieldMap>(fields: F): F => fields;

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
  Categoria: struct({ id_categoria: 'int', nome: 'string', id_categoria_pai: 'int', ordem: 'int', descricao: 'string' }),
  Marca: struct({ id_marca: 'int', nome: 'string' }),
  Caracteristica: struct({ id_caracteristica: 'int', nome: 'string' }),
  StatusPedido: struct({ id_status: 'int', status: 'string', tipo: 'string' }),
  FormaPagamento: struct({ id_forma_pagamento: 'int', nome: 'string' }),
} as const;

export type TypeName = keyof typeof TYPES;
export type TrayStruct<T extends TypeName> = StructOf<(typeof TYPES)[T]>;

export type Retorno = TrayStruct<'Retorno'>;
export type TrayOrder = TrayStruct<'Pedido'>;
export type TrayOrderItem = TrayStruct<'ItemPedido'>;
export type TrayInstallment = TrayStruct<'ParcelaPedido'>;
export type TrayCustomer = TrayStruct<'ClienteAvancado'>;
export type TrayProduct = TrayStruct<'Produto'>;
export type TrayCategory = TrayStruct<'Categoria'>;
export type TrayBrand = TrayStruct<'Marca'>;
export type TrayCharacteristic = TrayStruct<'Caracteristica'>;
export type TrayStatus = TrayStruct<'StatusPedido'>;
export type TrayPaymentMethod = TrayStruct<'FormaPagamento'>;

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
  },
  fWSImportaClientesAvancado: {
    params: [...WINDOW],
    returns: many('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Clientes com endereço, na janela.',
  },
  fWSImportaClientePorId: {
    params: [['id_cliente', 'int']],
    returns: one('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Um cliente pelo id.',
  },
  fWSImportaClientePorEmail: {
    params: [['email', 'string']],
    returns: one('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Um cliente pelo e-mail.',
  },
  fWSImportaClientePorCPF: {
    params: [['cpf', 'string']],
    returns: one('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Um cliente pelo CPF.',
  },
  fWSImportaClientePorCNPJ: {
    params: [['cnpj', 'string']],
    returns: one('ClienteAvancado'),
    kind: 'read',
    feature: 'customers',
    source: 'seen',
    doc: 'Um cliente pelo CNPJ.',
  },
  fWSCadastraClienteAvancado: {
    params: [...CUSTOMER_RECORD],
    returns: status,
    kind: 'write',
    feature: 'customers',
    source: 'seen',
    doc: 'Cadastra um cliente com endereço.',
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
