import { html, nothing } from 'lit';
import type { PropertyDeclarations, TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus, initialState } from '@lit/task';
import { clientFor } from '../../open311/client.js';
import type { Open311Client } from '../../open311/client.js';
import { isAbortError } from '../../open311/errors.js';
import type { ServiceRequest } from '../../open311/models.js';
import { statusStage } from '../../open311/status.js';
import { define } from '../../define.js';
import { Open311ErrorEvent, Open311ReportOpenEvent } from '../../events.js';
import { ServerElement } from '../server-element.js';
import { ClientController } from '../../controllers/client.js';
import { hostStyles } from '../../styles/host.styles.js';
import { RefreshController } from '../../controllers/refresh.js';
import { MY_REPORTS_KEY, forgetMyReports, myReports, setMyReportId } from '../../storage/my-reports.js';
import type { MyReport } from '../../storage/my-reports.js';
import { rememberId, rememberedId } from '../../storage/tokens.js';
import { button, dateView, heading, message, statusText } from '../tracker-views.js';
import { trackerBaseStyles } from '../tracker.styles.js';
import { styles } from './my-reports.styles.js';

/** One line of the list. */
interface Entry {
  readonly report: MyReport;
  readonly request?: ServiceRequest;
  /** The token has not become an id yet. */
  readonly pending?: boolean;
  /** The server does not know the id (any more). */
  readonly missing?: boolean;
  /** The status could not be fetched just now. */
  readonly failed?: boolean;
}

/** The list asks for at most this many statuses at once. */
const LIMIT = 20;

/**
 * "Your reports": the reports sent from this browser (kept by `addMyReport`, which the report flow
 * calls after a submit), newest first, each with its current status and a "View progress" button.
 * No account: only this browser keeps the list, and the resident can remove it. It refreshes by
 * itself while the page is visible, and when another tab adds a report.
 *
 * "View progress" fires `open311-report-open` with the report's reference (or token);
 * `<open311-status-tracker mine>` embeds this list and shows the chosen report's progress itself.
 *
 * @tagname open311-my-reports
 * @summary The reports sent from this browser, each with its status, opening its progress.
 *
 * @fires open311-report-open - The resident chose "View progress" on a report (`detail.serviceRequestId`, or `detail.token` until it has one).
 * @fires open311-error - The statuses could not be loaded (`detail.kind` `status`) and the resident was told.
 *
 * @csspart heading - Every heading.
 * @csspart status-message - The loading and error messages.
 * @csspart report - One report of the list.
 * @csspart button - Every button.
 * @csspart view-button - "View progress" on a report.
 * @csspart refresh-button - "Check for updates".
 * @csspart forget-button - "Remove this list from this device".
 *
 * @cssproperty --open311-brand - Buttons, the "in progress" tag.
 * @cssproperty --open311-text - Text colour.
 * @cssproperty --open311-muted - Dates, hints.
 * @cssproperty --open311-background - Background.
 * @cssproperty --open311-error - Errors.
 * @cssproperty --open311-focus - Focus ring.
 * @cssproperty --open311-font - Font family.
 * @cssproperty --open311-radius - Corner radius of buttons and tags.
 * @cssproperty --open311-space - Base spacing.
 */
export class Open311MyReports extends ServerElement {
  static override styles = [hostStyles, trackerBaseStyles, styles];

  static override properties: PropertyDeclarations = {
    version: { state: true },
    announcement: { state: true },
    refreshInterval: { type: Number, attribute: 'refresh-interval' },
    headingLevel: { type: Number, attribute: 'heading-level' },
  };

  /** The endpoint's client (its code here from the start: the list is wanted at once). */
  private readonly server = new ClientController(this, { clientFor });

  /** Loads the list and each report's current status. */
  private readonly listTask = new Task<readonly [Open311Client | undefined, number], Entry[]>(this, {
    task: ([client], { signal }) => this.load(client, signal),
    args: () => [this.activeClient, this.version] as const,
    onComplete: (): void => this.refresher.checked(),
    onError: (error) => this.handleFailed(error),
  });

  /** Refreshes the statuses every `refresh-interval` seconds while the page is visible. */
  private readonly refresher: RefreshController = new RefreshController(this, {
    interval: () => this.refreshInterval,
    next: (): (() => void) | undefined =>
      this.listTask.status === TaskStatus.PENDING || this.listTask.status === TaskStatus.INITIAL ? undefined : () => void this.listTask.run(),
  });

  /** Bumped to reload the list (another tab added a report, or the list was removed). */
  private version = 0;
  /** Said once by the polite live region. */
  private announcement = '';

  /** Seconds between automatic refreshes while the page is visible; 0 turns them off. */
  refreshInterval = 60;
  /** The level of the list's heading (1–6), so it fits the page's outline; each report's goes one deeper. */
  headingLevel = 2;

  /** A load stopped by a disconnect, to run again when the element comes back. */
  private interrupted = false;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('storage', this.handleStorage);
    if (this.interrupted) {
      this.interrupted = false;
      void this.listTask.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('storage', this.handleStorage);
    // A removed list leaves no request behind; it loads again if put back.
    this.interrupted = this.listTask.status === TaskStatus.PENDING;
    if (this.interrupted) this.listTask.abort();
  }

  // --- data -----------------------------------------------------------------------------------

  private get activeClient(): Open311Client | undefined {
    return this.server.client;
  }

