import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { DraftStore, forgetEverything } from '../../src/elements/report/draft.js';
import { Open311LocationChangeEvent } from '../../src/events.js';
import { endpoints, until } from '../helpers/servers.js';
import { chooseService, click, heading, inside, pastNearby, questionsForm, root } from '../helpers/report-flow.js';

/**
 * Issue 18: reading and saving drafts (draft.ts) is not on the first screen. It arrives at the
 * resident's first touch or change, or before the first render when something is kept. What the
 * resident notices must not change: a place chosen at once is still saved, and a kept draft still
 * opens on its own step, never on step 1 first.
 */
describe('<open311-report>: drafts with their code fetched when needed', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  const key = () => `open311:draft:${endpoint}|`;
  const pickerText = (el: Open311Report) => inside(el, 'open311-map-picker')?.shadowRoot?.querySelector<HTMLTextAreaElement>('#describe-text')?.value ?? '';

  // First in the file: nothing has fetched draft.ts yet when the place is chosen.
  it('a place chosen as soon as the form shows is saved, and is there again after a reload', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    expect(localStorage.getItem(key()), 'nothing kept before the resident does anything').to.equal(null);
    // No touch or focus first (they would fetch draft.ts early): the picker says where, at once.
    inside(el, 'open311-map-picker')!.dispatchEvent(new Open311LocationChangeEvent({ address: 'By the post box on Mill Lane' }));
    await until(() => localStorage.getItem(key())?.includes('Mill Lane'));
    const saved = JSON.parse(localStorage.getItem(key())!) as { step: string; clientId: string };
    expect(saved.step).to.equal('where');
    expect(saved.clientId, 'the report has its id for "send once"').to.match(/\S{8,}/);
    el.remove();

    const again = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    expect(heading(again)).to.equal('Where is the problem?');
    await until(() => pickerText(again) === 'By the post box on Mill Lane');
  });

  it('a kept draft opens on its own step at the first render: step 1 is never drawn first, and history and events are as before', async () => {
    const store = new DraftStore(`${endpoint}|`);
    const d = store.create();
    d.step = 'details';
    d.serviceCode = 'PTH-01';
    d.location = { address: 'Outside number 4 Quarry Road' };
    d.description = 'A deep one';
    store.save(d);

    const seen: string[] = [];
    const steps: string[] = [];
    const el = document.createElement('open311-report');
    el.setAttribute('endpoint', endpoint);
    el.addEventListener('open311-step-change', (e) => steps.push(e.detail.step));
    document.body.append(el);
    // Every heading the element ever draws, from its first render on.
    const observer = new MutationObserver(() => {
      const h = el.shadowRoot?.querySelector('[data-step-heading]')?.textContent?.trim();
      if (h && seen.at(-1) !== h) seen.push(h);
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    try {
      await el.updateComplete;
      expect(heading(el)).to.equal('Tell us more about the problem');
      await until(() => root(el).querySelector('open311-report-form[sections="questions"]'));
      expect(seen).to.deep.equal(['Tell us more about the problem']);
      expect((history.state as { open311?: { step: string } } | null)?.open311?.step, 'the history entry is the restored step').to.equal('details');
      expect(steps, 'restoring fires no step change').to.deep.equal([]);
    } finally {
      observer.disconnect();
      el.remove();
    }
  });

  it('the asset chosen on the map fills the service’s hidden field (filled by the later steps, whose form it is)', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} asset-attribute="asset_id"></open311-report>`);
    inside(el, 'open311-map-picker')!.dispatchEvent(new Open311LocationChangeEvent({ address: 'By lamp 42 on Mill Lane', assetId: 'LAMP-42' }));
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    await chooseService(el, 'Street light not working');
    await click(el, 'Continue');
    await pastNearby(el);
    const form = questionsForm(el) as unknown as { value: { attributes: Record<string, unknown> } };
    await until(() => form.value.attributes['asset_id'] === 'LAMP-42', 10000);
  });

  it('"Forget this device" before the draft code has arrived removes everything kept here', async () => {
    localStorage.setItem('open311:my-reports', JSON.stringify([{ id: 'R-1', submittedAt: new Date().toISOString() }]));
    sessionStorage.setItem('open311:contact:https://other.example/open311|', JSON.stringify({ email: 'someone@example.org' }));
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    // A click without a pointer (a keyboard's Enter): no first touch fetched anything.
    root(el).querySelector<HTMLButtonElement>('[part=forget-button]')!.click();
    await until(() => root(el).querySelector('[role=status]')?.textContent?.includes('has been removed'));
    const left = [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('open311:') && k !== key());
    expect(left).to.deep.equal([]);
    // What is kept now is the fresh report on step 1 (as before: moving to a step saves the draft), empty.
    const fresh = JSON.parse(localStorage.getItem(key()) ?? '{"step":"where"}') as { step: string; location?: unknown };
    expect([fresh.step, fresh.location]).to.deep.equal(['where', undefined]);
  });
});
