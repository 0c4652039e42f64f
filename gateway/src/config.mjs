// Reading and checking the gateway's config file. Every problem is reported with the field's path
// (`bodies[1].apiKeyEnv`) and what was wrong, so that council IT can fix it without reading code.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BoundaryError, readBoundary } from '@open311-elements/georeport-wire/boundary';

/** A config problem: `field` is the path of the field, `message` says what was wrong. */
export class ConfigError extends Error {
  /**
   * @param {string} field
   * @param {string} problem
   */
  constructor(field, problem) {
    super(field ? `${field}: ${problem}` : problem);
    this.name = 'ConfigError';
    this.field = field;
  }
}

/** Defaults of `limits`. */
export const DEFAULT_LIMITS = Object.freeze({
  submitsPerMinute: 3,
  submitsPerDay: 20,
  uploadsPerMinute: 10,
  getsPerMinute: 120,
  maxPhotoBytes: 10 * 1024 * 1024,
  maxFormBytes: 64 * 1024,
  upstreamTimeoutMs: 15_000,
  maxUpstreamBytes: 5 * 1024 * 1024,
  honeypotField: 'website',
  connectionsPerIp: 20,
});
/** The range a limit must be in, where "any whole number from its minimum" would allow nonsense. */
const LIMIT_RANGES = /** @type {Record<string, [number, number]>} */ ({ upstreamTimeoutMs: [100, 120_000] });
/** Defaults of `media`. */
export const DEFAULT_MEDIA = Object.freeze({ unclaimedMinutes: 60, maxAgeDays: 365 });

const TOP_KEYS = [
  'listen',
  'publicUrl',
  'allowedOrigins',
  'bodies',
  'limits',
  'media',
  'redis',
  'trustProxy',
  'outsideContact',
  'neighbours',
  'servicesCacheSeconds',
  'mediaUrlHosts',
];
const BODY_KEYS = ['id', 'name', 'endpoint', 'apiKeyEnv', 'apiKeyFile', 'apiKeyOn', 'jurisdictionId', 'area', 'services', 'contact', 'format', 'passFields'];
const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS);
/** Shorter keys would be replaced inside ordinary words when scrubbed from answers, and are guessable anyway. */
const MIN_KEY_LENGTH = 8;

/**
 * @typedef {object} BodyConfig
 * @property {string} id
 * @property {string} name
 * @property {string} endpoint
 * @property {string|undefined} apiKey read from the environment or a file, never from the config
 * @property {'post'|'all'} apiKeyOn
 * @property {string|undefined} jurisdictionId
 * @property {Array<object>|undefined} area GeoJSON polygons (Polygon or MultiPolygon geometries)
 * @property {import('@open311-elements/georeport-wire/boundary').Neighbour[]} areaNeighbours the neighbours in its area file
 * @property {'*'|string[]} services
 * @property {string|undefined} contact
 * @property {'json'|'xml'|'auto'} format
 * @property {string[]} passFields extra form fields forwarded on POST
 */

/**
 * @typedef {object} GatewayConfig
 * @property {{host: string, port: number}} listen
 * @property {string} publicUrl no trailing slash
 * @property {string[]} allowedOrigins
 * @property {BodyConfig[]} bodies
 * @property {typeof DEFAULT_LIMITS} limits
 * @property {{dir: string, format: 'jpeg'|'webp', unclaimedMinutes: number, maxAgeDays: number}} media
 * @property {string|undefined} redis
 * @property {false|number|string[]} trustProxy false, a hop count, or proxy addresses/CIDRs
 * @property {string|undefined} outsideContact
 * @property {import('@open311-elements/georeport-wire/boundary').Neighbour[]} neighbours who looks after the
 *   places around ours: named (with `outside_area` and `contact`) when a place is outside every body's area
 * @property {number} servicesCacheSeconds
 * @property {string[]} mediaUrlHosts https origins a report's media_url may point to besides the gateway's own /media/
 */

