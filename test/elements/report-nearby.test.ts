import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { Open311LocationChangeEvent } from '../../src/events.js';
import type { Open311DuplicateFollowedEvent, Open311StepChangeEvent } from '../../src/events.js';
import { myReports } from '../../src/storage/my-reports.js';
import { getLocale } from '../../src/i18n/localize.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import { chooseService, click, heading, inside, root, stepCount } from '../helpers/report-flow.js';

/**
 * Issue 19, item 3: "Already reported? Follow that one". Once the place and the problem are known,
 * the open reports of that problem near the place are offered ("Is it one of these?") before the
 * details; the resident can follow one (add an update, keep it in "my reports") instead of sending
 * a duplicate, or say theirs is different and go on. Against the local server's `fms` profile.
 */

/** A place of its own for each test (the servers are shared by every test file). */
function freshPlace(): { lat: number; long: number } {
  return { lat: Number((52 + Math.random() * 1.5).toFixed(5)), long: Number((-3 + Math.random() * 2).toFixed(5)) };
}

/** A report already made (by someone else) at a place, through the server's own POST. */
async function existing(endpoint: string, place: { lat: number; long: number }, description: string, code = 'PTH-01', mediaUrl?: string): Promise<string> {
  const client = new Open311Client({ endpoint, retries: 0 });
  const made = await client.submitRequest({
    serviceCode: code,
    ...place,
    description,
    email: 'someone.else@example.org',
    attributes: { DEPTH: 'DEEP' },
    ...(mediaUrl ? { mediaUrl } : {}),
  });
  if (!made.id) throw new Error('the server made no report');
  return made.id;
}

/** Puts the pin at a place, as the map picker says it when the resident chooses one. */
async function placePin(el: Open311Report, place: { lat: number; long: number }): Promise<void> {
  const picker = await until(() => inside(el, 'open311-map-picker'));
  picker.dispatchEvent(new Open311LocationChangeEvent({ ...place, address: 'Test Street' }));
  await el.updateComplete;
}

const focusedIn = (el: Open311Report): Element | null => root(el).activeElement;

