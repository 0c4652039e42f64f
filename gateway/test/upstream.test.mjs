// Talking to the council's server safely (issue 17): redirects are never followed, keys are hidden
// in every spelling before anything is cut short, only known fields and the gateway's own photo
// links go upstream, and every error a browser can meet is an Open311 error list.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';

import { checkConfig } from '../src/config.mjs';
import { KEY, config, fakeUpstream, postForm, spawnGateway } from './helpers.mjs';

const SERVICES = JSON.stringify([{ service_code: 'OK', service_name: 'Fine', metadata: false, type: 'realtime' }]);
const REPORT = { service_code: 'OK', lat: '51.5', long: '-0.1', description: 'A pothole' };
/** A second key with characters that every encoding writes differently (`/`, `+`, `=`, `~`, space). */
const ODD_KEY = 'Odd/Key+With=Spaces ~AND~Case_42';

/**
 * The parts of a key a leak would show: every 8-character window, lower-cased.
 * @param {string} key
 */
const windows = (key) => Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8).toLowerCase());

/**
 * True when a text holds 8 or more characters of the key in a row, in any case, raw or once
 * decoded (percent, form, JSON and XML escapes).
 * @param {string} text
 * @param {string} key
 */
function leaks(text, key) {
  const decodePercent = (/** @type {string} */ s) =>
    s.replace(/(%[0-9a-f]{2})+/gi, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  const entities = (/** @type {string} */ s) =>
    s
      .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
      .replace(/&amp;/g, '&');
  const json = (/** @type {string} */ s) => s.replace(/\\u([0-9a-f]{4})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))).replace(/\\(["\\/])/g, '$1');
  const forms = [text, decodePercent(text), decodePercent(decodePercent(text)), decodePercent(text.replace(/\+/g, ' ')), entities(text), json(text)].map((f) =>
    f.toLowerCase(),
  );
  return windows(key).some((w) => forms.some((f) => f.includes(w)));
}

/**
 * Asserts a response is an Open311 error list (JSON array or XML `<errors>`) with this status.
 * @param {Response} r
 * @param {number} status
 * @param {'json'|'xml'} [fmt]
 */
async function assertErrorList(r, status, fmt = 'json') {
  const text = await r.text();
  assert.equal(r.status, status, text);
  if (fmt === 'xml') {
    assert.match(r.headers.get('content-type') ?? '', /xml/);
    const doc = new DOMParser().parseFromString(text, 'text/xml');
    assert.equal(doc.documentElement?.nodeName, 'errors', text);
    const error = doc.getElementsByTagName('error')[0];
    assert.equal(error.getElementsByTagName('code')[0].textContent, String(status), text);
    assert.ok(error.getElementsByTagName('description')[0].textContent, text);
    return text;
  }
  assert.match(r.headers.get('content-type') ?? '', /json/);
  const list = JSON.parse(text);
  assert.ok(Array.isArray(list) && list.length > 0, text);
  for (const e of list) {
    assert.deepEqual(Object.keys(e).sort(), ['code', 'description'], text);
    assert.equal(typeof e.description, 'string');
  }
  assert.equal(list[0].code, status, text);
  return text;
}

describe('upstream redirects are never followed', () => {
  /** Where the redirects point: it must never hear from the gateway. */
  /** @type {Awaited<ReturnType<typeof fakeUpstream>>} */
  let elsewhere;
  /** @type {Awaited<ReturnType<typeof fakeUpstream>>} */
  let council;
  let status = 307;
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;

  before(async () => {
    elsewhere = await fakeUpstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify([{ service_request_id: 'taken-by-elsewhere', service_code: 'OK', service_name: 'Fine', metadata: false, type: 'realtime' }]));
    });
    council = await fakeUpstream((req, res) => {
      const target = new URL(req.url ?? '/', elsewhere.endpoint.replace('/open311/v2/', '/'));
      res.writeHead(status, { Location: target.href });
      res.end();
    });
    gw = await spawnGateway(
      config({
        servicesCacheSeconds: 0,
        limits: { submitsPerMinute: 0, submitsPerDay: 0, getsPerMinute: 0 },
        bodies: [{ id: 'c', name: 'Example Council', endpoint: council.endpoint, apiKeyEnv: 'K', apiKeyOn: 'all', format: 'json', services: ['OK'] }],
      }),
      { env: { K: KEY } },
    );
  });
  after(async () => {
    await gw?.stop();
    await council?.close();
    await elsewhere?.close();
  });

  for (const code of [307, 308]) {
    it(`a ${code} on a report POST: nothing reaches the other server, the browser gets a 502 error list`, async () => {
      status = code;
      const r = await postForm(`${gw.endpoint}requests.json`, { ...REPORT, email: 'resident@example.org', first_name: 'Ada' });
      const text = await assertErrorList(r, 502);
      assert.ok(!text.includes('taken-by-elsewhere'));
      assert.equal(elsewhere.seen.length, 0, JSON.stringify(elsewhere.seen));
      assert.ok(
        council.seen.some((s) => s.method === 'POST' && s.body.includes(`api_key=${KEY}`)),
        'the council itself did get the report',
      );
      // The log line is written once the answer has gone: wait for it.
      const logged = () =>
        gw
          .lines()
          .filter((l) => l.route === '/open311/v2/requests.json')
          .map((l) => l.upstream);
      for (let i = 0; i < 100 && !logged().includes(`redirect ${code}`); i++) await new Promise((res) => setTimeout(res, 20));
      assert.ok(logged().includes(`redirect ${code}`), logged().join());
      assert.ok(!gw.output().includes(KEY), 'the key is not in the log');
      assert.ok(!gw.output().includes(new URL(elsewhere.endpoint).host), 'nor the Location');
    });
  }

  it('a 302 answer to a report is never taken as its reference', async () => {
    status = 302;
    const r = await postForm(`${gw.endpoint}requests.json`, REPORT);
    const text = await assertErrorList(r, 502);
    assert.ok(!text.includes('taken-by-elsewhere'));
    assert.equal(elsewhere.seen.length, 0);
  });

  it('with apiKeyOn "all", a 301 on a GET sends no api_key anywhere else', async () => {
    status = 301;
    for (const path of ['services.json', 'requests.json?status=open', 'requests/7.json', 'services/OK.xml']) {
      const r = await fetch(`${gw.endpoint}${path}`);
      await assertErrorList(r, 502, path.includes('.xml') ? 'xml' : 'json');
    }
    assert.ok(
      council.seen.some((s) => s.method === 'GET' && s.url.includes(`api_key=${KEY}`)),
      'the council itself did get the key',
    );
    assert.equal(elsewhere.seen.length, 0, JSON.stringify(elsewhere.seen));
    assert.ok(!gw.output().includes(KEY));
  });
});

