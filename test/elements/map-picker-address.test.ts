import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/elements/map-picker/map-picker.js';
import '../../src/elements/report/report.js';
import type { Open311MapPicker } from '../../src/elements/map-picker/map-picker.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import type { PickerMap } from '../../src/map/picker-map.js';
import type { Open311LocationChangeEvent } from '../../src/events.js';
import { addressAtPin } from '../../src/elements/map-picker/around.js';
import { parseReverse } from '../../src/elements/map-picker/geocoder.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import { answerPothole, chooseService, click, fillEmail, heading } from '../helpers/report-flow.js';

/**
 * Issue 19 item 6: a reverse-geocoded property is sent as the address (`address_id`, `address_string`)
 * only when it is within `address-within` metres of the pin (default 25); further away only its
 * street goes with the coordinates. An address the resident chose in search is always sent.
 * The local geocoder's 12 Corn Street is at 51.45472,-2.59265.
 */
const CORN_12 = { lat: 51.45472, long: -2.59265 };
/** 60 m south of 12 Corn Street (it is still the nearest property the geocoder knows). */
const FAR = '51.454181,-2.592650';
/** 10 m north of it. */
const NEAR = '51.454810,-2.592650';
const STYLE = '/demo/map/style.json';
const SLOW = 20000;

const $ = <T extends Element = HTMLElement>(el: Open311MapPicker, sel: string): T | null => el.shadowRoot!.querySelector<T>(sel);
const pickerMap = (el: Open311MapPicker): PickerMap | undefined => (el as unknown as { pickerMap?: PickerMap }).pickerMap;

async function geocoderBase(): Promise<string> {
  return (await endpoints()).default.replace(/open311\/v2\/$/, '');
}

async function mapReady(el: Open311MapPicker): Promise<void> {
  const map = await until(() => pickerMap(el), SLOW);
  await map.whenLoaded();
  if (!map.map.loaded()) await new Promise((r) => map.map.once('idle', r));
}

/** A picker centred on `center`; a click in the middle of the map puts the pin there; resolves the event that carries the reverse-geocoded place. */
async function pinAt(center: string, within?: number): Promise<{ el: Open311MapPicker; detail: Open311LocationChangeEvent['detail'] }> {
  const base = await geocoderBase();
  const el = await fixture<Open311MapPicker>(
    html`<open311-map-picker
      map-style=${STYLE}
      center=${center}
      zoom="18"
      address-within=${within ?? nothing}
      geocoder="${base}geocoder/search?q={query}&amp;format=jsonv2"
    ></open311-map-picker>`,
  );
  await mapReady(el);
  const events: Open311LocationChangeEvent[] = [];
  el.addEventListener('open311-location-change', (e) => events.push(e));
  const r = $(el, 'canvas')!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
  // The first event is the pin; the second, the reverse lookup's answer.
  await until(() => events.length >= 2, SLOW);
  return { el, detail: events[1].detail };
}

describe('addressAtPin (which reverse-geocoded address is sent)', () => {
  const found = parseReverse({
    lat: String(CORN_12.lat),
    lon: String(CORN_12.long),
    display_name: '12 Corn Street, Bristol, BS1 1HT',
    address: { house_number: '12', road: 'Corn Street', city: 'Bristol' },
    extratags: { 'ref:GB:uprn': '900000000012' },
  })!;

  it('keeps the property near the pin and gives only the street for one 60 m away', () => {
    expect(addressAtPin(found, 51.45481, -2.59265, 25)).to.deep.equal({ address: '12 Corn Street, Bristol, BS1 1HT', addressId: '900000000012', exact: true });
    expect(addressAtPin(found, 51.454181, -2.59265, 25)).to.deep.equal({ address: 'Corn Street, Bristol', exact: false });
    expect(addressAtPin(found, 51.454181, -2.59265, 80).addressId, 'a wider limit takes it').to.equal('900000000012');
    expect(addressAtPin(found, 51.454181, -2.59265, Number.NaN).addressId, 'an unreadable limit is the default').to.equal(undefined);
  });

  it('gives nothing but the coordinates when a far place names no street', () => {
    const park = parseReverse({ lat: String(CORN_12.lat), lon: String(CORN_12.long), display_name: 'Castle Park, Bristol' })!;
    expect(addressAtPin(park, 51.454181, -2.59265, 25)).to.deep.equal({ exact: false });
  });
});

