import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatDateTime, formatIsoDateTime } from '../../i18n/dates.js';
import { safeHttpUrl } from '../../open311/urls.js';
import type { Open311Client } from '../../open311/client.js';
import type { Service, ServiceDefinition, SubmitResult } from '../../open311/models.js';
import type { Contact, Draft, Step } from './draft.js';
import type { PreparedPhoto } from './photo.js';
import type { Open311ReferenceEvent, ReportFormValue } from '../../events.js';
import { sendView } from './sending.js';
import type { Receipt, SendFailure, SendView } from './sending.js';
import type { Open311Report } from './report.js';
import { EXPORTED_PARTS } from './parts.js';

/**
 * What `<open311-report>` needs only after the first step: check your answers, the confirmation,
 * and the send path (sending.ts). Loaded with `import()` when those steps are reached (or
 * prefetched on the resident's first touch), so the first screen does not carry it (the byte budget).
 */

export { send, checkInterrupted, failures, uploadPhoto } from './sending.js';
export type { Receipt, SendFailure, SendHost } from './sending.js';

/** What "check your answers" reads from the element, and the actions it offers. */
export interface CheckContext {
  readonly draft: Draft;
  readonly formValue: ReportFormValue | undefined;
  readonly definition: ServiceDefinition | undefined;
  readonly service: Service | undefined;
  readonly contact: Contact;
  readonly preparedPhoto: PreparedPhoto | undefined;
  readonly failure: SendFailure | undefined;
  readonly busy: boolean;
  readonly publicFields: string;
  /** "Do not show my name publicly" is offered (`anonymous-attribute`). */
  readonly anonymous: boolean;
  /** "Email me updates" is offered (`updates-attribute`). */
  readonly updates: boolean;
  readonly hideName: boolean;
  /** Contact details the page requires are missing (gone with the browser session that queued the report). */
  readonly missingContact: boolean;
  readonly location: string;
  /** The "what happens next" paragraph, or nothing. */
  readonly responseTime: TemplateResult | typeof nothing;
  readonly subHeading: (text: string) => TemplateResult;
  readonly change: (step: Step) => void;
  readonly send: () => void;
  /** The element: the send path's own state (queued, upload progress) is kept by it, and Discard calls it. */
  readonly host: Open311Report;
}

function answerText(definition: ServiceDefinition | undefined, code: string, value: string | readonly string[]): string {
  const attr = definition?.attributes.find((a) => a.code === code);
  const list = typeof value === 'string' ? [value] : [...value];
  // A date answer in the page's words, not as sent (`2026-12-01T08:30:00Z`: issue 22).
  if (attr?.datatype === 'datetime') return list.map((v) => formatIsoDateTime(v)).join('\n');
  return list.map((v) => attr?.values.find((x) => x.key === v)?.name ?? v).join('\n');
}

function summaryRow(ctx: CheckContext, label: string, value: string, step: Step, what: string): TemplateResult {
  return html`<div>
    <dt>${label}</dt>
    <dd>${value || msg('Not given', { id: 'report.not-given' })}</dd>
    <dd>
      <button type="button" class="link" @click=${() => ctx.change(step)}>${msg('Change', { id: 'report.change' })}<span class="visually-hidden"> ${what}</span></button>
    </dd>
  </div>`;
}

