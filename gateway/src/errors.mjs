// The gateway's own failures, and how an upstream failure is told to a resident.
import { safeContact } from '@open311-elements/georeport-wire/boundary';
import { isOpen311Error, sniff } from 'open311-elements/open311';

/**
 * @typedef {object} ErrorEntry an item of the error list the gateway sends
 * @property {string|number} code
 * @property {string} description
 * @property {true} [outside_area] the place is outside every area (pin contract item 2)
 * @property {import('@open311-elements/georeport-wire/boundary').Contact} [contact] who to report to instead
 */

/** A failure to answer with a GeoReport v2 error list: `status` is the HTTP status. */
export class GatewayError extends Error {
  /**
   * @param {number} status
   * @param {string|ErrorEntry[]} errors one description, or the list to send
   * @param {{ upstream?: string, headers?: Record<string, string> }} [extra] `upstream` is logged (kind and status, never a body)
   */
  constructor(status, errors, extra = {}) {
    const list = typeof errors === 'string' ? [{ code: status, description: errors }] : errors;
    super(list.map((e) => e.description).join('; '));
    this.name = 'GatewayError';
    this.status = status;
    this.errors = list;
    this.upstream = extra.upstream;
    this.headers = extra.headers ?? {};
  }
}

/**
 * Turns what the foundation client threw into what the browser is told. The council's own words
 * (4xx error descriptions: "service_code is required", "Location is outside…") are passed on; an
 * HTML error page, a refused key or a crash are not, because a resident cannot act on them.
 * Anything the council wrote is scrubbed of keys (`body.scrub`) before it is cut short.
 * @param {unknown} e
 * @param {{ name: string, scrub?: (text: string) => string }} body
 * @returns {GatewayError}
 */
export function fromUpstream(e, body) {
  if (e instanceof GatewayError) return e;
  const scrub = body.scrub ?? ((/** @type {string} */ t) => t);
  if (!isOpen311Error(e)) {
    return new GatewayError(502, `${body.name}'s system could not be reached. Please try again later.`, { upstream: 'error' });
  }
  const tag = `${e.kind}${e.status ? ` ${e.status}` : ''}`;
  switch (e.kind) {
    case 'timeout':
      return new GatewayError(504, `${body.name}'s system did not answer in time. Please try again later.`, { upstream: tag });
    case 'network':
    case 'aborted':
      return new GatewayError(502, `${body.name}'s system could not be reached. Please try again later.`, { upstream: tag });
    case 'parse':
      return new GatewayError(502, `${body.name}'s system gave an answer that could not be read. Please try again later.`, { upstream: tag });
    default: {
      const status = e.status ?? 502;
      if (status >= 300 && status < 400) {
        // Redirects are never followed (bodies.mjs): the key and the report stay with the council's
        // configured address. Logged as "redirect 3xx", never with the Location (it may carry the key).
        return new GatewayError(502, `${body.name}'s system could not be reached. Please try again later.`, { upstream: `redirect ${status}` });
      }
      if (status === 401 || status === 403) {
        // The gateway's key was refused: the resident cannot fix that, council IT can (see the log).
        return new GatewayError(502, `${body.name}'s system did not accept the report from this website. Please try again later.`, { upstream: tag });
      }
      if (status === 429) {
        return new GatewayError(503, `${body.name}'s system is busy. Please try again in a few minutes.`, { upstream: tag, headers: { 'Retry-After': '60' } });
      }
      // The council's own words, from an Open311 error list (JSON or XML) or a plain-text body; never from an HTML page.
      const readable = e.body !== undefined && sniff(e.body) !== 'html';
      if (status >= 400 && status < 500 && e.errors.length > 0 && readable) {
        // A plain-text body was already cut short by the client: cut it again from the scrubbed whole.
        const plain = sniff(/** @type {string} */ (e.body)) === 'other' && e.errors.length === 1 && String(e.errors[0].code) === String(status);
        const items = plain
          ? [{ code: status, description: plainText(scrub(/** @type {string} */ (e.body))) }]
          : e.errors.map((x) => ({ code: x.code, description: scrub(x.description) }));
        /** @type {ErrorEntry[]} */
        const list = items.map((x) => ({ code: x.code, description: cut(x.description, plain ? 300 : 500) }));
        const outside = plain ? undefined : outsideOf(/** @type {string} */ (e.body), scrub);
        if (outside && list.length > 0) list[0] = { ...list[0], ...outside };
        return new GatewayError(status === 404 ? 404 : 400, list, { upstream: tag });
      }
      if (status === 404) return new GatewayError(404, 'Not found.', { upstream: tag });
      if (status >= 400 && status < 500) return new GatewayError(400, `${body.name}'s system did not accept the request.`, { upstream: tag });
      return new GatewayError(502, `${body.name}'s system had a problem (HTTP ${status}). Please try again later.`, { upstream: tag });
    }
  }
}

/**
 * The `outside_area` and `contact` of the first item of a council's JSON error list (a council that
 * answers `services?lat=&long=` itself, pin contract item 2), checked; undefined when it has none.
 * @param {string} body
 * @param {(text: string) => string} scrub
 * @returns {{ outside_area: true, contact?: import('@open311-elements/georeport-wire/boundary').Contact }|undefined}
 */
function outsideOf(body, scrub) {
  if (sniff(body) !== 'json') return undefined;
  let first;
  try {
    first = JSON.parse(body)?.[0];
  } catch {
    return undefined;
  }
  const flag = first?.outside_area;
  if (flag !== true && String(flag).toLowerCase() !== 'true') return undefined;
  const contact = safeContact(first.contact);
  // A contact with a key in it is not passed on (scrubbing would leave a broken address).
  if (contact && JSON.stringify(contact) !== scrub(JSON.stringify(contact))) return { outside_area: true };
  return contact ? { outside_area: true, contact } : { outside_area: true };
}

/**
 * @param {string} text already scrubbed
 * @param {number} max
 */
function cut(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Plain text from a council's plain-text error body: tags and angle brackets dropped, spaces
 * collapsed. Linear: `[^<>]*` stops at the next bracket, so no text is scanned twice.
 * @param {string} text
 */
function plainText(text) {
  return text
    .replace(/<[^<>]*>/g, ' ')
    .replace(/[<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
