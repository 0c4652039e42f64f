import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Open311Client } from '../open311/client.js';
import { isOpen311Error, listedErrors } from '../open311/errors.js';
import type { Open311Error } from '../open311/errors.js';
import type { NewServiceRequest, ServiceDefinition, SubmitResult } from '../open311/models.js';
import { findSubmitted } from '../open311/dedupe.js';
import { Open311ErrorEvent, Open311SubmitEvent } from '../events.js';
import type { ReportFormValue } from '../events.js';
import type { Contact, Draft } from '../elements/report/draft.js';
import type { PreparedPhoto } from '../elements/report/photo.js';

/**
 * The send path of `<open311-report>` as a Lit reactive controller: send once, look for an unclear
 * send before sending again, keep a report made offline and send it once when the connection returns
 * (issue 12), one tab at a time (a Web Lock, else a claim in localStorage), and upload a photo with
 * progress and cancel. The element loads this module with `import()` when the resident reaches the
 * steps after "where" (the first screen does not carry it: the byte budget) and gives it its inputs
 * explicitly ({@link SubmissionInputs}); it renders what this exposes (`sending`, `checking`,
 * `failure`, `queued`, `upload`, `status`) and calls {@link SubmissionController.send}.
 */

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

/** How photos reach the council: not at all, uploaded first and sent as `media_url`, or in the POST. */
export type PhotoStrategy = 'none' | 'media-url' | 'multipart';

/** The photo upload in flight, as shown: `percent` undefined while the browser cannot tell (multipart). */
export interface UploadView {
  readonly multipart: boolean;
  readonly percent?: number;
  /** Cancels the upload (`media-url` only). */
  readonly cancel?: () => void;
}

/** What the report's request is built from (see {@link newRequest}). */
export interface ReportAnswers {
  readonly draft: Draft;
  /** The questions form's value, when its element has been upgraded: it adds the hidden fields the map set. */
  readonly formValue: ReportFormValue | undefined;
  readonly contact: Contact;
  readonly definition: ServiceDefinition | undefined;
  readonly updatesAttribute: string | undefined;
  readonly anonymousAttribute: string | undefined;
  readonly hideName: boolean;
}

/** The draft as the send path reads and marks it (`sending`, `queued`): `<open311-report>`'s DraftController. */
export interface DraftAccess {
  readonly draft: Draft;
  /** Replaces the draft (not saved). */
  set(draft: Draft): void;
  /** Replaces the draft and saves it. */
  change(draft: Draft): void;
  /** The draft as saved now (another tab may have changed it). */
  stored(): Draft | undefined;
}

/** Everything the send path needs from the element, given explicitly. */
export interface SubmissionInputs {
  readonly drafts: DraftAccess;
  /** The answers the request is built from. */
  answers(): ReportAnswers;
  /** The client to send with; undefined while its code is loading (or failed to load). */
  client(): Open311Client | undefined;
  /** True when a client is expected but its code has not arrived (a dropped signal). */
  clientMissing(): boolean;
  /** The photo to send, and how. */
  photo(): { readonly strategy: PhotoStrategy; readonly prepared: PreparedPhoto | undefined; readonly uploadUrl: string | undefined };
  /** The hidden anti-spam field: what was typed in it, and the name a gateway checks it under (if any). */
  trap(): { readonly value: string; readonly field: string | undefined };
  /** True when contact details the page requires are missing (gone with the session that queued the report). */
  contactMissing(): boolean;
  /** Asks for the missing contact details (back to "About you", its errors shown). */
  askContact(): Promise<void>;
  /** The server named one of the questions: show its words there. */
  showQuestionErrors(e: Open311Error): Promise<void>;
  /** The server has the report (sent now, or found among its recent ones). `auto`: sent by the `online` event, not a press. */
  sent(result: SubmitResult, auto: boolean): void;
  /** The queued report was sent or discarded in another tab or window. */
  gone(): void;
  /** Moves focus to the failure message (after the host has rendered it). */
  focusFailure(): void;
}

/** The photo upload in flight, with what the live region last said. */
interface Upload {
  readonly multipart: boolean;
  percent?: number;
  /** The last quarter said aloud (progress is announced at 25 % steps, not on every event). */
  said: number;
  readonly abort?: AbortController;
}

const offline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

