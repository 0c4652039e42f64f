import { html, nothing, noChange } from 'lit';
import type { PropertyDeclarations, PropertyValues, TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus, initialState } from '@lit/task';
import { clientFor } from '../../open311/client.js';
import { ClientController } from '../../controllers/client.js';
import type { Open311Client } from '../../open311/client.js';
import { isAbortError, isOpen311Error } from '../../open311/errors.js';
import type { RequestUpdate, ServiceRequest } from '../../open311/models.js';
import { isClosed, statusStage } from '../../open311/status.js';
import { safeHttpUrl } from '../../open311/urls.js';
import { define } from '../../define.js';
import { Open311ErrorEvent, Open311ReferenceEvent, Open311StatusChangeEvent, Open311UpdateSentEvent } from '../../events.js';
import type { Open311ReportOpenEvent } from '../../events.js';
import { ServerElement } from '../server-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { RefreshController } from '../../controllers/refresh.js';
import { setMyReportId } from '../../storage/my-reports.js';
import type { MyReport } from '../../storage/my-reports.js';
import { rememberId, rememberedId } from '../../storage/tokens.js';
import { outcomeWords, stageName, statusWords } from './status-words.js';
import { pendingTimeline, requestTimeline } from './timeline.js';
import type { Timeline, TimelineStage } from './timeline.js';
import { styles } from './status-tracker.styles.js';
import { FollowUpController } from './follow-up.js';
import { MAX_DESCRIPTION, MAX_NAME, MAX_NOTE, MAX_UPDATES, capText, cutNote, newCut, warnCut } from '../server-limits.js';
import type { Cut } from '../server-limits.js';
import { button, dateView, heading, message, statusText } from '../tracker-views.js';
import { trackerBaseStyles } from '../tracker.styles.js';
import { allowedMediaOrigins, isAllowedMedia } from './media.js';
// The "my reports" list is its own element; the tracker shows it with `mine`.
import '../my-reports/my-reports.js';

/** What loading one request gave: the request (and its FMS updates), or "the server does not know it". */
type Loaded =
  | { readonly id: string; readonly found: true; readonly request: ServiceRequest; readonly updates: readonly RequestUpdate[]; readonly checkedAt: Date }
  | { readonly id: string; readonly found: false; readonly checkedAt: Date };

/** A token and the id it became (absent while polling was interrupted). */
interface TokenState {
  readonly token: string;
  readonly id: string;
}

/** Servers seen answering `servicerequestupdates` with 404/403/HTML: not asked again on this page. */
const noUpdatesFrom = new WeakSet<Open311Client>();

/** The parts of the embedded `<open311-my-reports>`, passed on so a council's ::part rules for the tracker reach the list. */
const MY_REPORTS_PARTS = 'heading, status-message, report, button, view-button, refresh-button, forget-button';

