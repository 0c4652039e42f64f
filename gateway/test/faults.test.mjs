// Upstream faults: a hang, an HTML 500, a dropped connection, an endless body. Each gives the
// right Open311 error quickly and the gateway keeps serving; SIGTERM lets requests in flight finish.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { KEY, config, fakeUpstream, freePort, postForm, spawnGateway } from './helpers.mjs';

const SERVICES = JSON.stringify([{ service_code: 'OK', service_name: 'Fine', metadata: false, type: 'realtime' }]);
const REQUEST = JSON.stringify([{ service_request_id: 'slow-1', status: 'open', service_code: 'OK', requested_datetime: '2026-01-05T09:00:00Z' }]);

describe('upstream faults', () => {
  /** @type {Awaited<ReturnType<typeof fakeUpstream>>} */
  let upstream;
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;

  before(async () => {
    upstream = await fakeUpstream((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const what =
        new URLSearchParams(body).get('service_code') ??
        url.pathname
          .split('/')
          .pop()
          ?.replace(/\.json$/, '');
      const json = (/** @type {number} */ status, /** @type {string} */ text) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(text);
      };
      if (url.pathname.endsWith('/services.json')) return json(200, SERVICES);
      switch (what) {
        case 'HANG':
        case 'hang':
          return undefined;
        case 'HTML500':
        case 'html500':
          res.writeHead(500, { 'Content-Type': 'text/html' });
          return res.end('<!DOCTYPE html><html><body><h1>Internal Server Error</h1><script>alert(1)</script></body></html>');
        case 'CLOSE':
        case 'close':
          return req.socket.destroy();
        case 'huge':
          return json(200, `[${'{"service_request_id":"1","description":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},'.repeat(2000)}{}]`);
        case 'slow':
          return setTimeout(() => json(200, REQUEST), 150);
        default:
          return json(200, JSON.stringify([{ service_request_id: '42' }]));
      }
    });
    gw = await spawnGateway(
      config({
        limits: { upstreamTimeoutMs: 300, maxUpstreamBytes: 20_000, submitsPerMinute: 0, submitsPerDay: 0 },
        bodies: [{ id: 'flaky', name: 'Flaky Council', endpoint: upstream.endpoint, apiKeyEnv: 'K', format: 'json' }],
      }),
      { env: { K: KEY } },
    );
  });
  after(async () => {
    await gw?.stop();
    await upstream?.close();
  });

  /**
   * @param {Promise<Response>} pending
   * @param {number} status
   * @param {number} withinMs
   */
  async function expectError(pending, status, withinMs) {
    const started = Date.now();
    const r = await pending;
    const took = Date.now() - started;
    assert.equal(r.status, status);
    assert.ok(took < withinMs, `answered in ${took} ms`);
    const body = await r.json();
    assert.equal(body.length, 1);
    assert.deepEqual(Object.keys(body[0]), ['code', 'description']);
    assert.equal(body[0].code, status);
    assert.doesNotMatch(body[0].description, /<|script|Internal Server Error/);
    return body[0].description;
  }

  it('a POST to an upstream that never answers gives 504 within the timeout', async () => {
    assert.match(
      await expectError(postForm(`${gw.endpoint}requests.json`, { service_code: 'HANG', lat: '51.5', long: '-0.1' }), 504, 1500),
      /did not answer in time/,
    );
  });

  it('a GET that hangs gives 504 too (timeouts are not retried)', async () => {
    await expectError(fetch(`${gw.endpoint}requests/hang.json`), 504, 1500);
  });

  it('an HTML 500 gives 502 without passing the page on', async () => {
    await expectError(postForm(`${gw.endpoint}requests.json`, { service_code: 'HTML500', lat: '51.5', long: '-0.1' }), 502, 1500);
    await expectError(fetch(`${gw.endpoint}requests/html500.json`), 502, 1500);
  });

  it('a dropped connection gives 502', async () => {
    await expectError(postForm(`${gw.endpoint}requests.json`, { service_code: 'CLOSE', lat: '51.5', long: '-0.1' }), 502, 1500);
    await expectError(fetch(`${gw.endpoint}requests/close.json`), 502, 1500);
  });

  it('an answer larger than maxUpstreamBytes is not read: 502', async () => {
    await expectError(fetch(`${gw.endpoint}requests/huge.json`), 502, 1500);
  });

  it('keeps serving after all of that', async () => {
    const r = await postForm(`${gw.endpoint}requests.json`, { service_code: 'OK', lat: '51.5', long: '-0.1' });
    assert.equal(r.status, 200);
    assert.equal((await r.json())[0].service_request_id, '42');
    const logged = gw
      .lines()
      .filter((l) => l.upstream)
      .map((l) => l.upstream);
    assert.ok(logged.includes('timeout') && logged.includes('http 500') && logged.includes('network'), logged.join());
  });

  it('on SIGTERM finishes the request in flight, then exits 0', async () => {
    const inFlight = fetch(`${gw.endpoint}requests/slow.json`);
    // Wait until the gateway has the request, then ask it to stop.
    for (let i = 0; i < 100 && !upstream.seen.some((s) => s.url.includes('/requests/slow.json')); i++) await new Promise((r) => setTimeout(r, 10));
    gw.child.kill('SIGTERM');
    const r = await inFlight;
    assert.equal(r.status, 200);
    assert.equal((await r.json())[0].service_request_id, 'slow-1');
    const { code } = await gw.exited;
    assert.equal(code, 0);
    assert.ok(gw.lines().some((l) => l.msg === 'stopped'));
  });
});

describe('health', () => {
  it('reports each upstream and answers 503 when one is down', async () => {
    const up = await fakeUpstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(SERVICES);
    });
    const deadPort = await freePort();
    const gw = await spawnGateway(
      config({
        bodies: [
          { id: 'up', name: 'Up Council', endpoint: up.endpoint, apiKeyEnv: 'K' },
          { id: 'down', name: 'Down Council', endpoint: `http://127.0.0.1:${deadPort}/open311/v2/` },
        ],
      }),
      { env: { K: KEY } },
    );
    try {
      const r = await fetch(`${gw.url}/readyz`);
      assert.equal(r.status, 503);
      const health = await r.json();
      assert.equal(health.ok, false);
      assert.deepEqual(
        health.bodies.map((/** @type {any} */ b) => [b.id, b.ok, b.services ?? b.problem]),
        [
          ['up', true, 1],
          ['down', false, 'network'],
        ],
      );
      // A list without the services of a body that is down would mislead: say which one is down.
      const services = await fetch(`${gw.endpoint}services.json`);
      assert.equal(services.status, 502);
      assert.match((await services.json())[0].description, /Down Council/);
    } finally {
      await gw.stop();
      await up.close();
    }
  });
});
