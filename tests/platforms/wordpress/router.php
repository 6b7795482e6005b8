<?php
// Router for `php -S 127.0.0.1:PORT -t DOCROOT router.php` running Debian's WordPress.
// 1. Debian's /usr/share/wordpress/wp-config.php picks /etc/wordpress/config-$WORDPRESS_CONFIG.php
//    from $_SERVER, which the CLI server does not fill from the environment: copy it over.
// 2. Existing files (static or .php, incl. directory index) are served by the built-in server.
// 3. Everything else goes to index.php, which gives pretty permalinks.
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG') ?: '';
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/');
if ($path !== '/' && strpos($path, '..') === false) {
    $f = $root . $path;
    if (is_file($f)) return false;
    if (is_dir($f) && is_file(rtrim($f, '/') . '/index.php')) {
        if (substr($path, -1) !== '/') { header('Location: ' . $path . '/', true, 301); return true; }
        return false;
    }
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
unset($_SERVER['PATH_INFO'], $_SERVER['ORIG_PATH_INFO']);
chdir($root);
require $root . '/index.php';
