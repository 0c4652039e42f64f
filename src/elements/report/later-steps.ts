import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { ReactiveController, TemplateResult } from 'lit';
import type { Open311Client } from '../../open311/client.js';
import type { Service, ServiceDefinition, SubmitResult } from '../../open311/models.js';
import type { Open311Location } from '../../events.js';
import { SubmissionController } from '../../controllers/submission.js';
import type { ReportAnswers } from '../../controllers/submission.js';
import type { Open311ReportForm } from '../report-form/report-form.js';
import type { Open311MapPicker } from '../map-picker/map-picker.js';
import type { DraftController, Step } from './draft.js';
import type { Open311Report } from './report.js';
import { PhotoController } from './photo-choice.js';
import { renderDetails, renderResponseTime, responseTime } from './details.js';
import { contactOf, missingContact, renderAbout } from './about.js';
import { renderCheck } from './check.js';
import { followReference, myReportFor, originOf, receiptFor, renderConfirmation, sentRecordFor, submittedEvent } from './confirmation.js';
import type { Receipt } from './confirmation.js';
import { addMyReport } from '../../storage/my-reports.js';
import { NearbyOffer } from './nearby.js';

/** What the later steps are given by `<open311-report>` besides its public attributes: its draft, its children, its navigation. */
export interface StepWiring {
  readonly drafts: DraftController;
  /** The client in use (undefined while its code is loading). */
  client(): Open311Client | undefined;
  /** The chosen service and its definition (the element loads them, also when restoring a draft). */
  service(): Service | undefined;
  definition(): ServiceDefinition | undefined;
  questionsForm(): Open311ReportForm | undefined;
  contactForm(): Open311ReportForm | undefined;
  goTo(step: Step, how?: { history?: 'push' | 'none'; focus?: boolean }): Promise<void>;
  /** Continue: checks the current step and moves on. */
  next(): Promise<void>;
  /** "Report another problem". */
  startAgain(): void;
  /** Says something once in the element's live region. */
  announce(text: string): void;
  stepTitle(step: Step): string;
  subHeading(text: string): TemplateResult;
  urgentNotice(): TemplateResult | typeof nothing;
  continueButton(): TemplateResult;
  // For restoring a kept draft (draft.ts's `restore()`):
  mapPicker(): Open311MapPicker | undefined;
  /** Loads the element a step needs (a failure is shown as the step's error). */
  stepElement(step: Step): Promise<void>;
  /** The later steps, once loaded (undefined when they could not be). */
  steps(): Promise<LaterSteps | undefined>;
  /** The service of the restored draft (undefined when the server no longer lists it), and its definition. */
  restoreService(service: Service | undefined): Promise<void>;
  /** The map's chosen asset into the service's hidden field. */
  fillAssetField(): void;
}

/**
 * The steps after "where" of `<open311-report>`, wired: the views (details.ts … confirmation.ts)
 * given their props, the send path (SubmissionController) given its inputs, the chosen photo
 * (PhotoController), and what only these steps hold (the resident's choices about their name and
 * this device, the outcome of the send). Loaded with `import()` when the resident reaches these
 * steps, so none of it is in the first screen's bytes. It reads the element's public attributes;
 * everything else comes through {@link StepWiring}.
 */
export class LaterSteps implements ReactiveController {
  readonly submission: SubmissionController;
  readonly photos: PhotoController;
  /** "Is it one of these?": open reports of the chosen problem near the place (issue 19). */
  readonly nearby: NearbyOffer;
  /** "Do not show my name publicly" (`anonymous-attribute`). */
  hideName = false;
  /** "Keep a list of my reports on this device": only then is the report added to "my reports". */
  keepReports = false;
  /** The server's answer to the send, and the receipt shown with it. */
  result?: SubmitResult;
  receipt?: Receipt;

