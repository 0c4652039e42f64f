<?php
/**
 * Settings → Report a problem: one option, every value checked on save. A value that fails its
 * check is refused with a message saying why, and the value saved before is kept.
 *
 * @package Open311Elements
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The settings and their defaults.
 *
 * @return array<string,string>
 */
function open311_elements_defaults() {
	return array(
		'endpoint'         => '',
		'jurisdiction'     => '',
		'council_phone'    => '',
		'council_email'    => '',
		'privacy_url'      => '',
		'track_url'        => '',
		'boundary'         => '',
		'map_style'        => '',
		'geocoder'         => '',
		'translations'     => '',
		'services'         => '',
		'source'           => 'bundled',
		'hosted_url'       => '',
		'hosted_integrity' => '',
	);
}

/**
 * The saved settings, with defaults for anything missing.
 *
 * @return array<string,string>
 */
function open311_elements_settings() {
	$saved = get_option( OPEN311_ELEMENTS_OPTION, array() );
	$saved = is_array( $saved ) ? $saved : array();
	return array_merge( open311_elements_defaults(), array_intersect_key( $saved, open311_elements_defaults() ) );
}

/**
 * The settings as the elements get them: URLs checked again, so that a value written around the
 * settings page (an import, a database edit) that would fail the check is left out.
 *
 * @return array<string,string>
 */
function open311_elements_checked_settings() {
	$s      = open311_elements_settings();
	$checks = array(
		'endpoint'     => array(),
		'privacy_url'  => array(),
		'boundary'     => array(),
		'map_style'    => array(),
		'translations' => array(),
		'track_url'    => array( '{id}' ),
		'geocoder'     => array( '{query}', '{postcode}' ),
		'hosted_url'   => array(),
	);
	foreach ( $checks as $key => $placeholders ) {
		if ( is_wp_error( open311_elements_check_url( $s[ $key ], $placeholders ) ) ) {
			$s[ $key ] = '';
		}
	}
	if ( '' !== $s['services'] && is_wp_error( open311_elements_check_services( $s['services'] ) ) ) {
		$s['services'] = '';
	}
	return $s;
}

/**
 * What the settings page shows for each value: label, kind and help text.
 *
 * @return array<string,array{0:string,1:string,2:string}>
 */
function open311_elements_fields() {
	return array(
		'endpoint'      => array( __( 'Open311 endpoint or gateway URL', 'open311-elements' ), 'url', __( 'Required. The GeoReport v2 base URL, e.g. https://open311.example-council.gov.uk/v2/, or your gateway’s.', 'open311-elements' ) ),
		'jurisdiction'  => array( __( 'Jurisdiction', 'open311-elements' ), 'text', __( 'jurisdiction_id, only for endpoints that serve several councils.', 'open311-elements' ) ),
		'council_phone' => array( __( 'Council phone', 'open311-elements' ), 'tel', __( 'Shown as another way to report, and in the text residents see if the form cannot load.', 'open311-elements' ) ),
		'council_email' => array( __( 'Council email', 'open311-elements' ), 'email', __( 'As the phone number.', 'open311-elements' ) ),
		'privacy_url'   => array( __( 'Privacy notice URL', 'open311-elements' ), 'url', '' ),
		'track_url'     => array( __( 'Track page URL', 'open311-elements' ), 'url', __( 'The page with [open311_status_tracker], with {id} where the reference goes, e.g. https://www.example-council.gov.uk/track/?id={id}', 'open311-elements' ) ),
		'boundary'      => array( __( 'Boundary URL', 'open311-elements' ), 'url', __( 'The council’s area as GeoJSON: a place outside it is refused.', 'open311-elements' ) ),
		'map_style'     => array( __( 'Map style URL', 'open311-elements' ), 'url', __( 'A MapLibre style. Empty: OpenStreetMap’s tiles, for trying out only.', 'open311-elements' ) ),
		'geocoder'      => array( __( 'Address search (geocoder) URL', 'open311-elements' ), 'url', __( 'A URL with {query} (Nominatim’s format) or {postcode}. Empty: public Nominatim, for trying out only.', 'open311-elements' ) ),
		'translations'  => array( __( 'Welsh translations URL', 'open311-elements' ), 'url', __( 'A JSON file with the Welsh for your service names and questions.', 'open311-elements' ) ),
		'services'      => array( __( 'Services', 'open311-elements' ), 'text', __( 'Only these service codes, comma-separated (e.g. for a parish site). Empty: every service.', 'open311-elements' ) ),
	);
}

add_action( 'admin_init', 'open311_elements_register_settings' );
add_action( 'admin_menu', 'open311_elements_admin_menu' );

