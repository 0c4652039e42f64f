import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { Open311ErrorEvent, Open311LocationChangeEvent, Open311ServiceUnavailableEvent } from '../../events.js';
import type { Open311ErrorKind, Open311Location } from '../../events.js';
import { parseReverse, parseSearch, reverseUrl, searchUrl } from './geocoder.js';
import type { GeocodeResult } from './geocoder.js';
import { msg, str } from '@lit/localize';
import { plural } from '../../i18n/plural.js';
import { formatDistance } from '../../i18n/distance.js';
import { formatDay } from '../../i18n/dates.js';
import type { Open311Client } from '../../open311/client.js';
import { isAbortError, isOpen311Error } from '../../open311/errors.js';
import type { AreaContact, ServiceRequest, ServicesAt } from '../../open311/models.js';
import { statusStage } from '../../open311/status.js';
import type { StatusStage } from '../../open311/status.js';
import { safeHttpUrl } from '../../open311/urls.js';
import { containsPoint, distanceMetres, hasPolygons, parseBounds, parseLatLong, pointsOf, polygonBounds, splitBoundary } from '../../map/geo.js';
import type { GeoJson, GeoJsonFeature, GeoJsonFeatureCollection } from '../../map/geo.js';
import { CrosshairSpeaker, ReportSelection, holdFocus, pinLabel } from './map-aids.js';
import { coordinatesInWords } from './coordinates.js';
import type { PickerMap } from '../../map/picker-map.js';
import type { AidsHost } from './map-aids.js';

export { aroundStyles } from './around.styles.js';
export { holdFocus, pinLabel } from './map-aids.js';

/**
 * What `<open311-map-picker>` needs only once there is a place (a pin, or the map): the boundary
 * check, the assets near the pin, the reports already made nearby, the map's box, words and start
 * view, and what to say when the device's location is not given. Loaded
 * by `import()` at the resident's first touch or focus in the picker, or with the map (the byte
 * budget: the first screen shows only search, "use my location", "show map" and "describe").
 */

/** How far around the pin recent reports are fetched and shown (metres). */
const NEARBY_RADIUS = 1000;
/** How far back recent reports are fetched (days); the spec's default window is 90 days too. */
const NEARBY_DAYS = 90;
/** Reports further than this are on the map but not in the "already reported?" list (metres). */
const LIST_RADIUS = 250;
/** How many "already reported?" items and asset choices are listed. */
const LIST_SIZE = 5;
/** Assets further than this from the pin are not offered in the list (metres). */
const ASSET_RADIUS = 150;
/** `address-within`'s default (metres): a property this near the pin is taken to be the place. */
const ADDRESS_WITHIN = 25;
/** Without `center`, `bounds` or a boundary: Great Britain. */
const FALLBACK_VIEW = { lat: 54.3, long: -2.5, zoom: 5 };

/** Where the map starts: the pin, else `bounds`, else `center`, else the boundary's box, else Great Britain. */
export function startView(options: {
  center: string | undefined;
  zoom: number | undefined;
  bounds: string | undefined;
  boundary: GeoJson | undefined;
  lat: number | undefined;
  long: number | undefined;
}): { lat: number; long: number; zoom: number; bounds?: readonly [number, number, number, number] } {
  const centre = parseLatLong(options.center);
  const zoom = options.zoom ?? (centre ? 16 : FALLBACK_VIEW.zoom);
  if (options.lat !== undefined && options.long !== undefined) return { lat: options.lat, long: options.long, zoom: Math.max(zoom, 17) };
  const bounds = parseBounds(options.bounds) ?? (centre ? undefined : polygonBounds(options.boundary));
  if (bounds) return { lat: (bounds[0] + bounds[2]) / 2, long: (bounds[1] + bounds[3]) / 2, zoom, bounds };
  return centre ? { ...centre, zoom } : { lat: FALLBACK_VIEW.lat, long: FALLBACK_VIEW.long, zoom };
}

/** maplibre's own words (its controls and the map's label), in the widget's language. */
export function mapLocale(): Record<string, string> {
  return {
    // The name only: the keys are the map's description (aria-describedby, the hint under it).
    'Map.Title': msg('Map: where is the problem?', { id: 'map.map-arrow-keys-move-map-plus' }),
    'Marker.Title': msg('Pin: the chosen location', { id: 'map.pin-chosen-location-drag-to-move' }),
    'NavigationControl.ZoomIn': msg('Zoom in', { id: 'map.zoom-in' }),
    'NavigationControl.ZoomOut': msg('Zoom out', { id: 'map.zoom-out' }),
    'AttributionControl.ToggleAttribution': msg('Show map credits', { id: 'map.show-map-credits' }),
    'AttributionControl.MapFeedback': msg('Map feedback', { id: 'map.map-feedback' }),
  };
}

/** The map's box (maplibre draws in `.map`), with what it says while loading or when it cannot be shown. */
export function renderMap(state: 'loading' | 'ready' | 'failed'): TemplateResult {
  // tabindex -1: "Show map" holds focus here while the map loads (holdFocus).
  return html`<div class="map-wrap" part="map" tabindex="-1">
      <div class="map"></div>
      <div class="crosshair" aria-hidden="true"></div>
      ${state === 'loading' ? html`<p class="map-message">${msg('Loading the map…', { id: 'map.loading-map' })}</p>` : nothing}
      ${
        state === 'failed'
          ? html`<p class="map-message">${msg('The map cannot be shown on this device. Search for an address or describe the location instead.', { id: 'map.map-cannot-be-shown-on-this' })}</p>`
          : nothing
      }
    </div>
    <p class="hint" id="map-hint">${msg('Click or tap the map to place the pin, or drag it. With a keyboard: arrow keys move the map, + and − zoom, Enter places the pin at the crosshair.', { id: 'map.click-or-tap-map-to-place' })}</p>`;
}

