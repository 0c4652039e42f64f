import { nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { lazyImport } from '../../lazy-import.js';
import type { ReportFormValue } from '../../events.js';
import { freshDraft, STEPS } from './draft-state.js';
import type { Draft, DraftState, Step } from './draft-state.js';
import type { StepWiring } from './later-steps.js';

/** The offer of an older draft (offer.ts, with the date words it needs): fetched only when a draft is offered. */
const loadOfferCode = lazyImport(() => import('./offer.js'));

export { STEPS, forgetEverything } from './draft-state.js';
export type { Draft, Step } from './draft-state.js';

/**
 * The resident's unfinished report, kept in the browser as it is typed so a reload, a crash or a
 * dropped signal loses nothing (issue 6). Answers and the location live in localStorage until the
 * report is sent, discarded, or expires (24 hours by default, for shared computers: issue 11).
 * Contact details live only in sessionStorage: never longer than the draft, and gone when the
 * browser session ends, unless the resident asks to be remembered.
 *
 * The first screen carries only draft-state.ts (the draft shown, and whether anything is kept);
 * `<open311-report>` fetches this module with `import()` at the resident's first touch or change,
 * or before its first render when something is kept here (issue 18's byte budget).
 */

/** Contact fields, kept apart from the rest. */
export type Contact = Pick<ReportFormValue, 'email' | 'firstName' | 'lastName' | 'phone' | 'wantsUpdates'>;

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

// Each kept under `open311:<what>:<scope>` (draft-state.ts looks for that shape to know whether anything is kept).
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
    return { ...freshDraft(), savedAt: this.now(), clientId: newId() };
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
    // A draft made on the first screen (draft-state.ts) has its id from its first save.
    draft.clientId ||= newId();
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

/**
 * The resident's draft for `<open311-report>`, once this module has loaded: which draft is shown
 * (the saved one, or a fresh one while an older one is only offered), the contact details beside it,
 * and saving both as they change. The draft shown is the element's {@link DraftState}
 * (draft-state.ts, on the first screen), which this reads and sets; the host re-renders on every
 * change. Browser history is not kept here: moving between steps (and Back) is the element's
 * wiring; this keeps what was typed.
 */
export class DraftController {
  /** The resident's contact details (kept for the browser session, or remembered). */
  contact: Contact = {};
  /** An older unfinished report, offered before it is shown (draft-ask-minutes; issue 22). */
  offered?: Draft;
  /** "Remember my details on this device": contact details kept in localStorage, not only for the session. */
  rememberContact = false;
  private store?: DraftStore;
  private scope?: string;
  private offerView?: typeof import('./offer.js');

  constructor(private readonly state: DraftState) {
    // Opened on the first screen before this arrived, with nothing kept there: the draft shown stays,
    // and a change made meanwhile is saved now. (When what was kept could not be read because this
    // failed to arrive in time, it is opened now, unless the resident has changed something since.)
    if (state.scope !== undefined && (!state.missed || state.unsaved)) {
      this.scope = `${state.scope}|${String(state.maxAgeMs)}`;
      this.store = new DraftStore(state.scope, state.maxAgeMs);
      const unsaved = state.unsaved;
      state.unsaved = undefined;
      if (unsaved && unsaved.step !== 'sent') this.store.save(unsaved);
    }
    state.host.requestUpdate();
  }

  /** The draft shown. */
  get draft(): Draft {
    return this.state.draft;
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
    this.contact = this.offered ? {} : (store.loadContact() ?? {});
    this.rememberContact = store.remembersContact;
    // No draft, but a report answered with a token this session: its confirmation again, with the
    // provisional reference (or the id it has become), still followed by the tracker (issue 22; the
    // later steps read the result and receipt from the session's record).
    this.set((this.offered ? undefined : saved) ?? { ...store.create(), ...(!saved && store.loadSent() ? { step: 'sent' as const } : {}) });
    return { opened: true, ...(saved ? { saved } : {}) };
  }

  /**
   * Gives the kept draft back to the element's children: after a reload (draft.ts has loaded before
   * the first render then), or "Continue it". Each step with something to give back has its element
   * loaded, the service found again, then the place, answers and contact details restored.
   */
  async restore(w: StepWiring): Promise<void> {
    const client = w.client();
    const steps = STEPS.filter((st) => st === this.draft.step || (st !== 'sent' && st !== 'check' && this.hasDraftFor(st)));
    // Read before the first await: a send started on this page meanwhile is not one interrupted by a
    // closed page. (Hostile-corpus tests, issue 10: in Firefox a quick Send was taken for an
    // interrupted one, and "may not have been sent… send it again" showed beside the confirmation.)
    const interrupted = !!this.draft.sending;
    // Send stays busy until that check is done: a press meanwhile could send the report twice (issue 10).
    if (interrupted) (await w.steps())?.submission.holdForCheck();
    await Promise.all(steps.map((st) => w.stepElement(st)));
    const { serviceCode, location, description, attributes } = this.draft;
    if (serviceCode && client) {
      try {
        const services = await client.services();
        await w.restoreService(services.find((s) => s.code === serviceCode));
      } catch {
        // The chooser shows the failure with a retry.
      }
    }
    await this.state.host.updateComplete;
    if (location) w.mapPicker()?.setLocation(location);
    if (description !== undefined || attributes)
      w.questionsForm()?.restore({ ...(description !== undefined ? { description } : {}), ...(attributes ? { attributes } : {}) });
    const contact = this.contact;
    if (Object.keys(contact).length) w.contactForm()?.restore(contact);
    w.fillAssetField();
    // Only now: the request compared with the server's recent ones is built from the restored answers
    // (before, an empty description never matched, and the stored report was sent again: issue 10).
    // A reload while sending: before anything else, find out whether that report arrived.
    if (interrupted) await (await w.steps())?.submission.checkInterrupted();
  }

  /** True when the draft holds something the step's element must be given back. */
  private hasDraftFor(step: Step): boolean {
    const d = this.draft;
    if (step === 'where') return !!d.location;
    if (step === 'what') return !!d.serviceCode;
    if (step === 'details') return d.description !== undefined || !!d.attributes;
    if (step === 'about') return Object.keys(this.contact).length > 0;
    return false;
  }

  /** Replaces the draft shown (not saved). */
  set(draft: Draft): void {
    this.state.set(draft);
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
    this.state.host.requestUpdate();
  }

  /** "Remember my details on this device" ticked or unticked. */
  setRemember(remember: boolean): void {
    this.rememberContact = remember;
    this.setContact(this.contact);
  }

  /**
   * The offer of an older draft ("Continue your unfinished report from 9:46am?"), when there is one:
   * its view (offer.ts) is fetched on first use; offline with it not yet fetched, it is asked for
   * again at the next update (the resident's next action), and until then the fresh report is shown.
   */
  renderOffer(node: Node, resumed: (d: Draft) => void, declined: () => void): TemplateResult | typeof nothing {
    const d = this.offered;
    if (!d) return nothing;
    if (!this.offerView) {
      loadOfferCode().then(
        (m) => {
          this.offerView = m;
          this.state.host.requestUpdate();
        },
        () => undefined,
      );
      return nothing;
    }
    return this.offerView.renderOffer(
      d,
      node,
      () => {
        if (this.takeOffered()) resumed(d);
      },
      () => {
        this.declineOffered();
        declined();
      },
    );
  }

  /** "Continue": the offered draft is shown as a fresh page would show it. */
  takeOffered(): Draft | undefined {
    const d = this.offered;
    if (!d) return undefined;
    this.offered = undefined;
    this.contact = this.store?.loadContact() ?? {};
    this.set(d);
    return d;
  }

  /** "Start again": the offered draft (and its session contact details) are removed. */
  declineOffered(): void {
    this.offered = undefined;
    this.clear();
    this.fresh();
  }

  /** After "Forget this device" (draft-state.ts's `forget()` removed everything): nothing of the last resident is kept. */
  forgot(): void {
    this.contact = {};
    this.rememberContact = false;
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
