// Faults on send (issue 10), each end to end in the demo council page with the BUILT widget (dist/),
// against the local Open311 server, in Debian's Chromium. For every fault: nothing the resident typed
// is lost (the check-answers summary and the draft in localStorage keep every answer, with the same
// client-side id), nothing is sent twice (the server holds 0 or exactly 1 matching report), and a
// visible message says what happens next. (A 500 with an HTML body and a double click on Send are in
// flow.e2e.test.mjs.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './harness.mjs';
import { expectStep, mouseFlowToCheck } from './flow-helpers.mjs';

/** Matches the requests resource (`POST` a report; `GET` the recent ones the widget checks). */
const REQUESTS = (url) => url.pathname.endsWith('/open311/v2/requests.json');
const isPost = (route) => route.request().method() === 'POST';

/** The saved draft of the page's widget (localStorage), or null once it is gone. */
function draftOf(page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('open311:draft:'));
    return key ? JSON.parse(localStorage.getItem(key)) : null;
  });
}

/** Reports on the server with this description (the back office's view). */
async function storedWith(env, description) {
  return (await env.stored()).filter((r) => r.description === description);
}

/** The visible failure message above the summary. */
const failureBox = (page) => page.locator('open311-report .error-summary');

/** The send button: enabled again (not left "Sending…") and labelled `label`. */
async function expectSendButton(page, label) {
  const button = page.locator('open311-report [part="send-button"]');
  await button.filter({ hasText: label }).waitFor();
  assert.equal(await button.getAttribute('aria-disabled'), 'false', 'the button is not left frozen');
}

/**
 * Nothing typed is lost: every answer is still in the check-answers summary, and the draft in
 * localStorage still holds them with the same client-side id and no send marked in flight.
 */
async function expectEverythingKept(page, description, clientId) {
  await expectStep(page, 'Check your answers');
  const summary = await page.locator('open311-report dl.summary').textContent();
  for (const answer of ['Queen Square', 'Pothole', 'More than 10 cm', description, 'resident@example.org']) {
    assert.ok(summary.includes(answer), `the summary still shows "${answer}"`);
  }
  const draft = await draftOf(page);
  assert.ok(draft, 'the draft is still saved');
  assert.equal(draft.clientId, clientId, 'the same client-side id');
  assert.equal(draft.description, description);
  assert.equal(draft.attributes.DEPTH, 'DEEP');
  assert.equal(draft.serviceCode, 'PTH-01');
  assert.equal(draft.sending, undefined, 'no send is marked in flight');
}

/** Opens the demo page (optionally with a shorter client timeout) and fills the flow up to Check your answers. */
async function toCheck(env, label, { timeout, keepReports } = {}) {
  const page = await env.page();
  await page.goto(env.web.url);
  if (timeout) await page.locator('open311-report').evaluate((el, ms) => el.setAttribute('timeout', String(ms)), timeout);
  const description = `${label} ${Date.now()}`;
  await mouseFlowToCheck(page, description, { keepReports });
  const { clientId } = await draftOf(page);
  assert.ok(clientId, 'the draft has a client-side id');
  return { page, description, clientId };
}

/** Counts the report POSTs the page makes from now on. */
function watchPosts(page) {
  const seen = { count: 0 };
  page.on('request', (r) => {
    if (r.method() === 'POST' && REQUESTS(new URL(r.url()))) seen.count++;
  });
  return seen;
}

