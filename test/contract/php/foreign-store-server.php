<?php
/*
 * A store written APART from Ponte: a small hand-written NuSOAP 0.9.5 server with its own types,
 * field names, parameter names, ids and Latin-1 data, the way another shop's Tray-like WebService
 * might look. Nothing here is generated from Ponte's catalogue (electron/engine/tray/operations.ts):
 * if Ponte's field names are wrong, a test against this server notices.
 *
 * What differs from Ponte's model, on purpose:
 *   - orders: `codigo_pedido` (xsd:string) for the id, `data_pedido`, `hora_pedido`, `status_pedido`,
 *     `codigo_status`, `valor_total` as xsd:string ("1254.40", or "389,70" with a decimal comma);
 *   - items: the SKU in `cod_referencia`, quantity in `qtd` as xsd:decimal ("2.00"), the unit price
 *     in `valor_unitario` as xsd:string;
 *   - customer: `nome`, `cpf`, `endereco`, `estado`, postcode in `cep_entrega`;
 *   - the request's own parameter names (`codigo_loja`, `usuario`, `senha`, `numero_pedido`);
 *   - ids from 5001 (orders) and 70001 (customers); text and WSDL in ISO-8859-1.
 * Operation names are Tray's own (what `npm run tray -- order ID` and the order pull call without an
 * operation map): one order, its items, its customer, the to-do list and its acknowledgement (the
 * confirmed ids in a file, FOREIGN_STORE_STATE); no installments operation, as a store may lack it.
 *
 * Run as a `php -S` router script (test/contract/foreign-store.test.ts). Store 4471, login
 * `integracao`, password `Sabiá-2026!`; anything else is a fault like a real store's.
 * The source is UTF-8 for review; every text leaves through latin1() as ISO-8859-1 bytes.
 */
require __DIR__ . '/emulator-nusoap-loader.php';
emulator_load_nusoap();

$ns = 'urn:loja-conceicao';

$server = new soap_server();
$server->soap_defencoding = 'ISO-8859-1';
// NuSOAP's default decode_utf8 (true): a UTF-8 request is read as Latin-1, the password included.
$server->decode_utf8 = true;
$server->configureWSDL('LojaConceicaoWS', $ns);
$server->wsdl->schemaTargetNamespace = $ns;

function latin1($value) {
    if (is_array($value)) return array_map('latin1', $value);
    return is_string($value) ? iconv('UTF-8', 'ISO-8859-1', $value) : $value;
}

/** A struct type with its fields written out by hand, and its SOAP-ENC array. */
function declare_type($server, $name, $fields) {
    $elements = array();
    foreach ($fields as $field => $type) $elements[$field] = array('name' => $field, 'type' => $type);
    $server->wsdl->addComplexType($name, 'complexType', 'struct', 'all', '', $elements);
    $server->wsdl->addComplexType('Lista' . $name, 'complexType', 'array', '', 'SOAP-ENC:Array', array(),
        array(array('ref' => 'SOAP-ENC:arrayType', 'wsdl:arrayType' => 'tns:' . $name . '[]')), 'tns:' . $name);
}

declare_type($server, 'DadosPedido', array(
    'codigo_pedido' => 'xsd:string',
    'numero_pedido' => 'xsd:string',
    'data_pedido' => 'xsd:string',
    'hora_pedido' => 'xsd:string',
    'data_alteracao' => 'xsd:string',
    'codigo_status' => 'xsd:int',
    'status_pedido' => 'xsd:string',
    'cliente_id' => 'xsd:int',
    'valor_subtotal' => 'xsd:decimal',
    'valor_frete' => 'xsd:string',
    'valor_desconto' => 'xsd:decimal',
    'valor_total' => 'xsd:string',
    'forma_pgto' => 'xsd:string',
    'transportadora' => 'xsd:string',
    'obs' => 'xsd:string',
));
declare_type($server, 'ItemDoPedido', array(
    'codigo_pedido' => 'xsd:int',
    'codigo_produto' => 'xsd:int',
    'cod_referencia' => 'xsd:string',
    'descricao' => 'xsd:string',
    'qtd' => 'xsd:decimal',
    'valor_unitario' => 'xsd:string',
    'peso_kg' => 'xsd:decimal',
));
declare_type($server, 'DadosCliente', array(
    'codigo_cliente' => 'xsd:int',
    'nome' => 'xsd:string',
    'cpf' => 'xsd:string',
    'email' => 'xsd:string',
    'fone' => 'xsd:string',
    'endereco' => 'xsd:string',
    'numero' => 'xsd:string',
    'complemento' => 'xsd:string',
    'bairro' => 'xsd:string',
    'cidade' => 'xsd:string',
    'estado' => 'xsd:string',
    'cep_entrega' => 'xsd:string',
));

