<?php
/**
 * What editor.js needs (plain JavaScript, no build step).
 *
 * @package Open311Elements
 */

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
	'version'      => '0.1.0',
);
