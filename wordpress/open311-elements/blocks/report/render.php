<?php
/**
 * The block, rendered when the page is viewed: only `services` and `lang` are taken from it.
 *
 * @package Open311Elements
 *
 * @var array $attributes The block's attributes.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

// The element and its fallback are built and escaped by open311_elements_report_html().
echo '<div ' . get_block_wrapper_attributes() . '>' . open311_elements_report_html( $attributes ) . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