/** Check your answers: the summary with Change links, what the public will see, and Send. */
export function renderCheck(ctx: CheckContext): TemplateResult {
  const value = ctx.formValue;
  // The draft first: after a reload on this step the form's own value is empty until it has loaded
  // its questions, and nothing re-renders this summary then (issue 10: answers seemed lost).
  const attributes = { ...(ctx.draft.attributes ?? {}), ...(value?.attributes ?? {}) };
  const questions = (ctx.definition?.attributes ?? []).filter((a) => a.variable && !a.automated && attributes[a.code] !== undefined && attributes[a.code] !== '');
  const c = ctx.contact;
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  const busy = ctx.busy;
  const failure = ctx.failure;
  const view = sendView(ctx.host, ctx.draft);
  const row = (label: string, v: string, step: Step, what: string): TemplateResult => summaryRow(ctx, label, v, step, what);
  return html`
    ${renderQueued(ctx, view)}
    ${failure
      ? html`<div class="error-summary" tabindex="-1" role="alert">
          <h3>${failure.unconfirmed ? msg('We cannot tell whether your report was sent', { id: 'report.we-cannot-tell-whether-your-report' }) : msg('Your report has not been sent yet', { id: 'report.your-report-has-not-been-sent-2' })}</h3>
          <p>${failure.message}</p>
        </div>`
      : nothing}
    <dl class="summary">
      ${row(msg('Location', { id: 'report.location' }), ctx.location, 'where', msg('location', { id: 'report.location-lower-case' }))}
      ${row(msg('Problem', { id: 'report.problem' }), ctx.service?.name ?? ctx.draft.serviceCode ?? '', 'what', msg('problem', { id: 'report.problem-lower-case' }))}
      ${questions.map((a) => row(a.description, answerText(ctx.definition, a.code, attributes[a.code]), 'details', a.description))}
      ${row(msg('Description', { id: 'report.description' }), value?.description || ctx.draft.description || '', 'details', msg('description', { id: 'report.description-lower-case' }))}
      ${ctx.preparedPhoto ? row(msg('Photo', { id: 'report.photo' }), ctx.preparedPhoto.fileName, 'details', msg('photo', { id: 'report.photo-lower-case' })) : nothing}
      ${row(msg('Name', { id: 'report.name' }), name, 'about', msg('name', { id: 'report.name-lower-case' }))} ${row(msg('Email', { id: 'report.email-2' }), c.email ?? '', 'about', msg('email', { id: 'report.email-lower-case' }))}
      ${c.phone ? row(msg('Phone', { id: 'report.phone-2' }), c.phone, 'about', msg('phone', { id: 'report.phone-lower-case' })) : nothing}
      ${ctx.updates
        ? row(
            msg('Email updates', { id: 'report.email-updates' }),
            c.wantsUpdates ? msg('Yes: your report asks the council to email you updates', { id: 'report.yes-your-report-asks-council-to' }) : msg('No', { id: 'report.no' }),
            'about',
            msg('email updates', { id: 'report.email-updates-lower-case' }),
          )
        : nothing}
      ${ctx.anonymous
        ? row(
            msg('Your name in public', { id: 'report.your-name-in-public' }),
            ctx.hideName ? msg('Not shown: your report asks the council not to show your name publicly', { id: 'report.not-shown-your-report-asks-council' }) : msg('You did not ask for it to be hidden', { id: 'report.you-did-not-ask-for-it' }),
            'about',
            msg('your name in public', { id: 'report.your-name-in-public-lower-case' }),
          )
        : nothing}
    </dl>
    ${renderPublicPanel(ctx, questions.length > 0, name)}
    ${ctx.responseTime !== nothing ? html`${ctx.subHeading(msg('What happens next', { id: 'report.what-happens-next' }))} ${ctx.responseTime}` : nothing}
    ${view.upload ? renderUpload(view.upload) : nothing}
    <div class="actions" ?hidden=${view.queued === 'ask'}>
      <button type="button" class="primary" part="send-button" aria-disabled=${busy ? 'true' : 'false'} @click=${ctx.send}>
        ${busy
          ? msg('Sending…', { id: 'report.sending' })
          : view.queued
            ? msg('Send now', { id: 'report.send-now' })
            : failure?.unconfirmed
            ? failure.unconfirmed.checked
              ? msg('Send it again anyway', { id: 'report.send-it-again-anyway' })
              : msg('Check again', { id: 'report.check-again' })
            : failure
              ? msg('Try again', { id: 'map.try-again' })
              : msg('Send report', { id: 'report.send-report' })}
      </button>
    </div>
    <p role="status" class="visually-hidden">${view.status || (busy ? msg('Sending your report…', { id: 'report.sending-your-report' }) : '')}</p>
  `;
}