/** @param {unknown} v */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * @param {Record<string, unknown>} obj
 * @param {string[]} allowed
 * @param {string} where
 */
function noUnknownKeys(obj, allowed, where) {
  for (const key of Object.keys(obj)) {
    if (key === 'apiKey' || key === 'api_key' || key === 'key') {
      throw new ConfigError(
        `${where}${where ? '.' : ''}${key}`,
        'a key must never be written in the config: name an environment variable (apiKeyEnv) or a file (apiKeyFile) that holds it',
      );
    }
    if (!allowed.includes(key)) {
      throw new ConfigError(`${where}${where ? '.' : ''}${key}`, `unknown field (known fields: ${allowed.join(', ')})`);
    }
  }
}

/**
 * @param {unknown} v
 * @param {string} field
 */
function httpUrl(v, field) {
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(field, 'must be an http(s) URL');
  let url;
  try {
    url = new URL(v.trim());
  } catch {
    throw new ConfigError(field, `"${v}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(field, `must start with https:// or http://, not ${url.protocol}`);
  if (url.username || url.password) throw new ConfigError(field, 'must not contain a user name or password (keys go in apiKeyEnv or apiKeyFile)');
  if (/[?&]api_key=/i.test(url.search))
    throw new ConfigError(field, 'must not contain api_key: name an environment variable (apiKeyEnv) or a file (apiKeyFile)');
  return url;
}

/**
 * @param {unknown} v
 * @param {string} field
 * @param {number} min
 */
function integer(v, field, min = 0) {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new ConfigError(field, `must be a whole number of ${min} or more`);
  return v;
}

/**
 * @param {unknown} v
 * @param {string} field
 */
function text(v, field) {
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(field, 'must be a non-empty string');
  return v.trim();
}

/**
 * Reads a GeoJSON file.
 * @param {string} file
 * @param {string} field
 */
function readGeoJson(file, field) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const why = /** @type {NodeJS.ErrnoException} */ (e).code === 'ENOENT' ? 'no such file' : /** @type {Error} */ (e).message;
    throw new ConfigError(field, `cannot read the GeoJSON file ${file}: ${why}`);
  }
}

/**
 * `neighbours`: a GeoJSON FeatureCollection, written in the config or in a file (a path relative to
 * the config), in the widget's boundary format: each feature with a `url` or `phone` is a neighbour
 * (`name` and a polygon required, `url` http(s), `phone` a phone number); polygons without them are
 * an area of ours and skipped here (the bodies' `area` files say where the bodies are).
 * @param {unknown} v
 * @param {string} baseDir
 */
function checkNeighbours(v, baseDir) {
  if (v === undefined) return [];
  const file = typeof v === 'string' ? path.resolve(baseDir, text(v, 'neighbours')) : undefined;
  if (!file && !isObject(v)) throw new ConfigError('neighbours', 'must be a GeoJSON FeatureCollection or the path of a GeoJSON file that holds one');
  const data = file ? readGeoJson(file, 'neighbours') : v;
  let boundary;
  try {
    boundary = readBoundary(data);
  } catch (e) {
    if (!(e instanceof BoundaryError)) throw e;
    if (file) throw new ConfigError('neighbours', `${file}${e.field ? ` at ${e.field}:` : ''} ${e.problem}`);
    throw new ConfigError(e.field ? `neighbours.${e.field}` : 'neighbours', e.problem);
  }
  if (boundary.neighbours.length === 0) {
    throw new ConfigError('neighbours', `${file ?? 'the FeatureCollection'} names no neighbour: give each feature properties.name and a url or a phone`);
  }
  return boundary.neighbours;
}

/**
 * Reads an area file: a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection. Features with
 * a `url` or `phone` are neighbours (the widget's boundary format), not the body's area: they are
 * named like the `neighbours` config's, after them.
 * @param {string} file
 * @param {string} field
 * @returns {import('@open311-elements/georeport-wire/boundary').Boundary}
 */
