// The whole report flow by keyboard alone, in Firefox (issue 22): Debian's Firefox ESR driven by
// puppeteer-core over WebDriver BiDi (the way web-test-runner drives it; there is no geckodriver
// here), in a private Xvfb, with the BUILT widget (dist/) in the demo council page, against the local
// Open311 server. The same keys as the WebKit test (webkit-keyboard.e2e.test.mjs) and the Chromium
// test "by keyboard alone" in flow.e2e.test.mjs, on to the tracker on the confirmation. Run by
// scripts/test.mjs when `firefox` is among BROWSERS; needs `npm run build` first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startXvfb } from '../../scripts/engines.mjs';
import { startServer } from '@open311-elements/georeport-server';
import { startStaticServer } from '../../demo/static.mjs';
import { deepTextsInPage, focusedInPage, keyboard, keyboardReport } from './keyboard-flow.mjs';

describe('the report flow in Firefox, by keyboard alone', () => {
  const stops = [];
  let page;
  let open311;
  const consoleErrors = [];

  before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'open311-firefox-e2e-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));
    open311 = await startServer({ port: 0, dataDir });
    stops.push(() => open311.close());
    const web = await startStaticServer({ endpoint: open311.endpoint });
    stops.push(() => web.close());
    const xvfb = await startXvfb();
    stops.push(() => xvfb.stop());
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      headless: true,
      env: { ...process.env, DISPLAY: xvfb.display },
    });
    stops.push(() => browser.close());
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(web.url);
  });

  after(async () => {
    // Last started, first stopped; every step runs even when one before it fails.
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch {
        // already gone
      }
    }
  });

  async function waitFor(condition, what, ms = 15000) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await condition()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`waited for ${what}`);
  }

  test('from the first step to the reference number the server stored, and the tracker', { timeout: 90000 }, async () => {
    const kb = keyboard({
      press: (key) => page.keyboard.press(key),
      space: ' ',
      typeKeys: (text) => page.keyboard.type(text),
      focused: () => page.evaluate(focusedInPage),
      texts: (selector, host) => page.evaluate(deepTextsInPage, selector, host),
      waitFor,
    });
    const { press, texts, tabTo } = kb;
    const reference = await keyboardReport(kb, open311, 'Firefox');

    // The tracker on the confirmation shows the same report, reached by keyboard too.
    await waitFor(async () => (await texts('.details', 'open311-status-tracker')).some((t) => t.includes(reference)), 'the tracker with the reference');
    // The council starts work; "Check for updates", pressed from the keyboard, shows it.
    assert.equal((await open311.adminFetch(`requests/${reference}`, { status: 'in_progress' })).ok, true);
    await tabTo((f) => f.tag === 'button' && f.text === 'Check for updates', 'the tracker’s "Check for updates"');
    await press('Enter');
    await waitFor(
      async () => (await texts('.stage[aria-current="step"] .stage-name', 'open311-status-tracker')).includes('In progress'),
      'the tracker to show the report in progress',
    );
    assert.deepEqual(consoleErrors, [], 'no console error on the way (none for servicerequestupdates either)');
  });
});
