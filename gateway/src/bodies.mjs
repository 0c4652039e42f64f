// The councils ("bodies") the gateway forwards to: one foundation Open311 client each, their areas,
// and the two-tier rules — the merged service list, which body owns a code at a point, and ids that
// are unique across bodies and find their way back.
import booleanPointInPolygonModule from '@turf/boolean-point-in-polygon';
import { neighbourAt, outsideDescription, outsideItem } from '@open311-elements/georeport-wire/boundary';
import { Open311Client } from 'open311-elements/open311';

import { StaleCache } from './cache.mjs';
import { GatewayError, fromUpstream } from './errors.mjs';
import { keyScrubber } from './scrub.mjs';

/** @type {(point: number[], polygon: object) => boolean} */
const booleanPointInPolygon = /** @type {any} */ (booleanPointInPolygonModule).default ?? booleanPointInPolygonModule;

/**
 * @typedef {object} Body
 * @property {string} id
 * @property {string} name
 * @property {string|undefined} contact
 * @property {object[]|undefined} area
 * @property {'*'|Set<string>} services
 * @property {string[]} passFields
 * @property {Open311Client} client
 * @property {Open311Client} health a client of its own, so health checks never touch the cache
 * @property {(text: string) => string} scrub hides every body's key in a text (see scrub.mjs)
 */

/**
 * @typedef {object} CatalogueEntry
 * @property {string} code the code the gateway shows
 * @property {Body} body
 * @property {import('open311-elements/open311').Service} service
 */

/**
 * @typedef {object} Point
 * @property {number} lat
 * @property {number} long
 */

/**
 * A service name as compared between bodies: "Pothole", " pothole " and "POTHOLE" are one service.
 * @param {string} name
 */
export function sameName(name) {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
}

/** How long an old service list or definition may be served while the council is slow or down. */
export const MAX_STALE_MS = 24 * 3600_000;

/**
 * Upstream calls never follow a redirect: a 3xx comes back to the client as an answer (an error:
 * see errors.mjs), so the key, the report and the resident's details never go to another address.
 * @param {typeof fetch} fetchFn
 * @returns {typeof fetch}
 */
export function noRedirects(fetchFn) {
  return (input, init) => fetchFn(input, { ...init, redirect: 'manual' });
}

export class Bodies {
  /**
   * @param {import('./config.mjs').GatewayConfig} config
   * @param {{ fetch?: typeof fetch }} [options]
   */
  constructor(config, options = {}) {
    const timeoutMs = config.limits.upstreamTimeoutMs;
    this.scrub = keyScrubber(config.bodies.map((b) => b.apiKey));
    const fetchFn = noRedirects(options.fetch ?? globalThis.fetch.bind(globalThis));
    /** @type {Body[]} */
    this.list = config.bodies.map((b) => {
      const common = {
        endpoint: b.endpoint,
        jurisdictionId: b.jurisdictionId,
        apiKey: b.apiKey,
        apiKeyOn: b.apiKeyOn,
        format: b.format,
        maxBodyBytes: config.limits.maxUpstreamBytes,
        fetch: fetchFn,
      };
      return {
        id: b.id,
        name: b.name,
        contact: b.contact,
        area: b.area,
        services: b.services === '*' ? '*' : new Set(b.services),
        passFields: b.passFields,
        // One retry for GETs after a network blip or 5xx; POSTs are never retried by the client.
        client: new Open311Client({ ...common, timeoutMs, retries: 1, retryDelayMs: 200 }),
        health: new Open311Client({ ...common, timeoutMs: Math.min(timeoutMs, 5000), retries: 0 }),
        scrub: this.scrub,
      };
    });
    /** One body: a transparent pass-through, codes and ids unchanged. */
    this.multi = this.list.length > 1;
    this.cacheMs = config.servicesCacheSeconds * 1000;
    // Wait this long for a council that is being asked again before serving its last answer.
    const cacheOptions = { freshMs: this.cacheMs, graceMs: Math.min(1000, timeoutMs), maxStaleMs: MAX_STALE_MS };
    /** @type {StaleCache<import('open311-elements/open311').Service[]>} */
    this.serviceLists = new StaleCache(cacheOptions);
    /** @type {StaleCache<import('open311-elements/open311').ServiceDefinition>} */
    this.definitions = new StaleCache(cacheOptions);
    this.outsideContact = config.outsideContact;
    /** Who looks after the places around ours (config `neighbours`), first match named. */
    this.neighbours = config.neighbours ?? [];
    /** Longest first, so that `north_east-1` is never read as body `north`. */
    this.byPrefix = [...this.list].sort((a, b) => b.id.length - a.id.length);
  }

  /**
   * @param {Body} body
   * @param {Point} p
   */
  covers(body, p) {
    if (!body.area) return true;
    return body.area.some((poly) => booleanPointInPolygon([p.long, p.lat], poly));
  }

