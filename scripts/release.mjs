#!/usr/bin/env node
/**
 * `npm run release`: what a council hosts, built from a clean tree in one command.
 *   release/open311-elements-<version>/      the dist files, as they are to be uploaded
 *   release/open311-elements-<version>/integrity.json   SHA-384 of every file (for <script integrity>)
 *   release/open311-elements-<version>/importmap.json   an import map with the integrity of every chunk
 *   release/open311-elements-<version>/embed.sample.json   the iframe page's settings, for the council to
 *       copy to embed.json and fill in (dist/embed.json, the local demo's, is left out)
 *   release/open311-elements-<version>/hosting/   samples for IIS (web.config), Apache and nginx
 *   release/open311-elements-<version>.zip   the same folder, zipped
 *   release/open311-elements-wordpress-<version>.zip   the WordPress plugin (wordpress/open311-elements/)
 *       with these files as its bundled assets/, to upload in Plugins → Add New → Upload Plugin
 * Each version lives in its own folder, so uploading a new one beside the old never breaks a page
 * still pinned to the old entry; lazily loaded chunks carry content hashes as well.
 * Options: --no-build (use dist/ as it is), --dist <dir> (release that folder instead of dist/),
 * --version <v> (instead of package.json's), --out <dir> (instead of release/).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import yazl from 'yazl';

const root = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: { 'no-build': { type: 'boolean' }, dist: { type: 'string' }, version: { type: 'string' }, out: { type: 'string' } },
});
const version = args.version ?? JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const name = `open311-elements-${version}`;
const out = join(args.out ? resolve(args.out) : join(root, 'release'), name);
const dist = args.dist ? resolve(args.dist) : join(root, 'dist');

if (!args['no-build'] && !args.dist) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// dist/embed.json is the local demo's (it names 127.0.0.1): the release carries embed.sample.json
// instead, so the iframe page says it is not set up until the council writes its own embed.json.
cpSync(dist, out, {
  recursive: true,
  filter: (src) => src !== join(dist, 'types') && !src.startsWith(join(dist, 'types/')) && src !== join(dist, 'embed.json'),
});

// Samples for the council's web server (issue 20): IIS web.config, Apache .htaccess, nginx.
cpSync(join(root, 'hosting'), join(out, 'hosting'), { recursive: true });

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const integrity = {};
for (const file of files(out).sort()) {
  const rel = relative(out, file).split('\\').join('/');
  integrity[rel] = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
}
writeFileSync(join(out, 'integrity.json'), `${JSON.stringify({ version, files: integrity }, null, 2)}\n`);

// An import map's "integrity" section covers the lazily loaded chunks too (Chromium 127+, Safari
// 18+; browsers without it ignore it). Paths assume the folder is uploaded as /open311/<name>/.
const importMap = {
  integrity: Object.fromEntries(
    Object.entries(integrity)
      .filter(([f]) => f.endsWith('.js') || f.endsWith('.mjs'))
      .map(([f, sri]) => [`/open311/${name}/${f}`, sri]),
  ),
};
writeFileSync(join(out, 'importmap.json'), `${JSON.stringify(importMap, null, 2)}\n`);

const zip = new yazl.ZipFile();
for (const file of files(out).sort()) zip.addFile(file, `${name}/${relative(out, file).split('\\').join('/')}`);
zip.end();
await new Promise((resolve, reject) =>
  zip.outputStream
    .pipe(createWriteStream(`${out}.zip`))
    .on('close', resolve)
    .on('error', reject),
);

// The WordPress plugin: its PHP and block files, and the release's files as open311-elements/assets/
// (less the manifests and the iframe page: the plugin puts the element itself in the page).
const pluginDir = join(root, 'wordpress', 'open311-elements');
const pluginZipPath = join(out, '..', `open311-elements-wordpress-${version}.zip`);
const pluginZip = new yazl.ZipFile();
for (const file of files(pluginDir).sort()) {
  const rel = relative(pluginDir, file).split('\\').join('/');
  if (rel === 'assets' || rel.startsWith('assets/')) continue;
  pluginZip.addFile(file, `open311-elements/${rel}`);
}
for (const file of files(out).sort()) {
  const rel = relative(out, file).split('\\').join('/');
  if (['integrity.json', 'importmap.json'].includes(rel) || rel.startsWith('embed')) continue;
  pluginZip.addFile(file, `open311-elements/assets/${rel}`);
}
pluginZip.end();
await new Promise((resolve, reject) => pluginZip.outputStream.pipe(createWriteStream(pluginZipPath)).on('close', resolve).on('error', reject));

const entry = integrity['open311-elements.js'];
console.log(`Wrote ${relative(process.cwd(), out) || '.'}/ (${Object.keys(integrity).length} files), ${relative(process.cwd(), out)}.zip`);
console.log(`Wrote the WordPress plugin: ${relative(process.cwd(), pluginZipPath)} (Plugins → Add New → Upload Plugin)`);
console.log(`\nUpload the folder as /open311/${name}/ and paste:\n`);
console.log(`<script type="importmap">${JSON.stringify(importMap)}</script>`);
console.log(`<script type="module" src="/open311/${name}/open311-elements.js" integrity="${entry}" crossorigin="anonymous"></script>`);
console.log(`\nOr, on a page whose first screen is the report (the same script, its first screen fetched at once):\n`);
console.log(`<script type="module" src="/open311/${name}/open311-report.js" integrity="${integrity['open311-report.js']}" crossorigin="anonymous"></script>`);
console.log(`\nFor the iframe page (embed.html): copy embed.sample.json to embed.json in that folder and fill in your own settings.`);
