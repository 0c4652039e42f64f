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
      return msg('Reported');
    case 'received':
      return msg('Received');
    case 'reopened':
      return msg('Reopened: still a problem');
    case 'in_progress':
      return msg('In progress');
    case 'done':
      return outcome ? outcomeWords(outcome) : msg('Done');
  }
}

/** How a closed report ended, in plain words. */
export function outcomeWords(outcome: StatusOutcome): string {
  switch (outcome) {
    case 'fixed':
      return msg('Fixed');
    case 'duplicate':
      return msg('Closed: already reported by someone else');
    case 'not_responsible':
      return msg("Closed: not the council's responsibility");
    case 'no_further_action':
      return msg('Closed: no further action');
    case 'cancelled':
      return msg('Cancelled');
    case 'referred':
      return msg('Passed to another team');
    case 'closed':
      return msg('Closed');
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
      return msg('Open');
    case 'reopen':
    case 'reopened':
      return msg('Reopened');
    case 'for_triage':
    case 'acknowledged':
    case 'received':
      return msg('Being assessed');
    case 'in_progress':
    case 'in_process':
      return msg('In progress');
    case 'action_scheduled':
    case 'scheduled':
    case 'planned':
      return msg('Work scheduled');
    case 'investigating':
      return msg('Being investigated');
    case 'assigned':
      return msg('Assigned to a team');
    case 'fixed':
    case 'resolved':
    case 'completed':
    case 'processed':
      return msg('Fixed');
    case 'closed':
      return msg('Closed');
    case 'duplicate':
      return msg('Closed: already reported by someone else');
    case 'not_councils_responsibility':
    case 'not_responsible':
      return msg("Closed: not the council's responsibility");
    case 'no_further_action':
    case 'rejected':
      return msg('Closed: no further action');
    case 'cancelled':
    case 'canceled':
      return msg('Cancelled');
    case 'internal_referral':
    case 'referred':
      return msg('Passed to another team');
    default:
      return undefined;
  }
}
