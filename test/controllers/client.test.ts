import { expect } from '@open-wc/testing';
import type { ReactiveController } from 'lit';
import { ClientController } from '../../src/controllers/client.js';
import type { ClientHost } from '../../src/controllers/client.js';
import { clientFor } from '../../src/open311/client.js';
import type { Open311Client } from '../../src/open311/client.js';
import { until } from '../helpers/servers.js';

/** A host with the server attributes an element has, counting the re-renders it is asked for. */
class Host implements ClientHost {
  endpoint?: string;
  jurisdiction?: string;
  pathTemplate?: string;
  noDateZone = false;
  client?: Open311Client;
  updates = 0;
  readonly controllers: ReactiveController[] = [];
  readonly updateComplete = Promise.resolve(true);
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
}

function host(attributes: Partial<Pick<Host, 'endpoint' | 'jurisdiction' | 'pathTemplate' | 'noDateZone' | 'client'>>): Host {
  return Object.assign(new Host(), attributes);
}

describe('ClientController', () => {
  // First in this file (its own page): no controller has been given the client's code yet, so this
  // one has to fetch it by import(), as the report and the map picker do on a first screen.
  it('fetches the client code only at load(), then re-renders the host with the client for its endpoint', async () => {
    const h = host({ endpoint: 'https://lazy.example/open311/v2/' });
    const server = new ClientController(h);
    expect(h.controllers).to.include(server);
    expect(server.client).to.equal(undefined, 'no client before its code is asked for');
    const none = host({});
    new ClientController(none).load();
    server.load();
    server.load();
    await until(() => h.updates > 0);
    expect(h.updates).to.equal(1, 'one re-render however often load() is called');
    expect(server.client?.endpoint).to.equal('https://lazy.example/open311/v2/');
    expect(none.updates).to.equal(0, 'a host without an endpoint loads nothing');
  });

  it('the same endpoint and options share one client; a new endpoint or jurisdiction makes a new one', () => {
    const a = host({ endpoint: 'https://council.example/open311/v2/', jurisdiction: 'north' });
    const b = host({ endpoint: 'https://council.example/open311/v2/', jurisdiction: 'north' });
    const ca = new ClientController(a, { clientFor });
    const cb = new ClientController(b, { clientFor });
    const first = ca.client;
    expect(first?.endpoint).to.equal('https://council.example/open311/v2/');
    expect(cb.client).to.equal(first);
    expect(ca.client).to.equal(first, 'asked again, still the same client');

    b.endpoint = 'https://parish.example/open311/v2/';
    expect(cb.client).to.not.equal(first);
    expect(cb.client?.endpoint).to.equal('https://parish.example/open311/v2/');
    expect(ca.client).to.equal(first, 'the other element keeps its client');

    a.jurisdiction = 'south';
    expect(ca.client).to.not.equal(first);
    expect(ca.client?.options.jurisdictionId).to.equal('south');
  });

  it('gives only the options set, so elements with the same attributes share; the host’s own options make a client of their own', () => {
    const plain = new ClientController(host({ endpoint: 'https://opts.example/v2/' }), { clientFor });
    expect(plain.options).to.deep.equal({ endpoint: 'https://opts.example/v2/' });
    const quirky = new ClientController(host({ endpoint: 'https://opts.example/v2/', pathTemplate: '{resource}', noDateZone: true }), { clientFor });
    expect(quirky.options).to.deep.equal({ endpoint: 'https://opts.example/v2/', pathTemplate: '{resource}', dateZone: false });
    expect(quirky.client?.options.dateZone).to.equal(false);
    const timed = new ClientController(host({ endpoint: 'https://opts.example/v2/' }), { clientFor, options: () => ({ timeoutMs: 5000 }) });
    expect(timed.client).to.not.equal(plain.client);
    expect(timed.client?.options.timeoutMs).to.equal(5000);
    expect(new ClientController(host({}), { clientFor }).client).to.equal(undefined, 'no endpoint, no client');
  });

  it('the host’s own `.client` wins over its endpoint, and nothing is loaded for it', () => {
    const own = clientFor({ endpoint: 'https://own.example/v2/', fetch: (...args) => fetch(...args) });
    const h = host({ endpoint: 'https://council.example/open311/v2/', client: own });
    const server = new ClientController(h);
    server.load();
    expect(server.client).to.equal(own);
    h.client = undefined;
    expect(server.client?.endpoint).to.equal('https://council.example/open311/v2/');
  });
});
