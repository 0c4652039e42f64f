/**
 * Prepares a resident's photo before it leaves the device: decoded and drawn onto a canvas, which
 * drops all metadata (EXIF, including GPS position, camera serials), scaled so the longest side is
 * at most `maxSide`, and re-encoded as JPEG. Phones' 4–12 MB photos become a few hundred KB,
 * which matters on a weak signal.
 */
export interface PreparedPhoto {
  readonly blob: Blob;
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
}

/** Thrown when the file is not an image the browser can decode. */
export class NotAnImageError extends Error {
  override readonly name = 'NotAnImageError';
}

export async function preparePhoto(file: Blob, options: { maxSide?: number; quality?: number; name?: string } = {}): Promise<PreparedPhoto> {
  const maxSide = options.maxSide ?? 2048;
  let bitmap: ImageBitmap;
  try {
    // `from-image` applies the EXIF orientation before the metadata is dropped.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new NotAnImageError('This file is not a photo we can read');
  }
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  // Not the file's fault (a browser short of memory, a canvas refused): trying again may work.
  if (!ctx) throw new Error('This browser cannot prepare photos');
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', options.quality ?? 0.85));
  if (!blob) throw new Error('This browser cannot prepare photos');
  const base =
    (options.name ?? 'photo')
      .replace(/\.[^.]*$/, '')
      .replace(/[^\w-]+/g, '-')
      .slice(0, 40) || 'photo';
  return { blob, fileName: `${base}.jpg`, width, height };
}
