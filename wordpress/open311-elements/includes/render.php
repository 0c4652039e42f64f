<?php
/**
 * What pages get: the elements, rendered when the page is viewed from the settings and a short
 * list of per-use attributes (`services`, `lang`). The stored content holds only the shortcode or
 * the block comment, which kses keeps for every role; the element and its script are added here.
 *
 * @package Open311Elements
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * `cy` on a Welsh page (the locale, as multilingual plugins set it), `en` otherwise.
 *
 * @return string
 */
function open311_elements_page_lang() {
	return 0 === strpos( strtolower( (string) get_locale() ), 'cy' ) ? 'cy' : 'en';
}

/**
 * The per-use attributes, checked: `lang` is `en` or `cy`; `services` are service codes, and only
 * those within the site's own list when it has one.
 *
 * @param mixed $atts Shortcode or block attributes, as given by an editor.
 * @return array{lang:string,services:string}
 */
function open311_elements_use_attributes( $atts ) {
	$atts     = is_array( $atts ) ? $atts : array();
	$settings = open311_elements_checked_settings();
	$lang     = isset( $atts['lang'] ) && is_string( $atts['lang'] ) && in_array( strtolower( $atts['lang'] ), array( 'en', 'cy' ), true ) ? strtolower( $atts['lang'] ) : open311_elements_page_lang();
	$allowed  = '' === $settings['services'] ? array() : explode( ',', $settings['services'] );
	$services = $allowed;
	if ( isset( $atts['services'] ) && is_string( $atts['services'] ) && '' !== trim( $atts['services'] ) ) {
		$asked = array_filter( open311_elements_split_codes( $atts['services'] ), 'open311_elements_is_service_code' );
		$asked = $allowed ? array_intersect( $asked, $allowed ) : $asked;
		if ( $asked ) {
			$services = $asked;
		}
	}
	return array(
		'lang'     => $lang,
		'services' => implode( ',', array_unique( $services ) ),
	);
}

/**
 * What residents see if the script does not run, inside the element (which hides it once it
 * starts). Spans only, so that the output may sit inside a paragraph.
 *
 * @param string $lang `en` or `cy`.
 * @return string HTML.
 */
function open311_elements_fallback( $lang ) {
	$s     = open311_elements_checked_settings();
	$phone = '' === $s['council_phone'] ? '' : sprintf( '<a href="%s">%s</a>', esc_url( 'tel:' . preg_replace( '/[^0-9+]/', '', $s['council_phone'] ) ), esc_html( $s['council_phone'] ) );
	$email = '' === $s['council_email'] ? '' : sprintf( '<a href="%s">%s</a>', esc_url( 'mailto:' . $s['council_email'] ), esc_html( $s['council_email'] ) );
	// Welsh: a draft for a fluent Welsh reviewer, as the widget's own Welsh.
	if ( 'cy' === $lang ) {
		$texts = array(
			'both'  => 'Os na fydd hwn yn llwytho, cysylltwch â’r cyngor dros y ffôn ar %1$s neu drwy e-bost at %2$s.',
			'phone' => 'Os na fydd hwn yn llwytho, cysylltwch â’r cyngor dros y ffôn ar %1$s.',
			'email' => 'Os na fydd hwn yn llwytho, cysylltwch â’r cyngor drwy e-bost at %2$s.',
			'none'  => 'Os na fydd hwn yn llwytho, cysylltwch â’r cyngor.',
		);
	} else {
		$texts = array(
			/* translators: 1: phone link, 2: email link */
			'both'  => __( 'If this does not load, contact the council by phone on %1$s or by email at %2$s.', 'open311-elements' ),
			/* translators: 1: phone link */
			'phone' => __( 'If this does not load, contact the council by phone on %1$s.', 'open311-elements' ),
			/* translators: 2: email link */
			'email' => __( 'If this does not load, contact the council by email at %2$s.', 'open311-elements' ),
			'none'  => __( 'If this does not load, contact the council.', 'open311-elements' ),
		);
	}
	$which = $phone && $email ? 'both' : ( $phone ? 'phone' : ( $email ? 'email' : 'none' ) );
	// The sentence is escaped, then the (escaped) links put in.
	return '<span class="open311-elements-fallback">' . sprintf( esc_html( $texts[ $which ] ), $phone, $email ) . '</span>';
}

