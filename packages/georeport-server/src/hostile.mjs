// The hostile-response corpus (issue 10), served by any running local server under a path prefix:
//   GET  /hostile/manifest.json                      → the case list and the payload texts
//   ANY  /hostile/<case-id>/open311/v2/<route>.<fmt> → GeoReport v2, with that case's hostility
// Field cases answer the normal catalogue and requests with a payload in one field; body cases
// answer one route with a raw body (status and Content-Type as the case says); transport cases
// misbehave on the wire (never answer, trickle, 10 MB, bad bytes, resets, unsafe redirects).
// Routes a case does not target answer clean data, so a widget reaches the state under test.
// The corpus itself is data: ../hostile/cases.json (see generate.mjs there).

import fs from 'node:fs';

import { services } from './catalogue.mjs';
import { errorItem, toJson, toXml } from '@open311-elements/georeport-wire';

const FIXTURES = new URL('../hostile/', import.meta.url);
const PREFIX = '/hostile/';
const API = '/open311/v2/';
const TEN_MB = 10 * 1024 * 1024;

/**
 * @typedef {object} HostileCase
 * @property {string} id
 * @property {'field'|'body'|'transport'} kind
 * @property {'services'|'definition'|'requests'|'request'|'token'|'post'|'errors'} target
 * @property {string} [field]
 * @property {string} [payload]
 * @property {string} [value]
 * @property {'xml'} [wire]
 * @property {number} [status]
 * @property {string} [contentType]
 * @property {string} [file]
 * @property {string} [inline]
 * @property {string} [generate]
 * @property {number} [depth]
 * @property {string} [transport]
 */

/** @type {{ payloads: Record<string, string>, cases: HostileCase[], byId: Map<string, HostileCase>, raw: string } | undefined} */
let corpus;

/** The corpus, read once: payload texts expanded, cases by id. */
export function hostileCorpus() {
  if (corpus) return corpus;
  const raw = fs.readFileSync(new URL('cases.json', FIXTURES), 'utf8');
  const manifest = JSON.parse(raw);
  /** @type {Record<string, string>} */
  const payloads = {};
  for (const p of manifest.payloads) {
    payloads[p.id] = p.text ?? p.repeat.repeat(Math.ceil(p.length / p.repeat.length)).slice(0, p.length);
  }
  /** @type {HostileCase[]} */
  const cases = manifest.cases;
  corpus = { payloads, cases, byId: new Map(cases.map((c) => [c.id, c])), raw };
  return corpus;
}

/**
 * The text a field case puts in its field.
 * @param {HostileCase} c
 */
