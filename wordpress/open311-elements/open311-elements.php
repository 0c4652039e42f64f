<?php
/**
 * Plugin Name:       Open311 Elements: Report a problem
 * Description:       Residents report street problems to the council's Open311 (GeoReport v2) endpoint from any page: a shortcode and a block that any editor can insert, configured once under Settings → Report a problem.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * License:           MIT
 * Text Domain:       open311-elements
 *
 * @package Open311Elements
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'OPEN311_ELEMENTS_VERSION', '0.1.0' );
define( 'OPEN311_ELEMENTS_FILE', __FILE__ );
define( 'OPEN311_ELEMENTS_OPTION', 'open311_elements_settings' );

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/render.php';

add_action( 'init', 'open311_elements_init' );

/**
 * Registers the shortcodes and the block.
 */
function open311_elements_init() {
	add_shortcode( 'open311_report', 'open311_elements_report_shortcode' );
	add_shortcode( 'open311_status_tracker', 'open311_elements_tracker_shortcode' );
	register_block_type( __DIR__ . '/blocks/report' );
}

register_activation_hook( __FILE__, 'open311_elements_activate' );

/**
 * Stores the defaults once, so that the first save from the settings page is an update.
 */
function open311_elements_activate() {
	if ( false === get_option( OPEN311_ELEMENTS_OPTION ) ) {
		add_option( OPEN311_ELEMENTS_OPTION, open311_elements_defaults() );
	}
}
