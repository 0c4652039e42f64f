import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../../src/elements/my-reports/my-reports.js';
import type { Open311MyReports } from '../../src/elements/my-reports/my-reports.js';
import { MY_REPORTS_KEY, addMyReport, myReports } from '../../src/storage/my-reports.js';
import { Open311ReportOpenEvent } from '../../src/events.js';
import { getLocale } from '../../src/i18n/localize.js';
import { Open311Client } from '../../src/open311/index.js';
import { admin, endpoints, until } from '../helpers/servers.js';

/** A fresh report on the local server's default profile. */
async function submit(): Promise<string> {
  const client = new Open311Client({ endpoint: (await endpoints()).default, retries: 0 });
  const { id } = await client.submitRequest({
    serviceCode: 'PTH-01',
    lat: 51.501,
    long: -0.1412,
    description: `Hole ${Date.now()}`,
    attributes: { DEPTH: 'DEEP' },
  });
  return id!;
}

const root = (el: Open311MyReports) => el.shadowRoot!;
const text = (el: Open311MyReports) => root(el).textContent!.replace(/\s+/g, ' ');
const tags = (el: Open311MyReports) => [...root(el).querySelectorAll('.report .tag')].map((t) => t.textContent!.trim());
const viewButtons = (el: Open311MyReports) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="view-button"]')];
const settled = (el: Open311MyReports) =>
  until(() => !root(el).querySelector('.status-region')?.textContent?.trim() && (root(el).querySelector('.my-reports, .empty') ?? false), 8000);

