// Answers that real servers and networks give, for the client's failure tests: a real HTTP server
// on loopback (another origin than the test page, with CORS, as a tolerant council server would be).
// `GET /<kind>/<anything>` answers as `kind` says; `/count/<path>` tells how often `/post500/<path>`
// was called, to prove a POST was sent once.
import { createServer } from 'node:http';

const HTML500 =
  '<!DOCTYPE html><html><head><title>Server Error</title><style>p{}</style></head><body><h1>Internal Server Error</h1>' +
  '<p>The CRM is down for maintenance.</p><script>window.__pwned = true</script></body></html>';

export async function startFaultServer() {
  const counts = new Map();
  const sockets = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const [, kind = '', ...rest] = url.pathname.split('/');
    const key = rest.join('/');
    counts.set(`${kind}/${key}`, (counts.get(`${kind}/${key}`) ?? 0) + 1);
    const n = counts.get(`${kind}/${key}`);
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    const send = (status, type, body) => {
      res.writeHead(status, { ...headers, 'Content-Type': type });
      res.end(body);
    };
    if (req.method === 'OPTIONS') return send(204, 'text/plain', '');
    switch (kind) {
      case 'html500':
        return send(500, 'text/html', HTML500);
      case 'json403':
        return send(403, 'application/json', JSON.stringify({ message: 'Forbidden: this IP is not allow-listed', requestId: 'abc' }));
      case 'html200':
        // FixMyStreet renders some errors into its HTML help page with status 200 (open311.md §2.3).
        return send(200, 'text/html', '<html><body><h1>Open311 API</h1><p>ERROR: Missing jurisdiction_id</p></body></html>');
      case 'xml400':
        return send(
          400,
          'text/xml',
          '<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>service_code is required</description></error>' +
            '<error><code>4001</code><description>Location is outside the council area</description></error></errors>',
        );
      case 'bare-error':
        return send(403, 'text/xml', '<?xml version="1.0"?><error>Invalid api_key</error>');
      case 'text503':
        return send(503, 'text/plain', 'Service temporarily unavailable');
      case 'hang':
        // Never answers; the client's own timeout must end the wait. Closed when the server stops.
        return undefined;
      case 'huge':
        return send(200, 'application/json', '[' + ('{"service_code":"X","service_name":"' + 'a'.repeat(1000) + '"},').repeat(7000) + '{}]');
      case 'flaky':
        return n < 3
          ? send(502, 'text/html', '<html><body>Bad gateway</body></html>')
          : send(200, 'application/json', '[{"service_code":"OK","service_name":"Recovered"}]');
      case 'post500':
        return send(500, 'text/html', `<html><body>Error ${n}</body></html>`);
      case 'count':
        return send(200, 'application/json', JSON.stringify({ count: counts.get(`post500/${key}`) ?? 0 }));
      default:
        return send(404, 'text/plain', 'unknown fault');
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
