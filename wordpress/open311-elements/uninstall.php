<?php
/**
 * Deleting the plugin from Plugins removes its settings.
 *
 * @package Open311Elements
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

delete_option( 'open311_elements_settings' );
