import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../../src/elements/map-picker/map-picker.js';
import type { Open311MapPicker } from '../../src/elements/map-picker/map-picker.js';
import { normalisePostcode, parseAddresses, postcodeUrl } from '../../src/elements/map-picker/postcode.js';
import type { Open311LocationChangeEvent } from '../../src/events.js';
import { endpoints, until } from '../helpers/servers.js';
import { fetched, freshPageWith } from '../helpers/fresh-page.js';

const STYLE = '/demo/map/style.json';
/** A map load under SwiftShader can take a few seconds on a busy machine. */
const SLOW = 20000;

const root = (el: Open311MapPicker): ShadowRoot => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Open311MapPicker, sel: string): T | null => root(el).querySelector<T>(sel);
const text = (el: Open311MapPicker): string => (root(el).textContent ?? '').replace(/\s+/g, ' ');
/** The finder's own live region (the map picker has another for the pin). */
const live = (el: Open311MapPicker): string => $(el, '.search [role=status]')?.textContent?.trim() ?? '';
const focusedId = (el: Open311MapPicker): string => root(el).activeElement?.id ?? '';

/** The local server's postcode service (packages/georeport-server/src/postcodes.mjs), as a template. */
async function service(path = 'postcodes/{postcode}'): Promise<string> {
  return (await endpoints()).default.replace(/open311\/v2\/$/, '') + path;
}

async function finder(template: string): Promise<Open311MapPicker> {
  const el = await fixture<Open311MapPicker>(html`<open311-map-picker map-on-demand map-style=${STYLE} geocoder=${template}></open311-map-picker>`);
  await until(() => $(el, '#postcode'), SLOW);
  return el;
}

/**
 * Puts a postcode in the field and presses Enter. `typed`: with the keyboard (only for text without a
 * repeated character: WebKitGTK's driver drops them); otherwise the value is set directly.
 */
async function enterPostcode(el: Open311MapPicker, postcode: string, typed = false): Promise<void> {
  const input = $<HTMLInputElement>(el, '#postcode')!;
  input.focus();
  input.value = '';
  if (typed) await sendKeys({ type: postcode });
  else input.value = postcode;
  await sendKeys({ press: 'Enter' });
}

