// Releases a council can pin (issue 12): a page pinned to version N (entry <script integrity> and
// the import map from the release's importmap.json) keeps working after version N+1 is uploaded
// beside it, including the chunks it loads only late (the later steps, the Welsh words), with no
// 404 and no integrity failure; a page pinned to N+1 works too.
//
// N is `npm run release` of dist/ (build it first, under the dist lock). N+1 is what a real upgrade
// uploads: the same files with one chunk changed (steps), so it and every chunk importing it get
// new content-hashed names (the Welsh locale too: it imports the autoloader), while the entry keeps
// its name and unchanged chunks (the map) keep theirs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { setup } from './harness.mjs';
import { expectStep, heading, mouseFlowToCheck } from './flow-helpers.mjs';

const root = new URL('../../', import.meta.url).pathname;
const OLD = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const NEW = OLD.replace(/^(\d+)\.(\d+)\.\d+.*$/, (_, major, minor) => `${major}.${Number(minor) + 1}.0`);
const folder = (v) => `open311-elements-${v}`;

const work = mkdtempSync(join(tmpdir(), 'open311-release-'));
const site = join(work, 'site');
let env;
let web;

/** `scripts/release.mjs` into site/open311/, as a council uploads it. */
function release(version, dist) {
  const r = spawnSync(process.execPath, ['scripts/release.mjs', '--no-build', '--dist', dist, '--version', version, '--out', join(site, 'open311')], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(readFileSync(join(site, 'open311', folder(version), 'integrity.json'), 'utf8')).files;
}

/**
 * dist/ as the next version builds it: steps changed, so it and its importers (transitively)
 * get new hashes and every reference to them is rewritten; entries keep their names.
 */
function nextDist() {
  const to = join(work, 'dist-next');
  cpSync(join(root, 'dist'), to, { recursive: true, filter: (src) => !src.startsWith(join(root, 'dist', 'types')) });
  const chunks = join(to, 'chunks');
  const read = (f) => readFileSync(f, 'utf8');
  const names = readdirSync(chunks).filter((f) => f.endsWith('.js'));
  const late = names.find((f) => f.startsWith('steps-'));
  assert.ok(late, 'dist has a steps chunk (the views of the steps after "where")');
  writeFileSync(join(chunks, late), `${read(join(chunks, late))}\nexport const __open311Release = ${JSON.stringify(NEW)};\n`);
  const changed = new Set([late]);
  for (let grew = true; grew;) {
    grew = false;
    for (const f of names) {
      if (!changed.has(f) && [...changed].some((c) => read(join(chunks, f)).includes(c))) {
        changed.add(f);
        grew = true;
      }
    }
  }
  // `name-HASHHASH.js`: a new 8-character hash, as rollup would give changed content.
  const renames = new Map(
    [...changed].map((f) => [
      f,
      `${f.slice(0, -12)}-${createHash('sha256')
        .update(f + NEW)
        .digest('base64url')
        .slice(0, 8)}.js`,
    ]),
  );
  const files = [...readdirSync(to).filter((f) => f.endsWith('.js')), ...names.map((f) => join('chunks', f))];
  for (const rel of files) {
    let text = read(join(to, rel));
    for (const [from, into] of renames) text = text.replaceAll(from, into);
    const base = rel.startsWith('chunks') ? rel.slice('chunks/'.length) : rel;
    rmSync(join(to, rel));
    writeFileSync(join(to, renames.has(base) ? join('chunks', renames.get(base)) : rel), text);
  }
  return { dir: to, renames };
}

/** The council's page, pinned to one release: the import map from importmap.json, the entry with its SHA-384. */
function pinnedPage(version, integrity) {
  const importMap = readFileSync(join(site, 'open311', folder(version), 'importmap.json'), 'utf8');
  const geocoder = `${env.open311.url}/geocoder/search?q={query}&format=jsonv2`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Report a problem (${version})</title>
<script type="importmap">${importMap}</script>
<script type="module" src="/open311/${folder(version)}/open311-elements.js" integrity="${integrity['open311-elements.js']}" crossorigin="anonymous"></script>
</head>
<body>
<main>
<h1>Report a problem</h1>
<open311-report endpoint="${env.open311.endpoint}" map-style="/map/style.json" center="51.4545,-2.5879" zoom="14"
  geocoder="${geocoder.replaceAll('&', '&amp;')}" contact-fields="first_name last_name email phone" require-contact="email"></open311-report>
</main>
</body>
</html>
`;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.geojson': 'application/geo+json' };

/** The council's web server: the pages, the uploaded release folders, and the demo map style. */
function startSite() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [dir, rest] = path.startsWith('/map/') ? [join(root, 'demo', 'map'), path.slice(5)] : [site, path.slice(1)];
    const file = normalize(join(dir, rest));
    try {
      if (!file.startsWith(dir + sep)) throw new Error('outside');
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`, 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((r) => {
            // A browser's keep-alive connection would hold close() open for good: end them all.
            server.close(r);
            server.closeAllConnections();
          }),
      }),
    ),
  );
}

/** Failed loads, but for the status tracker's probe of FixMyStreet's updates (404 on a plain server). */
const failed = (page) => page.failedRequests.filter((r) => !r.endsWith('/servicerequestupdates.json'));

