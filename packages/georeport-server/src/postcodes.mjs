// A small fake postcode-to-addresses service, for the demo pages and the tests (no network): what a
// council's address proxy in front of OS Places or its LLPG gazetteer would answer. Modelled on the
// common UK address APIs (OS Places' `results`, Ideal Postcodes' flat records): one GET per postcode.
//
//   GET /postcodes/{postcode}            the postcode in any case, with or without its space
//     200 {"postcode":"BS1 4NT","results":[{"uprn":"900000000114","address":"14 Queen Square, Bristol, BS1 4NT",
//          "lat":51.45035,"lng":-2.59435}, …]}       results in address order; [] for a postcode with no addresses
//     400 {"error":{"code":400,"message":"Invalid postcode"}}       not in the UK postcode format
//     404 {"error":{"code":404,"message":"Postcode not found"}}     well formed, but not a known postcode
//   GET /postcodes/unavailable/{postcode}
//     503 {"error":{"code":503,"message":"Address service unavailable"}}   for testing the error path
//
// `lat`/`lng` are WGS84 (OS Places gives them with `output_srs=EPSG:4326`). Real postcode districts and
// street names; house numbers, UPRNs and coordinates are made up: nothing here is a real property record.
// The Bristol addresses share their UPRNs with the demo geocoder (geocoder.mjs).
import { sendJson } from './send-json.mjs';

/** @typedef {{ uprn: string, address: string, lat: number, lng: number }} PostcodeAddress */

/** @type {Record<string, [address: string, uprn: string, lat: number, lng: number][]>} */
const POSTCODES = {
  'BS1 4NT': [
    ['10 Queen Square, Bristol', '900000000110', 51.45048, -2.59452],
    ['12 Queen Square, Bristol', '900000000112', 51.45041, -2.59444],
    ['14 Queen Square, Bristol', '900000000114', 51.45035, -2.59435],
    ['Flat 1, 16 Queen Square, Bristol', '900000000161', 51.45029, -2.59428],
    ['Flat 2, 16 Queen Square, Bristol', '900000000162', 51.45029, -2.59428],
    ['18 Queen Square, Bristol', '900000000118', 51.45022, -2.5942],
  ],
  'BS1 1HT': [
    ['12 Corn Street, Bristol', '900000000012', 51.45472, -2.59265],
    ['14 Corn Street, Bristol', '900000000014', 51.45469, -2.59283],
    ['31 Corn Street, Bristol', '900000000031', 51.45458, -2.59345],
  ],
  'CF10 2BH': [
    ['Tŷ Gwyn, 3 Heol y Frenhines, Caerdydd', '900000020003', 51.48195, -3.1742],
    ['5 Heol y Frenhines, Caerdydd', '900000020005', 51.48198, -3.17395],
    ['7 Heol y Frenhines, Caerdydd', '900000020007', 51.48201, -3.1737],
    ['Flat A, 9 Heol y Frenhines, Caerdydd', '900000020091', 51.48204, -3.17345],
    ['Flat B, 9 Heol y Frenhines, Caerdydd', '900000020092', 51.48204, -3.17345],
  ],
  'SA1 1EP': [
    ['2 Wind Street, Swansea', '900000030002', 51.6193, -3.9396],
    ['4 Wind Street, Swansea', '900000030004', 51.61918, -3.93948],
    ['6 Wind Street, Swansea', '900000030006', 51.61906, -3.93936],
    ['The Old Bank, 8 Wind Street, Swansea', '900000030008', 51.61894, -3.93924],
  ],
  'LL55 4UR': [
    ['Bryn Eithin, Ffordd Llanberis, Caernarfon', '900000040001', 53.1364, -4.2649],
    ['1 Ffordd Llanberis, Caernarfon', '900000040101', 53.13652, -4.2653],
    ['3 Ffordd Llanberis, Caernarfon', '900000040103', 53.1366, -4.26555],
  ],
  // A postcode with no addresses (a business park still being built): 200 with no results.
  'CF24 5ZZ': [],
};

/** The UK postcode format (outward code, inward code), after removing spaces and upper-casing. */
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/**
 * `"cf102bh"` → `"CF10 2BH"`; undefined when it is not in the UK postcode format.
 * @param {string} raw
 */
export function normalisePostcode(raw) {
  const m = POSTCODE.exec(raw.replace(/\s+/g, '').toUpperCase());
  return m ? `${m[1]} ${m[2]}` : undefined;
}

/**
 * The addresses of a postcode, or undefined when it is not a known postcode.
 * @param {string} postcode normalised
 * @returns {PostcodeAddress[] | undefined}
 */
export function addressesOf(postcode) {
  const rows = POSTCODES[postcode];
  return rows?.map(([address, uprn, lat, lng]) => ({ uprn, address: `${address}, ${postcode}`, lat, lng }));
}

/**
 * Answers `/postcodes/…` (the server has set CORS headers already).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export function handlePostcodes(req, res, url) {
  req.resume();
  let status = 200;
  let body;
  let raw = url.pathname.slice('/postcodes/'.length);
  const unavailable = raw.startsWith('unavailable/');
  if (unavailable) raw = raw.slice('unavailable/'.length);
  let decoded = '';
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = '';
  }
  const postcode = normalisePostcode(decoded);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    status = 405;
    res.setHeader('Allow', 'GET');
    body = { error: { code: 405, message: 'Method not allowed' } };
  } else if (unavailable) {
    status = 503;
    body = { error: { code: 503, message: 'Address service unavailable' } };
  } else if (!postcode) {
    status = 400;
    body = { error: { code: 400, message: 'Invalid postcode' } };
  } else {
    const results = addressesOf(postcode);
    if (results) body = { postcode, results };
    else {
      status = 404;
      body = { error: { code: 404, message: 'Postcode not found' } };
    }
  }
  sendJson(req, res, status, body);
}