  constructor(
    private readonly host: Open311Report,
    private readonly wiring: StepWiring,
  ) {
    host.addController(this);
    const drafts = wiring.drafts;
    this.photos = new PhotoController(host);
    this.nearby = new NearbyOffer(host, {
      client: () => wiring.client(),
      draft: () => drafts.draft,
      service: () => wiring.service(),
      goTo: (step, how) => wiring.goTo(step, how),
      announce: (text) => wiring.announce(text),
    });
    this.submission = new SubmissionController(host, {
      drafts,
      answers: () => this.answers(),
      client: () => wiring.client(),
      clientMissing: () => !!host.endpoint && !host.client,
      photo: () => ({ strategy: host.photo, prepared: this.photos.prepared, uploadUrl: host.uploadUrl }),
      trap: () => ({ value: host.renderRoot.querySelector<HTMLInputElement>('#website')?.value ?? '', field: host.honeypotField }),
      contactMissing: () => this.contactMissing(),
      askContact: async () => {
        await wiring.goTo('about');
        await customElements.whenDefined('open311-report-form');
        await host.updateComplete;
        wiring.contactForm()?.validate();
      },
      showQuestionErrors: async (e) => {
        await wiring.goTo('details');
        wiring.questionsForm()?.showServerErrors(e);
      },
      sent: (result, auto) => this.sent(result, auto),
      gone: () => {
        wiring.startAgain();
        wiring.announce(msg('This report was sent or discarded in another tab or window.', { id: 'report.this-report-was-sent-or-discarded' }));
      },
      focusFailure: () => host.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus(),
    });
    // A reload after a report the server answered with a token: the confirmation again, with the
    // provisional reference (or the id it has become), still followed by the tracker (issue 22).
    const sent = drafts.draft.step === 'sent' ? drafts.loadSent() : undefined;
    if (sent) {
      this.result = { token: sent.token, ...(sent.id ? { id: sent.id } : {}), raw: null };
      this.receipt = {
        service: sent.service,
        location: sent.location,
        sentAt: new Date(sent.sentAt),
        ...(sent.email ? { email: sent.email } : {}),
        ...(sent.next ? { next: sent.next } : {}),
      };
    }
  }

  hostConnected(): void {
    // Nothing to do: made when the element reaches these steps.
  }

  /** Forgets the outcome, the photo and any queued send ("Report another problem"). */
  startAgain(): void {
    // The confirmation kept for this session goes too ("Report another problem"), and the answers typed.
    this.wiring.drafts.saveSent(undefined);
    this.wiring.questionsForm()?.restore({ description: '', attributes: {} });
    this.result = undefined;
    this.receipt = undefined;
    this.photos.remove();
    this.submission.reset();
    this.nearby.reset();
  }

  /**
   * Continue pressed on a later step: false while its answers are not ready to leave it (the form
   * says what is missing; a photo still being prepared is waited for, and its failure focused).
   */
  async ready(step: Step): Promise<boolean> {
    if (step === 'about') return !!this.wiring.contactForm()?.validate();
    if (step !== 'details') return true;
    const photos = this.photos;
    if (photos.waiting || !this.wiring.questionsForm()?.validate()) return false;
    if (!(await photos.ready(() => this.wiring.drafts.draft.step === step))) return false;
    if (!photos.error) return true;
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('#photo-error')?.focus();
    return false;
  }

  /**
   * The map's chosen asset fills the service's `hidden_field` attribute (issue 4). Only here: the
   * questions form is drawn by these steps. Called as the place, the problem or its definition
   * change, and when the form's code arrives.
   */
  fillAssetField(): void {
    const { wiring } = this;
    const loc = wiring.drafts.draft.location;
    const code = loc?.assetAttribute ?? this.host.assetAttribute;
    const form = wiring.questionsForm();
    const definition = wiring.definition();
    // The form's code may not be loaded yet (it arrives with its step); it is filled again then.
    if (!code || !form || !customElements.get('open311-report-form')) return;
    const hidden = definition?.attributes.find((a) => a.code === code && a.automated === 'hidden_field');
    if (definition && !hidden) return;
    form.setHiddenField(code, loc?.assetId);
  }

  /** "Forget this device": the resident's choices go too. */
  forget(): void {
    this.startAgain();
    this.hideName = false;
    this.keepReports = false;
  }

  /** What the request is built from (and check your answers shows). */
  private answers(): ReportAnswers {
    const host = this.host;
    return {
      draft: this.wiring.drafts.draft,
      // `value?.`: after a reload the form element may not be upgraded yet (its chunk still loading).
      formValue: this.wiring.questionsForm()?.value,
      contact: this.wiring.drafts.contact,
      definition: this.wiring.definition(),
      updatesAttribute: host.updatesAttribute,
      anonymousAttribute: host.anonymousAttribute,
      hideName: this.hideName,
    };
  }

  /** Contact details the page requires that the resident's details lack. */
  private contactMissing(): boolean {
    return missingContact(this.wiring.drafts.contact, this.host.contactFields, this.host.requireContact).length > 0;
  }

  /** The server has the report: the receipt, the session's copy of a token, "my reports", the event, the confirmation. */
  private sent(result: SubmitResult, auto: boolean): void {
    const { host, wiring } = this;
    const drafts = wiring.drafts;
    const code = drafts.draft.serviceCode ?? '';
    const service = wiring.service();
    const rc = (this.receipt = receiptFor(
      service,
      code,
      describeLocation(drafts.draft.location),
      drafts.contact.email,
      responseTime(host.responseTimes, service),
    ));
    this.result = result;
    drafts.clear();
    drafts.saveSent(sentRecordFor(result, code, rc));
    if (this.keepReports && (result.id || result.token)) addMyReport(myReportFor(result, code, service, host.endpoint));
    host.dispatchEvent(submittedEvent(result, code));
    drafts.set({ ...drafts.fresh(), step: 'sent' });
    // Sent by the `online` event: say so, and take focus only from inside the widget.
    if (auto) wiring.announce(msg('You are back online. Your report has been sent.', { id: 'report.you-are-back-online-your-report' }));
    void wiring.goTo('sent', { history: host.noHistory ? 'none' : 'push', focus: !auto || host.matches(':focus-within') });
  }

