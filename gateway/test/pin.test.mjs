// Services at the pin through the gateway (issue 19, pin contract items 1-2): a county, a district
// inside it and a parish inside the district, each with its own catalogue where the same service
// has another code, and the neighbours around them (config `neighbours`).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '@open311-elements/georeport-server';

import { FIXTURES, KEY, config, fakeUpstream, postForm, spawnGateway } from './helpers.mjs';

const IN_PARISH = { lat: '51.45', long: '-0.85' };
const IN_DISTRICT = { lat: '51.7', long: '-0.7' };
const COUNTY_ONLY = { lat: '51.5', long: '-0.2' };
const EAST = { lat: '53', long: '1' }; // Eastern County Council's
const NORTH = { lat: '53', long: '-0.5' }; // Northern County Council's
const NOBODY = { lat: '55', long: '-3' };

const area = (/** @type {string} */ name) => path.join(FIXTURES, 'areas', `${name}.geojson`);

/** @param {string} code @param {string} name */
const service = (code, name) => ({ service_code: code, service_name: name, description: '', metadata: false, type: 'realtime', keywords: '', group: 'Street' });

/**
 * A council whose service list the test writes; it takes every report.
 * @param {object[]} list
 */
function council(list) {
  let down = false;
  const up = fakeUpstream((req, res) => {
    if (down) {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('down');
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    if (req.method === 'POST') res.end(JSON.stringify([{ service_request_id: '7', service_notice: '' }]));
    else res.end(JSON.stringify(list));
  });
  return up.then((u) => ({ ...u, setDown: (/** @type {boolean} */ d) => (down = d) }));
}

/** @param {Awaited<ReturnType<typeof council>>} c */
const listReads = (c) => c.seen.filter((r) => r.method === 'GET' && r.url.includes('services')).length;

/** @param {Record<string, string>} point */
const q = (point) => `?${new URLSearchParams(point)}`;

/**
 * The three tiers: county, district and parish, listed in that order.
 * @param {Record<string, Awaited<ReturnType<typeof council>>>} c
 */
const tiers = (c) => [
  { id: 'county', name: 'Example County Council', endpoint: c.county.endpoint, area: area('county'), contact: 'https://county.example/contact' },
  { id: 'district', name: 'Example District Council', endpoint: c.district.endpoint, area: area('district') },
  { id: 'parish', name: 'Example Parish Council', endpoint: c.parish.endpoint, area: area('parish') },
];

describe('services at the pin, three tiers', () => {
  /** @type {Record<string, Awaited<ReturnType<typeof council>>>} */
  const c = {};
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;

  before(async () => {
    c.county = await council([service('PTH-01', 'Pothole'), service('SL-1', 'Street light not working'), service('OTH-99', 'Other problem')]);
    c.district = await council([service('POT', 'Pothole'), service('BIN-1', 'Bin not emptied'), service('OTH-99', 'Other problem')]);
    c.parish = await council([service('BENCH', 'Bench or noticeboard damaged'), service('P1', ' pothole '), service('OTH-99', 'Other  Problem')]);
    gw = await spawnGateway(config({ limits: { submitsPerMinute: 100 }, bodies: tiers(c), neighbours: area('neighbours') }));
  });
  after(async () => {
    await gw?.stop();
    await Promise.all(Object.values(c).map((u) => u.close()));
  });

  /**
   * @param {Record<string, string>} point
   * @returns {Promise<Array<{ service_code: string, service_name: string, description: string }>>}
   */
  const servicesAt = async (point) => {
    const r = await fetch(`${gw.endpoint}services.json${q(point)}`);
    assert.equal(r.status, 200, JSON.stringify(point));
    return r.json();
  };
  /** @param {Array<{ service_name: string }>} list */
  const names = (list) => list.map((s) => s.service_name).sort();

  it('at a county-only pin: the county list only', async () => {
    const list = await servicesAt(COUNTY_ONLY);
    assert.deepEqual(names(list), ['Other problem', 'Pothole', 'Street light not working']);
    assert.ok(list.every((s) => /Handled by Example County Council\./.test(s.description)));
  });

  it('at a district pin: county and district merged, one Pothole and one Other problem, the county first in the config handling them', async () => {
    const list = await servicesAt(IN_DISTRICT);
    assert.deepEqual(names(list), ['Bin not emptied', 'Other problem', 'Pothole', 'Street light not working']);
    const pothole = list.find((s) => s.service_name === 'Pothole');
    assert.equal(pothole?.service_code, 'PTH-01');
    assert.match(pothole?.description ?? '', /Handled by Example County Council\./);
    assert.equal(list.find((s) => s.service_name === 'Bin not emptied')?.service_code, 'BIN-1');
    assert.equal(list.find((s) => s.service_name === 'Other problem')?.service_code, 'county-OTH-99');
    // The parish's own service is not offered where the parish does not reach.
    assert.equal(
      list.some((s) => /bench/i.test(s.service_name)),
      false,
    );
  });

  it('at a parish pin: all three merged, names compared without case or spacing, the parish-only service offered', async () => {
    const list = await servicesAt(IN_PARISH);
    assert.deepEqual(names(list), ['Bench or noticeboard damaged', 'Bin not emptied', 'Other problem', 'Pothole', 'Street light not working']);
    assert.equal(list.filter((s) => /^\s*other\s+problem\s*$/i.test(s.service_name)).length, 1, 'one "Other problem", not three');
    assert.equal(list.filter((s) => /pothole/i.test(s.service_name)).length, 1, 'one "Pothole", not three');
    assert.equal(list.find((s) => s.service_name.startsWith('Bench'))?.service_code, 'BENCH');
    // The same document in XML.
    const xml = await (await fetch(`${gw.endpoint}services.xml${q(IN_PARISH)}`)).text();
    assert.equal(xml.match(/<service_name>Other problem<\/service_name>/g)?.length, 1);
    assert.equal(xml.match(/<service>/g)?.length, 5);
  });

  it('sends a report made from the merged list to the body that handles it at the pin', async () => {
    const before = c.county.seen.filter((r) => r.method === 'POST').length;
    const r = await postForm(`${gw.endpoint}requests.json`, { service_code: 'county-OTH-99', ...IN_PARISH, description: 'Sign down' });
    assert.equal(r.status, 200);
    assert.match((await r.json())[0].service_request_id, /^county-/);
    assert.equal(c.county.seen.filter((x) => x.method === 'POST').length, before + 1);
    assert.equal(
      c.parish.seen.some((x) => x.method === 'POST'),
      false,
    );
  });

  it('keeps one list per council, whatever the number of pins, and answers the same pin again with 304', async () => {
    await servicesAt(IN_PARISH);
    const reads = Object.values(c).map(listReads);
    for (let i = 0; i < 20; i++) await servicesAt({ lat: String(51.41 + i * 0.004), long: String(-0.89 + i * 0.004) });
    assert.deepEqual(Object.values(c).map(listReads), reads, 'no council asked again for its list');
    const first = await fetch(`${gw.endpoint}services.json${q(IN_DISTRICT)}`);
    const tag = first.headers.get('etag');
    assert.ok(tag);
    const again = await fetch(`${gw.endpoint}services.json${q({ lat: '51.71', long: '-0.71' })}`, { headers: { 'If-None-Match': tag } });
    assert.equal(again.status, 304, 'another pin the same bodies cover: the same list');
    const elsewhere = await fetch(`${gw.endpoint}services.json${q(COUNTY_ONLY)}`, { headers: { 'If-None-Match': tag } });
    assert.equal(elsewhere.status, 200, 'a pin other bodies cover: another list');
  });

  it('refuses a pin outside every area with outside_area and the contact of the neighbour whose area holds it', async () => {
    const east = await fetch(`${gw.endpoint}services.json${q(EAST)}`);
    assert.equal(east.status, 400);
    const [item] = await east.json();
    assert.equal(item.code, 400);
    assert.equal(item.outside_area, true);
    assert.deepEqual(item.contact, { name: 'Eastern County Council', url: 'https://www.eastern-county.example/report', phone: '01632 960001' });
    assert.match(item.description, /Eastern County Council/);
    assert.match(item.description, /https:\/\/www\.eastern-county\.example\/report/);

    const [north] = await (await fetch(`${gw.endpoint}services.json${q(NORTH)}`)).json();
    assert.deepEqual(north.contact, { name: 'Northern County Council', url: 'https://www.northern-county.example/' });
  });

  it('refuses a report outside every area with the same fields, JSON and XML', async () => {
    const json = await postForm(`${gw.endpoint}requests.json`, { service_code: 'PTH-01', ...NORTH, description: 'Far away' });
    assert.equal(json.status, 400);
    const [item] = await json.json();
    assert.equal(item.outside_area, true);
    assert.equal(item.contact?.name, 'Northern County Council');
    const xml = await postForm(`${gw.endpoint}requests.xml`, { service_code: 'PTH-01', ...EAST, description: 'Far away' });
    assert.equal(xml.status, 400);
    assert.match(
      await xml.text(),
      /<error><code>400<\/code><description>[^<]*Eastern County Council[^<]*<\/description><outside_area>true<\/outside_area><contact><name>Eastern County Council<\/name><url>https:\/\/www\.eastern-county\.example\/report<\/url><phone>01632 960001<\/phone><\/contact><\/error>/,
    );
    assert.equal(
      Object.values(c).some((u) => u.seen.some((r) => r.method === 'POST' && r.body.includes('Far+away'))),
      false,
      'nothing sent on',
    );
  });

  it('outside ours and every neighbour: the 400 without a contact', async () => {
    const r = await fetch(`${gw.endpoint}services.json${q(NOBODY)}`);
    assert.equal(r.status, 400);
    const [item] = await r.json();
    assert.equal(item.outside_area, true);
    assert.equal('contact' in item, false);
    assert.match(item.description, /outside the area we can send reports for/);
  });

  it('answers lat/long that are not degrees with a 400 error list', async () => {
    for (const bad of ['lat=abc&long=-0.7', 'lat=51.7', 'long=-0.7', 'lat=95&long=0', 'lat=51.7&long=-181', 'lat=0x10&long=1']) {
      const r = await fetch(`${gw.endpoint}services.json?${bad}`);
      assert.equal(r.status, 400, bad);
      const list = await r.json();
      assert.ok(Array.isArray(list), bad);
      assert.match(list[0].description, /lat and long must both be given as decimal degrees/, bad);
    }
  });
});

describe('services at the pin while a council is down', () => {
  it("serves the council's last list, marked stale, at any pin", async () => {
    const county = await council([service('PTH-01', 'Pothole'), service('OTH-99', 'Other problem')]);
    const district = await council([service('BIN-1', 'Bin not emptied'), service('OTH-99', 'Other problem')]);
    const gw = await spawnGateway(
      config({
        servicesCacheSeconds: 1,
        bodies: [
          { id: 'county', name: 'Example County Council', endpoint: county.endpoint, area: area('county') },
          { id: 'district', name: 'Example District Council', endpoint: district.endpoint, area: area('district') },
        ],
      }),
    );
    try {
      const first = await fetch(`${gw.endpoint}services.json${q(IN_DISTRICT)}`);
      assert.equal(first.status, 200);
      county.setDown(true);
      await new Promise((r) => setTimeout(r, 1200));
      const later = await fetch(`${gw.endpoint}services.json${q({ lat: '51.6', long: '-0.6' })}`);
      assert.equal(later.status, 200);
      assert.equal(later.headers.get('x-open311-stale'), 'down');
      assert.deepEqual((await later.json()).map((/** @type {any} */ s) => s.service_name).sort(), ['Bin not emptied', 'Other problem', 'Pothole']);
    } finally {
      await gw.stop();
      await county.close();
      await district.close();
    }
  });
});

describe('one council that answers lat/long itself', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;
  before(async () => {
    const demo = (/** @type {string} */ f) => fileURLToPath(new URL(`../../demo/map/${f}`, import.meta.url));
    server = await startServer({ port: 0, profile: 'no-cors', apiKey: KEY, boundary: [demo('boundary.geojson'), demo('neighbours.geojson')] });
    gw = await spawnGateway(config({ bodies: [{ id: 'demo', name: 'Example Council', endpoint: server.endpoint, apiKeyEnv: 'K' }] }), { env: { K: KEY } });
  });
  after(async () => {
    await gw?.stop();
    await server?.close();
  });

  it("passes the point on and the council's refusal back with its outside_area and contact", async () => {
    const inside = await fetch(`${gw.endpoint}services.json${q({ lat: '51.4545', long: '-2.5879' })}`);
    assert.equal(inside.status, 200);
    assert.ok((await inside.json()).length > 10);
    const portishead = await fetch(`${gw.endpoint}services.json${q({ lat: '51.484', long: '-2.768' })}`);
    assert.equal(portishead.status, 400);
    const [item] = await portishead.json();
    assert.equal(item.outside_area, true);
    assert.deepEqual(item.contact, { name: 'North Somerset Council', url: 'https://www.n-somerset.gov.uk/' });
    assert.match(item.description, /North Somerset Council/);
    const post = await postForm(`${gw.endpoint}requests.json`, { service_code: 'PTH-01', lat: '51.4485', long: '-2.6085', 'attribute[DEPTH]': 'DEEP' });
    assert.equal(post.status, 400);
    const [refused] = await post.json();
    assert.equal(refused.outside_area, true);
    assert.deepEqual(refused.contact, { name: 'Harbour Estate Office', phone: '0117 496 0123' });
  });
});

