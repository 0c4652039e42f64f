import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report-form/report-form.js';
import '../../src/elements/service-chooser/service-chooser.js';
import '../../src/elements/status-tracker/status-tracker.js';
import type { Open311ReportForm } from '../../src/elements/report-form/report-form.js';
import type { Open311ServiceChooser } from '../../src/elements/service-chooser/service-chooser.js';
import type { Open311StatusTracker } from '../../src/elements/status-tracker/status-tracker.js';
import { Open311Client } from '../../src/open311/client.js';
import type { ServiceDefinition } from '../../src/open311/models.js';
import { until } from '../helpers/servers.js';

/**
 * Issue 17, finding 6: big but legal answers (within the client's 5 MB cap) froze the widget:
 * 2,000 attributes took 9 s to render, 20,000 over 88 s, 100,000 values in one list 19 s, one
 * 4.9 MB description 19 s. Each answer here comes through a real client (its fetch stubbed) and the
 * element must show it, cut to what a resident can use with a note saying so, without blocking the
 * page: the longest gap between two ticks of a timer, and the time until it is shown, are bounded
 * (the goal is 200 ms on a resident's phone; this shared test machine gets 1 s for the element's
 * own work, 2 s where the measure includes the client reading 4.9 MB of JSON).
 */

const ENDPOINT = 'https://open311.example.gov.uk/v2/';
/** The longest the element may block the page here (slow shared machine; 9–88 s before). */
const MAX_BLOCK_MS = 1000;
/** The same when the measure includes the client reading the answer (up to 4.9 MB of JSON, linear: test/open311/linear-time.test.ts). */
const MAX_BLOCK_WITH_READING_MS = 2000;
const BIG_TEXT = 4_900_000;

/** A client whose server answers each path (after the endpoint, without `.json`) with this JSON. */
function stubClient(answers: Record<string, unknown>): Open311Client {
  const bodies = new Map(Object.entries(answers).map(([k, v]) => [k, JSON.stringify(v)]));
  for (const [k, body] of bodies) expect(body.length, `${k} is within the 5 MB cap`).to.be.below(5 * 1024 * 1024);
  return new Open311Client({
    endpoint: ENDPOINT,
    format: 'json',
    retries: 0,
    fetch: async (input) => {
      const path = new URL(String(input)).pathname.replace('/v2/', '').replace(/\.json$/, '');
      const body = bodies.get(path);
      return body === undefined ? new Response('[]', { status: 404 }) : new Response(body, { headers: { 'content-type': 'application/json' } });
    },
  });
}

/**
 * Runs `start`, then waits until `shown` is true, while a timer ticks every few milliseconds:
 * returns the time taken and the longest gap between ticks (how long the page could not respond).
 */
async function measure(name: string, start: () => Promise<unknown>, shown: () => boolean): Promise<{ elapsed: number; longest: number }> {
  let last = performance.now();
  let longest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 4);
  const t0 = performance.now();
  try {
    await start();
    await until(shown, 120_000);
  } finally {
    clearInterval(tick);
  }
  longest = Math.max(longest, performance.now() - last);
  const elapsed = performance.now() - t0;
  console.log(`${name}: shown after ${elapsed.toFixed(0)} ms, page blocked at most ${longest.toFixed(0)} ms`);
  return { elapsed, longest };
}

const attribute = (i: number, extra: Record<string, unknown> = {}) => ({
  code: `Q${i}`,
  variable: true,
  datatype: 'string',
  required: false,
  order: i,
  description: `Question number ${i}`,
  ...extra,
});
const values = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `v${i}`, name: `Answer ${i}` }));
const SERVICE = { service_code: 'BIG', service_name: 'Big', metadata: true, type: 'realtime', keywords: '', group: 'Roads' };

/** The definition as the client reads it (before the measure: that part is the client's, linear and tested on its own). */
function definitionOf(attributes: unknown[]) {
  return stubClient({ 'services/BIG': { service_code: 'BIG', attributes } }).serviceDefinition('BIG');
}

