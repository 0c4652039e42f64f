// The FeatureCollection boundary (issue 19): one GeoJSON format for the widget's `boundary`
// attribute, the local server's boundary and the gateway's `neighbours`. In a FeatureCollection, a
// Feature whose `properties` carry `url` or `phone` is a NEIGHBOUR (`properties.name`, `url`,
// `phone`): the body to name when a place is theirs. Every other Polygon or MultiPolygon is OUR
// area. A Polygon, MultiPolygon, Feature or FeatureCollection with no such properties is all ours.
// Also the error item both servers send for a place outside every area. No dependencies: whoever
// reads a boundary brings its own point-in-polygon test (the gateway and the local server use
// @turf/boolean-point-in-polygon).

/** Where to find the council for a place when no neighbour's area holds it (GOV.UK's postcode lookup). */
export const FIND_COUNCIL_URL = 'https://www.gov.uk/find-local-council';

/**
 * @typedef {object} Contact who to report to instead: `name` always, `url` (http or https) and `phone` when known
 * @property {string} name
 * @property {string} [url]
 * @property {string} [phone]
 */

/**
 * @typedef {{ type: 'Polygon' | 'MultiPolygon', coordinates: unknown[] }} PolygonGeometry
 */

/**
 * @typedef {object} Neighbour
 * @property {Contact} contact
 * @property {PolygonGeometry[]} polygons
 */

/**
 * @typedef {object} Boundary
 * @property {PolygonGeometry[]} ours our area (empty when the file holds only neighbours)
 * @property {Neighbour[]} neighbours in file order: the first whose area holds a place is named
 */

/** A boundary that cannot be used; `field` says where in the GeoJSON (`features[2].properties.url`). */
export class BoundaryError extends Error {
  /**
   * @param {string} field
   * @param {string} problem
   */
  constructor(field, problem) {
    // Paths are built as `${at}.geometry`: a top-level Feature or geometry has no `at`.
    const where = field.replace(/^\./, '');
    super(where ? `${where}: ${problem}` : problem);
    this.name = 'BoundaryError';
    this.field = where;
    this.problem = problem;
  }
}

/** @param {unknown} v */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A phone number as people write one: digits, spaces, +, brackets, dots and hyphens. */
const PHONE = /^\+?[0-9 ().-]{3,40}$/;

/**
 * Checks the rings of a Polygon (`rings`) and throws when one is not a closed list of at least four
 * [longitude, latitude] positions.
 * @param {unknown} rings
 * @param {string} at
 */
function checkRings(rings, at) {
  if (!Array.isArray(rings) || rings.length === 0) throw new BoundaryError(at, 'a polygon needs at least one ring of positions');
  rings.forEach((ring, r) => {
    if (!Array.isArray(ring) || ring.length < 4) throw new BoundaryError(`${at}[${r}]`, 'a ring needs at least four [longitude, latitude] positions');
    ring.forEach((p, i) => {
      const ok =
        Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
      if (!ok) throw new BoundaryError(`${at}[${r}][${i}]`, 'must be [longitude, latitude] in decimal degrees (longitude first)');
    });
  });
}

/**
 * The polygons of a geometry (GeometryCollections opened); other geometries (points, lines) are
 * not areas and are left out.
 * @param {unknown} g
 * @param {string} at
 * @returns {PolygonGeometry[]}
 */
function polygonsOf(g, at) {
  if (!isObject(g)) return [];
  const geometry = /** @type {Record<string, unknown>} */ (g);
  if (geometry.type === 'Polygon') {
    checkRings(geometry.coordinates, `${at}.coordinates`);
    return [/** @type {PolygonGeometry} */ (geometry)];
  }
  if (geometry.type === 'MultiPolygon') {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0)
      throw new BoundaryError(`${at}.coordinates`, 'a MultiPolygon needs polygons');
    geometry.coordinates.forEach((rings, i) => checkRings(rings, `${at}.coordinates[${i}]`));
    return [/** @type {PolygonGeometry} */ (geometry)];
  }
  if (geometry.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) {
    return geometry.geometries.flatMap((x, i) => polygonsOf(x, `${at}.geometries[${i}]`));
  }
  return [];
}

/**
 * @param {unknown} v
 * @param {string} at
 * @returns {string|undefined}
 */
function optionalText(v, at) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new BoundaryError(at, 'must be a string');
  const t = v.trim();
  return t === '' ? undefined : t;
}

/**
 * A neighbour's contact from a feature's properties, checked: a name, an http(s) URL, a phone number.
 * @param {Record<string, unknown>} props
 * @param {string} at the feature's path
 * @returns {Contact}
 */
