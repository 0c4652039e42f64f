// Photos: decoded to prove they are images (never trusting a name or a Content-Type), turned
// upright, shrunk to at most 2048 px, re-encoded without any metadata (EXIF GPS, camera serials,
// XMP, ICC), and stored under a random name.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

import { GatewayError } from './errors.mjs';

/** Formats a phone or camera produces that the gateway accepts as input. SVG (scripts) and PDF are not images here. */
const INPUT_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif', 'avif', 'tiff']);
export const MEDIA_NAME = /^[0-9a-f]{32}\.(jpg|webp)$/;
export const MEDIA_TYPES = /** @type {Record<string, string>} */ ({ jpg: 'image/jpeg', webp: 'image/webp' });
const MAX_SIDE = 2048;
/** About a 100-megapixel photo; anything bigger is a decompression bomb, not a street. */
const MAX_PIXELS = 100_000_000;

/**
 * Re-encodes an uploaded image; 415 when it is not one.
 * @param {Buffer} input
 * @param {'jpeg'|'webp'} format
 * @returns {Promise<{ data: Buffer, ext: 'jpg'|'webp' }>}
 */
export async function reencode(input, format) {
  const notImage = () => new GatewayError(415, 'The file is not a photo the gateway can read (use JPEG, PNG, WebP, GIF or HEIC).');
  const options = { failOn: /** @type {const} */ ('error'), limitInputPixels: MAX_PIXELS, animated: false };
  let meta;
  try {
    meta = await sharp(input, options).metadata();
  } catch {
    throw notImage();
  }
  if (!meta.format || !INPUT_FORMATS.has(meta.format)) throw notImage();
  try {
    // rotate() with no angle applies the EXIF orientation before the EXIF is dropped.
    let pipeline = sharp(input, options).rotate().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    // sharp writes no EXIF, XMP, IPTC or ICC unless asked to (keepExif/withMetadata): none is asked for.
    pipeline = format === 'webp' ? pipeline.webp({ quality: 80 }) : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true });
    const data = await pipeline.toBuffer();
    return { data, ext: format === 'webp' ? 'webp' : 'jpg' };
  } catch {
    throw notImage();
  }
}

/**
 * Stores a re-encoded photo under a random name; returns the name.
 * @param {string} dir
 * @param {{ data: Buffer, ext: string }} image
 */
export async function store(dir, image) {
  await fs.promises.mkdir(dir, { recursive: true });
  const name = `${crypto.randomBytes(16).toString('hex')}.${image.ext}`;
  // Write then rename, so that a half-written file is never served.
  const tmp = path.join(dir, `.${name}.tmp`);
  await fs.promises.writeFile(tmp, image.data, { mode: 0o644 });
  await fs.promises.rename(tmp, path.join(dir, name));
  return name;
}

/** Where uploads wait, inside `media.dir`, until a report the council accepted refers to them. */
export const UNCLAIMED = 'unclaimed';

/**
 * The stored photos and their retention. A photo uploaded on its own (`POST /media`) is kept in
 * `<dir>/unclaimed/` and moves to `<dir>/` when a report the council accepted refers to it; a photo
 * sent inside a report is written to `<dir>/` only once the council has accepted that report.
 * A sweep deletes unclaimed photos after `unclaimedMinutes` and every photo after `maxAgeDays`
 * (counted from the upload).
 */
export class PhotoStore {
  /**
   * @param {{ dir: string, unclaimedMinutes: number, maxAgeDays: number }} media
   * @param {(entry: Record<string, unknown>) => void} log
   */
  constructor(media, log) {
    this.dir = media.dir;
    this.unclaimedDir = path.join(media.dir, UNCLAIMED);
    this.unclaimedMs = media.unclaimedMinutes * 60_000;
    this.maxAgeMs = media.maxAgeDays * 86_400_000;
    this.log = log;
    /** Photos of reports being sent: served from memory (a council server may fetch one at once), written only on acceptance. */
    /** @type {Map<string, Buffer>} */
    this.pending = new Map();
    /** @type {NodeJS.Timeout|undefined} */
    this.timer = undefined;
  }

