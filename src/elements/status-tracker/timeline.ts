import { normaliseStatus, statusStage } from '../../open311/status.js';
import type { StatusOutcome } from '../../open311/status.js';
import type { Open311Date, RequestUpdate, ServiceRequest } from '../../open311/models.js';

/** The four stages a resident sees, parcel-tracker style (issue 5), and `reopened` after a "still a problem". */
export type TimelineStageKey = 'reported' | 'received' | 'in_progress' | 'done' | 'reopened';

/** `complete`: behind us; `current`: where the report is now; `upcoming`: not reached yet. */
export type TimelineStageState = 'complete' | 'current' | 'upcoming';

/** One stage of the timeline, ready to render. */
export interface TimelineStage {
  readonly key: TimelineStageKey;
  readonly state: TimelineStageState;
  /** When the report reached this stage, when the server says. */
  readonly date?: Open311Date;
  /** When the council expects to reach it (`expected_datetime`), shown on stages not reached yet. */
  readonly expected?: Open311Date;
  /** How it ended: on the `done` stage only. */
  readonly outcome?: StatusOutcome;
  /** FMS `servicerequestupdates` that belong to this stage, oldest first. */
  readonly updates: readonly RequestUpdate[];
}

/** The whole timeline of one report. */
export interface Timeline {
  readonly stages: readonly TimelineStage[];
  /** The stage the report is in now. */
  readonly current: TimelineStageKey;
  readonly outcome?: StatusOutcome;
  /** False when the status is not one we know and was placed by guesswork (show the raw status). */
  readonly known: boolean;
}

const ORDER: Record<TimelineStageKey, number> = { reported: 0, received: 1, reopened: 1, in_progress: 2, done: 3 };

/** The timeline of a report the server has not given a reference to yet (a pending token). */
export function pendingTimeline(): Timeline {
  return {
    stages: [
      { key: 'reported', state: 'complete', updates: [] },
      { key: 'received', state: 'current', updates: [] },
      { key: 'in_progress', state: 'upcoming', updates: [] },
      { key: 'done', state: 'upcoming', updates: [] },
    ],
    current: 'received',
    known: true,
  };
}

/**
 * Places a request (and its FMS updates, if any) on the timeline. Updates are walked oldest first
 * and never move the report backwards; an update without a status (`unchanged`) stays in the stage
 * reached so far. When a report ended without being fixed (duplicate, not the council's…) and no
 * update shows work was done, "In progress" is left out rather than shown as done.
 */
export function requestTimeline(request: ServiceRequest, updates: readonly RequestUpdate[] = []): Timeline {
  const sorted = [...updates].sort((a, b) => (a.updated?.date?.getTime() ?? 0) - (b.updated?.date?.getTime() ?? 0));
  const reopen = lastReopening(sorted);
  return reopen < 0 ? oneRound(request, sorted) : reopened(request, sorted, reopen);
}

/** The index of the update that last reopened a finished report, or -1. */
function lastReopening(sorted: readonly RequestUpdate[]): number {
  let done = false;
  let found = -1;
  sorted.forEach((u, i) => {
    const s = normaliseStatus(u.status);
    if (s === '' || s === 'unchanged') return;
    const stage = statusStage(s).stage;
    if (stage === 'done') done = true;
    else if (done) {
      done = false;
      found = i;
    }
  });
  return found;
}

/**
 * A report reopened ("still a problem", issue 22): read as a sequence, reported → … → fixed →
 * reopened → in progress → …, each round's updates under its own stages, rather than the reopening
 * listed under "Received" above the "Fixed" it followed.
 */
function reopened(request: ServiceRequest, sorted: readonly RequestUpdate[], at: number): Timeline {
  const before = sorted.slice(0, at);
  const lastStatus = [...before].reverse().find((u) => !['', 'unchanged'].includes(normaliseStatus(u.status)))?.status;
  // The earlier rounds, all behind us (a report reopened twice is split again).
  const { expected: _expected, statusNotes: _notes, ...past } = request;
  const earlier = requestTimeline({ ...past, status: lastStatus ?? 'closed' }, before);
  const now = oneRound(request, sorted.slice(at));
  const stages: TimelineStage[] = [
    ...earlier.stages.map((st) => ({ ...st, state: 'complete' as const })),
    ...now.stages
      .filter((st) => st.key !== 'reported')
      .map((st) => {
        if (st.key !== 'received') return st;
        const { date: _date, ...rest } = st;
        const when = sorted[at]?.updated;
        return { ...rest, key: 'reopened' as const, ...(when ? { date: when } : {}) };
      }),
  ];
  const current: TimelineStageKey = now.current === 'received' ? 'reopened' : now.current;
  return { ...now, stages, current };
}

/** One round of a report: reported → received → in progress → done. */
function oneRound(request: ServiceRequest, sorted: readonly RequestUpdate[]): Timeline {
  const mapped = statusStage(request.status);
  const current: TimelineStageKey = mapped.stage;
  const byStage: Record<TimelineStageKey, RequestUpdate[]> = { reported: [], received: [], reopened: [], in_progress: [], done: [] };
  const reachedAt: Partial<Record<TimelineStageKey, Open311Date>> = {};
  let running: TimelineStageKey = 'received';
  for (const u of sorted) {
    const s = normaliseStatus(u.status);
    if (s !== '' && s !== 'unchanged') {
      const stage = statusStage(s).stage;
      // A report may be reopened: follow the update, but keep "done" last in the list.
      if (stage !== running) {
        running = stage;
        if (u.updated && !reachedAt[stage]) reachedAt[stage] = u.updated;
      }
    }
    byStage[running].push(u);
  }

  const date = (key: TimelineStageKey): Open311Date | undefined => {
    if (key === 'reported' || key === 'received') return key === 'reported' ? request.requested : undefined;
    // The status's own date is the last update; an update's date is better when we have one.
    if (key === current) return reachedAt[key] ?? request.updated;
    return reachedAt[key];
  };
  const stateOf = (key: TimelineStageKey): TimelineStageState => {
    if (key === current) return 'current';
    if (key === 'reported') return 'complete';
    return ORDER[key] < ORDER[current] ? 'complete' : 'upcoming';
  };

  const keys: TimelineStageKey[] = ['reported', 'received', 'in_progress', 'done'];
  const skipInProgress = current === 'done' && mapped.outcome !== 'fixed' && byStage.in_progress.length === 0 && !reachedAt.in_progress;
  const stages = keys
    .filter((k) => !(k === 'in_progress' && skipInProgress))
    .map((key): TimelineStage => {
      const state = stateOf(key);
      const stageDate = date(key);
      return {
        key,
        state,
        ...(stageDate ? { date: stageDate } : {}),
        ...(key === 'done' && state === 'upcoming' && request.expected ? { expected: request.expected } : {}),
        ...(key === 'done' && mapped.outcome ? { outcome: mapped.outcome } : {}),
        updates: byStage[key],
      };
    });
  return { stages, current, ...(mapped.outcome ? { outcome: mapped.outcome } : {}), known: mapped.known };
}
