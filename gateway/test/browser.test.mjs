// End to end in Chromium: a council page on an allowed origin reports a problem to a server that
// needs a key and sends no CORS headers, through the gateway; the key is nowhere the browser can see.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '@open311-elements/georeport-server';

import { reportPage, run } from './fixtures/report-page.mjs';
import { KEY, spawnGateway } from './helpers.mjs';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const DIST = new URL('../../dist/', import.meta.url).pathname;

/**
 * A static server for the council page and the built bundles, on loopback.
 * @param {() => string} page
 */
async function staticSite(page) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page());
      return;
    }
    const file = path.join(DIST, path.normalize(url.pathname.replace(/^\/dist\//, '/')));
    if (url.pathname.startsWith('/dist/') && file.startsWith(DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
      res.end(fs.readFileSync(file));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

describe('in Chromium, through the gateway', { skip: fs.existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing` }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let upstream;
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;
  /** @type {Awaited<ReturnType<typeof staticSite>>} */
  let site;
  /** @type {Awaited<ReturnType<typeof staticSite>>} */
  let other;
  /** @type {import('playwright-core').Browser} */
  let browser;

  before(async () => {
    upstream = await startServer({ port: 0, profile: 'no-cors', apiKey: KEY });
    let endpoint = '';
    site = await staticSite(() => reportPage({ endpoint }));
    other = await staticSite(() => reportPage({ endpoint }));
    gw = await spawnGateway(
      {
        listen: { host: '127.0.0.1', port: 0 },
        publicUrl: 'http://127.0.0.1:1',
        allowedOrigins: [site.origin],
        bodies: [{ id: 'council', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K' }],
      },
      { env: { K: KEY } },
    );
    endpoint = gw.endpoint;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await gw?.stop();
    await site?.close();
    await other?.close();
    await upstream?.close();
  });

  /** @param {string} origin */
  async function visit(origin) {
    const page = await browser.newPage();
    /** @type {string[]} */
    const seen = [];
    /** @type {Promise<void>[]} */
    const bodies = [];
    page.on('request', (req) => {
      seen.push(`${req.method()} ${req.url()}\n${JSON.stringify(req.headers())}\n${req.postData() ?? ''}`);
    });
    page.on('response', (res) => {
      bodies.push(
        res.text().then(
          (t) => void seen.push(`${res.url()}\n${JSON.stringify(res.headers())}\n${t}`),
          () => undefined,
        ),
      );
    });
    await page.goto(`${origin}/`);
    const result = await run(page);
    await Promise.all(bodies);
    await page.close();
    return { result, seen };
  }

  it('completes a report from an allowed origin; the key is in no page, bundle, request or response', async () => {
    const { result, seen } = await visit(site.origin);
    assert.equal(result.status, 'Sent');
    assert.match(result.reference ?? '', /\S/);
    const stored = await (await upstream.adminFetch('requests')).json();
    assert.ok(stored.some((/** @type {any} */ r) => r.service_request_id === result.reference && r.description === 'The bin by the bus stop is full'));
    assert.ok(
      seen.some((s) => s.startsWith('POST') && s.includes(gw.endpoint)),
      'the browser posted to the gateway',
    );
    assert.ok(
      seen.some((s) => s.includes('/dist/open311-elements.js')),
      'the bundle was loaded and checked',
    );
    for (const s of seen) assert.ok(!s.includes(KEY), `the key leaked in:\n${s.slice(0, 300)}`);
    assert.ok(!gw.output().includes(KEY));
  });

  it('refuses a page on another origin', async () => {
    const before = (await (await upstream.adminFetch('requests')).json()).length;
    const { result } = await visit(other.origin);
    assert.match(result.status ?? '', /^Error/);
    assert.equal((await (await upstream.adminFetch('requests')).json()).length, before);
    assert.ok(gw.lines().some((l) => l.status === 403));
  });
});
