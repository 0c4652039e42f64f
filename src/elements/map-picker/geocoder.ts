/**
 * Address search in the Nominatim format (`search?q=…&format=jsonv2`, `reverse?lat=…&lon=…`): what
 * OpenStreetMap's Nominatim, Photon's Nominatim mode, and the demo server's geocoder answer. Pure
 * helpers; the element does the fetching.
 */

export { DEFAULT_GEOCODER } from './geocoder-default.js';

/** One place found by a search. */
export interface GeocodeResult {
  readonly label: string;
  readonly lat: number;
  readonly long: number;
  /** UPRN when the geocoder gives one (OSM's `ref:GB:uprn` extra tag). */
  readonly addressId?: string;
  /** The street (and town) of the place, when the answer names one (Nominatim's `address.road`): sent instead of a property further from the pin than `address-within`. */
  readonly street?: string;
}

/** The search URL for a query: `{query}` is replaced (encoded); a template without it gets `q=` added. */
export function searchUrl(template: string, query: string, base = document.baseURI): string {
  if (template.includes('{query}')) return new URL(template.replaceAll('{query}', encodeURIComponent(query)), base).href;
  const url = new URL(template, base);
  url.searchParams.set('q', query);
  return url.href;
}

/**
 * The reverse URL for a point. With a template, `{lat}` and `{long}` are replaced; without one it is
 * derived from the search template the Nominatim way (`…/search?…` → `…/reverse?lat=&lon=&format=jsonv2`).
 */
export function reverseUrl(template: string | undefined, searchTemplate: string, lat: number, long: number, base = document.baseURI): string | undefined {
  const la = lat.toFixed(6);
  const lo = long.toFixed(6);
  if (template) return new URL(template.replaceAll('{lat}', la).replaceAll('{long}', lo), base).href;
  const url = new URL(searchTemplate.replace(/\{query\}/g, ''), base);
  if (!/\/search(\.php)?$/.test(url.pathname)) return undefined;
  url.pathname = url.pathname.replace(/search(\.php)?$/, 'reverse');
  url.search = '';
  url.searchParams.set('lat', la);
  url.searchParams.set('lon', lo);
  url.searchParams.set('format', 'jsonv2');
  return url.href;
}

type Loose = Record<string, unknown>;

function toResult(item: unknown): GeocodeResult | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const o = item as Loose;
  const lat = Number(o.lat);
  const long = Number(o.lon ?? o.long ?? o.lng);
  const label = typeof o.display_name === 'string' ? o.display_name : typeof o.name === 'string' ? o.name : '';
  if (!Number.isFinite(lat) || !Number.isFinite(long) || label.trim() === '') return undefined;
  const tags = o.extratags && typeof o.extratags === 'object' ? (o.extratags as Loose) : {};
  const uprn = tags['ref:GB:uprn'] ?? tags.uprn;
  const street = streetOf(o.address);
  return {
    label: label.trim(),
    lat,
    long,
    ...((typeof uprn === 'string' && uprn !== '') || typeof uprn === 'number' ? { addressId: String(uprn) } : {}),
    ...(street ? { street } : {}),
  };
}

/** "Corn Street, Bristol" from a Nominatim `address` object (road, then the first of town words it has). */
function streetOf(address: unknown): string | undefined {
  if (!address || typeof address !== 'object') return undefined;
  const a = address as Loose;
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const road = text(a.road) || text(a.pedestrian) || text(a.footway);
  if (!road) return undefined;
  const town = [a.city, a.town, a.village, a.hamlet, a.suburb].map(text).find((t) => t !== '');
  return town ? `${road}, ${town}` : road;
}

/** The places in a search answer (a jsonv2 array); anything unreadable is skipped. */
export function parseSearch(body: unknown): GeocodeResult[] {
  return Array.isArray(body) ? body.map(toResult).filter((r): r is GeocodeResult => r !== undefined) : [];
}

/** The place in a reverse answer, or undefined (`{"error":"Unable to geocode"}`). */
export function parseReverse(body: unknown): GeocodeResult | undefined {
  return toResult(body);
}
