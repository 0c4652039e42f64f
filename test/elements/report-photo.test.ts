import { expect } from '@open-wc/testing';
import { preparePhoto, NotAnImageError } from '../../src/elements/report/photo.js';

/**
 * A resident's photo leaves the device without its metadata (EXIF: camera serial, GPS position)
 * and no larger than needed (issue 6). The fixture is a JPEG made with sharp, carrying EXIF with a
 * camera serial number and a GPS position.
 */
async function fixture(): Promise<Blob> {
  const res = await fetch(new URL('../fixtures/photos/gps.jpg', import.meta.url));
  return res.blob();
}

async function bytes(blob: Blob): Promise<string> {
  return String.fromCharCode(...new Uint8Array(await blob.arrayBuffer()));
}

describe('preparePhoto', () => {
  it('removes EXIF (camera serial, GPS) and re-encodes as JPEG', async () => {
    const original = await fixture();
    expect(await bytes(original)).to.contain('Serial-12345');
    expect(await bytes(original)).to.contain('Exif');
    const photo = await preparePhoto(original, { name: 'IMG_0001.HEIC' });
    const out = await bytes(photo.blob);
    expect(photo.blob.type).to.equal('image/jpeg');
    expect(out.startsWith('\xFF\xD8')).to.equal(true);
    expect(out).not.to.contain('Serial-12345');
    expect(out).not.to.contain('Exif');
    expect(out).not.to.contain('GPS');
    expect(photo.fileName).to.equal('IMG_0001.jpg');
    expect([photo.width, photo.height]).to.deep.equal([400, 300]);
  });

  it('scales the longest side down to the limit, keeping the shape', async () => {
    const photo = await preparePhoto(await fixture(), { maxSide: 100 });
    expect([photo.width, photo.height]).to.deep.equal([100, 75]);
    const bitmap = await createImageBitmap(photo.blob);
    expect([bitmap.width, bitmap.height]).to.deep.equal([100, 75]);
  });

  it('refuses a file that is not an image, with a typed error', async () => {
    const text = new Blob(['<script>alert(1)</script>'], { type: 'image/jpeg' });
    const e = await preparePhoto(text).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(NotAnImageError);
  });
});
