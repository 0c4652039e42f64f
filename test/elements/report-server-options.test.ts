import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import '../../src/elements/status-tracker/status-tracker.js';
import type { Open311StatusTracker } from '../../src/elements/status-tracker/status-tracker.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import { click, describePlace, heading, root, toCheckStep } from '../helpers/report-flow.js';
import type { Stored } from '../helpers/report-flow.js';

/**
 * Servers whose addresses or dates differ from the spec (issue 12, "client options seen in the wild"),
 * configured by attribute alone, as a council pasting the widget into its CMS would: the local
 * server's `path-template` profile refuses `services.json`-style addresses and wants
 * `services?format=json`.
 */
describe('<open311-report> and <open311-status-tracker> configured for an unusual server by attribute', () => {
  beforeEach(() => forgetEverything());

  it('path-template: the whole report reaches a server whose addresses have no .json suffix', async () => {
    const endpoint = (await endpoints())['path-template'];
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} path-template="{resource}?format={format}"></open311-report>`);
    const description = `Path template ${Date.now()}`;
    await toCheckStep(el, description);
    await click(el, 'Send report');
    await until(() => heading(el) === 'Report sent', 10000);
    const stored = (await admin<Stored>('path-template', 'requests')).filter((r) => r.description === description);
    expect(stored).to.have.length(1);
    // The confirmation's tracker reads the report back through the same template.
    const tracker = await until(
      () =>
        root(el).querySelector('open311-status-tracker')?.shadowRoot?.textContent?.includes(stored[0].service_request_id) &&
        root(el).querySelector('open311-status-tracker'),
      10000,
    );
    expect(tracker).to.not.equal(null);
  });

  it('without the attribute the same server cannot be used, and the resident is told', async () => {
    const endpoint = (await endpoints())['path-template'];
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    const chooserFailed = () => {
      const chooser = root(el).querySelector('open311-service-chooser');
      return chooser?.shadowRoot?.querySelector('[role=alert]')?.textContent?.includes('could not be loaded');
    };
    await describePlace(el, 'By the post box');
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    await until(() => chooserFailed(), 10000);
  });

  it('a standalone tracker finds a report by its reference on such a server', async () => {
    const eps = await endpoints();
    const made = await fetch(`${eps['path-template']}requests?format=json`, {
      method: 'POST',
      body: new URLSearchParams({
        service_code: 'PTH-01',
        lat: '51.4545',
        long: '-2.5879',
        description: 'Tracker by template',
        attribute_DEPTH: 'DEEP',
        'attribute[DEPTH]': 'DEEP',
      }),
    });
    const [{ service_request_id: id }] = (await made.json()) as { service_request_id: string }[];
    const tracker = await fixture<Open311StatusTracker>(
      html`<open311-status-tracker endpoint=${eps['path-template']} path-template="{resource}?format={format}" request-id=${id}></open311-status-tracker>`,
    );
    await until(() => tracker.shadowRoot?.textContent?.includes('Pothole'), 10000);
    expect(tracker.shadowRoot!.textContent).to.contain(id);
  });
});
