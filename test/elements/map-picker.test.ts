import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../../src/elements/map-picker/map-picker.js';
import type { Open311MapPicker } from '../../src/elements/map-picker/map-picker.js';
import type { PickerMap } from '../../src/map/picker-map.js';
import type { Open311LocationChangeEvent } from '../../src/events.js';
import { clientFor } from '../../src/open311/client.js';
import { endpoints, until } from '../helpers/servers.js';
import { fetched, freshPageWith } from '../helpers/fresh-page.js';

/** The demo area (the seed data's centre, central Bristol). */
const CENTRE = { lat: 51.4545, long: -2.5879 };
/** Street light SL-0001 of demo/map/lights.geojson. */
const LIGHT_1 = { id: 'SL-0001', lat: 51.45443, long: -2.59596 };
const STYLE = '/demo/map/style.json';
/** Map loads and renders under SwiftShader take a few seconds on a busy 2-core machine. */
const SLOW = 20000;

const root = (el: Open311MapPicker): ShadowRoot => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Open311MapPicker, sel: string): T | null => root(el).querySelector<T>(sel);
const pickerMap = (el: Open311MapPicker): PickerMap | undefined => (el as unknown as { pickerMap?: PickerMap }).pickerMap;

async function geocoderBase(): Promise<string> {
  return (await endpoints()).default.replace(/open311\/v2\/$/, '');
}

/** Waits for the map to be created and its style and layers loaded. */
async function mapReady(el: Open311MapPicker): Promise<PickerMap> {
  const map = await until(() => pickerMap(el), SLOW);
  await map.whenLoaded();
  if (!map.map.loaded()) await new Promise((r) => map.map.once('idle', r));
  return map;
}

/** Clicks the canvas at an offset from its centre, with the real mouse. */
async function clickMap(el: Open311MapPicker, dx = 0, dy = 0): Promise<void> {
  const r = $(el, 'canvas')!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2 + dx), Math.round(r.top + r.height / 2 + dy)] });
}

async function picker(template: ReturnType<typeof html>): Promise<Open311MapPicker> {
  return fixture<Open311MapPicker>(template);
}

/** Fills the search field and presses Enter (the value is set directly: WebKitGTK's driver drops repeated letters when typing). */
async function search(el: Open311MapPicker, text: string): Promise<void> {
  const input = $<HTMLInputElement>(el, '#search')!;
  input.focus();
  input.value = text;
  await sendKeys({ press: 'Enter' });
  await until(() => !$(el, '[role=listbox]')!.hidden || /No places/.test(el.shadowRoot!.textContent ?? ''));
}

/** Resource URLs the page (or a frame) fetched that belong to the map chunk. */
function mapResources(win: Window): string[] {
  return fetched(win, /maplibre|picker-map/);
}