export function caseText(c) {
  return c.value ?? hostileCorpus().payloads[c.payload ?? ''] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Clean data, with one field replaced

/** The spot the sample requests sit around (central Bristol, as the demo's seed data). */
export const HOSTILE_SPOT = { lat: 51.4545, long: -2.5927 };

/**
 * @param {HostileCase|undefined} c
 * @param {string} target
 * @param {string} field
 * @param {unknown} clean
 */
function pick(c, target, field, clean) {
  return c && c.kind === 'field' && c.target === target && c.field === field ? caseText(c) : clean;
}

/** @param {HostileCase|undefined} c */
function serviceList(c) {
  return services.map((s, i) => {
    const first = i === 0;
    /** @type {Record<string, unknown>} */
    const out = {
      service_code: s.service_code,
      service_name: first ? pick(c, 'services', 'service_name', s.service_name) : s.service_name,
      description: first ? pick(c, 'services', 'description', s.description) : s.description,
      metadata: s.metadata,
      type: s.type,
      keywords: s.keywords,
    };
    const group = first ? pick(c, 'services', 'group', s.groups[0]) : s.groups[0];
    if (group) out.group = group;
    return out;
  });
}

/** The first service's definition (PTH-01: a list question, a notice, a number, a server_set field). @param {HostileCase|undefined} c */
function definition(c) {
  const s = services[0];
  let listSeen = false;
  return {
    service_code: s.service_code,
    attributes: s.attributes.map((a) => {
      /** @type {Record<string, unknown>} */
      const out = {
        variable: a.variable,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.datatype_description ?? null,
        order: a.order ?? null,
        description: a.description,
      };
      if (a.automated) out.automated = a.automated;
      if (!a.variable) out.description = pick(c, 'definition', 'notice', a.description);
      if (a.values && !listSeen) {
        listSeen = true;
        out.description = pick(c, 'definition', 'attribute_description', a.description);
        out.datatype_description = pick(c, 'definition', 'datatype_description', a.datatype_description);
        out.values = a.values.map((v, i) => ({
          key: v.key,
          name: i === 0 ? pick(c, 'definition', 'value_name', v.name) : v.name,
          ...(i === a.values.length - 1 ? { disable_message: pick(c, 'definition', 'disable_message', 'Call 0300 123 4567 instead.') } : {}),
        }));
      } else if (a.values) {
        out.values = a.values.map((v) => ({ key: v.key, name: v.name }));
      }
      return out;
    }),
  };
}

/**
 * One request as the public API shows it.
 * @param {HostileCase|undefined} c
 * @param {string} target `request` or `requests`
 * @param {string} id
 * @param {number} n position, for the sample list
 */
function request(c, target, id, n = 0) {
  const first = n === 0;
  const f = (/** @type {string} */ field, /** @type {unknown} */ clean) => (first ? pick(c, target, field, clean) : clean);
  return {
    service_request_id: id,
    status: f('status', 'open'),
    status_notes: f('status_notes', 'An inspector will visit this week.'),
    service_name: f('service_name', 'Pothole'),
    service_code: 'PTH-01',
    // The nearby list shows the description first, so the sample list has none: the name shows.
    description: f('description', target === 'requests' ? null : 'Deep hole by the bus stop.'),
    agency_responsible: f('agency_responsible', 'Highways team'),
    service_notice: f('service_notice', 'We aim to inspect reported potholes within 5 working days.'),
    requested_datetime: f('requested_datetime', new Date(Date.now() - (n + 1) * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z')),
    updated_datetime: null,
    expected_datetime: null,
    address: f('address', '12 Corn Street'),
    address_id: null,
    zipcode: null,
    lat: HOSTILE_SPOT.lat + n * 0.0002,
    long: HOSTILE_SPOT.long,
    media_url: f('media_url', null),
  };
}

// ---------------------------------------------------------------------------------------------
// Serving

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} type
 * @param {string|Buffer} body
 */
function send(res, status, type, body) {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': buf.length, 'Cache-Control': 'no-store' });
  res.end(buf);
}

/**
 * A document in the asked format.
 * @param {import('node:http').ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {number} status
 * @param {string} root
 * @param {unknown} value
 */
function sendDoc(res, fmt, status, root, value) {
  if (fmt === 'xml') send(res, status, 'text/xml; charset=utf-8', toXml(root, value, { pretty: true }));
  else send(res, status, 'application/json; charset=utf-8', toJson(value));
}

/**
 * Which target a route is.
 * @param {string} method
 * @param {string} route `services`, `services/PTH-01`, `requests/HX-1`…
 */
function targetOf(method, route) {
  if (method === 'POST') return route === 'requests' ? 'post' : undefined;
  if (route === 'services') return 'services';
  if (route.startsWith('services/')) return 'definition';
  if (route === 'requests') return 'requests';
  if (route.startsWith('requests/')) return 'request';
  if (route.startsWith('tokens/')) return 'token';
  return undefined;
}

/**
 * A body made at runtime (too big to keep in the repository).
 * @param {HostileCase} c
 */
function generated(c) {
  const depth = c.depth ?? 100_000;
  switch (c.generate) {
    case 'nested-json':
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 'nested-json-objects':
      return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    case 'nested-xml':
      return `<?xml version="1.0"?><services>${'<service>'.repeat(depth)}${'</service>'.repeat(depth)}</services>`;
    default:
      throw new Error(`unknown generator ${c.generate}`);
  }
}

/**
 * A body case: the raw body with the case's status and Content-Type.
 * @param {HostileCase} c
 * @param {import('node:http').ServerResponse} res
 */
function sendBody(c, res) {
  const body = c.file !== undefined ? fs.readFileSync(new URL(c.file, FIXTURES)) : c.inline !== undefined ? c.inline : generated(c);
  send(res, c.status ?? 200, c.contentType ?? 'application/octet-stream', body);
}

/**
 * Writes `total` bytes of a long but valid JSON service list, respecting back-pressure; stops when the
 * peer goes away.
 * @param {import('node:http').ServerResponse} res
 * @param {number} total
 */
function streamBig(res, total) {
  const item = Buffer.from(`{"service_code":"BIG","service_name":"${'x'.repeat(1000)}"},`);
  const end = Buffer.from('{}]');
  let sent = 1;
  res.write('[');
  const write = () => {
    while (!res.destroyed && sent + item.length + end.length <= total) {
      sent += item.length;
      if (!res.write(item)) {
        res.once('drain', write);
        return;
      }
    }
    if (!res.destroyed) res.end(Buffer.concat([Buffer.from(' '.repeat(total - sent - end.length)), end]));
  };
  write();
}

/**
 * A transport case.
 * @param {HostileCase} c
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {() => unknown} clean the clean document for this route
 */
function sendTransport(c, req, res, clean) {
  const json = toJson(clean());
  switch (c.transport) {
    case 'never':
      // Headers never come. The socket stays open until the client gives up or the server closes
      // (close() ends every connection, busy ones too).
      return;
    case 'trickle': {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed || i >= json.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(json[i++]);
      }, 1000);
      res.on('close', () => clearInterval(timer));
      res.write(json[i++]);
      return;
    }
    case '10mb':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': TEN_MB, 'Cache-Control': 'no-store' });
      return streamBig(res, TEN_MB);
    case '10mb-chunked':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      return streamBig(res, TEN_MB);
    case 'invalid-utf8': {
      // Continuation bytes, overlong forms of < and >, bytes that never occur in UTF-8: not a document at all.
      const bytes = Buffer.alloc(4096);
      for (let i = 0; i < bytes.length; i++) bytes[i] = [0x80, 0xc0, 0xbc, 0xff, 0xfe, 0xc1, 0xbe, 0xf8][i % 8];
      return send(res, 200, 'application/json; charset=utf-8', bytes);
    }
    case 'wrong-content-type':
      // Good data, labelled as a web page: a tolerant client reads the body, not the label.
      return send(res, 200, 'text/html; charset=utf-8', json);
    case 'html-500':
      return send(res, 500, 'text/html', fs.readFileSync(new URL('html-500.html', FIXTURES)));
    case 'reset':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(json.slice(0, Math.floor(json.length / 2)));
      setTimeout(() => req.socket.destroy(), 20);
      return;
    case 'redirect-javascript':
      res.writeHead(302, { Location: 'javascript:window.__pwned=1', 'Content-Length': 0 });
      return res.end();
    case 'redirect-data':
      res.writeHead(302, { Location: 'data:application/json,[{"service_request_id":"<script>window.__pwned=1</script>"}]', 'Content-Length': 0 });
      return res.end();
    default:
      throw new Error(`unknown transport ${c.transport}`);
  }
}

