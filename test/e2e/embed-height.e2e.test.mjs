// The iframe at any height (issue 20). The snippet in docs/council-web-teams/embedding.md sets the frame to 900 px. Without the
// host script the frame keeps that height and the page scrolls inside it: a resident scrolls with
// the wheel over the frame to each step's Continue and to "Send report", and the report arrives.
// With dist/embed-host.js on the council's page, loaded as a classic script (WordPress before 6.5
// has no API for modules) or as a module, the frame grows to fit its content and nothing in it scrolls.
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

/** The council's page (`none`, `classic` or `module` host script) with the docs' 900 px iframe (docs/council-web-teams/embedding.md). */
async function open(hostScript) {
  const page = await env.page({ viewport: { width: 1024, height: 1100 } });
  const config = await (await fetch(`${env.web.url}dist/embed.json`)).json();
  await page.route('**/dist/embed.json', (route) => route.fulfill({ json: { ...config, parentOrigins: [new URL(host.url).origin] } }));
  await page.goto(`${host.url}test-pages/embed-900-${hostScript}.html?embed=${encodeURIComponent(`${env.web.url}dist/embed.html`)}`);
  const frame = page.frameLocator('#report');
  await step(frame, 'Where is the problem?');
  const inner = page.frames().find((f) => f.parentFrame() === page.mainFrame());
  return { page, frame, inner };
}

const step = (frame, text) => frame.locator('open311-report [data-step-heading]').filter({ hasText: text }).waitFor({ timeout: 15000 });
const frameBox = (page) => page.locator('#report').boundingBox();

/**
 * As a resident with a mouse: from the top of the frame, turn the wheel over the frame until
 * `target` is wholly inside the frame's box, then click it there. Fails if the wheel does not move
 * the frame's page (it cannot scroll, so the button stays out of reach).
 */
async function wheelAndClick(page, inner, target) {
  const outer = await frameBox(page);
  await inner.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(outer.x + outer.width / 2, outer.y + outer.height / 2);
  for (let i = 0; i < 30; i++) {
    const box = await target.boundingBox();
    assert.ok(box, 'the control is on the page');
    if (box.y >= outer.y && box.y + box.height <= outer.y + outer.height) {
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      return;
    }
    const before = await inner.evaluate(() => window.scrollY);
    const parentBefore = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, box.y < outer.y ? -300 : 300);
    let after = before;
    for (let t = 0; t < 20 && after === before; t++) {
      await page.waitForTimeout(50);
      after = await inner.evaluate(() => window.scrollY);
    }
    assert.notEqual(
      after,
      before,
      `the wheel over the frame did not scroll it: the control (at ${Math.round(box.y - outer.y)} px in a ${outer.height} px frame) cannot be reached`,
    );
    assert.equal(await page.evaluate(() => window.scrollY), parentBefore, 'the wheel scrolled the frame, not the council’s page');
  }
  assert.fail('never reached the control');
}

test('without the host script, the 900 px frame scrolls inside: each Continue and "Send report" are reached with the wheel, and the report arrives', async () => {
  const { page, frame, inner } = await open('none');
  const continueButton = frame.getByRole('button', { name: 'Continue' }).locator('visible=true');
  const description = `Scrolled inside the frame ${Date.now()}`;

  await frame.getByText('describe the location instead').click();
  await frame.getByRole('textbox', { name: 'Where is the problem?' }).fill('Outside the library');
  await frame.getByRole('button', { name: 'Use this description' }).click();
  await wheelAndClick(page, inner, continueButton);
  await step(frame, 'What is the problem?');
  assert.ok((await inner.evaluate(() => document.documentElement.scrollHeight)) > 1000, 'this step is taller than the frame');
  await frame.getByRole('radio', { name: /^Pothole/ }).check();
  await wheelAndClick(page, inner, continueButton);
  await step(frame, 'Tell us more');
  await frame.getByRole('radio', { name: 'More than 10 cm' }).check();
  await frame.locator('open311-report-form[sections="questions"] textarea').first().fill(description);
  await wheelAndClick(page, inner, continueButton);
  await step(frame, 'About you');
  await frame.getByRole('textbox', { name: 'Email address' }).fill('resident@example.org');
  await wheelAndClick(page, inner, continueButton);
  await step(frame, 'Check your answers');
  await wheelAndClick(page, inner, frame.getByRole('button', { name: 'Send report' }));
  await step(frame, 'Report sent');

  assert.equal((await env.stored()).filter((r) => r.description === description).length, 1, 'the report arrived');
  assert.equal(Math.round((await frameBox(page)).height), 900, 'the frame kept its height');
  assert.deepEqual(page.errors, []);
});

for (const hostScript of ['classic', 'module']) {
  test(`with embed-host.js loaded as a ${hostScript} script, the 900 px frame grows to fit its content`, async () => {
    const { page, frame, inner } = await open(hostScript);
    await frame.getByText('describe the location instead').click();
    await frame.getByRole('textbox', { name: 'Where is the problem?' }).fill('Outside the library');
    await frame.getByRole('button', { name: 'Use this description' }).click();
    await frame.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await step(frame, 'What is the problem?');
    // The step is taller than 900 px: the frame grows to the content's height, so nothing inside scrolls.
    await page.waitForFunction(() => document.getElementById('report').getBoundingClientRect().height > 1000, null, { timeout: 10000 });
    await inner.waitForFunction(() => document.documentElement.scrollHeight <= window.innerHeight + 1, null, { timeout: 10000 });
    const content = await inner.evaluate(() => document.documentElement.scrollHeight);
    const height = (await frameBox(page)).height;
    assert.ok(Math.abs(height - content) <= 2, `the frame (${height} px) fits its content (${content} px)`);
    assert.deepEqual(page.errors, []);
  });
}
