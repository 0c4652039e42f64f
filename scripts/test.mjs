#!/usr/bin/env node
/**
 * `npm test`: every check, one after another, with one plain closing line CI can read:
 * `total: N passed, N failed, N skipped`.
 *
 * 1. the machine-level things the tests need (Debian's chromium, firefox-esr, webkit2gtk-driver,
 *    xvfb; installed here when missing and running as root, else the one apt-get line to run is
 *    printed);
 * 2. build (it also generates the locale modules that the type-check and tests import); 3. type-check
 *    (the TypeScript sources, and open311-doctor's JSDoc against the built declarations), then the
 *    lint (`npm run lint`: ESLint, lit-analyzer, prettier --check);
 * 4. Node tests (the local server's package and the wire writer's, packages/<name>/test/; the repository's
 *    rules, with test/repo/docs.test.mjs checking the docs'
 *    element tables against the dist/custom-elements.json the build just wrote; the gateway);
 * 5. browser tests (@web/test-runner) in each engine, one after another, each with its own count;
 * 6. end-to-end tests: the built widget in the demo pages, Chromium driven by playwright-core;
 *    test/e2e/webkit-*.e2e.test.mjs in WebKit driven by webdriverio (when webkit is among the engines),
 *    test/e2e/firefox-*.e2e.test.mjs in Firefox ESR driven by puppeteer-core (when firefox is).
 *
 * `BROWSERS=chromium npm test` (comma-separated: chromium, firefox, webkit) runs fewer engines.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const started = Date.now();
const totals = { passed: 0, failed: 0, skipped: 0 };
const steps = [];
const engineCounts = [];

const ENGINES = (process.env.BROWSERS ?? 'chromium,firefox,webkit')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
for (const e of ENGINES) {
  if (!['chromium', 'firefox', 'webkit'].includes(e)) {
    console.error(`BROWSERS may list chromium, firefox and webkit, not "${e}"`);
    process.exit(2);
  }
}

function ensureSystemPackages() {
  const wanted = [];
  if (ENGINES.includes('chromium')) wanted.push({ bin: process.env.CHROME_PATH ?? '/usr/bin/chromium', pkg: 'chromium' });
  if (ENGINES.includes('firefox')) wanted.push({ bin: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', pkg: 'firefox-esr' });
  if (ENGINES.includes('webkit')) wanted.push({ bin: '/usr/bin/WebKitWebDriver', pkg: 'webkit2gtk-driver' });
  // The gateway's shared rate-limit tests start a private Redis.
  wanted.push({ bin: '/usr/bin/redis-server', pkg: 'redis-server' });
  // The WordPress plugin's end-to-end test runs Debian's WordPress with PHP and a private MariaDB
  // (test/e2e/wordpress-site.mjs lists the same packages).
  wanted.push(
    { bin: '/usr/share/wordpress/wp-load.php', pkg: 'wordpress' },
    { bin: '/usr/share/wordpress/wp-content/themes/twentytwentythree/theme.json', pkg: 'wordpress-theme-twentytwentythree' },
    { bin: '/usr/share/wordpress/wp-content/languages/cy.mo', pkg: 'wordpress-l10n' },
    { bin: '/usr/bin/php', pkg: 'php-cli' },
    { bin: '/usr/share/php8.2-mysql/mysql/mysqli.ini', pkg: 'php-mysql' },
    { bin: '/usr/sbin/mariadbd', pkg: 'mariadb-server' },
  );
  if (ENGINES.some((e) => e !== 'chromium')) wanted.push({ bin: '/usr/bin/Xvfb', pkg: 'xvfb' }, { bin: '/usr/bin/xauth', pkg: 'xauth' });
  const missing = wanted.filter((w) => !existsSync(w.bin));
  if (missing.length === 0) return true;
  const line = `apt-get update && apt-get install -y --no-install-recommends ${missing.map((m) => m.pkg).join(' ')}`;
  if (process.getuid?.() === 0) {
    console.log(`Installing what the browser tests need: ${line}`);
    const r = spawnSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${line}`], { stdio: 'inherit' });
    if (r.status === 0) return true;
  }
  console.error(`The browser tests need Debian packages that are missing. Run, as root:\n  ${line}`);
  return false;
}

/** Runs a command, echoing its output, and returns the output for counting. */
function run(name, cmd, args, env = {}, limitMinutes = 20) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    // A hung step must fail, not eat CI's 90 minutes: stop its whole process group.
    const limit = setTimeout(() => {
      console.error(`\n✗ ${name} took longer than ${limitMinutes} minutes: stopped.`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, limitMinutes * 60_000);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => {
      clearTimeout(limit);
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      steps.push({ name, code, seconds });
      resolve({ code, out });
    });
  });
}

