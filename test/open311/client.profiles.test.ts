import { expect } from '@open-wc/testing';
import { Open311Client } from '../../src/open311/index.js';
import type { ServiceRequest } from '../../src/open311/index.js';
import { endpoints } from '../helpers/servers.js';
import type { Profile } from '../helpers/servers.js';

/**
 * One behavioural suite, run against the local server in every quirk profile: whatever the server's
 * dialect, the client must give the same normalised answers (issue 2, "Done when").
 */
const PROFILES: Profile[] = ['default', 'xml-only', 'strings', 'token-only', 'fms'];

/** The parts of a request that must read the same whatever the dialect. */
function essentials(r: ServiceRequest | undefined) {
  return (
    r && {
      status: r.status,
      serviceCode: r.serviceCode,
      serviceName: r.serviceName,
      description: r.description,
      agencyResponsible: r.agencyResponsible,
      lat: r.lat,
      long: r.long,
      requestedIsDate: r.requested?.date instanceof Date,
    }
  );
}

const results: Record<string, unknown> = {};

/** Polls the token call until the server has processed the report (it waits 1.5 s in tests). */
async function resolveToken(client: Open311Client, token: string, ms = 6000): Promise<string | undefined> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const { id } = await client.tokenToId(token);
    if (id) return id;
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

