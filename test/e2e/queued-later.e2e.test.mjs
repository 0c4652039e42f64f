// Issue 22, item 4, in the BUILT widget in Debian's Chromium: a report sent while the device is
// offline is kept (its answers in localStorage); the tab is closed. A later visit (a new tab: the
// contact details, kept for the browser session only, are gone) offers to send it; on a page that
// requires an email, Send now goes back to "About you" and sends nothing until the email is given.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { expectStep, mouseFlowToCheck } from './flow-helpers.mjs';

describe('a queued report sent on a later visit', () => {
  let env;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  test('goes back to "About you" for the email the page requires, and sends only once it is given', async () => {
    const page = await env.page();
    await page.goto(env.web.url);
    assert.equal(await page.locator('open311-report').getAttribute('require-contact'), 'email', 'the demo page requires an email');
    const description = `Queued, later visit ${Date.now()}`;
    await mouseFlowToCheck(page, description);
    const context = page.context();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.locator('open311-report [part="queued-notice"]').getByText('Not sent yet').waitFor();
    await page.close();
    await context.setOffline(false);

    const later = await context.newPage();
    const posts = [];
    later.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.includes('/requests')) posts.push(r.url());
    });
    await later.goto(env.web.url);
    const notice = later.locator('open311-report [part="queued-notice"]');
    await notice.getByText('You have a report that was not sent').waitFor();
    await notice.getByText('Your contact details were not kept on this device').waitFor();
    await notice.getByRole('button', { name: 'Send now' }).click();
    await expectStep(later, 'About you');
    await later.locator('open311-report-form[sections="contact"] [part~="error-summary"]').getByText('Enter your email address').waitFor();
    assert.equal(posts.length, 0, 'nothing sent without the email');
    assert.equal((await env.stored()).filter((r) => r.description === description).length, 0);

    await later.getByRole('textbox', { name: 'Email address' }).fill('later@example.org');
    await later.getByRole('button', { name: 'Continue', exact: true }).locator('visible=true').click();
    await expectStep(later, 'Check your answers');
    await later.locator('open311-report [part="queued-notice"]').getByRole('button', { name: 'Send now' }).click();
    await expectStep(later, 'Report sent');
    const stored = (await env.stored()).filter((r) => r.description === description);
    assert.deepEqual(
      stored.map((r) => r.email),
      ['later@example.org'],
    );
    assert.equal(posts.length, 1);
  });
});
