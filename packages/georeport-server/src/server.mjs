// A local Open311 GeoReport v2 server for the demo pages and the client's tests.
// Plain node:http, no dependencies, so the quirks of real servers (shared/open311.md §3) can be
// reproduced byte for byte. See the package's README.md for the routes and the quirk profiles.

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { services, servicesByCode, GROUP_AGENCIES, DEFAULT_AGENCY, JURISDICTION_ID } from './catalogue.mjs';
import { errorItem, toJson, toXml } from '@open311-elements/georeport-wire';
import { locate, outsideDescription, outsideItem, readBoundary } from '@open311-elements/georeport-wire/boundary';
import booleanPointInPolygonModule from '@turf/boolean-point-in-polygon';
import { readForm, BodyError } from './body.mjs';
import { Store, isoNow } from './store.mjs';
import { ALL_STATUSES, statusClass } from './statuses.mjs';
import { handleAdmin, adminSecrets } from './admin.mjs';
import { seedDemo } from './seed.mjs';
import { handleGeocoder } from './geocoder.mjs';
import { handlePostcodes } from './postcodes.mjs';
import { handleHostile } from './hostile.mjs';
import { WILD_PROFILES, wildDoc, wildRequest } from './profiles-wild.mjs';

/** Every quirk profile; `default` is spec-faithful. */
export const PROFILES = Object.freeze(['default', 'xml-only', 'strings', 'token-only', 'fms', 'no-cors', ...WILD_PROFILES]);

/** The base path of the GeoReport v2 endpoint. */
export const API_PREFIX = '/open311/v2/';

/**
 * Where `npm run server` and `npm start` keep reports and photos unless told otherwise (`--data`,
 * OPEN311_DATA): `data/` in this package, beside `src/`, ignored by git.
 */
export const DEFAULT_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'data');

const DAY_MS = 24 * 60 * 60 * 1000;
/** Spec default window for GET requests: 90 days or 1000 requests, whichever is smaller. */
const DEFAULT_WINDOW_MS = 90 * DAY_MS;
const MAX_RESULTS = 1000;
const MAX_DESCRIPTION = 4000;
/** Changeset of the catalogue, in the spec example's own format (no timezone, space separator, §1.3). */
const CHANGESET = '2026-01-05 09:00';

const MEDIA_TYPES = /** @type {Record<string, string>} */ ({
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
});
const MEDIA_EXTENSIONS = /** @type {Record<string, string>} */ ({
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
});
const MEDIA_NAME = /^[0-9a-f]{32}\.(jpg|png|gif|webp)$/;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Point in polygon (turf: holes and MultiPolygons handled); its CommonJS default export, either way it is loaded. */
const booleanPointInPolygon = /** @type {(p: number[], poly: object) => boolean} */ (
  /** @type {any} */ (booleanPointInPolygonModule).default ?? booleanPointInPolygonModule // the package's types miss the CJS interop
);
/** What a place outside the boundary is outside of, in the refusal's sentence. */
const OUR_AREA = 'the area Example Council looks after';

/**
 * @typedef {object} Context
 * @property {Set<string>} profiles
 * @property {Store} store
 * @property {string|undefined} apiKey
 * @property {number} tokenDelayMs
 * @property {string} baseUrl `http://127.0.0.1:8311` (no trailing slash)
 * @property {import('./admin.mjs').AdminSecrets} admin the back office's token, CSRF field and cookie name
 * @property {import('@open311-elements/georeport-wire/boundary').Boundary|undefined} boundary our area and
 *   the neighbours: services and reports outside it are refused; none = everywhere is ours
 */

/**
 * @typedef {object} ServerOptions
 * @property {number} [port] 0 = any free port
 * @property {string} [host]
 * @property {string} [profile] one profile or a comma-separated combination (`token-only,no-cors`)
 * @property {string} [dataDir] where requests.json and media/ live; a fresh temp dir (removed by close()) when missing
 * @property {string} [apiKey] when set, POSTs need `api_key` equal to it (403 otherwise)
 * @property {number} [tokenDelayMs] how long a token stays unresolved after the POST
 * @property {boolean} [seed] add sample requests when the store is empty
 * @property {string} [adminToken] the back office's token (16+ of A-Z a-z 0-9 _ -); random when missing
 * @property {string|object|Array<string|object>} [boundary] our area as GeoJSON, or the path of a GeoJSON file
 *   (or a list of them): a FeatureCollection whose features with a `url` or `phone` are neighbours (named when
 *   a place is theirs), every other polygon ours. `services?lat=&long=` and reports outside ours are refused
 *   (400, `outside_area`). None: everywhere is ours.
 */

/**
 * @typedef {object} RunningServer
 * @property {string} url `http://127.0.0.1:<port>` (no trailing slash)
 * @property {string} endpoint `http://127.0.0.1:<port>/open311/v2/`
 * @property {number} port
 * @property {string} profile normalised profile list, e.g. `token-only,no-cors`
 * @property {string} dataDir
 * @property {() => Promise<void>} close
 * @property {http.Server} server
 * @property {string} adminToken needed for /admin: `Authorization: Bearer <token>`, or the cookie set by `adminUrl`
 * @property {string} adminUrl `http://127.0.0.1:<port>/admin?token=…`, the link to print
 * @property {(path: string, body?: unknown) => Promise<Response>} adminFetch the back-office JSON API
 *   with the token: GET `/admin/api/<path>`, or POST it as JSON when a body is given
 */

