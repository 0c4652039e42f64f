import { expect, fixture as litFixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import { preparePhoto, NotAnImageError } from '../../src/elements/report/photo.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { Open311Client } from '../../src/open311/index.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import type { Endpoints } from '../helpers/servers.js';
import { answerPothole, chooseService, click, describePlace, fillEmail, heading, root } from '../helpers/report-flow.js';
import type { Stored } from '../helpers/report-flow.js';

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

/**
 * In the widget (issue 12): a `media-url` upload shows its progress with a label and can be
 * cancelled, and then nothing is sent and nothing is lost; a `multipart` send says honestly that the
 * report and photo are on their way, with no figure it cannot know.
 */
describe('<open311-report> photo upload', () => {
  let ep: Endpoints;
  before(async () => {
    ep = await endpoints();
  });
  beforeEach(() => forgetEverything());
  afterEach(() => forgetEverything());

  /** Goes to check your answers with the fixture photo added on the details step. */
  async function toCheckWithPhoto(el: Open311Report, description: string): Promise<void> {
    await describePlace(el, 'Outside 14 Queen Square, by the post box');
    await click(el, 'Continue');
    await until(() => heading(el) === 'What is the problem?');
    await chooseService(el, 'Pothole');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Tell us more about the problem', 10000);
    await answerPothole(el, description);
    const input = await until(() => root(el).querySelector<HTMLInputElement>('#photo'));
    const files = new DataTransfer();
    files.items.add(new File([await fixture()], 'IMG_0001.jpg', { type: 'image/jpeg' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => root(el).querySelector('.photo img'), 10000);
    await click(el, 'Continue');
    await until(() => heading(el) === 'About you');
    await fillEmail(el, 'resident@example.org');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Check your answers before sending your report');
  }

  const storedWith = async (description: string) =>
    (await admin<(Stored[number] & { media_url?: string })[]>('default', 'requests')).filter((r) => r.description === description);

  it('media-url: shows labelled progress with Cancel upload; a cancel sends nothing and keeps the report and photo', async () => {
    // The fault server's /hang/ takes the upload and never answers: the upload stays in flight.
    const el = await litFixture<Open311Report>(
      html`<open311-report no-history endpoint=${ep.default} photo="media-url" upload-url=${new URL('hang/media', ep.faults).href}></open311-report>`,
    );
    const description = `Photo upload cancelled ${Date.now()}`;
    await toCheckWithPhoto(el, description);
    await click(el, 'Send report');
    const bar = await until(() => root(el).querySelector<HTMLProgressElement>('progress#upload-progress'));
    expect(root(el).querySelector('label[for="upload-progress"]')!.textContent!.trim()).to.equal('Uploading your photo');
    expect(bar.max).to.equal(100);
    expect(bar.hasAttribute('value'), 'a figure, not an indeterminate bar').to.equal(true);
    await expect(el).to.be.accessible();
    expect(root(el).querySelector('.error-summary')?.textContent ?? '').to.equal('');
    expect(root(el).querySelector('[part="send-button"]')!.getAttribute('aria-disabled')).to.equal('true');
    root(el).querySelector<HTMLButtonElement>('[part="cancel-upload-button"]')!.click();
    const box = await until(() => root(el).querySelector<HTMLElement>('.error-summary'));
    expect(box.textContent).to.contain('You cancelled the photo upload');
    expect(box.textContent).to.contain('has not been sent');
    expect(root(el).querySelector('progress')).to.equal(null);
    // Nothing lost: the photo and every answer are still there, and the draft still holds them.
    const summary = root(el).querySelector('dl.summary')!.textContent!;
    expect(summary).to.contain('IMG_0001.jpg');
    expect(summary).to.contain(description);
    expect(JSON.parse(localStorage.getItem(`open311:draft:${ep.default}|`)!).description).to.equal(description);
    expect(await storedWith(description)).to.have.length(0);
    await expect(el).to.be.accessible();
    // The resident removes the photo and sends: one report, without a photo.
    [...root(el).querySelectorAll<HTMLButtonElement>('dl.summary button')].find((b) => b.textContent?.includes('photo'))!.click();
    await until(() => heading(el) === 'Tell us more about the problem');
    [...root(el).querySelectorAll<HTMLButtonElement>('.photo button')].find((b) => b.textContent?.includes('Remove photo'))!.click();
    await el.updateComplete;
    expect(root(el).querySelector('.photo img')).to.equal(null);
    await click(el, 'Continue');
    await until(() => heading(el) === 'About you');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Check your answers before sending your report');
    await click(el, 'Try again');
    await until(() => heading(el) === 'Report sent', 10000);
    const stored = await storedWith(description);
    expect(stored).to.have.length(1);
    expect(stored[0].media_url ?? '').to.equal('');
  });

  it('media-url: progress is said at coarse steps, and the bar follows every event', async () => {
    // A stand-in XMLHttpRequest whose upload the test drives (the real one gives a small photo in one step).
    const Real = window.XMLHttpRequest;
    const made: FakeXhr[] = [];
    class FakeXhr extends EventTarget {
      readonly upload = new EventTarget();
      status = 0;
      responseText = '';
      withCredentials = true;
      constructor() {
        super();
        made.push(this);
      }
      open(): void {}
      send(): void {}
      abort(): void {
        this.dispatchEvent(new Event('abort'));
      }
      progress(loaded: number): void {
        this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded, total: 1000 }));
      }
    }
    window.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
    try {
      const el = await litFixture<Open311Report>(
        html`<open311-report no-history endpoint=${ep.default} photo="media-url" upload-url="https://uploads.example/media"></open311-report>`,
      );
      await toCheckWithPhoto(el, `Photo progress ${Date.now()}`);
      await click(el, 'Send report');
      const xhr = await until(() => made[0]);
      expect(xhr.withCredentials).to.equal(false);
      const said = () => root(el).querySelector('.check [role="status"]')!.textContent!.trim();
      const bar = () => root(el).querySelector<HTMLProgressElement>('progress#upload-progress')!;
      xhr.progress(100);
      await el.updateComplete;
      expect(bar().value).to.equal(10);
      expect(root(el).querySelector('.upload-bar')!.textContent).to.contain('10%');
      expect(said()).not.to.contain('%');
      xhr.progress(260);
      await el.updateComplete;
      expect(said()).to.equal('Uploading your photo: 25%');
      xhr.progress(400);
      await el.updateComplete;
      expect(bar().value).to.equal(40);
      expect(said(), 'not on every event').to.equal('Uploading your photo: 25%');
      xhr.progress(510);
      await el.updateComplete;
      expect(said()).to.equal('Uploading your photo: 50%');
      xhr.abort();
      await until(() => root(el).querySelector('.error-summary'));
      expect(said()).to.contain('Photo upload cancelled');
    } finally {
      window.XMLHttpRequest = Real;
    }
  });

  it('a report queued offline with a photo: the next visit says the photo was not kept', async () => {
    const el = await litFixture<Open311Report>(html`<open311-report no-history endpoint=${ep.default} photo="multipart"></open311-report>`);
    await toCheckWithPhoto(el, `Queued with a photo ${Date.now()}`);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      await click(el, 'Send report');
      const here = await until(() => root(el).querySelector<HTMLElement>('[part="queued-notice"]'));
      expect(here.textContent).to.contain('Not sent yet');
      // While the page is open the photo is still there, in the summary.
      expect(root(el).querySelector('dl.summary')!.textContent).to.contain('IMG_0001.jpg');
      el.remove();
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    const next = await litFixture<Open311Report>(html`<open311-report no-history endpoint=${ep.default} photo="multipart"></open311-report>`);
    const ask = await until(() => root(next).querySelector<HTMLElement>('[part="queued-notice"]'), 10000);
    expect(ask.textContent).to.contain('The photo you added was not kept on this device');
  });

  it('multipart: an honest indeterminate "Sending your report and photo…", and the photo arrives without its EXIF', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const holding: typeof fetch = async (input, init) => {
      if (init?.method === 'POST') await held;
      return fetch(input, init);
    };
    const client = new Open311Client({ endpoint: ep.default, fetch: holding, retries: 0 });
    const el = await litFixture<Open311Report>(html`<open311-report no-history endpoint=${ep.default} photo="multipart" .client=${client}></open311-report>`);
    const description = `Photo by multipart ${Date.now()}`;
    await toCheckWithPhoto(el, description);
    await click(el, 'Send report');
    const bar = await until(() => root(el).querySelector<HTMLProgressElement>('progress#upload-progress'));
    expect(bar.hasAttribute('value'), 'indeterminate').to.equal(false);
    expect(root(el).querySelector('label[for="upload-progress"]')!.textContent!.trim()).to.equal('Sending your report and photo…');
    expect(root(el).querySelector('[part="cancel-upload-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
    release();
    await until(() => heading(el) === 'Report sent', 10000);
    const [stored] = await storedWith(description);
    expect(stored.media_url).to.be.a('string');
    const image = await (await fetch(stored.media_url!)).blob();
    const text = await bytes(image);
    expect(text.startsWith('\xFF\xD8')).to.equal(true);
    expect(text).not.to.contain('Exif');
    expect(text).not.to.contain('Serial-12345');
  });
});
