/**
 * The drop-in entry: importing it registers every element. It also re-exports the protocol client
 * for pages that want to talk to the Open311 server themselves.
 */
export * from './open311/index.js';
export * from './elements/service-chooser/service-chooser.js';
export * from './elements/report-form/report-form.js';
export * from './elements/map-picker/map-picker.js';
