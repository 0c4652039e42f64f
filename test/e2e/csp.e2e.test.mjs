// A council must not have to loosen its Content-Security-Policy for the widget (issue 10): the
// demo page is served with the strict policy below and the whole flow, map included, must run
// without a single violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';

/** The policy docs/council-it/security.md tells councils to use (test/repo/docs.test.mjs keeps them the same); `<endpoint>` is the Open311 server's origin. */
export function strictCsp(open311Origin) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob: https:",
    `connect-src 'self' ${open311Origin}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

let env;
before(async () => {
  env = await setup({ csp: (open311) => strictCsp(new URL(open311.endpoint).origin) });
});
after(async () => {
  await env?.close();
});

test('the whole flow, map included, under a strict CSP: no violation', async () => {
  const page = await env.page();
  const violations = [];
  await page.exposeFunction('__reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const csp = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  const response = await page.goto(env.web.url);
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
  await page.getByLabel('Search for a street, place or postcode').fill('Queen Square');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('option', { name: /14 Queen Square/ }).click();
  await page.locator('open311-map-picker canvas').waitFor({ timeout: 20000 });
  // The map really works: a click on it places the pin.
  const box = await page.locator('open311-map-picker canvas').boundingBox();
  await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2);
  await page.locator('open311-map-picker .maplibregl-marker').waitFor();
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await page.getByRole('radio', { name: /^Pothole/ }).check();
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await page.getByRole('radio', { name: 'Less than 5 cm' }).check();
  const description = `Under CSP ${Date.now()}`;
  await page.locator('open311-report-form[sections="questions"] textarea').first().fill(description);
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await page.getByRole('textbox', { name: 'Email address' }).fill('csp@example.org');
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.locator('open311-report [data-step-heading]').filter({ hasText: 'Report sent' }).waitFor();
  assert.equal((await env.stored()).filter((r) => r.description === description).length, 1);
  assert.deepEqual(violations, []);
  assert.deepEqual(csp, []);
  assert.deepEqual(page.errors, []);
});
