import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { endpoints, until } from '../helpers/servers.js';
import { click, heading, inside, toCheckStep, toDetailsStep } from '../helpers/report-flow.js';

/**
 * Issue 22, item 9: the confirmation page's tracker asked every server for FixMyStreet's
 * `servicerequestupdates`, so a server without them put a 404 in the console on every confirmation.
 */
describe('<open311-report>: the confirmation asks no server for updates it has not said it has', () => {
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  it('sends, shows the tracker, and never calls servicerequestupdates on the default server', async () => {
    const endpoint = (await endpoints()).default;
    const calls: string[] = [];
    const recording: typeof fetch = (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    };
    const client = new Open311Client({ endpoint, fetch: recording, retries: 0 });
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client}></open311-report>`);
    await toCheckStep(el, `No updates ${Date.now()}`);
    await click(el, 'Send report');
    await until(() => heading(el) === 'Report sent', 10000);
    const tracker = await until(() => inside(el, 'open311-status-tracker'), 10000);
    await until(() => tracker.shadowRoot?.querySelector('.details'), 10000);
    expect(calls.some((c) => c.includes('/requests/'))).to.equal(true);
    expect(calls.filter((c) => c.includes('servicerequestupdates'))).to.deep.equal([]);
  });

  it('with updates on a FixMyStreet server, the confirmation tracker asks for them and offers "Add an update"', async () => {
    const endpoint = (await endpoints()).fms;
    const calls: string[] = [];
    const recording: typeof fetch = (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    };
    const client = new Open311Client({ endpoint, fetch: recording, retries: 0 });
    const el = await fixture<Open311Report>(html`<open311-report no-history updates endpoint=${endpoint} .client=${client}></open311-report>`);
    await toCheckStep(el, `Updates wanted ${Date.now()}`);
    await click(el, 'Send report');
    await until(() => heading(el) === 'Report sent', 10000);
    const tracker = await until(() => inside(el, 'open311-status-tracker'), 10000);
    const followUp = await until(() => tracker.shadowRoot?.querySelector<HTMLButtonElement>('[part~="follow-up-button"]'), 10000);
    expect(followUp.textContent!.trim()).to.equal('Add an update');
    expect(calls.some((c) => c.includes('servicerequestupdates'))).to.equal(true);
  });
});

describe('<open311-report>: a photo that cannot be prepared', () => {
  afterEach(() => forgetEverything());

  it('fires open311-error with kind "photo" when the chosen file is not a photo', async () => {
    const endpoint = (await endpoints()).default;
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} photo="multipart"></open311-report>`);
    const kinds: string[] = [];
    el.addEventListener('open311-error', (e) => kinds.push(e.detail.kind));
    await toDetailsStep(el);
    const input = await until(() => el.shadowRoot?.querySelector<HTMLInputElement>('#photo'), 10000);
    const data = new DataTransfer();
    data.items.add(new File(['not an image'], 'notes.jpg', { type: 'image/jpeg' }));
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => kinds.includes('photo'), 10000);
    expect(kinds).to.deep.equal(['photo']);
  });
});
