import { msg } from '@lit/localize';
import { normaliseStatus } from '../../open311/status.js';
import type { StatusOutcome } from '../../open311/status.js';
import type { TimelineStageKey } from './timeline.js';

/**
 * Plain words for statuses and stages. Functions, not constants: `msg()` must run at render time so
 * the words follow `setLocale()`.
 */

/** The name of a timeline stage. */
export function stageName(key: TimelineStageKey, outcome?: StatusOutcome): string {
  switch (key) {
    case 'reported':
      return msg('Reported', { id: 'map.reported' });
    case 'received':
      return msg('Received', { id: 'tracker.received' });
    case 'reopened':
      return msg('Reopened: still a problem', { id: 'tracker.reopened-still-problem' });
    case 'in_progress':
      return msg('In progress', { id: 'map.in-progress' });
    case 'done':
      return outcome ? outcomeWords(outcome) : msg('Done', { id: 'tracker.done' });
  }
}

/** How a closed report ended, in plain words. */
export function outcomeWords(outcome: StatusOutcome): string {
  switch (outcome) {
    case 'fixed':
      return msg('Fixed', { id: 'tracker.fixed' });
    case 'duplicate':
      return msg('Closed: already reported by someone else', { id: 'tracker.closed-already-reported-by-someone-else' });
    case 'not_responsible':
      return msg("Closed: not the council's responsibility", { id: 'tracker.closed-not-councils-responsibility' });
    case 'no_further_action':
      return msg('Closed: no further action', { id: 'tracker.closed-no-further-action' });
    case 'cancelled':
      return msg('Cancelled', { id: 'tracker.cancelled' });
    case 'referred':
      return msg('Passed to another team', { id: 'tracker.passed-to-another-team' });
    case 'closed':
      return msg('Closed', { id: 'tracker.closed' });
  }
}

/**
 * A status in plain words: the spec's two, FixMyStreet's extended ones (shared/open311.md §2.3) and
 * a few seen elsewhere. `undefined` for a status we do not know: show the server's own word then.
 */
export function statusWords(status: string | undefined): string | undefined {
  switch (normaliseStatus(status)) {
    case 'open':
    case 'confirmed':
    case 'new':
    case 'submitted':
      return msg('Open', { id: 'tracker.open' });
    case 'reopen':
    case 'reopened':
      return msg('Reopened', { id: 'tracker.reopened' });
    case 'for_triage':
    case 'acknowledged':
    case 'received':
      return msg('Being assessed', { id: 'tracker.being-assessed' });
    case 'in_progress':
    case 'in_process':
      return msg('In progress', { id: 'map.in-progress' });
    case 'action_scheduled':
    case 'scheduled':
    case 'planned':
      return msg('Work scheduled', { id: 'tracker.work-scheduled' });
    case 'investigating':
      return msg('Being investigated', { id: 'tracker.being-investigated' });
    case 'assigned':
      return msg('Assigned to a team', { id: 'tracker.assigned-to-team' });
    case 'fixed':
    case 'resolved':
    case 'completed':
    case 'processed':
      return msg('Fixed', { id: 'tracker.fixed' });
    case 'closed':
      return msg('Closed', { id: 'tracker.closed' });
    case 'duplicate':
      return msg('Closed: already reported by someone else', { id: 'tracker.closed-already-reported-by-someone-else' });
    case 'not_councils_responsibility':
    case 'not_responsible':
      return msg("Closed: not the council's responsibility", { id: 'tracker.closed-not-councils-responsibility' });
    case 'no_further_action':
    case 'rejected':
      return msg('Closed: no further action', { id: 'tracker.closed-no-further-action' });
    case 'cancelled':
    case 'canceled':
      return msg('Cancelled', { id: 'tracker.cancelled' });
    case 'internal_referral':
    case 'referred':
      return msg('Passed to another team', { id: 'tracker.passed-to-another-team' });
    default:
      return undefined;
  }
}
