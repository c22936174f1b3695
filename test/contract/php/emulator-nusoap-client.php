<?php
// Contract check of the Tray emulator with NuSOAP's own client (Debian's libnusoap-php), WSDL mode.
// Usage: php emulator-nusoap-client.php <wsdl-url> <store> <login> <password> <customerId> <statusId> <tracking>
require __DIR__ . '/emulator-nusoap-loader.php';
emulator_load_nusoap();
[, $wsdl, $store, $login, $password, $customerId, $statusId, $tracking] = $argv;
$out = [];
// NuSOAP's parser keeps the response's own encoding (XML_OPTION_TARGET_ENCODING = the prolog's
// ISO-8859-1): strings arrive as Latin-1 bytes, as in any real ERP using NuSOAP against Tray. We
// convert them to UTF-8 explicitly for json_encode; a mangled accent would show in the test.
$text = fn($s) => iconv('ISO-8859-1', 'UTF-8', (string)$s);
$client = function () use ($wsdl) {
    $c = new nusoap_client($wsdl, true);
    $err = $c->getError();
    if ($err) { fwrite(STDERR, "WSDL: $err\n"); exit(4); }
    return $c;
};
$c = $client();
$auth = ['pid_loja' => (int)$store, 'plogin' => $login, 'psenha' => $password];
$call = function ($op, $params) use ($c, $auth) {
    $r = $c->call($op, array_merge($auth, $params));
    if ($c->fault || $c->getError()) throw new Exception("$op: " . ($c->getError() ?: json_encode($r)));
    return $r;
};
try {
    $orders = $call('fWSImportaPedidos', ['data_inicial' => '', 'data_final' => '', 'hora_inicial' => '', 'hora_final' => '', 'status_atual' => '']);
    $out['orders'] = array_map(fn($o) => ['id_pedido' => (int)$o['id_pedido'], 'status' => $text($o['status']), 'total' => $o['total']], $orders);
    $orderId = (int)$orders[0]['id_pedido'];
    $out['orderId'] = $orderId;
    $items = $call('fWSImportaItensPedidoPorId', ['id_pedido' => $orderId]);
    // NuSOAP returns a one-element SOAP-ENC array as a list too (it reads arrayType), but guard anyway.
    if (isset($items['cod_prod'])) $items = [$items];
    $out['items'] = array_map(fn($i) => ['cod_prod' => $i['cod_prod'], 'nome_produto' => $text($i['nome_produto']), 'quantidade' => (int)$i['quantidade']], $items);
    $cust = $call('fWSImportaClientePorId', ['id_cliente' => (int)$customerId]);
    $out['customer'] = ['cliente' => $text($cust['cliente']), 'cidade' => $text($cust['cidade']), 'uf' => $cust['uf'], 'cep' => $cust['cep'], 'cnpj_cpf' => $cust['cnpj_cpf']];
    $addr = $call('fWSImportaClientePorPedidoAvancado', ['id_pedido' => $orderId]);
    $out['orderCustomer'] = ['count' => count($addr), 'cidade' => $text($addr[0]['cidade']), 'logradouro' => $text($addr[0]['logradouro'])];
    $statuses = $call('fWSImportaStatusPedido', []);
    $out['statuses'] = array_map(fn($s) => ['id_status' => (int)$s['id_status'], 'status' => $text($s['status']), 'tipo' => $s['tipo']], $statuses);
    $r = $call('fWSAtualizaStatusPedido', ['id_pedido' => $orderId, 'id_status' => (int)$statusId]);
    $out['statusWrite'] = ['status' => $r['status'], 'id' => (int)$r['id']];
    $r = $call('fWSAtualizaRastreioPedido', ['id_pedido' => $orderId, 'codigo_rastreio' => $tracking, 'data_envio' => '2026-11-20', 'url_rastreio' => 'https://rastreamento.correios.com.br/app/index.php?objeto=' . $tracking]);
    $out['trackingWrite'] = ['status' => $r['status'], 'id' => (int)$r['id']];
    // Accented text on the way in: NuSOAP sends in its soap_defencoding (ISO-8859-1) and expects
    // PHP strings in that encoding.
    $r = $call('fWSCadastraMarca', ['nome' => iconv('UTF-8', 'ISO-8859-1', 'Pão & Açúcar <Ltda>')]);
    $out['brandWrite'] = ['status' => $r['status'], 'id' => (int)$r['id']];
} catch (Exception $e) {
    $out['unexpectedFault'] = $e->getMessage();
}
$c2 = $client();
$r = $c2->call('fWSImportaStatusPedido', ['pid_loja' => (int)$store, 'plogin' => $login, 'psenha' => 'senha-errada']);
$out['wrongPassword'] = $c2->fault ? ['faultcode' => $r['faultcode'], 'faultstring' => $text($r['faultstring'])] : 'no fault: ' . json_encode($r);
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT | JSON_THROW_ON_ERROR), "\n";
