// CMS pages that fight back (issue 12): a page wrapped in one <form>, a stylesheet that styles
// everything, a sticky header, and the script included twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';

describe('hostile host pages', () => {
  let env;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  test('inside a host <form>: Enter in the widget never submits it, and nothing leaks into its data', async () => {
    const page = await env.page();
    await page.goto(`${env.web.url}test-pages/host-form.html`);
    const search = page.getByLabel('Search for a street, place or postcode');
    await search.fill('Queen Square');
    await search.press('Enter');
    await page.getByRole('option', { name: /14 Queen Square/ }).waitFor();
    await page.getByRole('option', { name: /14 Queen Square/ }).click();
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await page.getByRole('radio', { name: /^Pothole/ }).check();
    await page.keyboard.press('Enter');
    assert.equal(page.url(), `${env.web.url}test-pages/host-form.html`, 'still on the same page');
    assert.deepEqual(await page.evaluate(() => window.hostSubmissions), []);
    // The host's own submit still works, and carries only the host's fields.
    await page.getByRole('button', { name: 'Go' }).click();
    const fields = await page.evaluate(() => window.hostSubmissions[0]);
    assert.deepEqual(fields, ['__VIEWSTATE', 'q']);
  });

  test('a host stylesheet that styles *, button, input and headings and sets html{font-size:62.5%} changes nothing', async () => {
    const measure = async (url) => {
      const page = await env.page();
      await page.goto(url);
      await page.getByRole('button', { name: 'Continue' }).locator('visible=true').waitFor();
      await page.getByLabel('Search for a street, place or postcode').waitFor();
      return page.evaluate(() => {
        const root = document.querySelector('open311-report').shadowRoot;
        const style = (el) => {
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return { fontSize: s.fontSize, color: s.color, bg: s.backgroundColor, border: s.borderTopWidth, transform: s.textTransform, h: Math.round(r.height) };
        };
        const button = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Continue');
        const picker = root.querySelector('open311-map-picker').shadowRoot;
        return { heading: style(root.querySelector('[data-step-heading]')), button: style(button), input: style(picker.querySelector('input')) };
      });
    };
    const plain = await measure(`${env.web.url}index.html`);
    const hostile = await measure(`${env.web.url}test-pages/hostile-styles.html`);
    assert.deepEqual(hostile.button, plain.button);
    assert.deepEqual(hostile.input, plain.input);
    assert.equal(hostile.heading.fontSize, plain.heading.fontSize);
    assert.equal(hostile.heading.transform, plain.heading.transform);
  });

  test('a sticky header does not cover the step heading scrolled into view', async () => {
    const page = await env.page({ viewport: { width: 800, height: 500 } });
    await page.goto(`${env.web.url}test-pages/hostile-styles.html`);
    await page.getByText('describe the location instead').click();
    await page.getByRole('textbox', { name: 'Where is the problem?' }).fill('By the church gate');
    await page.getByRole('button', { name: 'Use this description' }).click();
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await page.locator('open311-report [data-step-heading]').filter({ hasText: 'What is the problem?' }).waitFor();
    const { top, headerBottom } = await page.evaluate(() => ({
      top: document.querySelector('open311-report').shadowRoot.querySelector('[data-step-heading]').getBoundingClientRect().top,
      headerBottom: document.querySelector('.sticky').getBoundingClientRect().bottom,
    }));
    assert.ok(top >= headerBottom, `heading top ${top} is below the sticky header (${headerBottom})`);
  });

  test('the script included twice (and a second copy from another URL): no error, one widget', async () => {
    const page = await env.page();
    const info = [];
    page.on('console', (m) => info.push(m.text()));
    await page.goto(`${env.web.url}test-pages/twice.html`);
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').waitFor();
    assert.deepEqual(page.errors, []);
    assert.equal(await page.locator('open311-report [data-step-heading]').count(), 1);
    // Whatever copy loses says so at most once per tag.
    const notes = info.filter((t) => t.includes('already defined'));
    assert.equal(new Set(notes).size, notes.length);
  });
});
