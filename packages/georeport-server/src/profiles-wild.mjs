// Quirk profiles for the client options seen in the wild (issue 12), kept out of server.mjs, which
// calls the two hooks below:
//   path-template  URLs without `.json`/`.xml`: `/open311/v2/services?format=json` (the format in a
//                  query parameter, as Libre311-style and several hand-built servers do); the
//                  suffixed URLs answer 404. Client option `pathTemplate: '{resource}?format={format}'`.
//   no-zone        `start_date`/`end_date` with a time zone (`Z`, `+01:00`) answer 400 with an
//                  Open311 error; plain `2026-11-25T09:30:00` is accepted and read as UTC, the clock
//                  the client's `dateZone: false` writes (Chicago rejects zones, shared/open311.md
//                  §3.5 item 26). Client option `dateZone: false`.
//   seeclickfix    request records carry `id` (a JSON number when all digits) instead of
//                  `service_request_id`, as SeeClickFix's Open311 API does (§2.4). Needs no option.

/** The profiles this file implements; server.mjs adds them to its list. */
export const WILD_PROFILES = Object.freeze(['path-template', 'no-zone', 'seeclickfix']);

/** The query parameters that carry dates (GET requests, FMS updates). */
const DATE_PARAMS = ['start_date', 'end_date'];

/** A date and time that ends in a zone designator. */
const ZONED = /T[\d:.]+(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** A date and time without a zone: what `dateZone: false` sends. */
const PLAIN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * @typedef {object} WildRefusal
 * @property {number} status
 * @property {'json'|'xml'} format the format to answer in
 * @property {string} message
 */

/**
 * Rewrites an incoming URL in place for the wild profiles (path-template: the suffix from
 * `?format=`; no-zone: plain dates read as UTC) or says why it is refused. Touches only API URLs.
 * @param {Set<string>} profiles
 * @param {URL} url
 * @param {string} apiPrefix `/open311/v2/`
 * @returns {WildRefusal|undefined}
 */
export function wildRequest(profiles, url, apiPrefix) {
  if (!url.pathname.startsWith(apiPrefix)) return undefined;
  const suffix = /\.(json|xml)$/.exec(url.pathname)?.[1];
  /** @type {'json'|'xml'} */
  let format = suffix === 'xml' ? 'xml' : 'json';
  if (profiles.has('path-template')) {
    if (suffix) {
      const bare = url.pathname.slice(0, -suffix.length - 1);
      return { status: 404, format, message: `Not found: ${url.pathname} (this server has no .json or .xml URLs: ask for ${bare}?format=${suffix})` };
    }
    const asked = (url.searchParams.get('format') ?? 'json').toLowerCase();
    if (asked !== 'json' && asked !== 'xml') return { status: 400, format, message: 'format must be json or xml' };
    format = asked;
    url.searchParams.delete('format');
    url.pathname = `${url.pathname}.${format}`;
  }
  if (profiles.has('no-zone')) {
    for (const name of DATE_PARAMS) {
      const value = url.searchParams.get(name)?.trim();
      if (!value) continue;
      if (ZONED.test(value)) {
        return { status: 400, format, message: `${name} must be a date and time without a time zone, like 2026-11-25T09:30:00 (got ${value})` };
      }
      if (PLAIN.test(value)) url.searchParams.set(name, `${value}Z`);
    }
  }
  return undefined;
}

/**
 * Reshapes a document before it is written for the wild profiles (seeclickfix: `id` for
 * `service_request_id` in request records, in the same place).
 * @param {Set<string>} profiles
 * @param {string} root the XML root name of the document
 * @param {unknown} value
 * @returns {unknown}
 */
export function wildDoc(profiles, root, value) {
  if (!profiles.has('seeclickfix') || root !== 'service_requests' || !Array.isArray(value)) return value;
  return value.map((rec) => {
    if (rec === null || typeof rec !== 'object' || !('service_request_id' in rec)) return rec;
    return Object.fromEntries(
      Object.entries(rec).map(([k, v]) => (k === 'service_request_id' ? ['id', typeof v === 'string' && /^[1-9]\d{0,14}$/.test(v) ? Number(v) : v] : [k, v])),
    );
  });
}
