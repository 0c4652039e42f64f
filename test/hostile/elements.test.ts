/**
 * The hostile-response corpus against every element that shows server text (issue 10). Each `it`
 * runs all the cases of one call through the element that makes it, one fixture per case, with a
 * client of 1.5 s timeout and no retries so the "never answers" and "one byte a second" cases
 * settle quickly. For every case: no script runs, no markup or unsafe link comes from the server,
 * the page keeps animating, and the resident either sees the server's text as text or a plain
 * message with a working "Try again". See hostile-helpers.ts for the checks.
 */
import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import { TaskStatus } from '@lit/task';
import '../../src/elements/service-chooser/service-chooser.js';
import '../../src/elements/report-form/report-form.js';
import '../../src/elements/map-picker/map-picker.js';
import '../../src/elements/status-tracker/status-tracker.js';
import '../../src/elements/report/report.js';
import type { Open311ServiceChooser } from '../../src/elements/service-chooser/service-chooser.js';
import type { Open311ReportForm } from '../../src/elements/report-form/report-form.js';
import type { Open311MapPicker } from '../../src/elements/map-picker/map-picker.js';
import type { Open311StatusTracker } from '../../src/elements/status-tracker/status-tracker.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { SPOT, TIMEOUT_MS, caseClient, caseEndpoint, casesFor, checkCase, runCases, settle, taskSettled, taskStatus } from './hostile-helpers.js';
import type { Outcome } from './hostile-helpers.js';

/** Long enough for one timed-out attempt plus the element's own follow-up calls. */
const SETTLE_MS = TIMEOUT_MS * 2 + 2000;

const pending =
  (el: Element, ...tasks: string[]) =>
  (): boolean =>
    tasks.some((t) => taskStatus(el, t) === TaskStatus.PENDING);
const outcomeOf = (el: Element, ...tasks: string[]): Outcome => (tasks.some((t) => taskStatus(el, t) === TaskStatus.ERROR) ? 'error' : 'loaded');

