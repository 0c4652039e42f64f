import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import { heading, root, toCheckStep, visibleButton } from '../helpers/report-flow.js';
import type { Stored } from '../helpers/report-flow.js';

/**
 * A report made while offline (issue 12): it stays in the draft marked queued, "Not sent yet";
 * when the `online` event fires while the page is open it is sent once; on a new visit the widget
 * asks before sending. The browser here is never really offline: `navigator.onLine` is set by the
 * test, as a dropped signal would set it, and the `online` event is the one the browser fires.
 */

let offline = false;

function goOffline(): void {
  offline = true;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => !offline });
}

function comeBackOnline(): void {
  offline = false;
  window.dispatchEvent(new Event('online'));
}

/** A client that counts the report POSTs it makes (the server's own count is checked too). */
function countingClient(endpoint: string): { client: Open311Client; posts: () => number } {
  let posts = 0;
  const counting: typeof fetch = (input, init) => {
    if (init?.method === 'POST') posts++;
    return fetch(input, init);
  };
  return { client: new Open311Client({ endpoint, fetch: counting, retries: 0 }), posts: () => posts };
}

const draftKey = (endpoint: string) => `open311:draft:${endpoint}|`;
const savedDraft = (endpoint: string) => JSON.parse(localStorage.getItem(draftKey(endpoint)) ?? 'null') as { queued?: { at: number }; clientId: string } | null;
const statusText = (el: Open311Report) => root(el).querySelector('.check [role="status"]')?.textContent?.trim() ?? '';
const storedWith = async (description: string) => (await admin<Stored>('default', 'requests')).filter((r) => r.description === description);

describe('<open311-report> offline', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(() => {
    offline = false;
    delete (navigator as { onLine?: boolean }).onLine;
    forgetEverything();
  });

  it('keeps a report sent offline as "not sent yet", and sends it once when the connection returns', async () => {
    const { client, posts } = countingClient(endpoint);
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client}></open311-report>`);
    const description = `Queued offline ${Date.now()}`;
    await toCheckStep(el, description);
    goOffline();
    await visibleButton(el, 'Send report').click();
    const notice = await until(() => root(el).querySelector<HTMLElement>('[part="queued-notice"]'));
    expect(notice.textContent).to.contain('Not sent yet');
    expect(notice.textContent).to.contain('will be sent when you are back online');
    expect(statusText(el)).to.contain('Not sent yet');
    expect(root(el).querySelector('.error-summary')).to.equal(null);
    expect(savedDraft(endpoint)?.queued?.at).to.be.a('number');
    expect(posts()).to.equal(0);
    await expect(el).to.be.accessible();

    comeBackOnline();
    // A second `online` (flaky networks fire several) must not send it again.
    window.dispatchEvent(new Event('online'));
    await until(() => heading(el) === 'Report sent', 10000);
    expect(posts()).to.equal(1);
    expect(await storedWith(description)).to.have.length(1);
    const said = [...root(el).querySelectorAll('[role="status"]')].map((p) => p.textContent).join(' ');
    expect(said).to.contain('Your report has been sent');
    expect(localStorage.getItem(draftKey(endpoint))).to.equal(null);
  });

  it('on the next visit asks before sending a queued report, and sends only after Send now', async () => {
    const first = countingClient(endpoint);
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${first.client}></open311-report>`);
    const description = `Queued, then reloaded ${Date.now()}`;
    await toCheckStep(el, description);
    goOffline();
    await visibleButton(el, 'Send report').click();
    await until(() => savedDraft(endpoint)?.queued);
    // The page is closed, and opened again later, online.
    el.remove();
    offline = false;
    const again = countingClient(endpoint);
    const next = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${again.client}></open311-report>`);
    const ask = await until(() => root(next).querySelector<HTMLElement>('[part="queued-notice"]'), 10000);
    expect(ask.textContent).to.contain('You have a report that was not sent. Send it now?');
    expect(ask.textContent, 'there was no photo to lose').not.to.contain('photo');
    expect(root(next).querySelector('dl.summary')!.textContent).to.contain(description);
    await expect(next).to.be.accessible();
    window.dispatchEvent(new Event('online'));
    // Not on its own, on a new visit: a round trip to the server later, still nothing.
    expect(await storedWith(description)).to.have.length(0);
    expect(again.posts()).to.equal(0);

    await visibleButton(next, 'Send now').click();
    await until(() => heading(next) === 'Report sent', 10000);
    expect(again.posts()).to.equal(1);
    expect(await storedWith(description)).to.have.length(1);
  });

  it('Discard on the next visit throws the queued report away and starts again', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    const description = `Queued, then discarded ${Date.now()}`;
    await toCheckStep(el, description);
    goOffline();
    await visibleButton(el, 'Send report').click();
    await until(() => savedDraft(endpoint)?.queued);
    el.remove();
    offline = false;
    const next = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await until(() => root(next).querySelector('[part="queued-notice"]'), 10000);
    await visibleButton(next, 'Discard').click();
    await until(() => heading(next) === 'Where is the problem?');
    expect(savedDraft(endpoint)?.queued).to.equal(undefined);
    expect(await storedWith(description)).to.have.length(0);
  });

  it('two widgets sharing one draft send it once when the connection returns', async () => {
    const { client, posts } = countingClient(endpoint);
    const a = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client}></open311-report>`);
    const description = `Queued in two places ${Date.now()}`;
    await toCheckStep(a, description);
    goOffline();
    await visibleButton(a, 'Send report').click();
    await until(() => savedDraft(endpoint)?.queued);
    // A second widget (another tab, as far as storage goes) with the same draft, queued there too.
    const b = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client}></open311-report>`);
    await until(() => root(b).querySelector('[part="queued-notice"]'), 10000);
    await until(() => b.shadowRoot!.querySelector('dl.summary')?.textContent?.includes(description), 10000);
    await visibleButton(b, 'Send now').click();
    await until(() => root(b).querySelector('[part="queued-notice"]')?.textContent?.includes('Not sent yet'));

    comeBackOnline();
    await until(() => heading(a) === 'Report sent' || heading(b) === 'Report sent', 10000);
    // The other one finds the report gone and starts afresh, saying why.
    await until(() => heading(a) === 'Where is the problem?' || heading(b) === 'Where is the problem?', 10000);
    expect(posts()).to.equal(1);
    expect(await storedWith(description)).to.have.length(1);
    const other = heading(a) === 'Where is the problem?' ? a : b;
    expect(root(other).textContent).to.contain('sent or discarded in another tab or window');
  });

  it('a network failure while the device says it is online keeps the existing behaviour (Try again)', async () => {
    const failing: typeof fetch = (input, init) => (init?.method === 'POST' ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init));
    const client = new Open311Client({ endpoint, fetch: failing, retries: 0 });
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client}></open311-report>`);
    await toCheckStep(el, `Network failure online ${Date.now()}`);
    await visibleButton(el, 'Send report').click();
    const error = await until(() => root(el).querySelector<HTMLElement>('.error-summary'), 10000);
    expect(error.textContent).to.contain('check your internet connection');
    expect(root(el).querySelector('[part="queued-notice"]')).to.equal(null);
    expect(savedDraft(endpoint)?.queued).to.equal(undefined);
    visibleButton(el, 'Try again');
  });
});
