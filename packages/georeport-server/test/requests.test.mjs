// POST and GET service requests: happy path, validation errors, multi-value encodings, tokens,
// persistence, filters, api_key and multipart media.

import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, tempDir, postForm, report, xmlAll, eventually, POTHOLE, XML_DECLARATION } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof start>>} */
let s;
before(async () => {
  s = await start();
});
after(() => s.stop());
beforeEach(async () => {
  await s.adminFetch('reset', {});
});

/** @returns {Promise<any[]>} */
async function stored() {
  return (await s.adminFetch('requests')).json();
}

describe('POST requests: happy path', () => {
  test('JSON: id, notice, account_id null; stored with everything', async () => {
    const res = await postForm(`${s.endpoint}requests.json`, {
      ...POTHOLE,
      jurisdiction_id: 'example-council.gov.uk',
      address_string: '12 Corn Street, Bristol',
      email: 'resident@example.org',
      first_name: 'Ann',
      last_name: 'Other',
      phone: '01234 567890',
      'attribute[WIDTH_CM]': '40',
      'attribute[usrn]': 'client value ignored',
      'attribute[UNKNOWN]': 'dropped',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = await res.json();
    assert.equal(body.length, 1);
    assert.match(body[0].service_request_id, /^\d{4}-\d{6}$/);
    assert.deepEqual(body[0], {
      service_request_id: body[0].service_request_id,
      service_notice: 'We aim to inspect reported potholes within 5 working days.',
      account_id: null,
    });
    const [r] = await stored();
    assert.equal(r.service_request_id, body[0].service_request_id);
    assert.equal(r.email, 'resident@example.org');
    assert.equal(r.first_name, 'Ann');
    assert.equal(r.phone, '01234 567890');
    assert.deepEqual(Object.keys(r.attributes).sort(), ['DEPTH', 'WIDTH_CM', 'usrn']);
    assert.notEqual(r.attributes.usrn, 'client value ignored');
    assert.match(r.attributes.usrn, /^\d{8}$/);
  });

  test('GET the request: spec fields, no contact details, dates without ms, expected +5 days', async () => {
    const id = await report(s.endpoint, { email: 'secret@example.org', phone: '0700', address_string: '1 High St' });
    const res = await fetch(`${s.endpoint}requests/${id}.json`);
    assert.equal(res.status, 200);
    const [r] = await res.json();
    assert.deepEqual(Object.keys(r), [
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ]);
    assert.equal(r.service_request_id, id);
    assert.equal(r.status, 'open');
    assert.equal(r.status_notes, null);
    assert.equal(r.service_name, 'Pothole');
    assert.equal(r.agency_responsible, 'Highways team');
    assert.equal(r.address, '1 High St');
    assert.equal(r.lat, 51.4545);
    assert.equal(r.long, -2.5879);
    assert.match(r.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(Date.parse(r.expected_datetime) - Date.parse(r.requested_datetime), 5 * 24 * 3600 * 1000);
    const all = JSON.stringify(await (await fetch(`${s.endpoint}requests.json`)).json());
    const xml = await (await fetch(`${s.endpoint}requests/${id}.xml`)).text();
    for (const text of [all, xml, JSON.stringify(r)]) {
      assert.ok(!text.includes('secret@example.org'));
      assert.ok(!text.includes('0700'));
    }
  });

  test('XML: POST answer and GET in service_requests/request with escaped text', async () => {
    const res = await postForm(`${s.endpoint}requests.xml`, { ...POTHOLE, description: `Tom & Jerry's <b>"hole"</b>` });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/xml; charset=utf-8');
    const xml = await res.text();
    assert.ok(xml.startsWith(XML_DECLARATION));
    assert.match(xml, /<service_requests>\s*<request>\s*<service_request_id>\d{4}-\d{6}<\/service_request_id>/);
    assert.ok(xml.includes('<account_id/>'));
    const id = xmlAll(xml, 'service_request_id')[0];
    const got = await (await fetch(`${s.endpoint}requests/${id}.xml`)).text();
    assert.ok(got.includes('<description>Tom &amp; Jerry&apos;s &lt;b&gt;&quot;hole&quot;&lt;/b&gt;</description>'));
    assert.ok(got.includes('<status_notes/>'));
  });

  test('ids are sequential and zero-padded', async () => {
    const a = await report(s.endpoint);
    const b = await report(s.endpoint);
    assert.equal(Number(b.split('-')[1]), Number(a.split('-')[1]) + 1);
  });

  test('address_string or address_id alone is a location', async () => {
    const { lat, long, ...rest } = POTHOLE;
    void lat;
    void long;
    assert.equal((await postForm(`${s.endpoint}requests.json`, { ...rest, address_string: '1 High St' })).status, 200);
    assert.equal((await postForm(`${s.endpoint}requests.json`, { ...rest, address_id: '100023456789' })).status, 200);
  });
});

describe('POST requests: validation errors in both formats', () => {
  /**
   * @param {Record<string, string>} fields
   * @param {number} status
   * @param {string|RegExp} description
   */
  async function expectError(fields, status, description) {
    const json = await postForm(`${s.endpoint}requests.json`, fields);
    assert.equal(json.status, status);
    const errors = await json.json();
    assert.ok(Array.isArray(errors));
    assert.ok(errors.every((/** @type {any} */ e) => e.code === status));
    const match = errors.some((/** @type {any} */ e) => (typeof description === 'string' ? e.description === description : description.test(e.description)));
    assert.ok(match, `${JSON.stringify(errors)} should contain ${description}`);
    const xml = await postForm(`${s.endpoint}requests.xml`, fields);
    assert.equal(xml.status, status);
    const text = await xml.text();
    assert.ok(text.startsWith(XML_DECLARATION));
    assert.match(text, new RegExp(`<errors>\\s*<error>\\s*<code>${status}</code>`));
    assert.equal((await stored()).length, 0, 'nothing stored');
  }

  test('missing service_code', () => expectError({ lat: '51', long: '0' }, 400, 'service_code is required'));
  test('unknown service_code', () => expectError({ ...POTHOLE, service_code: 'XYZ' }, 404, 'service_code XYZ not found'));
  test('missing location', () => {
    const { lat, long, ...rest } = POTHOLE;
    void lat;
    void long;
    return expectError(rest, 400, /location is required/);
  });
  test('lat without long', () => expectError({ ...POTHOLE, long: '' }, 400, /lat and long/));
  test('lat out of range', () => expectError({ ...POTHOLE, lat: '91' }, 400, /lat and long/));
  test('lat not a number', () => expectError({ ...POTHOLE, lat: 'north' }, 400, /lat and long/));
  test('missing required attribute names the code', () => expectError({ ...POTHOLE, 'attribute[DEPTH]': '' }, 400, 'attribute[DEPTH] is required'));
  test('list answer that is not a key', () => expectError({ ...POTHOLE, 'attribute[DEPTH]': 'Less than 5 cm' }, 400, /attribute\[DEPTH\].*not one of/));
  test('value with a disable_message', () =>
    expectError(
      { ...POTHOLE, service_code: 'LGT-02', 'attribute[PRIVATE]': 'PRIVATE', 'attribute[FAULT]': 'OUT' },
      400,
      /^Private lights are not maintained by the council/,
    ));
  test('number attribute that is not a number', () => expectError({ ...POTHOLE, 'attribute[WIDTH_CM]': 'wide' }, 400, 'attribute[WIDTH_CM] must be a number'));
  test('description longer than 4000 characters', () => expectError({ ...POTHOLE, description: 'x'.repeat(4001) }, 400, /4000/));
  test('wrong jurisdiction', () => expectError({ ...POTHOLE, jurisdiction_id: 'elsewhere.gov' }, 404, 'jurisdiction not found'));

  test('several problems come back together', async () => {
    const res = await postForm(`${s.endpoint}requests.json`, { service_code: 'FLD-02', lat: '51', long: '0' });
    const errors = await res.json();
    assert.deepEqual(
      errors.map((/** @type {any} */ e) => e.description),
      ['attribute[WATER_DEPTH] is required', 'attribute[PROPERTY_AT_RISK] is required'],
    );
  });

  test('exactly 4000 characters is fine', async () => {
    assert.equal((await postForm(`${s.endpoint}requests.json`, { ...POTHOLE, description: 'y'.repeat(4000) })).status, 200);
  });
});

describe('multivaluelist encodings', () => {
  const base = { ...POTHOLE, service_code: 'FT-10', 'attribute[SIZE]': '2' };
  delete (/** @type {any} */ (base)['attribute[DEPTH]']);

  /** @param {[string, string][]} extra */
  async function wasteTypes(extra) {
    const res = await postForm(`${s.endpoint}requests.json`, [...Object.entries(base), ...extra]);
    assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
    const list = await stored();
    return list[list.length - 1].attributes.WASTE_TYPE;
  }

  test('repeated attribute[c]=a&attribute[c]=b (FMS)', async () => {
    assert.deepEqual(
      await wasteTypes([
        ['attribute[WASTE_TYPE]', 'BAGS'],
        ['attribute[WASTE_TYPE]', 'FURNITURE'],
      ]),
      ['BAGS', 'FURNITURE'],
    );
  });
  test('attribute[c][]=a (spec)', async () => {
    assert.deepEqual(
      await wasteTypes([
        ['attribute[WASTE_TYPE][]', 'BAGS'],
        ['attribute[WASTE_TYPE][]', 'ASBESTOS'],
      ]),
      ['BAGS', 'ASBESTOS'],
    );
  });
  test('comma-joined attribute[c]=a,b (Libre311)', async () => {
    assert.deepEqual(await wasteTypes([['attribute[WASTE_TYPE]', 'BAGS,OTHER']]), ['BAGS', 'OTHER']);
  });
  test('a single value is a one-element list', async () => {
    assert.deepEqual(await wasteTypes([['attribute[WASTE_TYPE]', 'BAGS']]), ['BAGS']);
  });
  test('one bad key among good ones is refused', async () => {
    const res = await postForm(`${s.endpoint}requests.json`, [
      ...Object.entries(base),
      ['attribute[WASTE_TYPE][]', 'BAGS'],
      ['attribute[WASTE_TYPE][]', 'SOFA'],
    ]);
    assert.equal(res.status, 400);
    assert.match((await res.json())[0].description, /attribute\[WASTE_TYPE\]: "SOFA"/);
  });
  test('two values for a singlevaluelist are refused', async () => {
    const res = await postForm(`${s.endpoint}requests.json`, [...Object.entries(base), ['attribute[WASTE_TYPE]', 'BAGS'], ['attribute[SIZE]', '3']]);
    assert.equal(res.status, 400);
    assert.equal((await res.json())[0].description, 'attribute[SIZE] takes a single value');
  });
});

describe('batch services and tokens', () => {
  test('batch POST answers a token; tokens/{t} is 404 until the delay has passed, then the id', async () => {
    const res = await postForm(`${s.endpoint}requests.json`, {
      ...POTHOLE,
      service_code: 'LGT-02',
      'attribute[PRIVATE]': 'NO',
      'attribute[FAULT]': 'OUT',
      'attribute[asset_id]': 'SL-0042',
    });
    assert.equal(res.status, 200);
    const [answer] = await res.json();
    assert.deepEqual(Object.keys(answer), ['token', 'service_notice']);
    assert.match(answer.token, /^[0-9a-f]{24}$/);
    const first = await fetch(`${s.endpoint}tokens/${answer.token}.json`);
    assert.equal(first.status, 404);
    assert.deepEqual(await first.json(), [{ code: 404, description: `Service request not found with token ${answer.token}` }]);
    // Not public yet either.
    assert.deepEqual(await (await fetch(`${s.endpoint}requests.json`)).json(), []);
    const resolved = await eventually(async () => {
      const r = await fetch(`${s.endpoint}tokens/${answer.token}.json`);
      return r.status === 200 ? r.json() : null;
    });
    assert.equal(resolved.length, 1);
    assert.equal(resolved[0].token, answer.token);
    assert.match(resolved[0].service_request_id, /^\d{4}-\d{6}$/);
    const xml = await (await fetch(`${s.endpoint}tokens/${answer.token}.xml`)).text();
    assert.match(xml, /<service_requests>\s*<request>\s*<service_request_id>[^<]+<\/service_request_id>\s*<token>/);
    const [r] = await (await fetch(`${s.endpoint}requests/${resolved[0].service_request_id}.json`)).json();
    assert.equal(r.service_code, 'LGT-02');
    assert.equal(r.agency_responsible, 'Street lighting team');
    assert.equal((await stored())[0].attributes.asset_id, 'SL-0042');
  });

  test('unknown token: 404 in both formats', async () => {
    assert.equal((await fetch(`${s.endpoint}tokens/deadbeef.json`)).status, 404);
    const xml = await fetch(`${s.endpoint}tokens/deadbeef.xml`);
    assert.equal(xml.status, 404);
    assert.ok((await xml.text()).includes('Service request not found with token deadbeef'));
  });
});

test('unknown request id: 404 error', async () => {
  const res = await fetch(`${s.endpoint}requests/2020-999999.json`);
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), [{ code: 404, description: 'Service request not found with id 2020-999999' }]);
  const xml = await fetch(`${s.endpoint}requests/2020-999999.xml`);
  assert.equal(xml.status, 404);
});

test('persistence: a restart with the same dataDir keeps requests, ids and pending tokens', async () => {
  const dataDir = tempDir();
  try {
    const one = await start({ dataDir });
    const id = await report(one.endpoint, { email: 'kept@example.org' });
    const tokenRes = await postForm(`${one.endpoint}requests.json`, {
      ...POTHOLE,
      service_code: 'LGT-02',
      'attribute[PRIVATE]': 'NO',
      'attribute[FAULT]': 'DAY',
    });
    const [{ token }] = await tokenRes.json();
    await one.stop();
    const file = JSON.parse(fs.readFileSync(path.join(dataDir, 'requests.json'), 'utf8'));
    assert.equal(file.requests.length, 2);
    assert.deepEqual(
      fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp')),
      [],
    );

    const two = await start({ dataDir });
    try {
      const [r] = await (await fetch(`${two.endpoint}requests/${id}.json`)).json();
      assert.equal(r.service_request_id, id);
      const all = await (await two.adminFetch('requests')).json();
      assert.equal(all[0].email, 'kept@example.org');
      const next = await report(two.endpoint);
      assert.notEqual(next, id);
      assert.ok(next > id);
      const resolved = await eventually(async () => {
        const t = await fetch(`${two.endpoint}tokens/${token}.json`);
        return t.status === 200 ? t.json() : null;
      });
      assert.equal(resolved[0].token, token);
    } finally {
      await two.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('GET requests filters', () => {
  /** @type {string[]} ids newest last */
  let ids;
  beforeEach(async () => {
    ids = [];
    ids.push(await report(s.endpoint)); // 0: pothole at the centre
    ids.push(await report(s.endpoint, { lat: '51.4600', long: '-2.5879' })); // 1: ~610 m north
    ids.push(
      await report(s.endpoint, {
        service_code: 'BIN OVERFLOW',
        'attribute[DEPTH]': '',
        lat: '51.5000',
        long: '-2.5879',
      }),
    ); // 2: ~5 km north
    ids.push(await report(s.endpoint, { service_code: '001', lat: '51.4546', long: '-2.5880' })); // 3
    const admin = (/** @type {string} */ id, /** @type {object} */ change) => s.adminFetch(`requests/${id}`, change);
    await admin(ids[1], { status: 'in_progress' });
    await admin(ids[2], { status: 'fixed' });
    await admin(ids[3], { status: 'closed', requested_datetime: new Date(Date.now() - 30 * 86400e3).toISOString() });
  });

  /** @param {string} query */
  async function get(query) {
    const res = await fetch(`${s.endpoint}requests.json?${query}`);
    assert.equal(res.status, 200);
    return (await res.json()).map((/** @type {any} */ r) => r.service_request_id);
  }

  test('no filter: all within 90 days, newest first', async () => {
    assert.deepEqual(await get(''), [ids[2], ids[1], ids[0], ids[3]]);
  });
  test('status=open includes extended open statuses; closed includes fixed', async () => {
    assert.deepEqual(await get('status=open'), [ids[1], ids[0]]);
    assert.deepEqual(await get('status=closed'), [ids[2], ids[3]]);
    assert.deepEqual(await get('status=open,closed'), [ids[2], ids[1], ids[0], ids[3]]);
  });
  test('status keeps its stored extended value on the wire', async () => {
    const list = await (await fetch(`${s.endpoint}requests.json?status=closed`)).json();
    assert.deepEqual(
      list.map((/** @type {any} */ r) => r.status),
      ['fixed', 'closed'],
    );
  });
  test('service_code comma list', async () => {
    assert.deepEqual(await get('service_code=001,BIN%20OVERFLOW'), [ids[2], ids[3]]);
  });
  test('start_date / end_date on requested_datetime', async () => {
    const tenDaysAgo = new Date(Date.now() - 10 * 86400e3).toISOString();
    assert.deepEqual(await get(`start_date=${tenDaysAgo}`), [ids[2], ids[1], ids[0]]);
    assert.deepEqual(await get(`end_date=${tenDaysAgo}`), [ids[3]]);
    assert.deepEqual(await get('start_date=2001-01-01T00:00:00Z&end_date=2001-02-01T00:00:00Z'), []);
    const bad = await fetch(`${s.endpoint}requests.json?start_date=yesterday`);
    assert.equal(bad.status, 400);
  });
  test('default window is 90 days', async () => {
    await s.adminFetch(`requests/${ids[3]}`, {
      requested_datetime: new Date(Date.now() - 100 * 86400e3).toISOString(),
    });
    assert.deepEqual(await get(''), [ids[2], ids[1], ids[0]]);
    assert.deepEqual(await get(`start_date=${new Date(Date.now() - 120 * 86400e3).toISOString()}`), [ids[2], ids[1], ids[0], ids[3]]);
  });
  test('service_request_id overrides everything, in the order asked', async () => {
    assert.deepEqual(await get(`service_request_id=${ids[3]},nope,${ids[0]}&status=open&service_code=XYZ`), [ids[3], ids[0]]);
  });
  test('lat/long/radius (haversine)', async () => {
    assert.deepEqual(await get('lat=51.4545&long=-2.5879'), [ids[1], ids[0], ids[3]]);
    assert.deepEqual(await get('lat=51.4545&long=-2.5879&radius=100'), [ids[0], ids[3]]);
    assert.deepEqual(await get('lat=51.4545&long=-2.5879&radius=10000'), [ids[2], ids[1], ids[0], ids[3]]);
    assert.equal((await fetch(`${s.endpoint}requests.json?lat=51.4545`)).status, 400);
  });
  test('page and page_size (1-based)', async () => {
    assert.deepEqual(await get('page_size=2'), [ids[2], ids[1]]);
    assert.deepEqual(await get('page=2&page_size=2'), [ids[0], ids[3]]);
    assert.deepEqual(await get('page=3&page_size=2'), []);
    assert.equal((await fetch(`${s.endpoint}requests.json?page=0`)).status, 400);
  });
  test('XML list', async () => {
    const xml = await (await fetch(`${s.endpoint}requests.xml?status=open`)).text();
    assert.ok(xml.startsWith(XML_DECLARATION));
    assert.deepEqual(xmlAll(xml, 'service_request_id'), [ids[1], ids[0]]);
    assert.equal(xmlAll(xml, 'request').length, 2);
  });
});

describe('api_key', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let k;
  before(async () => {
    k = await start({ apiKey: 'sekret' });
  });
  after(() => k.stop());

  test('POST without or with a wrong key: 403 in both formats', async () => {
    const none = await postForm(`${k.endpoint}requests.json`, POTHOLE);
    assert.equal(none.status, 403);
    assert.deepEqual(await none.json(), [{ code: 403, description: 'Invalid or missing api_key' }]);
    const wrong = await postForm(`${k.endpoint}requests.xml`, { ...POTHOLE, api_key: 'guess' });
    assert.equal(wrong.status, 403);
    assert.ok((await wrong.text()).includes('<code>403</code>'));
  });
  test('POST with the key works; GETs need no key', async () => {
    const ok = await postForm(`${k.endpoint}requests.json`, { ...POTHOLE, api_key: 'sekret' });
    assert.equal(ok.status, 200);
    const [{ service_request_id: id }] = await ok.json();
    assert.equal((await fetch(`${k.endpoint}services.json`)).status, 200);
    assert.equal((await fetch(`${k.endpoint}requests/${id}.json?api_key=wrong`)).status, 200);
  });
});

describe('multipart/form-data with a media file', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

  test('stores the photo and serves it at media_url with its type and nosniff', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(POTHOLE)) form.append(k, v);
    form.append('attribute[WIDTH_CM]', '12.5');
    form.append('media', new Blob([PNG], { type: 'image/png' }), 'hole.png');
    const res = await fetch(`${s.endpoint}requests.json`, { method: 'POST', body: form });
    assert.equal(res.status, 200);
    const [{ service_request_id: id }] = await res.json();
    const [r] = await (await fetch(`${s.endpoint}requests/${id}.json`)).json();
    assert.match(r.media_url, new RegExp(`^${s.url}/media/[0-9a-f]{32}\\.png$`));
    const [storedRequest] = await stored();
    assert.equal(storedRequest.attributes.WIDTH_CM, '12.5');
    const media = await fetch(r.media_url);
    assert.equal(media.status, 200);
    assert.equal(media.headers.get('content-type'), 'image/png');
    assert.equal(media.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await media.arrayBuffer()), PNG);
    assert.equal((await fetch(`${s.url}/media/..%2Frequests.json`)).status, 404);
  });

  test('a non-image file is refused', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(POTHOLE)) form.append(k, v);
    form.append('media', new Blob(['<script>'], { type: 'text/html' }), 'x.html');
    const res = await fetch(`${s.endpoint}requests.json`, { method: 'POST', body: form });
    assert.equal(res.status, 400);
    assert.match((await res.json())[0].description, /media must be/);
  });

  test('multipart validation errors are reported like urlencoded ones', async () => {
    const form = new FormData();
    form.append('service_code', 'PTH-01');
    form.append('lat', '51');
    form.append('long', '0');
    const res = await fetch(`${s.endpoint}requests.xml`, { method: 'POST', body: form });
    assert.equal(res.status, 400);
    assert.ok((await res.text()).includes('attribute[DEPTH] is required'));
  });

  test('media_url in a urlencoded POST is kept', async () => {
    const id = await report(s.endpoint, { media_url: 'https://photos.example.org/1.jpg' });
    const [r] = await (await fetch(`${s.endpoint}requests/${id}.json`)).json();
    assert.equal(r.media_url, 'https://photos.example.org/1.jpg');
  });
});