describe('<open311-my-reports>', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    fixtureCleanup();
    localStorage.clear();
  });

  it('shows the reports kept in this browser, newest first, with their status, and is accessible', async () => {
    const eps = await endpoints();
    const older = await submit();
    const newer = await submit();
    await admin('default', `requests/${newer}`, { status: 'fixed' });
    addMyReport({ id: older, serviceName: 'Pothole', submittedAt: '2025-03-01T09:00:00Z', endpoint: eps.default });
    addMyReport({ id: newer, serviceName: 'Street light', submittedAt: '2025-03-02T09:00:00Z', endpoint: eps.default });
    // Sent to another council: not listed here.
    addMyReport({ id: 'X-9', serviceName: 'Bins', submittedAt: '2025-03-03T09:00:00Z', endpoint: 'https://other.example/open311/v2/' });

    const el = await fixture<Open311MyReports>(html`<open311-my-reports endpoint=${eps.default}></open311-my-reports>`);
    expect(text(el)).to.contain('Loading your reports');
    await expect(el).to.be.accessible();
    await until(() => tags(el).length === 2, 8000);
    expect(tags(el)).to.deep.equal(['Fixed', 'Open']);
    // The server's name for the service wins over the one kept at submit time.
    const names = [...root(el).querySelectorAll('.report .heading')].map((h) => h.textContent!.trim());
    expect(names).to.deep.equal(['Pothole', 'Pothole']);
    const meta = [...root(el).querySelectorAll('.report-meta')].map((p) => p.textContent!.replace(/\s+/g, ' '));
    expect(meta[0]).to.contain(`Reference number ${newer}`);
    expect(meta[1]).to.contain(`Reference number ${older}`);
    expect(root(el).querySelector('.report time')).to.exist;
    expect(root(el).querySelector('h2')!.textContent).to.equal('Your reports');
    await expect(el).to.be.accessible();
  });

  it('opens one: "View progress" fires open311-report-open with its reference (or token)', async () => {
    addMyReport({ id: 'R-1', serviceName: 'Pothole', submittedAt: '2025-03-01T09:00:00Z' });
    addMyReport({ token: 'T-2', serviceName: 'Street light', submittedAt: '2025-03-02T09:00:00Z' });
    const el = await fixture<Open311MyReports>(html`<open311-my-reports></open311-my-reports>`);
    await settled(el);
    expect(viewButtons(el).map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'View progress of the report "Street light"',
      'View progress of the report "Pothole"',
    ]);

    let opened = oneEvent(el, Open311ReportOpenEvent.eventName);
    viewButtons(el)[1].click();
    let event = (await opened) as Open311ReportOpenEvent;
    expect(event.detail.serviceRequestId).to.equal('R-1');
    expect(event.detail.report.serviceName).to.equal('Pothole');
    expect(event.bubbles && event.composed).to.equal(true);

    opened = oneEvent(el, Open311ReportOpenEvent.eventName);
    viewButtons(el)[0].click();
    event = (await opened) as Open311ReportOpenEvent;
    expect(event.detail.serviceRequestId).to.equal(undefined);
    expect(event.detail.token).to.equal('T-2');
  });

  it('is keyboard-usable: Tab moves through the reports, Enter opens one, focusReport() brings focus back', async () => {
    addMyReport({ id: 'R-1', serviceName: 'Pothole', submittedAt: '2025-03-01T09:00:00Z' });
    addMyReport({ id: 'R-2', serviceName: 'Street light', submittedAt: '2025-03-02T09:00:00Z' });
    const el = await fixture<Open311MyReports>(html`<open311-my-reports></open311-my-reports>`);
    await settled(el);
    viewButtons(el)[0].focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(viewButtons(el)[1]);
    const opened = oneEvent(el, Open311ReportOpenEvent.eventName);
    await sendKeys({ press: 'Enter' });
    expect(((await opened) as Open311ReportOpenEvent).detail.serviceRequestId).to.equal('R-1');

    (root(el).activeElement as HTMLElement).blur();
    await el.focusReport('R-2');
    expect(root(el).activeElement).to.equal(viewButtons(el)[0]);
    await el.focusReport('gone');
    expect(root(el).activeElement).to.equal(root(el).querySelector('#mine-heading'));
  });

  it('shows the empty state, and can remove the list from this device', async () => {
    const el = await fixture<Open311MyReports>(html`<open311-my-reports></open311-my-reports>`);
    await settled(el);
    expect(text(el)).to.contain('You have not sent any reports from this device.');
    expect(root(el).querySelector('[part~="forget-button"]')).to.equal(null);
    await expect(el).to.be.accessible();

    addMyReport({ id: 'R-1', serviceName: 'Pothole', submittedAt: '2025-03-01T09:00:00Z' });
    // Another tab added a report: the list follows.
    window.dispatchEvent(new StorageEvent('storage', { key: MY_REPORTS_KEY }));
    await until(() => viewButtons(el).length === 1);
    expect(tags(el)).to.deep.equal(['Status not available']);
    root(el).querySelector<HTMLButtonElement>('[part~="forget-button"]')!.click();
    await until(() => root(el).querySelector('.empty'));
    expect(myReports()).to.deep.equal([]);
    expect(root(el).querySelector('p[role="status"][aria-atomic]')!.textContent).to.contain('removed from this device');
    await expect(el).to.be.accessible();
  });

  describe('with lang="cy"', () => {
    afterEach(async () => {
      // Words are page-wide: a fresh English element puts English back for the next test.
      await fixture(html`<open311-my-reports lang="en"></open311-my-reports>`);
      await until(() => getLocale() === 'en');
    });

    it('speaks Welsh: heading, hint, status, button and empty state', async () => {
      addMyReport({ id: 'R-1', serviceName: 'Pothole', submittedAt: '2025-03-01T09:00:00Z' });
      const el = await fixture<Open311MyReports>(html`<open311-my-reports lang="cy"></open311-my-reports>`);
      await settled(el);
      await until(() => text(el).includes('Eich adroddiadau'));
      expect(text(el)).to.contain('Adroddiadau a anfonwyd o’r ddyfais hon.');
      expect(tags(el)).to.deep.equal(['Dim statws ar gael']);
      expect(viewButtons(el)[0].textContent).to.contain('Gweld y cynnydd');
      expect(text(el)).to.not.contain('Your reports');
      localStorage.clear();
      el.refresh();
      await until(() => text(el).includes('Nid ydych wedi anfon unrhyw adroddiadau o’r ddyfais hon.'));
      await expect(el).to.be.accessible();
    });
  });
});
