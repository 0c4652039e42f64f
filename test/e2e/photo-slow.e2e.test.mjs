// Issue 22, item 3, in the BUILT widget in Debian's Chromium: on Slow 3G (DevTools' preset through
// CDP Network.emulateNetworkConditions) the resident chooses a photo and presses Continue at once.
// The photo's code is still on its way then; Continue must wait for it (saying so), and the report
// must carry the photo. Before issue 22 it went on at once and the report went without the photo.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { expectStep } from './flow-helpers.mjs';

const PHOTO = new URL('../fixtures/photos/gps.jpg', import.meta.url).pathname;

/** DevTools' "Slow 3G": 2 s latency, 50 kB/s each way. */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (500 * 1000 * 0.8) / 8, uploadThroughput: (500 * 1000 * 0.8) / 8 };

describe('a photo chosen on Slow 3G', () => {
  let env;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  test('Continue pressed at once waits for the photo, and the report carries it', async () => {
    const page = await env.page();
    await page.goto(`${new URL('/test-pages/photo.html', env.web.url).href}?photo=multipart`);
    const next = () => page.getByRole('button', { name: 'Continue', exact: true }).locator('visible=true').click();
    await page.getByLabel('Search for a street, place or postcode').fill('Queen Square');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('option', { name: /14 Queen Square/ }).click();
    await page.locator('open311-map-picker .chosen').waitFor();
    await next();
    await expectStep(page, 'What is the problem?');
    await page.getByRole('radio', { name: /^Pothole/ }).check();
    await next();
    await expectStep(page, 'Tell us more');
    await page.getByRole('radio', { name: 'More than 10 cm' }).check();
    const description = `Slow 3G photo ${Date.now()}`;
    await page.locator('open311-report-form[sections="questions"] textarea').first().fill(description);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await page.getByLabel('Add a photo (optional)').setInputFiles(PHOTO);
    await next();
    // Still on the details step, saying why, until the photo is ready.
    await page.locator('open311-report .photo-status', { hasText: 'Preparing your photo' }).waitFor({ timeout: 2000 });
    await expectStep(page, 'About you');
    await page.getByRole('textbox', { name: 'Email address' }).fill('resident@example.org');
    await next();
    await expectStep(page, 'Check your answers');
    assert.match(await page.locator('open311-report dl.summary').textContent(), /Photo\s*gps\.jpg/, 'check answers lists the photo');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const [stored] = (await env.stored()).filter((r) => r.description === description);
    assert.ok(stored, 'the report arrived');
    assert.ok(stored.media_url, 'the report carries the photo');
    assert.deepEqual(page.errors, []);
  });
});
