import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/map-picker/map-picker.js';
import '../../src/elements/service-chooser/service-chooser.js';
import '../../src/elements/report/report.js';
import type { Open311MapPicker } from '../../src/elements/map-picker/map-picker.js';
import type { Open311ServiceChooser } from '../../src/elements/service-chooser/service-chooser.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import type { Open311LocationChangeEvent, Open311ServiceUnavailableEvent } from '../../src/events.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { linkedText } from '../../src/elements/linked-text.js';
import { render } from 'lit';
import { endpoints, until } from '../helpers/servers.js';
import { click, heading, inside, root, toCheckStep } from '../helpers/report-flow.js';
import { onAWelshPage } from '../helpers/welsh-page.js';

/**
 * Issue 19, items 1–2 (the widget side of the pin contract, /work/notes/s5/pin-contract.md):
 * services at the pin (`services.json?lat=&long=`), the place refused at the location step when
 * it is outside every area (naming who to report to, with working links) or when the problem
 * chosen first is not dealt with there, and the whole list whenever the server cannot say.
 */

const ENDPOINT = 'https://council.example/open311/v2/';
/** 14 Queen Square (inside the demo area) and Portishead (outside), as the local geocoder finds them. */
const QUEEN_SQUARE = { lat: 51.45035, long: -2.59435 };

const service = (code: string, name: string, group: string) => ({
  service_code: code,
  service_name: name,
  group,
  type: 'realtime',
  metadata: false,
  keywords: '',
  description: '',
});
/** The whole catalogue of a two-tier area: the county's and the district's services. */
const ALL = [
  service('CTY-PTH', 'Pothole', 'Roads'),
  service('DST-PTH', 'Pothole', 'Roads'),
  service('DST-BIN', 'Overflowing bin', 'Rubbish'),
  service('PAR-BENCH', 'Broken bench', 'Parish'),
  service('CTY-OTH', 'Other problem', 'Other'),
  service('DST-OTH', 'Other problem', 'Other'),
  service('PAR-OTH', 'Other problem', 'Other'),
];
/** What a server that filters (but does not merge) answers at Queen Square: no parish services there. */
const AT_QUEEN_SQUARE = [ALL[0], ALL[1], ALL[2], ALL[4], ALL[5]];

type Answer = (url: URL, init: RequestInit | undefined) => Response | Promise<Response>;
const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A client whose server answers `atPlace` for `services.json?lat=&long=` (the whole list without them; no reports nearby). */
function placeServer(atPlace: Answer): { client: Open311Client; asked: URL[]; aborted: URL[] } {
  const asked: URL[] = [];
  const aborted: URL[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.pathname.endsWith('/services.json') && url.searchParams.has('lat')) {
      asked.push(url);
      init?.signal?.addEventListener('abort', () => aborted.push(url));
      return atPlace(url, init);
    }
    if (url.pathname.endsWith('/services.json')) return json(ALL);
    if (url.pathname.endsWith('/requests.json')) return json([]);
    return json([{ code: 404, description: 'Not found' }], 404);
  };
  return { client: new Open311Client({ endpoint: ENDPOINT, fetch: fetchFn, retries: 0, format: 'json' }), asked, aborted };
}

const outsideAnswer = (contact?: object): Response =>
  json(
    [
      {
        code: 400,
        description: 'This place is outside our area: report it to North Somerset Council, https://www.n-somerset.gov.uk/',
        outside_area: true,
        ...(contact ? { contact } : {}),
      },
    ],
    400,
  );

const NORTH_SOMERSET = { name: 'North Somerset Council', url: 'https://www.n-somerset.gov.uk/report', phone: '01934 888 888' };

/** The names a chooser offers, in order. */
function offered(el: Open311ServiceChooser): string[] {
  return [...el.shadowRoot!.querySelectorAll('.option > label')].map((l) => l.textContent!.trim());
}

const $ = <T extends Element = HTMLElement>(el: Element, sel: string): T | null => el.shadowRoot!.querySelector<T>(sel);
const alertOf = (el: Open311MapPicker): HTMLElement => $(el, '[role=alert]')!;
const alertText = (el: Open311MapPicker): string => alertOf(el).textContent!.replace(/\s+/g, ' ').trim();

