#!/usr/bin/env node
// What the gateway costs: requests per second and p50/p99 latency for `services.json`, a service
// definition (both answered from what the gateway keeps for `servicesCacheSeconds`: "kept") and a
// report POST, straight to the local Open311 server and through the gateway (a real child
// process, rate limits off), measured with autocannon on loopback. A few seconds per run
// (BENCH_SECONDS, default 3; BENCH_CONNECTIONS, default 10).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '@open311-elements/georeport-server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const KEY = 'bench-key-0123456789';
const BIN = new URL('../bin/open311-gateway.mjs', import.meta.url).pathname;
const FORM = new URLSearchParams({ service_code: 'BIN OVERFLOW', lat: '51.5', long: '-0.12', description: 'Overflowing bin' }).toString();

/** Starts the gateway as a child process in front of `endpoint`. */
async function startGateway(/** @type {string} */ endpoint) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open311-gateway-bench-'));
  const file = path.join(dir, 'gateway.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      publicUrl: 'http://127.0.0.1:1',
      allowedOrigins: ['http://127.0.0.1:9'],
      bodies: [{ id: 'bench', name: 'Bench Council', endpoint, apiKeyEnv: 'K', format: 'json' }],
      limits: { submitsPerMinute: 0, submitsPerDay: 0, getsPerMinute: 0, connectionsPerIp: 0 },
      media: { dir: path.join(dir, 'media') },
    }),
  );
  // Request logs go nowhere: the bench measures the gateway, not the terminal.
  const child = spawn(process.execPath, [BIN, '--config', file], { env: { PATH: process.env.PATH ?? '', K: KEY }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (/** @type {Buffer} */ d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(JSON.parse(line).url);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', () => reject(new Error(`the gateway exited: ${out}`)));
  });
  return {
    endpoint: `${url}/open311/v2/`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * @param {string} url
 * @param {'GET'|'POST'} method
 */
async function measure(url, method) {
  const result = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(method === 'POST' ? { body: FORM, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${method} ${url}: ${bad} of ${result.requests.total} requests failed`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const server = await startServer({ port: 0, profile: 'default', apiKey: KEY });
const gateway = await startGateway(server.endpoint);
try {
  // Warm both paths (the gateway's service-list cache, the JIT) before measuring.
  for (const resource of ['services.json', 'services/PTH-01.json']) {
    await fetch(`${gateway.endpoint}${resource}`);
    await fetch(`${server.endpoint}${resource}`);
  }
  const rows = [];
  for (const [name, method, resource] of /** @type {const} */ ([
    ['services.json, kept', 'GET', 'services.json'],
    ['definition, kept', 'GET', 'services/PTH-01.json'],
    ['POST requests.json', 'POST', 'requests.json'],
  ])) {
    // The local server rewrites its whole store on every POST, so each POST run starts from an
    // empty store: otherwise the second run pays for the first run's reports and looks slower.
    const reset = () => (method === 'POST' ? server.adminFetch('reset', {}) : Promise.resolve());
    // The key goes straight to the server in the direct run, as the gateway would add it.
    await reset();
    const direct = await measure(`${server.endpoint}${resource}${method === 'POST' ? `?api_key=${KEY}` : ''}`, method);
    await reset();
    const through = await measure(`${gateway.endpoint}${resource}`, method);
    rows.push({ name, direct, through });
  }
  const f = (/** @type {number} */ n, /** @type {number} */ d = 0) => n.toFixed(d).padStart(8);
  console.log(`open311-gateway bench: ${CONNECTIONS} connections, ${SECONDS} s per run, loopback, Node ${process.version}`);
  console.log(`${'route'.padEnd(20)}${'path'.padEnd(9)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}`);
  for (const { name, direct, through } of rows) {
    console.log(`${name.padEnd(20)}${'direct'.padEnd(9)}${f(direct.rps)}${f(direct.p50, 1)}${f(direct.p99, 1)}`);
    console.log(`${''.padEnd(20)}${'gateway'.padEnd(9)}${f(through.rps)}${f(through.p50, 1)}${f(through.p99, 1)}`);
    console.log(
      `${''.padEnd(20)}${'ratio'.padEnd(9)}${f(through.rps / direct.rps, 2)}${f(through.p50 / Math.max(direct.p50, 0.01), 2)}${f(through.p99 / Math.max(direct.p99, 0.01), 2)}   (through / direct)`,
    );
  }
} finally {
  await gateway.stop();
  await server.close();
}