/**
 * Parse a profile string (`fms`, `token-only,no-cors`) into a set; throws on unknown names.
 * @param {string} profile
 * @returns {Set<string>}
 */
export function parseProfiles(profile) {
  const names = String(profile || 'default')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  for (const name of names) {
    if (!PROFILES.includes(name)) {
      throw new Error(`Unknown profile "${name}"; known profiles: ${PROFILES.join(', ')}`);
    }
  }
  const set = new Set(names.filter((n) => n !== 'default'));
  return set;
}

/**
 * Reads the `boundary` option: GeoJSON or the path of a GeoJSON file, or a list of them (our area in
 * one, the neighbours in another: the demo's boundary.geojson and neighbours.geojson). Throws an
 * Error that says which file and which field when one cannot be used.
 * @param {string|object|Array<string|object>} boundary
 * @returns {import('@open311-elements/georeport-wire/boundary').Boundary}
 */
export function loadBoundary(boundary) {
  const sources = Array.isArray(boundary) ? boundary : [boundary];
  /** @type {import('@open311-elements/georeport-wire/boundary').Boundary} */
  const all = { ours: [], neighbours: [] };
  for (const source of sources) {
    let data = source;
    const from = typeof source === 'string' ? ` ${source}` : '';
    if (typeof source === 'string') {
      try {
        data = JSON.parse(fs.readFileSync(source, 'utf8'));
      } catch (e) {
        const why = /** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT' ? 'no such file' : /** @type {Error} */ (e).message;
        throw new Error(`Cannot read the boundary${from}: ${why}`, { cause: e });
      }
    }
    try {
      const read = readBoundary(data);
      all.ours.push(...read.ours);
      all.neighbours.push(...read.neighbours);
    } catch (e) {
      throw new Error(`The boundary${from} cannot be used: ${/** @type {Error} */ (e).message}`, { cause: e });
    }
  }
  if (all.ours.length === 0) throw new Error('The boundary holds only neighbours (features with a url or phone), no area of ours');
  return all;
}

/** Host names (as written in a URL) that only this machine can reach. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The warning to print when the server is bound where other machines can reach it; undefined on loopback.
 * @param {string} host the `--host` given
 * @returns {string|undefined}
 */
