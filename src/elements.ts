/**
 * Every element class, imported statically, for applications built with a bundler
 * (`import { Open311Report } from 'open311-elements/elements'`). Importing this registers them all.
 * Council pages use the drop-in entry instead (`dist/open311-elements.js`), which loads each
 * element only when it is used.
 */
export * from './elements/service-chooser/service-chooser.js';
export * from './elements/report-form/report-form.js';
export * from './elements/map-picker/map-picker.js';
export * from './elements/status-tracker/status-tracker.js';
export * from './elements/my-reports/my-reports.js';
export * from './elements/report/report.js';
export * from './events.js';