async function geocoder(): Promise<string> {
  return `${(await endpoints()).default.replace(/open311\/v2\/$/, '')}geocoder/search?q={query}&format=jsonv2`;
}

/** Searches the local geocoder and takes the first place found (as a resident does with the keyboard). */
async function searchAndChoose(el: Open311MapPicker, text: string): Promise<void> {
  const input = $<HTMLInputElement>(el, '#search')!;
  input.focus();
  input.value = text;
  $<HTMLButtonElement>(el, '[part=search-button]')!.click();
  // This search's results (the last search's stay in the list until these come).
  const first = await until(() => {
    const option = $<HTMLElement>(el, '[role=option]');
    return option?.textContent!.toLowerCase().includes(text.toLowerCase()) ? option : undefined;
  }, 5000);
  first.click();
}

/** No WebGL2 (the map is not wanted here, and loading it on a busy machine is slow): search and pin still work. */
let realGetContext: typeof HTMLCanvasElement.prototype.getContext;
function withoutMap(): void {
  before(() => {
    realGetContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
      if (kind === 'webgl2') return null;
      return (realGetContext as (this: HTMLCanvasElement, ...a: unknown[]) => RenderingContext | null).call(this, kind, ...rest);
    } as typeof HTMLCanvasElement.prototype.getContext;
  });
  after(() => {
    HTMLCanvasElement.prototype.getContext = realGetContext;
  });
}

