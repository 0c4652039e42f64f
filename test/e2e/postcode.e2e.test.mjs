// A report filed by postcode (issue 12): in demo/postcode.html the built <open311-report> uses the
// local server's fake postcode service; the chosen address's UPRN must reach the server as
// Open311 `address_id`, and the back office must show it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { axe, expectStep, focused, tabTo } from './flow-helpers.mjs';

describe('the report flow with the postcode geocoder', () => {
  let env;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  test('postcode, then an address chosen by keyboard: the report arrives with address_id = its UPRN', async () => {
    const page = await env.page();
    await page.goto(`${env.web.url}/postcode.html`);
    await expectStep(page, 'Where is the problem?');
    await tabTo(page, (f) => f.tag === 'input' && f.label === 'Postcode');
    await page.keyboard.type('bs1 4nt');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Select your address' }).waitFor();
    await page.getByText('6 addresses found for BS1 4NT.').first().waitFor();
    assert.deepEqual(await axe(page), [], 'axe with the address list');
    await tabTo(page, (f) => f.type === 'radio');
    for (let i = 0; i < 8 && !/^14 Queen Square/.test((await focused(page)).label); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.locator('open311-map-picker .chosen').filter({ hasText: '14 Queen Square' }).waitFor();

    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'What is the problem?');
    await page.getByRole('radio', { name: /^Pothole/ }).check();
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'Tell us more');
    await page.getByRole('radio', { name: 'More than 10 cm' }).check();
    const description = `Postcode flow ${Date.now()}`;
    await page.locator('open311-report-form[sections="questions"] textarea').first().fill(description);
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'About you');
    await page.getByRole('textbox', { name: 'Email address' }).fill('resident@example.org');
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'Check your answers');
    await page.getByText('14 Queen Square, Bristol, BS1 4NT').first().waitFor();
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');

    const stored = (await env.stored()).filter((r) => r.description === description);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].address_id, '900000000114');
    assert.equal(stored[0].address, '14 Queen Square, Bristol, BS1 4NT');
    assert.equal(stored[0].lat, 51.45035);
    assert.equal(stored[0].long, -2.59435);
    // The back office shows it too.
    const adminPage = await (await fetch(`${env.open311.url}/admin`, { headers: { Authorization: `Bearer ${env.open311.adminToken}` } })).text();
    assert.match(adminPage, /address id 900000000114/);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(
      page.failedRequests.filter((r) => !r.endsWith('/servicerequestupdates.json')),
      [],
    );
  });
});