/** Why the device's location was not given, and what to do instead. */
export function locationError(err: GeolocationPositionError): string {
  return err.code === err.PERMISSION_DENIED
    ? msg('You did not allow this page to use your location. Search for an address or use the map instead.', { id: 'map.you-did-not-allow-this-page' })
    : err.code === err.TIMEOUT
      ? msg('Finding your location took too long. Try again, or search for an address instead.', { id: 'map.finding-your-location-took-too-long' })
      : msg('Your location is not available right now. Search for an address or use the map instead.', { id: 'map.your-location-is-not-available-right' });
}

export interface Asset {
  readonly id: string;
  readonly lat: number;
  readonly long: number;
}
export type AssetChoice = Asset & { readonly distance: number };
export interface Nearby {
  readonly request: ServiceRequest;
  readonly distance: number;
  readonly stage: StatusStage;
}

/** What the tasks read and set on `<open311-map-picker>` (its fields are private to it). */
export interface TaskHost extends ReactiveControllerHost, HTMLElement, AidsHost {
  readonly boundary: string | GeoJson | undefined;
  readonly assets: string | GeoJson | undefined;
  readonly geocoder: string;
  readonly reverseGeocoder: string | undefined;
  readonly lat: number | undefined;
  readonly long: number | undefined;
  readonly reverseTarget: { lat: number; long: number } | undefined;
  readonly effectiveClient: Open311Client | undefined;
  readonly location: Open311Location;
  /** How far from the pin (metres) a reverse-geocoded property may be and still be sent as the address. */
  readonly addressWithin: number;
  readonly serviceCode: string | undefined;
  readonly outsideUrl: string | undefined;
  readonly outsideName: string | undefined;
  /** What the picker shows in its alert: a refusal, a failure. */
  error: Refusal | undefined;
  /** Bumped each time the server refuses a place (the picker's `placeChecked`). */
  refusals: number;
  setLocation(location: Open311Location): void;
  address: string | undefined;
  addressId: string | undefined;
  results: GeocodeResult[];
  activeIndex: number;
  listOpen: boolean;
  announce(text: string): void;
}

/** Loads a GeoJSON attribute: an object is used as it is, a string is fetched (relative to the page). */
async function loadGeoJson(source: string | GeoJson | undefined, signal: AbortSignal): Promise<GeoJson | undefined> {
  if (!source) return undefined;
  if (typeof source !== 'string') return source;
  const res = await fetch(new URL(source, document.baseURI), { signal, headers: { accept: 'application/geo+json, application/json' } });
  if (!res.ok) throw new Error(`${source} answered ${res.status}`);
  return (await res.json()) as GeoJson;
}

function roundTo(value: number | undefined, digits: number): number | undefined {
  return value === undefined ? undefined : Number(value.toFixed(digits));
}

/** The picker's server work, one `Task` each, and the map's aids for the ear (made when this code arrives; see the element). */
export function pickerTasks(host: TaskHost) {
  // Our area only (what the map draws and starts on); its neighbours are kept beside it (`ourArea`).
  const boundary = new Task(host, {
    task: async ([source], { signal }) => ourArea(await loadGeoJson(source, signal)),
    args: () => [host.boundary] as const,
  });
  const speaker = new CrosshairSpeaker(host);
  const report = new ReportSelection(host);
  return {
    /** Says the place under the crosshair as the map moves by keyboard. */
    speaker,
    /** The report chosen on the map or in the list. */
    report,
    /** What the map is given for these (here, not in the element: the byte budget of the first screen). */
    mapHooks: {
      onReportPick: (id: string) => report.select(id, true),
      onKeyboardMove: (lat: number, long: number) => speaker.moved(lat, long),
      describedBy: 'map-hint',
    },
    boundary,
    // The services at the pin (issue 19): the server may refuse the place, or not deal with the chosen problem there.
    place: new Task(host, {
      task: async ([client, lat, long], { signal }) => {
        if (!client || lat === undefined || long === undefined) return;
        let here: ServicesAt;
        try {
          here = await client.servicesAt(lat, long, { signal });
        } catch (e) {
          // The server cannot say (a failure, a strict server): the place stands and the chooser offers the whole list.
          if (signal.aborted) throw e;
          return;
        }
        await checkPlace(host, client, here, { lat, long, boundary: boundary.value }, signal);
      },
      args: () => [host.effectiveClient, host.lat, host.long] as const,
    }),
    // The data only: the asset list is made from it (assetsOf) once there is a pin to be near.
    assets: new Task(host, {
      task: async ([source], { signal }) => ({ data: await loadGeoJson(source, signal) }),
      args: () => [host.assets] as const,
    }),
    search: new Task<[string], GeocodeResult[]>(host, {
      task: async ([query], { signal }) => {
        const res = await fetch(searchUrl(host.geocoder, query), { signal, headers: { accept: 'application/json' } });
        if (!res.ok) throw new Error(`geocoder answered ${res.status}`);
        const results = parseSearch(await res.json());
        host.results = results;
        host.activeIndex = -1;
        host.listOpen = results.length > 0;
        host.announce(placesFound(results.length));
        return results;
      },
      autoRun: false,
      onError: (e) => {
        if (!isAbortError(e)) host.dispatchEvent(new Open311ErrorEvent(e, 'search'));
      },
    }),
    reverse: new Task(host, {
      task: async ([target], { signal }) => {
        if (!target) return undefined;
        const url = reverseUrl(host.reverseGeocoder, host.geocoder, target.lat, target.long);
        if (!url) return undefined;
        const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
        const found = res.ok ? parseReverse(await res.json()) : undefined;
        // Only if the pin has not moved since (a newer lookup aborts this one, but be sure).
        if (found && host.lat === target.lat && host.long === target.long && !host.address) {
          // Issue 19: a property further than `address-within` is not the place (its UPRN would send
          // the back office to the wrong address): then only its street goes with the coordinates.
          const place = addressAtPin(found, target.lat, target.long, host.addressWithin);
          host.address = place.address;
          host.addressId = place.addressId;
          if (place.address) {
            host.announce(
              place.exact
                ? msg(str`Nearest address: ${found.label}`, { id: 'map.nearest-address' })
                : msg(str`Near ${place.address}`, { id: 'map.near-street' }),
            );
            host.dispatchEvent(new Open311LocationChangeEvent(host.location));
          }
        }
        return found;
      },
      args: () => [host.reverseTarget] as const,
    }),
    nearby: new Task(host, {
      task: async ([client, lat, long], { signal }): Promise<ServiceRequest[]> =>
        client && lat !== undefined && long !== undefined ? nearbyRequests(client, lat, long, signal) : [],
      // Rounded to about 100 m, so small nudges of the pin do not refetch.
      args: () => [host.effectiveClient, roundTo(host.lat, 3), roundTo(host.long, 3)] as const,
      onError: (e) => {
        if (!isAbortError(e)) host.dispatchEvent(new Open311ErrorEvent(e, 'nearby'));
      },
    }),
  };
}

