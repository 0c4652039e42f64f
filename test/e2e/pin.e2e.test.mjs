// Services at the pin through the gateway (issue 19, items 1–2), in the BUILT widget and Debian's
// Chromium: a county, a district inside it and a parish inside the district, each with its own
// catalogue, where the same service name has another code in each. The resident searches for a
// place (the local server's geocoder, central Bristol); the problem step offers only what is dealt
// with at that place, one entry per name; a place outside every area is refused at the location
// step, naming the neighbour with working links, or the council for that area found by postcode.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { setup } from './harness.mjs';
import { axe, expectStep } from './flow-helpers.mjs';
import { fakeUpstream, freePort, spawnGateway } from '../../gateway/test/helpers.mjs';

/** A box as a GeoJSON polygon (south, west, north, east: lat first, as residents write places). */
const box = (s, w, n, e) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

// The local geocoder's places (packages/georeport-server/src/geocoder.mjs): 14 Queen Square
// (51.45035, -2.59435), Temple Meads (51.4494, -2.5813), Millennium Square (51.4499, -2.5997),
// Portishead (51.484, -2.768), Bath Abbey (51.3811, -2.359).
const COUNTY = box(51.4, -2.7, 51.55, -2.5); // all of central Bristol
const DISTRICT = box(51.44, -2.595, 51.46, -2.57); // Queen Square and Temple Meads, not Millennium Square
const PARISH = box(51.449, -2.596, 51.451, -2.593); // Queen Square only
const NEIGHBOURS = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'North Somerset Council', url: 'https://www.n-somerset.gov.uk/report', phone: '01934 888 888' },
      geometry: box(51.3, -3.1, 51.6, -2.7),
    },
  ],
};

const service = (code, name, group) => ({ service_code: code, service_name: name, description: '', metadata: false, type: 'realtime', keywords: '', group });

/** A council whose service list the test writes; it takes every report (`seen` has what it was sent). */
const council = (list) =>
  fakeUpstream((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.method === 'POST') res.end(JSON.stringify([{ service_request_id: `${Date.now()}` }]));
    else if (req.url?.includes('/services.json')) res.end(JSON.stringify(list));
    else res.end('[]');
  });

