// Hosting anywhere (issue 20): many council web servers (IIS by default) serve only the file endings
// they know, and `.mjs` is not among them. The release is served here by a static server that knows
// only .js, .css, .json, .html and images, as such a server would: any other ending is refused (IIS
// answers 404.3) or sent as application/octet-stream (which a browser will not run). The widget and
// its map must work all the same; the map counts as working when maplibre's worker has turned the
// style's GeoJSON into features drawn on the canvas.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { setup } from './harness.mjs';
import { serveHttp } from '../../demo/static.mjs';

const root = new URL('../../', import.meta.url).pathname;

/** The only endings the strict server knows. */
const KNOWN = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.html': 'text/html',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

let env;
let releaseDir;
let out;
before(async () => {
  env = await setup();
  out = await mkdtemp(join(tmpdir(), 'open311-hosting-'));
  const version = '9.9.9-hosting';
  const r = spawnSync(process.execPath, ['scripts/release.mjs', '--no-build', '--version', version, '--out', out], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  releaseDir = join(out, `open311-elements-${version}`);
});
after(async () => {
  await env?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

/**
 * The council's site: `/` a page with the two lines, `/open311/` the release folder, `/map/` the
 * demo's offline map style. `unknown`: what happens to an ending it does not know ('404' or
 * 'octet-stream'). Every answer is logged as `<status> <type> <path>`.
 */
async function strictServer(unknown) {
  const log = [];
  const page = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>A council site on a strict server</title>
<script type="module" src="/open311/open311-elements.js"></script></head>
<body><main>
<open311-report endpoint="${env.open311.endpoint}" map-style="/map/style.json" center="51.4545,-2.5879" zoom="14">
  <p>If this form does not load, phone 0300 123 4567.</p>
</open311-report>
</main></body>
</html>`;
  const server = await serveHttp(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const answer = (status, type, body) => {
      log.push(`${status} ${type} ${path}`);
      res.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' });
      res.end(body);
    };
    if (path === '/') return answer(200, 'text/html', page);
    const [dir, rest] = path.startsWith('/open311/') ? [releaseDir, path.slice(9)] : path.startsWith('/map/') ? [join(root, 'demo/map'), path.slice(5)] : [];
    const file = dir && normalize(join(dir, rest));
    if (!file || !file.startsWith(dir + sep) || !(await stat(file).catch(() => null))?.isFile()) return answer(404, 'text/plain', 'Not found');
    const type = KNOWN[extname(file)];
    if (!type && unknown === '404')
      return answer(404, 'text/plain', 'The page you are looking for cannot be displayed because the file extension is not known (404.3)');
    return answer(200, type ?? 'application/octet-stream', await readFile(file));
  });
  return { ...server, log };
}

for (const unknown of ['404', 'octet-stream']) {
  test(`the map works from a server that knows only .js, .css, .json, .html and images (other endings: ${unknown})`, async () => {
    const site = await strictServer(unknown);
    try {
      const page = await env.page();
      await page.goto(site.url);
      await page.locator('open311-report [data-step-heading]').filter({ hasText: 'Where is the problem?' }).waitFor({ timeout: 20000 });
      await page.getByRole('button', { name: 'Show map' }).click();
      await page.locator('open311-map-picker canvas').waitFor({ timeout: 20000 });
      // Features drawn on the canvas from the style's GeoJSON sources: maplibre's worker did that.
      const drawn = await page.locator('open311-map-picker').evaluate(
        (el) =>
          new Promise((resolve) => {
            const t0 = Date.now();
            const poll = () => {
              const map = el.pickerMap?.map;
              const n = map ? map.queryRenderedFeatures().length : 0;
              if (n > 0 || Date.now() - t0 > 20000) resolve(n);
              else setTimeout(poll, 100);
            };
            poll();
          }),
      );
      // (The browser's own favicon request is the council site's business.)
      const refused = site.log.filter((l) => !l.startsWith('200 ') && !l.endsWith(' /favicon.ico'));
      const untyped = site.log.filter((l) => l.includes('application/octet-stream'));
      assert.ok(
        drawn > 0,
        `the map drew nothing from its GeoJSON (worker not running?); answers not 200: ${refused.join(', ')}; untyped: ${untyped.join(', ')}`,
      );
      assert.ok(
        site.log.some((l) => /^200 text\/javascript \/open311\/chunks\/maplibre-gl-worker[\w-]*\.js$/.test(l)),
        `the map's worker was served as JavaScript: ${site.log.join('\n')}`,
      );
      assert.deepEqual(refused, [], 'nothing the widget asked for was refused');
      assert.deepEqual(untyped, [], 'nothing was served without a type the browser knows');
      assert.deepEqual(page.errors, []);
    } finally {
      await site.close();
    }
  });
}