  /** @param {string} ext */
  static newName(ext) {
    return `${crypto.randomBytes(16).toString('hex')}.${ext}`;
  }

  /**
   * Stores an upload as unclaimed; returns its name.
   * @param {{ data: Buffer, ext: string }} image
   */
  async putUnclaimed(image) {
    return store(this.unclaimedDir, image);
  }

  /**
   * Writes the photo of an accepted report.
   * @param {string} name
   * @param {Buffer} data
   */
  async putClaimed(name, data) {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `.${name}.tmp`);
    await fs.promises.writeFile(tmp, data, { mode: 0o644 });
    await fs.promises.rename(tmp, path.join(this.dir, name));
  }

  /**
   * Keeps an unclaimed upload that an accepted report refers to (by its URL under `<publicUrl>/media/`).
   * @param {string|undefined} url
   * @param {string} publicUrl
   */
  async claim(url, publicUrl) {
    const prefix = `${publicUrl}/media/`;
    if (!url?.startsWith(prefix)) return;
    const name = url.slice(prefix.length);
    if (!MEDIA_NAME.test(name)) return;
    await fs.promises.rename(path.join(this.unclaimedDir, name), path.join(this.dir, name)).catch(() => undefined);
  }

  /**
   * A stored photo's bytes, or undefined.
   * @param {string} name
   */
  async read(name) {
    if (!MEDIA_NAME.test(name)) return undefined;
    for (const dir of [this.dir, this.unclaimedDir]) {
      try {
        return await fs.promises.readFile(path.join(dir, name));
      } catch {
        // not there
      }
    }
    return this.pending.get(name);
  }

  /**
   * Deletes unclaimed photos older than `unclaimedMinutes` and all photos older than `maxAgeDays`
   * (and half-written files left by a crash).
   * @param {number} [now]
   */
  async sweep(now = Date.now()) {
    let unclaimed = 0;
    let expired = 0;
    /**
     * @param {string} dir
     * @param {number} maxAge
     */
    const clean = async (dir, maxAge) => {
      let names;
      try {
        names = await fs.promises.readdir(dir);
      } catch {
        return 0;
      }
      let n = 0;
      for (const name of names) {
        const photo = MEDIA_NAME.test(name);
        if (!photo && !/^\.[0-9a-f]{32}\.(jpg|webp)\.tmp$/.test(name)) continue;
        const file = path.join(dir, name);
        try {
          const { mtimeMs } = await fs.promises.stat(file);
          if (now - mtimeMs < (photo ? maxAge : Math.min(maxAge, 3_600_000))) continue;
          await fs.promises.unlink(file);
          if (photo) n += 1;
        } catch {
          // gone already (another instance sharing the folder swept it)
        }
      }
      return n;
    };
    unclaimed = await clean(this.unclaimedDir, Math.min(this.unclaimedMs, this.maxAgeMs));
    expired = await clean(this.dir, this.maxAgeMs);
    if (unclaimed + expired > 0) this.log({ level: 'info', msg: 'photos deleted', unclaimed, expired });
    return { unclaimed, expired };
  }

  /** How often the sweep runs: a quarter of `unclaimedMinutes`, at most 10 minutes apart. */
  get sweepEveryMs() {
    return Math.min(Math.max(this.unclaimedMs / 4, 200), 600_000);
  }

  /** Sweeps now and then every `sweepEveryMs`, without keeping the process alive. */
  start() {
    const every = this.sweepEveryMs;
    let running = false;
    const run = () => {
      if (running) return;
      running = true;
      this.sweep()
        .catch((e) => this.log({ level: 'warn', msg: 'photo sweep failed', problem: /** @type {NodeJS.ErrnoException} */ (e).code ?? 'error' }))
        .finally(() => {
          running = false;
        });
    };
    run();
    this.timer = setInterval(run, every);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
