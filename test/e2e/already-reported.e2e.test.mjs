// "Already reported? Follow that one" (issue 19, item 3), end to end: the demo council page with the
// BUILT widget against the local server's `fms` profile (FixMyStreet's servicerequestupdates).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { axe, expectStep, focused, mouseToWhatStep, tabTo } from './flow-helpers.mjs';

/** 14 Queen Square, as the demo geocoder places it (packages/georeport-server/src/geocoder.mjs). */
const QUEEN_SQUARE = { lat: 51.45035, long: -2.59435 };

describe('"Is it one of these?" in the demo council page (fms server)', () => {
  let env;
  let existingId;
  const existingText = `Deep pothole by the statue ${Date.now()}`;
  before(async () => {
    env = await setup({ profile: 'fms' });
    // Someone else's report of a pothole 30 m from 14 Queen Square, still open.
    const res = await fetch(`${env.open311.endpoint}requests.json`, {
      method: 'POST',
      body: new URLSearchParams({
        service_code: 'PTH-01',
        lat: String(QUEEN_SQUARE.lat + 0.00027),
        long: String(QUEEN_SQUARE.long),
        description: existingText,
        email: 'neighbour@example.org',
        'attribute[DEPTH]': 'DEEP',
      }),
    });
    assert.ok(res.ok, await res.clone().text());
    // FixMyStreet keys its answer by the root ({"service_requests": [...]}).
    const body = await res.json();
    existingId = (Array.isArray(body) ? body : body.service_requests)[0].service_request_id;
    assert.ok(existingId);
  });
  after(async () => {
    await env?.close();
  });

  /** Where (14 Queen Square) → what (Pothole) → Continue. */
  async function toTheOffer(page) {
    await page.goto(env.web.url);
    // The offer is on by default; the page says its server has FixMyStreet's updates, as a council with such a server would.
    await page.evaluate(() => {
      const report = document.querySelector('open311-report');
      report.setAttribute('updates', '');
      window.followed = [];
      report.addEventListener('open311-duplicate-followed', (e) => window.followed.push(e.detail));
    });
    await expectStep(page, 'Where is the problem?');
    await mouseToWhatStep(page);
    await page.getByRole('radio', { name: /^Pothole/ }).check();
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'Is it one of these?');
  }

  test('follows the open report nearby by keyboard, adds an update the server records, and sends no new report', async () => {
    const page = await env.page();
    await toTheOffer(page);
    assert.equal((await focused(page)).text, 'Is it one of these?', 'focus moves to the step heading');
    const list = page.getByRole('list', { name: /still open/ });
    assert.equal(await list.getByRole('listitem').count(), 1);
    assert.equal((await list.locator('.nearby-what').textContent()).trim(), existingText);
    await list.getByRole('button', { name: `This is my problem: ${existingText}` }).waitFor();
    assert.deepEqual(await axe(page), [], 'axe on "Is it one of these?"');
    // By keyboard: Tab to the report's own button, Enter.
    await tabTo(page, (f) => f.tag === 'button' && f.text.startsWith('This is my problem'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Follow this report instead' }).waitFor();
    assert.equal((await focused(page)).text, 'Follow this report instead', 'focus moves to the chosen report');
    const tracker = page.locator('open311-report open311-status-tracker');
    await tracker.getByText(existingId).first().waitFor({ timeout: 15000 });
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Add an update');
    await page.keyboard.press('Enter');
    // Someone else's report: not "your report".
    await tracker.getByRole('heading', { name: 'Add an update to this report' }).waitFor();
    const update = `Still there, and a cyclist fell this morning ${Date.now()}`;
    await page.keyboard.type(update);
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Send update');
    await page.keyboard.press('Enter');
    await tracker.getByText(`Your update has been added to the report you are following (reference number ${existingId})`).waitFor({ timeout: 15000 });
    const followed = await page.evaluate(() => window.followed);
    assert.deepEqual(followed, [{ serviceRequestId: existingId, serviceCode: 'PTH-01', action: 'update' }]);
    const updates = await (await env.open311.adminFetch('updates')).json();
    assert.ok(
      updates.some((u) => u.service_request_id === existingId && u.description === update),
      'the server recorded the update on the existing report',
    );
    const stored = await env.stored();
    assert.deepEqual(
      stored.map((r) => r.service_request_id),
      [existingId],
      'no new report was made',
    );
    assert.deepEqual(await axe(page), [], 'axe on the followed report');
    assert.deepEqual(page.errors, []);
  });

  test('"No, mine is a different problem" goes on and files exactly one report', async () => {
    const page = await env.page();
    await toTheOffer(page);
    await page.getByRole('button', { name: 'No, mine is a different problem' }).click();
    await expectStep(page, 'Tell us more');
    const description = `A different pothole, on the far corner ${Date.now()}`;
    await page.getByRole('radio', { name: 'More than 10 cm' }).check();
    await page.locator('open311-report-form[sections="questions"] textarea').first().fill(description);
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'About you');
    await page.getByRole('textbox', { name: 'Email address' }).fill('resident@example.org');
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'Check your answers');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    const mine = (await env.stored()).filter((r) => r.description === description);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].service_code, 'PTH-01');
    assert.ok(Math.abs(mine[0].lat - QUEEN_SQUARE.lat) < 0.001, 'the place chosen before the offer was kept');
    assert.deepEqual(await page.evaluate(() => window.followed), []);
    assert.deepEqual(page.errors, []);
  });
});
