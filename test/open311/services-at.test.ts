import { expect } from '@open-wc/testing';
import { Open311Client, isOpen311Error } from '../../src/open311/index.js';

/** `Open311Client.servicesAt` (issue 19, the pin contract items 1–3), against answers written here. */

const ENDPOINT = 'https://council.example/open311/v2/';

function client(answer: (url: URL) => Response, format: 'json' | 'xml' = 'json'): { client: Open311Client; asked: URL[] } {
  const asked: URL[] = [];
  const fetchFn: typeof fetch = async (input) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    asked.push(url);
    return answer(url);
  };
  return { client: new Open311Client({ endpoint: ENDPOINT, jurisdictionId: 'two-tier', fetch: fetchFn, retries: 0, format }), asked };
}

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const xml = (body: string, status = 200): Response =>
  new Response(`<?xml version="1.0" encoding="utf-8"?>${body}`, { status, headers: { 'content-type': 'text/xml' } });

describe('Open311Client.servicesAt', () => {
  it('asks services.json with lat, long and the jurisdiction, and keeps one service per name (the first)', async () => {
    const { client: c, asked } = client(() =>
      json([
        { service_code: 'DST-PTH', service_name: 'Pothole', group: 'Roads' },
        { service_code: 'CTY-PTH', service_name: ' pothole ', group: 'Highways' },
        { service_code: 'DST-BIN', service_name: 'Overflowing bin' },
      ]),
    );
    const here = await c.servicesAt(51.4503456789, -2.5943);
    expect(here.services?.map((s) => s.code)).to.deep.equal(['DST-PTH', 'DST-BIN']);
    expect(asked[0].pathname).to.equal('/open311/v2/services.json');
    expect(Object.fromEntries(asked[0].searchParams)).to.deep.include({ lat: '51.450346', long: '-2.5943', jurisdiction_id: 'two-tier' });
  });

  it('reads a JSON 400 whose first error says outside_area, with the neighbour named', async () => {
    const { client: c } = client(() =>
      json(
        [
          {
            code: 400,
            description: 'Outside our area: report it to North Somerset Council.',
            outside_area: true,
            contact: { name: 'North Somerset Council', url: 'https://www.n-somerset.gov.uk/', phone: '01934 888 888' },
          },
        ],
        400,
      ),
    );
    expect(await c.servicesAt(51.484, -2.768)).to.deep.equal({
      outside: {
        description: 'Outside our area: report it to North Somerset Council.',
        contact: { name: 'North Somerset Council', url: 'https://www.n-somerset.gov.uk/', phone: '01934 888 888' },
      },
    });
  });

  it('reads the same from XML, and the list at a point from XML', async () => {
    const outside = client(
      () =>
        xml(
          '<errors><error><code>400</code><description>Outside our area.</description><outside_area>true</outside_area><contact><name>Harbour Estate</name><phone>0117 000 0000</phone></contact></error></errors>',
          400,
        ),
      'xml',
    );
    expect(await outside.client.servicesAt(51.45, -2.6)).to.deep.equal({
      outside: { description: 'Outside our area.', contact: { name: 'Harbour Estate', phone: '0117 000 0000' } },
    });
    const list = client(
      () =>
        xml(
          '<services><service><service_code>A</service_code><service_name>Pothole</service_name></service><service><service_code>B</service_code><service_name>Pothole</service_name></service></services>',
        ),
      'xml',
    );
    expect((await list.client.servicesAt(51.45, -2.6)).services?.map((s) => s.code)).to.deep.equal(['A']);
    expect(list.asked[0].pathname).to.equal('/open311/v2/services.xml');
  });

  it('outside every area with no neighbour: no contact', async () => {
    const { client: c } = client(() => json([{ code: 400, description: 'Outside every area we know.', outside_area: 'true' }], 400));
    expect(await c.servicesAt(51, -3)).to.deep.equal({ outside: { description: 'Outside every area we know.' } });
  });

  it('any other refusal or failure is thrown (the widget then offers the whole list)', async () => {
    for (const answer of [
      () => json([{ code: 400, description: 'lat is not a parameter here' }], 400),
      () => json([{ code: 400, description: 'Outside', outside_area: false }], 400),
      () => new Response('<html><body>Bad request</body></html>', { status: 400, headers: { 'content-type': 'text/html' } }),
      () => json([{ code: 500, description: 'Down' }], 500),
    ]) {
      const { client: c } = client(answer);
      const e = await c.servicesAt(51, -3).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(isOpen311Error(e), String(e)).to.equal(true);
    }
  });

  it('one request per point for every caller; a failed one is asked again; clearCache forgets', async () => {
    let fail = true;
    const { client: c, asked } = client(() => (fail ? json([{ code: 503, description: 'Busy' }], 503) : json([{ service_code: 'A', service_name: 'A' }])));
    await c.servicesAt(51, -3).catch(() => undefined);
    fail = false;
    const [a, b] = await Promise.all([c.servicesAt(51, -3), c.servicesAt(51, -3)]);
    expect(a).to.equal(b);
    expect(asked).to.have.length(2);
    await c.servicesAt(51, -3);
    expect(asked).to.have.length(2);
    c.clearCache();
    await c.servicesAt(51, -3);
    expect(asked).to.have.length(3);
  });

  it('the request is cancelled only once every caller has gone', async () => {
    const signals: AbortSignal[] = [];
    const fetchFn: typeof fetch = (_input, init) =>
      new Promise<Response>((resolve, reject) => {
        signals.push(init!.signal!);
        init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        setTimeout(() => resolve(json([{ service_code: 'A', service_name: 'A' }])), 200);
      });
    const c = new Open311Client({ endpoint: ENDPOINT, fetch: fetchFn, retries: 0, format: 'json' });
    const first = new AbortController();
    const second = new AbortController();
    const one = c.servicesAt(51, -3, { signal: first.signal }).catch((e: unknown) => e);
    const two = c.servicesAt(51, -3, { signal: second.signal });
    await new Promise((r) => setTimeout(r, 20));
    first.abort();
    expect(isOpen311Error(await one)).to.equal(true);
    expect(signals[0].aborted).to.equal(false, 'the second caller still waits');
    expect((await two).services?.map((s) => s.code)).to.deep.equal(['A']);

    const third = new AbortController();
    const gone = c.servicesAt(52, -3, { signal: third.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    third.abort();
    await gone;
    expect(signals.at(-1)!.aborted).to.equal(true, 'nobody waits: cancelled');
  });
});
