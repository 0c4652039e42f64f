import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { getLocale } from '../../i18n/localize.js';
import type { Open311Client } from '../../open311/client.js';
import { isAbortError, isOpen311Error, listedErrors } from '../../open311/errors.js';
import type { ServiceRequest } from '../../open311/models.js';
import { isClosed } from '../../open311/status.js';
import { Open311ErrorEvent } from '../../events.js';
import { characterCountText } from '../../i18n/character-count.js';
import { button, heading, message } from '../tracker-views.js';

/** The longest update a resident can send (the server may allow more; a phone keyboard should not). */
export const UPDATE_LIMIT = 2000;

/** "You have N characters remaining / too many" for the update box (the form's wording and ids). */
export function updateCountText(length: number): string {
  return characterCountText(UPDATE_LIMIT, length);
}

/** The message for an update's text, or undefined when it can be sent. */
export function updateTextError(text: string): string | undefined {
  if (!text.trim()) return msg('Enter your update', { id: 'tracker.enter-your-update' });
  if (text.length > UPDATE_LIMIT)
    return msg(str`Your update must be ${new Intl.NumberFormat(getLocale()).format(UPDATE_LIMIT)} characters or fewer`, {
      id: 'tracker.your-update-must-be-characters-or',
    });
  return undefined;
}

