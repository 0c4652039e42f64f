// The built loader asks for an element's chunk and that chunk's own imports at the same moment
// (rollup.config.mjs, preloadLazyChunkImports): on a weak signal each round trip saved is 0.4 s or
// more (issue 12). Reads dist/ as `npm run build` wrote it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const chunks = new URL('../../dist/chunks/', import.meta.url).pathname;
const read = (f) => readFileSync(join(chunks, f), 'utf8');
/** The files a chunk imports statically (`from"./x.js"` / `import"./x.js"`), transitively. */
function staticClosure(file, seen = new Set()) {
  for (const m of read(file).matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)) {
    if (!seen.has(m[1])) {
      seen.add(m[1]);
      staticClosure(m[1], seen);
    }
  }
  return seen;
}

test('loading <open311-report> also asks at once for every module its chunk imports', () => {
  const autoload = readdirSync(chunks).find((f) => /^autoload-.*\.js$/.test(f));
  assert.ok(autoload, 'dist/chunks has the loader');
  const code = read(autoload);
  const report = /import\("\.\/(report-[\w-]+\.js)"\)/.exec(code)?.[1];
  assert.ok(report, 'the loader imports the report chunk lazily');
  const list = new RegExp(`[\\w$]+\\((\\[[^\\[\\]]*\\])\\),import\\("\\./${report.replace(/[.-]/g, '\\$&')}"\\)`).exec(code)?.[1];
  assert.ok(list, 'the report chunk is preceded by a preload of its imports');
  const preloaded = JSON.parse(list).map((p) => p.replace(/^\.\//, ''));
  for (const f of preloaded) assert.ok(existsSync(join(chunks, f)), `${f} exists`);
  const needed = [...staticClosure(report)].filter((f) => !staticClosure(autoload).has(f) && f !== autoload);
  assert.deepEqual(preloaded.sort(), needed.sort(), 'exactly the imports the loader has not loaded already');
  assert.match(code, /modulepreload/);
});
