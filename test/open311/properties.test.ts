import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  Open311Client,
  isOpen311Error,
  toServices,
  toServiceDefinition,
  toServiceRequests,
  toErrorItems,
  toSubmitResult,
  parseOpen311Date,
} from '../../src/open311/index.js';
import type { Loose } from '../../src/open311/index.js';

/** Arbitrary input never throws anything but the client's typed errors (issue 10). */
const loose: fc.Arbitrary<Loose> = fc.jsonValue() as fc.Arbitrary<Loose>;

describe('property: normalisers never throw', () => {
  it('on any JSON value', () => {
    fc.assert(
      fc.property(loose, (v) => {
        toServices(v);
        toServiceDefinition(v);
        toServiceRequests(v);
        toErrorItems(v);
        toSubmitResult(v);
      }),
      { numRuns: 500 },
    );
  });
  it('on any date text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => void parseOpen311Date(s)),
      { numRuns: 500 },
    );
  });
});

describe('property: the client only ever throws Open311Error', () => {
  const bodies = fc.oneof(
    fc.string(),
    fc.json(),
    fc.constantFrom('<services>', '<?xml version="1.0"?><x><y>', '<html>', '', '[', '{"services":', '\uFEFF<services/>', 'null', '"s"', '12'),
    fc
      .tuple(
        fc.constantFrom('<services>', '<service_requests>', '<errors>'),
        fc.string(),
        fc.constantFrom('</services>', '</service_requests>', '</errors>', ''),
      )
      .map((t) => t.join('')),
  );
  const statuses = fc.constantFrom(200, 201, 204, 400, 403, 404, 500, 502);

  it('whatever the server answers', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, statuses, async (body, status) => {
        const fakeFetch: typeof fetch = async () => new Response(status === 204 ? null : body, { status });
        const client = new Open311Client({ endpoint: 'https://x.example/v2/', fetch: fakeFetch, retries: 0, format: 'auto' });
        const outcomes = await Promise.allSettled([
          client.services(),
          client.serviceDefinition('A'),
          client.requests(),
          client.request('1'),
          client.tokenToId('t'),
          client.submitRequest({ serviceCode: 'A', lat: 1, long: 1 }),
        ]);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') {
            expect(isOpen311Error(outcome.reason), `${String(outcome.reason)} for ${status} ${JSON.stringify(body).slice(0, 80)}`).to.equal(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
