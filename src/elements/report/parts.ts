/**
 * The inner elements' `::part`s, passed on by `<open311-report>` under the same names (`exportparts`,
 * issue 18), so a council styles them through the composite: `open311-report::part(label)` reaches
 * every label of the form and the service list. Each list is every `@csspart` of that element;
 * test/repo/exportparts.test.mjs checks them against custom-elements.json.
 */
export const EXPORTED_PARTS = {
  'open311-map-picker':
    'map, search-input, postcode-input, search-button, results, location-button, show-map-button, error-message, other-problem-button, chosen, assets, nearby, describe',
  'open311-service-chooser':
    'label, search, status, group, legend, option, hint, cut-note, error-message, retry-button, show-all-button, group-list, group-button, groups-back-button',
  'open311-report-form':
    'form, error-summary, label, hint, error-message, input, notice, blocked-message, character-count, submit-button, retry-button, cut-note',
  'open311-status-tracker':
    'heading, timeline, stage, details, status-message, button, refresh-button, lookup-form, label, hint, input, error-message, submit-button, report, view-button, forget-button, follow-up-button, follow-up-form, textarea, character-count, other-ways, cut-note, photo-link',
} as const;