describe('<open311-map-picker>', () => {
  it('loads no map code on a page without a map, nor before "Show map" with map-on-demand', async () => {
    // A fresh page (iframe) that imports the element, as the drop-in script does.
    const { win, doc } = await freshPageWith('/src/elements/map-picker/map-picker.ts');
    expect(win.customElements.get('open311-map-picker')).to.not.equal(undefined);
    expect(mapResources(win)).to.deep.equal([]);

    const el = doc.createElement('open311-map-picker') as Open311MapPicker;
    el.setAttribute('map-on-demand', '');
    el.setAttribute('map-style', STYLE);
    doc.body.append(el);
    await el.updateComplete;
    expect($(el, '[part=map]')).to.equal(null);
    expect(mapResources(win)).to.deep.equal([]);

    $(el, '[part=show-map-button]')!.click();
    await until(() => pickerMap(el), SLOW);
    expect(mapResources(win).some((n) => /maplibre-gl/.test(n))).to.equal(true);
  });

  it('without WebGL2 says the map cannot be shown, downloads no map code, and keeps search and "describe"', async () => {
    // A fresh page (iframe), so the resource timing shows whether the map chunk would be fetched.
    const { win } = await freshPageWith('/src/elements/map-picker/map-picker.ts');
    const proto = win.HTMLCanvasElement.prototype;
    const original = proto.getContext;
    // A device without WebGL2 (old GPU, blocked by policy).
    proto.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
      if (kind === 'webgl2') return null;
      return (original as (this: HTMLCanvasElement, ...a: unknown[]) => RenderingContext | null).call(this, kind, ...rest);
    } as typeof proto.getContext;
    try {
      const el = win.document.createElement('open311-map-picker') as Open311MapPicker;
      el.setAttribute('map-on-demand', '');
      el.setAttribute('map-style', STYLE);
      win.document.body.append(el);
      await el.updateComplete;
      $(el, '[part=show-map-button]')!.click();
      const message = await until(() => $(el, '.map-message'));
      expect(message.textContent).to.contain('The map cannot be shown on this device. Search for an address or describe the location instead.');
      expect(pickerMap(el)).to.equal(undefined);
      expect(mapResources(win)).to.deep.equal([]);

      // Search and "describe the location" remain.
      const input = $<HTMLInputElement>(el, '#search')!;
      expect(input.disabled).to.equal(false);
      $<HTMLElement>(el, 'summary')!.click();
      await el.updateComplete;
      $<HTMLTextAreaElement>(el, '#describe-text')!.value = 'Outside 14 Queen Square, by the post box';
      const event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
      $<HTMLButtonElement>(el, '.describe button')!.click();
      expect((await event).detail).to.deep.equal({ address: 'Outside 14 Queen Square, by the post box' });
      expect(mapResources(win)).to.deep.equal([]);
    } finally {
      proto.getContext = original;
    }
  });

  it('places the pin by click, fires the event and styles the marker', async () => {
    const el = await picker(html`<open311-map-picker map-style=${STYLE} center="51.4545,-2.5879" zoom="16"></open311-map-picker>`);
    await mapReady(el);
    await expect(el).to.be.accessible();
    const event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    await clickMap(el);
    const { detail } = await event;
    expect(detail.lat).to.be.closeTo(CENTRE.lat, 0.0005);
    expect(detail.long).to.be.closeTo(CENTRE.long, 0.0005);
    expect(el.lat).to.equal(detail.lat);
    expect(el.location).to.deep.equal({ lat: detail.lat, long: detail.long });
    const marker = await until(() => $(el, '.open311-pin'));
    // maplibre's CSS reached the shadow root: its markers are positioned absolutely.
    expect(getComputedStyle(marker).position).to.equal('absolute');
    expect($(el, '[role=status]')!.textContent).to.match(/Pin placed at latitude 51\.45/);
    await expect(el).to.be.accessible();
  });

  it('moves the pin by dragging it with the real mouse', async () => {
    const el = await picker(html`<open311-map-picker map-style=${STYLE} center="51.4545,-2.5879" zoom="16"></open311-map-picker>`);
    const map = await mapReady(el);
    const events: Open311LocationChangeEvent[] = [];
    el.addEventListener('open311-location-change', (e) => events.push(e));
    await clickMap(el);
    await until(() => events.length >= 1);
    const marker = await until(() => $(el, '.open311-pin'));
    const from = marker.getBoundingClientRect();
    // Grab the pin's body (its tip is at the bottom centre) and drag it 80 px right, 40 px down.
    const start: [number, number] = [Math.round(from.left + from.width / 2), Math.round(from.top + from.height / 3)];
    await sendMouse({ type: 'move', position: start });
    await sendMouse({ type: 'down' });
    for (let i = 1; i <= 8; i++) await sendMouse({ type: 'move', position: [start[0] + i * 10, start[1] + i * 5] });
    await sendMouse({ type: 'up' });
    await until(() => events.length >= 2, SLOW);
    const moved = events[events.length - 1].detail;
    const first = events[0].detail;
    expect(moved.long!).to.be.greaterThan(first.long!, 'dragged east');
    expect(moved.lat!).to.be.lessThan(first.lat!, 'dragged south');
    // The event matches where the pin now stands on the map.
    const at = map.map.unproject([from.left - $(el, 'canvas')!.getBoundingClientRect().left + from.width / 2 + 80, 0]);
    expect(moved.long!).to.be.closeTo(at.lng, 0.0005);
    expect(el.location.lat).to.equal(moved.lat);
  });

  it('places the pin by keyboard at the crosshair, with a visible focus ring', async () => {
    const el = await picker(html`<open311-map-picker map-style=${STYLE} center="51.4545,-2.5879" zoom="16"></open311-map-picker>`);
    const map = await mapReady(el);
    $(el, '[part=location-button]')!.focus();
    await sendKeys({ press: 'Tab' });
    const canvas = $(el, 'canvas')!;
    expect(root(el).activeElement).to.equal(canvas);
    expect(getComputedStyle(canvas).outlineStyle).to.not.equal('none');
    expect(getComputedStyle($(el, '.crosshair')!).display).to.equal('block');

    const moved = new Promise((r) => map.map.once('moveend', r));
    await sendKeys({ press: 'ArrowRight' });
    await moved;
    const event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    await sendKeys({ press: 'Enter' });
    const { detail } = await event;
    expect(detail.long).to.be.greaterThan(CENTRE.long);
    expect(detail.lat).to.be.closeTo(CENTRE.lat, 0.0002);
    expect(detail.long).to.be.closeTo(map.centre().long, 1e-9);
    await expect(el).to.be.accessible();
  });

  it('reverse geocodes the pin into an address', async () => {
    const base = await geocoderBase();
    const el = await picker(
      html`<open311-map-picker map-style=${STYLE} center="51.45472,-2.59265" zoom="17" geocoder="${base}geocoder/search?q={query}&amp;format=jsonv2"></open311-map-picker>`,
    );
    await mapReady(el);
    const events: Open311LocationChangeEvent[] = [];
    el.addEventListener('open311-location-change', (e) => events.push(e));
    await clickMap(el);
    // The lookup may answer before the mouse command does: collect the events rather than race them.
    await until(() => events.length >= 2, SLOW);
    expect(events[0].detail.address).to.equal(undefined);
    expect(events[1].detail.address).to.equal('12 Corn Street, Bristol, BS1 1HT');
    expect(events[1].detail.addressId).to.equal('900000000012');
    expect(events[1].detail.lat).to.equal(events[0].detail.lat);
    expect($(el, '[part=chosen]')!.textContent).to.contain('12 Corn Street');
  });

  it('searches the geocoder, offers the results as a combobox, and moves the map and pin to the choice', async () => {
    const base = await geocoderBase();
    const el = await picker(
      html`<open311-map-picker map-on-demand map-style=${STYLE} geocoder="${base}geocoder/search?q={query}&amp;format=jsonv2"></open311-map-picker>`,
    );
    await search(el, 'corn street');
    const input = $<HTMLInputElement>(el, '#search')!;
    const options = [...root(el).querySelectorAll('[role=option]')];
    expect(options.map((o) => o.textContent!.trim())).to.deep.equal(['12 Corn Street, Bristol, BS1 1HT', '31 Corn Street, Bristol, BS1 1HT']);
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect($(el, '[role=status]')!.textContent).to.contain('2 places found');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).to.equal(options[1].id);
    const event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    await sendKeys({ press: 'Enter' });
    const { detail } = await event;
    expect(detail).to.deep.equal({ lat: 51.45458, long: -2.59345, address: '31 Corn Street, Bristol, BS1 1HT', addressId: '900000000031' });
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    // map-on-demand: choosing a result brings the map in, centred on the pin.
    const map = await mapReady(el);
    expect(map.centre().lat).to.be.closeTo(51.45458, 1e-6);
    expect(map.map.getZoom()).to.be.at.least(17);
    await expect(el).to.be.accessible();
  });

  it('says so when the search finds nothing', async () => {
    const base = await geocoderBase();
    const el = await picker(html`<open311-map-picker map-on-demand geocoder="${base}geocoder/search?q={query}&amp;format=jsonv2"></open311-map-picker>`);
    await search(el, 'nowhere street');
    expect($(el, '[role=status]')!.textContent).to.contain('No places found');
    expect($<HTMLInputElement>(el, '#search')!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('asks the geocoder at most once a second (Nominatim usage policy), however fast the resident searches', async () => {
    const base = await geocoderBase();
    const el = await picker(html`<open311-map-picker map-on-demand geocoder="${base}geocoder/search?q={query}&amp;format=jsonv2"></open311-map-picker>`);
    const asked: number[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/geocoder/search')) asked.push(performance.now());
      return realFetch(input, init);
    };
    try {
      const input = $<HTMLInputElement>(el, '#search')!;
      const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === 'Search')!;
      input.value = 'corn street';
      button.click();
      await until(() => asked.length === 1);
      input.value = 'queen square';
      button.click();
      button.click();
      await until(() => asked.length === 2, 5000);
      expect(asked[1] - asked[0]).to.be.at.least(950);
      await until(() => ($(el, '[role=status]')?.textContent ?? '').includes('found'), 5000);
      expect(asked).to.have.length(2, 'the double click made one request');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('searches once when Search is pressed before its code (around.ts) has arrived', async () => {
    // A fresh page (iframe): around.ts is not in its module map yet.
    const { win, doc } = await freshPageWith('/src/elements/map-picker/map-picker.ts');
    const asked: string[] = [];
    const realFetch = win.fetch;
    win.fetch = (input, init) => {
      const url = String(input instanceof win.Request ? input.url : input);
      if (url.includes('/geocoder/search')) asked.push(url);
      return realFetch(input, init);
    };
    const el = doc.createElement('open311-map-picker') as Open311MapPicker;
    el.setAttribute('map-on-demand', '');
    el.setAttribute('geocoder', `${await geocoderBase()}geocoder/search?q={query}&format=jsonv2`);
    doc.body.append(el);
    await el.updateComplete;
    $<HTMLInputElement>(el, '#search')!.value = 'corn street';
    // A click, not a focus or a pointer press (which would fetch around.ts first).
    $<HTMLButtonElement>(el, '[part=search-button]')!.click();
    expect((el as unknown as { around?: unknown }).around).to.equal(undefined, 'around.ts had not arrived at the press');
    await until(() => !$(el, '[role=listbox]')!.hidden, 5000);
    expect($(el, '[role=listbox]')!.textContent).to.contain('Corn Street');
    expect($(el, '[role=status]')!.textContent).to.contain('2 places found');
    // Longer than the one-a-second wait: no second request follows.
    await new Promise((r) => setTimeout(r, 1200));
    expect(asked).to.have.length(1);
  });

  it('takes a place described before its code (around.ts) has arrived, and a Continue meanwhile (placeChecked) waits for it', async () => {
    const { doc } = await freshPageWith('/src/elements/map-picker/map-picker.ts');
    const el = doc.createElement('open311-map-picker') as Open311MapPicker;
    el.setAttribute('map-on-demand', '');
    doc.body.append(el);
    await el.updateComplete;
    let heard: unknown;
    el.addEventListener('open311-location-change', (e) => (heard = (e as Open311LocationChangeEvent).detail));
    $<HTMLTextAreaElement>(el, '#describe-text')!.value = 'Outside 14 Queen Square, by the post box';
    $<HTMLButtonElement>(el, '.describe button')!.click();
    expect((el as unknown as { around?: unknown }).around).to.equal(undefined, 'around.ts had not arrived at the press');
    // What the report's Continue does before it reads the place.
    expect(await el.placeChecked()).to.equal(true);
    expect(el.location).to.deep.equal({ address: 'Outside 14 Queen Square, by the post box' });
    expect(heard).to.deep.equal({ address: 'Outside 14 Queen Square, by the post box' });
    await el.updateComplete;
    expect($(el, '[role=status]')!.textContent).to.contain('Location described: Outside 14 Queen Square');
  });

  it('refuses a place outside the boundary, saying where to report instead', async () => {
    const base = await geocoderBase();
    const el = await picker(html`<open311-map-picker
      map-on-demand
      map-style=${STYLE}
      boundary="/demo/map/boundary.geojson"
      outside-url="https://www.n-somerset.gov.uk/"
      outside-name="North Somerset Council"
      geocoder="${base}geocoder/search?q={query}&amp;format=jsonv2"
    ></open311-map-picker>`);
    let fired = 0;
    el.addEventListener('open311-location-change', () => fired++);
    await search(el, 'portishead');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const alert = await until(() => ($(el, '[role=alert]')!.textContent!.trim() ? $(el, '[role=alert]') : null));
    expect(alert.textContent).to.contain('outside the area');
    const link = alert.querySelector('a')!;
    expect(link.textContent).to.equal('Report it to North Somerset Council');
    expect(link.getAttribute('href')).to.equal('https://www.n-somerset.gov.uk/');
    expect(fired).to.equal(0);
    expect(el.lat).to.equal(undefined);
    await expect(el).to.be.accessible();

    // A place inside is accepted and clears the message.
    await search(el, 'BS1 4NT');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.lat !== undefined);
    expect(el.address).to.equal('14 Queen Square, Bristol, BS1 4NT');
    expect($(el, '[role=alert]')!.textContent!.trim()).to.equal('');
  });

  it('uses my location, and explains a refusal', async () => {
    const geo = navigator.geolocation;
    const original = Object.getOwnPropertyDescriptor(geo, 'getCurrentPosition');
    try {
      Object.defineProperty(geo, 'getCurrentPosition', {
        configurable: true,
        value: (_ok: PositionCallback, fail: PositionErrorCallback) =>
          fail({ code: 1, message: 'denied', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError),
      });
      const el = await picker(html`<open311-map-picker map-on-demand></open311-map-picker>`);
      $(el, '[part=location-button]')!.click();
      const alert = await until(() => ($(el, '[role=alert]')!.textContent!.trim() ? $(el, '[role=alert]') : null));
      expect(alert.textContent).to.contain('You did not allow this page to use your location');
      expect($(el, '[part=map]')).to.equal(null);
      await expect(el).to.be.accessible();

      Object.defineProperty(geo, 'getCurrentPosition', {
        configurable: true,
        value: (ok: PositionCallback) => ok({ coords: { latitude: 51.4503, longitude: -2.5944, accuracy: 10 }, timestamp: Date.now() } as GeolocationPosition),
      });
      const event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
      el.setAttribute('map-style', STYLE);
      $(el, '[part=location-button]')!.click();
      const { detail } = await event;
      expect(detail).to.deep.equal({ lat: 51.4503, long: -2.5944 });
      expect($(el, '[role=alert]')!.textContent!.trim()).to.equal('');
      const map = await mapReady(el);
      expect(map.centre().lat).to.be.closeTo(51.4503, 1e-6);
    } finally {
      if (original) Object.defineProperty(geo, 'getCurrentPosition', original);
      else delete (geo as unknown as Record<string, unknown>).getCurrentPosition;
    }
  });

  it('takes a described location without coordinates', async () => {
    const el = await picker(html`<open311-map-picker map-on-demand></open311-map-picker>`);
    el.setLocation({ lat: 51.45, long: -2.59 });
    await el.updateComplete;
    $<HTMLElement>(el, 'summary')!.click();
    await el.updateComplete;
    const text = $<HTMLTextAreaElement>(el, '#describe-text')!;
    text.value = 'Outside 14 Queen Square, by the post box';
    const event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    $<HTMLButtonElement>(el, '.describe button')!.click();
    const { detail } = await event;
    expect(detail).to.deep.equal({ address: 'Outside 14 Queen Square, by the post box' });
    expect(el.lat).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('selects an asset by click and by keyboard, for the hidden field', async () => {
    const el = await picker(html`<open311-map-picker
      map-style=${STYLE}
      center="${LIGHT_1.lat},${LIGHT_1.long}"
      zoom="19"
      assets="/demo/map/lights.geojson"
      asset-attribute="asset_id"
      asset-id-property="id"
      asset-label="Street lights"
    ></open311-map-picker>`);
    const map = await mapReady(el);
    await until(() => map.map.queryRenderedFeatures({ layers: ['open311-assets'] }).length > 0, SLOW);
    const event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    await clickMap(el, 3, -2);
    const { detail } = await event;
    expect(detail).to.deep.equal({ lat: LIGHT_1.lat, long: LIGHT_1.long, assetId: 'SL-0001', assetAttribute: 'asset_id' });
    expect(el.assetId).to.equal('SL-0001');

    // By keyboard: move the pin a little, then choose a light from the list.
    map.map.jumpTo({ center: [LIGHT_1.long + 0.0004, LIGHT_1.lat] });
    $(el, 'canvas')!.focus();
    const moved = oneEvent(el, 'open311-location-change');
    await sendKeys({ press: 'Enter' });
    await moved;
    expect(el.assetId).to.equal(undefined);
    const fieldset = await until(() => $(el, '[part=assets]'));
    expect(fieldset.querySelector('legend')!.textContent).to.equal('Street lights near the pin');
    const radios = [...fieldset.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.length).to.be.greaterThan(2);
    const chosen = radios[1];
    const chosenEvent = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    // Arrow keys move through a radio group and check as they go.
    radios[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    const picked = (await chosenEvent).detail;
    expect(picked.assetId).to.equal(chosen.value);
    expect(picked.assetAttribute).to.equal('asset_id');
    // The list stays put while the resident chooses (it follows the pin, not the asset).
    expect(fieldset.querySelectorAll('input[type=radio]').length).to.equal(radios.length);
    await expect(el).to.be.accessible();
  });

  it('shows recent reports around the pin from the server, and lists those of the same service', async () => {
    const { default: endpoint } = await endpoints();
    // A spot of our own inside the demo area, so other tests' reports do not interfere.
    const spot = { lat: 51.4402 + Math.random() * 0.002, long: -2.6 + Math.random() * 0.002 };
    const client = clientFor({ endpoint });
    const tag = `map-picker test ${Date.now()}`;
    await client.submitRequest({ serviceCode: 'DRN-01', lat: spot.lat + 0.0003, long: spot.long, description: `Gully blocked (${tag})` });
    await client.submitRequest({ serviceCode: 'DRN-01', lat: spot.lat, long: spot.long + 0.0009, description: `Drain smells (${tag})` });
    await client.submitRequest({ serviceCode: 'BIN OVERFLOW', lat: spot.lat, long: spot.long - 0.0002, description: `Bin (${tag})` });

    const el = await picker(html`<open311-map-picker map-style=${STYLE} zoom="17" endpoint=${endpoint} service-code="DRN-01"></open311-map-picker>`);
    el.setLocation(spot);
    const map = await mapReady(el);
    const items = await until(() => {
      const list = [...root(el).querySelectorAll('[part=nearby] li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      return list.filter((t) => t.includes(tag)).length === 2 ? list : null;
    }, SLOW);
    // Other tests' reports may be near this random spot too: this test's own gully is the one to read.
    const gully = items.find((t) => t.includes(`Gully blocked (${tag})`));
    expect(gully).to.match(/^Reported: Gully blocked .* 3\d metres away, reported \d+ \w+ 20\d\d$/);
    expect(items.some((t) => t.includes('Bin ('))).to.equal(false);
    await until(() => map.map.queryRenderedFeatures({ layers: ['open311-nearby-points', 'open311-nearby-clusters'] }).length > 0, SLOW);
    await expect(el).to.be.accessible();
  });

  it('clusters 10,000 reports and stays responsive', async () => {
    const el = await picker(html`<open311-map-picker map-style=${STYLE} center="51.4545,-2.5879" zoom="13"></open311-map-picker>`);
    const map = await mapReady(el);
    const stages = ['received', 'in_progress', 'done'];
    const features = Array.from({ length: 10000 }, (_, i) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point', coordinates: [-2.62 + (i % 100) * 0.0006, 51.435 + Math.floor(i / 100) * 0.0004] },
      properties: { id: String(i), stage: stages[i % 3] },
    }));
    const start = performance.now();
    map.setNearby({ type: 'FeatureCollection', features });
    const rendered = await until(() => {
      const f = map.map.queryRenderedFeatures({ layers: ['open311-nearby-clusters', 'open311-nearby-points'] });
      return f.length > 0 ? f : null;
    }, SLOW);
    const elapsed = performance.now() - start;
    // Clustered: far fewer things drawn than reports.
    expect(rendered.length).to.be.lessThan(2000);
    expect(rendered.some((f) => f.properties.cluster)).to.equal(true);
    // A frame while panning stays cheap once the clusters are built.
    const t0 = performance.now();
    map.map.panBy([200, 0], { animate: false });
    await new Promise((r) => map.map.once('render', r));
    expect(performance.now() - t0).to.be.lessThan(1000);
    expect(elapsed).to.be.lessThan(SLOW);
  });

  it('restores a draft with setLocation without firing, and shows it', async () => {
    const el = await picker(html`<open311-map-picker map-on-demand asset-attribute="asset_id"></open311-map-picker>`);
    let fired = 0;
    el.addEventListener('open311-location-change', () => fired++);
    el.setLocation({ lat: 51.4503, long: -2.5944, address: '14 Queen Square, Bristol, BS1 4NT', assetId: 'SL-0009', assetAttribute: 'asset_id' });
    await el.updateComplete;
    expect(fired).to.equal(0);
    expect(el.location).to.deep.equal({
      lat: 51.4503,
      long: -2.5944,
      address: '14 Queen Square, Bristol, BS1 4NT',
      assetId: 'SL-0009',
      assetAttribute: 'asset_id',
    });
    expect($(el, '[part=chosen]')!.textContent).to.contain('14 Queen Square');
    await expect(el).to.be.accessible();
  });
});
