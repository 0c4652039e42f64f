// The whole flow, end to end, in the demo council page with the BUILT widget (dist/), against the
// local Open311 server, in Debian's Chromium driven by playwright-core (issue 6).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { axe, expectStep, focused, mouseFlowToCheck, tabTo } from './flow-helpers.mjs';

describe('the report flow in the demo council page', () => {
  let env;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  test('by mouse: every step, the reference, and the same report in the back office', async () => {
    const page = await env.page();
    await page.goto(env.web.url);
    await expectStep(page, 'Where is the problem?');
    assert.deepEqual(await axe(page), [], 'axe on step 1');
    const description = `Mouse flow ${Date.now()}`;
    await mouseFlowToCheck(page, description);
    assert.deepEqual(await axe(page), [], 'axe on check answers');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    const reference = (await page.locator('open311-report .panel .reference').textContent()).trim();
    const stored = (await env.stored()).filter((r) => r.description === description);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].service_request_id, reference);
    assert.equal(stored[0].service_code, 'PTH-01');
    assert.equal(stored[0].email, 'resident@example.org');
    assert.ok(Math.abs(stored[0].lat - 51.45035) < 0.001, 'the pin is where the address is');
    await page.locator('open311-status-tracker').getByText(reference).first().waitFor();
    assert.deepEqual(await axe(page), [], 'axe on the confirmation');
    assert.deepEqual(page.errors, []);
    // Issue 22: the tracker no longer asks a server for FixMyStreet's updates it has not said it has
    // (it answered 404 on every confirmation page): no failed request at all.
    assert.deepEqual(page.failedRequests, []);
  });

  test('by keyboard alone', async () => {
    const page = await env.page();
    await page.goto(env.web.url);
    await expectStep(page, 'Where is the problem?');
    await tabTo(page, (f) => f.tag === 'input' && /Search for a street/.test(f.label));
    await page.keyboard.type('Corn Street');
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: /12 Corn Street/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('open311-map-picker .chosen').waitFor();
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue');
    await page.keyboard.press('Enter');
    await expectStep(page, 'What is the problem?');
    assert.equal((await focused(page)).text, 'What is the problem?', 'focus moves to the new step heading');
    await tabTo(page, (f) => f.type === 'radio');
    for (let i = 0; i < 40 && !/^Pothole/.test((await focused(page)).label); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue');
    await page.keyboard.press('Enter');
    await expectStep(page, 'Tell us more');
    await tabTo(page, (f) => f.type === 'radio');
    for (let i = 0; i < 5 && (await focused(page)).label !== 'More than 10 cm'; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.tag === 'textarea');
    const description = `Keyboard flow ${Date.now()}`;
    await page.keyboard.type(description);
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue');
    await page.keyboard.press('Enter');
    await expectStep(page, 'About you');
    await tabTo(page, (f) => f.type === 'email');
    await page.keyboard.type('keys@example.org');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue');
    await page.keyboard.press('Enter');
    await expectStep(page, 'Check your answers');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Send report');
    await page.keyboard.press('Enter');
    await expectStep(page, 'Report sent');
    const reference = (await page.locator('open311-report .panel .reference').textContent()).trim();
    const stored = (await env.stored()).filter((r) => r.description === description);
    assert.deepEqual(
      stored.map((r) => r.service_request_id),
      [reference],
    );
  });

  test('a reload mid-flow restores the step and everything typed', async () => {
    const page = await env.page();
    await page.goto(env.web.url);
    await page.getByLabel('Search for a street, place or postcode').fill('King Street');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('option', { name: /7 King Street/ }).click();
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await page.getByRole('radio', { name: /^Pothole/ }).check();
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    // The potholes reported at Queen Square, round the corner, may be offered first ("Is it one of these?").
    await expectStep(page, 'Tell us more');
    await page.getByRole('radio', { name: 'Less than 5 cm' }).check();
    await page.locator('open311-report-form[sections="questions"] textarea').first().fill('Typed before the reload');
    await page.reload();
    await expectStep(page, 'Tell us more');
    await page.waitForFunction(() => {
      const form = document.querySelector('open311-report').shadowRoot.querySelector('open311-report-form[sections="questions"]');
      return form?.shadowRoot?.querySelector('textarea')?.value === 'Typed before the reload';
    });
    assert.equal(await page.getByRole('radio', { name: 'Less than 5 cm' }).isChecked(), true);
    await page.getByRole('button', { name: 'Back' }).click();
    await expectStep(page, 'What is the problem?');
    assert.equal(
      await page
        .getByRole('radio', { name: /^Pothole/ })
        .first()
        .isChecked(),
      true,
    );
  });

  test('a double click on Send sends one report', async () => {
    const page = await env.page();
    await page.goto(env.web.url);
    const description = `Double click ${Date.now()}`;
    await mouseFlowToCheck(page, description);
    await page.getByRole('button', { name: 'Send report' }).dblclick();
    await expectStep(page, 'Report sent');
    assert.equal((await env.stored()).filter((r) => r.description === description).length, 1);
  });

  test('a server error keeps everything, says what happened, and Try again succeeds', async () => {
    const page = await env.page();
    let fail = true;
    await page.route('**/open311/v2/requests.json', async (route) => {
      if (route.request().method() === 'POST' && fail) {
        fail = false;
        await route.fulfill({ status: 500, contentType: 'text/html', body: '<html><body><h1>Internal Server Error</h1><p>The CRM is down.</p></body></html>' });
        return;
      }
      await route.continue();
    });
    await page.goto(env.web.url);
    const description = `Retry after 500 ${Date.now()}`;
    await mouseFlowToCheck(page, description);
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.locator('open311-report .error-summary').getByText('has not been sent').first().waitFor();
    assert.match(await page.locator('open311-report dl.summary').textContent(), /More than 10 cm/);
    assert.equal((await env.stored()).filter((r) => r.description === description).length, 0);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expectStep(page, 'Report sent');
    assert.equal((await env.stored()).filter((r) => r.description === description).length, 1);
  });

  test('every step passes axe', async () => {
    const page = await env.page();
    await page.goto(env.web.url);
    await page.getByLabel('Search for a street, place or postcode').fill('Queen Square');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('option', { name: /14 Queen Square/ }).click();
    await page.locator('open311-map-picker canvas').waitFor({ timeout: 20000 });
    assert.deepEqual(await axe(page), [], 'where, with the map');
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'What is the problem?');
    assert.deepEqual(await axe(page), [], 'what');
    await page.getByRole('radio', { name: /^Pothole/ }).check();
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'Tell us more');
    assert.deepEqual(await axe(page), [], 'details');
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await page.locator('open311-report-form[sections="questions"] [part~="error-summary"]').first().waitFor();
    assert.deepEqual(await axe(page), [], 'details with errors');
  });
});

describe('a server that answers with tokens', () => {
  let env;
  before(async () => {
    env = await setup({ profile: 'token-only', tokenDelayMs: 1500 });
  });
  after(async () => {
    await env?.close();
  });

  test('ends with a tracked reference once the token becomes an id', async () => {
    const page = await env.page();
    await page.goto(env.web.url);
    const description = `Token flow ${Date.now()}`;
    await mouseFlowToCheck(page, description, { keepReports: true });
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    await page.getByText('being processed').first().waitFor();
    const stored = await (async () => {
      for (let i = 0; i < 50; i++) {
        const found = (await env.stored()).filter((r) => r.description === description);
        if (found.length) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      return [];
    })();
    assert.equal(stored.length, 1);
    await page.locator('open311-status-tracker').getByText(stored[0].service_request_id).first().waitFor({ timeout: 20000 });
    const mine = await page.evaluate(() => JSON.parse(localStorage.getItem('open311:my-reports') ?? '[]'));
    assert.equal(mine.length, 1, 'kept in "my reports"');
  });
});
