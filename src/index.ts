/**
 * The drop-in entry, `dist/open311-elements.js`: one `<script type="module">` registers every
 * element. Each element's code is loaded when the page first uses its tag (see autoload.ts: the
 * byte budget), so this file holds only the loader, the events and the protocol client.
 *
 * Bundler users who want the classes themselves import `open311-elements/elements`.
 */
import { autoload } from './autoload.js';

export * from './open311/index.js';
export * from './events.js';
export { ELEMENT_TAGS, loadElement } from './autoload.js';
export type { ElementTag } from './autoload.js';
export { setLocale, getLocale } from './i18n/localize.js';

if (typeof document !== 'undefined') autoload();
export { addMyReport, forgetMyReports, myReports } from './elements/status-tracker/my-reports.js';