for (const profile of PROFILES) {
  describe(`Open311Client against the "${profile}" profile`, () => {
    let client: Open311Client;
    beforeEach(async () => {
      client = new Open311Client({ endpoint: (await endpoints())[profile], retries: 0, timeoutMs: 8000 });
    });

    it('lists services with string codes, groups and parsed booleans', async () => {
      const services = await client.services();
      expect(services.length).to.be.greaterThanOrEqual(15);
      const pothole = services.find((s) => s.code === 'PTH-01');
      expect(pothole, 'PTH-01').to.exist;
      expect(pothole!.name).to.equal('Pothole');
      expect(pothole!.metadata).to.equal(true);
      expect(pothole!.groups).to.deep.equal(['Roads and pavements']);
      expect(pothole!.keywords).to.include('pothole');
      // Codes with leading zeros survive every dialect (a JSON number would lose them).
      expect(services.map((s) => s.code)).to.include.members(['001', '007']);
      for (const s of services) expect(s.code).to.be.a('string');
      const light = services.find((s) => s.code === 'LGT-02');
      expect(light!.type).to.equal('batch');
      results[`${profile}:services`] = services.map((s) => [s.code, s.name, s.metadata, s.type, s.keywords.join('|')]);
      if (profile === 'xml-only') expect(client.format).to.equal('xml');
      else expect(client.format).to.equal('json');
    });

    it('reads a service definition sorted by order with booleans and values', async () => {
      const def = await client.serviceDefinition('PTH-01');
      expect(def.serviceCode).to.equal('PTH-01');
      const codes = def.attributes.map((a) => a.code);
      expect(codes.indexOf('DEPTH')).to.be.lessThan(codes.indexOf('EMERGENCY_NOTICE'));
      const depth = def.attributes.find((a) => a.code === 'DEPTH')!;
      expect(depth.required).to.equal(true);
      expect(depth.variable).to.equal(true);
      expect(depth.datatype).to.equal('singlevaluelist');
      expect(depth.values.map((v) => v.key)).to.deep.equal(['SHALLOW', 'MEDIUM', 'DEEP']);
      const notice = def.attributes.find((a) => a.code === 'EMERGENCY_NOTICE')!;
      expect(notice.variable).to.equal(false);
      const usrn = def.attributes.find((a) => a.code === 'usrn')!;
      expect(usrn.automated).to.equal('server_set');
      const light = await client.serviceDefinition('LGT-02');
      const withMessage = light.attributes.flatMap((a) => a.values).find((v) => v.disableMessage);
      expect(withMessage, 'a value with disable_message').to.exist;
      results[`${profile}:definition`] = def.attributes.map((a) => [a.code, a.datatype, a.required, a.variable, a.order]);
    });

    it('submits a report, then finds it by id and in the list', async () => {
      const description = `Deep hole outside number 12 (${profile} ${Date.now()})`;
      const result = await client.submitRequest({
        serviceCode: 'PTH-01',
        lat: 51.501,
        long: -0.1412,
        description,
        email: 'resident@example.org',
        attributes: { DEPTH: 'DEEP', WIDTH_CM: '40' },
      });
      let id = result.id;
      if (profile === 'token-only') {
        expect(result.id).to.equal(undefined);
        expect(result.token).to.be.a('string');
        // The token is pending first, then resolves to an id.
        expect((await client.tokenToId(result.token!)).id).to.equal(undefined);
        id = await resolveToken(client, result.token!);
      }
      expect(id, 'service_request_id').to.be.a('string').and.not.equal('');
      expect(result.serviceNotice).to.contain('5 working days');

      const one = await client.request(id!);
      expect(one?.id).to.equal(id);
      expect(essentials(one)).to.deep.equal({
        status: 'open',
        serviceCode: 'PTH-01',
        serviceName: 'Pothole',
        description,
        agencyResponsible: 'Highways team',
        lat: 51.501,
        long: -0.1412,
        requestedIsDate: true,
      });
      // Contact details are never published.
      expect(JSON.stringify(one!.raw)).not.to.contain('resident@example.org');

      const listed = await client.requests({ serviceCodes: ['PTH-01'], status: 'open' });
      expect(listed.map((r) => r.id)).to.include(id);
      const byIds = await client.requests({ ids: [id!] });
      expect(byIds.map((r) => r.id)).to.deep.equal([id]);
      results[`${profile}:request`] = essentials(one);
    });

    it('submits a batch service and exchanges its token for an id', async () => {
      const def = await client.serviceDefinition('LGT-02');
      const attributes: Record<string, string> = {};
      for (const a of def.attributes) {
        if (!a.required || !a.variable || a.automated) continue;
        attributes[a.code] = a.values.find((v) => !v.disableMessage)?.key ?? 'x';
      }
      const result = await client.submitRequest({ serviceCode: 'LGT-02', lat: 51.5, long: -0.14, description: 'Light out', attributes });
      expect(result.token).to.be.a('string');
      const id = await resolveToken(client, result.token!);
      expect(id).to.be.a('string');
    });

    it('answers undefined for a request id the server does not know', async () => {
      expect(await client.request('NO-SUCH-ID-404')).to.equal(undefined);
    });

    it("turns the server's validation errors into an Open311Error with its descriptions", async () => {
      const error = await client.submitRequest({ serviceCode: 'PTH-01', lat: 51.5, long: -0.14, description: 'x' }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
      const e = error as import('../../src/open311/index.js').Open311Error;
      expect(e.name).to.equal('Open311Error');
      expect(e.kind).to.equal('http');
      expect(e.status).to.equal(400);
      expect(e.errors.map((x) => x.description).join(' ')).to.contain('DEPTH');
      const unknown = await client.submitRequest({ serviceCode: 'NOPE', lat: 51.5, long: -0.14 }).catch((x: unknown) => x);
      expect((unknown as { status: number }).status).to.equal(404);
    });
  });
}

describe('every profile gives the same normalised results', () => {
  it('matches the default profile', () => {
    for (const profile of PROFILES.filter((p) => p !== 'default')) {
      for (const part of ['services', 'definition', 'request']) {
        const mine = results[`${profile}:${part}`];
        const reference = results[`default:${part}`];
        expect(mine, `${profile} ${part} ran`).to.exist;
        if (part === 'request') {
          expect(mine, `${profile} ${part}`).to.deep.equal({ ...(reference as object), description: (mine as { description: string }).description });
        } else {
          expect(mine, `${profile} ${part}`).to.deep.equal(reference);
        }
      }
    }
  });
});
