// Quirk profiles and CORS.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, postForm, report, xmlAll, eventually, POTHOLE, XML_DECLARATION } from './helpers.mjs';
import { parseProfiles } from '../src/server.mjs';

test('profile names: combinations, unknown names rejected', async () => {
  assert.deepEqual([...parseProfiles('token-only, no-cors')], ['token-only', 'no-cors']);
  assert.deepEqual([...parseProfiles('default')], []);
  assert.throws(() => parseProfiles('fms,bogus'), /Unknown profile "bogus"/);
  const s = await start({ profile: 'token-only,no-cors' });
  try {
    assert.equal(s.profile, 'token-only,no-cors');
    assert.equal(s.endpoint, `http://127.0.0.1:${s.port}/open311/v2/`);
  } finally {
    await s.stop();
  }
});

describe('CORS', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let s;
  before(async () => {
    s = await start();
  });
  after(() => s.stop());

  /** @param {Response} res */
  function assertCors(res) {
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
    assert.equal(res.headers.get('access-control-allow-headers'), 'Content-Type');
  }

  test('on successes, errors, unknown paths, POSTs and media', async () => {
    assertCors(await fetch(`${s.endpoint}services.json`));
    assertCors(await fetch(`${s.endpoint}services/NOPE.xml`));
    assertCors(await fetch(`${s.url}/nowhere`));
    assertCors(await postForm(`${s.endpoint}requests.json`, {}));
    assertCors(await fetch(`${s.url}/healthz`));
  });

  test('OPTIONS preflight answers 204', async () => {
    const res = await fetch(`${s.endpoint}requests.json`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://council.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(res.status, 204);
    assertCors(res);
  });

  test('admin routes have no CORS', async () => {
    const res = await s.adminFetch('requests');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });
});

describe('no-cors', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let s;
  before(async () => {
    s = await start({ profile: 'no-cors' });
  });
  after(() => s.stop());

  test('no CORS headers anywhere; OPTIONS 405', async () => {
    for (const res of [
      await fetch(`${s.endpoint}services.json`),
      await fetch(`${s.endpoint}services/NOPE.json`),
      await postForm(`${s.endpoint}requests.json`, POTHOLE),
    ]) {
      assert.ok(res.status < 500);
      for (const key of res.headers.keys()) assert.ok(!key.startsWith('access-control-'), key);
    }
    const pre = await fetch(`${s.endpoint}requests.json`, { method: 'OPTIONS' });
    assert.equal(pre.status, 405);
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
  });
});

describe('xml-only', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let s;
  before(async () => {
    s = await start({ profile: 'xml-only' });
  });
  after(() => s.stop());

  test('every .json URL, GET or POST, is an HTML 404 page (with CORS)', async () => {
    for (const res of [
      await fetch(`${s.endpoint}services.json`),
      await fetch(`${s.endpoint}services/PTH-01.json`),
      await fetch(`${s.endpoint}requests.json`),
      await fetch(`${s.endpoint}discovery.json`),
      await postForm(`${s.endpoint}requests.json`, POTHOLE),
    ]) {
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.ok((await res.text()).startsWith('<!DOCTYPE html><html><body><h1>Not Found</h1>'));
    }
    assert.deepEqual(await (await s.adminFetch('requests')).json(), []);
  });

  test('XML works, discovery lists only text/xml', async () => {
    const xml = await (await fetch(`${s.endpoint}services.xml`)).text();
    assert.ok(xml.startsWith(XML_DECLARATION));
    const res = await postForm(`${s.endpoint}requests.xml`, POTHOLE);
    assert.equal(res.status, 200);
    const id = xmlAll(await res.text(), 'service_request_id')[0];
    assert.equal((await fetch(`${s.endpoint}requests/${id}.xml`)).status, 200);
    const disc = await (await fetch(`${s.endpoint}discovery.xml`)).text();
    assert.deepEqual(xmlAll(disc, 'format'), ['text/xml']);
  });
});

