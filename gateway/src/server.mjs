// The gateway's HTTP server: GeoReport v2 at /open311/v2/, photos at /media, /healthz.
// Fastify for routing, body limits and graceful close; @fastify/cors for the allow-list;
// @fastify/multipart for photos; @fastify/rate-limit (memory or Redis through ioredis) for the
// submit limits. The Open311 work itself is the foundation client's (open311-elements/open311).
import Fastify from 'fastify';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';

import { capConnections, clientKey, trustedProxy } from './addresses.mjs';
import { Bodies } from './bodies.mjs';
import { GatewayError, fromUpstream } from './errors.mjs';
import { MEDIA_NAME, MEDIA_TYPES, PhotoStore, reencode } from './media.mjs';
import { errorItem, escapeXml, toJson, toXml, wireDefinition, wireRequest, wireService } from './wire.mjs';

const API = '/open311/v2/';
/** The form fields of a POST the gateway understands; anything else is dropped (strict servers reject unknown ones). */
const SCALAR_FIELDS = /** @type {const} */ ({
  address_string: 'addressString',
  address_id: 'addressId',
  email: 'email',
  device_id: 'deviceId',
  account_id: 'accountId',
  first_name: 'firstName',
  last_name: 'lastName',
  phone: 'phone',
  description: 'description',
  media_url: 'mediaUrl',
});
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

/**
 * @param {import('fastify').FastifyReply} reply
 * @param {'json'|'xml'} fmt
 * @param {number} status
 * @param {string} root
 * @param {unknown} value
 */
function sendDoc(reply, fmt, status, root, value) {
  return reply
    .code(status)
    .header('Content-Type', fmt === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(fmt === 'xml' ? toXml(root, value) : toJson(value));
}

/**
 * Sends an already rendered GeoReport v2 document.
 * @param {import('fastify').FastifyReply} reply
 * @param {'json'|'xml'} fmt
 * @param {string} text
 */
function sendRendered(reply, fmt, text) {
  return reply
    .code(200)
    .header('Content-Type', fmt === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(text);
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
  const keys = config.bodies.map((b) => b.apiKey).filter((k) => typeof k === 'string');
  /** Every form a key could take in an answer or a log line. */
  const keyForms = [...new Set(keys.flatMap((k) => [k, encodeURIComponent(k), escapeXml(k), JSON.stringify(k).slice(1, -1)]))];
  /** @param {string} s */
  const scrub = (s) => (keyForms.length === 0 ? s : keyForms.reduce((acc, k) => (acc.includes(k) ? acc.split(k).join('[hidden]') : acc), s));
  const rawLog = options.log ?? stdoutLog;
  /** @param {Record<string, unknown>} entry */
  const log = (entry) => rawLog(JSON.parse(scrub(JSON.stringify(entry))));

  const bodies = new Bodies(config, { fetch: options.fetch });
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
  });
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
    return sendDoc(reply, fmt, g.status, 'errors', g.errors.map((x) => errorItem(x.code, x.description)));
  });
  app.setNotFoundHandler((req, reply) => {
    req.routeLabel = '(not found)';
    return sendDoc(reply, formatOf(req.url), 404, 'errors', [errorItem(404, 'Not found.')]);
  });

  await app.register(cors, {
    origin: [...allowed],
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
    strictPreflight: true,
  });
  await app.register(multipart, {
    limits: { fileSize: limits.maxPhotoBytes, files: 1, fields: 200, fieldSize: limits.maxFormBytes, parts: 201 },
  });
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: limits.maxFormBytes }, (_req, body, done) => {
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
      reply.header('Allow', routes.filter(([re]) => re.test(route)).map(([, x]) => x).join(', '));
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
    // The whole list is the same for everyone until the bodies' service lists expire: send the
    // document rendered last time instead of merging and serialising it again on every request.
    const hit = point ? undefined : renderedServices.get(fmt);
    if (hit && Date.now() < hit.expires) return sendRendered(reply, fmt, hit.text);
    const { entries, failed } = await bodies.catalogue(point ? covering : undefined, point);
    // A body whose services are needed here and could not be read: say so rather than hide its services.
    const needed = failed.find((f) => covering.includes(f.body));
    if (needed) throw needed.error;
    const value = entries.map((e) => wireService(e.service, { code: e.code, description: describe(e) }));
    const text = fmt === 'xml' ? toXml('services', value) : toJson(value);
    if (!point && failed.length === 0) {
      renderedServices.set(fmt, { text, expires: Math.min(...bodies.list.map((b) => b.fetchedAt)) + bodies.cacheMs });
    }
    return sendRendered(reply, fmt, text);
  }

  /** The last rendered whole service list per format, and when it stops being valid. */
  /** @type {Map<'json'|'xml', { text: string, expires: number }>} */
  const renderedServices = new Map();

  /**
   * @param {import('fastify').FastifyReply} reply
   * @param {'json'|'xml'} fmt
   * @param {string} code
   * @param {import('fastify').FastifyRequest} req
   */
  async function getDefinition(reply, fmt, code, req) {
    const target = await bodies.resolveService(code);
    req.bodyId = target.body.id;
    try {
      const def = await target.body.client.serviceDefinition(target.code);
      return sendDoc(reply, fmt, 200, 'service_definition', wireDefinition(def, code));
    } catch (e) {
      throw fromUpstream(e, target.body);
    }
  }

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
    const split = (/** @type {string|undefined} */ v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
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
        const mine = ids.map((i) => (bodies.multi ? bodies.splitPrefix(i) : { body, rest: i })).filter((x) => x?.body === body).map((x) => /** @type {any} */ (x).rest);
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
      found.map(async ({ body, r }) => wireRequest(r, { id: bodies.outId(body, r.id), token: bodies.outId(body, r.token), code: await bodies.outCode(body, r.serviceCode) })),
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
    return reply.code(201).header('Cache-Control', 'no-store').send({ media_url: `${config.publicUrl}/media/${name}` });
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
  app.get('/healthz', async (_req, reply) => {
    const results = await bodies.health();
    /** @type {Record<string, unknown>} */
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
    return reply.code(out.ok ? 200 : 503).header('Cache-Control', 'no-store').send(out);
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
