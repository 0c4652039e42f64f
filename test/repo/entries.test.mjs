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
// first screen is that element.
/** Whether `file` defines `tag` (the elements' `define("open311-…", Class)` call, minified). */
const defines = (file, tag) => new RegExp(`\\b\\w+\\("${tag}",\\w+\\)`).test(read(file));
const exportsOf = (file) => [...read(file).matchAll(/export\{([^}]*)\}/g)].flatMap((m) => m[1].split(',')).sort();

for (const [dropIn, tags] of [
  ['open311-report.js', ['open311-report', 'open311-map-picker']],
  ['open311-service-chooser.js', ['open311-service-chooser']],
]) {
  test(`${dropIn} asks for its element's first screen with itself, and is the drop-in otherwise`, () => {
    const generic = staticClosure('open311-elements.js');
    const closure = staticClosure(dropIn);
    // Everything the generic drop-in loads at once, it loads too; the same exports; then the same code.
    for (const file of generic) assert.ok(closure.has(file), `${dropIn} loads ${file}`);
    assert.deepEqual(exportsOf(dropIn), exportsOf('open311-elements.js'));
    assert.ok(read(dropIn).endsWith(read('open311-elements.js')), 'then runs the generic drop-in itself');
    // …plus the element's own chunks: fetched with the script, not once the page has been read.
    const first = [...closure].filter((f) => !generic.has(f));
    for (const tag of tags)
      assert.ok(
        first.some((f) => defines(f, tag)),
        `<${tag}>'s chunk among ${first.join(', ')}`,
      );
    // Asked for by the script itself (one level), not discovered one file later.
    const direct = new Set([...read(dropIn).matchAll(/import\s*["']\.\/([\w./-]+\.js)["']/g)].map((m) => m[1]));
    for (const f of first) assert.ok(direct.has(f), `${dropIn} imports ${f} directly`);
    // Nothing that first screen does not need: no map, no "my reports" storage, no later steps.
    assert.deepEqual(
      [...closure].filter((f) => /maplibre|steps-|status-tracker/.test(f) || holdsMyReports(f)),
      [],
    );
    // The generic drop-in loads none of it.
    for (const tag of tags) assert.equal([...generic].filter((f) => defines(f, tag)).length, 0, tag);
  });
}

test("an English first screen carries no @lit/localize runtime: it comes with Welsh or a council's wording", () => {
  // The runtime's private source tag (src/i18n/localize-runtime.ts) marks its chunk.
  const holdsRuntime = (file) => read(file).includes('en-x-source');
  const lazy = readdirSync(join(dist, 'chunks')).filter((f) => holdsRuntime(`chunks/${f}`));
  assert.equal(lazy.length, 1, 'one chunk holds the runtime');
  for (const entry of ['open311-elements.js', 'open311-report.js', 'open311-service-chooser.js']) {
    const first = [entry, ...staticClosure(entry)];
    assert.deepEqual(first.filter(holdsRuntime), [], `${entry} loads at once: ${first.join(', ')}`);
  }
});
