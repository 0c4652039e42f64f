import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report-form/report-form.js';
import type { Open311ReportForm } from '../../src/elements/report-form/report-form.js';
import type { Service, ServiceAttribute, ServiceDefinition } from '../../src/open311/models.js';

/**
 * Issue 22, item 9: a datatype GeoReport v2 does not define (a council's "Boolean (checkbox)") fell
 * back to a text box without a word. The resident still gets the text box; the council gets a
 * console warning naming the question and the datatype, once.
 */
function attr(code: string, datatype: string): ServiceAttribute {
  return { code, datatype, description: `Question ${code}`, required: false, variable: true, values: [], raw: null };
}

describe('<open311-report-form>: an unknown datatype', () => {
  const original = console.warn;
  let warnings: string[] = [];
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = original;
  });

  it('is a text box, with one console warning for the council naming the question and datatype', async () => {
    const definition: ServiceDefinition = { serviceCode: 'DT', raw: null, attributes: [attr('LIT_AT_NIGHT', 'Boolean (checkbox)'), attr('KNOWN', 'string')] };
    const service: Service = { code: 'DT', name: 'Datatypes', metadata: true, type: 'realtime', keywords: [], groups: [], raw: null };
    const el = await fixture<Open311ReportForm>(html`<open311-report-form .service=${service} .definition=${definition}></open311-report-form>`);
    const label = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.includes('Question LIT_AT_NIGHT'))!;
    const input = el.shadowRoot!.getElementById(label.htmlFor) as HTMLInputElement;
    expect(input.localName).to.equal('input');
    expect(input.type).to.equal('text');
    el.requestUpdate();
    await el.updateComplete;
    const ours = warnings.filter((w) => w.includes('open311-elements'));
    expect(ours).to.have.length(1);
    expect(ours[0]).to.contain('"LIT_AT_NIGHT"').and.contain('"Boolean (checkbox)"').and.contain('text box');
  });
});
