import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import { click, fillEmail, heading, root, toCheckStep, visibleButton } from '../helpers/report-flow.js';
import type { Stored } from '../helpers/report-flow.js';

/**
 * Issue 22, item 4: a report queued offline keeps its answers in localStorage, but the contact
 * details live for the browser session only. Sent on a later visit (the session's storage gone), it
 * must go back to "About you" for what the page requires, and send nothing without it.
 * `navigator.onLine` is set by the test, as a dropped signal would set it (as report-offline.test.ts).
 */

let offline = false;

function countingClient(endpoint: string): { client: Open311Client; posts: () => number } {
  let posts = 0;
  const counting: typeof fetch = (input, init) => {
    if (init?.method === 'POST') posts++;
    return fetch(input, init);
  };
  return { client: new Open311Client({ endpoint, fetch: counting, retries: 0 }), posts: () => posts };
}

describe('<open311-report>: a queued report sent on a later visit asks for what was forgotten', () => {
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

  it('goes back to "About you" when the required email is gone, and sends only once it is given', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} require-contact="email"></open311-report>`);
    const description = `Queued, contact gone ${Date.now()}`;
    await toCheckStep(el, description);
    offline = true;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => !offline });
    visibleButton(el, 'Send report').click();
    await until(() => JSON.parse(localStorage.getItem(`open311:draft:${endpoint}|`) ?? '{}').queued);
    el.remove();
    offline = false;
    // A later visit: the browser session (and with it the contact details) has ended.
    sessionStorage.removeItem(`open311:contact:${endpoint}|`);

    const { client, posts } = countingClient(endpoint);
    const next = await fixture<Open311Report>(
      html`<open311-report no-history endpoint=${endpoint} require-contact="email" .client=${client}></open311-report>`,
    );
    const ask = await until(() => root(next).querySelector<HTMLElement>('[part="queued-notice"]'), 10000);
    expect(ask.textContent).to.contain('Your contact details were not kept on this device');
    await expect(next).to.be.accessible();
    visibleButton(next, 'Send now').click();
    await until(() => heading(next) === 'About you', 10000);
    const form = root(next).querySelector('open311-report-form[sections="contact"]')!;
    const summary = await until(() => form.shadowRoot?.querySelector<HTMLElement>('[part~="error-summary"]'));
    expect(summary.textContent).to.contain('Enter your email address');
    expect(posts(), 'nothing sent without the email').to.equal(0);
    expect((await admin<Stored>('default', 'requests')).filter((r) => r.description === description)).to.have.length(0);

    await fillEmail(next, 'back-again@example.org');
    await click(next, 'Continue');
    await until(() => heading(next) === 'Check your answers before sending your report');
    expect(root(next).querySelector('dl.summary')!.textContent).to.contain('back-again@example.org');
    visibleButton(next, 'Send now').click();
    await until(() => heading(next) === 'Report sent', 10000);
    expect(posts()).to.equal(1);
    const stored = (await admin<Stored>('default', 'requests')).filter((r) => r.description === description);
    expect(stored.map((r) => r.email)).to.deep.equal(['back-again@example.org']);
  });
});
