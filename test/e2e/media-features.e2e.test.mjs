// Forced colours (Windows Contrast themes) and reduced motion, through the whole flow in the demo
// council page with the BUILT widget (dist/), in Debian's Chromium driven by playwright-core (issue 11).
// 320 CSS px / 400% zoom and 24×24 targets are checked per step in test/elements/report-launch.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { expectStep } from './flow-helpers.mjs';

/**
 * In the page: every visible control inside <open311-report> (through every shadow root), with what a
 * forced-colours user sees of it. Runs in the browser (no closures over test code).
 */
function controlsInPage() {
  /** The colours the forced palette resolves to: anything else was not replaced by a system colour. */
  const probe = document.createElement('div');
  document.body.append(probe);
  const palette = new Set();
  for (const name of [
    'Canvas',
    'CanvasText',
    'LinkText',
    'VisitedText',
    'ActiveText',
    'ButtonFace',
    'ButtonText',
    'ButtonBorder',
    'Field',
    'FieldText',
    'Highlight',
    'HighlightText',
    'SelectedItem',
    'SelectedItemText',
    'Mark',
    'MarkText',
    'GrayText',
    'AccentColor',
    'AccentColorText',
  ]) {
    probe.style.color = name;
    palette.add(getComputedStyle(probe).color);
  }
  probe.remove();
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  const host = document.querySelector('open311-report');
  walk(host);
  walk(host.shadowRoot);
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[aria-hidden="true"]');
  const describe = (el) =>
    `${el.localName}${el.type ? `[${el.type}]` : ''}.${[...el.classList].join('.')} "${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  const problems = [];
  let checked = 0;
  for (const el of all.filter(visible)) {
    const s = getComputedStyle(el);
    const isBox = el.matches('input:not([type=radio]):not([type=checkbox]):not([type=file]):not([type=hidden]), textarea, select');
    // Buttons drawn as buttons; link-like buttons (.link, .back) are underlined text, maplibre's are
    // drawn by its own forced-colours rules.
    const isButton = el.matches('button:not(.link):not(.back):not([class*="maplibregl"])');
    if (isBox || isButton) {
      checked++;
      const sides = ['Top', 'Right', 'Bottom', 'Left'];
      const bad = sides.filter(
        (side) => s[`border${side}Style`] === 'none' || parseFloat(s[`border${side}Width`]) < 1 || !palette.has(s[`border${side}Color`]),
      );
      if (bad.length) problems.push(`${describe(el)}: no border in a system colour (${bad.join(', ')}: ${s.borderStyle} ${s.borderWidth} ${s.borderColor})`);
    }
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      checked++;
      // Drawn by the system (its checked state too) unless a style took the native look away.
      if (s.appearance === 'none' || parseFloat(s.opacity) < 1) problems.push(`${describe(el)}: not drawn natively (${s.appearance}, opacity ${s.opacity})`);
    }
  }
  return { problems, checked, palette: [...palette] };
}

/** In the page: the deepest focused element and how its focus shows. */
function focusInPage(palette) {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  if (!a || a === document.body) return { inside: false };
  let inside = false;
  for (let n = a; n && !inside; n = n.getRootNode().host) inside = !!n.closest('open311-report');
  const s = getComputedStyle(a);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && palette.includes(s.outlineColor);
  return {
    inside,
    shown: outline,
    what: `${a.localName}${a.type ? `[${a.type}]` : ''} "${(a.textContent || a.getAttribute('aria-label') || a.name || '').trim().replace(/\s+/g, ' ').slice(0, 40)}": outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
  };
}

