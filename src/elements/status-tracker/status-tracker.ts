import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { html as staticHtml, literal } from 'lit/static-html.js';
import type { StaticValue } from 'lit/static-html.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus, initialState } from '@lit/task';
import { clientFor } from '../../open311/client.js';
import type { Open311Client } from '../../open311/client.js';
import { isOpen311Error } from '../../open311/errors.js';
import type { Open311Date, RequestUpdate, ServiceRequest } from '../../open311/models.js';
import { isClosed, statusStage } from '../../open311/status.js';
import { safeHttpUrl } from '../../open311/urls.js';
import { define } from '../../define.js';
import { Open311ErrorEvent, Open311ReferenceEvent, Open311StatusChangeEvent } from '../../events.js';
import { LocalizedElement } from '../../i18n/localized-element.js';
import { formatDateTime } from '../../i18n/dates.js';
import { hostStyles } from '../../styles/host.styles.js';
import { MY_REPORTS_KEY, forgetMyReports, myReports, setMyReportId } from './my-reports.js';
import type { MyReport } from './my-reports.js';
import { rememberId, rememberedId } from './storage.js';
import { outcomeWords, stageName, statusWords } from './status-words.js';
import { pendingTimeline, requestTimeline } from './timeline.js';
import type { Timeline, TimelineStage } from './timeline.js';
import { styles } from './status-tracker.styles.js';
import { UPDATE_LIMIT, updateCountText, updateEmailError, updateFailure, updateTextError } from './follow-up.js';
import { clientOptionsOf } from '../client-options.js';
import { MAX_DESCRIPTION, MAX_NAME, MAX_NOTE, MAX_UPDATES, capText, cutNote, newCut, warnCut } from '../server-limits.js';
import type { Cut } from '../server-limits.js';
import { allowedMediaOrigins, isAllowedMedia } from './media.js';

/** What loading one request gave: the request (and its FMS updates), or "the server does not know it". */
type Loaded =
  | { readonly id: string; readonly found: true; readonly request: ServiceRequest; readonly updates: readonly RequestUpdate[]; readonly checkedAt: Date }
  | { readonly id: string; readonly found: false; readonly checkedAt: Date };

/** A token and the id it became (absent while polling was interrupted). */
interface TokenState {
  readonly token: string;
  readonly id: string;
}

/** One line of "my reports". */
interface MineEntry {
  readonly report: MyReport;
  readonly request?: ServiceRequest;
  /** The token has not become an id yet. */
  readonly pending?: boolean;
  /** The server does not know the id (any more). */
  readonly missing?: boolean;
  /** The status could not be fetched just now. */
  readonly failed?: boolean;
}

/** What a resident is adding to a report: "Still a problem?" on a finished one, or an update on an open one. */
type FollowUpKind = 'reopen' | 'update';

/** One follow-up to send (FMS `POST servicerequestupdates`). */
interface FollowUp {
  readonly requestId: string;
  readonly kind: FollowUpKind;
  readonly description: string;
  readonly email?: string;
}

/** The longest wait between two token calls. */
const MAX_POLL_MS = 60_000;
/** The shortest, whatever `poll-interval` says (a 0 would hammer the server). */
const MIN_POLL_MS = 50;
/** "My reports" asks for at most this many statuses at once. */
const MINE_LIMIT = 20;

const HEADINGS: readonly StaticValue[] = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/** Servers seen answering `servicerequestupdates` with 404/403/HTML: not asked again on this page. */
const noUpdatesFrom = new WeakSet<Open311Client>();

function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return !!signal?.aborted || (isOpen311Error(e) && e.kind === 'aborted') || (e instanceof DOMException && e.name === 'AbortError');
}

