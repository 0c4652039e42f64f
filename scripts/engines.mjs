// What Firefox and WebKit need around them in a headless run: a private X display (Xvfb) and,
// for WebKit, Debian's WebKitWebDriver driving MiniBrowser. Each `stop()` is safe to call twice.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * Flags for every Chromium launch (the test runner, Playwright, the bench): TOOLCHAIN.md. Never
 * --disable-software-rasterizer: it removes WebGL2 and the map fails.
 */
const CHROMIUM_BASE_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--enable-unsafe-swiftshader',
];

/**
 * Chromium's own work that is not the page's. Headless Chromium (156) opens every new browser
 * context in a hidden window of its own and builds, for each, the address bar's popup as two WebUI
 * pages (`chrome://omnibox-popup.top-chrome/`) in a renderer of their own: about a second of CPU,
 * on this 2-core machine at the very moment the page under test loads. The bench's first-usable
 * times were half that work (issue 18); a resident's phone, whose browser is already open, does
 * none of it while a page loads.
 */
export const QUIET_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * Playwright's own `--disable-features` (playwright-core 1.65, chromiumSwitches.ts). Playwright
 * passes it before ours and Chromium reads only the last `--disable-features`, so ours repeats it;
 * test/e2e/chromium-flags.e2e.test.mjs checks the two against a real launch.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/** For Playwright's Chromium (the end-to-end tests, the bench). */
export const CHROMIUM_ARGS = [...CHROMIUM_BASE_ARGS, `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...QUIET_FEATURES].join(',')}`];

/** For the test runner's Chromium (puppeteer-core, which merges a `--disable-features` with its own). */
export const PUPPETEER_CHROMIUM_ARGS = [...CHROMIUM_BASE_ARGS, `--disable-features=${QUIET_FEATURES.join(',')}`];

/** WebDriver capabilities for MiniBrowser behind WebKitWebDriver (classic WebDriver: it refuses BiDi). */
export function webkitCapabilities(miniBrowser = MINIBROWSER) {
  return {
    browserName: 'MiniBrowser',
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
  };
}

function stopper(child) {
  return () => {
    if (child.exitCode === null && !child.killed) child.kill('SIGTERM');
  };
}

/** Starts Xvfb on a free display; resolves `{ display: ':N', stop() }`. */
export function startXvfb() {
  return new Promise((resolve, reject) => {
    const child = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(\d+)\s*$/.exec(out);
      if (out.includes('\n') && m) resolve({ display: `:${m[1]}`, stop: stopper(child) });
    });
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts WebKitWebDriver on a free port with `DISPLAY`; resolves once it answers `/status`. */
export async function startWebKitWebDriver(display) {
  const port = await freePort();
  const child = spawn(process.env.WEBKIT_WEBDRIVER_PATH ?? 'WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display },
    stdio: 'ignore',
  });
  const stop = stopper(child);
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error('WebKitWebDriver did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, miniBrowser: MINIBROWSER, stop };
}
