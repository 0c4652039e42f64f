import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { endpoints, until } from '../helpers/servers.js';

/**
 * The XML reader is fetched only when a server answers XML (issue 10: most servers answer JSON, and
 * a resident on a weak signal should not download what they never use). A fresh page (iframe) so
 * that no other test has loaded it yet.
 */
describe('the XML reader is loaded on demand', () => {
  it('a JSON server never loads it; the first XML answer does, and is read', async () => {
    const eps = await endpoints();
    const frame = await fixture<HTMLIFrameElement>(html`<iframe title="test page"></iframe>`);
    frame.srcdoc = `<!DOCTYPE html><html lang="en"><body><script type="module">
      const { Open311Client } = await import('${location.origin}/src/open311/index.ts');
      window.json = await new Open311Client({ endpoint: ${JSON.stringify(eps.default)}, format: 'json' }).services();
      window.afterJson = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /open311\\/xml/.test(n));
      window.xml = await new Open311Client({ endpoint: ${JSON.stringify(eps['xml-only'])}, format: 'auto' }).services();
      window.afterXml = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /open311\\/xml/.test(n));
    </script></body></html>`;
    await oneEvent(frame, 'load');
    const win = frame.contentWindow as Window & { json?: { code: string }[]; xml?: { code: string }[]; afterJson?: string[]; afterXml?: string[] };
    await until(() => win.afterXml);
    expect(win.json!.length).to.be.greaterThan(5);
    expect(win.afterJson).to.deep.equal([]);
    expect(win.afterXml!.length).to.equal(1);
    expect(win.xml!.map((s) => s.code)).to.deep.equal(win.json!.map((s) => s.code));
  });
});
