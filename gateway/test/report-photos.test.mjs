// Photos sent inside a report (multipart POST requests.json), issue 17 item 3: the same checks, in the
// same order, as POST /media — honeypot, service, submit limits, uploadsPerMinute — before a byte is
// decoded or stored; stored only when the council's server accepts the report; unclaimed and old
// photos swept away; maxFormBytes on multipart fields; malformed multipart is a 400 error list.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { startServer } from '@open311-elements/georeport-server';

import { DEFAULT_MEDIA, checkConfig } from '../src/config.mjs';
import { PhotoStore } from '../src/media.mjs';
import { KEY, config, fakeUpstream, spawnGateway, tempDir } from './helpers.mjs';

const PUBLIC = 'https://report.example-council.gov.uk';
const PHOTO_NAME = /^[0-9a-f]{32}\.(jpg|webp)$/;
const REPORT = { service_code: 'BIN OVERFLOW', lat: '51.5', long: '-0.1', description: 'Full bin' };

/** A small real photo. */
const photo = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 40 } } })
    .jpeg()
    .toBuffer();
/** Bytes that are no image at all: decoding them answers 415, so a 415 shows the photo was looked at. */
const NOT_A_PHOTO = Buffer.from('this is not a photo, just text\n');

/**
 * Every stored photo under the media folder (at any depth), by name.
 * @param {string} dir
 * @returns {string[]}
 */
function storedPhotos(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => PHOTO_NAME.test(path.basename(f)) && !f.endsWith('.tmp'));
}

/**
 * POSTs a report as multipart/form-data with an optional photo.
 * @param {string} endpoint
 * @param {Record<string, string>} fields
 * @param {Buffer} [file]
 * @param {Record<string, string>} [headers]
 */
function postMultipart(endpoint, fields, file, headers = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('media', new Blob([file], { type: 'image/jpeg' }), 'IMG_0001.jpg');
  return fetch(`${endpoint}requests.json`, { method: 'POST', body: form, headers });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `check` is true or `ms` has passed.
 * @param {() => boolean} check
 * @param {number} ms
 */
async function waitFor(check, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end && !check()) await sleep(50);
  return check();
}

