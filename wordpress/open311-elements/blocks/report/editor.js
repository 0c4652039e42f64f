/* The block in the editor: a placeholder and two settings. The form itself is rendered on the
   page (render.php), from Settings → Report a problem. Plain JavaScript: no build step. */
( function ( wp ) {
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var InspectorControls = wp.blockEditor.InspectorControls;
	var useBlockProps = wp.blockEditor.useBlockProps;
	var PanelBody = wp.components.PanelBody;
	var TextControl = wp.components.TextControl;
	var SelectControl = wp.components.SelectControl;
	var Placeholder = wp.components.Placeholder;

	wp.blocks.registerBlockType( 'open311-elements/report', {
		edit: function ( props ) {
			var a = props.attributes;
			return el(
				'div',
				useBlockProps(),
				el(
					InspectorControls,
					null,
					el(
						PanelBody,
						{ title: __( 'Report a problem', 'open311-elements' ) },
						el( TextControl, {
							label: __( 'Only these services (codes, comma-separated)', 'open311-elements' ),
							help: __( 'Empty: every service the site offers.', 'open311-elements' ),
							value: a.services,
							onChange: function ( v ) { props.setAttributes( { services: v } ); },
						} ),
						el( SelectControl, {
							label: __( 'Language', 'open311-elements' ),
							value: a.lang,
							options: [
								{ label: __( 'The page’s', 'open311-elements' ), value: '' },
								{ label: 'English', value: 'en' },
								{ label: 'Cymraeg', value: 'cy' },
							],
							onChange: function ( v ) { props.setAttributes( { lang: v } ); },
						} )
					)
				),
				el( Placeholder, {
					icon: 'location-alt',
					label: __( 'Report a problem', 'open311-elements' ),
					instructions: __( 'The council’s report form is shown here on the published page.', 'open311-elements' ),
				} )
			);
		},
		save: function () {
			return null;
		},
	} );
} )( window.wp );