/**
 * The option, its section and its fields, through the Settings API (which checks the nonce and
 * the capability on save).
 */
function open311_elements_register_settings() {
	register_setting(
		'open311_elements',
		OPEN311_ELEMENTS_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'open311_elements_sanitize',
			'default'           => open311_elements_defaults(),
		)
	);
	add_settings_section( 'open311_elements_main', __( 'Your Open311 server and council', 'open311-elements' ), '__return_false', 'open311-elements' );
	foreach ( open311_elements_fields() as $key => $field ) {
		add_settings_field(
			'open311_elements_' . $key,
			$field[0],
			'open311_elements_field',
			'open311-elements',
			'open311_elements_main',
			array(
				'key'       => $key,
				'label_for' => 'open311-elements-' . $key,
			)
		);
	}
	add_settings_section( 'open311_elements_files', __( 'Where the widget’s files come from', 'open311-elements' ), '__return_false', 'open311-elements' );
	add_settings_field( 'open311_elements_source', __( 'Files', 'open311-elements' ), 'open311_elements_source_field', 'open311-elements', 'open311_elements_files' );
}

/**
 * Settings → Report a problem.
 */
function open311_elements_admin_menu() {
	add_options_page( __( 'Report a problem', 'open311-elements' ), __( 'Report a problem', 'open311-elements' ), 'manage_options', 'open311-elements', 'open311_elements_settings_page' );
}

/**
 * The page: errors from the last save are shown above it by WordPress (options-head.php).
 */
function open311_elements_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html__( 'Report a problem', 'open311-elements' ) . '</h1>';
	echo '<p>' . esc_html__( 'Editors insert the form with the “Report a problem” block or [open311_report], and the status tracker with [open311_status_tracker].', 'open311-elements' ) . '</p>';
	echo '<form action="options.php" method="post">';
	settings_fields( 'open311_elements' );
	do_settings_sections( 'open311-elements' );
	submit_button();
	echo '</form></div>';
}

/**
 * One text field.
 *
 * @param array{key:string} $args Which value.
 */
function open311_elements_field( $args ) {
	$key      = $args['key'];
	$field    = open311_elements_fields()[ $key ];
	$settings = open311_elements_settings();
	$type     = 'url' === $field[1] ? 'url' : ( 'email' === $field[1] ? 'email' : ( 'tel' === $field[1] ? 'tel' : 'text' ) );
	// Templates hold {id}, {query}: browsers refuse them in type=url; the server checks them all.
	if ( in_array( $key, array( 'track_url', 'geocoder' ), true ) ) {
		$type = 'text';
	}
	printf(
		'<input type="%1$s" class="regular-text" id="open311-elements-%2$s" name="%3$s[%2$s]" value="%4$s"%5$s>',
		esc_attr( $type ),
		esc_attr( $key ),
		esc_attr( OPEN311_ELEMENTS_OPTION ),
		esc_attr( $settings[ $key ] ),
		$field[2] ? ' aria-describedby="open311-elements-' . esc_attr( $key ) . '-help"' : ''
	);
	if ( $field[2] ) {
		printf( '<p class="description" id="open311-elements-%1$s-help">%2$s</p>', esc_attr( $key ), esc_html( $field[2] ) );
	}
}

/**
 * The bundled copy, or a hosted release's entry with its integrity.
 */
function open311_elements_source_field() {
	$s    = open311_elements_settings();
	$name = OPEN311_ELEMENTS_OPTION;
	echo '<fieldset><legend class="screen-reader-text">' . esc_html__( 'Files', 'open311-elements' ) . '</legend>';
	printf( '<p><label><input type="radio" name="%s[source]" value="bundled"%s> %s</label></p>', esc_attr( $name ), checked( $s['source'], 'bundled', false ), esc_html__( 'The copy in this plugin (updated with the plugin)', 'open311-elements' ) );
	printf( '<p><label><input type="radio" name="%s[source]" value="hosted"%s> %s</label></p>', esc_attr( $name ), checked( $s['source'], 'hosted', false ), esc_html__( 'A release hosted elsewhere:', 'open311-elements' ) );
	printf( '<p><label for="open311-elements-hosted_url">%s</label><br><input type="url" class="large-text" id="open311-elements-hosted_url" name="%s[hosted_url]" value="%s"></p>', esc_html__( 'URL of the release’s open311-elements.js', 'open311-elements' ), esc_attr( $name ), esc_attr( $s['hosted_url'] ) );
	printf( '<p><label for="open311-elements-hosted_integrity">%s</label><br><input type="text" class="large-text code" id="open311-elements-hosted_integrity" name="%s[hosted_integrity]" value="%s"></p>', esc_html__( 'Its integrity (sha384-…, from the release’s integrity.json)', 'open311-elements' ), esc_attr( $name ), esc_attr( $s['hosted_integrity'] ) );
	echo '</fieldset>';
}