function contactOf(props, at) {
  const name = optionalText(props.name, `${at}.properties.name`);
  if (!name) throw new BoundaryError(`${at}.properties.name`, 'a neighbour (a feature with a url or phone) needs the name residents know it by');
  /** @type {Contact} */
  const contact = { name };
  const url = optionalText(props.url, `${at}.properties.url`);
  if (url !== undefined) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new BoundaryError(`${at}.properties.url`, `"${url}" is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new BoundaryError(`${at}.properties.url`, 'must start with https:// or http://');
    if (parsed.username || parsed.password) throw new BoundaryError(`${at}.properties.url`, 'must not contain a user name or password');
    contact.url = parsed.href;
  }
  const phone = optionalText(props.phone, `${at}.properties.phone`);
  if (phone !== undefined) {
    if (!PHONE.test(phone) || (phone.match(/\d/g) ?? []).length < 3) {
      throw new BoundaryError(`${at}.properties.phone`, `"${phone}" is not a phone number (digits, spaces, +, brackets and hyphens)`);
    }
    contact.phone = phone;
  }
  if (!contact.url && !contact.phone) throw new BoundaryError(`${at}.properties`, 'a neighbour needs a url or a phone');
  return contact;
}

/**
 * A contact read from someone else's answer (an upstream's `outside_area` error): the fields that
 * pass the checks above, or undefined without a name. Never throws.
 * @param {unknown} value
 * @returns {Contact|undefined}
 */
export function safeContact(value) {
  if (!isObject(value)) return undefined;
  const v = /** @type {Record<string, unknown>} */ (value);
  const name = typeof v.name === 'string' ? v.name.trim().replace(/\s+/g, ' ').slice(0, 200) : '';
  if (!name) return undefined;
  /** @type {Contact} */
  const contact = { name };
  for (const key of /** @type {const} */ (['url', 'phone'])) {
    try {
      const checked = contactOf({ name, [key]: v[key] }, '');
      if (checked[key] && checked[key].length <= 500) contact[key] = checked[key];
    } catch {
      // Not an http(s) URL or not a phone number: left out.
    }
  }
  return contact;
}

/**
 * Whether a feature's properties make it a neighbour: a `url` or a `phone` that is not blank.
 * @param {unknown} props
 */
function isNeighbour(props) {
  if (!isObject(props)) return false;
  const p = /** @type {Record<string, unknown>} */ (props);
  const given = (/** @type {unknown} */ v) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
  return given(p.url) || given(p.phone);
}

/**
 * Reads a boundary: our area and the neighbours, in the format above. Throws a {@link BoundaryError}
 * naming the field when a polygon or a neighbour's contact cannot be used, or when it holds no area.
 * @param {unknown} data parsed GeoJSON
 * @returns {Boundary}
 */
export function readBoundary(data) {
  /** @type {Boundary} */
  const boundary = { ours: [], neighbours: [] };
  /**
   * @param {unknown} f
   * @param {string} at
   */
  const addFeature = (f, at) => {
    if (!isObject(f)) return;
    const feature = /** @type {Record<string, unknown>} */ (f);
    const polygons = polygonsOf(feature.geometry, `${at}.geometry`);
    if (isNeighbour(feature.properties)) {
      const contact = contactOf(/** @type {Record<string, unknown>} */ (feature.properties), at);
      if (polygons.length === 0) throw new BoundaryError(`${at}.geometry`, `the neighbour ${contact.name} needs a Polygon or MultiPolygon`);
      boundary.neighbours.push({ contact, polygons });
    } else boundary.ours.push(...polygons);
  };
  if (!isObject(data)) throw new BoundaryError('', 'a boundary must be a GeoJSON object (Polygon, MultiPolygon, Feature or FeatureCollection)');
  const d = /** @type {Record<string, unknown>} */ (data);
  if (d.type === 'FeatureCollection') {
    if (!Array.isArray(d.features)) throw new BoundaryError('features', 'a FeatureCollection needs a list of features');
    d.features.forEach((f, i) => addFeature(f, `features[${i}]`));
  } else if (d.type === 'Feature') addFeature(d, '');
  else boundary.ours.push(...polygonsOf(d, ''));
  if (boundary.ours.length === 0 && boundary.neighbours.length === 0) {
    throw new BoundaryError('', 'holds no Polygon or MultiPolygon (GeoJSON, longitude before latitude)');
  }
  return boundary;
}

/**
 * Where a point is: in our area, in a neighbour's (the first in file order), or in nobody's we know.
 * @param {Boundary} boundary
 * @param {{ lat: number, long: number }} point
 * @param {(position: [number, number], polygon: PolygonGeometry) => boolean} inside a point-in-polygon test ([longitude, latitude])
 * @returns {{ ours: true } | { ours: false, contact: Contact | undefined }}
 */
export function locate(boundary, point, inside) {
  /** @type {[number, number]} */
  const position = [point.long, point.lat];
  if (boundary.ours.some((p) => inside(position, p))) return { ours: true };
  return { ours: false, contact: neighbourAt(boundary.neighbours, point, inside) };
}

/**
 * The contact of the first neighbour whose area holds the point.
 * @param {Neighbour[]} neighbours
 * @param {{ lat: number, long: number }} point
 * @param {(position: [number, number], polygon: PolygonGeometry) => boolean} inside
 * @returns {Contact|undefined}
 */
export function neighbourAt(neighbours, point, inside) {
  /** @type {[number, number]} */
  const position = [point.long, point.lat];
  return neighbours.find((n) => n.polygons.some((p) => inside(position, p)))?.contact;
}

/**
 * The sentence that names where to report instead: the neighbour with its web address and phone,
 * or the council for that area with GOV.UK's lookup when no neighbour is known.
 * @param {string} outside what the place is outside of, e.g. "the area Example Council looks after"
 * @param {Contact|undefined} contact
 */
export function outsideDescription(outside, contact) {
  if (!contact) return `This place is outside ${outside}. Please report it to the council for that area: find it at ${FIND_COUNCIL_URL}`;
  const ways = [contact.url ? `at ${contact.url}` : '', contact.phone ? `by phone on ${contact.phone}` : ''].filter(Boolean).join(' or ');
  // No full stop after the last word: it may be a web address that a reader or a linker would take it into.
  return `This place is outside ${outside}. ${contact.name} looks after it: report it to them ${ways}`;
}

/**
 * The first item of the error list for a place outside every area: HTTP 400, `outside_area: true`,
 * and `contact` when a neighbour's area holds the place.
 * @param {string} description
 * @param {Contact|undefined} contact
 * @returns {{ code: number, description: string, outside_area: true, contact?: Contact }}
 */
export function outsideItem(description, contact) {
  return contact ? { code: 400, description, outside_area: true, contact: { ...contact } } : { code: 400, description, outside_area: true };
}
