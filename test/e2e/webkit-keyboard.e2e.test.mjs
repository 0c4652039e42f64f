// The whole report flow by keyboard alone, in WebKit (issue 13): Debian's WebKitGTK MiniBrowser under
// WebKitWebDriver and webdriverio (Playwright cannot drive Debian's WebKit), in a private Xvfb, with the
// BUILT widget (dist/) in the demo council page, against the local Open311 server. The same keys as the
// Chromium test "by keyboard alone" in flow.e2e.test.mjs. Run by scripts/test.mjs when `webkit` is among
// BROWSERS; needs `npm run build` first.
import { after, before, describe, test } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import { startXvfb, startWebKitWebDriver, webkitCapabilities } from '../../scripts/engines.mjs';
import { startServer } from '@open311-elements/georeport-server';
import { startStaticServer } from '../../demo/static.mjs';
import { deepTextsInPage, focusedInPage, keyboard, keyboardReport } from './keyboard-flow.mjs';

describe('the report flow in WebKit, by keyboard alone', () => {
  const stops = [];
  let browser;
  let open311;

  before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'open311-webkit-e2e-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));
    open311 = await startServer({ port: 0, dataDir });
    stops.push(() => open311.close());
    const web = await startStaticServer({ endpoint: open311.endpoint });
    stops.push(() => web.close());
    const xvfb = await startXvfb();
    stops.push(() => xvfb.stop());
    const driver = await startWebKitWebDriver(xvfb.display);
    stops.push(() => driver.stop());
    browser = await remote({
      hostname: '127.0.0.1',
      port: driver.port,
      path: '/',
      logLevel: 'error',
      capabilities: webkitCapabilities(driver.miniBrowser),
    });
    stops.push(() => browser.deleteSession());
    await browser.url(web.url);
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

  /**
   * Keys one at a time: webdriverio's `keys('text')` sends one action with every key-down first and
   * then every key-up, and WebKitGTK types a repeated letter (a key already held) once, so "Corn
   * Street" arrives as "Corn Stret" (seen here).
   */
  const kb = () =>
    keyboard({
      press: (key) => browser.keys([key]),
      space: 'Space',
      typeKeys: async (text) => {
        for (const ch of text) await browser.keys([ch]);
      },
      focused: () => browser.execute(focusedInPage),
      texts: (selector, host) => browser.execute(deepTextsInPage, selector, host),
      waitFor: (condition, what) => browser.waitUntil(condition, { timeout: 15000, interval: 50, timeoutMsg: `waited for ${what}` }),
    });

  test('from the first step to the reference number the server stored', { timeout: 60000 }, async () => {
    await keyboardReport(kb(), open311, 'WebKit');
  });
});