export function bindWarning(host) {
  const h = host.trim().toLowerCase();
  if (LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return undefined;
  const bar = '!'.repeat(78);
  return [
    bar,
    `!! WARNING: binding to ${host || 'every address'}, not to loopback.`,
    '!! Anyone who can reach this machine can read and send reports through the Open311 API.',
    '!! The back office (/admin) still needs the token printed below and answers only to a',
    '!! loopback Host name (127.0.0.1, localhost, [::1]). This is a demo server: do not expose it.',
    bar,
    '',
  ].join('\n');
}

/**
 * Start the server.
 * @param {ServerOptions} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startServer({
  port = 0,
  host = '127.0.0.1',
  profile = 'default',
  dataDir,
  apiKey,
  tokenDelayMs = 2000,
  seed = false,
  adminToken,
  boundary,
} = {}) {
  const profiles = parseProfiles(profile);
  const area = boundary === undefined ? undefined : loadBoundary(boundary);
  const admin = adminSecrets(adminToken);
  const dir = dataDir ?? (await fs.promises.mkdtemp(path.join(os.tmpdir(), 'open311-server-')));
  const store = new Store(dir);
  store.load();
  if (seed && store.requests.length === 0) seedDemo(store, profiles.has('strings'));

  /** @type {Context} */
  const ctx = { profiles, store, apiKey: apiKey || undefined, tokenDelayMs, baseUrl: '', admin, boundary: area };
  const server = http.createServer((req, res) => {
    handle(ctx, req, res).catch((err) => {
      const status = err instanceof BodyError ? err.status : 500;
      if (status === 500) console.error(err);
      if (!res.headersSent) {
        sendErrors(ctx, res, formatOf(req.url ?? ''), status, [String(err.message || err)]);
      } else {
        res.destroy();
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const urlHost = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  ctx.baseUrl = `http://${urlHost}:${address.port}`;
  // Cookies are shared by every port of a host: one name per server, so two servers don't clash.
  admin.cookie = `open311_admin_${address.port}`;
  // The back office answers only to a loopback Host name (admin.mjs).
  const adminBase = `http://${LOOPBACK_NAMES.has(urlHost) ? urlHost : '127.0.0.1'}:${address.port}`;
  return {
    url: ctx.baseUrl,
    endpoint: `${ctx.baseUrl}${API_PREFIX}`,
    port: address.port,
    profile: profiles.size ? [...profiles].join(',') : 'default',
    dataDir: dir,
    server,
    adminToken: admin.token,
    adminUrl: `${adminBase}/admin?token=${admin.token}`,
    adminFetch: (p, body) =>
      fetch(`${adminBase}/admin/api/${p}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `Bearer ${admin.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    close: async () => {
      await new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve(undefined)));
        server.closeAllConnections();
      });
      // A temp folder we made ourselves dies with the server; a given dataDir is kept.
      if (!dataDir) await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Responses

/**
 * Format requested by the URL suffix; JSON when there is none.
 * @param {string} url
 * @returns {'json'|'xml'}
 */
function formatOf(url) {
  const pathname = url.split('?')[0];
  return pathname.endsWith('.xml') ? 'xml' : 'json';
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} contentType
 * @param {string|Buffer} body
 */
function send(res, status, contentType, body) {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', buf.length);
  res.setHeader('Cache-Control', 'no-store');
  res.end(buf);
}

/**
 * Send an Open311 document in the requested format.
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {number} status
 * @param {string} root XML root (`services`, `service_requests`, `service_definition`, `errors`, `discovery`…)
 * @param {unknown} value
 */
function sendDoc(ctx, res, fmt, status, root, value) {
  value = wildDoc(ctx.profiles, root, value);
  const strings = ctx.profiles.has('strings');
  const fms = ctx.profiles.has('fms');
  if (fmt === 'xml') {
    // FMS serves XML as application/xml (shared/open311.md §2.3).
    send(res, status, `${fms ? 'application/xml' : 'text/xml'}; charset=utf-8`, toXml(root, value, { strings, pretty: true }));
    return;
  }
  // FMS keeps the root key in JSON: {"services":[…]}, {"service_requests":[…]}, {"discovery":{…}}.
  const wrapped = fms && root !== 'errors' && root !== 'service_definition' ? { [root]: value } : value;
  send(res, status, 'application/json; charset=utf-8', toJson(wrapped, { strings }));
}

/**
 * Send an Open311 error list; `code` equals the HTTP status.
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {number} status
 * @param {string[]} descriptions
 */
function sendErrors(ctx, res, fmt, status, descriptions) {
  sendDoc(
    ctx,
    res,
    fmt,
    status,
    'errors',
    descriptions.map((description) => errorItem(status, description)),
  );
}

/**
 * The `xml-only` profile's answer to any .json URL: an HTML 404 page, as a web server without JSON
 * support would give.
 * @param {http.ServerResponse} res
 */
function sendHtml404(res) {
  send(
    res,
    404,
    'text/html; charset=utf-8',
    '<!DOCTYPE html><html><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n',
  );
}

// ---------------------------------------------------------------------------------------------
// Wire shapes

/**
 * A service as listed by GET services.
 * @param {import('./catalogue.mjs').Service} s
 * @param {boolean} fms
 */
function wireService(s, fms) {
  /** @type {Record<string, unknown>} */
  const out = {
    service_code: s.service_code,
    service_name: s.service_name,
    description: s.description,
    metadata: s.metadata,
    type: s.type,
    keywords: s.keywords,
  };
  // No group at all for an ungrouped service (Gießen, FMS server: §3.6 item 32).
  if (s.groups.length > 0) {
    if (fms) out.groups = [...s.groups];
    else out.group = s.groups[0];
  }
  return out;
}

/**
 * A service definition: every attribute field present, `values` only on lists.
 * @param {import('./catalogue.mjs').Service} s
 */
function wireDefinition(s) {
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
      if (a.values) {
        out.values = a.values.map((v) => (v.disable_message ? { key: v.key, name: v.name, disable_message: v.disable_message } : { key: v.key, name: v.name }));
      }
      return out;
    }),
  };
}

/**
 * A stored request as the public API shows it: no contact fields, empty strings as null.
 * @param {import('./store.mjs').StoredRequest} r
 */
export function wireRequest(r) {
  /** @param {string|null|undefined} v */
  const opt = (v) => (v === undefined || v === null || v === '' ? null : v);
  return {
    service_request_id: r.service_request_id,
    status: r.status,
    status_notes: opt(r.status_notes),
    service_name: r.service_name,
    service_code: r.service_code,
    description: opt(r.description),
    agency_responsible: opt(r.agency_responsible),
    service_notice: opt(r.service_notice),
    requested_datetime: r.requested_datetime,
    updated_datetime: opt(r.updated_datetime),
    expected_datetime: opt(r.expected_datetime),
    address: opt(r.address),
    address_id: opt(r.address_id),
    zipcode: opt(r.zipcode),
    lat: r.lat ?? null,
    long: r.long ?? null,
    media_url: opt(r.media_url),
  };
}

/** @param {import('./store.mjs').StoredUpdate} u */
function wireUpdate(u) {
  return {
    update_id: u.update_id,
    service_request_id: u.service_request_id,
    status: u.status,
    updated_datetime: u.updated_datetime,
    description: u.description,
    media_url: u.media_url ?? '',
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * Public visibility: a request created through a token only shows once the token resolves.
 * @param {import('./store.mjs').StoredRequest} r
 */
function isVisible(r) {
  return !r.token_ready_at || Date.now() >= r.token_ready_at;
}

/**
 * First non-empty value of a field ("an empty parameter must be treated exactly like an absent one").
 * @param {[string, string][]} fields
 * @param {string} name
 */
function field(fields, name) {
  for (const [k, v] of fields) {
    if (k === name && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/**
 * @param {URLSearchParams} params
 * @param {string} name
 */
function param(params, name) {
  const v = params.get(name);
  return v === null || v.trim() === '' ? undefined : v.trim();
}

/**
 * Check `jurisdiction_id`: absent or ours.
 * @param {string|undefined} value
 */
function jurisdictionOk(value) {
  return value === undefined || value === JURISDICTION_ID;
}

/**
 * Parse a date parameter; throws a 400 message when it is not a date.
 * @param {string|undefined} value
 * @param {string} name
 * @returns {number|undefined} epoch ms
 */
function parseDateParam(value, name) {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new BodyError(400, `${name} must be a date and time in W3C/ISO 8601 format`);
  return ms;
}

/**
 * @param {string|undefined} value
 * @param {string} name
 * @returns {number|undefined}
 */
function parsePositiveInt(value, name) {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new BodyError(400, `${name} must be a whole number of 1 or more`);
  return Number(value);
}

/**
 * Great-circle distance in metres.
 * @param {number} lat1
 * @param {number} lon1
 * @param {number} lat2
 * @param {number} lon2
 */
export function haversine(lat1, lon1, lat2, lon2) {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Requests sorted newest first; ties (same second) keep creation order reversed.
 * @param {import('./store.mjs').StoredRequest[]} list
 */
function newestFirst(list) {
  return list
    .map((r, i) => ({ r, i, t: Date.parse(r.requested_datetime) }))
    .sort((a, b) => b.t - a.t || b.i - a.i)
    .map((x) => x.r);
}

/**
 * Store an uploaded image under dataDir/media; returns its public URL.
 * @param {Context} ctx
 * @param {import('./body.mjs').UploadedFile} file
 */
function saveMedia(ctx, file) {
  let ext = MEDIA_EXTENSIONS[file.contentType];
  if (!ext && file.contentType === 'application/octet-stream') {
    const fromName = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase();
    ext = fromName === 'jpeg' ? 'jpg' : fromName && MEDIA_TYPES[fromName] ? fromName : undefined;
  }
  if (!ext) throw new BodyError(400, 'media must be a JPEG, PNG, GIF or WebP image');
  const name = `${crypto.randomBytes(16).toString('hex')}.${ext}`;
  fs.writeFileSync(path.join(ctx.store.mediaDir, name), file.data);
  return `${ctx.baseUrl}/media/${name}`;
}

/** Field names accepted for an uploaded photo: `media` (v2.1 draft, uReport), `media[]`, FMS `photo1`. */
const MEDIA_FIELDS = new Set(['media', 'media[]', 'photo', 'photo1']);

// ---------------------------------------------------------------------------------------------
// Routing

/**
 * @param {Context} ctx
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
async function handle(ctx, req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Client options seen in the wild (issue 12) rewrite or refuse API URLs: profiles-wild.mjs.
  const wild = wildRequest(ctx.profiles, url, API_PREFIX);
  const pathname = url.pathname;
  const method = req.method ?? 'GET';

  // The back office is same-origin only: no CORS headers whatever the profile.
  if (pathname === '/admin' || pathname.startsWith('/admin/')) {
    await handleAdmin(ctx, req, res, url);
    return;
  }

  const cors = !ctx.profiles.has('no-cors');
  if (cors) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
  }

  if (method === 'OPTIONS') {
    req.resume();
    if (cors) {
      res.setHeader('Access-Control-Max-Age', '600');
      res.statusCode = 204;
      res.end();
    } else {
      res.setHeader('Allow', 'GET, POST');
      sendErrors(ctx, res, formatOf(pathname), 405, ['Method not allowed']);
    }
    return;
  }

  if (pathname === '/healthz') {
    send(res, 200, 'text/plain; charset=utf-8', 'ok');
    return;
  }

  if (pathname.startsWith('/media/') && method === 'GET') {
    const name = pathname.slice('/media/'.length);
    const file = path.join(ctx.store.mediaDir, name);
    if (!MEDIA_NAME.test(name) || !fs.existsSync(file)) {
      sendErrors(ctx, res, 'json', 404, ['Media not found']);
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    send(res, 200, MEDIA_TYPES[name.split('.').pop() ?? ''], fs.readFileSync(file));
    return;
  }

  // The hostile-response corpus (issue 10), on every profile: hostile.mjs.
  if (pathname.startsWith('/hostile/')) return handleHostile(req, res, url);
  if (wild) {
    req.resume();
    sendErrors(ctx, res, wild.format, wild.status, [wild.message]);
    return;
  }

  const fmt = formatOf(pathname);
  if (fmt === 'json' && pathname.endsWith('.json') && ctx.profiles.has('xml-only')) {
    req.resume();
    sendHtml404(res);
    return;
  }

  if (pathname.startsWith('/geocoder/')) return handleGeocoder(req, res, url);
  if (pathname.startsWith('/postcodes/')) return handlePostcodes(req, res, url);

  if (!pathname.startsWith(API_PREFIX)) {
    req.resume();
    sendErrors(ctx, res, fmt, 404, [`Not found: ${pathname}`]);
    return;
  }
  const rest = pathname.slice(API_PREFIX.length);
  const m = /^(.+)\.(json|xml)$/.exec(rest);
  if (!m) {
    req.resume();
    sendErrors(ctx, res, fmt, 404, [`Not found: ${pathname}`]);
    return;
  }
  const route = m[1];
  /** @param {string} s */
  const decode = (s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new BodyError(400, 'Malformed URL encoding');
    }
  };

  /** @type {[RegExp, string, (match: RegExpExecArray) => Promise<void> | void][]} */
  const routes = [
    [/^discovery$/, 'GET', () => getDiscovery(ctx, res, fmt)],
    [/^services$/, 'GET', () => getServices(ctx, res, fmt, url)],
    [/^services\/(.+)$/, 'GET', (x) => getDefinition(ctx, res, fmt, url, decode(x[1]))],
    [/^requests$/, 'GET', () => getRequests(ctx, res, fmt, url)],
    [/^requests$/, 'POST', () => postRequest(ctx, req, res, fmt, url)],
    [/^requests\/([^/]+)$/, 'GET', (x) => getRequest(ctx, res, fmt, url, decode(x[1]))],
    [/^tokens\/([^/]+)$/, 'GET', (x) => getToken(ctx, res, fmt, url, decode(x[1]))],
  ];
  if (ctx.profiles.has('fms')) {
    routes.push(
      [/^servicerequestupdates$/, 'GET', () => getUpdates(ctx, res, fmt, url)],
      [/^servicerequestupdates$/, 'POST', () => postUpdate(ctx, req, res, fmt, url)],
    );
  }

  let pathMatched = false;
  for (const [re, routeMethod, fn] of routes) {
    const match = re.exec(route);
    if (!match) continue;
    pathMatched = true;
    if (routeMethod !== method) continue;
    try {
      await fn(match);
    } catch (err) {
      if (!(err instanceof BodyError) || res.headersSent) throw err;
      req.resume();
      sendErrors(ctx, res, fmt, err.status, [err.message]);
    }
    return;
  }
  req.resume();
  if (pathMatched) {
    res.setHeader(
      'Allow',
      routes
        .filter(([re]) => re.test(route))
        .map(([, m2]) => m2)
        .join(', '),
    );
    sendErrors(ctx, res, fmt, 405, [`Method ${method} not allowed`]);
  } else {
    sendErrors(ctx, res, fmt, 404, [`Not found: ${pathname}`]);
  }
}

// ---------------------------------------------------------------------------------------------
// GeoReport v2 methods

/**
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 */
function getDiscovery(ctx, res, fmt) {
  const fms = ctx.profiles.has('fms');
  const formats = ctx.profiles.has('xml-only') ? ['text/xml'] : ['text/xml', 'application/json'];
  /** @type {Record<string, unknown>} */
  const doc = {
    changeset: CHANGESET,
    contact: 'Email open311@example-council.gov.uk or call 0300 123 4567',
  };
  // FMS's discovery has no key_service but a max_requests (§1.3).
  if (!fms) doc.key_service = 'API keys are issued to partners: email open311@example-council.gov.uk';
  else doc.max_requests = MAX_RESULTS;
  doc.endpoints = [
    {
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${ctx.baseUrl}${API_PREFIX}`,
      changeset: CHANGESET,
      type: 'test',
      formats,
    },
  ];
  sendDoc(ctx, res, fmt, 200, 'discovery', doc);
}

/**
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {URL} url
 */
function getServices(ctx, res, fmt, url) {
  if (!jurisdictionOk(param(url.searchParams, 'jurisdiction_id'))) {
    sendErrors(ctx, res, fmt, 404, ['jurisdiction not found']);
    return;
  }
  // `lat`/`long` (issue 19): the services handled at that point; outside our boundary, none.
  const point = pointParam(url.searchParams);
  if (point && refusedOutside(ctx, res, fmt, point)) return;
  const fms = ctx.profiles.has('fms');
  sendDoc(
    ctx,
    res,
    fmt,
    200,
    'services',
    services.map((s) => wireService(s, fms)),
  );
}

/**
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {URL} url
 * @param {string} code
 */
function getDefinition(ctx, res, fmt, url, code) {
  if (!jurisdictionOk(param(url.searchParams, 'jurisdiction_id'))) {
    sendErrors(ctx, res, fmt, 404, ['jurisdiction not found']);
    return;
  }
  const service = servicesByCode.get(code);
  if (!service) {
    sendErrors(ctx, res, fmt, 404, [`service_code ${code} not found`]);
    return;
  }
  sendDoc(ctx, res, fmt, 200, 'service_definition', wireDefinition(service));
}

/**
 * `lat` and `long` of a query: undefined when neither is given; a 400 when they are not both degrees.
 * @param {URLSearchParams} q
 * @returns {{ lat: number, long: number }|undefined}
 */
function pointParam(q) {
  const latS = param(q, 'lat');
  const longS = param(q, 'long');
  if (latS === undefined && longS === undefined) return undefined;
  const lat = Number(latS);
  const long = Number(longS);
  if (!DECIMAL.test(latS ?? '') || !DECIMAL.test(longS ?? '') || Math.abs(lat) > 90 || Math.abs(long) > 180) {
    throw new BodyError(400, 'lat and long must both be given as decimal degrees');
  }
  return { lat, long };
}

/**
 * Sends the "outside our area" refusal when the point is outside the boundary (naming the neighbour
 * whose area holds it) and says whether it did.
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {{ lat: number, long: number }} point
 */
function refusedOutside(ctx, res, fmt, point) {
  if (!ctx.boundary) return false;
  const where = locate(ctx.boundary, point, booleanPointInPolygon);
  if (where.ours) return false;
  sendDoc(ctx, res, fmt, 400, 'errors', [outsideItem(outsideDescription(OUR_AREA, where.contact), where.contact)]);
  return true;
}

/**
 * GET requests with the spec filters plus the page/page_size and lat/long/radius extensions.
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {URL} url
 */
function getRequests(ctx, res, fmt, url) {
  const q = url.searchParams;
  if (!jurisdictionOk(param(q, 'jurisdiction_id'))) {
    sendErrors(ctx, res, fmt, 404, ['jurisdiction not found']);
    return;
  }
  const visible = newestFirst(ctx.store.requests.filter(isVisible));

  const ids = param(q, 'service_request_id');
  if (ids !== undefined) {
    // "overrides all other arguments"; answered in the order asked.
    const list = ids
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((id) => visible.find((r) => r.service_request_id === id))
      .filter((r) => r !== undefined)
      .slice(0, MAX_RESULTS);
    sendDoc(ctx, res, fmt, 200, 'service_requests', list.map(wireRequest));
    return;
  }

  let list = visible;
  const codes = param(q, 'service_code');
  if (codes !== undefined) {
    const wanted = new Set(codes.split(',').map((s) => s.trim()));
    list = list.filter((r) => wanted.has(r.service_code));
  }
  const statuses = param(q, 'status');
  if (statuses !== undefined) {
    const wanted = new Set(statuses.split(',').map((s) => s.trim().toLowerCase()));
    list = list.filter((r) => wanted.has(r.status) || wanted.has(statusClass(r.status)));
  }
  let start = parseDateParam(param(q, 'start_date'), 'start_date');
  const end = parseDateParam(param(q, 'end_date'), 'end_date');
  if (start === undefined) start = (end ?? Date.now()) - DEFAULT_WINDOW_MS;
  list = list.filter((r) => {
    const t = Date.parse(r.requested_datetime);
    return t >= start && (end === undefined || t <= end);
  });

  const latS = param(q, 'lat');
  const longS = param(q, 'long');
  if (latS !== undefined || longS !== undefined) {
    const lat = Number(latS);
    const long = Number(longS);
    if (!DECIMAL.test(latS ?? '') || !DECIMAL.test(longS ?? '') || Math.abs(lat) > 90 || Math.abs(long) > 180) {
      throw new BodyError(400, 'lat and long must both be given as decimal degrees');
    }
    const radiusS = param(q, 'radius');
    const radius = radiusS === undefined ? 1000 : Number(radiusS);
    if (!DECIMAL.test(radiusS ?? '1000') || !(radius >= 0)) throw new BodyError(400, 'radius must be a number of metres');
    list = list.filter((r) => r.lat !== null && r.long !== null && haversine(lat, long, r.lat, r.long) <= radius);
  }

  list = list.slice(0, MAX_RESULTS);
  const page = parsePositiveInt(param(q, 'page'), 'page');
  const pageSize = parsePositiveInt(param(q, 'page_size'), 'page_size');
  if (page !== undefined || pageSize !== undefined) {
    const size = Math.min(pageSize ?? MAX_RESULTS, MAX_RESULTS);
    const from = ((page ?? 1) - 1) * size;
    list = list.slice(from, from + size);
  }
  sendDoc(ctx, res, fmt, 200, 'service_requests', list.map(wireRequest));
}

/**
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {URL} url
 * @param {string} id
 */
function getRequest(ctx, res, fmt, url, id) {
  if (!jurisdictionOk(param(url.searchParams, 'jurisdiction_id'))) {
    sendErrors(ctx, res, fmt, 404, ['jurisdiction not found']);
    return;
  }
  const r = ctx.store.find(id);
  if (!r || !isVisible(r)) {
    // FMS answers unknown or hidden ids with 200 and an empty list (§3.7 item 36).
    if (ctx.profiles.has('fms')) sendDoc(ctx, res, fmt, 200, 'service_requests', []);
    else sendErrors(ctx, res, fmt, 404, [`Service request not found with id ${id}`]);
    return;
  }
  sendDoc(ctx, res, fmt, 200, 'service_requests', [wireRequest(r)]);
}

/**
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {URL} url
 * @param {string} token
 */
function getToken(ctx, res, fmt, url, token) {
  if (!jurisdictionOk(param(url.searchParams, 'jurisdiction_id'))) {
    sendErrors(ctx, res, fmt, 404, ['jurisdiction not found']);
    return;
  }
  const r = ctx.store.findByToken(token);
  if (!r || !isVisible(r)) {
    // Same wording as the Ruby gem's fixture for a pending token (§3.4 item 20).
    sendErrors(ctx, res, fmt, 404, [`Service request not found with token ${token}`]);
    return;
  }
  sendDoc(ctx, res, fmt, 200, 'service_requests', [{ service_request_id: r.service_request_id, token }]);
}

/**
 * Collect `attribute[code]` answers in all three multi-value encodings.
 * @param {[string, string][]} fields
 * @returns {Map<string, string[]>}
 */
function collectAttributes(fields) {
  /** @type {Map<string, string[]>} */
  const answers = new Map();
  for (const [name, value] of fields) {
    const m = /^attribute\[([^\]]+)\](\[\d*\])?$/.exec(name);
    if (!m) continue;
    const list = answers.get(m[1]) ?? [];
    list.push(value);
    answers.set(m[1], list);
  }
  return answers;
}

/**
 * Validate the answers against the service definition.
 * @param {import('./catalogue.mjs').Service} service
 * @param {Map<string, string[]>} answers
 * @param {{lat: number|null, long: number|null}} where
 * @returns {{errors: string[], attributes: Record<string, string|string[]>}}
 */
function checkAttributes(service, answers, where) {
  /** @type {string[]} */
  const errors = [];
  /** @type {Record<string, string|string[]>} */
  const attributes = {};
  for (const a of service.attributes) {
    if (!a.variable) continue;
    if (a.automated === 'server_set') {
      // The council fills this in itself, whatever the client sent (FMS `server_set`).
      if (a.code === 'usrn') attributes.usrn = fakeUsrn(where.lat, where.long);
      continue;
    }
    const raw = answers.get(a.code) ?? [];
    const values =
      a.datatype === 'multivaluelist'
        ? raw
            .flatMap((v) => v.split(','))
            .map((v) => v.trim())
            .filter(Boolean)
        : raw.filter((v) => v.trim() !== '');
    if (values.length === 0) {
      if (a.required) errors.push(`attribute[${a.code}] is required`);
      continue;
    }
    if (a.datatype !== 'multivaluelist' && values.length > 1) {
      errors.push(`attribute[${a.code}] takes a single value`);
      continue;
    }
    if (a.values) {
      let ok = true;
      for (const v of values) {
        const value = a.values.find((x) => x.key === v.trim());
        if (!value) {
          errors.push(`attribute[${a.code}]: "${v}" is not one of the allowed values`);
          ok = false;
        } else if (value.disable_message) {
          errors.push(value.disable_message);
          ok = false;
        }
      }
      if (!ok) continue;
    } else if (a.datatype === 'number' && !DECIMAL.test(values[0].trim())) {
      errors.push(`attribute[${a.code}] must be a number`);
      continue;
    } else if (a.datatype === 'datetime' && Number.isNaN(Date.parse(values[0].trim()))) {
      errors.push(`attribute[${a.code}] must be a date and time in ISO 8601 format`);
      continue;
    }
    attributes[a.code] = a.datatype === 'multivaluelist' ? values.map((v) => v.trim()) : values[0];
  }
  return { errors, attributes };
}

/**
 * A plausible, stable street reference for a location (what a real council's GIS lookup would give).
 * @param {number|null} lat
 * @param {number|null} long
 */
function fakeUsrn(lat, long) {
  if (lat === null || long === null) return '';
  return String(10000000 + (Math.abs(Math.round(lat * 1000) * 7919 + Math.round(long * 1000) * 104729) % 89999999));
}

/**
 * POST requests.
 * @param {Context} ctx
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {URL} url
 */
async function postRequest(ctx, req, res, fmt, url) {
  const form = await readForm(req);
  const fields = [...url.searchParams, ...form.fields];
  if (ctx.apiKey !== undefined && field(fields, 'api_key') !== ctx.apiKey) {
    sendErrors(ctx, res, fmt, 403, ['Invalid or missing api_key']);
    return;
  }
  if (!jurisdictionOk(field(fields, 'jurisdiction_id'))) {
    sendErrors(ctx, res, fmt, 404, ['jurisdiction not found']);
    return;
  }
  const code = field(fields, 'service_code');
  if (code === undefined) {
    sendErrors(ctx, res, fmt, 400, ['service_code is required']);
    return;
  }
  const service = servicesByCode.get(code);
  if (!service) {
    sendErrors(ctx, res, fmt, 404, [`service_code ${code} not found`]);
    return;
  }

  /** @type {string[]} */
  const errors = [];
  const latS = field(fields, 'lat');
  const longS = field(fields, 'long');
  const addressString = field(fields, 'address_string') ?? null;
  const addressId = field(fields, 'address_id') ?? null;
  /** @type {number|null} */
  let lat = null;
  /** @type {number|null} */
  let long = null;
  if (latS !== undefined || longS !== undefined) {
    const la = Number(latS);
    const lo = Number(longS);
    if (!DECIMAL.test(latS ?? '') || !DECIMAL.test(longS ?? '') || Math.abs(la) > 90 || Math.abs(lo) > 180) {
      errors.push('lat and long must both be given as WGS84 decimal degrees (lat -90 to 90, long -180 to 180)');
    } else {
      lat = la;
      long = lo;
    }
  } else if (addressString === null && addressId === null) {
    errors.push('A location is required: lat and long, address_string or address_id');
  }
  if (lat !== null && long !== null && refusedOutside(ctx, res, fmt, { lat, long })) return;

  const description = fields.find(([k, v]) => k === 'description' && v.trim() !== '')?.[1] ?? '';
  if (description.length > MAX_DESCRIPTION) {
    errors.push(`description must be ${MAX_DESCRIPTION} characters or fewer`);
  }

  const checked = checkAttributes(service, collectAttributes(fields), { lat, long });
  errors.push(...checked.errors);

  const upload = form.files.find((f) => MEDIA_FIELDS.has(f.field));
  if (upload && !MEDIA_EXTENSIONS[upload.contentType] && upload.contentType !== 'application/octet-stream') {
    errors.push('media must be a JPEG, PNG, GIF or WebP image');
  }
  if (errors.length > 0) {
    sendErrors(ctx, res, fmt, 400, errors);
    return;
  }
  const mediaUrl = upload ? saveMedia(ctx, upload) : (field(fields, 'media_url') ?? null);

  const now = Date.now();
  const requested = isoNow(now);
  const groupAgency = service.groups.length ? GROUP_AGENCIES[service.groups[0]] : undefined;
  const useToken = service.type === 'batch' || ctx.profiles.has('token-only');
  /** @type {import('./store.mjs').StoredRequest} */
  const record = {
    service_request_id: ctx.store.nextRequestId(ctx.profiles.has('strings')),
    status: 'open',
    status_notes: '',
    service_code: service.service_code,
    service_name: service.service_name,
    description,
    agency_responsible: service.agency ?? groupAgency ?? DEFAULT_AGENCY,
    service_notice: service.notice ?? null,
    requested_datetime: requested,
    updated_datetime: requested,
    expected_datetime: service.expectedDays ? isoNow(now + service.expectedDays * DAY_MS) : null,
    address: addressString,
    address_id: addressId,
    zipcode: null,
    lat,
    long,
    media_url: mediaUrl,
    attributes: checked.attributes,
    email: field(fields, 'email') ?? null,
    first_name: field(fields, 'first_name') ?? null,
    last_name: field(fields, 'last_name') ?? null,
    phone: field(fields, 'phone') ?? null,
    device_id: field(fields, 'device_id') ?? field(fields, 'deviceid') ?? null,
    account_id: field(fields, 'account_id') ?? null,
    token: useToken ? crypto.randomBytes(12).toString('hex') : null,
    token_ready_at: useToken ? now + ctx.tokenDelayMs : null,
  };
  ctx.store.requests.push(record);
  ctx.store.save();

  const answer = useToken
    ? { token: record.token, service_notice: record.service_notice }
    : { service_request_id: record.service_request_id, service_notice: record.service_notice, account_id: null };
  sendDoc(ctx, res, fmt, 200, 'service_requests', [answer]);
}

/**
 * FMS GET servicerequestupdates: oldest first, optional start_date/end_date on updated_datetime.
 * @param {Context} ctx
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {URL} url
 */
function getUpdates(ctx, res, fmt, url) {
  const q = url.searchParams;
  if (!jurisdictionOk(param(q, 'jurisdiction_id'))) {
    sendErrors(ctx, res, fmt, 404, ['jurisdiction not found']);
    return;
  }
  const start = parseDateParam(param(q, 'start_date'), 'start_date');
  const end = parseDateParam(param(q, 'end_date'), 'end_date');
  const visibleIds = new Set(ctx.store.requests.filter(isVisible).map((r) => r.service_request_id));
  const list = ctx.store.updates
    .map((u, i) => ({ u, i, t: Date.parse(u.updated_datetime) }))
    .filter(({ u, t }) => visibleIds.has(u.service_request_id) && (start === undefined || t >= start) && (end === undefined || t <= end))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .slice(0, MAX_RESULTS)
    .map(({ u }) => wireUpdate(u));
  sendDoc(ctx, res, fmt, 200, 'service_request_updates', list);
}

/**
 * FMS POST servicerequestupdates: a resident's later update on their report.
 * @param {Context} ctx
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {'json'|'xml'} fmt
 * @param {URL} url
 */
async function postUpdate(ctx, req, res, fmt, url) {
  const form = await readForm(req);
  const fields = [...url.searchParams, ...form.fields];
  if (ctx.apiKey !== undefined && field(fields, 'api_key') !== ctx.apiKey) {
    sendErrors(ctx, res, fmt, 403, ['Invalid or missing api_key']);
    return;
  }
  if (!jurisdictionOk(field(fields, 'jurisdiction_id'))) {
    sendErrors(ctx, res, fmt, 404, ['jurisdiction not found']);
    return;
  }
  const id = field(fields, 'service_request_id');
  if (id === undefined) {
    sendErrors(ctx, res, fmt, 400, ['service_request_id is required']);
    return;
  }
  const r = ctx.store.find(id);
  if (!r || !isVisible(r)) {
    sendErrors(ctx, res, fmt, 404, [`Service request not found with id ${id}`]);
    return;
  }
  /** @type {string[]} */
  const errors = [];
  const description = fields.find(([k, v]) => k === 'description' && v.trim() !== '')?.[1];
  if (description === undefined) errors.push('description is required');
  else if (description.length > MAX_DESCRIPTION) errors.push(`description must be ${MAX_DESCRIPTION} characters or fewer`);
  // FMS POSTs statuses in upper case (FIXED, IN_PROGRESS); GET answers lower case.
  const status = field(fields, 'status')?.toLowerCase().replace(/ /g, '_');
  if (status !== undefined && status !== 'unchanged' && !ALL_STATUSES.includes(status)) {
    errors.push(`status ${status.toUpperCase()} is not a known status`);
  }
  const updateId = field(fields, 'update_id');
  if (updateId !== undefined && ctx.store.updates.some((u) => u.update_id === updateId)) {
    errors.push(`update_id ${updateId} has already been used`);
  }
  const upload = form.files.find((f) => MEDIA_FIELDS.has(f.field));
  if (upload && !MEDIA_EXTENSIONS[upload.contentType] && upload.contentType !== 'application/octet-stream') {
    errors.push('media must be a JPEG, PNG, GIF or WebP image');
  }
  if (errors.length > 0) {
    sendErrors(ctx, res, fmt, 400, errors);
    return;
  }
  const mediaUrl = upload ? saveMedia(ctx, upload) : (field(fields, 'media_url') ?? '');
  if (status !== undefined && status !== 'unchanged') r.status = status;
  r.updated_datetime = isoNow();
  const update = ctx.store.recordUpdate(r, /** @type {string} */ (description), mediaUrl, updateId);
  ctx.store.save();
  sendDoc(ctx, res, fmt, 200, 'service_request_updates', [{ update_id: update.update_id }]);
}