  /** The steps after "where": the chooser and the forms stay in the page once shown, each hidden but on its own step. */
  render(step: Step): TemplateResult {
    const { host, wiring, submission, photos } = this;
    const client = wiring.client();
    const drafts = wiring.drafts;
    const draft = drafts.draft;
    const service = wiring.service();
    const continueButton = wiring.continueButton();
    const anonymous = !!host.anonymousAttribute?.trim();
    const updates = !!host.updatesAttribute?.trim();
    const checked = (e: Event): boolean => (e.target as HTMLInputElement).checked;
    // The problem step ("what") is the element's own (report.ts): with `problem-first` it is the first screen.
    return html`${step === 'nearby' ? html`<section aria-label=${wiring.stepTitle('nearby')}>${this.nearby.render()}</section>` : nothing}
    ${renderDetails({
      hidden: step !== 'details',
      label: wiring.stepTitle('details'),
      client,
      service,
      definition: wiring.definition(),
      translations: host.translations,
      urgentServices: host.urgentServices,
      urgentNotice: wiring.urgentNotice(),
      responseTimes: host.responseTimes,
      photos: host.photo === 'media-url' || host.photo === 'multipart' ? photos : undefined,
      onRemovePhoto: () => photos.remove(),
      onSkipPhoto: () => {
        photos.remove();
        void wiring.next();
      },
      continueButton,
      onQuestions: (e) => {
        const { description, attributes } = e.detail.value;
        drafts.change({ ...drafts.draft, description, attributes: { ...attributes } });
      },
    })}
    ${renderAbout({
      hidden: step !== 'about',
      label: wiring.stepTitle('about'),
      client,
      service,
      contactFields: host.contactFields,
      requireContact: host.requireContact,
      updates,
      continueButton,
      onContact: (e) => drafts.setContact(contactOf(e.detail.value)),
      anonymous,
      hideName: this.hideName,
      rememberContact: drafts.rememberContact,
      keepReports: this.keepReports,
      privacyUrl: host.privacyUrl,
      dataController: host.dataController,
      onHideName: (e) => {
        this.hideName = checked(e);
        host.requestUpdate();
      },
      onRemember: (e) => drafts.setRemember(checked(e)),
      onKeepReports: (e) => {
        this.keepReports = checked(e);
        host.requestUpdate();
      },
    })}
    ${
      step === 'check'
        ? html`<div class="check">
          ${renderCheck({
            answers: this.answers(),
            service,
            preparedPhoto: photos.prepared,
            submission,
            publicFields: host.publicFields,
            missingContact: this.contactMissing(),
            location: describeLocation(draft.location),
            responseTime: renderResponseTime(host.responseTimes, service),
            subHeading: (text) => wiring.subHeading(text),
            change: (to) => void wiring.goTo(to),
            discard: () => host.discard(),
          })}
        </div>`
        : nothing
    }
    ${
      step === 'sent'
        ? html`<div class="sent">
          ${renderConfirmation({
            result: this.result,
            receipt: this.receipt,
            client,
            endpoint: host.endpoint,
            headingLevel: host.headingLevel,
            councilPhone: host.councilPhone,
            councilEmail: host.councilEmail,
            // The resident's own photo went to `upload-url` (the gateway's /media): the tracker may show it.
            mediaOrigins: [host.mediaOrigins, host.photo === 'media-url' ? originOf(host.uploadUrl) : undefined].filter(Boolean).join(' ') || undefined,
            updates: host.updates,
            trackUrl: host.trackUrl,
            root: host.renderRoot,
            announce: (text) => wiring.announce(text),
            startAgain: () => wiring.startAgain(),
            onReference: (e) => {
              const changed = followReference(e, this.result, drafts);
              if (!changed) return;
              this.result = changed.result;
              wiring.announce(changed.said);
            },
          })}
        </div>`
        : nothing
    }`;
  }
}

/** Where the problem is, in words: the address and the coordinates. */
function describeLocation(loc: Open311Location | undefined): string {
  if (!loc) return '';
  const coords = loc.lat !== undefined && loc.long !== undefined ? `${loc.lat.toFixed(5)}, ${loc.long.toFixed(5)}` : '';
  return [loc.address, coords].filter(Boolean).join('\n');
}
