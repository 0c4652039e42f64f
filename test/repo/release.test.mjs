// `npm run release` (issue 12): a versioned folder and zip a council can host as they are, with a
// SHA-384 for every file that matches the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

test('release writes a versioned folder, a zip and a matching integrity manifest', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const r = spawnSync(process.execPath, ['scripts/release.mjs', '--no-build'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const dir = join(root, 'release', `open311-elements-${version}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'integrity.json'), 'utf8'));
  assert.equal(manifest.version, version);
  assert.ok(manifest.files['open311-elements.js'], 'the entry is listed');
  assert.ok(
    Object.keys(manifest.files).some((f) => /^chunks\/maplibre-[\w-]+\.js$/.test(f)),
    'the map chunk is content-hashed',
  );
  for (const [file, sri] of Object.entries(manifest.files)) {
    const actual = `sha384-${createHash('sha384')
      .update(readFileSync(join(dir, file)))
      .digest('base64')}`;
    assert.equal(actual, sri, file);
  }
  assert.ok(existsSync(`${dir}.zip`));
  const zip = readFileSync(`${dir}.zip`);
  assert.equal(zip.readUInt32LE(0), 0x04034b50, 'a zip file');
  assert.ok(zip.includes(Buffer.from(`open311-elements-${version}/open311-elements.js`)));
  assert.match(r.stdout, /<script type="module" src="[^"]+open311-elements\.js" integrity="sha384-/);
});

test('the release carries embed.sample.json for the iframe page, and not the local demo’s embed.json', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const out = mkdtempSync(join(tmpdir(), 'open311-release-embed-'));
  try {
    const r = spawnSync(process.execPath, ['scripts/release.mjs', '--no-build', '--out', out], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const dir = join(out, `open311-elements-${version}`);
    assert.ok(existsSync(join(root, 'dist', 'embed.json')), 'dist has the demo’s embed.json');
    assert.equal(existsSync(join(dir, 'embed.json')), false, 'no embed.json naming 127.0.0.1 in the release');
    const sample = JSON.parse(readFileSync(join(dir, 'embed.sample.json'), 'utf8'));
    assert.match(sample.endpoint, /^https:\/\//);
    assert.doesNotMatch(JSON.stringify(sample), /127\.0\.0\.1|localhost/);
    assert.ok(JSON.parse(readFileSync(join(dir, 'integrity.json'), 'utf8')).files['embed.sample.json']);
    assert.match(r.stdout, /embed\.sample\.json/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