export type PickerTasks = ReturnType<typeof pickerTasks>;

/**
 * What a reverse-geocoded place makes of the pin's address. The property itself (its label and UPRN,
 * sent as `address_string` and `address_id`) only when it is within `within` metres of the pin;
 * otherwise its street alone (`exact` false), so the back office gets the street and the coordinates,
 * not a house some way off (issue 19: a UPRN 60 m from the pin). A place with no street and too far:
 * nothing (the coordinates alone).
 */
export function addressAtPin(found: GeocodeResult, lat: number, long: number, within: number): { address?: string; addressId?: string; exact: boolean } {
  // A missing or unreadable attribute (NaN) is the default, not "never".
  const limit = Number.isFinite(within) && within >= 0 ? within : ADDRESS_WITHIN;
  if (distanceMetres(lat, long, found.lat, found.long) <= limit) {
    return { address: found.label, ...(found.addressId ? { addressId: found.addressId } : {}), exact: true };
  }
  return { ...(found.street ? { address: found.street } : {}), exact: false };
}

/** Recent reports around a point; a strict server that refuses the lat/long extension is asked by date alone. */
export async function nearbyRequests(client: Open311Client, lat: number, long: number, signal: AbortSignal): Promise<ServiceRequest[]> {
  const startDate = new Date(Date.now() - NEARBY_DAYS * 24 * 3600 * 1000);
  try {
    return await client.requests({ lat, long, radius: NEARBY_RADIUS, startDate }, { signal });
  } catch (e) {
    // nearbyOf() filters by distance here, for servers that ignore lat/long too.
    if (!isOpen311Error(e) || e.status !== 400) throw e;
    return client.requests({ startDate }, { signal });
  }
}

const assetLists = new WeakMap<object, Map<string, Asset[]>>();

/** The assets in a GeoJSON source, by the feature property holding their id (the feature's own `id` as a fallback); computed once per source. */
export function assetsOf(data: GeoJson | undefined, idProperty: string): Asset[] {
  if (!data) return [];
  let byProperty = assetLists.get(data);
  if (!byProperty) assetLists.set(data, (byProperty = new Map<string, Asset[]>()));
  let list = byProperty.get(idProperty);
  if (!list) {
    list = pointsOf(data).flatMap(({ feature, lat, long }) => {
      const raw = feature.properties?.[idProperty] ?? feature.id;
      // An id is a string or a number (GeoJSON's own `id` is one of the two); an object is not one.
      return (typeof raw === 'string' && raw !== '') || typeof raw === 'number' ? [{ id: String(raw), lat, long }] : [];
    });
    byProperty.set(idProperty, list);
  }
  return list;
}

/** The assets within ASSET_RADIUS of a point, nearest first. */
export function nearestAssets(assets: readonly Asset[], lat: number, long: number): AssetChoice[] {
  return assets
    .map((a) => ({ ...a, distance: distanceMetres(lat, long, a.lat, a.long) }))
    .filter((a) => a.distance <= ASSET_RADIUS)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, LIST_SIZE);
}

/** What the picker's alert says when it refuses a place: a sentence, and where to go instead. */
export interface Refusal {
  readonly text: string;
  readonly more?: TemplateResult;
}

/** Each boundary's neighbours (the FeatureCollection's features with `url` or `phone`), by our area. */
const neighboursOf = new WeakMap<object, { contact: AreaContact; area: GeoJsonFeature }[]>();

/** Our part of a boundary (the pin contract, item 4), its neighbours kept aside for `outsideBoundary`. */
export function ourArea(boundary: GeoJson | undefined): GeoJson | undefined {
  if (!boundary) return undefined;
  const { ours, neighbours } = splitBoundary(boundary);
  if (neighbours.length) neighboursOf.set(ours, neighbours);
  return ours;
}

/** The neighbour of our area (a boundary from `ourArea`) whose area holds the point. */
function neighbourAt(boundary: GeoJson | undefined, lat: number, long: number): AreaContact | undefined {
  return (boundary && neighboursOf.get(boundary)?.find((n) => containsPoint(n.area, lat, long))?.contact) || undefined;
}

