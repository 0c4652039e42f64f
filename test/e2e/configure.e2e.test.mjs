// dist/configure.html (issue 21), end to end in Debian's Chromium: by keyboard alone from an endpoint
// to a copied snippet, which, pasted into a plain page, completes a report with the chosen subset of
// services; and, for a server without CORS, the gateway advice with a gateway.json the gateway
// accepts. The configurator and the plain page run under the strict CSP of docs/council-it/security.md.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { setup } from './harness.mjs';
import { expectStep, focused, mouseFlowToCheck, mouseToWhatStep, tabTo } from './flow-helpers.mjs';
import { startServer } from '@open311-elements/georeport-server';
import { TYPES, serveHttp } from '../../demo/static.mjs';
import { checkConfig } from '../../gateway/src/config.mjs';
import { startGateway } from '../../gateway/src/server.mjs';

const root = new URL('../../', import.meta.url).pathname;

/** The strict policy of docs/council-it/security.md, with `connect` as the Open311 origins. */
function strictCsp(connect) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob: https:",
    `connect-src 'self' ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const AXE = await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * axe over the page (it sees into shadow roots), loaded through the DevTools protocol: the strict
 * CSP refuses the inline script tag flow-helpers' `axe` adds, and must stay on.
 */
async function axe(page) {
  return page.evaluate(async (source) => {
    // axe's own source, run in the page's global scope; code the test runs through DevTools is not
    // held to the page's CSP (the test checks that `axe` then ran: it finds a removed label).
    (0, eval)(source);
    // `axe` here is the page's global (axe-core), not this function.
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE);
}

/** Collects CSP violations reported in the page (and its console). */
async function watchCsp(page) {
  const violations = [];
  await page.exposeFunction('__reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

/** Presses Tab to the control labelled `label` (exactly, or matching a RegExp) and types `text` into it, replacing what was there. */
async function typeInto(page, label, text) {
  await tabTo(page, (f) => (label instanceof RegExp ? label.test(f.label) : f.label === label));
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('configure.html', () => {
  let env;
  let noCors;
  let noCorsDir;
  let plain;
  /** What the plain council page holds: set by the test from the copied snippet. */
  let pasted = '';
  /** embed.json beside the plain page's embed.html: set by the test from the copied one. */
  let embedJson = '';
  /** Origins of servers the tests start later (gateways, a hostile server), for the configurator's connect-src. */
  const extraOrigins = [];

  before(async () => {
    noCorsDir = await mkdtemp(join(tmpdir(), 'open311-configure-'));
    noCors = await startServer({ port: 0, profile: 'no-cors', dataDir: noCorsDir });
    env = await setup({ csp: (open311) => () => strictCsp([new URL(open311.endpoint).origin, new URL(noCors.endpoint).origin, ...extraOrigins].join(' ')) });
    // A plain council page: the snippet as pasted, dist/ uploaded as /open311/, the map's files at /map/.
    plain = await serveHttp(async (req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      const csp = strictCsp(new URL(env.open311.endpoint).origin);
      if (path === '/') {
        const html = `<!DOCTYPE html>\n<html lang="en-GB">\n<head><meta charset="utf-8"><title>Report a problem | Example Council</title></head>\n<body>\n<main>\n<h1>Report a problem</h1>\n${pasted}</main>\n</body>\n</html>\n`;
        res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Content-Security-Policy': csp });
        res.end(html);
        return;
      }
      if (path === '/open311/embed.json' && embedJson) {
        res.writeHead(200, { 'Content-Type': TYPES['.json'] });
        res.end(embedJson);
        return;
      }
      const [dir, rest] = path.startsWith('/open311/') ? ['dist', path.slice(9)] : path.startsWith('/map/') ? ['demo/map', path.slice(5)] : [undefined, ''];
      const file = dir ? normalize(join(root, dir, rest)) : undefined;
      try {
        if (!file || !file.startsWith(join(root, dir) + sep)) throw new Error('refused');
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('Not found');
      }
    });
  });
  after(async () => {
    await plain?.close();
    await env?.close();
    await noCors?.close();
    if (noCorsDir) await rm(noCorsDir, { recursive: true, force: true });
  });

  test('by keyboard alone: an endpoint, a parish subset and settings, the copied two lines complete a report in a plain page', async () => {
    const page = await env.page({ permissions: ['clipboard-read', 'clipboard-write'] });
    const violations = await watchCsp(page);
    const response = await page.goto(`${env.web.url}dist/configure.html`);
    assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
    assert.deepEqual(await axe(page), [], 'axe before the check');

    await typeInto(page, /^Open311 endpoint/, env.open311.endpoint);
    await page.keyboard.press('Enter');
    const status = page.locator('#probe-status');
    await status.filter({ hasText: 'the form will work with this server' }).waitFor({ timeout: 30000 });
    assert.match(await status.textContent(), /20 services found/);
    // The findings are the doctor's, read by the browser itself.
    assert.match(await page.locator('#findings').textContent(), /The browser let this page .* read the server's answers/);

    // A parish subset: untick every service but two, by Tab and Space.
    const keep = ['PTH-01', 'LGT-02'];
    let f = await tabTo(page, (x) => x.type === 'checkbox' && /\)$/.test(x.label));
    let seen = 0;
    while (f.type === 'checkbox' && /\)$/.test(f.label)) {
      seen++;
      const code = /([^;( ]+)\)$/.exec(f.label)[1];
      if (!keep.includes(code)) await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      f = await focused(page);
    }
    assert.equal(seen, 20, 'every listed service has its checkbox');

    await typeInto(page, 'Council phone number', '0300 123 4567');
    await typeInto(page, 'Council email address', 'streets@example-council.gov.uk');
    await typeInto(page, 'Privacy notice address', 'https://www.example-council.gov.uk/privacy');
    // A button colour that white text cannot be read on: the check says so, as text.
    await typeInto(page, /^Buttons/, '#ffdd00');
    const contrast = page.locator('#contrast');
    await contrast.filter({ hasText: /White button text on the button colour: 1\.\d+:1 — FAILS WCAG AA/ }).waitFor();
    await typeInto(page, /^Buttons/, '#005a30');
    await contrast.filter({ hasText: /White button text on the button colour: \d+\.\d+:1 — passes WCAG AA/ }).waitFor();
    assert.doesNotMatch(await contrast.textContent(), /FAILS/);
    // Welsh on (arrow keys in the radio group): the preview speaks Welsh and the shortcode says so; then off again.
    await tabTo(page, (x) => x.type === 'radio');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused(page)).label, 'Welsh always (Cymraeg)');
    await page.locator('#preview open311-report[lang="cy"] [data-step-heading]').filter({ hasText: 'Ble mae’r broblem?' }).waitFor();
    assert.equal(await page.locator('#out-shortcode').inputValue(), '[open311_report services="PTH-01,LGT-02" lang="cy"]\n');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.match((await focused(page)).label, /^Follow the page's language/);
    await typeInto(page, /^Map style/, '/map/style.json');
    await typeInto(page, /^Address search/, `${new URL(env.open311.endpoint).origin}/geocoder/search?q={query}&format=jsonv2`);
    await typeInto(page, /^Where the map starts/, '51.4545,-2.5879');
    await typeInto(page, 'Zoom level', '14');

    // The live preview follows the choices.
    const preview = page.locator('#preview open311-report');
    await page.waitForFunction(() => document.querySelector('#preview open311-report')?.getAttribute('zoom') === '14');
    assert.equal(await preview.getAttribute('services'), 'PTH-01,LGT-02');
    assert.equal(await preview.getAttribute('council-phone'), '0300 123 4567');
    assert.equal(await preview.evaluate((el) => el.style.getPropertyValue('--open311-button')), '#005a30');
    await preview.locator('[data-step-heading]').filter({ hasText: 'Where is the problem?' }).waitFor();

    await tabTo(page, (x) => x.tag === 'button' && x.text === 'Copy the two lines');
    await page.keyboard.press('Enter');
    await page.locator('#copy-status').filter({ hasText: 'Copied: The two lines for your page.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.locator('#out-page').inputValue(), 'the clipboard holds the two lines shown');
    assert.match(copied, /^<script type="module" src="\/open311\/open311-report\.js"><\/script>\n<open311-report endpoint="/);
    assert.match(copied, / services="PTH-01,LGT-02"/);
    assert.match(copied, /<p>If this form does not load, report a problem by phone on 0300 123 4567 or by email to streets@example-council\.gov\.uk\.<\/p>/);
    assert.match(await page.locator('#out-css').inputValue(), /--open311-button: #005a30;/);
    assert.equal(await page.locator('#out-shortcode').inputValue(), '[open311_report services="PTH-01,LGT-02"]\n');
    assert.match(
      await page.locator('#out-wordpress').inputValue(),
      /^Endpoint: http:\/\/127\.0\.0\.1:\d+\/open311\/v2\/\nJurisdiction: \(leave empty\)\nPhone: 0300 123 4567\nEmail: streets@example-council\.gov\.uk\nPrivacy URL: https:\/\/www\.example-council\.gov\.uk\/privacy\n/,
    );
    embedJson = await page.locator('#out-embed').inputValue();
    const embed = JSON.parse(embedJson);
    assert.equal(embed.endpoint, env.open311.endpoint);
    assert.equal(embed.services, 'PTH-01,LGT-02');
    assert.equal(embed.zoom, 14);
    assert.deepEqual(await axe(page), [], 'axe with the choices, the preview and the outputs');
    assert.deepEqual(violations, [], 'no CSP violation in the configurator');
    assert.deepEqual(page.errors, []);

    // Pasted into a plain page: the form offers the two services only, and a report arrives.
    pasted = copied;
    const council = await env.page();
    const councilViolations = await watchCsp(council);
    await council.goto(plain.url);
    await expectStep(council, 'Where is the problem?');
    const description = `From the configurator ${Date.now()}`;
    await mouseFlowToCheck(council, description);
    await council.getByRole('button', { name: 'Send report' }).click();
    await expectStep(council, 'Report sent');
    const stored = (await env.stored()).filter((r) => r.description === description);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].service_code, 'PTH-01');

    // The subset is honoured: a second resident is offered only the two services.
    const second = await env.page();
    await second.goto(plain.url);
    await mouseToWhatStep(second);
    const offered = await second.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.labels?.[0]?.textContent?.trim().replace(/\s+/g, ' ')));
    assert.equal(offered.length, 2, `only the chosen services: ${offered.join(' | ')}`);
    assert.match(offered.join(' | '), /Pothole/);
    assert.match(offered.join(' | '), /Street light not working/);
    assert.deepEqual(councilViolations, [], 'no CSP violation in the council page');
    assert.deepEqual(council.errors, []);

    // The iframe's page takes the copied embed.json as it is.
    const framed = await env.page();
    await framed.goto(`${plain.url}open311/embed.html`);
    await expectStep(framed, 'Where is the problem?');
    assert.equal(await framed.locator('open311-report').getAttribute('services'), 'PTH-01,LGT-02');
    assert.deepEqual(framed.errors, []);
  });

  test('a server without CORS: the page says so, offers the gateway, and its gateway.json is one the gateway accepts', async () => {
    const page = await env.page();
    const violations = await watchCsp(page);
    await page.goto(`${env.web.url}dist/configure.html`);
    await typeInto(page, /^Open311 endpoint/, noCors.endpoint);
    await typeInto(page, /^Your council's website/, 'https://www.example-council.gov.uk');
    await page.keyboard.press('Enter');
    const status = page.locator('#probe-status');
    await status.filter({ hasText: 'sends no CORS headers' }).waitFor({ timeout: 30000 });
    assert.match(await status.textContent(), /Use the gateway/);
    await page.getByRole('heading', { name: /use the gateway/ }).waitFor();
    assert.match(await page.locator('#findings').textContent(), /Needs action: This page could not read the server's answers/);
    await page.getByLabel("The gateway's address").waitFor();
    const config = JSON.parse(await page.locator('#out-gateway-early').inputValue());
    const checked = checkConfig(config, { baseDir: noCorsDir, env: {} });
    assert.equal(checked.bodies[0].endpoint, noCors.endpoint);
    assert.deepEqual(checked.allowedOrigins, ['https://www.example-council.gov.uk']);
    assert.equal(checked.publicUrl, 'https://report.example-council.gov.uk');
    // No choices to make until the server can be read.
    assert.equal(await page.locator('#setup').isHidden(), true);
    assert.deepEqual(await axe(page), [], 'axe with the gateway advice');
    assert.deepEqual(violations, []);
  });

  test('a server without CORS, through the gateway its gateway.json starts: the form works and the snippet points at the gateway', async () => {
    const page = await env.page();
    const violations = await watchCsp(page);
    await page.goto(`${env.web.url}dist/configure.html`);
    const site = new URL(env.web.url).origin;
    await typeInto(page, /^Open311 endpoint/, noCors.endpoint);
    await typeInto(page, /^Your council's website/, site);
    await page.keyboard.press('Enter');
    await page.locator('#probe-status').filter({ hasText: 'sends no CORS headers' }).waitFor({ timeout: 30000 });
    // Council IT runs the gateway with the config as given (on a free port, media in a temporary folder).
    const config = JSON.parse(await page.locator('#out-gateway-early').inputValue());
    assert.deepEqual(config.allowedOrigins, [site]);
    const gateway = await startGateway(checkConfig({ ...config, listen: { host: '127.0.0.1', port: 0 } }, { baseDir: noCorsDir, env: {} }), {
      log: () => undefined,
    });
    try {
      // Later, with the gateway running (and in this page's connect-src), the web team checks again.
      extraOrigins.push(new URL(gateway.url).origin);
      await page.reload();
      await typeInto(page, /^Open311 endpoint/, noCors.endpoint);
      await typeInto(page, /^Your council's website/, site);
      await page.keyboard.press('Enter');
      await page.locator('#probe-status').filter({ hasText: 'sends no CORS headers' }).waitFor({ timeout: 30000 });
      await typeInto(page, "The gateway's address", gateway.endpoint);
      await page.keyboard.press('Enter');
      const status = page.locator('#probe-status');
      await status.filter({ hasText: /^Checked/ }).waitFor({ timeout: 30000 });
      assert.match(
        await status.textContent(),
        /the form will work with this server/,
        `${await status.textContent()} ${await page.locator('#probe-error').textContent()} ${await page.locator('#findings').textContent()}`,
      );
      const snippet = await page.locator('#out-page').inputValue();
      assert.match(snippet, new RegExp(`<open311-report endpoint="${gateway.endpoint.replace(/[.]/g, '\\.')}"`));
      const final = JSON.parse(await page.locator('#out-gateway').inputValue());
      assert.equal(final.bodies[0].endpoint, noCors.endpoint, 'the gateway still forwards to the council server');
      assert.equal(final.publicUrl, gateway.url);
      checkConfig(final, { baseDir: noCorsDir, env: {} });
      await page.locator('#preview open311-report [data-step-heading]').filter({ hasText: 'Where is the problem?' }).waitFor();
      assert.deepEqual(violations, []);
    } finally {
      await gateway.close();
    }
  });

  test("a hostile server's names and errors are shown as text: no markup, no script, no CSP violation", async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const hostile = await serveHttp((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const headers = { 'Access-Control-Allow-Origin': '*' };
      if (path === '/v2/services.json') {
        res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify([
            { service_code: 'X<b>1</b>', service_name: `Pothole ${payload}`, group: `Roads ${payload}`, metadata: false, type: 'realtime', keywords: '' },
          ]),
        );
        return;
      }
      res.writeHead(500, { ...headers, 'Content-Type': 'text/html' });
      res.end(`<html><body><h1>Error ${payload}</h1></body></html>`);
    });
    try {
      extraOrigins.push(new URL(hostile.url).origin);
      const page = await env.page();
      const violations = await watchCsp(page);
      await page.goto(`${env.web.url}dist/configure.html`);
      await typeInto(page, /^Open311 endpoint/, `${hostile.url}v2/`);
      await page.keyboard.press('Enter');
      await page
        .locator('#probe-status')
        .filter({ hasText: /^Checked/ })
        .waitFor({ timeout: 30000 });
      const label = page.locator('#services label');
      assert.equal(await label.count(), 1);
      assert.equal(await label.textContent(), `Pothole ${payload} (Roads ${payload}; X<b>1</b>)`);
      assert.equal(await page.locator('#services img, #services script, #services b, #findings img, #findings script, #findings h1').count(), 0);
      // The error page's words, without its markup.
      assert.match(await page.locator('#findings').textContent(), /\(an HTML page: "Error"\)/);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(violations, []);
    } finally {
      await hostile.close();
    }
  });
});
