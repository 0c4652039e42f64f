// The hostile-response corpus (issue 10, packages/georeport-server/hostile/) behind the gateway: a fake council
// upstream answers each case (@open311-elements/georeport-server/hostile's serveHostile, one case at a time) and the
// gateway, a real child process, is asked what a browser would ask. Whatever the upstream sends,
// the gateway answers with a GeoReport v2 document it wrote itself — JSON or XML that parses, error
// lists for broken upstreams, within its upstream timeout — server text only ever as escaped text,
// never a non-http(s) media_url, and it keeps serving.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';

import { hostileCorpus, caseText, HOSTILE_SPOT, serveHostile } from '@open311-elements/georeport-server/hostile';
import { KEY, config, spawnGateway } from './helpers.mjs';

const UPSTREAM_TIMEOUT_MS = 1000;
/** One attempt, one retry after 200 ms (GETs after a 5xx), and a margin for a busy 2-core machine. */
const ANSWER_WITHIN_MS = UPSTREAM_TIMEOUT_MS * 2 + 200 + 1500;
const ERROR_KEYS = ['code', 'description'];
/** What upstream markup would look like if the gateway let it through as markup. */
const MARKUP = /<\s*\/?\s*(script|img|svg|iframe|style|html|body|h1|p|b|title|a)\b|onerror|onload/i;

/** @typedef {import('@open311-elements/georeport-server/hostile').HostileCase} HostileCase */

