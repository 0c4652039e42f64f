import { msg, str } from '@lit/localize';
import type { Open311Client } from '../../open311/client.js';
import { isOpen311Error, listedErrors } from '../../open311/errors.js';
import type { Open311Error } from '../../open311/errors.js';
import type { NewServiceRequest, Service, ServiceDefinition, SubmitResult } from '../../open311/models.js';
import { findSubmitted } from '../../open311/dedupe.js';
import { Open311ErrorEvent, Open311SubmitEvent, Open311SubmittedEvent } from '../../events.js';
import type { Open311Location } from '../../events.js';
import { addMyReport } from '../status-tracker/my-reports.js';
import type { Contact, Draft, DraftStore, Step } from './draft.js';
import type { PreparedPhoto } from './photo.js';
import type { Open311ReportForm } from '../report-form/report-form.js';

/**
 * The send path of `<open311-report>`: send once, look for an unclear send before sending again,
 * keep a report made offline and send it once when the connection returns (issue 12), upload a
 * photo with progress and cancel. Loaded with the later steps' code (steps-late.ts re-exports it),
 * so the first screen does not carry it (the byte budget).
 */

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
  /** The resident cancelled the photo upload: nothing was sent (said as a notice, not an error). */
  readonly cancelled?: boolean;
}

/**
 * What the send path reads and writes on `<open311-report>`. These are the element's private
 * members: it passes itself (`this as unknown as SendHost`), so the code that sends lives here and
 * not in the first screen's bytes. Keep the names in step with report.ts (its tests use every one).
 */
export interface SendHost extends HTMLElement {
  draft: Draft;
  sending: boolean;
  checking: boolean;
  failure: SendFailure | undefined;
  result: SubmitResult | undefined;
  receipt: Receipt | undefined;
  announcement: string;
  readonly contact: Contact;
  readonly preparedPhoto: PreparedPhoto | undefined;
  readonly service: Service | undefined;
  readonly definition: ServiceDefinition | undefined;
  readonly photo: string;
  readonly uploadUrl: string | undefined;
  readonly honeypotField: string | undefined;
  readonly updatesAttribute: string | undefined;
  readonly anonymousAttribute: string | undefined;
  readonly hideName: boolean;
  readonly keepReports: boolean;
  readonly endpoint: string;
  readonly client: Open311Client | undefined;
  readonly noHistory: boolean;
  readonly store: DraftStore | undefined;
  readonly activeClient: Open311Client | undefined;
  readonly questionsForm: Open311ReportForm | undefined;
  readonly contactForm: Open311ReportForm | undefined;
  readonly contactFields: string;
  readonly requireContact: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  save(): void;
  goTo(step: Step, how?: { history?: 'push' | 'none'; focus?: boolean }): Promise<void>;
  startAgain(): void;
  responseTime(service: Service | undefined): string | undefined;
  describeLocation(loc: Open311Location | undefined): string;
}

/** The photo upload in flight: `percent` undefined while the browser cannot tell (multipart). */
interface Upload {
  readonly multipart: boolean;
  percent?: number;
  /** The last quarter said aloud (progress is announced at 25 % steps, not on every event). */
  said: number;
  readonly abort?: AbortController;
}

/** The send path's own state for one element (kept here: the first screen does not carry it). */
interface SendState {
  /** Queued on this page: the `online` event sends it. A queued draft found on a new visit asks first. */
  queuedHere: boolean;
  onOnline?: () => void;
  upload?: Upload;
  /** Sent by the `online` event, not a press: focus is not taken from elsewhere on the page. */
  auto: boolean;
  /** The `online` event is being handled (browsers on flaky networks fire several). */
  resuming?: boolean;
  /** Said by the check step's live region. */
  status: string;
}

const states = new WeakMap<Element, SendState>();

function stateOf(host: Element): SendState {
  let st = states.get(host);
  if (!st) {
    st = { queuedHere: false, auto: false, status: '' };
    states.set(host, st);
  }
  return st;
}

/** What check your answers shows of the send path. */
export interface SendView {
  /** `here`: queued on this page, sent when back online; `ask`: queued on an earlier visit, sent only if the resident says so. */
  readonly queued: 'here' | 'ask' | undefined;
  readonly upload: { readonly multipart: boolean; readonly percent?: number; readonly cancel?: () => void } | undefined;
  readonly status: string;
}

