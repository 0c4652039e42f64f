// The local server's boundary (issue 19): `services?lat=&long=` answers from it, and a place outside
// it is refused with `outside_area` and the neighbour whose area holds it (the demo's own files:
// demo/map/boundary.geojson and demo/map/neighbours.geojson).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { start, postForm, POTHOLE, xmlAll } from './helpers.mjs';
import { services } from '../src/catalogue.mjs';
import { startServer } from '../src/server.mjs';

const demo = (/** @type {string} */ f) => fileURLToPath(new URL(`../../../demo/map/${f}`, import.meta.url));
const BOUNDARY = [demo('boundary.geojson'), demo('neighbours.geojson')];

const QUEEN_SQUARE = { lat: '51.4545', long: '-2.5879' };
const SPIKE_ISLAND = { lat: '51.4485', long: '-2.6085' }; // the hole in our area: the harbour estate's
const PORTISHEAD = { lat: '51.484', long: '-2.768' };
const BATH = { lat: '51.3811', long: '-2.359' };
const CAMBRIDGE = { lat: '52.2053', long: '0.1218' };

/** @param {Record<string, string>} point */
const at = (point) => `?${new URLSearchParams(point)}`;

describe('a server with a boundary and neighbours', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let s;
  before(async () => {
    s = await start({ boundary: BOUNDARY });
  });
  after(() => s.stop());

  test('lists every service at a place inside, the same list as without a place', async () => {
    const r = await fetch(`${s.endpoint}services.json${at(QUEEN_SQUARE)}`);
    assert.equal(r.status, 200);
    const codes = (await r.json()).map((/** @type {any} */ x) => x.service_code);
    assert.deepEqual(
      codes,
      services.map((x) => x.service_code),
    );
    const whole = await (await fetch(`${s.endpoint}services.json`)).json();
    assert.equal(whole.length, codes.length);
  });

  test('refuses a place in a neighbour council, naming it with its web address', async () => {
    const r = await fetch(`${s.endpoint}services.json${at(PORTISHEAD)}`);
    assert.equal(r.status, 400);
    const [first, ...rest] = await r.json();
    assert.deepEqual(rest, []);
    assert.equal(first.code, 400);
    assert.equal(first.outside_area, true);
    assert.deepEqual(first.contact, { name: 'North Somerset Council', url: 'https://www.n-somerset.gov.uk/' });
    assert.match(first.description, /outside the area Example Council looks after/);
    assert.match(first.description, /North Somerset Council/);
    assert.match(first.description, /https:\/\/www\.n-somerset\.gov\.uk\//);

    const bath = await (await fetch(`${s.endpoint}services.json${at(BATH)}`)).json();
    assert.equal(bath[0].contact.name, 'Bath and North East Somerset Council');
  });

  test('names the harbour estate, by phone, for the hole in our area, in XML too', async () => {
    const r = await fetch(`${s.endpoint}services.xml${at(SPIKE_ISLAND)}`);
    assert.equal(r.status, 400);
    const xml = await r.text();
    assert.deepEqual(xmlAll(xml, 'outside_area'), ['true']);
    assert.deepEqual(xmlAll(xml, 'name'), ['Harbour Estate Office']);
    assert.deepEqual(xmlAll(xml, 'phone'), ['0117 496 0123']);
    assert.deepEqual(xmlAll(xml, 'url'), []);
    assert.match(xmlAll(xml, 'description')[0], /by phone on 0117 496 0123/);
  });

  test('outside ours and every neighbour: no contact, the council lookup in the sentence', async () => {
    const r = await fetch(`${s.endpoint}services.json${at(CAMBRIDGE)}`);
    assert.equal(r.status, 400);
    const [first] = await r.json();
    assert.equal(first.outside_area, true);
    assert.equal('contact' in first, false);
    assert.match(first.description, /the council for that area: find it at https:\/\/www\.gov\.uk\/find-local-council/);
  });

  test('refuses a report outside with the same error, and takes one inside', async () => {
    const out = await postForm(`${s.endpoint}requests.json`, { ...POTHOLE, ...PORTISHEAD });
    assert.equal(out.status, 400);
    const [first] = await out.json();
    assert.equal(first.outside_area, true);
    assert.equal(first.contact.name, 'North Somerset Council');
    const listed = await (await s.adminFetch('requests')).json();
    assert.equal(listed.length, 0, 'nothing was stored');

    const inside = await postForm(`${s.endpoint}requests.json`, { ...POTHOLE, ...QUEEN_SQUARE });
    assert.equal(inside.status, 200);
    // A report by address alone (no lat/long) is not checked against the boundary.
    const byAddress = await postForm(`${s.endpoint}requests.json`, { ...POTHOLE, lat: '', long: '', address_string: '1 Queen Square' });
    assert.equal(byAddress.status, 200);
  });

  test('answers lat/long that are not degrees with a 400 error list', async () => {
    for (const q of ['lat=abc&long=-2.5', 'lat=51.45', 'lat=91&long=0', 'lat=51.45&long=-200']) {
      const r = await fetch(`${s.endpoint}services.json?${q}`);
      assert.equal(r.status, 400, q);
      const [first] = await r.json();
      assert.match(first.description, /lat and long must both be given as decimal degrees/, q);
    }
  });
});

