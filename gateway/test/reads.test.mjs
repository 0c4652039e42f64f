// Reads that protect the council's server (issue 17): /healthz never calls upstream, /readyz at
// most once per round, GETs are limited, service lists and definitions are kept and served stale
// (and say so) while the council is slow or down, and browsers get ETag/304.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { KEY, config, fakeUpstream, spawnGateway } from './helpers.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A council whose answers the test steers: `mode` ok / down (500) / slow (answers after `slowMs`);
 * `version` changes the service name, so a fresh list can be told from a kept one.
 */
async function steeredCouncil() {
  const state = { mode: 'ok', version: 1, slowMs: 2500 };
  const upstream = await fakeUpstream((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const answer = () => {
      if (state.mode === 'down') {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('down for maintenance');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (url.pathname.endsWith('/services.json')) {
        res.end(JSON.stringify([{ service_code: 'OK', service_name: `Potholes v${state.version}`, metadata: true, type: 'realtime' }]));
      } else if (url.pathname.includes('/services/')) {
        res.end(
          JSON.stringify({
            service_code: 'OK',
            attributes: [{ variable: true, code: 'depth', datatype: 'string', required: false, order: 1, description: `Depth v${state.version}` }],
          }),
        );
      } else {
        res.end(JSON.stringify([{ service_request_id: '1', status: 'open', service_code: 'OK' }]));
      }
    };
    if (state.mode === 'slow') setTimeout(answer, state.slowMs);
    else answer();
  });
  const count = (/** @type {string} */ part) => upstream.seen.filter((s) => s.url.includes(part)).length;
  return { state, upstream, count };
}

describe('health and readiness', () => {
  it('/healthz answers from the gateway alone; /readyz checks the councils at most once per round', async () => {
    const { upstream, count } = await steeredCouncil();
    const gw = await spawnGateway(config({ bodies: [{ id: 'c', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K' }] }), { env: { K: KEY } });
    try {
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${gw.url}/healthz`);
        assert.equal(r.status, 200);
        assert.deepEqual(await r.json(), { ok: true });
      }
      assert.equal(upstream.seen.length, 0, 'no /healthz reached the council');
      const answers = await Promise.all(Array.from({ length: 5 }, () => fetch(`${gw.url}/readyz`)));
      for (let i = 0; i < 5; i++) answers.push(await fetch(`${gw.url}/readyz`));
      for (const r of answers) {
        assert.equal(r.status, 200);
        const ready = await r.json();
        assert.equal(ready.ok, true);
        assert.deepEqual(
          ready.bodies.map((/** @type {any} */ b) => [b.id, b.ok, b.services]),
          [['c', true, 1]],
        );
      }
      assert.equal(count('/services.json'), 1, 'ten /readyz, one call to the council');
    } finally {
      await gw.stop();
      await upstream.close();
    }
  });
});

describe('GET limits', () => {
  it('answers the GET past getsPerMinute with 429, Retry-After and an error list, and does not call upstream', async () => {
    const { upstream } = await steeredCouncil();
    const gw = await spawnGateway(
      config({ limits: { getsPerMinute: 3 }, bodies: [{ id: 'c', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K' }] }),
      { env: { K: KEY } },
    );
    try {
      for (let i = 1; i <= 3; i++) assert.equal((await fetch(`${gw.endpoint}requests/${i}.json`)).status, 200);
      const seen = upstream.seen.length;
      for (const fmt of ['json', 'xml']) {
        const r = await fetch(`${gw.endpoint}requests/4.${fmt}`);
        assert.equal(r.status, 429);
        assert.ok(Number(r.headers.get('retry-after')) >= 1);
        const text = await r.text();
        assert.match(text, fmt === 'json' ? /^\[\{"code":429,"description":"Too many requests/ : /<errors><error><code>429<\/code>/);
      }
      assert.equal(upstream.seen.length, seen);
    } finally {
      await gw.stop();
      await upstream.close();
    }
  });
});

describe('kept service lists and definitions', () => {
  /** @type {Awaited<ReturnType<typeof steeredCouncil>>} */
  let council;
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;

  before(async () => {
    council = await steeredCouncil();
    gw = await spawnGateway(
      config({
        servicesCacheSeconds: 1,
        limits: { getsPerMinute: 0, upstreamTimeoutMs: 8000 },
        bodies: [{ id: 'c', name: 'Example Council', endpoint: council.upstream.endpoint, apiKeyEnv: 'K', format: 'json' }],
      }),
      { env: { K: KEY } },
    );
  });
  after(async () => {
    await gw?.stop();
    await council?.upstream.close();
  });

  /** Waits until the kept copies are older than servicesCacheSeconds. */
  const expire = () => sleep(1200);

  it('asks the council once per servicesCacheSeconds for the list and for each definition, then again', async () => {
    council.state.mode = 'ok';
    await expire();
    const before = [council.count('/services.json'), council.count('/services/OK')];
    for (let i = 0; i < 4; i++) {
      assert.equal((await fetch(`${gw.endpoint}services.json`)).status, 200);
      assert.equal((await fetch(`${gw.endpoint}services/OK.json`)).status, 200);
    }
    assert.deepEqual([council.count('/services.json') - before[0], council.count('/services/OK') - before[1]], [1, 1]);
    await expire();
    council.state.version = 2;
    // The definition first: it has a lifetime of its own, not only the list's.
    const def = await (await fetch(`${gw.endpoint}services/OK.json`)).json();
    const list = await (await fetch(`${gw.endpoint}services.json`)).json();
    assert.equal(list[0].service_name, 'Potholes v2');
    assert.equal(def.attributes[0].description, 'Depth v2');
    assert.deepEqual([council.count('/services.json') - before[0], council.count('/services/OK') - before[1]], [2, 2]);
  });

  it('serves the last good list and definition while the council is down, and says so', async () => {
    council.state.mode = 'ok';
    council.state.version = 3;
    await expire();
    assert.equal((await (await fetch(`${gw.endpoint}services.json`)).json())[0].service_name, 'Potholes v3');
    assert.equal((await (await fetch(`${gw.endpoint}services/OK.xml`)).text()).includes('Depth v3'), true);
    council.state.mode = 'down';
    await expire();
    for (const [path, words] of [
      ['services.json', 'Potholes v3'],
      ['services.xml', 'Potholes v3'],
      ['services/OK.xml', 'Depth v3'],
      ['services/OK.json', 'Depth v3'],
    ]) {
      const r = await fetch(`${gw.endpoint}${path}`);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('x-open311-stale'), 'down', path);
      assert.match(r.headers.get('warning') ?? '', /^110 /);
      assert.ok((await r.text()).includes(words), path);
    }
    // Fresh reads are not marked; the log says which answers were old and why.
    const stale = gw.lines().filter((l) => l.stale === 'down');
    assert.ok(
      stale.some((l) => l.route === '/open311/v2/services.json') && stale.some((l) => l.route === '/open311/v2/services/{code}.xml'),
      JSON.stringify(stale),
    );
    assert.match(stale[0].msg, /down/);
    // Anything else still goes to the council, which is down: no old report statuses.
    assert.equal((await fetch(`${gw.endpoint}requests/1.json`)).status, 502);
    council.state.mode = 'ok';
  });

  it('serves the last good list at once while the council is slow, and the fresh one when it has answered', async () => {
    council.state.mode = 'ok';
    council.state.version = 4;
    await expire();
    await fetch(`${gw.endpoint}services.json`);
    await expire();
    council.state.mode = 'slow';
    council.state.version = 5;
    const listCalls = council.count('/services.json');
    const started = Date.now();
    const r = await fetch(`${gw.endpoint}services.json`);
    const took = Date.now() - started;
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-open311-stale'), 'slow');
    assert.equal((await r.json())[0].service_name, 'Potholes v4');
    assert.ok(took < council.state.slowMs - 500, `answered in ${took} ms, not after the council's ${council.state.slowMs} ms`);
    council.state.mode = 'ok';
    await sleep(council.state.slowMs + 300 - took);
    // The slow answer has come by now (on a busy machine, give it a little longer).
    let fresh = await fetch(`${gw.endpoint}services.json`);
    for (let i = 0; i < 10 && fresh.headers.get('x-open311-stale'); i++) {
      await sleep(300);
      fresh = await fetch(`${gw.endpoint}services.json`);
    }
    assert.equal(fresh.headers.get('x-open311-stale'), null);
    assert.equal((await fresh.json())[0].service_name, 'Potholes v5');
    assert.equal(council.count('/services.json'), listCalls + 1, 'one call to the slow council, not one per request');
  });

  it('answers ETag and 304 on If-None-Match, and a new ETag when the list changed', async () => {
    council.state.mode = 'ok';
    council.state.version = 6;
    await expire();
    for (const path of ['services.json', 'services.xml', 'services/OK.json', 'requests/1.json']) {
      const first = await fetch(`${gw.endpoint}${path}`);
      const tag = first.headers.get('etag');
      assert.match(tag ?? '', /^"[\w-]+"$/, path);
      assert.equal(first.headers.get('cache-control'), path.startsWith('services') ? 'no-cache' : 'no-store', path);
      const again = await fetch(`${gw.endpoint}${path}`, { headers: { 'If-None-Match': `"other", ${tag}` } });
      assert.equal(again.status, 304, path);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), tag);
      const other = await fetch(`${gw.endpoint}${path}`, { headers: { 'If-None-Match': '"not-this-one"' } });
      assert.equal(other.status, 200);
    }
    const json = (await fetch(`${gw.endpoint}services.json`)).headers.get('etag');
    assert.notEqual((await fetch(`${gw.endpoint}services.xml`)).headers.get('etag'), json);
    council.state.version = 7;
    await expire();
    const changed = await fetch(`${gw.endpoint}services.json`, { headers: { 'If-None-Match': /** @type {string} */ (json) } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), json);
    assert.equal((await changed.json())[0].service_name, 'Potholes v7');
  });
});