export function sendView(host: Element, draft: Draft): SendView {
  const st = stateOf(host);
  const upload = st.upload;
  const abort = upload?.abort;
  return {
    queued: draft.queued ? (st.queuedHere ? 'here' : 'ask') : undefined,
    upload: upload ? { multipart: upload.multipart, ...(upload.percent !== undefined ? { percent: upload.percent } : {}), ...(abort ? { cancel: () => abort.abort() } : {}) } : undefined,
    status: st.status,
  };
}

/** What the resident is told when a send fails, by how it failed. */
export const failures = {
  /** The hidden anti-spam field was filled: only a program does that. */
  trap: (): SendFailure => ({
    message: msg('Your report could not be sent from this form. Please use one of the other ways to report a problem.', { id: 'report.your-report-could-not-be-sent' }),
    safeToRetry: false,
  }),
  /** Looked again after an unclear send, and the server still cannot be asked. */
  stillUnknown: (at: number): SendFailure => ({
    message: msg(
      'We still cannot tell whether your report arrived: the council’s system is not answering this page. Nothing you typed is lost. If you can, check with the council before sending it again. If you are sure it did not arrive, press Send it again anyway.', { id: 'report.we-still-cannot-tell-whether-your' },
    ),
    safeToRetry: false,
    unconfirmed: { at, checked: true },
  }),
  /** Sent, no answer, and the server could not be asked whether it arrived. */
  noAnswer: (at: number): SendFailure => ({
    message: msg(
      'Your report was sent but no answer came back from the council’s system, so we cannot tell whether it arrived. Nothing you typed is lost. Sending it again could report the problem twice: press Check again to ask the council’s system whether it arrived.', { id: 'report.your-report-was-sent-but-no' },
    ),
    safeToRetry: false,
    unconfirmed: { at, checked: false },
  }),
  notSent: (timeout: boolean): SendFailure => ({
    message: timeout
      ? msg('The council’s system did not answer in time. Your report has not been sent. Nothing you typed is lost.', { id: 'report.councils-system-did-not-answer-in' })
      : msg('Your report could not be sent: check your internet connection. Nothing you typed is lost.', { id: 'report.your-report-could-not-be-sent-2' }),
    safeToRetry: true,
  }),
  /** A missing or bad api_key (issue 10): the server's words mean nothing to a resident. */
  refused: (): SendFailure => ({
    message: msg(
      'The council’s system refused the report: this website is not allowed to send reports to it at the moment. Your report has not been sent. Nothing you typed is lost. Try again later, or use one of the other ways to report a problem.', { id: 'report.councils-system-refused-report-this-website' },
    ),
    safeToRetry: true,
  }),
  /** Words from an Open311 error list (never a status line or an error page: issue 22). */
  serverSaid: (words: string): SendFailure => ({ message: msg(str`Your report has not been sent. The council’s system said: ${words}`, { id: 'report.your-report-has-not-been-sent' }), safeToRetry: true }),
  /** A 5xx, 429 or any answer that is not an Open311 error list (an HTML 500 page, a proxy's text). */
  unavailable: (): SendFailure => ({
    message: msg('The council’s system is not answering at the moment. Your report has not been sent. Nothing you typed is lost. Try again in a few minutes.', { id: 'report.councils-system-is-not-answering-at' }),
    safeToRetry: true,
  }),
  /** A 4xx with no Open311 error list: the server would not take it and gave no reason we can show. */
  notTaken: (): SendFailure => ({
    message: msg(
      'The council’s system could not take your report. Your report has not been sent. Nothing you typed is lost. Try again later, or use one of the other ways to report a problem.', { id: 'report.councils-system-could-not-take-your' },
    ),
    safeToRetry: true,
  }),
  /** The photo upload failed (the report itself was not sent). */
  photoNotUploaded: (): SendFailure => ({
    message: msg('Your photo could not be uploaded, so your report has not been sent. Nothing you typed is lost. Try again, or remove the photo and send the report without it.', { id: 'report.your-photo-could-not-be-uploaded' }),
    safeToRetry: true,
  }),
  /** The resident pressed Cancel upload (issue 12). */
  cancelled: (): SendFailure => ({
    message: msg('You cancelled the photo upload. Your report has not been sent, and nothing you typed is lost. Send it again, or change or remove the photo first.', { id: 'report.you-cancelled-photo-upload-your-report' }),
    safeToRetry: true,
    cancelled: true,
  }),
  /** A reload while sending, and the server cannot be asked. */
  interruptedUnknown: (at: number): SendFailure => ({
    message: msg(
      'Your report was being sent when the page was closed, and the council’s system is not answering, so we cannot tell whether it arrived. Nothing you typed is lost. Press Check again to look once more.', { id: 'report.your-report-was-being-sent-when' },
    ),
    safeToRetry: false,
    unconfirmed: { at, checked: false },
  }),
  interrupted: (): SendFailure => ({ message: msg('Your report may not have been sent when the page was closed. Check your answers and send it again.', { id: 'report.your-report-may-not-have-been' }), safeToRetry: true }),
};

