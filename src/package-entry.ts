/**
 * The package's entry, `dist/index.js` (`import { … } from 'open311-elements'`): everything the
 * drop-in entry exports (and, like it, it registers every element, each loaded on first use), and
 * the "my reports" helpers. Those are synchronous, so their code must be in memory when a page calls
 * them; the drop-in (`dist/open311-elements.js`, the script a council pastes) leaves them out, so
 * that no first screen downloads them (issue 18: −0.9 KB gzip). A page script that wants them
 * imports this file.
 */
export * from './index.js';
export { addMyReport, forgetMyReports, myReports } from './storage/my-reports.js';
export type { MyReport, NewMyReport } from './storage/my-reports.js';
