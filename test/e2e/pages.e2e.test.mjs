// The sample council pages (issue 6): the Welsh page, the parish page with its own categories,
// switching language at runtime, and every demo page under the strict CSP (issue 10).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { expectStep, mouseToWhatStep } from './flow-helpers.mjs';
import { strictCsp } from './csp.e2e.test.mjs';

const report = (page) => page.locator('open311-report');
let env;

/**
 * The report as index.html has it (or `tag` as `from` has it), put into the empty page (a council
 * page of ours without the widget) with `script` as the page's one script; `entries` collects the
 * requests for the entry files. (Rewriting a served page through page.route would serve it from no
 * address, and Chromium's local-network checks would then refuse its requests to the Open311 server
 * on 127.0.0.1.)
 */
async function reportPage(script, { lang, tag = 'open311-report', from = 'index.html' } = {}) {
  const page = await env.page();
  const entries = [];
  page.on('request', (r) => {
    if (/\/dist\/open311-(report|elements|service-chooser)\.js/.test(r.url())) entries.push(r.url().replace(/^.*\/dist\//, ''));
  });
  const source = await fetch(`${env.web.url}${from}`).then((r) => r.text());
  const element = new RegExp(`<${tag}[\\s\\S]*?</${tag}>`).exec(source)?.[0];
  assert.ok(element, `${from} has ${tag}`);
  await page.goto(`${env.web.url}bench/empty.html`);
  await page.evaluate(
    ([markup, language]) => {
      const holder = document.createElement('div');
      holder.innerHTML = markup; // our demo page's own markup, not server text
      if (language) holder.firstElementChild.setAttribute('lang', language);
      document.querySelector('main').append(holder.firstElementChild);
    },
    [element, lang],
  );
  await page.addScriptTag({ url: script, type: 'module' });
  return { page, entries };
}

describe('the demo pages', () => {
  before(async () => {
    env = await setup({ csp: (open311) => strictCsp(new URL(open311.endpoint).origin) });
  });
  after(async () => {
    await env?.close();
  });

  test('the report in Welsh with either script, by its plain address or with a query string (a CMS’s ?ver=), and the chooser’s drop-in: one copy', async () => {
    // The one-file drop-in's later chunks import it by the address the page gave (rollup.config.mjs,
    // entryByItsOwnAddress): with ?ver= they once fetched a second copy at the plain address, whose
    // Welsh the page's elements never saw.
    for (const script of ['/dist/open311-report.js?ver=0.1.0', '/dist/open311-report.js', '/dist/open311-elements.js?ver=0.1.0']) {
      const { page, entries } = await reportPage(script, { lang: 'cy' });
      await report(page).locator('.step-count').filter({ hasText: 'Cam 1 o 5' }).waitFor();
      assert.equal((await report(page).locator('[data-step-heading]').textContent()).trim(), 'Ble mae’r broblem?', script);
      await page.waitForLoadState('load');
      assert.deepEqual(entries, [script.replace('/dist/', '')], `${script}: fetched once, no second copy`);
      assert.deepEqual(page.errors, []);
    }
    // The chooser's drop-in, the same way.
    const { page, entries } = await reportPage('/dist/open311-service-chooser.js?ver=0.1.0', {
      lang: 'cy',
      tag: 'open311-service-chooser',
      from: 'chooser.html',
    });
    await page.locator('open311-service-chooser').getByText('Am beth ydych chi eisiau rhoi gwybod?').first().waitFor();
    await page.waitForLoadState('load');
    assert.deepEqual(entries, ['open311-service-chooser.js?ver=0.1.0']);
    assert.deepEqual(page.errors, []);
  });

  test('with open311-report.js?ver=…, a step whose code came while the report was English turns Welsh with lang="cy"', async () => {
    // Its code was fetched before the Welsh was set up: it must use the translating msg installed
    // later, not the one it took when it came (rollup.config.mjs, entryByItsOwnAddress).
    const { page, entries } = await reportPage('/dist/open311-report.js?ver=0.1.0');
    await mouseToWhatStep(page);
    const chooser = page.locator('open311-service-chooser');
    await chooser.getByText('Pothole').first().waitFor();
    await page.evaluate(() => document.querySelector('open311-report').setAttribute('lang', 'cy'));
    await expectStep(page, 'Beth yw’r broblem?');
    await chooser.getByText('Am beth ydych chi eisiau rhoi gwybod?').first().waitFor();
    assert.deepEqual(entries, ['open311-report.js?ver=0.1.0']);
    assert.deepEqual(page.errors, []);
  });

  test('the Welsh page speaks Welsh from the first step, errors included', async () => {
    const page = await env.page();
    await page.goto(`${env.web.url}cy.html`);
    await report(page).locator('.step-count').filter({ hasText: 'Cam 1 o 5' }).waitFor();
    assert.equal((await report(page).locator('[data-step-heading]').textContent()).trim(), 'Ble mae’r broblem?');
    await page.getByRole('button', { name: 'Parhau' }).locator('visible=true').click();
    const error = (await report(page).locator('.error-summary').textContent()).trim();
    assert.ok(error.length > 10);
    assert.doesNotMatch(error, /Choose where the problem is/, 'the error is Welsh too');
    assert.deepEqual(page.errors, []);
  });

  test('lang="cy" set on the element switches an English page to Welsh without a reload', async () => {
    const page = await env.page();
    await page.goto(env.web.url);
    await report(page).locator('.step-count').filter({ hasText: 'Step 1 of 5' }).waitFor();
    await page.evaluate(() => document.querySelector('open311-report').setAttribute('lang', 'cy'));
    await report(page).locator('.step-count').filter({ hasText: 'Cam 1 o 5' }).waitFor();
    await page.evaluate(() => document.querySelector('open311-report').setAttribute('lang', 'en'));
    await report(page).locator('.step-count').filter({ hasText: 'Step 1 of 5' }).waitFor();
  });

  test('the parish page offers only the parish categories', async () => {
    const page = await env.page();
    await page.goto(`${env.web.url}parish.html`);
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').waitFor();
    // Step 2 needs a place first: describe it in words, the non-map path.
    await page.getByText('describe the location instead').click();
    await page.getByRole('textbox', { name: 'Where is the problem?' }).fill('The village green, by the bench');
    await page.getByRole('button', { name: 'Use this description' }).click();
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await report(page).locator('[data-step-heading]').filter({ hasText: 'What is the problem?' }).waitFor();
    await page.locator('open311-service-chooser input[type=radio]').first().waitFor();
    const names = await page.locator('open311-service-chooser label').allTextContents();
    const codes = await page.locator('open311-service-chooser input[type=radio]').evaluateAll((els) => [...new Set(els.map((e) => e.value))].sort());
    assert.deepEqual(codes, ['FT-10', 'GRF-01', 'PRK-03', 'TRE-01', 'VAN-02']);
    assert.ok(!names.some((n) => /Pothole/.test(n)));
  });

  test('chooser.html: choosing a problem shows its questions, and the page script shows the body it would send', async () => {
    // The page loads open311-service-chooser.js in its head, and its own script imports the client
    // from the same file (the client the elements use): the wiring works with that one copy.
    const page = await env.page();
    await page.goto(`${env.web.url}chooser.html`);
    const first = page.locator('open311-service-chooser input[type=radio]').first();
    const code = await first.getAttribute('value');
    await first.check();
    // The body the page script builds with the client (client.postFields): the service at once…
    const payload = page.locator('#payload').filter({ hasText: `service_code=${encodeURIComponent(code)}` });
    await payload.waitFor();
    // …and the words as they are typed.
    const form = page.locator('open311-report-form:not([hidden])');
    await form.locator('textarea').first().fill('Deep pothole by the bus stop');
    await payload.filter({ hasText: 'description=Deep+pothole+by+the+bus+stop' }).waitFor();
    assert.match(await page.locator('#fields').textContent(), new RegExp(`^service_code = ${code}$`, 'm'));
    assert.deepEqual(page.errors, []);
  });

  for (const path of ['index.html', 'cy.html', 'parish.html', 'track.html', 'chooser.html', 'map.html']) {
    test(`${path} runs under the strict CSP without a violation`, async () => {
      const page = await env.page();
      const violations = [];
      await page.exposeFunction('__cspViolation', (v) => violations.push(v));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const res = await page.goto(env.web.url + path);
      assert.match(res.headers()['content-security-policy'] ?? '', /script-src 'self'/);
      await page.waitForLoadState('networkidle');
      // Something of the widget rendered (a control inside a shadow root).
      await page
        .locator('open311-report button, open311-status-tracker button, open311-status-tracker input, open311-service-chooser input, open311-map-picker button')
        .first()
        .waitFor();
      assert.deepEqual(violations, []);
      assert.deepEqual(page.errors, []);
    });
  }
});
