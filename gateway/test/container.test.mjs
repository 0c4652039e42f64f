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
const ROOT = new URL('../../', import.meta.url).pathname;

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
    assert.match(
      build,
      /^RUN .*npm run build .*npm prune --omit=dev .*&& node gateway\/scripts\/stage-runtime\.mjs \/runtime\s*$/m,
      'the build stage stages the runtime files after pruning',
    );
    const copies = runtime.split('\n').filter((l) => /^(COPY|ADD)\s/.test(l.trim()));
    assert.deepEqual(
      copies.map((l) => l.trim()),
      ['COPY --from=build /runtime/ ./'],
      'the runtime stage copies only the staged folder',
    );
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
    // The local server (a workspace package the gateway's tests use, not in the image) is left out,
    // not left as a dangling link.
    assert.ok(fs.existsSync(path.join(ROOT, 'node_modules', '@open311-elements', 'georeport-server')));
    assert.deepEqual(fs.readdirSync(path.join(app, 'node_modules', '@open311-elements')), ['georeport-wire']);
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

describe('stage-runtime.mjs as the Dockerfile runs it (copies, not links)', () => {
  it('copies node_modules with workspace links kept as relative links into the staged folder, and leaves out links to unstaged workspaces', () => {
    // A miniature repository with every listed entry, so the copy is cheap.
    const temp = tempDir();
    try {
      const root = path.join(temp.dir, 'repo');
      for (const entry of runtimeFiles()) {
        const at = path.join(root, entry);
        if (entry.endsWith('/')) fs.mkdirSync(at, { recursive: true });
        else {
          fs.mkdirSync(path.dirname(at), { recursive: true });
          fs.writeFileSync(at, '{}');
        }
      }
      fs.writeFileSync(path.join(root, 'packages', 'georeport-wire', 'src', 'index.mjs'), 'export {};');
      fs.mkdirSync(path.join(root, 'packages', 'georeport-server', 'src'), { recursive: true });
      const modules = path.join(root, 'node_modules');
      fs.mkdirSync(path.join(modules, 'fastify'), { recursive: true });
      fs.writeFileSync(path.join(modules, 'fastify', 'index.js'), '');
      fs.mkdirSync(path.join(modules, '@open311-elements'));
      fs.symlinkSync('..', path.join(modules, 'open311-elements'));
      fs.symlinkSync('../../packages/georeport-wire', path.join(modules, '@open311-elements', 'georeport-wire'));
      fs.symlinkSync('../../packages/georeport-server', path.join(modules, '@open311-elements', 'georeport-server'));

      const out = path.join(temp.dir, 'runtime');
      stageRuntime(out, { root });
      assert.ok(fs.statSync(path.join(out, 'node_modules', 'fastify', 'index.js')).isFile(), 'a package is copied');
      assert.equal(fs.readlinkSync(path.join(out, 'node_modules', '@open311-elements', 'georeport-wire')), '../../packages/georeport-wire');
      assert.ok(
        fs.existsSync(path.join(out, 'node_modules', '@open311-elements', 'georeport-wire', 'src', 'index.mjs')),
        'the writer resolves inside the staged folder',
      );
      assert.equal(fs.realpathSync(path.join(out, 'node_modules', 'open311-elements')), fs.realpathSync(out));
      assert.deepEqual(fs.readdirSync(path.join(out, 'node_modules', '@open311-elements')), ['georeport-wire'], 'no dangling link to the local server');
      assert.ok(!fs.existsSync(path.join(out, 'packages', 'georeport-server')));
    } finally {
      temp.remove();
    }
  });
});