/** In the page: every transition or animation in <open311-report> that would move anything. */
function motionInPage() {
  const all = [document.documentElement];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  const host = document.querySelector('open311-report');
  walk(host);
  walk(host.shadowRoot);
  const seconds = (list) => list.split(',').map((t) => (t.trim().endsWith('ms') ? parseFloat(t) / 1000 : parseFloat(t)));
  const found = [];
  for (const el of all) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      const longest = (list, names) => (names === 'none' || names === '' ? 0 : Math.max(...seconds(list)));
      const transition = s.transitionProperty === 'none' ? 0 : longest(s.transitionDuration, s.transitionProperty);
      const animation = longest(s.animationDuration, s.animationName);
      if (transition > 0.001 || animation > 0.001)
        found.push(
          `${el.localName}.${[...el.classList].join('.')}${pseudo ?? ''}: transition ${s.transitionDuration}, animation ${s.animationName} ${s.animationDuration}`,
        );
      if (s.scrollBehavior === 'smooth') found.push(`${el.localName}: scroll-behavior smooth`);
    }
  }
  // Animations started from script (Web Animations) and running CSS ones, shadow trees included.
  for (const anim of document.getAnimations({ subtree: true })) {
    const d = anim.effect?.getComputedTiming().duration;
    if (anim.playState === 'running' && typeof d === 'number' && d > 1) found.push(`running animation ${anim.animationName ?? anim.id ?? ''} ${d} ms`);
  }
  return found;
}

const CONTINUE = { name: 'Continue' };

/** From the details step on: Continue, an email, Continue, check answers, Send; `audit` at each step. */
async function detailsToSent(page, audit) {
  await page.getByRole('button', CONTINUE).locator('visible=true').click();
  await expectStep(page, 'About you');
  await page.getByRole('textbox', { name: 'Email address' }).fill('resident@example.org');
  await audit('about');
  await page.getByRole('button', CONTINUE).locator('visible=true').click();
  await expectStep(page, 'Check your answers');
  await audit('check');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expectStep(page, 'Report sent');
  await audit('sent');
}