/** A photo upload that failed before the report was sent (so the report certainly did not arrive). */
export class PhotoUploadError extends Error {
  override readonly name = 'PhotoUploadError';
  constructor(
    message: string,
    readonly kind: 'network' | 'http' | 'aborted',
  ) {
    super(message);
  }
}

/**
 * Uploads the photo to the council's upload URL and returns its public URL. XMLHttpRequest, not
 * fetch: only it reports upload progress (issue 12, a weak signal). `signal` cancels it.
 */
export function uploadPhoto(
  uploadUrl: string | undefined,
  photo: PreparedPhoto,
  options: { signal?: AbortSignal | undefined; onProgress?: (fraction: number) => void } = {},
): Promise<string> {
  if (!uploadUrl) return Promise.reject(new Error(msg('Photos cannot be uploaded: the page has no upload address.', { id: 'report.photos-cannot-be-uploaded-page-has' })));
  const { signal, onProgress } = options;
  return new Promise<string>((resolve, reject) => {
    const aborted = (): PhotoUploadError => new PhotoUploadError(msg('You cancelled the photo upload.', { id: 'report.you-cancelled-photo-upload' }), 'aborted');
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = (): void => xhr.abort();
    xhr.open('POST', uploadUrl);
    xhr.withCredentials = false;
    if (onProgress) {
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      });
    }
    const done = (): void => signal?.removeEventListener('abort', onAbort);
    xhr.addEventListener('load', () => {
      done();
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(new PhotoUploadError(msg('The photo could not be uploaded.', { id: 'report.photo-could-not-be-uploaded' }), 'http'));
        return;
      }
      let data: { media_url?: unknown } | undefined;
      try {
        data = JSON.parse(xhr.responseText) as { media_url?: unknown };
      } catch {
        data = undefined;
      }
      if (typeof data?.media_url !== 'string') reject(new PhotoUploadError(msg('The photo could not be uploaded.', { id: 'report.photo-could-not-be-uploaded' }), 'http'));
      else resolve(data.media_url);
    });
    xhr.addEventListener('error', () => {
      done();
      reject(new PhotoUploadError(msg('The photo could not be uploaded: check your internet connection.', { id: 'report.photo-could-not-be-uploaded-check' }), 'network'));
    });
    xhr.addEventListener('abort', () => {
      done();
      reject(aborted());
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    const body = new FormData();
    body.append('media', photo.blob, photo.fileName);
    xhr.send(body);
  });
}

/**
 * "Yes" for a choice sent as an attribute: `true`, or, when the service's definition lists the code
 * with values, the key of its value that means yes (`true`, `yes`, `y`, `1`, `on`, by key or name).
 */
export function yesValue(definition: ServiceDefinition | undefined, code: string): string {
  const values = definition?.attributes.find((a) => a.code === code)?.values ?? [];
  const yes = /^(true|yes|y|1|on)$/i;
  return values.find((v) => yes.test(v.key.trim()))?.key ?? values.find((v) => yes.test(v.name.trim()))?.key ?? 'true';
}

