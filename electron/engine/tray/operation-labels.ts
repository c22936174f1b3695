/**
 * What each store operation does, in the merchant's words: messages say "a atualização do
 * produto", never "fWSAtualizaProduto" (the technical name stays in the error's `operation` and
 * `detail` for logs and support).
 */
import type { OperationName } from './operations.ts';

const LABELS: Record<OperationName, { 'pt-BR': string; en: string }> = {
  fWSImportaPedidos: { 'pt-BR': 'a leitura dos pedidos', en: 'reading the orders' },
  fWSImportaPedidoPorId: { 'pt-BR': 'a leitura de um pedido', en: 'reading an order' },
  fWSImportaItensPedidoPorId: { 'pt-BR': 'a leitura dos itens do pedido', en: 'reading the order items' },
  fWSImportaParcelasPedidoPorId: { 'pt-BR': 'a leitura das parcelas do pedido', en: 'reading the order instalments' },
  fWSImportaClientePorPedidoAvancado: { 'pt-BR': 'a leitura do cliente do pedido', en: 'reading the order customer' },
  fWSAtualizaListaToDo: { 'pt-BR': 'a confirmação dos pedidos lidos', en: 'acknowledging the orders read' },
  fWSImportaClientes: { 'pt-BR': 'a leitura dos clientes', en: 'reading the customers' },
  fWSImportaClientesAvancado: { 'pt-BR': 'a leitura dos clientes', en: 'reading the customers' },
  fWSImportaClientePorId: { 'pt-BR': 'a leitura de um cliente', en: 'reading a customer' },
  fWSImportaClientePorEmail: { 'pt-BR': 'a busca do cliente por e-mail', en: 'finding the customer by e-mail' },
  fWSImportaClientePorCPF: { 'pt-BR': 'a busca do cliente por CPF', en: 'finding the customer by CPF' },
  fWSImportaClientePorCNPJ: { 'pt-BR': 'a busca do cliente por CNPJ', en: 'finding the customer by CNPJ' },
  fWSCadastraClienteAvancado: { 'pt-BR': 'o cadastro do cliente', en: 'creating the customer' },
  fWSCadastraContatosCliente: { 'pt-BR': 'a atualização dos telefones do cliente', en: 'updating the customer phones' },
  fWSCadastraProduto: { 'pt-BR': 'o cadastro do produto', en: 'creating the product' },
  fWSImportaProdutoPorID: { 'pt-BR': 'a leitura de um produto', en: 'reading a product' },
  fWSImportaProdutoPorCodReferencia: { 'pt-BR': 'a busca do produto pelo SKU', en: 'finding the product by SKU' },
  fWSAtualizaEstoqueProduto: { 'pt-BR': 'a atualização do estoque', en: 'updating the stock' },
  fWSAtualizaProdutoDisponivel: { 'pt-BR': 'a atualização da disponibilidade do produto', en: 'updating the product availability' },
  fWSFormasPagamentosDisponiveis: { 'pt-BR': 'a leitura das formas de pagamento', en: 'reading the payment methods' },
  fWSAtualizaProduto: { 'pt-BR': 'a atualização do produto', en: 'updating the product' },
  fWSImportaVariacaoPorCodReferencia: { 'pt-BR': 'a busca da variação pelo SKU', en: 'finding the variant by SKU' },
  fWSCadastraVariacao: { 'pt-BR': 'o cadastro da variação', en: 'creating the variant' },
  fWSAtualizaVariacao: { 'pt-BR': 'a atualização da variação', en: 'updating the variant' },
  fWSImportaCategorias: { 'pt-BR': 'a leitura das categorias', en: 'reading the categories' },
  fWSCadastraCategoria: { 'pt-BR': 'o cadastro da categoria', en: 'creating the category' },
  fWSAtualizaCategoria: { 'pt-BR': 'a atualização da categoria', en: 'updating the category' },
  fWSImportaMarcas: { 'pt-BR': 'a leitura das marcas', en: 'reading the brands' },
  fWSCadastraMarca: { 'pt-BR': 'o cadastro da marca', en: 'creating the brand' },
  fWSImportaCaracteristicas: { 'pt-BR': 'a leitura das características', en: 'reading the properties' },
  fWSCadastraCaracteristica: { 'pt-BR': 'o cadastro da característica', en: 'creating the property' },
  fWSCadastraCaracteristicaProduto: { 'pt-BR': 'o valor da característica do produto', en: 'setting the product property' },
  fWSImportaListasCasamento: { 'pt-BR': 'a consulta das listas de casamento', en: 'reading the wedding lists' },
  fWSCadastraListaCasamento: { 'pt-BR': 'o cadastro da lista de casamento', en: 'creating the wedding list' },
  fWSCadastraProdutoListaCasamento: { 'pt-BR': 'o produto da lista de casamento', en: 'adding the wedding-list product' },
  fWSImportaStatusPedido: { 'pt-BR': 'a leitura dos status de pedido', en: 'reading the order statuses' },
  fWSAtualizaStatusPedido: { 'pt-BR': 'a mudança de status do pedido', en: 'changing the order status' },
  fWSAtualizaRastreioPedido: { 'pt-BR': 'o código de rastreio do pedido', en: "the order's tracking code" },
};

/** The merchant's words for an operation; an unknown name (a store's own) reads as "a operação". */
export const operationLabel = (operation: string | null, locale: 'pt-BR' | 'en' = 'pt-BR'): string => {
  const label = operation !== null && Object.hasOwn(LABELS, operation) ? LABELS[operation as OperationName] : null;
  return label ? label[locale] : locale === 'pt-BR' ? 'a operação' : 'the operation';
};