/**
 * A report kept while offline (issue 12): on this page it goes by itself when the connection
 * returns; found on a new visit, it goes only when the resident says so.
 */
function renderQueued(ctx: CheckContext, view: SendView): TemplateResult | typeof nothing {
  if (view.queued === 'ask') {
    return html`<div class="queued" part="queued-notice">
      ${ctx.subHeading(msg('You have a report that was not sent. Send it now?', { id: 'report.you-have-report-that-was-not' }))}
      <p>${msg('It was kept on this device when you were offline. Check your answers below before sending it.', { id: 'report.it-was-kept-on-this-device' })}</p>
      ${ctx.draft.queued?.photo && !ctx.preparedPhoto
        ? html`<p>${msg('The photo you added was not kept on this device. To send a photo, choose Change next to Description and add it again.', { id: 'report.photo-you-added-was-not-kept' })}</p>`
        : nothing}
      ${ctx.missingContact
        ? html`<p>${msg('Your contact details were not kept on this device. When you press Send now, you will be asked for them again.', { id: 'report.your-contact-details-were-not-kept' })}</p>`
        : nothing}
      <div class="actions">
        <button type="button" class="primary" part="send-button" aria-disabled=${ctx.busy ? 'true' : 'false'} @click=${ctx.send}>
          ${ctx.busy ? msg('Sending…', { id: 'report.sending' }) : msg('Send now', { id: 'report.send-now' })}
        </button>
        <button type="button" class="secondary" @click=${() => ctx.host.discard()}>${msg('Discard', { id: 'report.discard' })}</button>
      </div>
    </div>`;
  }
  if (view.queued === 'here' && !ctx.busy) {
    return html`<div class="queued" part="queued-notice">
      ${ctx.subHeading(msg('Not sent yet', { id: 'report.not-sent-yet' }))}
      <p>${msg('You are offline. Your report will be sent when you are back online, as long as this page stays open. Nothing you typed is lost.', { id: 'report.you-are-offline-your-report-will' })}</p>
    </div>`;
  }
  return nothing;
}

/** The photo on its way: a bar with a percentage and Cancel (media-url), or an honest "sending" with no figure (multipart). */
function renderUpload(upload: NonNullable<SendView['upload']>): TemplateResult {
  const pct = upload.percent;
  return html`<div class="upload" part="upload-progress">
    <label for="upload-progress">${upload.multipart ? msg('Sending your report and photo…', { id: 'report.sending-your-report-and-photo' }) : msg('Uploading your photo', { id: 'report.uploading-your-photo-2' })}</label>
    <div class="upload-bar">
      <progress id="upload-progress" max="100" value=${pct ?? nothing}></progress>
      ${pct !== undefined ? html`<span aria-hidden="true">${pct}%</span>` : nothing}
    </div>
    ${upload.cancel ? html`<button type="button" class="secondary" part="cancel-upload-button" @click=${upload.cancel}>${msg('Cancel upload', { id: 'report.cancel-upload' })}</button>` : nothing}
  </div>`;
}

