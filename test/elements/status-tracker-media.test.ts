import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/status-tracker/status-tracker.js';
import type { Open311StatusTracker } from '../../src/elements/status-tracker/status-tracker.js';
import { Open311Client } from '../../src/open311/client.js';
import { until } from '../helpers/servers.js';

/**
 * Issue 17: the tracker loaded any `media_url` as an `<img>`, so a report's photo URL could be a
 * tracking pixel that tells its owner who opens the tracker, and when. Photos are shown only from
 * the endpoint's own origin and the origins in `media-origins`; anything else is a link.
 */

const ENDPOINT = 'https://open311.example.gov.uk/v2/';

/** A client whose server knows one report, with this photo URL. */
function clientWithPhoto(mediaUrl: string): Open311Client {
  const body = JSON.stringify([{ service_request_id: '42', status: 'open', service_name: 'Pothole', description: 'Hole', media_url: mediaUrl }]);
  return new Open311Client({
    endpoint: ENDPOINT,
    format: 'json',
    retries: 0,
    fetch: async () => new Response(body, { headers: { 'content-type': 'application/json' } }),
  });
}

async function tracker(mediaUrl: string, mediaOrigins?: string): Promise<Open311StatusTracker> {
  const el = await fixture<Open311StatusTracker>(
    html`<open311-status-tracker .client=${clientWithPhoto(mediaUrl)} request-id="42" no-updates media-origins=${mediaOrigins ?? ''}></open311-status-tracker>`,
  );
  await until(() => el.shadowRoot!.querySelector('dl.details'));
  return el;
}

/** A URL on this test server (so that a request for it would be seen in the page's resource timings). */
const pixel = (): string => new URL(`/test/fixtures/photos/gps.jpg?n=${Math.random().toString(36).slice(2)}`, location.href).href;

describe('<open311-status-tracker> photos', () => {
  it('a photo from a website not allowed is a link, and the page never requests it', async () => {
    const url = pixel();
    const el = await tracker(url, 'https://photos.example.gov.uk');
    const root = el.shadowRoot!;
    expect(root.querySelector('img')?.getAttribute('src'), 'the src of an <img> in the tracker').to.equal(undefined);
    const link = root.querySelector<HTMLAnchorElement>('a[part~="photo-link"]');
    expect(link?.href, 'the link to the photo').to.equal(url);
    if (!link) return;
    expect(link.textContent!.trim()).to.equal('View the photo (opens another website)');
    expect(link.rel).to.contain('noopener');
    await aTimeout(300);
    expect(performance.getEntriesByName(url), 'requests for the photo').to.have.length(0);
  });

  it('a photo from an origin in media-origins is shown (and loaded)', async () => {
    const url = pixel();
    const el = await tracker(url, `https://photos.example.gov.uk ${location.origin}`);
    expect(el.shadowRoot!.querySelector('a.photo img')?.getAttribute('src')).to.equal(url);
    expect(!!el.shadowRoot!.querySelector('a[part~="photo-link"]'), 'a link instead').to.equal(false);
    await until(() => performance.getEntriesByName(url).length > 0);
  });

  it("a photo from the endpoint's own origin (the gateway's /media) is shown without any list", async () => {
    const url = 'https://open311.example.gov.uk/media/abc.jpg';
    const el = await tracker(url);
    expect(el.shadowRoot!.querySelector('a.photo img')?.getAttribute('src')).to.equal(url);
  });

  it('a wildcard or a path in media-origins allows nothing it does not name exactly', async () => {
    const el = await tracker('https://evil.example.org/p.gif', 'https://*.example.org https://evil.example.org.attacker.test/');
    expect(el.shadowRoot!.querySelector('img')?.getAttribute('src'), 'the src of an <img> in the tracker').to.equal(undefined);
    expect(!!el.shadowRoot!.querySelector('a[part~="photo-link"]'), 'a link to the photo').to.equal(true);
  });
});
