import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report/report.js';
import '../../src/elements/report-form/report-form.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import type { Open311ReportForm } from '../../src/elements/report-form/report-form.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { getLocale, setLocale, setStrings } from '../../src/index.js';
import { checkOverride } from '../../src/i18n/strings.js';
import { shapes } from '../../src/i18n/generated/message-shapes.js';
import type { Service, ServiceDefinition } from '../../src/open311/models.js';
import { endpoints, until } from '../helpers/servers.js';
import { heading, root, stepCount } from '../helpers/report-flow.js';
import { widgetWarnings as warnings } from '../helpers/console-warnings.js';

/**
 * A council's own wording (`strings` attribute, `setStrings()`): English and Welsh, interpolated
 * strings, a runtime language switch, and tables that are broken or hostile. Overrides are page-wide,
 * so each test uses message ids no other test here touches.
 */

const WHERE = 'map.where-is-problem'; // "Where is the problem?"
const STEP = 'report.step-of'; // "Step ${0} of ${1}"
const CONTINUE = 'report.continue'; // "Continue"
const SENT = 'report.report-sent'; // "Report sent"
/** Ids of before issue 18, still accepted until the next major version. */
const OLD_DETAILS = 's8487153a89cc0524'; // lit-localize's hash of "Your details", now form.your-details
const OLD_FIRST_NAME = 'sab459038e3c6bcb8'; // "First name", now form.first-name
const OLD_LAST_NAME = 's6e8059179423bfa0'; // "Last name", now form.last-name
const OLD_COUNT_OVER = 'form-count-over-one'; // the old dashed id, now form.count.over.one (no test before this one changes it)

const SERVICE: Service = { code: 'ALL', name: 'All', metadata: false, type: 'realtime', keywords: [], groups: [], raw: null };
const DEFINITION: ServiceDefinition = { serviceCode: 'ALL', attributes: [], raw: null };

function countText(el: Open311ReportForm): string | undefined {
  return root(el).querySelector('[part=character-count]')?.textContent?.trim();
}

/** Types one character too many into the description (a count no test here overrides successfully). */
async function overLimit(el: Open311ReportForm): Promise<string | undefined> {
  const area = root(el).querySelector<HTMLTextAreaElement>('#description')!;
  area.value = 'x'.repeat(4001);
  area.dispatchEvent(new Event('input'));
  await el.updateComplete;
  return countText(el);
}

