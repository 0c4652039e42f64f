import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { getLocale } from '../../i18n/localize.js';
import { safeHttpUrl } from '../../open311/urls.js';
import type { Open311Client } from '../../open311/client.js';
import type { Service, ServiceDefinition, SubmitResult } from '../../open311/models.js';
import type { Contact, Draft, Step } from './draft.js';
import type { PreparedPhoto } from './photo.js';
import type { ReportFormValue } from '../../events.js';

/**
 * What `<open311-report>` needs only after the first step: check your answers, the confirmation,
 * and finding out whether a send arrived. Loaded with `import()` when those steps are reached (or
 * prefetched on the resident's first touch), so the first screen does not carry it (the byte budget).
 */

export { findSubmitted } from '../../open311/dedupe.js';

/** What the confirmation (and its printout) repeats of a sent report: the draft itself is gone by then. */
export interface Receipt {
  readonly service: string;
  readonly location: string;
  readonly sentAt: Date;
  readonly email?: string;
  readonly next?: string;
}

/** A failed send, as the resident is told about it. */
export interface SendFailure {
  readonly message: string;
  /** True when the report certainly did not arrive, so sending again is safe. */
  readonly safeToRetry: boolean;
  /**
   * Set when a send started at `at` may have arrived and the server could not be asked (no answer,
   * CORS, a server without GET requests): the next press looks for it again before sending, and
   * sends only once `checked` says the resident was told we still cannot tell (issue 10).
   */
  readonly unconfirmed?: { readonly at: number; readonly checked: boolean };
}

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
  readonly anonymous: boolean;
  readonly hideName: boolean;
  readonly location: string;
  /** The "what happens next" paragraph, or nothing. */
  readonly responseTime: TemplateResult | typeof nothing;
  readonly subHeading: (text: string) => TemplateResult;
  readonly change: (step: Step) => void;
  readonly send: () => void;
}

function answerText(definition: ServiceDefinition | undefined, code: string, value: string | readonly string[]): string {
  const attr = definition?.attributes.find((a) => a.code === code);
  const list = typeof value === 'string' ? [value] : [...value];
  return list.map((v) => attr?.values.find((x) => x.key === v)?.name ?? v).join('\n');
}

