import { expect } from '@open-wc/testing';
import { containsPoint, distanceMetres, parseBounds, parseLatLong, pointsOf, polygonBounds, splitBoundary } from '../../src/map/geo.js';
import type { GeoJson } from '../../src/map/geo.js';
import { parseReverse, parseSearch, reverseUrl, searchUrl } from '../../src/elements/map-picker/geocoder.js';

const square = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('point in polygon', () => {
  const withHole: GeoJson = { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };

  it('finds points inside a polygon and refuses those in a hole or outside', () => {
    expect(containsPoint(withHole, 1, 1)).to.equal(true);
    expect(containsPoint(withHole, 5, 5)).to.equal(false);
    expect(containsPoint(withHole, 5, 11)).to.equal(false);
    expect(containsPoint(withHole, -0.1, 5)).to.equal(false);
  });

  it('reads MultiPolygons, Features, FeatureCollections and GeometryCollections', () => {
    const multi: GeoJson = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6)]] };
    expect(containsPoint(multi, 0.5, 0.5)).to.equal(true);
    expect(containsPoint(multi, 5.5, 5.5)).to.equal(true);
    expect(containsPoint(multi, 3, 3)).to.equal(false);
    const fc: GeoJson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [3, 3] }, properties: {} },
        { type: 'Feature', geometry: { type: 'GeometryCollection', geometries: [withHole as { type: string }] }, properties: {} },
      ],
    };
    expect(containsPoint(fc, 2, 2)).to.equal(true);
    expect(containsPoint(fc, 5, 5)).to.equal(false);
    expect(polygonBounds(fc)).to.deep.equal([0, 0, 10, 10]);
  });

  it('handles a concave shape (lat is y, long is x)', () => {
    // A "U": the notch between the arms is outside.
    const u: GeoJson = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    expect(containsPoint(u, 2, 0.5)).to.equal(true);
    expect(containsPoint(u, 2, 1.5)).to.equal(false);
    expect(containsPoint(u, 0.5, 2.5)).to.equal(true);
  });

  it('works on the demo boundary, hole included', async () => {
    const boundary = (await (await fetch('/demo/map/boundary.geojson')).json()) as GeoJson;
    expect(containsPoint(boundary, 51.4545, -2.5879)).to.equal(true);
    expect(containsPoint(boundary, 51.4485, -2.6085)).to.equal(false); // the harbour estate's hole
    expect(containsPoint(boundary, 51.484, -2.768)).to.equal(false); // Portishead
  });
});

describe('geo helpers', () => {
  it('measures distances in metres', () => {
    expect(distanceMetres(51.4545, -2.5879, 51.4545, -2.5879)).to.equal(0);
    expect(distanceMetres(51.4545, -2.5879, 51.4554, -2.5879)).to.be.closeTo(100, 1);
  });

  it('parses center and bounds attributes, lat first', () => {
    expect(parseLatLong('51.4545, -2.5879')).to.deep.equal({ lat: 51.4545, long: -2.5879 });
    expect(parseLatLong('91,0')).to.equal(undefined);
    expect(parseLatLong('x')).to.equal(undefined);
    expect(parseBounds('51.43,-2.64,51.48,-2.54')).to.deep.equal([51.43, -2.64, 51.48, -2.54]);
    expect(parseBounds('51.48,-2.64,51.43,-2.54')).to.equal(undefined);
  });

  it('lists point features with their coordinates', () => {
    const points = pointsOf({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [-2.5, 51.4] }, properties: { id: 'A' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: {} },
        { type: 'Feature', geometry: null, properties: {} },
      ],
    });
    expect(points.map((p) => [p.lat, p.long])).to.deep.equal([[51.4, -2.5]]);
  });
});

describe('geocoder helpers', () => {
  it('fills the search template and derives the reverse URL the Nominatim way', () => {
    const t = 'https://geo.example/search?q={query}&format=jsonv2&limit=5';
    expect(searchUrl(t, 'BS1 1HT & co')).to.equal('https://geo.example/search?q=BS1%201HT%20%26%20co&format=jsonv2&limit=5');
    expect(searchUrl('https://geo.example/search?format=jsonv2', 'x y')).to.equal('https://geo.example/search?format=jsonv2&q=x+y');
    expect(reverseUrl(undefined, t, 51.45, -2.59)).to.equal('https://geo.example/reverse?lat=51.450000&lon=-2.590000&format=jsonv2');
    expect(reverseUrl('https://r.example/?la={lat}&lo={long}', t, 1, 2)).to.equal('https://r.example/?la=1.000000&lo=2.000000');
    expect(reverseUrl(undefined, 'https://geo.example/find?q={query}', 1, 2)).to.equal(undefined);
  });

  it('reads jsonv2 answers and skips what it cannot use', () => {
    const results = parseSearch([
      { lat: '51.45', lon: '-2.59', display_name: '12 Corn Street, Bristol', extratags: { 'ref:GB:uprn': '900000000012' } },
      { lat: 'x', lon: '-2.59', display_name: 'Broken' },
      { lat: '51.45', lon: '-2.59', display_name: '' },
      null,
    ]);
    expect(results).to.deep.equal([{ label: '12 Corn Street, Bristol', lat: 51.45, long: -2.59, addressId: '900000000012' }]);
    expect(parseSearch({ error: 'x' })).to.deep.equal([]);
    expect(parseReverse({ error: 'Unable to geocode' })).to.equal(undefined);
  });
});

describe('a boundary FeatureCollection with neighbours (issue 19, the pin contract item 4)', () => {
  const ours = { type: 'Feature', properties: { name: 'Us' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 10)] } } as const;
  const west = {
    type: 'Feature',
    properties: { name: 'West Council', url: 'https://west.example/', phone: '' },
    geometry: { type: 'Polygon', coordinates: [square(-10, 0, 0, 10)] },
  } as const;
  const east = {
    type: 'Feature',
    properties: { name: 'East Council', phone: ' 01234 567890 ' },
    geometry: { type: 'Polygon', coordinates: [square(10, 0, 20, 10)] },
  } as const;

  it('features carrying url or phone are neighbours; every other polygon is ours', () => {
    const { ours: area, neighbours } = splitBoundary({ type: 'FeatureCollection', features: [west, ours, east] });
    expect(containsPoint(area, 5, 5)).to.equal(true);
    // The neighbours' areas are not ours: a point there is outside.
    expect(containsPoint(area, 5, -5)).to.equal(false);
    expect(containsPoint(area, 5, 15)).to.equal(false);
    expect(polygonBounds(area)).to.deep.equal([0, 0, 10, 10]);
    expect(neighbours.map((n) => n.contact)).to.deep.equal([
      { name: 'West Council', url: 'https://west.example/' },
      { name: 'East Council', phone: '01234 567890' },
    ]);
    expect(containsPoint(neighbours[0].area, 5, -5)).to.equal(true);
  });

  it('a Polygon, MultiPolygon, Feature or FeatureCollection without such properties is all ours, as before', () => {
    for (const g of [ours.geometry, ours, { type: 'FeatureCollection', features: [ours] }] as GeoJson[]) {
      const split = splitBoundary(g);
      expect(split.ours).to.equal(g);
      expect(split.neighbours).to.deep.equal([]);
    }
    // Empty strings are not a url or a phone.
    const blank = { ...ours, properties: { name: 'Us', url: ' ', phone: '' } } as GeoJson;
    expect(splitBoundary(blank).neighbours).to.deep.equal([]);
  });
});
