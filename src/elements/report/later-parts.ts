/**
 * The `::part`s of the elements only the later steps render (the form, the tracker), passed on by
 * `<open311-report>` as parts.ts's are: here, so they come with those steps' code, not on the first
 * screen (issue 18's byte budget). test/repo/public-api.test.mjs checks them against custom-elements.json.
 */
export const EXPORTED_PARTS = {
  'open311-report-form':
    'form, error-summary, label, hint, error-message, input, notice, blocked-message, character-count, submit-button, retry-button, cut-note',
  'open311-status-tracker':
    'heading, timeline, stage, details, status-message, button, refresh-button, lookup-form, label, hint, input, error-message, submit-button, report, view-button, forget-button, follow-up-button, follow-up-form, textarea, character-count, other-ways, cut-note, photo-link',
} as const;