describe('strings', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let s;
  before(async () => {
    s = await start({ profile: 'strings' });
  });
  after(() => s.stop());

  test('services: mixed-case string booleans; all-digit codes as numbers unless zero-led', async () => {
    const text = await (await fetch(`${s.endpoint}services.json`)).text();
    const list = JSON.parse(text);
    const metadata = list.map((/** @type {any} */ x) => x.metadata);
    assert.ok(metadata.every((/** @type {unknown} */ m) => typeof m === 'string'));
    assert.ok(metadata.includes('True') && metadata.includes('true'), 'mixed case');
    assert.ok(metadata.some((/** @type {string} */ m) => m === 'False' || m === 'false'));
    assert.ok(text.includes('"service_code":1204'));
    assert.ok(text.includes('"service_code":"007"'));
    assert.ok(text.includes('"service_code":"001"'));
  });

  test('definition: order as strings, numeric keys as numbers', async () => {
    const def = await (await fetch(`${s.endpoint}services/FT-10.json`)).json();
    assert.deepEqual(
      def.attributes.map((/** @type {any} */ a) => a.order),
      ['9', '3', '1', '8', null, '3'],
    );
    assert.ok(def.attributes.every((/** @type {any} */ a) => typeof a.required === 'string'));
    const size = def.attributes.find((/** @type {any} */ a) => a.code === 'SIZE');
    assert.deepEqual(
      size.values.map((/** @type {any} */ v) => v.key),
      [1, 2, 3, 4],
    );
    const xml = await (await fetch(`${s.endpoint}services/FT-10.xml`)).text();
    assert.ok(xml.includes('<variable>True</variable>'));
    assert.ok(xml.includes('<required>False</required>'));
  });

  test('requests: digit ids sent as exact JSON numbers, lat/long as strings', async () => {
    const post = await postForm(`${s.endpoint}requests.json`, POTHOLE);
    const text = await post.text();
    assert.match(text, /^\[\{"service_request_id":\d+,/);
    const id = String(JSON.parse(text)[0].service_request_id);
    assert.match(id, /^1\d{6}$/);
    const [r] = await (await fetch(`${s.endpoint}requests/${id}.json`)).json();
    assert.equal(r.service_request_id, Number(id));
    assert.equal(r.lat, '51.4545');
    assert.equal(r.long, '-2.5879');
    const xml = await (await fetch(`${s.endpoint}requests/${id}.xml`)).text();
    assert.ok(xml.includes(`<service_request_id>${id}</service_request_id>`));
  });
});

describe('token-only', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let s;
  before(async () => {
    // Long enough that the first look always comes before the token resolves, even on a busy machine.
    s = await start({ profile: 'token-only', tokenDelayMs: 1500 });
  });
  after(() => s.stop());

  test('every POST answers a token that resolves after the delay', async () => {
    for (const fmt of ['json', 'xml']) {
      const res = await postForm(`${s.endpoint}requests.${fmt}`, POTHOLE);
      assert.equal(res.status, 200);
      const text = await res.text();
      const token = fmt === 'json' ? JSON.parse(text)[0].token : xmlAll(text, 'token')[0];
      assert.ok(!text.includes('service_request_id'));
      assert.match(token, /^[0-9a-f]{24}$/);
      assert.equal((await fetch(`${s.endpoint}tokens/${token}.${fmt}`)).status, 404);
      await eventually(async () => (await fetch(`${s.endpoint}tokens/${token}.${fmt}`)).status === 200);
    }
  });
});

