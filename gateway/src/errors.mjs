// The gateway's own failures, and how an upstream failure is told to a resident.
import { isOpen311Error, sniff } from 'open311-elements/open311';

/** A failure to answer with a GeoReport v2 error list: `status` is the HTTP status. */
export class GatewayError extends Error {
  /**
   * @param {number} status
   * @param {string|Array<{code: string|number, description: string}>} errors one description, or the list to send
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
 * @param {unknown} e
 * @param {{ name: string }} body
 * @returns {GatewayError}
 */
export function fromUpstream(e, body) {
  if (e instanceof GatewayError) return e;
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
        return new GatewayError(status === 404 ? 404 : 400, e.errors.map((x) => ({ code: x.code, description: x.description.slice(0, 500) })), { upstream: tag });
      }
      if (status === 404) return new GatewayError(404, 'Not found.', { upstream: tag });
      if (status >= 400 && status < 500) return new GatewayError(400, `${body.name}'s system did not accept the request.`, { upstream: tag });
      return new GatewayError(502, `${body.name}'s system had a problem (HTTP ${status}). Please try again later.`, { upstream: tag });
    }
  }
}
