import { expect } from '@open-wc/testing';
import {
  parseJson,
  parseOpen311Date,
  toErrorItems,
  toServiceDefinition,
  toServiceRequests,
  toServices,
  toSubmitResult,
  toTokenResult,
  Open311Client,
  formatDate,
  safeHttpUrl,
  statusStage,
} from '../../src/open311/index.js';
import { parseXml } from '../../src/open311/xml.js';

const xml = (s: string) => parseXml(s).value;

describe('normalisers: shapes seen on real servers', () => {
  it('one <service> is still a list (single-element collapse, §3.2 item 8)', () => {
    const services = toServices(
      xml('<services><service><service_code>001</service_code><service_name>A</service_name><metadata>True</metadata></service></services>'),
    );
    expect(services).to.have.length(1);
    expect(services[0]).to.include({ code: '001', name: 'A', metadata: true, type: 'realtime' });
  });

  it('bare arrays, root-keyed objects and one-element-list scalars read the same', () => {
    const bare = toServices(parseJson('[{"service_code":7,"service_name":"Seven","metadata":"false","group":"G"}]'));
    const rooted = toServices(parseJson('{"services":[{"service_code":"7","service_name":"Seven","metadata":false,"groups":["G"]}]}'));
    const listy = toServices(parseJson('{"services":[{"service_code":["7"],"service_name":["Seven"],"metadata":["false"],"group":["G"]}]}'));
    const strip = (s: ReturnType<typeof toServices>) => s.map(({ raw: _r, ...rest }) => rest);
    expect(strip(rooted)).to.deep.equal(strip(bare));
    expect(strip(listy)).to.deep.equal(strip(bare));
    expect(bare[0].code).to.equal('7');
  });

  it('namespaces, attributes and hyphenated roots are ignored (Klarschiff, SF, .NET)', () => {
    const doc = `<?xml version="1.0"?><service-requests type="array" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
      <service-request><service-request-id>A-1</service-request-id><status>Open</status><long>-0.1</long><lat>51.5</lat></service-request></service-requests>`;
    const [r] = toServiceRequests(xml(doc));
    expect(r).to.include({ id: 'A-1', status: 'open', lat: 51.5, long: -0.1 });
  });

  it('reads both service definition shapes and sorts by order stably', () => {
    const wrapped = toServiceDefinition(
      xml(`<service_definition><service_code>X</service_code><attributes>
      <attribute><code>B</code><order>3</order><datatype>string</datatype><required>TRUE</required><variable>true</variable><description>b</description></attribute>
      <attribute><code>A</code><order>1</order><datatype>Picklist</datatype><description>a</description><values><value><key>1</key><name>One</name><disable_message>Call us</disable_message></value></values></attribute>
      <attribute><code>C</code><description>c</description></attribute>
      <attribute><code>D</code><order>3</order><description>d</description></attribute>
    </attributes></service_definition>`),
    );
    expect(wrapped.attributes.map((a) => a.code)).to.deep.equal(['A', 'B', 'D', 'C']);
    expect(wrapped.attributes[0].datatype).to.equal('picklist');
    expect(wrapped.attributes[0].values[0]).to.deep.equal({ key: '1', name: 'One', disableMessage: 'Call us' });
    expect(wrapped.attributes[1].required).to.equal(true);
    const unwrapped = toServiceDefinition(
      xml(`<service_definition><service_code>X</service_code>
      <attribute><code>A</code><order>1</order><description>a</description></attribute></service_definition>`),
    );
    expect(unwrapped.attributes.map((a) => a.code)).to.deep.equal(['A']);
    const empty = toServiceDefinition(xml('<service_definition><service_code>X</service_code><attributes/></service_definition>'));
    expect(empty.attributes).to.deep.equal([]);
  });

  it('empty elements are absent and text is trimmed (§3.2 items 13–14)', () => {
    const [r] = toServiceRequests(
      xml(`<service_requests><request><service_request_id> 0 </service_request_id><updated_datetime/>
      <media_url>https://x.example/a.jpg </media_url><description></description></request></service_requests>`),
    );
    expect(r.id).to.equal('0');
    expect(r.updated).to.equal(undefined);
    expect(r.description).to.equal(undefined);
    expect(r.mediaUrls).to.deep.equal(['https://x.example/a.jpg']);
  });

  it('an empty list is an empty list (Ruby gem crash, §3.2 item 10)', () => {
    expect(toServiceRequests(xml('<service_requests>\n</service_requests>'))).to.deep.equal([]);
    expect(toServiceRequests(parseJson('{"service_requests":[]}'))).to.deep.equal([]);
    expect(toServiceRequests(parseJson('[]'))).to.deep.equal([]);
  });

  it('POST answers: id, token, and the SeeClickFix `id` field', () => {
    expect(toSubmitResult(parseJson('[{"service_request_id":638344,"service_notice":"Thanks"}]'))).to.include({ id: '638344', serviceNotice: 'Thanks' });
    expect(toSubmitResult(xml('<service_requests><request><token>9f2c</token></request></service_requests>'))).to.include({ token: '9f2c' });
    expect(toSubmitResult(parseJson('{"id":123}'))).to.include({ id: '123' });
  });

  it('a token answer with an empty id is still pending', () => {
    expect(
      toTokenResult(xml('<service_requests><request><service_request_id></service_request_id><token>t</token></request></service_requests>'), 't'),
    ).to.deep.equal({ token: 't' });
    expect(toTokenResult(parseJson('[]'), 't')).to.deep.equal({ token: 't' });
    expect(toTokenResult(parseJson('[{"service_request_id":"2024-1","token":"t"}]'), 't')).to.deep.equal({ token: 't', id: '2024-1' });
  });

  it('requests: FMS agency object, eastings in lat/long, media lists, ids beyond 2^53 kept as text', () => {
    const [r] = toServiceRequests(
      parseJson(
        '[{"service_request_id":"101005420892123456789","agency_responsible":{"recipient":["Highways","Bins"]},"lat":"530000","long":"180000","media_url":["https://a/1.jpg","https://a/2.jpg"]}]',
      ),
    );
    expect(r.id).to.equal('101005420892123456789');
    expect(r.agencyResponsible).to.equal('Highways, Bins');
    expect(r.lat).to.equal(undefined);
    expect(r.mediaUrls).to.have.length(2);
    // Chicago's pending records with neither id nor token are skipped.
    expect(toServiceRequests(parseJson('[{"status":"open"}]'))).to.deep.equal([]);
  });

  it('dates: lenient, raw kept, never a crash', () => {
    expect(parseOpen311Date('2024-05-02T08:15:00+01:00')!.date!.toISOString()).to.equal('2024-05-02T07:15:00.000Z');
    expect(parseOpen311Date('2017-10-01T22:18:27.000Z')!.date!.toISOString()).to.equal('2017-10-01T22:18:27.000Z');
    expect(parseOpen311Date('2011-09-1 17:35')!.date).to.be.instanceOf(Date);
    expect(parseOpen311Date('yesterday-ish')).to.deep.equal({ raw: 'yesterday-ish' });
    expect(parseOpen311Date('2024-13-45T99:00:00Z')).to.deep.equal({ raw: '2024-13-45T99:00:00Z' });
    expect(formatDate(new Date('2024-05-02T07:15:00.123Z'))).to.equal('2024-05-02T07:15:00Z');
    expect(formatDate(new Date('2024-05-02T07:15:00.123Z'), false)).to.equal('2024-05-02T07:15:00');
  });

  it('error bodies of every shape seen', () => {
    expect(toErrorItems(parseJson('[{"code":400,"description":"service_code is required"}]'))).to.deep.equal([
      { code: '400', description: 'service_code is required' },
    ]);
    expect(toErrorItems(parseJson('{"message":"Bad"}'), 400)).to.deep.equal([{ code: '400', description: 'Bad' }]);
    expect(toErrorItems(parseJson('{"base":["is a duplicate"]}'), 400)).to.deep.equal([{ code: '400', description: 'is a duplicate' }]);
    expect(toErrorItems(parseJson('{"errors":[{"code":"x","description":"y"}]}'))).to.deep.equal([{ code: 'x', description: 'y' }]);
  });

  it('malformed XML and hostile XML (entity expansion, external entities) are SyntaxErrors', () => {
    expect(() => parseXml('<services><service>')).to.throw(SyntaxError);
    expect(() => parseXml('<html><body>Not found</body></html>')).to.throw(SyntaxError);
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
      <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
      <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]><services><service><service_code>&lol6;</service_code></service></services>`;
    const start = performance.now();
    expect(() => parseXml(laughs)).to.throw(SyntaxError);
    expect(() =>
      parseXml(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><services><service><service_code>&e;</service_code></service></services>',
      ),
    ).to.throw(SyntaxError);
    expect(performance.now() - start).to.be.lessThan(1000);
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(() => parseJson(deep)).to.throw(SyntaxError);
  });

  it('status mapping covers FMS statuses', () => {
    expect(statusStage('in_progress').stage).to.equal('in_progress');
    expect(statusStage('action_scheduled').stage).to.equal('in_progress');
    expect(statusStage('fixed')).to.deep.equal({ stage: 'done', outcome: 'fixed', known: true });
    expect(statusStage('not_councils_responsibility').outcome).to.equal('not_responsible');
    expect(statusStage('Closed - Referred').stage).to.equal('done');
    expect(statusStage('weird_new_status')).to.deep.equal({ stage: 'received', known: false });
  });

  it('only http(s) media URLs are usable', () => {
    expect(safeHttpUrl('https://a.example/x.jpg')).to.equal('https://a.example/x.jpg');
    expect(safeHttpUrl('javascript:alert(1)')).to.equal(undefined);
    expect(safeHttpUrl('java\tscript:alert(1)')).to.equal(undefined);
    expect(safeHttpUrl(' data:image/png;base64,AAAA')).to.equal(undefined);
    expect(safeHttpUrl('vbscript:msgbox')).to.equal(undefined);
    expect(safeHttpUrl('/relative.jpg')).to.equal(undefined);
  });
});

describe('POST encoding', () => {
  const client = (multiValue?: 'repeat' | 'brackets' | 'comma') =>
    new Open311Client({ endpoint: 'https://x.example/v2', jurisdictionId: 'j.example', multiValue });
  const input = { serviceCode: 'C', lat: 51.50721234567, long: -0.1, attributes: { M: ['a', 'b'], S: 'one', E: '' }, description: '  two\nlines  ' };

  it('repeats multi-value answers by default (what FMS sends)', () => {
    expect(client().postFields(input).toString()).to.equal(
      'jurisdiction_id=j.example&service_code=C&lat=51.507212&long=-0.1&description=two%0Alines&attribute%5BM%5D=a&attribute%5BM%5D=b&attribute%5BS%5D=one',
    );
  });
  it('uses the spec brackets or commas when configured', () => {
    expect(client('brackets').postFields(input).getAll('attribute[M][]')).to.deep.equal(['a', 'b']);
    expect(client('comma').postFields(input).getAll('attribute[M]')).to.deep.equal(['a,b']);
  });
  it('caps the description at 4,000 characters', () => {
    expect(
      client()
        .postFields({ serviceCode: 'C', description: 'x'.repeat(5000) })
        .get('description'),
    ).to.have.length(4000);
  });
});
