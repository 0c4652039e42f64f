import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { TemplateResult } from 'lit';
import type { Open311Client } from '../../open311/client.js';
import type { Service, ServiceDefinition } from '../../open311/models.js';
import { Open311ErrorEvent } from '../../events.js';
import type { Open311FormChangeEvent, Open311ReferenceEvent, Open311ServiceChangeEvent } from '../../events.js';
import { renderAboutExtras, renderCheck, renderPhoto, renderSent } from './steps-late.js';
import { missingContact } from './sending.js';
import type { SendHost } from './sending.js';
import { isUrgentService } from './urgency.js';
import type { Contact, Step } from './draft.js';
import type { PreparedPhoto } from './photo.js';
import type { Open311Report } from './report.js';
import { EXPORTED_PARTS } from './parts.js';

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
  photoError: string | undefined;
  photoUrl: string | undefined;
  preparedPhoto: PreparedPhoto | undefined;
  photoPreparing: Promise<void> | undefined;
  photoFile: File | undefined;
  photoRetry: boolean;
  readonly photoWaiting: boolean;
  continue(): Promise<void>;
  readonly publicFields: string;
  readonly anonymousAttribute: string | undefined;
  readonly updatesAttribute: string | undefined;
  hideName: boolean;
  rememberContact: boolean;
  keepReports: boolean;
  contact: Contact;
  servicesFailed: boolean;
  servicesChecked: boolean;
  stepError: string | undefined;
  fieldError: { step: 'where' | 'what'; text: string } | undefined;
  readonly privacyUrl: string | undefined;
  readonly dataController: string | undefined;
  readonly headingLevel: number;
  readonly councilPhone: string | undefined;
  readonly mediaOrigins: string | undefined;
  readonly updates: boolean;
  readonly uploadUrl: string | undefined;
  readonly councilEmail: string | undefined;
  readonly trackUrl: string | undefined;
  readonly activeClient: Open311Client | undefined;
  service: Service | undefined;
  readonly definition: ServiceDefinition | undefined;
  loadDefinition(service: Service): Promise<void>;
  fillAssetField(): void;
  stepTitle(step: Step): string;
  subHeading(text: string): TemplateResult;
  renderUrgent(): TemplateResult | typeof nothing;
  readonly responseTimes: string | undefined;
  renderContinue(): TemplateResult;
  change(step: Step): void;
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
          preparing: !!host.photoPreparing,
          waiting: host.photoWaiting,
          onPhoto: (e) => void handlePhoto(host, e),
          onRemove: () => host.removePhoto(),
          ...(host.photoRetry && host.photoFile ? { onRetry: () => void preparePhotoFile(host, host.photoFile!) } : {}),
          onSkip: () => {
            host.removePhoto();
            void host.continue();
          },
        })
      : nothing;
  // Listeners are called with the element as `this` (Lit's host), as if written in its own template.
  return html`<section ?hidden=${step !== 'what'} aria-label=${host.stepTitle('what')}>
      <open311-service-chooser
        exportparts=${EXPORTED_PARTS['open311-service-chooser']}
        .client=${client}
        services=${host.services ?? nothing}
        groups=${host.groups ?? nothing}
        translations=${host.translations ?? nothing}
        .value=${host.draft.serviceCode}
        error-message=${host.fieldError?.step === 'what' ? host.fieldError.text : nothing}
        @open311-service-change=${handleService}
        @click=${handleChooserClick}
      ></open311-service-chooser>
      ${host.renderContinue()}
    </section>
    <section ?hidden=${step !== 'details'} aria-label=${host.stepTitle('details')}>
      ${urgent ? host.renderUrgent() : nothing} ${renderResponseTime(host)}
      <open311-report-form
        exportparts=${EXPORTED_PARTS['open311-report-form']}
        sections="questions"
        translations=${host.translations ?? nothing}
        .client=${client}
        .service=${host.service}
        @open311-form-change=${handleQuestions}
      ></open311-report-form>
      ${photo} ${host.renderContinue()}
    </section>
    <section ?hidden=${step !== 'about'} aria-label=${host.stepTitle('about')}>
      <open311-report-form
        exportparts=${EXPORTED_PARTS['open311-report-form']}
        sections="contact"
        .client=${client}
        .service=${host.service}
        contact-fields=${host.contactFields}
        require-contact=${host.requireContact}
        ?no-updates=${!host.updatesAttribute?.trim()}
        @open311-form-change=${handleContact}
      ></open311-report-form>
      ${renderAboutExtras({
        anonymous: !!host.anonymousAttribute?.trim(),
        hideName: host.hideName,
        rememberContact: host.rememberContact,
        keepReports: host.keepReports,
        privacyUrl: host.privacyUrl,
        dataController: host.dataController,
        onHideName: (e) => (host.hideName = checked(e)),
        onRemember: (e) => {
          host.rememberContact = checked(e);
          host.store?.saveContact(host.contact, host.rememberContact);
        },
        onKeepReports: (e) => (host.keepReports = checked(e)),
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
    anonymous: !!host.anonymousAttribute?.trim(),
    updates: !!host.updatesAttribute?.trim(),
    hideName: host.hideName,
    missingContact: missingContact(host).length > 0,
    location: host.describeLocation(host.draft.location),
    responseTime: renderResponseTime(host),
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
    // The resident's own photo went to `upload-url` (the gateway's /media): the tracker may show it.
    mediaOrigins: [host.mediaOrigins, host.photo === 'media-url' ? originOf(host.uploadUrl) : undefined].filter(Boolean).join(' ') || undefined,
    updates: host.updates,
    trackUrl: host.trackUrl,
    root: host.renderRoot,
    announce: (text) => {
      host.announcement = text;
    },
    startAgain: () => host.startAgain(),
    onReference: (e) => handleReference(host, e),
  });
}

/**
 * The token became an id (the tracker says so): the panel, the receipt's Reference row, Copy, the
 * track link and the printout show it in place, the session's receipt keeps it, and it is said
 * once, here (the tracker's own announcement is cancelled). Issue 22.
 */
function handleReference(host: ViewHost, e: Open311ReferenceEvent): void {
  const r = host.result;
  const { token, serviceRequestId: id } = e.detail;
  if (!r || r.token !== token) return;
  e.preventDefault();
  if (r.id === id) return;
  host.result = { ...r, id };
  const kept = host.store?.loadSent();
  if (kept?.token === token) host.store?.saveSent({ ...kept, id });
  host.announcement = msg(str`Your report has been received. Its reference number is ${id}.`, { id: 'report.your-report-has-been-received-its' });
}

function checked(e: Event): boolean {
  return (e.target as HTMLInputElement).checked;
}

// The children's events, heard by the element (Lit calls these with the element as `this`).

/** The chooser's own Try again: look again too (the element offers other ways while the list fails). */
function handleChooserClick(this: ViewHost, e: Event): void {
  const retry = e.composedPath().some((n) => n instanceof Element && n.getAttribute('part') === 'retry-button');
  if (retry) {
    this.servicesFailed = false;
    this.servicesChecked = false;
    this.requestUpdate();
  }
}

function handleService(this: ViewHost, e: Open311ServiceChangeEvent): void {
  const changed = this.draft.serviceCode !== e.detail.service.code;
  this.service = e.detail.service;
  this.stepError = undefined;
  this.fieldError = undefined;
  this.draft = { ...this.draft, serviceCode: e.detail.service.code, ...(changed ? { attributes: {} } : {}) };
  this.save();
  void this.loadDefinition(e.detail.service).then(() => this.fillAssetField());
}

function handleQuestions(this: ViewHost, e: Open311FormChangeEvent): void {
  const { description, attributes } = e.detail.value;
  this.draft = { ...this.draft, description, attributes: { ...attributes } };
  this.save();
}

function handleContact(this: ViewHost, e: Open311FormChangeEvent): void {
  const v = e.detail.value;
  this.contact = {
    ...(v.email ? { email: v.email } : {}),
    ...(v.firstName ? { firstName: v.firstName } : {}),
    ...(v.lastName ? { lastName: v.lastName } : {}),
    ...(v.phone ? { phone: v.phone } : {}),
    ...(v.wantsUpdates !== undefined ? { wantsUpdates: v.wantsUpdates } : {}),
  };
  this.store?.saveContact(this.contact, this.rememberContact);
}

/** The `response-times` attribute as a map; anything but a JSON object of strings is ignored (a typo must not break the form). */
function parseResponseTimes(json: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!json) return map;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return map;
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && v.trim()) map.set(k, v.trim());
  } catch {
    // Not JSON: no response times shown.
  }
  return map;
}

let parsedTimes: { json: string | undefined; map: Map<string, string> } | undefined;

/** What happens next for a service (`response-times`): by its code, else by the first of its groups that has an entry. */
export function responseTime(json: string | undefined, service: Service | undefined): string | undefined {
  if (!service) return undefined;
  const last = parsedTimes;
  const map = last && last.json === json ? last.map : parseResponseTimes(json);
  parsedTimes = { json, map };
  return map.get(service.code) ?? service.groups.map((g) => map.get(g)).find(Boolean);
}

function renderResponseTime(host: ViewHost): TemplateResult | typeof nothing {
  const time = responseTime(host.responseTimes, host.service);
  return time ? html`<p class="notice response-time" part="response-time">${time}</p>` : nothing;
}

/** A photo chosen on the details step: made ready to send (photo.ts, loaded only now), with a preview. */
async function handlePhoto(host: ViewHost, e: Event): Promise<void> {
  const input = e.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) {
    host.removePhoto();
    return;
  }
  await preparePhotoFile(host, file);
}

/**
 * Makes the chosen file ready to send. `photoPreparing` is set meanwhile, so Continue waits for it
 * and the field says "Preparing your photo…" (issue 22: on Slow 3G the photo code took over a
 * second to arrive, a quick Continue went on without the photo, and the report went without it).
 * A failure says why, and offers Try again (unless the file is not a photo) and going on without it.
 */
async function preparePhotoFile(host: ViewHost, file: File): Promise<void> {
  host.photoError = undefined;
  host.photoRetry = false;
  if (host.photoUrl) URL.revokeObjectURL(host.photoUrl);
  host.preparedPhoto = undefined;
  host.photoUrl = undefined;
  host.photoFile = file;
  // Still the resident's choice? (Removed, or another file chosen meanwhile: this result is dropped.)
  const current = (): boolean => host.photoFile === file;
  const job = (async () => {
    let photo: typeof import('./photo.js') | undefined;
    try {
      photo = await import('./photo.js');
      const prepared = await photo.preparePhoto(file, { name: file.name });
      if (!current()) return;
      host.preparedPhoto = prepared;
      host.photoUrl = URL.createObjectURL(prepared.blob);
    } catch (err) {
      if (!current()) return;
      const notPhoto = !!photo && err instanceof photo.NotAnImageError;
      host.photoError = notPhoto
        ? msg('The selected file must be a photo (JPG, PNG, HEIC or WebP).', { id: 'report.selected-file-must-be-photo-jpg' })
        : photo
          ? msg('The photo could not be prepared on this device. Try again, or go on without a photo.', { id: 'report.photo-could-not-be-prepared-on' })
          : msg('The photo could not be prepared: part of this form did not load. Check your connection and try again, or go on without a photo.', { id: 'report.photo-could-not-be-prepared-part' });
      host.photoRetry = !notPhoto;
      host.dispatchEvent(new Open311ErrorEvent(err, 'photo'));
    }
  })();
  host.photoPreparing = job;
  await job;
  if (host.photoPreparing === job) host.photoPreparing = undefined;
}

/** An address's origin, resolved against the page (a relative `upload-url` is the page's own), or undefined. */
function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, document.baseURI).origin;
  } catch {
    return undefined;
  }
}
