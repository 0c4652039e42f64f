import type { ReactiveControllerHost } from 'lit';
import type { Open311Location } from '../../events.js';
import type { DraftController } from './draft.js';

/**
 * What `<open311-report>`'s first screen needs of the resident's unfinished report (issue 18's byte
 * budget): the draft shown, and whether anything is kept in this browser for the endpoint. Usually
 * nothing is: the first step shows, empty, and draft.ts (reading and saving drafts, the offer of an
 * older one, contact details, the confirmation's record) is fetched with `import()` at the
 * resident's first touch or change. When something is kept, the first render waits for draft.ts
 * ({@link DraftState.wait}), so a resuming resident sees their step at once, never the first one first.
 */

/**
 * The steps of the flow, in order (`problem-first` swaps the first two). `nearby`, "Is it one of
 * these?", comes only when there are open reports of the chosen problem near the place (issue 19),
 * and is not counted in "Step N of 5".
 */
export const STEPS = ['where', 'what', 'nearby', 'details', 'about', 'check', 'sent'] as const;
export type Step = (typeof STEPS)[number];

/** What the draft holds. `sending` marks a send in flight, so a reload mid-send can check the server first. */
export interface Draft {
  readonly v: 1;
  step: Step;
  savedAt: number;
  /** A stable id for this report, kept until it is sent: the basis of "send once" (given when it is first saved). */
  clientId: string;
  serviceCode?: string;
  location?: Open311Location;
  description?: string;
  attributes?: Record<string, string | readonly string[]>;
  /** Set when Send was pressed and no answer has come back yet. */
  sending?: { at: number };
  /**
   * Set when Send was pressed offline: the report waits here, "not sent yet", and goes when the
   * connection returns while the page is open, or after asking on the next visit (issue 12).
   * `maybeSentAt`: a send that started then lost its connection, so it is looked for before sending again.
   * `photo`: the report had a photo, which is kept in memory only (too big for localStorage), so a
   * later visit says it must be added again.
   */
  queued?: { at: number; maybeSentAt?: number; photo?: boolean };
}

/** A fresh draft on the first step (its id is given when it is first saved). */
export function freshDraft(): Draft {
  return { v: 1, step: 'where', savedAt: Date.now(), clientId: '' };
}

/** Calls `each` with every key an open311 widget stored in this browser (and its store); true when one call returned true. */
function someKey(each: (key: string, store: Storage) => unknown): boolean {
  let found = false;
  for (const kind of ['localStorage', 'sessionStorage'] as const) {
    try {
      const s = window[kind];
      for (const k of Object.keys(s)) if (k.startsWith('open311:') && each(k, s)) found = true;
    } catch {
      // Storage refused (a locked-down browser, a sandboxed frame): nothing is kept there.
    }
  }
  return found;
}

/** Removes everything any open311 widget stored in this browser ("Forget this device", issue 11): on the first screen, so it works without draft.ts. */
export function forgetEverything(): void {
  someKey((k, s) => s.removeItem(k));
}

/**
 * The draft `<open311-report>` shows. Reading a kept one, saving, and the rest are the
 * {@link DraftController} of draft.ts (`full`), fetched by {@link ready}: a change made before it
 * has arrived (a very fast first choice) is kept and saved when it does, and a failed fetch is tried
 * again at the next change (or the next {@link ready}: the resident's first touch, Continue).
 */
export class DraftState {
  /** The draft shown. */
  draft: Draft = freshDraft();
  /** Reading, saving and the rest (draft.ts), once it has loaded. */
  full?: DraftController;
  /** The last change made before draft.ts had loaded: saved when it arrives. */
  unsaved?: Draft;
  /** The scope opened here while draft.ts had not loaded (nothing was kept for it), and the draft's life there. */
  scope?: string;
  maxAgeMs?: number;
  /** Something was kept, but draft.ts could not be fetched before the first render: it is read when draft.ts arrives. */
  missed?: boolean;
  private peeked?: string;

  constructor(
    readonly host: ReactiveControllerHost,
    private readonly code: () => Promise<typeof import('./draft.js')>,
  ) {}

  /**
   * Before an update: when something is kept for `scope` (a draft, a sent report's record, contact
   * details) and draft.ts has not loaded, the promise of draft.ts, for the update to wait for.
   * Undefined otherwise (nothing to wait for: the update goes ahead at once).
   */
  wait(scope: string): Promise<unknown> | undefined {
    if (this.full || scope === this.peeked) return undefined;
    this.peeked = scope;
    // draft.ts keeps each thing under `open311:<what>:<scope>` (the draft, a sent report's record, contact details).
    return someKey((k) => k.endsWith(`:${scope}`))
      ? this.ready().catch((e: unknown) => {
          this.missed = true;
          throw e;
        })
      : undefined;
  }

  /**
   * Opens the draft kept for `scope` (draft.ts's {@link DraftController.open}); before draft.ts has
   * loaded, nothing was kept for it ({@link wait}): a fresh draft, opened when the scope is new.
   */
  open(scope: string, maxAgeMs: number, askMinutes: number): { opened: boolean; saved?: Draft } {
    if (this.full) return this.full.open(scope, maxAgeMs, askMinutes);
    if (scope === this.scope && maxAgeMs === this.maxAgeMs) return { opened: false };
    this.scope = scope;
    this.maxAgeMs = maxAgeMs;
    this.unsaved = undefined;
    this.set(freshDraft());
    return { opened: true };
  }

  /** Replaces the draft shown (not saved). */
  set(draft: Draft): void {
    this.draft = draft;
    this.host.requestUpdate();
  }

  /** Replaces the draft shown and saves it (once draft.ts has arrived, when it has not yet). */
  change(draft: Draft): void {
    this.set(draft);
    if (this.full) this.full.save();
    else {
      this.unsaved = draft;
      void this.ready().catch(() => undefined);
    }
  }

  /** "Forget this device": nothing of the last resident is kept (not even a change not saved yet), and a fresh draft is shown. */
  forget(): void {
    forgetEverything();
    this.unsaved = undefined;
    this.full?.forgot();
    this.fresh();
  }

  /** Removes the draft kept for this scope (and a change not saved yet); the draft shown stays until replaced. */
  clear(): void {
    this.unsaved = undefined;
    this.full?.clear();
  }

  /** A fresh draft on the first step, shown (not saved). */
  fresh(): void {
    if (this.full) this.full.fresh();
    else this.set(freshDraft());
  }

  /** draft.ts's controller, fetched once (a failure is tried again on the next call). */
  async ready(): Promise<DraftController> {
    const m = await this.code();
    return (this.full ??= new m.DraftController(this));
  }
}
