import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { DraftStore, forgetEverything } from '../../src/elements/report/draft.js';
import { endpoints, until } from '../helpers/servers.js';
import { heading, inside, root } from '../helpers/report-flow.js';

/**
 * Issue 22, item 9: a restored draft greeted the next person at a shared computer for 24 hours.
 * Older than `draft-ask-minutes` (30 by default), it is offered instead: "Continue your unfinished
 * report from 10:12? / Start again", with nothing of it (nor the contact details) shown until then.
 */
describe('<open311-report>: an older unfinished report is offered, not restored outright', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  /** Saves a draft on the "what" step, `minutesAgo` old, with contact details in the session. */
  function seed(minutesAgo: number): void {
    const store = new DraftStore(`${endpoint}|`, 24 * 3600_000, () => Date.now() - minutesAgo * 60_000);
    const d = store.create();
    d.step = 'what';
    d.location = { address: 'Outside the library on Park Row' };
    store.save(d);
    store.saveContact({ email: 'previous.person@example.org' });
  }

  const offer = (el: Open311Report) => root(el).querySelector<HTMLElement>('[part=draft-offer]');
  const button = (el: Open311Report, part: string) => root(el).querySelector<HTMLButtonElement>(`[part=${part}]`)!;
  const pickerText = (el: Open311Report) => inside(el, 'open311-map-picker')?.shadowRoot?.querySelector<HTMLTextAreaElement>('#describe-text')?.value ?? '';

  it('an hour-old draft: step 1, the offer with its time, nothing of it shown; Continue it restores it', async () => {
    seed(60);
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    const box = await until(() => offer(el));
    expect(heading(el)).to.equal('Where is the problem?');
    // Today's drafts by time alone ("from 10:12am?"); one from yesterday with its date.
    expect(box.querySelector('#offer-text')!.textContent!.trim()).to.match(
      /^Continue your unfinished report from (\d{1,2} \w+ \d{4} at )?\d{1,2}:\d{2}(am|pm)\?$/,
    );
    expect(root(el).textContent).to.not.contain('Park Row');
    expect(pickerText(el)).to.equal('');
    await expect(el).to.be.accessible();
    button(el, 'continue-draft-button').click();
    await until(() => heading(el) === 'What is the problem?');
    expect(offer(el)).to.equal(null);
  });

  it('Start again removes the draft and the session’s contact details from the device', async () => {
    seed(60);
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await until(() => offer(el));
    button(el, 'start-again-button').click();
    await until(() => !offer(el));
    expect(heading(el)).to.equal('Where is the problem?');
    expect(JSON.stringify(localStorage)).to.not.contain('Park Row');
    expect(JSON.stringify(sessionStorage)).to.not.contain('previous.person');
  });

  it('a draft from five minutes ago is restored outright, as before; draft-ask-minutes changes the limit', async () => {
    seed(5);
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await until(() => heading(el) === 'What is the problem?');
    expect(offer(el)).to.equal(null);
    forgetEverything();
    seed(5);
    const strict = await fixture<Open311Report>(html`<open311-report no-history draft-ask-minutes="2" endpoint=${endpoint}></open311-report>`);
    await until(() => offer(strict));
  });
});
