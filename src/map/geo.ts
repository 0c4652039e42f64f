/**
 * Small geographic helpers the map picker needs before (or without) a map: point in polygon for the
 * council boundary, distances for "nearby", and parsing of the `center`/`bounds` attributes.
 * Pure functions, no maplibre: they ship in the main bundle (a few hundred bytes), so a boundary is
 * enforced on the search and "use my location" paths too, where no map may ever load.
 */

/** `[long, lat]`, GeoJSON order. */
export type Position = readonly [number, number] | readonly number[];

/** The GeoJSON shapes the picker reads (RFC 7946), typed loosely enough for any file a council holds. */
export interface GeoJsonGeometry {
  readonly type: string;
  readonly coordinates?: unknown;
  readonly geometries?: readonly GeoJsonGeometry[];
}
export interface GeoJsonFeature {
  readonly type: 'Feature';
  readonly id?: string | number;
  readonly geometry: GeoJsonGeometry | null;
  readonly properties?: Record<string, unknown> | null;
}
export interface GeoJsonFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly GeoJsonFeature[];
}
export type GeoJson = GeoJsonFeatureCollection | GeoJsonFeature | GeoJsonGeometry;

type Ring = readonly Position[];

/** Ray casting (even-odd): is the point inside the ring? Points exactly on an edge may go either way. */
function inRing(long: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = Number(ring[i][0]);
    const yi = Number(ring[i][1]);
    const xj = Number(ring[j][0]);
    const yj = Number(ring[j][1]);
    if (yi > lat !== yj > lat && long < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and in none of the holes. */
function inPolygon(long: number, lat: number, rings: readonly Ring[]): boolean {
  if (rings.length === 0 || !inRing(long, lat, rings[0])) return false;
  for (let h = 1; h < rings.length; h++) if (inRing(long, lat, rings[h])) return false;
  return true;
}

/**
 * Whether a point lies inside any Polygon or MultiPolygon of the GeoJSON (holes respected). Other
 * geometry types (points, lines) contain nothing.
 */
export function containsPoint(geojson: GeoJson, lat: number, long: number): boolean {
  return polygonsOf(geojson).some((rings) => inPolygon(long, lat, rings));
}

/** Every polygon (as its rings) in a GeoJSON object, whatever its nesting. */
export function polygonsOf(geojson: GeoJson | null | undefined): (readonly Ring[])[] {
  if (!geojson || typeof geojson !== 'object') return [];
  if (geojson.type === 'FeatureCollection') return (geojson as GeoJsonFeatureCollection).features.flatMap((f) => polygonsOf(f));
  if (geojson.type === 'Feature') return polygonsOf((geojson as GeoJsonFeature).geometry);
  const g = geojson as GeoJsonGeometry;
  if (g.type === 'GeometryCollection') return (g.geometries ?? []).flatMap((x) => polygonsOf(x));
  if (g.type === 'Polygon' && Array.isArray(g.coordinates)) return [g.coordinates as Ring[]];
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) return g.coordinates as Ring[][];
  return [];
}

/** Whether the GeoJSON holds at least one polygon (a boundary file with none is ignored, not enforced). */
export function hasPolygons(geojson: GeoJson | null | undefined): boolean {
  return polygonsOf(geojson).length > 0;
}

/** `[south, west, north, east]` of every polygon vertex, or undefined when there are none. */
export function polygonBounds(geojson: GeoJson | null | undefined): [number, number, number, number] | undefined {
  let s = Infinity;
  let w = Infinity;
  let n = -Infinity;
  let e = -Infinity;
  for (const rings of polygonsOf(geojson)) {
    for (const p of rings[0] ?? []) {
      const x = Number(p[0]);
      const y = Number(p[1]);
      if (y < s) s = y;
      if (y > n) n = y;
      if (x < w) w = x;
      if (x > e) e = x;
    }
  }
  return Number.isFinite(s) ? [s, w, n, e] : undefined;
}

/** Great-circle distance in metres. */
export function distanceMetres(lat1: number, long1: number, lat2: number, long2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLong = (long2 - long1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLong / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Parses `"51.4545,-2.5879"` (lat first, as residents and Open311 write it); undefined when invalid. */
export function parseLatLong(value: string | null | undefined): { lat: number; long: number } | undefined {
  const parts = (value ?? '').split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || !parts.every(Number.isFinite)) return undefined;
  const [lat, long] = parts;
  return Math.abs(lat) <= 90 && Math.abs(long) <= 180 ? { lat, long } : undefined;
}

/** Parses `"south,west,north,east"` (lat first, like `center`); undefined when invalid. */
export function parseBounds(value: string | null | undefined): [number, number, number, number] | undefined {
  const parts = (value ?? '').split(',').map((s) => Number(s.trim()));
  if (parts.length !== 4 || !parts.every(Number.isFinite)) return undefined;
  const [s, w, n, e] = parts;
  return s < n && w < e && Math.abs(s) <= 90 && Math.abs(n) <= 90 ? [s, w, n, e] : undefined;
}

/** The point features of a GeoJSON object with their coordinates, in file order. */
export function pointsOf(geojson: GeoJson | null | undefined): { feature: GeoJsonFeature; lat: number; long: number }[] {
  if (!geojson || geojson.type !== 'FeatureCollection') return [];
  const out: { feature: GeoJsonFeature; lat: number; long: number }[] = [];
  for (const feature of (geojson as GeoJsonFeatureCollection).features) {
    const g = feature?.geometry;
    if (g?.type !== 'Point' || !Array.isArray(g.coordinates)) continue;
    const [long, lat] = (g.coordinates as unknown[]).map(Number);
    if (Number.isFinite(lat) && Number.isFinite(long)) out.push({ feature, lat, long });
  }
  return out;
}

/** Who to report to instead: a neighbour of a boundary FeatureCollection, or the server's `contact` (issue 19). */
export interface PlaceContact {
  readonly name?: string;
  readonly url?: string;
  readonly phone?: string;
}

function textOf(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A Feature whose `properties` carry `url` or `phone` is a neighbour (the pin contract, item 4): who it is. */
export function neighbourContact(feature: GeoJsonFeature): PlaceContact | undefined {
  const p = feature.properties;
  const url = textOf(p?.url);
  const phone = textOf(p?.phone);
  if (!url && !phone) return undefined;
  const name = textOf(p?.name);
  return { ...(name ? { name } : {}), ...(url ? { url } : {}), ...(phone ? { phone } : {}) };
}

/**
 * A boundary split into our area and the neighbours around it (the pin contract, item 4): in a
 * FeatureCollection, a Feature whose properties carry `url` or `phone` is a neighbour and every other
 * polygon is ours; a Polygon, MultiPolygon, Feature or FeatureCollection without such properties is
 * all ours (the boundary as it always was).
 */
export function splitBoundary(geojson: GeoJson): { ours: GeoJson; neighbours: { contact: PlaceContact; area: GeoJsonFeature }[] } {
  const features =
    geojson.type === 'FeatureCollection' ? (geojson as GeoJsonFeatureCollection).features : geojson.type === 'Feature' ? [geojson as GeoJsonFeature] : [];
  const neighbours = features.flatMap((area) => {
    const contact = area && typeof area === 'object' ? neighbourContact(area) : undefined;
    return contact ? [{ contact, area }] : [];
  });
  if (neighbours.length === 0) return { ours: geojson, neighbours };
  return { ours: { type: 'FeatureCollection', features: features.filter((f) => !neighbours.some((n) => n.area === f)) }, neighbours };
}