/** What the POST sends. */
export function newRequest(host: SendHost): NewServiceRequest {
  const draft = host.draft;
  const loc = draft.location ?? {};
  const form = host.questionsForm;
  // `value?.`: after a reload the form element may not be upgraded yet (its chunk still loading).
  // The draft is updated on every answer, so it is right even when the form has not been
  // refilled yet after a reload (a quick Send then would otherwise go out without the answers);
  // the form adds what only it holds (hidden fields set by the map).
  const attributes: Record<string, string | readonly string[]> = { ...(draft.attributes ?? {}), ...(form?.value?.attributes ?? {}) };
  // The resident's choices reach the council only through codes its server reads (issue 22).
  const updates = host.updatesAttribute?.trim();
  if (updates && host.contact.wantsUpdates) attributes[updates] = yesValue(host.definition, updates);
  const anonymous = host.anonymousAttribute?.trim();
  if (anonymous && host.hideName) attributes[anonymous] = yesValue(host.definition, anonymous);
  const req: NewServiceRequest = { serviceCode: draft.serviceCode ?? '', attributes };
  if (loc.lat !== undefined && loc.long !== undefined) {
    req.lat = loc.lat;
    req.long = loc.long;
  }
  if (loc.address) req.addressString = loc.address;
  if (loc.addressId) req.addressId = loc.addressId;
  // `||`: a form not restored yet says '' (issue 10: a reload mid-send compared an empty description).
  const description = form?.value?.description || draft.description;
  if (description) req.description = description;
  const c = host.contact;
  if (c.email) req.email = c.email;
  if (c.firstName) req.firstName = c.firstName;
  if (c.lastName) req.lastName = c.lastName;
  if (c.phone) req.phone = c.phone;
  return req;
}

const CONTACT_KEYS = { first_name: 'firstName', last_name: 'lastName', email: 'email', phone: 'phone' } as const;

/**
 * The contact fields the page requires (`require-contact`, among those shown) that the resident's
 * details lack. They are kept for the browser session only, so a report queued offline and sent on
 * a later visit may have lost them (issue 22).
 */
export function missingContact(host: SendHost): string[] {
  const shown = new Set(host.contactFields.split(/[\s,]+/));
  return host.requireContact
    .split(/[\s,]+/)
    .filter((f): f is keyof typeof CONTACT_KEYS => f in CONTACT_KEYS && shown.has(f))
    .filter((f) => !host.contact[CONTACT_KEYS[f]]?.trim());
}

/** Moves focus to the failure message, unless the send was automatic and the resident is elsewhere on the page. */
async function focusSummary(host: SendHost): Promise<void> {
  await host.updateComplete;
  if (stateOf(host).auto && !host.matches(':focus-within')) return;
  host.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
}

const offline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

/** Sends once: the button is inert while a send is in flight, and an unclear failure is checked with the server before any resend. */
export async function send(host: SendHost): Promise<void> {
  if (host.sending || host.checking) return;
  const st = stateOf(host);
  const client = host.activeClient;
  if (!client && host.endpoint && !host.client) {
    // The client's code could not be loaded (a dropped signal): say so; this update loads it again.
    host.failure = { message: msg('Part of this form could not be loaded. Check your connection and try again.', { id: 'map.part-of-this-form-could-not' }), safeToRetry: true };
    return;
  }
  if (!client || !host.draft.serviceCode) return;
  const trap = host.renderRoot.querySelector<HTMLInputElement>('#website')?.value ?? '';
  if (trap) {
    // Only a program fills a field no one can see or reach: send nothing, and say where else to go.
    host.failure = failures.trap();
    return;
  }
  if (missingContact(host).length) {
    // Nothing is sent without the details the council asks for: back to "About you", its errors shown.
    if (st.auto) return;
    await host.goTo('about');
    await customElements.whenDefined('open311-report-form');
    await host.updateComplete;
    host.contactForm?.validate();
    return;
  }
  const queued = host.draft.queued;
  // Certainly offline: nothing can leave the device, so keep it and send it when the connection
  // returns (issue 12). A second press on a report already waiting here tries anyway: `onLine` can be wrong.
  if (offline() && !(queued && st.queuedHere && !st.auto)) {
    queue(host);
    return;
  }
  const unconfirmed = host.failure?.unconfirmed ?? (queued?.maybeSentAt ? { at: queued.maybeSentAt, checked: false } : undefined);
  if (unconfirmed && !unconfirmed.checked) {
    // The last send may have arrived: look for it again rather than send it twice (issue 10).
    const seen = await lookForSent(host, newRequest(host), new Date(unconfirmed.at));
    if (seen === 'found') return;
    if (seen === 'unknown') {
      dequeue(host);
      host.failure = queued?.maybeSentAt && !host.failure ? failures.noAnswer(unconfirmed.at) : failures.stillUnknown(unconfirmed.at);
      await focusSummary(host);
      return;
    }
    // 'missing': it did not arrive, so sending now makes one report.
  }
  const submit = new Open311SubmitEvent(host.draft.serviceCode);
  host.dispatchEvent(submit);
  if (submit.defaultPrevented) return;
  host.sending = true;
  host.failure = undefined;
  if (!st.auto) st.status = '';
  stopListening(st);
  const startedAt = Date.now();
  const { queued: _sent, ...rest } = host.draft;
  host.draft = { ...rest, sending: { at: startedAt } };
  host.save();
  const input = newRequest(host);
  if (host.honeypotField) input.extra = { ...input.extra, [host.honeypotField]: trap };
  try {
    let media: { blob: Blob; fileName: string } | undefined;
    const photo = host.preparedPhoto;
    if (photo && host.photo === 'media-url') {
      const abort = new AbortController();
      st.upload = { multipart: false, percent: 0, said: 0, abort };
      host.requestUpdate();
      input.mediaUrl = await uploadPhoto(host.uploadUrl, photo, { signal: abort.signal, onProgress: (f) => progress(host, f) });
      st.upload = undefined;
    }
    if (photo && host.photo === 'multipart') {
      media = { blob: photo.blob, fileName: photo.fileName };
      // The client's fetch cannot tell upload progress: say honestly what is happening, with no figure.
      st.upload = { multipart: true, said: 0 };
      host.requestUpdate();
    }
    const result = await client.submitRequest(input, media ? { media } : {});
    st.upload = undefined;
    finishSent(host, result);
  } catch (e) {
    st.upload = undefined;
    await handleSendFailure(host, e, input, new Date(startedAt));
  } finally {
    st.upload = undefined;
    st.auto = false;
    host.sending = false;
  }
}