/**
 * Serves one GeoReport v2 call for a case. Also usable by a test's own upstream (the gateway's tests),
 * which picks the case and the route itself.
 * @param {HostileCase|undefined} c undefined: clean data
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} route `services`, `requests/HX-1`… (no format suffix)
 * @param {'json'|'xml'} fmt
 */
export function serveHostile(c, req, res, route, fmt) {
  const method = req.method ?? 'GET';
  if (method === 'POST') req.resume();
  const target = targetOf(method, route);
  const wire = c?.wire ?? fmt;
  const hit = c && (c.target === target || (c.target === 'errors' && target === 'post'));
  const id = decodeURIComponent(route.split('/')[1] ?? 'HX-1001');

  /** @type {() => [string, unknown]} root and value of the clean (or field-injected) answer */
  const doc = () => {
    switch (target) {
      case 'services':
        return ['services', serviceList(c)];
      case 'definition':
        return ['service_definition', definition(c)];
      case 'requests':
        return ['service_requests', [0, 1, 2].map((n) => request(c, 'requests', `HX-${1001 + n}`, n))];
      case 'request':
        return ['service_requests', [request(c, 'request', id)]];
      case 'token':
        return ['service_requests', [{ service_request_id: pick(c, 'token', 'service_request_id', 'HX-1001'), token: id }]];
      case 'post':
        return [
          'service_requests',
          [
            {
              service_request_id: pick(c, 'post', 'service_request_id', 'HX-2001'),
              service_notice: pick(c, 'post', 'service_notice', 'We aim to inspect reported potholes within 5 working days.'),
              account_id: null,
            },
          ],
        ];
      default:
        return ['errors', [{ code: 404, description: `Not found: ${route}` }]];
    }
  };

  if (hit && c.kind === 'body') return sendBody(c, res);
  if (hit && c.kind === 'transport') return sendTransport(c, req, res, () => doc()[1]);
  if (hit && c.kind === 'field' && c.target === 'errors') {
    return sendDoc(res, wire, 400, 'errors', [{ code: 400, description: caseText(c) }]);
  }
  const [root, value] = doc();
  sendDoc(res, wire, target ? 200 : 404, root, value);
}

/**
 * The hook for server.mjs: `/hostile/…` on any profile.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export function handleHostile(req, res, url) {
  const { cases, payloads, byId } = hostileCorpus();
  if (url.pathname === `${PREFIX}manifest.json`) {
    req.resume();
    return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ payloads, cases }));
  }
  const m = /^\/hostile\/([^/]+)(\/open311\/v2\/)(.+?)(?:\.(json|xml))?$/.exec(url.pathname);
  const c = m ? byId.get(decodeURIComponent(m[1])) : undefined;
  if (!m || !c || m[2] !== API) {
    req.resume();
    return send(
      res,
      404,
      'application/json; charset=utf-8',
      toJson([errorItem(404, `No hostile case here (${cases.length} cases: see /hostile/manifest.json)`)]),
    );
  }
  return serveHostile(c, req, res, m[3], m[4] === 'xml' ? 'xml' : 'json');
}
