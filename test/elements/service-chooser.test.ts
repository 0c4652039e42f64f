import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../../src/elements/service-chooser/service-chooser.js';
import type { Open311ServiceChooser } from '../../src/elements/service-chooser/service-chooser.js';
import { fold, groupServices, indexServices, search } from '../../src/elements/service-chooser/search.js';
import { Open311Client } from '../../src/open311/client.js';
import type { Service } from '../../src/open311/models.js';
import { endpoints, until } from '../helpers/servers.js';
import { onAWelshPage } from '../helpers/welsh-page.js';

function svc(code: string, name: string, groups: string[] = [], extra: Partial<Service> = {}): Service {
  return { code, name, description: `About ${name}`, metadata: false, type: 'realtime', keywords: [], groups, raw: null, ...extra };
}

const SAMPLE: Service[] = [
  svc('PTH-01', 'Pothole', ['Roads'], { keywords: ['tarmac'] }),
  svc('LGT-02', 'Street light', ['Lighting']),
  svc('DRN-01', 'Blocked drain', ['Drains', 'Roads']),
  svc('CAF-1', 'Café litter', ['Rubbish']),
  svc('OTH-99', 'Other problem'),
  svc('HWY-STAFF', 'Inspection', ['Roads'], { keywords: ['staff'] }),
  svc('SNOW-01', 'Icy road', ['Roads'], { keywords: ['ice', 'Inactive'] }),
];

/** A client whose service list the test settles. */
class ControlledClient extends Open311Client {
  resolve!: (s: Service[]) => void;
  reject!: (e: Error) => void;
  calls = 0;
  constructor() {
    super({ endpoint: 'http://127.0.0.1:9/open311/v2/' });
  }
  override services(): Promise<Service[]> {
    this.calls++;
    return new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }
}

const root = (el: Open311ServiceChooser): ShadowRoot => el.shadowRoot!;
const radios = (el: Open311ServiceChooser): HTMLInputElement[] => [...root(el).querySelectorAll<HTMLInputElement>('input[type=radio]')];
const labels = (el: Open311ServiceChooser): string[] => radios(el).map((r) => root(el).querySelector(`label[for="${r.id}"]`)!.textContent!.trim());
const legends = (el: Open311ServiceChooser): string[] => [...root(el).querySelectorAll('legend')].map((l) => l.textContent!.trim());

