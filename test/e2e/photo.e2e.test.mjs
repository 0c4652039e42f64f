// Photo upload in the BUILT widget (issue 6, issue 12), in Debian's Chromium: a photo with GPS EXIF
// (test/fixtures/photos/gps.jpg) chosen on the details step arrives with the report as a media_url
// whose image has no EXIF; `media-url` uploads it to the gateway's /media first (the gateway started
// as in its own tests, against the local Open311 server), `multipart` sends it in the report's POST
// to the local server, which stores the bytes as sent. A cancelled upload sends nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup } from './harness.mjs';
import { axe, expectStep } from './flow-helpers.mjs';
import { freePort, spawnGateway } from '../../gateway/test/helpers.mjs';

const PHOTO = new URL('../fixtures/photos/gps.jpg', import.meta.url).pathname;

/** True when the bytes hold EXIF or a GPS tag (the fixture has both, with a camera serial). */
function hasMetadata(bytes) {
  const text = bytes.toString('latin1');
  return text.includes('Exif') || text.includes('GPS') || text.includes('Serial-12345');
}

/** Mouse through the flow to Check your answers (as flow-helpers' mouseFlowToCheck), choosing the photo on the details step. */
async function toCheckWithPhoto(page, description) {
  const next = () => page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
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
  await page.locator('open311-report-form[sections="questions"] textarea').first().fill(description);
  await page.getByLabel('Add a photo (optional)').setInputFiles(PHOTO);
  await page.locator('open311-report .photo img').waitFor();
  await next();
  await expectStep(page, 'About you');
  await page.getByRole('textbox', { name: 'Email address' }).fill('resident@example.org');
  await next();
  await expectStep(page, 'Check your answers');
}

describe('photo upload in the widget', () => {
  let env;
  let gateway;
  before(async () => {
    assert.ok(hasMetadata(fs.readFileSync(PHOTO)), 'the fixture carries EXIF with GPS');
    env = await setup();
    const port = await freePort();
    gateway = await spawnGateway({
      listen: { host: '127.0.0.1', port },
      publicUrl: `http://127.0.0.1:${port}`,
      allowedOrigins: [new URL(env.web.url).origin],
      bodies: [{ id: 'council', name: 'Example Council', endpoint: env.open311.endpoint }],
    });
  });
  after(async () => {
    await gateway?.stop();
    await env?.close();
  });

  const pageUrl = (query) => `${new URL('/test-pages/photo.html', env.web.url).href}?${new URLSearchParams(query)}`;
  const photosOnGateway = () => (fs.existsSync(gateway.mediaDir) ? fs.readdirSync(gateway.mediaDir).length : 0);
  const storedWith = async (description) => (await env.stored()).filter((r) => r.description === description);

  test('media-url: uploaded to the gateway, the report arrives with a media_url whose image has no EXIF', async () => {
    const page = await env.page();
    await page.goto(pageUrl({ photo: 'media-url', upload: `${gateway.url}/media` }));
    const description = `Photo through the gateway ${Date.now()}`;
    await toCheckWithPhoto(page, description);
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    const [stored] = await storedWith(description);
    assert.ok(stored, 'the report arrived');
    assert.ok(stored.media_url?.startsWith(`${gateway.url}/media/`), `media_url on the gateway: ${stored.media_url}`);
    const res = await fetch(stored.media_url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^image\//);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes[0], 0xff, 'a JPEG');
    assert.equal(hasMetadata(bytes), false, 'no EXIF, GPS or camera serial');
    assert.deepEqual(page.errors, []);
  });

  test('media-url: a cancelled upload sends nothing, keeps the report and photo, and Try again sends once', async () => {
    const page = await env.page();
    await page.goto(pageUrl({ photo: 'media-url', upload: `${gateway.url}/media` }));
    const description = `Photo upload cancelled ${Date.now()}`;
    await toCheckWithPhoto(page, description);
    // Hold the upload on its way, as a weak signal would.
    let uploads = 0;
    let hold = true;
    await page.route(`${gateway.url}/media`, (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      uploads++;
      if (!hold) return route.continue();
      return undefined;
    });
    const photosBefore = photosOnGateway();
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('progressbar', { name: 'Uploading your photo' }).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: 'Cancel upload' }).click();
    const box = page.locator('open311-report .error-summary');
    await box.getByText('You cancelled the photo upload').waitFor();
    assert.equal(await page.getByRole('progressbar').count(), 0);
    assert.ok((await page.locator('open311-report dl.summary').textContent()).includes('gps.jpg'), 'the photo is still there');
    assert.equal((await storedWith(description)).length, 0, 'nothing was sent');
    assert.equal(photosOnGateway(), photosBefore, 'no photo reached the gateway');
    hold = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expectStep(page, 'Report sent');
    assert.equal((await storedWith(description)).length, 1);
    assert.equal(uploads, 2);
    assert.deepEqual(page.errors, []);
  });

  test('multipart: sent with the report to the local server, which keeps the bytes as sent: no EXIF', async () => {
    const page = await env.page();
    await page.goto(pageUrl({ photo: 'multipart' }));
    const description = `Photo by multipart ${Date.now()}`;
    await toCheckWithPhoto(page, description);
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    const [stored] = await storedWith(description);
    assert.ok(stored?.media_url?.startsWith(env.open311.url), `media_url on the local server: ${stored?.media_url}`);
    const bytes = Buffer.from(await (await fetch(stored.media_url)).arrayBuffer());
    assert.equal(bytes[0], 0xff, 'a JPEG');
    assert.equal(hasMetadata(bytes), false, 'no EXIF, GPS or camera serial');
    assert.deepEqual(page.errors, []);
  });
});
