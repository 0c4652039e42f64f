import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import { heading, inside, root, toCheckStep, visibleButton } from '../helpers/report-flow.js';

/**
 * Issue 22, item 2: a server that answers with a token must not lose the resident's reference.
 * The token is shown at once as a provisional reference with Copy, kept in sessionStorage without
 * any opt-in ("Keep a list of my reports" stays unticked) and followed after a reload; when the id
 * arrives the panel, the receipt, Copy and the track link change in place, and it is said once.
 * The token-only server (web-test-runner.config.mjs) keeps a token unresolved for 1.5 s.
 */

type StoredToken = { service_request_id: string; token?: string; description?: string }[];

/** `until` with an async check (admin calls): polls until it resolves to something truthy. */
async function eventually<T>(check: () => Promise<T | undefined>, ms = 10000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const panel = (el: Open311Report) => root(el).querySelector('.sent .panel')!;
const receiptText = (el: Open311Report) => root(el).querySelector('[part="receipt"]')?.textContent?.replace(/\s+/g, ' ') ?? '';

/** The requests stored with this description, once the server has them. */
const storedWith = (description: string): Promise<StoredToken> =>
  eventually(async () => {
    const found = (await admin<StoredToken>('token-only', 'requests')).filter((r) => r.description === description);
    return found.length ? found : undefined;
  });

describe('<open311-report> with a token-only server: the reference is never lost', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints())['token-only'];
  });
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  it('shows the token at once with Copy, then the id in place (panel, receipt, track link), said once', async () => {
    const el = await fixture<Open311Report>(
      html`<open311-report no-history endpoint=${endpoint} track-url="https://council.example/track/{id}"></open311-report>`,
    );
    const description = `Token reference ${Date.now()}`;
    await toCheckStep(el, description);
    visibleButton(el, 'Send report').click();
    await until(() => heading(el) === 'Report sent', 10000);
    const [stored] = await storedWith(description);
    expect(stored.token, 'the server answered with a token').to.be.a('string');
    // At once: the token is the provisional reference, with Copy, in the panel and the receipt.
    expect(panel(el).textContent).to.contain('Until the council gives it a number, quote:');
    expect(panel(el).querySelector('.reference')!.textContent!.trim()).to.equal(stored.token);
    expect(panel(el).querySelector('[part="copy-button"]')!.textContent!.trim()).to.equal('Copy reference');
    expect(receiptText(el)).to.contain(stored.token!);
    expect(root(el).querySelector('[part="track-link"]'), 'no track link for a token').to.equal(null);
    // Kept for this session without "Keep a list of my reports" (off by default).
    expect(sessionStorage.getItem(`open311:sent:${endpoint}|`)).to.contain(stored.token!);
    expect(localStorage.getItem('open311:my-reports')).to.equal(null);
    await expect(el).to.be.accessible();

    // The id arrives: everything changes in place.
    const id = stored.service_request_id;
    await until(() => panel(el).querySelector('.reference')?.textContent?.trim() === id, 15000);
    expect(panel(el).textContent).to.contain('Your reference number');
    expect(panel(el).textContent).not.to.contain('Until the council gives it a number');
    await until(() => receiptText(el).includes(`Reference${id}`) || receiptText(el).includes(`Reference ${id}`));
    expect(receiptText(el)).not.to.contain(stored.token!);
    expect(root(el).querySelector<HTMLAnchorElement>('[part="track-link"]')!.href).to.equal(`https://council.example/track/${id}`);
    expect(sessionStorage.getItem(`open311:sent:${endpoint}|`)).to.contain(`"id":"${id}"`);
    // Said once: by the element's live region, not again by the tracker's.
    const said = `Your report has been received. Its reference number is ${id}.`;
    const regions = [...root(el).querySelectorAll('p[role="status"]')].filter((p) => !p.closest('.check'));
    expect(regions.map((p) => p.textContent!.trim()).filter((t) => t === said)).to.have.length(1);
    const tracker = inside(el, 'open311-status-tracker') as ReturnType<typeof inside> & { updateComplete: Promise<boolean> };
    await tracker.updateComplete;
    const trackerSays = [...tracker.shadowRoot.querySelectorAll('[role="status"]')].map((p) => p.textContent!.trim());
    expect(trackerSays.join(' ')).not.to.contain(said);
    await expect(el).to.be.accessible();
  });

  it('a reload before the id arrives shows the token again and follows it to the id', async () => {
    const first = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    const description = `Token reload ${Date.now()}`;
    await toCheckStep(first, description);
    visibleButton(first, 'Send report').click();
    await until(() => heading(first) === 'Report sent', 10000);
    const token = panel(first).querySelector('.reference')!.textContent!.trim();
    // The page is reloaded (a new element, the same session) before the token has become an id.
    first.remove();
    const again = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint}></open311-report>`);
    await until(() => heading(again) === 'Report sent', 10000);
    const [stored] = await storedWith(description);
    expect(stored.token).to.equal(token);
    await until(() => root(again).querySelector('.sent .panel .reference'), 10000);
    // The token (or, if the server was quick, the id already) and, in the end, the id.
    expect([token, stored.service_request_id]).to.include(panel(again).querySelector('.reference')!.textContent!.trim());
    await until(() => panel(again).querySelector('.reference')?.textContent?.trim() === stored.service_request_id, 15000);
    expect(receiptText(again)).to.contain('Pothole');
    // "Report another problem" ends it: a later reload starts afresh.
    visibleButton(again, 'Report another problem').click();
    await until(() => heading(again) === 'Where is the problem?');
    expect(sessionStorage.getItem(`open311:sent:${endpoint}|`)).to.equal(null);
  });
});
