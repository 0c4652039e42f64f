import { adoptStyles, html, nothing, noChange } from 'lit';
import type { PropertyDeclarations, TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { ServerElement } from '../server-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { styles } from './report.styles.js';
import { define } from '../../define.js';
import type { Open311Client } from '../../open311/client.js';
import { ClientController } from '../../controllers/client.js';
import type { Service, ServiceDefinition } from '../../open311/models.js';
import { Open311ErrorEvent, Open311StepChangeEvent } from '../../events.js';
import type { Open311LocationChangeEvent, Open311ServiceChangeEvent } from '../../events.js';
import { DraftState, STEPS } from './draft-state.js';
import type { Draft, Step } from './draft-state.js';
import type { LaterSteps, StepWiring } from './later-steps.js';
import type { DraftController } from './draft.js';
import type { PhotoStrategy } from '../../controllers/submission.js';
import { lazyImport } from '../../lazy-import.js';
import { loadElement } from '../../autoload.js';
import type { ElementTag } from '../../autoload.js';
import type { Open311ReportForm } from '../report-form/report-form.js';
import type { Open311MapPicker } from '../map-picker/map-picker.js';
import { noteDeprecated } from '../old-names.js';
import { EXPORTED_PARTS } from './parts.js';

/** The code of the steps after "where" (their views, the send path): fetched once; a failure is tried again. */
const loadStepsCode = lazyImport(() => import('./steps.js'));
/** Reading and saving drafts, contact details (draft.ts): fetched at the first touch or change, or before the first render when a draft is kept. */
const loadDraftCode = lazyImport(() => import('./draft.js'));

/** The steps counted in "Step N of 5", in order (the confirmation is not a step to take; "Is it one of these?" is part of the second). */
const COUNTED: readonly Step[] = ['where', 'what', 'details', 'about', 'check'];
/** The same with `problem-first`: the problem, then the place. */
const PROBLEM_FIRST: readonly Step[] = ['what', 'where', 'details', 'about', 'check'];

/** The element each step needs; each is loaded when its step is reached (or prefetched once the resident starts). */
const STEP_ELEMENT: Record<Step, ElementTag | undefined> = {
  where: 'open311-map-picker',
  what: 'open311-service-chooser',
  nearby: 'open311-status-tracker',
  details: 'open311-report-form',
  about: 'open311-report-form',
  check: undefined,
  sent: 'open311-status-tracker',
};

/**
 * The whole reporting flow in one element: where → what → details → about you → check your
 * answers → sent (`problem-first`: what → where → …), with a step indicator, browser Back between
 * steps, a draft kept as it is typed, and a Send that cannot send twice.
 *
 * Once the place and the problem are known, the open reports of that problem near the place are
 * offered before the details ("Is it one of these?", issue 19): the resident can follow one (its
 * progress, "Add an update" with `updates`, or keep it in "my reports") instead of reporting it
 * again, or say theirs is a different problem and go on. With none to offer the step is skipped;
 * `no-already-reported` turns it off.
 *
 * Content placed inside the element without a slot (say, the council's phone number and a link to
 * its old form) is shown until the script loads and hidden once it has: a fallback for when the
 * script is blocked or fails.
 *
 * `translations` (inline JSON or a URL) gives the council's own text in Welsh or another language:
 * it is passed to the service chooser and the form (see `src/i18n/council-text.ts`).
 *
 * A report sent while the device is offline stays in the draft, "Not sent yet", and is sent once
 * when the connection returns while the page is open (one tab only); on a later visit the widget
 * asks before sending it (issue 12).
 *
 * Besides its own parts below, it passes on every part of the elements inside it under the same
 * name (`exportparts`), so `open311-report::part(label)` styles the labels of the service list and
 * the form, and `open311-report::part(map)` the map: see each element's parts.
 *
 * @tagname open311-report
 * @summary Report a street problem to the council, end to end.
 *
 * @fires open311-step-change - The resident moved to another step (`detail.step`, `index`, `total`).
 * @fires open311-submit - About to send; cancelable.
 * @fires open311-submitted - The council's server accepted the report (`serviceRequestId` or `token`, `serviceCode`).
 * @fires open311-duplicate-followed - On "Is it one of these?", the resident followed a report already made nearby instead of sending another (`detail.serviceRequestId`, `serviceCode`, `action`: `update` when they added an update to it, `kept` when they kept it in "my reports").
 * @fires open311-error - Something failed that the resident was told about (`detail.error`; `detail.kind`: `services`, `questions`, `search`, `location`, `nearby`, `load`, `submit`, … from every element inside).
 *
 * @csspart step-count - "Step 2 of 5".
 * @csspart heading - Each step's heading.
 * @csspart continue-button - The Continue button of each step.
 * @csspart send-button - The Send button on the check-answers step.
 * @csspart queued-notice - "Not sent yet" for a report made offline (sent by itself when the connection returns), or, on a later visit, "Send it now?" with Send now and Discard.
 * @csspart upload-progress - The photo's upload progress while sending (a bar with a percentage; no figure for `multipart`).
 * @csspart cancel-upload-button - "Cancel upload" beside the progress (`media-url`).
 * @csspart back-button - The Back link above each step.
 * @csspart urgent-notice - "If there is a danger to life, call 999…" on the first step (and the details step of urgent services).
 * @csspart response-time - What happens next for the chosen service (`response-times`).
 * @csspart copy-button - "Copy reference" on the confirmation.
 * @csspart print-button - "Print this page" on the confirmation (the printout keeps the receipt, drops the buttons).
 * @csspart receipt - Reference, problem, location, date, what happens next and how to track it, on the confirmation.
 * @csspart track-link - The link to the council's tracking page (`track-url`).
 * @csspart forget-button - "Forget this device" on the first step.
 * @csspart privacy - Who is responsible for the resident's information and how it is used (contact step).
 * @csspart public-panel - "What the public will see" on check answers.
 * @csspart other-ways - "Other ways to report a problem": folded on the first step, open when the form cannot go on.
 * @csspart nearby-reports - "Is it one of these?": the list of open reports of the chosen problem near the place.
 * @csspart nearby-report - One report of that list (its photo, description, stage and distance).
 * @csspart nearby-choose-button - "This is my problem" on a report of that list.
 * @csspart nearby-keep-button - "Keep it in my list of reports" on the report the resident chose.
 *
 * @slot other-ways - The council's own "other ways to report" (replaces the list built from `council-phone`, `council-email`, `council-address`).
 *
 * @cssproperty --open311-brand - Links, focus and selection colour.
 * @cssproperty --open311-button - Primary button background (default GOV.UK green).
 * @cssproperty --open311-scroll-offset - Space left above a heading scrolled into view (a sticky header's height).
 */
export class Open311Report extends ServerElement {
  static override styles = [hostStyles, styles];

  static override properties: PropertyDeclarations = {
    service: { state: true },
    definition: { state: true },
    stepError: { state: true },
    fieldError: { state: true },
    servicesFailed: { state: true },
    blocked: { state: true },
    generation: { state: true },
    announcement: { state: true },
    steps: { state: true },
    services: {},
    groups: {},
    mapStyle: { attribute: 'map-style' },
    center: {},
    zoom: { type: Number },
    boundary: {},
    outsideName: { attribute: 'outside-name' },
    outsideUrl: { attribute: 'outside-url' },
    mapAtOnce: { type: Boolean, attribute: 'map-at-once' },
    geocoder: {},
    addressWithin: { type: Number, attribute: 'address-within' },
    assets: {},
    assetAttribute: { attribute: 'asset-attribute' },
    contactFields: { attribute: 'contact-fields' },
    requireContact: { attribute: 'require-contact' },
    photo: {},
    uploadUrl: { attribute: 'upload-url' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    draftHours: { type: Number, attribute: 'draft-hours' },
    draftAskMinutes: { type: Number, attribute: 'draft-ask-minutes' },
    noHistory: { type: Boolean, attribute: 'no-history' },
    urgentPhone: { attribute: 'urgent-phone' },
    urgentText: { attribute: 'urgent-text' },
    urgentServices: { attribute: 'urgent-services' },
    noUrgent: { type: Boolean, attribute: 'no-urgent' },
    problemFirst: { type: Boolean, attribute: 'problem-first' },
    noAlreadyReported: { type: Boolean, attribute: 'no-already-reported' },
    responseTimes: { attribute: 'response-times' },
    councilPhone: { attribute: 'council-phone' },
    councilEmail: { attribute: 'council-email' },
    mediaOrigins: { attribute: 'media-origins' },
    updates: { type: Boolean },
    councilAddress: { attribute: 'council-address' },
    privacyUrl: { attribute: 'privacy-url' },
    dataController: { attribute: 'data-controller' },
    publicFields: { attribute: 'public-fields' },
    anonymous: { type: Boolean },
    anonymousAttribute: { attribute: 'anonymous-attribute' },
    updatesAttribute: { attribute: 'updates-attribute' },
    honeypotField: { attribute: 'honeypot-field' },
    trackUrl: { attribute: 'track-url' },
    timeout: { type: Number },
    translations: {},
  };
  /** Renamed in issue 18: `map-first` is `map-at-once` (localized-element.ts reads it). */
  protected static override readonly oldAttributes = {
    'map-first': { now: 'map-at-once', property: 'mapAtOnce', value: (v: string | null) => v !== null },
  };

  /** The shared client for `endpoint`, its code fetched once something needs the server (`ensureClient`). */
  private readonly clients = new ClientController(this, { options: () => (this.timeout > 0 ? { timeoutMs: this.timeout } : {}) });

  private get mapPicker(): Open311MapPicker | null {
    return this.renderRoot?.querySelector<Open311MapPicker>('open311-map-picker') ?? null;
  }
  private get heading(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('[data-step-heading]') ?? null;
  }

  /** The draft shown (draft-state.ts); reading and saving it, and the contact details, arrive with draft.ts. */
  private readonly drafts = new DraftState(this, loadDraftCode);

  private service?: Service;
  private definition?: ServiceDefinition;
  private stepError?: string;
  /** A step's own field left empty (location, problem): summary link plus the child's inline error (issue 22). */
  protected fieldError?: { step: 'where' | 'what'; text: string };
  /** The service list could not be loaded (the chooser shows its own error and retry). */
  private servicesFailed = false;
  /** Part of the widget could not be loaded: the resident may not be able to go on. */
  private blocked = false;
  /** Bumped by "Forget this device": every child is made afresh, with nothing of the last resident in it. */
  private generation = 0;
  /** Said once by the persistent live region (e.g. after forgetting this device). */
  private announcement = '';
  /** The steps after "where", wired (steps.ts: their views, the send path, the photo), once loaded (`loadSteps`). */
  private steps?: LaterSteps;

  /** Only these service codes (space- or comma-separated), for parish and single-purpose pages. */
  services?: string;
  /** Only services in these groups (comma-separated names). */
  groups?: string;
  /** The map's style: a MapLibre style URL. */
  mapStyle?: string;
  /** Where the map starts: `lat,long`. */
  center?: string;
  /** The map's starting zoom (0–22), as on `<open311-map-picker>`. */
  zoom?: number;
  /** The council's area (GeoJSON URL): points outside it are refused; a FeatureCollection may name the neighbours (features with `url` or `phone`). */
  boundary?: string;
  /** Who handles reports outside the area (a name), shown when a point is refused. */
  outsideName?: string;
  /** Where to report instead when a point is outside the area and every neighbour (default GOV.UK's "Find your local council"). */
  outsideUrl?: string;
  /**
   * Show the map at once instead of bringing it in after an address search or "use my location" (costs ~450 KB
   * more up front): the opposite of `<open311-map-picker>`'s `map-on-demand`. Was `map-first`.
   */
  mapAtOnce = false;
  /** @deprecated Use `mapAtOnce`: `mapFirst` goes in the next major version. */
  get mapFirst(): boolean {
    return this.mapAtOnce;
  }
  set mapFirst(atOnce: boolean) {
    noteDeprecated(this, '.mapFirst', '.mapAtOnce');
    this.mapAtOnce = atOnce;
  }
  /** Geocoder URL template (Nominatim search format). */
  geocoder?: string;
  /** How near the pin (metres) a reverse-geocoded property must be to be sent as the address; further, its street is sent (the map picker's `address-within`, default 25). */
  addressWithin?: number;
  /** Council assets to choose from on the map (GeoJSON URL). */
  assets?: string;
  /** The service attribute code an asset's id fills. */
  assetAttribute?: string;
  /** Contact fields shown: one or more of `first_name last_name email phone`. */
  contactFields = 'first_name last_name email phone';
  /** Contact fields the resident must fill in. */
  requireContact = 'email';
  /** Photo upload: `none` (default), `media-url` (uploaded to `upload-url` first), or `multipart` (sent with the report). */
  photo: PhotoStrategy = 'none';
  /** Where `media-url` photos are uploaded (a gateway's `/media`); it answers `{ "media_url": "…" }`. */
  uploadUrl?: string;
  /** The level of the step headings, so the widget fits the page's outline. Default 2. */
  headingLevel = 2;
  /** Hours a draft is kept before it is removed (shared computers). Default 24. */
  draftHours = 24;
  /**
   * An unfinished report saved longer ago than this (minutes) is offered ("Continue your unfinished
   * report from 10:12?") rather than restored outright: the next person at a shared computer. Default 30.
   */
  draftAskMinutes = 30;
  /** Do not add browser history entries for the steps. */
  noHistory = false;
  /** The council's out-of-hours phone number, given in the urgent-danger notice on the first step. */
  urgentPhone?: string;
  /** The urgent-danger notice in the council's own words (replaces the default sentence); `{phone}` is replaced by `urgent-phone`. */
  urgentText?: string;
  /** Services that repeat the urgent-danger notice on their details step (codes, comma-separated); services the server marks urgent (keyword `urgent`/`emergency`, such a group, or an informational definition attribute coded so) do too. */
  urgentServices?: string;
  /** Do not show the urgent-danger notice. */
  noUrgent = false;
  /**
   * Ask what the problem is before where it is (what → where → details …), so the reports near the
   * place are those of that problem from the start. The default order is where → what.
   */
  problemFirst = false;
  /**
   * Do not offer the open reports of the chosen problem near the place ("Is it one of these?",
   * between the problem and the details, which the resident can follow instead of reporting again:
   * issue 19). Offered by default: Continue waits for the search at most a few seconds, and skips
   * the step when none are found or the server does not answer.
   */
  noAlreadyReported = false;
  /** What happens next, by service code or group name (JSON), e.g. `{"PTH-01":"We inspect potholes within 5 working days"}`. */
  responseTimes?: string;
  /** The council's phone number for reports, under "Other ways to report a problem". */
  councilPhone?: string;
  /** The council's email address for reports, under "Other ways to report a problem". */
  councilEmail?: string;
  /**
   * Where the confirmation's tracker may show a report's photo from, besides the endpoint's origin
   * and `upload-url`'s: origins separated by spaces (see `<open311-status-tracker>`'s `media-origins`).
   */
  mediaOrigins?: string;
  /**
   * The server has FixMyStreet's `servicerequestupdates`: the confirmation's tracker shows the
   * council's updates and offers "Add an update" (see `<open311-status-tracker>`'s `updates`).
   * Without it the tracker never asks, so other servers see no such request.
   */
  updates = false;
  /** The council's postal address (line breaks kept), under "Other ways to report a problem". */
  councilAddress?: string;
  /** The council's privacy notice: linked as "How we use your information" on the contact step. */
  privacyUrl?: string;
  /** Who is responsible for the resident's information (the data controller), named on the contact step. */
  dataController?: string;
  /** Which answers the council publishes (shown on check answers): one or more of `service location description photo answers name`. */
  publicFields = 'service description location photo';
  /**
   * No longer has an effect on its own: "Do not show my name publicly" is offered only with
   * `anonymous-attribute`, so that ticking it always reaches the council (issue 22).
   */
  anonymous = false;
  /**
   * The service attribute code the council's server reads as "do not show my name publicly": only
   * then is the choice offered, and when ticked the report carries `attribute[CODE]=true` (or, when the
   * service's definition lists the code, its own value for "yes").
   */
  anonymousAttribute?: string;
  /**
   * The service attribute code the council's server reads as "email me updates": only then is the
   * choice offered, and when ticked the report carries `attribute[CODE]=true` (or, when the service's
   * definition lists the code, its own value for "yes").
   */
  updatesAttribute?: string;
  /** Send the hidden anti-spam field under this name (for a gateway that checks it); by default it is only checked here. */
  honeypotField?: string;
  /** The council's page for tracking a report, `{id}` replaced by the reference, linked from the confirmation. */
  trackUrl?: string;
  /** How long to wait for each answer from the council's system, in milliseconds. Default 15000. */
  timeout = 15_000;

  /** The council's text in other languages (service names, questions, answers, notices): inline JSON or a URL. */
  translations?: string;

  private servicesChecked = false;
  private restored = false;
  private prefetched = false;
  private readonly onFirstUse = (): void => this.prefetch();
  private readonly onPopState = (e: PopStateEvent): void => this.handlePopState(e);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    this.addEventListener('focusin', this.onFirstUse, { once: true });
    this.addEventListener('pointerdown', this.onFirstUse, { once: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    this.removeEventListener('focusin', this.onFirstUse);
    this.removeEventListener('pointerdown', this.onFirstUse);
  }

  /** The draft shown (the DraftController's). */
  private get draft(): Draft {
    return this.drafts.draft;
  }

  protected override willUpdate(): void {
    const opened = this.drafts.open(this.historyKey, this.draftHours * 3600_000, this.draftAskMinutes);
    if (opened.opened) {
      this.restored = false;
    }
    // A fresh report starts on the first step: with \`problem-first\`, the problem.
    const d = this.draft;
    if (this.problemFirst && d.step === 'where' && !d.location && !d.serviceCode && !d.sending) this.drafts.set({ ...d, step: 'what' });
    this.ensureClient();
    this.ensureStepElement(this.draft.step);
    if (this.draft.step === 'what' && !this.servicesChecked) this.checkServices();
  }

  /** Finds out whether the service list loads (the client shares one request with the chooser), to offer other ways when it does not. */
  private checkServices(): void {
    const client = this.activeClient;
    if (!client) return;
    this.servicesChecked = true;
    client.services().then(
      () => (this.servicesFailed = false),
      () => (this.servicesFailed = true),
    );
  }

  /** Loads the element a step needs; a failure is shown as the step's error (a dropped signal), with Continue to retry. */
  private ensureStepElement(step: Step): Promise<void> {
    const tag = STEP_ELEMENT[step];
    // Every step after "where" is drawn by code that arrives with it (steps.ts; the byte budget).
    const late = step !== 'where' ? this.loadSteps() : undefined;
    if (!tag && !late) return Promise.resolve();
    return Promise.all([late, tag ? loadElement(tag) : undefined]).then(
      () =>
        tag &&
        customElements.whenDefined(tag).then(() => {
          if (tag === 'open311-report-form') this.steps?.fillAssetField();
        }),
      (e: unknown) => this.loadFailed(e),
    );
  }

  /** Part of the widget could not be loaded: said as the step's error (a dropped signal), with other ways to report. */
  private loadFailed(e: unknown): void {
    this.blocked = true;
    this.stepError = msg('Part of this form could not be loaded. Check your connection and try again.', { id: 'map.part-of-this-form-could-not' });
    this.dispatchEvent(new Open311ErrorEvent(e, 'load'));
  }

  /**
   * Something kept in this browser (a draft, a sent report's record, contact details): the first
   * render waits for draft.ts to read it, so a resuming resident sees their own step at once. Nothing
   * kept (the usual first visit): no wait.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const wait = this.drafts.wait(this.historyKey);
    return wait
      ? wait.then(
          () => super.scheduleUpdate(),
          (e: unknown) => {
            this.loadFailed(e);
            super.scheduleUpdate();
          },
        )
      : super.scheduleUpdate();
  }

  /** Loads the later steps (their views, the send path) once, and wires them; a failure may be retried. */
  private async loadSteps(): Promise<void> {
    if (this.steps) return;
    // The later steps save what is typed: the draft's own code too.
    const [m, drafts] = await Promise.all([loadStepsCode(), this.drafts.ready()]);
    if (this.steps) return;
    // Its styles after the element's own (Lit's adoptStyles: constructed sheets, or <style> where unsupported).
    if (this.shadowRoot) adoptStyles(this.shadowRoot, [...Open311Report.elementStyles, m.stepStyles]);
    this.steps = new m.LaterSteps(this, this.wiring(drafts));
  }

  /** What the later steps (later-steps.ts) and restoring a kept draft (draft.ts) are given of the element: its children, its navigation. */
  private wiring(drafts: DraftController): StepWiring {
    return {
      drafts,
      client: () => this.activeClient,
      service: () => this.service,
      definition: () => this.definition,
      // The forms are the later steps' (drawn by later-steps.ts).
      questionsForm: () => this.renderRoot?.querySelector<Open311ReportForm>('open311-report-form[sections="questions"]') ?? undefined,
      contactForm: () => this.renderRoot?.querySelector<Open311ReportForm>('open311-report-form[sections="contact"]') ?? undefined,
      goTo: (step, how) => this.goTo(step, how),
      next: () => this.continue(),
      startAgain: () => this.startAgain(),
      announce: (text) => (this.announcement = text),
      stepTitle: (step) => this.stepTitle(step),
      subHeading: (text) => this.subHeading(text),
      urgentNotice: () => this.renderUrgent(),
      continueButton: () => this.renderContinue(),
      mapPicker: () => this.mapPicker ?? undefined,
      stepElement: (step) => this.ensureStepElement(step),
      steps: () =>
        this.loadSteps().then(
          () => this.steps,
          () => this.steps,
        ),
      restoreService: async (service) => {
        this.service = service;
        if (service) await this.loadDefinition(service);
      },
      fillAssetField: () => this.steps?.fillAssetField(),
    };
  }

  /** Once the resident starts, fetch what the next steps need, so a weak signal later does not stall them. */
  private prefetch(): void {
    if (this.prefetched) return;
    this.prefetched = true;
    this.ensureClient();
    for (const step of STEPS) void this.ensureStepElement(step).catch(() => undefined);
  }

  protected override firstUpdated(): void {
    if (!this.noHistory) this.writeHistory('replace');
  }

  protected override updated(): void {
    // Restoring needs the server only for a chosen service or an interrupted send.
    if (!this.restored && (this.activeClient || (!this.draft.serviceCode && !this.draft.sending))) {
      this.restored = true;
      // Only a kept draft has anything to give back, and then draft.ts has loaded (before the first render).
      const drafts = this.drafts.full;
      if (drafts) void drafts.restore(this.wiring(drafts));
    }
  }

  /** The client in use: the `client` property, or one shared per endpoint (undefined until its code has loaded). */
  private get activeClient(): Open311Client | undefined {
    return this.clients.client;
  }

  /**
   * Loads the shared client for the current endpoint once something needs the server: a step past
   * "where", a draft to restore, or the resident's first touch (the first screen does not need it:
   * the byte budget). What needs it waits for it (`updated()` restores, Send stays put).
   */
  private ensureClient(): void {
    if (this.client || !this.endpoint) return;
    const d = this.draft;
    if (!this.prefetched && d.step === 'where' && !d.serviceCode && !d.sending) return;
    // A dropped signal: loaded again on the next update (the resident's next action).
    this.clients.load();
  }

  private async loadDefinition(service: Service): Promise<void> {
    this.definition = undefined;
    const client = this.activeClient;
    if (!client || !service.metadata) return;
    try {
      this.definition = await client.serviceDefinition(service.code);
    } catch {
      // The form shows its own loading failure with a retry; the summary falls back to codes.
    }
  }

  // --- child events -------------------------------------------------------------------------

  private handleLocation(e: Open311LocationChangeEvent): void {
    this.drafts.change({ ...this.draft, location: e.detail });
    this.stepError = undefined;
    this.fieldError = undefined;
    this.steps?.fillAssetField();
  }

  private handleService(e: Open311ServiceChangeEvent): void {
    const changed = this.draft.serviceCode !== e.detail.service.code;
    this.service = e.detail.service;
    this.stepError = undefined;
    this.fieldError = undefined;
    this.drafts.change({ ...this.draft, serviceCode: e.detail.service.code, ...(changed ? { attributes: {} } : {}) });
    void this.loadDefinition(e.detail.service).then(() => this.steps?.fillAssetField());
  }

  /** The problem chosen first is not dealt with at the place, and the resident chose another problem (the place is kept). */
  private async handleServiceUnavailable(): Promise<void> {
    this.service = this.definition = undefined;
    this.drafts.change({ ...this.draft, serviceCode: undefined, attributes: {} });
    await this.loadSteps().catch(() => undefined);
    await this.goTo('what');
  }

  /** The chooser's own Try again (its service list failed): look again too (other ways are offered while the list fails). */
  private chooserClick(e: Event): void {
    if (!e.composedPath().some((n) => n instanceof Element && n.getAttribute('part') === 'retry-button')) return;
    this.servicesFailed = false;
    this.servicesChecked = false;
  }

  /** "Forget this device": removes everything any widget stored here, and starts afresh with empty fields. */
  private async forgetDevice(): Promise<void> {
    // Everything stored under open311: (the draft, contact details, "my reports" too).
    this.drafts.forget();
    this.service = undefined;
    this.definition = undefined;
    this.steps?.forget();
    this.restored = true;
    // New children: the map picker's search text and the forms' answers go with the old ones.
    this.generation++;
    this.announcement = msg('Everything this form saved on this device has been removed.', { id: 'report.everything-this-form-saved-on-this' });
    await this.goTo(this.order[0]);
  }

  // --- navigation ---------------------------------------------------------------------------

  /** The counted steps in the order shown (\`problem-first\` swaps the first two). */
  private get order(): readonly Step[] {
    return this.problemFirst ? PROBLEM_FIRST : COUNTED;
  }

  /** The current step's place in {@link order}; "Is it one of these?" is part of the second step. */
  private get stepIndex(): number {
    const step = this.draft.step;
    return step === 'nearby' ? 1 : this.order.indexOf(step);
  }

  private async goTo(step: Step, how: { history?: 'push' | 'none'; focus?: boolean } = {}): Promise<void> {
    this.stepError = undefined;
    this.fieldError = undefined;
    this.blocked = false;
    this.drafts.change({ ...this.draft, step });
    if (!this.noHistory && how.history !== 'none') this.writeHistory('push');
    const index = step === 'sent' ? COUNTED.length : this.stepIndex;
    this.dispatchEvent(new Open311StepChangeEvent(step, index + 1, COUNTED.length));
    await this.updateComplete;
    if (how.focus !== false) this.focusHeading();
  }

  /** Moves focus to the new step's heading, scrolled into view below any sticky header. */
  private focusHeading(): void {
    const h = this.heading;
    if (!h) return;
    h.focus({ preventScroll: true });
    h.scrollIntoView?.({ block: 'start', behavior: 'auto' });
  }

  private writeHistory(how: 'push' | 'replace'): void {
    const state: unknown = history.state;
    const base = typeof state === 'object' && state !== null ? state : {};
    const next = { ...base, open311: { key: this.historyKey, step: this.draft.step } };
    try {
      if (how === 'push') history.pushState(next, '');
      else history.replaceState(next, '');
    } catch {
      // Sandboxed iframes may refuse history changes: the in-page Back still works.
    }
  }

  private get historyKey(): string {
    return `${this.endpoint}|${this.jurisdiction ?? ''}`;
  }

  private handlePopState(e: PopStateEvent): void {
    const entry = (e.state as { open311?: { key: string; step: Step } } | null)?.open311;
    if (!entry || entry.key !== this.historyKey || !STEPS.includes(entry.step)) return;
    // A sent report cannot be revisited by Back; going back starts nothing new either.
    if (this.draft.step === 'sent' || entry.step === 'sent' || this.steps?.submission.sending) return;
    void this.goTo(entry.step, { history: 'none' });
  }

  private back(): void {
    const i = this.stepIndex;
    if (i <= 0 && this.draft.step !== 'nearby') return;
    // Back from "Is it one of these?" or the details: the problem (or, problem first, the place) again.
    void this.goTo(this.order[this.draft.step === 'nearby' ? i : i - 1]);
  }

  /** Checks the current step and moves on. */
  private async continue(): Promise<void> {
    const step = this.draft.step;
    await this.ensureStepElement(step);
    await this.updateComplete;
    if (step === 'where') {
      // A place the server refused meanwhile (services at the pin): the picker says so.
      if ((await this.mapPicker?.placeChecked()) === false) return;
      const loc = this.draft.location;
      if (!loc || ((loc.lat === undefined || loc.long === undefined) && !loc.address)) {
        await this.showFieldError(
          'where',
          msg('Choose where the problem is: search for an address, use your location, pick a point on the map, or describe the place.', {
            id: 'report.choose-where-problem-is-search-for',
          }),
        );
        return;
      }
    } else if (step === 'what') {
      if (!this.service) {
        await this.showFieldError('what', msg('Choose what the problem is.', { id: 'report.choose-what-problem-is' }));
        return;
      }
    } else if (!(await this.steps?.ready(step))) {
      // The later steps check their own forms and photo (later-steps.ts); without their code there is nothing to go on from.
      return;
    }
    let next = this.order[this.stepIndex + 1];
    if (!next) return;
    // The next step shows whole (its photo field, its choices): its code first. A failure is shown there.
    await this.loadSteps().catch(() => undefined);
    // Open reports of this problem near the place, to follow instead of reporting again (issue 19).
    if (next === 'details' && step !== 'nearby' && !this.noAlreadyReported && (await this.steps?.nearby.find())) next = 'nearby';
    await this.goTo(next);
  }

  /** GOV.UK's error pattern on a step whose field is in a child: summary (focused) linking to it, inline error there. */
  private async showFieldError(step: 'where' | 'what', text: string): Promise<void> {
    this.stepError = undefined;
    this.fieldError = { step, text };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  /** A summary link: focus the field in the child element, its label scrolled into view. */
  private focusErrorField(e: Event): void {
    e.preventDefault();
    const tag = this.fieldError?.step === 'what' ? 'open311-service-chooser' : 'open311-map-picker';
    this.renderRoot.querySelector<HTMLElement>(tag)?.focus();
  }

  // --- sending ------------------------------------------------------------------------------
  // The send path (send once, offline queue, cross-tab claims, photo upload) is the
  // SubmissionController's (src/controllers/submission.ts); it arrives with the later steps' views.

  /** "Continue it" on the offer of an older draft (draft.ts): it is restored as a fresh page would restore it. */
  private async resume(d: Draft): Promise<void> {
    this.restored = false;
    this.generation++;
    await this.goTo(d.step, { history: 'none' });
  }

  /** Starts a new report after one was sent. */
  private startAgain(): void {
    this.steps?.startAgain();
    this.service = undefined;
    this.definition = undefined;
    this.drafts.fresh();
    this.restored = true;
    this.mapPicker?.setLocation({});
    void this.goTo(this.order[0]);
  }

  /** Throws the draft away (the resident chose to start again). */
  discard(): void {
    this.drafts.clear();
    this.startAgain();
  }

  // --- rendering ----------------------------------------------------------------------------

  /** A heading one level below the step heading. */
  private subHeading(text: string): TemplateResult {
    // As headingTag(): small branches rather than lit/static-html (the byte budget).
    switch (Math.min(5, Math.max(1, this.headingLevel))) {
      case 2:
        return html`<h3 class="subheading">${text}</h3>`;
      case 3:
        return html`<h4 class="subheading">${text}</h4>`;
      case 4:
        return html`<h5 class="subheading">${text}</h5>`;
      case 5:
        return html`<h6 class="subheading">${text}</h6>`;
      default:
        return html`<h2 class="subheading">${text}</h2>`;
    }
  }

  /** "If there is a danger to life, call 999…": the council's words, or a default with its out-of-hours number. */
  private renderUrgent(): TemplateResult | typeof nothing {
    if (this.noUrgent) return nothing;
    const phone = this.urgentPhone?.trim();
    const link = phone ? html`<a href=${`tel:${phone.replace(/[^\d+]/g, '')}`}>${phone}</a>` : undefined;
    let words: TemplateResult | string;
    if (this.urgentText?.trim()) {
      const [before, ...after] = this.urgentText.trim().split('{phone}');
      words = link && after.length ? html`${before}${link}${after.join(phone)}` : this.urgentText.trim();
    } else {
      words = link
        ? html`${msg('If there is a danger to life, call 999.', { id: 'report.if-there-is-danger-to-life' })} ${msg(html`For urgent problems out of hours, call ${link}.`, { id: 'report.for-urgent-problems-out-of-hours' })}`
        : msg('If there is a danger to life, call 999.', { id: 'report.if-there-is-danger-to-life' });
    }
    return html`<div class="urgent" part="urgent-notice">
      <span class="urgent-icon" aria-hidden="true">!</span>
      <p><strong><span class="visually-hidden">${msg('Warning', { id: 'report.warning' })}</span> ${words}</strong></p>
    </div>`;
  }

  /** True when the council gave another way to report (attributes or the `other-ways` slot). */
  private get hasOtherWays(): boolean {
    return !!(this.councilPhone?.trim() || this.councilEmail?.trim() || this.councilAddress?.trim() || this.querySelector(':scope > [slot="other-ways"]'));
  }

  /**
   * Other ways to report: folded away on the first step, open wherever the widget cannot go on.
   * Rendered in one place only, because a slot's content can be shown only once.
   */
  private renderOtherWays(): TemplateResult | typeof nothing {
    const step = this.draft.step;
    const stuck = this.blocked || (step === 'check' && !!this.steps?.submission.failure) || (step === 'what' && this.servicesFailed);
    if (!this.hasOtherWays || (step !== this.order[0] && !stuck)) return nothing;
    const phone = this.councilPhone?.trim();
    const email = this.councilEmail?.trim();
    const address = this.councilAddress?.trim();
    const ways = html`<slot name="other-ways">
      <ul class="ways">
        ${phone ? html`<li>${msg('Phone:', { id: 'report.phone' })} <a href=${`tel:${phone.replace(/[^\d+]/g, '')}`}>${phone}</a></li>` : nothing}
        ${email ? html`<li>${msg('Email:', { id: 'report.email' })} <a href=${`mailto:${email}`}>${email}</a></li>` : nothing}
        ${address ? html`<li>${msg('Write to:', { id: 'report.write-to' })} <span class="address">${address}</span></li>` : nothing}
      </ul>
    </slot>`;
    if (!stuck) {
      return html`<details class="other-ways" part="other-ways">
        <summary>${msg('Other ways to report a problem', { id: 'report.other-ways-to-report-problem' })}</summary>
        <div class="details-body">${ways}</div>
      </details>`;
    }
    return html`<div class="other-ways stuck" part="other-ways">
      ${this.subHeading(msg('Other ways to report a problem', { id: 'report.other-ways-to-report-problem' }))}
      <p>${msg('If this form is not working for you, you can contact the council another way.', { id: 'report.if-this-form-is-not-working' })}</p>
      ${ways}
    </div>`;
  }

  private headingTag(text: string, part = 'heading'): TemplateResult {
    const level = Math.min(6, Math.max(1, this.headingLevel));
    // Lit cannot bind a tag name; six small branches keep the heading a real heading element.
    switch (level) {
      case 1:
        return html`<h1 tabindex="-1" data-step-heading part=${part}>${text}</h1>`;
      case 3:
        return html`<h3 tabindex="-1" data-step-heading part=${part}>${text}</h3>`;
      case 4:
        return html`<h4 tabindex="-1" data-step-heading part=${part}>${text}</h4>`;
      case 5:
        return html`<h5 tabindex="-1" data-step-heading part=${part}>${text}</h5>`;
      case 6:
        return html`<h6 tabindex="-1" data-step-heading part=${part}>${text}</h6>`;
      default:
        return html`<h2 tabindex="-1" data-step-heading part=${part}>${text}</h2>`;
    }
  }

  private stepTitle(step: Step): string {
    switch (step) {
      case 'where':
        return msg('Where is the problem?', { id: 'map.where-is-problem' });
      case 'what':
        return msg('What is the problem?', { id: 'report.what-is-problem' });
      case 'nearby':
        // Its words arrive with its code (the byte budget): the step is shown only once that has loaded.
        return this.steps?.nearby.title() ?? '';
      case 'details':
        return msg('Tell us more about the problem', { id: 'report.tell-us-more-about-problem' });
      case 'about':
        return msg('About you', { id: 'report.about-you' });
      case 'check':
        return msg('Check your answers before sending your report', { id: 'report.check-your-answers-before-sending-your' });
      case 'sent':
        return msg('Report sent', { id: 'report.report-sent' });
    }
  }

  override render(): unknown {
    // A new generation gets new children (as `keyed()` would, without its code): two templates that
    // differ only in identity make Lit replace the whole flow when the generation's parity changes.
    const flow = this.renderFlow();
    return html`${this.generation % 2 ? html`${flow}` : html`${flow}`}
      <p role="status" class="visually-hidden">${this.announcement}</p>`;
  }

  private renderFlow(): TemplateResult {
    if (!this.endpoint && !this.client) {
      return html`<p role="alert">${msg('This reporting form is not set up: it needs the address of the council’s Open311 service.', { id: 'report.this-reporting-form-is-not-set' })}</p>`;
    }
    const step = this.draft.step;
    const client = this.activeClient;
    const index = this.stepIndex;
    return html`
      ${
        step !== 'sent'
          ? html`${index > 0 ? html`<button type="button" class="back" part="back-button" @click=${this.back}>${msg('Back', { id: 'report.back' })}</button>` : nothing}
            <p class="step-count" part="step-count">${msg(str`Step ${index + 1} of ${COUNTED.length}`, { id: 'report.step-of' })}</p>`
          : nothing
      }
      ${this.headingTag(this.stepTitle(step))}
      ${
        step === this.order[0]
          ? this.drafts.full?.renderOffer(
              this,
              (d) => void this.resume(d),
              () => this.focusHeading(),
            )
          : nothing
      }
      ${this.stepError ? html`<div class="error-summary" tabindex="-1" role="alert"><p class="error-message">${this.stepError}</p></div>` : nothing}
      ${
        this.fieldError && this.fieldError.step === step
          ? html`<div class="error-summary" tabindex="-1" part="error-summary">
            <div role="alert">
              ${this.subHeading(msg('There is a problem', { id: 'form.there-is-problem' }))}
              <ul>
                <li><a href="#" @click=${this.focusErrorField}>${this.fieldError.text}</a></li>
              </ul>
            </div>
          </div>`
          : nothing
      }
      <section ?hidden=${step !== 'where'} aria-label=${this.stepTitle('where')}>
        ${this.renderUrgent()}
        <open311-map-picker
          exportparts=${EXPORTED_PARTS['open311-map-picker']}
          .client=${client ?? noChange}
          endpoint=${this.endpoint}
          path-template=${this.pathTemplate ?? nothing}
          ?no-date-zone=${this.noDateZone}
          map-style=${this.mapStyle ?? nothing}
          center=${this.center ?? nothing}
          zoom=${this.zoom ?? nothing}
          boundary=${this.boundary ?? nothing}
          outside-name=${this.outsideName ?? nothing}
          outside-url=${this.outsideUrl ?? nothing}
          ?map-on-demand=${!this.mapAtOnce}
          geocoder=${this.geocoder ?? nothing}
          address-within=${this.addressWithin ?? nothing}
          assets=${this.assets ?? nothing}
          asset-attribute=${this.assetAttribute ?? nothing}
          service-code=${this.draft.serviceCode ?? nothing}
          error-message=${this.fieldError?.step === 'where' ? this.fieldError.text : nothing}
          @open311-location-change=${this.handleLocation}
          @open311-service-unavailable=${this.handleServiceUnavailable}
        ></open311-map-picker>
        ${this.renderContinue()}
        <p class="forget">
          ${msg('Using a shared or public computer?', { id: 'report.using-shared-or-public-computer' })}
          <button type="button" class="link" part="forget-button" @click=${this.forgetDevice}>${msg('Forget this device', { id: 'report.forget-this-device' })}</button>
          <span class="hint">${msg('This removes unfinished reports, saved details and your list of reports from this browser.', { id: 'report.this-removes-unfinished-reports-saved-details' })}</span>
        </p>
      </section>
      ${
        // The problem step (the service chooser) is drawn here, not by the later steps' code: with
        // \`problem-first\` it is the first screen, shown at once rather than "Loading…" while that code
        // arrives. Hidden but on its own step once shown: the chooser keeps its state.
        step === 'what' || this.steps
          ? html`<section ?hidden=${step !== 'what'} aria-label=${this.stepTitle('what')}>
              ${this.problemFirst ? this.renderUrgent() : nothing}
              <open311-service-chooser
                exportparts=${EXPORTED_PARTS['open311-service-chooser']}
                .client=${client ?? noChange}
                services=${this.services ?? nothing}
                groups=${this.groups ?? nothing}
                translations=${this.translations ?? nothing}
                heading-level=${Math.min(6, Math.max(1, this.headingLevel) + 1)}
                .value=${this.draft.serviceCode ?? ''}
                .lat=${this.draft.location?.lat}
                .long=${this.draft.location?.long}
                error-message=${this.fieldError?.step === 'what' ? this.fieldError.text : nothing}
                @open311-service-change=${this.handleService}
                @click=${this.chooserClick}
              ></open311-service-chooser>
              ${this.renderContinue()}
            </section>`
          : nothing
      }
      ${step === 'where' ? nothing : this.steps ? this.steps.render(step) : step === 'what' && !this.blocked ? nothing : this.renderLoading()}
      ${this.renderOtherWays()}
    `;
  }

  private renderContinue(): TemplateResult {
    return html`<div class="actions">
      <button type="button" class="primary" part="continue-button" @click=${this.continue}>${msg('Continue', { id: 'report.continue' })}</button>
    </div>`;
  }

  /** While a later step's code is on its way (a weak signal). */
  private renderLoading(): TemplateResult {
    if (this.blocked) {
      return html`<div class="actions">
        <button type="button" class="primary" @click=${this.retrySteps}>${msg('Try again', { id: 'map.try-again' })}</button>
      </div>`;
    }
    return html`<p role="status">${msg('Loading…', { id: 'report.loading' })}</p>`;
  }

  /** Try again after the later steps' code failed to load. */
  private retrySteps(): void {
    this.blocked = false;
    this.stepError = undefined;
    void this.ensureStepElement(this.draft.step);
  }
}

define('open311-report', Open311Report);

declare global {
  interface HTMLElementTagNameMap {
    'open311-report': Open311Report;
  }
}
