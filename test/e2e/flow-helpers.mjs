// Helpers shared by the end-to-end files that drive <open311-report> in the demo council page
// (flow.e2e.test.mjs, faults.e2e.test.mjs).
import { readFile } from 'node:fs/promises';
import { focusedInPage } from './keyboard-flow.mjs';

const AXE = await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** Runs axe over the page (it sees into shadow roots) and returns the violations' ids. */
export async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    // `axe` here is the page's global (axe-core), not this function.
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

/** The current step's heading. */
export const heading = (page) => page.locator('open311-report [data-step-heading]');

/** "Is it one of these?": the step between the problem and the details when the same problem was reported near the place (issue 19). */
export const NEARBY_STEP = 'Is it one of these?';

/**
 * Waits until the step whose heading contains `text` is shown. Waiting for the details ("Tell us
 * more"), it answers "No, mine is a different problem" if "Is it one of these?" comes first, as a
 * resident filing their own report would: tests that report the same problem at the same place more
 * than once (the server keeps every report of the file) meet the reports they made earlier.
 */
export async function expectStep(page, text) {
  const wanted = heading(page).filter({ hasText: text });
  if (text === 'Tell us more') {
    await wanted.or(heading(page).filter({ hasText: NEARBY_STEP })).waitFor({ timeout: 15000 });
    if (!(await wanted.count())) {
      await page.getByRole('button', { name: 'No, mine is a different problem' }).locator('visible=true').click();
    }
  }
  await wanted.waitFor({ timeout: 15000 });
}

/** The deepest focused element, described for keyboard-only driving (keyboard-flow.mjs's description, shared with the WebKit and Firefox runs). */
export function focused(page) {
  return page.evaluate(focusedInPage);
}

/** Presses Tab until the focused element matches; fails after `max` presses. */
export async function tabTo(page, matches, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (matches(f)) return f;
  }
  throw new Error('Tab never reached the wanted control');
}

/** Step 1 by mouse: "14 Queen Square" through the address search, then Continue to "What is the problem?". */
export async function mouseToWhatStep(page) {
  await page.getByLabel('Search for a street, place or postcode').fill('Queen Square');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('option', { name: /14 Queen Square/ }).click();
  await page.locator('open311-map-picker .chosen').waitFor();
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await expectStep(page, 'What is the problem?');
}

/**
 * Mouse through where → what (Pothole) → details (More than 10 cm, `description`) → about (email) to
 * Check your answers; `keepReports` ticks "Keep a list of my reports on this device" where it is offered.
 */
export async function mouseFlowToCheck(page, description, { keepReports = false } = {}) {
  await mouseToWhatStep(page);
  await page.getByRole('radio', { name: /^Pothole/ }).check();
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await expectStep(page, 'Tell us more');
  await page.getByRole('radio', { name: 'More than 10 cm' }).check();
  await page.locator('open311-report-form[sections="questions"] textarea').first().fill(description);
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await expectStep(page, 'About you');
  await page.getByRole('textbox', { name: 'Email address' }).fill('resident@example.org');
  const keep = page.getByRole('checkbox', { name: 'Keep a list of my reports on this device' });
  if (keepReports && (await keep.count())) await keep.check();
  await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  await expectStep(page, 'Check your answers');
}
