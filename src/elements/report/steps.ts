/**
 * The steps after "where" of `<open311-report>`, each in a module named for what it shows: what the
 * problem is, its details, about you, check your answers and the confirmation. The element loads
 * this module with `import()` when the resident reaches them (or on their first touch), together
 * with the SubmissionController (src/controllers/submission.ts), so the first screen carries only
 * the "where" step (the byte budget). Each view takes a props object and callbacks, not the element.
 */
export { renderProblem } from './problem.js';
export { renderDetails, renderResponseTime, responseTime } from './details.js';
export { renderAbout, contactOf, missingContact } from './about.js';
export { renderCheck } from './check.js';
export { renderConfirmation, originOf, receiptFor, sentRecordFor, myReportFor, submittedEvent, followReference } from './confirmation.js';
export { PhotoController } from './photo-choice.js';
export { lateStyles } from './steps.styles.js';
