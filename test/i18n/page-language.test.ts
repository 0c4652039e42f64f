import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/elements/service-chooser/service-chooser.js';
import '../../src/elements/report-form/report-form.js';
import '../../src/elements/map-picker/map-picker.js';
import '../../src/elements/status-tracker/status-tracker.js';
import '../../src/elements/my-reports/my-reports.js';
import { getLocale } from '../../src/i18n/localize.js';
import { Open311Client } from '../../src/open311/client.js';
import { endpoints, until } from '../helpers/servers.js';

/**
 * Issue 22: each element on its own (no <open311-report> around it) speaks the page's language: its
 * own `lang`, the nearest ancestor's, or <html lang>, and follows a change at runtime. Before, only
 * the composite switched; a Welsh council's standalone tracker page was English.
 */

/** A client answering one canned request for every call (the tracker needs a report to show). */
function cannedClient(): Open311Client {
  const body = [{ service_request_id: 'X-1', status: 'open', service_name: 'Graffiti', requested_datetime: '2026-12-05T09:46:00Z' }];
  return new Open311Client({
    endpoint: 'https://canned.example/open311/v2/',
    retries: 0,
    format: 'json',
    fetch: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }),
  });
}

/** Each element alone, with one phrase it always shows, in English and in the shipped Welsh. */
const ELEMENTS: { name: string; render: (lang?: string) => Promise<TemplateResult>; en: string; cy: string }[] = [
  {
    name: 'open311-service-chooser',
    render: async (lang) => html`<open311-service-chooser lang=${lang ?? ''}></open311-service-chooser>`,
    en: 'What do you want to report?',
    cy: 'Am beth ydych chi eisiau rhoi gwybod?',
  },
  {
    name: 'open311-report-form',
    render: async (lang) => html`<open311-report-form lang=${lang ?? ''} service-code="PTH-01" endpoint=${(await endpoints()).default}></open311-report-form>`,
    en: 'Describe the problem',
    cy: 'Disgrifiwch y broblem',
  },
  {
    name: 'open311-map-picker',
    render: async (lang) => html`<open311-map-picker lang=${lang ?? ''} no-map></open311-map-picker>`,
    en: 'Search for a street, place or postcode',
    cy: 'Chwilio am stryd, lle neu god post',
  },
  {
    name: 'open311-status-tracker',
    render: async (lang) => html`<open311-status-tracker lang=${lang ?? ''} no-updates .client=${cannedClient()} request-id="X-1"></open311-status-tracker>`,
    en: 'Check for updates',
    cy: 'Gwirio am ddiweddariadau',
  },
  {
    name: 'open311-my-reports',
    render: async (lang) => html`<open311-my-reports lang=${lang ?? ''}></open311-my-reports>`,
    en: 'Your reports',
    cy: 'Eich adroddiadau',
  },
];

const shown = (el: Element): string => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('the page language, for every element on its own', () => {
  const pageLang = document.documentElement.lang;
  afterEach(async () => {
    document.documentElement.lang = pageLang;
    // Words are page-wide: put English back for the next test (a fresh English element does it).
    await fixture(html`<open311-service-chooser lang="en"></open311-service-chooser>`);
    await until(() => getLocale() === 'en');
  });

  for (const { name, render, en, cy } of ELEMENTS) {
    describe(`<${name}>`, () => {
      it('is Welsh on a <html lang="cy"> page, and English again when the page switches back', async () => {
        document.documentElement.lang = 'cy';
        const el = await fixture<HTMLElement>(await render());
        await until(() => shown(el).includes(cy), 8000);
        expect(shown(el)).to.not.contain(en);
        document.documentElement.lang = 'en-GB';
        await until(() => shown(el).includes(en), 8000);
      });

      it('is Welsh with lang="cy" on the element itself, on an English page', async () => {
        document.documentElement.lang = 'en';
        const el = await fixture<HTMLElement>(await render('cy'));
        await until(() => shown(el).includes(cy), 8000);
        el.setAttribute('lang', 'en');
        await until(() => shown(el).includes(en), 8000);
      });

      it('is Welsh inside a lang="cy-GB" container, and follows the container', async () => {
        document.documentElement.lang = 'en';
        const wrapper = await fixture<HTMLElement>(html`<div lang="cy-GB">${await render()}</div>`);
        const el = wrapper.querySelector(name)!;
        await until(() => shown(el).includes(cy), 8000);
        wrapper.setAttribute('lang', 'en');
        await until(() => shown(el).includes(en), 8000);
      });
    });
  }
});
