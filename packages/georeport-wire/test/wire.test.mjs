// The one GeoReport v2 writer (issue 18): what the local server, its profiles and the gateway send.
// XML is read back with a real parser (@xmldom/xmldom), so "well-formed and the same document" is
// the parser's judgement, not a string comparison.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';
import { errorItem, escapeXml, toJson, toXml } from '@open311-elements/georeport-wire';

/** @param {string} xml */
function parse(xml) {
  /** @type {string[]} */
  const problems = [];
  const doc = new DOMParser({ onError: (level, msg) => problems.push(`${level}: ${msg}`) }).parseFromString(xml, 'text/xml');
  assert.deepEqual(problems, [], xml);
  return doc;
}

/**
 * The element tree as plain data, whitespace-only text left out: `[name, text | children]`.
 * @param {any} el an xmldom Element (its types are not bundled)
 * @returns {unknown}
 */
function tree(el) {
  const children = Array.from(el.childNodes).filter((n) => n.nodeType === 1);
  if (children.length > 0) return [el.tagName, children.map(tree)];
  return [el.tagName, el.textContent];
}

const REQUESTS = [
  { service_request_id: '638344', status: 'open', service_code: '001', lat: 51.4545, long: -2.5879, media_url: null, address: '' },
  { service_request_id: '638345', status: 'closed', status_notes: 'Fixed <today> & "done"', lat: 51.45, long: -2.58 },
];

describe('toXml', () => {
  test('names list items as GeoReport does and turns null, "" and empty lists into empty elements', () => {
    const doc = parse(toXml('service_requests', REQUESTS));
    const root = doc.documentElement;
    assert.equal(root.tagName, 'service_requests');
    const items = Array.from(root.childNodes).filter((n) => n.nodeType === 1);
    assert.deepEqual(
      items.map((n) => n.tagName),
      ['request', 'request'],
    );
    assert.equal(doc.getElementsByTagName('media_url')[0].childNodes.length, 0);
    assert.equal(doc.getElementsByTagName('address')[0].childNodes.length, 0);
    assert.equal(parse(toXml('services', [])).documentElement.childNodes.length, 0);
    const services = parse(toXml('services', [{ service_code: 'A', groups: ['Roads', 'Lights'] }]));
    assert.deepEqual(
      Array.from(services.getElementsByTagName('group')).map((g) => g.textContent),
      ['Roads', 'Lights'],
    );
    const errors = parse(toXml('errors', [errorItem(400, 'lat was not a number')]));
    assert.equal(errors.getElementsByTagName('error')[0].getElementsByTagName('code')[0].textContent, '400');
  });

  test('carries markup characters as text, and drops the characters XML 1.0 cannot carry', () => {
    const hostile = `<script>alert('x')</script> & "quotes" \u0000\u0007\u001F tab\there \uFFFE`;
    const doc = parse(toXml('service_definition', { service_code: 'X', description: hostile }));
    assert.equal(doc.getElementsByTagName('script').length, 0);
    assert.equal(doc.getElementsByTagName('description')[0].textContent, `<script>alert('x')</script> & "quotes"  tab\there `);
    assert.equal(escapeXml(`a<b>&"c'`), 'a&lt;b&gt;&amp;&quot;c&apos;');
  });

  test('pretty (the local server) and compact (the gateway) are the same document, only whitespace apart', () => {
    const compact = toXml('service_requests', REQUESTS);
    const pretty = toXml('service_requests', REQUESTS, { pretty: true });
    assert.notEqual(compact, pretty);
    assert.match(compact, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<service_requests><request><service_request_id>638344</);
    assert.match(pretty, /\n {2}<request>\n {4}<service_request_id>638344</);
    assert.deepEqual(tree(parse(pretty).documentElement), tree(parse(compact).documentElement));
  });

  test('leaves out keys whose value is undefined, as JSON does', () => {
    const value = { service_code: 'A', description: undefined, metadata: false };
    const doc = parse(toXml('service', value));
    assert.equal(doc.getElementsByTagName('description').length, 0);
    assert.deepEqual(Object.keys(JSON.parse(toJson(value))), ['service_code', 'metadata']);
  });

  test('the strings profile writes booleans as True/False', () => {
    const doc = parse(toXml('service_definition', { attributes: [{ variable: true, required: false }] }, { strings: true }));
    assert.equal(doc.getElementsByTagName('variable')[0].textContent, 'True');
    assert.equal(doc.getElementsByTagName('required')[0].textContent, 'False');
    assert.equal(parse(toXml('x', { variable: true })).getElementsByTagName('variable')[0].textContent, 'true');
  });
});

describe('toJson', () => {
  test('is plain JSON without the strings profile: lists bare, types kept', () => {
    assert.deepEqual(JSON.parse(toJson(REQUESTS)), JSON.parse(JSON.stringify(REQUESTS)));
  });

  test('the strings profile: ids of digits become numbers (not with a leading zero), coordinates strings, booleans mixed case', () => {
    const [first] = JSON.parse(toJson(REQUESTS, { strings: true }));
    assert.equal(first.service_request_id, 638344);
    assert.equal(first.service_code, '001');
    assert.equal(first.lat, '51.4545');
    assert.equal(first.long, '-2.5879');
    const flags = JSON.parse(toJson([{ variable: true }, { variable: true }, { variable: false }], { strings: true }));
    assert.deepEqual(
      flags.map((/** @type {{variable: string}} */ f) => f.variable),
      ['True', 'true', 'False'],
    );
  });
});

describe('errorItem', () => {
  test('writes a code of digits as a number and keeps any other code as text', () => {
    assert.deepEqual(errorItem('404', 'Not found.'), { code: 404, description: 'Not found.' });
    assert.deepEqual(errorItem(500, 'x'), { code: 500, description: 'x' });
    assert.deepEqual(errorItem('E_BAD', 'x'), { code: 'E_BAD', description: 'x' });
  });
});
