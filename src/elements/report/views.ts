import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Open311Client } from '../../open311/client.js';
import type { Service, ServiceDefinition } from '../../open311/models.js';
import type { Open311FormChangeEvent, Open311ServiceChangeEvent } from '../../events.js';
import { renderAboutExtras, renderCheck, renderPhoto, renderSent } from './steps-late.js';
import type { SendHost } from './sending.js';
import { isUrgentService } from './urgency.js';
import type { Step } from './draft.js';
import type { Open311Report } from './report.js';

/**
 * The steps after "where" as `<open311-report>` shows them: the "what", "details" and "about you"
 * sections (the chooser and the forms), check your answers and the confirmation. They arrive with the
 * later steps' code (steps-late.ts), so the first screen carries only the "where" step (the byte
 * budget). The element passes itself; this is what is read from it (its fields are private to it).
 */
export interface ViewHost extends SendHost {
  readonly services: string | undefined;
  readonly groups: string | undefined;
  readonly translations: string | undefined;
  readonly urgentServices: string | undefined;
  readonly contactFields: string;
  readonly requireContact: string;
  readonly photoError: string | undefined;
  readonly photoUrl: string | undefined;
  readonly publicFields: string;
  readonly anonymous: boolean;
  readonly hideName: boolean;
  readonly rememberContact: boolean;
  readonly privacyUrl: string | undefined;
  readonly dataController: string | undefined;
  readonly headingLevel: number;
  readonly councilPhone: string | undefined;
  readonly councilEmail: string | undefined;
  readonly trackUrl: string | undefined;
  readonly activeClient: Open311Client | undefined;
  readonly service: Service | undefined;
  readonly definition: ServiceDefinition | undefined;
  stepTitle(step: Step): string;
  subHeading(text: string): TemplateResult;
  renderUrgent(): TemplateResult | typeof nothing;
  renderResponseTime(): TemplateResult | typeof nothing;
  renderContinue(): TemplateResult;
  change(step: Step): void;
  handleService(e: Open311ServiceChangeEvent): void;
  handleChooserClick(e: Event): void;
  handleQuestions(e: Open311FormChangeEvent): void;
  handleContact(e: Open311FormChangeEvent): void;
  handleHideName(e: Event): void;
  handleRemember(e: Event): void;
  handleKeepReports(e: Event): void;
  handlePhoto(e: Event): Promise<void>;
  removePhoto(): void;
}

/** The "what", "details" and "about you" sections, each hidden but the current step's (their elements keep their state). */
export function renderMiddle(host: ViewHost): TemplateResult {
  const step = host.draft.step;
  const client = host.activeClient;
  const urgent = isUrgentService(host.service, host.definition, host.urgentServices);
  const photo =
    host.photo === 'media-url' || host.photo === 'multipart'
      ? renderPhoto({
          photoError: host.photoError,
          photoUrl: host.photoUrl,
          onPhoto: (e) => void host.handlePhoto(e),
          onRemove: () => host.removePhoto(),
        })
      : nothing;
  // Listeners are called with the element as `this` (Lit's host), as if written in its own template.
  return html`<section ?hidden=${step !== 'what'} aria-label=${host.stepTitle('what')}>
      <open311-service-chooser
        .client=${client}
        services=${host.services ?? nothing}
        groups=${host.groups ?? nothing}
        translations=${host.translations ?? nothing}
        .value=${host.draft.serviceCode}
        @open311-service-change=${host.handleService}
        @click=${host.handleChooserClick}
      ></open311-service-chooser>
      ${host.renderContinue()}
    </section>
    <section ?hidden=${step !== 'details'} aria-label=${host.stepTitle('details')}>
      ${urgent ? host.renderUrgent() : nothing} ${host.renderResponseTime()}
      <open311-report-form
        sections="questions"
        translations=${host.translations ?? nothing}
        .client=${client}
        .service=${host.service}
        @open311-form-change=${host.handleQuestions}
      ></open311-report-form>
      ${photo} ${host.renderContinue()}
    </section>
    <section ?hidden=${step !== 'about'} aria-label=${host.stepTitle('about')}>
      <open311-report-form
        sections="contact"
        .client=${client}
        .service=${host.service}
        contact-fields=${host.contactFields}
        require-contact=${host.requireContact}
        @open311-form-change=${host.handleContact}
      ></open311-report-form>
      ${renderAboutExtras({
        anonymous: host.anonymous,
        hideName: host.hideName,
        rememberContact: host.rememberContact,
        keepReports: host.keepReports,
        privacyUrl: host.privacyUrl,
        dataController: host.dataController,
        onHideName: (e) => host.handleHideName(e),
        onRemember: (e) => host.handleRemember(e),
        onKeepReports: (e) => host.handleKeepReports(e),
      })}
      ${host.renderContinue()}
    </section>`;
}

/** Check your answers. */
export function renderCheckStep(host: ViewHost, send: () => void): TemplateResult {
  return renderCheck({
    draft: host.draft,
    formValue: host.questionsForm?.value,
    definition: host.definition,
    service: host.service,
    contact: host.contact,
    preparedPhoto: host.preparedPhoto,
    failure: host.failure,
    busy: host.sending || host.checking,
    publicFields: host.publicFields,
    anonymous: host.anonymous,
    hideName: host.hideName,
    location: host.describeLocation(host.draft.location),
    responseTime: host.renderResponseTime(),
    subHeading: (text) => host.subHeading(text),
    change: (step) => host.change(step),
    send,
    host: host as unknown as Open311Report,
  });
}

/** The confirmation. */
export function renderSentStep(host: ViewHost): TemplateResult {
  return renderSent({
    result: host.result,
    receipt: host.receipt,
    client: host.activeClient,
    endpoint: host.endpoint,
    headingLevel: host.headingLevel,
    councilPhone: host.councilPhone,
    councilEmail: host.councilEmail,
    trackUrl: host.trackUrl,
    root: host.renderRoot,
    announce: (text) => {
      host.announcement = text;
    },
    startAgain: () => host.startAgain(),
  });
}
