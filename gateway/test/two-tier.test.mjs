// Two-tier (three-tier here) routing: a county, a district inside it and a parish inside the
// district, each its own local Open311 server with its own area and services.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Open311Client } from 'open311-elements/open311';
import { startServer } from '@open311-elements/georeport-server';

import { FIXTURES, KEY, config, postForm, spawnGateway } from './helpers.mjs';

const IN_PARISH = { lat: '51.45', long: '-0.85' };
const IN_DISTRICT = { lat: '51.7', long: '-0.7' };
const COUNTY_ONLY = { lat: '51.5', long: '-0.2' };
const OUTSIDE = { lat: '53', long: '1' };

describe('two-tier routing', () => {
  /** @type {Record<string, Awaited<ReturnType<typeof startServer>>>} */
  const servers = {};
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;

  before(async () => {
    servers.county = await startServer({ port: 0, profile: 'no-cors', apiKey: KEY });
    servers.district = await startServer({ port: 0, profile: 'no-cors,xml-only', apiKey: KEY });
    servers.parish = await startServer({ port: 0, profile: 'no-cors,token-only', apiKey: KEY, tokenDelayMs: 30 });
    const area = (/** @type {string} */ name) => path.join(FIXTURES, 'areas', `${name}.geojson`);
    gw = await spawnGateway(
      config({
        limits: { submitsPerMinute: 100 },
        bodies: [
          {
            id: 'county',
            name: 'Example County Council',
            endpoint: servers.county.endpoint,
            apiKeyEnv: 'K',
            area: area('county'),
            services: ['001', 'OTH-99'],
            contact: 'https://county.example/contact',
          },
          {
            id: 'district',
            name: 'Example District Council',
            endpoint: servers.district.endpoint,
            apiKeyEnv: 'K',
            area: area('district'),
            services: ['BIN OVERFLOW', 'OTH-99'],
            contact: 'https://district.example/contact',
          },
          {
            id: 'parish',
            name: 'Example Parish Council',
            endpoint: servers.parish.endpoint,
            apiKeyEnv: 'K',
            area: area('parish'),
            services: ['OTH-99'],
            contact: '01234 567890',
          },
        ],
      }),
      { env: { K: KEY } },
    );
  });
  after(async () => {
    await gw?.stop();
    await Promise.all(Object.values(servers).map((s) => s.close()));
  });

  /** @param {Record<string, string>} [point] */
  const codesAt = async (point) => {
    const q = point ? `?${new URLSearchParams(point)}` : '';
    const r = await fetch(`${gw.endpoint}services.json${q}`);
    assert.equal(r.status, 200);
    return (await r.json()).map((/** @type {any} */ s) => s.service_code).sort();
  };

  /** @param {string} name */
  const landed = async (name) => await (await servers[name].adminFetch('requests')).json();

  it('merges the service lists, says who handles each, and makes shared codes unique', async () => {
    assert.deepEqual(await codesAt(), ['001', 'BIN OVERFLOW', 'county-OTH-99', 'district-OTH-99', 'parish-OTH-99']);
    const list = await (await fetch(`${gw.endpoint}services.xml`)).text();
    assert.match(
      list,
      /<service_code>parish-OTH-99<\/service_code><service_name>Other problem<\/service_name><description>[^<]*Handled by Example Parish Council\.<\/description>/,
    );
  });

  it('lists only what the bodies covering a point handle, one entry per service name (issue 19)', async () => {
    // "Other problem" is offered by all three: at a pin, the body listed first in the config handles it.
    assert.deepEqual(await codesAt(IN_PARISH), ['001', 'BIN OVERFLOW', 'county-OTH-99']);
    assert.deepEqual(await codesAt(IN_DISTRICT), ['001', 'BIN OVERFLOW', 'county-OTH-99']);
    assert.deepEqual(await codesAt(COUNTY_ONLY), ['001', 'county-OTH-99']);
  });

  it('answers a point outside every area with a 400 that says who to contact', async () => {
    const r = await fetch(`${gw.endpoint}services.json?${new URLSearchParams(OUTSIDE)}`);
    assert.equal(r.status, 400);
    const [error] = await r.json();
    assert.equal(error.code, 400);
    assert.match(error.description, /outside/);
    assert.match(error.description, /https:\/\/county\.example\/contact/);
    // Pin contract item 2: marked outside_area; no neighbours in this config, so no contact.
    assert.equal(error.outside_area, true);
    assert.equal('contact' in error, false);
    const post = await postForm(`${gw.endpoint}requests.xml`, { service_code: '001', ...OUTSIDE, description: 'Far away' });
    assert.equal(post.status, 400);
    assert.match(
      await post.text(),
      /<errors><error><code>400<\/code><description>This place is outside[^<]*<\/description><outside_area>true<\/outside_area><\/error><\/errors>/,
    );
  });

  it('sends each report to the body that owns the service at the pin, and tracks it back', async () => {
    const client = new Open311Client({ endpoint: gw.endpoint });
    const county = await client.submitRequest({ serviceCode: '001', lat: 51.5, long: -0.2, description: 'Faded lines' });
    assert.match(county.id ?? '', /^county-/);
    const district = await client.submitRequest({ serviceCode: 'BIN OVERFLOW', lat: 51.7, long: -0.7, description: 'Full bin' });
    assert.match(district.id ?? '', /^district-/);
    const parish = await client.submitRequest({ serviceCode: 'parish-OTH-99', lat: 51.45, long: -0.85, description: 'Bench broken' });
    assert.match(parish.token ?? '', /^parish-/);
    // A shared code without a prefix goes to the only body that owns it at the pin.
    const plain = await client.submitRequest({ serviceCode: 'OTH-99', lat: 51.5, long: -0.2, description: 'Other, county only' });
    assert.match(plain.id ?? '', /^county-/);

    assert.deepEqual((await landed('county')).map((/** @type {any} */ r) => r.description).sort(), ['Faded lines', 'Other, county only']);
    assert.deepEqual(
      (await landed('district')).map((/** @type {any} */ r) => r.service_code),
      ['BIN OVERFLOW'],
    );
    assert.deepEqual(
      (await landed('parish')).map((/** @type {any} */ r) => r.service_code),
      ['OTH-99'],
    );

    const c = await client.request(/** @type {string} */ (county.id));
    assert.equal(c?.id, county.id);
    assert.equal(c?.serviceCode, '001');
    const d = await client.request(/** @type {string} */ (district.id));
    assert.equal(d?.description, 'Full bin');
    let parishId;
    for (let i = 0; i < 50 && !parishId; i++) {
      parishId = (await client.tokenToId(/** @type {string} */ (parish.token))).id;
      if (!parishId) await new Promise((res) => setTimeout(res, 20));
    }
    assert.match(parishId ?? '', /^parish-/);
    const p = await client.request(/** @type {string} */ (parishId));
    assert.equal(p?.serviceCode, 'parish-OTH-99');
    const both = await client.requests({ ids: [/** @type {string} */ (district.id), /** @type {string} */ (county.id)] });
    assert.deepEqual(
      both.map((r) => r.id),
      [district.id, county.id],
    );
  });

  it('refuses a service its body does not provide at the pin, naming who does cover it', async () => {
    const r = await postForm(`${gw.endpoint}requests.json`, { service_code: 'BIN OVERFLOW', ...COUNTY_ONLY });
    assert.equal(r.status, 400);
    const [error] = await r.json();
    assert.match(error.description, /Example District Council does not look after this place/);
    assert.match(error.description, /Example County Council/);
    const ambiguous = await postForm(`${gw.endpoint}requests.json`, { service_code: 'OTH-99', ...IN_PARISH });
    assert.equal(ambiguous.status, 400);
    const unknownBody = await fetch(`${gw.endpoint}requests/town-1.json`);
    assert.equal(unknownBody.status, 404);
  });

  it('serves a definition for a prefixed code', async () => {
    const def = await (await fetch(`${gw.endpoint}services/district-OTH-99.json`)).json();
    assert.equal(def.service_code, 'district-OTH-99');
    assert.deepEqual(def.attributes, []);
  });
});
