import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { formatIsoDateTime } from '../../i18n/dates.js';
import type { Service, ServiceDefinition } from '../../open311/models.js';
import type { ReportFormValue } from '../../events.js';
import type { ReportAnswers, SendFailure, SubmissionController, UploadView } from '../../controllers/submission.js';
import type { Contact, Draft, Step } from './draft.js';
import type { PreparedPhoto } from './photo.js';
import { linkedText } from '../linked-text.js';

/**
 * "Check your answers" of `<open311-report>`: the summary with Change links, what the public will
 * see, what happens next, the send's progress and outcome (from its SubmissionController), and Send.
 */

/** What "check your answers" shows, and the actions it offers. */
export interface CheckProps {
  /** What the request is built from (the SubmissionController is given the same). */
  readonly answers: ReportAnswers;
  readonly service: Service | undefined;
  readonly preparedPhoto: PreparedPhoto | undefined;
  /** The send path's state, and Send. */
  readonly submission: Pick<SubmissionController, 'failure' | 'sending' | 'checking' | 'queued' | 'upload' | 'status' | 'send'>;
  readonly publicFields: string;
  /** Contact details the page requires are missing (gone with the browser session that queued the report). */
  readonly missingContact: boolean;
  readonly location: string;
  /** The "what happens next" paragraph, or nothing. */
  readonly responseTime: TemplateResult | typeof nothing;
  readonly subHeading: (text: string) => TemplateResult;
  readonly change: (step: Step) => void;
  /** Throws the queued report away. */
  readonly discard: () => void;
}

/** The flat view the template reads, made from {@link CheckProps}. */
interface CheckView {
  readonly draft: Draft;
  readonly formValue: ReportFormValue | undefined;
  readonly definition: ServiceDefinition | undefined;
  readonly service: Service | undefined;
  readonly contact: Contact;
  readonly preparedPhoto: PreparedPhoto | undefined;
  readonly failure: SendFailure | undefined;
  readonly busy: boolean;
  /** `here`: queued on this page, sent when back online; `ask`: queued on an earlier visit, sent only if the resident says so. */
  readonly queued: 'here' | 'ask' | undefined;
  /** The photo on its way. */
  readonly upload: UploadView | undefined;
  /** What the send path last said (the live region). */
  readonly status: string;
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
  /** Throws the queued report away. */
  readonly discard: () => void;
}

function answerText(definition: ServiceDefinition | undefined, code: string, value: string | readonly string[]): string {
  const attr = definition?.attributes.find((a) => a.code === code);
  const list = typeof value === 'string' ? [value] : [...value];
  // A date answer in the page's words, not as sent (`2026-12-01T08:30:00Z`: issue 22).
  if (attr?.datatype === 'datetime') return list.map((v) => formatIsoDateTime(v)).join('\n');
  return list.map((v) => attr?.values.find((x) => x.key === v)?.name ?? v).join('\n');
}

function summaryRow(ctx: CheckView, label: string, value: string, step: Step, what: string): TemplateResult {
  return html`<div>
    <dt>${label}</dt>
    <dd>${value || msg('Not given', { id: 'report.not-given' })}</dd>
    <dd>
      <button type="button" class="link" @click=${() => ctx.change(step)}>${msg('Change', { id: 'report.change' })}<span class="visually-hidden"> ${what}</span></button>
    </dd>
  </div>`;
}

