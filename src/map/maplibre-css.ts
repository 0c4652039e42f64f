/**
 * maplibre's stylesheet as a constructable sheet, to adopt in a shadow root (a page's CSS cannot
 * reach inside one; without it markers and controls are unstyled).
 *
 * This body is the stand-in the test runner uses: it serves node_modules from the repository root,
 * so the sheet is fetched from there. The build never ships it: rollup.config.mjs replaces this
 * module with one holding the CSS text, inside the lazy `maplibre` chunk (no extra request, and
 * nothing for a page without a map). Not a CSS module script (`with { type: 'css' }`): esbuild strips
 * import attributes below ES2025, and Firefox ESR and WebKitGTK, where the tests also run, lack them.
 */
let sheet: Promise<CSSStyleSheet> | undefined;

/** maplibre-gl.css, loaded once per page. */
export function maplibreSheet(): Promise<CSSStyleSheet> {
  sheet ??= fetch('/node_modules/maplibre-gl/dist/maplibre-gl.css')
    .then((r) => r.text())
    .then((text) => new CSSStyleSheet().replace(text));
  return sheet;
}