describe('services at the pin: <open311-service-chooser lat long>', () => {
  it('offers only the services the server deals with at the place, one per name', async () => {
    const { client, asked } = placeServer(() => json(AT_QUEEN_SQUARE));
    const el = await fixture<Open311ServiceChooser>(
      html`<open311-service-chooser .client=${client} .lat=${QUEEN_SQUARE.lat} .long=${QUEEN_SQUARE.long}></open311-service-chooser>`,
    );
    await until(() => offered(el).length > 0);
    // No parish bench here; the county's and the district's "Pothole" and "Other problem" are one each.
    expect(offered(el)).to.deep.equal(['Pothole', 'Overflowing bin', 'Other problem']);
    expect(asked).to.have.length(1);
    expect(asked[0].searchParams.get('lat')).to.equal('51.45035');
    expect(asked[0].searchParams.get('long')).to.equal('-2.59435');
    await expect(el).to.be.accessible();
  });

  it('without a place, offers the whole list as before', async () => {
    const { client, asked } = placeServer(() => json(AT_QUEEN_SQUARE));
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .client=${client}></open311-service-chooser>`);
    await until(() => offered(el).length > 0);
    expect(offered(el)).to.include('Broken bench');
    expect(asked).to.have.length(0);
  });

  it('a server that ignores lat/long: its whole list, as today', async () => {
    const { client, asked } = placeServer(() => json(ALL));
    const el = await fixture<Open311ServiceChooser>(
      html`<open311-service-chooser .client=${client} .lat=${QUEEN_SQUARE.lat} .long=${QUEEN_SQUARE.long}></open311-service-chooser>`,
    );
    await until(() => offered(el).length > 0);
    expect(asked).to.have.length(1);
    expect(offered(el)).to.include('Broken bench');
  });

  for (const [what, answer] of [
    ['fails (a 500)', () => json([{ code: 500, description: 'Database down' }], 500)],
    ['refuses lat/long (a strict 400)', () => json([{ code: 400, description: 'Unknown parameter lat' }], 400)],
    ['says the place is outside every area', () => outsideAnswer(NORTH_SOMERSET)],
    ['has nothing listed there', () => json([])],
  ] as const) {
    it(`falls back to the whole list when the server ${what}: never a dead end`, async () => {
      const { client, asked } = placeServer(answer);
      const el = await fixture<Open311ServiceChooser>(
        html`<open311-service-chooser .client=${client} .lat=${QUEEN_SQUARE.lat} .long=${QUEEN_SQUARE.long}></open311-service-chooser>`,
      );
      await until(() => offered(el).length > 0);
      expect(asked).to.have.length(1);
      expect(offered(el)).to.include('Broken bench');
      expect($(el, '[part=error-message]')).to.equal(null);
    });
  }

  it('moving the place asks again, cancels the older question, and asks once per place', async () => {
    const held: { url: URL; answer: (r: Response) => void }[] = [];
    const { client, asked, aborted } = placeServer((url) => new Promise<Response>((answer) => held.push({ url, answer })));
    const el = await fixture<Open311ServiceChooser>(
      html`<open311-service-chooser .client=${client} .lat=${QUEEN_SQUARE.lat} .long=${QUEEN_SQUARE.long}></open311-service-chooser>`,
    );
    await until(() => held.length === 1);
    // The pin moves on before the first answer.
    el.lat = 51.4504;
    el.long = -2.5944;
    await until(() => held.length === 2);
    expect(aborted.map((u) => u.searchParams.get('lat'))).to.deep.equal(['51.45035']);
    held[1].answer(json([ALL[2]]));
    await until(() => offered(el).length > 0);
    expect(offered(el)).to.deep.equal(['Overflowing bin']);
    // Another place, then back to the second (the resident moves the pin back): no second question for it.
    el.lat = 51.4503;
    await until(() => held.length === 3);
    held[2].answer(json(AT_QUEEN_SQUARE));
    await until(() => offered(el).includes('Pothole'));
    el.lat = 51.4504;
    await until(() => offered(el).length === 1);
    expect(asked).to.have.length(3);
  });
});

describe('services at the pin: <open311-map-picker> refuses at the location step', () => {
  withoutMap();

  it('a pin outside every area: refused, naming the neighbour the server gave, with working links, announced', async () => {
    const { client } = placeServer(() => outsideAnswer(NORTH_SOMERSET));
    const el = await fixture<Open311MapPicker>(html`<open311-map-picker map-on-demand .client=${client} geocoder=${await geocoder()}></open311-map-picker>`);
    const events: Open311LocationChangeEvent[] = [];
    el.addEventListener('open311-location-change', (e) => events.push(e));
    await searchAndChoose(el, 'portishead');
    await until(() => alertText(el) !== '', 5000);
    expect(alertText(el)).to.contain('This location is outside the area we look after, so we cannot take a report for it.');
    const links = [...alertOf(el).querySelectorAll('a')];
    expect(links.map((a) => [a.textContent!.trim(), a.getAttribute('href')])).to.deep.equal([
      ['Report it to North Somerset Council', 'https://www.n-somerset.gov.uk/report'],
      ['01934 888 888', 'tel:01934888888'],
    ]);
    // The pin goes back to where the server last took one: nowhere yet, and the page hears so.
    expect(el.lat).to.equal(undefined);
    expect(events.at(-1)!.detail.lat).to.equal(undefined);
    expect($(el, '[role=status][aria-live=polite]')!.textContent).to.contain('outside the area we look after');
    expect(await el.placeChecked()).to.equal(true, 'nothing new refused since');
    await expect(el).to.be.accessible();

    // A place inside is taken, and the refusal goes.
    const inside = placeServer(() => json(AT_QUEEN_SQUARE));
    el.client = inside.client;
    await searchAndChoose(el, 'BS1 4NT');
    await until(() => inside.asked.length === 1);
    expect(await el.placeChecked()).to.equal(true);
    expect(el.lat).to.equal(QUEEN_SQUARE.lat);
    expect(alertText(el)).to.equal('');
  });

  it('outside every area with no neighbour named: the council for that area, found by postcode on GOV.UK', async () => {
    const { client } = placeServer(() => outsideAnswer());
    const el = await fixture<Open311MapPicker>(html`<open311-map-picker map-on-demand .client=${client} geocoder=${await geocoder()}></open311-map-picker>`);
    await searchAndChoose(el, 'portishead');
    const link = await until(() => alertOf(el).querySelector('a'), 5000);
    expect(link.textContent!.trim()).to.equal('Report it to the council for that area (find it by postcode)');
    expect(link.getAttribute('href')).to.equal('https://www.gov.uk/find-local-council');
    expect(el.lat).to.equal(undefined);
  });

  it('a neighbour contact whose url is not http(s) is shown as text, never a link', async () => {
    const { client } = placeServer(() => outsideAnswer({ name: 'Harbour Estate', url: 'javascript:alert(1)' }));
    const el = await fixture<Open311MapPicker>(html`<open311-map-picker map-on-demand .client=${client} geocoder=${await geocoder()}></open311-map-picker>`);
    await searchAndChoose(el, 'portishead');
    await until(() => alertText(el).includes('Harbour Estate'), 5000);
    expect(alertOf(el).querySelectorAll('a')).to.have.length(0);
    expect(alertText(el)).to.contain('Report it to Harbour Estate.');
  });

  it('a problem chosen before the place that is not dealt with there: refused, offering another problem', async () => {
    const { client } = placeServer(() => json(AT_QUEEN_SQUARE));
    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-on-demand .client=${client} service-code="PAR-BENCH" geocoder=${await geocoder()}></open311-map-picker>`,
    );
    await searchAndChoose(el, 'BS1 4NT');
    await until(() => alertText(el) !== '', 5000);
    expect(alertText(el)).to.contain('Broken bench is not something we can take reports of at this place.');
    expect(el.lat).to.equal(undefined);
    await expect(el).to.be.accessible();
    const button = $<HTMLButtonElement>(el, '[part=other-problem-button]')!;
    expect(button.textContent!.trim()).to.equal('Choose another problem');
    const place = oneEvent(el, 'open311-location-change') as Promise<Open311LocationChangeEvent>;
    const unavailable = oneEvent(el, 'open311-service-unavailable') as Promise<Open311ServiceUnavailableEvent>;
    button.click();
    expect((await place).detail).to.include({ lat: QUEEN_SQUARE.lat, long: QUEEN_SQUARE.long });
    expect((await unavailable).detail).to.deep.equal({ serviceCode: 'PAR-BENCH' });
    await el.updateComplete;
    expect(alertText(el)).to.equal('');
    expect(await el.placeChecked()).to.equal(true);
    expect(el.lat).to.equal(QUEEN_SQUARE.lat);
  });

  it('a problem the server deals with at the place, or a server that ignores lat/long: the place is taken', async () => {
    for (const list of [AT_QUEEN_SQUARE, ALL]) {
      const { client, asked } = placeServer(() => json(list));
      const el = await fixture<Open311MapPicker>(
        html`<open311-map-picker map-on-demand .client=${client} service-code="DST-BIN" geocoder=${await geocoder()}></open311-map-picker>`,
      );
      await searchAndChoose(el, 'BS1 4NT');
      await until(() => asked.length === 1);
      expect(await el.placeChecked()).to.equal(true);
      expect(el.lat).to.equal(QUEEN_SQUARE.lat);
      expect(alertText(el)).to.equal('');
    }
  });

  it('a server that fails at the pin: the place is taken (the chooser offers the whole list)', async () => {
    const { client, asked } = placeServer(() => json([{ code: 503, description: 'Busy' }], 503));
    const el = await fixture<Open311MapPicker>(html`<open311-map-picker map-on-demand .client=${client} geocoder=${await geocoder()}></open311-map-picker>`);
    await searchAndChoose(el, 'BS1 4NT');
    await until(() => asked.length === 1);
    expect(await el.placeChecked()).to.equal(true);
    expect(el.lat).to.equal(QUEEN_SQUARE.lat);
    expect(alertText(el)).to.equal('');
  });
});

