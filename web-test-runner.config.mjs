import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { PUPPETEER_CHROMIUM_ARGS, startXvfb, startWebKitWebDriver, webkitCapabilities } from './scripts/engines.mjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@open311-elements/georeport-server';
import { plainCountReporter } from './scripts/wtr-count-reporter.mjs';
import { a11yCommandPlugin } from './scripts/wtr-a11y-command.mjs';
import { startFaultServer } from './test/helpers/fault-server.mjs';

/**
 * Browser tests run against the project's own GeoReport v2 server, one instance per quirk profile,
 * over real HTTP on loopback (another origin than the test page, so CORS is real too).
 * A fault server (test/helpers/fault-server.mjs) gives the broken answers real servers give.
 * Tests read the endpoints from `/__servers` and reach each server's back office through
 * `/__admin/<profile>/…` (the back office itself sends no CORS headers, as a real one would not, and
 * needs its token, which only this process knows).
 */
export const PROFILES = ['default', 'xml-only', 'strings', 'token-only', 'fms', 'no-cors', 'path-template', 'no-zone'];

const dataRoot = await mkdtemp(join(tmpdir(), 'open311-wtr-'));
const servers = {};
for (const profile of PROFILES) {
  servers[profile] = await startServer({ port: 0, profile, dataDir: join(dataRoot, profile), tokenDelayMs: 1500 });
}
const faults = await startFaultServer();
servers['api-key'] = await startServer({ port: 0, profile: 'default', dataDir: join(dataRoot, 'api-key'), apiKey: 'secret-test-key' });

async function closeAll() {
  for (const h of helpers.reverse()) h.stop();
  await Promise.all([...Object.values(servers), faults].map((s) => s.close().catch(() => undefined)));
  await rm(dataRoot, { recursive: true, force: true });
}
process.once('exit', () => {
  for (const h of helpers) h.stop();
});

/**
 * One engine per run: `WTR_BROWSER=chromium|firefox|webkit` (scripts/test.mjs runs the three one
 * after another). Firefox needs an X display for WebGL2 and MiniBrowser has no headless mode, so
 * both get a private Xvfb, started here and stopped when the run ends (TOOLCHAIN.md).
 */
const engine = process.env.WTR_BROWSER ?? 'chromium';
const helpers = [];
let browser;
if (engine === 'chromium') {
  browser = chromeLauncher({
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: PUPPETEER_CHROMIUM_ARGS,
    },
  });
} else if (engine === 'firefox') {
  const xvfb = await startXvfb();
  helpers.push(xvfb);
  browser = puppeteerLauncher({
    launchOptions: {
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      headless: true,
      env: { ...process.env, DISPLAY: xvfb.display },
    },
  });
} else if (engine === 'webkit') {
  const xvfb = await startXvfb();
  helpers.push(xvfb);
  const driver = await startWebKitWebDriver(xvfb.display);
  helpers.push(driver);
  browser = webdriverLauncher({
    automationProtocol: 'webdriver',
    hostname: '127.0.0.1',
    port: driver.port,
    path: '/',
    logLevel: 'error',
    capabilities: webkitCapabilities(driver.miniBrowser),
  });
} else {
  throw new Error(`WTR_BROWSER must be chromium, firefox or webkit, not ${engine}`);
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/**/*.test.ts', '!test/e2e/**'],
  nodeResolve: true,
  concurrency: 1,
  staticLogging: !!process.env.CI,
  testFramework: { config: { timeout: 30000, ui: 'bdd' } },
  testsFinishTimeout: 10 * 60 * 1000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), a11yCommandPlugin()],
  filterBrowserLogs: ({ args }) => !args.some((a) => typeof a === 'string' && a.includes('Lit is in dev mode')),
  browsers: [browser],
  middleware: [
    async function open311Servers(context, next) {
      if (context.path === '/__servers') {
        context.type = 'application/json';
        context.body = JSON.stringify({ ...Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s.endpoint])), faults: faults.url });
        return;
      }
      const admin = /^\/__admin\/([\w-]+)\/(.*)$/.exec(context.path);
      if (admin && servers[admin[1]]) {
        const target = new URL(`admin/api/${admin[2]}`, servers[admin[1]].url.replace(/\/?$/, '/'));
        const body = context.method === 'POST' ? await readBody(context.req) : undefined;
        const headers = { authorization: `Bearer ${servers[admin[1]].adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) };
        const res = await fetch(target, { method: context.method, body, headers });
        context.status = res.status;
        context.type = res.headers.get('content-type') ?? 'application/json';
        context.body = await res.text();
        return;
      }
      return next();
    },
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), plainCountReporter({ onStop: closeAll })],
};

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
