import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report/report.js';
import '../../src/elements/service-chooser/service-chooser.js';
import '../../src/elements/status-tracker/status-tracker.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { endpoints, until } from '../helpers/servers.js';
import { root, toCheckStep } from '../helpers/report-flow.js';

/**
 * Issue 22, item 9: a long word or URL in a council's question overlapped the answer on check
 * answers. Server and resident text now wraps (`overflow-wrap: anywhere`) wherever it is shown.
 */
const LONG = 'https://www.council.example/highways/reporting/potholes/how-deep-is-the-hole-measured-from-the-road-surface-in-centimetres';

/** Nothing in `box` reaches outside it, and `a` ends before `b` starts (same row). */
function fits(inner: Element, outer: Element): boolean {
  const i = inner.getBoundingClientRect();
  const o = outer.getBoundingClientRect();
  return i.right <= o.right + 1 && (inner as HTMLElement).scrollWidth <= (inner as HTMLElement).clientWidth + 1;
}

describe('long words and URLs wrap instead of spilling over', () => {
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  it('check answers: a question that is one long URL stays in its column, clear of the answer', async () => {
    const endpoint = (await endpoints()).default;
    const longQuestion: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!/services\/PTH-01\.json/.test(String(input))) return res;
      const def = (await res.json()) as { attributes: { code: string; description: string }[] };
      for (const a of def.attributes) if (a.code === 'DEPTH') a.description = LONG;
      return new Response(JSON.stringify(def), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = new Open311Client({ endpoint, fetch: longQuestion, retries: 0, format: 'json' });
    const el = await fixture<Open311Report>(html`<open311-report style="width: 700px" no-history endpoint=${endpoint} .client=${client}></open311-report>`);
    await toCheckStep(el, `Long words ${Date.now()}`);
    const row = await until(() => [...root(el).querySelectorAll('dl.summary > div')].find((d) => d.querySelector('dt')?.textContent?.trim() === LONG));
    const dt = row.querySelector('dt')!;
    const dd = row.querySelector('dd')!;
    expect(fits(dt, row), 'the question stays in the row').to.equal(true);
    expect(dt.getBoundingClientRect().right <= dd.getBoundingClientRect().left + 1, 'the question ends before the answer starts').to.equal(true);
  });

  it('the chooser and the tracker wrap a service name that is one long word', async () => {
    const word = 'Overhangingvegetationobstructingfootwayorcarriagewayincludinghedgesandtrees'.repeat(2);
    const chooser = await fixture<HTMLElement>(
      html`<open311-service-chooser style="width: 320px; display: block" .serviceList=${[{ code: 'V', name: word, description: word, metadata: false, type: 'realtime', keywords: [], groups: [], raw: null }]}></open311-service-chooser>`,
    );
    const label = await until(() => chooser.shadowRoot!.querySelector('label[for]:not([for=search])'));
    expect(fits(label, chooser)).to.equal(true);
    const body = [{ service_request_id: 'W-1', status: 'open', service_name: word, description: word, requested_datetime: '2026-12-05T09:46:00Z' }];
    const c = new Open311Client({
      endpoint: 'https://canned.example/open311/v2/',
      retries: 0,
      format: 'json',
      fetch: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    });
    const tracker = await fixture<HTMLElement>(
      html`<open311-status-tracker style="width: 320px; display: block" no-updates .client=${c} request-id="W-1"></open311-status-tracker>`,
    );
    await until(() => tracker.shadowRoot!.querySelector('.details'), 8000);
    for (const dd of tracker.shadowRoot!.querySelectorAll('.details dd')) expect(fits(dd, tracker), dd.textContent!.slice(0, 20)).to.equal(true);
    const heading = tracker.shadowRoot!.querySelector('.heading')!;
    expect(fits(heading, tracker)).to.equal(true);
  });
});
