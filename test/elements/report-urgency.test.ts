import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { isUrgentService, listedCodes, namesUrgency } from '../../src/elements/report/urgency.js';
import type { Service, ServiceAttribute, ServiceDefinition } from '../../src/open311/models.js';
import { endpoints, until } from '../helpers/servers.js';
import { chooseService, click, describePlace, heading, questionsForm, root } from '../helpers/report-flow.js';

/**
 * A service the server marks urgent repeats the urgent-danger notice on its step (issue 11), without the
 * council having to list it in `urgent-services`. The rule is in urgency.ts.
 */

function service(code: string, extra: Partial<Service> = {}): Service {
  return { code, name: code, metadata: true, type: 'realtime', keywords: [], groups: [], raw: {}, ...extra };
}

function attribute(code: string, variable: boolean): ServiceAttribute {
  return { code, variable, datatype: 'text', required: false, description: 'Notice', values: [], raw: {} };
}

function definition(code: string, ...attributes: ServiceAttribute[]): ServiceDefinition {
  return { serviceCode: code, attributes, raw: {} };
}

describe('isUrgentService', () => {
  it('is true for a service the council lists, codes with spaces included', () => {
    expect(isUrgentService(service('BIN OVERFLOW'), undefined, ' PTH-01 ,BIN OVERFLOW')).to.equal(true);
    expect(isUrgentService(service('BIN'), undefined, 'BIN OVERFLOW')).to.equal(false);
    expect(listedCodes(' a, ,b c ,')).to.deep.equal(['a', 'b c']);
    expect(isUrgentService(undefined, undefined, 'X')).to.equal(false);
  });

  it('is true for the keyword urgent or emergency (any case, English or Welsh), not for a longer keyword', () => {
    expect(isUrgentService(service('A', { keywords: ['road', 'Urgent'] }))).to.equal(true);
    expect(isUrgentService(service('A', { keywords: ['EMERGENCY'] }))).to.equal(true);
    expect(isUrgentService(service('A', { keywords: ['argyfwng'] }))).to.equal(true);
    expect(isUrgentService(service('A', { keywords: ['emergency lighting', 'staff'] }))).to.equal(false);
  });

  it('is true for a group named for emergencies, not for a non-emergency group', () => {
    expect(isUrgentService(service('A', { groups: ['Roads', 'Emergencies'] }))).to.equal(true);
    expect(isUrgentService(service('A', { groups: ['Urgent problems'] }))).to.equal(true);
    expect(isUrgentService(service('A', { groups: ['Non-emergency repairs'] }))).to.equal(false);
    expect(isUrgentService(service('A', { groups: ['Not urgent'] }))).to.equal(false);
    expect(namesUrgency('Problemau brys')).to.equal(true);
    expect(namesUrgency(undefined)).to.equal(false);
  });

  it('is true when the definition has an informational attribute coded emergency or urgent (FixMyStreet)', () => {
    const s = service('DS-01');
    expect(isUrgentService(s, definition('DS-01', attribute('emergency', false)))).to.equal(true);
    expect(isUrgentService(s, definition('DS-01', attribute(' URGENT ', false)))).to.equal(true);
    // A question is answered, not a mark; a longer notice code tells the service's own route.
    expect(isUrgentService(s, definition('DS-01', attribute('emergency', true)))).to.equal(false);
    expect(isUrgentService(s, definition('DS-01', attribute('EMERGENCY_NOTICE', false)))).to.equal(false);
    expect(isUrgentService(s, definition('DS-01'))).to.equal(false);
    expect(isUrgentService(s)).to.equal(false);
  });
});

/** The urgent notice inside the visible part of the element, if any. */
function visibleUrgent(el: Open311Report): HTMLElement | undefined {
  return [...root(el).querySelectorAll<HTMLElement>('.urgent')].find((n) => n.getClientRects().length > 0);
}

describe('<open311-report> and a service its server marks urgent', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  async function toDetails(el: Open311Report, name: string, question: string): Promise<void> {
    await describePlace(el, 'Outside 14 Queen Square, by the post box');
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    await chooseService(el, name);
    await click(el, 'Continue');
    await until(() => heading(el) === 'Tell us more about the problem');
    // The definition has arrived once its question shows.
    await until(() => questionsForm(el)?.shadowRoot?.textContent?.includes(question), 10000);
    await el.updateComplete;
  }

  it('repeats the notice on the details step of the local server’s dangerous structure (definition attribute `emergency`)', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} urgent-phone="0300 123 4567"></open311-report>`);
    await toDetails(el, 'Dangerous wall or structure', 'Is it blocking a road or path?');
    const notice = await until(() => visibleUrgent(el));
    expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain(
      'If there is a danger to life, call 999. For urgent problems out of hours, call 0300 123 4567.',
    );
    await expect(el).to.be.accessible();
  });

  it('does not repeat it for Pothole, whose notice only gives its own emergency number', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await toDetails(el, 'Pothole', 'How deep is the hole?');
    expect(visibleUrgent(el)).to.equal(undefined);
    await click(el, 'Back');
    await until(() => heading(el) === 'What is the problem?');
    await chooseService(el, 'Dangerous wall or structure');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Tell us more about the problem');
    await until(() => visibleUrgent(el));
  });
});