/** Upload progress: the bar follows every event; the live region speaks at each quarter. */
function progress(host: SendHost, fraction: number): void {
  const st = stateOf(host);
  const up = st.upload;
  if (!up || up.multipart) return;
  up.percent = Math.min(100, Math.round(fraction * 100));
  const quarter = Math.floor(up.percent / 25) * 25;
  if (quarter > up.said) {
    up.said = quarter;
    st.status = msg(str`Uploading your photo: ${quarter}%`, { id: 'report.uploading-your-photo' });
  }
  host.requestUpdate();
}

/**
 * Keeps the report in the draft, marked queued, and sends it when the `online` event fires while
 * this page is open (issue 12). `maybeSentAt`: a send that started then may have arrived, so it is
 * looked for before sending again.
 */
function queue(host: SendHost, maybeSentAt?: number): void {
  const st = stateOf(host);
  const { sending: _gone, ...rest } = host.draft;
  host.failure = undefined;
  host.draft = { ...rest, queued: { at: Date.now(), ...(maybeSentAt ? { maybeSentAt } : {}), ...(host.preparedPhoto ? { photo: true } : {}) } };
  host.save();
  st.queuedHere = true;
  st.status = msg('Not sent yet. Your report will be sent when you are back online.', { id: 'report.not-sent-yet-your-report-will' });
  if (!st.onOnline) {
    st.onOnline = () => void resumeQueued(host);
    window.addEventListener('online', st.onOnline);
  }
  host.requestUpdate();
}

function stopListening(st: SendState): void {
  if (st.onOnline) window.removeEventListener('online', st.onOnline);
  st.onOnline = undefined;
}

/** No longer queued (sent, failed or discarded). */
function dequeue(host: SendHost): void {
  const st = stateOf(host);
  stopListening(st);
  st.queuedHere = false;
  if (host.draft.queued) {
    const { queued: _gone, ...rest } = host.draft;
    host.draft = rest;
    host.save();
  }
}

/**
 * Holds a claim on this report while `fn` runs, so two tabs (or two widgets with one draft) do not
 * both send it: a Web Lock where the browser has them (every current engine), else a claim with a
 * time stamp in localStorage. Resolves false when another holds a localStorage claim.
 */