/**
 * Shows where a resident's report is, the way a parcel company would: its reference and a timeline
 * of stages (Reported → Received → In progress → Done), with the council's notes, dates and photo.
 *
 * Give it `request-id`, or the `token` a batch server answered with (it polls until the token
 * becomes an id, remembering both in the browser so a reload carries on). With neither it asks for
 * a reference number. With `mine` it lists the reports sent from this browser (it embeds
 * `<open311-my-reports>`, passing its parts on) and shows the one the resident opens.
 * Statuses beyond `open`/`closed` (FixMyStreet's `in_progress`, `duplicate`, …) are put in plain
 * words; unknown ones are placed by best effort and shown as the server wrote them.
 * Where the server offers FixMyStreet's `servicerequestupdates` (say so with `updates`), the resident can add an update
 * ("Still a problem?" on a finished report reopens it); elsewhere the tracker shows
 * `council-phone` / `council-email` and the reference to quote. With `following` the report is
 * someone else's that the resident follows (`<open311-report>`'s "Is it one of these?"): the
 * tracker speaks of "this report", not "your report".
 *
 * @tagname open311-status-tracker
 * @summary The progress of a report: reference, timeline of stages, the council's notes.
 *
 * @fires open311-status-change - A refresh (on demand or automatic) saw the report's status change.
 * @fires open311-reference - The token became a reference (`detail.token`, `detail.serviceRequestId`); cancel it to announce the news yourself.
 * @fires open311-update-sent - The server stored the resident's follow-up (`detail.serviceRequestId`; `detail.kind` `update`, or `reopen` for "Still a problem?").
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
 * @csspart view-button - "View progress" on an entry of "my reports".
 * @csspart forget-button - "Remove this list from this device" under "my reports".
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
export class Open311StatusTracker extends ServerElement {
  static override styles = [hostStyles, trackerBaseStyles, styles];

  static override properties: PropertyDeclarations = {
    lookedUpId: { state: true },
    lookupError: { state: true },
    selected: { state: true },
    announcement: { state: true },
    requestId: { attribute: 'request-id' },
    token: {},
    mine: { type: Boolean, reflect: true },
    following: { type: Boolean },
    refreshInterval: { type: Number, attribute: 'refresh-interval' },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    noUpdates: { type: Boolean, attribute: 'no-updates' },
    updates: { type: Boolean },
    councilPhone: { attribute: 'council-phone' },
    councilEmail: { attribute: 'council-email' },
    mediaOrigins: { attribute: 'media-origins' },
  };

  /** The endpoint's client (its code here from the start: the report is wanted at once). */
  private readonly server = new ClientController(this, { clientFor });

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

  /** Refreshes the report shown every `refresh-interval` seconds while the page is visible; polls a token. */
  private readonly refresher = new RefreshController(this, {
    interval: () => this.refreshInterval,
    next: () => this.refreshable(),
  });

  /** "Still a problem?" / "Add an update" and the form that sends it. */
  private readonly followUps = new FollowUpController(this, {
    client: () => this.activeClient,
    focus: (selector) => {
      this.focusAfterRender = selector;
    },
    sent: (id, kind) => {
      this.dispatchEvent(new Open311UpdateSentEvent(id, kind));
      this.refresh();
    },
  });

  private get referenceInput(): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>('#reference') ?? null;
  }
  private get myReportsList(): HTMLElementTagNameMap['open311-my-reports'] | null {
    return this.renderRoot?.querySelector<HTMLElementTagNameMap['open311-my-reports']>('open311-my-reports') ?? null;
  }

  /** The reference typed in the look-up form. */
  private lookedUpId?: string;
  /** The look-up form's validation message, when the last submit was invalid. */
  private lookupError?: string;
  /** In `mine` mode, the report being looked at. */
  private selected?: MyReport;
  /** Said once by the polite live region (status changes, a token that became a reference). */
  private announcement = '';

  /** The reference (`service_request_id`) of the report to follow. */
  requestId?: string;
  /** The token a batch server gave instead of an id; polled until it becomes one. */
  token?: string;
  /** List the reports sent from this browser instead of one report. */
  mine = false;
  /** The report is someone else's, followed by the resident: "Add an update to this report", not "…to your report". */
  following = false;
  /** Seconds between automatic refreshes while the page is visible and the report is open; 0 turns them off. */
  refreshInterval = 60;
  /** First wait, in ms, between token calls; it doubles each time up to a minute. */
  pollInterval = 2000;
  /** The level of the tracker's main heading (1–6), so it fits the page's outline; sub-headings go one deeper. */
  headingLevel = 2;
  /** Never ask for FixMyStreet's `servicerequestupdates` (nor offer to send one), even with `updates`. */
  noUpdates = false;
  /**
   * The server has FixMyStreet's `servicerequestupdates`: show its updates and offer to add one. Off by
   * default, so other servers are never asked (issue 22: a 404 in the console on every page).
   */
  updates = false;
  /** The council's phone number, offered (with the reference) where the server takes no updates. */
  councilPhone?: string;
  /** The council's email address, offered (with the reference) where the server takes no updates. */
  councilEmail?: string;
  /**
   * Where a report's photo may be shown from, besides the endpoint's own origin (the gateway's,
   * whose `/media` holds uploaded photos): origins separated by spaces, e.g.
   * `https://photos.example.gov.uk https://gateway.example.gov.uk`. A photo anywhere else is only a
   * link, never loaded by the page (a server's `media_url` could be a tracking pixel).
   */
  mediaOrigins?: string;

  /** The last request loaded: kept on screen while a refresh runs or fails. */
  private lastLoaded?: Loaded;
  /** Tasks stopped by a disconnect, to resume when the element comes back. */
  private interrupted: Task<ReadonlyArray<unknown>, unknown>[] = [];
  /** Where to put focus after the next render. */
  private focusAfterRender?: string;
  private hasConnected = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasConnected) {
      for (const task of this.interrupted) void task.run();
      this.interrupted = [];
    }
    this.hasConnected = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Stop polling and fetching: a removed tracker must leave no timers or requests behind (the
    // refresh timer stops with the RefreshController).
    const tasks = [this.tokenTask, this.requestTask] as Task<ReadonlyArray<unknown>, unknown>[];
    this.interrupted = tasks.filter((t) => t.status === TaskStatus.PENDING);
    for (const task of this.interrupted) task.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The page chose another report: a reference typed earlier no longer applies.
    if (this.hasUpdated && (changed.has('requestId') || changed.has('token'))) {
      this.lookedUpId = undefined;
      this.lookupError = undefined;
      this.followUps.reset();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
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
    return this.server.client;
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
    const id = await this.refresher.poll(async () => (await client.tokenToId(token, { signal })).id, { first: this.pollInterval, signal });
    rememberId(client.endpoint, token, id);
    setMyReportId(token, id);
    // A host that says it itself (the report's confirmation) cancels the event: said once.
    if (this.dispatchEvent(new Open311ReferenceEvent(token, id))) {
      this.announcement = msg(str`Your report has been received. Its reference number is ${id}.`, { id: 'report.your-report-has-been-received-its' });
    }
    return { token, id };
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
      if (signal.aborted || isAbortError(e)) throw e;
      if (!(isOpen311Error(e) && e.transient)) noUpdatesFrom.add(client);
      return [];
    }
  }

  /** "Loading your report…", or, for a report the resident follows, "Loading the report…". */
  private loadingText(): string {
    return this.following
      ? msg('Loading the report…', { id: 'tracker.loading-the-report' })
      : msg('Loading your report…', { id: 'tracker.loading-your-report' });
  }

  // --- handlers -------------------------------------------------------------------------------

  private handleLoaded(loaded: Loaded): void {
    const previous = this.lastLoaded;
    this.lastLoaded = loaded;
    this.refresher.checked(loaded.checkedAt.getTime());
    if (loaded.found && previous?.found && previous.id === loaded.id && previous.request.status !== loaded.request.status) {
      const words = statusText(loaded.request.status);
      this.announcement = this.following
        ? msg(str`The status of this report changed to: ${words}.`, { id: 'tracker.status-of-this-report-changed-to' })
        : msg(str`The status of your report changed to: ${words}.`, { id: 'tracker.status-of-your-report-changed-to' });
      this.dispatchEvent(new Open311StatusChangeEvent(loaded.request, previous.request.status));
    }
  }

  private handleFailed(error: unknown): void {
    if (isAbortError(error)) return;
    this.refresher.checked();
    this.dispatchEvent(new Open311ErrorEvent(error, 'status'));
  }

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

  private handleSelect(e: Open311ReportOpenEvent): void {
    this.selected = e.detail.report;
    this.focusAfterRender = '#report-heading';
  }

  private async handleBack(): Promise<void> {
    const previous = this.selected;
    this.selected = undefined;
    await this.updateComplete;
    // Back on the button that opened it, in the list's own shadow root.
    await this.myReportsList?.focusReport(previous?.id ?? previous?.token);
  }

  private handleErrorLink(e: Event): void {
    e.preventDefault();
    this.renderRoot.querySelector('label[for="reference"]')?.scrollIntoView({ block: 'center' });
    this.referenceInput?.focus();
  }

  // --- refresh --------------------------------------------------------------------------------

  /** What an automatic refresh would run now, if anything (the list of "my reports" refreshes itself). */
  private refreshable(): (() => void) | undefined {
    if (this.mine && !this.selected) return undefined;
    const loaded = this.lastLoaded;
    if (!this.trackedId || !loaded || loaded.id !== this.trackedId) return undefined;
    // A closed report rarely moves again: stop asking.
    if (loaded.found && isClosed(loaded.request.status)) return undefined;
    if (this.requestTask.status === TaskStatus.PENDING) return undefined;
    return () => void this.requestTask.run();
  }

  /** Fetches the report (or "my reports") again now. */
  refresh(): void {
    if (this.mine && !this.selected) {
      this.myReportsList?.refresh();
    } else if (this.trackedToken && !this.trackedId) {
      void this.tokenTask.run();
    } else {
      void this.requestTask.run();
    }
  }

  // --- rendering ------------------------------------------------------------------------------

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
      if (this.tokenTask.status === TaskStatus.ERROR && !isAbortError(this.tokenTask.error)) {
        return message(
          msg("We could not reach the council's system to check on your report. Try again in a few minutes.", {
            id: 'tracker.we-could-not-reach-councils-system-2',
          }),
          'error',
        );
      }
      return message(
        msg('Your report is being processed. It will get a reference number in a few minutes; this page updates by itself.', {
          id: 'tracker.your-report-is-being-processed-it',
        }),
      );
    }
    const sameId = this.lastLoaded?.id === this.trackedId;
    switch (this.requestTask.status) {
      case TaskStatus.INITIAL:
      case TaskStatus.PENDING:
        return message(sameId ? msg('Checking for updates…', { id: 'tracker.checking-for-updates' }) : this.loadingText());
      case TaskStatus.ERROR:
        if (isAbortError(this.requestTask.error)) return message(this.loadingText());
        return message(
          sameId
            ? msg("We could not check for updates just now: the council's system is not answering. Try again in a few minutes.", {
                id: 'tracker.we-could-not-check-for-updates',
              })
            : msg("Sorry, we could not get this report from the council's system. It may be down for a while; try again in a few minutes.", {
                id: 'tracker.sorry-we-could-not-get-this',
              }),
          'error',
        );
      case TaskStatus.COMPLETE: {
        const loaded = this.requestTask.value;
        if (loaded && !loaded.found) {
          return message(
            msg(
              str`We could not find a report with the reference ${loaded.id}. Check the reference number. A report sent in the last few minutes may not be listed yet.`,
              { id: 'tracker.we-could-not-find-report-with' },
            ),
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
      const failed = this.tokenTask.status === TaskStatus.ERROR && !isAbortError(this.tokenTask.error);
      return html`
        ${heading(this.headingLevel, 0, msg('Your report is being processed', { id: 'tracker.your-report-is-being-processed' }), 'report-heading')}
        ${this.renderTimeline(pendingTimeline(), undefined)}
        <div class="actions">${failed ? button(msg('Try again', { id: 'map.try-again' }), () => this.refresh(), 'retry-button') : nothing}${this.renderNav()}</div>
      `;
    }
    const loaded = this.lastLoaded?.id === this.trackedId ? this.lastLoaded : undefined;
    const status = this.requestTask.status;
    if (status === TaskStatus.COMPLETE && this.requestTask.value && !this.requestTask.value.found) {
      return html`
        ${heading(this.headingLevel, 0, msg('Report not found', { id: 'tracker.report-not-found' }), 'report-heading')}
        <div class="actions">${button(msg('Try again', { id: 'map.try-again' }), () => this.refresh(), 'retry-button')}${this.renderNav()}</div>
      `;
    }
    if (loaded?.found) return this.renderRequest(loaded);
    if (status === TaskStatus.ERROR && !isAbortError(this.requestTask.error)) {
      return html`<div class="actions">${button(msg('Try again', { id: 'map.try-again' }), () => this.refresh(), 'retry-button')}${this.renderNav()}</div>`;
    }
    return html`<div class="actions">${this.renderNav()}</div>`;
  }

  /** "Look up another report" or "Back to your reports", when the resident chose what to see. */
  private renderNav(): TemplateResult | typeof nothing {
    if (this.mine && this.selected)
      return button(msg('Back to your reports', { id: 'tracker.back-to-your-reports' }), () => void this.handleBack(), 'back-button', 'secondary');
    if (this.lookedUpId)
      return button(
        msg('Look up another report', { id: 'tracker.look-up-another-report' }),
        () => this.handleLookupAgain(),
        'lookup-again-button',
        'secondary',
      );
    return nothing;
  }

  private renderRequest(found: Extract<Loaded, { found: true }>): TemplateResult {
    const { loaded, cut } = this.capped(found);
    const { request, updates } = loaded;
    const timeline = requestTimeline(request, updates);
    const words = statusText(request.status);
    const checked = dateView({ raw: loaded.checkedAt.toISOString(), date: loaded.checkedAt }, this);
    return html`
      ${heading(this.headingLevel, 0, request.serviceName ?? msg('Your report', { id: 'tracker.your-report' }), 'report-heading')}
      <p class="reference">${msg('Reference number:', { id: 'tracker.reference-number' })} <strong>${loaded.id}</strong></p>
      <p class="summary">
        ${msg('Status:', { id: 'tracker.status' })} <strong class="status-words">${words}</strong>
        ${
          !timeline.known && request.status && statusWords(request.status) === undefined
            ? html`<span class="raw-status">${msg(str`(the council's own status: "${request.status}")`, { id: 'tracker.councils-own-status' })}</span>`
            : nothing
        }
      </p>
      ${cut.any ? html`<p class="hint cut-note" part="cut-note">${cutNote()}</p>` : nothing}
      ${heading(this.headingLevel, 1, msg('Progress', { id: 'tracker.progress' }))}
      ${this.renderTimeline(timeline, request)}
      ${heading(this.headingLevel, 1, msg('Details', { id: 'tracker.details' }))}
      ${this.renderDetails(loaded.id, request)}
      ${this.followUps.render({
        id: loaded.id,
        request,
        offersUpdates: this.offersUpdates(),
        headingLevel: this.headingLevel,
        following: this.following,
        ...(this.councilPhone ? { councilPhone: this.councilPhone } : {}),
        ...(this.councilEmail ? { councilEmail: this.councilEmail } : {}),
      })}
      <div class="actions">
        ${button(msg('Check for updates', { id: 'tracker.check-for-updates' }), () => this.refresh(), 'refresh-button')}
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
      stage.state === 'current'
        ? msg('(current stage)', { id: 'tracker.current-stage' })
        : stage.state === 'complete'
          ? msg('(completed)', { id: 'tracker.completed' })
          : msg('(not reached yet)', { id: 'tracker.not-reached-yet' });
    const finished = stage.key === 'done' && stage.state === 'current';
    const notFixed = finished && stage.outcome !== undefined && stage.outcome !== 'fixed';
    const cls = `stage ${stage.state} ${finished ? 'finished' : ''} ${notFixed ? 'not-fixed' : ''}`;
    return html`
      <li class=${cls} part="stage" data-stage=${stage.key} aria-current=${ifDefined(stage.state === 'current' ? 'step' : undefined)}>
        <span class="marker" aria-hidden="true"></span>
        <div class="stage-body">
          <span class="stage-name">${stageName(stage.key, stage.state === 'upcoming' ? undefined : stage.outcome)}</span>
          <span class="visually-hidden">${stateWords}</span>
          ${stage.date ? html`<span class="stage-date">${dateView(stage.date, this)}</span>` : nothing}
          ${stage.expected ? html`<span class="stage-date expected">${msg('Expected by', { id: 'tracker.expected-by' })} ${dateView(stage.expected, this)}</span>` : nothing}
          ${
            stage.key === 'received' && request?.id && stage.state !== 'upcoming'
              ? html`<span class="stage-note">${msg(str`Reference number ${request.id}`, { id: 'tracker.reference-number-with-value' })}</span>`
              : nothing
          }
          ${
            stage.state === 'current' && request && !timeline.known && statusWords(request.status) === undefined && request.status
              ? html`<span class="stage-note raw-status">${msg(str`The council's own status: "${request.status}"`, { id: 'tracker.councils-own-status-with-value' })}</span>`
              : nothing
          }
          ${stage.state === 'current' && request?.statusNotes ? html`<p class="notes">${request.statusNotes}</p>` : nothing}
          ${stage.updates.length ? html`<ul class="updates">${stage.updates.map((u) => this.renderUpdate(u))}</ul>` : nothing}
        </div>
      </li>
    `;
  }

  private renderUpdate(update: RequestUpdate): TemplateResult {
    const media = update.mediaUrls.map(safeHttpUrl).find((u) => u !== undefined);
    return html`<li class="update">
      ${dateView(update.updated, this)}
      ${update.status && update.status !== 'unchanged' ? html`<span class="update-status">${statusText(update.status)}</span>` : nothing}
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
      ${row(msg('Status', { id: 'tracker.status-2' }), outcome && statusWords(request.status) === undefined ? outcomeWords(outcome) : statusText(request.status))}
      ${row(msg('Description', { id: 'report.description' }), request.description)}
      ${row(msg('Location', { id: 'report.location' }), request.address)}
      ${row(msg("The council's notes", { id: 'tracker.councils-notes' }), request.statusNotes)}
      ${row(msg('Dealt with by', { id: 'tracker.dealt-with-by' }), request.agencyResponsible)}
      ${row(msg('Notice', { id: 'tracker.notice' }), request.serviceNotice)}
      ${row(msg('Reported', { id: 'map.reported' }), request.requested ? dateView(request.requested, this) : undefined)}
      ${row(msg('Last updated', { id: 'tracker.last-updated' }), request.updated ? dateView(request.updated, this) : undefined)}
      ${row(msg('Expected by', { id: 'tracker.expected-by' }), request.expected && !isClosed(request.status) ? dateView(request.expected, this) : undefined)}
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

  private hideBrokenImage(e: Event): void {
    (e.target as HTMLImageElement).hidden = true;
  }

  private renderLookup(): TemplateResult {
    const error = this.lookupError;
    const describedBy = error ? 'reference-hint reference-error' : 'reference-hint';
    return html`
      <form class="lookup" part="lookup-form" novalidate @submit=${this.handleLookup}>
        ${heading(this.headingLevel, 0, msg('Check the progress of a report', { id: 'tracker.check-progress-of-report' }))}
        ${
          error
            ? html`<div class="error-summary" tabindex="-1">
              <div role="alert">
                ${heading(this.headingLevel, 1, msg('There is a problem', { id: 'form.there-is-problem' }))}
                <ul><li><a href="#reference" @click=${this.handleErrorLink}>${error}</a></li></ul>
              </div>
            </div>`
            : nothing
        }
        <div class="field ${error ? 'field-error' : ''}">
          <label for="reference" part="label">${msg('Reference number', { id: 'tracker.reference-number-2' })}</label>
          <div id="reference-hint" class="hint" part="hint">${msg('You can find it on the confirmation page or in the email the council sent you.', { id: 'tracker.you-can-find-it-on-confirmation' })}</div>
          ${
            error
              ? html`<p id="reference-error" class="error-message" part="error-message"><span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> ${error}</p>`
              : nothing
          }
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

  /** "My reports" (kept, hidden, while one of them is shown: its place and statuses are there on the way back). */
  private renderMine(): TemplateResult {
    return html`<open311-my-reports
        exportparts=${MY_REPORTS_PARTS}
        ?hidden=${!!this.selected}
        .client=${this.activeClient ?? noChange}
        heading-level=${this.headingLevel}
        refresh-interval=${this.selected ? 0 : this.refreshInterval}
        @open311-report-open=${this.handleSelect}
      ></open311-my-reports
      >${this.selected ? this.renderSingle() : nothing}`;
  }
}

define('open311-status-tracker', Open311StatusTracker);

// "My reports" travels with the tracker, so the drop-in entry gives pages the helper too.
export { addMyReport, forgetMyReports, myReports } from '../../storage/my-reports.js';
export type { MyReport, NewMyReport } from '../../storage/my-reports.js';

declare global {
  interface HTMLElementTagNameMap {
    'open311-status-tracker': Open311StatusTracker;
  }
}