  /** @param {Point} p */
  covering(p) {
    return this.list.filter((b) => this.covers(b, p));
  }

  /** The message for a place no body covers: who to contact instead. */
  outsideMessage() {
    const names = this.list.map((b) => b.name).join(', ');
    const contacts = this.outsideContact
      ? this.outsideContact
      : this.list
          .filter((b) => b.contact)
          .map((b) => `${b.name}: ${b.contact}`)
          .join('; ');
    return `This place is outside the area we can send reports for (${names}). Please contact the council for that place${contacts ? `. ${contacts}` : ''}.`;
  }

  /**
   * The 400 for a place no body covers (pin contract item 2): `outside_area`, and the `contact` of
   * the neighbour whose area holds the place; without one, the message above.
   * @param {Point} p
   */
  outsideError(p) {
    const contact = neighbourAt(this.neighbours, p, booleanPointInPolygon);
    const names = this.list.map((b) => b.name).join(', ');
    const description = contact ? outsideDescription(`the area we can send reports for (${names})`, contact) : this.outsideMessage();
    return new GatewayError(400, [outsideItem(description, contact)]);
  }

  /**
   * The message for a service whose body does not look after this place.
   * @param {Body} body
   * @param {Point} p
   */
  notHereMessage(body, p) {
    const others = this.covering(p).filter((b) => b !== body);
    const alternatives = others.map((b) => (b.contact ? `${b.name} (${b.contact})` : b.name)).join(' or ');
    return `${body.name} does not look after this place${body.contact ? ` (${body.contact})` : ''}. ${
      alternatives ? `Choose another kind of problem, or contact ${alternatives}.` : 'Please contact the council for that place.'
    }`;
  }

  /**
   * Throws the 400 "outside every area" error when no body covers the point.
   * @param {Point} p
   */
  requireCovered(p) {
    const covering = this.covering(p);
    if (covering.length === 0) throw this.outsideError(p);
    return covering;
  }

  /**
   * A body's service list, kept for `servicesCacheSeconds` (see cache.mjs); asked again of the
   * council after that, and served stale while the council is slow or down.
   * @param {Body} body
   * @param {Point} [point] passed upstream only in pass-through mode (and then not kept)
   * @param {{ stale?: string }} [note] set when an old list was served
   */
  async services(body, point, note) {
    try {
      let list;
      if (point && !this.multi) {
        list = await body.client.services({ lat: point.lat, long: point.long });
      } else {
        const got = await this.serviceLists.get(body.id, () => {
          // The client keeps its own copy: the gateway's cache decides when to ask again.
          body.client.clearCache();
          return body.client.services();
        });
        if (got.stale && note) note.stale = got.stale;
        list = got.value;
      }
      return body.services === '*' ? list : list.filter((s) => /** @type {Set<string>} */ (body.services).has(s.code));
    } catch (e) {
      throw fromUpstream(e, body);
    }
  }

  /**
   * A service definition, kept and served stale like the service lists.
   * @param {Body} body
   * @param {string} code the body's own code
   * @param {{ stale?: string }} [note]
   */
  async definition(body, code, note) {
    try {
      const got = await this.definitions.get(`${body.id}\u0000${code}`, () => {
        body.client.clearCache();
        return body.client.serviceDefinition(code);
      });
      if (got.stale && note) note.stale = got.stale;
      return got.value;
    } catch (e) {
      throw fromUpstream(e, body);
    }
  }

  /** A string that changes whenever any body's kept service list does (for the rendered list). */
  servicesVersion() {
    return this.list.map((b) => this.serviceLists.readAt(b.id) ?? '-').join(',');
  }

  /**
   * The merged service list. Codes offered by one body stay as they are; a code offered by several
   * becomes `<body id>-<code>` for each of them. Bodies whose list cannot be read are left out
   * (reported through `failed`), unless every one failed.
   * @param {Body[]} [only] restrict to these bodies (the ones covering a point)
   * @param {Point} [point]
   * @param {{ stale?: string }} [note] set when an old list was served for any body
   * @returns {Promise<{ entries: CatalogueEntry[], failed: Array<{ body: Body, error: GatewayError }> }>}
   */
  async catalogue(only, point, note) {
    const settled = await Promise.allSettled(this.list.map((b) => this.services(b, point, note)));
    /** @type {Array<{ body: Body, error: GatewayError }>} */
    const failed = [];
    /** @type {Map<string, number>} */
    const counts = new Map();
    settled.forEach((r, i) => {
      if (r.status === 'rejected') failed.push({ body: this.list[i], error: fromUpstream(r.reason, this.list[i]) });
      else for (const s of r.value) counts.set(s.code, (counts.get(s.code) ?? 0) + 1);
    });
    if (failed.length === this.list.length) throw failed[0].error;
    /** @type {CatalogueEntry[]} */
    const entries = [];
    settled.forEach((r, i) => {
      if (r.status !== 'fulfilled') return;
      const body = this.list[i];
      if (only && !only.includes(body)) return;
      for (const service of r.value) {
        const code = this.multi && (counts.get(service.code) ?? 0) > 1 ? `${body.id}-${service.code}` : service.code;
        entries.push({ code, body, service });
      }
    });
    return { entries, failed };
  }

