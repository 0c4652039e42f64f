import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { endpoints, until } from '../helpers/servers.js';
import { answerPothole, chooseService, click, describePlace, fillEmail, heading, root, toCheckStep } from '../helpers/report-flow.js';

/**
 * What a council needs around the flow before it goes live (issue 11): the urgent-danger notice and
 * response times, other ways to report, privacy where details are collected, shared computers, the
 * receipt, and every device.
 */

/** The text of the visible step (hidden sections left out). */
function visibleText(el: Open311Report): string {
  return [...root(el).querySelectorAll<HTMLElement>('section:not([hidden]), .check, .sent, .other-ways, .forget')]
    .map((s) => s.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** The urgent notice inside the visible part of the element, if any. */
function visibleUrgent(el: Open311Report): HTMLElement | undefined {
  return [...root(el).querySelectorAll<HTMLElement>('.urgent')].find((n) => n.getClientRects().length > 0);
}

async function toDetails(el: Open311Report, service = 'Pothole'): Promise<void> {
  await describePlace(el, 'Outside 14 Queen Square, by the post box');
  await click(el, 'Continue');
  await until(() => heading(el) === 'What is the problem?');
  await chooseService(el, service);
  await click(el, 'Continue');
  await until(() => heading(el) === 'Tell us more about the problem');
}

async function detailsToCheck(el: Open311Report): Promise<void> {
  await answerPothole(el, 'Deep hole');
  await click(el, 'Continue');
  await until(() => heading(el) === 'About you');
  await fillEmail(el, 'resident@example.org');
  await click(el, 'Continue');
  await until(() => heading(el) === 'Check your answers before sending your report');
}

describe('<open311-report> ready for launch', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  describe('before you start', () => {
    it('tells the resident to call 999 in danger, and gives the out-of-hours number as a phone link', async () => {
      const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} urgent-phone="0300 123 4567"></open311-report>`);
      const notice = visibleUrgent(el)!;
      expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain('If there is a danger to life, call 999. For urgent problems out of hours, call 0300 123 4567.');
      expect(notice.querySelector('a')!.getAttribute('href')).to.equal('tel:03001234567');
      await expect(el).to.be.accessible();
    });

    it('has a sensible default without a number, and takes the council’s own words', async () => {
      const plain = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
      expect(visibleUrgent(plain)!.textContent).to.contain('If there is a danger to life, call 999.');
      const own = await fixture<Open311Report>(
        html`<open311-report no-history endpoint=${endpoint} urgent-phone="01632 960000" urgent-text="Gas leak? Call 0800 111 999. Fallen tree blocking a road? Call {phone}."></open311-report>`,
      );
      const notice = visibleUrgent(own)!;
      expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain('Gas leak? Call 0800 111 999. Fallen tree blocking a road? Call 01632 960000.');
      expect(notice.textContent).not.to.contain('danger to life');
      expect(notice.querySelector('a')!.textContent).to.equal('01632 960000');
      const none = await fixture<Open311Report>(html`<open311-report no-history no-urgent endpoint=${endpoint}></open311-report>`);
      expect(visibleUrgent(none)).to.equal(undefined);
    });

    it('repeats the notice for an urgent service and says what happens next on details and check answers', async () => {
      const el = await fixture<Open311Report>(
        html`<open311-report
          no-history
          endpoint=${endpoint}
          urgent-phone="0300 123 4567"
          urgent-services="BIN OVERFLOW, PTH-01"
          response-times='{"PTH-01":"We inspect potholes within 5 working days","Roads and pavements":"Within 10 working days"}'
        ></open311-report>`,
      );
      await toDetails(el);
      expect(visibleUrgent(el)?.textContent).to.contain('call 999');
      expect(visibleText(el)).to.contain('We inspect potholes within 5 working days');
      expect(visibleText(el)).not.to.contain('Within 10 working days');
      await expect(el).to.be.accessible();
      await detailsToCheck(el);
      expect(visibleText(el)).to.contain('What happens next');
      expect(visibleText(el)).to.contain('We inspect potholes within 5 working days');
      await expect(el).to.be.accessible();
    });

    it('takes "urgent" from the server’s keywords, response times from the group, and no notice for other services', async () => {
      // The local server has no urgent service: mark Pothole so on the way, as a council's server might.
      const marking: typeof fetch = async (input, init) => {
        const res = await fetch(input, init);
        if (!String(input instanceof Request ? input.url : input).includes('/services.json')) return res;
        const list = (await res.json()) as { service_code: string; keywords?: string }[];
        const marked = list.map((s) => (s.service_code === 'PTH-01' ? { ...s, keywords: `${s.keywords ?? ''}, urgent` } : s));
        return new Response(JSON.stringify(marked), { status: 200, headers: { 'content-type': 'application/json' } });
      };
      const client = new Open311Client({ endpoint, fetch: marking, retries: 0 });
      const el = await fixture<Open311Report>(
        html`<open311-report no-history endpoint=${endpoint} .client=${client} response-times='{"Roads and pavements":"Within 10 working days","bad":3}'></open311-report>`,
      );
      await toDetails(el);
      expect(visibleUrgent(el)).not.to.equal(undefined);
      expect(visibleText(el)).to.contain('Within 10 working days');
      await click(el, 'Back');
      await until(() => heading(el) === 'What is the problem?');
      await chooseService(el, 'Street light');
      await click(el, 'Continue');
      await until(() => heading(el) === 'Tell us more about the problem');
      expect(visibleUrgent(el)).to.equal(undefined);
      expect(visibleText(el)).not.to.contain('working days');
    });
  });

  describe('other ways to report', () => {
    const WAYS = { phone: '0300 123 4567', email: 'streets@council.example', address: 'Highways, Council House\nHigh Street, Exampletown EX1 1AA' };

    it('are folded away on the first step, with phone, email and address', async () => {
      const el = await fixture<Open311Report>(
        html`<open311-report no-history endpoint=${endpoint} council-phone=${WAYS.phone} council-email=${WAYS.email} council-address=${WAYS.address}></open311-report>`,
      );
      const details = root(el).querySelector<HTMLDetailsElement>('details.other-ways')!;
      expect(details.open).to.equal(false);
      expect(details.querySelector('summary')!.textContent).to.contain('Other ways to report a problem');
      details.querySelector('summary')!.click();
      expect(details.open).to.equal(true);
      const links = [...details.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(links).to.deep.equal(['tel:03001234567', 'mailto:streets@council.example']);
      const address = details.querySelector<HTMLElement>('.address')!;
      expect(address.innerText).to.contain('Council House\nHigh Street');
      await expect(el).to.be.accessible();
      await describePlace(el, 'By the library');
      await click(el, 'Continue');
      await until(() => heading(el) === 'What is the problem?');
      expect(root(el).querySelector('.other-ways')).to.equal(null);
    });

    it('the council’s own words in the other-ways slot replace the list', async () => {
      const el = await fixture<Open311Report>(
        html`<open311-report no-history endpoint=${endpoint} council-phone=${WAYS.phone}><p slot="other-ways">Visit any library and ask at the desk.</p></open311-report>`,
      );
      const details = root(el).querySelector<HTMLDetailsElement>('details.other-ways')!;
      details.open = true;
      const slot = details.querySelector<HTMLSlotElement>('slot[name="other-ways"]')!;
      expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Visit any library and ask at the desk.']);
      expect(el.querySelector('p')!.getClientRects().length).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });

    it('are shown open when the report cannot be sent', async () => {
      const failing: typeof fetch = async (input, init) =>
        init?.method === 'POST' ? new Response('<h1>502 Bad Gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }) : fetch(input, init);
      const client = new Open311Client({ endpoint, fetch: failing, retries: 0 });
      const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client} council-phone=${WAYS.phone}></open311-report>`);
      await toCheckStep(el, 'Will not arrive');
      expect(root(el).querySelector('.other-ways')).to.equal(null);
      await click(el, 'Send report');
      await until(() => root(el).querySelector('.error-summary'), 10000);
      const ways = await until(() => root(el).querySelector<HTMLElement>('.other-ways.stuck'));
      expect(ways.textContent).to.contain('0300 123 4567');
      expect(ways.getClientRects().length).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });

    it('are shown open when the list of problems cannot be loaded', async () => {
      const failing: typeof fetch = async (input, init) =>
        /\/services\.(json|xml)/.test(String(input instanceof Request ? input.url : input)) ? new Response('down', { status: 503 }) : fetch(input, init);
      const client = new Open311Client({ endpoint, fetch: failing, retries: 0 });
      const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client} council-email=${WAYS.email}></open311-report>`);
      await describePlace(el, 'By the library');
      await click(el, 'Continue');
      await until(() => heading(el) === 'What is the problem?');
      const ways = await until(() => root(el).querySelector<HTMLElement>('.other-ways.stuck'), 10000);
      expect(ways.textContent).to.contain('streets@council.example');
      await expect(el).to.be.accessible();
    });

    it('content inside the element shows while the script has not loaded, and hides once it has', async () => {
      const frame = await fixture<HTMLIFrameElement>(html`<iframe title="council page" width="400" height="400"></iframe>`);
      frame.srcdoc = `<!DOCTYPE html><html lang="en"><body>
        <open311-report no-history endpoint="${endpoint}"><p id="fallback">Report a problem by calling 0300 123 4567.</p></open311-report>
      </body></html>`;
      await oneEvent(frame, 'load');
      const win = frame.contentWindow!;
      const doc = frame.contentDocument!;
      const fallback = doc.getElementById('fallback')!;
      // No script: the browser shows the unknown element's content.
      expect(win.customElements.get('open311-report')).to.equal(undefined);
      expect(fallback.getClientRects().length).to.be.greaterThan(0);
      const script = doc.createElement('script');
      script.type = 'module';
      script.textContent = `await import('${location.origin}/src/elements/report/report.ts');`;
      doc.body.append(script);
      await until(() => win.customElements.get('open311-report'), 10000);
      await until(() => doc.querySelector('open311-report')!.shadowRoot?.querySelector('[data-step-heading]'));
      expect(fallback.getClientRects().length).to.equal(0);
    });
  });
});