/** GOV.UK's "Find your local council": a postcode finds the council for any place in the UK (the pin contract, item 5). */
const FIND_COUNCIL = 'https://www.gov.uk/find-local-council';

const outsideText = (): string =>
  msg('This location is outside the area we look after, so we cannot take a report for it.', { id: 'map.this-location-is-outside-area-we' });

/**
 * Where to report instead, as working links: the neighbour that covers the place (its website and
 * phone), else the page's `outside-url`, else the council for that area found by postcode. Only
 * http(s) addresses become links (anything else stays text); a phone is a `tel:` link.
 */
export function reportInstead(contact: AreaContact | undefined, outsideUrl: string | undefined, outsideName: string | undefined): TemplateResult {
  if (contact?.url || contact?.phone || contact?.name) {
    const href = safeHttpUrl(contact.url);
    const to = contact.name
      ? msg(str`Report it to ${contact.name}`, { id: 'map.report-it-to' })
      : msg('Find out where to report it', { id: 'map.find-out-where-to-report-it' });
    const phone = contact.phone?.trim();
    const dial = phone?.replace(/[^\d+]/g, '');
    return html`${href ? html`<a href=${href}>${to}</a>` : contact.name ? `${to}.` : nothing}
    ${phone ? html`${msg('Phone:', { id: 'report.phone' })} ${dial ? html`<a href=${`tel:${dial}`}>${phone}</a>` : phone}` : nothing}
    ${!href && contact.url ? contact.url : nothing}`;
  }
  const href = safeHttpUrl(outsideUrl);
  if (href) {
    return html`<a href=${href}
      >${outsideName ? msg(str`Report it to ${outsideName}`, { id: 'map.report-it-to' }) : msg('Find out where to report it', { id: 'map.find-out-where-to-report-it' })}</a
    >`;
  }
  return html`<a href=${FIND_COUNCIL}>${msg('Report it to the council for that area (find it by postcode)', { id: 'map.report-it-to-council-for-that-area' })}</a>`;
}

/**
 * The refusal for a point outside the boundary (ours, when it has neighbours); undefined when the
 * point is acceptable. When no neighbour of the boundary holds the point, the server is asked who
 * does (its `outside_area` contact, `host` given): the refusal then names that neighbour instead.
 */
export function outsideBoundary(
  boundary: GeoJson | undefined,
  lat: number,
  long: number,
  outsideUrl: string | undefined,
  outsideName: string | undefined,
  host?: TaskHost,
): Refusal | undefined {
  if (!boundary || !hasPolygons(boundary) || containsPoint(boundary, lat, long)) return undefined;
  const neighbour = neighbourAt(boundary, lat, long);
  const refusal = { text: outsideText(), more: reportInstead(neighbour, outsideUrl, outsideName) };
  const client = host?.effectiveClient;
  if (host && client && !neighbour) {
    client.servicesAt(lat, long).then(
      (here) => {
        const contact = here.outside?.contact;
        // Still this refusal on show (the resident has not moved on): name who the server says covers the place.
        if (contact && host.error === refusal) host.error = { text: refusal.text, more: reportInstead(contact, outsideUrl, outsideName) };
      },
      () => undefined,
    );
  }
  return refusal;
}

/** The last place each picker's server took: where a refused pin goes back to. */
const accepted = new WeakMap<TaskHost, Open311Location>();

/**
 * The server's word on the pin (`servicesAt`): outside every area, or (a problem chosen before the
 * place: a page's preselected service, the problem-first order) not dealt with there, is refused
 * here, at the location step, rather than after Send. Otherwise the place is taken.
 */
async function checkPlace(
  host: TaskHost,
  client: Open311Client,
  here: ServicesAt,
  at: { lat: number; long: number; boundary: GeoJson | undefined },
  signal: AbortSignal,
): Promise<void> {
  const { lat, long } = at;
  const moved = (): boolean => host.lat !== lat || host.long !== long;
  const took = accepted.get(host);
  // Already taken (the place gone back to, or kept for another problem): nothing to check again.
  if (moved() || (took?.lat === lat && took.long === long)) return;
  if (here.outside) {
    const contact = here.outside.contact ?? neighbourAt(at.boundary, lat, long);
    refuse(host, { text: outsideText(), more: reportInstead(contact, host.outsideUrl, host.outsideName) });
    return;
  }
  const code = host.serviceCode;
  // An empty list says nothing useful (a server with nothing listed there): the place stands.
  if (code && here.services.length && !here.services.some((s) => s.code === code)) {
    const all = await client.services({ signal }).catch(() => []);
    if (moved() || host.serviceCode !== code) return;
    const name = all.find((s) => s.code === code)?.name ?? code;
    const place = host.location;
    const other = (): void => {
      // The resident keeps this place and chooses another problem (the composite goes to that step).
      host.setLocation(place);
      accepted.set(host, place);
      host.dispatchEvent(new Open311LocationChangeEvent(place));
      host.dispatchEvent(new Open311ServiceUnavailableEvent(code));
    };
    refuse(host, {
      text: msg(str`${name} is not something we can take reports of at this place.`, { id: 'map.service-not-taken-at-this-place' }),
      more: html`<button type="button" class="secondary" part="other-problem-button" @click=${other}>
        ${msg('Choose another problem', { id: 'map.choose-another-problem' })}
      </button>`,
    });
    return;
  }
  accepted.set(host, host.location);
}

