import { expect } from '@open-wc/testing';
import {
  DEFAULT_GEOCODER_ORIGIN,
  DEFAULT_TILE_ORIGIN,
  connectOrigins,
  connectPolicy,
  parentOriginFor,
  queryAttributes,
  readEmbedConfig,
  type EmbedConfig,
} from '../src/embed-config.js';
import { OSM_STYLE } from '../src/map/picker-map.js';
import { DEFAULT_GEOCODER } from '../src/elements/map-picker/geocoder.js';

/**
 * The iframe page's settings (src/embed-config.ts, issue 17): embed.json is checked before anything
 * runs, and the page's address adds only what embed.json allows.
 */
const SITE = 'https://www.example-council.gov.uk/open311/';
const CONFIG_URL = `${SITE}embed.json`;
const PAGE_URL = `${SITE}embed.html`;

function ok(json: unknown, pageUrl = PAGE_URL): EmbedConfig {
  const result = readEmbedConfig(json, CONFIG_URL, pageUrl);
  if (!result.ok) throw new Error(`refused: ${result.problems.join('; ')}`);
  return result.config;
}

function problems(json: unknown, pageUrl = PAGE_URL): string {
  const result = readEmbedConfig(json, CONFIG_URL, pageUrl);
  expect(result.ok, 'refused').to.equal(false);
  return result.ok ? '' : result.problems.join('\n');
}

const base = { endpoint: 'https://open311.example-council.gov.uk/v2/' };

describe('embed.json', () => {
  it('the shipped samples are valid: the council template anywhere, the demo’s only on this computer', async () => {
    const sample = (await (await fetch('/src/embed.sample.json')).json()) as unknown;
    expect(ok(sample).attributes['endpoint']).to.equal('https://open311.example-council.gov.uk/v2/');
    const demo = (await (await fetch('/src/embed.json')).json()) as unknown;
    expect(ok(demo, 'http://127.0.0.1:8000/dist/embed.html').attributes['council-phone']).to.equal('0300 123 4567');
    // Uploaded as it is to a council's site, the demo's settings would send residents to 127.0.0.1.
    const text = problems(demo);
    expect(text).to.contain('"endpoint" points at this computer');
    expect(text).to.contain('"geocoder" points at this computer');
  });

  it('takes the attributes as text: URLs resolved, numbers and JSON as text, flags as presence', () => {
    const config = ok({
      ...base,
      boundary: 'boundary.geojson',
      geocoder: '/search?q={query}',
      'track-url': 'https://www.example-council.gov.uk/track/{id}',
      zoom: 14,
      'heading-level': '3',
      'map-first': true,
      anonymous: false,
      'response-times': { 'PTH-01': 'Within 5 working days' },
      'council-address': 'Town Hall\nHigh Street',
      lang: 'cy',
    });
    expect(config.attributes).to.deep.equal({
      endpoint: 'https://open311.example-council.gov.uk/v2/',
      boundary: `${SITE}boundary.geojson`,
      geocoder: '/search?q={query}',
      'track-url': 'https://www.example-council.gov.uk/track/{id}',
      zoom: '14',
      'heading-level': '3',
      'map-first': '',
      'response-times': '{"PTH-01":"Within 5 working days"}',
      'council-address': 'Town Hall\nHigh Street',
      lang: 'cy',
    });
  });

  it('refuses unknown keys, non-http URLs, values of the wrong kind, and no endpoint, naming each', () => {
    const text = problems({
      endpont: 'https://open311.example-council.gov.uk/v2/',
      'privacy-url': 'javascript:alert(1)',
      'upload-url': 'https://user:pass@gateway.example-council.gov.uk/media',
      boundary: 'data:application/json,{}',
      geocoder: 'file:///etc/passwd?q={query}',
      'council-phone': 3001234567,
      'council-email': ['a@example.org'],
      'data-controller': 'Example\u0000Council',
      'map-first': 'yes',
      zoom: 'near',
      'response-times': '<b>soon</b>',
      lang: 'cy"><script>',
    });
    for (const name of [
      'endpont',
      'privacy-url',
      'upload-url',
      'boundary',
      'geocoder',
      'council-phone',
      'council-email',
      'data-controller',
      'map-first',
      'zoom',
      'response-times',
      'lang',
    ]) {
      expect(text, name).to.contain(`"${name}"`);
    }
    expect(text).to.contain('"endpoint" is missing');
    expect(problems(null)).to.contain('one JSON object');
    expect(problems([base])).to.contain('one JSON object');
    expect(problems('{"endpoint":"https://x/"}')).to.contain('one JSON object');
  });

  it('takes origins, not wildcards, paths or other schemes, in its lists', () => {
    const config = ok({ ...base, parentOrigins: ['https://www.example-council.gov.uk', 'https://intranet.example-council.gov.uk/'] });
    expect(config.parentOrigins).to.deep.equal(['https://www.example-council.gov.uk', 'https://intranet.example-council.gov.uk']);
    const text = problems({
      ...base,
      parentOrigins: ['https://*.example-council.gov.uk', 'https://www.example-council.gov.uk/report'],
      queryOrigins: 'https://open311.example-council.gov.uk',
      connectOrigins: ['ftp://tiles.example-council.gov.uk'],
      queryAllowed: ['lang', 'innerHTML'],
    });
    expect(text).to.contain('*.example-council.gov.uk');
    expect(text).to.contain('/report');
    expect(text).to.contain('"queryOrigins" must be a list');
    expect(text).to.contain('ftp://');
    expect(text).to.contain('"innerHTML" is not an <open311-report> attribute');
  });
});