describe('hostile responses (issue 10)', function () {
  this.timeout(120_000);

  it('service chooser: service names, descriptions and groups; broken service lists', async () => {
    const { corpus, cases } = await casesFor('services');
    await runCases(cases, async (hc) => {
      const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .client=${caseClient(corpus, hc)}></open311-service-chooser>`);
      if (!(await settle(() => taskSettled(el, 'servicesTask'), SETTLE_MS))) return ['never settled'];
      await el.updateComplete;
      const outcome = outcomeOf(el, 'servicesTask');
      const problems = await checkCase(el, corpus, hc, outcome, { retrying: pending(el, 'servicesTask') });
      const radio = el.shadowRoot?.querySelector<HTMLInputElement>('input[type=radio]');
      if (outcome === 'loaded' && radio) {
        // The resident can go on: choosing a service still works.
        radio.click();
        await el.updateComplete;
        if (!el.value) problems.push('choosing a service did nothing');
      }
      fixtureCleanup();
      return problems;
    });
  });

  it('report form: questions, answers, hints, notices; broken definitions', async () => {
    const { corpus, cases } = await casesFor('definition');
    await runCases(cases, async (hc) => {
      const el = await fixture<Open311ReportForm>(
        html`<open311-report-form sections="questions" service-code="PTH-01" .client=${caseClient(corpus, hc)}></open311-report-form>`,
      );
      if (!(await settle(() => taskSettled(el, 'definitionTask'), SETTLE_MS))) return ['never settled'];
      await el.updateComplete;
      const outcome = outcomeOf(el, 'definitionTask');
      const problems = await checkCase(el, corpus, hc, outcome, { retrying: pending(el, 'definitionTask') });
      const radio = el.shadowRoot?.querySelector<HTMLInputElement>('input[type=radio]');
      if (outcome === 'loaded' && radio) {
        radio.click();
        await el.updateComplete;
        if (!Object.keys(el.value.attributes).length) problems.push('answering a question did nothing');
      }
      fixtureCleanup();
      return problems;
    });
  });

  it('map picker: reports already made nearby; broken request lists', async () => {
    const { corpus, cases } = await casesFor('requests');
    await runCases(cases, async (hc) => {
      const el = await fixture<Open311MapPicker>(
        html`<open311-map-picker map-on-demand .client=${caseClient(corpus, hc)} .lat=${SPOT.lat} .long=${SPOT.long}></open311-map-picker>`,
      );
      if (!(await settle(() => taskSettled(el, 'nearbyTask'), SETTLE_MS))) return ['never settled'];
      await el.updateComplete;
      const problems = await checkCase(el, corpus, hc, outcomeOf(el, 'nearbyTask'), { retrying: pending(el, 'nearbyTask') });
      fixtureCleanup();
      return problems;
    });
  });

  it('status tracker: every text of a request, media links; broken requests', async () => {
    const { corpus, cases } = await casesFor('request');
    await runCases(cases, async (hc) => {
      const el = await fixture<Open311StatusTracker>(
        html`<open311-status-tracker request-id="HX-1001" refresh-interval="0" no-updates .client=${caseClient(corpus, hc)}></open311-status-tracker>`,
      );
      if (!(await settle(() => taskSettled(el, 'requestTask'), SETTLE_MS))) return ['never settled'];
      await el.updateComplete;
      const outcome = outcomeOf(el, 'requestTask');
      const problems = await checkCase(el, corpus, hc, outcome, { retrying: pending(el, 'requestTask') });
      if (outcome === 'loaded') {
        const refresh = el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="refresh-button"]');
        if (!refresh) problems.push('no "Check for updates" button');
        refresh?.click();
        if (!(await settle(pending(el, 'requestTask'), 1000))) problems.push('"Check for updates" did nothing');
      }
      fixtureCleanup();
      return problems;
    });
  });

  it('status tracker: a token that becomes a hostile reference; broken token answers', async () => {
    const { corpus, cases } = await casesFor('token');
    await runCases(cases, async (hc) => {
      const el = await fixture<Open311StatusTracker>(
        html`<open311-status-tracker token="tok-hostile" poll-interval="50" refresh-interval="0" no-updates .client=${caseClient(corpus, hc)}></open311-status-tracker>`,
      );
      const done = (): boolean => taskStatus(el, 'tokenTask') === TaskStatus.ERROR || taskSettled(el, 'requestTask');
      if (!(await settle(done, SETTLE_MS))) return ['never settled'];
      await el.updateComplete;
      const problems = await checkCase(el, corpus, hc, outcomeOf(el, 'tokenTask', 'requestTask'), { retrying: pending(el, 'tokenTask', 'requestTask') });
      fixtureCleanup();
      return problems;
    });
  });

  it('report: the answer to a POST (reference, notice, error descriptions); broken answers', async () => {
    const { corpus, cases } = await casesFor('post', 'errors');
    await runCases(cases, async (hc) => {
      const endpoint = caseEndpoint(corpus, hc);
      // A draft on the "check your answers" step, as a resident who got that far would have.
      localStorage.setItem(
        `open311:draft:${endpoint}|`,
        JSON.stringify({
          v: 1,
          step: 'check',
          savedAt: Date.now(),
          clientId: `hostile-${hc.id}`,
          serviceCode: 'BIN OVERFLOW',
          location: { ...SPOT },
          description: 'Overflowing bin',
        }),
      );
      sessionStorage.setItem(`open311:contact:${endpoint}|`, JSON.stringify({ email: 'resident@example.com' }));
      const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${caseClient(corpus, hc)}></open311-report>`);
      const send = await settle(() => !!el.shadowRoot?.querySelector('[part~="send-button"]'), 3000);
      if (!send) return ['no Send button on the check-answers step'];
      // What the resident sees: the step (open311-step-change), Send inert while it sends or checks, and the failure's summary.
      let step = 'check';
      el.addEventListener('open311-step-change', (e) => (step = e.detail.step));
      const busy = (): boolean => el.shadowRoot?.querySelector('[part~="send-button"]')?.getAttribute('aria-disabled') === 'true';
      const failed = (): boolean => step === 'check' && !!el.shadowRoot?.querySelector('.check .error-summary');
      el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="send-button"]')?.click();
      const finished = (): boolean => !busy() && (failed() || step !== 'check');
      if (!(await settle(finished, SETTLE_MS + 3000))) return ['never settled'];
      await el.updateComplete;
      // After a send, the confirmation's tracker loads the report: wait for it too.
      const tracker = el.shadowRoot?.querySelector('open311-status-tracker');
      if (tracker) await settle(() => taskSettled(tracker, 'requestTask'), SETTLE_MS);
      const outcome: Outcome = failed() ? 'error' : step === 'sent' ? 'loaded' : `step ${step}`;
      // Try again did something: Send went inert, or another send began (open311-submit), however quickly it failed.
      let submits = 0;
      el.addEventListener('open311-submit', () => submits++);
      const problems = await checkCase(el, corpus, hc, outcome, { retrying: () => busy() || submits > 0 });
      if (busy()) await settle(() => !busy(), SETTLE_MS + 3000);
      fixtureCleanup();
      return problems;
    });
  });
});