describe('faults on send (a spec-faithful server)', () => {
  let env;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  test('a timeout: the report is checked for, not found, kept, and Try again sends it once', async () => {
    const { page, description, clientId } = await toCheck(env, 'Timeout', { timeout: 1500 });
    const posted = [];
    await page.route(REQUESTS, async (route) => {
      if (isPost(route)) {
        posted.push((await draftOf(page))?.clientId);
        // The first POST is never answered (nor passed on): only the client's timeout ends it.
        if (posted.length === 1) return;
      }
      await route.continue();
    });
    await page.getByRole('button', { name: 'Send report' }).click();
    await failureBox(page).getByText('did not answer in time').waitFor();
    assert.match(await failureBox(page).textContent(), /has not been sent.*Nothing you typed is lost/s);
    await expectSendButton(page, 'Try again');
    await expectEverythingKept(page, description, clientId);
    assert.equal((await storedWith(env, description)).length, 0);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expectStep(page, 'Report sent');
    assert.deepEqual(posted, [clientId, clientId], 'the retry sends the same draft');
    const stored = await storedWith(env, description);
    assert.equal(stored.length, 1);
    assert.equal((await page.locator('open311-report .panel .reference').textContent()).trim(), stored[0].service_request_id);
    assert.equal(await draftOf(page).then((d) => d?.description), undefined, 'the draft is cleared once sent');
    assert.deepEqual(page.errors, []);
  });

  test('a 400 naming a question: shown at that question, everything kept, and a corrected send goes once', async () => {
    const { page, description, clientId } = await toCheck(env, 'Bad request');
    let refused = false;
    await page.route(REQUESTS, async (route) => {
      if (isPost(route) && !refused) {
        refused = true;
        await route.fulfill({
          status: 400,
          contentType: 'application/json',
          headers: { 'Access-Control-Allow-Origin': '*' },
          body: JSON.stringify([{ code: 400, description: 'DEPTH: a hole this deep must be reported by phone' }]),
        });
        return;
      }
      await route.continue();
    });
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Tell us more');
    const form = page.locator('open311-report-form[sections="questions"]');
    // The server's words, next to the question it named, and in the form's error summary.
    await form.locator('.error-message').filter({ hasText: 'must be reported by phone' }).first().waitFor();
    await form.locator('[part~="error-summary"]').filter({ hasText: 'must be reported by phone' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: 'More than 10 cm' }).isChecked(), true, 'the answer is kept');
    assert.equal(await form.locator('textarea').first().inputValue(), description, 'the description is kept');
    assert.equal((await storedWith(env, description)).length, 0);
    await page.getByRole('radio', { name: '5 to 10 cm' }).check();
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'About you');
    assert.equal(await page.getByRole('textbox', { name: 'Email address' }).inputValue(), 'resident@example.org');
    await page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
    await expectStep(page, 'Check your answers');
    assert.match(await page.locator('open311-report dl.summary').textContent(), /5 to 10 cm/);
    assert.equal((await draftOf(page)).clientId, clientId, 'the same client-side id');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    const stored = await storedWith(env, description);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].attributes.DEPTH, 'MEDIUM');
    assert.deepEqual(page.errors, []);
  });

  test('the connection drops after the server stored the report: the widget finds it and shows the reference', async () => {
    const { page, description } = await toCheck(env, 'Dropped', { keepReports: true });
    const posts = watchPosts(page);
    await page.route(REQUESTS, async (route) => {
      if (isPost(route)) {
        await route.fetch(); // the report reaches the server and is stored…
        await route.abort('connectionreset'); // …but its answer never reaches the page
        return;
      }
      await route.continue();
    });
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    const stored = await storedWith(env, description);
    assert.equal(stored.length, 1, 'exactly one report');
    assert.equal((await page.locator('open311-report .panel .reference').textContent()).trim(), stored[0].service_request_id);
    assert.equal(posts.count, 1, 'sent once, never again');
    assert.equal(await draftOf(page).then((d) => d?.description), undefined, 'the draft is cleared once sent');
    const mine = await page.evaluate(() => JSON.parse(localStorage.getItem('open311:my-reports') ?? '[]'));
    assert.deepEqual(
      mine.map((r) => r.id),
      [stored[0].service_request_id],
      'kept in "my reports"',
    );
    assert.deepEqual(page.errors, []);
  });

  test('a reload while sending, after the report arrived: shown as sent, not sent twice', async () => {
    const { page, description } = await toCheck(env, 'Reload arrived');
    const posts = watchPosts(page);
    let arrived;
    const stored = new Promise((resolve) => (arrived = resolve));
    // Held, never fulfilled, and the route kept: `unroute` would let the held POST go on (a second report).
    await page.route(REQUESTS, async (route) => {
      if (isPost(route)) {
        await route.fetch(); // stored on the server; the answer is held until the page goes away
        arrived();
        return;
      }
      await route.continue();
    });
    await page.getByRole('button', { name: 'Send report' }).click();
    await stored;
    assert.ok((await draftOf(page)).sending, 'the draft marks a send in flight');
    await page.reload();
    await expectStep(page, 'Report sent');
    const found = await storedWith(env, description);
    assert.equal(found.length, 1, 'exactly one report');
    assert.equal((await page.locator('open311-report .panel .reference').textContent()).trim(), found[0].service_request_id);
    assert.equal(posts.count, 1, 'not sent again after the reload');
    assert.equal(await draftOf(page).then((d) => d?.description), undefined, 'the draft is cleared once sent');
    assert.deepEqual(page.errors, [], 'no script errors (a throwing render once hid this step)');
  });

  test('a reload while sending, before the report arrived: says so, keeps everything, Try again sends once', async () => {
    const { page, description, clientId } = await toCheck(env, 'Reload lost');
    let held;
    const holding = new Promise((resolve) => (held = resolve));
    let first = true;
    await page.route(REQUESTS, async (route) => {
      if (isPost(route) && first) {
        first = false;
        held(); // never passed on: the page is reloaded before any answer
        return;
      }
      await route.continue();
    });
    await page.getByRole('button', { name: 'Send report' }).click();
    await holding;
    const posts = watchPosts(page);
    await page.reload();
    await failureBox(page).getByText('may not have been sent').waitFor();
    await expectSendButton(page, 'Try again');
    await expectEverythingKept(page, description, clientId);
    assert.equal((await storedWith(env, description)).length, 0);
    assert.equal(posts.count, 0, 'nothing is sent by itself after the reload');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expectStep(page, 'Report sent');
    assert.equal((await storedWith(env, description)).length, 1);
    assert.equal(posts.count, 1);
    assert.deepEqual(page.errors, []);
  });

  test('the device offline: "not sent yet", keeps everything, and once back online it is sent by itself, once (issue 12)', async () => {
    const { page, description, clientId } = await toCheck(env, 'Offline');
    const posts = watchPosts(page);
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Send report' }).click();
    const notice = page.locator('open311-report [part="queued-notice"]');
    await notice.getByText('Not sent yet').waitFor();
    assert.match(await notice.textContent(), /will be sent when you are back online/);
    await expectSendButton(page, 'Send now');
    const summary = await page.locator('open311-report dl.summary').textContent();
    assert.ok(summary.includes(description), 'the summary still shows the report');
    const draft = await draftOf(page);
    assert.equal(draft.clientId, clientId, 'the same client-side id');
    assert.ok(draft.queued, 'the draft is marked queued');
    assert.equal(draft.sending, undefined, 'no send is marked in flight');
    assert.equal((await storedWith(env, description)).length, 0);
    assert.equal(posts.count, 0);
    await page.context().setOffline(false);
    await expectStep(page, 'Report sent');
    assert.equal((await storedWith(env, description)).length, 1);
    assert.equal(posts.count, 1, 'one POST in all');
    assert.deepEqual(page.errors, []);
  });
});

