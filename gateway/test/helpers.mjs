// Shared by the gateway's tests: the gateway as a real child process, and tiny upstreams.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const BIN = new URL('../bin/open311-gateway.mjs', import.meta.url).pathname;
export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
/** The key the local servers require; long and unusual so that any leak is found by a plain search. */
export const KEY = 'k3y-SECRET-7f3a9c2e';

/** A fresh temporary folder, removed by the returned function. */
export function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open311-gateway-test-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A config with test defaults: loopback, any port, one origin allowed.
 * @param {Record<string, unknown>} overrides
 */
export function config(overrides) {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    publicUrl: 'http://127.0.0.1:1',
    allowedOrigins: ['http://127.0.0.1:9'],
    ...overrides,
  };
}

/**
 * Starts `open311-gateway --config <file>` as a child process and waits for its "listening" line.
 * @param {Record<string, unknown>} cfg written to a temp file (give absolute paths for areas and key files)
 * @param {{ env?: Record<string, string>, bin?: string, cwd?: string }} [options] bin: another copy of the gateway's entry point
 */
export async function spawnGateway(cfg, options = {}) {
  const temp = tempDir();
  const file = path.join(temp.dir, 'gateway.json');
  // A config's media settings without a dir keep their photos in the temporary folder.
  const media = { dir: path.join(temp.dir, 'media'), .../** @type {object} */ (cfg.media) };
  fs.writeFileSync(file, JSON.stringify({ ...cfg, media }));
  const child = spawn(process.execPath, [options.bin ?? BIN, '--config', file], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${stdout}\n${stderr}`)), 10_000);
      const check = () => {
        const line = stdout.split('\n').find((l) => l.includes('"msg":"listening"'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line).url);
        }
      };
      child.stdout.on('data', check);
      exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`gateway exited:\n${stdout}\n${stderr}`));
      });
    });
    return {
      url: /** @type {string} */ (url),
      endpoint: `${url}/open311/v2/`,
      mediaDir: /** @type {string} */ (/** @type {any} */ (media).dir),
      child,
      exited,
      /** Everything the gateway has written so far. */
      output: () => stdout + stderr,
      /** Log lines as objects. */
      lines: () =>
        stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l)),
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const result = await exited;
        temp.remove();
        return result;
      },
    };
  } catch (e) {
    child.kill('SIGKILL');
    temp.remove();
    throw e;
  }
}

/**
 * Runs the gateway with a config and returns how it exited (for config errors).
 * @param {string|Record<string, unknown>} cfg
 * @param {Record<string, string>} [env]
 */
export async function runGateway(cfg, env = {}) {
  const temp = tempDir();
  const file = typeof cfg === 'string' ? cfg : path.join(temp.dir, 'gateway.json');
  if (typeof cfg !== 'string') fs.writeFileSync(file, JSON.stringify(cfg));
  const child = spawn(process.execPath, [BIN, '--config', file], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  temp.remove();
  return { code, out };
}

/**
 * A tiny upstream on loopback whose handler the test writes; remembers every request.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse, body: string) => void} handler
 */
export async function fakeUpstream(handler) {
  /** @type {Array<{ method: string, url: string, body: string }>} */
  const seen = [];
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method ?? 'GET', url: req.url ?? '/', body });
      handler(req, res, body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  return {
    endpoint: `http://127.0.0.1:${port}/open311/v2/`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve(undefined));
      }),
  };
}

/** A free loopback port. */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  return port;
}

/**
 * POSTs a form.
 * @param {string} url
 * @param {Record<string, string>|Array<[string, string]>} fields
 * @param {Record<string, string>} [headers]
 */
export function postForm(url, fields, headers = {}) {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), headers });
}
