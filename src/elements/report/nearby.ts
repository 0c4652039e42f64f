import { html, nothing, noChange } from 'lit';
import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Open311Client } from '../../open311/client.js';
import { isOpen311Error } from '../../open311/errors.js';
import type { Service, ServiceRequest } from '../../open311/models.js';
import { statusStage } from '../../open311/status.js';
import { safeHttpUrl } from '../../open311/urls.js';
import { distanceMetres } from '../../map/geo.js';
import { Open311DuplicateFollowedEvent } from '../../events.js';
import type { Open311UpdateSentEvent } from '../../events.js';
import { addMyReport } from '../../storage/my-reports.js';
import { formatDistance } from '../../i18n/distance.js';
import { formatDay } from '../../i18n/dates.js';
import { heading, statusText } from '../tracker-views.js';
import { allowedMediaOrigins, isAllowedMedia } from '../status-tracker/media.js';
import type { Draft, Step } from './draft.js';
import type { Open311Report } from './report.js';
import { EXPORTED_PARTS } from './later-parts.js';

/**
 * "Is it one of these?" (issue 19, FixMyStreet's biggest duplicate saver): once the place and the
 * problem are known, the open reports of that problem near the place are offered before the
 * details, each with its description, photo (from allowed origins only), stage and distance.
 * Choosing one shows its progress (the status tracker, with "Add an update" where the server has
 * FixMyStreet's `servicerequestupdates`) and lets the resident keep it in "my reports", instead of
 * sending the same report again; "No, mine is a different problem" goes on to the details with
 * everything typed kept. Nothing to offer (or no answer in time): the step is skipped silently.
 * Part of the later steps' code (steps.ts), so never in the first screen's bytes.
 */

/** How far from the place reports are offered (metres): FixMyStreet offers those within a street or so. */
const RADIUS = 250;
/** How many reports are offered at most (nearest first). */
const LIST_SIZE = 5;
/** How far back reports are asked for (days): the spec's default window. */
const DAYS = 90;
/** How long Continue waits for the list (ms): a slow server must not hold the resident up. */
const WAIT_MS = 6000;
/** How much of a description the list shows (the whole text is in the report's progress). */
const WORDS = 200;

/** A report offered: the request (with an id to follow) and how far it is from the place. */
export interface NearbyReport {
  readonly request: ServiceRequest & { readonly id: string };
  readonly distance: number;
}

/** What "Is it one of these?" is given by the later steps. */
export interface NearbyWiring {
  client(): Open311Client | undefined;
  draft(): Draft;
  service(): Service | undefined;
  goTo(step: Step, how?: { history?: 'push' | 'none'; focus?: boolean }): Promise<void>;
  announce(text: string): void;
}

/** The open reports of `code` within RADIUS of a point, nearest first (whatever filters the server ignored). */
export function nearbyOpen(requests: readonly ServiceRequest[], code: string, lat: number, long: number): NearbyReport[] {
  const out: NearbyReport[] = [];
  for (const r of requests) {
    if (!r.id || r.serviceCode !== code || r.lat === undefined || r.long === undefined) continue;
    if (statusStage(r.status).stage === 'done') continue;
    const distance = distanceMetres(lat, long, r.lat, r.long);
    if (distance <= RADIUS) out.push({ request: r as NearbyReport['request'], distance });
  }
  return out.sort((a, b) => a.distance - b.distance).slice(0, LIST_SIZE);
}

/**
 * The "Is it one of these?" step of `<open311-report>`: the search for open reports like the
 * resident's, the list, and the report they chose. Made by the later steps (later-steps.ts).
 */
export class NearbyOffer {
  /** The reports offered, from the last search. */
  reports: readonly NearbyReport[] = [];
  /** The report the resident chose to look at. */
  private chosen?: NearbyReport;
  /** What the resident did with the chosen report. */
  private followed?: 'update' | 'kept';
  /** The place and problem of the last search (`lat,long|code`), and the search itself while it runs. */
  private searched?: string;
  private searching?: Promise<boolean>;
  private skipping = false;

  constructor(
    private readonly host: Open311Report,
    private readonly wiring: NearbyWiring,
  ) {}

  /** The step's heading. */
  title(): string {
    return msg('Is it one of these?', { id: 'report.nearby.is-it-one-of-these' });
  }

  /** What a search is for: the pin and the chosen problem; undefined when either is missing. */
  private target(): { lat: number; long: number; code: string; key: string } | undefined {
    const { location, serviceCode } = this.wiring.draft();
    const lat = location?.lat;
    const long = location?.long;
    if (lat === undefined || long === undefined || !serviceCode) return undefined;
    return { lat, long, code: serviceCode, key: `${lat.toFixed(5)},${long.toFixed(5)}|${serviceCode}` };
  }