/** Our area (central Bristol, around the demo data) and two neighbours, one holding Portishead (contract item 4). */
const square = (s: number, w: number, n: number, e: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const BOUNDARY = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'Bristol' }, geometry: square(51.4, -2.7, 51.52, -2.5) },
    {
      type: 'Feature',
      properties: { name: 'North Somerset Council', url: 'https://www.n-somerset.gov.uk/', phone: '01934 888 888' },
      geometry: square(51.3, -3.1, 51.6, -2.7),
    },
    { type: 'Feature', properties: { name: 'South Gloucestershire Council', url: 'https://www.southglos.gov.uk/' }, geometry: square(51.45, -2.5, 51.7, -2.2) },
  ],
};

describe('a boundary FeatureCollection with neighbours: <open311-map-picker boundary>', () => {
  withoutMap();

  it('a pin in a neighbour’s area names that neighbour, with its links; a pin in ours is taken', async () => {
    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-on-demand .boundary=${BOUNDARY} geocoder=${await geocoder()}></open311-map-picker>`,
    );
    let fired = 0;
    el.addEventListener('open311-location-change', () => fired++);
    await searchAndChoose(el, 'portishead');
    await until(() => alertText(el) !== '', 5000);
    expect(alertText(el)).to.contain('outside the area we look after');
    expect([...alertOf(el).querySelectorAll('a')].map((a) => [a.textContent!.trim(), a.getAttribute('href')])).to.deep.equal([
      ['Report it to North Somerset Council', 'https://www.n-somerset.gov.uk/'],
      ['01934 888 888', 'tel:01934888888'],
    ]);
    expect(fired).to.equal(0);
    expect(el.lat).to.equal(undefined);
    await expect(el).to.be.accessible();

    // Queen Square is ours, though the neighbours' features come later in the file.
    await searchAndChoose(el, 'BS1 4NT');
    await until(() => el.lat !== undefined);
    expect(alertText(el)).to.equal('');
  });

  it('a pin outside ours and every neighbour: the council for that area by postcode; the page’s outside-url wins when set', async () => {
    // Bath is in neither neighbour.
    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-on-demand .boundary=${BOUNDARY} geocoder=${await geocoder()}></open311-map-picker>`,
    );
    await searchAndChoose(el, 'bath abbey');
    const link = await until(() => alertOf(el).querySelector('a'), 5000);
    expect(link.textContent!.trim()).to.equal('Report it to the council for that area (find it by postcode)');
    expect(link.getAttribute('href')).to.equal('https://www.gov.uk/find-local-council');

    const set = await fixture<Open311MapPicker>(
      html`<open311-map-picker map-on-demand .boundary=${BOUNDARY} outside-url="https://www.bathnes.gov.uk/" outside-name="Bath and North East Somerset Council" geocoder=${await geocoder()}></open311-map-picker>`,
    );
    await searchAndChoose(set, 'bath abbey');
    const own = await until(() => alertOf(set).querySelector('a'), 5000);
    expect(own.textContent!.trim()).to.equal('Report it to Bath and North East Somerset Council');
    expect(own.getAttribute('href')).to.equal('https://www.bathnes.gov.uk/');
  });

  it('a boundary without neighbours: the server names who covers the pin, in place of the page’s fixed outside-url', async () => {
    const { client } = placeServer(() => outsideAnswer(NORTH_SOMERSET));
    const ours = { type: 'FeatureCollection', features: [BOUNDARY.features[0]] };
    const el = await fixture<Open311MapPicker>(
      html`<open311-map-picker
        map-on-demand
        .client=${client}
        .boundary=${ours}
        outside-url="https://www.example.org/neighbouring-council/report"
        outside-name="Neighbouring Council"
        geocoder=${await geocoder()}
      ></open311-map-picker>`,
    );
    await searchAndChoose(el, 'portishead');
    await until(() => alertText(el).includes('North Somerset Council'), 5000);
    expect([...alertOf(el).querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://www.n-somerset.gov.uk/report',
      'tel:01934888888',
    ]);
    expect(alertText(el)).to.not.contain('Neighbouring Council');
    expect(el.lat).to.equal(undefined);
  });

  describe('in Welsh', () => {
    onAWelshPage();

    it('names the neighbour, or the council for that area, in Welsh', async () => {
      const el = await fixture<Open311MapPicker>(
        html`<open311-map-picker map-on-demand .boundary=${BOUNDARY} geocoder=${await geocoder()}></open311-map-picker>`,
      );
      await searchAndChoose(el, 'portishead');
      await until(() => alertText(el) !== '', 5000);
      expect(alertText(el)).to.contain('Mae’r lleoliad hwn y tu allan i’r ardal rydyn ni’n gofalu amdani');
      expect(alertOf(el).querySelector('a')!.textContent!.trim()).to.equal('Rhoi gwybod amdani: North Somerset Council');
      expect(alertText(el)).to.contain('Ffôn:');

      await searchAndChoose(el, 'bath abbey');
      await until(() => alertText(el).includes('cod post'), 5000);
      expect(alertOf(el).querySelector('a')!.textContent!.trim()).to.equal('Rhoi gwybod amdani i gyngor yr ardal honno (chwiliwch amdano yn ôl cod post)');
    });
  });
});