describe('a server without a boundary', () => {
  test('lists every service wherever the place is', async () => {
    const s = await start();
    try {
      const r = await fetch(`${s.endpoint}services.json${at(CAMBRIDGE)}`);
      assert.equal(r.status, 200);
      assert.equal((await r.json()).length, services.length);
      const post = await postForm(`${s.endpoint}requests.json`, { ...POTHOLE, ...CAMBRIDGE });
      assert.equal(post.status, 200);
    } finally {
      await s.stop();
    }
  });
});

describe('boundary files that cannot be used', () => {
  /** @param {unknown} geojson */
  const refusal = async (geojson) => {
    await assert.rejects(startServer({ port: 0, boundary: /** @type {object} */ (geojson) }), (e) => {
      assert.match(/** @type {Error} */ (e).message, /boundary/i);
      return true;
    });
  };
  const square = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  };

  test('are refused at start, saying which field is wrong', async () => {
    await assert.rejects(startServer({ port: 0, boundary: '/no/such/boundary.geojson' }), /no such file/);
    await assert.rejects(startServer({ port: 0, boundary: { type: 'Point', coordinates: [0, 0] } }), /no Polygon or MultiPolygon/);
    await assert.rejects(
      startServer({
        port: 0,
        boundary: {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: { name: 'Next door', url: 'javascript:alert(1)' }, geometry: square }],
        },
      }),
      /features\[0\]\.properties\.url: must start with https:\/\/ or http:\/\//,
    );
    await assert.rejects(
      startServer({
        port: 0,
        boundary: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { phone: '0117 496 0000' }, geometry: square }] },
      }),
      /properties\.name/,
    );
    await assert.rejects(
      startServer({
        port: 0,
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [0, 0],
            ],
          ],
        },
      }),
      /at least four/,
    );
    // Neighbours only: no area of ours.
    await refusal({ type: 'Feature', properties: { name: 'Next door', phone: '0117 496 0000' }, geometry: square });
  });

  test('the command line exits 2 with the reason', () => {
    const cli = fileURLToPath(new URL('../src/cli.mjs', import.meta.url));
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'open311-boundary-'));
    try {
      const bad = path.join(dir, 'bad.geojson');
      fs.writeFileSync(bad, '{"type": "FeatureCollection", "features": [');
      const run = spawnSync(process.execPath, [cli, '--port', '0', '--data', dir, '--boundary', bad], { encoding: 'utf8', timeout: 10_000 });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /Cannot read the boundary .*bad\.geojson/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
