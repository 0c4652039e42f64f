// A small local geocoder in Nominatim's format, for the demo pages and the tests (no network):
//   GET /geocoder/search?q=corn+street&format=jsonv2[&limit=5]   → a jsonv2 array
//   GET /geocoder/reverse?lat=51.4547&lon=-2.5927&format=jsonv2  → one place, or {"error":"Unable to geocode"}
// About thirty made-up addresses and places in central Bristol (the seed data's area, DEMO_CENTRE),
// plus two outside the demo council's boundary (demo/map/boundary.geojson). Fake house numbers, UPRNs
// and postcodes: nothing here is a real property record.
import { sendJson } from './send-json.mjs';

const LICENCE = 'Demo data. Street geometry after OpenStreetMap contributors, ODbL.';

/** @type {[name: string, road: string, postcode: string, lat: number, lon: number, uprn: string][]} */
const PLACES = [
  ['12 Corn Street', 'Corn Street', 'BS1 1HT', 51.45472, -2.59265, '900000000012'],
  ['31 Corn Street', 'Corn Street', 'BS1 1HT', 51.45458, -2.59345, '900000000031'],
  ['14 Queen Square', 'Queen Square', 'BS1 4NT', 51.45035, -2.59435, '900000000114'],
  ['40 Queen Square', 'Queen Square', 'BS1 4QP', 51.44985, -2.5939, '900000000140'],
  ['7 King Street', 'King Street', 'BS1 4EF', 51.4515, -2.593, '900000000207'],
  ['22 King Street', 'King Street', 'BS1 4EF', 51.4512, -2.592, '900000000222'],
  ['3 Baldwin Street', 'Baldwin Street', 'BS1 1NA', 51.4533, -2.5929, '900000000303'],
  ['48 Baldwin Street', 'Baldwin Street', 'BS1 1QB', 51.45295, -2.5954, '900000000348'],
  ['9 Broad Street', 'Broad Street', 'BS1 2EJ', 51.4556, -2.5925, '900000000409'],
  ['15 Welsh Back', 'Welsh Back', 'BS1 4SP', 51.4515, -2.5905, '900000000515'],
  ['1 Canons Road', 'Canons Road', 'BS1 5TX', 51.4495, -2.5985, '900000000601'],
  ['60 Park Street', 'Park Street', 'BS1 5JN', 51.4556, -2.6017, '900000000760'],
  ['5 College Green', 'College Green', 'BS1 5TL', 51.4522, -2.6005, '900000000805'],
  ['18 Victoria Street', 'Victoria Street', 'BS1 6AA', 51.451, -2.586, '900000000918'],
  ['2 Redcliffe Hill', 'Redcliffe Hill', 'BS1 6SQ', 51.4465, -2.5905, '900000001002'],
  ['27 Prince Street', 'Prince Street', 'BS1 4PS', 51.4502, -2.597, '900000001127'],
  ['11 Small Street', 'Small Street', 'BS1 1DE', 51.456, -2.5945, '900000001211'],
  ['4 Wine Street', 'Wine Street', 'BS1 2BB', 51.4562, -2.5905, '900000001304'],
  ['30 Union Street', 'Union Street', 'BS1 2DP', 51.458, -2.5895, '900000001430'],
  ['8 Nelson Street', 'Nelson Street', 'BS1 2LE', 51.457, -2.594, '900000001508'],
  ['6 Christmas Steps', 'Christmas Steps', 'BS1 5BS', 51.4575, -2.5965, '900000001606'],
  ['25 Colston Avenue', 'Colston Avenue', 'BS1 4UB', 51.4545, -2.597, '900000001725'],
  ['10 Marsh Street', 'Marsh Street', 'BS1 4AX', 51.453, -2.5965, '900000001810'],
  ['2 High Street', 'High Street', 'BS1 2AW', 51.4544, -2.591, '900000001902'],
  ['Castle Park', 'Castle Park', 'BS1 3XD', 51.456, -2.5865, ''],
  ['Bristol Bridge', 'Bristol Bridge', 'BS1 2AN', 51.4536, -2.5899, ''],
  ['St Nicholas Market', 'Corn Street', 'BS1 1JQ', 51.4545, -2.5915, ''],
  ['Temple Meads station', 'Station Approach', 'BS1 6QF', 51.4494, -2.5813, ''],
  ['Broadmead', 'Broadmead', 'BS1 3HA', 51.4585, -2.5875, ''],
  ['Millennium Square', 'Anchor Road', 'BS1 5DB', 51.4499, -2.5997, ''],
  // Outside the demo council's area (demo/map/boundary.geojson): a point there is refused.
  ['3 High Street, Portishead', 'High Street', 'BS20 6AA', 51.484, -2.768, '900000009003'],
  ['Bath Abbey, Bath', 'Abbey Churchyard', 'BA1 1LT', 51.3811, -2.359, ''],
];

