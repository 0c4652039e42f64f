import { setLocale } from '../../src/i18n/localize.js';

/**
 * Makes each test of the enclosing `describe` run on a Welsh page, and puts English back after it.
 * The page's `lang` as well as the locale: every element takes its language from the page (issue 22),
 * so setLocale() alone would be undone by the next element to connect.
 */
export function onAWelshPage(): void {
  beforeEach(async () => {
    document.documentElement.lang = 'cy';
    await setLocale('cy');
  });
  afterEach(async () => {
    document.documentElement.lang = 'en';
    await setLocale('en');
  });
}