/** Waits `ms`, unless aborted first. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves once the page is visible: nothing polls a server from a hidden tab. */
function whenVisible(signal: AbortSignal): Promise<void> {
  if (document.visibilityState !== 'hidden') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (): void => {
      document.removeEventListener('visibilitychange', onChange);
      signal.removeEventListener('abort', onAbort);
    };
    const onChange = (): void => {
      if (document.visibilityState === 'hidden') return;
      done();
      resolve();
    };
    const onAbort = (): void => {
      done();
      reject(signal.reason);
    };
    document.addEventListener('visibilitychange', onChange);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Shows where a resident's report is, the way a parcel company would: its reference and a timeline
 * of stages (Reported → Received → In progress → Done), with the council's notes, dates and photo.
 *
 * Give it `request-id`, or the `token` a batch server answered with (it polls until the token
 * becomes an id, remembering both in the browser so a reload carries on). With neither it asks for
 * a reference number. With `mine` it lists the reports sent from this browser (see `addMyReport`).
 * Statuses beyond `open`/`closed` (FixMyStreet's `in_progress`, `duplicate`, …) are put in plain
 * words; unknown ones are placed by best effort and shown as the server wrote them.
 * Where the server offers FixMyStreet's `servicerequestupdates` (say so with `updates`), the resident can add an update
 * ("Still a problem?" on a finished report reopens it); elsewhere the tracker shows
 * `council-phone` / `council-email` and the reference to quote.
 *
 * @tagname open311-status-tracker
 * @summary The progress of a report: reference, timeline of stages, the council's notes.
 *
 * @fires open311-status-change - A refresh (on demand or automatic) saw the report's status change.
 * @fires open311-reference - The token became a reference (`detail.token`, `detail.serviceRequestId`); cancel it to announce the news yourself.
 * @fires open311-error - Loading the report (`detail.kind` `status`) or sending a follow-up (`update`) failed and the resident was told.
 *
 * @csspart heading - Every heading the tracker renders.
 * @csspart timeline - The list of stages.
 * @csspart stage - One stage of the timeline.
 * @csspart details - The list of the report's details.
 * @csspart status-message - Loading, not found, processing and error messages.
 * @csspart button - Every button.
 * @csspart refresh-button - "Check for updates".
 * @csspart lookup-form - The "look up by reference" form.
 * @csspart label - The reference field's label.
 * @csspart hint - The reference field's hint.
 * @csspart input - The reference field.
 * @csspart error-message - The reference field's error.
 * @csspart submit-button - "Find report".
 * @csspart report - One entry of "my reports".
 * @csspart follow-up-button - "Still a problem?" on a finished report, "Add an update" on an open one.
 * @csspart follow-up-form - The form that sends a resident's update (FixMyStreet `servicerequestupdates`).
 * @csspart textarea - The update's text.
 * @csspart character-count - The update's "characters remaining" text.
 * @csspart other-ways - Where the server takes no updates: the council's phone and email, with the reference to quote.
 * @csspart cut-note - The note shown when the server sent text longer (or more updates) than the tracker shows.
 * @csspart photo-link - The link to a report's photo kept on a website not in `media-origins`.
 *
 * @cssproperty --open311-brand - Current stage, buttons, links.
 * @cssproperty --open311-text - Text colour.
 * @cssproperty --open311-muted - Dates, hints, stages not reached yet.
 * @cssproperty --open311-background - Background.
 * @cssproperty --open311-error - Errors.
 * @cssproperty --open311-focus - Focus ring.
 * @cssproperty --open311-font - Font family.
 * @cssproperty --open311-radius - Corner radius of buttons and tags.
 * @cssproperty --open311-space - Base spacing.
 */
export class Open311StatusTracker extends LocalizedElement {
  static override styles = [hostStyles, styles];

  /** Turns a token into an id, polling with back-off; `{token, id}` once known. */
  private readonly tokenTask = new Task<readonly [Open311Client | undefined, string | undefined], TokenState>(this, {
    task: ([client, token], { signal }) => this.resolveToken(client, token, signal),
    args: () => [this.activeClient, this.trackedToken] as const,
  });

  /** Loads the tracked request (and its FMS updates). */
  private readonly requestTask = new Task<readonly [Open311Client | undefined, string | undefined], Loaded>(this, {
    task: ([client, id], { signal }) => this.loadRequest(client, id, signal),
    args: () => [this.activeClient, this.trackedId] as const,
    onComplete: (loaded) => this.handleLoaded(loaded),
    onError: (error) => this.handleFailed(error),
  });

  /** Loads "my reports" and each one's current status. */
  private readonly mineTask = new Task<readonly [Open311Client | undefined, boolean, number], MineEntry[]>(this, {
    task: ([client, mine], { signal }) => this.loadMine(client, mine, signal),
    args: () => [this.activeClient, this.mine, this.mineVersion] as const,
    onComplete: () => this.handleMineLoaded(),
    onError: (error) => this.handleFailed(error),
  });

  /** Sends a resident's follow-up; run on submit only. */
  private readonly followUpTask = new Task<readonly [Open311Client | undefined, FollowUp | undefined], FollowUp | undefined>(this, {
    task: async ([client, followUp], { signal }) => {
      if (!client || !followUp) return undefined;
      await client.postRequestUpdate(
        {
          requestId: followUp.requestId,
          description: followUp.description,
          // FMS reopens with OPEN (the client upper-cases); a plain update leaves the status alone.
          ...(followUp.kind === 'reopen' ? { status: 'open' } : {}),
          ...(followUp.email ? { email: followUp.email } : {}),
        },
        { signal },
      );
      return followUp;
    },
    autoRun: false,
    onComplete: (sent) => this.handleFollowUpSent(sent),
    onError: (error) => {
      if (!isAbort(error)) this.dispatchEvent(new Open311ErrorEvent(error, 'update'));
    },
  });

  @query('#reference') private referenceInput?: HTMLInputElement;

  /** The reference typed in the look-up form. */
  @state() private lookedUpId?: string;
  /** The look-up form's validation message, when the last submit was invalid. */
  @state() private lookupError?: string;
  /** In `mine` mode, the report being looked at. */
  @state() private selected?: MyReport;
  /** Said once by the polite live region (status changes, a token that became a reference). */
  @state() private announcement = '';
  /** Bumped to reload "my reports" (another tab added one, or the list was removed). */
  @state() private mineVersion = 0;
  /** The follow-up form that is open, for the report with this id. */
  @state() private followUp?: { readonly requestId: string; readonly kind: FollowUpKind };
  /** The follow-up's text and email as typed (read from the fields' input events). */
  @state() private followUpText = '';
  @state() private followUpEmail = '';
  /** Validation messages of the follow-up form after a submit. */
  @state() private followUpErrors: { text?: string; email?: string } = {};
  /** The confirmation shown after a follow-up was sent, for the report with this id. */
  @state() private followUpSent?: { readonly requestId: string; readonly text: string };

  /** The GeoReport v2 endpoint base URL (e.g. `https://council.example/open311/v2/`); ignored when `client` is set. */
  @property() endpoint?: string;
  /** Sent as `jurisdiction_id` (multi-jurisdiction endpoints only). */
  @property() jurisdiction?: string;
  /**
   * Where each resource is on servers whose addresses differ from GeoReport v2's
   * `{resource}.{format}`: `{resource}` alone (no suffix), or e.g. `{resource}?format={format}`.
   */
  @property({ attribute: 'path-template' }) pathTemplate?: string;
  /** Send dates without a time zone, for servers that refuse `…Z` (Chicago-style). */
  @property({ type: Boolean, attribute: 'no-date-zone' }) noDateZone = false;
  /** The client to use (the composite passes its own); otherwise one is made from `endpoint`. */
  @property({ attribute: false }) client?: Open311Client;
  /** The reference (`service_request_id`) of the report to follow. */
  @property({ attribute: 'request-id' }) requestId?: string;
  /** The token a batch server gave instead of an id; polled until it becomes one. */
  @property() token?: string;
  /** List the reports sent from this browser instead of one report. */
  @property({ type: Boolean, reflect: true }) mine = false;
  /** Seconds between automatic refreshes while the page is visible and the report is open; 0 turns them off. */
  @property({ type: Number, attribute: 'refresh-interval' }) refreshInterval = 60;
  /** First wait, in ms, between token calls; it doubles each time up to a minute. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 2000;
  /** The level of the tracker's main heading (1–6), so it fits the page's outline; sub-headings go one deeper. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** Never ask for FixMyStreet's `servicerequestupdates` (nor offer to send one), even with `updates`. */
  @property({ type: Boolean, attribute: 'no-updates' }) noUpdates = false;
  /**
   * The server has FixMyStreet's `servicerequestupdates`: show its updates and offer to add one. Off by
   * default, so other servers are never asked (issue 22: a 404 in the console on every page).
   */
  @property({ type: Boolean }) updates = false;
  /** The council's phone number, offered (with the reference) where the server takes no updates. */
  @property({ attribute: 'council-phone' }) councilPhone?: string;
  /** The council's email address, offered (with the reference) where the server takes no updates. */
  @property({ attribute: 'council-email' }) councilEmail?: string;
  /**
   * Where a report's photo may be shown from, besides the endpoint's own origin (the gateway's,
   * whose `/media` holds uploaded photos): origins separated by spaces, e.g.
   * `https://photos.example.gov.uk https://gateway.example.gov.uk`. A photo anywhere else is only a
   * link, never loaded by the page (a server's `media_url` could be a tracking pixel).
   */
  @property({ attribute: 'media-origins' }) mediaOrigins?: string;

  /** The last request loaded: kept on screen while a refresh runs or fails. */
  private lastLoaded?: Loaded;
  /** When the shown data was last fetched (ms since epoch). */
  private lastCheckedAt = 0;
  private refreshTimer?: ReturnType<typeof setTimeout>;
  /** Tasks stopped by a disconnect, to resume when the element comes back. */
  private interrupted: Task<ReadonlyArray<unknown>, unknown>[] = [];
  /** Where to put focus after the next render. */
  private focusAfterRender?: string;
  private hasConnected = false;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.handleVisibility);
    window.addEventListener('storage', this.handleStorage);
    if (this.hasConnected) {
      for (const task of this.interrupted) void task.run();
      this.interrupted = [];
      this.scheduleRefresh();
    }
    this.hasConnected = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.handleVisibility);
    window.removeEventListener('storage', this.handleStorage);
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    // Stop polling and fetching: a removed tracker must leave no timers or requests behind.
    const tasks = [this.tokenTask, this.requestTask, this.mineTask] as Task<ReadonlyArray<unknown>, unknown>[];
    this.interrupted = tasks.filter((t) => t.status === TaskStatus.PENDING);
    for (const task of this.interrupted) task.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The page chose another report: a reference typed earlier no longer applies.
    if (this.hasUpdated && (changed.has('requestId') || changed.has('token'))) {
      this.lookedUpId = undefined;
      this.lookupError = undefined;
      this.followUp = undefined;
      this.followUpSent = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Every render may follow a load, a failure or a change of view: plan the next refresh from it.
    this.scheduleRefresh();
    if (this.focusAfterRender) {
      // Kept until the target exists: after a look-up, the heading only appears once the report loads.
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
      if (target) {
        this.focusAfterRender = undefined;
        target.focus();
      }
    }
  }

  // --- data -----------------------------------------------------------------------------------

  private get activeClient(): Open311Client | undefined {
    if (this.client) return this.client;
    if (!this.endpoint) return undefined;
    return clientFor(clientOptionsOf(this)!);
  }

  /** The token to poll, when there is no id yet. */
  private get trackedToken(): string | undefined {
    if (this.mine) return this.selected && !this.selected.id ? this.selected.token : undefined;
    if (this.requestId || this.lookedUpId) return undefined;
    return this.token || undefined;
  }

  /** The id of the report shown, from the attribute, the look-up form, or a resolved token. */
  private get trackedId(): string | undefined {
    const token = this.trackedToken;
    const value = this.tokenTask.value;
    const fromToken = token && value?.token === token ? value.id : undefined;
    if (this.mine) return this.selected?.id ?? fromToken;
    return this.requestId || this.lookedUpId || fromToken;
  }

  private async resolveToken(client: Open311Client | undefined, token: string | undefined, signal: AbortSignal): Promise<TokenState | typeof initialState> {
    if (!client || !token) return initialState;
    const known = rememberedId(client.endpoint, token);
    if (known) {
      // Told to the page too (a reloaded confirmation shows it), but not said aloud again.
      this.dispatchEvent(new Open311ReferenceEvent(token, known));
      return { token, id: known };
    }
    let wait = Math.max(MIN_POLL_MS, this.pollInterval || 0);
    for (;;) {
      const { id } = await client.tokenToId(token, { signal });
      if (id) {
        rememberId(client.endpoint, token, id);
        setMyReportId(token, id);
        // A host that says it itself (the report's confirmation) cancels the event: said once.
        if (this.dispatchEvent(new Open311ReferenceEvent(token, id))) {
          this.announcement = msg(str`Your report has been received. Its reference number is ${id}.`, { id: 'report.your-report-has-been-received-its' });
        }
        return { token, id };
      }
      await delay(wait, signal);
      await whenVisible(signal);
      wait = Math.min(wait * 2, MAX_POLL_MS);
    }
  }

  private async loadRequest(client: Open311Client | undefined, id: string | undefined, signal: AbortSignal): Promise<Loaded | typeof initialState> {
    if (!client || !id) return initialState;
    let request: ServiceRequest | undefined;
    try {
      request = await client.request(id, { signal });
    } catch (e) {
      // 400 and 410 are how some servers say "no such reference" (a letter in a numeric id…).
      if (!(isOpen311Error(e) && e.kind === 'http' && (e.status === 400 || e.status === 410))) throw e;
    }
    if (!request) return { id, found: false, checkedAt: new Date() };
    const updates = await this.loadUpdates(client, request, signal);
    return { id, found: true, request, updates, checkedAt: new Date() };
  }

  /** FMS `servicerequestupdates` for this request, when the server offers them (an optional extra). */
  private async loadUpdates(client: Open311Client, request: ServiceRequest, signal: AbortSignal): Promise<RequestUpdate[]> {
    if (!this.updates || this.noUpdates || noUpdatesFrom.has(client) || !request.id) return [];
    // Only updates since the report was made: the call returns every report's updates.
    const since = request.requested?.date ? new Date(request.requested.date.getTime() - 60_000) : undefined;
    try {
      const all = await client.requestUpdates(since ? { startDate: since } : {}, { signal });
      return all.filter((u) => u.requestId === request.id);
    } catch (e) {
      if (isAbort(e, signal)) throw e;
      if (!(isOpen311Error(e) && e.transient)) noUpdatesFrom.add(client);
      return [];
    }
  }

  private async loadMine(client: Open311Client | undefined, mine: boolean, signal: AbortSignal): Promise<MineEntry[] | typeof initialState> {
    if (!mine) return initialState;
    const reports = myReports(client?.endpoint);
    if (!client) return reports.map((report) => ({ report, failed: true }));
    const shown = reports.slice(0, MINE_LIMIT);
    return Promise.all(shown.map((report) => this.loadMineEntry(client, report, signal)));
  }

  private async loadMineEntry(client: Open311Client, report: MyReport, signal: AbortSignal): Promise<MineEntry> {
    try {
      let id = report.id ?? (report.token ? rememberedId(client.endpoint, report.token) : undefined);
      if (!id && report.token) {
        id = (await client.tokenToId(report.token, { signal })).id;
        if (id) {
          rememberId(client.endpoint, report.token, id);
          setMyReportId(report.token, id);
        }
      }
      if (!id) return { report, pending: true };
      const request = await client.request(id, { signal });
      return request ? { report: { ...report, id }, request } : { report: { ...report, id }, missing: true };
    } catch (e) {
      if (isAbort(e, signal)) throw e;
      return { report, failed: true };
    }
  }

  // --- handlers -------------------------------------------------------------------------------

  private handleLoaded(loaded: Loaded): void {
    const previous = this.lastLoaded;
    this.lastLoaded = loaded;
    this.lastCheckedAt = loaded.checkedAt.getTime();
    if (loaded.found && previous?.found && previous.id === loaded.id && previous.request.status !== loaded.request.status) {
      const words = this.statusText(loaded.request.status);
      this.announcement = msg(str`The status of your report changed to: ${words}.`, { id: 'tracker.status-of-your-report-changed-to' });
      this.dispatchEvent(new Open311StatusChangeEvent(loaded.request, previous.request.status));
    }
  }

  private handleMineLoaded(): void {
    this.lastCheckedAt = Date.now();
  }

  private handleFailed(error: unknown): void {
    if (isAbort(error)) return;
    this.lastCheckedAt = Date.now();
    this.dispatchEvent(new Open311ErrorEvent(error, 'status'));
  }

  private readonly handleVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      clearTimeout(this.refreshTimer);
      this.refreshTimer = undefined;
    } else {
      this.scheduleRefresh();
    }
  };

  private readonly handleStorage = (e: StorageEvent): void => {
    if (this.mine && (e.key === MY_REPORTS_KEY || e.key === null)) this.mineVersion++;
  };

  private handleLookup(e: SubmitEvent): void {
    e.preventDefault();
    const value = this.referenceInput?.value.trim() ?? '';
    if (!value) {
      this.lookupError = msg('Enter the reference number of your report', { id: 'tracker.enter-reference-number-of-your-report' });
      this.focusAfterRender = '.error-summary';
      return;
    }
    this.lookupError = undefined;
    this.lookedUpId = value;
    this.focusAfterRender = '#report-heading';
  }

  private handleLookupAgain(): void {
    this.lookedUpId = undefined;
    this.lookupError = undefined;
    this.focusAfterRender = '#reference';
  }

  private handleSelect(report: MyReport): void {
    this.selected = report;
    this.focusAfterRender = '#report-heading';
  }

  private handleBack(): void {
    const previous = this.selected;
    this.selected = undefined;
    this.focusAfterRender = previous ? `[data-report="${CSS.escape(previous.id ?? previous.token ?? '')}"]` : '#mine-heading';
  }

  private handleForget(): void {
    forgetMyReports();
    this.mineVersion++;
    this.announcement = msg('The list of your reports has been removed from this device.', { id: 'tracker.list-of-your-reports-has-been' });
  }

  private handleFollowUpOpen(requestId: string, kind: FollowUpKind): void {
    this.followUp = { requestId, kind };
    // The fields are not bound to these (a re-render must never overwrite what is being typed): a new form starts empty.
    this.followUpText = '';
    this.followUpEmail = '';
    this.followUpErrors = {};
    this.followUpSent = undefined;
    this.focusAfterRender = '#follow-up-text';
  }

  private handleFollowUpCancel(): void {
    this.followUpTask.abort();
    this.followUp = undefined;
    this.followUpErrors = {};
    this.focusAfterRender = '.follow-up-button';
  }

  private handleFollowUpInput(e: Event): void {
    const target = e.target as HTMLTextAreaElement | HTMLInputElement;
    if (target.id === 'follow-up-text') {
      this.followUpText = target.value;
      if (this.followUpErrors.text) this.followUpErrors = { ...this.followUpErrors, text: updateTextError(this.followUpText) };
    } else {
      this.followUpEmail = target.value;
      if (this.followUpErrors.email) this.followUpErrors = { ...this.followUpErrors, email: updateEmailError(this.followUpEmail) };
    }
  }

  private handleFollowUpSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const open = this.followUp;
    if (!open || this.followUpTask.status === TaskStatus.PENDING) return;
    const errors = { text: updateTextError(this.followUpText), email: updateEmailError(this.followUpEmail) };
    this.followUpErrors = errors;
    if (errors.text || errors.email) {
      this.focusAfterRender = errors.text ? '#follow-up-text' : '#follow-up-email';
      return;
    }
    const email = this.followUpEmail.trim();
    void this.followUpTask.run([this.activeClient, { ...open, description: this.followUpText.trim(), ...(email ? { email } : {}) }]);
  }

  private handleFollowUpSent(sent: FollowUp | undefined): void {
    if (!sent) return;
    const text =
      sent.kind === 'reopen'
        ? msg(str`Thank you. The council has been told the problem is still there (reference number ${sent.requestId}).`, { id: 'tracker.thank-you-council-has-been-told' })
        : msg(str`Thank you. Your update has been added to your report (reference number ${sent.requestId}).`, { id: 'tracker.thank-you-your-update-has-been' });
    this.followUp = undefined;
    this.followUpText = '';
    this.followUpEmail = '';
    this.followUpErrors = {};
    this.followUpSent = { requestId: sent.requestId, text };
    this.focusAfterRender = '.follow-up-button';
    this.refresh();
  }

  private handleErrorLink(e: Event): void {
    e.preventDefault();
    this.renderRoot.querySelector('label[for="reference"]')?.scrollIntoView({ block: 'center' });
    this.referenceInput?.focus();
  }

  // --- refresh --------------------------------------------------------------------------------

  /** The task an automatic refresh would run now, if any. */
  private refreshable(): Task<ReadonlyArray<unknown>, unknown> | undefined {
    if (this.mine && !this.selected) return this.mineTask as Task<ReadonlyArray<unknown>, unknown>;
    const loaded = this.lastLoaded;
    if (!this.trackedId || !loaded || loaded.id !== this.trackedId) return undefined;
    // A closed report rarely moves again: stop asking.
    if (loaded.found && isClosed(loaded.request.status)) return undefined;
    return this.requestTask as Task<ReadonlyArray<unknown>, unknown>;
  }

  /** Plans the next automatic refresh: only while connected, visible and something can change. */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    if (!this.isConnected || !(this.refreshInterval > 0) || document.visibilityState === 'hidden') return;
    const task = this.refreshable();
    if (!task || task.status === TaskStatus.PENDING) return;
    const due = this.lastCheckedAt + this.refreshInterval * 1000 - Date.now();
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void task.run();
    }, Math.max(0, due));
  }

  /** Fetches the report (or "my reports") again now. */
  refresh(): void {
    if (this.mine && !this.selected) {
      void this.mineTask.run();
    } else if (this.trackedToken && !this.trackedId) {
      void this.tokenTask.run();
    } else {
      void this.requestTask.run();
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  private statusText(status: string | undefined): string {
    return statusWords(status) ?? status ?? msg('Unknown', { id: 'tracker.unknown' });
  }

  private formatDate(value: Open311Date | undefined): TemplateResult | typeof nothing {
    if (!value) return nothing;
    if (!value.date) return html`<span class="date">${value.raw}</span>`;
    // The same words as the confirmation's "Sent" line, in the page's language (issue 22).
    const text = formatDateTime(value.date, this);
    return html`<time class="date" datetime=${value.date.toISOString()}>${text}</time>`;
  }

  private heading(offset: number, content: unknown, id?: string): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel || 2) + offset));
    const tag = HEADINGS[level - 1];
    return staticHtml`<${tag} class="heading" part="heading" id=${ifDefined(id)} tabindex=${ifDefined(id ? '-1' : undefined)}>${content}</${tag}>`;
  }

  private renderMessage(text: string, kind: 'info' | 'error' = 'info'): TemplateResult {
    return html`<p class="message ${kind}" part="status-message">${text}</p>`;
  }

  private renderButton(label: string, onClick: () => void, extra = '', cls = ''): TemplateResult {
    return html`<button type="button" class="button ${cls}" part="button ${extra}" @click=${onClick}>${label}</button>`;
  }

  override render(): TemplateResult {
    return html`
      <div class="tracker">${this.mine ? this.renderMine() : this.renderSingle()}</div>
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</p>
    `;
  }

  private renderSingle(): TemplateResult | typeof nothing {
    if (!this.activeClient) return nothing;
    if (!this.trackedId && !this.trackedToken) return this.renderLookup();
    return html`<div role="status" aria-live="polite" class="status-region">${this.renderStateMessage()}</div>${this.renderBody()}`;
  }

  /** The short message in the live region: what is happening now. */
  private renderStateMessage(): TemplateResult | typeof nothing {
    if (!this.trackedId) {
      if (this.tokenTask.status === TaskStatus.ERROR && !isAbort(this.tokenTask.error)) {
        return this.renderMessage(msg("We could not reach the council's system to check on your report. Try again in a few minutes.", { id: 'tracker.we-could-not-reach-councils-system-2' }), 'error');
      }
      return this.renderMessage(msg('Your report is being processed. It will get a reference number in a few minutes; this page updates by itself.', { id: 'tracker.your-report-is-being-processed-it' }));
    }
    const sameId = this.lastLoaded?.id === this.trackedId;
    switch (this.requestTask.status) {
      case TaskStatus.INITIAL:
      case TaskStatus.PENDING:
        return this.renderMessage(sameId ? msg('Checking for updates…', { id: 'tracker.checking-for-updates' }) : msg('Loading your report…', { id: 'tracker.loading-your-report' }));
      case TaskStatus.ERROR:
        if (isAbort(this.requestTask.error)) return this.renderMessage(msg('Loading your report…', { id: 'tracker.loading-your-report' }));
        return this.renderMessage(
          sameId
            ? msg("We could not check for updates just now: the council's system is not answering. Try again in a few minutes.", { id: 'tracker.we-could-not-check-for-updates' })
            : msg("Sorry, we could not get this report from the council's system. It may be down for a while; try again in a few minutes.", { id: 'tracker.sorry-we-could-not-get-this' }),
          'error',
        );
      case TaskStatus.COMPLETE: {
        const loaded = this.requestTask.value;
        if (loaded && !loaded.found) {
          return this.renderMessage(
            msg(str`We could not find a report with the reference ${loaded.id}. Check the reference number. A report sent in the last few minutes may not be listed yet.`, { id: 'tracker.we-could-not-find-report-with' }),
            'error',
          );
        }
        return nothing;
      }
    }
    return nothing;
  }

  private renderBody(): TemplateResult | typeof nothing {
    if (!this.trackedId) {
      const failed = this.tokenTask.status === TaskStatus.ERROR && !isAbort(this.tokenTask.error);
      return html`
        ${this.heading(0, msg('Your report is being processed', { id: 'tracker.your-report-is-being-processed' }), 'report-heading')}
        ${this.renderTimeline(pendingTimeline(), undefined)}
        <div class="actions">${failed ? this.renderButton(msg('Try again', { id: 'map.try-again' }), () => this.refresh(), 'retry-button') : nothing}${this.renderNav()}</div>
      `;
    }
    const loaded = this.lastLoaded?.id === this.trackedId ? this.lastLoaded : undefined;
    const status = this.requestTask.status;
    if (status === TaskStatus.COMPLETE && this.requestTask.value && !this.requestTask.value.found) {
      return html`
        ${this.heading(0, msg('Report not found', { id: 'tracker.report-not-found' }), 'report-heading')}
        <div class="actions">${this.renderButton(msg('Try again', { id: 'map.try-again' }), () => this.refresh(), 'retry-button')}${this.renderNav()}</div>
      `;
    }
    if (loaded?.found) return this.renderRequest(loaded);
    if (status === TaskStatus.ERROR && !isAbort(this.requestTask.error)) {
      return html`<div class="actions">${this.renderButton(msg('Try again', { id: 'map.try-again' }), () => this.refresh(), 'retry-button')}${this.renderNav()}</div>`;
    }
    return html`<div class="actions">${this.renderNav()}</div>`;
  }

  /** "Look up another report" or "Back to your reports", when the resident chose what to see. */
  private renderNav(): TemplateResult | typeof nothing {
    if (this.mine && this.selected) return this.renderButton(msg('Back to your reports', { id: 'tracker.back-to-your-reports' }), () => this.handleBack(), 'back-button', 'secondary');
    if (this.lookedUpId) return this.renderButton(msg('Look up another report', { id: 'tracker.look-up-another-report' }), () => this.handleLookupAgain(), 'lookup-again-button', 'secondary');
    return nothing;
  }

  private renderRequest(found: Extract<Loaded, { found: true }>): TemplateResult {
    const { loaded, cut } = this.capped(found);
    const { request, updates } = loaded;
    const timeline = requestTimeline(request, updates);
    const words = this.statusText(request.status);
    const checked = this.formatDate({ raw: loaded.checkedAt.toISOString(), date: loaded.checkedAt });
    return html`
      ${this.heading(0, request.serviceName ?? msg('Your report', { id: 'tracker.your-report' }), 'report-heading')}
      <p class="reference">${msg('Reference number:', { id: 'tracker.reference-number' })} <strong>${loaded.id}</strong></p>
      <p class="summary">
        ${msg('Status:', { id: 'tracker.status' })} <strong class="status-words">${words}</strong>
        ${!timeline.known && request.status && statusWords(request.status) === undefined
          ? html`<span class="raw-status">${msg(str`(the council's own status: "${request.status}")`, { id: 'tracker.councils-own-status' })}</span>`
          : nothing}
      </p>
      ${cut.any ? html`<p class="hint cut-note" part="cut-note">${cutNote()}</p>` : nothing}
      ${this.heading(1, msg('Progress', { id: 'tracker.progress' }))}
      ${this.renderTimeline(timeline, request)}
      ${this.heading(1, msg('Details', { id: 'tracker.details' }))}
      ${this.renderDetails(loaded.id, request)}
      ${this.renderFollowUp(loaded.id, request)}
      <div class="actions">
        ${this.renderButton(msg('Check for updates', { id: 'tracker.check-for-updates' }), () => this.refresh(), 'refresh-button')}
        ${this.renderNav()}
        <span class="checked">${msg('Last checked:', { id: 'tracker.last-checked' })} ${checked}</span>
      </div>
    `;
  }

  private renderTimeline(timeline: Timeline, request: ServiceRequest | undefined): TemplateResult {
    return html`<ol class="timeline" part="timeline">
      ${timeline.stages.map((stage) => this.renderStage(stage, timeline, request))}
    </ol>`;
  }

  private renderStage(stage: TimelineStage, timeline: Timeline, request: ServiceRequest | undefined): TemplateResult {
    const stateWords =
      stage.state === 'current' ? msg('(current stage)', { id: 'tracker.current-stage' }) : stage.state === 'complete' ? msg('(completed)', { id: 'tracker.completed' }) : msg('(not reached yet)', { id: 'tracker.not-reached-yet' });
    const finished = stage.key === 'done' && stage.state === 'current';
    const notFixed = finished && stage.outcome !== undefined && stage.outcome !== 'fixed';
    const cls = `stage ${stage.state} ${finished ? 'finished' : ''} ${notFixed ? 'not-fixed' : ''}`;
    return html`
      <li class=${cls} part="stage" data-stage=${stage.key} aria-current=${ifDefined(stage.state === 'current' ? 'step' : undefined)}>
        <span class="marker" aria-hidden="true"></span>
        <div class="stage-body">
          <span class="stage-name">${stageName(stage.key, stage.state === 'upcoming' ? undefined : stage.outcome)}</span>
          <span class="visually-hidden">${stateWords}</span>
          ${stage.date ? html`<span class="stage-date">${this.formatDate(stage.date)}</span>` : nothing}
          ${stage.expected ? html`<span class="stage-date expected">${msg('Expected by', { id: 'tracker.expected-by' })} ${this.formatDate(stage.expected)}</span>` : nothing}
          ${stage.key === 'received' && request?.id && stage.state !== 'upcoming'
            ? html`<span class="stage-note">${msg(str`Reference number ${request.id}`, { id: 'tracker.reference-number-with-value' })}</span>`
            : nothing}
          ${stage.state === 'current' && request && !timeline.known && statusWords(request.status) === undefined && request.status
            ? html`<span class="stage-note raw-status">${msg(str`The council's own status: "${request.status}"`, { id: 'tracker.councils-own-status-with-value' })}</span>`
            : nothing}
          ${stage.state === 'current' && request?.statusNotes ? html`<p class="notes">${request.statusNotes}</p>` : nothing}
          ${stage.updates.length ? html`<ul class="updates">${stage.updates.map((u) => this.renderUpdate(u))}</ul>` : nothing}
        </div>
      </li>
    `;
  }

  private renderUpdate(update: RequestUpdate): TemplateResult {
    const media = update.mediaUrls.map(safeHttpUrl).find((u) => u !== undefined);
    return html`<li class="update">
      ${this.formatDate(update.updated)}
      ${update.status && update.status !== 'unchanged' ? html`<span class="update-status">${this.statusText(update.status)}</span>` : nothing}
      ${update.description ? html`<p class="notes">${update.description}</p>` : nothing}
      ${media ? html`<a href=${media} rel="noopener noreferrer" target="_blank">${msg('Photo with this update (opens in a new tab)', { id: 'tracker.photo-with-this-update-opens-in' })}</a>` : nothing}
    </li>`;
  }

  private renderDetails(id: string, request: ServiceRequest): TemplateResult {
    const row = (label: string, value: unknown): TemplateResult | typeof nothing =>
      value === undefined || value === nothing || value === '' ? nothing : html`<div class="row"><dt>${label}</dt><dd>${value}</dd></div>`;
    const media = request.mediaUrls.map(safeHttpUrl).find((u) => u !== undefined);
    const outcome = statusStage(request.status).outcome;
    const shown = media !== undefined && isAllowedMedia(media, allowedMediaOrigins(this.activeClient?.endpoint, this.mediaOrigins));
    return html`<dl class="details" part="details">
      ${row(msg('Reference number', { id: 'tracker.reference-number-2' }), id)}
      ${row(msg('Problem', { id: 'report.problem' }), request.serviceName ?? request.serviceCode)}
      ${row(msg('Status', { id: 'tracker.status-2' }), outcome && statusWords(request.status) === undefined ? outcomeWords(outcome) : this.statusText(request.status))}
      ${row(msg('Description', { id: 'report.description' }), request.description)}
      ${row(msg('Location', { id: 'report.location' }), request.address)}
      ${row(msg("The council's notes", { id: 'tracker.councils-notes' }), request.statusNotes)}
      ${row(msg('Dealt with by', { id: 'tracker.dealt-with-by' }), request.agencyResponsible)}
      ${row(msg('Notice', { id: 'tracker.notice' }), request.serviceNotice)}
      ${row(msg('Reported', { id: 'map.reported' }), request.requested ? this.formatDate(request.requested) : undefined)}
      ${row(msg('Last updated', { id: 'tracker.last-updated' }), request.updated ? this.formatDate(request.updated) : undefined)}
      ${row(msg('Expected by', { id: 'tracker.expected-by' }), request.expected && !isClosed(request.status) ? this.formatDate(request.expected) : undefined)}
      ${row(
        msg('Photo', { id: 'report.photo' }),
        shown
          ? html`<a class="photo" href=${media} rel="noopener noreferrer" target="_blank">
              <img src=${media} alt=${msg('Photo sent with the report', { id: 'tracker.photo-sent-with-report' })} loading="lazy" referrerpolicy="no-referrer" @error=${this.hideBrokenImage} />
              <span>${msg('Open the photo (opens in a new tab)', { id: 'tracker.open-photo-opens-in-new-tab' })}</span>
            </a>`
          : media
            ? // Not from the council's own places: a link the resident may follow, never loaded by the page.
              html`<a class="photo-link" part="photo-link" href=${media} rel="noopener noreferrer" target="_blank">${msg('View the photo (opens another website)', { id: 'tracker.view-photo-opens-another-website' })}</a>`
            : undefined,
      )}
    </dl>`;
  }

  private cappedCache = new WeakMap<Loaded, { loaded: Extract<Loaded, { found: true }>; cut: Cut }>();

  /**
   * The report with its texts shortened and at most {@link MAX_UPDATES} updates (the latest), once
   * per load (issue 17: a 4.9 MB description froze the page).
   */
  private capped(loaded: Extract<Loaded, { found: true }>): { loaded: Extract<Loaded, { found: true }>; cut: Cut } {
    const known = this.cappedCache.get(loaded);
    if (known) return known;
    const cut = newCut();
    const r = loaded.request;
    const request: ServiceRequest = {
      ...r,
      serviceName: capText(r.serviceName, MAX_NAME, cut, 'service_name'),
      serviceCode: capText(r.serviceCode, MAX_NAME, cut, 'service_code'),
      status: capText(r.status, MAX_NAME, cut, 'status'),
      description: capText(r.description, MAX_NOTE, cut, 'description'),
      statusNotes: capText(r.statusNotes, MAX_NOTE, cut, 'status_notes'),
      agencyResponsible: capText(r.agencyResponsible, MAX_NAME, cut, 'agency_responsible'),
      serviceNotice: capText(r.serviceNotice, MAX_DESCRIPTION, cut, 'service_notice'),
      address: capText(r.address, MAX_DESCRIPTION, cut, 'address'),
      mediaUrls: r.mediaUrls.slice(0, 10),
    };
    let updates = loaded.updates;
    if (updates.length > MAX_UPDATES) {
      cut.any = true;
      cut.what.add(`updates of one request: ${updates.length}, more than ${MAX_UPDATES}`);
      updates = [...updates].sort((a, b) => (a.updated?.date?.getTime() ?? 0) - (b.updated?.date?.getTime() ?? 0)).slice(-MAX_UPDATES);
    }
    updates = updates.map((u) => ({
      ...u,
      status: capText(u.status, MAX_NAME, cut, 'update status'),
      description: capText(u.description, MAX_NOTE, cut, 'update description'),
      mediaUrls: u.mediaUrls.slice(0, 10),
    }));
    const out = { loaded: { ...loaded, request, updates }, cut };
    this.cappedCache.set(loaded, out);
    warnCut(this, cut);
    return out;
  }

  /** Whether the server takes FMS updates (its `servicerequestupdates` GET did not answer 404/4xx). */
  private offersUpdates(): boolean {
    const client = this.activeClient;
    return !!client && this.updates && !this.noUpdates && !noUpdatesFrom.has(client);
  }

  /** "Still a problem?" / "Add an update", its form, or the council's other ways where the server takes no updates. */
  private renderFollowUp(id: string, request: ServiceRequest): TemplateResult {
    const kind: FollowUpKind = isClosed(request.status) ? 'reopen' : 'update';
    const open = this.followUp?.requestId === id ? this.followUp : undefined;
    const sent = this.followUpSent?.requestId === id ? this.followUpSent.text : undefined;
    const pending = !!open && this.followUpTask.status === TaskStatus.PENDING;
    const label = kind === 'reopen' ? msg('Still a problem?', { id: 'tracker.still-problem' }) : msg('Add an update', { id: 'tracker.add-update' });
    return html`<div class="follow-up">
      <div role="status" aria-live="polite" class="follow-up-status">
        ${sent ? this.renderMessage(sent) : pending ? this.renderMessage(msg('Sending your update…', { id: 'tracker.sending-your-update' })) : nothing}
      </div>
      ${!this.offersUpdates()
        ? this.renderOtherWays(id, kind)
        : open
          ? this.renderFollowUpForm(open.kind)
          : this.renderButton(label, () => this.handleFollowUpOpen(id, kind), 'follow-up-button', 'secondary follow-up-button')}
    </div>`;
  }

  private renderFollowUpForm(kind: FollowUpKind): TemplateResult {
    const { text: textError, email: emailError } = this.followUpErrors;
    const failed = this.followUpTask.status === TaskStatus.ERROR && !isAbort(this.followUpTask.error);
    const over = this.followUpText.length > UPDATE_LIMIT;
    const textDescribedBy = textError ? 'follow-up-hint follow-up-text-error follow-up-count' : 'follow-up-hint follow-up-count';
    const emailDescribedBy = emailError ? 'follow-up-email-hint follow-up-email-error' : 'follow-up-email-hint';
    const error = (id: string, text: string): TemplateResult =>
      html`<p id=${id} class="error-message" part="error-message"><span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> ${text}</p>`;
    return html`<form class="follow-up-form" part="follow-up-form" novalidate aria-labelledby="follow-up-heading" @submit=${this.handleFollowUpSubmit}>
      ${this.heading(1, kind === 'reopen' ? msg('Tell the council the problem is still there', { id: 'tracker.tell-council-problem-is-still-there' }) : msg('Add an update to your report', { id: 'tracker.add-update-to-your-report' }), 'follow-up-heading')}
      <div class="field ${textError ? 'field-error' : ''}">
        <label for="follow-up-text" part="label">${kind === 'reopen' ? msg('What is still wrong?', { id: 'tracker.what-is-still-wrong' }) : msg('Your update', { id: 'tracker.your-update' })}</label>
        <div id="follow-up-hint" class="hint" part="hint">${msg('Do not include personal details such as your name or phone number.', { id: 'tracker.do-not-include-personal-details-such' })}</div>
        ${textError ? error('follow-up-text-error', textError) : nothing}
        <textarea
          id="follow-up-text"
          name="description"
          part="textarea"
          rows="5"
          aria-describedby=${textDescribedBy}
          aria-invalid=${textError ? 'true' : 'false'}
          @input=${this.handleFollowUpInput}
        ></textarea>
        <div id="follow-up-count" class="count ${over ? 'count-over' : ''}" part="character-count">${updateCountText(this.followUpText.length)}</div>
      </div>
      <div class="field ${emailError ? 'field-error' : ''}">
        <label for="follow-up-email" part="label">${msg('Email address (optional)', { id: 'tracker.email-address-optional' })}</label>
        <div id="follow-up-email-hint" class="hint" part="hint">${msg('So the council can reply to you.', { id: 'tracker.so-council-can-reply-to-you' })}</div>
        ${emailError ? error('follow-up-email-error', emailError) : nothing}
        <input
          id="follow-up-email"
          name="email"
          part="input"
          type="email"
          autocomplete="email"
          spellcheck="false"
          aria-describedby=${emailDescribedBy}
          aria-invalid=${emailError ? 'true' : 'false'}
          @input=${this.handleFollowUpInput}
        />
      </div>
      <div role="alert" class="follow-up-alert">${failed ? this.renderMessage(updateFailure(this.followUpTask.error), 'error') : nothing}</div>
      <div class="actions">
        <button type="submit" class="button" part="button submit-button follow-up-submit">${failed ? msg('Try again', { id: 'map.try-again' }) : msg('Send update', { id: 'tracker.send-update' })}</button>
        ${this.renderButton(msg('Cancel', { id: 'tracker.cancel' }), () => this.handleFollowUpCancel(), 'follow-up-cancel', 'secondary')}
      </div>
    </form>`;
  }

  /** Where the server takes no updates: the council's phone and email, and the reference to quote. */
  private renderOtherWays(id: string, kind: FollowUpKind): TemplateResult {
    const phone = this.councilPhone?.trim();
    const email = this.councilEmail?.trim();
    const lead =
      kind === 'reopen'
        ? msg(str`To tell the council it is still a problem, contact them and quote reference number ${id}.`, { id: 'tracker.to-tell-council-it-is-still' })
        : msg(str`To add to your report, contact the council and quote reference number ${id}.`, { id: 'tracker.to-add-to-your-report-contact' });
    const subject = encodeURIComponent(msg(str`Reference number ${id}`, { id: 'tracker.reference-number-with-value' }));
    return html`<div class="other-ways" part="other-ways">
      <p>${lead}</p>
      ${phone || email
        ? html`<ul>
            ${phone ? html`<li>${msg('Phone:', { id: 'report.phone' })} <a href=${`tel:${phone.replace(/[^\d+]/g, '')}`}>${phone}</a></li>` : nothing}
            ${email ? html`<li>${msg('Email:', { id: 'report.email' })} <a href=${`mailto:${email}?subject=${subject}`}>${email}</a></li>` : nothing}
          </ul>`
        : nothing}
    </div>`;
  }

  private hideBrokenImage(e: Event): void {
    (e.target as HTMLImageElement).hidden = true;
  }

  private renderLookup(): TemplateResult {
    const error = this.lookupError;
    const describedBy = error ? 'reference-hint reference-error' : 'reference-hint';
    return html`
      <form class="lookup" part="lookup-form" novalidate @submit=${this.handleLookup}>
        ${this.heading(0, msg('Check the progress of a report', { id: 'tracker.check-progress-of-report' }))}
        ${error
          ? html`<div class="error-summary" tabindex="-1">
              <div role="alert">
                ${this.heading(1, msg('There is a problem', { id: 'form.there-is-problem' }))}
                <ul><li><a href="#reference" @click=${this.handleErrorLink}>${error}</a></li></ul>
              </div>
            </div>`
          : nothing}
        <div class="field ${error ? 'field-error' : ''}">
          <label for="reference" part="label">${msg('Reference number', { id: 'tracker.reference-number-2' })}</label>
          <div id="reference-hint" class="hint" part="hint">${msg('You can find it on the confirmation page or in the email the council sent you.', { id: 'tracker.you-can-find-it-on-confirmation' })}</div>
          ${error
            ? html`<p id="reference-error" class="error-message" part="error-message"><span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> ${error}</p>`
            : nothing}
          <input
            id="reference"
            name="reference"
            part="input"
            type="text"
            autocomplete="off"
            spellcheck="false"
            aria-describedby=${describedBy}
            aria-invalid=${error ? 'true' : 'false'}
          />
        </div>
        <button type="submit" class="button" part="button submit-button">${msg('Find report', { id: 'tracker.find-report' })}</button>
      </form>
    `;
  }

  private renderMine(): TemplateResult | typeof nothing {
    if (this.selected) return this.renderSingle();
    const entries = this.mineTask.value;
    const status = this.mineTask.status;
    const message =
      status === TaskStatus.PENDING || status === TaskStatus.INITIAL
        ? this.renderMessage(entries ? msg('Checking for updates…', { id: 'tracker.checking-for-updates' }) : msg('Loading your reports…', { id: 'tracker.loading-your-reports' }))
        : status === TaskStatus.ERROR && !isAbort(this.mineTask.error)
          ? this.renderMessage(msg("We could not check your reports just now. Try again in a few minutes.", { id: 'tracker.we-could-not-check-your-reports' }), 'error')
          : nothing;
    return html`
      ${this.heading(0, msg('Your reports', { id: 'tracker.your-reports' }), 'mine-heading')}
      <p class="hint">${msg('Reports sent from this device. Only this browser keeps this list.', { id: 'tracker.reports-sent-from-this-device-only' })}</p>
      <div role="status" aria-live="polite" class="status-region">${message}</div>
      ${entries
        ? entries.length
          ? html`<ul class="my-reports">${entries.map((entry) => this.renderMineEntry(entry))}</ul>`
          : html`<p class="empty">${msg('You have not sent any reports from this device.', { id: 'tracker.you-have-not-sent-any-reports' })}</p>`
        : nothing}
      <div class="actions">
        ${this.renderButton(msg('Check for updates', { id: 'tracker.check-for-updates' }), () => this.refresh(), 'refresh-button')}
        ${entries?.length ? this.renderButton(msg('Remove this list from this device', { id: 'tracker.remove-this-list-from-this-device' }), () => this.handleForget(), 'forget-button', 'secondary') : nothing}
      </div>
    `;
  }

  private renderMineEntry(entry: MineEntry): TemplateResult {
    const { report, request } = entry;
    const name = request?.serviceName ?? report.serviceName ?? report.serviceCode ?? msg('Report', { id: 'tracker.report' });
    const id = request?.id ?? report.id;
    const sent = this.formatDate({ raw: report.submittedAt, date: new Date(report.submittedAt) });
    const stage = request ? statusStage(request.status) : undefined;
    const tag = entry.pending
      ? msg('Being processed', { id: 'tracker.being-processed' })
      : entry.missing
        ? msg('Not found', { id: 'tracker.not-found' })
        : entry.failed || !request
          ? msg('Status not available', { id: 'tracker.status-not-available' })
          : this.statusText(request.status);
    const tagClass = stage ? `tag ${stage.stage}${stage.outcome && stage.outcome !== 'fixed' ? ' not-fixed' : ''}` : 'tag';
    return html`<li class="report" part="report">
      ${this.heading(1, name)}
      <p class="report-meta">
        ${msg('Sent', { id: 'report.sent' })} ${sent}${id ? html` · ${msg(str`Reference number ${id}`, { id: 'tracker.reference-number-with-value' })}` : nothing}
      </p>
      <p><span class="visually-hidden">${msg('Status:', { id: 'tracker.status' })}</span> <strong class=${tagClass}>${tag}</strong></p>
      <button type="button" class="button secondary" part="button view-button" data-report=${report.id ?? report.token ?? ''} @click=${() => this.handleSelect({ ...report, ...(id ? { id } : {}) })}>
        ${msg('View progress', { id: 'tracker.view-progress' })}<span class="visually-hidden"> ${msg(str`of the report "${name}"`, { id: 'tracker.of-report' })}</span>
      </button>
    </li>`;
  }
}

define('open311-status-tracker', Open311StatusTracker);

// "My reports" travels with the tracker, so the drop-in entry gives pages the helper too.
export { addMyReport, forgetMyReports, myReports } from './my-reports.js';
export type { MyReport, NewMyReport } from './my-reports.js';

declare global {
  interface HTMLElementTagNameMap {
    'open311-status-tracker': Open311StatusTracker;
  }
}
