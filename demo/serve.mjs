#!/usr/bin/env node
/**
 * `npm start` (after the build): the local Open311 server (the embedded default) and the demo
 * pages, each on localhost. Pages come from demo/, the built widget from dist/.
 *   DEMO_PORT (default 8000), OPEN311_PORT (default 8311), OPEN311_PROFILE (default "default"),
 *   OPEN311_DATA (where reports are kept; default packages/georeport-server/data, as `npm run server`).
 * The local server keeps to the demo's boundary (demo/map/boundary.geojson, the one the pages show):
 * services at a pin and reports outside it are refused, naming the neighbour whose area holds it
 * (demo/map/neighbours.geojson: the councils around the demo area and the harbour estate).
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATA_DIR, startServer } from '@open311-elements/georeport-server';
import { startStaticServer } from './static.mjs';

const demoPort = Number(process.env.DEMO_PORT ?? 8000);
const open311Port = Number(process.env.OPEN311_PORT ?? 8311);
const profile = process.env.OPEN311_PROFILE ?? 'default';

const boundary = ['./map/boundary.geojson', './map/neighbours.geojson'].map((f) => fileURLToPath(new URL(f, import.meta.url)));
const open311 = await startServer({ port: open311Port, profile, dataDir: process.env.OPEN311_DATA ?? DEFAULT_DATA_DIR, seed: true, boundary });
const web = await startStaticServer({ port: demoPort, endpoint: open311.endpoint });

console.log(`Open311 server (profile ${open311.profile}): ${open311.endpoint}`);
console.log(`Back office (play the council officer; the link carries its token): ${open311.adminUrl}`);
console.log(`\n  Open the demo: ${web.url}\n`);
console.log(`  Set it up for your council (check a server, choose, copy the snippet): ${web.url}dist/configure.html\n`);
console.log(`  Other pages: ${web.url}parish.html  ${web.url}track.html  ${web.url}cy.html`);
console.log(`  The iframe page (settings from dist/embed.json): ${web.url}dist/embed.html`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await web.close();
    await open311.close();
    process.exit(0);
  });
}