$server->wsdl->addComplexType('RetornoOperacao', 'complexType', 'struct', 'all', '', array(
    'status' => array('name' => 'status', 'type' => 'xsd:string'),
    'mensagem' => array('name' => 'mensagem', 'type' => 'xsd:string'),
));

$auth = array('codigo_loja' => 'xsd:int', 'usuario' => 'xsd:string', 'senha' => 'xsd:string');
$ops = array(
    'fWSImportaPedidoPorId' => array('tns:DadosPedido', 'Dados de um pedido'),
    'fWSImportaItensPedidoPorId' => array('tns:ListaItemDoPedido', 'Itens do pedido (código de referência, quantidade, preço unitário)'),
    'fWSImportaClientePorPedidoAvancado' => array('tns:ListaDadosCliente', 'Cliente e endereço de entrega do pedido'),
);
foreach ($ops as $name => $op) {
    $server->register($name, $auth + array('numero_pedido' => 'xsd:int'), array('return' => $op[0]), $ns, $ns . '#' . $name, 'rpc', 'encoded', latin1($op[1]));
}
$server->register('fWSImportaPedidos', $auth + array('de' => 'xsd:string', 'ate' => 'xsd:string', 'hora_de' => 'xsd:string', 'hora_ate' => 'xsd:string', 'situacao' => 'xsd:string'),
    array('return' => 'tns:ListaDadosPedido'), $ns, $ns . '#fWSImportaPedidos', 'rpc', 'encoded', latin1('Pedidos pendentes de integração'));
$server->register('fWSAtualizaListaToDo', $auth + array('tipo' => 'xsd:string', 'codigo' => 'xsd:int'),
    array('return' => 'tns:RetornoOperacao'), $ns, $ns . '#fWSAtualizaListaToDo', 'rpc', 'encoded', latin1('Retira um registro da lista de pendências'));

// ---- The store's data: three orders, literal -------------------------------------------------

$ORDERS = array(
    5001 => array(
        'codigo_pedido' => '5001', 'numero_pedido' => 'LC-5001', 'data_pedido' => '2026-11-18', 'hora_pedido' => '14:05:09',
        'data_alteracao' => '2026-11-18 14:07:30', 'codigo_status' => 12, 'status_pedido' => 'PAGAMENTO CONFIRMADO',
        'cliente_id' => 70001, 'valor_subtotal' => '1234.50', 'valor_frete' => '19.90', 'valor_desconto' => '0.00',
        'valor_total' => '1254.40', 'forma_pgto' => 'Cartão de crédito 3x', 'transportadora' => 'Jadlog',
        'obs' => 'Entregar após as 14h, portão azul',
    ),
    5002 => array(
        'codigo_pedido' => '5002', 'numero_pedido' => 'LC-5002', 'data_pedido' => '2026-11-19', 'hora_pedido' => '09:41:00',
        'data_alteracao' => '2026-11-19 09:41:00', 'codigo_status' => 3, 'status_pedido' => 'AGUARDANDO PAGAMENTO',
        'cliente_id' => 70002, 'valor_subtotal' => '389.70', 'valor_frete' => '0,00', 'valor_desconto' => '0.00',
        'valor_total' => '389,70', 'forma_pgto' => 'Boleto', 'transportadora' => 'Correios PAC', 'obs' => '',
    ),
    5003 => array(
        'codigo_pedido' => '5003', 'numero_pedido' => 'LC-5003', 'data_pedido' => '2026-11-20', 'hora_pedido' => '18:22:47',
        'data_alteracao' => '2026-11-21 08:00:00', 'codigo_status' => 27, 'status_pedido' => 'CANCELADO',
        'cliente_id' => 70001, 'valor_subtotal' => '59.90', 'valor_frete' => '15.00', 'valor_desconto' => '5.00',
        'valor_total' => '69.90', 'forma_pgto' => 'Pix', 'transportadora' => 'Correios SEDEX', 'obs' => '',
    ),
);

$ITEMS = array(
    5001 => array(
        array('codigo_pedido' => 5001, 'codigo_produto' => 880, 'cod_referencia' => 'CAM-ALG-P', 'descricao' => 'Camiseta Algodão Orgânico P',
            'qtd' => '2.00', 'valor_unitario' => '89.90', 'peso_kg' => '0.250'),
        array('codigo_pedido' => 5001, 'codigo_produto' => 912, 'cod_referencia' => 'TOA-LINHO-G', 'descricao' => 'Toalha de Linho Açafrão',
            'qtd' => '1.00', 'valor_unitario' => '1054.70', 'peso_kg' => '1.100'),
    ),
    5002 => array(
        array('codigo_pedido' => 5002, 'codigo_produto' => 301, 'cod_referencia' => 'VELA-CERA-03', 'descricao' => 'Vela de Cera de Abelha nº 3',
            'qtd' => '3.00', 'valor_unitario' => '129.90', 'peso_kg' => '0.400'),
    ),
    5003 => array(
        array('codigo_pedido' => 5003, 'codigo_produto' => 880, 'cod_referencia' => 'CAM-ALG-P', 'descricao' => 'Camiseta Algodão Orgânico P',
            'qtd' => '1.00', 'valor_unitario' => '59.90', 'peso_kg' => '0.250'),
    ),
);

