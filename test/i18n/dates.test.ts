import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report/report.js';
import '../../src/elements/status-tracker/status-tracker.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { formatDateTime } from '../../src/i18n/dates.js';
import { getLocale } from '../../src/i18n/localize.js';
import { Open311Client } from '../../src/open311/client.js';
import { endpoints, until } from '../helpers/servers.js';
import { chooseService, click, describePlace, fillEmail, heading, questionsForm, root } from '../helpers/report-flow.js';

/**
 * Issue 22, item 8: dates and times in the page's language. Before: "Sent: December 5, 2026 at
 * 9:46 AM" on an en-GB page, "5 Dec 2026, 09:46" in the tracker below it, and a date answer shown
 * as sent (`2026-12-01T08:30:00Z`) on check answers.
 */

/** GOV.UK's style: "5 December 2026 at 9:46am". */
const BRITISH = /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at \d{1,2}:\d{2}(am|pm)$/;

async function onPage(lang: string): Promise<HTMLElement> {
  document.documentElement.lang = lang;
  const el = await fixture<HTMLElement>(html`<div><open311-status-tracker no-updates></open311-status-tracker></div>`);
  await until(() => getLocale() === (lang.startsWith('cy') ? 'cy' : 'en'));
  return el;
}

describe('dates and times in the page’s language', () => {
  const pageLang = document.documentElement.lang;
  afterEach(async () => {
    document.documentElement.lang = pageLang;
    await fixture(html`<open311-status-tracker lang="en" no-updates></open311-status-tracker>`);
    await until(() => getLocale() === 'en');
    forgetEverything();
  });

  it('writes British English as GOV.UK does: "5 December 2026 at 9:46am", noon and midnight as 12', async () => {
    const node = await onPage('en-GB');
    expect(formatDateTime(new Date(2026, 11, 5, 9, 46), node)).to.equal('5 December 2026 at 9:46am');
    expect(formatDateTime(new Date(2026, 11, 5, 21, 5), node)).to.equal('5 December 2026 at 9:05pm');
    expect(formatDateTime(new Date(2026, 11, 5, 12, 0), node)).to.equal('5 December 2026 at 12:00pm');
    expect(formatDateTime(new Date(2026, 11, 5, 0, 30), node)).to.equal('5 December 2026 at 12:30am');
    // <html lang="en"> on a UK council's page is British English too.
    expect(formatDateTime(new Date(2026, 11, 5, 9, 46), await onPage('en'))).to.equal('5 December 2026 at 9:46am');
  });

  it('writes Welsh on a Welsh page: "5 Rhagfyr 2026 am 9:46yb"', async () => {
    const node = await onPage('cy');
    expect(formatDateTime(new Date(2026, 11, 5, 9, 46), node)).to.equal('5 Rhagfyr 2026 am 9:46yb');
    expect(formatDateTime(new Date(2026, 6, 1, 14, 5), node)).to.equal('1 Gorffennaf 2026 am 2:05yh');
  });

  it('shows a date answer on check answers in words, and the Sent line of the receipt the same way', async () => {
    document.documentElement.lang = 'en-GB';
    const endpoint = (await endpoints()).default;
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await describePlace(el, 'Outside the library');
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    await chooseService(el, 'Abandoned vehicle');
    await click(el, 'Continue');
    const form = await until(() => questionsForm(el)?.shadowRoot?.querySelector('input[type=datetime-local]') && questionsForm(el), 10000);
    const reg = form.shadowRoot.querySelector<HTMLInputElement>('input[type=text]')!;
    reg.value = 'AB12 CDE';
    reg.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const when = form.shadowRoot.querySelector<HTMLInputElement>('input[type=datetime-local]')!;
    when.value = '2026-12-01T08:30';
    when.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    when.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    const area = form.shadowRoot.querySelector<HTMLTextAreaElement>('textarea')!;
    area.value = 'A blue van, no tax disc';
    area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await form.updateComplete;
    await click(el, 'Continue');
    await until(() => heading(el) === 'About you');
    await fillEmail(el, 'resident@example.org');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Check your answers before sending your report');
    const rows = [...root(el).querySelectorAll('dl.summary > div')].map((d) => [
      d.querySelector('dt')?.textContent?.trim(),
      d.querySelector('dd')?.textContent?.trim(),
    ]);
    expect(rows).to.deep.include(['When did you first notice it?', '1 December 2026 at 8:30am']);
    await click(el, 'Send report');
    await until(() => heading(el) === 'Report sent', 10000);
    const sent = await until(() => [...root(el).querySelectorAll('.receipt > div')].find((d) => d.querySelector('dt')?.textContent?.trim() === 'Sent'));
    expect(sent.querySelector('dd')!.textContent!.trim()).to.match(BRITISH);
  });

  it('the tracker writes its dates the same way', async () => {
    document.documentElement.lang = 'en-GB';
    const body = [{ service_request_id: 'D-1', status: 'open', service_name: 'Graffiti', requested_datetime: '2026-12-05T09:46:00Z' }];
    const client = new Open311Client({
      endpoint: 'https://canned.example/open311/v2/',
      retries: 0,
      format: 'json',
      fetch: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    });
    const el = await fixture<HTMLElement>(html`<open311-status-tracker no-updates .client=${client} request-id="D-1"></open311-status-tracker>`);
    const time = await until(() => el.shadowRoot!.querySelector('time'), 8000);
    expect(time.textContent!.trim()).to.match(BRITISH);
    expect(time.getAttribute('datetime')).to.equal('2026-12-05T09:46:00.000Z');
  });
});
