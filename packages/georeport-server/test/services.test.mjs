// Service list, service definitions and discovery, in JSON and XML; the catalogue's promised quirks.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, xmlAll, XML_DECLARATION } from './helpers.mjs';
import { services } from '../src/catalogue.mjs';

/** @type {Awaited<ReturnType<typeof start>>} */
let s;
before(async () => {
  s = await start();
});
after(() => s.stop());

test('catalogue: at least 16 services in at least 5 groups, with every promised quirk', () => {
  assert.ok(services.length >= 16);
  const groups = new Set(services.flatMap((x) => x.groups));
  assert.ok(groups.size >= 5);
  const attrs = services.flatMap((x) => x.attributes);
  for (const type of ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist', 'Boolean (checkbox)']) {
    assert.ok(
      attrs.some((a) => a.datatype === type),
      `datatype ${type}`,
    );
  }
  assert.ok(attrs.some((a) => !a.variable));
  assert.ok(attrs.some((a) => a.automated === 'hidden_field'));
  assert.ok(attrs.some((a) => a.automated === 'server_set'));
  assert.ok(attrs.some((a) => a.values?.some((v) => v.disable_message)));
  assert.ok(services.some((x) => x.type === 'batch'));
  assert.ok(services.some((x) => !x.metadata));
  assert.ok(services.some((x) => x.groups.length > 1));
  assert.ok(services.some((x) => x.groups.length === 0));
  assert.ok(
    services.some((x) =>
      x.keywords
        .split(',')
        .map((k) => k.trim())
        .includes('staff'),
    ),
  );
  assert.ok(
    services.some((x) =>
      x.keywords
        .split(',')
        .map((k) => k.trim())
        .includes('inactive'),
    ),
  );
  assert.ok(services.some((x) => /^0\d+$/.test(x.service_code)));
  assert.ok(services.some((x) => x.service_code.includes(' ')));
  const ft10 = services.find((x) => x.service_code === 'FT-10');
  const orders = ft10?.attributes.map((a) => a.order);
  assert.ok(orders?.includes(null), 'a missing order');
  assert.notEqual(new Set(orders).size, orders?.length, 'a repeated order');
  assert.equal(new Set(services.map((x) => x.service_code)).size, services.length, 'codes unique');
});