/**
 * One element on one line (no blank line for wpautop to break), every value escaped.
 *
 * @param string               $tag   The element.
 * @param array<string,string> $attrs Attribute => value ('' left out; URLs by esc_url, the rest by esc_attr).
 * @param string               $lang  `en` or `cy`.
 * @return string HTML.
 */
function open311_elements_element( $tag, $attrs, $lang ) {
	$urls = array( 'endpoint', 'privacy-url', 'boundary', 'map-style', 'translations' );
	$html = '<' . $tag;
	foreach ( $attrs as $name => $value ) {
		if ( true === $value ) {
			$html .= ' ' . $name;
		} elseif ( is_string( $value ) && '' !== $value ) {
			// Templates ({id}, {query}) were checked on save; esc_url would drop their braces.
			$html .= ' ' . $name . '="' . ( in_array( $name, $urls, true ) ? esc_url( $value, array( 'http', 'https' ) ) : esc_attr( $value ) ) . '"';
		}
	}
	return $html . '>' . open311_elements_fallback( $lang ) . '</' . $tag . '>';
}

/**
 * `<open311-report>` for one use, with the script enqueued; only the fallback when no endpoint is set.
 *
 * @param mixed $atts Per-use attributes.
 * @return string HTML.
 */
function open311_elements_report_html( $atts ) {
	$s   = open311_elements_checked_settings();
	$use = open311_elements_use_attributes( $atts );
	if ( '' === $s['endpoint'] ) {
		return open311_elements_fallback( $use['lang'] );
	}
	open311_elements_enqueue( 'report' );
	return open311_elements_element(
		'open311-report',
		array(
			'endpoint'       => $s['endpoint'],
			'jurisdiction'   => $s['jurisdiction'],
			'services'       => $use['services'],
			'map-style'      => $s['map_style'],
			'boundary'       => $s['boundary'],
			'geocoder'       => $s['geocoder'],
			'council-phone'  => $s['council_phone'],
			'council-email'  => $s['council_email'],
			'privacy-url'    => $s['privacy_url'],
			'track-url'      => $s['track_url'],
			'translations'   => 'cy' === $use['lang'] ? $s['translations'] : '',
			'lang'           => $use['lang'],
		),
		$use['lang']
	);
}

/**
 * `[open311_report services="PTH-01,SL-01" lang="cy"]`: anything else given is ignored.
 *
 * @param mixed $atts Shortcode attributes.
 * @return string HTML.
 */
function open311_elements_report_shortcode( $atts ) {
	return open311_elements_report_html( $atts );
}

/**
 * `[open311_status_tracker]`: look a report up by its reference, or follow the one in `?id=` (the
 * address the track URL setting links to from the confirmation).
 *
 * @param mixed $atts Shortcode attributes.
 * @return string HTML.
 */
function open311_elements_tracker_shortcode( $atts ) {
	$s    = open311_elements_checked_settings();
	$use  = open311_elements_use_attributes( $atts );
	if ( '' === $s['endpoint'] ) {
		return open311_elements_fallback( $use['lang'] );
	}
	open311_elements_enqueue();
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a reference to look up, not an action.
	$id = isset( $_GET['id'] ) && is_string( $_GET['id'] ) && preg_match( '/^[A-Za-z0-9_.\-]{1,64}$/', wp_unslash( $_GET['id'] ) ) ? wp_unslash( $_GET['id'] ) : '';
	return open311_elements_element(
		'open311-status-tracker',
		array(
			'endpoint'      => $s['endpoint'],
			'jurisdiction'  => $s['jurisdiction'],
			'request-id'    => $id,
			'council-phone' => $s['council_phone'],
			'council-email' => $s['council_email'],
			'lang'          => $use['lang'],
		),
		$use['lang']
	);
}

