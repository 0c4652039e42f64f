// Per-client keys and connections (issue 17 item 7): an IPv6 client is counted by its /64 whatever
// text form its address comes in, and one client cannot hold more than limits.connectionsPerIp sockets.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startServer } from '@open311-elements/georeport-server';

import { clientKey } from '../src/addresses.mjs';
import { KEY, config, postForm, spawnGateway } from './helpers.mjs';

const REPORT = { service_code: 'BIN OVERFLOW', lat: '51.5', long: '-0.1', description: 'Full bin' };

describe('client keys', () => {
  it('gives every text form of addresses in one IPv6 /64 the same key, and other /64s other keys', () => {
    const same = [
      '2001:db8::1:1:1:1',
      '2001:db8:0:0:1:1:1:1',
      '2001:db8::2:1:1:1',
      '2001:DB8:0000:0000:0003:0000:0000:0001',
      '2001:0db8:0:0::ffff',
      '2001:db8::',
      '2001:db8::1.2.3.4',
      'fe80::1%eth0'.replace('fe80', '2001:db8'),
    ];
    const keys = new Set(same.map(clientKey));
    assert.deepEqual([...keys], ['2001:0db8:0000:0000::/64']);
    const others = ['2001:db8:0:1::1', '2001:db8:1::1', '2001:db9::1', '::1', '2001:db8:0:100::'];
    for (const o of others) assert.notEqual(clientKey(o), '2001:0db8:0000:0000::/64', o);
    assert.equal(new Set(others.map(clientKey)).size, others.length);
  });

  it('counts IPv4 and IPv4-mapped IPv6 as the same IPv4 address', () => {
    assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('::FFFF:cb00:7107'), '203.0.113.7');
    assert.equal(clientKey('0:0:0:0:0:ffff:203.0.113.7'), '203.0.113.7');
  });
});

describe('limits per client', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let upstream;
  before(async () => {
    upstream = await startServer({ port: 0, profile: 'no-cors', apiKey: KEY });
  });
  after(async () => {
    await upstream?.close();
  });
  const body = () => ({ id: 'council', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K' });

  it('shares one submit limit between compressed forms of addresses in one IPv6 /64 (behind a trusted proxy)', async () => {
    const gw = await spawnGateway(config({ trustProxy: ['127.0.0.1'], limits: { submitsPerMinute: 3, submitsPerDay: 20 }, bodies: [body()] }), {
      env: { K: KEY },
    });
    try {
      const from = (/** @type {string} */ ip) => postForm(`${gw.endpoint}requests.json`, REPORT, { 'X-Forwarded-For': ip });
      assert.equal((await from('2001:db8::1:1:1:1')).status, 200);
      assert.equal((await from('2001:db8::2:1:1:1')).status, 200);
      assert.equal((await from('2001:DB8:0:0:3::1')).status, 200);
      const fourth = await from('2001:db8::4:0:0:1');
      assert.equal(fourth.status, 429, 'the fourth address of the same /64 is over the limit');
      assert.equal((await from('2001:db8:0:1::1')).status, 200, 'another /64 has its own count');
    } finally {
      await gw.stop();
    }
  });

  /**
   * Opens `n` raw TCP connections and reports which the gateway closed within `ms`.
   * @param {number} port
   * @param {number} n
   * @param {number} ms
   */
  async function holdSockets(port, n, ms) {
    /** @type {net.Socket[]} */
    const sockets = [];
    let closed = 0;
    await Promise.all(
      Array.from(
        { length: n },
        () =>
          new Promise((resolve) => {
            const s = net.connect({ host: '127.0.0.1', port }, () => resolve(undefined));
            s.on('error', () => resolve(undefined));
            s.on('close', () => {
              closed += 1;
              resolve(undefined);
            });
            sockets.push(s);
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { sockets, closed: () => closed, open: () => sockets.filter((s) => !s.destroyed && s.readyState === 'open') };
  }

  it('closes at once every connection beyond connectionsPerIp (default 20) from one address', async () => {
    const gw = await spawnGateway(config({ bodies: [body()] }), { env: { K: KEY } });
    const port = Number(new URL(gw.url).port);
    const held = await holdSockets(port, 200, 800);
    try {
      assert.equal(held.closed(), 180, '180 of 200 connections were closed by the gateway');
      const open = held.open();
      assert.equal(open.length, 20);
      // The connections it kept work.
      const answer = await new Promise((resolve) => {
        let text = '';
        open[0]
          .setEncoding('utf8')
          .on('data', (d) => (text += d))
          .on('end', () => resolve(text));
        open[0].write('GET /media/nothing.jpg HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
      assert.match(/** @type {string} */ (answer), /^HTTP\/1\.1 404/);
    } finally {
      for (const s of held.sockets) s.destroy();
    }
    try {
      // Once the client lets go, it is served again.
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await fetch(`${gw.url}/media/nothing.jpg`)).status, 404);
    } finally {
      await gw.stop();
    }
  });

  it('does not count connections from a trusted proxy (they carry many residents), nor any with connectionsPerIp 0', async () => {
    for (const cfg of [{ trustProxy: ['127.0.0.1'], limits: { connectionsPerIp: 5 } }, { limits: { connectionsPerIp: 0 } }]) {
      const gw = await spawnGateway(config({ ...cfg, bodies: [body()] }), { env: { K: KEY } });
      const port = Number(new URL(gw.url).port);
      const held = await holdSockets(port, 30, 500);
      try {
        assert.equal(held.closed(), 0, JSON.stringify(cfg));
      } finally {
        for (const s of held.sockets) s.destroy();
        await gw.stop();
      }
    }
  });
});
