// A bad config stops the gateway at once, with a message naming the field and what was wrong.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { FIXTURES, runGateway, tempDir } from './helpers.mjs';

const GOOD_BODY = { id: 'county', name: 'Example County Council', endpoint: 'https://crm.example-county.gov.uk/open311/v2', apiKeyEnv: 'COUNTY_KEY' };
const good = (/** @type {Record<string, unknown>} */ over = {}) => ({
  listen: { host: '127.0.0.1', port: 0 },
  publicUrl: 'https://report.example-council.gov.uk',
  allowedOrigins: ['https://www.example-council.gov.uk'],
  bodies: [GOOD_BODY],
  ...over,
});
const ENV = { COUNTY_KEY: 'county-key-123456' };
/** A neighbour's area, and a FeatureCollection of one neighbour with these properties. */
const BOX = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 51],
      [1, 51],
      [1, 52],
      [0, 51],
    ],
  ],
};
const neighbour = (/** @type {Record<string, unknown>} */ properties) => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties, geometry: BOX }],
});

/** [what is wrong, config, field named in the message, words that say what was wrong] */
const CASES = /** @type {Array<[string, Record<string, unknown>, string, RegExp]>} */ ([
  ['no publicUrl', { ...good(), publicUrl: undefined }, 'publicUrl', /required/],
  ['publicUrl not a URL', good({ publicUrl: 'report dot council' }), 'publicUrl', /not a URL/],
  ['allowedOrigins missing', { ...good(), allowedOrigins: undefined }, 'allowedOrigins', /required/],
  ['an origin with a path', good({ allowedOrigins: ['https://www.example-council.gov.uk/report'] }), 'allowedOrigins[0]', /origin only/],
  ['"*" as an origin', good({ allowedOrigins: ['*'] }), 'allowedOrigins[0]', /not allowed/],
  ['no bodies', good({ bodies: [] }), 'bodies', /non-empty/],
  ['a key written in the config', good({ bodies: [{ ...GOOD_BODY, apiKey: 'secret-in-config' }] }), 'bodies[0].apiKey', /never be written in the config/],
  ['the key variable not set', good({ bodies: [{ ...GOOD_BODY, apiKeyEnv: 'NOT_SET_ANYWHERE' }] }), 'bodies[0].apiKeyEnv', /NOT_SET_ANYWHERE is not set/],
  [
    'a key file that does not exist',
    good({ bodies: [{ ...GOOD_BODY, apiKeyEnv: undefined, apiKeyFile: '/nonexistent/key' }] }),
    'bodies[0].apiKeyFile',
    /cannot read/,
  ],
  ['a key in the endpoint URL', good({ bodies: [{ ...GOOD_BODY, endpoint: 'https://crm.example/v2?api_key=abc' }] }), 'bodies[0].endpoint', /api_key/],
  ['an endpoint that is not http', good({ bodies: [{ ...GOOD_BODY, endpoint: 'ftp://crm.example/v2' }] }), 'bodies[0].endpoint', /https:\/\//],
  ['a body id with a hyphen', good({ bodies: [{ ...GOOD_BODY, id: 'west-district' }] }), 'bodies[0].id', /no hyphens/],
  ['two bodies with one id', good({ bodies: [GOOD_BODY, { ...GOOD_BODY }] }), 'bodies[1].id', /used twice/],
  ['a missing area file', good({ bodies: [{ ...GOOD_BODY, area: 'areas/nowhere.geojson' }] }), 'bodies[0].area', /no such file/],
  ['an area with no polygon', good({ bodies: [{ ...GOOD_BODY, area: path.join(FIXTURES, 'areas', 'not-an-area.geojson') }] }), 'bodies[0].area', /no Polygon/],
  ['services neither "*" nor a list', good({ bodies: [{ ...GOOD_BODY, services: 'PTH-01' }] }), 'bodies[0].services', /"\*" or a non-empty list/],
  ['a negative limit', good({ limits: { submitsPerMinute: -1 } }), 'limits.submitsPerMinute', /whole number/],
  ['an unknown limit', good({ limits: { submitsPerHour: 5 } }), 'limits.submitsPerHour', /unknown field/],
  ['a misspelt top-level field', good({ alowedOrigins: [] }), 'alowedOrigins', /unknown field/],
  ['a redis URL of the wrong kind', good({ redis: 'http://127.0.0.1:6379' }), 'redis', /redis:\/\//],
  ['a port out of range', good({ listen: { host: '127.0.0.1', port: 70000 } }), 'listen.port', /65535/],
  // issue 17: values that were accepted and then broke the gateway or its limits
  ['trustProxy true', good({ trustProxy: true }), 'trustProxy', /true is refused.*number of proxies.*addresses/],
  ['trustProxy "yes"', good({ trustProxy: 'yes' }), 'trustProxy', /"yes" is not an IP address/],
  ['trustProxy with a bad address', good({ trustProxy: ['10.0.0.1', '10.0.0.0/40'] }), 'trustProxy[1]', /not an IP address or CIDR/],
  ['trustProxy 0 hops', good({ trustProxy: 0 }), 'trustProxy', /hop count/],
  ['trustProxy as an object', good({ trustProxy: { hops: 1 } }), 'trustProxy', /hop count or a list/],
  ['a wildcard origin', good({ allowedOrigins: ['https://*.council.gov.uk'] }), 'allowedOrigins[0]', /wildcards are not supported/],
  ['upstreamTimeoutMs 1e12', good({ limits: { upstreamTimeoutMs: 1e12 } }), 'limits.upstreamTimeoutMs', /from 100 to 120000/],
  ['upstreamTimeoutMs 5', good({ limits: { upstreamTimeoutMs: 5 } }), 'limits.upstreamTimeoutMs', /from 100 to 120000/],
  ['upstreamTimeoutMs 1500.5', good({ limits: { upstreamTimeoutMs: 1500.5 } }), 'limits.upstreamTimeoutMs', /whole number/],
  ['a negative connectionsPerIp', good({ limits: { connectionsPerIp: -1 } }), 'limits.connectionsPerIp', /whole number/],
  ['unclaimedMinutes 0', good({ media: { unclaimedMinutes: 0 } }), 'media.unclaimedMinutes', /minutes from 0.01/],
  ['maxAgeDays 1.5', good({ media: { maxAgeDays: 1.5 } }), 'media.maxAgeDays', /whole number of days/],
  // issue 19: the neighbours named for a place outside every area
  ['neighbours that are not GeoJSON', good({ neighbours: 42 }), 'neighbours', /FeatureCollection/],
  ['a neighbours file that does not exist', good({ neighbours: 'nowhere.geojson' }), 'neighbours', /no such file/],
  [
    'a neighbour whose url is not http',
    good({ neighbours: neighbour({ name: 'Next Council', url: 'javascript:alert(1)' }) }),
    'neighbours.features[0].properties.url',
    /https:\/\//,
  ],
  ['a neighbour without a name', good({ neighbours: neighbour({ phone: '01632 960001' }) }), 'neighbours.features[0].properties.name', /needs the name/],
  [
    'a neighbour whose phone is words',
    good({ neighbours: neighbour({ name: 'Next Council', phone: 'call us' }) }),
    'neighbours.features[0].properties.phone',
    /not a phone number/,
  ],
  ['neighbours that name no neighbour', good({ neighbours: neighbour({ name: 'Ours' }) }), 'neighbours', /names no neighbour/],
  [
    'a neighbour with a broken polygon',
    good({
      neighbours: { type: 'Feature', properties: { name: 'Next Council', phone: '01632 960001' }, geometry: { type: 'Polygon', coordinates: [[[0, 51]]] } },
    }),
    'neighbours.geometry.coordinates[0]',
    /at least four/,
  ],
]);

describe('config validation', () => {
  it('stops with exit code 2 and a message naming the field, for each kind of mistake', async () => {
    const results = await Promise.all(CASES.map(([, cfg]) => runGateway(cfg, ENV)));
    CASES.forEach(([what, , field, words], i) => {
      const { code, out } = results[i];
      assert.equal(code, 2, `${what}: exit code (${out})`);
      assert.ok(out.includes(`: ${field}: `), `${what}: names ${field} in "${out.trim()}"`);
      assert.match(out, words, what);
      assert.ok(!out.includes('county-key-123456'), `${what}: the key is not printed`);
      assert.ok(!out.includes('secret-in-config'), `${what}: a key written in the config is not printed`);
    });
  });

  it('accepts a proxy hop count, proxy addresses and ranges, and retention settings', async () => {
    const temp = tempDir();
    try {
      const { spawnSync } = await import('node:child_process');
      const { BIN } = await import('./helpers.mjs');
      const ok = [
        { trustProxy: 1 },
        { trustProxy: '10.0.0.5' },
        { trustProxy: ['10.0.0.0/8', '2001:db8::/32', 'loopback'] },
        { limits: { upstreamTimeoutMs: 100, connectionsPerIp: 0 }, media: { unclaimedMinutes: 30, maxAgeDays: 90 } },
        { neighbours: path.join(FIXTURES, 'areas', 'neighbours.geojson') },
        { neighbours: neighbour({ name: 'Next Council', url: 'https://www.next.example/', phone: '+44 1632 960001' }) },
      ];
      for (const over of ok) {
        const file = path.join(temp.dir, 'gateway.json');
        fs.writeFileSync(file, JSON.stringify(good(over)));
        const r = spawnSync(process.execPath, [BIN, '--config', file, '--check'], { encoding: 'utf8', env: { PATH: process.env.PATH, ...ENV } });
        assert.equal(r.status, 0, `${JSON.stringify(over)}: ${r.stderr}`);
      }
    } finally {
      temp.remove();
    }
  });

  it('says so when the file is missing or is not JSON', async () => {
    const temp = tempDir();
    try {
      const missing = await runGateway(path.join(temp.dir, 'nope.json'));
      assert.equal(missing.code, 2);
      assert.match(missing.out, /cannot read the config file .*nope\.json: ENOENT/);
      const file = path.join(temp.dir, 'broken.json');
      fs.writeFileSync(file, '{ "listen": ');
      const broken = await runGateway(file);
      assert.equal(broken.code, 2);
      assert.match(broken.out, /broken\.json is not valid JSON/);
    } finally {
      temp.remove();
    }
  });

  it('reads a key from a file, relative to the config, and accepts the demo config', async () => {
    const temp = tempDir();
    try {
      fs.writeFileSync(path.join(temp.dir, 'county.key'), 'county-key-from-file\n');
      const file = path.join(temp.dir, 'gateway.json');
      fs.writeFileSync(file, JSON.stringify(good({ bodies: [{ ...GOOD_BODY, apiKeyEnv: undefined, apiKeyFile: 'county.key' }] })));
      const { spawnSync } = await import('node:child_process');
      const { BIN } = await import('./helpers.mjs');
      const ok = spawnSync(process.execPath, [BIN, '--config', file, '--check'], { encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stderr);
      const demo = spawnSync(process.execPath, [BIN, '--config', new URL('../../demo/gateway.json', import.meta.url).pathname, '--check'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, OPEN311_DEMO_KEY: 'demo-key-123456' },
      });
      assert.equal(demo.status, 0, demo.stderr);
    } finally {
      temp.remove();
    }
  });
});
