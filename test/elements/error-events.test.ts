import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/service-chooser/service-chooser.js';
import '../../src/elements/report-form/report-form.js';
import '../../src/elements/map-picker/map-picker.js';
import { Open311ErrorEvent } from '../../src/events.js';
import { endpoints, until } from '../helpers/servers.js';

/**
 * Issue 22, item 9: `open311-error` fires for every failure the resident is shown, with a `kind` that
 * stays the same between releases. Before, the chooser showed "Sorry, the list of problems could not
 * be loaded." and the page heard nothing.
 */
describe('open311-error, with a stable kind, for every failure the resident sees', () => {
  it('the list of problems fails to load: kind "services", beside the message', async () => {
    const endpoint = `${(await endpoints()).faults}html500/`;
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    const heard = oneEvent(wrapper, Open311ErrorEvent.eventName);
    const el = document.createElement('open311-service-chooser');
    el.setAttribute('endpoint', endpoint);
    wrapper.append(el);
    const event = (await heard) as Open311ErrorEvent;
    expect(event.detail.kind).to.equal('services');
    expect(event.detail.during).to.equal('services');
    expect(event.detail.error).to.be.instanceOf(Error);
    expect(event.composed && event.bubbles).to.equal(true);
    await until(() => el.shadowRoot!.textContent!.includes('could not be loaded'));
  });

  it('a problem’s questions fail to load: kind "questions"', async () => {
    const endpoint = `${(await endpoints()).faults}html500/`;
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    const heard = oneEvent(wrapper, Open311ErrorEvent.eventName);
    const el = document.createElement('open311-report-form');
    el.setAttribute('endpoint', endpoint);
    el.setAttribute('service-code', 'PTH-01');
    wrapper.append(el);
    const event = (await heard) as Open311ErrorEvent;
    expect(event.detail.kind).to.equal('questions');
    await until(() => el.shadowRoot!.textContent!.includes('could not be loaded'));
  });

  it('the address search fails: kind "search"', async () => {
    const geocoder = `${(await endpoints()).faults}html500/search?q={query}`;
    const el = await fixture<HTMLElement>(html`<open311-map-picker no-map geocoder=${geocoder}></open311-map-picker>`);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#search')!;
    input.value = 'Queen Square';
    const heard = oneEvent(el, Open311ErrorEvent.eventName);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=search-button]')!.click();
    const event = (await heard) as Open311ErrorEvent;
    expect(event.detail.kind).to.equal('search');
    await until(() => el.shadowRoot!.textContent!.includes('address search is not working'));
  });
});