describe('services at the pin through the gateway (county, district, parish)', () => {
  let env;
  let gateway;
  const c = {};
  let dir;

  before(async () => {
    env = await setup();
    c.county = await council([
      service('CTY-PTH', 'Pothole', 'Roads'),
      service('CTY-SL', 'Street light not working', 'Lights'),
      service('CTY-OTH', 'Other problem', 'Other'),
    ]);
    c.district = await council([
      service('DST-PTH', 'Pothole', 'Roads'),
      service('DST-BIN', 'Bin not emptied', 'Rubbish'),
      service('DST-OTH', 'Other problem', 'Other'),
    ]);
    c.parish = await council([service('PAR-BENCH', 'Bench or noticeboard damaged', 'Parish'), service('PAR-OTH', 'Other problem', 'Other')]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open311-pin-e2e-'));
    const file = (name, geojson) => {
      const f = path.join(dir, `${name}.geojson`);
      fs.writeFileSync(f, JSON.stringify(geojson));
      return f;
    };
    const port = await freePort();
    gateway = await spawnGateway({
      listen: { host: '127.0.0.1', port },
      publicUrl: `http://127.0.0.1:${port}`,
      allowedOrigins: [new URL(env.web.url).origin],
      limits: { submitsPerMinute: 100 },
      bodies: [
        { id: 'county', name: 'Example County Council', endpoint: c.county.endpoint, area: file('county', COUNTY) },
        { id: 'district', name: 'Example District Council', endpoint: c.district.endpoint, area: file('district', DISTRICT) },
        { id: 'parish', name: 'Example Parish Council', endpoint: c.parish.endpoint, area: file('parish', PARISH) },
      ],
      neighbours: file('neighbours', NEIGHBOURS),
    });
  });
  after(async () => {
    await gateway?.stop();
    await Promise.all(Object.values(c).map((u) => u.close()));
    await env?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = async () => {
    const page = await env.page();
    await page.goto(`${new URL('/test-pages/pin.html', env.web.url).href}?${new URLSearchParams({ endpoint: `${gateway.url}/open311/v2/` })}`);
    return page;
  };
  const choosePlace = async (page, query, option) => {
    await page.getByLabel('Search for a street, place or postcode').fill(query);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('option', { name: option }).click();
  };
  const next = (page) => page.getByRole('button', { name: 'Continue' }).locator('visible=true').click();
  /** The problems offered, by their radios' names. */
  const offered = async (page) => {
    const radios = page.locator('open311-service-chooser input[type=radio]');
    await radios.first().waitFor();
    return (await page.locator('open311-service-chooser .option > label').allTextContents()).map((t) => t.trim()).sort();
  };

  for (const [where, query, option, expected] of [
    [
      'in the parish (all three tiers)',
      'BS1 4NT',
      /14 Queen Square/,
      ['Bench or noticeboard damaged', 'Bin not emptied', 'Other problem', 'Pothole', 'Street light not working'],
    ],
    ['in the district, outside the parish', 'Temple Meads', /Temple Meads/, ['Bin not emptied', 'Other problem', 'Pothole', 'Street light not working']],
    ['in the county only', 'Millennium Square', /Millennium Square/, ['Other problem', 'Pothole', 'Street light not working']],
  ]) {
    test(`a pin ${where}: only the problems dealt with there, one entry per name`, async () => {
      const page = await open();
      await choosePlace(page, query, option);
      await page.locator('open311-map-picker .chosen').waitFor();
      await next(page);
      await expectStep(page, 'What is the problem?');
      assert.deepEqual(await offered(page), expected);
      assert.deepEqual(page.errors, []);
    });
  }

  test('a district-only problem chosen at a district pin is sent to the district', async () => {
    const page = await open();
    await choosePlace(page, 'Temple Meads', /Temple Meads/);
    await page.locator('open311-map-picker .chosen').waitFor();
    await next(page);
    await expectStep(page, 'What is the problem?');
    await page.getByRole('radio', { name: 'Bin not emptied' }).check();
    await next(page);
    await expectStep(page, 'Tell us more');
    const description = `Bin at the station ${Date.now()}`;
    await page.locator('open311-report-form[sections="questions"] textarea').first().fill(description);
    await next(page);
    await expectStep(page, 'About you');
    await page.getByRole('textbox', { name: 'Email address' }).fill('resident@example.org');
    await next(page);
    await expectStep(page, 'Check your answers');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expectStep(page, 'Report sent');
    const posts = (u) => u.seen.filter((r) => r.method === 'POST' && r.body.includes(encodeURIComponent(description).replace(/%20/g, '+')));
    assert.equal(posts(c.district).length, 1, 'the district has the report');
    assert.match(posts(c.district)[0].body, /service_code=DST-BIN/);
    assert.equal(posts(c.county).length + posts(c.parish).length, 0);
  });

  test('a pin outside every area, in a neighbour’s: refused at the location step, naming it with working links', async () => {
    const page = await open();
    await choosePlace(page, 'portishead', /Portishead/);
    const alert = page.locator('open311-map-picker [part=error-message]');
    await alert.getByText('outside the area we look after').waitFor();
    const link = alert.getByRole('link', { name: 'Report it to North Somerset Council' });
    assert.equal(await link.getAttribute('href'), 'https://www.n-somerset.gov.uk/report');
    assert.equal(await alert.getByRole('link', { name: '01934 888 888' }).getAttribute('href'), 'tel:01934888888');
    await axe(page);
    // Continue does not take the refused place.
    await next(page);
    await expectStep(page, 'Where is the problem?');
    assert.equal(await page.locator('open311-map-picker .chosen').count(), 0);
  });

  test('a pin outside every area and every neighbour: the council for that area, found by postcode', async () => {
    const page = await open();
    await choosePlace(page, 'bath abbey', /Bath Abbey/);
    const link = page
      .locator('open311-map-picker [part=error-message]')
      .getByRole('link', { name: 'Report it to the council for that area (find it by postcode)' });
    assert.equal(await link.getAttribute('href'), 'https://www.gov.uk/find-local-council');
  });
});