  private async load(client: Open311Client | undefined, signal: AbortSignal): Promise<Entry[] | typeof initialState> {
    const reports = myReports(client?.endpoint);
    if (!client) return reports.map((report) => ({ report, failed: true }));
    return Promise.all(reports.slice(0, LIMIT).map((report) => this.loadEntry(client, report, signal)));
  }

  private async loadEntry(client: Open311Client, report: MyReport, signal: AbortSignal): Promise<Entry> {
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
      if (signal.aborted || isAbortError(e)) throw e;
      return { report, failed: true };
    }
  }

  // --- handlers -------------------------------------------------------------------------------

  private handleFailed(error: unknown): void {
    if (isAbortError(error)) return;
    this.refresher.checked();
    this.dispatchEvent(new Open311ErrorEvent(error, 'status'));
  }

  private readonly handleStorage = (e: StorageEvent): void => {
    if (e.key === MY_REPORTS_KEY || e.key === null) this.version++;
  };

  private handleOpen(report: MyReport): void {
    this.dispatchEvent(new Open311ReportOpenEvent(report));
  }

  private handleForget(): void {
    forgetMyReports();
    this.version++;
    this.announcement = msg('The list of your reports has been removed from this device.', { id: 'tracker.list-of-your-reports-has-been' });
  }

  // --- public ---------------------------------------------------------------------------------

  /** Fetches every status again now. */
  refresh(): void {
    void this.listTask.run();
  }

  /**
   * Moves focus to the "View progress" button of the report with this reference or token (where a
   * resident coming back from that report expects it), or to the list's heading.
   */
  async focusReport(key?: string): Promise<void> {
    await this.updateComplete;
    const target = key ? this.renderRoot.querySelector<HTMLElement>(`[data-report="${CSS.escape(key)}"]`) : null;
    (target ?? this.renderRoot.querySelector<HTMLElement>('#mine-heading'))?.focus();
  }

  // --- rendering ------------------------------------------------------------------------------

  override render(): TemplateResult {
    const entries = this.listTask.value;
    const status = this.listTask.status;
    const state =
      status === TaskStatus.PENDING || status === TaskStatus.INITIAL
        ? message(
            entries
              ? msg('Checking for updates…', { id: 'tracker.checking-for-updates' })
              : msg('Loading your reports…', { id: 'tracker.loading-your-reports' }),
          )
        : status === TaskStatus.ERROR && !isAbortError(this.listTask.error)
          ? message(msg('We could not check your reports just now. Try again in a few minutes.', { id: 'tracker.we-could-not-check-your-reports' }), 'error')
          : nothing;
    return html`<div class="box">
        ${heading(this.headingLevel, 0, msg('Your reports', { id: 'tracker.your-reports' }), 'mine-heading')}
        <p class="hint">${msg('Reports sent from this device. Only this browser keeps this list.', { id: 'tracker.reports-sent-from-this-device-only' })}</p>
        <div role="status" aria-live="polite" class="status-region">${state}</div>
        ${
          entries
            ? entries.length
              ? html`<ul class="my-reports">${entries.map((entry) => this.renderEntry(entry))}</ul>`
              : html`<p class="empty">${msg('You have not sent any reports from this device.', { id: 'tracker.you-have-not-sent-any-reports' })}</p>`
            : nothing
        }
        <div class="actions">
          ${button(msg('Check for updates', { id: 'tracker.check-for-updates' }), () => this.refresh(), 'refresh-button')}
          ${entries?.length ? button(msg('Remove this list from this device', { id: 'tracker.remove-this-list-from-this-device' }), () => this.handleForget(), 'forget-button', 'secondary') : nothing}
        </div>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</p>`;
  }

  private renderEntry(entry: Entry): TemplateResult {
    const { report, request } = entry;
    const name = request?.serviceName ?? report.serviceName ?? report.serviceCode ?? msg('Report', { id: 'tracker.report' });
    const id = request?.id ?? report.id;
    const sent = dateView({ raw: report.submittedAt, date: new Date(report.submittedAt) }, this);
    const stage = request ? statusStage(request.status) : undefined;
    const tag = entry.pending
      ? msg('Being processed', { id: 'tracker.being-processed' })
      : entry.missing
        ? msg('Not found', { id: 'tracker.not-found' })
        : entry.failed || !request
          ? msg('Status not available', { id: 'tracker.status-not-available' })
          : statusText(request.status);
    const tagClass = stage ? `tag ${stage.stage}${stage.outcome && stage.outcome !== 'fixed' ? ' not-fixed' : ''}` : 'tag';
    return html`<li class="report" part="report">
      ${heading(this.headingLevel, 1, name)}
      <p class="report-meta">
        ${msg('Sent', { id: 'report.sent' })} ${sent}${id ? html` · ${msg(str`Reference number ${id}`, { id: 'tracker.reference-number-with-value' })}` : nothing}
      </p>
      <p><span class="visually-hidden">${msg('Status:', { id: 'tracker.status' })}</span> <strong class=${tagClass}>${tag}</strong></p>
      <button type="button" class="button secondary" part="button view-button" data-report=${report.id ?? report.token ?? ''} @click=${() => this.handleOpen({ ...report, ...(id ? { id } : {}) })}>
        ${msg('View progress', { id: 'tracker.view-progress' })}<span class="visually-hidden"> ${msg(str`of the report "${name}"`, { id: 'tracker.of-report' })}</span>
      </button>
    </li>`;
  }
}

define('open311-my-reports', Open311MyReports);

declare global {
  interface HTMLElementTagNameMap {
    'open311-my-reports': Open311MyReports;
  }
}