  /**
   * Looks for open reports of the chosen problem near the pin; true when there are some to offer.
   * Any failure, or no answer within WAIT_MS, is "none": the resident goes on as before.
   */
  find(): Promise<boolean> {
    // Cleared before the update it asks for, so that render sees the search done.
    this.searching ??= this.search().then((any) => {
      this.searching = undefined;
      this.host.requestUpdate();
      return any;
    });
    return this.searching;
  }

  private async search(): Promise<boolean> {
    const client = this.wiring.client();
    const t = this.target();
    if (!client || !t) return false;
    if (t.key !== this.searched) {
      this.chosen = undefined;
      this.followed = undefined;
    }
    this.searched = t.key;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), WAIT_MS);
    const startDate = new Date(Date.now() - DAYS * 24 * 3600_000);
    const query = { serviceCodes: t.code, status: 'open', startDate };
    try {
      let found: ServiceRequest[];
      try {
        found = await client.requests({ ...query, lat: t.lat, long: t.long, radius: RADIUS }, { signal: abort.signal });
      } catch (e) {
        // A strict server that refuses the lat/long extension: asked by problem alone, filtered here.
        if (!isOpen311Error(e) || e.status !== 400) throw e;
        found = await client.requests(query, { signal: abort.signal });
      }
      this.reports = nearbyOpen(found, t.code, t.lat, t.long);
    } catch {
      this.reports = [];
    } finally {
      clearTimeout(timer);
    }
    return this.reports.length > 0;
  }

  /** Forgets the search ("Report another problem", "Forget this device"). */
  reset(): void {
    this.reports = [];
    this.chosen = undefined;
    this.followed = undefined;
    this.searched = undefined;
  }

  /** Focus on `selector` in the report's shadow root once it is rendered. */
  private async focus(selector: string): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private choose(report: NearbyReport): void {
    this.chosen = report;
    this.followed = undefined;
    this.host.requestUpdate();
    void this.focus('#nearby-chosen-heading');
  }

  private backToList(): void {
    const at = this.chosen ? this.reports.indexOf(this.chosen) : -1;
    this.chosen = undefined;
    this.host.requestUpdate();
    void this.focus(at >= 0 ? `#nearby-choose-${at}` : '[data-step-heading]');
  }

  /** "No, mine is a different problem": on to the details, everything typed kept. */
  private different(): void {
    this.chosen = undefined;
    void this.wiring.goTo('details');
  }

  /** The resident followed the chosen report: said to the page (its analytics), once per way. */
  private follow(report: NearbyReport, action: 'update' | 'kept'): void {
    this.followed = action;
    this.host.requestUpdate();
    this.host.dispatchEvent(new Open311DuplicateFollowedEvent(report.request.id, report.request.serviceCode ?? this.wiring.draft().serviceCode ?? '', action));
  }

  private keep(report: NearbyReport): void {
    const r = report.request;
    addMyReport({
      id: r.id,
      ...(r.serviceCode ? { serviceCode: r.serviceCode } : {}),
      ...(r.serviceName ? { serviceName: r.serviceName } : {}),
      submittedAt: r.requested?.date ?? new Date(),
      endpoint: this.host.endpoint,
    });
    this.follow(report, 'kept');
    this.wiring.announce(msg('This report is now in your list of reports on this device.', { id: 'report.nearby.kept' }));
    void this.focus('#nearby-kept');
  }

  private updated(report: NearbyReport, e: Open311UpdateSentEvent): void {
    if (e.detail.serviceRequestId === report.request.id) this.follow(report, 'update');
  }

  /** The step: the search under way, the list, or the chosen report. */
  render(): TemplateResult {
    const looking = html`<p role="status">${msg('Looking for reports nearby…', { id: 'map.looking-for-reports-nearby' })}</p>`;
    if (this.searching || !this.wiring.client()) return looking;
    // A reload on this step, or Back to it after the place or problem changed: search again.
    if (this.searched !== this.target()?.key) {
      void this.find();
      return looking;
    }
    if (!this.reports.length) {
      this.skip();
      return looking;
    }
    return this.chosen ? this.renderChosen(this.chosen) : this.renderList();
  }

  /** Nothing (left) to offer on this step: on to the details, once, after this render. */
  private skip(): void {
    if (this.skipping) return;
    this.skipping = true;
    void this.host.updateComplete.then(() => this.wiring.goTo('details', { history: 'none' })).finally(() => (this.skipping = false));
  }

  private renderList(): TemplateResult {
    const name = this.wiring.service()?.name ?? this.wiring.draft().serviceCode ?? '';
    const origins = allowedMediaOrigins(this.host.endpoint, this.host.mediaOrigins);
    return html`<div class="nearby-offer">
      <p id="nearby-intro">
        ${msg(
          str`These reports of “${name}” near the place you chose are still open. If yours is one of them, you can follow it instead of reporting it again.`,
          {
            id: 'report.nearby.intro',
          },
        )}
      </p>
      <ul class="nearby-reports" part="nearby-reports" aria-labelledby="nearby-intro">
        ${this.reports.map((n, i) => this.renderItem(n, i, origins))}
      </ul>
      <div class="actions">
        <button type="button" class="primary" part="continue-button" @click=${() => this.different()}>
          ${msg('No, mine is a different problem', { id: 'report.nearby.different' })}
        </button>
      </div>
    </div>`;
  }

  private renderItem(n: NearbyReport, i: number, origins: ReadonlySet<string>): TemplateResult {
    const r = n.request;
    const full = r.description?.trim() || r.serviceName || r.serviceCode || r.id;
    const what = full.length > WORDS ? `${full.slice(0, WORDS).trimEnd()}…` : full;
    const photo = r.mediaUrls.map(safeHttpUrl).find((u) => u !== undefined);
    const shown = photo !== undefined && isAllowedMedia(photo, origins);
    const date = r.requested?.date;
    const distance = formatDistance(n.distance);
    // Each button's name says which report it is (a screen reader's list of buttons shows names only), its visible words first.
    const choose = msg('This is my problem', { id: 'report.nearby.this-one' });
    const where = date
      ? msg(str`${distance} away, reported ${formatDay(date, this.host)}`, { id: 'map.away-reported' })
      : msg(str`${distance} away`, { id: 'map.away-lower-case' });
    return html`<li class="nearby-report" part="nearby-report">
      ${shown ? html`<img class="nearby-photo" src=${photo} alt="" loading="lazy" referrerpolicy="no-referrer" @error=${hide} />` : nothing}
      <div class="nearby-body">
        <p class="nearby-what">${what}</p>
        <p class="hint"><strong class="nearby-stage">${statusText(r.status)}</strong>, ${where}</p>
        <button
          type="button"
          class="secondary"
          id="nearby-choose-${i}"
          part="nearby-choose-button"
          aria-label=${`${choose}: ${what}`}
          @click=${() => this.choose(n)}
        >
          ${choose}
        </button>
      </div>
    </li>`;
  }

  private renderChosen(n: NearbyReport): TemplateResult {
    const host = this.host;
    const level = Math.min(6, Math.max(1, host.headingLevel));
    return html`<div class="nearby-chosen">
      ${heading(level, 1, msg('Follow this report instead', { id: 'report.nearby.follow-heading' }), 'nearby-chosen-heading')}
      <p>
        ${msg('Here is its progress. If it is still a problem, add an update: the council sees it with this report.', {
          id: 'report.nearby.follow-intro',
        })}
      </p>
      <open311-status-tracker
        exportparts=${EXPORTED_PARTS['open311-status-tracker']}
        .client=${this.wiring.client() ?? noChange}
        endpoint=${host.endpoint}
        request-id=${n.request.id}
        following
        heading-level=${Math.min(6, level + 2)}
        council-phone=${host.councilPhone ?? nothing}
        council-email=${host.councilEmail ?? nothing}
        media-origins=${host.mediaOrigins ?? nothing}
        ?updates=${host.updates}
        @open311-update-sent=${(e: Open311UpdateSentEvent) => this.updated(n, e)}
      ></open311-status-tracker>
      ${
        this.followed === 'kept'
          ? html`<p id="nearby-kept" class="nearby-kept" tabindex="-1">${msg('This report is now in your list of reports on this device.', { id: 'report.nearby.kept' })}</p>`
          : html`<div class="actions">
              <button type="button" class="secondary" part="nearby-keep-button" @click=${() => this.keep(n)}>
                ${msg('Keep it in my list of reports', { id: 'report.nearby.keep' })}
              </button>
            </div>`
      }
      <div class="actions">
        ${
          this.followed
            ? html`<button type="button" class="primary" @click=${() => host.discard()}>${msg('Report another problem', { id: 'report.report-another-problem' })}</button>`
            : nothing
        }
        <button type="button" class="secondary" @click=${() => this.backToList()}>${msg('Back to the list', { id: 'report.nearby.back' })}</button>
        <button type="button" class=${this.followed ? 'secondary' : 'primary'} part="continue-button" @click=${() => this.different()}>
          ${msg('No, mine is a different problem', { id: 'report.nearby.different' })}
        </button>
      </div>
    </div>`;
  }
}

function hide(e: Event): void {
  (e.target as HTMLImageElement).hidden = true;
}
