// The drop-in entry and the package's entry (issue 18's byte budget): dist/open311-elements.js, the
// script a council pastes, leaves the "my reports" helpers out of every first screen; the package's
// entry (package.json ".") exports them beside everything the drop-in exports. Reads dist/ as
// `npm run build` wrote it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const dist = join(root, 'dist');
const read = (f) => readFileSync(join(dist, f), 'utf8');
/** The files a module imports statically (`from"./x.js"` / `import"./x.js"`), transitively, as paths under dist/. */
function staticClosure(file, seen = new Set()) {
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  for (const m of read(file).matchAll(/(?:from|import)\s*["']\.\/([\w./-]+\.js)["']/g)) {
    const dep = join(dir, m[1]);
    if (!seen.has(dep)) {
      seen.add(dep);
      staticClosure(dep, seen);
    }
  }
  return seen;
}
// Only the "my reports" storage names this key (src/storage/my-reports.ts).
const holdsMyReports = (file) => read(file).includes('open311:my-reports');

test('the drop-in entry and what it loads at once carry no "my reports" storage', async () => {
  const first = ['open311-elements.js', ...staticClosure('open311-elements.js')];
  assert.deepEqual(first.filter(holdsMyReports), [], `loaded at once: ${first.join(', ')}`);
  const dropIn = await import(join(dist, 'open311-elements.js'));
  assert.equal(dropIn.myReports, undefined);
  assert.equal(typeof dropIn.loadElement, 'function');
});

test('the package entry exports the "my reports" helpers and everything the drop-in exports', async () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = pkg.exports['.'].default;
  assert.equal(pkg.main, file);
  assert.ok(readFileSync(join(root, pkg.exports['.'].types), 'utf8').includes('addMyReport'), 'its types declare the helpers');
  const entry = await import(join(root, file));
  const dropIn = await import(join(dist, 'open311-elements.js'));
  for (const name of Object.keys(dropIn)) assert.equal(entry[name], dropIn[name], name);
  for (const name of ['addMyReport', 'forgetMyReports', 'myReports']) assert.equal(typeof entry[name], 'function', name);
  // Synchronous, as before: a page calls them without awaiting anything.
  const stored = new Map();
  globalThis.localStorage = {
    getItem: (k) => stored.get(k) ?? null,
    setItem: (k, v) => stored.set(k, String(v)),
    removeItem: (k) => stored.delete(k),
  };
  try {
    entry.addMyReport({ id: 'R-7', serviceName: 'Pothole', submittedAt: '2026-12-05T10:00:00Z' });
    assert.deepEqual(
      entry.myReports().map((r) => r.id),
      ['R-7'],
    );
    entry.forgetMyReports();
    assert.deepEqual(entry.myReports(), []);
  } finally {
    delete globalThis.localStorage;
  }
});

// dist/open311-report.js and dist/open311-service-chooser.js (issue 18): drop-ins for a page whose
// first screen is that element, each in one file.
/** Whether `file` defines `tag` (the elements' `define("open311-…", Class)` call, minified: names may hold `$`). */
const defines = (file, tag) => new RegExp(`[\\w$]+\\("${tag}",[\\w$]+\\)`).test(read(file));
const exportsOf = (file) => [...read(file).matchAll(/export\{([^}]*)\}/g)].flatMap((m) => m[1].split(',')).sort();
/** The public names a module exports (`x as Name`, or `Name`). */
const exportNames = (file) => exportsOf(file).map((e) => e.split(' as ').pop());
/** The files a module imports with import(), as paths under dist/. */
const lazyImports = (file) => {
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  return [...new Set([...read(file).matchAll(/import\(\s*["']\.\/([\w./-]+\.js)["']\s*\)/g)].map((m) => join(dir, m[1])))];
};
/** Code a first screen must not carry: the map, "my reports" storage, the later steps, the tracker. */
const laterCode = (file) => /maplibre|steps-|status-tracker/.test(file) || holdsMyReports(file) || read(file).includes('maplibregl');

for (const [dropIn, tags, prefix, later] of [
  ['open311-report.js', ['open311-report', 'open311-map-picker'], 'report', 'steps'],
  ['open311-service-chooser.js', ['open311-service-chooser'], 'chooser', 'report-form'],
]) {
  test(`${dropIn} holds its element's whole first screen in itself, and is the drop-in otherwise`, () => {
    // One file: nothing imported statically, so nothing waits for a second request (issue 18).
    assert.deepEqual([...staticClosure(dropIn)], []);
    for (const tag of tags) assert.ok(defines(dropIn, tag), `it defines <${tag}>`);
    // The generic drop-in's exports, by the same names (and internal ones its own chunks import).
    const names = new Set(exportNames(dropIn));
    for (const name of exportNames('open311-elements.js')) assert.ok(names.has(name), `it exports ${name}`);
    // Nothing that first screen does not need.
    assert.equal(laterCode(dropIn), false, 'no map, later steps, tracker or "my reports" in it');
    // Its later code is its own (chunks/<prefix>.*, built with it), never the main build's chunks:
    // those would bring a second copy of Lit and the elements into the page.
    const seen = new Set();
    const visit = (file) => {
      for (const dep of [...lazyImports(file), ...staticClosure(file)]) {
        if (dep === dropIn || seen.has(dep)) continue;
        seen.add(dep);
        assert.ok(dep.startsWith(`chunks/${prefix}.`) || dep.startsWith('chunks/maplibre-gl-worker-'), `${file} loads ${dep}`);
        visit(dep);
      }
    };
    visit(dropIn);
    assert.ok(
      [...seen].some((f) => f.startsWith(`chunks/${prefix}.${later}-`)),
      `its ${later} chunk among ${[...seen].join(', ')}`,
    );
    // The generic drop-in loads none of it.
    for (const tag of tags) assert.equal([...staticClosure('open311-elements.js')].filter((f) => defines(f, tag)).length, 0, tag);
  });
}

test('open311-service-chooser.js exports the client too, for the script that wires the chooser to the form', () => {
  const names = new Set(exportNames('open311-service-chooser.js'));
  for (const name of exportNames('open311-client.js')) assert.ok(names.has(name), `it exports ${name}`);
});

test("an English first screen carries no @lit/localize runtime: it comes with Welsh or a council's wording", () => {
  // The runtime's private source tag (src/i18n/localize-runtime.ts) marks its chunk.
  const holdsRuntime = (file) => read(file).includes('en-x-source');
  const lazy = readdirSync(join(dist, 'chunks')).filter((f) => holdsRuntime(`chunks/${f}`));
  // One in the main build's chunks, one in each drop-in's own (chunks/report.*, chunks/chooser.*).
  assert.deepEqual(
    lazy.map((f) => f.split('.')[0].replace(/^localize-runtime-.*/, 'main')).sort(),
    ['chooser', 'main', 'report'],
    `the runtime is in one chunk of each build: ${lazy.join(', ')}`,
  );
  for (const entry of ['open311-elements.js', 'open311-report.js', 'open311-service-chooser.js']) {
    const first = [entry, ...staticClosure(entry)];
    assert.deepEqual(first.filter(holdsRuntime), [], `${entry} loads at once: ${first.join(', ')}`);
  }
});
