// Issue 17, finding 4: the client's text helpers (the gateway runs the same code from dist/) take
// time in proportion to the input. A 60 KB upstream body once took the gateway 29 s, through a
// quadratic regular expression in the error excerpt. The cases are in test/helpers/linear-time.ts,
// shared with the browser test, bundled here for Node by esbuild.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { tempDir } from '@open311-elements/georeport-server/test-helpers';

const root = new URL('../../', import.meta.url).pathname;
const bundleDir = tempDir();

/** @type {typeof import('../helpers/linear-time.js')} */
let cases;

before(async () => {
  const outfile = path.join(bundleDir, 'linear-time.mjs');
  await build({ entryPoints: [path.join(root, 'test/helpers/linear-time.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile, logLevel: 'error' });
  cases = await import(pathToFileURL(outfile).href);
});

after(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

for (const helper of ['textExcerpt', 'sniff', 'parseXml', 'num', 'date', 'str', 'toErrorItems', 'toServices (keywords)', 'toServiceDefinition']) {
  test(`${helper} takes time in proportion to each adversarial input (10 KB / 100 KB / 1 MB)`, async () => {
    const run = cases.HELPERS.find(([name]) => name === helper)?.[1];
    assert.ok(run, `no helper ${helper}`);
    const timings = [];
    for (const [input, make] of cases.INPUTS) timings.push(await cases.checkLinear(`${helper} on ${input}`, make, run));
    console.log(`slowest: ${cases.slowestOf(timings)}`);
  });
}

for (const status of [200, 500]) {
  test(`the client reads a ${status} answer of each adversarial body in time proportional to it`, async () => {
    const timings = [];
    for (const [input, make] of cases.INPUTS)
      timings.push(await cases.checkLinear(`client ${status} on ${input}`, make, (body) => cases.throughClient(body, status)));
    console.log(`slowest: ${cases.slowestOf(timings)}`);
    const e = await cases.throughClient(`<title>Bad gateway</title>${'<title'.repeat(10_000)}`, 200);
    assert.match(String(/** @type {Error} */ (e).message), /Bad gateway/);
  });
}