describe('keys are hidden in every spelling, before anything is cut short', () => {
  /** @type {Awaited<ReturnType<typeof fakeUpstream>>} */
  let council;
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;

  /**
   * Every spelling of a key an upstream might echo.
   * @param {string} key
   */
  const spellings = (key) => [
    key.toUpperCase(),
    key.toLowerCase(),
    encodeURIComponent(key).toLowerCase(),
    [...key].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
    new URLSearchParams({ k: key }).toString().slice(2),
    new URL(`https://crm.example/open311?api_key=${key}`).href,
    new URL(`https://crm.example/keys/${key}`).href,
    JSON.stringify(key)
      .slice(1, -1)
      .replace(/[a-z]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
    [...key].map((c) => `&#${c.charCodeAt(0)};`).join(''),
  ];

  before(async () => {
    council = await fakeUpstream((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.endsWith('/services.json')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(SERVICES);
        return;
      }
      const key = new URLSearchParams(body).get('api_key') ?? '';
      const what = new URLSearchParams(body).get('description');
      if (what === 'plain-cut') {
        // The key straddles the 300th character of a plain-text error, where the excerpt is cut.
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end(`${'x'.repeat(300 - Math.floor(key.length / 2))}${key} and more words after it`);
        return;
      }
      if (what === 'near-misses') {
        // 4 MB of almost-keys (each one character short, in mixed spellings): work for a scrubber
        // that backtracks, nothing for a linear one.
        const near = [key.slice(0, -1), encodeURIComponent(key.slice(0, -1)).toLowerCase(), key.slice(0, -1).toUpperCase()].join(' ');
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end(`${near} `.repeat(Math.ceil(4_000_000 / (near.length + 1))));
        return;
      }
      if (what === 'list-cut') {
        // The key straddles the 500th character of an Open311 error description.
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify([{ code: 400, description: `${'y'.repeat(500 - Math.floor(key.length / 2))}${key.toUpperCase()} more` }]));
        return;
      }
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(spellings(key).map((s, i) => ({ code: 400, description: `rejected key ${s} (spelling ${i})` }))));
    });
    gw = await spawnGateway(
      config({
        limits: { submitsPerMinute: 0, submitsPerDay: 0, getsPerMinute: 0 },
        bodies: [
          { id: 'plain', name: 'Plain Council', endpoint: council.endpoint, apiKeyEnv: 'K', format: 'json', services: ['OK'] },
          { id: 'odd', name: 'Odd Council', endpoint: council.endpoint, apiKeyEnv: 'K2', format: 'json', services: ['OK'] },
        ],
      }),
      { env: { K: KEY, K2: ODD_KEY } },
    );
  });
  after(async () => {
    await gw?.stop();
    await council?.close();
  });

  for (const [body, key] of /** @type {const} */ ([
    ['plain', KEY],
    ['odd', ODD_KEY],
  ])) {
    for (const fmt of /** @type {const} */ (['json', 'xml'])) {
      it(`an upstream echoing the ${body} key in every spelling: none reaches the browser (${fmt}) or the log`, async () => {
        const r = await postForm(`${gw.endpoint}requests.${fmt}`, { ...REPORT, service_code: `${body}-OK`, description: 'echo' });
        const text = await assertErrorList(r, 400, fmt);
        assert.match(text, /spelling 8/, "the council's own words do come through");
        assert.ok(!leaks(text, key), text);
        assert.ok(!leaks(gw.output(), key));
      });
    }
    for (const cut of ['plain-cut', 'list-cut']) {
      it(`no half ${body} key when a long error is cut short (${cut})`, async () => {
        const r = await postForm(`${gw.endpoint}requests.json`, { ...REPORT, service_code: `${body}-OK`, description: cut });
        const text = await assertErrorList(r, 400);
        assert.ok(!leaks(text, key), text);
        assert.ok(!leaks(gw.output(), key));
      });
    }
    it(`4 MB of near-miss ${body} keys in an error body is answered quickly`, async () => {
      const started = Date.now();
      const r = await postForm(`${gw.endpoint}requests.json`, { ...REPORT, service_code: `${body}-OK`, description: 'near-misses' });
      await assertErrorList(r, 400);
      assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    });
  }
});