/** Sends the report once; keeps it while offline; uploads its photo. */
export class SubmissionController implements ReactiveController {
  /** A send is in flight: Send is inert. */
  sending = false;
  /** The server is being asked whether an earlier send arrived: Send is inert. */
  checking = false;
  /** The last send failed (or was cancelled), as the resident is told. */
  failure?: SendFailure;
  /** Said by the check step's live region. */
  status = '';
  /** Queued on this page: the `online` event sends it. A queued draft found on a new visit asks first. */
  private queuedHere = false;
  private onOnline?: () => void;
  private uploading?: Upload;
  /** Sent by the `online` event, not a press: focus is not taken from elsewhere on the page. */
  private auto = false;
  /** The `online` event is being handled (browsers on flaky networks fire several). */
  private resuming = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly inputs: SubmissionInputs,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.queuedHere) this.listen();
  }

  hostDisconnected(): void {
    // Removed from the page: it must not touch the draft, which a widget still on the page may be using.
    this.stopListening();
  }

  /** `here`: queued on this page, sent when back online; `ask`: queued on an earlier visit, sent only if the resident says so. */
  get queued(): 'here' | 'ask' | undefined {
    return this.inputs.drafts.draft.queued ? (this.queuedHere ? 'here' : 'ask') : undefined;
  }

  /** The photo on its way, or undefined. */
  get upload(): UploadView | undefined {
    const up = this.uploading;
    if (!up) return undefined;
    const abort = up.abort;
    return { multipart: up.multipart, ...(up.percent !== undefined ? { percent: up.percent } : {}), ...(abort ? { cancel: () => abort.abort() } : {}) };
  }

  /** Forgets any failure and queued state (the resident started again, or forgot this device). */
  reset(): void {
    this.stopListening();
    this.queuedHere = false;
    this.failure = undefined;
    this.status = '';
    this.host.requestUpdate();
  }

  /** Send stays inert until {@link checkInterrupted} is done (a reload while sending: issue 10). */
  holdForCheck(): void {
    this.checking = true;
    this.host.requestUpdate();
  }

  private get draft(): Draft {
    return this.inputs.drafts.draft;
  }

  private set(patch: Partial<Draft>, without: readonly ('sending' | 'queued')[] = []): void {
    const next: Draft = { ...this.draft, ...patch };
    for (const key of without) delete next[key];
    this.inputs.drafts.change(next);
  }

  private setState(fn: () => void): void {
    fn();
    this.host.requestUpdate();
  }

  /** Sends once: Send is inert while a send is in flight, and an unclear failure is checked with the server before any resend. */
  async send(): Promise<void> {
    if (this.sending || this.checking) return;
    const inputs = this.inputs;
    const client = inputs.client();
    if (!client && inputs.clientMissing()) {
      // The client's code could not be loaded (a dropped signal): say so; the host's next update loads it again.
      this.setState(
        () =>
          (this.failure = {
            message: msg('Part of this form could not be loaded. Check your connection and try again.', { id: 'map.part-of-this-form-could-not' }),
            safeToRetry: true,
          }),
      );
      return;
    }
    if (!client || !this.draft.serviceCode) return;
    const trap = inputs.trap();
    if (trap.value) {
      // Only a program fills a field no one can see or reach: send nothing, and say where else to go.
      this.setState(() => (this.failure = failures.trap()));
      return;
    }
    if (inputs.contactMissing()) {
      // Nothing is sent without the details the council asks for: back to "About you", its errors shown.
      if (this.auto) return;
      await inputs.askContact();
      return;
    }
    const queued = this.draft.queued;
    // Certainly offline: nothing can leave the device, so keep it and send it when the connection
    // returns (issue 12). A second press on a report already waiting here tries anyway: `onLine` can be wrong.
    if (offline() && !(queued && this.queuedHere && !this.auto)) {
      this.queue();
      return;
    }
    const unconfirmed = this.failure?.unconfirmed ?? (queued?.maybeSentAt ? { at: queued.maybeSentAt, checked: false } : undefined);
    if (unconfirmed && !unconfirmed.checked) {
      // The last send may have arrived: look for it again rather than send it twice (issue 10).
      const seen = await this.lookForSent(newRequest(inputs.answers()), new Date(unconfirmed.at));
      if (seen === 'found') return;
      if (seen === 'unknown') {
        this.dequeue();
        this.setState(() => (this.failure = queued?.maybeSentAt && !this.failure ? failures.noAnswer(unconfirmed.at) : failures.stillUnknown(unconfirmed.at)));
        await this.focusSummary();
        return;
      }
      // 'missing': it did not arrive, so sending now makes one report.
    }
    const submit = new Open311SubmitEvent(this.draft.serviceCode);
    this.host.dispatchEvent(submit);
    if (submit.defaultPrevented) return;
    this.sending = true;
    this.failure = undefined;
    if (!this.auto) this.status = '';
    this.stopListening();
    const startedAt = Date.now();
    this.set({ sending: { at: startedAt } }, ['queued']);
    const input = newRequest(inputs.answers());
    if (trap.field) input.extra = { ...input.extra, [trap.field]: trap.value };
    const photo = inputs.photo();
    try {
      let media: { blob: Blob; fileName: string } | undefined;
      const prepared = photo.prepared;
      if (prepared && photo.strategy === 'media-url') {
        const abort = new AbortController();
        this.setState(() => (this.uploading = { multipart: false, percent: 0, said: 0, abort }));
        input.mediaUrl = await uploadPhoto(photo.uploadUrl, prepared, { signal: abort.signal, onProgress: (f) => this.progress(f) });
        this.uploading = undefined;
      }
      if (prepared && photo.strategy === 'multipart') {
        media = { blob: prepared.blob, fileName: prepared.fileName };
        // The client's fetch cannot tell upload progress: say honestly what is happening, with no figure.
        this.setState(() => (this.uploading = { multipart: true, said: 0 }));
      }
      const result = await client.submitRequest(input, media ? { media } : {});
      this.uploading = undefined;
      this.finish(result);
    } catch (e) {
      this.uploading = undefined;
      await this.handleFailure(e, input, new Date(startedAt));
    } finally {
      this.uploading = undefined;
      this.auto = false;
      this.setState(() => (this.sending = false));
    }
  }

  /** A reload while sending: before anything else, find out whether that report arrived. */
  async checkInterrupted(): Promise<void> {
    const at = this.draft.sending?.at;
    if (!at || !this.draft.serviceCode) {
      this.setState(() => (this.checking = false));
      return;
    }
    await this.host.updateComplete;
    const seen = await this.lookForSent(newRequest(this.inputs.answers()), new Date(at));
    // Not if the resident sent again meanwhile (that send has its own outcome): issue 10.
    if (seen !== 'found' && !this.sending && this.draft.step !== 'sent') {
      this.clearSending();
      this.setState(() => (this.failure = seen === 'unknown' ? failures.interruptedUnknown(at) : failures.interrupted()));
    }
  }

  /** Upload progress: the bar follows every event; the live region speaks at each quarter. */
  private progress(fraction: number): void {
    const up = this.uploading;
    if (!up || up.multipart) return;
    up.percent = Math.min(100, Math.round(fraction * 100));
    const quarter = Math.floor(up.percent / 25) * 25;
    if (quarter > up.said) {
      up.said = quarter;
      this.status = msg(str`Uploading your photo: ${quarter}%`, { id: 'report.uploading-your-photo' });
    }
    this.host.requestUpdate();
  }

  /** Moves focus to the failure message, unless the send was automatic and the resident is elsewhere on the page. */
  private async focusSummary(): Promise<void> {
    await this.host.updateComplete;
    if (this.auto && !this.host.matches(':focus-within')) return;
    this.inputs.focusFailure();
  }

  /**
   * Keeps the report in the draft, marked queued, and sends it when the `online` event fires while
   * this page is open (issue 12). `maybeSentAt`: a send that started then may have arrived, so it is
   * looked for before sending again.
   */
  private queue(maybeSentAt?: number): void {
    this.failure = undefined;
    const photo = !!this.inputs.photo().prepared;
    this.set({ queued: { at: Date.now(), ...(maybeSentAt ? { maybeSentAt } : {}), ...(photo ? { photo: true } : {}) } }, ['sending']);
    this.queuedHere = true;
    this.status = msg('Not sent yet. Your report will be sent when you are back online.', { id: 'report.not-sent-yet-your-report-will' });
    this.listen();
    this.host.requestUpdate();
  }

  private listen(): void {
    if (this.onOnline) return;
    this.onOnline = () => void this.resumeQueued();
    window.addEventListener('online', this.onOnline);
  }

  private stopListening(): void {
    if (this.onOnline) window.removeEventListener('online', this.onOnline);
    this.onOnline = undefined;
  }

  /** No longer queued (sent, failed or discarded). */
  private dequeue(): void {
    this.stopListening();
    this.queuedHere = false;
    if (this.draft.queued) this.set({}, ['queued']);
  }

  /** The connection is back: send the report queued on this page, once. */
  private async resumeQueued(): Promise<void> {
    if (!this.host.isConnected) {
      this.stopListening();
      return;
    }
    if (!this.draft.queued || !this.queuedHere) {
      this.dequeue();
      return;
    }
    // Changing an answer meanwhile: the resident sends it from check your answers.
    if (this.draft.step !== 'check' || this.sending || this.checking || this.resuming) return;
    this.resuming = true;
    const id = this.draft.clientId;
    await withClaim(id, async () => {
      // Another tab or widget may have sent it (the draft is gone or new) or tried (no longer queued).
      const stored = this.inputs.drafts.stored();
      if (!stored || stored.clientId !== id) {
        this.stopListening();
        this.queuedHere = false;
        this.inputs.gone();
        return;
      }
      if (!stored.queued) {
        this.stopListening();
        this.queuedHere = false;
        this.inputs.drafts.set(stored);
        return;
      }
      this.auto = true;
      this.status = msg('You are back online. Sending your report…', { id: 'report.you-are-back-online-sending-your' });
      await this.send();
    }).finally(() => (this.resuming = false));
  }

  private async handleFailure(e: unknown, input: NewServiceRequest, since: Date): Promise<void> {
    const err = e instanceof Error ? e : new Error(String(e));
    this.host.dispatchEvent(new Open311ErrorEvent(err, 'submit'));
    this.status = '';
    if (e instanceof PhotoUploadError) {
      // The report itself was not sent: safe to send again.
      if (e.kind === 'network' && offline()) {
        this.queue();
        return;
      }
      this.clearSending();
      if (e.kind === 'aborted')
        this.status = msg('Photo upload cancelled. Your report has not been sent.', { id: 'report.photo-upload-cancelled-your-report-has' });
      this.failure = e.kind === 'aborted' ? failures.cancelled() : e.kind === 'network' ? failures.notSent(false) : failures.photoNotUploaded();
    } else if (isOpen311Error(e) && (e.kind === 'timeout' || e.kind === 'network' || (e.kind === 'parse' && (e.status ?? 0) < 300))) {
      if (offline()) {
        // The device went offline mid-send: keep it queued; once back online, look for it before sending again.
        this.queue(since.getTime());
        return;
      }
      // The report may have arrived even though the answer did not: look before offering a resend.
      const seen = await this.lookForSent(input, since);
      if (seen === 'found') return;
      this.clearSending();
      // Unknown: the server could not be asked either (CORS hides every answer, or no GET requests):
      // "not sent" would be a guess, and a resend may make two reports (issue 10).
      this.failure = seen === 'unknown' ? failures.noAnswer(since.getTime()) : failures.notSent(e.kind === 'timeout');
    } else if (isOpen311Error(e) && e.kind === 'http' && (e.status === 401 || e.status === 403)) {
      this.clearSending();
      // A missing or bad api_key (issue 10): its words ("Invalid or missing api_key") mean nothing to a
      // resident, and sending again will not help until the council fixes it.
      this.failure = failures.refused();
    } else if (isOpen311Error(e) && e.kind === 'http' && e.status !== undefined && e.status < 500 && this.mentionsQuestion(e)) {
      this.clearSending();
      // The server named one of the questions: show its words there.
      await this.inputs.showQuestionErrors(e);
      return;
    } else {
      this.clearSending();
      this.failure = plainFailure(e);
    }
    this.host.requestUpdate();
    await this.focusSummary();
  }

  private mentionsQuestion(e: Open311Error): boolean {
    const codes = this.inputs.answers().definition?.attributes.map((a) => a.code) ?? [];
    return e.errors.some((x) => codes.some((c) => x.description.includes(c)));
  }

  /** No send in flight (nor queued) any more. */
  private clearSending(): void {
    this.stopListening();
    this.queuedHere = false;
    this.set({}, ['sending', 'queued']);
  }

  /**
   * Looks for this report among the server's recent ones: `found` (and shows the confirmation),
   * `missing`, or `unknown` when the server could not be asked (then nobody can say it was not sent).
   */
  private async lookForSent(input: NewServiceRequest, since: Date): Promise<'found' | 'missing' | 'unknown'> {
    const client = this.inputs.client();
    if (!client) return 'unknown';
    this.setState(() => (this.checking = true));
    try {
      const found = await findSubmitted(client, input, since);
      if (found?.id) {
        this.finish({ id: found.id, ...(found.serviceNotice ? { serviceNotice: found.serviceNotice } : {}), raw: found.raw });
        return 'found';
      }
      return 'missing';
    } catch {
      return 'unknown';
    } finally {
      this.setState(() => (this.checking = false));
    }
  }

  /** The server has it: no longer queued, and the element shows the confirmation. */
  private finish(result: SubmitResult): void {
    this.stopListening();
    this.queuedHere = false;
    this.failure = undefined;
    const auto = this.auto;
    this.status = '';
    this.inputs.sent(result, auto);
    this.host.requestUpdate();
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

/**
 * Any other failure, in the resident's terms (issue 22): the council's words only when they came in
 * an Open311 error list and the server is not in trouble; never a status line or an error page.
 */
function plainFailure(e: unknown): SendFailure {
  if (!isOpen311Error(e) || e.kind !== 'http' || e.status === undefined || e.status >= 500 || e.status === 429) return failures.unavailable();
  const words = listedErrors(e)
    .map((x) => x.description.trim())
    .join(' ');
  return words ? failures.serverSaid(words) : failures.notTaken();
}

/** What the POST sends. */
export function newRequest(answers: ReportAnswers): NewServiceRequest {
  const { draft, contact: c, definition } = answers;
  const loc = draft.location ?? {};
  const value = answers.formValue;
  // The draft is updated on every answer, so it is right even when the form has not been
  // refilled yet after a reload (a quick Send then would otherwise go out without the answers);
  // the form adds what only it holds (hidden fields set by the map).
  const attributes: Record<string, string | readonly string[]> = { ...(draft.attributes ?? {}), ...(value?.attributes ?? {}) };
  // The resident's choices reach the council only through codes its server reads (issue 22).
  const updates = answers.updatesAttribute?.trim();
  if (updates && c.wantsUpdates) attributes[updates] = yesValue(definition, updates);
  const anonymous = answers.anonymousAttribute?.trim();
  if (anonymous && answers.hideName) attributes[anonymous] = yesValue(definition, anonymous);
  const req: NewServiceRequest = { serviceCode: draft.serviceCode ?? '', attributes };
  if (loc.lat !== undefined && loc.long !== undefined) {
    req.lat = loc.lat;
    req.long = loc.long;
  }
  if (loc.address) req.addressString = loc.address;
  if (loc.addressId) req.addressId = loc.addressId;
  // `||`: a form not restored yet says '' (issue 10: a reload mid-send compared an empty description).
  const description = value?.description || draft.description;
  if (description) req.description = description;
  if (c.email) req.email = c.email;
  if (c.firstName) req.firstName = c.firstName;
  if (c.lastName) req.lastName = c.lastName;
  if (c.phone) req.phone = c.phone;
  return req;
}

/** What the resident is told when a send fails, by how it failed. */
const failures = {
  /** The hidden anti-spam field was filled: only a program does that. */
  trap: (): SendFailure => ({
    message: msg('Your report could not be sent from this form. Please use one of the other ways to report a problem.', {
      id: 'report.your-report-could-not-be-sent',
    }),
    safeToRetry: false,
  }),
  /** Looked again after an unclear send, and the server still cannot be asked. */
  stillUnknown: (at: number): SendFailure => ({
    message: msg(
      'We still cannot tell whether your report arrived: the council’s system is not answering this page. Nothing you typed is lost. If you can, check with the council before sending it again. If you are sure it did not arrive, press Send it again anyway.',
      { id: 'report.we-still-cannot-tell-whether-your' },
    ),
    safeToRetry: false,
    unconfirmed: { at, checked: true },
  }),
  /** Sent, no answer, and the server could not be asked whether it arrived. */
  noAnswer: (at: number): SendFailure => ({
    message: msg(
      'Your report was sent but no answer came back from the council’s system, so we cannot tell whether it arrived. Nothing you typed is lost. Sending it again could report the problem twice: press Check again to ask the council’s system whether it arrived.',
      { id: 'report.your-report-was-sent-but-no' },
    ),
    safeToRetry: false,
    unconfirmed: { at, checked: false },
  }),
  notSent: (timeout: boolean): SendFailure => ({
    message: timeout
      ? msg('The council’s system did not answer in time. Your report has not been sent. Nothing you typed is lost.', {
          id: 'report.councils-system-did-not-answer-in',
        })
      : msg('Your report could not be sent: check your internet connection. Nothing you typed is lost.', { id: 'report.your-report-could-not-be-sent-2' }),
    safeToRetry: true,
  }),
  /** A missing or bad api_key (issue 10): the server's words mean nothing to a resident. */
  refused: (): SendFailure => ({
    message: msg(
      'The council’s system refused the report: this website is not allowed to send reports to it at the moment. Your report has not been sent. Nothing you typed is lost. Try again later, or use one of the other ways to report a problem.',
      { id: 'report.councils-system-refused-report-this-website' },
    ),
    safeToRetry: true,
  }),
  /** Words from an Open311 error list (never a status line or an error page: issue 22). */
  serverSaid: (words: string): SendFailure => ({
    message: msg(str`Your report has not been sent. The council’s system said: ${words}`, { id: 'report.your-report-has-not-been-sent' }),
    safeToRetry: true,
  }),
  /** A 5xx, 429 or any answer that is not an Open311 error list (an HTML 500 page, a proxy's text). */
  unavailable: (): SendFailure => ({
    message: msg('The council’s system is not answering at the moment. Your report has not been sent. Nothing you typed is lost. Try again in a few minutes.', {
      id: 'report.councils-system-is-not-answering-at',
    }),
    safeToRetry: true,
  }),
  /** A 4xx with no Open311 error list: the server would not take it and gave no reason we can show. */
  notTaken: (): SendFailure => ({
    message: msg(
      'The council’s system could not take your report. Your report has not been sent. Nothing you typed is lost. Try again later, or use one of the other ways to report a problem.',
      { id: 'report.councils-system-could-not-take-your' },
    ),
    safeToRetry: true,
  }),
  /** The photo upload failed (the report itself was not sent). */
  photoNotUploaded: (): SendFailure => ({
    message: msg(
      'Your photo could not be uploaded, so your report has not been sent. Nothing you typed is lost. Try again, or remove the photo and send the report without it.',
      { id: 'report.your-photo-could-not-be-uploaded' },
    ),
    safeToRetry: true,
  }),
  /** The resident pressed Cancel upload (issue 12). */
  cancelled: (): SendFailure => ({
    message: msg(
      'You cancelled the photo upload. Your report has not been sent, and nothing you typed is lost. Send it again, or change or remove the photo first.',
      { id: 'report.you-cancelled-photo-upload-your-report' },
    ),
    safeToRetry: true,
    cancelled: true,
  }),
  /** A reload while sending, and the server cannot be asked. */
  interruptedUnknown: (at: number): SendFailure => ({
    message: msg(
      'Your report was being sent when the page was closed, and the council’s system is not answering, so we cannot tell whether it arrived. Nothing you typed is lost. Press Check again to look once more.',
      { id: 'report.your-report-was-being-sent-when' },
    ),
    safeToRetry: false,
    unconfirmed: { at, checked: false },
  }),
  interrupted: (): SendFailure => ({
    message: msg('Your report may not have been sent when the page was closed. Check your answers and send it again.', {
      id: 'report.your-report-may-not-have-been',
    }),
    safeToRetry: true,
  }),
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
  if (!uploadUrl)
    return Promise.reject(new Error(msg('Photos cannot be uploaded: the page has no upload address.', { id: 'report.photos-cannot-be-uploaded-page-has' })));
  const { signal, onProgress } = options;
  return new Promise<string>((resolve, reject) => {
    const aborted = (): PhotoUploadError =>
      new PhotoUploadError(msg('You cancelled the photo upload.', { id: 'report.you-cancelled-photo-upload' }), 'aborted');
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
      if (typeof data?.media_url !== 'string')
        reject(new PhotoUploadError(msg('The photo could not be uploaded.', { id: 'report.photo-could-not-be-uploaded' }), 'http'));
      else resolve(data.media_url);
    });
    xhr.addEventListener('error', () => {
      done();
      reject(
        new PhotoUploadError(
          msg('The photo could not be uploaded: check your internet connection.', { id: 'report.photo-could-not-be-uploaded-check' }),
          'network',
        ),
      );
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