async function typeSearch(el: Open311ServiceChooser, text: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>('#search')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

describe('search helpers', () => {
  it('folds case, accents and punctuation', () => {
    expect(fold('Café  Fly–Tipping')).to.equal('cafe fly tipping');
    expect(fold('Ffôrdd')).to.equal('ffordd');
  });

  it('hides staff and inactive services and keeps a subset by code or group', () => {
    expect(indexServices(SAMPLE).map((e) => e.service.code)).to.deep.equal(['PTH-01', 'LGT-02', 'DRN-01', 'CAF-1', 'OTH-99']);
    expect(indexServices(SAMPLE, { codes: ['LGT-02'] }).map((e) => e.service.code)).to.deep.equal(['LGT-02']);
    expect(indexServices(SAMPLE, { groups: ['roads'] }).map((e) => e.service.code)).to.deep.equal(['PTH-01', 'DRN-01']);
  });

  it('matches every word anywhere in name, description and keywords', () => {
    const index = indexServices(SAMPLE);
    expect(search(index, 'TARMAC').map((e) => e.service.code)).to.deep.equal(['PTH-01']);
    expect(search(index, 'about cafe').map((e) => e.service.code)).to.deep.equal(['CAF-1']);
  });

  it('puts a service in every group it names and the ungrouped last under Other', () => {
    const groups = groupServices(SAMPLE.slice(0, 5), 'Other');
    expect(groups.map((g) => g.name)).to.deep.equal(['Roads', 'Lighting', 'Drains', 'Rubbish', 'Other']);
    expect(groups[0].services.map((s) => s.code)).to.deep.equal(['PTH-01', 'DRN-01']);
  });
});

describe('<open311-service-chooser>', () => {
  it('loads the list from the local server and groups it, hiding staff and inactive services', async () => {
    const { default: endpoint } = await endpoints();
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser endpoint=${endpoint}></open311-service-chooser>`);
    await until(() => radios(el).length > 0);
    const names = labels(el);
    expect(names).to.include('Pothole');
    expect(names).not.to.include('Highway inspection follow-up');
    expect(names).not.to.include('Icy road or pavement');
    expect(legends(el)).to.include('Roads and pavements');
    expect(legends(el).at(-1)).to.equal('Other');
    // The description is each radio's hint.
    const pothole = radios(el).find((r) => r.value === 'PTH-01')!;
    expect(root(el).getElementById(pothole.getAttribute('aria-describedby')!)!.textContent).to.contain('sunken area');
    await expect(el).to.be.accessible();
  });

  it('shows a service in two groups in both, with unique ids', async () => {
    const { fms } = await endpoints();
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser endpoint=${fms}></open311-service-chooser>`);
    await until(() => radios(el).length > 0);
    const drains = radios(el).filter((r) => r.value === 'DRN-01');
    expect(drains).to.have.length(2);
    const ids = radios(el).map((r) => r.id);
    expect(new Set(ids).size).to.equal(ids.length);
    drains[1].click();
    await el.updateComplete;
    expect(
      radios(el)
        .filter((r) => r.value === 'DRN-01')
        .every((r) => r.checked),
    ).to.equal(true);
  });

  it('shows loading, then a failure with a retry that works', async () => {
    const client = new ControlledClient();
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .client=${client}></open311-service-chooser>`);
    expect(root(el).querySelector('[role=status]')!.textContent).to.contain('Loading');
    await expect(el).to.be.accessible();
    client.reject(new Error('offline'));
    await until(() => root(el).querySelector('[role=alert]'));
    expect(root(el).querySelector('[role=alert]')!.textContent).to.contain('could not be loaded');
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
    await until(() => client.calls === 2);
    client.resolve(SAMPLE);
    await until(() => radios(el).length > 0);
    expect(labels(el)).to.include('Pothole');
  });

  it('takes a search while the list is still loading, filters the list with it when it comes, and keeps focus', async () => {
    const client = new ControlledClient();
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .client=${client}></open311-service-chooser>`);
    const box = root(el).querySelector<HTMLInputElement>('#search');
    expect(box, 'the search box is there before the list').to.not.equal(null);
    expect(root(el).querySelector('#count')!.textContent).to.contain('Loading');
    box!.focus();
    await sendKeys({ type: 'drain' });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    client.resolve(SAMPLE);
    await until(() => radios(el).length > 0);
    expect([...new Set(labels(el))], 'only the match (it is in two groups)').to.deep.equal(['Blocked drain']);
    expect(root(el).querySelector('#search'), 'the same box').to.equal(box);
    expect(root(el).activeElement, 'focus stayed in the box').to.equal(box);
    expect(box!.value).to.equal('drain');
  });

  it('searches as you type, forgiving case and accents, and says how many were found', async () => {
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${SAMPLE}></open311-service-chooser>`);
    await typeSearch(el, 'CAFE');
    expect(labels(el)).to.deep.equal(['Café litter']);
    expect(root(el).querySelector('#count')!.textContent!.trim()).to.equal('1 service found');
    await typeSearch(el, 'roads');
    expect(root(el).querySelector('#count')!.textContent!.trim()).to.equal('No problems match your search. Try other words.');
    await expect(el).to.be.accessible();
    await typeSearch(el, 'a');
    expect(root(el).querySelector('#count')!.textContent!.trim()).to.match(/^\d services found$/);
  });

  it('shows only the services and groups the page asks for', async () => {
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${SAMPLE} services="LGT-02, OTH-99"></open311-service-chooser>`);
    expect(labels(el)).to.deep.equal(['Street light', 'Other problem']);
    el.services = undefined;
    el.groups = 'Roads';
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Pothole', 'Blocked drain', 'Blocked drain']);
    expect(el.getAttribute('groups')).to.equal(null);
  });

  it('keeps the selection while searching and after a new list', async () => {
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${SAMPLE}></open311-service-chooser>`);
    radios(el)
      .find((r) => r.value === 'LGT-02')!
      .click();
    await el.updateComplete;
    expect(el.value).to.equal('LGT-02');
    expect(el.selected?.name).to.equal('Street light');
    await typeSearch(el, 'pothole');
    await typeSearch(el, '');
    expect(radios(el).find((r) => r.value === 'LGT-02')!.checked).to.equal(true);
    el.serviceList = [...SAMPLE].reverse();
    await el.updateComplete;
    expect(radios(el).find((r) => r.value === 'LGT-02')!.checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows the choice the page kept when it sets the value back on open311-service-change', async () => {
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${SAMPLE} value="PTH-01"></open311-service-chooser>`);
    const checked = (): string[] =>
      radios(el)
        .filter((r) => r.checked)
        .map((r) => r.value);
    expect(checked()).to.deep.equal(['PTH-01']);
    // A page that refuses the street light (say, reported elsewhere) and keeps the pothole.
    el.addEventListener('open311-service-change', () => (el.value = 'PTH-01'), { once: true });
    const changed = oneEvent(el, 'open311-service-change');
    radios(el)
      .find((r) => r.value === 'LGT-02')!
      .click();
    await changed;
    await until(() => checked().join() === 'PTH-01');
    expect(el.value).to.equal('PTH-01');
    // Both in the same group: choosing the drain in Roads still works, and moves the mark.
    radios(el)
      .find((r) => r.value === 'DRN-01')!
      .click();
    await el.updateComplete;
    expect(el.value).to.equal('DRN-01');
    expect(checked()).to.deep.equal(['DRN-01', 'DRN-01']);
  });

  it('is usable with the keyboard alone and fires open311-service-change', async () => {
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${SAMPLE}></open311-service-chooser>`);
    el.focus();
    await sendKeys({ type: 'drain' });
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Blocked drain', 'Blocked drain']);
    await sendKeys({ press: 'Tab' });
    const changed = oneEvent(el, 'open311-service-change');
    await sendKeys({ press: ' ' });
    const event = await changed;
    expect(event.detail.service.code).to.equal('DRN-01');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(el.value).to.equal('DRN-01');
  });

  it('moves between services of a group with the arrow keys', async () => {
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${SAMPLE} no-search></open311-service-chooser>`);
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.value).to.equal('DRN-01');
  });

  it('shows a long list of matches cut short, says so, and shows every match on request', async () => {
    const many: Service[] = Array.from({ length: 1000 }, (_, i) =>
      svc(`S${i}`, `Problem number ${i}${i === 777 ? ' Pâté' : ''}`, [`Group ${i % 25}`], { keywords: ['k' + i] }),
    );
    const start = performance.now();
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${many} value="S900"></open311-service-chooser>`);
    const firstRender = performance.now() - start;
    const showAll = (): HTMLButtonElement | null => root(el).querySelector<HTMLButtonElement>('[part=show-all-button]');
    // Issue 19: with the search box empty a catalogue this big shows its groups first (the group
    // view's own tests are below); a search that matches them all is the long list.
    await typeSearch(el, 'problem');
    const count = root(el).querySelector<HTMLElement>('#count')!;
    // The first 30 and the chosen service (further down), under their groups; the count is visible.
    expect(radios(el)).to.have.length(31);
    expect(radios(el).find((r) => r.value === 'S900')!.checked).to.equal(true);
    expect(legends(el)).to.have.length(25);
    expect(count.textContent!.trim()).to.equal('1,000 services found. Showing the first 31.');
    expect(count.classList.contains('visually-hidden')).to.equal(false);
    expect(showAll()!.textContent!.trim()).to.equal('Show all 1,000 services');
    await expect(el).to.be.accessible();

    const t = performance.now();
    await typeSearch(el, 'pate');
    const searchTime = performance.now() - t;
    expect(labels(el)).to.deep.equal(['Problem number 777 Pâté']);
    expect(showAll()).to.equal(null);
    await typeSearch(el, 'number 1');
    const matches = search(indexServices(many), 'number 1').map((e) => e.service.code);
    expect(matches.length).to.be.above(30);
    expect(radios(el)).to.have.length(30);
    expect(count.textContent!.trim()).to.equal(`${matches.length} services found. Showing the first 30.`);

    // Show all: every match, and focus on the first one that was not shown before.
    showAll()!.click();
    await until(() => radios(el).length === matches.length && root(el).activeElement);
    expect((root(el).activeElement as HTMLInputElement).value).to.equal(matches[30]);
    expect(count.textContent!.trim()).to.equal(`${matches.length} services found`);
    expect(showAll()).to.equal(null);
    // A new search starts short again.
    await typeSearch(el, '');
    await typeSearch(el, 'problem');
    expect(radios(el)).to.have.length(31);
    // Generous bounds: this machine runs other suites at the same time.
    expect(firstRender).to.be.below(3000);
    expect(searchTime).to.be.below(500);
  });

  it('shows every match of a catalogue of up to 100 services', async () => {
    const hundred: Service[] = Array.from({ length: 100 }, (_, i) => svc(`S${i}`, `Problem ${i}`, [`Group ${i % 5}`]));
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${hundred}></open311-service-chooser>`);
    // Issue 19: its groups come first (over 20 services); a search matching all 100 lists them all.
    await typeSearch(el, 'problem');
    expect(radios(el)).to.have.length(100);
    expect(root(el).querySelector('[part=show-all-button]')).to.equal(null);
  });

  it('renders hostile server text as inert text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const hostile = [svc('X<b>', evil, [evil], { description: evil, keywords: [evil] }), svc('Y', 'Fine')];
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${hostile}></open311-service-chooser>`);
    expect(root(el).querySelector('img, script, b')).to.equal(null);
    expect(labels(el)[0]).to.equal(evil);
    expect(legends(el)[0]).to.equal(evil);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});

describe('<open311-service-chooser> with the council’s Welsh text', () => {
  const WELSH = JSON.stringify({
    cy: {
      services: { 'PTH-01': { name: 'Twll yn y ffordd', description: 'Twll yn wyneb y ffordd' } },
      groups: { Roads: 'Ffyrdd' },
    },
  });

  onAWelshPage();

  it('shows Welsh names and headings, marks English ones lang="en", and finds a service by its Welsh name', async () => {
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${SAMPLE} translations=${WELSH}></open311-service-chooser>`);
    await until(() => labels(el).includes('Twll yn y ffordd'));
    const pothole = [...root(el).querySelectorAll('label')].find((l) => l.textContent!.trim() === 'Twll yn y ffordd')!;
    expect(pothole.closest('[lang]')?.getAttribute('lang') ?? 'cy').to.equal('cy');
    expect(root(el).textContent).to.contain('Twll yn wyneb y ffordd');
    expect(legends(el)).to.include('Ffyrdd');
    const light = [...root(el).querySelectorAll('label')].find((l) => l.textContent!.trim() === 'Street light')!;
    expect(light.closest('[lang]')!.getAttribute('lang')).to.equal('en');
    const lighting = [...root(el).querySelectorAll('legend')].find((l) => l.textContent!.trim() === 'Lighting')!;
    expect(lighting.querySelector('[lang]')!.getAttribute('lang')).to.equal('en');
    await expect(el).to.be.accessible();

    await typeSearch(el, 'twll ffordd');
    expect(labels(el)).to.deep.equal(['Twll yn y ffordd']);
    const change = oneEvent(el, 'open311-service-change');
    radios(el)[0].click();
    expect((await change).detail.service.code).to.equal('PTH-01');
    expect(el.value).to.equal('PTH-01');
  });

  it('takes the parsed table as the councilText property', async () => {
    const { parseCouncilText } = await import('../../src/i18n/council-text-load.js');
    const el = await fixture<Open311ServiceChooser>(
      html`<open311-service-chooser .serviceList=${SAMPLE} .councilText=${parseCouncilText(JSON.parse(WELSH))}></open311-service-chooser>`,
    );
    expect(labels(el)).to.include('Twll yn y ffordd');
  });
});
