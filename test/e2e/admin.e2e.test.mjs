// The local server's back office in a real browser (issue 17, finding 5): the printed link opens it and
// its forms work; a page on another origin, even another port of the same machine (same site, so the
// SameSite=Strict cookie goes along), cannot close or wipe reports with a form or a no-cors fetch.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';

const RESIDENT = { email: 'admin-e2e@example.org', first_name: 'Ann', last_name: 'Resident' };

/** Sends a pothole report straight to the server; returns its id. */
async function report(endpoint, description) {
  const body = new URLSearchParams({ service_code: 'PTH-01', lat: '51.4545', long: '-2.5879', description, 'attribute[DEPTH]': 'DEEP', ...RESIDENT });
  const res = await fetch(`${endpoint}requests.json`, { method: 'POST', body });
  assert.equal(res.status, 200);
  return (await res.json())[0].service_request_id;
}

describe('the back office in Chromium', () => {
  let env;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  /** A page from `origin` whose document is `html` (the requests it then makes go to the real server). */
  async function attackerPage(page, origin, html) {
    await page.route(`${origin}/evil.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(`${origin}/evil.html`);
  }

  test('the printed link opens it, the token leaves the address bar, and its form saves a change', async () => {
    const id = await report(env.open311.endpoint, `Back office ${Date.now()}`);
    const page = await env.page();
    await page.goto(env.open311.adminUrl);
    assert.equal(page.url(), `${env.open311.url}/admin`);
    await page.getByText(RESIDENT.email).first().waitFor();
    const cookies = await page.context().cookies(`${env.open311.url}/admin`);
    assert.equal(cookies.length, 1);
    assert.equal(cookies[0].httpOnly, true);
    assert.equal(cookies[0].sameSite, 'Strict');

    const form = page.locator(`form[action="/admin/requests/${id}"]`);
    await form.getByLabel('Status', { exact: true }).selectOption('fixed');
    await form.getByLabel('Status notes (shown to the public)').fill('Filled this morning');
    const [answer] = await Promise.all([
      page.waitForResponse((res) => res.url() === `${env.open311.url}/admin/requests/${id}`),
      form.getByRole('button', { name: `Save ${id}` }).click(),
    ]);
    assert.equal(answer.status(), 303, 'saved, back to the list');
    await page.waitForURL(`${env.open311.url}/admin`);
    const [r] = await (await fetch(`${env.open311.endpoint}requests/${id}.json`)).json();
    assert.equal(r.status, 'fixed');
    assert.equal(r.status_notes, 'Filled this morning');
    assert.deepEqual(page.errors, []);
  });

  for (const [where, origin] of [
    ['another site', 'http://evil.example'],
    ['another port of this machine (same site: the Strict cookie is sent)', null],
  ]) {
    test(`a page on ${where} cannot close or wipe reports, by form or by no-cors fetch`, async () => {
      const id = await report(env.open311.endpoint, `Attack ${Date.now()}`);
      const page = await env.page();
      await page.goto(env.open311.adminUrl); // the officer is logged in, in this browser
      const before = await (await env.open311.adminFetch('requests')).json();
      const from = origin ?? new URL(env.web.url).origin;
      const admin = env.open311.url;
      await attackerPage(
        page,
        from,
        `<!DOCTYPE html><title>Win a prize</title>
<form id="f" method="post" action="${admin}/admin/requests/${id}"><input name="status" value="closed"><input name="status_notes" value="pwned"></form>
<script>
  Promise.all([
    fetch('${admin}/admin/api/reset', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{}' }),
    fetch('${admin}/admin/api/requests/${id}', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{"status":"closed"}' }),
  ]).finally(() => document.getElementById('f').submit());
</script>`,
      );
      const answer = await page.waitForResponse((r) => r.url() === `${admin}/admin/requests/${id}` && r.request().method() === 'POST');
      assert.ok([401, 403].includes(answer.status()), `form POST answered ${answer.status()}`);
      assert.deepEqual(await (await env.open311.adminFetch('requests')).json(), before, 'nothing changed');
    });
  }
});
