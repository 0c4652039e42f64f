import { expect } from '@open-wc/testing';
import { formatCount, plural } from '../../src/i18n/plural.js';
import { getLocale, setLocale } from '../../src/i18n/localize.js';
import { allLocales } from '../../src/i18n/generated/locale-codes.js';

/** Every category named, so the test shows which one the page's language chose. */
const named = (n: number): string =>
  plural(n, {
    zero: () => `${n} zero`,
    one: () => `${n} one`,
    two: () => `${n} two`,
    few: () => `${n} few`,
    many: () => `${n} many`,
    other: () => `${n} other`,
  });

describe('plural', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  it('in English, 1 is "one" and every other count (0, 2, 1,000) is "other"', () => {
    expect(getLocale()).to.equal('en');
    expect([0, 1, 2, 3, 6, 1000].map(named)).to.deep.equal(['0 other', '1 one', '2 other', '3 other', '6 other', '1000 other']);
  });

  it('in Welsh, all six forms: 0 zero, 1 one, 2 two, 3 few, 6 many, 4 and 40 other', async () => {
    await setLocale('cy');
    expect([0, 1, 2, 3, 6, 4, 40].map(named)).to.deep.equal(['0 zero', '1 one', '2 two', '3 few', '6 many', '4 other', '40 other']);
  });

  it('a form left out uses "other", and only the chosen form is worded', async () => {
    await setLocale('cy');
    const worded: string[] = [];
    const word = (form: string) => () => {
      worded.push(form);
      return form;
    };
    expect(plural(2, { one: word('one'), other: word('other') })).to.equal('other');
    expect(plural(1, { one: word('one'), other: word('other') })).to.equal('one');
    expect(worded).to.deep.equal(['other', 'one']);
  });

  it('formats counts for the page: "1,000" in English', () => {
    expect(formatCount(1000)).to.equal('1,000');
  });

  it('writes a count below 1,000 as Intl would, in every language of the widget (without building Intl for it)', async () => {
    const counts = [0, 1, 7, 12, 999, 1000, 12345, 2.5];
    expect([...allLocales]).to.include.members(['en', 'cy']);
    for (const locale of allLocales) {
      await setLocale(locale);
      const intl = new Intl.NumberFormat(getLocale());
      expect(counts.map(formatCount), locale).to.deep.equal(counts.map((n) => intl.format(n)));
    }
  });
});
