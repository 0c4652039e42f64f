import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report/report.js';
import '../../src/elements/report-form/report-form.js';
import '../../src/elements/service-chooser/service-chooser.js';
import '../../src/elements/map-picker/map-picker.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import type { Open311ReportForm } from '../../src/elements/report-form/report-form.js';
import type { Open311ServiceChooser } from '../../src/elements/service-chooser/service-chooser.js';
import type { Open311MapPicker } from '../../src/elements/map-picker/map-picker.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import type { Service, ServiceDefinition } from '../../src/open311/models.js';
import { endpoints, until } from '../helpers/servers.js';
import { click, describePlace, heading, inside, root } from '../helpers/report-flow.js';
import { widgetWarnings as warnings } from '../helpers/console-warnings.js';

/**
 * Issue 18, a consistent public API: boolean attributes default to false and name what they change
 * (`description-optional`, `map-at-once`), `services` is the codes to offer on every element (the
 * chooser's list itself is `serviceList`), and a council styles the inner elements through
 * `open311-report::part(…)`. The old spellings still work, each with one console note.
 */

const SERVICE: Service = { code: 'ALL', name: 'All', metadata: false, type: 'realtime', keywords: [], groups: [], raw: null };
const DEFINITION: ServiceDefinition = { serviceCode: 'ALL', attributes: [], raw: null };
const LIST: Service[] = [
  { code: 'PTH-01', name: 'Pothole', metadata: false, type: 'realtime', keywords: [], groups: ['Roads'], raw: null },
  { code: 'LGT-02', name: 'Street light', metadata: false, type: 'realtime', keywords: [], groups: ['Lighting'], raw: null },
  { code: 'BIN-03', name: 'Overflowing bin', metadata: false, type: 'realtime', keywords: [], groups: ['Waste'], raw: null },
];

const descriptionLabel = (el: Open311ReportForm) => el.shadowRoot!.querySelector('label[for=description]')!.textContent!.replace(/\s+/g, ' ').trim();
const offered = (el: Open311ServiceChooser) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')].map((r) => r.value);