describe("only known fields and the gateway's own photo links go upstream", () => {
  /** @type {Awaited<ReturnType<typeof fakeUpstream>>} */
  let council;
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;
  const PUBLIC = 'https://report.example-council.gov.uk';
  const OWN = `${PUBLIC}/media/${'0123456789abcdef'.repeat(2)}.jpg`;

  before(async () => {
    council = await fakeUpstream((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(req.url?.includes('services') ? SERVICES : JSON.stringify([{ service_request_id: '1' }]));
    });
    gw = await spawnGateway(
      config({
        publicUrl: PUBLIC,
        mediaUrlHosts: ['https://photos.example-council.gov.uk'],
        limits: { submitsPerMinute: 0, submitsPerDay: 0, getsPerMinute: 0 },
        bodies: [{ id: 'c', name: 'Example Council', endpoint: council.endpoint, apiKeyEnv: 'K', format: 'json', passFields: ['usrn'] }],
      }),
      { env: { K: KEY } },
    );
  });
  after(async () => {
    await gw?.stop();
    await council?.close();
  });

  /** The form the council received for the last POST. */
  const lastPost = () => new URLSearchParams(council.seen.filter((s) => s.method === 'POST').at(-1)?.body ?? '');

  it('drops account_id, device_id and fields the body does not list; passes its passFields', async () => {
    const r = await postForm(`${gw.endpoint}requests.json`, { ...REPORT, account_id: 'acct-7', device_id: 'dev-9', admin: '1', usrn: '8100234' });
    assert.equal(r.status, 200, await r.text());
    const sent = lastPost();
    assert.equal(sent.get('account_id'), null);
    assert.equal(sent.get('device_id'), null);
    assert.equal(sent.get('admin'), null);
    assert.equal(sent.get('usrn'), '8100234');
    assert.equal(sent.get('description'), 'A pothole');
  });

  it('sends on a media_url under its own /media/ and on a listed https origin', async () => {
    for (const link of [OWN, 'https://photos.example-council.gov.uk/p/1.jpg']) {
      const r = await postForm(`${gw.endpoint}requests.json`, { ...REPORT, media_url: link });
      assert.equal(r.status, 200, await r.text());
      assert.equal(lastPost().get('media_url'), link);
    }
  });

  it('refuses any other media_url with a 400 error list, and sends nothing', async () => {
    const before = council.seen.length;
    for (const link of [
      'https://tracker.example/pixel.gif',
      'http://photos.example-council.gov.uk/p/1.jpg',
      'https://photos.example-council.gov.uk.evil.example/p/1.jpg',
      `${PUBLIC}/media/../admin/${'0123456789abcdef'.repeat(2)}.jpg`,
      `${PUBLIC}/elsewhere/${'0123456789abcdef'.repeat(2)}.jpg`,
      `${OWN}?track=1`,
      `${PUBLIC.replace('https://', 'https://user:pw@')}/media/${'0123456789abcdef'.repeat(2)}.jpg`,
      'javascript:alert(1)',
      'not a url',
    ]) {
      for (const fmt of /** @type {const} */ (['json', 'xml'])) {
        await assertErrorList(await postForm(`${gw.endpoint}requests.${fmt}`, { ...REPORT, media_url: link }), 400, fmt);
      }
    }
    assert.equal(council.seen.length, before);
  });

  it('config: mediaUrlHosts takes https origins only', () => {
    const base = { publicUrl: PUBLIC, allowedOrigins: [], bodies: [{ id: 'c', name: 'C', endpoint: 'https://crm.example/v2' }] };
    assert.deepEqual(checkConfig(base).mediaUrlHosts, []);
    assert.deepEqual(checkConfig({ ...base, mediaUrlHosts: ['https://photos.example/'] }).mediaUrlHosts, ['https://photos.example']);
    for (const bad of [['http://photos.example'], ['https://*.example'], ['https://photos.example/path'], 'https://photos.example']) {
      assert.throws(() => checkConfig({ ...base, mediaUrlHosts: bad }), /mediaUrlHosts/);
    }
  });
});

