// A small static server for the demo pages (demo/) and the built widget (dist/, under /dist/),
// shared by `npm start`, the end-to-end tests and the benchmark. Refuses paths outside those
// folders. Optional: `endpoint` points the demo's default Open311 server address (its origin, so
// the geocoder too) in HTML at another server (tests start servers on free ports); `csp` adds a Content-Security-Policy header to
// HTML pages; `throttle` is not done here (Chromium's network emulation does it).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8311/open311/v2/';
const root = new URL('..', import.meta.url).pathname;

/** Content types by file ending (also used by the bench's server). */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pbf': 'application/x-protobuf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function resolvePath(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  // /test-pages/ serves test/pages/: the hostile host pages the end-to-end tests load (issue 12).
  const [base, rest] = path.startsWith('/dist/')
    ? ['dist', path.slice(6)]
    : path.startsWith('/test-pages/')
      ? ['test/pages', path.slice(12)]
      : ['demo', path.slice(1)];
  const dir = join(root, base);
  const file = normalize(join(dir, rest || 'index.html'));
  return file === dir || file.startsWith(dir + sep) ? file : undefined;
}

/** Starts the server; resolves `{ url, port, close() }`. */
export async function startStaticServer({ port = 0, host = '127.0.0.1', endpoint, csp, headers = {} } = {}) {
  return serveHttp(
    async (req, res) => {
      let file = resolvePath(req.url ?? '/');
      try {
        if (!file || file.includes(`${sep}server${sep}`)) throw new Error('refused');
        let info = await stat(file);
        if (info.isDirectory()) {
          file = join(file, 'index.html');
          info = await stat(file);
        }
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        let body = await readFile(file);
        const extra = { ...headers };
        const isHtml = type.startsWith('text/html');
        if (isHtml || file === join(root, 'dist', 'embed.json')) {
          if (endpoint && endpoint !== DEFAULT_ENDPOINT) {
            // The demo pages and the embed page's settings name the default server (endpoint and
            // geocoder); point them at this one.
            const from = new URL(DEFAULT_ENDPOINT).origin;
            const to = new URL(endpoint).origin;
            body = Buffer.from(body.toString('utf8').replaceAll(from, to));
          }
          if (csp && isHtml) extra['Content-Security-Policy'] = typeof csp === 'function' ? csp() : csp;
        }
        res.writeHead(200, {
          'Content-Type': type,
          'Content-Length': body.length,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
          ...extra,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found');
      }
    },
    { port, host },
  );
}

/**
 * An HTTP server for `handler` on `host:port` (0: any free port); resolves `{ url, port, close() }`,
 * where `close()` also ends open keep-alive connections (the demo, the tests and the bench share it).
 * @param {import('node:http').RequestListener} handler
 */
export async function serveHttp(handler, { port = 0, host = '127.0.0.1' } = {}) {
  const sockets = new Set();
  const server = createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
