import { expect } from '@open-wc/testing';
import { Open311Client, Open311Error, isOpen311Error } from '../../src/open311/index.js';
import { endpoints } from '../helpers/servers.js';

/** Each failure kind a real server or network produces ends as a typed, readable Open311Error. */
async function failure(p: Promise<unknown>): Promise<Open311Error> {
  const e = await p.then(
    () => {
      throw new Error('expected a failure');
    },
    (x: unknown) => x,
  );
  expect(isOpen311Error(e), String(e)).to.equal(true);
  return e as Open311Error;
}

let faultBase = '';
before(async () => {
  faultBase = (await endpoints()).faults;
});

const fault = (kind: string, format: 'json' | 'xml' | 'auto' = 'json', extra: Partial<ConstructorParameters<typeof Open311Client>[0]> = {}) =>
  new Open311Client({ endpoint: `${faultBase}${kind}/`, format, retries: 0, ...extra });

describe('Open311Client failures', () => {
  it('an HTML 500 page becomes a readable http error, its script text never part of the message', async () => {
    const e = await failure(fault('html500').services());
    expect(e.kind).to.equal('http');
    expect(e.status).to.equal(500);
    expect(e.message).to.contain('500');
    expect(e.message).not.to.contain('<');
    expect(e.message).not.to.contain('__pwned');
    expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });

  it('a non-Open311 JSON 403 keeps the server words', async () => {
    const e = await failure(fault('json403').services());
    expect(e.kind).to.equal('http');
    expect(e.status).to.equal(403);
    expect(e.errors[0].description).to.equal('Forbidden: this IP is not allow-listed');
    expect(e.message).to.contain('not allow-listed');
  });

  it('an XML error list keeps every code and description', async () => {
    const e = await failure(fault('xml400', 'xml').services());
    expect(e.status).to.equal(400);
    expect(e.errors).to.deep.equal([
      { code: '400', description: 'service_code is required' },
      { code: '4001', description: 'Location is outside the council area' },
    ]);
  });

  it('a bare <error>text</error> (Ruby gem fixture) is read', async () => {
    const e = await failure(fault('bare-error', 'xml').services());
    expect(e.errors[0].description).to.equal('Invalid api_key');
  });

  it('a plain-text 503 keeps its words', async () => {
    const e = await failure(fault('text503').services());
    expect(e.status).to.equal(503);
    expect(e.message).to.contain('temporarily unavailable');
    expect(e.transient).to.equal(true);
  });

  it('an HTML page with status 200 (FMS) is a parse error that quotes the page text', async () => {
    const e = await failure(fault('html200').services());
    expect(e.kind).to.equal('parse');
    expect(e.message).to.contain('ERROR: Missing jurisdiction_id');
  });

  it('a server that never answers ends in a timeout, quickly', async () => {
    const start = performance.now();
    const e = await failure(fault('hang', 'json', { timeoutMs: 400 }).services());
    expect(e.kind).to.equal('timeout');
    expect(performance.now() - start).to.be.lessThan(3000);
  });

  it('a refused connection is a network error', async () => {
    const client = new Open311Client({ endpoint: 'http://127.0.0.1:9/open311/v2/', format: 'auto', retries: 0 });
    const e = await failure(client.services());
    expect(e.kind).to.equal('network');
  });

  it('a server without CORS is a network error (the browser hides the answer)', async () => {
    const client = new Open311Client({ endpoint: (await endpoints())['no-cors'], format: 'json', retries: 0 });
    const e = await failure(client.services());
    expect(e.kind).to.equal('network');
  });

  it('a body larger than the limit is refused unread', async () => {
    const e = await failure(fault('huge', 'json', { maxBodyBytes: 1_000_000 }).services());
    expect(e.kind).to.equal('parse');
    expect(e.message).to.contain('too large');
  });

  it('an aborted call rejects as aborted', async () => {
    const controller = new AbortController();
    const p = fault('hang', 'json', { timeoutMs: 10000 }).services({ signal: controller.signal });
    controller.abort();
    const e = await failure(p);
    expect(e.kind).to.equal('aborted');
  });

  it('GETs retry 5xx with back-off and then succeed', async () => {
    const client = new Open311Client({ endpoint: `${faultBase}flaky/${Date.now()}/`, format: 'json', retries: 2, retryDelayMs: 20 });
    const services = await client.services();
    expect(services.map((s) => s.name)).to.deep.equal(['Recovered']);
  });

  it("a POST is never retried behind the resident's back", async () => {
    const path = `${Date.now()}`;
    const client = new Open311Client({ endpoint: `${faultBase}post500/${path}/`, format: 'json', retries: 3, retryDelayMs: 10 });
    const e = await failure(client.submitRequest({ serviceCode: 'X', lat: 1, long: 1 }));
    expect(e.status).to.equal(500);
    const count = (await (await fetch(`${faultBase}count/${path}/requests.json`)).json()) as { count: number };
    expect(count.count).to.equal(1);
  });

  it("a wrong api_key gets the server's 403 and the key never appears in the error", async () => {
    const client = new Open311Client({ endpoint: (await endpoints())['api-key'], apiKey: 'wrong-key', retries: 0 });
    const e = await failure(client.submitRequest({ serviceCode: 'PTH-01', lat: 51.5, long: -0.14, attributes: { DEPTH: 'DEEP' } }));
    expect(e.status).to.equal(403);
    expect(JSON.stringify({ m: e.message, u: e.url })).not.to.contain('wrong-key');
    const ok = new Open311Client({ endpoint: (await endpoints())['api-key'], apiKey: 'secret-test-key', retries: 0 });
    const result = await ok.submitRequest({ serviceCode: 'PTH-01', lat: 51.5, long: -0.14, attributes: { DEPTH: 'DEEP' } });
    expect(result.id).to.be.a('string');
  });

  it('never sends the api_key on GETs unless told to', async () => {
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(`${init?.method ?? 'GET'} ${String(input)} ${init?.body ? String(init.body) : ''}`);
      return fetch(input, init);
    };
    const client = new Open311Client({ endpoint: (await endpoints())['api-key'], apiKey: 'secret-test-key', fetch: spy, format: 'json' });
    await client.services();
    await client.submitRequest({ serviceCode: 'PTH-01', lat: 51.5, long: -0.14, attributes: { DEPTH: 'SHALLOW' } });
    expect(seen[0]).to.match(/^GET /).and.not.contain('api_key');
    expect(seen[1])
      .to.match(/^POST /)
      .and.contain('api_key=secret-test-key');
  });
});
