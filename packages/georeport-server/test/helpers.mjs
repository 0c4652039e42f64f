// Shared helpers for the server tests: start a server in a temp folder, POST forms, read XML.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../src/server.mjs';

/** A fresh temp data folder; removed by the returned server's `stop()`. */
export function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'open311-test-'));
}

/**
 * Start a server on a free port with a tiny token delay; `stop()` closes it and removes its folder
 * (unless the caller passed its own dataDir).
 * @param {import('../src/server.mjs').ServerOptions} [options]
 */
export async function start(options = {}) {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? tempDir();
  const server = await startServer({ tokenDelayMs: 50, ...options, dataDir });
  return {
    ...server,
    async stop() {
      await server.close();
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fields for a valid pothole report. */
export const POTHOLE = Object.freeze({
  service_code: 'PTH-01',
  lat: '51.4545',
  long: '-2.5879',
  description: 'Large hole near the bus stop',
  'attribute[DEPTH]': 'DEEP',
});

/**
 * POST a urlencoded form.
 * @param {string} url
 * @param {Record<string, string> | [string, string][]} fields
 */
export function postForm(url, fields) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(fields).toString(),
  });
}

/**
 * Create a pothole report and return its id.
 * @param {string} endpoint
 * @param {Record<string, string>} [extra]
 */
export async function report(endpoint, extra = {}) {
  const res = await postForm(`${endpoint}requests.json`, { ...POTHOLE, ...extra });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`POST failed: ${res.status} ${JSON.stringify(body)}`);
  return /** @type {string} */ (body[0].service_request_id);
}

/**
 * Text of every `<tag>…</tag>` in document order (enough for the flat documents these tests read).
 * @param {string} xml
 * @param {string} tag
 */
export function xmlAll(xml, tag) {
  const re = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>|<${tag}/>`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1] ?? '');
}

/**
 * Poll until `check` resolves truthy (for the token delay); no fixed sleeps.
 * @template T
 * @param {() => Promise<T>} check
 * @param {number} [timeoutMs]
 * @returns {Promise<T>}
 */
export async function eventually(check, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
