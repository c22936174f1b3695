<?php
// Loads Debian's NuSOAP 0.9.5 under PHP 8: its classes use PHP-4 constructors (a method named like
// the class), which PHP 8 never calls. We copy nusoap.php to a temp dir, adding to each such class a
// __construct that forwards to that method, then require the copy.
function emulator_load_nusoap(): void {
    $src = '/usr/share/php/nusoap/nusoap.php';
    $code = file_get_contents($src);
    if ($code === false) { fwrite(STDERR, "nusoap.php not found\n"); exit(3); }
    $classes = [];
    if (preg_match_all('/^\s*class\s+(\w+)(?:\s+extends\s+\w+)?\s*\{/mi', $code, $m)) $classes = $m[1];
    foreach ($classes as $class) {
        // Only classes that declare their PHP-4 constructor get a forwarder.
        if (!preg_match('/function\s+' . preg_quote($class, '/') . '\s*\(/i', $code)) continue;
        $code = preg_replace(
            '/(class\s+' . preg_quote($class, '/') . '(?:\s+extends\s+\w+)?\s*\{)/i',
            '$1' . "\n    public function __construct(...\$a) { \$this->" . $class . '(...$a); }',
            $code,
            1
        );
    }
    $dir = sys_get_temp_dir() . '/ponte-nusoap-' . getmypid();
    @mkdir($dir);
    $file = $dir . '/nusoap.php';
    file_put_contents($file, $code);
    error_reporting(E_ALL & ~E_DEPRECATED & ~E_NOTICE & ~E_WARNING);
    require $file;
    register_shutdown_function(function () use ($dir, $file) { @unlink($file); @rmdir($dir); });
}