/** A page that records the scripts it fetched (path and status). */
async function openPage() {
  const page = await env.page();
  page.scripts = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.m?js$/.test(path)) page.scripts.push({ path, status: r.status() });
  });
  return page;
}

/** From "Check your answers": send, see the confirmation, then switch the page to Welsh. */
async function sendThenWelsh(page, description) {
  await page.getByRole('button', { name: 'Send report' }).click();
  await expectStep(page, 'Report sent');
  assert.equal((await env.stored()).filter((r) => r.description === description).length, 1, 'the report reached the server once');
  await page.evaluate(() => {
    document.documentElement.lang = 'cy';
  });
  await heading(page).filter({ hasText: 'Adroddiad wedi’i anfon' }).waitFor({ timeout: 15000 });
}

before(async () => {
  env = await setup();
  web = await startSite();
});
after(async () => {
  // The browser first: its open connections to the site end with it.
  await env?.close();
  await web?.close();
  rmSync(work, { recursive: true, force: true });
});

test('a page pinned to the previous release keeps working after the next one is uploaded beside it', async () => {
  const old = release(OLD, join(root, 'dist'));
  writeFileSync(join(site, 'pinned.html'), pinnedPage(OLD, old));
  const lateChunk = (files) => Object.keys(files).find((f) => /^chunks\/steps-/.test(f));
  const welshChunk = (files) => Object.keys(files).find((f) => /^chunks\/cy-/.test(f));

  const page = await openPage();
  await page.goto(`${web.url}/pinned.html`);
  await expectStep(page, 'Where is the problem?');
  // The late chunks have not been asked for yet: they will be fetched after the upload.
  assert.ok(!page.scripts.some((s) => s.path.includes('/chunks/steps-') || s.path.includes('/chunks/cy-')), 'late chunks not yet loaded');

  // The upgrade is uploaded beside the old release while the resident is filling in the form.
  const next = nextDist();
  const fresh = release(NEW, next.dir);
  writeFileSync(join(site, 'next.html'), pinnedPage(NEW, fresh));
  assert.ok(fresh['open311-elements.js'] && fresh['open311-elements.js'] !== old['open311-elements.js'], 'the entry keeps its name, with new content');
  assert.notEqual(lateChunk(fresh), lateChunk(old), 'the changed chunk has a new name');
  const reportChunk = (files) => Object.keys(files).find((f) => /^chunks\/report-/.test(f));
  assert.notEqual(reportChunk(fresh), reportChunk(old), 'the report chunk imports the changed code: a new name too');
  // The Welsh words import only Lit's chunk (str), not the changed code: the same name and bytes in
  // both releases, and the pinned page still fetches its own release's copy (below).
  assert.equal(welshChunk(fresh), welshChunk(old), 'the Welsh chunk does not import the changed code');
  const map = Object.keys(old).find((f) => /^chunks\/maplibre-/.test(f));
  assert.equal(fresh[map], old[map], 'an unchanged chunk (the map) keeps its name and bytes');

  const description = `Pinned to ${OLD} ${Date.now()}`;
  await mouseFlowToCheck(page, description);
  await sendThenWelsh(page, description);
  const oldPaths = page.scripts.map((s) => s.path);
  assert.ok(oldPaths.includes(`/open311/${folder(OLD)}/${lateChunk(old)}`), 'the old steps chunk was loaded');
  assert.ok(oldPaths.includes(`/open311/${folder(OLD)}/${welshChunk(old)}`), 'the Welsh locale was loaded');
  assert.ok(
    oldPaths.some((p) => p.includes('/chunks/maplibre-')),
    'the map chunk was loaded',
  );
  assert.deepEqual(
    oldPaths.filter((p) => !p.startsWith(`/open311/${folder(OLD)}/`)),
    [],
    'every script came from the pinned release',
  );
  assert.deepEqual(
    page.scripts.filter((s) => s.status !== 200),
    [],
  );
  assert.deepEqual(failed(page), []);
  // A chunk whose bytes do not match the import map's SHA-384 is refused with a console error.
  assert.deepEqual(page.errors, []);

  // A resident who opens the pinned page after the upload gets the old release, whole.
  const again = await openPage();
  await again.goto(`${web.url}/pinned.html`);
  await expectStep(again, 'Where is the problem?');
  assert.deepEqual(
    again.scripts.filter((s) => !s.path.startsWith(`/open311/${folder(OLD)}/`) || s.status !== 200),
    [],
  );

  // The page moved to the new release works too, with the new chunk.
  const upgraded = await openPage();
  await upgraded.goto(`${web.url}/next.html`);
  const description2 = `Pinned to ${NEW} ${Date.now()}`;
  await mouseFlowToCheck(upgraded, description2);
  await sendThenWelsh(upgraded, description2);
  const newPaths = upgraded.scripts.map((s) => s.path);
  assert.ok(newPaths.includes(`/open311/${folder(NEW)}/${lateChunk(fresh)}`), 'the new steps chunk was loaded');
  assert.deepEqual(
    newPaths.filter((p) => !p.startsWith(`/open311/${folder(NEW)}/`)),
    [],
  );
  assert.deepEqual(
    upgraded.scripts.filter((s) => s.status !== 200),
    [],
  );
  assert.deepEqual(failed(upgraded), []);
  assert.deepEqual(upgraded.errors, []);
  assert.equal(await upgraded.evaluate(() => document.querySelector('script[type="module"]').integrity), fresh['open311-elements.js']);
});
