// The flags every Playwright launch of Chromium gets (scripts/engines.mjs): Chromium reads only the
// last `--disable-features`, so ours must carry Playwright's own list, and it must keep Chromium from
// building the address bar's popup (two WebUI pages in a renderer of their own) for every new
// context, which the bench measured as half of the first-usable time of a page (issue 18).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, QUIET_FEATURES } from '../../scripts/engines.mjs';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** The browser-UI targets (WebUI pages of Chromium's own) once a fresh context has loaded a page. */
async function browserUiTargets(args) {
  const browser = await chromium.launch({ executablePath, args });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('data:text/html,<button>Continue</button>');
    const cdp = await browser.newBrowserCDPSession();
    // The popup is built shortly after the window opens: look for a while, not once.
    const seen = new Set();
    for (let i = 0; i < 10; i++) {
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
      for (const t of targetInfos) if (t.type === 'browser_ui') seen.add(t.url);
      await page.waitForTimeout(200);
    }
    return [...seen];
  } finally {
    await browser.close();
  }
}

test("our --disable-features comes last and carries Playwright's own list and ours", async () => {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  let line;
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto('chrome://version');
    line = await page.textContent('#command_line');
  } finally {
    await browser.close();
  }
  const lists = [...line.matchAll(/--disable-features=(\S+)/g)].map((m) => m[1].split(','));
  assert.ok(lists.length >= 2, `Playwright's list and ours are both on the command line: ${line}`);
  const [playwrights, applied] = [lists[0], lists[lists.length - 1]];
  const lost = playwrights.filter((f) => !applied.includes(f));
  assert.deepEqual(lost, [], 'every feature Playwright turns off is in the list Chromium applies (update PLAYWRIGHT_DISABLED_FEATURES)');
  for (const f of QUIET_FEATURES) assert.ok(applied.includes(f), `${f} is turned off`);
});

test('Chromium builds no address-bar popup for a new context with our flags, and does without them', async () => {
  const without = CHROMIUM_ARGS.filter((a) => !a.startsWith('--disable-features='));
  const [quiet, asShipped] = await Promise.all([browserUiTargets(CHROMIUM_ARGS), browserUiTargets(without)]);
  assert.ok(
    asShipped.some((u) => u.startsWith('chrome://omnibox-popup')),
    `without the flags Chromium builds the popup (else this test proves nothing): ${asShipped.join(', ') || 'no browser-UI target'}`,
  );
  assert.deepEqual(
    quiet.filter((u) => u.startsWith('chrome://omnibox-popup')),
    [],
    'with them it does not',
  );
});