describe('faults on send (a key the page does not have)', () => {
  let env;
  before(async () => {
    env = await setup({ apiKey: 'council-secret' });
  });
  after(async () => {
    await env?.close();
  });

  test('403 for a bad key: the council’s system refused it, nothing lost, nothing stored', async () => {
    const { page, description, clientId } = await toCheck(env, 'Forbidden');
    await page.getByRole('button', { name: 'Send report' }).click();
    await failureBox(page).getByText('refused').waitFor();
    const text = await failureBox(page).textContent();
    assert.match(text, /council’s system refused/);
    assert.match(text, /has not been sent/);
    assert.match(text, /Nothing you typed is lost/);
    assert.match(text, /other ways to report/, 'says what to do instead');
    await expectSendButton(page, 'Try again');
    await expectEverythingKept(page, description, clientId);
    assert.equal((await storedWith(env, description)).length, 0);
  });
});

describe('faults on send (a token that never becomes an id)', () => {
  let env;
  before(async () => {
    env = await setup({ profile: 'token-only', tokenDelayMs: 24 * 3600_000 });
  });
  after(async () => {
    await env?.close();
  });

  test('the confirmation quotes the token as the reference for now, the tracker keeps waiting politely, and "my reports" has it', async () => {
    const { page, description } = await toCheck(env, 'Token', { keepReports: true });
    const tokenCalls = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.includes('/tokens/')) tokenCalls.push(Date.now());
    });
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    await page.locator('open311-report .panel').getByText('Until the council gives it a number, quote:').waitFor();
    const tracker = page.locator('open311-status-tracker');
    await tracker.getByText('this page updates by itself').waitFor();
    // Two token calls, the second after a pause (back-off), not a burst; no error shown meanwhile.
    while (tokenCalls.length < 2) await page.waitForRequest((r) => r.url().includes('/tokens/'), { timeout: 10000 });
    assert.ok(tokenCalls.length >= 2, 'still waiting for the id');
    assert.ok(tokenCalls[1] - tokenCalls[0] >= 1500, `polite: ${tokenCalls[1] - tokenCalls[0]} ms between token calls`);
    assert.equal(await tracker.getByText('could not reach').count(), 0, 'no error while waiting');
    assert.equal(await tracker.getByText('being processed').first().isVisible(), true);
    const stored = await storedWith(env, description);
    assert.equal(stored.length, 1);
    const mine = await page.evaluate(() => JSON.parse(localStorage.getItem('open311:my-reports') ?? '[]'));
    assert.equal(mine.length, 1, 'kept in "my reports"');
    assert.equal(mine[0].token, stored[0].token);
    assert.equal(mine[0].id, undefined, 'no reference yet');
    assert.equal((await page.locator('open311-report .panel .reference').textContent()).trim(), stored[0].token, 'the token is quoted meanwhile (issue 22)');
  });
});