/** Check your answers: the summary with Change links, what the public will see, and Send. */
export function renderCheck(p: CheckProps): TemplateResult {
  const { answers: a, submission: sub } = p;
  const ctx: CheckView = {
    ...p,
    draft: a.draft,
    formValue: a.formValue,
    definition: a.definition,
    contact: a.contact,
    hideName: a.hideName,
    anonymous: !!a.anonymousAttribute?.trim(),
    updates: !!a.updatesAttribute?.trim(),
    failure: sub.failure,
    busy: sub.sending || sub.checking,
    queued: sub.queued,
    upload: sub.upload,
    status: sub.status,
    send: () => void sub.send(),
  };
  const value = ctx.formValue;
  // The draft first: after a reload on this step the form's own value is empty until it has loaded
  // its questions, and nothing re-renders this summary then (issue 10: answers seemed lost).
  const attributes = { ...(ctx.draft.attributes ?? {}), ...(value?.attributes ?? {}) };
  const questions = (ctx.definition?.attributes ?? []).filter(
    (a) => a.variable && !a.automated && attributes[a.code] !== undefined && attributes[a.code] !== '',
  );
  const c = ctx.contact;
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  const busy = ctx.busy;
  const failure = ctx.failure;
  const view = ctx;
  const row = (label: string, v: string, step: Step, what: string): TemplateResult => summaryRow(ctx, label, v, step, what);
  return html`
    ${renderQueued(ctx, view)}
    ${
      failure
        ? html`<div class="error-summary" tabindex="-1" role="alert">
          <h3>${failure.unconfirmed ? msg('We cannot tell whether your report was sent', { id: 'report.we-cannot-tell-whether-your-report' }) : msg('Your report has not been sent yet', { id: 'report.your-report-has-not-been-sent-2' })}</h3>
          <p>${linkedText(failure.message)}</p>
        </div>`
        : nothing
    }
    <dl class="summary">
      ${row(msg('Location', { id: 'report.location' }), ctx.location, 'where', msg('location', { id: 'report.location-lower-case' }))}
      ${row(msg('Problem', { id: 'report.problem' }), ctx.service?.name ?? ctx.draft.serviceCode ?? '', 'what', msg('problem', { id: 'report.problem-lower-case' }))}
      ${questions.map((a) => row(a.description, answerText(ctx.definition, a.code, attributes[a.code]), 'details', a.description))}
      ${row(msg('Description', { id: 'report.description' }), value?.description || ctx.draft.description || '', 'details', msg('description', { id: 'report.description-lower-case' }))}
      ${ctx.preparedPhoto ? row(msg('Photo', { id: 'report.photo' }), ctx.preparedPhoto.fileName, 'details', msg('photo', { id: 'report.photo-lower-case' })) : nothing}
      ${row(msg('Name', { id: 'report.name' }), name, 'about', msg('name', { id: 'report.name-lower-case' }))} ${row(msg('Email', { id: 'report.email-2' }), c.email ?? '', 'about', msg('email', { id: 'report.email-lower-case' }))}
      ${c.phone ? row(msg('Phone', { id: 'report.phone-2' }), c.phone, 'about', msg('phone', { id: 'report.phone-lower-case' })) : nothing}
      ${
        ctx.updates
          ? row(
              msg('Email updates', { id: 'report.email-updates' }),
              c.wantsUpdates
                ? msg('Yes: your report asks the council to email you updates', { id: 'report.yes-your-report-asks-council-to' })
                : msg('No', { id: 'report.no' }),
              'about',
              msg('email updates', { id: 'report.email-updates-lower-case' }),
            )
          : nothing
      }
      ${
        ctx.anonymous
          ? row(
              msg('Your name in public', { id: 'report.your-name-in-public' }),
              ctx.hideName
                ? msg('Not shown: your report asks the council not to show your name publicly', { id: 'report.not-shown-your-report-asks-council' })
                : msg('You did not ask for it to be hidden', { id: 'report.you-did-not-ask-for-it' }),
              'about',
              msg('your name in public', { id: 'report.your-name-in-public-lower-case' }),
            )
          : nothing
      }
    </dl>
    ${renderPublicPanel(ctx, questions.length > 0, name)}
    ${ctx.responseTime !== nothing ? html`${ctx.subHeading(msg('What happens next', { id: 'report.what-happens-next' }))} ${ctx.responseTime}` : nothing}
    ${view.upload ? renderUpload(view.upload) : nothing}
    <div class="actions" ?hidden=${view.queued === 'ask'}>
      <button type="button" class="primary" part="send-button" aria-disabled=${busy ? 'true' : 'false'} @click=${ctx.send}>
        ${
          busy
            ? msg('Sending…', { id: 'report.sending' })
            : view.queued
              ? msg('Send now', { id: 'report.send-now' })
              : failure?.unconfirmed
                ? failure.unconfirmed.checked
                  ? msg('Send it again anyway', { id: 'report.send-it-again-anyway' })
                  : msg('Check again', { id: 'report.check-again' })
                : failure
                  ? msg('Try again', { id: 'map.try-again' })
                  : msg('Send report', { id: 'report.send-report' })
        }
      </button>
    </div>
    <p role="status" class="visually-hidden">${view.status || (busy ? msg('Sending your report…', { id: 'report.sending-your-report' }) : '')}</p>
  `;
}

/**
 * A report kept while offline (issue 12): on this page it goes by itself when the connection
 * returns; found on a new visit, it goes only when the resident says so.
 */
function renderQueued(ctx: CheckView, view: CheckView): TemplateResult | typeof nothing {
  if (view.queued === 'ask') {
    return html`<div class="queued" part="queued-notice">
      ${ctx.subHeading(msg('You have a report that was not sent. Send it now?', { id: 'report.you-have-report-that-was-not' }))}
      <p>${msg('It was kept on this device when you were offline. Check your answers below before sending it.', { id: 'report.it-was-kept-on-this-device' })}</p>
      ${
        ctx.draft.queued?.photo && !ctx.preparedPhoto
          ? html`<p>${msg('The photo you added was not kept on this device. To send a photo, choose Change next to Description and add it again.', { id: 'report.photo-you-added-was-not-kept' })}</p>`
          : nothing
      }
      ${
        ctx.missingContact
          ? html`<p>${msg('Your contact details were not kept on this device. When you press Send now, you will be asked for them again.', { id: 'report.your-contact-details-were-not-kept' })}</p>`
          : nothing
      }
      <div class="actions">
        <button type="button" class="primary" part="send-button" aria-disabled=${ctx.busy ? 'true' : 'false'} @click=${ctx.send}>
          ${ctx.busy ? msg('Sending…', { id: 'report.sending' }) : msg('Send now', { id: 'report.send-now' })}
        </button>
        <button type="button" class="secondary" @click=${ctx.discard}>${msg('Discard', { id: 'report.discard' })}</button>
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
function renderUpload(upload: UploadView): TemplateResult {
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
function renderPublicPanel(ctx: CheckView, hasAnswers: boolean, name: string): TemplateResult {
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
    ${
      published.length
        ? html`<p>${msg('The council may publish these on its website:', { id: 'report.council-may-publish-these-on-its' })}</p>
          <ul class="published">
            ${published.map(([, label]) => html`<li>${label}</li>`)}
          </ul>`
        : html`<p>${msg('The council does not publish anything you tell it.', { id: 'report.council-does-not-publish-anything-you' })}</p>`
    }
    ${
      kept.length
        ? html`<p>${msg('Seen only by the council:', { id: 'report.seen-only-by-council' })}</p>
          <ul class="private">
            ${kept.map(([, label]) => html`<li>${label}</li>`)}
          </ul>`
        : nothing
    }
    ${
      ctx.anonymous && ctx.hideName
        ? html`<p class="hide-name-note">
          ${
            shown.has('name')
              ? msg('You asked for your name not to be shown publicly. This request is sent to the council with your report.', {
                  id: 'report.you-asked-for-your-name-not',
                })
              : msg('You asked for your name not to be shown publicly. The council does not publish names.', { id: 'report.you-asked-for-your-name-not-2' })
          }
        </p>`
        : nothing
    }
  </div>`;
}