/** Refuses the place the pin is at: says why (an alert, and the live region) and puts the pin back where the server last took it. */
function refuse(host: TaskHost, refusal: Refusal): void {
  host.setLocation(accepted.get(host) ?? {});
  host.error = refusal;
  host.refusals++;
  host.announce(refusal.text);
  host.dispatchEvent(new Open311LocationChangeEvent(host.location));
}

/** The assets near the pin, as radio buttons ("None of these" last). */
export function renderAssets(options: {
  choices: readonly AssetChoice[];
  label: string;
  name: string;
  assetId: string | undefined;
  onChange: (e: Event) => void;
}): TemplateResult | typeof nothing {
  const { choices, label, name, assetId, onChange } = options;
  if (choices.length === 0) return nothing;
  return html`<fieldset part="assets">
    <legend>${msg(str`${label} near the pin`, { id: 'map.near-pin' })}</legend>
    ${choices.map(
      (a, i) => html`<div class="choice">
        <input type="radio" id="${name}-${i}" name=${name} .value=${a.id} .checked=${a.id === assetId} @change=${onChange} />
        <label for="${name}-${i}">${msg(str`${a.id}, ${formatDistance(a.distance)} away`, { id: 'map.away' })}</label>
      </div>`,
    )}
    <div class="choice">
      <input type="radio" id="${name}-none" name=${name} .value=${''} .checked=${!assetId} @change=${onChange} />
      <label for="${name}-none">${msg('None of these', { id: 'map.none-of-these' })}</label>
    </div>
  </fieldset>`;
}

/** "Already reported nearby?", from the element's task: loading, a failure with Try again, or the list (in step with the map's dots through `selection`). */
export function renderNearby(
  task: Task<readonly unknown[], ServiceRequest[]>,
  lat: number,
  long: number,
  serviceCode: string | undefined,
  selection?: ReportSelection,
): TemplateResult {
  return html`<div part="nearby">
    <p id="nearby-label" class="label">${msg('Already reported nearby?', { id: 'map.already-reported-nearby' })}</p>
    ${task.render({
      pending: () => html`<p class="status" role="status">${msg('Looking for reports nearby…', { id: 'map.looking-for-reports-nearby' })}</p>`,
      error: () => html`<p class="status">${msg('Reports nearby could not be loaded.', { id: 'map.reports-nearby-could-not-be-loaded' })}
        <button type="button" class="secondary" @click=${() => void task.run()}>${msg('Try again', { id: 'map.try-again' })}</button></p>`,
      complete: (requests) => renderNearbyList(requests, lat, long, serviceCode, selection),
    })}
  </div>`;
}

/**
 * Open reports of the chosen service near the pin, each a toggle button that selects it (and its dot on
 * the map); a report chosen by its dot but not among them is listed after them, so the list always shows it.
 */
function renderNearbyList(
  requests: readonly ServiceRequest[],
  lat: number,
  long: number,
  serviceCode: string | undefined,
  selection: ReportSelection | undefined,
): TemplateResult {
  // Every report, however far: a dot chosen on the map is listed wherever it is.
  const all = nearbyOf(requests, lat, long, Infinity);
  const same = all
    .filter((n) => n.distance <= LIST_RADIUS && n.stage !== 'done' && (!serviceCode || n.request.serviceCode === serviceCode))
    .slice(0, LIST_SIZE);
  const chosen = selection?.id;
  const extra = chosen !== undefined && !same.some((n) => n.request.id === chosen) ? all.find((n) => n.request.id === chosen) : undefined;
  // Last, so the entries before it keep their places (a focused entry stays the same report).
  const shown = extra ? [...same, extra] : same;
  if (shown.length === 0) return html`<p class="status">${msg('No open reports of this kind near here.', { id: 'map.no-open-reports-of-this-kind' })}</p>`;
  return html`<ul class="nearby" aria-labelledby="nearby-label">
    ${shown.map((n) => {
      const id = n.request.id;
      if (!selection || !id) return html`<li>${renderNearbyItem(n)}</li>`;
      const pressed = id === chosen;
      return html`<li>
        <button type="button" class="report" data-report=${id} aria-pressed=${pressed ? 'true' : 'false'} @click=${() => selection.select(pressed ? undefined : id)}>
          ${renderNearbyItem(n)}
        </button>
      </li>`;
    })}
  </ul>`;
}

function stageWords(stage: StatusStage): string {
  return stage === 'received'
    ? msg('Reported', { id: 'map.reported' })
    : stage === 'in_progress'
      ? msg('In progress', { id: 'map.in-progress' })
      : msg('Fixed or closed', { id: 'map.fixed-or-closed' });
}

/** One report near the pin: its stage, what it is, how far, and the day it was reported. */
export function renderNearbyItem(n: Nearby): TemplateResult {
  const what = n.request.description || n.request.serviceName || n.request.serviceCode || '';
  const date = n.request.requested?.date;
  // The day in the page's words (a Welsh page in Chromium got "Dec 5, 2026": its ICU has no Welsh).
  const when = date ? formatDay(date) : '';
  const distance = formatDistance(n.distance);
  return html`<span class="stage">${stageWords(n.stage)}</span>: ${what}
    ${when ? msg(str`${distance} away, reported ${when}`, { id: 'map.away-reported' }) : msg(str`${distance} away`, { id: 'map.away-lower-case' })}`;
}

/** The reports within `radius` of the pin, nearest first. */
function nearbyOf(requests: readonly ServiceRequest[], lat: number, long: number, radius = NEARBY_RADIUS): Nearby[] {
  return requests
    .filter((r) => r.lat !== undefined && r.long !== undefined)
    .map((r) => ({ request: r, distance: distanceMetres(lat, long, r.lat as number, r.long as number), stage: statusStage(r.status).stage }))
    .filter((n) => n.distance <= radius)
    .sort((a, b) => a.distance - b.distance);
}

