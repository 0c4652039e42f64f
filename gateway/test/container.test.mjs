// A container that starts (issue 17 item 8): the runtime image is the folder
// gateway/scripts/stage-runtime.mjs makes from gateway/runtime-files.txt. There is no Docker engine
// here, so this test makes the same folder (same list, same script), starts the gateway from it
// against a local Open311 server, and checks that the Dockerfile's runtime stage is that folder and
// nothing else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '@open311-elements/georeport-server';

import { runtimeFiles, stageRuntime } from '../scripts/stage-runtime.mjs';
import { KEY, config, spawnGateway, tempDir } from './helpers.mjs';

const DOCKERFILE = new URL('../Dockerfile', import.meta.url).pathname;

describe('the container image (gateway/Dockerfile)', () => {
  /** @type {ReturnType<typeof tempDir>} */
  let temp;
  /** @type {string} */
  let app;
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let upstream;

  before(async () => {
    temp = tempDir();
    app = path.join(temp.dir, 'app');
    stageRuntime(app, { linkPackages: true });
    upstream = await startServer({ port: 0, profile: 'no-cors', apiKey: KEY });
  });
  after(async () => {
    await upstream?.close();
    temp?.remove();
  });

  it('copies into its runtime stage the staged folder and nothing else, and starts the staged entry point', () => {
    const text = fs.readFileSync(DOCKERFILE, 'utf8').replace(/\\\n/g, ' ');
    const stages = text.split(/^FROM\s/m).slice(1);
    assert.equal(stages.length, 2, 'a build stage and a runtime stage');
    const [build, runtime] = stages;
    assert.match(build, /^RUN .*npm run build .*npm prune --omit=dev .*&& node gateway\/scripts\/stage-runtime\.mjs \/runtime\s*$/m, 'the build stage stages the runtime files after pruning');
    const copies = runtime.split('\n').filter((l) => /^(COPY|ADD)\s/.test(l.trim()));
    assert.deepEqual(copies.map((l) => l.trim()), ['COPY --from=build /runtime/ ./'], 'the runtime stage copies only the staged folder');
    assert.match(runtime, /^WORKDIR \/app$/m);
    assert.match(runtime, /^CMD \["node", "gateway\/bin\/open311-gateway\.mjs", "--config", "\/config\/gateway\.json"\]$/m);
  });

  it('stages exactly what runtime-files.txt lists', () => {
    const top = new Set(runtimeFiles().map((e) => e.split('/')[0]));
    assert.deepEqual(new Set(fs.readdirSync(app)), top);
    assert.ok(runtimeFiles().includes('dist/open311.js'));
    // The client is the staged copy: its package link points inside the staged folder.
    assert.equal(fs.realpathSync(path.join(app, 'node_modules', 'open311-elements')), fs.realpathSync(app));
    // So is the GeoReport wire writer, a workspace package (packages/georeport-wire).
    assert.equal(
      fs.realpathSync(path.join(app, 'node_modules', '@open311-elements', 'georeport-wire')),
      fs.realpathSync(path.join(app, 'packages', 'georeport-wire')),
    );
  });

  it('passes --check and answers /healthz and services.json when started from the staged folder', async () => {
    const bin = path.join(app, 'gateway', 'bin', 'open311-gateway.mjs');
    const cfgFile = path.join(temp.dir, 'check.json');
    const cfg = config({ bodies: [{ id: 'council', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K', format: 'xml' }] });
    fs.writeFileSync(cfgFile, JSON.stringify(cfg));
    const check = spawnSync(process.execPath, [bin, '--config', cfgFile, '--check'], { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH, K: KEY } });
    assert.equal(check.status, 0, check.stderr);
    // format: xml — the council's answers are read by the client's lazily loaded XML reader.
    const gw = await spawnGateway(cfg, { bin, cwd: app, env: { K: KEY } });
    try {
      const health = await fetch(`${gw.url}/healthz`);
      assert.equal(health.status, 200, await health.clone().text());
      assert.equal((await health.json()).ok, true);
      const services = await fetch(`${gw.endpoint}services.json`);
      assert.equal(services.status, 200);
      const list = await services.json();
      assert.ok(Array.isArray(list) && list.some((s) => s.service_code === 'BIN OVERFLOW'), JSON.stringify(list).slice(0, 200));
      // The staged wire writer writes XML too.
      const xml = await fetch(`${gw.endpoint}services.xml`);
      assert.equal(xml.status, 200);
      assert.match(await xml.text(), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<services><service><service_code>/);
      assert.ok(!gw.output().includes('ERR_MODULE_NOT_FOUND'));
    } finally {
      await gw.stop();
    }
  });

  it('fails --check (exit 1, naming the problem) when a chunk the client loads only later is missing', () => {
    const chunks = path.join(app, 'dist', 'chunks');
    const xml = fs.readdirSync(chunks).find((f) => /^xml-.*\.js$/.test(f));
    assert.ok(xml, 'the client has a lazily loaded XML chunk');
    fs.rmSync(path.join(chunks, xml));
    const cfgFile = path.join(temp.dir, 'check.json');
    const r = spawnSync(process.execPath, [path.join(app, 'gateway', 'bin', 'open311-gateway.mjs'), '--config', cfgFile, '--check'], {
      cwd: app,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, K: KEY },
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /cannot load the gateway's code.*ERR_MODULE_NOT_FOUND/);
  });
});
