// `npm start` (the README's first command, after its build): demo/serve.mjs starts the local Open311
// server and the demo pages and prints where they are. Every address it prints answers, and the
// back-office link's token opens the back office. Needs `npm run build` first (npm test builds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

test(
  'npm start prints the demo, the configurator, the iframe page and the back office, and each answers',
  { skip: !existsSync(join(root, 'dist/configure.html')) && 'needs npm run build' },
  async () => {
    const data = mkdtempSync(join(tmpdir(), 'open311-demo-serve-'));
    const child = spawn(process.execPath, [join(root, 'demo/serve.mjs')], {
      env: { ...process.env, DEMO_PORT: '0', OPEN311_PORT: '0', OPEN311_DATA: data },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const deadline = Date.now() + 20000;
      while (!/The iframe page.*\n/.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) assert.fail(`serve.mjs printed only:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = (label) => {
        const m = new RegExp(`${label}[^\\n]*?(http://127\\.0\\.0\\.1:\\d+/\\S*)`).exec(out);
        assert.ok(m, `a line "${label} … http://127.0.0.1:…" in:\n${out}`);
        return m[1];
      };
      const demo = url('Open the demo');
      const demoPage = await fetch(demo);
      assert.equal(demoPage.status, 200);
      assert.match(await demoPage.text(), /<open311-report/);
      const configure = await fetch(url('Set it up for your council'));
      assert.equal(configure.status, 200);
      assert.match(await configure.text(), /configure/i);
      assert.equal((await fetch(url('The iframe page'))).status, 200);
      for (const page of ['parish.html', 'track.html', 'cy.html']) assert.equal((await fetch(demo + page)).status, 200, page);

      const endpoint = url('Open311 server');
      const services = await fetch(`${endpoint}services.json`);
      assert.equal(services.status, 200);
      assert.ok((await services.json()).length > 0, 'the demo server has services');
      // The demo's boundary and neighbours (issue 19): a pin in Portishead names North Somerset Council.
      const portishead = await fetch(`${endpoint}services.json?lat=51.484&long=-2.768`);
      assert.equal(portishead.status, 400);
      const [outside] = await portishead.json();
      assert.equal(outside.outside_area, true);
      assert.equal(outside.contact?.name, 'North Somerset Council');
      assert.equal((await fetch(`${endpoint}services.json?lat=51.4545&long=-2.5879`)).status, 200);

      // The back office: the printed link sets its cookie; without it, no entry.
      const link = url('Back office');
      const base = new URL(link);
      assert.equal((await fetch(`${base.origin}/admin`)).status, 401);
      const entry = await fetch(link, { redirect: 'manual' });
      assert.equal(entry.status, 303);
      const cookie = entry.headers.get('set-cookie')?.split(';')[0];
      assert.ok(cookie, 'the link sets a cookie');
      const office = await fetch(`${base.origin}/admin`, { headers: { Cookie: cookie } });
      assert.equal(office.status, 200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      rmSync(data, { recursive: true, force: true });
    }
  },
);
