// When scripts cannot be added (issue 12): dist/embed.html in an iframe, settings as URL
// parameters, the iframe fitted to its content by a postMessage restricted to the embedding origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { startStaticServer } from '../../demo/static.mjs';

let env;
let host;
before(async () => {
  env = await setup();
  // The council's page lives on another origin than the hosted widget.
  host = await startStaticServer({ host: '127.0.0.1' });
});
after(async () => {
  await host?.close();
  await env?.close();
});

function embedUrl(params) {
  const u = new URL(`${env.web.url}dist/embed.html`);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.href;
}

const frameHeight = (page) => page.evaluate(() => document.getElementById('report').getBoundingClientRect().height);

test('the embedded widget works and its iframe fits its content', async () => {
  const page = await env.page();
  const src = embedUrl({ endpoint: env.open311.endpoint, 'parent-origin': new URL(host.url).origin, 'council-phone': '0300 123 4567' });
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

test('without parent-origin the page never posts its height', async () => {
  const page = await env.page();
  const src = embedUrl({ endpoint: env.open311.endpoint });
  await page.goto(`${host.url}test-pages/embed-host.html?embed=${encodeURIComponent(src)}`);
  await page.frameLocator('#report').locator('open311-report [data-step-heading]').waitFor();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.equal(Math.round(await frameHeight(page)), 150);
});
