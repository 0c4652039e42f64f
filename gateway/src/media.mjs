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
