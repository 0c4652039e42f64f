/**
 * The drop-in entry, `dist/open311-elements.js`: one `<script type="module">` registers every
 * element. Each element's code is loaded when the page first uses its tag (see autoload.ts: the
 * byte budget), so this file holds only the loader, the events and the locale functions (the "my
 * reports" helpers are in the package's entry, package-entry.ts, `dist/index.js`: none of this file's
 * first screens needs them). The
 * protocol client is not here (an element loads it when it needs it): page scripts that want it
 * import `dist/open311.js`, which shares the elements' client (one per endpoint).
 *
 * Bundler users who want the classes themselves import `open311-elements/elements`.
 */
import { autoload } from './autoload.js';

export * from './events.js';
export { ELEMENT_TAGS, loadElement } from './autoload.js';
export type { ElementTag } from './autoload.js';
export { setLocale, getLocale, setStrings } from './i18n/localize.js';
export type { StringsTable } from './i18n/localize.js';

if (typeof document !== 'undefined') autoload();
