import type { Service, ServiceRequest } from './open311/models.js';
import type { Open311Error } from './open311/errors.js';
import type { MyReport } from './storage/my-reports.js';

/**
 * Every public event of the library, in one place (Web Awesome's `events/`). Each bubbles and is
 * composed so the host page can listen on the element or on any ancestor; each is fired on a user
 * action, never when a property is set in code.
 */

const init = { bubbles: true, composed: true } as const;

/** `open311-service-change`: the resident chose a service in `<open311-service-chooser>`. */
export class Open311ServiceChangeEvent extends Event {
  static readonly eventName = 'open311-service-change';
  readonly detail: { readonly service: Service };
  constructor(service: Service) {
    super(Open311ServiceChangeEvent.eventName, init);
    this.detail = { service };
  }
}

/** The answers of `<open311-report-form>`, as the POST will send them. */
export interface ReportFormValue {
  readonly serviceCode: string;
  readonly description: string;
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
  /** The resident asked for email updates. */
  readonly wantsUpdates?: boolean;
}

/** `open311-form-change`: the resident changed an answer in `<open311-report-form>`. */
export class Open311FormChangeEvent extends Event {
  static readonly eventName = 'open311-form-change';
  readonly detail: { readonly value: ReportFormValue; readonly valid: boolean };
  constructor(value: ReportFormValue, valid: boolean) {
    super(Open311FormChangeEvent.eventName, init);
    this.detail = { value, valid };
  }
}

/** A place chosen in `<open311-map-picker>`: coordinates, or words only (the non-map path). */
export interface Open311Location {
  readonly lat?: number;
  readonly long?: number;
  /** A human-readable address (reverse geocoded, chosen from search, or typed). */
  readonly address?: string;
  /** The council's address id (UPRN) when the geocoder gave one: sent as `address_id`. */
  readonly addressId?: string;
  /** The asset chosen on an asset layer (street light, bin, gully…). */
  readonly assetId?: string;
  /** The attribute code the asset id fills (a `hidden_field` of the service definition). */
  readonly assetAttribute?: string;
}

/** `open311-location-change`: the resident placed or moved the pin, or described the place. */
export class Open311LocationChangeEvent extends Event {
  static readonly eventName = 'open311-location-change';
  readonly detail: Open311Location;
  constructor(location: Open311Location) {
    super(Open311LocationChangeEvent.eventName, init);
    this.detail = location;
  }
}

/**
 * `open311-service-unavailable`: the problem chosen before the place is not dealt with at the place
 * chosen in `<open311-map-picker>`, and the resident pressed "Choose another problem" (the place is kept).
 */
export class Open311ServiceUnavailableEvent extends Event {
  static readonly eventName = 'open311-service-unavailable';
  readonly detail: { readonly serviceCode: string };
  constructor(serviceCode: string) {
    super(Open311ServiceUnavailableEvent.eventName, init);
    this.detail = { serviceCode };
  }
}

/** `open311-status-change`: the tracker saw a report's status change. */
export class Open311StatusChangeEvent extends Event {
  static readonly eventName = 'open311-status-change';
  readonly detail: { readonly request: ServiceRequest; readonly previousStatus?: string };
  constructor(request: ServiceRequest, previousStatus?: string) {
    super(Open311StatusChangeEvent.eventName, init);
    this.detail = { request, ...(previousStatus === undefined ? {} : { previousStatus }) };
  }
}

/**
 * `open311-reference`: the tracker learned the reference (`serviceRequestId`) a token became.
 * Cancelable: a host that tells the resident itself (`<open311-report>`'s confirmation) cancels
 * it, and the tracker then says nothing, so the news is announced once.
 */
export class Open311ReferenceEvent extends Event {
  static readonly eventName = 'open311-reference';
  readonly detail: { readonly token: string; readonly serviceRequestId: string };
  constructor(token: string, serviceRequestId: string) {
    super(Open311ReferenceEvent.eventName, { ...init, cancelable: true });
    this.detail = { token, serviceRequestId };
  }
}

/** `open311-step-change`: `<open311-report>` moved to another step. */
export class Open311StepChangeEvent extends Event {
  static readonly eventName = 'open311-step-change';
  readonly detail: { readonly step: string; readonly index: number; readonly total: number };
  constructor(step: string, index: number, total: number) {
    super(Open311StepChangeEvent.eventName, init);
    this.detail = { step, index, total };
  }
}

/** `open311-submit`: about to send a report; cancelable (call `preventDefault()` to stop it). */
export class Open311SubmitEvent extends Event {
  static readonly eventName = 'open311-submit';
  readonly detail: { readonly serviceCode: string };
  constructor(serviceCode: string) {
    super(Open311SubmitEvent.eventName, { ...init, cancelable: true });
    this.detail = { serviceCode };
  }
}