describe('<open311-report>: "Is it one of these?"', () => {
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  it('offers the open report of the chosen problem near the pin, as a list of buttons, with focus on the step heading', async () => {
    const endpoint = (await endpoints()).fms;
    const place = freshPlace();
    const near = { lat: place.lat + 0.0005, long: place.long };
    const text = `Crater by the kerb ${Date.now()}`;
    await existing(endpoint, near, text);
    // Not offered: another problem at the same spot, and the same problem far away.
    await existing(endpoint, near, `Gully blocked ${Date.now()}`, 'DRN-01');
    await existing(endpoint, { lat: place.lat + 0.01, long: place.long }, `Far away ${Date.now()}`);
    const steps: string[] = [];
    const el = await fixture<Open311Report>(html`<open311-report no-history updates endpoint=${endpoint}></open311-report>`);
    el.addEventListener('open311-step-change', (e: Open311StepChangeEvent) => steps.push(`${e.detail.step} ${e.detail.index}/${e.detail.total}`));
    await toTheOffer(el, place);
    expect(stepCount(el)).to.equal('Step 2 of 5');
    expect(focusedIn(el)?.hasAttribute('data-step-heading')).to.equal(true);
    const items = [...root(el).querySelectorAll('ul.nearby-reports > li')];
    expect(items.length).to.equal(1);
    expect(items[0].textContent).to.contain(text);
    expect(items[0].textContent).to.match(/\d+ metres away, reported/);
    expect(items[0].querySelector('.nearby-stage')?.textContent?.trim()).to.equal('Open');
    const choose = items[0].querySelector('button')!;
    expect(choose.textContent?.trim()).to.equal('This is my problem');
    expect(choose.getAttribute('aria-label')).to.equal(`This is my problem: ${text}`);
    expect(steps).to.deep.equal(['what 2/5', 'nearby 2/5']);
    await expect(el).to.be.accessible();
  });

  it('follows the chosen report: its progress, an update the server stores, the event, and no new report', async () => {
    const endpoint = (await endpoints()).fms;
    const place = freshPlace();
    const text = `Sunken drain cover ${Date.now()}`;
    const id = await existing(endpoint, place, text);
    const followed: Open311DuplicateFollowedEvent['detail'][] = [];
    const el = await fixture<Open311Report>(html`<open311-report no-history updates endpoint=${endpoint}></open311-report>`);
    el.addEventListener('open311-duplicate-followed', (e) => followed.push(e.detail));
    const before = (await admin<unknown[]>('fms', 'requests')).length;
    await toTheOffer(el, place);
    root(el).querySelector<HTMLButtonElement>('ul.nearby-reports button')!.click();
    await until(() => focusedIn(el)?.id === 'nearby-chosen-heading');
    expect(focusedIn(el)?.textContent?.trim()).to.equal('Follow this report instead');
    const tracker = await until(() => inside(el, 'open311-status-tracker')?.shadowRoot && inside(el, 'open311-status-tracker'), 10000);
    expect(tracker.getAttribute('request-id')).to.equal(id);
    const add = await until(() => tracker.shadowRoot.querySelector<HTMLButtonElement>('[part~="follow-up-button"]'), 10000);
    expect(tracker.shadowRoot.textContent).to.contain(text);
    add.click();
    const box = await until(() => tracker.shadowRoot.querySelector<HTMLTextAreaElement>('#follow-up-text'));
    // Someone else's report: the tracker does not call it "your report".
    expect(tracker.shadowRoot.querySelector('#follow-up-heading')?.textContent?.trim()).to.equal('Add an update to this report');
    const update = `Still there and getting deeper ${Date.now()}`;
    box.value = update;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    tracker.shadowRoot.querySelector<HTMLButtonElement>('[part~="follow-up-submit"]')!.click();
    await until(() => followed.length > 0, 10000);
    expect(followed).to.deep.equal([{ serviceRequestId: id, serviceCode: 'PTH-01', action: 'update' }]);
    await until(() => tracker.shadowRoot.querySelector('.follow-up-status')?.textContent?.includes('added to the report you are following'), 10000);
    expect(tracker.shadowRoot.querySelector('.follow-up-status')?.textContent).not.to.contain('your report');
    const updates = await admin<{ service_request_id: string; description: string }[]>('fms', 'updates');
    expect(updates.some((u) => u.service_request_id === id && u.description === update)).to.equal(true);
    expect((await admin<unknown[]>('fms', 'requests')).length).to.equal(before);
    expect(visible(el, 'Report another problem')).to.equal(true);
  });

  it('"Keep it in my list of reports" adds it to "my reports" and says so', async () => {
    const endpoint = (await endpoints()).fms;
    const place = freshPlace();
    const id = await existing(endpoint, place, `Pothole to keep ${Date.now()}`);
    const followed: string[] = [];
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    el.addEventListener('open311-duplicate-followed', (e) => followed.push(`${e.detail.serviceRequestId} ${e.detail.action}`));
    await toTheOffer(el, place);
    root(el).querySelector<HTMLButtonElement>('ul.nearby-reports button')!.click();
    await until(() => root(el).querySelector('[part="nearby-keep-button"]'));
    root(el).querySelector<HTMLButtonElement>('[part="nearby-keep-button"]')!.click();
    await until(() => focusedIn(el)?.id === 'nearby-kept');
    expect(myReports(endpoint).map((r) => r.id)).to.include(id);
    expect(followed).to.deep.equal([`${id} kept`]);
    // Back to the list puts focus back on the report's own button.
    visibleButtonByText(el, 'Back to the list').click();
    await until(() => focusedIn(el)?.id === 'nearby-choose-0');
  });

  it('"No, mine is a different problem" goes on to the details, and Back from there skips the list', async () => {
    const endpoint = (await endpoints()).fms;
    const place = freshPlace();
    await existing(endpoint, place, `Another pothole ${Date.now()}`);
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await toTheOffer(el, place);
    await click(el, 'No, mine is a different problem');
    await until(() => heading(el) === 'Tell us more about the problem', 10000);
    expect(stepCount(el)).to.equal('Step 3 of 5');
    await click(el, 'Back');
    await until(() => heading(el) === 'What is the problem?');
  });

  it("shows a report's photo only from the endpoint's origin or media-origins, never from elsewhere", async () => {
    const endpoint = (await endpoints()).fms;
    const own = new URL('/media/pothole.jpg', endpoint).href;
    const place = freshPlace();
    await existing(endpoint, place, `With our photo ${Date.now()}`, 'PTH-01', own);
    await existing(
      endpoint,
      { lat: place.lat + 0.0003, long: place.long },
      `With a tracking pixel ${Date.now()}`,
      'PTH-01',
      'https://tracker.example.net/pixel.gif',
    );
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await toTheOffer(el, place);
    const items = [...root(el).querySelectorAll('ul.nearby-reports > li')];
    expect(items.length).to.equal(2);
    expect(items[0].textContent).to.contain('With our photo');
    expect(items[0].querySelector('img')?.getAttribute('src')).to.equal(own);
    expect(items[1].textContent).to.contain('With a tracking pixel');
    expect(items[1].querySelector('img')).to.equal(null);
    expect(root(el).innerHTML).to.not.contain('tracker.example.net');
  });

  it('a reload on the step searches again: the list when the report is still open, the details once it is closed', async () => {
    const endpoint = (await endpoints()).fms;
    const place = freshPlace();
    const text = `Reloaded ${Date.now()}`;
    const id = await existing(endpoint, place, text);
    const first = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await placePin(first, place);
    await click(first, 'Continue');
    await until(() => heading(first) === 'What is the problem?');
    await chooseService(first, 'Pothole');
    await click(first, 'Continue');
    await until(() => heading(first) === 'Is it one of these?', 10000);
    first.remove();
    // The draft kept the step: a new page opens on it and asks the server again.
    const again = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await until(() => root(again).querySelector('ul.nearby-reports li')?.textContent?.includes(text), 10000);
    expect(heading(again)).to.equal('Is it one of these?');
    again.remove();
    await admin('fms', `requests/${id}`, { status: 'fixed' });
    const closed = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await until(() => heading(closed) === 'Tell us more about the problem', 10000);
    expect(root(closed).querySelector('ul.nearby-reports')).to.equal(null);
  });

  it('with nothing to offer, goes straight from the problem to the details', async () => {
    const endpoint = (await endpoints()).fms;
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    const steps: string[] = [];
    el.addEventListener('open311-step-change', (e: Open311StepChangeEvent) => steps.push(e.detail.step));
    await placePin(el, freshPlace());
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    await chooseService(el, 'Pothole');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Tell us more about the problem', 10000);
    expect(steps).to.deep.equal(['what', 'details']);
  });

  it('with no-already-reported, never asks, even with a report at the pin', async () => {
    const endpoint = (await endpoints()).fms;
    const place = freshPlace();
    await existing(endpoint, place, `Unasked ${Date.now()}`);
    const el = await fixture<Open311Report>(html`<open311-report no-history no-already-reported endpoint=${endpoint}></open311-report>`);
    await placePin(el, place);
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    await chooseService(el, 'Pothole');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Tell us more about the problem', 10000);
  });

  it('problem-first: the problem, then the place, then "Is it one of these?"', async () => {
    const endpoint = (await endpoints()).fms;
    const place = freshPlace();
    await existing(endpoint, place, `Problem first ${Date.now()}`);
    const el = await fixture<Open311Report>(html`<open311-report no-history problem-first endpoint=${endpoint}></open311-report>`);
    await until(() => heading(el) === 'What is the problem?');
    expect(stepCount(el)).to.equal('Step 1 of 5');
    expect(root(el).querySelector('button.back')).to.equal(null);
    await chooseService(el, 'Pothole');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Where is the problem?');
    expect(stepCount(el)).to.equal('Step 2 of 5');
    // The map picker is told the problem from the start (its nearby list is of that problem).
    expect(inside(el, 'open311-map-picker').getAttribute('service-code')).to.equal('PTH-01');
    await placePin(el, place);
    await click(el, 'Continue');
    await until(() => heading(el) === 'Is it one of these?', 10000);
    await click(el, 'Back');
    await until(() => heading(el) === 'Where is the problem?');
  });

  it('problem-first: the first screen is the problem step at once, never "Loading…" while the later steps\' code arrives', async () => {
    const endpoint = (await endpoints()).fms;
    const el = document.createElement('open311-report');
    el.setAttribute('no-history', '');
    el.setAttribute('problem-first', '');
    el.setAttribute('endpoint', endpoint);
    // What every render showed, from the very first one.
    const shown: { heading: string; chooser: boolean; text: string }[] = [];
    el.addController({
      hostUpdated: () =>
        shown.push({
          heading: heading(el) ?? '',
          chooser: !!root(el).querySelector('section:not([hidden]) open311-service-chooser'),
          text: root(el).textContent ?? '',
        }),
    });
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(shown[0].heading).to.equal('What is the problem?');
      expect(shown[0].chooser).to.equal(true);
      await until(() => inside(el, 'open311-service-chooser')?.shadowRoot?.querySelector('input[type="radio"]'), 10000);
      expect(shown.filter((s) => s.text.includes('Loading…'))).to.deep.equal([]);
      await chooseService(el, 'Pothole');
      await click(el, 'Continue');
      await until(() => heading(el) === 'Where is the problem?');
    } finally {
      el.remove();
    }
  });

  it('in Welsh', async () => {
    const endpoint = (await endpoints()).fms;
    const place = freshPlace();
    await existing(endpoint, place, `Twll ${Date.now()}`);
    try {
      const el = await fixture<Open311Report>(html`<open311-report lang="cy" no-history endpoint=${endpoint}></open311-report>`);
      await until(() => getLocale() === 'cy');
      await placePin(el, place);
      await click(el, 'Parhau');
      await until(() => heading(el) === 'Beth yw’r broblem?');
      await chooseService(el, 'Pothole');
      await click(el, 'Parhau');
      await until(() => heading(el) === 'Ai un o’r rhain yw’r broblem?', 10000);
      expect(root(el).querySelector('ul.nearby-reports button')?.textContent).to.contain('Dyma fy mhroblem i');
      expect(visible(el, 'Na, mae fy mhroblem i’n wahanol')).to.equal(true);
      expect(root(el).querySelector('ul.nearby-reports li')?.textContent).to.contain('i ffwrdd');
    } finally {
      // Words are page-wide: a fresh English element puts English back for the next test.
      await fixture(html`<open311-report lang="en" no-history endpoint=${endpoint}></open311-report>`);
      await until(() => getLocale() === 'en');
    }
  });
});

/** Where, then what (a pothole), as a resident would: the step after is "Is it one of these?". */
async function toTheOffer(el: Open311Report, place: { lat: number; long: number }): Promise<void> {
  await placePin(el, place);
  await click(el, 'Continue');
  await until(() => heading(el) === 'What is the problem?');
  await chooseService(el, 'Pothole');
  await click(el, 'Continue');
  await until(() => heading(el) === 'Is it one of these?', 10000);
}
function visibleButtonByText(el: Open311Report, text: string): HTMLButtonElement {
  const found = [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text && b.offsetParent !== null);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

function visible(el: Open311Report, text: string): boolean {
  return [...root(el).querySelectorAll<HTMLButtonElement>('button')].some((b) => b.textContent?.trim() === text && b.offsetParent !== null);
}
