#!/usr/bin/env node
// Copies the files gateway/runtime-files.txt lists from the repository root into a folder, keeping
// their paths: the gateway's container image is that folder (gateway/Dockerfile), and the container
// test starts the gateway from one made the same way.
//
//   node gateway/scripts/stage-runtime.mjs <target> [--link-packages]
//
// --link-packages (tests only): node_modules entries become symlinks to the repository's instead of
// copies (hundreds of MB); workspace links (open311-elements -> .., and in scope folders such as
// @open311-elements/georeport-wire -> ../../packages/georeport-wire) are copied as the same relative
// links either way, so the client and the wire writer are loaded from the staged folder, never from
// the repository.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LIST = path.join(ROOT, 'gateway', 'runtime-files.txt');

/** The entries of runtime-files.txt (comments and blank lines left out). */
export function runtimeFiles() {
  return fs
    .readFileSync(LIST, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * @param {string} target
 * @param {{ linkPackages?: boolean, root?: string }} [options]
 */
export function stageRuntime(target, { linkPackages = false, root = ROOT } = {}) {
  const entries = runtimeFiles();
  /** A workspace link (node_modules/x or node_modules/@scope/x) to a folder the list does not stage, e.g. the local server's. */
  const unstagedLink = (/** @type {string} */ source) => {
    const inModules = path.relative(path.join(root, 'node_modules'), source).split(path.sep);
    if (inModules.length > 2 || inModules[0] === '..' || !fs.lstatSync(source).isSymbolicLink()) return false;
    const link = fs.readlinkSync(source);
    if (path.isAbsolute(link)) return false;
    const rel = path
      .relative(root, path.resolve(path.dirname(source), link))
      .split(path.sep)
      .join('/');
    if (rel === '' || rel.startsWith('..')) return false;
    return !entries.some((e) => {
      const entry = e.replace(/\/$/, '');
      return rel === entry || rel.startsWith(`${entry}/`) || entry.startsWith(`${rel}/`);
    });
  };
  for (const entry of entries) {
    if (path.isAbsolute(entry) || entry.split('/').includes('..')) throw new Error(`${LIST}: "${entry}" must be a path inside the repository`);
    const from = path.join(root, entry);
    const to = path.join(target, entry);
    if (!fs.existsSync(from)) throw new Error(`${entry} (listed in gateway/runtime-files.txt) does not exist: run npm run build first`);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (entry.replace(/\/$/, '') === 'node_modules' && linkPackages) {
      linkEntries(from, to, unstagedLink);
    } else {
      // Workspace links to folders the image does not carry are left out rather than left dangling.
      fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true, errorOnExist: true, force: false, filter: (source) => !unstagedLink(source) });
    }
  }
}

/**
 * node_modules as links: each package a symlink to the repository's copy, except workspace links
 * (open311-elements -> .., @open311-elements/georeport-wire -> ../../packages/georeport-wire), which
 * are recreated as the same relative links, so they point inside the staged folder. A scope folder
 * (`@open311-elements/`) is made, not linked, so the links inside it are staged too.
 * @param {string} from
 * @param {string} to
 * @param {(source: string) => boolean} skip workspace links to folders that are not staged
 */
function linkEntries(from, to, skip) {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    const source = path.join(from, name);
    const stat = fs.lstatSync(source);
    if (name.startsWith('@') && stat.isDirectory()) {
      linkEntries(source, path.join(to, name), skip);
      continue;
    }
    if (skip(source)) continue;
    fs.symlinkSync(stat.isSymbolicLink() ? fs.readlinkSync(source) : source, path.join(to, name));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const target = args.find((a) => !a.startsWith('--'));
  if (!target) {
    process.stderr.write('Usage: node gateway/scripts/stage-runtime.mjs <target folder> [--link-packages]\n');
    process.exit(2);
  }
  try {
    stageRuntime(path.resolve(target), { linkPackages: args.includes('--link-packages') });
  } catch (e) {
    process.stderr.write(`stage-runtime: ${/** @type {Error} */ (e).message}\n`);
    process.exit(1);
  }
}