describe("a body's area file in the widget's boundary format", () => {
  it('takes only its own polygons as the area and names the neighbours in it', async () => {
    const county = await council([service('PTH-01', 'Pothole')]);
    // neighbours.geojson: Example County's own square, and two neighbours with a url.
    const gw = await spawnGateway(config({ bodies: [{ id: 'county', name: 'Example County Council', endpoint: county.endpoint, area: area('neighbours') }] }));
    try {
      const inside = await fetch(`${gw.endpoint}services.json${q(COUNTY_ONLY)}`);
      assert.equal(inside.status, 200);
      const east = await fetch(`${gw.endpoint}services.json${q(EAST)}`);
      assert.equal(east.status, 400, "a neighbour's polygon is not the body's area");
      const [item] = await east.json();
      assert.equal(item.outside_area, true);
      assert.equal(item.contact?.name, 'Eastern County Council');
      const post = await postForm(`${gw.endpoint}requests.json`, { service_code: 'PTH-01', ...NORTH, description: 'Far away' });
      assert.equal(post.status, 400);
      assert.equal((await post.json())[0].contact?.name, 'Northern County Council');
      assert.equal(
        county.seen.some((r) => r.method === 'POST'),
        false,
      );
    } finally {
      await gw.stop();
      await county.close();
    }
  });
});