describe('<open311-map-picker> sends an address only when it is the place', () => {
  it('a property 60 m from the pin: no address_id, the street is sent with the coordinates', async () => {
    const { el, detail } = await pinAt(FAR);
    expect(detail.addressId).to.equal(undefined);
    expect(detail.address).to.equal('Corn Street, Bristol');
    expect(detail.lat).to.be.closeTo(51.454181, 0.00003);
    expect(el.location.addressId).to.equal(undefined);
    await until(() => ($(el, '[part=chosen]')?.textContent ?? '').includes('Corn Street, Bristol'));
    expect($(el, '[part=chosen]')!.textContent).not.to.contain('12 Corn Street');
  });

  it('a property 10 m from the pin: its address and UPRN are sent', async () => {
    const { detail } = await pinAt(NEAR);
    expect(detail.address).to.equal('12 Corn Street, Bristol, BS1 1HT');
    expect(detail.addressId).to.equal('900000000012');
  });

  it('address-within="80" takes the property 60 m away', async () => {
    const { detail } = await pinAt(FAR, 80);
    expect(detail.addressId).to.equal('900000000012');
    expect(detail.address).to.equal('12 Corn Street, Bristol, BS1 1HT');
  });

  it('an address chosen from search 60 m from the pin is sent', async () => {
    const { el, detail } = await pinAt(FAR);
    expect(detail.addressId).to.equal(undefined);
    const input = $<HTMLInputElement>(el, '#search')!;
    input.focus();
    input.value = '12 corn street';
    await sendKeys({ press: 'Enter' });
    await until(() => !$(el, '[role=listbox]')!.hidden, SLOW);
    const chosen = new Promise<Open311LocationChangeEvent>((resolve) => el.addEventListener('open311-location-change', resolve, { once: true }));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const { detail: picked } = await chosen;
    expect(picked).to.deep.equal({ lat: CORN_12.lat, long: CORN_12.long, address: '12 Corn Street, Bristol, BS1 1HT', addressId: '900000000012' });
  });

  it('<open311-report address-within> sets its map picker’s', async () => {
    const { default: endpoint } = await endpoints();
    const report = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} address-within="40"></open311-report>`);
    const inner = await until(() => report.shadowRoot!.querySelector('open311-map-picker'));
    await inner.updateComplete;
    expect(inner.addressWithin).to.equal(40);
    const plain = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    const byDefault = await until(() => plain.shadowRoot!.querySelector('open311-map-picker'));
    await byDefault.updateComplete;
    expect(byDefault.addressWithin).to.equal(25);
  });

  it('<open311-report> sends the street and the coordinates, not the UPRN of a house 60 m from the pin', async () => {
    forgetEverything();
    const base = await geocoderBase();
    const { default: endpoint } = await endpoints();
    const [lat, long] = FAR.split(',').map(Number);
    const geo = navigator.geolocation;
    const original = Object.getOwnPropertyDescriptor(geo, 'getCurrentPosition');
    Object.defineProperty(geo, 'getCurrentPosition', {
      configurable: true,
      value: (ok: PositionCallback) => ok({ coords: { latitude: lat, longitude: long, accuracy: 5 }, timestamp: Date.now() } as GeolocationPosition),
    });
    try {
      const el = await fixture<Open311Report>(
        html`<open311-report no-history endpoint=${endpoint} map-style=${STYLE} geocoder="${base}geocoder/search?q={query}&amp;format=jsonv2"></open311-report>`,
      );
      const inner = await until(() =>
        el.shadowRoot!.querySelector('open311-map-picker')?.shadowRoot?.querySelector<HTMLButtonElement>('[part=location-button]'),
      );
      inner.click();
      const pickerEl = el.shadowRoot!.querySelector('open311-map-picker')!;
      await until(() => pickerEl.location.address, SLOW);
      expect(pickerEl.location.address).to.equal('Corn Street, Bristol');
      await click(el, 'Continue');
      await until(() => heading(el) === 'What is the problem?');
      await chooseService(el, 'Pothole');
      await click(el, 'Continue');
      const description = `Far from any house ${Date.now()}`;
      await answerPothole(el, description);
      await click(el, 'Continue');
      await until(() => heading(el) === 'About you');
      await fillEmail(el, 'resident@example.org');
      await click(el, 'Continue');
      await until(() => heading(el) === 'Check your answers before sending your report');
      await click(el, 'Send report');
      await until(() => heading(el) === 'Report sent', 10000);
      const stored = (
        await admin<{ description?: string; address?: string | null; address_id?: string | null; lat?: number; long?: number }[]>('default', 'requests')
      ).filter((r) => r.description === description);
      expect(stored).to.have.length(1);
      expect(stored[0].address_id ?? '').to.equal('');
      // The local server keeps address_string as `address` (GeoReport v2's name in a request's answer).
      expect(stored[0].address).to.equal('Corn Street, Bristol');
      expect(Number(stored[0].lat)).to.be.closeTo(lat, 1e-6);
      expect(Number(stored[0].long)).to.be.closeTo(long, 1e-6);
    } finally {
      if (original) Object.defineProperty(geo, 'getCurrentPosition', original);
      else delete (geo as { getCurrentPosition?: unknown }).getCurrentPosition;
    }
  });
});
