import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../../src/elements/map-picker/map-picker.js';
import type { Open311MapPicker } from '../../src/elements/map-picker/map-picker.js';
import type { PickerMap } from '../../src/map/picker-map.js';
import type { Open311LocationChangeEvent } from '../../src/events.js';
import { clientFor } from '../../src/open311/client.js';
import { endpoints, until } from '../helpers/servers.js';

/**
 * Issue 19, "a map that speaks": the map as a keyboard and screen-reader user meets it. The role and
 * name are read from each engine's own accessibility tree (scripts/wtr-a11y-command.mjs: Chromium's
 * through CDP, Firefox's through WebDriver BiDi's accessibility locator, WebKit's through WebDriver's
 * computed role and label); the description from Chromium's tree, and from aria-describedby elsewhere.
 */

const STYLE = '/demo/map/style.json';
const SLOW = 20000;
const MAP_NAME = 'Map: where is the problem?';
/** A geocoder template from which no reverse lookup can be derived (the path is not …/search). */
const NO_REVERSE = '/no-geocoder?q={query}';
/** Street light SL-0001 of demo/map/lights.geojson. */
const LIGHT_1 = { id: 'SL-0001', lat: 51.45443, long: -2.59596 };

interface FocusedAx {
  engine: 'chromium' | 'firefox' | 'webkit';
  tree: string;
  role: string | null;
  name: string | null;
  description?: string;
}

const $ = <T extends Element = HTMLElement>(el: Open311MapPicker, sel: string): T | null => el.shadowRoot!.querySelector<T>(sel);
const pickerMap = (el: Open311MapPicker): PickerMap | undefined => (el as unknown as { pickerMap?: PickerMap }).pickerMap;
const speakerOf = (el: Open311MapPicker): { interval: number } => (el as unknown as { tasks: { speaker: { interval: number } } }).tasks.speaker;

function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

async function mapReady(el: Open311MapPicker): Promise<PickerMap> {
  const map = await until(() => pickerMap(el), SLOW);
  await map.whenLoaded();
  if (!map.map.loaded()) await new Promise((r) => map.map.once('idle', r));
  return map;
}

/** What the browser's accessibility tree says of the focused element (see the file's comment). */
function focusedAx(role: string, name: string): Promise<FocusedAx> {
  return executeServerCommand<FocusedAx, { role: string; name: string }>('a11y-focused', { role, name }) as Promise<FocusedAx>;
}

/** The text of the elements an element's aria-describedby names (in its own root). */
function describedBy(el: Element): string {
  const root = el.getRootNode() as ShadowRoot;
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ');
}

/** Every text the polite live region says, with when it said it. */
function listen(el: Open311MapPicker): { said: { text: string; at: number }[]; stop: () => void } {
  const region = $(el, '[role=status][aria-live=polite]')!;
  const said: { text: string; at: number }[] = [];
  const observer = new MutationObserver(() => said.push({ text: (region.textContent ?? '').replace(/\u00a0/g, '').trim(), at: performance.now() }));
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return { said, stop: () => observer.disconnect() };
}

/** Sends an arrow key to the focused map and waits for the move it makes to end. */
async function pan(map: PickerMap, key: 'ArrowRight' | 'ArrowLeft' | 'ArrowUp' | 'ArrowDown'): Promise<void> {
  const moved = new Promise((r) => map.map.once('moveend', r));
  await sendKeys({ press: key });
  await moved;
}

