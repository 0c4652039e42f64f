// The client's code for everything but the service list (service definitions, sending, reading
// reports and tokens) is fetched on first use (src/open311/client.ts, issue 18: a first screen
// that lists services downloads only what that needs). Here that code is split off as a browser
// would get it (src/open311/client-entry.ts bundled by esbuild with code splitting), and its file
// is made unreachable, as on a dropped signal, to show what a resident's page then does.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { start, tempDir } from '@open311-elements/georeport-server/test-helpers';

const root = new URL('../../', import.meta.url).pathname;
const bundleDir = tempDir();

/** @type {typeof import('../../src/open311/client-entry.js')} */
let open311;
/** The split-off file that holds the calls beyond the service list. */
let later = '';
/** @type {Awaited<ReturnType<typeof start>>} */
let server;
/** @type {string[]} copies of the bundle (freshPage) */
const copies = [];

before(async () => {
  await build({
    entryPoints: [path.join(root, 'src/open311/client-entry.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    outdir: bundleDir,
    entryNames: 'entry',
    minify: true,
    logLevel: 'error',
  });
  const files = fs.readdirSync(bundleDir).filter((f) => f.endsWith('.js'));
  // The POST answer's reader and the updates call live there, and nowhere else.
  const holders = files.filter((f) => fs.readFileSync(path.join(bundleDir, f), 'utf8').includes('servicerequestupdates'));
  assert.equal(holders.length, 1, `one file holds the later calls (files: ${files.join(', ')})`);
  assert.notEqual(holders[0], 'entry.js', 'the later calls are not in the file a page imports');
  later = path.join(bundleDir, holders[0]);
  open311 = await import(pathToFileURL(path.join(bundleDir, 'entry.js')).href);
  server = await start({ seed: true });
});

after(async () => {
  await server?.stop();
  for (const dir of [bundleDir, ...copies]) fs.rmSync(dir, { recursive: true, force: true });
});

test('with the later calls unreachable, services still load; a definition or a send fails as a network failure, sends nothing, and works once reachable again', async () => {
  /** @type {string[]} */
  const sent = [];
  /** @type {typeof fetch} */
  const spy = (url, init) => {
    sent.push(`${init?.method ?? 'GET'} ${new URL(String(url)).pathname}`);
    return fetch(url, init);
  };
  const client = new open311.Open311Client({ endpoint: server.endpoint, format: 'auto', retries: 0, fetch: spy });
  const report = { serviceCode: 'PTH-01', lat: 51.4545, long: -2.5879, description: 'First-use test: hole by the bus stop', attributes: { DEPTH: 'DEEP' } };

  const hidden = `${later}.away`;
  fs.renameSync(later, hidden);
  try {
    const services = await client.services();
    assert.ok(
      services.some((s) => s.code === 'PTH-01'),
      'the service list is read without the later code',
    );

    const definition = await client.serviceDefinition('PTH-01').then(
      () => assert.fail('a definition cannot be read without its code'),
      (e) => e,
    );
    assert.ok(open311.isOpen311Error(definition), String(definition));
    assert.equal(definition.kind, 'network');
    assert.equal(definition.transient, true, 'a caller may try again');

    const send = await client.submitRequest(report).then(
      () => assert.fail('a report cannot be sent without its code'),
      (e) => e,
    );
    assert.ok(open311.isOpen311Error(send), String(send));
    assert.equal(send.kind, 'network');
    assert.deepEqual(
      sent.filter((s) => s.startsWith('POST')),
      [],
      'nothing was sent, so trying again cannot send the report twice',
    );
  } finally {
    fs.renameSync(hidden, later);
  }

  // The same client, once the code can be fetched again (a failed fetch is not remembered).
  const definition = await client.serviceDefinition('PTH-01');
  assert.ok(
    definition.attributes.some((a) => a.code === 'DEPTH'),
    'the definition is read',
  );
  const result = await client.submitRequest(report);
  assert.ok(result.id ?? result.token, 'the report is sent and answered with a reference');
  assert.equal(sent.filter((s) => s.startsWith('POST')).length, 1, 'sent once');
  const back = await client.requests({ serviceCodes: 'PTH-01' });
  assert.ok(
    back.some((r) => r.description === report.description),
    'and reads back',
  );
});

/**
 * Runs `fn` while `file` cannot be fetched (renamed aside), then puts it back.
 * @template T
 * @param {string} file
 * @param {() => Promise<T>} fn
 */
async function whileAway(file, fn) {
  fs.renameSync(file, `${file}.away`);
  try {
    return await fn();
  } finally {
    fs.renameSync(`${file}.away`, file);
  }
}

test("an error page for the service list is an http error with its status, whether or not its words' reader can be fetched", async () => {
  // The reader of an error page's words is fetched on the first such answer (src/open311/excerpt.ts).
  const readers = fs.readdirSync(bundleDir).filter((f) => f.endsWith('.js') && fs.readFileSync(path.join(bundleDir, f), 'utf8').includes('nbsp'));
  assert.equal(readers.length, 1, `one file holds the error page reader: ${readers.join(', ')}`);
  assert.notEqual(readers[0], 'entry.js');
  const reader = path.join(bundleDir, readers[0]);
  /** @type {typeof fetch} */
  const proxy = async () => new Response('Service temporarily unavailable &amp; down for maintenance', { status: 503, statusText: 'Service Unavailable' });
  const listOnce = () =>
    new open311.Open311Client({ endpoint: server.endpoint, format: 'json', retries: 0, fetch: proxy }).services().then(
      () => assert.fail('a 503 is not a service list'),
      (e) => e,
    );

  const without = await whileAway(reader, listOnce);
  assert.ok(open311.isOpen311Error(without), String(without));
  assert.equal(without.kind, 'http');
  assert.equal(without.status, 503);
  assert.match(without.message, /503 Service Unavailable/);

  const withWords = await listOnce();
  assert.equal(withWords.kind, 'http');
  assert.match(withWords.message, /Service temporarily unavailable & down for maintenance/, 'the words are read once the reader can be fetched');
});

/**
 * The bundle copied to a directory of its own and imported from there: a page that has not yet
 * fetched any of the client's later code (the test above fetched the error readers' file, and a
 * fetched file is kept for the page's life).
 * @returns {Promise<{ dir: string, open311: typeof import('../../src/open311/client-entry.js') }>}
 */
async function freshPage() {
  const dir = tempDir();
  copies.push(dir);
  fs.cpSync(bundleDir, dir, { recursive: true });
  return { dir, open311: await import(pathToFileURL(path.join(dir, 'entry.js')).href) };
}

test("a JSON error list for the service list gives the server's words, and without its reader an http error with its status", async () => {
  const { dir, open311 } = await freshPage();
  // The reader of a server's error list is fetched on the first error answer (src/open311/error-list.ts).
  const readers = fs.readdirSync(dir).filter((f) => f.endsWith('.js') && /["']detail["']/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
  assert.equal(readers.length, 1, `one file holds the error-list reader: ${readers.join(', ')}`);
  assert.notEqual(readers[0], 'entry.js', 'the error-list reader is not in the file a page imports');
  const reader = path.join(dir, readers[0]);
  /** @type {typeof fetch} */
  const refusing = async () =>
    new Response(JSON.stringify([{ code: 403, description: 'This jurisdiction is closed for maintenance' }]), {
      status: 403,
      statusText: 'Forbidden',
      headers: { 'content-type': 'application/json' },
    });
  const listOnce = () =>
    new open311.Open311Client({ endpoint: server.endpoint, format: 'json', retries: 0, fetch: refusing }).services().then(
      () => assert.fail('a 403 is not a service list'),
      (e) => e,
    );

  const without = await whileAway(reader, listOnce);
  assert.ok(open311.isOpen311Error(without), String(without));
  assert.equal(without.kind, 'http');
  assert.equal(without.status, 403);
  assert.match(without.message, /403 Forbidden/);

  const withWords = await listOnce();
  assert.equal(withWords.kind, 'http');
  assert.deepEqual(
    open311.listedErrors(withWords).map((e) => e.description),
    ['This jurisdiction is closed for maintenance'],
    "the server's words are read once the reader can be fetched",
  );
});