/** `open311-submitted`: the server accepted a report (with an id, a token, or neither). */
export class Open311SubmittedEvent extends Event {
  static readonly eventName = 'open311-submitted';
  readonly detail: { readonly serviceRequestId?: string; readonly token?: string; readonly serviceCode: string };
  constructor(detail: { serviceRequestId?: string; token?: string; serviceCode: string }) {
    super(Open311SubmittedEvent.eventName, init);
    this.detail = detail;
  }
}

/**
 * `open311-report-open`: the resident chose "View progress" on a report in `<open311-my-reports>`.
 * `serviceRequestId` is its reference once known; until then only the batch server's `token` is.
 * `<open311-status-tracker mine>` shows that report's progress; a page using the list alone can
 * point a tracker at it (`request-id` or `token`).
 */
export class Open311ReportOpenEvent extends Event {
  static readonly eventName = 'open311-report-open';
  readonly detail: { readonly report: MyReport; readonly serviceRequestId?: string; readonly token?: string };
  constructor(report: MyReport) {
    super(Open311ReportOpenEvent.eventName, init);
    this.detail = { report, ...(report.id ? { serviceRequestId: report.id } : {}), ...(report.token ? { token: report.token } : {}) };
  }
}

/**
 * `open311-update-sent`: `<open311-status-tracker>` stored a resident's follow-up on a report
 * (FixMyStreet `servicerequestupdates`): `kind` `update` on an open report, `reopen` ("Still a
 * problem?") on a finished one.
 */
export class Open311UpdateSentEvent extends Event {
  static readonly eventName = 'open311-update-sent';
  readonly detail: { readonly serviceRequestId: string; readonly kind: 'update' | 'reopen' };
  constructor(serviceRequestId: string, kind: 'update' | 'reopen') {
    super(Open311UpdateSentEvent.eventName, init);
    this.detail = { serviceRequestId, kind };
  }
}

/**
 * `open311-duplicate-followed`: on "Is it one of these?", the resident followed a report already
 * made nearby instead of sending another (issue 19): `action` `update` when they added an update to
 * it (or told the council it is still a problem), `kept` when they kept it in "my reports".
 */
export class Open311DuplicateFollowedEvent extends Event {
  static readonly eventName = 'open311-duplicate-followed';
  readonly detail: { readonly serviceRequestId: string; readonly serviceCode: string; readonly action: 'update' | 'kept' };
  constructor(serviceRequestId: string, serviceCode: string, action: 'update' | 'kept') {
    super(Open311DuplicateFollowedEvent.eventName, init);
    this.detail = { serviceRequestId, serviceCode, action };
  }
}

/**
 * What failed, in words that stay the same from release to release (for a page's analytics):
 * `services` the list of problems, `questions` a problem's questions, `search` the address or
 * postcode search, `location` the device's location, `nearby` reports near the pin, `load` part of
 * the widget's own code, `photo` preparing a photo, `submit` sending a report, `status` a report's
 * progress, `update` a resident's follow-up on a report.
 */
export type Open311ErrorKind = 'services' | 'questions' | 'search' | 'location' | 'nearby' | 'load' | 'photo' | 'submit' | 'status' | 'update';

/**
 * `open311-error`: something failed that the resident was told about (for the page's analytics).
 * `kind` says what (Open311ErrorKind); `during` is the same word, kept for pages written before it.
 */
export class Open311ErrorEvent extends Event {
  static readonly eventName = 'open311-error';
  readonly detail: { readonly error: Open311Error | Error; readonly kind: Open311ErrorKind; readonly during: Open311ErrorKind };
  constructor(error: unknown, kind: Open311ErrorKind) {
    super(Open311ErrorEvent.eventName, init);
    const err = error instanceof Error ? error : new Error(String(error));
    this.detail = { error: err, kind, during: kind };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'open311-service-change': Open311ServiceChangeEvent;
    'open311-form-change': Open311FormChangeEvent;
    'open311-location-change': Open311LocationChangeEvent;
    'open311-service-unavailable': Open311ServiceUnavailableEvent;
    'open311-status-change': Open311StatusChangeEvent;
    'open311-reference': Open311ReferenceEvent;
    'open311-step-change': Open311StepChangeEvent;
    'open311-submit': Open311SubmitEvent;
    'open311-submitted': Open311SubmittedEvent;
    'open311-error': Open311ErrorEvent;
    'open311-report-open': Open311ReportOpenEvent;
    'open311-update-sent': Open311UpdateSentEvent;
    'open311-duplicate-followed': Open311DuplicateFollowedEvent;
  }
}
