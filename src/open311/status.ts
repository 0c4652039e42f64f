/**
 * Open311 defines only `open` and `closed`; FixMyStreet and others send many more (§2.3, §3.7
 * item 37). These helpers place any status on the resident's timeline.
 */

/** Where a report stands, in the resident's terms. */
export type StatusStage = 'received' | 'in_progress' | 'done';

/** How a closed report ended. `fixed` is the happy end; the others need plain words. */
export type StatusOutcome = 'fixed' | 'duplicate' | 'not_responsible' | 'no_further_action' | 'cancelled' | 'referred' | 'closed';

const IN_PROGRESS = new Set([
  'in_progress',
  'action_scheduled',
  'investigating',
  'planned',
  'in progress',
  'acknowledged',
  'assigned',
  'scheduled',
  'in_process',
  'received',
]);
const OPEN = new Set(['open', 'reopen', 'reopened', 'for_triage', 'new', 'submitted', 'pending', 'unconfirmed', 'confirmed']);
const OUTCOMES: Record<string, StatusOutcome> = {
  fixed: 'fixed',
  resolved: 'fixed',
  completed: 'fixed',
  closed: 'closed',
  duplicate: 'duplicate',
  not_councils_responsibility: 'not_responsible',
  not_responsible: 'not_responsible',
  no_further_action: 'no_further_action',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  rejected: 'no_further_action',
  internal_referral: 'referred',
  referred: 'referred',
  archived: 'closed',
  processed: 'fixed',
};

/** Lower-cases and turns spaces and hyphens into `_` (FMS maps with `lc` and `_`→space, §2.3). */
export function normaliseStatus(status: string | undefined): string {
  return (status ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Open or closed, by best effort for statuses nobody standardised; unknown ones count as open. */
export function isClosed(status: string | undefined): boolean {
  const s = normaliseStatus(status);
  return s in OUTCOMES || s.startsWith('closed');
}

/** The stage a status puts a report in; `known` is false for statuses mapped by guesswork. */
export function statusStage(status: string | undefined): { stage: StatusStage; outcome?: StatusOutcome; known: boolean } {
  const s = normaliseStatus(status);
  if (s in OUTCOMES) return { stage: 'done', outcome: OUTCOMES[s], known: true };
  if (s.startsWith('closed')) return { stage: 'done', outcome: 'closed', known: false };
  if (IN_PROGRESS.has(s) || IN_PROGRESS.has(s.replace(/_/g, ' '))) return { stage: 'in_progress', known: true };
  if (OPEN.has(s)) return { stage: 'received', known: true };
  return { stage: 'received', known: s === '' };
}
