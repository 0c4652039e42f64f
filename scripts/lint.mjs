#!/usr/bin/env node
/**
 * `npm run lint`: three checks, run side by side (ESLint's type-aware rules keep one core busy), each
 * printing its own findings, then one line per check:
 *
 * - ESLint over the whole repository (eslint.config.mjs): TypeScript, Lit's templates
 *   (eslint-plugin-lit), custom-element rules (eslint-plugin-wc), Node and browser globals per folder;
 * - lit-analyzer over src/ (`--strict`): the templates' bindings checked against the elements' property
 *   types (a string bound to a number property, an unknown attribute, a misspelt event);
 * - `prettier --check .` (prettier.config.mjs, .prettierignore).
 *
 * It needs the generated locale modules (`npm run build` makes them), as the type-check does.
 * Cost, measured on the 2-core machine the tests run on: ESLint 39–43 s of CPU (most of it the
 * TypeScript program its type-aware rules need), lit-analyzer 14 s, Prettier 15 s; side by side that is
 * about 40 s of waiting on two free cores, ESLint's share.
 * Exit code 0 only when all three pass.
 */
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

const checks = [
  { name: 'eslint', cmd: bin('eslint'), args: ['.'] },
  {
    name: 'lit-analyzer',
    cmd: bin('lit-analyzer'),
    // no-missing-import: the composite loads its inner elements with import() when a step needs them
    // (the first screen's byte budget); lit-analyzer follows static imports only.
    args: ['src', '--strict', '--noColor', '--format', 'list', '--rules.no-missing-import', 'off'],
  },
  { name: 'prettier', cmd: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
];

function run({ name, cmd, args }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => {
      out += String(e);
    });
    child.on('close', (code) => resolve({ name, code, out, seconds: ((Date.now() - t0) / 1000).toFixed(1) }));
  });
}

const results = await Promise.all(checks.map(run));
for (const r of results) {
  // lit-analyzer prints "Analyzing N files..." and a blank line even when all is well.
  const text = r.out.replace(/^Analyzing \d+ files\.\.\.\s*$/m, '').trim();
  if (text && (r.code !== 0 || r.name !== 'lit-analyzer')) console.log(`\n${r.name}:\n${text}`);
}
console.log('');
for (const r of results) console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
