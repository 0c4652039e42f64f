// Abuse limits: submit rates (in memory, and shared by two instances through Redis), the honeypot,
// body sizes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startServer } from '@open311-elements/georeport-server';

import { KEY, config, freePort, postForm, spawnGateway } from './helpers.mjs';

const ORIGIN = 'http://127.0.0.1:9';
const REPORT = { service_code: 'BIN OVERFLOW', lat: '51.5', long: '-0.1', description: 'Full bin' };
const REDIS = '/usr/bin/redis-server';

describe('limits', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let upstream;
  before(async () => {
    upstream = await startServer({ port: 0, profile: 'no-cors', apiKey: KEY });
  });
  after(async () => {
    await upstream?.close();
  });
  const body = () => ({ id: 'council', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K' });
  const count = async () => (await (await upstream.adminFetch('requests')).json()).length;

  it('answers the fourth submit in a minute with 429 and Retry-After, readable by an allowed page', async () => {
    const gw = await spawnGateway(config({ limits: { submitsPerMinute: 3, submitsPerDay: 20 }, bodies: [body()] }), { env: { K: KEY } });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await postForm(`${gw.endpoint}requests.json`, REPORT, { Origin: ORIGIN })).status, 200);
      const r = await postForm(`${gw.endpoint}requests.json`, REPORT, { Origin: ORIGIN });
      assert.equal(r.status, 429);
      const retry = Number(r.headers.get('retry-after'));
      assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
      assert.equal(r.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(r.headers.get('access-control-expose-headers') ?? '', /Retry-After/i);
      const [error] = await r.json();
      assert.equal(error.code, 429);
      // Reading is not limited.
      assert.equal((await fetch(`${gw.endpoint}services.json`)).status, 200);
    } finally {
      await gw.stop();
    }
  });

  it('has a daily limit too', async () => {
    const gw = await spawnGateway(config({ limits: { submitsPerMinute: 10, submitsPerDay: 2 }, bodies: [body()] }), { env: { K: KEY } });
    try {
      for (let i = 0; i < 2; i++) assert.equal((await postForm(`${gw.endpoint}requests.xml`, REPORT)).status, 200);
      const r = await postForm(`${gw.endpoint}requests.xml`, REPORT);
      assert.equal(r.status, 429);
      assert.ok(Number(r.headers.get('retry-after')) > 3600);
      assert.match(await r.text(), /<errors><error><code>429<\/code>/);
    } finally {
      await gw.stop();
    }
  });

  it('drops a report whose honeypot field is filled, and refuses oversized bodies with 413', async () => {
    const gw = await spawnGateway(config({ bodies: [body()] }), { env: { K: KEY } });
    try {
      const before = await count();
      const bot = await postForm(`${gw.endpoint}requests.json`, { ...REPORT, website: 'http://spam.example' });
      assert.equal(bot.status, 400);
      assert.equal(await count(), before, 'nothing reached the council');
      const huge = await postForm(`${gw.endpoint}requests.json`, { ...REPORT, description: 'x'.repeat(100_000) });
      assert.equal(huge.status, 413);
      assert.equal((await huge.json())[0].code, 413);
      const json = await fetch(`${gw.endpoint}requests.json`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
      assert.equal(json.status, 415);
    } finally {
      await gw.stop();
    }
  });

  it('shares the count between two instances through Redis', async (t) => {
    if (!fs.existsSync(REDIS)) {
      t.skip(`${REDIS} is missing (apt-get install redis-server)`);
      return;
    }
    const port = await freePort();
    const redis = spawn(REDIS, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`redis did not start: ${out}`)), 5000);
        redis.stdout.setEncoding('utf8').on('data', (d) => {
          out += d;
          if (out.includes('Ready to accept connections')) {
            clearTimeout(timer);
            resolve(undefined);
          }
        });
        redis.on('exit', () => reject(new Error(`redis exited: ${out}`)));
      });
      const cfg = config({ redis: `redis://127.0.0.1:${port}`, limits: { submitsPerMinute: 3 }, bodies: [body()] });
      const [a, b] = await Promise.all([spawnGateway(cfg, { env: { K: KEY } }), spawnGateway(cfg, { env: { K: KEY } })]);
      try {
        assert.equal((await postForm(`${a.endpoint}requests.json`, REPORT)).status, 200);
        assert.equal((await postForm(`${b.endpoint}requests.json`, REPORT)).status, 200);
        assert.equal((await postForm(`${a.endpoint}requests.json`, REPORT)).status, 200);
        const fourth = await postForm(`${b.endpoint}requests.json`, REPORT);
        assert.equal(fourth.status, 429, "the second instance knows about the first one's submits");
        assert.ok(Number(fourth.headers.get('retry-after')) >= 1);
        const health = await (await fetch(`${a.url}/readyz`)).json();
        assert.equal(health.redis, 'ok');
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    } finally {
      redis.kill('SIGTERM');
      await new Promise((resolve) => (redis.exitCode !== null ? resolve(undefined) : redis.on('exit', resolve)));
    }
  });
});
