// GeoReport v2 documents on the wire, written once for the local server (packages/georeport-server),
// its quirk profiles and the gateway. A document is plain JS values (strings, numbers, booleans,
// null, arrays, objects); `toXml` applies the Spark mapping in reverse (a list's items are named
// after the list: `<services><service>`, `<service_requests><request>`, `<errors><error>`) and
// `toJson` drops the root, so lists are bare arrays. No dependencies: the gateway's container
// carries this folder as it is (gateway/runtime-files.txt).

/** Element name of the items of a list element (Spark convention). */
const ITEM_NAMES = /** @type {Record<string, string>} */ ({
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

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * @typedef {object} WireOptions
 * @property {boolean} [pretty] XML: one element a line, indented by two spaces (the local server);
 *   otherwise no whitespace between elements (the gateway)
 * @property {boolean} [strings] the local server's `strings` profile typing: XML booleans `True`/`False`;
 *   JSON as {@link toJson} says
 */

/**
 * Escapes text for XML element content and attribute values and drops the characters XML 1.0 forbids.
 * @param {unknown} value
 * @returns {string}
 */
export function escapeXml(value) {
  return String(value)
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * A document in XML. `root` is the root element (`services`, `service_requests`, `errors`,
 * `service_definition`, `discovery`…); a list becomes repeated item elements; null, undefined, ''
 * and empty lists and objects become empty elements; object keys whose value is undefined are left
 * out, as JSON.stringify leaves them out.
 * @param {string} root
 * @param {unknown} value
 * @param {WireOptions} [opts]
 * @returns {string}
 */
export function toXml(root, value, opts = {}) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, opts, '')}\n`;
}

/**
 * @param {string} name
 * @param {unknown} value
 * @param {WireOptions} opts
 * @param {string} indent
 * @returns {string}
 */
function element(name, value, opts, indent) {
  if (value === null || value === undefined || value === '') return `${indent}<${name}/>`;
  const inner = opts.pretty ? `${indent}  ` : '';
  const nl = opts.pretty ? '\n' : '';
  /** @param {string[]} children */
  const wrap = (children) => (children.length === 0 ? `${indent}<${name}/>` : `${indent}<${name}>${nl}${children.join(nl)}${nl}${indent}</${name}>`);
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return wrap(value.map((v) => element(item, v, opts, inner)));
  }
  if (typeof value === 'object') {
    return wrap(
      Object.entries(/** @type {Record<string, unknown>} */ (value))
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => element(k, v, opts, inner)),
    );
  }
  if (typeof value === 'boolean') {
    const text = opts.strings ? (value ? 'True' : 'False') : String(value);
    return `${indent}<${name}>${text}</${name}>`;
  }
  return `${indent}<${name}>${escapeXml(value)}</${name}>`;
}

/**
 * A document in JSON (no root: lists are bare arrays). With `strings` (the local server's profile of
 * that name) booleans become strings of mixed case ("True", "false", alternating through the
 * document), `order`/`lat`/`long` numbers become strings and all-digit ids without a leading zero
 * become numbers (shared/open311.md §3.3 items 15-18).
 * @param {unknown} value
 * @param {Pick<WireOptions, 'strings'>} [opts]
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
 * An item of an `errors` document; a code of digits is written as a number, as in the spec's examples.
 * @param {string|number} code
 * @param {string} description
 * @returns {{ code: string|number, description: string }}
 */
export function errorItem(code, description) {
  const n = typeof code === 'number' ? code : /^\d{1,9}$/.test(code) ? Number(code) : code;
  return { code: n, description };
}