/**
 * Checks a URL, or a URL template whose placeholders are listed. Returns the URL as typed (trimmed)
 * or a WP_Error saying what is wrong.
 *
 * @param string   $value        What was typed.
 * @param string[] $placeholders Placeholders allowed, e.g. array( '{id}' ).
 * @return string|WP_Error
 */
function open311_elements_check_url( $value, $placeholders = array() ) {
	$value = trim( $value );
	if ( '' === $value ) {
		return '';
	}
	if ( strlen( $value ) > 2000 || preg_match( '/[\s<>"\'`\\\\^|]/', $value ) ) {
		return new WP_Error( 'url', __( 'must be one web address, without spaces or quotes', 'open311-elements' ) );
	}
	$probe = str_replace( $placeholders, 'x', $value );
	if ( preg_match( '/[{}]/', $probe ) ) {
		return new WP_Error( 'url', $placeholders ? sprintf( /* translators: %s: placeholders */ __( 'may hold only %s in braces', 'open311-elements' ), implode( ' ', $placeholders ) ) : __( 'must not hold braces', 'open311-elements' ) );
	}
	$scheme = strtolower( (string) wp_parse_url( $probe, PHP_URL_SCHEME ) );
	$host   = (string) wp_parse_url( $probe, PHP_URL_HOST );
	if ( ! in_array( $scheme, array( 'http', 'https' ), true ) || '' === $host || false === filter_var( $probe, FILTER_VALIDATE_URL ) ) {
		return new WP_Error( 'url', __( 'must be a full web address starting with https://', 'open311-elements' ) );
	}
	if ( 'http' === $scheme && 'https' === wp_parse_url( home_url(), PHP_URL_SCHEME ) ) {
		return new WP_Error( 'url', __( 'must start with https:// (browsers block http:// addresses in an https:// site)', 'open311-elements' ) );
	}
	return $value;
}

/**
 * Service codes as typed (commas between them; a code may hold spaces, as GeoReport v2 allows)
 * → "A,B", or a WP_Error.
 *
 * @param string $value What was typed.
 * @return string|WP_Error
 */
function open311_elements_check_services( $value ) {
	$codes = open311_elements_split_codes( $value );
	if ( count( $codes ) > 500 ) {
		return new WP_Error( 'services', __( 'are too many', 'open311-elements' ) );
	}
	foreach ( $codes as $code ) {
		if ( ! open311_elements_is_service_code( $code ) ) {
			return new WP_Error( 'services', sprintf( /* translators: %s: what was typed */ __( 'must be service codes (letters, digits, spaces, - _ . :) separated by commas; “%s” is not one', 'open311-elements' ), $code ) );
		}
	}
	return implode( ',', array_unique( $codes ) );
}

/**
 * Whether a string is a service code this plugin accepts.
 *
 * @param string $code The code.
 * @return bool
 */
function open311_elements_is_service_code( $code ) {
	return (bool) preg_match( '/^[A-Za-z0-9](?:[A-Za-z0-9 _.:\-]{0,62}[A-Za-z0-9_.:\-])?$/', $code );
}

/**
 * "A, B ,C" → array( 'A', 'B', 'C' ).
 *
 * @param string $value Codes separated by commas.
 * @return string[]
 */
function open311_elements_split_codes( $value ) {
	return array_values( array_filter( array_map( 'trim', explode( ',', $value ) ), 'strlen' ) );
}

/**
 * The sanitize callback: each value checked; a refused one keeps its saved value and says why.
 *
 * @param mixed $input The posted values.
 * @return array<string,string>
 */