function form(definition: ServiceDefinition): Promise<Open311ReportForm> {
  return fixture<Open311ReportForm>(html`<open311-report-form .definition=${definition} service-code="BIG" sections="questions"></open311-report-form>`);
}
const formRoot = (el: Open311ReportForm) => el.shadowRoot!;
const shownQuestions = (el: Open311ReportForm) => formRoot(el).querySelectorAll('[data-field^="a:"]').length;
const cutNote = (el: Element) => el.shadowRoot!.querySelector('[part~="cut-note"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('big but legal server answers do not freeze the widget', () => {
  for (const count of [2_000, 20_000]) {
    it(`${count} attributes in one service definition: the first 100 questions, a note, and the page stays responsive`, async () => {
      const definition = await definitionOf(Array.from({ length: count }, (_, i) => attribute(i)));
      let el: Open311ReportForm | undefined;
      const { longest } = await measure(
        `report form, ${count} attributes`,
        async () => (el = await form(definition)),
        () => !!el && shownQuestions(el) > 0,
      );
      expect(shownQuestions(el!)).to.equal(100);
      expect(cutNote(el!)).to.contain('100');
      expect(longest).to.be.below(MAX_BLOCK_MS);
      // Answering a question re-renders without re-reading the whole definition each time.
      const input = formRoot(el!).querySelector<HTMLInputElement>('input#q0')!;
      const t0 = performance.now();
      input.value = 'x';
      input.dispatchEvent(new Event('input'));
      await el!.updateComplete;
      expect(performance.now() - t0).to.be.below(MAX_BLOCK_MS);
    });
  }

  for (const datatype of ['singlevaluelist', 'multivaluelist']) {
    it(`100,000 values in one ${datatype}: the first 500, a note, and the page stays responsive`, async () => {
      const definition = await definitionOf([attribute(1, { datatype, values: values(100_000) })]);
      let el: Open311ReportForm | undefined;
      const options = () => formRoot(el!).querySelectorAll(datatype === 'multivaluelist' ? 'input[type=checkbox]' : 'option[value]:not([value=""])').length;
      const { longest } = await measure(
        `report form, 100,000 values (${datatype})`,
        async () => (el = await form(definition)),
        () => !!el && options() > 0,
      );
      expect(options()).to.equal(500);
      expect(cutNote(el!)).not.to.equal('');
      expect(longest).to.be.below(MAX_BLOCK_MS);
    });
  }

  it('a 4.9 MB question and hint: shortened with a note, and the page stays responsive', async () => {
    const long = 'word '.repeat((BIG_TEXT - 200_000) / 5);
    const hint = 'hint '.repeat(BIG_TEXT / 50);
    const definition = await definitionOf([attribute(1, { description: long, datatype_description: hint })]);
    let el: Open311ReportForm | undefined;
    const { longest } = await measure(
      'report form, 4.9 MB question',
      async () => (el = await form(definition)),
      () => !!el && shownQuestions(el) > 0,
    );
    const label = formRoot(el!).querySelector('label[for=q0]')!.textContent!;
    expect(label.length).to.be.below(2_100);
    expect(formRoot(el!).querySelector('[part=hint]')!.textContent!.length).to.be.below(2_100);
    expect(cutNote(el!)).not.to.equal('');
    expect(longest).to.be.below(MAX_BLOCK_MS);
  });

  it('a service with a 4.9 MB description and name in the chooser: shortened, and the page stays responsive', async () => {
    const long = 'pothole '.repeat(BIG_TEXT / 8);
    const client = stubClient({
      services: [
        { ...SERVICE, service_name: `Big ${'x'.repeat(100_000)}`, description: long },
        { ...SERVICE, service_code: 'SMALL', service_name: 'Small' },
      ],
    });
    let el: Open311ServiceChooser | undefined;
    const { longest } = await measure(
      'service chooser, 4.9 MB description',
      async () => (el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .client=${client}></open311-service-chooser>`)),
      () => !!el && el.shadowRoot!.querySelectorAll('input[type=radio]').length === 2,
    );
    const hint = el!.shadowRoot!.querySelector('[part=hint]')!.textContent!;
    expect(hint.length).to.be.below(2_100);
    expect(el!.shadowRoot!.querySelector('label')!.textContent!.length).to.be.below(210);
    expect(cutNote(el!)).not.to.equal('');
    expect(longest).to.be.below(MAX_BLOCK_WITH_READING_MS);
  });

  it('a report with a 4.9 MB description in the tracker: shortened with a note, and the page stays responsive', async () => {
    const long = 'hole '.repeat(BIG_TEXT / 5);
    const notes = `Short note ${'note '.repeat(BIG_TEXT / 100)}`;
    const client = stubClient({
      'requests/77': [
        {
          service_request_id: '77',
          status: 'open',
          service_name: 'Pothole',
          description: long,
          status_notes: notes,
          requested_datetime: '2024-05-01T10:00:00Z',
        },
      ],
    });
    let el: Open311StatusTracker | undefined;
    const { longest } = await measure(
      'status tracker, 4.9 MB description',
      async () =>
        (el = await fixture<Open311StatusTracker>(html`<open311-status-tracker .client=${client} request-id="77" no-updates></open311-status-tracker>`)),
      () => !!el && !!el.shadowRoot!.querySelector('dl.details'),
    );
    const longestRow = Math.max(...[...el!.shadowRoot!.querySelectorAll('dl.details dd')].map((dd) => dd.textContent!.length));
    expect(longestRow).to.be.below(5_100);
    expect(el!.shadowRoot!.querySelector('dl.details')!.textContent).to.contain('Short note');
    expect(cutNote(el!)).not.to.equal('');
    expect(longest).to.be.below(MAX_BLOCK_WITH_READING_MS);
  });
});
