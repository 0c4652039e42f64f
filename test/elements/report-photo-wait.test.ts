import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/elements/report/report.js';
import type { Open311Report } from '../../src/elements/report/report.js';
import { forgetEverything } from '../../src/elements/report/draft.js';
import { admin, endpoints, until } from '../helpers/servers.js';
import { answerPothole, click, fillEmail, heading, root, toDetailsStep, visibleButton } from '../helpers/report-flow.js';
import type { Stored } from '../helpers/report-flow.js';

/**
 * Issue 22, item 3: a chosen photo is kept or the resident is told. On Slow 3G the photo's code
 * arrived over a second after the file was chosen, and a quick Continue went on without it. Here
 * the preparation is held by the test (createImageBitmap waits for it), so the race is certain.
 */

const DETAILS = 'Tell us more about the problem';

async function photoFile(): Promise<File> {
  const res = await fetch(new URL('../fixtures/photos/gps.jpg', import.meta.url));
  return new File([await res.blob()], 'IMG_0001.jpg', { type: 'image/jpeg' });
}

async function toDetails(el: Open311Report, description: string): Promise<void> {
  await toDetailsStep(el);
  await answerPothole(el, description);
}

async function choose(el: Open311Report, file: File): Promise<void> {
  const input = await until(() => root(el).querySelector<HTMLInputElement>('#photo'));
  const files = new DataTransfer();
  files.items.add(file);
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The step's own Continue (not "Continue without a photo"). */
const continueButton = (el: Open311Report) => root(el).querySelector<HTMLButtonElement>('section:not([hidden]) [part="continue-button"]')!;
const photoStatus = (el: Open311Report) => root(el).querySelector('.photo-status')?.textContent?.trim() ?? '';

describe('<open311-report>: a chosen photo is kept or the resident is told', () => {
  let endpoint = '';
  const realBitmap = window.createImageBitmap;
  const realToBlob = HTMLCanvasElement.prototype.toBlob;
  before(async () => {
    endpoint = (await endpoints()).default;
  });
  beforeEach(() => forgetEverything());
  afterEach(() => {
    window.createImageBitmap = realBitmap;
    HTMLCanvasElement.prototype.toBlob = realToBlob;
    forgetEverything();
  });

  it('Continue pressed at once waits for the photo, saying so, and the report carries it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    window.createImageBitmap = (async (...args: Parameters<typeof createImageBitmap>) => {
      await held;
      return realBitmap(...args);
    }) as typeof createImageBitmap;
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} photo="multipart"></open311-report>`);
    const description = `Photo at once ${Date.now()}`;
    await toDetails(el, description);
    await choose(el, await photoFile());
    continueButton(el).click();
    // A visible state while it waits, and the resident is still on the details step.
    await until(() => photoStatus(el).includes('You will go on to the next step when it is ready'));
    expect(heading(el)).to.equal(DETAILS);
    await expect(el).to.be.accessible();
    release();
    await until(() => heading(el) === 'About you', 10000);
    expect(photoStatus(el)).to.equal('');
    await fillEmail(el, 'resident@example.org');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Check your answers before sending your report');
    expect(root(el).querySelector('dl.summary')!.textContent).to.contain('IMG_0001.jpg');
    await click(el, 'Send report');
    await until(() => heading(el) === 'Report sent', 10000);
    const [stored] = (await admin<(Stored[number] & { media_url?: string })[]>('default', 'requests')).filter((r) => r.description === description);
    expect(stored.media_url, 'the report carries the photo').to.be.a('string');
  });

  it('a preparation that fails says why, blocks Continue, and Try again mends it', async () => {
    let fail = true;
    HTMLCanvasElement.prototype.toBlob = function (this: HTMLCanvasElement, cb: BlobCallback, ...rest: unknown[]) {
      if (fail) {
        cb(null);
        return;
      }
      (realToBlob as (this: HTMLCanvasElement, cb: BlobCallback, ...r: unknown[]) => void).call(this, cb, ...rest);
    };
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} photo="multipart"></open311-report>`);
    await toDetails(el, `Photo retry ${Date.now()}`);
    await choose(el, await photoFile());
    const error = await until(() => root(el).querySelector<HTMLElement>('#photo-error'));
    expect(error.textContent).to.contain('The photo could not be prepared on this device');
    continueButton(el).click();
    await until(() => el.shadowRoot!.activeElement === error);
    expect(heading(el)).to.equal(DETAILS);
    await expect(el).to.be.accessible();
    fail = false;
    await click(el, 'Try again');
    await until(() => root(el).querySelector('.photo img'), 10000);
    expect(root(el).querySelector('#photo-error')).to.equal(null);
    continueButton(el).click();
    await until(() => heading(el) === 'About you', 10000);
  });

  it('a file that is not a photo: no Try again, and "Continue without a photo" goes on without it', async () => {
    const el = await fixture<Open311Report>(html`<open311-report no-history endpoint=${endpoint} photo="multipart"></open311-report>`);
    await toDetails(el, `Not a photo ${Date.now()}`);
    await choose(el, new File(['not an image'], 'notes.jpg', { type: 'image/jpeg' }));
    const error = await until(() => root(el).querySelector<HTMLElement>('#photo-error'));
    expect(error.textContent).to.contain('The selected file must be a photo');
    expect(() => visibleButton(el, 'Try again')).to.throw();
    await click(el, 'Continue without a photo');
    await until(() => heading(el) === 'About you', 10000);
    await fillEmail(el, 'resident@example.org');
    await click(el, 'Continue');
    await until(() => heading(el) === 'Check your answers before sending your report');
    expect(root(el).querySelector('dl.summary')!.textContent).not.to.contain('notes.jpg');
    expect(root(el).querySelector('dl.summary')!.textContent).not.to.contain('Photo');
  });
});