describe('hostile upstreams (issue 10)', () => {
  const { cases } = hostileCorpus();
  /** @type {HostileCase|undefined} the case the upstream is answering now */
  let current;
  /** @type {http.Server} */
  let upstream;
  const sockets = new Set();
  /** @type {Awaited<ReturnType<typeof spawnGateway>>} */
  let gw;

  before(async () => {
    upstream = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const m = /^\/open311\/v2\/(.+?)(?:\.(json|xml))?$/.exec(url.pathname);
      if (!m) {
        res.writeHead(404).end();
        return;
      }
      serveHostile(current, req, res, m[1], m[2] === 'xml' ? 'xml' : 'json');
    });
    upstream.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise((resolve) => upstream.listen(0, '127.0.0.1', () => resolve(undefined)));
    const { port } = /** @type {import('node:net').AddressInfo} */ (upstream.address());
    gw = await spawnGateway(
      config({
        servicesCacheSeconds: 0,
        limits: { upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS, submitsPerMinute: 0, submitsPerDay: 0, getsPerMinute: 0 },
        bodies: [{ id: 'hostile', name: 'Example Council', endpoint: `http://127.0.0.1:${port}/open311/v2/`, apiKeyEnv: 'K', format: 'json' }],
      }),
      { env: { K: KEY } },
    );
  });

  after(async () => {
    await gw?.stop();
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => upstream?.close(() => resolve(undefined)));
  });

  /**
   * What a browser asks the gateway for a case's target.
   * @param {HostileCase} c
   * @param {'json'|'xml'} fmt
   */
  function ask(c, fmt) {
    const api = gw.endpoint;
    switch (c.target) {
      case 'services':
        return fetch(`${api}services.${fmt}`);
      case 'definition':
        return fetch(`${api}services/PTH-01.${fmt}`);
      case 'requests':
        return fetch(`${api}requests.${fmt}?lat=${HOSTILE_SPOT.lat}&long=${HOSTILE_SPOT.long}&radius=500`);
      case 'request':
        return fetch(`${api}requests/HX-1001.${fmt}`);
      case 'token':
        return fetch(`${api}tokens/tok-1.${fmt}`);
      default:
        return fetch(`${api}requests.${fmt}`, {
          method: 'POST',
          body: new URLSearchParams({
            service_code: 'BIN OVERFLOW',
            lat: String(HOSTILE_SPOT.lat),
            long: String(HOSTILE_SPOT.long),
            description: 'Overflowing bin',
            email: 'resident@example.com',
          }),
        });
    }
  }

  /**
   * Every string value in a parsed JSON document.
   * @param {unknown} v
   * @returns {string[]}
   */
  function strings(v) {
    if (typeof v === 'string') return [v];
    if (Array.isArray(v)) return v.flatMap(strings);
    if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
    return [];
  }

  /**
   * The checks for one case; returns the problems found.
   * @param {HostileCase} c
   * @param {'json'|'xml'} fmt
   */
  async function check(c, fmt) {
    /** @type {string[]} */
    const problems = [];
    if (c.target === 'definition') {
      // A single-body gateway keeps definitions until its service list is next fetched
      // (servicesCacheSeconds is 0 here): ask for the list first, so this case's definition is read.
      await (await fetch(`${gw.endpoint}services.json`)).arrayBuffer();
    }
    const started = Date.now();
    const res = await ask(c, fmt);
    const text = await res.text();
    const took = Date.now() - started;
    if (took > ANSWER_WITHIN_MS) problems.push(`answered in ${took} ms`);
    const type = res.headers.get('content-type') ?? '';
    if (!type.startsWith(fmt === 'xml' ? 'text/xml' : 'application/json')) problems.push(`Content-Type ${type}`);
    if (res.headers.get('x-content-type-options') !== 'nosniff') problems.push('no nosniff');

    /** @type {string[]} every text value the gateway sent */
    let values;
    /** @type {Array<{code: unknown, description: unknown}>|undefined} */
    let errors;
    /** @type {string[]} media_url values */
    let media = [];
    if (fmt === 'json') {
      let doc;
      try {
        doc = JSON.parse(text);
      } catch {
        return [...problems, `not JSON: ${text.slice(0, 80)}`];
      }
      values = strings(doc);
      if (res.status >= 400) errors = Array.isArray(doc) ? doc : undefined;
      if (Array.isArray(doc)) media = doc.map((r) => r?.media_url).filter((u) => typeof u === 'string');
    } else {
      /** @type {string[]} */
      const parseErrors = [];
      const doc = new DOMParser({ onError: (level, msg) => level !== 'warning' && parseErrors.push(msg) }).parseFromString(text, 'text/xml');
      if (parseErrors.length || !doc.documentElement) return [...problems, `not well-formed XML: ${parseErrors[0] ?? ''}`];
      if (/<!DOCTYPE|<!ENTITY|<\?xml-stylesheet/i.test(text)) problems.push('a DTD or processing instruction came through');
      values = [];
      const walk = (/** @type {any} */ n) => {
        for (let i = 0; i < n.childNodes.length; i++) {
          const k = n.childNodes[i];
          if (k.nodeType === 1) {
            if (k.namespaceURI) problems.push(`a namespaced element <${k.nodeName}> came through`);
            walk(k);
          } else if (k.nodeType === 3 || k.nodeType === 4) values.push(k.nodeValue);
        }
      };
      walk(doc.documentElement);
      if (res.status >= 400) {
        if (doc.documentElement.nodeName !== 'errors') problems.push(`error answer rooted at <${doc.documentElement.nodeName}>`);
        const list = Array.from(doc.getElementsByTagName('error'));
        errors = list.map((e) => ({
          code: e.getElementsByTagName('code')[0]?.textContent,
          description: e.getElementsByTagName('description')[0]?.textContent,
        }));
      }
      media = Array.from(doc.getElementsByTagName('media_url')).map((e) => e.textContent ?? '');
    }

    if (res.status >= 400) {
      if (!errors || errors.length === 0) problems.push(`status ${res.status} without an error list`);
      for (const e of errors ?? []) {
        if (fmt === 'json' && JSON.stringify(Object.keys(e)) !== JSON.stringify(ERROR_KEYS)) problems.push(`error keys ${Object.keys(e)}`);
        if (String(e.code) !== String(res.status) && !(c.target === 'errors' || c.kind === 'body'))
          problems.push(`error code ${e.code} for status ${res.status}`);
        if (typeof e.description !== 'string' || e.description.trim() === '') problems.push('an error without a description');
        // The upstream's markup never becomes the gateway's words; a council's own 4xx text may pass (as text).
        if (c.kind !== 'field' && MARKUP.test(String(e.description))) problems.push(`upstream markup in an error: ${String(e.description).slice(0, 80)}`);
      }
    }
    if (c.expect === 'loaded' && res.status !== 200) problems.push(`expected 200, got ${res.status}: ${text.slice(0, 120)}`);
    if (c.expect === 'error' && c.kind !== 'field' && res.status < 400) {
      // A broken upstream may still yield an empty list (junk the client reads as nothing), never its body.
      if (values.some((v) => MARKUP.test(v))) problems.push('upstream markup passed on in a 200 answer');
    }
    if (c.kind === 'field' && c.shown !== false && res.status === 200 && c.target !== 'errors') {
      // The payload went through as the same text, escaped by the format, never as markup.
      const payload = caseText(c).trim();
      const wanted = c.lowercase ? payload.toLowerCase() : payload;
      // XML 1.0 cannot carry a few control characters: the gateway drops them.
      if (!values.some((v) => v.includes(wanted))) problems.push(`payload not passed on as text (${JSON.stringify(wanted.slice(0, 40))})`);
      if (fmt === 'xml' && /[<&]/.test(payload) && text.includes(payload)) problems.push('payload written into XML unescaped');
    }
    for (const u of media) {
      if (u.trim() !== '' && !/^https?:\/\//i.test(u.trim())) problems.push(`media_url passed on: ${u.slice(0, 60)}`);
    }
    if (gw.child.exitCode !== null) problems.push('the gateway exited');
    return problems;
  }

  it('every case of the corpus gets a GeoReport v2 answer the gateway wrote itself, and the gateway keeps serving', async () => {
    /** @type {string[]} */
    const failures = [];
    let n = 0;
    for (const c of cases) {
      current = c;
      // Field cases alternate JSON and XML towards the browser; the rest are asked in both.
      const formats = c.kind === 'field' ? [n++ % 2 === 0 ? 'json' : 'xml'] : ['json', 'xml'];
      for (const fmt of /** @type {Array<'json'|'xml'>} */ (formats)) {
        const problems = await check(c, fmt).catch((e) => [`request failed: ${e.message}`]);
        if (problems.length) failures.push(`${c.id} (${fmt}): ${[...new Set(problems)].join('; ')}`);
      }
    }
    current = undefined;
    assert.deepEqual(failures, [], failures.join('\n'));
    // Still serving, and clean again once the upstream is.
    const res = await fetch(`${gw.endpoint}services.json`);
    assert.equal(res.status, 200);
    assert.ok((await res.json()).length > 10);
  });
});
