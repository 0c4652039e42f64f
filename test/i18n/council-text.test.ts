import { expect } from '@open-wc/testing';
import {
  attributeDescription,
  groupName,
  loadCouncilText,
  notice,
  serviceDescription,
  serviceName,
  statusText,
  valueName,
} from '../../src/i18n/council-text.js';
import { parseCouncilText } from '../../src/i18n/council-text-load.js';

const TABLE = parseCouncilText({
  cy: {
    services: { 'PTH-01': { name: 'Twll yn y ffordd', description: 'Twll yn wyneb y ffordd.' } },
    groups: { 'Roads and pavements': 'Ffyrdd a phalmentydd' },
    attributes: { 'PTH-01': { DEPTH: { description: 'Pa mor ddwfn yw’r twll?', values: { DEEP: 'Mwy na 10 cm' } } } },
    notices: { 'Call 999 in an emergency.': 'Ffoniwch 999 mewn argyfwng.' },
    statuses: { in_progress: 'Wrthi’n cael ei wneud' },
    junk: 42,
  },
  sourceLang: 'en',
});

describe('council text (translations table)', () => {
  it('gives the Welsh words with lang="cy" on a Welsh page', () => {
    expect(serviceName(TABLE, 'PTH-01', 'Pothole', 'cy')).to.deep.equal({ text: 'Twll yn y ffordd', lang: 'cy' });
    expect(serviceDescription(TABLE, 'PTH-01', 'A hole', 'cy').text).to.equal('Twll yn wyneb y ffordd.');
    expect(groupName(TABLE, 'Roads and pavements', 'cy').text).to.equal('Ffyrdd a phalmentydd');
    expect(attributeDescription(TABLE, 'PTH-01', 'DEPTH', 'How deep is the hole?', 'cy').text).to.equal('Pa mor ddwfn yw’r twll?');
    expect(valueName(TABLE, 'PTH-01', 'DEPTH', 'DEEP', 'More than 10 cm', 'cy').text).to.equal('Mwy na 10 cm');
    expect(notice(TABLE, 'Call 999 in an emergency.', 'cy').text).to.equal('Ffoniwch 999 mewn argyfwng.');
    expect(statusText(TABLE, 'in_progress', 'In progress', 'cy').text).to.equal('Wrthi’n cael ei wneud');
  });

  it('keeps untranslated server text in English, marked lang="en" on a Welsh page', () => {
    expect(serviceName(TABLE, 'LGT-02', 'Street light', 'cy')).to.deep.equal({ text: 'Street light', lang: 'en' });
    expect(valueName(TABLE, 'PTH-01', 'DEPTH', 'SHALLOW', 'Less than 5 cm', 'cy')).to.deep.equal({ text: 'Less than 5 cm', lang: 'en' });
    expect(attributeDescription(TABLE, 'LGT-02', 'DEPTH', 'Which light?', 'cy').lang).to.equal('en');
    // No table at all: still marked, so screen readers read English as English.
    expect(serviceName(undefined, 'PTH-01', 'Pothole', 'cy')).to.deep.equal({ text: 'Pothole', lang: 'en' });
  });

  it('adds no lang on an English page with English text', () => {
    expect(serviceName(TABLE, 'PTH-01', 'Pothole', 'en')).to.deep.equal({ text: 'Pothole' });
    expect(serviceName(undefined, 'PTH-01', 'Pothole', 'en')).to.deep.equal({ text: 'Pothole' });
  });

  it('honours sourceLang and ignores parts of the wrong shape', () => {
    const fr = parseCouncilText({ sourceLang: 'fr', cy: { services: { A: { name: 7 } }, groups: ['x'] } });
    expect(fr?.sourceLang).to.equal('fr');
    expect(serviceName(fr, 'A', 'Nid-de-poule', 'en')).to.deep.equal({ text: 'Nid-de-poule', lang: 'fr' });
    expect(serviceName(fr, 'A', 'Nid-de-poule', 'cy')).to.deep.equal({ text: 'Nid-de-poule', lang: 'fr' });
    expect(parseCouncilText('nonsense')).to.equal(undefined);
    expect(parseCouncilText([1])).to.equal(undefined);
  });

  it('loads inline JSON, and gives nothing for bad JSON, unsafe or failing URLs', async () => {
    const inline = await loadCouncilText('{"cy":{"groups":{"Roads":"Ffyrdd"}}}');
    expect(groupName(inline, 'Roads', 'cy').text).to.equal('Ffyrdd');
    expect(await loadCouncilText('{not json')).to.equal(undefined);
    expect(await loadCouncilText('javascript:alert(1)')).to.equal(undefined);
    expect(await loadCouncilText('/no-such-translations.json')).to.equal(undefined);
    expect(await loadCouncilText('')).to.equal(undefined);
  });
});