test('GET services.json: bare array with spec fields, group = first group, no group when none', async () => {
  const res = await fetch(`${s.endpoint}services.json`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  const list = await res.json();
  assert.ok(Array.isArray(list));
  assert.equal(list.length, services.length);
  const pothole = list.find((/** @type {any} */ x) => x.service_code === 'PTH-01');
  assert.deepEqual(pothole, {
    service_code: 'PTH-01',
    service_name: 'Pothole',
    description: 'A hole or sunken area in the surface of a road or cycle lane.',
    metadata: true,
    type: 'realtime',
    keywords: 'road, carriageway, hole, tarmac, pothole',
    group: 'Roads and pavements',
  });
  assert.equal(list.find((/** @type {any} */ x) => x.service_code === 'DRN-01').group, 'Drains and flooding');
  assert.ok(!('group' in list.find((/** @type {any} */ x) => x.service_code === 'OTH-99')));
  assert.ok(!list.some((/** @type {any} */ x) => 'groups' in x));
  assert.equal(list.find((/** @type {any} */ x) => x.service_code === 'LGT-02').type, 'batch');
  assert.equal(list.find((/** @type {any} */ x) => x.service_code === '007').service_code, '007');
  // staff and inactive services are still listed: hiding them is the client's job.
  assert.ok(list.some((/** @type {any} */ x) => x.service_code === 'HWY-STAFF'));
  assert.ok(list.some((/** @type {any} */ x) => x.service_code === 'SNOW-01'));
});

test('GET services.xml: declaration, services/service, booleans as text', async () => {
  const res = await fetch(`${s.endpoint}services.xml`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/xml; charset=utf-8');
  const xml = await res.text();
  assert.ok(xml.startsWith(XML_DECLARATION));
  assert.match(xml, /<services>\s*<service>\s*<service_code>PTH-01<\/service_code>/);
  assert.equal(xmlAll(xml, 'service').length, services.length);
  assert.deepEqual(
    xmlAll(xml, 'service_code'),
    services.map((x) => x.service_code),
  );
  assert.ok(xml.includes('<metadata>true</metadata>'));
  assert.ok(xml.includes('<metadata>false</metadata>'));
  assert.ok(!xml.includes('<groups>'));
});

test('GET services/{code}.json: definition object, every field, null datatype_description, values only on lists', async () => {
  const res = await fetch(`${s.endpoint}services/PTH-01.json`);
  assert.equal(res.status, 200);
  const def = await res.json();
  assert.equal(def.service_code, 'PTH-01');
  assert.ok(Array.isArray(def.attributes));
  const [depth, notice, width, usrn] = def.attributes;
  assert.deepEqual(Object.keys(depth), ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
  assert.deepEqual(depth.values[0], { key: 'SHALLOW', name: 'Less than 5 cm' });
  assert.equal(notice.variable, false);
  assert.equal(notice.datatype_description, null);
  assert.ok(!('values' in notice));
  assert.equal(width.datatype, 'number');
  assert.equal(usrn.automated, 'server_set');
});

test('definition quirks: DC-like order, unknown datatype, hidden_field, disable_message', async () => {
  const ft = await (await fetch(`${s.endpoint}services/FT-10.json`)).json();
  assert.deepEqual(
    ft.attributes.map((/** @type {any} */ a) => a.order),
    [9, 3, 1, 8, null, 3],
  );
  const witness = ft.attributes.find((/** @type {any} */ a) => a.code === 'WITNESS');
  assert.equal(witness.datatype, 'Boolean (checkbox)');
  assert.ok(!('values' in witness));
  const light = await (await fetch(`${s.endpoint}services/LGT-02.json`)).json();
  assert.equal(light.attributes.find((/** @type {any} */ a) => a.code === 'asset_id').automated, 'hidden_field');
  const priv = light.attributes.find((/** @type {any} */ a) => a.code === 'PRIVATE');
  assert.match(priv.values.find((/** @type {any} */ v) => v.key === 'PRIVATE').disable_message, /Private lights/);
});

test('GET services/{code}.xml: service_definition/attributes/attribute/values/value; empty and null fields', async () => {
  const res = await fetch(`${s.endpoint}services/PTH-01.xml`);
  assert.equal(res.headers.get('content-type'), 'text/xml; charset=utf-8');
  const xml = await res.text();
  assert.ok(xml.startsWith(XML_DECLARATION));
  assert.match(xml, /<service_definition>\s*<service_code>PTH-01<\/service_code>\s*<attributes>\s*<attribute>\s*<variable>true<\/variable>/);
  assert.match(xml, /<values>\s*<value>\s*<key>SHALLOW<\/key>\s*<name>Less than 5 cm<\/name>\s*<\/value>/);
  assert.equal(xmlAll(xml, 'attribute').length, 4);
  assert.ok(xml.includes('<datatype_description/>'));
  const ft = await (await fetch(`${s.endpoint}services/FT-10.xml`)).text();
  assert.ok(ft.includes('<order/>'));
  assert.ok(ft.includes('<datatype>Boolean (checkbox)</datatype>'));
});

test('service codes are URL-decoded: space and leading zero', async () => {
  const bin = await fetch(`${s.endpoint}services/BIN%20OVERFLOW.json`);
  assert.equal(bin.status, 200);
  assert.deepEqual(await bin.json(), { service_code: 'BIN OVERFLOW', attributes: [] });
  const sign = await (await fetch(`${s.endpoint}services/007.xml`)).text();
  assert.ok(sign.includes('<service_code>007</service_code>'));
});

test('unknown service: 404 error list in both formats', async () => {
  const json = await fetch(`${s.endpoint}services/XYZ.json`);
  assert.equal(json.status, 404);
  assert.deepEqual(await json.json(), [{ code: 404, description: 'service_code XYZ not found' }]);
  const xml = await fetch(`${s.endpoint}services/XYZ.xml`);
  assert.equal(xml.status, 404);
  const text = await xml.text();
  assert.ok(text.startsWith(XML_DECLARATION));
  assert.match(text, /<errors>\s*<error>\s*<code>404<\/code>\s*<description>service_code XYZ not found<\/description>\s*<\/error>\s*<\/errors>/);
});

test('jurisdiction_id: ours or absent is fine, anything else 404', async () => {
  assert.equal((await fetch(`${s.endpoint}services.json?jurisdiction_id=example-council.gov.uk`)).status, 200);
  assert.equal((await fetch(`${s.endpoint}services.json?jurisdiction_id=`)).status, 200);
  const res = await fetch(`${s.endpoint}services.json?jurisdiction_id=elsewhere.gov`);
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), [{ code: 404, description: 'jurisdiction not found' }]);
  const def = await fetch(`${s.endpoint}services/PTH-01.xml?jurisdiction_id=elsewhere.gov`);
  assert.equal(def.status, 404);
  assert.ok((await def.text()).includes('<description>jurisdiction not found</description>'));
  assert.equal((await fetch(`${s.endpoint}requests.json?jurisdiction_id=elsewhere.gov`)).status, 404);
});

test('discovery in JSON and XML', async () => {
  const json = await (await fetch(`${s.endpoint}discovery.json`)).json();
  assert.equal(typeof json.changeset, 'string');
  assert.equal(json.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.equal(json.endpoints[0].url, s.endpoint);
  assert.deepEqual(json.endpoints[0].formats, ['text/xml', 'application/json']);
  const xml = await (await fetch(`${s.endpoint}discovery.xml`)).text();
  assert.ok(xml.startsWith(XML_DECLARATION));
  assert.match(xml, /<discovery>[\s\S]*<endpoints>\s*<endpoint>[\s\S]*<formats>\s*<format>text\/xml<\/format>/);
});

test('unknown paths and methods: Open311 errors in the suffix format; healthz', async () => {
  const res = await fetch(`${s.endpoint}nothing.xml`);
  assert.equal(res.status, 404);
  assert.ok((await res.text()).includes('<code>404</code>'));
  const other = await fetch(`${s.url}/elsewhere`);
  assert.equal(other.status, 404);
  assert.equal((await other.json())[0].code, 404);
  const del = await fetch(`${s.endpoint}services.json`, { method: 'DELETE' });
  assert.equal(del.status, 405);
  assert.equal((await del.json())[0].code, 405);
  const health = await fetch(`${s.url}/healthz`);
  assert.equal(await health.text(), 'ok');
});

test('without dataDir a temp folder is used and removed on close', async () => {
  const { startServer } = await import('../src/server.mjs');
  const { existsSync } = await import('node:fs');
  const t = await startServer();
  assert.ok(existsSync(t.dataDir));
  await t.close();
  assert.ok(!existsSync(t.dataDir));
});
