#!/usr/bin/env node
// npx open311-gateway --config gateway.json
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { ConfigError, loadConfig } from '../src/config.mjs';

const USAGE = `Usage: open311-gateway --config <file.json> [--check]

  --config, -c   the gateway's JSON config (see the README's config reference)
  --check        check the config and exit (0 = good)
  --help, -h     this text

Keys are read from the environment variables (apiKeyEnv) or files (apiKeyFile) the config names.
Exit codes: 0 stopped cleanly (or the config is good), 1 could not start (or load its code),
2 bad config or arguments.`;

/**
 * Writes and exits; synchronous, because process.exit() would cut short a write to a pipe.
 * @param {number} code
 * @param {string} text
 */
function finish(code, text) {
  writeSync(code === 0 ? 1 : 2, `${text}\n`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: { config: { type: 'string', short: 'c' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }).values;
} catch (e) {
  finish(2, `open311-gateway: ${/** @type {Error} */ (e).message}\n\n${USAGE}`);
}
if (args.help) {
  finish(0, USAGE);
}
if (!args.config) {
  finish(2, `open311-gateway: --config is required\n\n${USAGE}`);
}

let config;
try {
  config = loadConfig(args.config);
} catch (e) {
  if (e instanceof ConfigError) {
    finish(2, `open311-gateway: bad config ${args.config}: ${e.message}`);
  }
  throw e;
}
// Loaded only now, so that a bad config is reported at once; loaded for --check too, with the parts
// the client loads lazily (its XML reader), so that a file missing from an installation or a container
// image fails the check and the start, not the first resident's report.
/** @type {typeof import('../src/server.mjs')} */
let server;
try {
  server = await import('../src/server.mjs');
  const open311 = await import('open311-elements/open311');
  await open311.loadXmlReader();
} catch (e) {
  const err = /** @type {NodeJS.ErrnoException} */ (e);
  finish(1, `open311-gateway: cannot load the gateway's code (is this installation or image complete?): ${err.code ?? err.name}: ${err.message}`);
}
if (args.check) {
  finish(0, `open311-gateway: ${args.config} is valid (${config.bodies.length} ${config.bodies.length === 1 ? 'body' : 'bodies'})`);
}

const { startGateway, stdoutLog } = server;
let gateway;
try {
  gateway = await startGateway(config, { log: stdoutLog });
} catch (e) {
  const err = /** @type {NodeJS.ErrnoException} */ (e);
  stdoutLog({ level: 'error', msg: 'could not start', problem: err.code ?? err.message });
  process.exit(1);
}

let stopping = false;
/** @param {string} signal */
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  stdoutLog({ level: 'info', msg: 'stopping: finishing requests in flight', signal });
  // In-flight requests finish (Fastify's close waits for them); a stuck one cannot hold the process for ever.
  const grace = Math.max(10_000, config.limits.upstreamTimeoutMs + 5_000);
  setTimeout(() => {
    stdoutLog({ level: 'warn', msg: 'stopped before all requests finished' });
    process.exit(1);
  }, grace).unref();
  await gateway.close();
  stdoutLog({ level: 'info', msg: 'stopped' });
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