/**
 * Where the script comes from: the bundled copy, or the hosted release and its integrity. A page with
 * the report gets the bundled `open311-report.js`: the same script as `open311-elements.js` (it
 * defines and loads every other element in the same way) with the report's first screen in the same
 * file, so nothing a resident sees first waits for a second request. A hosted release is always its
 * `open311-elements.js`, the file its integrity is for.
 *
 * @param string $kind `report` for a page with the report, `other` for any other.
 * @return array{src:string,integrity:string,version:string|null}
 */
function open311_elements_script_source( $kind = 'other' ) {
	$s = open311_elements_checked_settings();
	if ( 'hosted' === $s['source'] && '' !== $s['hosted_url'] && '' !== $s['hosted_integrity'] ) {
		return array(
			'src'       => $s['hosted_url'],
			'integrity' => $s['hosted_integrity'],
			'version'   => null,
		);
	}
	return array(
		'src'       => plugins_url( 'report' === $kind ? 'assets/open311-report.js' : 'assets/open311-elements.js', OPEN311_ELEMENTS_FILE ),
		'integrity' => '',
		'version'   => OPEN311_ELEMENTS_VERSION,
	);
}

/**
 * The script, once per page, as a module: WordPress 6.5 and later have script modules; before,
 * a script whose tag gets `type="module"`. A report anywhere on the page makes it the report's file,
 * also when another element came first: never two copies of the code on one page.
 *
 * @param string $kind `report` for the report, `other` for any other element.
 */
function open311_elements_enqueue( $kind = 'other' ) {
	static $enqueued = '';
	if ( $kind === $enqueued || 'report' === $enqueued ) {
		return;
	}
	$modules = function_exists( 'wp_enqueue_script_module' );
	if ( '' !== $enqueued ) {
		// Another element's file is enqueued, not printed yet (the footer prints it): the report's instead.
		if ( $modules ) {
			wp_deregister_script_module( 'open311-elements' );
		} else {
			wp_deregister_script( 'open311-elements' );
		}
	}
	$enqueued = $kind;
	$source   = open311_elements_script_source( $kind );
	if ( $modules ) {
		wp_enqueue_script_module( 'open311-elements', $source['src'], array(), $source['version'] );
		return;
	}
	wp_register_script( 'open311-elements', $source['src'], array(), $source['version'], true );
	wp_enqueue_script( 'open311-elements' );
}

add_filter( 'script_loader_tag', 'open311_elements_script_tag', 10, 3 );

/**
 * Before 6.5: the script's tag, as a module (with its integrity for a hosted release).
 *
 * @param string $tag    The tag WordPress made.
 * @param string $handle The script.
 * @param string $src    Its URL.
 * @return string
 */
function open311_elements_script_tag( $tag, $handle, $src ) {
	if ( 'open311-elements' !== $handle ) {
		return $tag;
	}
	$integrity = open311_elements_script_source()['integrity'];
	$extra     = '' === $integrity ? '' : ' integrity="' . esc_attr( $integrity ) . '" crossorigin="anonymous"';
	return '<script type="module" src="' . esc_url( $src ) . '" id="open311-elements-js"' . $extra . '></script>' . "\n";
}

add_filter( 'wp_script_attributes', 'open311_elements_module_attributes' );

/**
 * 6.5 and later: a hosted release's integrity on the script module's tag.
 *
 * @param array<string,mixed> $attributes The tag's attributes.
 * @return array<string,mixed>
 */
function open311_elements_module_attributes( $attributes ) {
	if ( isset( $attributes['id'] ) && 'open311-elements-js-module' === $attributes['id'] ) {
		$integrity = open311_elements_script_source()['integrity'];
		if ( '' !== $integrity ) {
			$attributes['integrity']   = $integrity;
			$attributes['crossorigin'] = 'anonymous';
		}
	}
	return $attributes;
}
