/** The Open311 GeoReport v2 protocol: no UI here, nothing from Lit. */
export { Open311Client, clientFor, formatDate } from './client.js';
export type { CallOptions, MediaUpload, MultiValueEncoding, Open311ClientOptions, Open311Format } from './client.js';
export { Open311Error, isOpen311Error, listedErrors } from './errors.js';
export type { Open311ErrorItem, Open311ErrorKind } from './errors.js';
export * from './models.js';
export {
  toDiscovery,
  toErrorItems,
  toRequestUpdates,
  toServiceDefinition,
  toServiceRequests,
  toServices,
  toSubmitResult,
  toTokenResult,
  bool,
  num,
  str,
  date as parseOpen311Date,
} from './normalise.js';
export { loadXmlReader, parseJson, sniff } from './tree.js';
export type { XmlParser } from './tree.js';
export { isClosed, normaliseStatus, statusStage } from './status.js';
export type { StatusOutcome, StatusStage } from './status.js';
export { safeHttpUrl } from './urls.js';
export { findSubmitted } from './dedupe.js';
