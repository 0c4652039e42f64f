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
import { startServer } from '../../demo/server/server.mjs';
import { startStaticServer } from '../../demo/static.mjs';

/** In the page: the deepest focused element, described for keyboard-only driving. */
function focusedInPage() {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  const label = a?.labels?.[0]?.textContent ?? a?.getAttribute?.('aria-label') ?? '';
  return {
    tag: a?.localName ?? '',
    type: a?.type ?? '',
    text: (a?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80),
    label: label.trim().replace(/\s+/g, ' '),
    value: typeof a?.value === 'string' ? a.value : undefined,
  };
}

/**
 * In the page: the text of every element matching `selector` in the document and every shadow root,
 * or, with `host`, only in the shadow roots of `<host>` elements.
 */
function deepTextsInPage(selector, host) {
  const found = [];
  const walk = (root, owner) => {
    if (!host || owner === host) {
      for (const el of root.querySelectorAll(selector)) found.push((el.textContent ?? '').trim().replace(/\s+/g, ' '));
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot, el.localName);
  };
  walk(document, '');
  return found;
}

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

  const press = (key) => page.keyboard.press(key);
  const focused = () => page.evaluate(focusedInPage);
  const texts = (selector, host) => page.evaluate(deepTextsInPage, selector, host);
  async function waitFor(condition, what, ms = 15000) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await condition()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`waited for ${what}`);
  }
  const expectStep = (heading) =>
    waitFor(async () => (await texts('[data-step-heading]', 'open311-report')).some((t) => t.includes(heading)), `the step "${heading}"`);

  /** Presses Tab until the focused element matches; fails after `max` presses. */
  async function tabTo(matches, what, max = 80) {
    for (let i = 0; i < max; i++) {
      await press('Tab');
      const f = await focused();
      if (matches(f)) return f;
    }
    throw new Error(`Tab never reached ${what}`);
  }

  /** Types into the focused field, key by key, and checks the field holds exactly what was typed. */
  async function type(text) {
    const before = (await focused()).value ?? '';
    await page.keyboard.type(text);
    assert.equal((await focused()).value, before + text, 'the field holds what was typed');
  }

  test('from the first step to the reference number the server stored, and the tracker', { timeout: 90000 }, async () => {
    await expectStep('Where is the problem?');
    await tabTo((f) => f.tag === 'input' && /Search for a street/.test(f.label), 'the search field');
    await type('Corn Street');
    await press('Enter');
    await waitFor(async () => (await texts('[role="option"]')).some((t) => t.includes('12 Corn Street')), 'the "12 Corn Street" option');
    await press('ArrowDown');
    await press('Enter');
    await waitFor(async () => (await texts('.chosen', 'open311-map-picker')).length > 0, 'the chosen place');
    await tabTo((f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
    await press('Enter');

    await expectStep('What is the problem?');
    assert.equal((await focused()).text, 'What is the problem?', 'focus moves to the new step heading');
    await tabTo((f) => f.type === 'radio', 'the first service');
    for (let i = 0; i < 40 && !/^Pothole/.test((await focused()).label); i++) await press('ArrowDown');
    assert.match((await focused()).label, /^Pothole/, 'arrow keys reach Pothole');
    await press(' ');
    await tabTo((f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
    await press('Enter');

    await expectStep('Tell us more');
    await tabTo((f) => f.type === 'radio', 'the depth question');
    for (let i = 0; i < 5 && (await focused()).label !== 'More than 10 cm'; i++) await press('ArrowDown');
    assert.equal((await focused()).label, 'More than 10 cm');
    await press(' ');
    await tabTo((f) => f.tag === 'textarea', 'the description');
    const description = `Firefox keyboard flow ${Date.now()}`;
    await type(description);
    await tabTo((f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
    await press('Enter');

    await expectStep('About you');
    await tabTo((f) => f.type === 'email', 'the email field');
    await type('keys@example.org');
    await tabTo((f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
    await press('Enter');

    await expectStep('Check your answers');
    await tabTo((f) => f.tag === 'button' && f.text === 'Send report', 'Send report');
    await press('Enter');

    await expectStep('Report sent');
    let reference = '';
    await waitFor(async () => {
      reference = (await texts('.panel .reference', 'open311-report'))[0] ?? '';
      return reference !== '';
    }, 'the reference number');
    const stored = await (await open311.adminFetch('requests')).json();
    const mine = stored.filter((r) => r.description === description);
    assert.deepEqual(mine.map((r) => r.service_request_id), [reference], 'the reference shown is the id the server stored');
    assert.equal(mine[0].service_code, 'PTH-01');
    assert.equal(mine[0].email, 'keys@example.org');

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
