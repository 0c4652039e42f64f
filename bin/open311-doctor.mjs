#!/usr/bin/env node
// npx open311-doctor https://open311.example.gov.uk/v2/ [--origin https://www.example-council.gov.uk] …
import { parseArgs } from 'node:util';

const USAGE = `Usage: open311-doctor <endpoint> [options]

Checks a GeoReport v2 (Open311) endpoint the way the <open311-report> widget uses it, read-only,
and says what to set on the element, or to use the gateway.

  --origin URL          your page's origin (https://www.example-council.gov.uk), for the CORS checks
  --jurisdiction ID     the jurisdiction_id the page sets (jurisdiction="…")
  --path-template T     the path-template the page sets, e.g. '{resource}?format={format}'
  --no-date-zone        the page sets no-date-zone
  --api-key-env NAME    an environment variable holding the server's api_key (it is never printed)
  --timeout SECONDS     per call (default 15, the widget's own)
  --max-definitions N   service definitions to fetch (default 50)
  --try-post            file ONE test report (only on a server you know is a test one) and follow it
  --json                print the findings as JSON
  --help, -h            this text

Exit codes: 0 the widget will work as configured, 1 it will not (the reasons are printed),
2 bad usage.`;

/** A usage error: exit code 2 with the usage text. */
class UsageError extends Error {}

/**
 * @param {string} message
 * @returns {never}
 */
function usage(message) {
  throw new UsageError(message);
}

/**
 * Checks the arguments, runs the probes, and says what to print with which exit code.
 * @returns {Promise<{code: number, text: string}>}
 */
async function main() {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        origin: { type: 'string' },
        jurisdiction: { type: 'string' },
        'path-template': { type: 'string' },
        'no-date-zone': { type: 'boolean' },
        'api-key-env': { type: 'string' },
        timeout: { type: 'string' },
        'max-definitions': { type: 'string' },
        'try-post': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = /** @type {NonNullable<typeof args>} */ (args);
  if (values.help) return { code: 0, text: USAGE };
  if (positionals.length !== 1) usage(positionals.length ? 'give one endpoint' : 'give the endpoint to check');

  /**
   * @param {string} text
   * @param {string} what
   */
  function httpUrl(text, what) {
    let url;
    try {
      url = new URL(text);
    } catch {
      return usage(`${what} is not a URL: ${text}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') usage(`${what} must start with https:// (or http://)`);
    return url;
  }

  const endpoint = httpUrl(positionals[0], 'the endpoint');
  if (endpoint.search || endpoint.hash) usage('give the endpoint without ?… or #… (the part before services.json)');
  if (/\/(services|requests|discovery)(\.(json|xml))?$/i.test(endpoint.pathname)) {
    usage('give the endpoint itself, the part before services.json');
  }
  let origin;
  if (values.origin !== undefined) {
    const url = httpUrl(values.origin, '--origin');
    if ((url.pathname !== '/' && url.pathname !== '') || url.search) usage('--origin is a site only, like https://www.example-council.gov.uk (no path)');
    origin = url.origin;
  }
  let timeoutMs = 15_000;
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (!Number.isFinite(s) || s <= 0 || s > 300) usage('--timeout is a number of seconds, more than 0 and at most 300');
    timeoutMs = Math.round(s * 1000);
  }
  let maxDefinitions = 50;
  if (values['max-definitions'] !== undefined) {
    maxDefinitions = Number(values['max-definitions']);
    if (!Number.isInteger(maxDefinitions) || maxDefinitions < 0) usage('--max-definitions is a whole number');
  }
  const template = values['path-template'];
  if (template !== undefined && !template.includes('{resource}')) usage("--path-template must contain {resource}, e.g. '{resource}?format={format}'");
  let apiKey;
  const keyEnv = values['api-key-env'];
  if (keyEnv !== undefined) {
    apiKey = process.env[keyEnv];
    if (!apiKey) usage(`the environment variable ${keyEnv} (--api-key-env) is not set`);
  }

  // Loaded after the arguments are checked: a usage error needs none of it.
  const { probe } = await import('../doctor/probe.mjs');
  const { formatReport } = await import('../doctor/print.mjs');

  const report = await probe({
    endpoint: endpoint.href,
    ...(origin ? { origin } : {}),
    ...(values.jurisdiction ? { jurisdiction: values.jurisdiction } : {}),
    ...(template ? { pathTemplate: template } : {}),
    dateZone: !values['no-date-zone'],
    ...(apiKey ? { apiKey, apiKeyEnv: keyEnv } : {}),
    timeoutMs,
    maxDefinitions,
    tryPost: Boolean(values['try-post']),
  });
  return { code: report.works ? 0 : 1, text: values.json ? JSON.stringify(report, null, 2) : formatReport(report) };
}

/** @type {{code: number, text: string, fd?: 2}} */
let outcome;
try {
  outcome = await main();
} catch (e) {
  outcome =
    e instanceof UsageError
      ? { code: 2, text: `open311-doctor: ${e.message}\n\n${USAGE}`, fd: 2 }
      : { code: 1, text: `open311-doctor: ${e instanceof Error ? e.stack : String(e)}`, fd: 2 };
}
// Exit once the text is out: process.exit() at once could cut short a write to a pipe.
const { code, text, fd } = outcome;
process.exitCode = code;
(fd === 2 ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : `${text}\n`, () => process.exit(code));
