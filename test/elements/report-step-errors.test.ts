import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { endpoints, until } from '../helpers/servers.js';
import { chooseService, click, describePlace, heading, inside, root } from '../helpers/report-flow.js';

/**
 * Issue 22, item 7: GOV.UK's error pattern on the location and problem steps too. Before, pressing
 * Continue with nothing chosen showed a bare red box: no "There is a problem" summary linking to the
 * field and no inline error at the field (the details and contact steps already had both).
 */

/** The summary's title, its links, and whether it has focus. */
function summary(el: Open311Report) {
  const box = root(el).querySelector<HTMLElement>('.error-summary');
  if (!box) return undefined;
  return {
    box,
    title: box.querySelector('h1,h2,h3,h4,h5,h6')?.textContent?.trim(),
    links: [...box.querySelectorAll('a')],
    focused: root(el).activeElement === box,
  };
}

describe('<open311-report>: the error summary on the location and problem steps', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  it('location: a focused summary links to the search field, which shows the inline error; both go once a place is given', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await until(() => inside(el, 'open311-map-picker')?.shadowRoot?.querySelector('#search'));
    await click(el, 'Continue');
    const s = await until(() => summary(el));
    expect(s.title).to.equal('There is a problem');
    expect(s.focused).to.equal(true);
    expect(s.links).to.have.length(1);
    expect(s.links[0].textContent).to.contain('Choose where the problem is');
    const picker = inside(el, 'open311-map-picker');
    await until(() => picker.shadowRoot.querySelector('#field-error'));
    const inline = picker.shadowRoot.querySelector('#field-error')!;
    expect(inline.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^Error: Choose where the problem is/);
    const search = picker.shadowRoot.querySelector<HTMLInputElement>('#search')!;
    expect(search.getAttribute('aria-describedby')).to.contain('field-error');
    await expect(el).to.be.accessible();
    s.links[0].click();
    expect(picker.shadowRoot.activeElement).to.equal(search);
    await describePlace(el, 'Outside the library');
    await until(() => !summary(el) && !picker.shadowRoot.querySelector('#field-error'));
  });

  it('problem: a focused summary links to the choices, which show the inline error; both go once a problem is chosen', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await describePlace(el, 'Outside the library');
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    const chooser = await until(() => {
      const c = inside(el, 'open311-service-chooser');
      return c?.shadowRoot?.querySelector('input[type=radio]') ? c : undefined;
    }, 10000);
    await click(el, 'Continue');
    const s = await until(() => summary(el));
    expect(s.title).to.equal('There is a problem');
    expect(s.focused).to.equal(true);
    expect(s.links[0].textContent).to.contain('Choose what the problem is');
    await until(() => chooser.shadowRoot.querySelector('#field-error'));
    expect(chooser.shadowRoot.querySelector('#field-error')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Error: Choose what the problem is.');
    expect(chooser.shadowRoot.querySelector('[role=group]')!.getAttribute('aria-describedby')).to.contain('field-error');
    await expect(el).to.be.accessible();
    s.links[0].click();
    expect(chooser.shadowRoot.activeElement).to.be.instanceOf(HTMLInputElement);
    await chooseService(el, 'Pothole');
    await until(() => !summary(el) && !chooser.shadowRoot.querySelector('#field-error'));
  });
});
