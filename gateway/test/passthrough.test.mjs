// One body, no area: a transparent pass-through that adds the key, gives CORS to a server without
// it, drops what the browser must not decide, and never lets the key out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Open311Client } from 'open311-elements/open311';
import { startServer } from '@open311-elements/georeport-server';

import { KEY, config, fakeUpstream, postForm, spawnGateway } from './helpers.mjs';

const ORIGIN = 'http://127.0.0.1:9';

describe('pass-through to a no-cors server that needs a key', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let upstream;
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;

  before(async () => {
    upstream = await startServer({ port: 0, profile: 'no-cors,token-only', apiKey: KEY, tokenDelayMs: 50 });
    gw = await spawnGateway(config({ bodies: [{ id: 'council', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'COUNCIL_KEY' }] }), {
      env: { COUNCIL_KEY: KEY },
    });
  });
  after(async () => {
    await gw?.stop();
    await upstream?.close();
  });

  it('lists the services with codes unchanged, in JSON and XML', async () => {
    const json = await (await fetch(`${gw.endpoint}services.json`)).json();
    const direct = await (await fetch(`${upstream.endpoint}services.json`)).json();
    assert.deepEqual(
      json.map((/** @type {any} */ s) => s.service_code),
      direct.map((/** @type {any} */ s) => s.service_code),
    );
    const xml = await fetch(`${gw.endpoint}services.xml`);
    assert.match(xml.headers.get('content-type') ?? '', /^text\/xml/);
    const text = await xml.text();
    assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<services><service><service_code>PTH-01<\/service_code>/);
    assert.match(text, /<service_code>BIN OVERFLOW<\/service_code>/);
  });

  it('serves definitions for odd codes (a space, a leading zero) through the foundation client', async () => {
    const client = new Open311Client({ endpoint: gw.endpoint, format: 'xml' });
    const def = await client.serviceDefinition('PTH-01');
    assert.equal(def.serviceCode, 'PTH-01');
    assert.ok(def.attributes.some((a) => a.code === 'DEPTH' && a.required && a.values.length > 0));
    const bin = await client.serviceDefinition('BIN OVERFLOW');
    assert.equal(bin.serviceCode, 'BIN OVERFLOW');
    const r = await fetch(`${gw.endpoint}services/NOPE.json`);
    assert.equal(r.status, 404);
    assert.equal((await r.json())[0].code, 404);
  });

  it("adds the key to a POST, drops the browser's api_key, and the token finds its way to an id", async () => {
    const r = await postForm(
      `${gw.endpoint}requests.json`,
      [
        ['api_key', 'browser-sent-key'],
        ['jurisdiction_id', 'somewhere-else'],
        ['service_code', 'BIN OVERFLOW'],
        ['lat', '51.5'],
        ['long', '-0.12'],
        ['description', 'Overflowing bin'],
        ['not_a_field', 'x'],
      ],
      { Origin: ORIGIN },
    );
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), ORIGIN);
    const body = await r.text();
    assert.ok(!body.includes(KEY));
    const [{ token }] = JSON.parse(body);
    assert.ok(token);
    const client = new Open311Client({ endpoint: gw.endpoint });
    let id;
    for (let i = 0; i < 50 && !id; i++) {
      id = (await client.tokenToId(token)).id;
      if (!id) await new Promise((res) => setTimeout(res, 20));
    }
    assert.ok(id, 'the token resolves');
    const found = await client.request(/** @type {string} */ (id));
    assert.equal(found?.serviceCode, 'BIN OVERFLOW');
    assert.equal(found?.description, 'Overflowing bin');
    const list = await client.requests({ ids: [/** @type {string} */ (id)] });
    assert.equal(list[0]?.id, id);
  });

  it('gives CORS only to allowed origins and refuses others with an Open311 error in the asked format', async () => {
    const ok = await fetch(`${gw.endpoint}services.json`, { headers: { Origin: ORIGIN } });
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
    const pre = await fetch(`${gw.endpoint}requests.json`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), ORIGIN);

    const bad = await fetch(`${gw.endpoint}services.xml`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(bad.status, 403);
    assert.equal(bad.headers.get('access-control-allow-origin'), null);
    assert.match(await bad.text(), /<errors><error><code>403<\/code><description>[^<]+<\/description><\/error><\/errors>/);
    const badPre = await fetch(`${gw.endpoint}requests.json`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(badPre.status, 403);
    assert.equal(badPre.headers.get('access-control-allow-origin'), null);
    const badPost = await postForm(`${gw.endpoint}requests.json`, { service_code: 'BIN OVERFLOW', lat: '51.5', long: '-0.1' }, { Origin: 'null' });
    assert.equal(badPost.status, 403);
    assert.deepEqual(Object.keys((await badPost.json())[0]), ['code', 'description']);
  });

  it("passes the council's own error words on, as an Open311 error list", async () => {
    const r = await postForm(`${gw.endpoint}requests.xml`, { service_code: 'PTH-01', lat: '51.5', long: '-0.1' });
    assert.equal(r.status, 400);
    assert.match(await r.text(), /<error><code>400<\/code><description>attribute\[DEPTH\] is required<\/description><\/error>/);
    const missing = await postForm(`${gw.endpoint}requests.json`, { lat: '51.5', long: '-0.1' });
    assert.equal(missing.status, 400);
    assert.equal((await missing.json())[0].description, 'service_code is required');
    const unknown = await fetch(`${gw.endpoint}requests/nope.json`);
    assert.equal(unknown.status, 404);
    const route = await fetch(`${gw.endpoint}nothing.json`);
    assert.equal(route.status, 404);
    assert.equal((await route.json())[0].code, 404);
  });

  it('writes one JSON line per request, without the key', () => {
    const lines = gw.lines().filter((l) => l.method);
    assert.ok(lines.length >= 5);
    for (const l of lines) {
      assert.deepEqual(
        Object.keys(l).filter((k) => !['time', 'level', 'method', 'route', 'status', 'ms', 'body', 'upstream'].includes(k)),
        [],
      );
    }
    assert.ok(lines.some((l) => l.route === '/open311/v2/requests.json' && l.method === 'POST' && l.body === 'council'));
    assert.ok(!gw.output().includes(KEY));
  });
});