function readArea(file, field) {
  const data = readGeoJson(file, field);
  let boundary;
  try {
    boundary = readBoundary(data);
  } catch (e) {
    if (!(e instanceof BoundaryError)) throw e;
    throw new ConfigError(field, `${file}${e.field ? ` at ${e.field}:` : ''} ${e.problem}`);
  }
  if (boundary.ours.length === 0) {
    throw new ConfigError(field, `${file} holds no Polygon or MultiPolygon of the body's own (its features with a url or phone are neighbours)`);
  }
  return boundary;
}

/**
 * @param {unknown} raw
 * @param {number} i
 * @param {string} baseDir
 * @param {NodeJS.ProcessEnv} env
 * @returns {BodyConfig}
 */
function checkBody(raw, i, baseDir, env) {
  const at = `bodies[${i}]`;
  if (!isObject(raw)) throw new ConfigError(at, 'must be an object');
  const b = /** @type {Record<string, unknown>} */ (raw);
  noUnknownKeys(b, BODY_KEYS, at);
  const id = text(b.id, `${at}.id`);
  if (!/^[a-z][a-z0-9_]{0,31}$/.test(id)) {
    throw new ConfigError(
      `${at}.id`,
      `"${id}" must be 1 to 32 lower-case letters, digits or _, starting with a letter (no hyphens: the gateway writes ids as "<body id>-<id>")`,
    );
  }
  const name = text(b.name, `${at}.name`);
  const endpoint = httpUrl(b.endpoint, `${at}.endpoint`).href;
  let apiKey;
  if (b.apiKeyEnv !== undefined && b.apiKeyFile !== undefined) throw new ConfigError(`${at}.apiKeyFile`, 'give apiKeyEnv or apiKeyFile, not both');
  if (b.apiKeyEnv !== undefined) {
    const name = text(b.apiKeyEnv, `${at}.apiKeyEnv`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ConfigError(`${at}.apiKeyEnv`, `"${name}" is not an environment variable name`);
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(`${at}.apiKeyEnv`, `the environment variable ${name} is not set or is empty`);
    apiKey = value;
  } else if (b.apiKeyFile !== undefined) {
    const file = path.resolve(baseDir, text(b.apiKeyFile, `${at}.apiKeyFile`));
    try {
      apiKey = fs.readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw new ConfigError(`${at}.apiKeyFile`, `cannot read ${file}: ${/** @type {NodeJS.ErrnoException} */ (e).code ?? 'error'}`);
    }
    if (!apiKey) throw new ConfigError(`${at}.apiKeyFile`, `${file} is empty`);
  }
  if (apiKey !== undefined && apiKey.length < MIN_KEY_LENGTH) {
    throw new ConfigError(b.apiKeyEnv !== undefined ? `${at}.apiKeyEnv` : `${at}.apiKeyFile`, `the key is shorter than ${MIN_KEY_LENGTH} characters`);
  }
  if (apiKey !== undefined && /[\r\n]/.test(apiKey)) throw new ConfigError(`${at}.apiKeyFile`, 'the key must be one line');
  const apiKeyOn = b.apiKeyOn ?? 'post';
  if (apiKeyOn !== 'post' && apiKeyOn !== 'all')
    throw new ConfigError(`${at}.apiKeyOn`, 'must be "post" (the spec) or "all" (servers that want the key on GETs too)');
  const format = b.format ?? 'auto';
  if (format !== 'json' && format !== 'xml' && format !== 'auto') throw new ConfigError(`${at}.format`, 'must be "json", "xml" or "auto"');
  const jurisdictionId = b.jurisdictionId === undefined ? undefined : text(b.jurisdictionId, `${at}.jurisdictionId`);
  const contact = b.contact === undefined ? undefined : text(b.contact, `${at}.contact`);
  let services = /** @type {'*'|string[]} */ ('*');
  if (b.services !== undefined && b.services !== '*') {
    if (!Array.isArray(b.services) || b.services.length === 0 || b.services.some((s) => typeof s !== 'string' || s.trim() === '')) {
      throw new ConfigError(`${at}.services`, 'must be "*" or a non-empty list of service codes (strings)');
    }
    services = b.services.map((s) => s.trim());
  }
  let passFields = /** @type {string[]} */ ([]);
  if (b.passFields !== undefined) {
    if (!Array.isArray(b.passFields) || b.passFields.some((s) => typeof s !== 'string' || s.trim() === '')) {
      throw new ConfigError(`${at}.passFields`, 'must be a list of form field names');
    }
    passFields = b.passFields.map((s) => s.trim());
    if (passFields.some((f) => f.toLowerCase() === 'api_key')) throw new ConfigError(`${at}.passFields`, 'must not list api_key');
  }
  const read = b.area === undefined ? undefined : readArea(path.resolve(baseDir, text(b.area, `${at}.area`)), `${at}.area`);
  return {
    id,
    name,
    endpoint,
    apiKey,
    apiKeyOn,
    jurisdictionId,
    area: read?.ours,
    areaNeighbours: read?.neighbours ?? [],
    services,
    contact,
    format,
    passFields,
  };
}

/** Names for address ranges that Fastify's trustProxy (proxy-addr) understands. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Checks `trustProxy`: false, a hop count, or the proxies' addresses. `true` is refused: it would
 * believe any X-Forwarded-For a client writes, so one client could pretend to be many.
 * @param {unknown} t
 * @returns {false|number|string[]}
 */
export function checkTrustProxy(t) {
  const how = 'give the number of proxies in front of the gateway (e.g. 1) or their addresses (e.g. ["10.0.0.5", "10.1.0.0/16"])';
  if (t === undefined || t === false) return false;
  if (t === true)
    throw new ConfigError('trustProxy', `true is refused: it believes any X-Forwarded-For a client sends, so anyone could dodge the limits; ${how}`);
  if (typeof t === 'number') {
    if (!Number.isInteger(t) || t < 1 || t > 10)
      throw new ConfigError('trustProxy', `a hop count must be a whole number from 1 to 10 (use false for none); ${how}`);
    return t;
  }
  const list = typeof t === 'string' ? t.split(',') : Array.isArray(t) && t.length > 0 ? t : undefined;
  if (!list) throw new ConfigError('trustProxy', `must be false, a hop count or a list of addresses; ${how}`);
  return list.map((x, i) => {
    const entry = typeof x === 'string' ? x.trim() : '';
    if (!isProxyAddress(entry)) {
      throw new ConfigError(
        typeof t === 'string' ? 'trustProxy' : `trustProxy[${i}]`,
        `"${String(x)}" is not an IP address or CIDR range (or loopback, linklocal, uniquelocal); ${how}`,
      );
    }
    return entry;
  });
}

/**
 * An IP address, a CIDR range (`10.0.0.0/8`, `2001:db8::/32`) or one of proxy-addr's range names.
 * @param {string} s
 */
function isProxyAddress(s) {
  if (PROXY_RANGE_NAMES.includes(s)) return true;
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(s);
  if (!m) return false;
  const family = net.isIP(m[1]);
  if (family === 0) return false;
  return m[2] === undefined || Number(m[2]) <= (family === 4 ? 32 : 128);
}

/**
 * Checks a parsed config object. Paths inside it (areas, key files, media dir) are relative to `baseDir`.
 * @param {unknown} raw
 * @param {{ baseDir?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {GatewayConfig}
 */
export function checkConfig(raw, { baseDir = process.cwd(), env = process.env } = {}) {
  if (!isObject(raw)) throw new ConfigError('', 'the config must be a JSON object');
  const c = /** @type {Record<string, unknown>} */ (raw);
  noUnknownKeys(c, TOP_KEYS, '');

  const listenRaw = c.listen ?? {};
  if (!isObject(listenRaw)) throw new ConfigError('listen', 'must be an object like {"host": "127.0.0.1", "port": 8320}');
  const l = /** @type {Record<string, unknown>} */ (listenRaw);
  noUnknownKeys(l, ['host', 'port'], 'listen');
  const host = l.host === undefined ? '127.0.0.1' : text(l.host, 'listen.host');
  const port = l.port === undefined ? 8320 : integer(l.port, 'listen.port', 0);
  if (port > 65535) throw new ConfigError('listen.port', 'must be 65535 or less');

  if (c.publicUrl === undefined) throw new ConfigError('publicUrl', "is required: the address residents' browsers use to reach the gateway");
  const publicUrlObj = httpUrl(c.publicUrl, 'publicUrl');
  if (publicUrlObj.search || publicUrlObj.hash) throw new ConfigError('publicUrl', 'must not have a query or fragment');
  const publicUrl = publicUrlObj.href.replace(/\/+$/, '');

  if (!Array.isArray(c.allowedOrigins))
    throw new ConfigError(
      'allowedOrigins',
      'is required: a list of the web page origins allowed to call the gateway, e.g. ["https://www.example-council.gov.uk"]',
    );
  const allowedOrigins = c.allowedOrigins.map((o, i) => {
    const field = `allowedOrigins[${i}]`;
    if (o === '*') throw new ConfigError(field, '"*" is not allowed: list each site that embeds the widget');
    if (typeof o === 'string' && o.includes('*'))
      throw new ConfigError(field, `wildcards are not supported ("${o}" would never match): list each site that embeds the widget`);
    const url = httpUrl(o, field);
    if (url.origin !== String(o).trim().replace(/\/$/, ''))
      throw new ConfigError(field, `must be an origin only (scheme, host and port, no path), e.g. "${url.origin}"`);
    return url.origin;
  });

  if (!Array.isArray(c.bodies) || c.bodies.length === 0)
    throw new ConfigError('bodies', 'is required: a non-empty list of the councils (bodies) to forward to');
  const bodies = c.bodies.map((b, i) => checkBody(b, i, baseDir, env));
  const seen = new Set();
  bodies.forEach((b, i) => {
    if (seen.has(b.id)) throw new ConfigError(`bodies[${i}].id`, `"${b.id}" is used twice`);
    seen.add(b.id);
  });

  const limitsRaw = c.limits ?? {};
  if (!isObject(limitsRaw)) throw new ConfigError('limits', 'must be an object');
  noUnknownKeys(/** @type {Record<string, unknown>} */ (limitsRaw), LIMIT_KEYS, 'limits');
  /** @type {Record<string, unknown>} */
  const limits = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(/** @type {Record<string, unknown>} */ (limitsRaw))) {
    if (k === 'honeypotField') {
      const name = text(v, 'limits.honeypotField');
      if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new ConfigError('limits.honeypotField', 'must be a plain form field name');
      limits[k] = name;
    } else {
      // 0 switches a rate limit off; sizes and timeouts must be positive.
      limits[k] = integer(v, `limits.${k}`, /PerMinute|PerDay|PerIp/.test(k) ? 0 : 1);
      const range = LIMIT_RANGES[k];
      if (range && /** @type {number} */ (v < range[0] || /** @type {number} */ (v) > range[1])) {
        throw new ConfigError(`limits.${k}`, `must be a whole number from ${range[0]} to ${range[1]}`);
      }
    }
  }

  const mediaRaw = c.media ?? {};
  if (!isObject(mediaRaw)) throw new ConfigError('media', 'must be an object like {"dir": "./media"}');
  const m = /** @type {Record<string, unknown>} */ (mediaRaw);
  noUnknownKeys(m, ['dir', 'format', 'unclaimedMinutes', 'maxAgeDays'], 'media');
  const dir = path.resolve(baseDir, m.dir === undefined ? './media' : text(m.dir, 'media.dir'));
  const mediaFormat = m.format ?? 'jpeg';
  if (mediaFormat !== 'jpeg' && mediaFormat !== 'webp') throw new ConfigError('media.format', 'must be "jpeg" or "webp"');
  const unclaimedMinutes = m.unclaimedMinutes ?? DEFAULT_MEDIA.unclaimedMinutes;
  if (typeof unclaimedMinutes !== 'number' || !(unclaimedMinutes >= 0.01 && unclaimedMinutes <= 10_080)) {
    throw new ConfigError('media.unclaimedMinutes', 'must be a number of minutes from 0.01 to 10080 (a week)');
  }
  const maxAgeDays = m.maxAgeDays ?? DEFAULT_MEDIA.maxAgeDays;
  if (typeof maxAgeDays !== 'number' || !Number.isInteger(maxAgeDays) || maxAgeDays < 1 || maxAgeDays > 36_500) {
    throw new ConfigError('media.maxAgeDays', 'must be a whole number of days from 1 to 36500');
  }

  let redis;
  if (c.redis !== undefined) {
    const r = text(c.redis, 'redis');
    let u;
    try {
      u = new URL(r);
    } catch {
      throw new ConfigError('redis', `"${r}" is not a URL like redis://127.0.0.1:6379`);
    }
    if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new ConfigError('redis', 'must start with redis:// or rediss://');
    redis = r;
  }

  const trustProxy = checkTrustProxy(c.trustProxy);
  const outsideContact = c.outsideContact === undefined ? undefined : text(c.outsideContact, 'outsideContact');
  // The config's own neighbours first, then those found in the bodies' area files, in body order.
  const neighbours = [...checkNeighbours(c.neighbours, baseDir), ...bodies.flatMap((b) => b.areaNeighbours)];
  const servicesCacheSeconds = c.servicesCacheSeconds === undefined ? 300 : integer(c.servicesCacheSeconds, 'servicesCacheSeconds', 0);
  const mediaUrlHosts = checkMediaUrlHosts(c.mediaUrlHosts);

  return {
    listen: { host, port },
    publicUrl,
    allowedOrigins,
    bodies,
    limits: /** @type {typeof DEFAULT_LIMITS} */ (limits),
    media: { dir, format: mediaFormat, unclaimedMinutes, maxAgeDays },
    redis,
    trustProxy,
    outsideContact,
    neighbours,
    servicesCacheSeconds,
    mediaUrlHosts,
  };
}

