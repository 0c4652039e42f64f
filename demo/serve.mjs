#!/usr/bin/env node
/**
 * `npm start` (after the build): the local Open311 server (the embedded default) and the demo
 * pages, each on localhost. Pages are served from demo/, the built widget from dist/.
 *   DEMO_PORT (default 8000), OPEN311_PORT (default 8311), OPEN311_PROFILE (default "default").
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { startServer } from './server/server.mjs';

const root = new URL('..', import.meta.url).pathname;
const demoPort = Number(process.env.DEMO_PORT ?? 8000);
const open311Port = Number(process.env.OPEN311_PORT ?? 8311);
const profile = process.env.OPEN311_PROFILE ?? 'default';

const TYPES = {
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
  '.ts': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under demo/ or dist/, refusing anything outside them. */
function resolvePath(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const [base, rest] = path.startsWith('/dist/') ? ['dist', path.slice(6)] : ['demo', path.slice(1)];
  const dir = join(root, base);
  const file = normalize(join(dir, rest || 'index.html'));
  return file.startsWith(dir + sep) || file === dir ? file : undefined;
}

const open311 = await startServer({ port: open311Port, profile, dataDir: join(root, 'demo/server/data') });

const web = createServer(async (req, res) => {
  let file = resolvePath(req.url ?? '/');
  try {
    if (!file) throw new Error('outside');
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }
});
web.listen(demoPort, '127.0.0.1', () => {
  console.log(`Open311 server (profile ${profile}): ${open311.endpoint}`);
  console.log(`Back office: ${open311.url.replace(/\/?$/, '/')}admin`);
  console.log(`\n  Open the demo: http://127.0.0.1:${demoPort}/\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    web.close();
    await open311.close();
    process.exit(0);
  });
}