describe('services at the pin: <open311-report>', () => {
  beforeEach(() => forgetEverything());
  withoutMap();

  it('the problem step offers the services at the chosen place, one per name', async () => {
    const { client, asked } = placeServer(() => json(AT_QUEEN_SQUARE));
    const el = await fixture<Open311Report>(
      html`<open311-report no-history endpoint=${ENDPOINT} .client=${client} geocoder=${await geocoder()}></open311-report>`,
    );
    const picker = await until(
      () => inside(el, 'open311-map-picker')?.shadowRoot?.querySelector('#search') && (inside(el, 'open311-map-picker') as unknown as Open311MapPicker),
    );
    await searchAndChoose(picker, 'BS1 4NT');
    await until(() => picker.lat !== undefined);
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    const chooser = inside(el, 'open311-service-chooser') as unknown as Open311ServiceChooser;
    await until(() => offered(chooser).length > 0, 10000);
    expect(offered(chooser)).to.deep.equal(['Pothole', 'Overflowing bin', 'Other problem']);
    // The picker's check and the chooser's list were one question to the server.
    expect(asked).to.have.length(1);
  });

  it('Continue waits for the server’s word on the pin, and stays on the location step when it refuses the place', async () => {
    let answer: (r: Response) => void = () => undefined;
    const { client, asked } = placeServer(() => new Promise<Response>((r) => (answer = r)));
    const el = await fixture<Open311Report>(
      html`<open311-report no-history endpoint=${ENDPOINT} .client=${client} geocoder=${await geocoder()}></open311-report>`,
    );
    const picker = await until(
      () => inside(el, 'open311-map-picker')?.shadowRoot?.querySelector('#search') && (inside(el, 'open311-map-picker') as unknown as Open311MapPicker),
    );
    await searchAndChoose(picker, 'portishead');
    await until(() => asked.length === 1);
    // Continue pressed while the server is still being asked.
    visibleContinue(el).click();
    answer(outsideAnswer(NORTH_SOMERSET));
    await until(() => alertText(picker) !== '', 5000);
    await el.updateComplete;
    expect(heading(el)).to.equal('Where is the problem?');
    expect(alertText(picker)).to.contain('Report it to North Somerset Council');
  });

  it('the server’s refusal after Send shows its web addresses as working links', async () => {
    const endpoint = (await endpoints()).default;
    const fetchFn: typeof fetch = async (input, init) =>
      init?.method === 'POST'
        ? json(
            [
              {
                code: 400,
                description: 'This place is outside our area. Report it at https://www.n-somerset.gov.uk/report. Or see javascript:alert(1).',
                outside_area: true,
              },
            ],
            400,
          )
        : fetch(input, init);
    const client = new Open311Client({ endpoint, fetch: fetchFn, retries: 0 });
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client}></open311-report>`);
    await toCheckStep(el, `Linked refusal ${Date.now()}`);
    await click(el, 'Send report');
    const summary = await until(() => root(el).querySelector<HTMLElement>('.error-summary'), 10000);
    const links = [...summary.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
      ['https://www.n-somerset.gov.uk/report', 'https://www.n-somerset.gov.uk/report'],
    ]);
    expect(summary.textContent).to.contain('Report it at https://www.n-somerset.gov.uk/report. Or see javascript:alert(1).');
  });
});

function visibleContinue(el: Open311Report): HTMLButtonElement {
  return [...root(el).querySelectorAll<HTMLButtonElement>('[part=continue-button]')].find((b) => b.offsetParent !== null)!;
}

describe('linkedText', () => {
  const shown = (text: string): HTMLElement => {
    const box = document.createElement('p');
    render(linkedText(text), box);
    return box;
  };

  it('links http(s) addresses only, keeps the text whole, and leaves a sentence’s last full stop outside the link', () => {
    const p = shown('See https://example.gov.uk/a_(b). Or http://x.example/?q=1, not javascript:alert(1) nor <b>bold</b>.');
    expect(p.textContent).to.equal('See https://example.gov.uk/a_(b). Or http://x.example/?q=1, not javascript:alert(1) nor <b>bold</b>.');
    expect([...p.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.gov.uk/a_(b)', 'http://x.example/?q=1']);
    expect(p.querySelector('b')).to.equal(null);
  });
});
