/**
 * The steps after "where" of `<open311-report>`: {@link LaterSteps} wires the views (each in a module
 * named for what it shows: details, about, check, confirmation; the problem step, the service chooser, is
 * the element's own, as it is the first screen with `problem-first`) to the element's draft and
 * to the send path (src/controllers/submission.ts). The element loads this module with `import()`
 * when the resident reaches those steps (or on their first touch), so the first screen carries only
 * the "where" step (the byte budget).
 */
export { LaterSteps } from './later-steps.js';
export type { StepWiring } from './later-steps.js';
export { stepStyles } from './steps.styles.js';
