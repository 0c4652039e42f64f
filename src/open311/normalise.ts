/**
 * Normalisers from loose trees (JSON or XML read by `tree.ts`) to the typed models, in one place
 * for the package's entry and for tests. Each lives in the module of what it reads, so that the
 * client's first screen (the service list, errors) loads without the others, which `calls.ts`
 * fetches on first use: `fields.ts` (the shared field readers), `service-list.ts`, `error-list.ts`,
 * `definition.ts`, `requests.ts` (reports, POST and token answers, updates), `discovery.ts`.
 */
export { bool, num, records, str } from './fields.js';
export { toServices } from './service-list.js';
export { toErrorItems } from './error-list.js';
export { toServiceDefinition } from './definition.js';
export { date, toRequestUpdates, toServiceRequest, toServiceRequests, toSubmitResult, toTokenResult } from './requests.js';
export { toDiscovery } from './discovery.js';