describe('every error is an Open311 error list', () => {
  /** @type {Awaited<ReturnType<typeof fakeUpstream>>} */
  let council;
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;

  before(async () => {
    council = await fakeUpstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(SERVICES);
    });
    gw = await spawnGateway(
      config({
        limits: { submitsPerMinute: 0, submitsPerDay: 0, getsPerMinute: 0 },
        bodies: [{ id: 'c', name: 'Example Council', endpoint: council.endpoint, apiKeyEnv: 'K', format: 'json' }],
      }),
      { env: { K: KEY } },
    );
  });
  after(async () => {
    await gw?.stop();
    await council?.close();
  });

  /**
   * Sends raw bytes and returns the raw answer (fetch would refuse to send these).
   * @param {string} request
   */
  async function raw(request) {
    const { port } = new URL(gw.url);
    return new Promise((resolve) => {
      let answer = '';
      const s = net.connect(Number(port), '127.0.0.1', () => s.write(request));
      s.setEncoding('utf8').on('data', (d) => (answer += d));
      s.on('close', () => resolve(answer));
      s.setTimeout(3000, () => s.destroy());
    });
  }

  /**
   * Splits a raw HTTP answer into a Response.
   * @param {string} answer
   */
  function toResponse(answer) {
    const [head, ...rest] = answer.split('\r\n\r\n');
    const [status, ...lines] = head.split('\r\n');
    const headers = new Headers(lines.map((l) => /** @type {[string, string]} */ ([l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()])));
    return new Response(rest.join('\r\n\r\n'), { status: Number(status.split(' ')[1]), headers });
  }

  for (const [what, path, fmt] of /** @type {const} */ ([
    ['a bad % escape in the path', '/open311/v2/services/%E0%A4%A.json', 'json'],
    ['a bad % escape in the path (XML)', '/open311/v2/requests/%zz.xml', 'xml'],
    ['a bad % escape outside the API', '/nowhere%', 'json'],
  ])) {
    it(`${what}: 400`, async () => {
      await assertErrorList(toResponse(await raw(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)), 400, fmt);
    });
  }

  it('a bad % escape in the query or the form body: 400, and nothing goes upstream', async () => {
    const before = council.seen.length;
    await assertErrorList(await fetch(`${gw.endpoint}requests.json?status=open%zz`), 400);
    await assertErrorList(await fetch(`${gw.endpoint}requests.xml?service_code=%E0%A4`), 400, 'xml');
    const r = await fetch(`${gw.endpoint}requests.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'service_code=OK&description=100%zz',
    });
    await assertErrorList(r, 400);
    assert.equal(council.seen.length, before);
  });

  it("unknown routes: 404 in the URL's format", async () => {
    await assertErrorList(await fetch(`${gw.url}/nothing-here`), 404);
    await assertErrorList(await fetch(`${gw.endpoint}nothing.xml`), 404, 'xml');
    await assertErrorList(await fetch(`${gw.url}/media/nothing.jpg`), 404);
  });

  it("Fastify's and its plugins' own errors: a broken preflight, an unreadable request", async () => {
    // @fastify/cors answers a preflight without Access-Control-Request-Method itself.
    await assertErrorList(await fetch(`${gw.endpoint}services.json`, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:9' } }), 400);
    // Node's parser: a Content-Length that is not a number.
    await assertErrorList(toResponse(await raw('GET /open311/v2/services.json HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n')), 400);
    await assertErrorList(await fetch(`${gw.endpoint}services.json`, { method: 'DELETE' }), 404);
  });
});
