// Request statuses: GeoReport v2 open/closed plus the FixMyStreet extended statuses (shared/open311.md §2.3).

/** Extended statuses that count as `open` for the `status` filter. */
export const OPEN_STATUSES = Object.freeze(['open', 'in_progress', 'action_scheduled', 'investigating', 'planned', 'reopen', 'for_triage']);

/** Extended statuses that count as `closed` for the `status` filter. */
export const CLOSED_STATUSES = Object.freeze([
  'closed',
  'fixed',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'cancelled',
  'internal_referral',
]);

/** Every status a request may be stored with. */
export const ALL_STATUSES = Object.freeze([...OPEN_STATUSES, ...CLOSED_STATUSES]);

/** Statuses offered by the back-office form, in the order shown. */
export const ADMIN_STATUSES = Object.freeze([
  'open',
  'in_progress',
  'action_scheduled',
  'investigating',
  'fixed',
  'closed',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'cancelled',
]);

/**
 * `open` or `closed` for any stored status (unknown values count as open).
 * @param {string} status
 * @returns {'open'|'closed'}
 */
export function statusClass(status) {
  return CLOSED_STATUSES.includes(status) ? 'closed' : 'open';
}
