/**
 * `dist/open311-service-chooser.js`: the drop-in for a page whose first screen is the service
 * chooser. It is `dist/open311-elements.js` (the same exports, and the same loader for any other
 * element in the page) with the chooser's first screen in the same file, built on its own like the
 * report's (src/report-drop-in.ts). It also exports the client (`clientFor`, `isOpen311Error`, …, as
 * `dist/open311-client.js` does): a page that starts with the chooser wires it to the report form
 * with a script of its own, which imports the client from here rather than load a second copy.
 */
import './elements/service-chooser/service-chooser.js';

export * from './index.js';
// The client, as dist/open311-client.js exports it (its error kinds are exported above already).
export { Open311Client, clientFor, formatDate, Open311Error, isOpen311Error, listedErrors } from './open311/client-entry.js';
export type { CallOptions, MediaUpload, MultiValueEncoding, Open311ClientOptions, Open311Format, Open311ErrorItem } from './open311/client-entry.js';
export type * from './open311/models.js';
