import type { Open311Location, ReportFormValue } from '../../events.js';

/**
 * The resident's unfinished report, kept in the browser as it is typed so a reload, a crash or a
 * dropped signal loses nothing (issue 6). Answers and the location live in localStorage until the
 * report is sent, discarded, or expires (24 hours by default, for shared computers: issue 11).
 * Contact details live only in sessionStorage: never longer than the draft, and gone when the
 * browser session ends, unless the resident asks to be remembered.
 */

/** The steps of the flow, in order. */
export const STEPS = ['where', 'what', 'details', 'about', 'check', 'sent'] as const;
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
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
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
    for (const [kind, prefix] of [['session', SESSION], ['local', REMEMBER]] as const) {
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
