// The bench's own front server. Other engineers rebuild dist/ in this tree at any moment (the
// build starts by deleting it), so the bench measures a snapshot of its own build, taken right
// after building: /dist/ is served from that snapshot, everything else (demo pages, with the
// endpoint rewritten by demo/static.mjs) is fetched from the demo's static server. Text is sent
// gzip-compressed when the browser asks for it, as a council's web server would: that matters for
// the Slow 3G figure (the static server sends everything uncompressed).
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TYPES, serveHttp } from '../../demo/static.mjs';

const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|javascript))/;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

/** Every relative import of every script in `dir` resolves to a file there (no half-deleted build). */
function complete(dir) {
  if (!existsSync(join(dir, 'open311-elements.js')) || !existsSync(join(dir, 'open311.js'))) return false;
  for (const file of filesUnder(dir).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import\()\s*["'](\.\.?\/[^"']+)["']/g)) {
      if (!existsSync(resolve(dirname(file), m[1]))) return false;
    }
  }
  return true;
}

/** Copies dist/ to a temporary folder; undefined when the copy is not a whole build. */
export function snapshotDist(root) {
  const dir = mkdtempSync(join(tmpdir(), 'open311-bench-dist-'));
  try {
    cpSync(join(root, 'dist'), dir, { recursive: true });
    if (complete(dir)) return dir;
  } catch {
    // dist/ vanished during the copy (someone else's build): the caller builds again
  }
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}

/** Starts the front server; resolves `{ url, close() }`. */
export async function startBenchServer({ web, dist }) {
  const gz = new Map();
  return serveHttp(async (req, res) => {
    try {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      let status = 200;
      let type;
      let body;
      const extra = {};
      if (path.startsWith('/dist/')) {
        const file = normalize(join(dist, path.slice(6)));
        if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) throw new Error('not found');
        type = TYPES[extname(file)] ?? 'application/octet-stream';
        body = readFileSync(file);
      } else {
        const upstream = await fetch(new URL(req.url ?? '/', web).href);
        status = upstream.status;
        type = upstream.headers.get('content-type') ?? 'application/octet-stream';
        const csp = upstream.headers.get('content-security-policy');
        if (csp) extra['Content-Security-Policy'] = csp;
        body = Buffer.from(await upstream.arrayBuffer());
      }
      if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.length > 512) {
        const key = `${path}\u0000${body.length}`;
        if (!gz.has(key)) gz.set(key, gzipSync(body, { level: 6 }));
        body = gz.get(key);
        extra['Content-Encoding'] = 'gzip';
        extra.Vary = 'Accept-Encoding';
      }
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Length': body.length,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...extra,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  });
}
