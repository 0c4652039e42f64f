// The WordPress plugin's files (issue 20): PHP that parses, one version everywhere, and the zip
// `npm run release` writes for Plugins → Add New → Upload Plugin. The plugin on a real WordPress is
// test/e2e/wordpress.e2e.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = new URL('../../', import.meta.url).pathname;
const plugin = join(root, 'wordpress', 'open311-elements');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (p === join(plugin, 'assets')) return [];
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** A zip's entries by name, each with its bytes (stored or deflated, as yazl writes them). */
function readZip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    entries.set(name, () => (method === 8 ? inflateRawSync(raw) : Buffer.from(raw)));
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

test('every PHP file of the WordPress plugin passes php -l', () => {
  assert.ok(existsSync('/usr/bin/php'), 'PHP is missing. Run, as root:\n  apt-get update && apt-get install -y --no-install-recommends php-cli');
  const php = files(plugin).filter((f) => f.endsWith('.php'));
  assert.ok(php.length >= 5, 'the plugin’s PHP files are found');
  for (const file of php) {
    const r = spawnSync('/usr/bin/php', ['-l', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${relative(root, file)}: ${r.stdout}${r.stderr}`);
  }
});

test('the plugin says the package’s version, and every PHP file stops when loaded outside WordPress', () => {
  const main = readFileSync(join(plugin, 'open311-elements.php'), 'utf8');
  assert.match(main, /^ \* Plugin Name: +\S/m);
  assert.equal(/^ \* Version: +(\S+)$/m.exec(main)?.[1], version, 'the plugin header');
  assert.equal(/define\( 'OPEN311_ELEMENTS_VERSION', '([^']+)' \)/.exec(main)?.[1], version);
  assert.equal(JSON.parse(readFileSync(join(plugin, 'blocks', 'report', 'block.json'), 'utf8')).version, version);
  for (const file of files(plugin).filter((f) => f.endsWith('.php'))) {
    const src = readFileSync(file, 'utf8');
    if (file.endsWith('editor.asset.php')) continue; // returns an array, nothing else
    assert.match(src, /if \( ! defined\( '(ABSPATH|WP_UNINSTALL_PLUGIN)' \) \) \{\s*exit;/, relative(root, file));
  }
});

test('npm run release writes the WordPress plugin zip beside the release zip, with the built files as its assets', () => {
  assert.ok(existsSync(join(root, 'dist', 'open311-elements.js')), 'dist/ is built (npm run build)');
  const out = mkdtempSync(join(tmpdir(), 'open311-release-wp-'));
  try {
    const r = spawnSync(process.execPath, ['scripts/release.mjs', '--no-build', '--out', out], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(out, `open311-elements-${version}.zip`)));
    const zipPath = join(out, `open311-elements-wordpress-${version}.zip`);
    assert.ok(existsSync(zipPath), 'the plugin zip is beside the release zip');
    assert.match(r.stdout, /open311-elements-wordpress-[\d.]+\.zip/);
    const zip = readZip(readFileSync(zipPath));
    const names = [...zip.keys()];
    assert.ok(
      names.every((n) => n.startsWith('open311-elements/')),
      'one folder, as WordPress unpacks it into plugins/',
    );
    // Every file of the plugin, as it is in the repository.
    for (const file of files(plugin)) {
      const name = `open311-elements/${relative(plugin, file)}`;
      assert.ok(zip.has(name), name);
      assert.ok(zip.get(name)().equals(readFileSync(file)), `${name} is the repository's`);
    }
    // The release's files as assets/, byte for byte: the entry and every chunk it loads.
    const release = join(out, `open311-elements-${version}`);
    const integrity = JSON.parse(readFileSync(join(release, 'integrity.json'), 'utf8')).files;
    const js = Object.keys(integrity).filter((f) => /\.m?js$/.test(f) && !f.startsWith('embed'));
    assert.ok(js.includes('open311-elements.js') && js.some((f) => f.startsWith('chunks/')));
    for (const f of js) {
      const name = `open311-elements/assets/${f}`;
      assert.ok(zip.has(name), name);
      assert.ok(
        zip
          .get(name)()
          .equals(readFileSync(join(release, f))),
        `${name} is the release's`,
      );
    }
    assert.ok(zip.has('open311-elements/assets/strings.json'));
    // Not the iframe page, its settings, the types or the demo's embed.json.
    assert.deepEqual(
      names.filter((n) => /\/assets\/(embed|types\/|integrity|importmap)/.test(n)),
      [],
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
