<?php
/**
 * Plugin Name:       Inkind
 * Description:       Comments that thank readers with a discount code: the Inkind widget in place of your theme's comments on posts, and comment counts on your index pages.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            Inkind
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       inkind
 *
 * The comments live on the owner's Inkind server; this plugin only writes
 * the tags that load them (widget.js on a post, count.js on an index page)
 * and makes no request of its own.
 */

defined( 'ABSPATH' ) || exit;

/** The owner's Inkind server and site id; null until both are set, and then the plugin does nothing. */
function inkind_config() {
	$url  = (string) get_option( 'inkind_url', '' );
	$site = (string) get_option( 'inkind_site', '' );
	return ( '' === $url || '' === $site ) ? null : array(
		'url'  => $url,
		'site' => $site,
	);
}

/** Inkind takes this post's comments: it is set up, the post type has comments, and they are open. */
function inkind_on_post( $post = null ) {
	$post = get_post( $post );
	return $post && inkind_config() && post_type_supports( $post->post_type, 'comments' ) && comments_open( $post );
}

/**
 * The post's thread on Inkind: its permalink's path. Under plain permalinks
 * (/?p=12) the query is kept, and the Inkind site names `p` as its post query
 * parameter (docs/platforms/wordpress.md).
 */
function inkind_thread( $post = null ) {
	$link  = get_permalink( $post );
	$path  = (string) wp_parse_url( $link, PHP_URL_PATH );
	$query = (string) wp_parse_url( $link, PHP_URL_QUERY );
	return '' === $query ? ( '' === $path ? '/' : $path ) : $path . '?' . $query;
}

/**
 * Where the widget mounts: in place of the theme's comments, under the id its links point to, with
 * the class names themes give their comments' width (default-max-width: Twenty Twenty-One).
 */
function inkind_comments_area() {
	return '<section id="comments" class="comments-area default-max-width inkind-comments"><div id="inkind"></div></section>';
}

/* ---- Posts: the widget instead of the theme's comments and form ---------------------------- */

// Classic themes call comments_template() (as does 6.1's legacy core/post-comments block): ours prints the widget's place, no list, no form.
add_filter(
	'comments_template',
	function ( $file ) {
		return is_singular() && inkind_on_post() ? __DIR__ . '/comments.php' : $file;
	},
	20
);

// Block themes render the core/comments block (its list and form) instead.
add_filter(
	'render_block_core/comments',
	function ( $html ) {
		return is_singular() && inkind_on_post( get_queried_object_id() ) ? inkind_comments_area() : $html;
	}
);
add_filter(
	'render_block_core/post-comments-form',
	function ( $html ) {
		return is_singular() && inkind_on_post( get_queried_object_id() ) ? '' : $html;
	}
);

// The form is gone, and so is the way around it: a direct post to wp-comments-post.php.
add_action(
	'pre_comment_on_post',
	function ( $post_id ) {
		if ( inkind_on_post( $post_id ) ) {
			wp_die( esc_html__( 'Comments on this site are taken by Inkind, below each post.', 'inkind' ), '', array( 'response' => 403 ) );
		}
	}
);

/* ---- Index pages: comment counts ------------------------------------------------------------ */

/** A count link under a post on an index page; count.js writes the number into it. */
function inkind_count_link( $post_id ) {
	return sprintf(
		'<p class="inkind-count"><a href="%s" data-inkind-count="%s">%s</a></p>',
		esc_url( get_permalink( $post_id ) . '#comments' ),
		esc_attr( inkind_thread( $post_id ) ),
		esc_html__( 'Comments', 'inkind' )
	);
}

function inkind_append_count( $html, $post_id ) {
	if ( is_singular() || is_feed() || is_admin() || ! get_option( 'inkind_counts', true ) || ! $post_id || ! inkind_on_post( $post_id ) ) {
		return $html;
	}
	return $html . inkind_count_link( $post_id );
}

// Classic themes print each post of the loop with the_content() or the_excerpt().
foreach ( array( 'the_content', 'the_excerpt' ) as $inkind_filter ) {
	add_filter(
		$inkind_filter,
		function ( $html ) {
			return in_the_loop() && ! wp_is_block_theme() ? inkind_append_count( $html, get_the_ID() ) : $html;
		},
		20
	);
}
// Block themes: the post-excerpt and post-content blocks of a query loop.
foreach ( array( 'render_block_core/post-excerpt', 'render_block_core/post-content' ) as $inkind_filter ) {
	add_filter(
		$inkind_filter,
		function ( $html, $block, $instance = null ) {
			return inkind_append_count( $html, $instance && isset( $instance->context['postId'] ) ? (int) $instance->context['postId'] : 0 );
		},
		10,
		3
	);
}

// A theme's own comment links (comments_popup_link) get their count too.
add_filter(
	'comments_popup_link_attributes',
	function ( $attributes ) {
		return inkind_on_post() ? $attributes . ' data-inkind-count="' . esc_attr( inkind_thread() ) . '"' : $attributes;
	}
);

/* ---- The scripts, from the owner's Inkind server --------------------------------------------- */

