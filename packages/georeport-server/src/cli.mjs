#!/usr/bin/env node
// Run the local Open311 server (`npm run server -- [options]` from the repository root):
//   node packages/georeport-server/src/cli.mjs --port 8311 --profile fms --data ./data --api-key K --token-delay 2000 --host 127.0.0.1

import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer, PROFILES, bindWarning, DEFAULT_DATA_DIR } from './server.mjs';

const HELP = `Usage: georeport-server [options]   (npm run server -- [options] from the repository)

  --port <n>          port to listen on (default 8311; 0 = any free port)
  --host <addr>       address to bind (default 127.0.0.1; anything else prints a warning)
  --profile <names>   quirk profile, or several joined by commas (default "default")
                      one of: ${PROFILES.join(', ')}
  --data <dir>        folder for requests.json and media/ (default $OPEN311_DATA,
                      else packages/georeport-server/data)
  --api-key <key>     require this api_key on POSTs (default: none required)
  --token-delay <ms>  how long a token stays unresolved (default 2000)
  --seed              add sample requests when the data folder is empty
  --boundary <file>   our area as GeoJSON (features with a url or phone are neighbours, named
                      when a place is theirs); services?lat=&long= and reports outside ours are
                      refused. May be given twice, e.g. the demo's demo/map/boundary.geojson
                      and demo/map/neighbours.geojson. Default: everywhere is ours
  -h, --help          show this help
`;

/** @returns {never} */
function fail(/** @type {string} */ message) {
  process.stderr.write(`${message}\n\n${HELP}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '8311' },
      host: { type: 'string', default: '127.0.0.1' },
      profile: { type: 'string', default: 'default' },
      data: { type: 'string' },
      'api-key': { type: 'string' },
      'token-delay': { type: 'string', default: '2000' },
      seed: { type: 'boolean', default: false },
      boundary: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (err) {
  fail(/** @type {Error} */ (err).message);
}

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got "${values.port}"`);
const tokenDelayMs = Number(values['token-delay']);
if (!Number.isFinite(tokenDelayMs) || tokenDelayMs < 0) fail(`--token-delay must be milliseconds, got "${values['token-delay']}"`);
const dataDir = path.resolve(values.data ?? (process.env.OPEN311_DATA || DEFAULT_DATA_DIR));

// Before binding, so the warning is on screen even when the address cannot be had.
const warning = bindWarning(values.host);
if (warning) process.stderr.write(warning);

let running;
try {
  running = await startServer({
    port,
    host: values.host,
    profile: values.profile,
    dataDir,
    apiKey: values['api-key'],
    tokenDelayMs,
    seed: values.seed,
    boundary: values.boundary?.map((f) => path.resolve(f)),
  });
} catch (err) {
  fail(/** @type {Error} */ (err).message);
}

process.stdout.write(`Open311 server (profile ${running.profile}) at ${running.endpoint}\n` + `Back office: ${running.adminUrl}\n` + `Data in ${dataDir}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
