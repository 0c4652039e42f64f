import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../../src/elements/service-chooser/service-chooser.js';
import type { Open311ServiceChooser } from '../../src/elements/service-chooser/service-chooser.js';
import type { Service } from '../../src/open311/models.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { endpoints, until } from '../helpers/servers.js';
import { click, describePlace } from '../helpers/report-flow.js';
import { onAWelshPage } from '../helpers/welsh-page.js';

/**
 * Issue 19 item 5: a big catalogue (more than `groups-above` services, default 20) shows its groups
 * first, each with its count; opening a group shows all its services; search covers everything.
 */

function svc(code: string, name: string, groups: string[] = []): Service {
  return { code, name, description: `About ${name}`, metadata: false, type: 'realtime', keywords: [], groups, raw: null };
}

/** 250 services in 12 groups, "Roads" with 21 of them (the example), and 4 with no group. */
const GROUP_NAMES = ['Roads', 'Street lighting', 'Bins', 'Drains', 'Parks', 'Graffiti', 'Trees', 'Signs', 'Noise', 'Animals', 'Toilets'];
function bigCatalogue(): Service[] {
  const out: Service[] = [];
  for (let i = 0; i < 21; i++) out.push(svc(`RD-${i}`, `Road problem ${i}`, ['Roads']));
  for (let i = 0; out.length < 246; i++) out.push(svc(`S-${i}`, `Problem ${i}${i === 123 ? ' with a fallen lamppost' : ''}`, [GROUP_NAMES[1 + (i % 10)]]));
  for (let i = 0; i < 4; i++) out.push(svc(`OT-${i}`, `Something else ${i}`));
  return out;
}

const root = (el: Open311ServiceChooser): ShadowRoot => el.shadowRoot!;
const radios = (el: Open311ServiceChooser): HTMLInputElement[] => [...root(el).querySelectorAll<HTMLInputElement>('input[type=radio]')];
const groupButtons = (el: Open311ServiceChooser): HTMLButtonElement[] => [...root(el).querySelectorAll<HTMLButtonElement>('[part=group-button]')];
/** A button's text as a screen reader reads its name (runs of space made one). */
const said = (e: Element): string => e.textContent!.replace(/\s+/g, ' ').replace(' ,', ',').trim();
const button = (el: Open311ServiceChooser, name: string): HTMLButtonElement => groupButtons(el).find((b) => said(b).startsWith(`${name},`))!;
const back = (el: Open311ServiceChooser): HTMLButtonElement | null => root(el).querySelector<HTMLButtonElement>('[part=groups-back-button]');

