/**
 * The inner elements' `::part`s, passed on by `<open311-report>` under the same names (`exportparts`,
 * issue 18), so a council styles them through the composite: `open311-report::part(label)` reaches
 * every label of the form and the service list. Each list is every `@csspart` of that element;
 * test/repo/public-api.test.mjs checks them against custom-elements.json. Here the first screen's
 * elements; the later steps' are in later-parts.ts, which comes with their code (the byte budget).
 */
export const EXPORTED_PARTS = {
  'open311-map-picker':
    'map, search-input, postcode-input, search-button, results, location-button, show-map-button, error-message, other-problem-button, chosen, assets, nearby, describe',
  'open311-service-chooser':
    'label, search, status, group, legend, option, hint, cut-note, error-message, retry-button, show-all-button, group-list, group-button, groups-back-button',
} as const;
