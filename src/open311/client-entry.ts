/**
 * `dist/open311-client.js`: the protocol client for a page's own script (wiring the chooser to the
 * form, sending), and nothing else: the calls beyond the service list and their readers are fetched
 * on first use. `dist/open311.js` has the same client plus every reader as a function of its own
 * (`toServiceRequests`, `parseOpen311Date`, …), which a page that imports it downloads at once.
 * Both share the elements' client (one per endpoint).
 */
export { Open311Client, clientFor, formatDate } from './client.js';
export type { CallOptions, MediaUpload, MultiValueEncoding, Open311ClientOptions, Open311Format } from './client.js';
export { Open311Error, isOpen311Error, listedErrors } from './errors.js';
export type { Open311ErrorItem, Open311ErrorKind } from './errors.js';
export type * from './models.js';