async function withClaim(id: string, fn: () => Promise<void>): Promise<boolean> {
  const name = `open311:send:${id}`;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) {
    await locks.request(name, () => fn());
    return true;
  }
  const me = Math.random().toString(36).slice(2);
  try {
    const raw = localStorage.getItem(name);
    const held = raw ? (JSON.parse(raw) as { at?: number }) : undefined;
    // A claim older than a minute belongs to a tab that closed mid-send.
    if (held?.at && Date.now() - held.at < 60_000) return false;
    localStorage.setItem(name, JSON.stringify({ by: me, at: Date.now() }));
  } catch {
    // No storage: nothing is shared between tabs either.
  }
  try {
    await fn();
  } finally {
    try {
      if ((JSON.parse(localStorage.getItem(name) ?? '{}') as { by?: string }).by === me) localStorage.removeItem(name);
    } catch {
      // as above
    }
  }
  return true;
}

/** The connection is back: send the report queued on this page, once. */
async function resumeQueued(host: SendHost): Promise<void> {
  const st = stateOf(host);
  if (!host.isConnected) {
    // Removed from the page (the listener is not taken away on removal): it must not touch the draft,
    // which a widget still on the page may be using.
    stopListening(st);
    st.queuedHere = false;
    return;
  }
  if (!host.draft.queued || !st.queuedHere) {
    dequeue(host);
    return;
  }
  // Changing an answer meanwhile: the resident sends it from check your answers.
  if (host.draft.step !== 'check' || host.sending || host.checking || st.resuming) return;
  st.resuming = true;
  const id = host.draft.clientId;
  await withClaim(id, async () => {
    // Another tab or widget may have sent it (the draft is gone or new) or tried (no longer queued).
    const stored = host.store?.load();
    if (!stored || stored.clientId !== id) {
      stopListening(st);
      st.queuedHere = false;
      host.startAgain();
      host.announcement = msg('This report was sent or discarded in another tab or window.', { id: 'report.this-report-was-sent-or-discarded' });
      return;
    }
    if (!stored.queued) {
      stopListening(st);
      st.queuedHere = false;
      host.draft = stored;
      return;
    }
    st.auto = true;
    st.status = msg('You are back online. Sending your report…', { id: 'report.you-are-back-online-sending-your' });
    await send(host);
  }).finally(() => (st.resuming = false));
}

async function handleSendFailure(host: SendHost, e: unknown, input: NewServiceRequest, since: Date): Promise<void> {
  const err = e instanceof Error ? e : new Error(String(e));
  host.dispatchEvent(new Open311ErrorEvent(err, 'submit'));
  const st = stateOf(host);
  st.status = '';
  if (e instanceof PhotoUploadError) {
    // The report itself was not sent: safe to send again.
    if (e.kind === 'network' && offline()) {
      queue(host);
      return;
    }
    clearSending(host);
    if (e.kind === 'aborted') st.status = msg('Photo upload cancelled. Your report has not been sent.', { id: 'report.photo-upload-cancelled-your-report-has' });
    host.failure = e.kind === 'aborted' ? failures.cancelled() : e.kind === 'network' ? failures.notSent(false) : failures.photoNotUploaded();
  } else if (isOpen311Error(e) && (e.kind === 'timeout' || e.kind === 'network' || (e.kind === 'parse' && (e.status ?? 0) < 300))) {
    if (offline()) {
      // The device went offline mid-send: keep it queued; once back online, look for it before sending again.
      queue(host, since.getTime());
      return;
    }
    // The report may have arrived even though the answer did not: look before offering a resend.
    const seen = await lookForSent(host, input, since);
    if (seen === 'found') return;
    clearSending(host);
    // Unknown: the server could not be asked either (CORS hides every answer, or no GET requests):
    // "not sent" would be a guess, and a resend may make two reports (issue 10).
    host.failure = seen === 'unknown' ? failures.noAnswer(since.getTime()) : failures.notSent(e.kind === 'timeout');
  } else if (isOpen311Error(e) && e.kind === 'http' && (e.status === 401 || e.status === 403)) {
    clearSending(host);
    // A missing or bad api_key (issue 10): its words ("Invalid or missing api_key") mean nothing to a
    // resident, and sending again will not help until the council fixes it.
    host.failure = failures.refused();
  } else if (isOpen311Error(e) && e.kind === 'http' && e.status !== undefined && e.status < 500 && mentionsQuestion(host, e)) {
    clearSending(host);
    // The server named one of the questions: show its words there.
    await host.goTo('details');
    host.questionsForm?.showServerErrors(e);
    return;
  } else {
    clearSending(host);
    host.failure = plainFailure(e);
  }
  await focusSummary(host);
}

