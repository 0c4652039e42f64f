import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import {
  click,
  heading,
  root,
  stepCount,
  toCheckStep,
  visibleButton,
  answerPothole,
  chooseService,
  describePlace,
  questionsForm,
} from '../helpers/report-flow.js';
import type { Stored } from '../helpers/report-flow.js';

/**
 * The whole flow inside one element, against the local server: steps, validation per step, the
 * draft surviving a "reload", Back through browser history, one request per Send, and a failed
 * send that keeps everything.
 */

describe('<open311-report>', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  it('starts at step 1 of 5 and will not go on without a location', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    expect(stepCount(el)).to.equal('Step 1 of 5');
    expect(heading(el)).to.equal('Where is the problem?');
    await click(el, 'Continue');
    const summary = await until(() => root(el).querySelector<HTMLElement>('.error-summary'));
    expect(summary.textContent).to.contain('Choose where the problem is');
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    await expect(el).to.be.accessible();
  });

  it('goes through every step, sends once, and shows the reference the server gave', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    const submitted: CustomEvent[] = [];
    el.addEventListener('open311-submitted', (e) => submitted.push(e as unknown as CustomEvent));
    const description = `Deep hole by the post box ${Date.now()}`;
    await toCheckStep(el, description);
    const summary = root(el).querySelector('dl.summary')!.textContent!;
    expect(summary).to.contain('Pothole');
    expect(summary).to.contain('More than 10 cm');
    expect(summary).to.contain('Queen Square');
    expect(summary).to.contain('resident@example.org');
    await expect(el).to.be.accessible();
    // A double click sends one report.
    const send = visibleButton(el, 'Send report');
    send.click();
    send.click();
    await until(() => heading(el) === 'Report sent', 10000);
    const reference = root(el).querySelector('.reference')!.textContent!.trim();
    const stored = (await admin<Stored>('default', 'requests')).filter((r) => r.description === description);
    expect(stored.map((r) => r.service_request_id)).to.deep.equal([reference]);
    expect(stored[0].email).to.equal('resident@example.org');
    expect(submitted).to.have.length(1);
    expect(localStorage.getItem(`open311:draft:${endpoint}|`)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps the draft: a new element on the same page carries on where the last one stopped', async () => {
    const first = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await describePlace(first, 'By the bus stop on Corn Street');
    await click(first, 'Continue');
    await until(() => heading(first) === 'What is the problem?');
    await chooseService(first, 'Pothole');
    await click(first, 'Continue');
    // Continue may wait for the later steps' code: answer once the details step is really shown.
    await until(() => heading(first) === 'Tell us more about the problem', 10000);
    await answerPothole(first, 'Kept across a reload');
    first.remove();
    const again = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    expect(heading(again)).to.equal('Tell us more about the problem');
    await until(() => {
      const f = questionsForm(again);
      return f?.shadowRoot?.querySelector<HTMLInputElement>('input[value="DEEP"]')?.checked;
    }, 10000);
    const area = questionsForm(again).shadowRoot.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(area.value).to.equal('Kept across a reload');
  });

  it('moves back a step with the browser Back button', async () => {
    const el = await fixture<Open311Report>(html`<open311-report endpoint=${endpoint}></open311-report>`);
    await describePlace(el, 'Outside the library');
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    history.back();
    await until(() => heading(el) === 'Where is the problem?');
    expect(stepCount(el)).to.equal('Step 1 of 5');
  });

  it('a failed send keeps everything and says so; Try again sends it', async () => {
    let failNext = true;
    const flaky: typeof fetch = async (input, init) => {
      if (init?.method === 'POST' && failNext) {
        failNext = false;
        return new Response('<html><body><h1>500 Internal Server Error</h1></body></html>', { status: 500, headers: { 'content-type': 'text/html' } });
      }
      return fetch(input, init);
    };
    const client = new Open311Client({ endpoint, fetch: flaky, retries: 0 });
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client}></open311-report>`);
    const description = `Fails once ${Date.now()}`;
    await toCheckStep(el, description);
    await click(el, 'Send report');
    const error = await until(() => root(el).querySelector<HTMLElement>('.error-summary'), 10000);
    expect(error.textContent).to.contain('has not been sent');
    expect(heading(el)).to.equal('Check your answers before sending your report');
    expect(root(el).querySelector('dl.summary')!.textContent).to.contain('More than 10 cm');
    await expect(el).to.be.accessible();
    await click(el, 'Try again');
    await until(() => heading(el) === 'Report sent', 10000);
    const stored = (await admin<Stored>('default', 'requests')).filter((r) => r.description === description);
    expect(stored).to.have.length(1);
  });
});
