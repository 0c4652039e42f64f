// configure.html's outputs (src/configure/outputs.mjs) and the probe as the page runs it (browser:
// true), in Node (issue 21). Needs the build (the probe uses dist/open311.js).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfig } from '../../gateway/src/config.mjs';
import { startServer } from '@open311-elements/georeport-server';
import { probe } from '../../doctor/probe.mjs';
import { contrastChecks, contrastRatio, embedJson, gatewayJson, pageSnippet, shortcode, stylesheetRule } from '../../src/configure/outputs.mjs';

describe("configure.html's gateway.json", () => {
  const check = (text) => checkConfig(JSON.parse(text), { baseDir: tmpdir(), env: {} });

  test('passes checkConfig for a council site, with the server it forwards to', () => {
    const config = check(
      gatewayJson({
        endpoint: 'https://open311.example-county.gov.uk/v2/',
        site: 'https://www.example-council.gov.uk/report?x=1',
        jurisdiction: 'example-county.gov.uk',
        xml: true,
      }),
    );
    assert.equal(config.publicUrl, 'https://report.example-council.gov.uk');
    assert.deepEqual(config.allowedOrigins, ['https://www.example-council.gov.uk']);
    assert.equal(config.bodies[0].endpoint, 'https://open311.example-county.gov.uk/v2/');
    assert.equal(config.bodies[0].jurisdictionId, 'example-county.gov.uk');
    assert.equal(config.bodies[0].format, 'xml');
  });

  test('passes checkConfig for a site on this computer (no "report.127.0.0.1")', () => {
    const config = check(gatewayJson({ endpoint: 'http://127.0.0.1:8311/open311/v2/', site: 'http://127.0.0.1:8000' }));
    assert.equal(config.publicUrl, 'http://127.0.0.1:8320');
    assert.deepEqual(config.allowedOrigins, ['http://127.0.0.1:8000']);
  });

  test('through a gateway already running: its address is the publicUrl, the council server stays the body', () => {
    const config = check(
      gatewayJson(
        { endpoint: 'https://gw.example.gov.uk/open311/v2/', serverEndpoint: 'https://open311.example.gov.uk/v2/' },
        'https://gw.example.gov.uk/open311/v2/',
      ),
    );
    assert.equal(config.publicUrl, 'https://gw.example.gov.uk');
    assert.equal(config.bodies[0].endpoint, 'https://open311.example.gov.uk/v2/');
  });
});

