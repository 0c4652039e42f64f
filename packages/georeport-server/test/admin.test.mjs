// The back office: JSON API, HTML page and its form POST (its defences: admin-security.test.mjs).

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { start, report } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof start>>} */
let s;
before(async () => {
  s = await start();
});
after(() => s.stop());
/** The token printed at start, as API callers send it. */
const bearer = () => ({ Authorization: `Bearer ${s.adminToken}` });
beforeEach(async () => {
  const res = await s.adminFetch('reset', {});
  assert.equal(res.status, 200);
});

test('JSON API: change status, notes, agency and expected date; updated_datetime moves', async () => {
  const id = await report(s.endpoint, { email: 'me@example.org' });
  const [before] = await (await s.adminFetch('requests')).json();
  assert.equal(before.email, 'me@example.org');
  await s.adminFetch(`requests/${id}`, { requested_datetime: '2026-01-01T09:00:00Z' });
  const res = await s.adminFetch(`requests/${id}`, {
    status: 'action_scheduled',
    status_notes: 'Repair booked for Tuesday.',
    agency_responsible: 'Contractor Ltd',
    expected_datetime: '2030-01-07T17:00:00+00:00',
  });
  assert.equal(res.status, 200);
  const r = await res.json();
  assert.equal(r.service_request_id, id);
  assert.equal(r.status, 'action_scheduled');
  assert.equal(r.email, 'me@example.org');
  assert.ok(Date.parse(r.updated_datetime) > Date.parse(r.requested_datetime));
  const [pub] = await (await fetch(`${s.endpoint}requests.json?service_request_id=${id}`)).json();
  assert.equal(pub.status, 'action_scheduled');
  assert.equal(pub.status_notes, 'Repair booked for Tuesday.');
  assert.equal(pub.agency_responsible, 'Contractor Ltd');
  assert.equal(pub.expected_datetime, '2030-01-07T17:00:00+00:00');
});

test('JSON API: errors for unknown ids, unknown statuses and bad JSON', async () => {
  assert.equal((await s.adminFetch(`requests/nope`, { status: 'closed' })).status, 404);
  const id = await report(s.endpoint);
  const bad = await s.adminFetch(`requests/${id}`, { status: 'sorted' });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error, /Unknown status/);
  const notJson = await fetch(`${s.url}/admin/api/requests/${id}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.adminToken}`, 'Content-Type': 'application/json' },
    body: '{',
  });
  assert.equal(notJson.status, 400);
});

test('reset clears everything', async () => {
  await report(s.endpoint);
  await s.adminFetch('reset', {});
  assert.deepEqual(await (await s.adminFetch('requests')).json(), []);
  assert.deepEqual(await (await fetch(`${s.endpoint}requests.json`)).json(), []);
});

test('HTML page lists requests newest first with a form each; every value escaped', async () => {
  const first = await report(s.endpoint, { description: 'first <i>one</i>' });
  const second = await report(s.endpoint);
  await s.adminFetch(`requests/${first}`, { status_notes: `<script>alert("x")</script> & 'co'` });
  const res = await fetch(`${s.url}/admin`, { headers: bearer() });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  const html = await res.text();
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.ok(html.indexOf(second) < html.indexOf(first), 'newest first');
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;'));
  assert.ok(html.includes('first &lt;i&gt;one&lt;/i&gt;'));
  assert.ok(html.includes(`action="/admin/requests/${first}"`));
  for (const status of ['in_progress', 'action_scheduled', 'not_councils_responsibility', 'no_further_action', 'cancelled']) {
    assert.ok(html.includes(`<option value="${status}"`), status);
  }
});

test('HTML form POST changes the request and redirects 303 to /admin', async () => {
  const id = await report(s.endpoint);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await (await fetch(`${s.url}/admin`, { headers: bearer() })).text())?.[1] ?? '';
  const form = { csrf, status: 'fixed', status_notes: 'Filled <today> & rolled', agency_responsible: 'Highways' };
  const res = await fetch(`${s.url}/admin/requests/${id}`, {
    method: 'POST',
    headers: { ...bearer(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin');
  const [r] = await (await fetch(`${s.endpoint}requests/${id}.json`)).json();
  assert.equal(r.status, 'fixed');
  assert.equal(r.status_notes, 'Filled <today> & rolled');
  assert.equal(r.agency_responsible, 'Highways');
  const html = await (await fetch(`${s.url}/admin`, { headers: bearer() })).text();
  assert.ok(html.includes('Filled &lt;today&gt; &amp; rolled'));
  assert.ok(html.includes('<option value="fixed" selected>'));
  const unknown = await fetch(`${s.url}/admin/requests/nope`, {
    method: 'POST',
    headers: { ...bearer(), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, status: 'closed' }),
  });
  assert.equal(unknown.status, 404);
});

test('status changes are recorded as updates', async () => {
  const id = await report(s.endpoint);
  await s.adminFetch(`requests/${id}`, { status: 'investigating', status_notes: 'Looking.' });
  await s.adminFetch(`requests/${id}`, { agency_responsible: 'No update for this' });
  const updates = await (await s.adminFetch('updates')).json();
  assert.equal(updates.length, 1);
  assert.equal(updates[0].service_request_id, id);
  assert.equal(updates[0].status, 'investigating');
  assert.equal(updates[0].description, 'Looking.');
  assert.equal(updates[0].media_url, '');
});