describe('forced colours and reduced motion in the demo council page', () => {
  let env;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  /** Tabs through the whole page once; returns the focus problems met inside <open311-report>. */
  async function tabAround(page, palette, step) {
    const problems = [];
    await page.locator('h1').first().click();
    let inside = 0;
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(focusInPage, palette);
      if (!f.inside) {
        if (inside) break;
        continue;
      }
      inside++;
      if (!f.shown) problems.push(`${step}: ${f.what}`);
    }
    assert.ok(inside > 0, `${step}: Tab reached the report`);
    return problems;
  }

  test('forced colours: on every step each control keeps a border and each focus an outline in system colours; errors are said in words', async () => {
    const page = await env.page();
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(env.web.url);
    await expectStep(page, 'Where is the problem?');
    assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
    const problems = [];
    let checked = 0;
    const audit = async (step) => {
      const r = await page.evaluate(controlsInPage);
      problems.push(...r.problems.map((p) => `${step}: ${p}`));
      checked += r.checked;
      problems.push(...(await tabAround(page, r.palette, step)));
      // Where am I: the step count is text, not a coloured bar.
      if (step !== 'sent') assert.match(await page.locator('open311-report .step-count').textContent(), /Step \d of \d/, step);
    };

    await audit('where');
    await page.getByRole('button', { name: 'Show map' }).click();
    await page.locator('open311-map-picker canvas').waitFor();
    await audit('where, map shown');
    // An error is told in words (and a bordered summary), not only by a red colour.
    await page.getByRole('button', CONTINUE).locator('visible=true').click();
    const error = page.locator('open311-report .error-summary');
    await error.waitFor();
    assert.match(await error.textContent(), /\w{3,}/);
    await audit('where, error');

    await page.getByLabel('Search for a street, place or postcode').fill('Queen Square');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('option', { name: /14 Queen Square/ }).click();
    await page.locator('open311-map-picker .chosen').waitFor();
    await page.getByRole('button', CONTINUE).locator('visible=true').click();
    await expectStep(page, 'What is the problem?');
    await page.getByRole('radio', { name: /^Dangerous wall or structure/ }).check();
    await audit('what, a service chosen');
    await page.getByRole('button', CONTINUE).locator('visible=true').click();
    await expectStep(page, 'Tell us more');
    await page.getByRole('radio', { name: 'Partly' }).check();
    // The repeated urgent notice keeps its "!" mark (forced-color-adjust: none) and its words.
    await page.locator('open311-report section:not([hidden]) .urgent').waitFor();
    await page.locator('open311-report-form[sections="questions"] textarea').first().fill('A garden wall is leaning over the pavement.');
    await audit('details');
    await detailsToSent(page, audit);

    assert.ok(checked > 20, `controls checked: ${checked}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(page.errors, []);
  });

  test('forced colours: the Try again buttons of a service list or questions that failed to load keep their border', async () => {
    const page = await env.page();
    await page.emulateMedia({ forcedColors: 'active' });
    const fail = (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'down' });
    await page.route('**/open311/v2/services.*', fail);
    await page.goto(env.web.url);
    await expectStep(page, 'Where is the problem?');
    await page.getByLabel('Search for a street, place or postcode').fill('Queen Square');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('option', { name: /14 Queen Square/ }).click();
    await page.locator('open311-map-picker .chosen').waitFor();
    await page.getByRole('button', CONTINUE).locator('visible=true').click();
    await expectStep(page, 'What is the problem?');
    const retryList = page.locator('open311-service-chooser [part="retry-button"]');
    await retryList.waitFor();
    const problems = (await page.evaluate(controlsInPage)).problems.map((p) => `list failed: ${p}`);
    await page.unroute('**/open311/v2/services.*', fail);
    await page.route('**/services/PTH-01.*', fail);
    await retryList.click();
    await page.getByRole('radio', { name: /^Pothole/ }).check();
    await page.getByRole('button', CONTINUE).locator('visible=true').click();
    await expectStep(page, 'Tell us more');
    await page.locator('open311-report-form [part="retry-button"]').first().waitFor();
    problems.push(...(await page.evaluate(controlsInPage)).problems.map((p) => `questions failed: ${p}`));
    assert.deepEqual(problems, []);
  });

  test('reduced motion: no transition or animation runs on any step, no smooth scrolling, and the map moves without flying', async () => {
    const page = await env.page();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(env.web.url);
    await expectStep(page, 'Where is the problem?');
    const found = [];
    const audit = async (step) => found.push(...(await page.evaluate(motionInPage)).map((m) => `${step}: ${m}`));

    await page.getByRole('button', { name: 'Show map' }).click();
    await page.locator('open311-map-picker canvas').waitFor();
    await page.getByLabel('Search for a street, place or postcode').fill('Queen Square');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('option', { name: /14 Queen Square/ }).click();
    await page.locator('open311-map-picker .chosen').waitFor();
    await page.locator('open311-map-picker .open311-pin').waitFor();
    await audit('where, map and pin');
    // The arrow keys pan the map (maplibre eases over 300 ms unless motion is reduced): the pin must
    // reach its new place at once and stay there, not glide across the next frames.
    await page.locator('open311-map-picker canvas').focus();
    const frames = await page.evaluate(async () => {
      const pin = document.querySelector('open311-report').shadowRoot.querySelector('open311-map-picker').shadowRoot.querySelector('.open311-pin');
      const x = () => Math.round(pin.getBoundingClientRect().x);
      const before = x();
      const canvas = pin.closest('.maplibregl-map').querySelector('canvas');
      canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', code: 'ArrowRight', keyCode: 39, bubbles: true }));
      const seen = [];
      for (let i = 0; i < 12; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        seen.push(x());
      }
      return { before, seen };
    });
    assert.notEqual(frames.seen[0], frames.before, 'the arrow key moved the map');
    assert.deepEqual(new Set(frames.seen).size, 1, `one jump, then still (pin x per frame): ${frames.before} → ${frames.seen.join(', ')}`);

    await page.getByRole('button', CONTINUE).locator('visible=true').click();
    await expectStep(page, 'What is the problem?');
    await page.getByRole('radio', { name: /^Pothole/ }).check();
    await audit('what');
    await page.getByRole('button', CONTINUE).locator('visible=true').click();
    await expectStep(page, 'Tell us more');
    await page.getByRole('radio', { name: 'More than 10 cm' }).check();
    await page.locator('open311-report-form[sections="questions"] textarea').first().fill('Reduced motion flow');
    await audit('details');
    await detailsToSent(page, audit);
    assert.deepEqual(found, []);
    assert.deepEqual(page.errors, []);
  });
});
