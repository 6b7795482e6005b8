<?php
/**
 * Deleting the plugin removes its settings. The comments stay on the Inkind server.
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'inkind_url' );
delete_option( 'inkind_site' );
delete_option( 'inkind_counts' );