function open311_elements_sanitize( $input ) {
	$old    = open311_elements_settings();
	$input  = is_array( $input ) ? wp_unslash( $input ) : array();
	$out    = $old;
	$fields = open311_elements_fields();
	$errors = array();
	$get    = static function ( $key ) use ( $input ) {
		return isset( $input[ $key ] ) && is_string( $input[ $key ] ) ? $input[ $key ] : '';
	};

	foreach ( array_keys( open311_elements_defaults() ) as $key ) {
		if ( ! array_key_exists( $key, $input ) ) {
			continue;
		}
		$value = $get( $key );
		switch ( $key ) {
			case 'endpoint':
			case 'privacy_url':
			case 'boundary':
			case 'map_style':
			case 'translations':
				$checked = open311_elements_check_url( $value );
				break;
			case 'track_url':
				$checked = open311_elements_check_url( $value, array( '{id}' ) );
				if ( is_string( $checked ) && '' !== $checked && false === strpos( $checked, '{id}' ) ) {
					$checked = new WP_Error( 'url', __( 'must hold {id} where the reference goes', 'open311-elements' ) );
				}
				break;
			case 'geocoder':
				$checked = open311_elements_check_url( $value, array( '{query}', '{postcode}' ) );
				if ( is_string( $checked ) && '' !== $checked && false === strpos( $checked, '{query}' ) && false === strpos( $checked, '{postcode}' ) ) {
					$checked = new WP_Error( 'url', __( 'must hold {query} or {postcode}', 'open311-elements' ) );
				}
				break;
			case 'jurisdiction':
				$value   = trim( $value );
				$checked = ( '' === $value || preg_match( '/^[A-Za-z0-9][A-Za-z0-9 _.:\/\-]{0,99}$/', $value ) ) ? $value : new WP_Error( 'text', __( 'may hold only letters, digits, spaces and - _ . : /', 'open311-elements' ) );
				break;
			case 'council_phone':
				$value   = trim( $value );
				$checked = ( '' === $value || ( preg_match( '/^\+?[0-9 ()\-]{3,30}$/', $value ) && preg_match( '/[0-9]{3}/', preg_replace( '/\D/', '', $value ) ) ) ) ? $value : new WP_Error( 'tel', __( 'must be a phone number: digits, spaces, brackets, - and a leading +', 'open311-elements' ) );
				break;
			case 'council_email':
				$value   = trim( $value );
				$checked = ( '' === $value || ( is_email( $value ) && sanitize_email( $value ) === $value ) ) ? $value : new WP_Error( 'email', __( 'must be an email address', 'open311-elements' ) );
				break;
			case 'services':
				$checked = open311_elements_check_services( $value );
				break;
			case 'source':
				$checked = in_array( $value, array( 'bundled', 'hosted' ), true ) ? $value : new WP_Error( 'source', __( 'must be the bundled copy or a hosted release', 'open311-elements' ) );
				break;
			case 'hosted_url':
				$checked = open311_elements_check_url( $value );
				if ( is_string( $checked ) && '' !== $checked && ! preg_match( '/\.js$/', (string) wp_parse_url( $checked, PHP_URL_PATH ) ) ) {
					$checked = new WP_Error( 'url', __( 'must be the address of the release’s open311-elements.js', 'open311-elements' ) );
				}
				break;
			case 'hosted_integrity':
				$value   = trim( $value );
				$checked = ( '' === $value || preg_match( '/^sha(256|384|512)-[A-Za-z0-9+\/]{40,88}={0,2}$/', $value ) ) ? $value : new WP_Error( 'integrity', __( 'must be one hash as integrity.json gives it: sha384- and then letters, digits, + / =', 'open311-elements' ) );
				break;
			default:
				continue 2;
		}
		if ( is_wp_error( $checked ) ) {
			$label          = isset( $fields[ $key ] ) ? $fields[ $key ][0] : ( 'source' === $key ? __( 'Files', 'open311-elements' ) : ( 'hosted_url' === $key ? __( 'Hosted release URL', 'open311-elements' ) : __( 'Integrity', 'open311-elements' ) ) );
			$errors[ $key ] = sprintf( /* translators: 1: the setting, 2: what is wrong, 3: the value kept */ __( '%1$s %2$s. Not saved: it is still “%3$s”.', 'open311-elements' ), $label, $checked->get_error_message(), $old[ $key ] );
			continue;
		}
		$out[ $key ] = $checked;
	}

	if ( 'hosted' === $out['source'] && ( '' === $out['hosted_url'] || '' === $out['hosted_integrity'] ) ) {
		$errors['source'] = __( 'A hosted release needs its URL and its integrity. The files still come from the copy in this plugin.', 'open311-elements' );
		$out['source']    = 'bundled' === $old['source'] || '' === $old['hosted_url'] || '' === $old['hosted_integrity'] ? 'bundled' : $old['source'];
	}

	// WordPress runs this twice when the option is first added: say each thing once. It prints the
	// message as HTML, and the message repeats what was typed: escaped here.
	$shown = wp_list_pluck( get_settings_errors( OPEN311_ELEMENTS_OPTION ), 'code' );
	foreach ( $errors as $key => $message ) {
		if ( ! in_array( 'open311-' . $key, $shown, true ) ) {
			add_settings_error( OPEN311_ELEMENTS_OPTION, 'open311-' . $key, esc_html( $message ), 'error' );
		}
	}
	return $out;
}
