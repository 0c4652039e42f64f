// The report flow by keyboard alone, once for every engine's driver: webkit-keyboard.e2e.test.mjs
// (webdriverio over WebKitWebDriver) and firefox-keyboard.e2e.test.mjs (puppeteer-core over WebDriver
// BiDi) each give their own key presses and page look-ups; the keys and the checks are these.
import assert from 'node:assert/strict';

/** In the page: the deepest focused element, described for keyboard-only driving. */
export function focusedInPage() {
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
export function deepTextsInPage(selector, host) {
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

/**
 * @typedef {{ tag: string, type: string, text: string, label: string, value: string | undefined }} Focused
 * @typedef {object} Keys what one engine's driver does
 * @property {(key: string) => Promise<unknown>} press presses one key ('Tab', 'Enter', 'ArrowDown', …)
 * @property {string} space the driver's name for the space bar
 * @property {(text: string) => Promise<unknown>} typeKeys types text into the focused field
 * @property {() => Promise<Focused>} focused the deepest focused element
 * @property {(selector: string, host?: string) => Promise<string[]>} texts see deepTextsInPage
 * @property {(condition: () => Promise<boolean>, what: string) => Promise<unknown>} waitFor
 */

/** Tab, Enter, arrows and typing for one driver: `tabTo`, `type` (checked), `expectStep`. */
export function keyboard(/** @type {Keys} */ k) {
  /** Presses Tab until the focused element matches; fails after `max` presses. */
  async function tabTo(/** @type {(f: Focused) => boolean} */ matches, /** @type {string} */ what, max = 80) {
    for (let i = 0; i < max; i++) {
      await k.press('Tab');
      const f = await k.focused();
      if (matches(f)) return f;
    }
    throw new Error(`Tab never reached ${what}`);
  }
  /** Types into the focused field and checks the field holds exactly what was typed. */
  async function type(/** @type {string} */ text) {
    const before = (await k.focused()).value ?? '';
    await k.typeKeys(text);
    assert.equal((await k.focused()).value, before + text, 'the field holds what was typed');
  }
  const expectStep = (/** @type {string} */ heading) =>
    k.waitFor(async () => (await k.texts('[data-step-heading]', 'open311-report')).some((t) => t.includes(heading)), `the step "${heading}"`);
  return { ...k, tabTo, type, expectStep };
}

/**
 * From the first step of the demo page's `<open311-report>` to "Report sent", by keyboard alone, and
 * checks that the reference shown is the id the local server stored.
 * @param {ReturnType<typeof keyboard>} kb
 * @param {{ adminFetch: (path: string) => Promise<Response> }} open311 the local server
 * @param {string} engine named in the report's description
 * @returns {Promise<string>} the reference
 */
export async function keyboardReport(kb, open311, engine) {
  const { press, focused, texts, waitFor, tabTo, type, expectStep, space } = kb;
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
  await press(space);
  await tabTo((f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
  await press('Enter');

  // "Is it one of these?" comes first when a report of the same problem is open near the place (one
  // this file made earlier): a resident with a different problem says so, by keyboard.
  await waitFor(
    async () => (await texts('[data-step-heading]', 'open311-report')).some((t) => t.includes('Tell us more') || t.includes('Is it one of these?')),
    'the details, or "Is it one of these?"',
  );
  if ((await texts('[data-step-heading]', 'open311-report')).some((t) => t.includes('Is it one of these?'))) {
    assert.equal((await focused()).text, 'Is it one of these?', 'focus moves to the new step heading');
    await tabTo((f) => f.tag === 'button' && f.text === 'No, mine is a different problem', '"No, mine is a different problem"');
    await press('Enter');
  }
  await expectStep('Tell us more');
  await tabTo((f) => f.type === 'radio', 'the depth question');
  for (let i = 0; i < 5 && (await focused()).label !== 'More than 10 cm'; i++) await press('ArrowDown');
  assert.equal((await focused()).label, 'More than 10 cm');
  await press(space);
  await tabTo((f) => f.tag === 'textarea', 'the description');
  const description = `${engine} keyboard flow ${Date.now()}`;
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
  const mine = stored.filter((/** @type {{ description: string }} */ r) => r.description === description);
  assert.deepEqual(
    mine.map((/** @type {{ service_request_id: string }} */ r) => r.service_request_id),
    [reference],
    'the reference shown is the id the server stored',
  );
  assert.equal(mine[0].service_code, 'PTH-01');
  assert.equal(mine[0].email, 'keys@example.org');
  return reference;
}
