// The gateway's HTTP server: GeoReport v2 at /open311/v2/, photos at /media, /healthz, /readyz.
// Fastify for routing, body limits and graceful close; @fastify/cors for the allow-list;
// @fastify/multipart for photos; @fastify/rate-limit (memory or Redis through ioredis) for the
// submit limits. The Open311 work itself is the foundation client's (open311-elements/open311).
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';

import { capConnections, clientKey, trustedProxy } from './addresses.mjs';
import { Bodies } from './bodies.mjs';
import { GatewayError, fromUpstream } from './errors.mjs';
import { MEDIA_NAME, MEDIA_TYPES, PhotoStore, reencode } from './media.mjs';
import { errorItem, toJson, toXml } from '@open311-elements/georeport-wire';
import { wireDefinition, wireRequest, wireService } from './wire.mjs';

const API = '/open311/v2/';
/**
 * The form fields of a POST the gateway understands; anything else is dropped (strict servers reject
 * unknown ones) unless the body lists it in `passFields`. `account_id` and `device_id` are not here:
 * an anonymous browser must not name an account or device under the council's key.
 */
const SCALAR_FIELDS = /** @type {const} */ ({
  address_string: 'addressString',
  address_id: 'addressId',
  email: 'email',
  first_name: 'firstName',
  last_name: 'lastName',
  phone: 'phone',
  description: 'description',
  media_url: 'mediaUrl',
});
/** How long one round of /readyz checks is kept: at most one call per council per this many ms. */
export const READY_CACHE_MS = 10_000;
const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/;

/**
 * One JSON line on stdout per event.
 * @param {Record<string, unknown>} entry
 */
export function stdoutLog(entry) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

/** @param {string} url */
function formatOf(url) {
  return url.split('?')[0].endsWith('.xml') ? 'xml' : 'json';
}

/** Set on a reply that carries a document the gateway wrote itself (see `open311Errors`). */
const WROTE = Symbol('open311-document');

/**
 * @param {import('fastify').FastifyReply} reply
 * @param {'json'|'xml'} fmt
 * @param {number} status
 * @param {string} root
 * @param {unknown} value
 * @param {Record<string, string>} [headers] added after the defaults (e.g. a Cache-Control of its own)
 */
function sendDoc(reply, fmt, status, root, value, headers = {}) {
  return sendRendered(reply, fmt, fmt === 'xml' ? toXml(root, value) : toJson(value), headers, status);
}

/**
 * Sends an already rendered GeoReport v2 document.
 * @param {import('fastify').FastifyReply} reply
 * @param {'json'|'xml'} fmt
 * @param {string} text
 * @param {Record<string, string>} [headers]
 * @param {number} [status]
 */