$CUSTOMERS = array(
    70001 => array('codigo_cliente' => 70001, 'nome' => 'Maria da Conceição Araújo', 'cpf' => '529.982.247-25',
        'email' => 'maria.conceicao@example.com.br', 'fone' => '(11) 3105-2210', 'endereco' => 'Rua São Bento',
        'numero' => '365', 'complemento' => 'sala 4º andar', 'bairro' => 'Sé', 'cidade' => 'São Paulo', 'estado' => 'SP',
        'cep_entrega' => '01011-100'),
    70002 => array('codigo_cliente' => 70002, 'nome' => 'João Estêvão Gonçalves', 'cpf' => '111.444.777-35',
        'email' => 'joao.estevao@example.com.br', 'fone' => '(31) 3222-0101', 'endereco' => 'Avenida Afonso Pena',
        'numero' => '1500', 'complemento' => '', 'bairro' => 'Funcionários', 'cidade' => 'Belo Horizonte', 'estado' => 'MG',
        'cep_entrega' => '30130-005'),
);

// ---- Operations ---------------------------------------------------------------------------------

function acesso($loja, $usuario, $senha) {
    if ((string)$loja !== '4471' || $usuario !== 'integracao' || $senha !== latin1('Sabiá-2026!')) {
        return new soap_fault('SOAP-ENV:Client', '', latin1('Acesso negado: usuário ou senha inválidos'));
    }
    return null;
}

function pedido_inexistente($id) {
    return new soap_fault('SOAP-ENV:Client', '', latin1("Pedido $id não encontrado"));
}

function fWSImportaPedidoPorId($loja, $usuario, $senha, $id) {
    global $ORDERS;
    if ($f = acesso($loja, $usuario, $senha)) return $f;
    if (!isset($ORDERS[(int)$id])) return pedido_inexistente((int)$id);
    return latin1($ORDERS[(int)$id]);
}

function fWSImportaItensPedidoPorId($loja, $usuario, $senha, $id) {
    global $ITEMS;
    if ($f = acesso($loja, $usuario, $senha)) return $f;
    if (!isset($ITEMS[(int)$id])) return pedido_inexistente((int)$id);
    return latin1($ITEMS[(int)$id]);
}

function fWSImportaClientePorPedidoAvancado($loja, $usuario, $senha, $id) {
    global $ORDERS, $CUSTOMERS;
    if ($f = acesso($loja, $usuario, $senha)) return $f;
    if (!isset($ORDERS[(int)$id])) return pedido_inexistente((int)$id);
    return latin1(array($CUSTOMERS[$ORDERS[(int)$id]['cliente_id']]));
}

/**
 * The to-do list: orders not yet confirmed by the ERP. `php -S` keeps nothing between requests, so
 * the confirmed ids live in a file (FOREIGN_STORE_STATE, set by the test; else one per port).
 */
function estado_arquivo() {
    $file = getenv('FOREIGN_STORE_STATE');
    return $file ? $file : sys_get_temp_dir() . '/foreign-store-' . $_SERVER['SERVER_PORT'] . '.json';
}
function confirmados() {
    $text = @file_get_contents(estado_arquivo());
    $ids = $text ? json_decode($text, true) : array();
    return is_array($ids) ? $ids : array();
}

/** Every pending order, whatever the window: this store's list is "what the ERP has not confirmed". */
function fWSImportaPedidos($loja, $usuario, $senha, $de, $ate, $hora_de, $hora_ate, $situacao) {
    global $ORDERS;
    if ($f = acesso($loja, $usuario, $senha)) return $f;
    $feitos = confirmados();
    $lista = array();
    foreach ($ORDERS as $id => $order) if (!in_array($id, $feitos, true)) $lista[] = $order;
    return latin1($lista);
}

function fWSAtualizaListaToDo($loja, $usuario, $senha, $tipo, $codigo) {
    global $ORDERS;
    if ($f = acesso($loja, $usuario, $senha)) return $f;
    if ($tipo !== 'pedidos' || !isset($ORDERS[(int)$codigo])) return pedido_inexistente((int)$codigo);
    $feitos = confirmados();
    if (!in_array((int)$codigo, $feitos, true)) $feitos[] = (int)$codigo;
    file_put_contents(estado_arquivo(), json_encode($feitos), LOCK_EX);
    return latin1(array('status' => 'OK', 'mensagem' => "Pedido $codigo retirado da lista de pendências"));
}

$server->service(file_get_contents('php://input'));