describe('<open311-map-picker>: a map that speaks', () => {
  it('moves focus to the map after "Show map": an application named for the task, described by its keys', async () => {
    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-on-demand map-style=${STYLE} center="51.4545,-2.5879" zoom="16"></open311-map-picker>`,
    );
    $(el, '[part=show-map-button]')!.focus();
    await sendKeys({ press: 'Enter' });
    // While the map loads the button has gone: focus waits on the map's box, not on <body>.
    await until(() => $(el, '[part=map]'));
    expect(deepActive()).to.not.equal(document.body);
    await mapReady(el);
    const canvas = $(el, 'canvas')!;
    await until(() => deepActive() === canvas, SLOW);

    const ax = await focusedAx('application', MAP_NAME);
    expect(ax.role, `${ax.engine} (${ax.tree})`).to.equal('application');
    expect(ax.name, `${ax.engine} (${ax.tree})`).to.equal(MAP_NAME);
    const keys = /arrow keys move the map, \+ and − zoom, Enter places the pin at the crosshair/;
    if (ax.description !== undefined) expect(ax.description).to.match(keys);
    expect(describedBy(canvas)).to.match(keys);
    await expect(el).to.be.accessible();

    // The keys reach the map: an arrow moves it.
    const map = pickerMap(el)!;
    const before = map.centre().long;
    await pan(map, 'ArrowRight');
    expect(map.centre().long).to.be.greaterThan(before);
  });

  it('does not take focus when the map comes by itself (a search result), only after "Show map"', async () => {
    const base = (await endpoints()).default.replace(/open311\/v2\/$/, '');
    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-on-demand map-style=${STYLE} geocoder="${base}geocoder/search?q={query}&amp;format=jsonv2"></open311-map-picker>`,
    );
    const input = $<HTMLInputElement>(el, '#search')!;
    input.focus();
    input.value = 'corn street';
    await sendKeys({ press: 'Enter' });
    await until(() => !$(el, '[role=listbox]')!.hidden);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await mapReady(el);
    expect(deepActive()).to.equal(input);
  });

  it('says the place under the crosshair politely, at most once a second, as the map moves by keyboard', async () => {
    const base = (await endpoints()).default.replace(/open311\/v2\/$/, '');
    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-style=${STYLE} center="51.45472,-2.59265" zoom="17" geocoder="${base}geocoder/search?q={query}&amp;format=jsonv2"></open311-map-picker>`,
    );
    const map = await mapReady(el);
    $(el, 'canvas')!.focus();
    const { said, stop } = listen(el);
    const lookups: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/geocoder/reverse')) lookups.push(url);
      return realFetch(input, init);
    };
    try {
      const start = performance.now();
      const keys = ['ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowRight', 'ArrowRight'] as const;
      for (const key of keys) await pan(map, key);
      const movedFor = performance.now() - start;
      const end = map.centre();
      const expected = (await (await realFetch(`${base}geocoder/reverse?lat=${end.lat.toFixed(6)}&lon=${end.long.toFixed(6)}&format=jsonv2`)).json()) as {
        display_name: string;
      };
      // The last position is always said, once the second allows.
      await until(() => said.some((s) => s.text === `Crosshair at ${expected.display_name}.`), SLOW);
      const spoken = said.filter((s) => s.text.startsWith('Crosshair at'));
      for (let i = 1; i < spoken.length; i++) expect(spoken[i].at - spoken[i - 1].at, 'a second between announcements').to.be.at.least(900);
      // Five moves inside the time: fewer lookups and announcements than moves, at most one a second.
      expect(lookups.length).to.be.at.most(Math.floor(movedFor / 1000) + 2);
      expect(lookups.length).to.be.lessThan(keys.length);
      expect(spoken[spoken.length - 1].text).to.equal(`Crosshair at ${expected.display_name}.`);
      // A move that is not by keyboard (a drag, a search result, code) starts no lookup, even with no wait due.
      speakerOf(el).interval = 0;
      const count = lookups.length;
      const settled = new Promise((r) => map.map.once('moveend', r));
      map.map.jumpTo({ center: [-2.5925, 51.4556] });
      await settled;
      expect(lookups.length).to.equal(count);
      await pan(map, 'ArrowLeft');
      // (Its lookup may wait for a timer set before the interval was cut to 0: on a busy machine, a moment.)
      await until(() => lookups.length > count);
      expect(lookups.length, 'a keyboard move does').to.equal(count + 1);
    } finally {
      window.fetch = realFetch;
      stop();
    }
  });

  it('says the coordinates when no geocoder can name the place', async () => {
    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-style=${STYLE} center="51.4545,-2.5879" zoom="17" geocoder=${NO_REVERSE}></open311-map-picker>`,
    );
    const map = await mapReady(el);
    // A shorter interval keeps this test quick; the one above checks the second.
    speakerOf(el).interval = 100;
    $(el, 'canvas')!.focus();
    const { said, stop } = listen(el);
    try {
      await pan(map, 'ArrowUp');
      const c = map.centre();
      const text = await until(() => said.find((s) => s.text.startsWith('Crosshair at'))?.text);
      expect(text).to.equal(`Crosshair at latitude ${c.lat.toFixed(5)}, longitude ${c.long.toFixed(5)}.`);
    } finally {
      stop();
    }
  });

  it('names the pin by where it is and how to move it by keyboard; Enter on it brings the map to it', async () => {
    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-style=${STYLE} center="51.4545,-2.5879" zoom="17" geocoder=${NO_REVERSE}></open311-map-picker>`,
    );
    const map = await mapReady(el);
    const canvas = $(el, 'canvas')!;
    canvas.focus();
    const placed = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    await sendKeys({ press: 'Enter' });
    const { detail } = await placed;
    const pin = await until(() => $<HTMLElement>(el, '.open311-pin'));
    const name = `Pin at latitude ${detail.lat!.toFixed(5)}, longitude ${detail.long!.toFixed(5)}. To move it by keyboard, press Enter, move the map with the arrow keys, then press Enter again.`;
    expect(pin.getAttribute('aria-label')).to.equal(name);
    pin.focus();
    const ax = await focusedAx('button', name);
    expect(ax.role, `${ax.engine} (${ax.tree})`).to.equal('button');
    expect(ax.name, `${ax.engine} (${ax.tree})`).to.equal(name);
    expect(ax.name).to.not.match(/drag/i);

    // Away from the pin, Enter on the pin centres the map on it and hands the keys to the map.
    map.map.jumpTo({ center: [detail.long! + 0.002, detail.lat!] });
    pin.focus();
    await sendKeys({ press: 'Enter' });
    expect(deepActive()).to.equal(canvas);
    expect(map.centre().long).to.be.closeTo(detail.long!, 1e-6);
    await pan(map, 'ArrowUp');
    const moved = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    await sendKeys({ press: 'Enter' });
    const again = (await moved).detail;
    expect(again.lat).to.be.greaterThan(detail.lat!);
    expect(pin.getAttribute('aria-label')).to.contain(`latitude ${again.lat!.toFixed(5)}`);
    await expect(el).to.be.accessible();
  });

  it('keeps the reports list and the dots in step: a dot selects its entry (not the pin), an entry rings its dot', async () => {
    const { default: endpoint } = await endpoints();
    // A spot of our own inside the demo area, so other tests' reports do not interfere.
    // (Not map-picker.test.ts's corner: its dots would sit under this test's clicks.)
    const spot = { lat: 51.4652 + Math.random() * 0.002, long: -2.57 + Math.random() * 0.002 };
    const client = clientFor({ endpoint });
    const tag = `a11y test ${Date.now()}`;
    await client.submitRequest({ serviceCode: 'DRN-01', lat: spot.lat + 0.0001, long: spot.long + 0.0001, description: `Gully blocked (${tag})` });
    const bin = { lat: spot.lat - 0.0001, long: spot.long - 0.0003 };
    await client.submitRequest({ serviceCode: 'BIN OVERFLOW', ...bin, description: `Bin (${tag})` });

    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-style=${STYLE} zoom="19" endpoint=${endpoint} service-code="DRN-01" geocoder=${NO_REVERSE}></open311-map-picker>`,
    );
    el.setLocation(spot);
    const map = await mapReady(el);
    const gully = await until(
      () =>
        [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=nearby] button.report')].find((b) => b.textContent!.includes(`Gully blocked (${tag})`)),
      SLOW,
    );
    expect(gully.getAttribute('aria-pressed')).to.equal('false');
    // Only the same service is listed until a dot says otherwise.
    expect(el.shadowRoot!.querySelector('[part=nearby]')!.textContent).to.not.contain(`Bin (${tag})`);

    // List → map: the entry, by keyboard, rings its dot.
    gully.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => gully.getAttribute('aria-pressed') === 'true');
    const ringed = await until(() => {
      const ids = map.map.queryRenderedFeatures({ layers: ['open311-nearby-selected'] }).map((f) => String(f.properties.id));
      return ids.length > 0 ? ids : null;
    }, SLOW);
    expect(ringed).to.deep.equal([gully.dataset.report]);

    // Map → list: a click on the bin's dot selects it (listed, pressed) and leaves the pin alone.
    await until(() => map.map.queryRenderedFeatures({ layers: ['open311-nearby-points'] }).length >= 2, SLOW);
    let moved = 0;
    el.addEventListener('open311-location-change', () => moved++);
    const { said, stop } = listen(el);
    const point = map.map.project([bin.long, bin.lat]);
    const r = $(el, 'canvas')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.left + point.x), Math.round(r.top + point.y)] });
    const binEntry = await until(() =>
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=nearby] button.report')].find((b) => b.textContent!.includes(`Bin (${tag})`)),
    );
    expect(binEntry.getAttribute('aria-pressed')).to.equal('true');
    expect(gully.getAttribute('aria-pressed')).to.equal('false');
    expect(moved).to.equal(0);
    expect(el.lat).to.equal(spot.lat);
    await until(() => said.some((s) => s.text.startsWith('Selected report:') && s.text.includes(`Bin (${tag})`)));
    stop();
    await until(() => {
      const ids = map.map.queryRenderedFeatures({ layers: ['open311-nearby-selected'] }).map((f) => String(f.properties.id));
      return ids.length === 1 && ids[0] === binEntry.dataset.report;
    }, SLOW);
    await expect(el).to.be.accessible();
  });

  it('lists an asset chosen on the map, checked, even with no pin before', async () => {
    const el = await fixture<Open311MapPicker>(html`<open311-map-picker
      map-style=${STYLE}
      center="${LIGHT_1.lat},${LIGHT_1.long}"
      zoom="19"
      assets="/demo/map/lights.geojson"
      asset-attribute="asset_id"
      asset-label="Street lights"
      geocoder=${NO_REVERSE}
    ></open311-map-picker>`);
    const map = await mapReady(el);
    await until(() => map.map.queryRenderedFeatures({ layers: ['open311-assets'] }).length > 0, SLOW);
    const r = $(el, 'canvas')!.getBoundingClientRect();
    const event = oneEvent(el, 'open311-location-change');
    await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2 + 3), Math.round(r.top + r.height / 2 - 2)] });
    await event;
    const checked = await until(() => $<HTMLInputElement>(el, '[part=assets] input[type=radio]:checked'));
    expect(checked.value).to.equal(LIGHT_1.id);
  });
});