describe('a server that echoes the key back', () => {
  it('never lets the key reach the browser or the log, on GETs with apiKeyOn "all" too', async () => {
    const echo = await fakeUpstream((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const key = url.searchParams.get('api_key') ?? new URLSearchParams(body).get('api_key') ?? '';
      res.setHeader('Content-Type', 'application/json');
      if (url.pathname.endsWith('/services.json')) {
        res.end(JSON.stringify([{ service_code: 'A', service_name: `Key ${key}`, description: `url ${req.url}`, metadata: false, type: 'realtime' }]));
      } else {
        res.statusCode = 403;
        res.end(JSON.stringify([{ code: 403, description: `api_key ${key} is not valid for ${encodeURIComponent(key)}` }]));
      }
    });
    const gw = await spawnGateway(
      config({ bodies: [{ id: 'echo', name: 'Echo', endpoint: echo.endpoint, apiKeyEnv: 'K', apiKeyOn: 'all', format: 'json' }] }),
      {
        env: { K: KEY },
      },
    );
    try {
      const services = await (await fetch(`${gw.endpoint}services.json`)).text();
      assert.ok(
        echo.seen.some((s) => s.url.includes(`api_key=${KEY}`)),
        'the key went upstream on the GET',
      );
      assert.ok(!services.includes(KEY), services);
      assert.match(services, /\[hidden\]/);
      const post = await postForm(`${gw.endpoint}requests.json`, { service_code: 'A', lat: '51.5', long: '-0.1' });
      assert.equal(post.status, 502);
      const text = await post.text();
      assert.ok(!text.includes(KEY), text);
      assert.ok(echo.seen.some((s) => s.method === 'POST' && new URLSearchParams(s.body).get('api_key') === KEY));
    } finally {
      await gw.stop();
      await echo.close();
    }
    assert.ok(!gw.output().includes(KEY));
  });
});
