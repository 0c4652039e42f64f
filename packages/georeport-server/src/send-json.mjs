// Serialising plain objects to GeoReport v2 JSON and XML, with the profile quirks.
// A document is described once as plain JS values (strings, numbers, booleans, null, arrays, objects);
// `toXml` applies the Spark mapping in reverse (shared/open311.md §1.1) and `toJson` the profile's typing.

/** Element name of the children of a list element (Spark convention). */
const CHILD_NAMES = /** @type {Record<string, string>} */ ({
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  groups: 'group',
  endpoints: 'endpoint',
  formats: 'format',
  service_requests: 'request',
  errors: 'error',
  service_request_updates: 'request_update',
});

/** Fields whose all-digit string values the `strings` profile sends as JSON numbers. */
const ID_FIELDS = new Set(['service_request_id', 'service_code', 'key']);
/** Fields whose numbers the `strings` profile sends as JSON strings. */
const NUMBER_FIELDS = new Set(['order', 'lat', 'long']);

/**
 * Escape text for XML element content and attribute values; drop characters XML 1.0 forbids.
 * @param {unknown} value
 * @returns {string}
 */
export function escapeXml(value) {
  return String(value)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Escape text for HTML content and attribute values.
 * @param {unknown} value
 * @returns {string}
 */
export function escapeHtml(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * @typedef {object} WireOptions
 * @property {boolean} [strings] `strings` profile typing
 */

/**
 * Serialise a document to XML.
 * @param {string} root root element name
 * @param {unknown} value array (children named by CHILD_NAMES) or object
 * @param {WireOptions} [opts]
 * @returns {string}
 */
export function toXml(root, value, opts = {}) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement(root, value, opts, '')}\n`;
}

/**
 * @param {string} name
 * @param {unknown} value
 * @param {WireOptions} opts
 * @param {string} indent
 * @returns {string}
 */
function xmlElement(name, value, opts, indent) {
  if (value === null || value === undefined || value === '') return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}<${name}/>`;
    const child = CHILD_NAMES[name] ?? 'item';
    const inner = value.map((v) => xmlElement(child, v, opts, `${indent}  `)).join('\n');
    return `${indent}<${name}>\n${inner}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => xmlElement(k, v, opts, `${indent}  `))
      .join('\n');
    return inner ? `${indent}<${name}>\n${inner}\n${indent}</${name}>` : `${indent}<${name}/>`;
  }
  if (typeof value === 'boolean') {
    const text = opts.strings ? (value ? 'True' : 'False') : String(value);
    return `${indent}<${name}>${text}</${name}>`;
  }
  return `${indent}<${name}>${escapeXml(value)}</${name}>`;
}

/**
 * Serialise a document to JSON. In the `strings` profile booleans become strings of mixed case
 * ("True", "false", alternating through the document), `order`/`lat`/`long` numbers become strings and
 * all-digit ids without a leading zero become numbers (shared/open311.md §3.3 items 15-18).
 * @param {unknown} value
 * @param {WireOptions} [opts]
 * @returns {string}
 */
export function toJson(value, opts = {}) {
  if (!opts.strings) return JSON.stringify(value);
  let booleans = 0;
  /** @type {(key: string, v: unknown) => unknown} */
  const walk = (key, v) => {
    if (Array.isArray(v)) return v.map((x) => walk(key, x));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(k, x)]));
    }
    if (typeof v === 'boolean') {
      const word = v ? 'true' : 'false';
      return booleans++ % 2 === 0 ? word[0].toUpperCase() + word.slice(1) : word;
    }
    if (typeof v === 'number' && NUMBER_FIELDS.has(key)) return String(v);
    if (typeof v === 'string' && ID_FIELDS.has(key) && /^(0|[1-9]\d{0,14})$/.test(v)) return Number(v);
    return v;
  };
  return JSON.stringify(walk('', value));
}

/**
 * Sends `body` as an uncached JSON answer (the fake geocoder and postcode services).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
export function sendJson(req, res, status, body) {
  const buf = Buffer.from(JSON.stringify(body), 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', buf.length);
  res.setHeader('Cache-Control', 'no-store');
  res.end(req.method === 'HEAD' ? undefined : buf);
}
