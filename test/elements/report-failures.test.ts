import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { endpoints, until } from '../helpers/servers.js';
import { heading, root, toCheckStep, click } from '../helpers/report-flow.js';

/**
 * Issue 22, item 6: when sending fails, the resident reads what happened in their terms. An HTML 500
 * page was shown as "The council's system said: The server answered 500: 500 Internal Server Error".
 * Words are shown as the council's only when they came in an Open311 error list.
 */

const HTML500 = '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>nginx</p></body></html>';

/** A client whose POST answers `status`, `type`, `body` (everything else goes to the local server). */
function failingPost(endpoint: string, status: number, type: string, body: string): Open311Client {
  const fetchOnce: typeof fetch = async (input, init) =>
    init?.method === 'POST' ? new Response(body, { status, headers: { 'content-type': type } }) : fetch(input, init);
  return new Open311Client({ endpoint, fetch: fetchOnce, retries: 0 });
}

async function sendAndRead(client: Open311Client, endpoint: string): Promise<string> {
  const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} .client=${client}></open311-report>`);
  await toCheckStep(el, `Failure words ${Date.now()}`);
  await click(el, 'Send report');
  const summary = await until(() => root(el).querySelector<HTMLElement>('.error-summary'), 10000);
  expect(heading(el)).to.equal('Check your answers before sending your report');
  return summary.textContent!.replace(/\s+/g, ' ').trim();
}

describe('<open311-report>: failures in plain words', () => {
  let endpoint = '';
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());

  it('an HTML 500 page: "not answering at the moment", no status line, no page text, not "the council said"', async () => {
    const words = await sendAndRead(failingPost(endpoint, 500, 'text/html', HTML500), endpoint);
    expect(words).to.contain('The council’s system is not answering at the moment. Your report has not been sent.');
    expect(words).to.not.match(/500|Internal Server Error|nginx|answered|said/i);
  });

  it('a plain-text 503 is not put in the council’s mouth either', async () => {
    const words = await sendAndRead(failingPost(endpoint, 503, 'text/plain', 'Service temporarily unavailable (upstream timed out)'), endpoint);
    expect(words).to.contain('not answering at the moment');
    expect(words).to.not.match(/503|upstream|said/i);
  });

  it('a 404 page with no error list: the system could not take the report, no status', async () => {
    const words = await sendAndRead(failingPost(endpoint, 404, 'text/html', '<html><body><h1>404 Not Found</h1></body></html>'), endpoint);
    expect(words).to.contain('The council’s system could not take your report. Your report has not been sent.');
    expect(words).to.not.match(/404|Not Found|said/i);
  });

  it('an Open311 error list is quoted as the council’s words', async () => {
    const list = JSON.stringify([{ code: 400, description: 'Reports for this road go to the highways agency' }]);
    const words = await sendAndRead(failingPost(endpoint, 400, 'application/json', list), endpoint);
    expect(words).to.contain('The council’s system said: Reports for this road go to the highways agency');
    expect(words).to.not.contain('400');
  });
});

describe('tracker follow-up: failures in plain words', () => {
  const url = 'https://council.example/open311/v2/requests/1/updates.json';
  it('quotes an Open311 error list, never a plain-text body or error page', async () => {
    const { updateFailure } = await import('../../src/elements/status-tracker/follow-up.js');
    const { Open311Error } = await import('../../src/open311/index.js');
    const listed = new Open311Error('x', {
      kind: 'http',
      url,
      status: 400,
      body: '[{"code":400,"description":"Updates are closed"}]',
      errors: [{ code: '400', description: 'Updates are closed' }],
    });
    expect(updateFailure(listed)).to.contain('Updates are closed');
    const page = new Open311Error('x', {
      kind: 'http',
      url,
      status: 400,
      body: 'Bad Request: upstream said no',
      errors: [{ code: '400', description: 'Bad Request: upstream said no' }],
    });
    expect(updateFailure(page)).to.not.match(/Bad Request|upstream/);
    const html500 = new Open311Error('x', { kind: 'http', url, status: 500, body: HTML500, errors: [] });
    expect(updateFailure(html500)).to.not.match(/500|Internal/);
  });
});