describe("configure.html's snippets", () => {
  test('what a web team types cannot break out of an attribute or the fallback text', () => {
    const snippet = pageSnippet({
      endpoint: 'https://open311.example.gov.uk/v2/',
      councilPhone: '0300 "><script>alert(1)</script>',
      privacyUrl: 'https://x.example/?a=1&b=2',
    });
    assert.doesNotMatch(snippet, /<script>alert/);
    // The report's drop-in: the page starts with the report (its first screen fetched with the script).
    assert.match(snippet, /^<script type="module" src="[^"]*open311-report\.js"><\/script>\n<open311-report /);
    assert.match(snippet, /council-phone="0300 &quot;>&lt;script>alert\(1\)&lt;\/script>"/);
    assert.match(snippet, /privacy-url="https:\/\/x\.example\/\?a=1&amp;b=2"/);
    assert.match(snippet, /<p>If this form does not load, report a problem by phone on 0300 "&gt;&lt;script&gt;/);
  });

  test('all services ticked: no services attribute and a bare shortcode; a subset: both name it', () => {
    assert.doesNotMatch(pageSnippet({ endpoint: 'https://e.example/v2/', services: [] }), /services=/);
    assert.equal(shortcode({ endpoint: 'https://e.example/v2/' }), '[open311_report]\n');
    assert.equal(
      shortcode({ endpoint: 'https://e.example/v2/', services: ['PTH-01', 'LGT-02'], lang: 'cy' }),
      '[open311_report services="PTH-01,LGT-02" lang="cy"]\n',
    );
  });

  test('embed.json: attributes by name, zoom as a number, the site as parent, language from the address', () => {
    const json = JSON.parse(
      embedJson({ endpoint: 'https://e.example/v2/', site: 'https://www.example.gov.uk', zoom: '13', lang: 'cy', noUrgent: true, urgentPhone: '01234' }),
    );
    assert.deepEqual(json, {
      endpoint: 'https://e.example/v2/',
      zoom: 13,
      'no-urgent': true,
      parentOrigins: ['https://www.example.gov.uk'],
      queryAllowed: ['lang'],
    });
  });

  test("colours: only those that differ from the widget's go into the stylesheet rule", () => {
    assert.equal(stylesheetRule({ endpoint: 'x', colours: { brand: '#1D70B8', button: '#005a30' } }), 'open311-report {\n  --open311-button: #005a30;\n}\n');
    assert.equal(stylesheetRule({ endpoint: 'x', colours: { brand: '#1d70b8' } }), '');
  });
});

describe('contrast against WCAG AA', () => {
  test('ratios as WCAG 2 defines them', () => {
    assert.equal(contrastRatio('#ffffff', '#000'), 21);
    assert.equal(contrastRatio('#777', '#777777'), 1);
    assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01);
    assert.equal(contrastRatio('red', '#fff'), undefined);
  });

  test("the widget's own colours pass; a yellow button or a pale text fails, and says so", () => {
    assert.ok(contrastChecks({}).every((c) => c.passes));
    const bad = contrastChecks({ button: '#ffdd00', text: '#999999' });
    assert.deepEqual(
      bad.filter((c) => !c.passes).map((c) => c.label),
      ['Text on the background', 'White button text on the button colour', 'Text on the focus colour'],
    );
    assert.match(bad[4].text, /: 1\.\d\d:1 — FAILS WCAG AA \(4\.5:1\)\.$/);
    assert.match(contrastChecks({ brand: 'rebeccapurple' })[2].text, /cannot check/);
  });
});

describe('the probe from a web page (browser: true)', () => {
  let server;
  let dir;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'open311-configure-'));
    server = await startServer({ port: 0, profile: 'default', dataDir: dir });
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('answers read: CORS is fine, no preflight is sent (a browser sends its own), and the services are listed', async () => {
    const report = await probe({ endpoint: server.endpoint, browser: true });
    assert.equal(report.works, true, report.reasons.join('\n'));
    assert.equal(report.findings.find((f) => f.id === 'cors')?.level, 'ok');
    assert.equal(report.calls.filter((c) => c.method === 'OPTIONS').length, 0);
    assert.equal(report.services.length, 20);
    assert.ok(report.services.some((s) => s.code === 'PTH-01' && s.name === 'Pothole'));
  });

  test('"Failed to fetch" (no CORS): the gateway is the advice and the form cannot start as it is', async () => {
    const report = await probe({
      endpoint: server.endpoint,
      browser: true,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    assert.equal(report.works, false);
    const cors = report.findings.find((f) => f.id === 'cors');
    assert.equal(cors?.level, 'fail');
    assert.match(cors?.advice ?? '', /gateway/);
    assert.equal(report.snippet, undefined);
    assert.deepEqual(report.services, []);
  });
});

describe('configure.html in a release', () => {
  test('sits beside the script, with everything it loads', async () => {
    const root = new URL('../../', import.meta.url).pathname;
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const out = await mkdtemp(join(tmpdir(), 'open311-release-configure-'));
    try {
      const r = spawnSync(process.execPath, ['scripts/release.mjs', '--no-build', '--out', out], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const dir = join(out, `open311-elements-${version}`);
      const html = readFileSync(join(dir, 'configure.html'), 'utf8');
      const loaded = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(loaded, ['configure.css', 'open311-elements.js', 'configure.js']);
      for (const file of loaded) assert.ok(existsSync(join(dir, file)), file);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
