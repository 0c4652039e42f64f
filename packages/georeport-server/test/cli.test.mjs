// `npm run server` (src/cli.mjs): where it keeps reports. OPEN311_DATA, which `npm start` has always
// read, is read by the CLI too, and --data wins over it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { report, tempDir } from './helpers.mjs';

const CLI = fileURLToPath(new URL('../src/cli.mjs', import.meta.url));

/**
 * Starts the CLI, waits for its banner, POSTs one report, stops it; returns the folder it named.
 * @param {string[]} args
 * @param {Record<string, string>} env
 */
async function reportThrough(args, env) {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--token-delay', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  try {
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const [, endpoint, dataDir] = await new Promise((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      child.stdout.on('data', (c) => {
        out += c;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/open311\/v2\/)\n[\s\S]*Data in (.+)\n/.exec(out);
        if (m) resolve(m);
      });
    });
    await report(endpoint);
    return dataDir;
  } finally {
    child.kill();
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  }
}

test('npm run server keeps reports in OPEN311_DATA when no --data is given, and in --data when it is', { timeout: 30000 }, async () => {
  const fromEnv = tempDir();
  const fromFlag = tempDir();
  try {
    assert.equal(await reportThrough([], { OPEN311_DATA: fromEnv }), fromEnv);
    assert.match(fs.readFileSync(path.join(fromEnv, 'requests.json'), 'utf8'), /Large hole near the bus stop/);

    assert.equal(await reportThrough(['--data', fromFlag], { OPEN311_DATA: fromEnv }), fromFlag);
    assert.match(fs.readFileSync(path.join(fromFlag, 'requests.json'), 'utf8'), /Large hole near the bus stop/);
  } finally {
    fs.rmSync(fromEnv, { recursive: true, force: true });
    fs.rmSync(fromFlag, { recursive: true, force: true });
  }
});
