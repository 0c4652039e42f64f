import { html, nothing, noChange } from 'lit';
import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatDateTime } from '../../i18n/dates.js';
import { safeHttpUrl } from '../../open311/urls.js';
import type { Open311Client } from '../../open311/client.js';
import type { Service, SubmitResult } from '../../open311/models.js';
import { Open311SubmittedEvent } from '../../events.js';
import type { Open311ReferenceEvent } from '../../events.js';
import type { SentRecord } from './draft.js';
import { EXPORTED_PARTS } from './later-parts.js';

/**
 * The confirmation of `<open311-report>`: the reference (or the token until the id arrives), the
 * receipt the printout keeps, the status tracker, and what to do next.
 */

/** What the confirmation (and its printout) repeats of a sent report: the draft itself is gone by then. */
export interface Receipt {
  readonly service: string;
  readonly location: string;
  readonly sentAt: Date;
  readonly email?: string;
  readonly next?: string;
}

/** What the confirmation shows, and the actions it offers. */
export interface ConfirmationProps {
  readonly result: SubmitResult | undefined;
  readonly receipt: Receipt | undefined;
  readonly client: Open311Client | undefined;
  readonly endpoint: string;
  readonly headingLevel: number;
  readonly councilPhone: string | undefined;
  readonly councilEmail: string | undefined;
  /** Origins the tracker may show photos from, besides the endpoint's. */
  readonly mediaOrigins: string | undefined;
  /** The server has FixMyStreet's updates: the tracker shows them and offers "Add an update". */
  readonly updates: boolean;
  readonly trackUrl: string | undefined;
  /** Where the reference is shown (selected when the clipboard is refused). */
  readonly root: ParentNode;
  /** Says something once in the element's live region. */
  readonly announce: (text: string) => void;
  readonly startAgain: () => void;
  /** The tracker learned the id the token became: the panel, receipt and links change in place. */
  readonly onReference: (e: Open311ReferenceEvent) => void;
}

/** Copies the reference; where the clipboard is refused, selects it for the resident to copy. */
async function copyReference(ctx: ConfirmationProps): Promise<void> {
  // The token until the id arrives: the resident can quote it meanwhile (issue 22).
  const id = ctx.result?.id ?? ctx.result?.token;
  if (!id) return;
  ctx.announce('');
  try {
    await navigator.clipboard.writeText(id);
    ctx.announce(msg('Copied', { id: 'report.copied' }));
  } catch {
    const target = ctx.root.querySelector('.reference');
    const selection = document.getSelection();
    if (target && selection) {
      const range = document.createRange();
      range.selectNodeContents(target);
      selection.removeAllRanges();
      selection.addRange(range);
    }
    ctx.announce(msg('The reference is selected: copy it with your device’s copy command.', { id: 'report.reference-is-selected-copy-it-with' }));
  }
}

/** The council's tracking page for this reference, when `track-url` is set and gives a web address. */
function trackLink(trackUrl: string | undefined, id: string | undefined): string | undefined {
  if (!id || !trackUrl) return undefined;
  return safeHttpUrl(trackUrl.replace('{id}', encodeURIComponent(id)));
}

function renderReceipt(ctx: ConfirmationProps): TemplateResult | typeof nothing {
  const rc = ctx.receipt;
  if (!rc) return nothing;
  const id = ctx.result?.id;
  const track = trackLink(ctx.trackUrl, id);
  const when = formatDateTime(rc.sentAt, ctx.root);
  return html`<dl class="summary receipt" part="receipt">
      ${
        id
          ? html`<div><dt>${msg('Reference', { id: 'report.reference' })}</dt><dd>${id}</dd></div>`
          : ctx.result?.token
            ? html`<div><dt>${msg('Reference until the council gives a number', { id: 'report.reference-until-council-gives-number' })}</dt><dd>${ctx.result.token}</dd></div>`
            : nothing
      }
      <div><dt>${msg('Problem', { id: 'report.problem' })}</dt><dd>${rc.service}</dd></div>
      ${rc.location ? html`<div><dt>${msg('Location', { id: 'report.location' })}</dt><dd>${rc.location}</dd></div>` : nothing}
      <div><dt>${msg('Sent', { id: 'report.sent' })}</dt><dd>${when}</dd></div>
      ${rc.next ? html`<div><dt>${msg('What happens next', { id: 'report.what-happens-next' })}</dt><dd>${rc.next}</dd></div>` : nothing}
      ${
        track
          ? html`<div>
            <dt>${msg('How to track it', { id: 'report.how-to-track-it' })}</dt>
            <dd><a href=${track} part="track-link">${msg('Track your report', { id: 'report.track-your-report' })}</a><span class="print-only"> ${track}</span></dd>
          </div>`
          : nothing
      }
    </dl>
    ${rc.email ? html`<p class="email-note">${msg(str`The council may email you at ${rc.email} about this report.`, { id: 'report.council-may-email-you-at-about' })}</p>` : nothing}`;
}

