import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { admin, endpoints, until } from '../helpers/servers.js';

/**
 * The whole flow inside one element, against the local server: steps, validation per step, the
 * draft surviving a "reload", Back through browser history, one request per Send, and a failed
 * send that keeps everything.
 */

type Stored = { service_request_id: string; description?: string; email?: string; attributes?: Record<string, unknown> }[];

const root = (el: Element): ShadowRoot => el.shadowRoot!;
const inside = (el: Element, tag: string): HTMLElement & { shadowRoot: ShadowRoot } =>
  root(el).querySelector(tag) as HTMLElement & { shadowRoot: ShadowRoot };
const heading = (el: Open311Report) => root(el).querySelector('[data-step-heading]')?.textContent?.trim();
const stepCount = (el: Open311Report) => root(el).querySelector('.step-count')?.textContent?.trim();

function visibleButton(el: Element, text: string): HTMLButtonElement {
  const buttons = [...root(el).querySelectorAll<HTMLButtonElement>('section:not([hidden]) button, .actions button, button.back')];
  const found = buttons.find((b) => b.textContent?.trim().startsWith(text) && b.offsetParent !== null);
  if (!found) throw new Error(`no visible button "${text}"`);
  return found;
}

async function click(el: Open311Report, text: string): Promise<void> {
  visibleButton(el, text).click();
  await el.updateComplete;
}

async function describePlace(el: Open311Report, words: string): Promise<void> {
  const picker = await until(() => inside(el, 'open311-map-picker')?.shadowRoot?.querySelector('#describe-text') && inside(el, 'open311-map-picker'));
  const text = picker.shadowRoot.querySelector<HTMLTextAreaElement>('#describe-text')!;
  (picker.shadowRoot.querySelector('details') as HTMLDetailsElement).open = true;
  text.value = words;
  [...picker.shadowRoot.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Use this description'))!.click();
}

async function chooseService(el: Open311Report, name: string): Promise<void> {
  const chooser = await until(() => {
    const c = inside(el, 'open311-service-chooser');
    return c?.shadowRoot?.querySelector('input[type=radio]') ? c : undefined;
  }, 10000);
  const label = [...chooser.shadowRoot.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(name))!;
  label.click();
}

function questionsForm(el: Open311Report) {
  return root(el).querySelector('open311-report-form[sections="questions"]') as HTMLElement & { shadowRoot: ShadowRoot; updateComplete: Promise<boolean> };
}

async function answerPothole(el: Open311Report, description: string): Promise<void> {
  const form = await until(() => {
    const f = questionsForm(el);
    return f?.shadowRoot?.querySelector('input[type=radio][value="DEEP"]') ? f : undefined;
  }, 10000);
  form.shadowRoot.querySelector<HTMLInputElement>('input[type=radio][value="DEEP"]')!.click();
  const area = form.shadowRoot.querySelector<HTMLTextAreaElement>('textarea[name="description"], #description')!;
  area.value = description;
  area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  area.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await form.updateComplete;
}

async function fillEmail(el: Open311Report, email: string): Promise<void> {
  const form = await until(() => {
    const f = root(el).querySelector('open311-report-form[sections="contact"]') as (HTMLElement & { shadowRoot: ShadowRoot }) | null;
    return f?.shadowRoot?.querySelector('input[type=email]') ? f : undefined;
  });
  const input = form.shadowRoot.querySelector<HTMLInputElement>('input[type=email]')!;
  input.value = email;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

async function toCheckStep(el: Open311Report, description: string): Promise<void> {
  await describePlace(el, 'Outside 14 Queen Square, by the post box');
  await click(el, 'Continue');
  await until(() => heading(el) === 'What is the problem?');
  await chooseService(el, 'Pothole');
  await click(el, 'Continue');
  await until(() => heading(el) === 'Tell us more about the problem');
  await answerPothole(el, description);
  await click(el, 'Continue');
  await until(() => heading(el) === 'About you');
  await fillEmail(el, 'resident@example.org');
  await click(el, 'Continue');
  await until(() => heading(el) === 'Check your answers before sending your report');
}

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
    await chooseService(first, 'Pothole');
    await click(first, 'Continue');
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