describe('strings: a council replaces any wording', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(async () => {
    forgetEverything();
    await setLocale('en');
  });

  it('replaces English and Welsh text and an interpolated string on <open311-report>, across lang switches', async () => {
    const table = JSON.stringify({
      en: { [WHERE]: 'Where is the fault?', [STEP]: 'Page ${0} / ${1}' },
      cy: { [WHERE]: 'Ble mae’r nam?', [STEP]: '${1} cam, hwn yw ${0}' },
    });
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} strings=${table}></open311-report>`);
    await until(() => heading(el) === 'Where is the fault?');
    expect(stepCount(el)).to.equal('Page 1 / 5');
    expect(getLocale()).to.equal('en');

    el.setAttribute('lang', 'cy');
    await until(() => heading(el) === 'Ble mae’r nam?');
    // The placeholders may move: the Welsh puts the total first.
    expect(stepCount(el)).to.equal('5 cam, hwn yw 1');
    // Strings nobody overrode keep the shipped Welsh.
    expect(root(el).textContent).to.contain('Parhau');

    el.setAttribute('lang', 'en-GB');
    await until(() => heading(el) === 'Where is the fault?');
    expect(stepCount(el)).to.equal('Page 1 / 5');
  });

  it('replaces an interpolated plural on a standalone element from a JSON file, in English and Welsh', async () => {
    const el = await fixture<Open311ReportForm>(
      html`<open311-report-form .service=${SERVICE} .definition=${DEFINITION} strings="/test/i18n/strings.fixture.json"></open311-report-form>`,
    );
    await until(() => countText(el) === '4,000 characters left');
    await setLocale('cy');
    await until(() => countText(el) === '4,000 nod ar ôl');
    await setLocale('en');
    await until(() => countText(el) === '4,000 characters left');
  });

  it('takes a table from setStrings() too, and a later table wins id by id', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    const button = () => [...root(el).querySelectorAll('button')].map((b) => b.textContent!.trim());
    await until(() => button().includes('Continue'));
    await setStrings({ en: { [CONTINUE]: 'Next' }, cy: { [CONTINUE]: 'Nesaf' } });
    await until(() => button().includes('Next'));
    await setStrings({ en: { [CONTINUE]: 'Carry on' } });
    await until(() => button().includes('Carry on'));
    await setLocale('cy');
    await until(() => button().includes('Nesaf'));
  });

  it('shows hostile override text as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__stringsHacked=true">Where?';
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await setStrings({ en: { [SENT]: hostile, [WHERE]: hostile } });
    await until(() => heading(el) === hostile);
    expect(root(el).querySelector('img')).to.equal(null);
    expect((window as unknown as { __stringsHacked?: boolean }).__stringsHacked).to.equal(undefined);
  });

  it('warns once and keeps the defaults for bad JSON, a failing URL or a table of the wrong shape', async () => {
    for (const source of ['{"en": {"x": ', '/test/i18n/no-such-strings.json', 'javascript:alert(1)', '["en"]']) {
      const seen = await warnings(async () => {
        const el = await fixture<Open311ReportForm>(
          html`<open311-report-form .service=${SERVICE} .definition=${DEFINITION} strings=${source}></open311-report-form>`,
        );
        await setStrings(source); // the same source again: read, and warned about, once
        expect(await overLimit(el)).to.equal('You have 1 character too many');
      });
      expect(seen, source).to.have.length(1);
      expect(seen[0]).to.contain('could not be used');
    }
  });

  it('ignores an override with the wrong placeholders (one warning) and keeps the rest of the table', async () => {
    const el = await fixture<Open311ReportForm>(html`<open311-report-form .service=${SERVICE} .definition=${DEFINITION}></open311-report-form>`);
    const seen = await warnings(() =>
      setStrings({
        en: {
          'form.count.left.many': '${0} left', // good (English never uses "many": nothing shows)
          'form.count.left.other': 'Only ${1} left', // no ${1} in this message
          'form.count.over.other': '${n} too many', // named placeholders are not supported
          'form.count.over.one': 'One too many', // drops the number
          'no-such-id': 'Hello',
        },
        fr: { [WHERE]: 'Où est le problème ?' },
      }),
    );
    expect(seen).to.have.length(1);
    for (const id of ['form.count.left.other', 'form.count.over.other', 'form.count.over.one', 'no-such-id', '"fr"']) expect(seen[0]).to.contain(id);
    expect(seen[0]).not.to.contain('form.count.left.many');
    expect(await overLimit(el)).to.equal('You have 1 character too many');
  });

  it('knows every message from the XLIFF: its placeholders, and the one that holds a link', () => {
    expect(Object.keys(shapes).length).to.be.greaterThan(300);
    expect(shapes[WHERE]).to.equal(0);
    expect(shapes[STEP]).to.equal(2);
    expect(shapes['form.count.left.one']).to.equal(1);
    expect(shapes['report.for-urgent-problems-out-of-hours']).to.equal(-1); // "For urgent problems out of hours, call ${link}."
    expect(shapes['form.count.over.few']).to.equal(1);
  });

  it('still takes the ids of before (hashes of the English, old dashed ids), with one console note per old id', async () => {
    const el = await fixture<Open311ReportForm>(html`<open311-report-form .service=${SERVICE} .definition=${DEFINITION}></open311-report-form>`);
    const text = () => root(el).textContent!.replace(/\s+/g, ' ');
    await until(() => text().includes('Your details'));
    const table = {
      en: { [OLD_DETAILS]: 'About you', [OLD_FIRST_NAME]: 'Given name', [OLD_COUNT_OVER]: '${0} over the limit' },
      cy: { [OLD_DETAILS]: 'Amdanoch chi' },
    };
    const seen = await warnings(async () => {
      await setStrings(table);
      await setStrings(table); // the same old ids again: no second note
    });
    await until(() => text().includes('About you'));
    expect(text()).to.contain('Given name');
    expect(text()).not.to.contain('Your details');
    expect(await overLimit(el)).to.equal('1 over the limit');
    expect(seen).to.have.length(3);
    for (const [old, id] of [
      [OLD_DETAILS, 'form.your-details'],
      [OLD_FIRST_NAME, 'form.first-name'],
      [OLD_COUNT_OVER, 'form.count.over.one'],
    ]) {
      expect(
        seen.filter((w) => w.includes(`"${old}" was renamed to "${id}"`)),
        old,
      ).to.have.length(1);
    }
    await setLocale('cy');
    await until(() => text().includes('Amdanoch chi'));
  });

  it('prefers the readable id when a table gives both it and its old id, and checks an old id like any other', async () => {
    const el = await fixture<Open311ReportForm>(html`<open311-report-form .service=${SERVICE} .definition=${DEFINITION}></open311-report-form>`);
    const text = () => root(el).textContent!.replace(/\s+/g, ' ');
    await until(() => text().includes('Last name'));
    const seen = await warnings(() => setStrings({ en: { 'form.last-name': 'Surname', [OLD_LAST_NAME]: 'Family name' } }));
    await until(() => text().includes('Surname'));
    expect(text()).not.to.contain('Family name');
    expect(seen.some((w) => w.includes(`"${OLD_LAST_NAME}" was renamed to "form.last-name"`))).to.equal(true);
    // An old id whose text breaks the message's placeholders is refused, and the warning names both ids.
    const refused = await warnings(() => setStrings({ en: { 'form-count-left-two': 'No number' } }));
    expect(refused.join('\n')).to.contain('form-count-left-two (now form.count.left.two');
  });

  it('checks placeholders against the English: every one used, none invented, repeats and reordering allowed', () => {
    const shapes = { a: 0, b: 2, h: -1 };
    expect(checkOverride('a', 'Plain', shapes)).to.deep.equal({ template: 'Plain' });
    expect(checkOverride('a', 'Costs ${0}', shapes)).to.have.property('problem');
    expect(checkOverride('b', '${1} then ${0} and ${1}', shapes)).to.have.property('template');
    expect(checkOverride('b', '${0} only', shapes)).to.have.property('problem');
    expect(checkOverride('b', '${0} ${1} ${2}', shapes)).to.have.property('problem');
    expect(checkOverride('b', '${0} ${1} ${', shapes)).to.have.property('problem');
    expect(checkOverride('h', 'Call us', shapes)).to.have.property('problem');
    expect(checkOverride('a', '', shapes)).to.have.property('problem');
    expect(checkOverride('a', 42, shapes)).to.have.property('problem');
    expect(checkOverride('toString', 'x', shapes)).to.have.property('problem');
  });
});