/** "What the public will see": which answers the council publishes (`public-fields`), the rest seen only by the council. */
function renderPublicPanel(ctx: CheckContext, hasAnswers: boolean, name: string): TemplateResult {
  const shown = new Set(ctx.publicFields.split(/[\s,]+/).filter(Boolean));
  const c = ctx.contact;
  const items: [string, string, boolean][] = [
    ['location', msg('Location', { id: 'report.location' }), !!ctx.draft.location],
    ['service', msg('Problem', { id: 'report.problem' }), !!ctx.draft.serviceCode],
    ['answers', msg('Your answers to the questions', { id: 'report.your-answers-to-questions' }), hasAnswers],
    ['description', msg('Description', { id: 'report.description' }), !!(ctx.formValue?.description || ctx.draft.description)],
    ['photo', msg('Photo', { id: 'report.photo' }), !!ctx.preparedPhoto],
    ['name', msg('Your name', { id: 'report.your-name' }), !!name],
    ['email', msg('Your email address', { id: 'report.your-email-address' }), !!c.email],
    ['phone', msg('Your phone number', { id: 'report.your-phone-number' }), !!c.phone],
  ];
  const given = items.filter(([, , has]) => has);
  const published = given.filter(([key]) => shown.has(key));
  const kept = given.filter(([key]) => !shown.has(key));
  return html`<div class="public-panel" part="public-panel">
    ${ctx.subHeading(msg('What the public will see', { id: 'report.what-public-will-see' }))}
    ${published.length
      ? html`<p>${msg('The council may publish these on its website:', { id: 'report.council-may-publish-these-on-its' })}</p>
          <ul class="published">
            ${published.map(([, label]) => html`<li>${label}</li>`)}
          </ul>`
      : html`<p>${msg('The council does not publish anything you tell it.', { id: 'report.council-does-not-publish-anything-you' })}</p>`}
    ${kept.length
      ? html`<p>${msg('Seen only by the council:', { id: 'report.seen-only-by-council' })}</p>
          <ul class="private">
            ${kept.map(([, label]) => html`<li>${label}</li>`)}
          </ul>`
      : nothing}
    ${ctx.anonymous && ctx.hideName
      ? html`<p class="hide-name-note">
          ${shown.has('name')
            ? msg('You asked for your name not to be shown publicly. This request is sent to the council with your report.', { id: 'report.you-asked-for-your-name-not' })
            : msg('You asked for your name not to be shown publicly. The council does not publish names.', { id: 'report.you-asked-for-your-name-not-2' })}
        </p>`
      : nothing}
  </div>`;
}