async function typeSearch(el: Open311ServiceChooser, text: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>('#search')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

async function chooser(template: ReturnType<typeof html>): Promise<Open311ServiceChooser> {
  const el = await fixture<Open311ServiceChooser>(template);
  // The group view is its own module, fetched when a big list first shows.
  await until(() => groupButtons(el).length > 0 || radios(el).length > 0);
  return el;
}

describe('<open311-service-chooser> with a big catalogue, by group', () => {
  it('shows the groups first, each with its count, and opening one shows all its services under its heading', async () => {
    const el = await chooser(html`<open311-service-chooser .serviceList=${bigCatalogue()}></open311-service-chooser>`);
    expect(radios(el), 'no services yet: the groups').to.have.length(0);
    expect(groupButtons(el).map(said)).to.deep.equal([
      'Roads, 21 services',
      'Street lighting, 23 services',
      'Bins, 23 services',
      'Drains, 23 services',
      'Parks, 23 services',
      'Graffiti, 23 services',
      'Trees, 22 services',
      'Signs, 22 services',
      'Noise, 22 services',
      'Animals, 22 services',
      'Toilets, 22 services',
      'Other, 4 services',
    ]);
    expect(root(el).querySelector('#count')!.textContent!.trim()).to.equal('Choose a group, or search every service.');
    expect(root(el).querySelector('#search'), 'the search box stays at the top').to.not.equal(null);
    await expect(el).to.be.accessible();

    button(el, 'Roads').click();
    await until(() => radios(el).length > 0);
    expect(radios(el)).to.have.length(21);
    expect(groupButtons(el)).to.have.length(0);
    const heading = root(el).querySelector('legend h3')!;
    expect(heading.textContent!.trim()).to.equal('Roads');
    await until(() => root(el).activeElement === heading);
    expect(back(el)!.textContent!.trim()).to.equal('Back to all groups');
    await expect(el).to.be.accessible();

    back(el)!.click();
    await until(() => root(el).activeElement === button(el, 'Roads'));
    expect(radios(el)).to.have.length(0);
    expect(groupButtons(el)).to.have.length(12);
  });

  it('works by keyboard alone: a group opened with Enter, a service chosen with Space, back with Enter', async () => {
    const el = await chooser(html`<open311-service-chooser .serviceList=${bigCatalogue()}></open311-service-chooser>`);
    el.focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(button(el, 'Roads'));
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(button(el, 'Street lighting'));
    await sendKeys({ press: 'Enter' });
    await until(() => root(el).activeElement?.matches('legend h3'));
    await sendKeys({ press: 'Tab' });
    const first = root(el).activeElement as HTMLInputElement;
    expect(first.type).to.equal('radio');
    const changed = oneEvent(el, 'open311-service-change');
    await sendKeys({ press: ' ' });
    expect((await changed).detail.service.code).to.equal(first.value);
    expect(el.value).to.equal(first.value);
    // "Back to all groups" comes just before the heading (WebKit's driver cannot press Shift+Tab: focused directly).
    const order = [...root(el).querySelectorAll('button, h3, input')];
    expect(order.indexOf(back(el)!)).to.equal(order.indexOf(root(el).querySelector('legend h3')!) - 1);
    back(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => root(el).activeElement === button(el, 'Street lighting'));
  });

  it('searches every service, whichever group is open, and goes back to the group when the search is cleared', async () => {
    const el = await chooser(html`<open311-service-chooser .serviceList=${bigCatalogue()}></open311-service-chooser>`);
    button(el, 'Roads').click();
    await until(() => radios(el).length === 21);
    await typeSearch(el, 'lamppost');
    expect(radios(el).map((r) => r.value)).to.deep.equal(['S-123']);
    expect(back(el)).to.equal(null);
    expect(root(el).querySelector('#count')!.textContent!.trim()).to.equal('1 service found');
    await typeSearch(el, 'something');
    expect(radios(el).map((r) => r.value)).to.deep.equal(['OT-0', 'OT-1', 'OT-2', 'OT-3']);
    await typeSearch(el, '  ');
    expect(radios(el)).to.have.length(21);
    expect(root(el).querySelector('legend')!.textContent!.trim()).to.equal('Roads');
  });

  it('a resident coming back with a service chosen sees its group open, the service chosen', async () => {
    const el = await chooser(html`<open311-service-chooser .serviceList=${bigCatalogue()} value="S-123"></open311-service-chooser>`);
    const chosen = radios(el).find((r) => r.value === 'S-123')!;
    expect(chosen.checked).to.equal(true);
    expect(root(el).querySelector('legend')!.textContent!.trim()).to.equal(GROUP_NAMES[1 + (123 % 10)]);
    expect(radios(el)).to.have.length(23);
    back(el)!.click();
    await until(() => groupButtons(el).length === 12);
  });

  it('keeps a list of up to 20 services whole; groups-above sets where groups begin; heading-level the heading', async () => {
    const twenty = bigCatalogue().slice(0, 20);
    const whole = await chooser(html`<open311-service-chooser .serviceList=${twenty}></open311-service-chooser>`);
    expect(radios(whole)).to.have.length(20);
    expect(groupButtons(whole)).to.have.length(0);

    const mixed = [...bigCatalogue().slice(0, 15), ...bigCatalogue().slice(21, 27)];
    const grouped = await chooser(html`<open311-service-chooser .serviceList=${mixed}></open311-service-chooser>`);
    expect(radios(grouped), '21 services: by group').to.have.length(0);
    expect(groupButtons(grouped).length).to.be.above(1);

    const six = [...bigCatalogue().slice(0, 3), ...bigCatalogue().slice(21, 24)];
    const low = await chooser(html`<open311-service-chooser .serviceList=${six} groups-above="5" heading-level="4"></open311-service-chooser>`);
    expect(groupButtons(low).map(said)).to.deep.equal(['Roads, 3 services', 'Street lighting, 1 service', 'Bins, 1 service', 'Drains, 1 service']);
    button(low, 'Roads').click();
    await until(() => root(low).querySelector('legend h4'));
    expect(root(low).querySelector('legend h4')!.textContent!.trim()).to.equal('Roads');
  });

  it('keeps the search box in view at the top while a long list of groups scrolls', async () => {
    const many = Array.from({ length: 200 }, (_, i) => svc(`M${i}`, `Problem ${i}`, [`Group number ${i % 40}`]));
    const el = await chooser(html`<open311-service-chooser .serviceList=${many}></open311-service-chooser>`);
    const last = groupButtons(el).at(-1)!;
    last.scrollIntoView({ block: 'end' });
    const box = root(el).querySelector<HTMLInputElement>('#search')!.getBoundingClientRect();
    expect(groupButtons(el)[0].getBoundingClientRect().bottom, 'the list has scrolled').to.be.below(0);
    expect(box.top).to.be.at.least(-1);
    expect(box.bottom).to.be.below(window.innerHeight);
    expect(box.bottom, 'not over the focused button').to.be.at.most(last.getBoundingClientRect().top);
    window.scrollTo(0, 0);
  });

  it('in <open311-report>, an opened group is headed one level below the steps', async () => {
    await import('../../src/elements/report/report.js');
    const { forgetEverything } = await import('../../src/elements/report/draft.js');
    forgetEverything();
    const { default: endpoint } = await endpoints();
    const report = await fixture<Open311Report>(html`<open311-report no-history heading-level="3" endpoint=${endpoint}></open311-report>`);
    // The "what" step comes after the place.
    await describePlace(report, 'By the bench');
    await click(report, 'Continue');
    const inner = await until(() => report.shadowRoot!.querySelector('open311-service-chooser'), 10000);
    expect(inner.getAttribute('heading-level')).to.equal('4');
  });

  it('offers one group as a plain list (nothing to choose between)', async () => {
    const roads = Array.from({ length: 30 }, (_, i) => svc(`R${i}`, `Road ${i}`, ['Roads']));
    const el = await chooser(html`<open311-service-chooser .serviceList=${roads}></open311-service-chooser>`);
    expect(radios(el)).to.have.length(30);
    expect(groupButtons(el)).to.have.length(0);
  });
});

describe('<open311-service-chooser> by group, on a Welsh page', () => {
  onAWelshPage();

  it('says the counts and "back" in Welsh, group names from the council’s table', async () => {
    const welsh = JSON.stringify({ cy: { groups: { Roads: 'Ffyrdd' } } });
    const el = await chooser(html`<open311-service-chooser .serviceList=${bigCatalogue()} translations=${welsh}></open311-service-chooser>`);
    await until(() => groupButtons(el).some((b) => said(b).startsWith('Ffyrdd,')));
    expect(said(groupButtons(el)[0])).to.equal('Ffyrdd, 21 gwasanaeth');
    expect(said(groupButtons(el).at(-1)!)).to.equal('Arall, 4 gwasanaeth');
    expect(root(el).querySelector('#count')!.textContent!.trim()).to.equal('Dewiswch grŵp, neu chwiliwch drwy bob gwasanaeth.');
    await expect(el).to.be.accessible();
    button(el, 'Ffyrdd').click();
    await until(() => back(el));
    expect(back(el)!.textContent!.trim()).to.equal('Yn ôl i bob grŵp');
  });
});