/** Recent reports as GeoJSON points for the clustered map layer, each with its `stage`. */
export function nearbyGeoJson(requests: readonly ServiceRequest[]): GeoJsonFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: requests
      .filter((r) => r.lat !== undefined && r.long !== undefined)
      .map((r) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [r.long as number, r.lat as number] },
        properties: { id: r.id ?? '', stage: statusStage(r.status).stage, service: r.serviceCode ?? '' },
      })),
  };
}

/** "N places found" (or none), counted through the locale's plural rules (Welsh has six forms). */
export function placesFound(n: number): string {
  if (n === 0) return msg('No places found. Try a street name, a place or a postcode.', { id: 'map.no-places-found-try-street-name' });
  return plural(n, {
    zero: () => msg(str`${n} places found.`, { id: 'map.places.found.zero' }),
    one: () => msg(str`${n} place found.`, { id: 'map.places.found.one' }),
    two: () => msg(str`${n} places found.`, { id: 'map.places.found.two' }),
    few: () => msg(str`${n} places found.`, { id: 'map.places.found.few' }),
    many: () => msg(str`${n} places found.`, { id: 'map.places.found.many' }),
    other: () => msg(str`${n} places found.`, { id: 'map.places.found.other' }),
  });
}

/** How a place was chosen (the map's click, keyboard or drag; a search result; the device's location; an asset). */
export type How = 'click' | 'keyboard' | 'drag' | 'search' | 'geolocation' | 'asset';

/**
 * What the code for after a place is chosen (placePin, the map's coming, "use my location",
 * "describe") reads and sets on `<open311-map-picker>`: its fields are private to it. This code
 * is here, not in the element, for the byte budget of the first screen.
 */
export interface PlaceHost extends TaskHost {
  lat: number | undefined;
  long: number | undefined;
  readonly tasks: PickerTasks | undefined;
  /** Bumped when the element leaves the page (a map still loading for the old visit is dropped). */
  readonly visit: number;
  readonly center: string | undefined;
  readonly zoom: number | undefined;
  readonly bounds: string | undefined;
  readonly mapStyle: string | object | undefined;
  readonly assetIdProperty: string;
  readonly assetLabel: string | undefined;
  pickerMap: PickerMap | undefined;
  mapState: 'off' | 'loading' | 'ready' | 'failed';
  focusMap: boolean;
  assetId: string | undefined;
  assetChoices: AssetChoice[];
  reverseTarget: { lat: number; long: number } | undefined;
  locating: boolean;
  /** When the last search was sent, and the search waiting for its turn (`search`: one a second). */
  lastSearchAt: number | undefined;
  searchTimer: number | undefined;
  wantMap(): void;
  fail(kind: Open311ErrorKind, error: unknown, text: string): void;
}

/** The picker's box that maplibre draws in (there once the map is wanted). */
const mapContainer = (host: PlaceHost): HTMLElement | null => host.shadowRoot?.querySelector<HTMLElement>('.map') ?? null;
/** The picker's search field. */
const searchInput = (host: PlaceHost): HTMLInputElement | null => host.shadowRoot?.querySelector<HTMLInputElement>('#search') ?? null;

/** Puts the map in the picker's box once its code (`mapCode`, fetched beside this module) is here. */
export async function showMapIn(host: PlaceHost, mapCode: Promise<typeof import('../../map/picker-map.js')> | undefined, visit: number): Promise<void> {
  if (!mapCode) {
    host.mapState = 'failed';
    return;
  }
  host.mapState = 'loading';
  await host.updateComplete;
  const container = mapContainer(host);
  if (!container || !host.shadowRoot || visit !== host.visit) return;
  // The "Show map" button has gone: hold focus on the map's box ("Loading the map…") meanwhile.
  if (host.focusMap) holdFocus(container.parentElement);
  try {
    const { PickerMap, OSM_STYLE } = await mapCode;
    // Without `center` or `bounds` the map starts on the boundary: wait for it (fetched meanwhile).
    if (host.boundary && !host.center && !host.bounds) await host.tasks?.boundary.taskComplete.catch(() => undefined);
    const view = startView({
      center: host.center,
      zoom: host.zoom,
      bounds: host.bounds,
      boundary: host.tasks?.boundary.value,
      lat: host.lat,
      long: host.long,
    });
    const map = await PickerMap.create({
      container,
      root: host.shadowRoot,
      style: host.mapStyle ?? OSM_STYLE,
      center: view,
      zoom: view.zoom,
      ...(view.bounds ? { bounds: view.bounds } : {}),
      locale: mapLocale(),
      onPick: (lat, long, how) => placePin(host, lat, long, how),
      onAssetPick: (id) => selectAsset(host, id),
      ...host.tasks?.mapHooks,
    });
    if (visit !== host.visit || mapContainer(host) !== container) {
      map.destroy();
      return;
    }
    host.pickerMap = map;
    host.mapState = 'ready';
    if (host.focusMap) holdFocus(container.parentElement, map);
    host.focusMap = false;
    syncPin(host);
    pushLayers(host);
  } catch (e) {
    if (visit !== host.visit) return;
    // No WebGL (old device, blocked GPU) or the chunk failed to load: every other path still works.
    console.warn('open311-map-picker: the map could not be shown', e);
    host.mapState = 'failed';
  }
}

