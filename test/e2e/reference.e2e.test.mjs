// Issue 22, item 2, in the BUILT widget in Debian's Chromium: a token-only server keeps the token
// unresolved for a few seconds; the resident did not tick "Keep a list of my reports". The
// confirmation quotes the token at once; a real reload before the id arrives shows it again (kept
// in sessionStorage, the resident's own receipt) and follows it until the id replaces it in place.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { expectStep, mouseFlowToCheck } from './flow-helpers.mjs';

describe('the reference is never lost (token-only server)', () => {
  let env;
  before(async () => {
    env = await setup({ profile: 'token-only', tokenDelayMs: 8000 });
  });
  after(async () => {
    await env?.close();
  });

  test('a reload before the token becomes an id keeps the token, then shows the id in its place', async () => {
    const page = await env.page();
    await page.goto(env.web.url);
    const description = `Token reload ${Date.now()}`;
    await mouseFlowToCheck(page, description);
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    const reference = page.locator('open311-report .panel .reference');
    await reference.waitFor();
    const [stored] = (await env.stored()).filter((r) => r.description === description);
    assert.ok(stored?.token, 'the server answered with a token');
    assert.equal((await reference.textContent()).trim(), stored.token, 'the token is quoted at once');
    await page.getByRole('button', { name: 'Copy reference' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('open311:my-reports')), null, 'nothing opted in');

    await page.reload();
    await expectStep(page, 'Report sent');
    await reference.waitFor();
    assert.equal((await reference.textContent()).trim(), stored.token, 'the token survives the reload');
    assert.match(await page.locator('open311-report [part="receipt"]').textContent(), /Pothole/);

    // Followed after the reload: the id takes the token's place in the panel and the receipt.
    await page.locator('open311-report .panel .reference', { hasText: stored.service_request_id }).waitFor({ timeout: 30000 });
    await page.locator('open311-report [part="receipt"]').getByText(stored.service_request_id).waitFor();
    assert.equal(await page.locator('open311-report .panel').getByText('Until the council gives it a number').count(), 0);
    assert.deepEqual(page.errors, []);
  });
});
