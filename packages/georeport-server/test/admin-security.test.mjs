// The back office (/admin) against a web page on another origin and against DNS rebinding
// (issue 17, finding 5). Each attack is sent byte for byte as a browser would send it; the test
// asserts the answer and that the store did not change.

import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { start, report, tempDir } from './helpers.mjs';

const TOKEN = 'test-admin-token-0123456789abcdef';
const EVIL = 'https://evil.example';
const RESIDENT = { email: 'resident@example.org', first_name: 'Ann', last_name: 'Resident', phone: '07700 900123' };

/**
 * One raw HTTP request, so Host, Origin and Content-Type are exactly what a browser would send.
 * @param {string} base `http://127.0.0.1:PORT`
 * @param {string} method
 * @param {string} path
 * @param {Record<string, string>} [headers]
 * @param {string} [body]
 * @returns {Promise<{status: number, headers: http.IncomingHttpHeaders, text: string}>}
 */
function raw(base, method, path, headers = {}, body) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path, headers: { ...headers, ...(body ? { 'Content-Length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        const chunks = /** @type {Buffer[]} */ ([]);
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** @type {Awaited<ReturnType<typeof start>>} */
let s;
/** Host header of the server itself, `127.0.0.1:PORT`. */
let host = '';
/** The admin page's own origin. */
let self = '';
let id = '';

/** Every stored request, read with the token (the council's own view). */
async function snapshot() {
  const res = await raw(s.url, 'GET', '/admin/api/requests', { Host: host, Authorization: `Bearer ${TOKEN}` });
  assert.equal(res.status, 200, 'the owner can still read the store');
  return JSON.parse(res.text);
}

/** The cookie a browser holds after following the printed link (sent by same-site pages too). */
async function cookie() {
  const res = await raw(s.url, 'GET', `/admin?token=${TOKEN}`, { Host: host });
  const set = String(res.headers['set-cookie'] ?? '');
  return set.split(';')[0];
}

before(async () => {
  s = await start({ adminToken: TOKEN });
  host = new URL(s.url).host;
  self = s.url;
});
after(() => s.stop());
beforeEach(async () => {
  const res = await raw(s.url, 'POST', '/admin/api/reset', { Host: host, Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, '{}');
  assert.equal(res.status, 200);
  id = await report(s.endpoint, RESIDENT);
});

describe('a page on another origin cannot close or wipe reports', () => {
  test('plain HTML form POST from a foreign origin (no cookie: SameSite=Strict) is refused, nothing changes', async () => {
    const before = await snapshot();
    const res = await raw(
      s.url,
      'POST',
      `/admin/requests/${id}`,
      { Host: host, Origin: EVIL, 'Content-Type': 'application/x-www-form-urlencoded' },
      'status=closed&status_notes=pwned',
    );
    assert.ok(res.status === 403 || res.status === 401, `status ${res.status}`);
    assert.deepEqual(await snapshot(), before);
  });

  test('form POST from another local port (same site, so the Strict cookie is sent) is refused by its Origin', async () => {
    const before = await snapshot();
    const res = await raw(
      s.url,
      'POST',
      `/admin/requests/${id}`,
      { Host: host, Origin: 'http://127.0.0.1:8000', Cookie: await cookie(), 'Content-Type': 'application/x-www-form-urlencoded' },
      'status=closed',
    );
    assert.equal(res.status, 403);
    assert.deepEqual(await snapshot(), before);
  });

  test('no-cors fetch with text/plain JSON cannot wipe the store or close a report', async () => {
    const before = await snapshot();
    const wipe = await raw(s.url, 'POST', '/admin/api/reset', { Host: host, Origin: EVIL, 'Content-Type': 'text/plain;charset=UTF-8' }, '{}');
    assert.ok(wipe.status === 403 || wipe.status === 401, `status ${wipe.status}`);
    const close = await raw(
      s.url,
      'POST',
      `/admin/api/requests/${id}`,
      { Host: host, Origin: EVIL, 'Content-Type': 'text/plain;charset=UTF-8' },
      '{"status":"closed"}',
    );
    assert.ok(close.status === 403 || close.status === 401, `status ${close.status}`);
    // The same from a same-site page that holds the cookie: refused by its Origin.
    const sameSite = await raw(
      s.url,
      'POST',
      '/admin/api/reset',
      { Host: host, Origin: 'http://localhost:8000', Cookie: await cookie(), 'Content-Type': 'text/plain' },
      '{}',
    );
    assert.equal(sameSite.status, 403);
    assert.deepEqual(await snapshot(), before);
  });

  test('the JSON API takes only application/json, even with the token', async () => {
    const before = await snapshot();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const headers = { Host: host, Authorization: `Bearer ${TOKEN}`, ...(type ? { 'Content-Type': type } : {}) };
      const wipe = await raw(s.url, 'POST', '/admin/api/reset', headers, '{}');
      assert.equal(wipe.status, 415, `reset with "${type}"`);
      const close = await raw(s.url, 'POST', `/admin/api/requests/${id}`, headers, '{"status":"closed"}');
      assert.equal(close.status, 415, `change with "${type}"`);
    }
    assert.deepEqual(await snapshot(), before);
  });

  test('the HTML form needs the page’s own CSRF field as well as the cookie', async () => {
    const before = await snapshot();
    const res = await raw(
      s.url,
      'POST',
      `/admin/requests/${id}`,
      { Host: host, Origin: self, Cookie: await cookie(), 'Content-Type': 'application/x-www-form-urlencoded' },
      'status=closed',
    );
    assert.equal(res.status, 403);
    assert.deepEqual(await snapshot(), before);
  });
});

describe('DNS rebinding: a foreign Host name gets nothing', () => {
  for (const badHost of ['rebind.attacker.example', 'rebind.attacker.example:8311', '127.0.0.1.nip.io', 'localhost.attacker.example', '192.168.1.20']) {
    test(`Host: ${badHost} → 403, no names, emails or phones`, async () => {
      for (const path of ['/admin', '/admin/', '/admin/api/requests', '/admin/api/updates', `/admin?token=${TOKEN}`]) {
        const res = await raw(s.url, 'GET', path, { Host: badHost, Authorization: `Bearer ${TOKEN}` });
        assert.equal(res.status, 403, `${path}`);
        for (const secret of Object.values(RESIDENT)) assert.ok(!res.text.includes(secret), `${path} leaks ${secret}`);
        assert.equal(res.headers['set-cookie'], undefined);
      }
      const before = await snapshot();
      const wipe = await raw(s.url, 'POST', '/admin/api/reset', { Host: badHost, Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, '{}');
      assert.equal(wipe.status, 403);
      assert.deepEqual(await snapshot(), before);
    });
  }

  test('loopback names with or without a port are the back office’s own', async () => {
    const port = new URL(s.url).port;
    for (const good of [host, `localhost:${port}`, `[::1]:${port}`, '127.0.0.1', 'localhost', '[::1]', 'LOCALHOST']) {
      const res = await raw(s.url, 'GET', '/admin/api/requests', { Host: good, Authorization: `Bearer ${TOKEN}` });
      assert.equal(res.status, 200, good);
    }
  });

  test('the Open311 API itself answers any Host (it is public and CORS-open; it never shows contact details)', async () => {
    const res = await raw(s.url, 'GET', `/open311/v2/requests/${id}.json`, { Host: 'rebind.attacker.example' });
    assert.equal(res.status, 200);
    for (const secret of Object.values(RESIDENT)) assert.ok(!res.text.includes(secret));
  });
});

describe('the back office needs the token printed at start', () => {
  test('no token or a wrong one: 401 for the page and the API, no personal data, nothing changes', async () => {
    const before = await snapshot();
    for (const auth of [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Bearer ${TOKEN}x` },
      { Cookie: 'open311_admin=wrong' },
      { Authorization: `Basic ${TOKEN}` },
    ]) {
      for (const path of ['/admin', '/admin/api/requests', '/admin/api/updates', '/admin?token=wrong']) {
        const res = await raw(s.url, 'GET', path, { Host: host, ...auth });
        assert.equal(res.status, 401, `${path} ${JSON.stringify(auth)}`);
        for (const secret of Object.values(RESIDENT)) assert.ok(!res.text.includes(secret), `${path} leaks ${secret}`);
      }
      const wipe = await raw(s.url, 'POST', '/admin/api/reset', { Host: host, 'Content-Type': 'application/json', ...auth }, '{}');
      assert.equal(wipe.status, 401);
      const close = await raw(s.url, 'POST', `/admin/api/requests/${id}`, { Host: host, 'Content-Type': 'application/json', ...auth }, '{"status":"closed"}');
      assert.equal(close.status, 401);
      const form = await raw(
        s.url,
        'POST',
        `/admin/requests/${id}`,
        { Host: host, Origin: self, 'Content-Type': 'application/x-www-form-urlencoded', ...auth },
        'status=closed',
      );
      assert.equal(form.status, 401);
    }
    assert.deepEqual(await snapshot(), before);
  });

  test('following the printed link sets an HttpOnly SameSite=Strict cookie and redirects to /admin; the form works from the page', async () => {
    const link = await raw(s.url, 'GET', `/admin?token=${TOKEN}`, { Host: host });
    assert.equal(link.status, 303);
    assert.equal(link.headers.location, '/admin');
    const set = String(link.headers['set-cookie']);
    assert.match(set, /HttpOnly/i);
    assert.match(set, /SameSite=Strict/i);
    assert.match(set, /Path=\/admin/i);
    assert.match(set, new RegExp(`^open311_admin_${new URL(s.url).port}=`), 'one cookie per port: cookies are shared by all ports of a host');
    const jar = set.split(';')[0];

    const page = await raw(s.url, 'GET', '/admin', { Host: host, Cookie: jar });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/, 'no other page can frame it');
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal(page.headers['referrer-policy'], 'same-origin', 'no referrer to other origins; the forms keep their Origin');
    assert.ok(page.text.includes(RESIDENT.email), 'the owner sees the reporter');
    assert.ok(!page.text.includes(TOKEN), 'the page never shows the token');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1];
    assert.ok(csrf, 'each form carries a CSRF field');

    // The browser's own POST from the page: same-origin Origin, form-encoded, cookie, CSRF field.
    const res = await raw(
      s.url,
      'POST',
      `/admin/requests/${id}`,
      { Host: host, Origin: self, Cookie: jar, 'Content-Type': 'application/x-www-form-urlencoded' },
      new URLSearchParams({ csrf, status: 'fixed', status_notes: 'Filled' }).toString(),
    );
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/admin');
    const [r] = await (await fetch(`${s.endpoint}requests/${id}.json`)).json();
    assert.equal(r.status, 'fixed');
  });

  test('API callers send it as a Bearer token; a server started without one makes its own', async () => {
    const res = await raw(
      s.url,
      'POST',
      `/admin/api/requests/${id}`,
      { Host: host, Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json; charset=utf-8' },
      '{"status":"closed"}',
    );
    assert.equal(res.status, 200);
    assert.equal(s.adminToken, TOKEN);

    const other = await start();
    try {
      assert.match(other.adminToken, /^[A-Za-z0-9_-]{32,}$/);
      assert.notEqual(other.adminToken, TOKEN);
      assert.equal((await fetch(`${other.url}/admin/api/requests`)).status, 401);
      assert.equal((await fetch(`${other.url}/admin/api/requests`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 401);
      assert.equal((await other.adminFetch('requests')).status, 200);
    } finally {
      await other.stop();
    }
  });
});

describe('binding', () => {
  test('a non-loopback --host gets a loud warning; loopback hosts none', async () => {
    const { bindWarning } = await import('../src/server.mjs');
    for (const h of ['0.0.0.0', '::', '192.168.1.20', 'example.org', '']) assert.match(String(bindWarning(h)), /WARNING/, h);
    for (const h of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) assert.equal(bindWarning(h), undefined, h);
  });

  test('the CLI warns on stderr before binding anywhere but loopback', { timeout: 15000 }, async () => {
    // 203.0.113.1 (TEST-NET-3) is no address of this machine: the bind fails, nothing is exposed.
    const cli = fileURLToPath(new URL('../src/cli.mjs', import.meta.url));
    const dir = tempDir();
    try {
      const child = spawn(process.execPath, [cli, '--port', '0', '--host', '203.0.113.1', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c) => (err += c));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      assert.equal(code, 2);
      assert.match(err, /WARNING: binding to 203\.0\.113\.1, not to loopback/);
      assert.match(err, /back office \(\/admin\) still needs the token/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the CLI prints the back-office link with its token and binds loopback by default', { timeout: 15000 }, async () => {
    const cli = fileURLToPath(new URL('../src/cli.mjs', import.meta.url));
    const dir = tempDir();
    const child = spawn(process.execPath, [cli, '--port', '0', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (c) => (err += c));
      const link = await new Promise((resolve, reject) => {
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
        child.stdout.on('data', (c) => {
          out += c;
          const m = /Back office: (http:\/\/127\.0\.0\.1:\d+\/admin\?token=[A-Za-z0-9_-]+)\n/.exec(out);
          if (m) resolve(m[1]);
        });
      });
      assert.equal(err, '', 'no warning on loopback');
      const res = await fetch(/** @type {string} */ (link), { redirect: 'manual' });
      assert.equal(res.status, 303);
      assert.match(String(res.headers.get('set-cookie')), /HttpOnly/);
    } finally {
      child.kill();
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