/** The confirmation: the reference, the receipt, the tracker, and what to do next. */
export function renderConfirmation(ctx: ConfirmationProps): TemplateResult {
  const r = ctx.result;
  return html`
    <div class="panel">
      ${
        r?.id
          ? html`<p>${msg('Your reference number', { id: 'report.your-reference-number' })}</p>
            <p class="reference">${r.id}</p>
            <button type="button" class="secondary copy" part="copy-button" @click=${() => copyReference(ctx)}>${msg('Copy reference', { id: 'report.copy-reference' })}</button>`
          : r?.token
            ? html`<p>${msg('Your report has been received. Until the council gives it a number, quote:', { id: 'report.your-report-has-been-received-until' })}</p>
              <p class="reference provisional">${r.token}</p>
              <button type="button" class="secondary copy" part="copy-button" @click=${() => copyReference(ctx)}>${msg('Copy reference', { id: 'report.copy-reference' })}</button>
              <p class="reference-note">${msg('The council’s reference number will appear here when it arrives.', { id: 'report.councils-reference-number-will-appear-here' })}</p>`
            : html`<p>${msg('Your report is being processed. You will get a reference number shortly; it will appear below.', { id: 'report.your-report-is-being-processed-you' })}</p>`
      }
    </div>
    ${r?.serviceNotice ? html`<p class="notice">${r.serviceNotice}</p>` : nothing}
    ${renderReceipt(ctx)}
    ${
      r?.id || r?.token
        ? html`<open311-status-tracker
          exportparts=${EXPORTED_PARTS['open311-status-tracker']}
          .client=${ctx.client ?? noChange}
          endpoint=${ctx.endpoint}
          request-id=${r.id ?? nothing}
          token=${r.id ? nothing : (r.token ?? nothing)}
          heading-level=${Math.min(6, ctx.headingLevel + 1)}
          council-phone=${ctx.councilPhone ?? nothing}
          council-email=${ctx.councilEmail ?? nothing}
          media-origins=${ctx.mediaOrigins ?? nothing}
          ?updates=${ctx.updates}
          @open311-reference=${ctx.onReference}
        ></open311-status-tracker>`
        : nothing
    }
    <div class="actions">
      <button type="button" class="secondary" @click=${ctx.startAgain}>${msg('Report another problem', { id: 'report.report-another-problem' })}</button>
      <button type="button" class="secondary" part="print-button" @click=${() => window.print()}>${msg('Print this page', { id: 'report.print-this-page' })}</button>
    </div>
  `;
}

/** An address's origin, resolved against the page (a relative `upload-url` is the page's own), or undefined. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, document.baseURI).origin;
  } catch {
    return undefined;
  }
}

/** What the receipt repeats of a report just sent. */
export function receiptFor(service: Service | undefined, code: string, location: string, email: string | undefined, next: string | undefined): Receipt {
  return {
    service: service?.name ?? code,
    location,
    sentAt: new Date(),
    ...(email ? { email } : {}),
    ...(next ? { next } : {}),
  };
}

/**
 * A token is the resident's only reference until the id arrives: kept for this browser session
 * without asking (it is their own receipt), so a reload still shows it and follows it (issue 22).
 */
export function sentRecordFor(result: SubmitResult, code: string, rc: Receipt): SentRecord | undefined {
  return result.token
    ? {
        token: result.token,
        ...(result.id ? { id: result.id } : {}),
        serviceCode: code,
        service: rc.service,
        location: rc.location,
        sentAt: rc.sentAt.getTime(),
        ...(rc.email ? { email: rc.email } : {}),
        ...(rc.next ? { next: rc.next } : {}),
      }
    : undefined;
}

/** The entry "my reports" keeps of a report just sent (when the resident asked for the list). */
export function myReportFor(
  result: SubmitResult,
  code: string,
  service: Service | undefined,
  endpoint: string,
): { id?: string; token?: string; serviceCode: string; serviceName?: string; endpoint: string } {
  return {
    ...(result.id ? { id: result.id } : {}),
    ...(result.token ? { token: result.token } : {}),
    serviceCode: code,
    ...(service?.name ? { serviceName: service.name } : {}),
    endpoint,
  };
}

/** `open311-submitted` for a report just sent. */
export function submittedEvent(result: SubmitResult, code: string): Open311SubmittedEvent {
  return new Open311SubmittedEvent({
    ...(result.id ? { serviceRequestId: result.id } : {}),
    ...(result.token ? { token: result.token } : {}),
    serviceCode: code,
  });
}

/**
 * The token became an id (the tracker says so): the panel, the receipt's Reference row, Copy, the
 * track link and the printout show it in place, the session's receipt keeps it, and it is said
 * once, by the element (the tracker's own announcement is cancelled). Issue 22. Returns the result
 * with its id and what to say, or undefined when nothing changed.
 */
export function followReference(
  e: Open311ReferenceEvent,
  r: SubmitResult | undefined,
  kept: { loadSent(): SentRecord | undefined; saveSent(record: SentRecord | undefined): void },
): { result: SubmitResult; said: string } | undefined {
  const { token, serviceRequestId: id } = e.detail;
  if (!r || r.token !== token) return undefined;
  e.preventDefault();
  if (r.id === id) return undefined;
  const record = kept.loadSent();
  if (record?.token === token) kept.saveSent({ ...record, id });
  return {
    result: { ...r, id },
    said: msg(str`Your report has been received. Its reference number is ${id}.`, { id: 'report.your-report-has-been-received-its' }),
  };
}
