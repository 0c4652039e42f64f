import { html, nothing, noChange } from 'lit';
import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { safeHttpUrl } from '../../open311/urls.js';
import type { Open311Client } from '../../open311/client.js';
import type { Service } from '../../open311/models.js';
import type { Open311FormChangeEvent, ReportFormValue } from '../../events.js';
import type { Contact } from './draft.js';
import { EXPORTED_PARTS } from './later-parts.js';

/**
 * "About you" in `<open311-report>`: the contact form, the resident's choices about this device,
 * who is responsible for their information, and the spam trap.
 */

/** What "About you" shows, and its handlers. */
export interface AboutProps extends AboutContext {
  readonly hidden: boolean;
  readonly label: string;
  readonly client: Open311Client | undefined;
  readonly service: Service | undefined;
  readonly contactFields: string;
  readonly requireContact: string;
  /** "Email me updates" is offered (`updates-attribute`). */
  readonly updates: boolean;
  readonly continueButton: TemplateResult;
  readonly onContact: (e: Open311FormChangeEvent) => void;
}

/** The "About you" step (hidden but on its own step: the form keeps its state). */
export function renderAbout(p: AboutProps): TemplateResult {
  return html`<section ?hidden=${p.hidden} aria-label=${p.label}>
    <open311-report-form
      sections="contact"
      exportparts=${EXPORTED_PARTS['open311-report-form']}
      .client=${p.client ?? noChange}
      .service=${p.service}
      contact-fields=${p.contactFields}
      require-contact=${p.requireContact}
      ?no-updates=${!p.updates}
      @open311-form-change=${p.onContact}
    ></open311-report-form>
    ${renderAboutExtras(p)} ${p.continueButton}
  </section>`;
}

/** The contact details in a form's value. */
export function contactOf(v: ReportFormValue): Contact {
  return {
    ...(v.email ? { email: v.email } : {}),
    ...(v.firstName ? { firstName: v.firstName } : {}),
    ...(v.lastName ? { lastName: v.lastName } : {}),
    ...(v.phone ? { phone: v.phone } : {}),
    ...(v.wantsUpdates !== undefined ? { wantsUpdates: v.wantsUpdates } : {}),
  };
}

const CONTACT_KEYS = { first_name: 'firstName', last_name: 'lastName', email: 'email', phone: 'phone' } as const;

/**
 * The contact fields the page requires (`require-contact`, among those shown) that the resident's
 * details lack. They are kept for the browser session only, so a report queued offline and sent on
 * a later visit may have lost them (issue 22).
 */
export function missingContact(contact: Contact, contactFields: string, requireContact: string): string[] {
  const shown = new Set(contactFields.split(/[\s,]+/));
  return requireContact
    .split(/[\s,]+/)
    .filter((f): f is keyof typeof CONTACT_KEYS => f in CONTACT_KEYS && shown.has(f))
    .filter((f) => !contact[CONTACT_KEYS[f]]?.trim());
}

/** What the extras below the contact fields show, and their handlers. */
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
    ${
      privacy || controller
        ? html`<p class="privacy" part="privacy">
          ${controller ? msg(str`${controller} is responsible for your information.`, { id: 'report.is-responsible-for-your-information' }) : nothing}
          ${
            privacy
              ? html`<a href=${privacy} target="_blank" rel="noopener">${msg('How we use your information', { id: 'report.how-we-use-your-information' })}<span class="visually-hidden"> ${msg('(opens in a new tab)', { id: 'report.opens-in-new-tab' })}</span></a>`
              : nothing
          }
        </p>`
        : nothing
    }
    <div class="visually-hidden" aria-hidden="true">
      <label for="website">${msg('Leave this field empty', { id: 'report.leave-this-field-empty' })}</label>
      <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>
  `;
}