/**
 * `mediaUrlHosts`: https origins (no wildcards, no paths) a report's media_url may point to.
 * @param {unknown} v
 * @returns {string[]}
 */
function checkMediaUrlHosts(v) {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ConfigError('mediaUrlHosts', 'must be a list of https origins, e.g. ["https://photos.example-council.gov.uk"]');
  return v.map((o, i) => {
    const field = `mediaUrlHosts[${i}]`;
    if (typeof o === 'string' && o.includes('*')) throw new ConfigError(field, 'wildcards are not allowed: list each origin');
    const url = httpUrl(o, field);
    if (url.protocol !== 'https:') throw new ConfigError(field, 'must start with https://');
    if (url.origin !== String(o).trim().replace(/\/$/, ''))
      throw new ConfigError(field, `must be an origin only (scheme, host and port, no path), e.g. "${url.origin}"`);
    return url.origin;
  });
}

/**
 * Reads and checks a config file.
 * @param {string} file
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {GatewayConfig}
 */
export function loadConfig(file, env = process.env) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError('', `cannot read the config file ${file}: ${/** @type {NodeJS.ErrnoException} */ (e).code ?? 'error'}`);
  }
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError('', `${file} is not valid JSON: ${/** @type {Error} */ (e).message}`);
  }
  return checkConfig(raw, { baseDir: path.dirname(path.resolve(file)), env });
}