describe('a consistent public API', () => {
  it('description-optional lets the description be left empty; without it the description is required', async () => {
    const required = await fixture<Open311ReportForm>(
      html`<open311-report-form .service=${SERVICE} .definition=${DEFINITION} contact-fields=""></open311-report-form>`,
    );
    expect(required.descriptionOptional).to.equal(false);
    expect(descriptionLabel(required)).not.to.contain('(optional)');
    expect(required.validate()).to.equal(false);

    const optional = await fixture<Open311ReportForm>(
      html`<open311-report-form description-optional .service=${SERVICE} .definition=${DEFINITION} contact-fields=""></open311-report-form>`,
    );
    expect(descriptionLabel(optional)).to.contain('(optional)');
    expect(optional.validate()).to.equal(true);
    optional.removeAttribute('description-optional');
    await optional.updateComplete;
    expect(optional.validate()).to.equal(false);
  });

  it('still takes description-required="false" and .descriptionRequired, with one console note each', async () => {
    let el!: Open311ReportForm;
    const seen = await warnings(async () => {
      el = await fixture<Open311ReportForm>(
        html`<open311-report-form description-required="false" .service=${SERVICE} .definition=${DEFINITION} contact-fields=""></open311-report-form>`,
      );
      expect(descriptionLabel(el)).to.contain('(optional)');
      expect(el.validate()).to.equal(true);
      el.setAttribute('description-required', 'true'); // said once only
      await el.updateComplete;
      expect(el.validate()).to.equal(false);
      el.descriptionRequired = false;
      el.descriptionRequired = false;
      await el.updateComplete;
      expect(el.descriptionOptional).to.equal(true);
      expect(el.validate()).to.equal(true);
    });
    expect(seen.filter((w) => w.includes('description-required attribute') && w.includes('description-optional'))).to.have.length(1);
    expect(seen.filter((w) => w.includes('.descriptionRequired') && w.includes('.descriptionOptional'))).to.have.length(1);
  });

  it('the chooser takes its list as serviceList and offers only the codes in services, as the report does', async () => {
    const el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser .serviceList=${LIST} services="LGT-02, BIN-03"></open311-service-chooser>`);
    expect(offered(el)).to.deep.equal(['LGT-02', 'BIN-03']);
    expect(el.services).to.equal('LGT-02, BIN-03');
    el.services = 'PTH-01';
    await el.updateComplete;
    expect(offered(el)).to.deep.equal(['PTH-01']);
    el.services = undefined;
    el.groups = 'Waste';
    await el.updateComplete;
    expect(offered(el)).to.deep.equal(['BIN-03']);
  });

  it('the chooser still takes a list in .services, and .serviceCodes and .groupNames, with one console note each', async () => {
    let el!: Open311ServiceChooser;
    const seen = await warnings(async () => {
      el = await fixture<Open311ServiceChooser>(html`<open311-service-chooser></open311-service-chooser>`);
      (el as unknown as { services: unknown }).services = LIST;
      await el.updateComplete;
      expect(offered(el)).to.deep.equal(['PTH-01', 'LGT-02', 'BIN-03']);
      expect(el.serviceList).to.equal(LIST);
      el.serviceCodes = 'PTH-01, LGT-02';
      await el.updateComplete;
      expect(offered(el)).to.deep.equal(['PTH-01', 'LGT-02']);
      expect(el.services).to.equal('PTH-01, LGT-02');
      el.services = undefined;
      el.groupNames = 'Lighting';
      await el.updateComplete;
      expect(offered(el)).to.deep.equal(['LGT-02']);
    });
    for (const old of ['a list in .services', '.serviceCodes', '.groupNames'])
      expect(
        seen.filter((w) => w.includes(old)),
        old,
      ).to.have.length(1);
  });

  describe('the report', () => {
    let endpoint = '';
    before(async () => {
      endpoint = (await endpoints()).default;
    });
    beforeEach(() => forgetEverything());
    afterEach(() => forgetEverything());

    const picker = (el: Open311Report) => until(() => inside(el, 'open311-map-picker') as unknown as Open311MapPicker | undefined);

    it('map-at-once shows the map from the start; without it the map comes on demand', async () => {
      const later = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
      expect((await picker(later)).mapOnDemand).to.equal(true);
      const atOnce = await fixture<Open311Report>(html`<open311-report no-history map-at-once endpoint=${endpoint}></open311-report>`);
      expect(atOnce.mapAtOnce).to.equal(true);
      expect((await picker(atOnce)).mapOnDemand).to.equal(false);
    });

    it('still takes map-first and .mapFirst, with one console note each', async () => {
      let el!: Open311Report;
      const seen = await warnings(async () => {
        el = await fixture<Open311Report>(html`<open311-report no-history map-first endpoint=${endpoint}></open311-report>`);
        expect(el.mapAtOnce).to.equal(true);
        expect((await picker(el)).mapOnDemand).to.equal(false);
        el.removeAttribute('map-first');
        await el.updateComplete;
        expect((await picker(el)).mapOnDemand).to.equal(true);
        el.mapFirst = true;
        await el.updateComplete;
        expect((await picker(el)).mapOnDemand).to.equal(false);
      });
      expect(seen.filter((w) => w.includes('map-first attribute') && w.includes('map-at-once'))).to.have.length(1);
      expect(seen.filter((w) => w.includes('.mapFirst'))).to.have.length(1);
    });

    it('lets a council stylesheet reach the inner elements’ parts through open311-report::part()', async () => {
      const style = document.createElement('style');
      style.textContent = `
        open311-report::part(search-input) { outline: 5px solid rgb(1, 2, 3); }
        open311-report::part(label) { text-decoration-line: underline; }`;
      document.head.append(style);
      try {
        const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
        const search = await until(
          () => (root(el).querySelector('open311-map-picker')?.shadowRoot?.querySelector('[part~="search-input"]') as HTMLElement | null) ?? undefined,
        );
        expect(getComputedStyle(search).outlineColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(search).outlineWidth).to.equal('5px');
        // The service list's label, on the next step.
        await describePlace(el, 'Outside the library');
        await click(el, 'Continue');
        await until(() => heading(el) === 'What is the problem?');
        const label = await until(
          () => (root(el).querySelector('open311-service-chooser')?.shadowRoot?.querySelector('[part~="label"]') as HTMLElement | null) ?? undefined,
          10000,
        );
        expect(getComputedStyle(label).textDecorationLine).to.equal('underline');
      } finally {
        style.remove();
      }
    });
  });
});
