import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Open311Location, ReportFormValue } from '../../events.js';

/**
 * The resident's unfinished report, kept in the browser as it is typed so a reload, a crash or a
 * dropped signal loses nothing (issue 6). Answers and the location live in localStorage until the
 * report is sent, discarded, or expires (24 hours by default, for shared computers: issue 11).
 * Contact details live only in sessionStorage: never longer than the draft, and gone when the
 * browser session ends, unless the resident asks to be remembered.
 */

/**
 * The steps of the flow, in order (`problem-first` swaps the first two). `nearby`, "Is it one of
 * these?", comes only when there are open reports of the chosen problem near the place (issue 19),
 * and is not counted in "Step N of 5".
 */
export const STEPS = ['where', 'what', 'nearby', 'details', 'about', 'check', 'sent'] as const;
export type Step = (typeof STEPS)[number];

/** Contact fields, kept apart from the rest. */
export type Contact = Pick<ReportFormValue, 'email' | 'firstName' | 'lastName' | 'phone' | 'wantsUpdates'>;

/** What the draft holds. `sending` marks a send in flight, so a reload mid-send can check the server first. */
export interface Draft {
  readonly v: 1;
  step: Step;
  savedAt: number;
  /** A stable id for this report, kept until it is sent: the basis of "send once". */
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

/**
 * The confirmation of a report the server answered with a token (issue 22): the resident's own
 * receipt, kept in sessionStorage without asking, so a reload or a tab reopened in the session
 * shows the provisional reference again and goes on following it until the id arrives (and then
 * shows the id). Removed by "Report another problem", "Forget this device" and the browser session's end.
 */
export interface SentRecord {
  readonly token: string;
  readonly id?: string;
  readonly serviceCode: string;
  readonly service: string;
  readonly location: string;
  /** When it was sent (ms since the epoch). */
  readonly sentAt: number;
  readonly email?: string;
  readonly next?: string;
}

const LOCAL = 'open311:draft:';
const SENT = 'open311:sent:';
const SESSION = 'open311:contact:';
const REMEMBER = 'open311:remember-contact:';

function storage(kind: 'local' | 'session'): Storage | undefined {
  try {
    const s = kind === 'local' ? window.localStorage : window.sessionStorage;
    // Safari in private mode and locked-down browsers throw on use, not on access.
    const probe = '__open311_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return undefined;
  }
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Reads and writes one draft per endpoint (a county and a parish widget on one page keep theirs apart). */
export class DraftStore {
  private readonly key: string;

  constructor(
    scope: string,
    /** Drafts older than this are removed unread. */
    private readonly maxAgeMs = 24 * 60 * 60 * 1000,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.key = scope;
  }

  /** A fresh draft on the first step. */
  create(): Draft {
    return { v: 1, step: 'where', savedAt: this.now(), clientId: newId() };
  }

  /** The saved draft, or undefined when there is none, it is unreadable, or it has expired (then it is removed). */
  load(): Draft | undefined {
    const s = storage('local');
    let raw: string | null = null;
    try {
      raw = s?.getItem(LOCAL + this.key) ?? null;
    } catch {
      return undefined;
    }
    if (!raw) return undefined;
    try {
      const draft = JSON.parse(raw) as Draft;
      if (draft?.v !== 1 || typeof draft.savedAt !== 'number' || !STEPS.includes(draft.step)) throw new Error('shape');
      if (this.now() - draft.savedAt > this.maxAgeMs) {
        this.clear();
        return undefined;
      }
      return draft;
    } catch {
      this.clear();
      return undefined;
    }
  }

  /** Saves the draft (the save time is updated). Quietly does nothing where storage is unavailable. */
  save(draft: Draft): void {
    draft.savedAt = this.now();
    try {
      storage('local')?.setItem(LOCAL + this.key, JSON.stringify(draft));
    } catch {
      // Quota or a disabled store: the flow goes on; only crash-recovery is lost.
    }
  }

  /** Contact details: from sessionStorage, or from localStorage when the resident asked to be remembered. */
  loadContact(): Contact | undefined {
    for (const [kind, prefix] of [
      ['session', SESSION],
      ['local', REMEMBER],
    ] as const) {
      try {
        const raw = storage(kind)?.getItem(prefix + this.key);
        if (raw) return JSON.parse(raw) as Contact;
      } catch {
        // unreadable: treat as absent
      }
    }
    return undefined;
  }

  saveContact(contact: Contact, remember = false): void {
    try {
      storage('session')?.setItem(SESSION + this.key, JSON.stringify(contact));
      if (remember) storage('local')?.setItem(REMEMBER + this.key, JSON.stringify(contact));
      else storage('local')?.removeItem(REMEMBER + this.key);
    } catch {
      // see save()
    }
  }

  /** The confirmation of a report whose reference is (or was) a token, kept for this browser session. */
  loadSent(): SentRecord | undefined {
    try {
      const raw = storage('session')?.getItem(SENT + this.key);
      const rec = raw ? (JSON.parse(raw) as SentRecord) : undefined;
      return rec && typeof rec.token === 'string' && typeof rec.sentAt === 'number' ? rec : undefined;
    } catch {
      return undefined;
    }
  }

  saveSent(record: SentRecord | undefined): void {
    try {
      if (record) storage('session')?.setItem(SENT + this.key, JSON.stringify(record));
      else storage('session')?.removeItem(SENT + this.key);
    } catch {
      // see save()
    }
  }

  /** True when the resident chose "remember my details on this device". */
  get remembersContact(): boolean {
    try {
      return !!storage('local')?.getItem(REMEMBER + this.key);
    } catch {
      return false;
    }
  }

  /** Removes the draft and the session copy of the contact details (a remembered copy stays). */
  clear(): void {
    try {
      storage('local')?.removeItem(LOCAL + this.key);
      storage('session')?.removeItem(SESSION + this.key);
    } catch {
      // nothing to clear
    }
  }
}

/** Removes everything any open311 widget stored in this browser ("Forget this device", issue 11). */
export function forgetEverything(): void {
  for (const kind of ['local', 'session'] as const) {
    const s = storage(kind);
    if (!s) continue;
    const keys: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k?.startsWith('open311:')) keys.push(k);
    }
    for (const k of keys) s.removeItem(k);
  }
}