describe('the page’s address', () => {
  const strict = ok({ ...base, 'council-phone': '0300 123 4567' });

  it('sets nothing embed.json does not allow: no endpoint, phone, email or URL', () => {
    const { attributes, ignored } = queryAttributes(
      strict,
      '?endpoint=https://evil.example/&council-phone=0999&council-email=a@evil.example&privacy-url=https://evil.example/&lang=cy&parent-origin=https://www.example-council.gov.uk',
      PAGE_URL,
    );
    expect(attributes).to.deep.equal({});
    expect(ignored).to.deep.equal(['endpoint', 'council-phone', 'council-email', 'privacy-url', 'lang']);
  });

  it('sets what queryAllowed lists, a URL only on an origin in queryOrigins, each value checked', () => {
    const config = ok({
      ...base,
      queryAllowed: ['lang', 'services', 'endpoint', 'map-first'],
      queryOrigins: ['https://open311-test.example-council.gov.uk'],
    });
    const taken = queryAttributes(config, '?lang=cy&services=PTH-01,SL-01&endpoint=https://open311-test.example-council.gov.uk/v2/&map-first', PAGE_URL);
    expect(taken.attributes).to.deep.equal({
      lang: 'cy',
      services: 'PTH-01,SL-01',
      endpoint: 'https://open311-test.example-council.gov.uk/v2/',
      'map-first': '',
    });
    expect(taken.ignored).to.deep.equal([]);
    const refused = queryAttributes(config, '?endpoint=https://evil.example/v2/&lang=x"y&council-phone=0999', PAGE_URL);
    expect(refused.attributes).to.deep.equal({});
    expect(refused.ignored).to.deep.equal(['endpoint', 'lang', 'council-phone']);
    // A relative URL is on the page's own origin, which must be listed too.
    expect(queryAttributes(config, '?endpoint=/v2/', PAGE_URL).attributes).to.deep.equal({});
    expect(queryAttributes(config, '?endpoint=javascript:alert(1)', PAGE_URL).attributes).to.deep.equal({});
  });
});

describe('where the page may connect', () => {
  it('only to the origins embed.json fetches from, with the map’s and geocoder’s defaults when not set', () => {
    const config = ok({
      ...base,
      'upload-url': 'https://gateway.example-council.gov.uk/media',
      boundary: 'boundary.geojson',
      'privacy-url': 'https://elsewhere.example.org/privacy',
      strings: '{"en":{}}',
      connectOrigins: ['https://tiles.example-council.gov.uk'],
    });
    const origins = connectOrigins(config, config.attributes, PAGE_URL);
    expect(origins).to.deep.equal(
      [
        'https://gateway.example-council.gov.uk',
        'https://nominatim.openstreetmap.org',
        'https://open311.example-council.gov.uk',
        'https://tiles.example-council.gov.uk',
        DEFAULT_TILE_ORIGIN,
      ].sort(),
    );
    expect(connectPolicy(origins)).to.equal(`connect-src 'self' ${origins.join(' ')}`);
    // The default tiles are the ones the map really uses.
    expect(new URL(OSM_STYLE.sources.osm.tiles[0]!).origin).to.equal(DEFAULT_TILE_ORIGIN);
    // And the default address search is the one the map picker really uses.
    expect(new URL(DEFAULT_GEOCODER).origin).to.equal(DEFAULT_GEOCODER_ORIGIN);
    const own = ok({ ...base, 'map-style': 'https://maps.example.org/style.json', geocoder: 'https://geo.example.org/?q={query}' });
    expect(connectOrigins(own, own.attributes, PAGE_URL)).to.deep.equal([
      'https://geo.example.org',
      'https://maps.example.org',
      'https://open311.example-council.gov.uk',
    ]);
  });

  it('adds queryOrigins only when the address may set a URL the page fetches from', () => {
    const lang = ok({ ...base, queryAllowed: ['lang'], queryOrigins: ['https://test.example-council.gov.uk'] });
    expect(connectOrigins(lang, lang.attributes, PAGE_URL)).not.to.include('https://test.example-council.gov.uk');
    const endpoint = ok({ ...base, queryAllowed: ['endpoint'], queryOrigins: ['https://test.example-council.gov.uk'] });
    expect(connectOrigins(endpoint, endpoint.attributes, PAGE_URL)).to.include('https://test.example-council.gov.uk');
  });
});

describe('the height messages', () => {
  const config = ok({ ...base, parentOrigins: ['https://www.example-council.gov.uk'] });

  it('go only to a listed origin: the one the parent names, else the one the browser reports', () => {
    expect(parentOriginFor(config, 'https://www.example-council.gov.uk', [])).to.equal('https://www.example-council.gov.uk');
    expect(parentOriginFor(config, 'https://evil.example', ['https://www.example-council.gov.uk'])).to.equal(undefined);
    expect(parentOriginFor(config, null, ['', 'https://www.example-council.gov.uk/streets/report?x=1'])).to.equal('https://www.example-council.gov.uk');
    expect(parentOriginFor(config, null, ['https://evil.example', ''])).to.equal(undefined);
    expect(parentOriginFor(ok(base), 'https://www.example-council.gov.uk', [])).to.equal(undefined);
  });
});