function sendRendered(reply, fmt, text, headers = {}, status = 200) {
  /** @type {any} */ (reply)[WROTE] = true; // a symbol-keyed mark Fastify's types do not know
  return reply
    .code(status)
    .header('Content-Type', fmt === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .headers(headers)
    .send(text);
}

/** What the gateway says for an error status that Fastify or a plugin produced before any route ran. */
const GENERIC_ERRORS = /** @type {Record<number, string>} */ ({
  400: 'The request could not be read.',
  404: 'Not found.',
  405: 'This method is not allowed here.',
  408: 'The request took too long to arrive.',
  413: 'The request is too large.',
  414: 'The address is too long.',
  415: 'This content type is not accepted.',
  431: 'The request headers are too large.',
  503: 'The gateway is restarting. Please try again in a moment.',
});

/**
 * The last onSend step for errors: whoever produced an error answer (Fastify itself, @fastify/cors's
 * "Invalid Preflight Request", another plugin), the browser gets an Open311 error list in the URL's
 * format. Answers the gateway wrote itself are left alone.
 * @param {import('fastify').FastifyRequest} req
 * @param {import('fastify').FastifyReply} reply
 * @param {unknown} payload
 */
function open311Errors(req, reply, payload) {
  if (reply.statusCode < 400 || /** @type {any} */ (reply)[WROTE]) return payload;
  const status = reply.statusCode;
  const fmt = formatOf(req.url);
  const items = [
    errorItem(status, GENERIC_ERRORS[status] ?? (status >= 500 ? 'The gateway had a problem. Please try again later.' : 'The request could not be read.')),
  ];
  reply.header('Content-Type', fmt === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8').header('Cache-Control', 'no-store');
  reply.removeHeader('Content-Length');
  return fmt === 'xml' ? toXml('errors', items) : toJson(items);
}

/**
 * Fastify's own answer to a URL it cannot decode (a bad `%` escape in the path) or a path parameter
 * too long, as an Open311 error list (Fastify's `frameworkErrors`).
 * @param {Error & { code?: string }} err
 * @param {import('fastify').FastifyRequest} req
 * @param {import('fastify').FastifyReply} reply
 */
function frameworkError(err, req, reply) {
  /** @type {any} */ (req).routeLabel = '(bad url)'; // decorated in buildGateway
  const fmt = formatOf(req.url);
  const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const text = err.code === 'FST_ERR_BAD_URL' ? 'Malformed URL encoding.' : GENERIC_ERRORS[status];
  return sendDoc(reply, fmt, status, 'errors', [errorItem(status, text)]);
}

/**
 * Node's answer to a request it cannot parse at all (bad headers, headers too large, too slow):
 * an Open311 error list in JSON (the URL cannot be trusted to say the format) instead of Fastify's
 * own body (Fastify's `clientErrorHandler`).
 * @param {Error & { code?: string }} err
 * @param {import('node:net').Socket} socket
 */
function clientError(err, socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = toJson([errorItem(status, GENERIC_ERRORS[status])]);
  if (socket.writable) {
    const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status];
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** ETags of recently sent small answers, by their text. */
const recentTags = new Map();

/**
 * `ETag` on every GeoReport v2 answer to a GET, and `304 Not Modified` when the browser already
 * holds it (`If-None-Match`): a page that reloads the service list costs the gateway a hash and the
 * resident no bytes. Runs after the keys are scrubbed, on exactly the bytes that would be sent.
 * @param {import('fastify').FastifyRequest} req
 * @param {import('fastify').FastifyReply} reply
 * @param {unknown} payload
 */
function etagged(req, reply, payload) {
  if (req.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string' || !req.url.startsWith(API)) return payload;
  let tag = recentTags.get(payload);
  if (tag === undefined) {
    tag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
    // The same few lists and definitions are sent again and again: remember their tags (small ones only).
    if (payload.length <= 65_536) {
      if (recentTags.size >= 64) recentTags.clear();
      recentTags.set(payload, tag);
    }
  }
  reply.header('ETag', tag);
  const asked = req.headers['if-none-match'];
  if (typeof asked === 'string' && asked.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === tag)) {
    reply.code(304);
    reply.removeHeader('Content-Type');
    reply.removeHeader('Content-Length');
    return null;
  }
  return payload;
}

/**
 * Throws a 400 Open311 error for a bad `%` escape (or percent-encoded bytes that are not UTF-8) in
 * a query string or form body, instead of passing the text on half-decoded.
 * @param {string} raw
 */
function checkEscapes(raw) {
  if (!raw.includes('%')) return;
  try {
    decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new GatewayError(400, 'Malformed URL encoding.');
  }
}

/**
 * Latitude and longitude from strings; undefined when neither is given, 400 when they are unusable.
 * @param {string|null|undefined} lat
 * @param {string|null|undefined} long
 */
function parsePoint(lat, long) {
  const blank = (/** @type {string|null|undefined} */ v) => v === undefined || v === null || v.trim() === '';
  if (blank(lat) && blank(long)) return undefined;
  const la = Number(lat);
  const lo = Number(long);
  if (!DECIMAL.test(lat ?? '') || !DECIMAL.test(long ?? '') || Math.abs(la) > 90 || Math.abs(lo) > 180) {
    throw new GatewayError(400, 'lat and long must both be given as decimal degrees (WGS84).');
  }
  return { lat: la, long: lo };
}

/**
 * A GeoReport v2 POST's fields as the foundation client's input; `api_key` and `jurisdiction_id`
 * from the browser are dropped (the gateway sets its own), and so is everything it does not know.
 * @param {Array<[string, string]>} fields
 * @param {string[]} passFields
 * @returns {import('open311-elements/open311').NewServiceRequest}
 */
function toNewRequest(fields, passFields) {
  /** @type {Record<string, any>} */
  const input = { serviceCode: '' };
  /** @type {Record<string, string[]>} */
  const attributes = {};
  const listAttributes = new Set();
  /** @type {Record<string, string>} */
  const extra = {};
  for (const [name, value] of fields) {
    if (name === 'service_code') input.serviceCode = value.trim();
    else if (name in SCALAR_FIELDS) input[SCALAR_FIELDS[/** @type {keyof typeof SCALAR_FIELDS} */ (name)]] = value;
    else if (passFields.includes(name)) extra[name] = value;
    else {
      const m = /^attribute\[([^\]]+)\](\[\d*\])?$/.exec(name);
      if (m) {
        (attributes[m[1]] ??= []).push(value);
        if (m[2]) listAttributes.add(m[1]);
      }
    }
  }
  if (!input.serviceCode) throw new GatewayError(400, 'service_code is required');
  const lat = fields.find(([k]) => k === 'lat')?.[1];
  const long = fields.find(([k]) => k === 'long')?.[1];
  const point = parsePoint(lat, long);
  if (point) {
    input.lat = point.lat;
    input.long = point.long;
  }
  input.attributes = Object.fromEntries(
    Object.entries(attributes).map(([code, values]) => [code, values.length > 1 || listAttributes.has(code) ? values : values[0]]),
  );
  if (Object.keys(extra).length) input.extra = extra;
  return /** @type {import('open311-elements/open311').NewServiceRequest} */ (input);
}

/** @param {number} seconds */
function wait(seconds) {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  if (seconds < 5400) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

/**
 * Builds the gateway (not listening yet).
 * @param {import('./config.mjs').GatewayConfig} config
 * @param {{ log?: (entry: Record<string, unknown>) => void, fetch?: typeof fetch }} [options]
 */
export async function buildGateway(config, options = {}) {
  const bodies = new Bodies(config, { fetch: options.fetch });
  /** Hides every key, in every form it could take, in an answer or a log line (scrub.mjs). */
  const scrub = bodies.scrub;
  const rawLog = options.log ?? stdoutLog;
  /** @param {Record<string, unknown>} entry */
  const log = (entry) => {
    let line;
    try {
      line = JSON.parse(scrub(JSON.stringify(entry)));
    } catch {
      // Only a key with JSON escapes in it could spoil the line: log that a line was hidden, not the line.
      line = { level: entry.level, msg: '(log line hidden: it held a key)' };
    }
    rawLog(line);
  };
  const limits = config.limits;
  const app = Fastify({
    logger: false,
    bodyLimit: limits.maxFormBytes,
    trustProxy: config.trustProxy,
    // A client that trickles its request must not hold a connection for ever.
    requestTimeout: limits.upstreamTimeoutMs * 2 + 10_000,
    connectionTimeout: limits.upstreamTimeoutMs * 2 + 20_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // Fastify's own error answers, as Open311 error lists too.
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
  });
  app.decorateRequest('stale', undefined);
  app.decorateRequest('routeLabel', undefined);
  app.decorateRequest('bodyId', undefined);
  app.decorateRequest('upstream', undefined);
  capConnections(app.server, limits.connectionsPerIp, trustedProxy(config.trustProxy), log);
  const photos = new PhotoStore(config.media, log);
  photos.start();
  app.addHook('onClose', async () => photos.stop());

  // --- Redis (optional): shared counters for several instances ---------------------------------
  /** @type {Redis|undefined} */
  let redis;
  let redisState = 'off';
  if (config.redis) {
    redis = new Redis(config.redis, { connectTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    redis.on('error', (/** @type {Error & {code?: string}} */ e) => {
      if (redisState !== 'down') log({ level: 'warn', msg: 'redis unreachable: rate limits are not enforced until it is back', problem: e.code ?? e.name });
      redisState = 'down';
    });
    redis.on('ready', () => {
      if (redisState === 'down') log({ level: 'info', msg: 'redis reachable again' });
      redisState = 'up';
    });
    try {
      await redis.connect();
      redisState = 'up';
    } catch {
      redisState = 'down';
    }
    app.addHook('onClose', async () => {
      await redis?.quit().catch(() => redis?.disconnect());
    });
  }

  // --- every request: origin check, timing, logging, key scrubbing -----------------------------
  const allowed = new Set([...config.allowedOrigins, new URL(config.publicUrl).origin]);
  app.addHook('onRequest', async (req) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) {
      throw new GatewayError(403, 'This website is not allowed to use this Open311 gateway.');
    }
  });
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    // Connections that were busy when close began go idle later: close each as it does.
    const timer = setInterval(() => app.server.closeIdleConnections(), 50);
    app.server.once('close', () => clearInterval(timer));
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (closing) reply.header('Connection', 'close');
    return typeof payload === 'string' ? scrub(payload) : payload;
  });
  // After scrubbing: the error safety net (its text has no key), then ETag/304 on the bytes sent.
  app.addHook('onSend', async (req, reply, payload) => etagged(req, reply, open311Errors(req, reply, payload)));
  app.addHook('onResponse', async (req, reply) => {
    /** @type {Record<string, unknown>} */
    const entry = {
      level: reply.statusCode >= 500 ? 'error' : 'info',
      method: req.method,
      route: req.routeLabel ?? req.routeOptions?.url ?? '(none)',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (req.bodyId) entry.body = req.bodyId;
    if (req.upstream) entry.upstream = req.upstream;
    if (req.stale) {
      entry.stale = req.stale;
      entry.msg = `served the last good answer: the council's system is ${req.stale === 'slow' ? 'slow' : 'down'}`;
    }
    log(entry);
  });

  app.setErrorHandler((err, req, reply) => {
    const fmt = formatOf(req.url);
    const e = /** @type {Error & { statusCode?: number, code?: string }} */ (err);
    /** @type {GatewayError} */
    let g;
    if (e instanceof GatewayError) g = e;
    else if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      g = req.url.startsWith('/media')
        ? new GatewayError(413, `The photo is too large: the most the gateway takes is ${Math.floor(limits.maxPhotoBytes / 1048576)} MB.`)
        : new GatewayError(413, 'The report is too long.');
    } else if (e.statusCode === 415 || e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      g = req.url.startsWith('/media')
        ? new GatewayError(415, 'Send the photo as multipart/form-data.')
        : new GatewayError(415, 'Send the report as application/x-www-form-urlencoded or multipart/form-data.');
    } else if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      g = new GatewayError(e.statusCode, 'The request could not be read.');
    } else {
      log({ level: 'error', msg: 'gateway error', problem: e.code ?? e.name });
      g = new GatewayError(500, 'The gateway had a problem. Please try again later.');
    }
    if (g.upstream) req.upstream = g.upstream;
    for (const [k, v] of Object.entries(g.headers)) reply.header(k, v);
    // An item's own fields after code and description: `outside_area` and `contact` (pin contract item 2).
    return sendDoc(
      reply,
      fmt,
      g.status,
      'errors',
      g.errors.map((x) => ({ ...x, ...errorItem(x.code, x.description) })),
    );
  });
  app.setNotFoundHandler((req, reply) => {
    req.routeLabel = '(not found)';
    return sendDoc(reply, formatOf(req.url), 404, 'errors', [errorItem(404, 'Not found.')]);
  });

  await app.register(cors, {
    origin: [...allowed],
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type'],
    exposedHeaders: ['Retry-After', 'X-Open311-Stale'],
    maxAge: 600,
    strictPreflight: true,
  });
  await app.register(multipart, {
    limits: { fileSize: limits.maxPhotoBytes, files: 1, fields: 200, fieldSize: limits.maxFormBytes, parts: 201 },
  });
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: limits.maxFormBytes }, (_req, body, done) => {
    try {
      checkEscapes(/** @type {string} */ (body));
    } catch (e) {
      done(/** @type {Error} */ (e), undefined);
      return;
    }
    done(null, new URLSearchParams(/** @type {string} */ (body)));
  });

  // --- rate limits -------------------------------------------------------------------------------
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'open311-gateway:' } : {}),
    // A Redis outage must not stop residents reporting: the limits pause and the log says so.
    skipOnError: true,
  });
  /**
   * @param {string} name
   * @param {number} max
   * @param {number} windowMs
   */
  const limiter = (name, max, windowMs) =>
    max > 0
      ? /** @type {any} */ (app).createRateLimit({ max, timeWindow: windowMs, keyGenerator: (/** @type {any} */ req) => `${name}:${clientKey(req.ip)}` })
      : undefined;
  const submitLimiters = [limiter('submit-minute', limits.submitsPerMinute, 60_000), limiter('submit-day', limits.submitsPerDay, 86_400_000)].filter(Boolean);
  const uploadLimiters = [limiter('upload-minute', limits.uploadsPerMinute, 60_000)].filter(Boolean);
  // GETs reach the council's server too (reports, statuses; lists when their copy runs out).
  const getLimiters = [limiter('get-minute', limits.getsPerMinute, 60_000)].filter(Boolean);
  /**
   * @param {import('fastify').FastifyRequest} req
   * @param {any[]} limiters
   * @param {string} what
   */
  async function enforce(req, limiters, what) {
    for (const l of limiters) {
      const r = await l(req);
      if (r.isExceeded) {
        const seconds = Math.max(1, r.ttlInSeconds);
        throw new GatewayError(429, `Too many ${what} from this connection. Please wait ${wait(seconds)} and try again.`, {
          headers: { 'Retry-After': String(seconds) },
        });
      }
    }
  }

  // --- GeoReport v2 -----------------------------------------------------------------------------
  /**
   * @param {import('fastify').FastifyRequest} req
   * @param {import('fastify').FastifyReply} reply
   */
  async function api(req, reply) {
    const [pathPart, queryPart = ''] = req.url.split('?');
    if (req.method === 'GET') await enforce(req, getLimiters, 'requests');
    checkEscapes(queryPart);
    const rest = pathPart.slice(API.length);
    const m = /^(.+)\.(json|xml)$/.exec(rest);
    const fmt = m?.[2] === 'xml' ? 'xml' : 'json';
    const query = new URLSearchParams(queryPart);
    /** @param {string} s */
    const decode = (s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new GatewayError(400, 'Malformed URL encoding.');
      }
    };
    const route = m?.[1] ?? '';
    const method = req.method;
    /** @type {[RegExp, string, string, (x: RegExpExecArray) => Promise<unknown>][]} */
    const routes = [
      [/^services$/, 'GET', 'services', () => getServices(reply, fmt, query, req)],
      [/^services\/([^/]+)$/, 'GET', 'services/{code}', (x) => getDefinition(reply, fmt, decode(x[1]), req)],
      [/^requests$/, 'GET', 'requests', () => getRequests(reply, fmt, query, req)],
      [/^requests$/, 'POST', 'requests', () => postRequest(reply, fmt, req)],
      [/^requests\/([^/]+)$/, 'GET', 'requests/{id}', (x) => getRequest(reply, fmt, decode(x[1]), req)],
      [/^tokens\/([^/]+)$/, 'GET', 'tokens/{token}', (x) => getToken(reply, fmt, decode(x[1]), req)],
    ];
    let pathMatched = false;
    for (const [re, routeMethod, label, fn] of routes) {
      const match = re.exec(route);
      if (!match) continue;
      pathMatched = true;
      req.routeLabel = `${API}${label}.${fmt}`;
      if (routeMethod !== method) continue;
      return fn(match);
    }
    req.routeLabel = pathMatched ? req.routeLabel : `${API}(not found)`;
    if (pathMatched) {
      reply.header(
        'Allow',
        routes
          .filter(([re]) => re.test(route))
          .map(([, x]) => x)
          .join(', '),
      );
      throw new GatewayError(405, `${method} is not allowed here.`);
    }
    throw new GatewayError(404, 'Not found.');
  }

  /**
   * @param {import('./bodies.mjs').CatalogueEntry} e
   */
  const describe = (e) => {
    if (!bodies.multi) return undefined;
    const who = `Handled by ${e.body.name}.`;
    return e.service.description ? `${e.service.description}\n\n${who}` : who;
  };

  /**
   * @param {import('fastify').FastifyReply} reply
   * @param {'json'|'xml'} fmt
   * @param {URLSearchParams} query
   * @param {import('fastify').FastifyRequest} req
   */
  async function getServices(reply, fmt, query, req) {
    const point = parsePoint(query.get('lat'), query.get('long'));
    const covering = point ? bodies.requireCovered(point) : bodies.list;
    req.bodyId = covering.map((b) => b.id).join(',');
    // With several bodies, the list at a point is made from the kept lists of the bodies covering
    // it (merged: one entry per service name), so it is the same for every point those bodies cover.
    // One body passes the point on to its council, whose own answer is not kept.
    const merged = point !== undefined && bodies.multi;
    /** @type {{ stale?: string }} */
    const note = {};
    const { entries, failed } = merged ? await bodies.catalogueAt(covering, note) : await bodies.catalogue(undefined, point, note);
    // A body whose services are needed here and could not be read: say so rather than hide its services.
    const needed = failed.find((f) => covering.includes(f.body));
    if (needed) throw needed.error;
    // The same document for everyone until the bodies' service lists expire: send the one rendered
    // last time instead of merging and serialising it again on every request.
    const key = `${fmt}|${merged ? covering.map((b) => b.id).join(',') : '*'}`;
    const version = bodies.servicesVersion();
    const keep = (point === undefined || merged) && failed.length === 0 && bodies.cacheMs > 0;
    const hit = keep ? renderedServices.get(key) : undefined;
    let text;
    if (hit && hit.version === version) text = hit.text;
    else {
      const value = entries.map((e) => wireService(e.service, { code: e.code, description: describe(e) }));
      text = fmt === 'xml' ? toXml('services', value) : toJson(value);
      if (keep) {
        // One entry per format and set of covering bodies: a handful in practice, never one per point.
        if (renderedServices.size >= 64) renderedServices.clear();
        renderedServices.set(key, { text, version });
      }
    }
    return sendRendered(reply, fmt, text, keptHeaders(req, note));
  }

  /**
   * Service lists rendered last time, by format and the bodies they were merged from (`*`: the
   * whole list), and which kept lists they were made from: each document is the same for everyone
   * until a body's list is read again.
   * @type {Map<string, { text: string, version: string }>}
   */
  const renderedServices = new Map();

  /**
   * Headers of an answer made from what the gateway keeps (service lists, definitions): browsers
   * may keep it but must ask again (`no-cache`, answered 304 when unchanged); an old answer served
   * while the council is slow or down says so.
   * @param {import('fastify').FastifyRequest} req
   * @param {{ stale?: string }} note
   * @returns {Record<string, string>}
   */
  function keptHeaders(req, note) {
    /** @type {Record<string, string>} */
    const headers = { 'Cache-Control': 'no-cache' };
    if (note.stale) {
      req.stale = note.stale;
      headers['X-Open311-Stale'] = note.stale;
      headers.Warning = '110 - "Response is Stale"';
    }
    return headers;
  }

  /**
   * @param {import('fastify').FastifyReply} reply
   * @param {'json'|'xml'} fmt
   * @param {string} code
   * @param {import('fastify').FastifyRequest} req
   */
  async function getDefinition(reply, fmt, code, req) {
    const target = await bodies.resolveService(code);
    req.bodyId = target.body.id;
    /** @type {{ stale?: string }} */
    const note = {};
    const def = await bodies.definition(target.body, target.code, note);
    // A kept definition is the same document for everyone: rendered once per code and format.
    let texts = renderedDefinitions.get(def);
    if (!texts) renderedDefinitions.set(def, (texts = new Map()));
    const key = `${fmt} ${code}`;
    let text = texts.get(key);
    if (text === undefined) {
      const value = wireDefinition(def, code);
      text = fmt === 'xml' ? toXml('service_definition', value) : toJson(value);
      texts.set(key, text);
    }
    return sendRendered(reply, fmt, text, keptHeaders(req, note));
  }

  /**
   * Definitions rendered for browsers, by the kept definition they were made from (a definition read
   * again from the council is a new object, so its old texts go with it).
   * @type {WeakMap<object, Map<string, string>>}
   */
  const renderedDefinitions = new WeakMap();

  /**
   * Reads a POST's fields; a multipart POST may carry one photo as `media`. The photo's bytes are only
   * collected here (at most maxPhotoBytes): nothing is decoded or stored before the report's checks.
   * Text fields are held to maxFormBytes, each and in total (413, never cut short).
   * @param {import('fastify').FastifyRequest} req
   * @returns {Promise<{ fields: Array<[string, string]>, photo: Buffer|undefined }>}
   */
  async function readFields(req) {
    if (!req.isMultipart()) {
      const body = /** @type {unknown} */ (req.body);
      return { fields: body instanceof URLSearchParams ? [...body] : [], photo: undefined };
    }
    /** @type {Array<[string, string]>} */
    const fields = [];
    /** @type {Buffer|undefined} */
    let photo;
    let textBytes = 0;
    await readMultipart(req, async (part) => {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (data.length > 0) photo = data;
        return;
      }
      const value = typeof part.value === 'string' ? part.value : '';
      textBytes += Buffer.byteLength(part.fieldname) + Buffer.byteLength(value);
      if (part.valueTruncated || part.fieldnameTruncated || textBytes > limits.maxFormBytes) throw new GatewayError(413, 'The report is too long.');
      fields.push([part.fieldname, value]);
    });
    return { fields, photo };
  }

  /**
   * Reads every part of a multipart body; a body that is not well-formed multipart is a 400 (a busboy
   * or multipart error without an HTTP status), never a 500.
   * @param {import('fastify').FastifyRequest} req
   * @param {(part: import('@fastify/multipart').Multipart) => Promise<void>} each
   */
  async function readMultipart(req, each) {
    try {
      for await (const part of req.parts()) await each(part);
    } catch (e) {
      const err = /** @type {Error & { statusCode?: number }} */ (e);
      if (err instanceof GatewayError || (typeof err.statusCode === 'number' && err.statusCode !== 500)) throw err;
      throw new GatewayError(400, 'The form could not be read (malformed multipart/form-data).');
    }
  }

  /**
   * After the council accepted a report: writes the photo sent with it, or keeps the earlier upload
   * it refers to. The report is in either way, so a disk problem is logged, not answered.
   * @param {string|undefined} photoName
   * @param {string|undefined} mediaUrl
   */
  async function keepPhoto(photoName, mediaUrl) {
    try {
      if (photoName) await photos.putClaimed(photoName, /** @type {Buffer} */ (photos.pending.get(photoName)));
      else await photos.claim(mediaUrl, config.publicUrl);
    } catch (e) {
      log({ level: 'error', msg: 'photo of an accepted report not stored', problem: /** @type {NodeJS.ErrnoException} */ (e).code ?? 'error' });
    } finally {
      if (photoName) photos.pending.delete(photoName);
    }
  }

  /** Where a report's photo link may point besides this gateway's own /media/ (config `mediaUrlHosts`). */
  const mediaUrlHosts = new Set(config.mediaUrlHosts ?? []);
  const ownMedia = new URL(`${config.publicUrl}/media/`);
  /**
   * A report's `media_url` is sent on under the council's key, so it must be a photo this gateway
   * stored (`<publicUrl>/media/<name>`) or sit on an https origin the config lists; else 400.
   * @param {string} value
   * @returns {string|undefined}
   */
  function checkMediaUrl(value) {
    const v = value.trim();
    if (v === '') return undefined;
    let url;
    try {
      url = new URL(v);
    } catch {
      url = undefined;
    }
    if (url && !url.username && !url.password) {
      const name = url.pathname.slice(ownMedia.pathname.length);
      if (url.origin === ownMedia.origin && url.pathname.startsWith(ownMedia.pathname) && MEDIA_NAME.test(name) && !url.search && !url.hash) return url.href;
      if (url.protocol === 'https:' && mediaUrlHosts.has(url.origin)) return url.href;
    }
    throw new GatewayError(400, 'The photo link was not accepted: send the photo itself, or a link to a photo stored by this website.');
  }

  /**
   * @param {import('fastify').FastifyReply} reply
   * @param {'json'|'xml'} fmt
   * @param {import('fastify').FastifyRequest} req
   */
  async function postRequest(reply, fmt, req) {
    const { fields, photo } = await readFields(req);
    if (fields.some(([k, v]) => k === limits.honeypotField && v.trim() !== '')) {
      req.upstream = 'honeypot';
      throw new GatewayError(400, 'This report looks automated and was not sent.');
    }
    const passFields = [...new Set(bodies.list.flatMap((b) => b.passFields))];
    const input = toNewRequest(fields, passFields);
    if (input.mediaUrl !== undefined) input.mediaUrl = checkMediaUrl(input.mediaUrl);
    const point = input.lat !== undefined && input.long !== undefined ? { lat: input.lat, long: input.long } : undefined;
    const target = await bodies.resolveService(input.serviceCode, point);
    req.bodyId = target.body.id;
    await enforce(req, submitLimiters, 'reports');
    // A photo sent with the report: counted as an upload, decoded only now, written only if the council accepts the report.
    /** @type {string|undefined} */
    let photoName;
    if (photo) {
      await enforce(req, uploadLimiters, 'photos');
      const image = await reencode(photo, config.media.format);
      photoName = PhotoStore.newName(image.ext);
      photos.pending.set(photoName, image.data);
      input.mediaUrl = `${config.publicUrl}/media/${photoName}`;
    }
    const extra = input.extra ? Object.fromEntries(Object.entries(input.extra).filter(([k]) => target.body.passFields.includes(k))) : undefined;
    let result;
    try {
      result = await target.body.client.submitRequest({ ...input, serviceCode: target.code, extra });
    } catch (e) {
      if (photoName) photos.pending.delete(photoName);
      throw fromUpstream(e, target.body);
    }
    await keepPhoto(photoName, input.mediaUrl);
    /** @type {Record<string, unknown>} */
    const record = {};
    if (result.id !== undefined) record.service_request_id = bodies.outId(target.body, result.id);
    else if (result.token !== undefined) record.token = bodies.outId(target.body, result.token);
    else record.service_request_id = null;
    record.service_notice = result.serviceNotice ?? null;
    record.account_id = result.accountId ?? null;
    return sendDoc(reply, fmt, 200, 'service_requests', [record]);
  }

  /**
   * @param {import('fastify').FastifyReply} reply
   * @param {'json'|'xml'} fmt
   * @param {string} id
   * @param {import('fastify').FastifyRequest} req
   */
  async function getRequest(reply, fmt, id, req) {
    const target = bodies.inId(id);
    req.bodyId = target.body.id;
    let found;
    try {
      found = await target.body.client.request(target.id);
    } catch (e) {
      throw fromUpstream(e, target.body);
    }
    if (!found) throw new GatewayError(404, `No report has the reference ${id}.`);
    const mapped = { id: bodies.outId(target.body, found.id ?? target.id), code: await bodies.outCode(target.body, found.serviceCode) };
    return sendDoc(reply, fmt, 200, 'service_requests', [wireRequest(found, mapped)]);
  }

  /**
   * @param {import('fastify').FastifyReply} reply
   * @param {'json'|'xml'} fmt
   * @param {string} token
   * @param {import('fastify').FastifyRequest} req
   */
  async function getToken(reply, fmt, token, req) {
    const target = bodies.inId(token);
    req.bodyId = target.body.id;
    let result;
    try {
      result = await target.body.client.tokenToId(target.id);
    } catch (e) {
      throw fromUpstream(e, target.body);
    }
    // Not processed yet: answered as the local server and the Ruby gem's fixtures do (open311.md §3.4 item 20).
    if (result.id === undefined) throw new GatewayError(404, 'This report is still being processed. Please check again in a minute.');
    return sendDoc(reply, fmt, 200, 'service_requests', [{ service_request_id: bodies.outId(target.body, result.id), token }]);
  }

  /**
   * @param {import('fastify').FastifyReply} reply
   * @param {'json'|'xml'} fmt
   * @param {URLSearchParams} query
   * @param {import('fastify').FastifyRequest} req
   */
  async function getRequests(reply, fmt, query, req) {
    const get = (/** @type {string} */ k) => {
      const v = query.get(k)?.trim();
      return v ? v : undefined;
    };
    const split = (/** @type {string|undefined} */ v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    const ids = split(get('service_request_id'));
    const codes = split(get('service_code'));
    const point = parsePoint(get('lat'), get('long'));
    const num = (/** @type {string} */ k) => {
      const v = get(k);
      if (v === undefined) return undefined;
      if (!/^\d+(\.\d+)?$/.test(v)) throw new GatewayError(400, `${k} must be a positive number.`);
      return Number(v);
    };
    const base = {
      status: split(get('status')),
      startDate: get('start_date'),
      endDate: get('end_date'),
      page: num('page'),
      pageSize: num('page_size'),
      radius: num('radius'),
      ...(point ? { lat: point.lat, long: point.long } : {}),
    };
    /** @type {Array<{ body: import('./bodies.mjs').Body, query: import('open311-elements/open311').RequestsQuery }>} */
    const plans = [];
    for (const body of point ? bodies.covering(point) : bodies.list) {
      /** @type {import('open311-elements/open311').RequestsQuery} */
      const q = { ...base };
      if (ids) {
        const mine = ids
          .map((i) => (bodies.multi ? bodies.splitPrefix(i) : { body, rest: i }))
          .filter((x) => x?.body === body)
          .map((x) => /** @type {any} */ (x).rest);
        if (mine.length === 0) continue;
        q.ids = mine;
      }
      if (codes) {
        const mine = codes.map((c) => {
          const p = bodies.multi ? bodies.splitPrefix(c) : undefined;
          return p ? (p.body === body ? p.rest : undefined) : c;
        });
        const list = mine.filter((c) => c !== undefined);
        if (list.length === 0) continue;
        q.serviceCodes = /** @type {string[]} */ (list);
      }
      plans.push({ body, query: q });
    }
    req.bodyId = plans.map((p) => p.body.id).join(',') || undefined;
    const settled = await Promise.allSettled(plans.map((p) => p.body.client.requests(p.query)));
    /** @type {Array<{ body: import('./bodies.mjs').Body, r: import('open311-elements/open311').ServiceRequest }>} */
    const found = [];
    /** @type {GatewayError|undefined} */
    let firstError;
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') for (const r of s.value) found.push({ body: plans[i].body, r });
      else firstError ??= fromUpstream(s.reason, plans[i].body);
    });
    if (firstError && (plans.length === 1 || found.length === 0)) throw firstError;
    if (firstError) req.upstream = `partial: ${firstError.upstream ?? 'error'}`;
    const records = await Promise.all(
      found.map(async ({ body, r }) =>
        wireRequest(r, { id: bodies.outId(body, r.id), token: bodies.outId(body, r.token), code: await bodies.outCode(body, r.serviceCode) }),
      ),
    );
    if (ids) {
      const order = new Map(ids.map((id, i) => [id, i]));
      records.sort((a, b) => (order.get(String(a.service_request_id)) ?? 1e9) - (order.get(String(b.service_request_id)) ?? 1e9));
    } else if (bodies.multi) {
      const t = (/** @type {Record<string, unknown>} */ r) => Date.parse(String(r.requested_datetime ?? '')) || 0;
      records.sort((a, b) => t(b) - t(a));
    }
    return sendDoc(reply, fmt, 200, 'service_requests', records);
  }

  app.route({ method: ['GET', 'POST'], url: `${API}*`, handler: api });

  // --- photos -----------------------------------------------------------------------------------
  app.post('/media', async (req, reply) => {
    if (!req.isMultipart()) throw new GatewayError(415, 'Send the photo as multipart/form-data.');
    await enforce(req, uploadLimiters, 'photos');
    /** @type {Buffer|undefined} */
    let data;
    await readMultipart(req, async (part) => {
      if (part.type === 'file') {
        if (data) throw new GatewayError(400, 'Send one photo at a time.');
        data = await part.toBuffer();
      }
    });
    if (!data || data.length === 0) throw new GatewayError(400, 'Send one photo as a multipart file field.');
    const name = await photos.putUnclaimed(await reencode(data, config.media.format));
    return reply
      .code(201)
      .header('Cache-Control', 'no-store')
      .send({ media_url: `${config.publicUrl}/media/${name}` });
  });

  app.get('/media/:name', async (req, reply) => {
    const { name } = /** @type {{ name: string }} */ (req.params);
    if (!MEDIA_NAME.test(name)) throw new GatewayError(404, 'Not found.');
    const data = await photos.read(name);
    if (!data) throw new GatewayError(404, 'Not found.');
    return reply
      .header('Content-Type', MEDIA_TYPES[name.split('.').pop() ?? 'jpg'])
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Content-Disposition', 'inline')
      .send(data);
  });

  // --- operations ---------------------------------------------------------------------------------
  // Liveness: the gateway itself answers, with no call to any council or to Redis, so a load
  // balancer's check (and anyone on the internet) cannot make it call upstream.
  app.get('/healthz', async (_req, reply) => reply.code(200).header('Cache-Control', 'no-store').send({ ok: true }));

  // Readiness: each council's service list (health clients of their own) and Redis. At most one
  // round of checks per READY_CACHE_MS whoever asks and however often; the answer is kept meanwhile.
  /** @type {{ at: number, result: Promise<{ ok: boolean } & Record<string, unknown>> }|undefined} */
  let ready;
  const checkReady = async () => {
    const results = await bodies.health();
    /** @type {{ ok: boolean } & Record<string, unknown>} */
    const out = { ok: results.every((r) => r.ok), bodies: results };
    if (redis) {
      let ok = false;
      try {
        ok = (await redis.ping()) === 'PONG';
      } catch {
        ok = false;
      }
      out.redis = ok ? 'ok' : 'unreachable';
    }
    return out;
  };
  app.get('/readyz', async (_req, reply) => {
    if (!ready || Date.now() - ready.at >= READY_CACHE_MS) ready = { at: Date.now(), result: checkReady() };
    const out = await ready.result;
    const age = Math.floor((Date.now() - ready.at) / 1000);
    /** @type {any} */ (reply)[WROTE] = true; // its 503 is the readiness document, not an error to rewrite
    return reply
      .code(out.ok ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .header('Age', String(age))
      .send({ ...out, checkedSecondsAgo: age });
  });

  return { app, bodies, log };
}

/**
 * Builds and starts the gateway.
 * @param {import('./config.mjs').GatewayConfig} config
 * @param {{ log?: (entry: Record<string, unknown>) => void, fetch?: typeof fetch }} [options]
 */
export async function startGateway(config, options = {}) {
  const { app, log } = await buildGateway(config, options);
  await app.listen({ host: config.listen.host, port: config.listen.port });
  const address = /** @type {import('node:net').AddressInfo} */ (app.server.address());
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log({ level: 'info', msg: 'listening', url, bodies: config.bodies.map((b) => b.id), redis: Boolean(config.redis) });
  return {
    app,
    url,
    endpoint: `${url}${API}`,
    port: address.port,
    close: () => app.close(),
  };
}
