// The fake postcode-to-addresses service (src/postcodes.mjs) on the local server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof start>>} */
let s;
before(async () => {
  s = await start();
});
after(() => s.stop());

const get = (path, init) => fetch(`${s.url}/postcodes/${path}`, init);

test('a postcode in any case and spacing answers its addresses with UPRN, single-line address and WGS84 lat/lng, with CORS', async () => {
  for (const written of ['CF10 2BH', 'cf102bh', 'cf10%20%202bh']) {
    const res = await get(written);
    assert.equal(res.status, 200, written);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = await res.json();
    assert.equal(body.postcode, 'CF10 2BH');
    assert.ok(body.results.length >= 3 && body.results.length <= 8);
    assert.deepEqual(body.results[0], { uprn: '900000020003', address: 'Tŷ Gwyn, 3 Heol y Frenhines, Caerdydd, CF10 2BH', lat: 51.48195, lng: -3.1742 });
    for (const r of body.results) assert.match(r.uprn, /^\d{12}$/);
  }
});

test('a known postcode without addresses answers an empty list; an unknown one 404; a malformed one 400; the test hook 503', async () => {
  const empty = await get('CF24%205ZZ');
  assert.equal(empty.status, 200);
  assert.deepEqual(await empty.json(), { postcode: 'CF24 5ZZ', results: [] });
  const unknown = await get('ZZ9%209ZZ');
  assert.equal(unknown.status, 404);
  assert.equal((await unknown.json()).error.message, 'Postcode not found');
  for (const bad of ['hello', 'BS1', '12345', '%E0%A4%A', '']) {
    const res = await get(bad);
    assert.equal(res.status, 400, bad);
    assert.equal((await res.json()).error.message, 'Invalid postcode');
  }
  const down = await get('unavailable/BS1%204NT');
  assert.equal(down.status, 503);
  const post = await get('BS14NT', { method: 'POST' });
  assert.equal(post.status, 405);
});