const RECORDS = PLACES.map(([name, road, postcode, lat, lon, uprn], i) => {
  const town = name.includes(',') ? name.split(',').pop().trim() : 'Bristol';
  const short = name.split(',')[0];
  const number = /^\d+/.exec(short)?.[0];
  return {
    place_id: 100000 + i,
    licence: LICENCE,
    osm_type: 'node',
    osm_id: 9000000 + i,
    lat: lat.toFixed(7),
    lon: lon.toFixed(7),
    category: number ? 'building' : 'place',
    type: number ? 'house' : 'square',
    place_rank: 30,
    importance: 0.1,
    addresstype: number ? 'building' : 'place',
    name: number ? '' : short,
    display_name: `${short}, ${town}, ${postcode}`,
    address: {
      ...(number ? { house_number: number } : {}),
      road,
      city: town,
      postcode,
      country: 'United Kingdom',
      country_code: 'gb',
    },
    ...(uprn ? { extratags: { 'ref:GB:uprn': uprn } } : {}),
    boundingbox: [(lat - 0.0001).toFixed(7), (lat + 0.0001).toFixed(7), (lon - 0.0001).toFixed(7), (lon + 0.0001).toFixed(7)],
  };
});

/** @param {string} s */
const norm = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Places matching every word of the query (a postcode matches with or without its space).
 * @param {string} q
 * @param {number} limit
 */
export function search(q, limit = 10) {
  const query = norm(q);
  if (!query) return [];
  const words = query.split(' ');
  const compact = query.replace(/ /g, '');
  return RECORDS.filter((r) => {
    const text = norm(r.display_name);
    return words.every((w) => text.includes(w)) || r.address.postcode.toLowerCase().replace(/ /g, '') === compact;
  }).slice(0, limit);
}

/**
 * The nearest place within 300 m, or undefined.
 * @param {number} lat
 * @param {number} lon
 */
export function reverse(lat, lon) {
  let best;
  let bestD = 300;
  for (const r of RECORDS) {
    const dy = (Number(r.lat) - lat) * 111320;
    const dx = (Number(r.lon) - lon) * 111320 * Math.cos((lat * Math.PI) / 180);
    const d = Math.hypot(dx, dy);
    if (d < bestD) {
      best = r;
      bestD = d;
    }
  }
  return best;
}

/**
 * Answers `/geocoder/search` and `/geocoder/reverse` (the server has set CORS headers already).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export function handleGeocoder(req, res, url) {
  req.resume();
  const q = url.searchParams;
  let status = 200;
  let body;
  if (url.pathname === '/geocoder/search') {
    const limit = Math.min(Math.max(Number(q.get('limit')) || 10, 1), 50);
    body = search(q.get('q') ?? '', limit);
  } else if (url.pathname === '/geocoder/reverse') {
    const lat = Number(q.get('lat'));
    const lon = Number(q.get('lon'));
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || q.get('lat') === null || q.get('lon') === null) {
      status = 400;
      body = { error: { code: 400, message: 'Need coordinates lat and lon' } };
    } else {
      body = reverse(lat, lon) ?? { error: 'Unable to geocode' };
    }
  } else {
    status = 404;
    body = { error: { code: 404, message: 'Unknown geocoder path' } };
  }
  sendJson(req, res, status, body);
}
