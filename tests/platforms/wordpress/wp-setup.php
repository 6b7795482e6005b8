<?php
// php wp-setup.php — installs and configures WordPress without the web installer (Debian 12 has no WP-CLI),
// for tests/platforms/wordpress/setup.sh. Environment: WORDPRESS_CONFIG, WP_HOSTPORT, WP_THEME. Prints JSON.
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
$_SERVER['HTTP_HOST'] = getenv('WP_HOSTPORT');
$_SERVER['SERVER_NAME'] = preg_replace('/:.*/', '', getenv('WP_HOSTPORT'));
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);          // no redirect to wp-admin/install.php while loading
function wp_new_blog_notification() {}   // pluggable: no mail on install (no MTA here)
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/theme.php';
$out = array('wp_version' => $GLOBALS['wp_version']);

if (!is_blog_installed()) {
    wp_install('Northwind Notes', 'admin', 'admin@example.test', true, '', 'admin');
}
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%postname%/');
update_option('default_comment_status', 'open');
update_option('blogdescription', 'Notes on giving first');

// Two posts with open comments, each with one comment left in WordPress (which Inkind hides).
$posts = array(
    'giving-first' => array('Giving first', 'The people who get furthest in a network are rarely the ones who ask first. They are the ones who gave something before anyone asked.'),
    'asking-well' => array('Asking well', 'A good request is small, specific and easy to say no to. It names what you already tried, and it thanks in advance without assuming the answer.'),
);
$i = 0;
foreach ($posts as $slug => $p) {
    $existing = get_page_by_path($slug, OBJECT, 'post');
    $id = $existing ? $existing->ID : wp_insert_post(array(
        'post_title' => $p[0], 'post_name' => $slug, 'post_status' => 'publish',
        'post_content' => "<!-- wp:paragraph --><p>{$p[1]}</p><!-- /wp:paragraph -->\n<!-- wp:paragraph --><p>A useful introduction, an honest answer, a link to the one article that solved the problem: small gifts, and remembered for years.</p><!-- /wp:paragraph -->",
        'comment_status' => 'open', 'ping_status' => 'closed', 'post_author' => 1,
        'post_date' => date('Y-m-d H:i:s', time() - 3600 * (2 - $i++)),
    ), true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    if (!$existing) wp_insert_comment(array('comment_post_ID' => $id, 'comment_author' => 'Old Reader',
        'comment_author_email' => 'old.reader@example.test', 'comment_content' => "A comment left in WordPress on {$p[0]}.",
        'comment_approved' => 1));
    $out['posts'][] = array('id' => $id, 'url' => get_permalink($id));
}
// Only the posts of this test on the home page (wp_install adds "Hello world!").
if ($hello = get_page_by_path('hello-world', OBJECT, 'post')) wp_delete_post($hello->ID, true);

$theme = getenv('WP_THEME') ?: 'twentytwentythree';
if (get_stylesheet() !== $theme) switch_theme($theme);
$out['theme'] = get_stylesheet();
flush_rewrite_rules(false);   // the rewrite_rules option only (no .htaccess with PHP's server)
echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