describe('photos sent with a report', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let upstream;
  const body = () => ({ id: 'council', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K', services: ['BIN OVERFLOW', 'POTHOLE'] });
  const count = async () => (await (await upstream.adminFetch('requests')).json()).length;

  before(async () => {
    upstream = await startServer({ port: 0, profile: 'no-cors', apiKey: KEY });
  });
  after(async () => {
    await upstream?.close();
  });

  it('answers the honeypot, the service check and the submit limit before the photo is decoded, and stores nothing', async () => {
    const gw = await spawnGateway(config({ publicUrl: PUBLIC, limits: { submitsPerMinute: 1, uploadsPerMinute: 100 }, bodies: [body()] }), { env: { K: KEY } });
    try {
      const before = await count();
      // Not an image: had it been decoded, the answer would be 415.
      const bot = await postMultipart(gw.endpoint, { ...REPORT, website: 'http://spam.example' }, NOT_A_PHOTO);
      assert.equal(bot.status, 400, 'the honeypot answers first');
      assert.equal((await bot.json())[0].code, 400);
      const botPhoto = await postMultipart(gw.endpoint, { ...REPORT, website: 'http://spam.example' }, await photo());
      assert.equal(botPhoto.status, 400);
      const unknown = await postMultipart(gw.endpoint, { ...REPORT, service_code: 'NO SUCH SERVICE' }, NOT_A_PHOTO);
      assert.equal(unknown.status, 404, 'the service check answers before the photo is decoded');
      const unknownPhoto = await postMultipart(gw.endpoint, { ...REPORT, service_code: 'NO SUCH SERVICE' }, await photo());
      assert.equal(unknownPhoto.status, 404);
      assert.deepEqual(storedPhotos(gw.mediaDir), [], 'refused reports leave no stored photo');

      const ok = await postMultipart(gw.endpoint, REPORT, await photo());
      assert.equal(ok.status, 200);
      assert.equal(storedPhotos(gw.mediaDir).length, 1);
      const limited = await postMultipart(gw.endpoint, REPORT, NOT_A_PHOTO);
      assert.equal(limited.status, 429, 'the submit limit answers before the photo is decoded');
      const limitedPhoto = await postMultipart(gw.endpoint, REPORT, await photo());
      assert.equal(limitedPhoto.status, 429);
      assert.equal(storedPhotos(gw.mediaDir).length, 1, 'a report over the limit stores no photo');
      assert.equal(await count(), before + 1, 'only the accepted report reached the council');
    } finally {
      await gw.stop();
    }
  });

  it('counts a photo in a report against uploadsPerMinute, like POST /media', async () => {
    const gw = await spawnGateway(config({ publicUrl: PUBLIC, limits: { submitsPerMinute: 10, uploadsPerMinute: 1 }, bodies: [body()] }), { env: { K: KEY } });
    try {
      assert.equal((await postMultipart(gw.endpoint, REPORT, await photo())).status, 200);
      const second = await postMultipart(gw.endpoint, REPORT, await photo());
      assert.equal(second.status, 429);
      const [error] = await second.json();
      assert.match(error.description, /photos/);
      assert.ok(Number(second.headers.get('retry-after')) >= 1);
      assert.equal(storedPhotos(gw.mediaDir).length, 1);
      // The same limit as POST /media: one bucket for both ways of sending a photo.
      const form = new FormData();
      form.append('media', new Blob([await photo()], { type: 'image/jpeg' }), 'a.jpg');
      assert.equal((await fetch(`${gw.url}/media`, { method: 'POST', body: form })).status, 429);
      // A report without a photo is not an upload.
      assert.equal((await postMultipart(gw.endpoint, REPORT)).status, 200);
    } finally {
      await gw.stop();
    }
  });

  it('stores the photo only when the council accepts the report (400 and 500 from the council leave nothing)', async () => {
    let answer = 400;
    const fake = await fakeUpstream((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(answer, { 'Content-Type': 'application/json' }).end(JSON.stringify([{ code: answer, description: 'attribute[DEPTH] is required' }]));
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
      }
    });
    const gw = await spawnGateway(
      config({
        publicUrl: PUBLIC,
        limits: { submitsPerMinute: 0, submitsPerDay: 0, uploadsPerMinute: 0 },
        bodies: [{ id: 'council', name: 'Example Council', endpoint: fake.endpoint, apiKeyEnv: 'K', format: 'json' }],
      }),
      { env: { K: KEY } },
    );
    try {
      const refused = await postMultipart(gw.endpoint, REPORT, await photo());
      assert.equal(refused.status, 400);
      answer = 500;
      const failed = await postMultipart(gw.endpoint, REPORT, await photo());
      assert.equal(failed.status, 502);
      const posts = fake.seen.filter((s) => s.method === 'POST');
      assert.ok(posts.length >= 2, 'the reports did reach the council');
      for (const p of posts) assert.match(new URLSearchParams(p.body).get('media_url') ?? '', new RegExp(`^${PUBLIC}/media/[0-9a-f]{32}\\.jpg$`));
      assert.deepEqual(storedPhotos(gw.mediaDir), [], 'no photo is left for a report the council did not take');
      const name = new URLSearchParams(posts[0].body).get('media_url')?.split('/').pop();
      assert.equal((await fetch(`${gw.url}/media/${name}`)).status, 404);
    } finally {
      await gw.stop();
      await fake.close();
    }
  });

  it('answers 413 for a multipart field or a multipart report over maxFormBytes, without reaching the council', async () => {
    const gw = await spawnGateway(config({ publicUrl: PUBLIC, limits: { maxFormBytes: 65536, submitsPerMinute: 0, submitsPerDay: 0 }, bodies: [body()] }), {
      env: { K: KEY },
    });
    try {
      const before = await count();
      const long = await postMultipart(gw.endpoint, { ...REPORT, description: 'x'.repeat(70_000) });
      assert.equal(long.status, 413, 'a 70 KB field is refused, not cut short');
      assert.equal((await long.json())[0].code, 413);
      const many = await postMultipart(gw.endpoint, {
        ...REPORT,
        description: 'x'.repeat(30_000),
        address_string: 'y'.repeat(30_000),
        first_name: 'z'.repeat(30_000),
      });
      assert.equal(many.status, 413, 'fields of 90 KB in total are refused');
      const manyWithPhoto = await postMultipart(gw.endpoint, { ...REPORT, description: 'x'.repeat(40_000), address_string: 'y'.repeat(40_000) }, await photo());
      assert.equal(manyWithPhoto.status, 413);
      assert.equal(await count(), before, 'nothing reached the council');
      assert.deepEqual(storedPhotos(gw.mediaDir), []);
      const fits = await postMultipart(gw.endpoint, { ...REPORT, description: 'x'.repeat(30_000) });
      assert.equal(fits.status, 200, 'a report within the limit is taken');
    } finally {
      await gw.stop();
    }
  });

  it('answers malformed multipart with a 400 error list, never 500', async () => {
    const gw = await spawnGateway(config({ publicUrl: PUBLIC, bodies: [body()] }), { env: { K: KEY } });
    try {
      const broken = [
        // cut off in the middle of a part
        ['multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="service_code"\r\n\r\nBIN OVERFLOW'],
        // a part with no headers end
        ['multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="a"\r\nbroken'],
        // a file cut off
        [
          'multipart/form-data; boundary=XyZ',
          '--XyZ\r\nContent-Disposition: form-data; name="media"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff',
        ],
        // no boundary at all
        ['multipart/form-data', '--XyZ\r\n\r\n'],
        // a part with no name
        ['multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--\r\n'],
      ];
      for (const url of [`${gw.endpoint}requests.json`, `${gw.url}/media`]) {
        for (const [type, body] of broken) {
          const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });
          assert.ok(r.status >= 400 && r.status < 500, `${url} ${JSON.stringify(body)}: ${r.status}`);
          const list = await r.json();
          assert.ok(
            Array.isArray(list) && list.length === 1 && typeof list[0].code === 'number' && typeof list[0].description === 'string',
            JSON.stringify(list),
          );
        }
      }
      const xml = await fetch(`${gw.endpoint}requests.xml`, { method: 'POST', headers: { 'Content-Type': broken[0][0] }, body: broken[0][1] });
      assert.equal(xml.status, 400);
      assert.match(await xml.text(), /^<\?xml[^>]*>\s*<errors><error><code>400<\/code>/);
      assert.equal((await fetch(`${gw.endpoint}services.json`)).status, 200, 'the gateway keeps serving');
      assert.ok(!gw.lines().some((l) => l.status === 500), 'no 500 was logged');
    } finally {
      await gw.stop();
    }
  });
});

