<?php
// Contract check of the Tray emulator with PHP's own SoapClient (php-soap), WSDL mode.
// Usage: php emulator-soapclient.php <wsdl-url> <store> <login> <password> <customerId> <statusId> <tracking> <utf8|latin1>
// Prints one JSON document (UTF-8) with what it read and wrote.
[, $wsdl, $store, $login, $password, $customerId, $statusId, $tracking, $mode] = $argv;
$latin1 = $mode === 'latin1';
$options = ['cache_wsdl' => WSDL_CACHE_NONE, 'exceptions' => true, 'trace' => true];
// 'encoding' => ISO-8859-1 makes php-soap hand strings to PHP as Latin-1 bytes; we convert them back
// to UTF-8 explicitly so the test sees whether the text survived either way.
if ($latin1) $options['encoding'] = 'ISO-8859-1';
$out = ['mode' => $mode];
$text = function ($s) use ($latin1) {
    return $latin1 ? iconv('ISO-8859-1', 'UTF-8', (string)$s) : (string)$s;
};
try {
    $c = new SoapClient($wsdl, $options);
    $auth = [(int)$store, $login, $password];
    $orders = $c->__soapCall('fWSImportaPedidos', array_merge($auth, ['', '', '', '', '']));
    $out['orders'] = array_map(fn($o) => ['id_pedido' => $o->id_pedido, 'status' => $text($o->status), 'total' => $o->total], $orders);
    $orderId = $orders[0]->id_pedido;
    $out['orderId'] = $orderId;
    $items = $c->__soapCall('fWSImportaItensPedidoPorId', array_merge($auth, [$orderId]));
    $out['items'] = array_map(fn($i) => ['cod_prod' => $i->cod_prod, 'nome_produto' => $text($i->nome_produto), 'quantidade' => $i->quantidade], $items);
    $cust = $c->__soapCall('fWSImportaClientePorId', array_merge($auth, [(int)$customerId]));
    $out['customer'] = ['cliente' => $text($cust->cliente), 'cidade' => $text($cust->cidade), 'uf' => $cust->uf, 'cep' => $cust->cep, 'cnpj_cpf' => $cust->cnpj_cpf];
    $addr = $c->__soapCall('fWSImportaClientePorPedidoAvancado', array_merge($auth, [$orderId]));
    $out['orderCustomer'] = ['count' => count($addr), 'cidade' => $text($addr[0]->cidade), 'logradouro' => $text($addr[0]->logradouro)];
    $statuses = $c->__soapCall('fWSImportaStatusPedido', $auth);
    $out['statuses'] = array_map(fn($s) => ['id_status' => $s->id_status, 'status' => $text($s->status), 'tipo' => $s->tipo], $statuses);
    $r = $c->__soapCall('fWSAtualizaStatusPedido', array_merge($auth, [$orderId, (int)$statusId]));
    $out['statusWrite'] = ['status' => $r->status, 'id' => $r->id];
    $r = $c->__soapCall('fWSAtualizaRastreioPedido', array_merge($auth, [$orderId, $tracking, '2026-11-20', 'https://rastreamento.correios.com.br/app/index.php?objeto=' . $tracking]));
    $out['trackingWrite'] = ['status' => $r->status, 'id' => $r->id];
    // Accented text on the way in: in latin1 mode php-soap expects ISO-8859-1 strings from PHP.
    $brand = 'Pão & Açúcar <Ltda>';
    $r = $c->__soapCall('fWSCadastraMarca', array_merge($auth, [$latin1 ? iconv('UTF-8', 'ISO-8859-1', $brand) : $brand]));
    $out['brandWrite'] = ['status' => $r->status, 'id' => $r->id];
} catch (SoapFault $f) {
    $out['unexpectedFault'] = $text($f->getMessage());
}
try {
    $c = new SoapClient($wsdl, $options);
    $c->__soapCall('fWSImportaStatusPedido', [(int)$store, $login, 'senha-errada']);
    $out['wrongPassword'] = 'no fault';
} catch (SoapFault $f) {
    $out['wrongPassword'] = ['faultcode' => $f->faultcode, 'faultstring' => $text($f->getMessage())];
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT | JSON_THROW_ON_ERROR), "\n";
