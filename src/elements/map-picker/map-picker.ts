import { adoptStyles, html, nothing } from 'lit';
import type { PropertyDeclarations, PropertyValues, TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { ServerElement } from '../server-element.js';
import { coordinatesInWords } from './coordinates.js';
import { define } from '../../define.js';
import { hostStyles } from '../../styles/host.styles.js';
import { Open311ErrorEvent } from '../../events.js';
import type { Open311ErrorKind, Open311Location } from '../../events.js';
import type { Open311Client } from '../../open311/client.js';
import { ClientController } from '../../controllers/client.js';
import type { GeoJson } from '../../map/geo.js';
import type { AssetChoice, How, PlaceHost, Refusal, TaskHost } from './around.js';
import type { PickerMap } from '../../map/picker-map.js';
import { DEFAULT_GEOCODER } from './geocoder-default.js';
import type { GeocodeResult } from './geocoder.js';
import type { PostcodeFinder } from './postcode.js';
import { styles } from './map-picker.styles.js';
import { lazyImport } from '../../lazy-import.js';

/** around.ts: the boundary check, reports nearby, assets (see `loadAround`). */
const loadAroundCode = lazyImport(() => import('./around.js'));
/** postcode.ts: the address finder, for `geocoder-type="postcode"` (a failed load is offered again: "Try again"). */
const loadPostcodeCode = lazyImport(() => import('./postcode.js'));

/** Whether this browser can give maplibre the WebGL2 context it needs (the probe context is released). */
function hasWebGL2(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the problem is: a map to drop a pin on, with address search, "use my location", the council's
 * boundary, recent reports nearby and the council's asset layers; and, for anyone who cannot use a
 * map, a way to describe the place in words. maplibre-gl loads only when the map is shown.
 *
 * Without `map-on-demand` the map loads as soon as the element scrolls into view. With it, the
 * resident first sees search, "use my location", "describe instead" and a "Show map" button; the map
 * comes in after a search result or their location is chosen, for fine-tuning.
 *
 * @tagname open311-map-picker
 * @summary Lets the resident pinpoint a location by map, address search, their device's location, or in words.
 *
 * @fires open311-error - A search, the device's location, reports nearby or part of the picker's code failed and the resident was told (`detail.kind` `search`, `location`, `nearby`, `load`).
 * @fires open311-location-change - The resident placed or moved the pin, chose a search result, an asset or
 *   their location, or described the place; `detail` is `{lat, long, address?, addressId?, assetId?, assetAttribute?}`.
 *   Fires again when reverse geocoding finds the address of a pin, and when the server refuses the place (the pin goes back).
 * @fires open311-service-unavailable - The problem chosen before the place (`service-code`) is not dealt with there, and the
 *   resident pressed "Choose another problem" (the place is kept); `detail.serviceCode`.
 *
 * @csspart map - The box that holds the map.
 * @csspart search-input - The address search field (the postcode field with `geocoder-type="postcode"`).
 * @csspart postcode-input - The postcode field (`geocoder-type="postcode"`); its addresses are in `results`.
 * @csspart search-button - The search button.
 * @csspart results - The list of search results.
 * @csspart location-button - "Use my location".
 * @csspart show-map-button - "Show map" (with `map-on-demand`).
 * @csspart error-message - Errors: outside the area (with where to report instead), location denied, search failed.
 * @csspart other-problem-button - "Choose another problem", when the chosen problem is not dealt with at the place.
 * @csspart chosen - The sentence saying which place is chosen.
 * @csspart assets - The list of assets near the pin.
 * @csspart nearby - The list of reports already made nearby.
 * @csspart describe - The "describe the location instead" section.
 *
 * @cssproperty --open311-map-height - Height of the map (default 400px).
 * @cssproperty --open311-brand - Buttons and the active search result.
 * @cssproperty --open311-focus - Focus ring, also around the focused map.
 * @cssproperty --open311-error - Error messages.
 */
export class Open311MapPicker extends ServerElement {
  static override styles = [hostStyles, styles];

  static override properties: PropertyDeclarations = {
    tasks: { state: true },
    mapState: { state: true },
    results: { state: true },
    activeIndex: { state: true },
    listOpen: { state: true },
    error: { state: true },
    announcement: { state: true },
    locating: { state: true },
    assetChoices: { state: true },
    around: { state: true },
    reverseTarget: { state: true },
    mapStyle: { attribute: 'map-style' },
    center: {},
    zoom: { type: Number },
    bounds: {},
    mapOnDemand: { type: Boolean, attribute: 'map-on-demand' },
    geocoder: {},
    reverseGeocoder: { attribute: 'reverse-geocoder' },
    addressWithin: { type: Number, attribute: 'address-within' },
    geocoderType: { attribute: 'geocoder-type' },
    boundary: {},
    outsideUrl: { attribute: 'outside-url' },
    outsideName: { attribute: 'outside-name' },
    assets: {},
    assetAttribute: { attribute: 'asset-attribute' },
    assetIdProperty: { attribute: 'asset-id-property' },
    assetLabel: { attribute: 'asset-label' },
    serviceCode: { attribute: 'service-code' },
    lat: { type: Number },
    long: { type: Number },
    address: {},
    addressId: { attribute: 'address-id' },
    assetId: { attribute: 'asset-id' },
    errorMessage: { attribute: 'error-message' },
  };

  /** The client for reports nearby, when the page gives an endpoint rather than `.client`. */
  private readonly server = new ClientController(this);

  /**
   * The boundary, the assets, the search, the pin's address and the reports nearby: one `Task` each,
   * made with around.ts (`pickerTasks`) at the resident's first touch or focus, or with the map (the
   * byte budget: the first screen downloads no task code). A pin waits for the boundary (placePin).
   */
  private tasks?: import('./around.js').PickerTasks;

  /** The reports-nearby task, once made (the hostile-corpus tests read its status by this name). */
  protected get nearbyTask(): import('./around.js').PickerTasks['nearby'] | undefined {
    return this.tasks?.nearby;
  }

  private mapState: 'off' | 'loading' | 'ready' | 'failed' = 'off';
  private results: GeocodeResult[] = [];
  private activeIndex = -1;
  private listOpen = false;
  private error?: Refusal;
  /** Bumped each time the server refuses a place (around.ts): `placeChecked` compares. */
  protected refusals = 0;
  private announcement = '';
  private locating = false;
  protected assetChoices: AssetChoice[] = [];
  /** What is needed once there is a place (around.ts), once loaded: at the first touch or focus, or with the map. */
  private around?: typeof import('./around.js');
  protected reverseTarget?: { lat: number; long: number };

  /** A MapLibre style: a URL, or a style object (property). Default: OpenStreetMap raster tiles, no key needed. */
  mapStyle?: string | object;
  /** Where the map starts, `"lat,long"` (e.g. `"51.4545,-2.5879"`). */
  center?: string;
  /** The starting zoom (0–22). */
  zoom?: number;
  /** The starting view, `"south,west,north,east"` (lat first, like `center`); wins over `center`. */
  bounds?: string;
  /** Show search, "use my location" and a "Show map" button first; load the map only when wanted (the opposite of `<open311-report>`'s `map-at-once`). */
  mapOnDemand = false;
  /** Address search URL template in the Nominatim format, `{query}` replaced. */
  geocoder = DEFAULT_GEOCODER;
  /** Reverse geocoding URL template, `{lat}` and `{long}` replaced; derived from `geocoder` when absent. */
  reverseGeocoder?: string;
  /** How near the pin (metres) a reverse-geocoded property must be to be sent as the address (`address_id`, `address_string`); further, its street is sent. Default 25. An address the resident chose in search is always sent. */
  addressWithin = 25;
  /** `nominatim` (search), or `postcode`: a UK postcode, then a list of its addresses with UPRNs (`geocoder` has `{postcode}`). Default: `postcode` when `geocoder` has `{postcode}`. */
  geocoderType?: 'nominatim' | 'postcode';
  /**
   * The council's area: a GeoJSON URL, or a GeoJSON object (property). Points outside are refused. In a
   * FeatureCollection, features whose properties carry `url` or `phone` are the neighbours (`name`, `url`,
   * `phone`): a pin in one is told to report it there (docs/developers/places.md, the boundary format).
   */
  boundary?: string | GeoJson;
  /** Where to report places outside the boundary (and every neighbour) instead; default GOV.UK's "Find your local council". */
  outsideUrl?: string;
  /** The name of that place, e.g. "Somerset Council" (link text "Report it to …"). */
  outsideName?: string;
  /** The council's assets (street lights, bins…): a GeoJSON URL of points, or an object (property). */
  assets?: string | GeoJson;
  /** The attribute code the chosen asset's id fills (a `hidden_field` of the service, e.g. `asset_id`). */
  assetAttribute?: string;
  /** The feature property holding each asset's id (default `id`; the feature's own `id` as a fallback). */
  assetIdProperty = 'id';
  /** What the assets are, in the plural, for the list heading (e.g. "Street lights"). */
  assetLabel?: string;
  /** The chosen service: the "already reported?" list shows reports of this service, and a place where the server does not deal with it is refused. */
  serviceCode?: string;
  /** Latitude of the pin (WGS84). */
  lat?: number;
  /** Longitude of the pin (WGS84). */
  long?: number;
  /** The address: reverse geocoded, from search, or typed on the "describe" path. */
  address?: string;
  /** The address id (UPRN) when the geocoder gave one. */
  addressId?: string;
  /** The chosen asset's id. */
  assetId?: string;
  /** A validation message to show on the location field (GOV.UK's inline error; the composite sets it). */
  errorMessage?: string;

  private pickerMap?: PickerMap;
  private observer?: IntersectionObserver;
  private mapWanted = false;
  /** "Show map" was pressed: focus goes to the map once it is there (not to <body> when the button goes). */
  protected focusMap = false;
  /** Bumped when the element leaves the page, so a map still loading for the old visit is dropped. */
  private visit = 0;
  private readonly idPrefix = `open311-map-${++counter}`;
  /** The postcode finder (postcode.ts), loaded on first use of `geocoder-type="postcode"`. */
  private postcodeFinder?: PostcodeFinder | 'loading' | 'failed';

  /** The chosen place, as `open311-location-change` sends it. */
  get location(): Open311Location {
    return {
      ...(this.lat !== undefined && this.long !== undefined ? { lat: this.lat, long: this.long } : {}),
      ...(this.address ? { address: this.address } : {}),
      ...(this.addressId ? { addressId: this.addressId } : {}),
      ...(this.assetId ? { assetId: this.assetId } : {}),
      ...(this.assetId && this.assetAttribute ? { assetAttribute: this.assetAttribute } : {}),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The resident starts here: fetch what a place needs (around.ts) before they have one.
    this.addEventListener('focusin', this.onFirstUse, { once: true });
    this.addEventListener('pointerdown', this.onFirstUse, { once: true });
    if (this.mapOnDemand || typeof IntersectionObserver === 'undefined') {
      if (!this.mapOnDemand) this.wantMap();
      return;
    }
    this.observer = new IntersectionObserver((entries) => {
      // A page script may set map-on-demand after the element is already in the page.
      if (!this.mapOnDemand && entries.some((e) => e.isIntersecting)) this.wantMap();
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('focusin', this.onFirstUse);
    this.removeEventListener('pointerdown', this.onFirstUse);
    window.clearTimeout(this.searchTimer);
    this.observer?.disconnect();
    this.observer = undefined;
    this.visit++;
    this.pickerMap?.destroy();
    this.pickerMap = undefined;
    this.mapWanted = false;
    this.mapState = 'off';
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The pin and the chosen asset to the map (around.ts: the map comes with it).
    this.around?.mapUpdated(this.placeHost, changed);
  }

  /** Restores a place (a draft) without firing an event. */
  setLocation(location: Open311Location): void {
    this.lat = location.lat;
    this.long = location.long;
    this.address = location.address;
    this.addressId = location.addressId;
    this.assetId = location.assetId;
    if (location.assetAttribute) this.assetAttribute = location.assetAttribute;
    this.error = undefined;
    const describe = this.renderRoot?.querySelector<HTMLTextAreaElement>('#describe-text');
    if (this.lat === undefined && this.address && describe) describe.value = this.address;
    this.assetChoices = [];
    if (this.lat !== undefined && this.long !== undefined)
      void this.loadAround().then(
        (around) => (this.assetChoices = around.assetsNearPin(this.placeHost)),
        () => undefined,
      );
  }

  /** Moves focus to the place search (or postcode) field, its label scrolled into view (an error summary's link). */
  override focus(options?: FocusOptions): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#search, #postcode');
    if (!input) return super.focus(options);
    input.labels?.[0]?.scrollIntoView({ block: 'start' });
    input.focus({ preventScroll: true, ...options });
  }

  /** Shows a failure and tells the page (`open311-error`, issue 22). */
  private fail(kind: Open311ErrorKind, error: unknown, text: string): void {
    this.error = { text };
    this.dispatchEvent(new Open311ErrorEvent(error, kind));
  }

  /**
   * Waits for the server's word on the chosen place (the services there, issue 19): false when it
   * refused the place, which the picker then says (a composite's Continue waits for this).
   */
  async placeChecked(): Promise<boolean> {
    const refusals = this.refusals;
    // A press that came before around.ts (a place described, searched for, located) is done first.
    await this.waiting;
    await this.updateComplete;
    await this.tasks?.place.taskComplete.catch(() => undefined);
    return refusals === this.refusals;
  }

  /** Brings in the map and moves focus to it (what "Show map" does). */
  showMap(): void {
    this.focusMap = true;
    this.pickerMap?.focus();
    this.wantMap();
  }

  protected get effectiveClient(): Open311Client | undefined {
    return this.server.client;
  }

  /** The client is wanted only for reports nearby: its code is loaded once there is a place to look around. */
  private ensureClient(): void {
    if (this.lat !== undefined) this.server.load();
  }

  private readonly onFirstUse = (): void => void this.loadAround().catch(() => undefined);

  /** Loads around.ts (once for the page; a failure, a dropped signal, may be retried) and puts its styles and tasks on this picker. */
  private async loadAround(): Promise<typeof import('./around.js')> {
    const m = await loadAroundCode();
    if (!this.around) {
      // Its styles after the element's own (and before maplibre's, which the map adds when it comes).
      if (this.shadowRoot) adoptStyles(this.shadowRoot, [...Open311MapPicker.elementStyles, m.aroundStyles]);
      this.tasks ??= m.pickerTasks(this as unknown as TaskHost);
      this.around = m;
    }
    return m;
  }

  private wantMap(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    if (this.mapWanted) return;
    this.mapWanted = true;
    const visit = this.visit;
    // Feature detection first: a device without WebGL2 never downloads maplibre; search and "describe" remain.
    const mapCode = hasWebGL2() ? import('../../map/picker-map.js') : undefined;
    mapCode?.catch(() => undefined); // awaited in showMapIn; a failure there is shown as "cannot be shown"
    // The map's box, its start view and what it does: around.ts (the byte budget of the first screen).
    void this.loadAround().then(
      (around) => {
        if (visit === this.visit) void around.showMapIn(this.placeHost, mapCode, visit);
      },
      () => {
        // A dropped signal: "Show map" (or scrolling to it) tries again.
        if (visit === this.visit) this.mapWanted = false;
      },
    );
  }

  /** This picker as around.ts's code for after a place is chosen reads and sets it (its fields are private). */
  private get placeHost(): PlaceHost {
    return this as unknown as PlaceHost;
  }

  /** The last press waiting for around.ts (`withAround`): `placeChecked` waits for it. */
  private waiting?: Promise<void>;

  /** Runs `then` with around.ts, loading it first if need be (it is fetched at the first touch or focus, so this is rare). */
  private withAround(then: (around: typeof import('./around.js')) => void): void {
    if (this.around) return then(this.around);
    this.waiting = this.loadAround().then(then, (e: unknown) =>
      this.fail('load', e, msg('Part of this form could not be loaded. Check your connection and try again.', { id: 'map.part-of-this-form-could-not' })),
    );
  }

  /** Places the pin (around.ts's placePin: the boundary check, the event); false when it is not placed now. */
  private placePin(lat: number, long: number, how: How, extra: { address?: string; addressId?: string; assetId?: string } = {}): boolean {
    if (this.around) return this.around.placePin(this.placeHost, lat, long, how, extra);
    this.withAround((around) => around.placePin(this.placeHost, lat, long, how, extra));
    return false;
  }

  protected override willUpdate(): void {
    // A place given by the page (`lat`/`long`) needs around.ts at once: its boundary check, reports nearby.
    if (this.lat !== undefined && !this.around) void this.loadAround().catch(() => undefined);
    this.ensureClient();
    // The tasks' new values to the map (around.ts).
    this.around?.pushNewLayers(this.placeHost);
  }

  /** Says a sentence in the live region (around.ts's messages). */
  protected announce(text: string): void {
    // Re-announce an identical sentence by clearing first (a live region ignores unchanged text).
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  /** Search (around.ts: one request a second, its messages); the wait and when the last went, for it. */
  private handleSearch(): void {
    this.withAround((around) => around.search(this.placeHost));
  }

  protected lastSearchAt?: number;
  private searchTimer?: number;

  private handleSearchKeydown(e: KeyboardEvent): void {
    // The list's keys (arrows, Escape, Enter on a place) are around.ts's: it runs the search that fills the list.
    if (this.around?.searchKey(this.placeHost, e, this.idPrefix)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      this.handleSearch();
    }
  }

  private handleMyLocation(): void {
    this.withAround((around) => around.findMyLocation(this.placeHost));
  }

  /** The place in words (around.ts, at once when it is here; a Continue meanwhile waits for it: `placeChecked`). */
  private handleDescribe(): void {
    this.withAround((around) => around.describePlace(this.placeHost));
  }

  override render(): TemplateResult {
    const postcodes = (this.geocoderType ?? (this.geocoder.includes('{postcode}') ? 'postcode' : 'nominatim')) === 'postcode';
    return html`<div class="picker ${this.errorMessage ? 'field-error' : ''}">
      ${
        this.errorMessage
          ? html`<p class="error-message" id="field-error" part="field-error"><span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> ${this.errorMessage}</p>`
          : nothing
      }
      ${postcodes ? this.renderPostcode() : this.renderSearch()}
      <div class="actions">
        <button type="button" class="secondary" part="location-button" ?disabled=${this.locating} @click=${this.handleMyLocation}>
          ${this.locating ? msg('Finding your location…', { id: 'map.finding-your-location' }) : msg('Use my location', { id: 'map.use-my-location' })}
        </button>
        ${this.mapState === 'off' ? html`<button type="button" class="secondary" part="show-map-button" @click=${this.showMap}>${msg('Show map', { id: 'map.show-map' })}</button>` : nothing}
      </div>
      <div role="alert" part="error-message" class="error">${this.error ? html`${this.error.text} ${this.error.more ?? nothing}` : nothing}</div>
      ${this.around?.renderMapOf(this.placeHost)} ${this.renderChosen()} ${this.around?.renderAround(this.placeHost, this.idPrefix)} ${this.renderDescribe()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderPostcode(): TemplateResult {
    const finder = this.postcodeFinder;
    if (finder === undefined) this.loadPostcodeFinder();
    if (typeof finder === 'object') return finder.render();
    return finder === 'failed'
      ? html`<p class="status">${msg('The address finder could not be loaded.', { id: 'map.address-finder-could-not-be-loaded' })} <button type="button" class="secondary" @click=${this.loadPostcodeFinder}>${msg('Try again', { id: 'map.try-again' })}</button></p>`
      : html`<p class="status">${msg('Loading the address finder…', { id: 'map.loading-address-finder' })}</p>`;
  }

  private loadPostcodeFinder(): void {
    this.postcodeFinder = 'loading';
    this.requestUpdate();
    loadPostcodeCode().then(
      ({ PostcodeFinder }) => {
        this.postcodeFinder = new PostcodeFinder(this, (a) => this.placePin(a.lat, a.long, 'search', { address: a.address, addressId: a.uprn }));
        this.requestUpdate();
      },
      (e: unknown) => {
        this.postcodeFinder = 'failed';
        this.dispatchEvent(new Open311ErrorEvent(e, 'load'));
        this.requestUpdate();
      },
    );
  }

  private renderSearch(): TemplateResult {
    const id = this.idPrefix;
    const open = this.listOpen && this.results.length > 0;
    return html`<div class="search">
      <label for="search">${msg('Search for a street, place or postcode', { id: 'map.search-for-street-place-or-postcode' })}</label>
      <div class="search-row">
        <input
          id="search"
          part="search-input"
          type="search"
          autocomplete="off"
          spellcheck="false"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="${id}-results"
          aria-describedby=${this.errorMessage ? 'field-error' : nothing}
          aria-activedescendant=${open && this.activeIndex >= 0 ? `${id}-opt-${this.activeIndex}` : nothing}
          @keydown=${this.handleSearchKeydown}
        />
        <button type="button" class="primary" part="search-button" @click=${this.handleSearch}>${msg('Search', { id: 'map.search' })}</button>
      </div>
      <ul id="${id}-results" role="listbox" part="results" aria-label=${msg('Places found', { id: 'map.places-found' })} ?hidden=${!open}>
        ${this.around?.renderResults(this.placeHost, id)}
      </ul>
      <p class="status">${this.around?.renderSearchStatus(this.placeHost, () => this.handleSearch())}</p>
    </div>`;
  }

  private renderChosen(): TemplateResult | typeof nothing {
    if (this.lat === undefined || this.long === undefined) return nothing;
    // Here, not in around.ts: a restored draft (setLocation) says where at once.
    const where = this.address ?? coordinatesInWords(this.lat, this.long);
    return html`<p class="chosen" part="chosen">${msg(str`Chosen location: ${where}`, { id: 'map.chosen-location' })}</p>`;
  }

  private renderDescribe(): TemplateResult {
    return html`<details part="describe">
      <summary>${msg('I cannot use the map: describe the location instead', { id: 'map.i-cannot-use-map-describe-location' })}</summary>
      <div class="describe">
        <label for="describe-text">${msg('Where is the problem?', { id: 'map.where-is-problem' })}</label>
        <p class="hint" id="describe-hint">${msg('For example: outside 14 Queen Square, by the post box.', { id: 'map.for-example-outside-14-queen-square' })}</p>
        <textarea id="describe-text" aria-describedby="describe-hint" rows="3"></textarea>
        <button type="button" class="primary" @click=${this.handleDescribe}>${msg('Use this description', { id: 'map.use-this-description' })}</button>
      </div>
    </details>`;
  }
}

let counter = 0;

define('open311-map-picker', Open311MapPicker);

declare global {
  interface HTMLElementTagNameMap {
    'open311-map-picker': Open311MapPicker;
  }
}
