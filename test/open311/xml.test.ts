import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parseXml } from '../../src/open311/xml.js';
import type { XmlParser } from '../../src/open311/tree.js';
import { toServiceRequests } from '../../src/open311/normalise.js';

/** The browser's parser, through the same reader as before: the reference our own reader must agree with. */
const viaDom = (text: string) => parseXml(text, new DOMParser() as unknown as XmlParser);

const refused = (text: string): void => {
  expect(() => parseXml(text), text.slice(0, 80)).to.throw(SyntaxError);
};

describe('XML reader', () => {
  it('reads what the DOMParser path reads: namespaces, attributes, CDATA, comments, references, repeated names', () => {
    // (No BOM before the declaration here: WebKit's DOMParser refuses that; the client strips a BOM.)
    const doc = `<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root -->
<service-requests type="array" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <request>
    <service_request_id>12</service_request_id>
    <Description><![CDATA[Fish & <chips>]]> and &lt;peas&gt; &amp; caf&#233; &#x1F600;</Description>
    <updated_datetime i:nil="true"/>
    <?pi something?>
    <media_url></media_url>
  </request>
  <request><service_request_id>13</service_request_id><status>open</status></request>
</service-requests>
<!-- and after -->`;
    const ours = parseXml(doc);
    expect(ours).to.deep.equal(viaDom(doc));
    expect(ours.root).to.equal('service_requests');
    expect(parseXml(`\uFEFF${doc}`)).to.deep.equal(ours);
    const [first, second] = toServiceRequests(ours.value);
    expect(first.description).to.equal('Fish & <chips> and <peas> & café 😀');
    expect(first.updated).to.equal(undefined);
    expect(second.status).to.equal('open');
  });

  it('refuses what is not well-formed XML, or is hostile, with a SyntaxError', () => {
    for (const text of [
      '',
      '   ',
      'plain text',
      '<services><service>',
      '<a></b>',
      '<a><b></a></b>',
      '<a/><b/>',
      'text<a/>',
      '<a/>text',
      '<a>&nbsp;</a>',
      '<a>fish & chips</a>',
      '<a>&#0;</a>',
      '<a>&#xD800;</a>',
      '<a>\u0001</a>',
      '<a b=c></a>',
      '<a b="1"c="2"></a>',
      '<a b="<"></a>',
      '<1a></1a>',
      '< a></a>',
      '<a><!-- unfinished </a>',
      '<![CDATA[x]]><a/>',
      '<a><![CDATA[x</a>',
      '<a><?pi </a>',
      '<a><!ELEMENT a ANY></a>',
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "eeeeeeeeee">]><a>&e;&e;</a>',
      '<!doctype a SYSTEM "file:///etc/passwd"><a/>',
      '<html><body>Not found</body></html>',
      '<a></a',
      '<a',
    ]) {
      refused(text);
    }
  });

  it('refuses hostile nesting without exhausting the stack', () => {
    // The same limit as the DOMParser path: the root and 64 levels under it.
    const nested = (n: number): string => `${'<a>'.repeat(n)}x${'</a>'.repeat(n)}`;
    expect(parseXml(nested(65))).to.deep.equal(viaDom(nested(65)));
    refused(nested(66));
    expect(() => viaDom(nested(66))).to.throw(SyntaxError);
    refused(`${'<a>'.repeat(200000)}`);
  });

  it('keeps an element called __proto__ or constructor as data, never as a prototype', () => {
    const { value } = parseXml('<r><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor><constructor>d</constructor></r>');
    const rec = value as Record<string, unknown>;
    expect(Object.getPrototypeOf(rec)).to.equal(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rec, '__proto__')?.value).to.deep.equal({ polluted: 'yes' });
    expect(rec.constructor).to.deep.equal(['c', 'd']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('needs no DOMParser (the gateway runs in Node)', () => {
    const saved = globalThis.DOMParser;
    Object.defineProperty(globalThis, 'DOMParser', { value: undefined, configurable: true, writable: true });
    try {
      expect(parseXml('<services><service><service_code>A</service_code></service></services>').value).to.deep.equal({ service: { service_code: 'A' } });
    } finally {
      Object.defineProperty(globalThis, 'DOMParser', { value: saved, configurable: true, writable: true });
    }
  });

  it('property: agrees with the browser on any well-formed document built from Open311-like parts', () => {
    const names = fc.constantFrom('a', 'b', 'request', 'service-code', 'Status', 'i:nil', 'x.y', '_z', 'é');
    const text = fc
      .array(
        fc.oneof(
          { weight: 4, arbitrary: fc.string({ maxLength: 8 }).map((s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')) },
          fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#233;', '&#x1F600;', '\r\n', '\r', '  ', '\n'),
          fc
            .string({ maxLength: 6 })
            .filter((s) => !s.includes(']]>'))
            .map((s) => `<![CDATA[${s}]]>`),
          fc.constantFrom('<!-- note -->', '<?pi data?>'),
        ),
        { maxLength: 4 },
      )
      .map((parts) => parts.join(''));
    const attrs = fc
      .uniqueArray(fc.constantFrom('type', 'id', 'i:nil', 'lang'), { maxLength: 2 })
      .chain((keys) => fc.tuple(...keys.map((k) => fc.tuple(fc.constant(k), fc.constantFrom('1', 'true', 'a &amp; b', "it's")))));
    const { element } = fc.letrec<{ element: string }>((tie) => ({
      element: fc
        .tuple(names, attrs, fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('element')), { maxLength: 4 }), fc.boolean())
        .map(([name, as, content, selfClose]) => {
          const open = `${name}${as.map(([k, v]) => (v.includes("'") ? ` ${k}="${v}"` : ` ${k}='${v}'`)).join('')}`;
          return selfClose && content.length === 0 ? `<${open}/>` : `<${open}>${content.join('')}</${name}>`;
        }),
    }));
    const doc = fc
      .tuple(fc.constantFrom('', '<?xml version="1.0"?>', '\uFEFF', '<!-- x -->\n'), element)
      .map(([prolog, root]) => `${prolog}${root.replace(/^<([^\s/>]+)/, '<$1 xmlns:i="urn:x"')}`);
    fc.assert(
      fc.property(doc, (d) => {
        expect(parseXml(d), d).to.deep.equal(viaDom(d));
      }),
      { numRuns: 400 },
    );
  });

  it('property: any text is read or refused with a SyntaxError, never anything else', () => {
    const pieces = fc.array(
      fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom('<', '>', '</', '/>', '&', ';', '<a>', '</a>', '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '"', '=', '&#', '\u0000'),
      ),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(pieces, (parts) => {
        const d = parts.join('');
        try {
          parseXml(d);
        } catch (e) {
          expect(e, d).to.be.instanceOf(SyntaxError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
