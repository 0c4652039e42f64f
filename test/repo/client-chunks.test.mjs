// The built client in two parts (rollup.config.mjs, manualChunks; issue 18's byte budget): what a
// first screen that lists services needs, and the later calls (service definitions, sending,
// reading reports, tokens and updates) with their readers, fetched on first use. Reads dist/ as
// `npm run build` wrote it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url).pathname;
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
// The later calls are the only code that asks for FixMyStreet's updates.
const holdsLaterCalls = (file) => read(file).includes('servicerequestupdates');

test('a page importing dist/open311-client.js downloads none of the later calls, and fetches them on first use', () => {
  const first = ['open311-client.js', ...staticClosure('open311-client.js')];
  assert.deepEqual(first.filter(holdsLaterCalls), [], `loaded at once: ${first.join(', ')}`);
  // The main build's chunks (each drop-in has its own, chunks/<prefix>.*: tested below).
  const later = readdirSync(join(dist, 'chunks'))
    .filter((f) => !/^(?:report|chooser)\./.test(f))
    .map((f) => `chunks/${f}`)
    .filter((f) => f.endsWith('.js') && holdsLaterCalls(f));
  assert.equal(later.length, 1, `one chunk holds the later calls: ${later.join(', ')}`);
  const name = later[0].slice('chunks/'.length);
  assert.ok(
    first.some((f) => read(f).includes(`import("./${name}")`)),
    `the first-screen client imports ${name} with import()`,
  );
});

for (const [dropIn, prefix] of [
  ['open311-report.js', 'report'],
  ['open311-service-chooser.js', 'chooser'],
]) {
  test(`${dropIn} downloads none of the later calls, and fetches its own copy on first use`, () => {
    // Built on its own (rollup.config.mjs): no static import, and its lazy code in chunks/<prefix>.*.
    assert.deepEqual([...staticClosure(dropIn)], []);
    assert.equal(holdsLaterCalls(dropIn), false);
    const own = readdirSync(join(dist, 'chunks')).filter((f) => f.startsWith(`${prefix}.`));
    const later = own.filter((f) => holdsLaterCalls(`chunks/${f}`));
    assert.equal(later.length, 1, `one of its chunks holds the later calls: ${later.join(', ')}`);
    // The client's import() of them sits in the drop-in or in a chunk of its own.
    assert.ok(
      [dropIn, ...own.map((f) => `chunks/${f}`)].some((f) => read(f).includes(`import("./${f.startsWith('chunks/') ? '' : 'chunks/'}${later[0]}")`)),
      `something of the drop-in's imports ${later[0]} with import()`,
    );
  });
}

test('the service chooser, on its first screen, downloads none of the later calls', () => {
  const chooser = readdirSync(join(dist, 'chunks')).find((f) => /^service-chooser-[\w-]+\.js$/.test(f));
  assert.ok(chooser, 'dist/chunks has the service chooser');
  const first = [`chunks/${chooser}`, ...staticClosure(`chunks/${chooser}`)];
  for (const f of staticClosure('open311-client.js')) assert.ok(first.includes(f), `it loads the client's ${f}`);
  assert.deepEqual(first.filter(holdsLaterCalls), [], `loaded at once: ${first.join(', ')}`);
});

test('dist/open311.js still exports every reader (toServiceRequests, …) for pages and servers that import them', async () => {
  const open311 = await import(join(dist, 'open311.js'));
  for (const name of [
    'clientFor',
    'Open311Client',
    'toServices',
    'toServiceDefinition',
    'toServiceRequests',
    'toSubmitResult',
    'toTokenResult',
    'toRequestUpdates',
    'toDiscovery',
    'parseOpen311Date',
    'findSubmitted',
  ]) {
    assert.equal(typeof open311[name], 'function', name);
  }
  const [r] = open311.toServiceRequests(open311.parseJson('[{"service_request_id":"7","status":"open"}]'));
  assert.equal(r.id, '7');
});