/**
 * Any other failure, in the resident's terms (issue 22): the council's words only when they came in
 * an Open311 error list and the server is not in trouble; never a status line or an error page.
 */
function plainFailure(e: unknown): SendFailure {
  if (!isOpen311Error(e) || e.kind !== 'http' || e.status === undefined || e.status >= 500 || e.status === 429) return failures.unavailable();
  const words = listedErrors(e).map((x) => x.description.trim()).join(' ');
  return words ? failures.serverSaid(words) : failures.notTaken();
}

function mentionsQuestion(host: SendHost, e: Open311Error): boolean {
  const codes = host.definition?.attributes.map((a) => a.code) ?? [];
  return e.errors.some((x) => codes.some((c) => x.description.includes(c)));
}

/** No send in flight (nor queued) any more. */
export function clearSending(host: SendHost): void {
  const { sending: _dropped, queued: _queued, ...rest } = host.draft;
  stopListening(stateOf(host));
  stateOf(host).queuedHere = false;
  host.draft = rest;
  host.save();
}

/**
 * Looks for this report among the server's recent ones: `found` (and shows the confirmation),
 * `missing`, or `unknown` when the server could not be asked (then nobody can say it was not sent).
 */
export async function lookForSent(host: SendHost, input: NewServiceRequest, since: Date): Promise<'found' | 'missing' | 'unknown'> {
  const client = host.activeClient;
  if (!client) return 'unknown';
  host.checking = true;
  try {
    const found = await findSubmitted(client, input, since);
    if (found?.id) {
      finishSent(host, { id: found.id, ...(found.serviceNotice ? { serviceNotice: found.serviceNotice } : {}), raw: found.raw });
      return 'found';
    }
    return 'missing';
  } catch {
    return 'unknown';
  } finally {
    host.checking = false;
  }
}

/** A reload while sending: before anything else, find out whether that report arrived. */
export async function checkInterrupted(host: SendHost): Promise<void> {
  const at = host.draft.sending?.at;
  if (!at || !host.draft.serviceCode) {
    host.checking = false;
    return;
  }
  await host.updateComplete;
  const seen = await lookForSent(host, newRequest(host), new Date(at));
  // Not if the resident sent again meanwhile (that send has its own outcome): issue 10.
  if (seen !== 'found' && !host.sending && host.draft.step !== 'sent') {
    clearSending(host);
    host.failure = seen === 'unknown' ? failures.interruptedUnknown(at) : failures.interrupted();
  }
}

export function finishSent(host: SendHost, result: SubmitResult): void {
  const st = stateOf(host);
  stopListening(st);
  st.queuedHere = false;
  const code = host.draft.serviceCode ?? '';
  const service = host.service;
  const next = host.responseTime(service);
  host.receipt = {
    service: service?.name ?? code,
    location: host.describeLocation(host.draft.location),
    sentAt: new Date(),
    ...(host.contact.email ? { email: host.contact.email } : {}),
    ...(next ? { next } : {}),
  };
  host.result = result;
  host.failure = undefined;
  host.store?.clear();
  // A token is the resident's only reference until the id arrives: kept for this browser session
  // without asking (it is their own receipt), so a reload still shows it and follows it (issue 22).
  const rc = host.receipt;
  host.store?.saveSent(
    result.token
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
      : undefined,
  );
  if (host.keepReports && (result.id || result.token)) {
    addMyReport({
      ...(result.id ? { id: result.id } : {}),
      ...(result.token ? { token: result.token } : {}),
      serviceCode: code,
      ...(service?.name ? { serviceName: service.name } : {}),
      endpoint: host.endpoint,
    });
  }
  host.dispatchEvent(
    new Open311SubmittedEvent({ ...(result.id ? { serviceRequestId: result.id } : {}), ...(result.token ? { token: result.token } : {}), serviceCode: code }),
  );
  const fresh = host.store?.create();
  host.draft = { ...(fresh ?? host.draft), step: 'sent' };
  // Sent by the `online` event: say so, and take focus only from inside the widget.
  const auto = st.auto;
  if (auto) host.announcement = msg('You are back online. Your report has been sent.', { id: 'report.you-are-back-online-your-report' });
  st.status = '';
  void host.goTo('sent', { history: host.noHistory ? 'none' : 'push', focus: !auto || host.matches(':focus-within') });
}
