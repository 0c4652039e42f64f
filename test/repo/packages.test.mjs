// The workspace packages (issue 18): the local GeoReport v2 server (packages/georeport-server) and the
// wire writer (packages/georeport-wire) are used through their package names, never by a relative
// path into them, and the old home of the server (demo/server/) is named nowhere in code. A package
// reaches nothing outside itself by relative path either, and the gateway's shipped code (its
// container carries only the wire writer, gateway/runtime-files.txt) never imports the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, normalize, relative, sep } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/** Folders that hold no source of ours: installed, built or runtime data. */
const SKIP = new Set(['node_modules', 'dist', '.git', 'release', '.tmp', 'coverage', '.data', 'data']);

/** @param {string} dir relative to the root @returns {Promise<string[]>} */
async function codeFiles(dir = '') {
  /** @type {string[]} */
  const out = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) out.push(...(await codeFiles(join(dir, entry.name))));
    } else if (/\.(mjs|cjs|js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

/** Module specifiers and `new URL(…, import.meta.url)` paths a file names. */
const SPECIFIERS = [
  /\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]/g,
  /\bnew\s+URL\s*\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g,
];

/** @param {string} text */
function specifiers(text) {
  return SPECIFIERS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

/** The workspace package folder (`packages/<name>`) a repository path is in, if any. @param {string} file */
function packageOf(file) {
  const parts = normalize(file).split(sep);
  return parts[0] === 'packages' && parts.length > 2 ? `packages/${parts[1]}` : undefined;
}

const files = await codeFiles();

test('the repository has the two workspace packages this test guards, and finds code to check', () => {
  assert.ok(files.some((f) => f.startsWith(`packages${sep}georeport-server${sep}src${sep}`)));
  assert.ok(files.some((f) => f.startsWith(`packages${sep}georeport-wire${sep}src${sep}`)));
  assert.ok(files.length > 100, `${files.length} files`);
});

test('no code reaches into a workspace package by relative path, or out of one', async () => {
  const offenders = [];
  for (const file of files) {
    const own = packageOf(file);
    for (const spec of specifiers(await readFile(join(root, file), 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = relative(root, join(root, dirname(file), spec));
      const into = packageOf(target);
      if (into && into !== own) offenders.push(`${file}: '${spec}' reaches into ${into} (import it by its package name)`);
      if (own && packageOf(target) !== own) offenders.push(`${file}: '${spec}' reaches out of ${own} to ${target}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('no code names demo/server/, the local server’s old home, in a string', async () => {
  const self = relative(root, new URL(import.meta.url).pathname);
  const offenders = [];
  for (const file of files) {
    if (file === self) continue;
    const text = await readFile(join(root, file), 'utf8');
    for (const m of text.matchAll(/['"`][^'"`\n]*demo\/server\/[^'"`\n]*['"`]/g)) offenders.push(`${file}: ${m[0]}`);
  }
  assert.deepEqual(offenders, []);
});

test('the gateway’s shipped code imports the wire writer, never the local server (its container has no server)', async () => {
  const shipped = files.filter((f) => /^gateway[\\/](src|bin)[\\/]/.test(f));
  assert.ok(shipped.length > 0);
  const named = [];
  for (const file of shipped) {
    for (const spec of specifiers(await readFile(join(root, file), 'utf8'))) {
      if (spec.startsWith('@open311-elements/')) named.push(spec);
      assert.doesNotMatch(spec, /^@open311-elements\/georeport-server/, file);
    }
  }
  assert.ok(named.includes('@open311-elements/georeport-wire'), `the gateway writes with the shared writer (it imports: ${named.join(', ') || 'none'})`);
});