add_action(
	'wp_enqueue_scripts',
	function () {
		$config = inkind_config();
		if ( ! $config ) {
			return;
		}
		if ( is_singular() ) {
			if ( inkind_on_post( get_queried_object_id() ) ) {
				wp_enqueue_script( 'inkind-widget', $config['url'] . '/widget.js', array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion -- the Inkind server versions its own files.
			}
		} else {
			wp_enqueue_script( 'inkind-count', $config['url'] . '/count.js', array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion
		}
	}
);

// WordPress 6.1 has no script attributes API (6.3 does): the data- attributes and async go in here.
add_filter(
	'script_loader_tag',
	function ( $tag, $handle ) {
		$config = inkind_config();
		if ( ! $config || ( 'inkind-widget' !== $handle && 'inkind-count' !== $handle ) ) {
			return $tag;
		}
		$attributes = array( 'data-site' => $config['site'] );
		if ( 'inkind-widget' === $handle ) {
			$attributes['data-thread'] = inkind_thread( get_queried_object_id() );
			$attributes['data-title']  = wp_strip_all_tags( get_the_title( get_queried_object_id() ) );
		} else {
			/* translators: {n} is the number of comments. */
			$attributes['data-one'] = __( '{n} comment', 'inkind' );
			/* translators: {n} is the number of comments. */
			$attributes['data-other'] = __( '{n} comments', 'inkind' );
		}
		$html = ' async';
		foreach ( $attributes as $name => $value ) {
			$html .= sprintf( ' %s="%s"', $name, esc_attr( $value ) );
		}
		return preg_replace( '/<script\b(?![^>]*\basync\b)/', '<script' . $html, $tag, 1 );
	},
	10,
	2
);

/* ---- Settings → Inkind ------------------------------------------------------------------------ */

add_action(
	'init',
	function () {
		register_setting(
			'inkind',
			'inkind_url',
			array(
				'type'              => 'string',
				'default'           => '',
				'sanitize_callback' => function ( $value ) {
					return untrailingslashit( esc_url_raw( trim( (string) $value ), array( 'http', 'https' ) ) );
				},
			)
		);
		register_setting(
			'inkind',
			'inkind_site',
			array(
				'type'              => 'string',
				'default'           => '',
				'sanitize_callback' => 'sanitize_key',
			)
		);
		register_setting(
			'inkind',
			'inkind_counts',
			array(
				'type'              => 'boolean',
				'default'           => true,
				'sanitize_callback' => 'rest_sanitize_boolean',
			)
		);
	}
);

add_action(
	'admin_init',
	function () {
		add_settings_section( 'inkind_main', '', '__return_false', 'inkind' );
		add_settings_field( 'inkind_url', __( 'Inkind server', 'inkind' ), 'inkind_field_url', 'inkind', 'inkind_main', array( 'label_for' => 'inkind_url' ) );
		add_settings_field( 'inkind_site', __( 'Site id', 'inkind' ), 'inkind_field_site', 'inkind', 'inkind_main', array( 'label_for' => 'inkind_site' ) );
		add_settings_field( 'inkind_counts', __( 'Index pages', 'inkind' ), 'inkind_field_counts', 'inkind', 'inkind_main' );
	}
);

function inkind_field_url() {
	printf(
		'<input type="url" id="inkind_url" name="inkind_url" value="%s" class="regular-text code" placeholder="https://comments.example.com"><p class="description">%s</p>',
		esc_attr( get_option( 'inkind_url', '' ) ),
		esc_html__( 'The address of your Inkind server, where widget.js is.', 'inkind' )
	);
}

function inkind_field_site() {
	printf(
		'<input type="text" id="inkind_site" name="inkind_site" value="%s" class="regular-text code" placeholder="blog"><p class="description">%s</p>',
		esc_attr( get_option( 'inkind_site', '' ) ),
		esc_html__( 'The id you gave this blog on your Inkind server (npm run inkind -- site add <id> --origin <this blog>).', 'inkind' )
	);
}

function inkind_field_counts() {
	printf(
		'<label><input type="checkbox" name="inkind_counts" value="1" %s> %s</label>',
		checked( (bool) get_option( 'inkind_counts', true ), true, false ),
		esc_html__( 'Show a comment count under each post on the home page and archives', 'inkind' )
	);
}

add_action(
	'admin_menu',
	function () {
		$hook = add_options_page( __( 'Inkind', 'inkind' ), __( 'Inkind', 'inkind' ), 'manage_options', 'inkind', 'inkind_settings_page' );
		add_action( 'load-' . $hook, 'inkind_help' );
	}
);

function inkind_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	echo '<p>' . esc_html__( 'With both set, the Inkind widget replaces your theme\'s comments on every post with open comments, and WordPress\'s own comment form is hidden. See Help (top right) to bring your existing comments along.', 'inkind' ) . '</p>';
	echo '<form action="options.php" method="post">';
	settings_fields( 'inkind' ); // The option group's nonce; options.php checks it and manage_options.
	do_settings_sections( 'inkind' );
	submit_button();
	echo '</form></div>';
}

/** Help tab: how to bring the blog's existing comments over (WordPress's export, Inkind's WXR import). */
function inkind_help() {
	$config = inkind_config();
	$import = $config ? $config['url'] . '/admin/import' : '';
	$text   = sprintf(
		/* translators: 1: link to Tools → Export, 2: link to the Inkind server's import page. */
		__( 'To bring your existing comments to Inkind, download them from <a href="%1$s">Tools → Export</a> (All content: a WXR file), then upload that file on your Inkind server\'s <a href="%2$s">import page</a>. Each post\'s comments land on its thread, the permalink\'s path.', 'inkind' ),
		esc_url( admin_url( 'export.php' ) ),
		esc_url( $import )
	);
	get_current_screen()->add_help_tab(
		array(
			'id'      => 'inkind-import',
			'title'   => __( 'Import comments', 'inkind' ),
			'content' => '<p>' . wp_kses( $text, array( 'a' => array( 'href' => array() ) ) ) . '</p>',
		)
	);
}

add_filter(
	'plugin_action_links_' . plugin_basename( __FILE__ ),
	function ( $links ) {
		array_unshift( $links, sprintf( '<a href="%s">%s</a>', esc_url( admin_url( 'options-general.php?page=inkind' ) ), esc_html__( 'Settings', 'inkind' ) ) );
		return $links;
	}
);