/** Puts the map's pin where the picker's place is (or takes it away). */
export function syncPin(host: PlaceHost): void {
  const map = host.pickerMap;
  if (!map) return;
  if (host.lat !== undefined && host.long !== undefined)
    map.setPin(host.lat, host.long, false, pinLabel(host.address ?? coordinatesInWords(host.lat, host.long)));
  else map.clearPin();
}

/** Sends the data layers to the map (called when the map arrives and when a task completes). */
export function pushLayers(host: PlaceHost): void {
  const map = host.pickerMap;
  if (!map) return;
  map.setBoundary(host.tasks?.boundary.value);
  map.setAssets(host.tasks?.assets.value?.data, host.assetIdProperty);
  map.setSelectedAsset(host.assetId);
  map.setNearby(nearbyGeoJson(host.tasks?.nearby.value ?? []));
}

/** After the picker's update: the pin and the chosen asset to the map, when they changed. */
export function mapUpdated(host: PlaceHost, changed: ReadonlyMap<PropertyKey, unknown>): void {
  const map = host.pickerMap;
  if (!map) return;
  if (changed.has('lat') || changed.has('long') || changed.has('address')) syncPin(host);
  if (changed.has('assetId')) map.setSelectedAsset(host.assetId);
}

/** The task values last sent to each picker's map. */
const pushed = new WeakMap<PlaceHost, unknown[]>();

/** Before the picker's update: a layer is sent to the map again only when its task produced a new value. */
export function pushNewLayers(host: PlaceHost): void {
  const tasks = host.tasks;
  const now = [tasks?.boundary.value, tasks?.assets.value, tasks?.nearby.value];
  const last = pushed.get(host) ?? [];
  if (host.pickerMap && now.some((v, i) => v !== last[i])) pushLayers(host);
  pushed.set(host, now);
}

/** The assets near the picker's pin. */
export function assetsNearPin(host: PlaceHost): AssetChoice[] {
  if (host.lat === undefined || host.long === undefined) return [];
  return nearestAssets(assetsOf(host.tasks?.assets.value?.data, host.assetIdProperty), host.lat, host.long);
}

/** Places the pin (after the boundary check, waiting for the boundary if it is on its way); false when it is not placed now. */
export function placePin(
  host: PlaceHost,
  lat: number,
  long: number,
  how: How,
  extra: { address?: string; addressId?: string; assetId?: string } = {},
): boolean {
  const boundary = host.tasks?.boundary;
  // 0 initial, 1 pending (TaskStatus).
  if (host.boundary && boundary && boundary.status <= 1) {
    // The boundary is still on its way (its fetch starts with this module): place the pin once it can be checked.
    const again = (): unknown => boundary.status > 1 && placePin(host, lat, long, how, extra);
    void host.updateComplete.then(() => boundary.taskComplete).then(again, again);
    return false;
  }
  const refusal = outsideBoundary(boundary?.value, lat, long, host.outsideUrl, host.outsideName, host);
  if (refusal) {
    host.error = refusal;
    host.announce(refusal.text);
    syncPin(host); // a dragged pin goes back where it was
    return false;
  }
  host.error = undefined;
  host.lat = lat;
  host.long = long;
  host.address = extra.address;
  host.addressId = extra.addressId;
  host.assetId = extra.assetId;
  // An asset chosen on the map joins the list if it is not there (the list stays in step with the map).
  if (how !== 'asset' || !host.assetChoices.some((a) => a.id === extra.assetId)) host.assetChoices = assetsNearPin(host);
  if (how === 'search' || how === 'geolocation') {
    host.pickerMap?.flyTo(lat, long);
    host.wantMap();
  }
  host.pickerMap?.setPin(lat, long);
  host.reverseTarget = extra.address ? undefined : { lat, long };
  const where = extra.address ?? coordinatesInWords(lat, long);
  host.announce(
    extra.assetId
      ? msg(str`Selected ${extra.assetId}. Pin placed at ${where}.`, { id: 'map.selected-pin-placed-at' })
      : msg(str`Pin placed at ${where}.`, { id: 'map.pin-placed-at' }),
  );
  host.dispatchEvent(new Open311LocationChangeEvent(host.location));
  return true;
}

/** Places the pin on the asset with this id. */
export function selectAsset(host: PlaceHost, id: string): void {
  const asset = assetsOf(host.tasks?.assets.value?.data, host.assetIdProperty).find((a) => a.id === id);
  if (asset) placePin(host, asset.lat, asset.long, 'asset', { assetId: asset.id });
}

/** A search result was chosen: the pin goes there, with its address. */
export function chooseResult(host: PlaceHost, index: number): void {
  const result = host.results[index];
  if (!result) return;
  host.listOpen = false;
  host.activeIndex = -1;
  const input = searchInput(host);
  if (input) input.value = result.label;
  placePin(host, result.lat, result.long, 'search', { address: result.label, ...(result.addressId ? { addressId: result.addressId } : {}) });
}

/**
 * The search's places, as the options of the picker's listbox: there only once a search has run,
 * which this module does, so the first screen carries neither (issue 18's byte budget).
 */
export function renderResults(host: PlaceHost, id: string): TemplateResult[] {
  return host.results.map(
    (r, i) =>
      html`<li id="${id}-opt-${i}" role="option" class=${i === host.activeIndex ? 'active' : ''} aria-selected=${i === host.activeIndex ? 'true' : 'false'} @click=${() => chooseResult(host, i)}>
        ${r.label}
      </li>`,
  );
}

/** "Searching…", or the search's failure with Try again (`retry`). */
export function renderSearchStatus(host: PlaceHost, retry: () => void): unknown {
  return host.tasks?.search.render({
    pending: () => msg('Searching…', { id: 'map.searching' }),
    error:
      () => html`${msg('The address search is not working right now. Use the map or describe the location instead.', { id: 'map.address-search-is-not-working-right' })}
      <button type="button" class="secondary" @click=${retry}>${msg('Try again', { id: 'map.try-again' })}</button>`,
  });
}

