/**
 * `dist/open311-report.js`: the drop-in for a page whose first screen is the report. It is
 * `dist/open311-elements.js` (the same exports, and the same loader for any other element in the
 * page) with the report's first screen in the same file: Lit, the report, the map picker without its
 * map, and what they share. Built on its own (rollup.config.mjs), so nothing it runs at first is in
 * another file: the browser has it all as soon as it has the script (issue 18).
 */
import './elements/report/report.js';
import './elements/map-picker/map-picker.js';

export * from './index.js';