/**
 * The resident's draft for `<open311-report>`, as a Lit reactive controller: which draft is shown
 * (the saved one, or a fresh one while an older one is only offered), the contact details beside it,
 * and saving both as they change. The host re-renders on every change. Browser history is not kept
 * here: moving between steps (and Back) is the element's wiring; this keeps what was typed.
 */
export class DraftController implements ReactiveController {
  /** The draft shown. A placeholder until {@link open} (the host calls it before its first render). */
  draft: Draft = { v: 1, step: 'where', savedAt: 0, clientId: '' };
  /** The resident's contact details (kept for the browser session, or remembered). */
  contact: Contact = {};
  /** An older unfinished report, offered before it is shown (draft-ask-minutes; issue 22). */
  offered?: Draft;
  /** "Remember my details on this device": contact details kept in localStorage, not only for the session. */
  rememberContact = false;
  private store?: DraftStore;
  private scope?: string;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to do: the host opens its draft once it knows its endpoint.
  }

  /**
   * Opens the draft kept for `scope` (an endpoint and jurisdiction), unless it is open already:
   * restored, or offered when it was saved longer ago than `askMinutes`. Returns the saved draft
   * when one was opened now (undefined when there was none, or nothing changed).
   */
  open(scope: string, maxAgeMs: number, askMinutes: number): { opened: boolean; saved?: Draft } {
    const key = `${scope}|${maxAgeMs}`;
    if (this.store && key === this.scope) return { opened: false };
    this.scope = key;
    const store = (this.store = new DraftStore(scope, maxAgeMs));
    const saved = store.load();
    // An older draft is only offered: nothing of it (nor the contact details) shows until the resident says so.
    this.offered = saved && asksFirst(saved, askMinutes) ? saved : undefined;
    this.draft = (this.offered ? undefined : saved) ?? store.create();
    this.contact = this.offered ? {} : (store.loadContact() ?? {});
    this.rememberContact = store.remembersContact;
    this.host.requestUpdate();
    return { opened: true, ...(saved ? { saved } : {}) };
  }

  /** Replaces the draft shown (not saved). */
  set(draft: Draft): void {
    this.draft = draft;
    this.host.requestUpdate();
  }

  /** Replaces the draft shown and saves it. */
  change(draft: Draft): void {
    this.set(draft);
    this.save();
  }

  /** Saves the draft (not once it is sent: the confirmation is not a draft). */
  save(): void {
    if (this.draft.step !== 'sent') this.store?.save(this.draft);
  }

  /** The draft as saved now (another tab may have changed it). */
  stored(): Draft | undefined {
    return this.store?.load();
  }

  /** A fresh draft on the first step, shown (not saved). */
  fresh(): Draft {
    this.set(this.store?.create() ?? this.draft);
    return this.draft;
  }

  /** Removes the saved draft and the session's contact details. */
  clear(): void {
    this.store?.clear();
  }

  /** New contact details, saved (for the session, or remembered). */
  setContact(contact: Contact): void {
    this.contact = contact;
    this.store?.saveContact(contact, this.rememberContact);
    this.host.requestUpdate();
  }

  /** "Remember my details on this device" ticked or unticked. */
  setRemember(remember: boolean): void {
    this.rememberContact = remember;
    this.setContact(this.contact);
  }

  /** "Continue": the offered draft is shown as a fresh page would show it. */
  takeOffered(): Draft | undefined {
    const d = this.offered;
    if (!d) return undefined;
    this.offered = undefined;
    this.draft = d;
    this.contact = this.store?.loadContact() ?? {};
    this.host.requestUpdate();
    return d;
  }

  /** "Start again": the offered draft (and its session contact details) are removed. */
  declineOffered(): void {
    this.offered = undefined;
    this.clear();
    this.fresh();
  }

  /** "Forget this device": nothing of the last resident is kept. */
  forget(): void {
    forgetEverything();
    this.contact = {};
    this.rememberContact = false;
    this.fresh();
  }

  /** The confirmation of a report answered with a token, kept for this browser session. */
  loadSent(): SentRecord | undefined {
    return this.store?.loadSent();
  }

  saveSent(record: SentRecord | undefined): void {
    this.store?.saveSent(record);
  }
}

/** Whether a saved draft is old enough, and has enough in it, to be offered rather than restored. */
function asksFirst(d: Draft, askMinutes: number): boolean {
  if (d.sending || d.queued || d.step === 'sent') return false;
  const answered = !!(d.location || d.serviceCode || d.description || Object.keys(d.attributes ?? {}).length);
  return answered && Date.now() - d.savedAt > Math.max(0, askMinutes) * 60_000;
}
