// open311-doctor, run as a council would run it (the bin, spawned), against the local server in each
// profile it must recognise and against small servers made here for what the local one does not do:
// a jurisdiction it requires, an api_key for reads, no answer at all, HTML error pages.
// Needs the build (dist/open311.js): `npm run build` first.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { start } from '@open311-elements/georeport-server/test-helpers';
import { checkConfig } from '../../gateway/src/config.mjs';
import { TEST_DESCRIPTION, jurisdictionGuesses, probe } from '../../doctor/probe.mjs';

const BIN = fileURLToPath(new URL('../../bin/open311-doctor.mjs', import.meta.url));
const ORIGIN = 'https://www.example-council.gov.uk';

/**
 * Runs the command; resolves with its exit code and output (never rejects on a non-zero exit).
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 * @returns {Promise<{code: number, out: string, err: string, ms: number}>}
 */
function doctor(args, env = {}) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, out, err) => {
      const code = error ? error.code : 0;
      if (typeof code !== 'number') reject(error);
      else resolve({ code, out, err, ms: Date.now() - started });
    });
  });
}

/** @param {string} out the `--json` output */
function parse(out) {
  return /** @type {import('../../doctor/probe.mjs').Report} */ (JSON.parse(out));
}

/** The stored reports of a local server, read from its data folder (not through /admin). */
function stored(/** @type {{dataDir: string}} */ s) {
  const file = path.join(s.dataDir, 'requests.json');
  if (!fs.existsSync(file)) return [];
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  return /** @type {Array<{description: string, token: string|null, service_request_id: string}>} */ (Array.isArray(data) ? data : data.requests);
}

/**
 * A small server of our own on 127.0.0.1, port 0.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void | Promise<void>} handler
 */
