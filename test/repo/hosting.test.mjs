// Hosting anywhere (issue 20): no file in dist/ or the release needs a server to know `.mjs` (IIS by
// default does not), and the release carries the samples for IIS, Apache and nginx.
// Needs a built dist/ (`npm run build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** The names in a zip file, from its central directory. */
function zipNames(zip) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/** Endings a browser needs the server to type correctly (what it loads); the rest are for people. */
const SERVED = /\.(js|css|json|html)$/;

test('dist/ has no .mjs file, and nothing the browser loads but .js, .css, .json and .html', () => {
  const all = files(join(root, 'dist'))
    .map((f) => relative(join(root, 'dist'), f))
    .filter((f) => !f.startsWith('types/'));
  assert.ok(
    all.some((f) => /^chunks\/maplibre-gl-worker-[\w-]+\.js$/.test(f)),
    `the map's worker is a content-hashed .js file: ${all.join(', ')}`,
  );
  assert.deepEqual(
    all.filter((f) => f.endsWith('.mjs')),
    [],
  );
  assert.deepEqual(
    all.filter((f) => !SERVED.test(f)),
    [],
  );
});

test('the release zip has no .mjs file, and carries the hosting samples for IIS, Apache and nginx', () => {
  const out = mkdtempSync(join(tmpdir(), 'open311-release-hosting-'));
  try {
    const version = '9.9.9-hosting';
    const r = spawnSync(process.execPath, ['scripts/release.mjs', '--no-build', '--version', version, '--out', out], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const name = `open311-elements-${version}`;
    const names = zipNames(readFileSync(join(out, `${name}.zip`)));
    assert.ok(names.includes(`${name}/open311-elements.js`), 'the entry is in the zip');
    assert.ok(
      names.some((n) => n.startsWith(`${name}/chunks/maplibre-gl-worker-`)),
      'the worker is in the zip',
    );
    assert.deepEqual(
      names.filter((n) => /\.mjs$/i.test(n)),
      [],
    );
    for (const sample of ['web.config', 'apache.htaccess', 'nginx.conf', 'README.md']) {
      assert.ok(names.includes(`${name}/hosting/${sample}`), `hosting/${sample} is in the zip`);
    }
    const outsideHosting = names.filter((n) => !n.startsWith(`${name}/hosting/`));
    assert.deepEqual(
      outsideHosting.filter((n) => !SERVED.test(n)),
      [],
      'nothing else a server must know a type for',
    );

    // The IIS sample: well-formed enough to be read, the types strict servers lack, and the caching.
    const webConfig = readFileSync(join(out, name, 'hosting', 'web.config'), 'utf8');
    assert.match(webConfig, /^<\?xml version="1\.0"/);
    for (const ext of ['.js', '.json', '.css']) {
      assert.match(webConfig, new RegExp(`<remove fileExtension="\\${ext}" />\\s*<mimeMap fileExtension="\\${ext}" mimeType="[a-z]+/[a-z]+`), ext);
    }
    assert.match(webConfig, /<location path="chunks">[\s\S]*cacheControlMaxAge="365\.00:00:00"[\s\S]*immutable/);
    assert.match(webConfig, /<clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="0\.00:05:00" \/>/);
    const open = [];
    for (const [, close, tag, selfClosed] of webConfig.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([\w.]+)[^>]*?(\/?)>/g)) {
      if (close) assert.equal(open.pop(), tag, `</${tag}> closes what is open`);
      else if (!selfClosed) open.push(tag);
    }
    assert.deepEqual(open, [], 'every element of web.config is closed');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
