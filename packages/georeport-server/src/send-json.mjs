// An uncached JSON answer for the server's side services (the fake geocoder and postcode look-up),
// which are not GeoReport documents; those are written by @open311-elements/georeport-wire.

/**
 * Sends `body` as an uncached JSON answer (the fake geocoder and postcode services).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
export function sendJson(req, res, status, body) {
  const buf = Buffer.from(JSON.stringify(body), 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', buf.length);
  res.setHeader('Cache-Control', 'no-store');
  res.end(req.method === 'HEAD' ? undefined : buf);
}
