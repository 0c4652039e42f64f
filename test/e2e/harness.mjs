// End-to-end harness: the local Open311 server, the demo pages with the BUILT widget (dist/), and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@open311-elements/georeport-server';
import { startStaticServer } from '../../demo/static.mjs';

import { CHROMIUM_ARGS } from '../../scripts/engines.mjs';

export { CHROMIUM_ARGS };

/** Starts everything one test file needs; `close()` stops it all. */
export async function setup({ profile = 'default', tokenDelayMs = 1500, csp, apiKey } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'open311-e2e-'));
  const open311 = await startServer({ port: 0, profile, dataDir, tokenDelayMs, ...(apiKey ? { apiKey } : {}) });
  const web = await startStaticServer({ endpoint: open311.endpoint, ...(csp ? { csp: csp(open311) } : {}) });
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts = [];
  return {
    open311,
    web,
    browser,
    /** A fresh page in its own context (its own storage), with console errors collected. */
    async page({ viewport = { width: 1024, height: 900 }, ...options } = {}) {
      const context = await browser.newContext({ viewport, ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.errors = [];
      page.failedRequests = [];
      page.on('pageerror', (e) => page.errors.push(String(e)));
      page.on('console', (m) => {
        // Failed loads are collected with their URLs below instead.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.errors.push(m.text());
      });
      page.on('response', (r) => {
        if (r.status() >= 400) page.failedRequests.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
      });
      return page;
    },
    /** Every request the server stored, with contact details (the back office's view). */
    async stored() {
      const res = await open311.adminFetch('requests');
      return res.json();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await web.close();
      await open311.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
