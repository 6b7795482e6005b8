<?php
// php wp-option.php NAME... — prints the named options as JSON (null: not there), for the test to see
// what the plugin left behind. Environment: WORDPRESS_CONFIG, WP_HOSTPORT.
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
$_SERVER['HTTP_HOST'] = getenv('WP_HOSTPORT');
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
$out = array();
foreach (array_slice($argv, 1) as $name) $out[$name] = get_option($name, null);
echo json_encode($out), "\n";