/**
 * The search field's keys for the list of places (the combobox pattern): the arrows move through
 * it, Enter chooses the place moved to, Escape closes it. False when the key is not one of these (Enter then searches).
 */
export function searchKey(host: PlaceHost, e: KeyboardEvent, id: string): boolean {
  const n = host.results.length;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    if (n === 0) return true;
    e.preventDefault();
    host.listOpen = true;
    host.activeIndex = e.key === 'ArrowDown' ? (host.activeIndex + 1) % n : (host.activeIndex - 1 + n) % n;
    host.shadowRoot?.querySelector(`#${id}-opt-${host.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
    return true;
  }
  if (e.key === 'Enter' && host.listOpen && host.activeIndex >= 0) {
    e.preventDefault();
    chooseResult(host, host.activeIndex);
    return true;
  }
  if (e.key === 'Escape' && host.listOpen) {
    e.preventDefault();
    host.listOpen = false;
    host.activeIndex = -1;
    return true;
  }
  return false;
}

/**
 * Search (its button, or Enter in the field): at most one request a second, Nominatim's usage
 * policy; a quicker second search waits for its turn (the element clears the wait when it leaves the page).
 */
export function search(host: PlaceHost): void {
  const query = searchInput(host)?.value.trim() ?? '';
  if (query === '') {
    host.announce(msg('Enter a street, place or postcode to search for.', { id: 'map.enter-street-place-or-postcode-to' }));
    return;
  }
  host.announce(msg('Searching…', { id: 'map.searching' }));
  window.clearTimeout(host.searchTimer);
  const go = (): void => {
    host.lastSearchAt = Date.now();
    void host.tasks?.search.run([query]);
  };
  const wait = (host.lastSearchAt ?? 0) + 1000 - Date.now();
  if (wait > 0) host.searchTimer = window.setTimeout(go, wait);
  else go();
}

/** "Use this description": the place in words, without coordinates (or, when empty, what to write). */
export function describePlace(host: PlaceHost): void {
  const input = host.shadowRoot?.querySelector<HTMLTextAreaElement>('#describe-text');
  const text = input?.value.trim() ?? '';
  if (text === '') {
    host.error = {
      text: msg('Describe where the problem is, for example the street and the nearest house number or landmark.', {
        id: 'map.describe-where-problem-is-for-example',
      }),
    };
    input?.focus();
    return;
  }
  host.error = undefined;
  host.lat = undefined;
  host.long = undefined;
  host.addressId = undefined;
  host.assetId = undefined;
  host.address = text;
  host.assetChoices = [];
  host.reverseTarget = undefined;
  host.announce(msg(str`Location described: ${text}`, { id: 'map.location-described' }));
  host.dispatchEvent(new Open311LocationChangeEvent(host.location));
}

/** "Use my location": asks the device, then places the pin there (or says why not). */
export function findMyLocation(host: PlaceHost): void {
  if (!('geolocation' in navigator)) {
    host.fail(
      'location',
      new Error('no geolocation'),
      msg('Your device cannot share its location. Search for an address or use the map instead.', { id: 'map.your-device-cannot-share-its-location' }),
    );
    return;
  }
  host.locating = true;
  host.error = undefined;
  host.announce(msg('Finding your location…', { id: 'map.finding-your-location' }));
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      host.locating = false;
      placePin(host, pos.coords.latitude, pos.coords.longitude, 'geolocation');
    },
    (err) => {
      const text = locationError(err);
      host.locating = false;
      host.fail('location', new Error(err.message || `geolocation error ${err.code}`), text);
      host.announce(text);
    },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
  );
}

/** The picker's map box, once the map is wanted (the map's state is not 'off' before this code is here: `showMapIn`). */
export function renderMapOf(host: PlaceHost): TemplateResult | typeof nothing {
  return host.mapState === 'off' ? nothing : renderMap(host.mapState);
}

/**
 * What follows the chosen place in the picker: "Finding the nearest address…" while the pin's
 * address is looked up, the assets near the pin and the reports already made nearby.
 */
export function renderAround(host: PlaceHost, id: string): TemplateResult {
  const { lat, long, tasks } = host;
  const here = lat !== undefined && long !== undefined;
  return html`${
    here && !host.address
      ? tasks?.reverse.render({ pending: () => html`<p class="status">${msg('Finding the nearest address…', { id: 'map.finding-nearest-address' })}</p>` })
      : nothing
  }
    ${renderAssetChoices(host, `${id}-asset`, host.assetLabel)}
    ${here && tasks && host.effectiveClient ? renderNearby(tasks.nearby, lat, long, host.serviceCode, tasks.report) : nothing}`;
}

/** The assets near the pin as radio buttons; choosing one places the pin on it ("None of these" takes the asset away). */
export function renderAssetChoices(host: PlaceHost, name: string, label: string | undefined): TemplateResult | typeof nothing {
  return renderAssets({
    choices: host.assetChoices,
    label: label ?? msg('Council assets', { id: 'map.council-assets' }),
    name,
    assetId: host.assetId,
    onChange: (e) => {
      const value = (e.target as HTMLInputElement).value;
      if (value !== '') return selectAsset(host, value);
      host.assetId = undefined;
      host.announce(msg('No asset selected.', { id: 'map.no-asset-selected' }));
      host.dispatchEvent(new Open311LocationChangeEvent(host.location));
    },
  });
}
