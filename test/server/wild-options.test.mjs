// Client options seen in the wild (issue 12), each tried over HTTP against the local server's
// profile for it (packages/georeport-server/src/profiles-wild.mjs): the real client (src/open311, bundled by esbuild
// for Node) must give the same normalised answers as against the default profile, and without its
// option it must fail with a clear Open311Error (so the option is what makes it work).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { start, tempDir } from '@open311-elements/georeport-server/test-helpers';

const root = new URL('../../', import.meta.url).pathname;
const bundleDir = tempDir();

/** @type {typeof import('../../src/open311/index.js')} */
let open311;
/** @type {Awaited<ReturnType<typeof start>>[]} */
const servers = [];
/** @type {Awaited<ReturnType<typeof scenario>>} */
let reference;

before(async () => {
  const outfile = path.join(bundleDir, 'open311.mjs');
  await build({ entryPoints: [path.join(root, 'src/open311/index.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile, logLevel: 'error' });
  open311 = await import(pathToFileURL(outfile).href);
  reference = await scenario(await server('default'), {});
});

after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(bundleDir, { recursive: true, force: true });
});

/** @param {string} profile */
async function server(profile) {
  const s = await start({ profile });
  servers.push(s);
  return s;
}

/**
 * @param {Awaited<ReturnType<typeof start>>} s
 * @param {Partial<import('../../src/open311/index.js').Open311ClientOptions>} options
 */
function clientOf(s, options) {
  return new open311.Open311Client({ endpoint: s.endpoint, retries: 0, timeoutMs: 5000, ...options });
}

/**
 * What a resident's page does against a server, normalised with the per-server parts (ids, times,
 * raw records) taken out: list services, read a definition, submit, read the report back, and list
 * requests in a date range that holds it and in one that ends just before it.
 * @param {Awaited<ReturnType<typeof start>>} s
 * @param {Partial<import('../../src/open311/index.js').Open311ClientOptions>} options
 */
async function scenario(s, options) {
  const client = clientOf(s, options);
  const services = (await client.services()).map(({ raw, ...rest }) => rest);
  const def = await client.serviceDefinition('PTH-01');
  const definition = { serviceCode: def.serviceCode, attributes: def.attributes.map(({ raw, ...rest }) => rest) };
  const before = Date.now();
  const {
    raw: _raw,
    id,
    ...submitted
  } = await client.submitRequest({
    serviceCode: 'PTH-01',
    lat: 51.4545,
    long: -2.5879,
    description: 'Deep hole outside number 12',
    email: 'resident@example.org',
    attributes: { DEPTH: 'DEEP' },
  });
  assert.equal(typeof id, 'string', 'the submit answer gives the id');
  const one = await client.request(/** @type {string} */ (id));
  assert.ok(one, 'the report reads back');
  assert.equal(one.id, id, 'the report read back has the id the submit gave');
  const { raw, id: _id, requested, updated, expected, ...request } = one;
  const minute = 60_000;
  const holding = await client.requests({ startDate: new Date(before - 10 * minute), endDate: new Date(Date.now() + 10 * minute) });
  const endingBefore = await client.requests({ startDate: new Date(before - 3 * 60 * minute), endDate: new Date(before - 2 * minute) });
  const byId = await client.requests({ ids: [/** @type {string} */ (id)] });
  return {
    services,
    definition,
    submitted,
    request: { ...request, requestedIsDate: requested?.date instanceof Date && !Number.isNaN(requested.date.getTime()) },
    inRange: holding.some((r) => r.id === id),
    beforeRange: endingBefore.some((r) => r.id === id),
    byId: byId.map((r) => r.id === id),
    id: /** @type {string} */ (id),
  };
}

/** The scenario's answers, without the id (each server numbers its own). */
function same(/** @type {Awaited<ReturnType<typeof scenario>>} */ result) {
  const { id, ...rest } = result;
  return rest;
}

test('the reference run against the default profile finds the report in range and only there', () => {
  assert.ok(reference.services.length >= 15);
  assert.equal(reference.inRange, true);
  assert.equal(reference.beforeRange, false);
  assert.deepEqual(reference.byId, [true]);
});

test('path-template: `{resource}?format={format}` works where the suffixed URLs are refused', async () => {
  const s = await server('path-template');
  const result = await scenario(s, { pathTemplate: '{resource}?format={format}' });
  assert.deepEqual(same(result), same(reference));
  const plain = await fetch(`${s.endpoint}services.json`);
  assert.equal(plain.status, 404, 'the server really refuses the .json URL');

  const discovery = await clientOf(s, { pathTemplate: '{resource}?format={format}' }).discovery(`${s.endpoint}discovery`);
  assert.ok(discovery.endpoints.length > 0, 'the discovery document is found where the template says');

  const error = await clientOf(s, {})
    .services()
    .catch((e) => e);
  assert.ok(open311.isOpen311Error(error), String(error));
  assert.equal(error.kind, 'http');
  assert.equal(error.status, 404);
  assert.match(error.message, /services\?format=json/, 'the message says what URL the server wants');
});

test('no-zone: `dateZone: false` sends dates the server accepts and reads them as the same instants', async () => {
  const s = await server('no-zone');
  const result = await scenario(s, { dateZone: false });
  assert.deepEqual(same(result), same(reference));
  const zoned = await fetch(`${s.endpoint}requests.json?start_date=2026-01-01T00:00:00Z`);
  assert.equal(zoned.status, 400, 'the server really refuses a zoned date');

  const client = clientOf(s, {});
  assert.ok((await client.services()).length > 0, 'calls without dates work without the option');
  const error = await client.requests({ startDate: new Date(Date.now() - 3_600_000) }).catch((e) => e);
  assert.ok(open311.isOpen311Error(error), String(error));
  assert.equal(error.kind, 'http');
  assert.equal(error.status, 400);
  assert.match(error.message, /start_date must be a date and time without a time zone/);
});

for (const profile of ['seeclickfix', 'seeclickfix,strings']) {
  test(`${profile}: request records with \`id\` instead of \`service_request_id\` read the same, no option needed`, async () => {
    const s = await server(profile);
    const result = await scenario(s, {});
    assert.deepEqual(same(result), same(reference));
    // The server really answers `id` (a JSON number when all digits, as SeeClickFix's are).
    const [record] = await (await fetch(`${s.endpoint}requests/${encodeURIComponent(result.id)}.json`)).json();
    assert.equal(record.service_request_id, undefined);
    assert.equal(String(record.id), result.id);
    if (profile.includes('strings')) assert.equal(typeof record.id, 'number');
  });
}

test('clientFor shares one client only between elements with the same options', async () => {
  const s = await server('no-zone');
  const plain = open311.clientFor({ endpoint: s.endpoint });
  assert.equal(open311.clientFor({ endpoint: s.endpoint }), plain, 'the same options share one client (one service list)');
  const noZone = open311.clientFor({ endpoint: s.endpoint, dateZone: false });
  assert.notEqual(noZone, plain, 'a different date format is a different client');
  // The shared no-zone client really sends plain dates: the server accepts its date query.
  await noZone.requests({ startDate: new Date(Date.now() - 3_600_000) });
  assert.notEqual(open311.clientFor({ endpoint: s.endpoint, multiValue: 'comma' }), plain);
  assert.notEqual(open311.clientFor({ endpoint: s.endpoint, apiKeyOn: 'all', apiKey: 'k' }), open311.clientFor({ endpoint: s.endpoint, apiKey: 'k' }));
});