describe('<open311-map-picker geocoder-type="postcode">', () => {
  it('reads a postcode, lists its addresses with a count, and a keyboard choice sends the UPRN as addressId', async () => {
    const el = await finder(await service());
    await enterPostcode(el, 'bs14nt', true);
    await until(() => $(el, 'fieldset[part=results]'));
    expect($<HTMLInputElement>(el, '#postcode')!.value).to.equal('BS1 4NT');
    expect(live(el)).to.equal('6 addresses found for BS1 4NT.');
    const labels = [...root(el).querySelectorAll('fieldset label')].map((l) => l.textContent!.trim());
    expect(labels).to.have.length(7);
    expect(labels[0]).to.equal('10 Queen Square, Bristol, BS1 4NT');
    expect(labels.at(-1)).to.equal('My address is not listed');
    expect($(el, 'fieldset legend')!.textContent).to.equal('Select your address');
    await expect(el).to.be.accessible();

    // Tab past the button into the radio group, Space picks the first address, an arrow the next.
    expect(focusedId(el)).to.equal('postcode');
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement!.textContent!.trim()).to.equal('Find addresses');
    await sendKeys({ press: 'Tab' });
    expect(focusedId(el)).to.equal('postcode-address-0');
    let event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    await sendKeys({ press: ' ' });
    expect((await event).detail).to.deep.equal({ lat: 51.45048, long: -2.59452, address: '10 Queen Square, Bristol, BS1 4NT', addressId: '900000000110' });
    event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    await sendKeys({ press: 'ArrowDown' });
    expect((await event).detail).to.deep.equal({ lat: 51.45041, long: -2.59444, address: '12 Queen Square, Bristol, BS1 4NT', addressId: '900000000112' });
    expect(el.location.addressId).to.equal('900000000112');
    expect($(el, '[part=chosen]')!.textContent).to.contain('12 Queen Square');
    expect($<HTMLInputElement>(el, '#postcode-address-1')!.checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('refuses what is not a UK postcode, before asking the service, with the message tied to the field', async () => {
    const el = await finder(await service());
    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      asked.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    try {
      await enterPostcode(el, '');
      await until(() => $(el, '#postcode-error'));
      expect($(el, '#postcode-error')!.textContent).to.contain('Enter a postcode');
      await enterPostcode(el, 'BS1');
      await until(() => /full UK postcode/.test($(el, '#postcode-error')?.textContent ?? ''));
      const input = $<HTMLInputElement>(el, '#postcode')!;
      expect($(el, '#postcode-error')!.textContent!.trim()).to.equal('Error: Enter a full UK postcode, like CF10 1EP');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal('postcode-hint postcode-error');
      expect(focusedId(el)).to.equal('postcode');
      expect(live(el)).to.contain('Enter a full UK postcode');
      expect(asked.filter((u) => u.includes('/postcodes/'))).to.deep.equal([]);
      await expect(el).to.be.accessible();

      // Corrected: the error goes, the lookup runs.
      await enterPostcode(el, 'sa1 1ep');
      await until(() => $(el, 'fieldset[part=results]'));
      expect($(el, '#postcode-error')).to.equal(null);
      expect(input.getAttribute('aria-invalid')).to.equal('false');
      expect(asked.filter((u) => u.includes('/postcodes/'))).to.have.length(1);
      expect(asked.find((u) => u.includes('/postcodes/'))).to.match(/\/postcodes\/SA1%201EP$/);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('says when a postcode has no addresses, or is unknown, and offers to describe the location', async () => {
    const el = await finder(await service());
    await enterPostcode(el, 'CF24 5ZZ');
    await until(() => /No addresses found/.test(text(el)));
    expect(live(el)).to.equal('No addresses found for CF24 5ZZ. Check the postcode, or use the map or describe the location instead.');
    expect($(el, 'fieldset[part=results]')).to.equal(null);
    await expect(el).to.be.accessible();

    await enterPostcode(el, 'ZZ9 9ZZ');
    await until(() => /No addresses found for ZZ9 9ZZ/.test(text(el)));
    const describe = $<HTMLDetailsElement>(el, 'details[part=describe]')!;
    expect(describe.open).to.equal(false);
    const button = [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Describe the location instead')!;
    button.click();
    await el.updateComplete;
    expect(describe.open).to.equal(true);
  });

  it('says when the address service fails, and "Try again" asks again', async () => {
    const el = await finder(await service('postcodes/unavailable/{postcode}'));
    await enterPostcode(el, 'CF10 2BH');
    await until(() => /not working right now/.test(text(el)));
    expect(live(el)).to.equal('The address finder is not working right now.');
    expect(text(el)).to.contain('The address finder is not working right now. Try again, or use the map or describe the location instead.');
    await expect(el).to.be.accessible();
    // The service comes back.
    el.geocoder = await service();
    const retry = [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Try again')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, 'fieldset[part=results]'));
    expect(live(el)).to.equal('5 addresses found for CF10 2BH.');
    expect($(el, 'fieldset label')!.textContent).to.equal('Tŷ Gwyn, 3 Heol y Frenhines, Caerdydd, CF10 2BH');
  });

  it('"My address is not listed" takes back an address chosen from the list and opens "describe the location"', async () => {
    const el = await finder(await service());
    await enterPostcode(el, 'BS1 1HT');
    await until(() => $(el, 'fieldset[part=results]'));
    let event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    $<HTMLInputElement>(el, '#postcode-address-2')!.click();
    expect((await event).detail.addressId).to.equal('900000000031');
    event = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    $<HTMLInputElement>(el, '#postcode-address-none')!.focus();
    await sendKeys({ press: ' ' });
    expect((await event).detail).to.deep.equal({});
    expect(el.addressId).to.equal(undefined);
    expect($<HTMLDetailsElement>(el, 'details[part=describe]')!.open).to.equal(true);
    expect(live(el)).to.equal('Use the map to find the place, or describe where it is.');
    expect($(el, '[part=chosen]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('loads its code only when the postcode geocoder is used', async () => {
    const { win, doc } = await freshPageWith('/src/elements/map-picker/map-picker.ts', 600);
    const postcodeCode = (): string[] => fetched(win, /map-picker\/postcode/);
    const el = doc.createElement('open311-map-picker') as Open311MapPicker;
    el.setAttribute('map-on-demand', '');
    el.setAttribute('geocoder', await service('geocoder/search?q={query}&format=jsonv2'));
    doc.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#search')).to.not.equal(null);
    expect(postcodeCode()).to.deep.equal([]);
    el.setAttribute('geocoder-type', 'postcode');
    await until(() => el.shadowRoot!.querySelector('#postcode'), SLOW);
    expect(postcodeCode()).to.have.length(1);
  });

  it('reads the common UK address API shapes: this service, OS Places (DPA/LPI, WGS84) and Ideal Postcodes', () => {
    expect(normalisePostcode(' cf10  2bh ')).to.equal('CF10 2BH');
    expect(normalisePostcode('EC1A1BB')).to.equal('EC1A 1BB');
    expect(normalisePostcode('W1A 0AX')).to.equal('W1A 0AX');
    expect(normalisePostcode('CF10')).to.equal(undefined);
    expect(normalisePostcode('12345')).to.equal(undefined);
    expect(postcodeUrl('https://council.example/addresses?pc={postcode}&key=x', 'CF10 2BH')).to.equal('https://council.example/addresses?pc=CF10%202BH&key=x');
    expect(postcodeUrl('https://council.example/lookup', 'CF10 2BH')).to.equal('https://council.example/lookup?postcode=CF10+2BH');

    const want = [{ uprn: '100100100100', address: '1 HIGH STREET, TOWN, CF10 2BH', lat: 51.48, long: -3.17 }];
    expect(parseAddresses({ results: [{ uprn: '100100100100', address: '1 HIGH STREET, TOWN, CF10 2BH', lat: 51.48, lng: -3.17 }] })).to.deep.equal(want);
    expect(
      parseAddresses({
        header: { totalresults: 2 },
        results: [
          { DPA: { UPRN: '100100100100', ADDRESS: '1 HIGH STREET, TOWN, CF10 2BH', LAT: 51.48, LNG: -3.17 } },
          { LPI: { UPRN: '2', ADDRESS: 'NO COORDINATES', X_COORDINATE: 318000 } },
        ],
      }),
    ).to.deep.equal(want);
    expect(
      parseAddresses({
        code: 2000,
        result: [{ uprn: '100100100100', line_1: '1 HIGH STREET', line_2: '', post_town: 'TOWN', postcode: 'CF10 2BH', latitude: 51.48, longitude: -3.17 }],
      }),
    ).to.deep.equal(want);
    expect(parseAddresses({ error: 'nope' })).to.deep.equal([]);
    expect(parseAddresses([{ uprn: '', address: 'x', lat: 1, lng: 1 }, null, 'x'])).to.deep.equal([]);
  });
});
