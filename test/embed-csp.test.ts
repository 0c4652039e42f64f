import { expect } from '@open-wc/testing';
import { connectPolicy } from '../src/embed-config.js';
import { endpoints } from './helpers/servers.js';

/**
 * The iframe page narrows where it may connect by adding a second Content-Security-Policy once it has
 * read embed.json (src/embed.ts): a `<meta http-equiv>` inserted by script. This checks each engine
 * enforces such a policy, with the text `connectPolicy` writes. (This file's page keeps the policy:
 * nothing else runs in it.)
 */
async function reaches(url: string): Promise<boolean> {
  try {
    await fetch(url, { credentials: 'omit' });
    return true;
  } catch {
    return false;
  }
}

describe('a connect-src policy added by script', () => {
  it('blocks other origins and keeps the ones it names', async () => {
    const servers = await endpoints();
    const named = servers.fms;
    const other = servers.default;
    expect(await reaches(`${other}services.json`), 'reachable before').to.equal(true);
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.blockedURI));
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = connectPolicy([new URL(named).origin]);
    document.head.append(meta);
    expect(await reaches(`${other}services.json`), 'another origin').to.equal(false);
    expect(await reaches(`${named}services.json`), 'the named origin').to.equal(true);
    expect(await reaches('/__servers'), 'its own origin').to.equal(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(violations.some((v) => v.startsWith(new URL(other).origin))).to.equal(true);
  });
});