/** The message for the optional email, or undefined when it is empty or looks like an address. */
export function updateEmailError(email: string): string | undefined {
  const value = email.trim();
  if (!value || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return undefined;
  return msg('Enter an email address in the correct format, like name@example.com', { id: 'form.enter-email-address-in-correct-format' });
}

/** Why sending failed, in the server's own words when it gave any (rendered as text). */
export function updateFailure(error: unknown): string {
  if (isOpen311Error(error)) {
    // Only an Open311 error list is the council's words; an error page or proxy text is not (issue 22).
    const words =
      error.status !== undefined && error.status < 500
        ? listedErrors(error)
            .map((e) => e.description.trim())
            .join(' ')
        : '';
    if (words) return msg(str`The council's system did not accept your update: ${words}`, { id: 'tracker.councils-system-did-not-accept-your' });
    if (error.transient || error.kind === 'network')
      return msg("We could not reach the council's system. Check your connection and try again.", { id: 'tracker.we-could-not-reach-councils-system' });
  }
  return msg("Sorry, the council's system could not take your update just now. Try again in a few minutes.", {
    id: 'tracker.sorry-councils-system-could-not-take',
  });
}

/** What a resident is adding to a report: "Still a problem?" on a finished one, or an update on an open one. */
export type FollowUpKind = 'reopen' | 'update';

/** One follow-up to send (FMS `POST servicerequestupdates`). */
interface FollowUp {
  readonly requestId: string;
  readonly kind: FollowUpKind;
  readonly description: string;
  readonly email?: string;
}

/** What the tracker gives the follow-up form. */
export interface FollowUpOptions {
  /** The client to send with. */
  readonly client: () => Open311Client | undefined;
  /** Puts focus on the element matching `selector` in the tracker once it is rendered. */
  readonly focus: (selector: string) => void;
  /** A follow-up was stored: the tracker loads the report again (the update shows in the timeline) and tells the page. */
  readonly sent: (requestId: string, kind: FollowUpKind) => void;
}

/** The report the follow-up is for, and how the tracker is set up. */
export interface FollowUpView {
  readonly id: string;
  readonly request: ServiceRequest;
  /** The server takes FMS updates (`updates`, and its `servicerequestupdates` did not answer 404). */
  readonly offersUpdates: boolean;
  readonly headingLevel: number;
  /** The report is someone else's, followed by the resident: "this report", not "your report". */
  readonly following?: boolean;
  readonly councilPhone?: string;
  readonly councilEmail?: string;
}

/**
 * The resident's follow-up on a report: "Still a problem?" on a finished one (it reopens it), "Add an
 * update" on an open one, or, where the server takes no updates, the council's phone and email with
 * the reference to quote. It owns the form's state and the one POST; the tracker only says which
 * report is shown. A controller rendering into the tracker's own shadow root, not an element: each
 * label, hint and error must share a shadow root with its field (ARIA id references cannot cross one),
 * focus moves between the form and the tracker's buttons, and a council's ::part rules keep reaching
 * `follow-up-form`, `textarea`, … without another layer of `exportparts`.
 */
export class FollowUpController implements ReactiveController {
  /** Sends a resident's follow-up; run on submit only. */
  private readonly task: Task<readonly [Open311Client | undefined, FollowUp | undefined], FollowUp | undefined>;
  /** The form that is open, for the report with this id. */
  private open?: { readonly requestId: string; readonly kind: FollowUpKind };
  /** The text and email as typed (read from the fields' input events). */
  private text = '';
  private email = '';
  /** Validation messages after a submit. */
  private errors: { text?: string; email?: string } = {};
  /** The confirmation shown after a follow-up was sent, for the report with this id. */
  private confirmation?: { readonly requestId: string; readonly text: string };
  /** The report shown is someone else's, followed by the resident (the last view rendered). */
  private following = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FollowUpOptions,
  ) {
    host.addController(this);
    this.task = new Task(host, {
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
      onComplete: (sent) => this.handleSent(sent),
      onError: (error) => {
        if (!isAbortError(error)) this.host.dispatchEvent(new Open311ErrorEvent(error, 'update'));
      },
    });
  }

  hostConnected(): void {
    // Nothing to start: the form opens on the resident's click.
  }

  /** Closes the form and forgets the confirmation: the page chose another report. */
  reset(): void {
    this.open = undefined;
    this.confirmation = undefined;
    this.host.requestUpdate();
  }

  private handleOpen(requestId: string, kind: FollowUpKind): void {
    this.open = { requestId, kind };
    // The fields are not bound to these (a re-render must never overwrite what is being typed): a new form starts empty.
    this.text = '';
    this.email = '';
    this.errors = {};
    this.confirmation = undefined;
    this.options.focus('#follow-up-text');
    this.host.requestUpdate();
  }

  private handleCancel(): void {
    this.task.abort();
    this.open = undefined;
    this.errors = {};
    this.options.focus('.follow-up-button');
    this.host.requestUpdate();
  }

  private readonly handleInput = (e: Event): void => {
    const target = e.target as HTMLTextAreaElement | HTMLInputElement;
    if (target.id === 'follow-up-text') {
      this.text = target.value;
      if (this.errors.text) this.errors = { ...this.errors, text: updateTextError(this.text) };
    } else {
      this.email = target.value;
      if (this.errors.email) this.errors = { ...this.errors, email: updateEmailError(this.email) };
    }
    this.host.requestUpdate();
  };

  private readonly handleSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const open = this.open;
    if (!open || this.task.status === TaskStatus.PENDING) return;
    const errors = { text: updateTextError(this.text), email: updateEmailError(this.email) };
    this.errors = errors;
    this.host.requestUpdate();
    if (errors.text || errors.email) {
      this.options.focus(errors.text ? '#follow-up-text' : '#follow-up-email');
      return;
    }
    const email = this.email.trim();
    void this.task.run([this.options.client(), { ...open, description: this.text.trim(), ...(email ? { email } : {}) }]);
  };

  private handleSent(sent: FollowUp | undefined): void {
    if (!sent) return;
    const text =
      sent.kind === 'reopen'
        ? msg(str`Thank you. The council has been told the problem is still there (reference number ${sent.requestId}).`, {
            id: 'tracker.thank-you-council-has-been-told',
          })
        : this.following
          ? msg(str`Thank you. Your update has been added to the report you are following (reference number ${sent.requestId}).`, {
              id: 'tracker.thank-you-your-update-has-been-following',
            })
          : msg(str`Thank you. Your update has been added to your report (reference number ${sent.requestId}).`, {
              id: 'tracker.thank-you-your-update-has-been',
            });
    this.open = undefined;
    this.text = '';
    this.email = '';
    this.errors = {};
    this.confirmation = { requestId: sent.requestId, text };
    this.options.focus('.follow-up-button');
    this.host.requestUpdate();
    this.options.sent(sent.requestId, sent.kind);
  }

  /** "Still a problem?" / "Add an update", its form, or the council's other ways where the server takes no updates. */
  render(view: FollowUpView): TemplateResult {
    const { id, request } = view;
    this.following = !!view.following;
    const kind: FollowUpKind = isClosed(request.status) ? 'reopen' : 'update';
    const open = this.open?.requestId === id ? this.open : undefined;
    const sent = this.confirmation?.requestId === id ? this.confirmation.text : undefined;
    const pending = !!open && this.task.status === TaskStatus.PENDING;
    const label = kind === 'reopen' ? msg('Still a problem?', { id: 'tracker.still-problem' }) : msg('Add an update', { id: 'tracker.add-update' });
    return html`<div class="follow-up">
      <div role="status" aria-live="polite" class="follow-up-status">
        ${sent ? message(sent) : pending ? message(msg('Sending your update…', { id: 'tracker.sending-your-update' })) : nothing}
      </div>
      ${
        !view.offersUpdates
          ? this.renderOtherWays(view, kind)
          : open
            ? this.renderForm(open.kind, view.headingLevel, this.following)
            : button(label, () => this.handleOpen(id, kind), 'follow-up-button', 'secondary follow-up-button')
      }
    </div>`;
  }

  private renderForm(kind: FollowUpKind, headingLevel: number, following: boolean): TemplateResult {
    const { text: textError, email: emailError } = this.errors;
    const failed = this.task.status === TaskStatus.ERROR && !isAbortError(this.task.error);
    const over = this.text.length > UPDATE_LIMIT;
    const textDescribedBy = textError ? 'follow-up-hint follow-up-text-error follow-up-count' : 'follow-up-hint follow-up-count';
    const emailDescribedBy = emailError ? 'follow-up-email-hint follow-up-email-error' : 'follow-up-email-hint';
    const error = (id: string, text: string): TemplateResult =>
      html`<p id=${id} class="error-message" part="error-message"><span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> ${text}</p>`;
    const title =
      kind === 'reopen'
        ? msg('Tell the council the problem is still there', { id: 'tracker.tell-council-problem-is-still-there' })
        : following
          ? msg('Add an update to this report', { id: 'tracker.add-update-to-this-report' })
          : msg('Add an update to your report', { id: 'tracker.add-update-to-your-report' });
    return html`<form class="follow-up-form" part="follow-up-form" novalidate aria-labelledby="follow-up-heading" @submit=${this.handleSubmit}>
      ${heading(headingLevel, 1, title, 'follow-up-heading')}
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
          @input=${this.handleInput}
        ></textarea>
        <div id="follow-up-count" class="count ${over ? 'count-over' : ''}" part="character-count">${updateCountText(this.text.length)}</div>
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
          @input=${this.handleInput}
        />
      </div>
      <div role="alert" class="follow-up-alert">${failed ? message(updateFailure(this.task.error), 'error') : nothing}</div>
      <div class="actions">
        <button type="submit" class="button" part="button submit-button follow-up-submit">${failed ? msg('Try again', { id: 'map.try-again' }) : msg('Send update', { id: 'tracker.send-update' })}</button>
        ${button(msg('Cancel', { id: 'tracker.cancel' }), () => this.handleCancel(), 'follow-up-cancel', 'secondary')}
      </div>
    </form>`;
  }

  /** Where the server takes no updates: the council's phone and email, and the reference to quote. */
  private renderOtherWays(view: FollowUpView, kind: FollowUpKind): TemplateResult {
    const { id } = view;
    const phone = view.councilPhone?.trim();
    const email = view.councilEmail?.trim();
    const lead =
      kind === 'reopen'
        ? msg(str`To tell the council it is still a problem, contact them and quote reference number ${id}.`, { id: 'tracker.to-tell-council-it-is-still' })
        : view.following
          ? msg(str`To add to this report, contact the council and quote reference number ${id}.`, { id: 'tracker.to-add-to-this-report-contact' })
          : msg(str`To add to your report, contact the council and quote reference number ${id}.`, { id: 'tracker.to-add-to-your-report-contact' });
    const subject = encodeURIComponent(msg(str`Reference number ${id}`, { id: 'tracker.reference-number-with-value' }));
    return html`<div class="other-ways" part="other-ways">
      <p>${lead}</p>
      ${
        phone || email
          ? html`<ul>
            ${phone ? html`<li>${msg('Phone:', { id: 'report.phone' })} <a href=${`tel:${phone.replace(/[^\d+]/g, '')}`}>${phone}</a></li>` : nothing}
            ${email ? html`<li>${msg('Email:', { id: 'report.email' })} <a href=${`mailto:${email}?subject=${subject}`}>${email}</a></li>` : nothing}
          </ul>`
          : nothing
      }
    </div>`;
  }
}
