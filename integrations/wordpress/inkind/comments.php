<?php
/**
 * Loaded by comments_template() in place of the theme's comments.php while
 * Inkind takes this post's comments (inkind.php): the widget's place only.
 */

defined( 'ABSPATH' ) || exit;

echo inkind_comments_area(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- fixed markup, nothing from outside.