describe('photo retention', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let upstream;
  before(async () => {
    upstream = await startServer({ port: 0, profile: 'no-cors', apiKey: KEY });
  });
  after(async () => {
    await upstream?.close();
  });

  it('deletes a photo no accepted report refers to after media.unclaimedMinutes, keeps the ones reports refer to', async () => {
    // 0.05 minutes = 3 s: long enough for the report to be sent on a busy machine.
    const gw = await spawnGateway(
      config({
        publicUrl: PUBLIC,
        limits: { submitsPerMinute: 0, submitsPerDay: 0, uploadsPerMinute: 0 },
        bodies: [{ id: 'council', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K' }],
        media: { unclaimedMinutes: 0.05, maxAgeDays: 365 },
      }),
      { env: { K: KEY } },
    );
    try {
      const upload = async () => {
        const form = new FormData();
        form.append('media', new Blob([await photo()], { type: 'image/jpeg' }), 'a.jpg');
        const r = await fetch(`${gw.url}/media`, { method: 'POST', body: form });
        assert.equal(r.status, 201);
        return /** @type {string} */ ((await r.json()).media_url);
      };
      const served = async (/** @type {string} */ url) => (await fetch(`${gw.url}/media/${url.split('/').pop()}`)).status;
      const orphan = await upload();
      const used = await upload();
      assert.equal(await served(orphan), 200, 'an upload is served at once (the council may fetch it while the report is sent)');
      const sent = await fetch(`${gw.endpoint}requests.json`, { method: 'POST', body: new URLSearchParams({ ...REPORT, media_url: used }) });
      assert.equal(sent.status, 200);
      const inReport = await postMultipart(gw.endpoint, REPORT, await photo());
      assert.equal(inReport.status, 200);
      const [{ service_request_id: id }] = await inReport.json();
      const withPhoto = (await (await fetch(`${upstream.endpoint}requests/${id}.json`)).json())[0].media_url;

      const orphanName = orphan.split('/').pop() ?? '';
      assert.ok(await waitFor(() => !storedPhotos(gw.mediaDir).some((f) => f.endsWith(orphanName)), 10000), 'the unclaimed upload is deleted');
      assert.equal(await served(orphan), 404);
      assert.equal(await served(used), 200, 'a photo an accepted report refers to stays');
      assert.ok(fs.existsSync(path.join(gw.mediaDir, used.split('/').pop() ?? '')), 'it moved out of unclaimed/ when the report was accepted');
      assert.equal(await served(withPhoto), 200, 'a photo sent inside an accepted report stays');
      assert.equal(storedPhotos(gw.mediaDir).length, 2);
      assert.ok(await waitFor(() => gw.lines().some((l) => l.msg === 'photos deleted' && l.unclaimed >= 1), 2000), 'the sweep is logged');
    } finally {
      await gw.stop();
    }
  });

  it('deletes every stored photo older than media.maxAgeDays', async () => {
    const gw = await spawnGateway(
      config({
        publicUrl: PUBLIC,
        limits: { submitsPerMinute: 0, submitsPerDay: 0, uploadsPerMinute: 0 },
        bodies: [{ id: 'council', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K' }],
        media: { unclaimedMinutes: 0.03, maxAgeDays: 30 },
      }),
      { env: { K: KEY } },
    );
    try {
      const send = async () => {
        const r = await postMultipart(gw.endpoint, REPORT, await photo());
        assert.equal(r.status, 200);
        const [{ service_request_id: id }] = await r.json();
        return /** @type {string} */ ((await (await fetch(`${upstream.endpoint}requests/${id}.json`)).json())[0].media_url).split('/').pop() ?? '';
      };
      const old = await send();
      const recent = await send();
      const file = storedPhotos(gw.mediaDir).find((f) => f.endsWith(old)) ?? '';
      const days31 = (Date.now() - 31 * 86_400_000) / 1000;
      fs.utimesSync(path.join(gw.mediaDir, file), days31, days31);
      assert.ok(await waitFor(() => !storedPhotos(gw.mediaDir).some((f) => f.endsWith(old)), 8000), 'the 31-day-old photo is deleted');
      assert.equal((await fetch(`${gw.url}/media/${old}`)).status, 404);
      assert.equal((await fetch(`${gw.url}/media/${recent}`)).status, 200, 'a recent photo stays');
      assert.ok(await waitFor(() => gw.lines().some((l) => l.msg === 'photos deleted' && l.expired >= 1), 2000), 'the sweep is logged');
    } finally {
      await gw.stop();
    }
  });

  it('sweeps when it starts: old photos and old unclaimed uploads left from before are deleted at once', async () => {
    const temp = tempDir();
    const dir = path.join(temp.dir, 'media');
    fs.mkdirSync(path.join(dir, 'unclaimed'), { recursive: true });
    const data = await photo();
    const put = (/** @type {string} */ file, /** @type {number} */ ageMs) => {
      fs.writeFileSync(path.join(dir, file), data);
      const t = (Date.now() - ageMs) / 1000;
      fs.utimesSync(path.join(dir, file), t, t);
    };
    put(`${'a'.repeat(32)}.jpg`, 3 * 86_400_000); // older than maxAgeDays 2
    put(`${'b'.repeat(32)}.jpg`, 86_400_000); // a day old: kept
    put(`unclaimed/${'c'.repeat(32)}.jpg`, 2 * 3_600_000); // unclaimed for 2 hours (unclaimedMinutes 60)
    put(`unclaimed/${'d'.repeat(32)}.jpg`, 60_000); // unclaimed for a minute: kept
    // unclaimedMinutes 60: the next sweep is 10 minutes away, so only the one at start can delete.
    const gw = await spawnGateway(
      config({
        bodies: [{ id: 'council', name: 'Example Council', endpoint: upstream.endpoint, apiKeyEnv: 'K' }],
        media: { dir, unclaimedMinutes: 60, maxAgeDays: 2 },
      }),
      { env: { K: KEY } },
    );
    try {
      assert.ok(await waitFor(() => storedPhotos(dir).length === 2, 5000), storedPhotos(dir).join());
      assert.deepEqual(storedPhotos(dir).sort(), [`${'b'.repeat(32)}.jpg`, `unclaimed/${'d'.repeat(32)}.jpg`]);
      assert.ok(await waitFor(() => gw.lines().some((l) => l.msg === 'photos deleted' && l.unclaimed === 1 && l.expired === 1), 2000), 'the sweep is logged');
    } finally {
      await gw.stop();
      temp.remove();
    }
  });

  it('keeps unclaimed photos 60 minutes and all photos 365 days unless told otherwise, sweeping every quarter of unclaimedMinutes (at most 10 minutes apart)', () => {
    const cfg = checkConfig(config({ bodies: [{ id: 'council', name: 'Example Council', endpoint: 'https://crm.example/open311/v2' }] }));
    assert.equal(cfg.media.unclaimedMinutes, 60);
    assert.equal(cfg.media.maxAgeDays, 365);
    assert.deepEqual(DEFAULT_MEDIA, { unclaimedMinutes: 60, maxAgeDays: 365 });
    const every = (/** @type {number} */ unclaimedMinutes) => new PhotoStore({ dir: '/nonexistent', unclaimedMinutes, maxAgeDays: 365 }, () => {}).sweepEveryMs;
    assert.equal(every(60), 600_000);
    assert.equal(every(20), 300_000);
    assert.equal(every(0.04), 600);
  });
});