describe('fms', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let s;
  before(async () => {
    s = await start({ profile: 'fms', apiKey: 'k' });
  });
  after(() => s.stop());

  test('JSON keeps the root key; groups instead of group', async () => {
    const body = await (await fetch(`${s.endpoint}services.json`)).json();
    assert.ok(Array.isArray(body.services));
    const drain = body.services.find((/** @type {any} */ x) => x.service_code === 'DRN-01');
    assert.deepEqual(drain.groups, ['Drains and flooding', 'Roads and pavements']);
    assert.ok(!('group' in drain));
    const def = await (await fetch(`${s.endpoint}services/PTH-01.json`)).json();
    assert.equal(def.service_code, 'PTH-01');
    assert.ok(Array.isArray(def.attributes));
    const disc = await (await fetch(`${s.endpoint}discovery.json`)).json();
    assert.equal(disc.discovery.max_requests, 1000);
  });

  test('XML as application/xml with groups/group', async () => {
    const res = await fetch(`${s.endpoint}services.xml`);
    assert.equal(res.headers.get('content-type'), 'application/xml; charset=utf-8');
    const xml = await res.text();
    assert.match(xml, /<groups>\s*<group>Drains and flooding<\/group>\s*<group>Roads and pavements<\/group>\s*<\/groups>/);
    assert.ok(!/<group>[^<]*<\/group>\s*<\/service>/.test(xml.replace(/<groups>[\s\S]*?<\/groups>/g, '')));
  });

  test('requests wrapped in service_requests; unknown id is 200 with an empty list', async () => {
    const post = await postForm(`${s.endpoint}requests.json`, { ...POTHOLE, api_key: 'k' });
    const body = await post.json();
    const id = body.service_requests[0].service_request_id;
    const one = await (await fetch(`${s.endpoint}requests/${id}.json`)).json();
    assert.equal(one.service_requests[0].service_request_id, id);
    const none = await fetch(`${s.endpoint}requests/2001-000001.json`);
    assert.equal(none.status, 200);
    assert.deepEqual(await none.json(), { service_requests: [] });
    const noneXml = await fetch(`${s.endpoint}requests/2001-000001.xml`);
    assert.equal(noneXml.status, 200);
    assert.match(await noneXml.text(), /<service_requests\/>/);
    const list = await (await fetch(`${s.endpoint}requests.xml`)).text();
    assert.match(list, /<service_requests>\s*<request>/);
    // Errors stay bare Open311 error arrays.
    const err = await postForm(`${s.endpoint}requests.json`, { api_key: 'k' });
    assert.deepEqual(await err.json(), [{ code: 400, description: 'service_code is required' }]);
  });

  test('servicerequestupdates: admin status changes and resident POSTs', async () => {
    const id = (await (await postForm(`${s.endpoint}requests.json`, { ...POTHOLE, api_key: 'k' })).json()).service_requests[0].service_request_id;
    await s.adminFetch(`requests/${id}`, { status: 'in_progress', status_notes: 'Crew on site.' });

    const forbidden = await postForm(`${s.endpoint}servicerequestupdates.json`, {
      service_request_id: id,
      description: 'Still there',
    });
    assert.equal(forbidden.status, 403);
    const missing = await postForm(`${s.endpoint}servicerequestupdates.json`, { api_key: 'k', description: 'x' });
    assert.equal(missing.status, 400);
    const unknown = await postForm(`${s.endpoint}servicerequestupdates.json`, {
      api_key: 'k',
      service_request_id: 'nope',
      description: 'x',
    });
    assert.equal(unknown.status, 404);

    const res = await postForm(`${s.endpoint}servicerequestupdates.json`, {
      api_key: 'k',
      service_request_id: id,
      description: 'It has been filled, thanks!',
      status: 'FIXED',
      update_id: 'resident-1',
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { service_request_updates: [{ update_id: 'resident-1' }] });
    const [r] = (await (await fetch(`${s.endpoint}requests/${id}.json`)).json()).service_requests;
    assert.equal(r.status, 'fixed');

    const updates = (await (await fetch(`${s.endpoint}servicerequestupdates.json`)).json()).service_request_updates;
    assert.deepEqual(
      updates.map((/** @type {any} */ u) => [u.service_request_id, u.status, u.description]),
      [
        [id, 'in_progress', 'Crew on site.'],
        [id, 'fixed', 'It has been filled, thanks!'],
      ],
    );
    assert.deepEqual(Object.keys(updates[0]), ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']);
    const xml = await (await fetch(`${s.endpoint}servicerequestupdates.xml`)).text();
    assert.match(xml, /<service_request_updates>\s*<request_update>\s*<update_id>/);
    const future = await (await fetch(`${s.endpoint}servicerequestupdates.json?start_date=2100-01-01T00:00:00Z`)).json();
    assert.deepEqual(future, { service_request_updates: [] });
    const past = await (await fetch(`${s.endpoint}servicerequestupdates.json?end_date=2000-01-01T00:00:00Z`)).json();
    assert.deepEqual(past, { service_request_updates: [] });
  });

  test('fms and strings combine', async () => {
    const c = await start({ profile: 'fms,strings' });
    try {
      const body = await (await fetch(`${c.endpoint}services.json`)).json();
      assert.equal(typeof body.services[0].metadata, 'string');
      assert.ok(Array.isArray(body.services[0].groups));
    } finally {
      await c.stop();
    }
  });
});

test('servicerequestupdates is 404 outside the fms profile', async () => {
  const s = await start();
  try {
    await report(s.endpoint);
    assert.equal((await fetch(`${s.endpoint}servicerequestupdates.json`)).status, 404);
    assert.equal((await postForm(`${s.endpoint}servicerequestupdates.xml`, { description: 'x' })).status, 404);
  } finally {
    await s.stop();
  }
});
