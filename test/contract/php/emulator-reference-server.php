<?php
// A real NuSOAP 0.9.5 server built from the same operation catalogue as the emulator, answering
// fixed results from a JSON file: the reference the emulator's bytes are compared with.
// Run as a `php -S` router script with env REF_CATALOGUE (types/operations/namespace JSON) and
// REF_FIXTURES ({operation: result | {"__fault": [code, string]}}).
require __DIR__ . '/emulator-nusoap-loader.php';
emulator_load_nusoap();

$catalogue = json_decode(file_get_contents(getenv('REF_CATALOGUE')), true);
$fixtures = json_decode(file_get_contents(getenv('REF_FIXTURES')), true);
$ns = $catalogue['namespace'];
$xsd = ['int' => 'xsd:int', 'decimal' => 'xsd:decimal', 'string' => 'xsd:string'];

$server = new soap_server();
$server->soap_defencoding = 'ISO-8859-1';
$server->configureWSDL('ws_servidor', $ns);
$server->wsdl->schemaTargetNamespace = $ns;
foreach ($catalogue['types'] as $type => $fields) {
    $elements = [];
    foreach ($fields as $field => $kind) $elements[$field] = ['name' => $field, 'type' => $xsd[$kind]];
    $server->wsdl->addComplexType($type, 'complexType', 'struct', 'all', '', $elements);
    $server->wsdl->addComplexType('ArrayOf' . $type, 'complexType', 'array', '', 'SOAP-ENC:Array', [],
        [['ref' => 'SOAP-ENC:arrayType', 'wsdl:arrayType' => 'tns:' . $type . '[]']], 'tns:' . $type);
}
foreach ($catalogue['operations'] as $name => $op) {
    $in = ['pid_loja' => 'xsd:int', 'plogin' => 'xsd:string', 'psenha' => 'xsd:string'];
    foreach ($op['params'] as $p) $in[$p[0]] = $xsd[$p[1]];
    $out = ['return' => ($op['returns']['array'] ? 'tns:ArrayOf' : 'tns:') . $op['returns']['type']];
    $server->register($name, $in, $out, $ns, $ns . '#' . $name, 'rpc', 'encoded', iconv('UTF-8', 'ISO-8859-1', $op['doc']));
}

function ref_latin1($v) {
    if (is_array($v)) return array_map('ref_latin1', $v);
    return is_string($v) ? iconv('UTF-8', 'ISO-8859-1', $v) : $v;
}
function ref_answer($name) {
    global $fixtures;
    $r = $fixtures[$name] ?? null;
    if (is_array($r) && isset($r['__fault'])) return new soap_fault($r['__fault'][0], '', ref_latin1($r['__fault'][1]));
    return ref_latin1($r);
}
foreach (array_keys($catalogue['operations']) as $name) {
    eval('function ' . $name . '(...$a) { return ref_answer(' . var_export($name, true) . '); }');
}
$server->service(file_get_contents('php://input'));