describe('faults on send (a server that sends no CORS headers on requests)', () => {
  let env;
  before(async () => {
    env = await setup({ profile: 'no-cors' });
  });
  after(async () => {
    await env?.close();
  });

  test('a CORS failure: cannot confirm, says so, nothing lost, and a retry does not send twice', async () => {
    const page = await env.page();
    // Everything but the requests resource gets the headers the server left out, so the flow can be
    // filled in; the POST and the check of recent requests meet the real no-CORS answers.
    await page.route(
      (url) => url.origin === new URL(env.open311.endpoint).origin,
      async (route) => {
        if (REQUESTS(new URL(route.request().url()))) return route.continue();
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
      },
    );
    const posts = watchPosts(page);
    await page.goto(env.web.url);
    const description = `CORS ${Date.now()}`;
    await mouseFlowToCheck(page, description);
    const { clientId } = await draftOf(page);
    await page.getByRole('button', { name: 'Send report' }).click();
    await failureBox(page).locator('p').getByText('cannot tell whether').waitFor();
    const text = await failureBox(page).textContent();
    assert.match(text, /Nothing you typed is lost/);
    assert.match(text, /twice/, 'warns that sending again may report it twice');
    await expectEverythingKept(page, description, clientId);
    // A simple POST reaches the server even though the browser hides its answer.
    assert.equal((await storedWith(env, description)).length, 1);
    assert.equal(posts.count, 1);
    // The next press checks again first; it still cannot tell, so it does not send.
    await expectSendButton(page, 'Check again');
    await page.getByRole('button', { name: 'Check again' }).click();
    await failureBox(page).locator('p').getByText('still cannot tell').waitFor();
    await expectEverythingKept(page, description, clientId);
    assert.equal(posts.count, 1, 'not sent again');
    assert.equal((await storedWith(env, description)).length, 1, 'exactly one report');
    await expectSendButton(page, 'Send it again anyway');
  });
});