function countNode(out) {
  const n = (re) => Number(re.exec(out)?.[1] ?? 0);
  return { passed: n(/^# pass (\d+)/m), failed: n(/^# fail (\d+)/m) + n(/^# cancelled (\d+)/m), skipped: n(/^# skipped (\d+)/m) + n(/^# todo (\d+)/m) };
}

function countWtr(out) {
  const m = /^wtr: (\d+) passed, (\d+) failed, (\d+) skipped/m.exec(out);
  return m ? { passed: +m[1], failed: +m[2], skipped: +m[3] } : undefined;
}

function add(c) {
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
}

if (ensureSystemPackages()) {
  const build = await run('build', 'npm', ['run', 'build', '--silent']);
  const typecheck = await run('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  if (typecheck.code !== 0) totals.failed++;
  // open311-doctor is plain ESM with JSDoc types, checked against the built client's declarations.
  const doctorTypes = await run('type-check (open311-doctor)', 'npx', ['tsc', '-p', 'tsconfig.doctor.json']);
  if (doctorTypes.code !== 0) totals.failed++;
  // ESLint (with eslint-plugin-lit and -wc), lit-analyzer and prettier --check (scripts/lint.mjs).
  const lint = await run('lint', 'npm', ['run', 'lint', '--silent'], {}, 5);
  if (lint.code !== 0) totals.failed++;
  if (build.code !== 0) totals.failed++;
  const nodeDirs = ['test/server/', 'test/repo/', 'gateway/test/', 'packages/georeport-server/test/', 'packages/georeport-wire/test/'].filter((d) =>
    existsSync(new URL(`../${d}`, import.meta.url)),
  );
  const node = await run(
    'node tests',
    process.execPath,
    ['--test', '--test-reporter=tap', '--test-concurrency=1', '--test-timeout=180000', ...nodeDirs],
    {},
    15,
  );
  const nodeCounts = countNode(node.out);
  if (node.code !== 0 && nodeCounts.failed === 0) nodeCounts.failed = 1;
  add(nodeCounts);
  if (build.code === 0) {
    for (const engine of ENGINES) {
      const wtr = await run(`browser tests: ${engine}`, 'npx', ['wtr'], { CI: process.env.CI ?? 'true', WTR_BROWSER: engine });
      const c = countWtr(wtr.out) ?? { passed: 0, failed: 1, skipped: 0 };
      if (wtr.code !== 0 && c.failed === 0) c.failed = 1;
      engineCounts.push({ engine, ...c });
      add(c);
    }
    // End-to-end: test/e2e/webkit-*.e2e.test.mjs drive WebKit (webdriverio over WebKitWebDriver) and
    // run when webkit is among the engines; every other test/e2e/*.test.mjs drives Chromium (Playwright).
    const e2eFiles = readdirSync(new URL('../test/e2e/', import.meta.url))
      .filter((f) => f.endsWith('.test.mjs'))
      .sort();
    const e2eRuns = [
      { engine: 'chromium', files: e2eFiles.filter((f) => !f.startsWith('webkit-') && !f.startsWith('firefox-')) },
      { engine: 'webkit', files: e2eFiles.filter((f) => f.startsWith('webkit-')) },
      // test/e2e/firefox-*.e2e.test.mjs drive Firefox ESR (puppeteer-core over WebDriver BiDi; issue 22).
      { engine: 'firefox', files: e2eFiles.filter((f) => f.startsWith('firefox-')) },
    ];
    for (const { engine, files } of e2eRuns) {
      if (!ENGINES.includes(engine) || files.length === 0) continue;
      const e2e = await run(
        `end-to-end tests: ${engine}`,
        process.execPath,
        ['--test', '--test-reporter=tap', '--test-concurrency=1', '--test-timeout=180000', ...files.map((f) => `test/e2e/${f}`)],
        {},
        15,
      );
      const c = countNode(e2e.out);
      if (e2e.code !== 0 && c.failed === 0) c.failed = 1;
      engineCounts.push({ engine: `end-to-end (${engine})`, ...c });
      add(c);
    }
  }
} else {
  totals.failed++;
}

console.log('\nSteps:');
for (const s of steps) console.log(`  ${s.code === 0 ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds} s)`);
for (const e of engineCounts) console.log(`  ${e.engine}: ${e.passed} passed, ${e.failed} failed, ${e.skipped} skipped`);
console.log(`Took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
console.log(`total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 && steps.every((s) => s.code === 0) ? 0 : 1);