  /**
   * The services at a point (pin contract item 1): the merged list of the bodies covering it, one
   * entry per service name. When two of them offer a service of the same name, the body listed first
   * in the config handles it there (a body's `services` list leaves out what it should not handle).
   * The codes are those of the whole list, so a report and a definition find their body as before.
   * @param {Body[]} covering the bodies covering the point (see `requireCovered`)
   * @param {{ stale?: string }} [note]
   */
  async catalogueAt(covering, note) {
    const { entries, failed } = await this.catalogue(covering, undefined, note);
    /** @type {Map<string, Body>} */
    const winner = new Map();
    const merged = entries.filter((e) => {
      const name = sameName(e.service.name || e.service.code);
      const first = winner.get(name);
      if (first === undefined) winner.set(name, e.body);
      // Two services of one name within a body are its own choice: both stay.
      return first === undefined || first === e.body;
    });
    return { entries: merged, failed };
  }

  /**
   * Finds which body handles a code the browser sent (`PTH-01`, or `district-OTH-99` for a code
   * several bodies share), and checks that body looks after the point when one is given.
   * @param {string} code
   * @param {Point} [point]
   * @returns {Promise<{ body: Body, code: string }>}
   */
  async resolveService(code, point) {
    if (!this.multi) {
      const body = this.list[0];
      if (point && !this.covers(body, point)) throw this.outsideError(point);
      if (body.services !== '*' && !body.services.has(code)) throw new GatewayError(404, `Unknown service: ${code}`);
      return { body, code };
    }
    if (point) this.requireCovered(point);
    /** @type {Array<{ body: Body, code: string }>} */
    let candidates = [];
    const prefixed = this.splitPrefix(code);
    if (prefixed && (await this.offers(prefixed.body, prefixed.rest))) candidates = [{ body: prefixed.body, code: prefixed.rest }];
    if (candidates.length === 0) {
      for (const body of this.list) if (await this.offers(body, code)) candidates.push({ body, code });
    }
    if (candidates.length === 0) throw new GatewayError(404, `Unknown service: ${code}`);
    if (point) {
      const here = candidates.filter((c) => this.covers(c.body, point));
      if (here.length === 0) throw new GatewayError(400, this.notHereMessage(candidates[0].body, point));
      candidates = here;
    }
    if (candidates.length > 1) {
      throw new GatewayError(400, `Several councils handle ${code}: choose the service again from the list.`);
    }
    return candidates[0];
  }

  /**
   * @param {Body} body
   * @param {string} code
   */
  async offers(body, code) {
    if (body.services !== '*' && !body.services.has(code)) return false;
    try {
      return (await this.services(body)).some((s) => s.code === code);
    } catch {
      // The list is unreadable just now: trust the config's own list when there is one.
      return body.services !== '*';
    }
  }

  /**
   * @param {string} value
   * @returns {{ body: Body, rest: string } | undefined}
   */
  splitPrefix(value) {
    for (const body of this.byPrefix) {
      if (value.startsWith(`${body.id}-`) && value.length > body.id.length + 1) return { body, rest: value.slice(body.id.length + 1) };
    }
    return undefined;
  }

  /**
   * The id (or token) as the browser sees it.
   * @param {Body} body
   * @param {string|undefined} id
   */
  outId(body, id) {
    if (id === undefined) return undefined;
    return this.multi ? `${body.id}-${id}` : id;
  }

  /**
   * The body and upstream id of an id the browser sent; 404 when it names no body.
   * @param {string} id
   */
  inId(id) {
    if (!this.multi) return { body: this.list[0], id };
    const split = this.splitPrefix(id);
    if (!split) throw new GatewayError(404, `No report has the reference ${id}`);
    return { body: split.body, id: split.rest };
  }

  /**
   * The code the browser sees for a body's code (in request records).
   * @param {Body} body
   * @param {string|undefined} code
   */
  async outCode(body, code) {
    if (code === undefined || !this.multi) return code;
    try {
      const { entries } = await this.catalogue();
      return entries.find((e) => e.body === body && e.service.code === code)?.code ?? code;
    } catch {
      return code;
    }
  }

  /** Each body's health: its `services` answered, how fast, how many. */
  async health() {
    return Promise.all(
      this.list.map(async (body) => {
        const started = Date.now();
        body.health.clearCache();
        try {
          const list = await body.health.services();
          return { id: body.id, name: body.name, ok: true, ms: Date.now() - started, services: list.length };
        } catch (e) {
          const err = fromUpstream(e, body);
          return { id: body.id, name: body.name, ok: false, ms: Date.now() - started, problem: err.upstream ?? 'error' };
        }
      }),
    );
  }
}