/** What the confirmation reads from the element, and the actions it offers. */
export interface SentContext {
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
async function copyReference(ctx: SentContext): Promise<void> {
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

function renderReceipt(ctx: SentContext): TemplateResult | typeof nothing {
  const rc = ctx.receipt;
  if (!rc) return nothing;
  const id = ctx.result?.id;
  const track = trackLink(ctx.trackUrl, id);
  const when = formatDateTime(rc.sentAt, ctx.root);
  return html`<dl class="summary receipt" part="receipt">
      ${id
        ? html`<div><dt>${msg('Reference', { id: 'report.reference' })}</dt><dd>${id}</dd></div>`
        : ctx.result?.token
          ? html`<div><dt>${msg('Reference until the council gives a number', { id: 'report.reference-until-council-gives-number' })}</dt><dd>${ctx.result.token}</dd></div>`
          : nothing}
      <div><dt>${msg('Problem', { id: 'report.problem' })}</dt><dd>${rc.service}</dd></div>
      ${rc.location ? html`<div><dt>${msg('Location', { id: 'report.location' })}</dt><dd>${rc.location}</dd></div>` : nothing}
      <div><dt>${msg('Sent', { id: 'report.sent' })}</dt><dd>${when}</dd></div>
      ${rc.next ? html`<div><dt>${msg('What happens next', { id: 'report.what-happens-next' })}</dt><dd>${rc.next}</dd></div>` : nothing}
      ${track
        ? html`<div>
            <dt>${msg('How to track it', { id: 'report.how-to-track-it' })}</dt>
            <dd><a href=${track} part="track-link">${msg('Track your report', { id: 'report.track-your-report' })}</a><span class="print-only"> ${track}</span></dd>
          </div>`
        : nothing}
    </dl>
    ${rc.email ? html`<p class="email-note">${msg(str`The council may email you at ${rc.email} about this report.`, { id: 'report.council-may-email-you-at-about' })}</p>` : nothing}`;
}

/** The confirmation: the reference, the receipt, the tracker, and what to do next. */
export function renderSent(ctx: SentContext): TemplateResult {
  const r = ctx.result;
  return html`
    <div class="panel">
      ${r?.id
        ? html`<p>${msg('Your reference number', { id: 'report.your-reference-number' })}</p>
            <p class="reference">${r.id}</p>
            <button type="button" class="secondary copy" part="copy-button" @click=${() => copyReference(ctx)}>${msg('Copy reference', { id: 'report.copy-reference' })}</button>`
        : r?.token
          ? html`<p>${msg('Your report has been received. Until the council gives it a number, quote:', { id: 'report.your-report-has-been-received-until' })}</p>
              <p class="reference provisional">${r.token}</p>
              <button type="button" class="secondary copy" part="copy-button" @click=${() => copyReference(ctx)}>${msg('Copy reference', { id: 'report.copy-reference' })}</button>
              <p class="reference-note">${msg('The council’s reference number will appear here when it arrives.', { id: 'report.councils-reference-number-will-appear-here' })}</p>`
          : html`<p>${msg('Your report is being processed. You will get a reference number shortly; it will appear below.', { id: 'report.your-report-is-being-processed-you' })}</p>`}
    </div>
    ${r?.serviceNotice ? html`<p class="notice">${r.serviceNotice}</p>` : nothing}
    ${renderReceipt(ctx)}
    ${r?.id || r?.token
      ? html`<open311-status-tracker
          exportparts=${EXPORTED_PARTS['open311-status-tracker']}
          .client=${ctx.client}
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
      : nothing}
    <div class="actions">
      <button type="button" class="secondary" @click=${ctx.startAgain}>${msg('Report another problem', { id: 'report.report-another-problem' })}</button>
      <button type="button" class="secondary" part="print-button" @click=${() => window.print()}>${msg('Print this page', { id: 'report.print-this-page' })}</button>
    </div>
  `;
}

/** What the extras below the contact fields read from the element, and its handlers. */
export interface AboutContext {
  readonly anonymous: boolean;
  readonly hideName: boolean;
  readonly rememberContact: boolean;
  readonly keepReports: boolean;
  readonly privacyUrl: string | undefined;
  readonly dataController: string | undefined;
  readonly onHideName: (e: Event) => void;
  readonly onRemember: (e: Event) => void;
  readonly onKeepReports: (e: Event) => void;
}

function checkbox(id: string, label: string, checked: boolean, onChange: (e: Event) => void, hint?: string): TemplateResult {
  return html`<div class="checkbox">
    <input id=${id} type="checkbox" .checked=${checked} @change=${onChange} aria-describedby=${hint ? `${id}-hint` : nothing} />
    <label for=${id}>${label}</label>
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing}
  </div>`;
}

/** Below the contact fields: privacy, the resident's choices about this device, and the spam trap. */
export function renderAboutExtras(ctx: AboutContext): TemplateResult {
  const privacy = safeHttpUrl(ctx.privacyUrl);
  const controller = ctx.dataController?.trim();
  return html`
    ${ctx.anonymous ? checkbox('hide-name', msg('Do not show my name publicly', { id: 'report.do-not-show-my-name-publicly' }), ctx.hideName, ctx.onHideName) : nothing}
    <fieldset class="device">
      <legend>${msg('Saving on this device', { id: 'report.saving-on-this-device' })}</legend>
      <p class="hint">${msg('Leave these unticked on a shared or public computer.', { id: 'report.leave-these-unticked-on-shared-or' })}</p>
      ${checkbox(
        'remember-contact',
        msg('Remember my details on this device', { id: 'report.remember-my-details-on-this-device' }),
        ctx.rememberContact,
        ctx.onRemember,
        msg('Otherwise your details are forgotten when you close the browser.', { id: 'report.otherwise-your-details-are-forgotten-when' }),
      )}
      ${checkbox(
        'keep-reports',
        msg('Keep a list of my reports on this device', { id: 'report.keep-list-of-my-reports-on' }),
        ctx.keepReports,
        ctx.onKeepReports,
        msg('So you can check their progress later. Anyone using this device could see the list.', { id: 'report.so-you-can-check-their-progress' }),
      )}
    </fieldset>
    ${privacy || controller
      ? html`<p class="privacy" part="privacy">
          ${controller ? msg(str`${controller} is responsible for your information.`, { id: 'report.is-responsible-for-your-information' }) : nothing}
          ${privacy
            ? html`<a href=${privacy} target="_blank" rel="noopener">${msg('How we use your information', { id: 'report.how-we-use-your-information' })}<span class="visually-hidden"> ${msg('(opens in a new tab)', { id: 'report.opens-in-new-tab' })}</span></a>`
            : nothing}
        </p>`
      : nothing}
    <div class="visually-hidden" aria-hidden="true">
      <label for="website">${msg('Leave this field empty', { id: 'report.leave-this-field-empty' })}</label>
      <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>
  `;
}

/** What the photo field reads from the element, and its handlers. */
export interface PhotoContext {
  readonly photoError: string | undefined;
  readonly photoUrl: string | undefined;
  /** The chosen photo is being made ready. */
  readonly preparing: boolean;
  /** …and Continue was pressed: it goes on when the photo is ready. */
  readonly waiting: boolean;
  readonly onPhoto: (e: Event) => void;
  readonly onRemove: () => void;
  /** Prepare the same file again (absent when trying again cannot help). */
  readonly onRetry?: () => void;
  /** Go on without a photo (after a failure). */
  readonly onSkip: () => void;
}

/** "Add a photo (optional)", with the photo ready to send and a way to remove it. */
export function renderPhoto(ctx: PhotoContext): TemplateResult {
  return html`<div class="photo">
    <label for="photo">${msg('Add a photo (optional)', { id: 'report.add-photo-optional' })}</label>
    <p class="hint" id="photo-hint">
      ${msg('A photo helps the council find and fix the problem. Do not include people’s faces, number plates or private gardens. We remove the photo’s location and camera details before it is sent.', { id: 'report.photo-helps-council-find-and-fix' })}
    </p>
    ${ctx.photoError ? html`<p class="error-message" id="photo-error" tabindex="-1"><span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> ${ctx.photoError}</p>` : nothing}
    <input id="photo" type="file" accept="image/*" aria-describedby=${ctx.photoError ? 'photo-hint photo-error' : 'photo-hint'} @change=${ctx.onPhoto} />
    <p class="photo-status" role="status">${ctx.preparing ? (ctx.waiting ? msg('Preparing your photo… You will go on to the next step when it is ready.', { id: 'report.preparing-your-photo-you-will-go' }) : msg('Preparing your photo…', { id: 'report.preparing-your-photo' })) : ''}</p>
    ${ctx.photoError
      ? html`<div class="photo-actions">
          ${ctx.onRetry ? html`<button type="button" class="secondary" @click=${ctx.onRetry}>${msg('Try again', { id: 'map.try-again' })}</button>` : nothing}
          <button type="button" class="link" @click=${ctx.onSkip}>${msg('Continue without a photo', { id: 'report.continue-without-photo' })}</button>
        </div>`
      : nothing}
    ${ctx.photoUrl
      ? html`<img src=${ctx.photoUrl} alt=${msg('Your photo, ready to send', { id: 'report.your-photo-ready-to-send' })} />
          <button type="button" class="link" @click=${ctx.onRemove}>${msg('Remove photo', { id: 'report.remove-photo' })}</button>`
      : nothing}
  </div>`;
}

export { lateStyles } from './steps-late.styles.js';
/** The steps after "where" as the element shows them (views.ts). */
export { renderMiddle, renderCheckStep, renderSentStep, responseTime } from './views.js';
export type { ViewHost } from './views.js';