function summaryRow(ctx: CheckContext, label: string, value: string, step: Step, what: string): TemplateResult {
  return html`<div>
    <dt>${label}</dt>
    <dd>${value || msg('Not given')}</dd>
    <dd>
      <button type="button" class="link" @click=${() => ctx.change(step)}>${msg('Change')}<span class="visually-hidden"> ${what}</span></button>
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
  const row = (label: string, v: string, step: Step, what: string): TemplateResult => summaryRow(ctx, label, v, step, what);
  return html`
    ${failure
      ? html`<div class="error-summary" tabindex="-1" role="alert">
          <h3>${failure.unconfirmed ? msg('We cannot tell whether your report was sent') : msg('Your report has not been sent yet')}</h3>
          <p>${failure.message}</p>
        </div>`
      : nothing}
    <dl class="summary">
      ${row(msg('Location'), ctx.location, 'where', msg('location'))}
      ${row(msg('Problem'), ctx.service?.name ?? ctx.draft.serviceCode ?? '', 'what', msg('problem'))}
      ${questions.map((a) => row(a.description, answerText(ctx.definition, a.code, attributes[a.code]), 'details', a.description))}
      ${row(msg('Description'), value?.description || ctx.draft.description || '', 'details', msg('description'))}
      ${ctx.preparedPhoto ? row(msg('Photo'), ctx.preparedPhoto.fileName, 'details', msg('photo')) : nothing}
      ${row(msg('Name'), name, 'about', msg('name'))} ${row(msg('Email'), c.email ?? '', 'about', msg('email'))}
      ${c.phone ? row(msg('Phone'), c.phone, 'about', msg('phone')) : nothing}
    </dl>
    ${renderPublicPanel(ctx, questions.length > 0, name)}
    ${ctx.responseTime !== nothing ? html`${ctx.subHeading(msg('What happens next'))} ${ctx.responseTime}` : nothing}
    <div class="actions">
      <button type="button" class="primary" part="send-button" aria-disabled=${busy ? 'true' : 'false'} @click=${ctx.send}>
        ${busy
          ? msg('Sending…')
          : failure?.unconfirmed
            ? failure.unconfirmed.checked
              ? msg('Send it again anyway')
              : msg('Check again')
            : failure
              ? msg('Try again')
              : msg('Send report')}
      </button>
    </div>
    <p role="status" class="visually-hidden">${busy ? msg('Sending your report…') : ''}</p>
  `;
}

/** "What the public will see": which answers the council publishes (`public-fields`), the rest seen only by the council. */
function renderPublicPanel(ctx: CheckContext, hasAnswers: boolean, name: string): TemplateResult {
  const shown = new Set(ctx.publicFields.split(/[\s,]+/).filter(Boolean));
  const c = ctx.contact;
  const items: [string, string, boolean][] = [
    ['location', msg('Location'), !!ctx.draft.location],
    ['service', msg('Problem'), !!ctx.draft.serviceCode],
    ['answers', msg('Your answers to the questions'), hasAnswers],
    ['description', msg('Description'), !!(ctx.formValue?.description || ctx.draft.description)],
    ['photo', msg('Photo'), !!ctx.preparedPhoto],
    ['name', msg('Your name'), !!name],
    ['email', msg('Your email address'), !!c.email],
    ['phone', msg('Your phone number'), !!c.phone],
  ];
  const given = items.filter(([, , has]) => has);
  const published = given.filter(([key]) => shown.has(key));
  const kept = given.filter(([key]) => !shown.has(key));
  return html`<div class="public-panel" part="public-panel">
    ${ctx.subHeading(msg('What the public will see'))}
    ${published.length
      ? html`<p>${msg('The council may publish these on its website:')}</p>
          <ul class="published">
            ${published.map(([, label]) => html`<li>${label}</li>`)}
          </ul>`
      : html`<p>${msg('The council does not publish anything you tell it.')}</p>`}
    ${kept.length
      ? html`<p>${msg('Seen only by the council:')}</p>
          <ul class="private">
            ${kept.map(([, label]) => html`<li>${label}</li>`)}
          </ul>`
      : nothing}
    ${ctx.anonymous && ctx.hideName
      ? html`<p class="hide-name-note">
          ${shown.has('name')
            ? msg('You asked for your name not to be shown publicly. The council’s system cannot record this request. If you do not want your name shown, change your answers and leave your name out.')
            : msg('You asked for your name not to be shown publicly. The council does not publish names.')}
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
  readonly trackUrl: string | undefined;
  /** Where the reference is shown (selected when the clipboard is refused). */
  readonly root: ParentNode;
  /** Says something once in the element's live region. */
  readonly announce: (text: string) => void;
  readonly startAgain: () => void;
}

/** Copies the reference; where the clipboard is refused, selects it for the resident to copy. */
async function copyReference(ctx: SentContext): Promise<void> {
  const id = ctx.result?.id;
  if (!id) return;
  ctx.announce('');
  try {
    await navigator.clipboard.writeText(id);
    ctx.announce(msg('Copied'));
  } catch {
    const target = ctx.root.querySelector('.reference');
    const selection = document.getSelection();
    if (target && selection) {
      const range = document.createRange();
      range.selectNodeContents(target);
      selection.removeAllRanges();
      selection.addRange(range);
    }
    ctx.announce(msg('The reference is selected: copy it with your device’s copy command.'));
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
  const when = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeStyle: 'short' }).format(rc.sentAt);
  return html`<dl class="summary receipt" part="receipt">
      ${id ? html`<div><dt>${msg('Reference')}</dt><dd>${id}</dd></div>` : nothing}
      <div><dt>${msg('Problem')}</dt><dd>${rc.service}</dd></div>
      ${rc.location ? html`<div><dt>${msg('Location')}</dt><dd>${rc.location}</dd></div>` : nothing}
      <div><dt>${msg('Sent')}</dt><dd>${when}</dd></div>
      ${rc.next ? html`<div><dt>${msg('What happens next')}</dt><dd>${rc.next}</dd></div>` : nothing}
      ${track
        ? html`<div>
            <dt>${msg('How to track it')}</dt>
            <dd><a href=${track} part="track-link">${msg('Track your report')}</a><span class="print-only"> ${track}</span></dd>
          </div>`
        : nothing}
    </dl>
    ${rc.email ? html`<p class="email-note">${msg(str`The council may email you at ${rc.email} about this report.`)}</p>` : nothing}`;
}

/** The confirmation: the reference, the receipt, the tracker, and what to do next. */
export function renderSent(ctx: SentContext): TemplateResult {
  const r = ctx.result;
  return html`
    <div class="panel">
      ${r?.id
        ? html`<p>${msg('Your reference number')}</p>
            <p class="reference">${r.id}</p>
            <button type="button" class="secondary copy" part="copy-button" @click=${() => copyReference(ctx)}>${msg('Copy reference')}</button>`
        : html`<p>${msg('Your report is being processed. You will get a reference number shortly; it will appear below.')}</p>`}
    </div>
    ${r?.serviceNotice ? html`<p class="notice">${r.serviceNotice}</p>` : nothing}
    ${renderReceipt(ctx)}
    ${r?.id || r?.token
      ? html`<open311-status-tracker
          .client=${ctx.client}
          endpoint=${ctx.endpoint}
          request-id=${r.id ?? nothing}
          token=${r.id ? nothing : (r.token ?? nothing)}
          heading-level=${Math.min(6, ctx.headingLevel + 1)}
          council-phone=${ctx.councilPhone ?? nothing}
          council-email=${ctx.councilEmail ?? nothing}
        ></open311-status-tracker>`
      : nothing}
    <div class="actions">
      <button type="button" class="secondary" @click=${ctx.startAgain}>${msg('Report another problem')}</button>
      <button type="button" class="secondary" part="print-button" @click=${() => window.print()}>${msg('Print this page')}</button>
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
    ${ctx.anonymous ? checkbox('hide-name', msg('Do not show my name publicly'), ctx.hideName, ctx.onHideName) : nothing}
    <fieldset class="device">
      <legend>${msg('Saving on this device')}</legend>
      <p class="hint">${msg('Leave these unticked on a shared or public computer.')}</p>
      ${checkbox(
        'remember-contact',
        msg('Remember my details on this device'),
        ctx.rememberContact,
        ctx.onRemember,
        msg('Otherwise your details are forgotten when you close the browser.'),
      )}
      ${checkbox(
        'keep-reports',
        msg('Keep a list of my reports on this device'),
        ctx.keepReports,
        ctx.onKeepReports,
        msg('So you can check their progress later. Anyone using this device could see the list.'),
      )}
    </fieldset>
    ${privacy || controller
      ? html`<p class="privacy" part="privacy">
          ${controller ? msg(str`${controller} is responsible for your information.`) : nothing}
          ${privacy
            ? html`<a href=${privacy} target="_blank" rel="noopener">${msg('How we use your information')}<span class="visually-hidden"> ${msg('(opens in a new tab)')}</span></a>`
            : nothing}
        </p>`
      : nothing}
    <div class="visually-hidden" aria-hidden="true">
      <label for="website">${msg('Leave this field empty')}</label>
      <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>
  `;
}

/** What the photo field reads from the element, and its handlers. */
export interface PhotoContext {
  readonly photoError: string | undefined;
  readonly photoUrl: string | undefined;
  readonly onPhoto: (e: Event) => void;
  readonly onRemove: () => void;
}

/** "Add a photo (optional)", with the photo ready to send and a way to remove it. */
export function renderPhoto(ctx: PhotoContext): TemplateResult {
  return html`<div class="photo">
    <label for="photo">${msg('Add a photo (optional)')}</label>
    <p class="hint" id="photo-hint">
      ${msg('A photo helps the council find and fix the problem. Do not include people’s faces, number plates or private gardens. We remove the photo’s location and camera details before it is sent.')}
    </p>
    ${ctx.photoError ? html`<p class="error-message" id="photo-error"><span class="visually-hidden">${msg('Error:')}</span> ${ctx.photoError}</p>` : nothing}
    <input id="photo" type="file" accept="image/*" aria-describedby=${ctx.photoError ? 'photo-hint photo-error' : 'photo-hint'} @change=${ctx.onPhoto} />
    ${ctx.photoUrl
      ? html`<img src=${ctx.photoUrl} alt=${msg('Your photo, ready to send')} />
          <button type="button" class="link" @click=${ctx.onRemove}>${msg('Remove photo')}</button>`
      : nothing}
  </div>`;
}

/** Uploads the photo to the council's upload URL and returns its public URL. */
export async function uploadPhoto(uploadUrl: string | undefined, photo: PreparedPhoto, signal?: AbortSignal): Promise<string> {
  if (!uploadUrl) throw new Error(msg('Photos cannot be uploaded: the page has no upload address.'));
  const body = new FormData();
  body.append('media', photo.blob, photo.fileName);
  const res = await fetch(uploadUrl, { method: 'POST', body, credentials: 'omit', ...(signal ? { signal } : {}) });
  if (!res.ok) throw new Error(msg(str`The photo could not be uploaded (error ${res.status}).`));
  const data = (await res.json()) as { media_url?: unknown };
  if (typeof data.media_url !== 'string') throw new Error(msg('The photo could not be uploaded.'));
  return data.media_url;
}

/** What the resident is told when a send fails, by how it failed. */
export const failures = {
  /** The hidden anti-spam field was filled: only a program does that. */
  trap: (): SendFailure => ({
    message: msg('Your report could not be sent from this form. Please use one of the other ways to report a problem.'),
    safeToRetry: false,
  }),
  /** Looked again after an unclear send, and the server still cannot be asked. */
  stillUnknown: (at: number): SendFailure => ({
    message: msg(
      'We still cannot tell whether your report arrived: the council’s system is not answering this page. Nothing you typed is lost. If you can, check with the council before sending it again. If you are sure it did not arrive, press Send it again anyway.',
    ),
    safeToRetry: false,
    unconfirmed: { at, checked: true },
  }),
  offline: (): SendFailure => ({
    message: msg('You are offline. Your report has not been sent, and nothing you typed is lost. When you are connected again, press Try again.'),
    safeToRetry: true,
  }),
  /** Sent, no answer, and the server could not be asked whether it arrived. */
  noAnswer: (at: number): SendFailure => ({
    message: msg(
      'Your report was sent but no answer came back from the council’s system, so we cannot tell whether it arrived. Nothing you typed is lost. Sending it again could report the problem twice: press Check again to ask the council’s system whether it arrived.',
    ),
    safeToRetry: false,
    unconfirmed: { at, checked: false },
  }),
  notSent: (timeout: boolean): SendFailure => ({
    message: timeout
      ? msg('The council’s system did not answer in time. Your report has not been sent. Nothing you typed is lost.')
      : msg('Your report could not be sent: check your internet connection. Nothing you typed is lost.'),
    safeToRetry: true,
  }),
  /** A missing or bad api_key (issue 10): the server's words mean nothing to a resident. */
  refused: (): SendFailure => ({
    message: msg(
      'The council’s system refused the report: this website is not allowed to send reports to it at the moment. Your report has not been sent. Nothing you typed is lost. Try again later, or use one of the other ways to report a problem.',
    ),
    safeToRetry: true,
  }),
  serverSaid: (words: string): SendFailure => ({ message: msg(str`Your report has not been sent. The council’s system said: ${words}`), safeToRetry: true }),
  /** A reload while sending, and the server cannot be asked. */
  interruptedUnknown: (at: number): SendFailure => ({
    message: msg(
      'Your report was being sent when the page was closed, and the council’s system is not answering, so we cannot tell whether it arrived. Nothing you typed is lost. Press Check again to look once more.',
    ),
    safeToRetry: false,
    unconfirmed: { at, checked: false },
  }),
  interrupted: (): SendFailure => ({ message: msg('Your report may not have been sent when the page was closed. Check your answers and send it again.'), safeToRetry: true }),
};
export { lateStyles } from './steps-late.styles.js';