async function adHoc(handler) {
  const server = http.createServer((req, res) => {
    Promise.resolve(handler(req, res, new URL(req.url ?? '/', 'http://localhost'))).catch(() => res.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    endpoint: `http://127.0.0.1:${port}/open311/v2/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * A gate in front of the local server: `refuse` answers for it (or not), the rest is passed through.
 * @param {string} upstream the local server's origin
 * @param {(url: URL, req: http.IncomingMessage) => {status: number, type?: string, body: string} | undefined} refuse
 * @param {string} [onlyOrigin] answer CORS for this origin only (as servers that list their partners' sites do)
 */
function gate(upstream, refuse, onlyOrigin) {
  return adHoc(async (req, res, url) => {
    req.resume();
    const no = refuse(url, req);
    if (no) {
      res.writeHead(no.status, { 'Content-Type': no.type ?? 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
      res.end(no.body);
      return;
    }
    const answer = await fetch(`${upstream}${url.pathname}${url.search}`, { method: req.method, headers: { Origin: req.headers.origin ?? '' } });
    /** @type {Record<string, string>} */
    const headers = {};
    for (const name of ['content-type', 'access-control-allow-origin', 'access-control-allow-methods']) {
      const v = answer.headers.get(name);
      if (v) headers[name] = v;
    }
    if (onlyOrigin) {
      if (req.headers.origin === onlyOrigin) headers['access-control-allow-origin'] = onlyOrigin;
      else delete headers['access-control-allow-origin'];
    }
    res.writeHead(answer.status, headers);
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
}

const openError = (/** @type {number} */ status, /** @type {string} */ description) => ({ status, body: JSON.stringify([{ code: status, description }]) });

describe('open311-doctor against the local server', () => {
  test('default: exit 0, nothing to set, and nothing posted', async () => {
    const s = await start({ seed: true });
    try {
      const before = stored(s).length;
      const r = await doctor([s.endpoint, '--origin', ORIGIN]);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /✓ The widget will work with this server as configured\./);
      assert.match(r.out, /✓ JSON: 20 services/);
      assert.match(r.out, /✓ The server answers without a jurisdiction_id: none needed\./);
      assert.match(r.out, /✓ XML: 20 services/);
      assert.match(r.out, /✓ 13 of 13 definitions read/);
      assert.match(r.out, /2 answers with a disable_message/);
      assert.match(r.out, /2 informational notices \(shown, never sent\)/);
      assert.match(r.out, /automated="server_set"/);
      assert.match(r.out, /Types outside the spec, shown as a text box: boolean \(checkbox\)/);
      assert.match(r.out, /Dates carry a time zone/);
      assert.match(r.out, /lat\/long\/radius accepted: .*\(filtered by place\)/);
      assert.match(r.out, /page\/page_size honoured/);
      assert.match(r.out, /No servicerequestupdates/);
      assert.match(r.out, new RegExp(`lets a page on ${ORIGIN.replace(/\./g, '\\.')} read its answers \\(Access-Control-Allow-Origin: \\*\\)`));
      assert.match(r.out, /Preflight \(OPTIONS\) for a POST: allowed \(204\)/);
      assert.match(r.out, /GET services\.json 200 \d+ ms/, 'each call is timed');
      assert.ok(r.out.includes(`<open311-report endpoint="${s.endpoint}"></open311-report>`), r.out);
      assert.doesNotMatch(r.out, /gateway\.json|✗/);
      assert.match(r.out, /i Nothing was filed\. Whether reports need an api_key shows only when one is sent/);
      assert.equal(stored(s).length, before, 'read-only: no report filed');
    } finally {
      await s.stop();
    }
  });

  test('xml-only: the widget falls back to XML by itself (exit 0)', async () => {
    const s = await start({ profile: 'xml-only' });
    try {
      const r = await doctor([s.endpoint, '--max-definitions', '2']);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /JSON: not answered — The server answered 404: .*\(an HTML page: "Not Found The requested URL was not found on this server\."\)/);
      assert.match(r.out, /answers in XML only.*by itself/);
      assert.match(r.out, /Nothing to set\./);
      assert.match(r.out, /the first 2 of 13; --max-definitions to change/);
      assert.ok(r.out.includes(`<open311-report endpoint="${s.endpoint}"></open311-report>`));
    } finally {
      await s.stop();
    }
  });

  test('strings: text booleans and numeric codes are named as quirks the widget reads (exit 0)', async () => {
    const s = await start({ profile: 'strings' });
    try {
      const r = await doctor([s.endpoint, '--max-definitions', '2']);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /booleans sent as text .* in 20 services/);
      assert.match(r.out, /service codes sent as numbers in 1 service/);
      assert.match(r.out, /Nothing to set: the widget reads these\./);
    } finally {
      await s.stop();
    }
  });

  test('fms: root-keyed JSON, groups lists, updates and the empty list for unknown ids (exit 0)', async () => {
    const s = await start({ profile: 'fms' });
    try {
      const r = await doctor([s.endpoint, '--max-definitions', '2']);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /JSON keeps the root key/);
      assert.match(r.out, /FixMyStreet "groups" lists in 19 services/);
      assert.match(r.out, /servicerequestupdates exists/);
      assert.match(r.out, /unknown reference answers 200 with an empty list/);
    } finally {
      await s.stop();
    }
  });

  test('seeclickfix: "id" for service_request_id needs nothing (exit 0)', async () => {
    const s = await start({ profile: 'seeclickfix', seed: true });
    try {
      const r = await doctor([s.endpoint, '--max-definitions', '0']);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /Records carry "id" instead of "service_request_id".*nothing to set/);
    } finally {
      await s.stop();
    }
  });

  test('no-cors: exit 1, use the gateway, and the printed gateway.json is one the gateway accepts', async () => {
    const s = await start({ profile: 'no-cors' });
    try {
      const r = await doctor([s.endpoint, '--origin', ORIGIN, '--max-definitions', '0']);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /✗ The server sends no CORS headers: the widget on a page on https:\/\/www\.example-council\.gov\.uk cannot read its answers\./);
      assert.match(r.out, /Preflight \(OPTIONS\) for a POST: answered 405 without CORS headers/);
      assert.match(r.out, /→ Use the gateway; here is its config/);
      assert.match(r.out, /The widget will NOT work with this server as configured:\n {4}- The server sends no CORS headers/);
      assert.match(r.out, /gateway\.json for council IT/);
      assert.ok(r.out.includes('<open311-report endpoint="https://report.example-council.gov.uk/open311/v2/"></open311-report>'));

      const j = parse((await doctor([s.endpoint, '--origin', ORIGIN, '--max-definitions', '0', '--json'])).out);
      assert.equal(j.works, false);
      assert.deepEqual(j.gateway?.allowedOrigins, [ORIGIN]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-gw-'));
      try {
        const config = checkConfig(j.gateway, { baseDir: dir, env: {} });
        assert.equal(config.bodies[0].endpoint.replace(/\/?$/, '/'), s.endpoint);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await s.stop();
    }
  });

  test('path-template: exit 1 with the attribute to set; exit 0 once it is set', async () => {
    const s = await start({ profile: 'path-template' });
    try {
      const r = await doctor([s.endpoint, '--max-definitions', '1']);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /it answers at .*services\?format=json/);
      assert.match(r.out, /→ Set path-template="\{resource\}\?format=\{format\}" on the element/);
      assert.ok(r.out.includes(`<open311-report endpoint="${s.endpoint}" path-template="{resource}?format={format}"></open311-report>`));

      const again = await doctor([s.endpoint, '--max-definitions', '1', '--path-template', '{resource}?format={format}']);
      assert.equal(again.code, 0, again.out);
      assert.match(again.out, /✓ 1 of 1 definition read/);
    } finally {
      await s.stop();
    }
  });

  test('no-zone: exit 1 with no-date-zone; exit 0 once it is set', async () => {
    const s = await start({ profile: 'no-zone', seed: true });
    try {
      const r = await doctor([s.endpoint, '--max-definitions', '0']);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /refuses dates with a time zone .* and accepts them without one/);
      assert.match(r.out, /→ Set no-date-zone on the element/);
      assert.ok(r.out.includes(`<open311-report endpoint="${s.endpoint}" no-date-zone></open311-report>`));

      const again = await doctor([s.endpoint, '--max-definitions', '0', '--no-date-zone']);
      assert.equal(again.code, 0, again.out);
      assert.match(again.out, /✓ start_date without a time zone is accepted/);
    } finally {
      await s.stop();
    }
  });

  test('a jurisdiction the server does not know: exit 1', async () => {
    const s = await start();
    try {
      const r = await doctor([s.endpoint, '--jurisdiction', 'elsewhere.gov.uk']);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /does not accept jurisdiction "elsewhere\.gov\.uk": The server answered 404: jurisdiction not found/);
    } finally {
      await s.stop();
    }
  });
});

describe('open311-doctor --try-post', () => {
  test('files exactly one marked test report and reads it back', async () => {
    const s = await start({ seed: true });
    try {
      const before = stored(s);
      const r = await doctor([s.endpoint, '--try-post', '--max-definitions', '0']);
      assert.equal(r.code, 0, r.out);
      const after = stored(s);
      assert.equal(after.length, before.length + 1, 'one report');
      const filed = after.find((x) => !before.some((b) => b.service_request_id === x.service_request_id));
      assert.equal(filed?.description, TEST_DESCRIPTION);
      assert.match(r.out, new RegExp(`Filed ONE test report .*reference ${filed?.service_request_id}`));
      assert.match(r.out, /Read back: status open\./);
    } finally {
      await s.stop();
    }
  });

  test('token-only: follows the token to the reference', async () => {
    const s = await start({ profile: 'token-only' });
    try {
      const r = await doctor([s.endpoint, '--try-post', '--max-definitions', '0']);
      assert.equal(r.code, 0, r.out);
      const after = stored(s);
      assert.equal(after.length, 1);
      assert.equal(after[0].description, TEST_DESCRIPTION);
      assert.ok(after[0].token);
      assert.match(r.out, new RegExp(`token ${after[0].token} \\(no reference yet\\)`));
      assert.match(r.out, new RegExp(`The token became reference ${after[0].service_request_id}`));
      assert.match(r.out, /Read back: status open\./);
    } finally {
      await s.stop();
    }
  });

  test('with the key it wants for reports: one report filed with it, and exit 1 for the gateway', async () => {
    const key = 'post-key-8d3e1f07';
    const s = await start({ apiKey: key });
    try {
      const r = await doctor([s.endpoint, '--try-post', '--api-key-env', 'DOCTOR_TEST_KEY', '--origin', ORIGIN, '--max-definitions', '0'], {
        DOCTOR_TEST_KEY: key,
      });
      assert.equal(r.code, 1, r.out);
      assert.equal(stored(s).length, 1, 'one report');
      assert.match(r.out, /✓ Filed ONE test report/);
      assert.match(r.out, /You gave an api_key: .*a key in a public page is a key anyone can copy/);
      assert.match(r.out, /"apiKeyEnv": "DOCTOR_TEST_KEY"/);
      assert.doesNotMatch(r.out, /"apiKeyOn"/, 'reads need no key here');
      assert.ok(!r.out.includes(key), 'the key is never printed');
    } finally {
      await s.stop();
    }
  });

  test('a server that wants an api_key for reports: exit 1, use the gateway', async () => {
    const s = await start({ apiKey: 'secret-key-123' });
    try {
      const r = await doctor([s.endpoint, '--try-post', '--max-definitions', '0']);
      assert.equal(r.code, 1, r.out);
      assert.equal(stored(s).length, 0, 'nothing filed');
      assert.match(r.out, /was refused: The server answered 403: Invalid or missing api_key/);
      assert.match(r.out, /wants an api_key for reports: use the gateway/);
      assert.match(r.out, /gateway\.json for council IT/);
    } finally {
      await s.stop();
    }
  });
});

describe('open311-doctor against servers of other shapes', () => {
  /** @type {Awaited<ReturnType<typeof start>>} */
  let local;
  before(async () => {
    local = await start({ seed: true });
  });
  after(async () => {
    await local.stop();
  });

  test('a server that needs a jurisdiction: finds it from --origin, exit 1; exit 0 once set', async () => {
    const g = await gate(local.url, (url) => {
      const j = url.searchParams.get('jurisdiction_id');
      if (!url.pathname.startsWith('/open311/v2/')) return undefined;
      if (!j) return openError(400, 'jurisdiction_id is required');
      if (j !== 'example-council.gov.uk') return openError(404, 'jurisdiction not found');
      return undefined;
    });
    try {
      const blind = await doctor([g.endpoint]);
      assert.equal(blind.code, 1, blind.out);
      assert.match(blind.out, /The server needs a jurisdiction_id: The server answered 400: jurisdiction_id is required/);
      assert.match(blind.out, /Ask your supplier for your jurisdiction_id/);

      const r = await doctor([g.endpoint, '--origin', ORIGIN, '--max-definitions', '0']);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /It answers to "example-council\.gov\.uk"/);
      assert.match(r.out, /→ Set jurisdiction="example-council\.gov\.uk" on the element/);
      assert.ok(r.out.includes(`<open311-report endpoint="${g.endpoint}" jurisdiction="example-council.gov.uk"></open311-report>`));

      const set = await doctor([g.endpoint, '--jurisdiction', 'example-council.gov.uk', '--max-definitions', '1']);
      assert.equal(set.code, 0, set.out);
      assert.match(set.out, /✓ The server accepts jurisdiction_id "example-council\.gov\.uk"\./);
      assert.match(set.out, /✓ 1 of 1 definition read/);
    } finally {
      await g.close();
    }
  });

  test('a server that wants an api_key for reads: exit 1, the gateway with apiKeyOn "all", and the key never printed', async () => {
    const key = 'read-key-4f9a2c81';
    const g = await gate(local.url, (url) =>
      url.pathname.startsWith('/open311/v2/') && url.searchParams.get('api_key') !== key ? openError(401, 'api_key required') : undefined,
    );
    try {
      const none = await doctor([g.endpoint]);
      assert.equal(none.code, 1, none.out);
      assert.match(none.out, /refuses to list its services without an api_key: The server answered 401: api_key required/);
      assert.match(none.out, /Run again with --api-key-env NAME/);

      const env = { DOCTOR_TEST_KEY: key };
      const r = await doctor([g.endpoint, '--api-key-env', 'DOCTOR_TEST_KEY', '--origin', ORIGIN, '--max-definitions', '1'], env);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /wants an api_key even to list its services/);
      assert.match(r.out, /"apiKeyOn": "all"/);
      assert.match(r.out, /"apiKeyEnv": "DOCTOR_TEST_KEY"/);
      assert.match(r.out, /✓ 1 of 1 definition read/, 'with the key, the rest is checked');
      assert.ok(!r.out.includes(key) && !r.err.includes(key), 'the key is never printed');

      const j = parse((await doctor([g.endpoint, '--api-key-env', 'DOCTOR_TEST_KEY', '--origin', ORIGIN, '--max-definitions', '0', '--json'], env)).out);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-gw-'));
      try {
        const config = checkConfig(j.gateway, { baseDir: dir, env });
        assert.equal(config.bodies[0].apiKeyOn, 'all');
        assert.equal(config.bodies[0].apiKey, key, 'the gateway finds the key where the doctor says');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await g.close();
    }
  });

  test('a server that allows listed sites only: exit 0 for a listed one, 1 for another', async () => {
    const g = await gate(local.url, () => undefined, ORIGIN);
    try {
      const listed = await doctor([g.endpoint, '--origin', ORIGIN, '--max-definitions', '0']);
      assert.equal(listed.code, 0, listed.out);
      assert.match(
        listed.out,
        /✓ The server lets a page on https:\/\/www\.example-council\.gov\.uk read its answers \(Access-Control-Allow-Origin: https:\/\/www\.example-council\.gov\.uk\)/,
      );

      const other = await doctor([g.endpoint, '--origin', 'https://www.example-parish.org.uk', '--max-definitions', '0']);
      assert.equal(other.code, 1, other.out);
      assert.match(other.out, /✗ The server sends no CORS headers: the widget on a page on https:\/\/www\.example-parish\.org\.uk cannot read its answers/);
      assert.match(other.out, /"allowedOrigins": \[\n\s+"https:\/\/www\.example-parish\.org\.uk"/);
    } finally {
      await g.close();
    }
  });

  test('no CORS and a path template: the gateway cannot set the template yet, and says so', async () => {
    const s = await start({ profile: 'no-cors,path-template' });
    try {
      const r = await doctor([s.endpoint, '--origin', ORIGIN, '--max-definitions', '0']);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /→ Set path-template="\{resource\}\?format=\{format\}"/);
      assert.match(r.out, /✗ The server sends no CORS headers/);
      assert.match(r.out, /! The gateway has no setting yet for path-template, which this server needs\./);
    } finally {
      await s.stop();
    }
  });

  test('a server that never answers: exit 1 after the --timeout, not the default', async () => {
    const g = await adHoc((req) => {
      req.resume();
      // No answer at all.
    });
    try {
      const r = await doctor([g.endpoint, '--timeout', '0.5']);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /did not answer the service list within 0\.5 s/);
      assert.match(r.out, /timeout="30000"/);
      assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
      assert.doesNotMatch(r.out, /What to paste/);
    } finally {
      await g.close();
    }
  });

  test('a server that answers HTML error pages for everything: exit 1 with its words', async () => {
    const g = await adHoc((req, res) => {
      req.resume();
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end(
        '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The council CRM is down for maintenance.</p></body></html>',
      );
    });
    try {
      const r = await doctor([g.endpoint]);
      assert.equal(r.code, 1, r.out);
      assert.match(
        r.out,
        /The service list could not be read\. In JSON: The server answered 503: 503 Service Unavailable \(an HTML page: "Service Unavailable The council CRM is down for maintenance\."\)/,
      );
      assert.match(r.out, /send this report to your supplier/);
    } finally {
      await g.close();
    }
  });

  test('a server whose errors are HTML pages but whose answers are Open311: works, with a warning', async () => {
    const g = await gate(local.url, (url) =>
      url.pathname.includes('no-such') ? { status: 404, type: 'text/html', body: '<html><body><h1>404 Not Found</h1></body></html>' } : undefined,
    );
    try {
      const r = await doctor([g.endpoint, '--max-definitions', '0']);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /! An unknown reference answers 404 with an HTML page/);
      assert.match(r.out, /residents see the widget's own words, never the server's/);
    } finally {
      await g.close();
    }
  });
});

describe('open311-doctor on service definitions without an <attributes> wrapper', () => {
  test('says they are read the same (exit 0)', async () => {
    const s = await start();
    const g = await gate(s.url, (url) =>
      url.pathname.endsWith('/services/PTH-01.json')
        ? {
            status: 200,
            body: JSON.stringify({
              service_code: 'PTH-01',
              attribute: [{ variable: true, code: 'DEPTH', datatype: 'string', required: false, order: 1, description: 'How deep?' }],
            }),
          }
        : undefined,
    );
    try {
      const r = await doctor([g.endpoint, '--max-definitions', '1']);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /1 without an <attributes> wrapper \(the first v2 shape\) — read the same/);
      assert.match(r.out, /Question types: string ×1\n/);
    } finally {
      await g.close();
      await s.stop();
    }
  });
});

describe('the probe module on its own', () => {
  test('jurisdiction guesses: the site’s domain without www, then the endpoint’s', () => {
    assert.deepEqual(jurisdictionGuesses('https://open311.example-county.gov.uk/v2/', 'https://www.example-council.gov.uk'), [
      'example-council.gov.uk',
      'example-county.gov.uk',
      'open311.example-county.gov.uk',
    ]);
    assert.deepEqual(jurisdictionGuesses('http://127.0.0.1:8311/open311/v2/', undefined), []);
  });

  test('probe() answers with findings, calls and a verdict, through the fetch it is given', async () => {
    const s = await start({ profile: 'xml-only' });
    try {
      /** @type {string[]} */
      const seen = [];
      const report = await probe({
        endpoint: s.endpoint,
        origin: ORIGIN,
        maxDefinitions: 0,
        fetch: (input, init) => {
          seen.push(`${init?.method ?? 'GET'} ${String(input)}`);
          return fetch(input, init);
        },
      });
      assert.equal(report.works, true);
      assert.deepEqual(report.reasons, []);
      assert.equal(report.findings.find((f) => f.id === 'xml-only')?.level, 'info');
      assert.equal(report.findings.find((f) => f.id === 'cors')?.level, 'ok');
      assert.equal(report.calls.length, seen.length, 'every call is recorded');
      assert.ok(
        seen.every((c) => !c.startsWith('POST')),
        'nothing posted',
      );
      assert.ok(report.calls.every((c) => typeof c.ms === 'number' && c.ms >= 0));
    } finally {
      await s.stop();
    }
  });
});

describe('open311-doctor usage', () => {
  test('bad usage exits 2 with the usage text', async () => {
    for (const args of [
      [],
      ['ftp://example.org/v2/'],
      ['https://example.org/v2/', '--timeout', 'soon'],
      ['https://example.org/v2/', '--api-key-env', 'DOCTOR_UNSET_VARIABLE'],
      ['https://example.org/v2/', '--origin', 'https://www.example.org/page'],
      ['https://example.org/v2/', '--bogus'],
    ]) {
      const r = await doctor(args, { DOCTOR_UNSET_VARIABLE: '' });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err, /Usage: open311-doctor <endpoint>/);
      assert.equal(r.out, '');
    }
  });
});
