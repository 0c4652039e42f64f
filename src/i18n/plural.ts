import { getLocale } from './localize.js';
import type { Locale } from './localize.js';

/** One wording per plural category; `other` is required, a category left out uses it. */
export type PluralForms<T> = { readonly other: () => T } & { readonly [C in Exclude<Intl.LDMLPluralRule, 'other'>]?: () => T };

/**
 * The wording for `count` in the page's language, chosen by `Intl.PluralRules` (English has two
 * forms, Welsh six: zero, one, two, few, many, other). Each form is a function so that every
 * `msg()` call keeps its own id at the call site, where translators and councils (`strings`) can
 * word each form, and only the chosen one is looked up:
 *
 * ```ts
 * plural(n, { one: () => msg(str`${n} place found.`, { id: '….one' }), other: () => msg(…, { id: '….other' }) })
 * ```
 */
export function plural<T>(count: number, forms: PluralForms<T>): T {
  return (forms[pluralCategory(count)] ?? forms.other)();
}

/** `make(locale)` for the page's language, made once per language: building Intl objects is the costly part. */
function perLocale<T>(make: (locale: Locale) => T): () => T {
  const made = new Map<Locale, T>();
  return () => {
    const locale = getLocale();
    let value = made.get(locale);
    if (value === undefined) made.set(locale, (value = make(locale)));
    return value;
  };
}

const rules = perLocale((locale) => new Intl.PluralRules(locale));
const numbers = perLocale((locale) => new Intl.NumberFormat(locale));

/** The plural category of a count in the page's language. */
function pluralCategory(count: number): Intl.LDMLPluralRule {
  return rules().select(count);
}

/**
 * A count formatted for the page's language (`1,000` in English). A whole count below 1,000 is its
 * digits in every language this library speaks (English, Welsh: test/i18n/plural.test.ts checks each
 * against Intl), so it is written without Intl: the first `Intl.NumberFormat` a page builds loads the
 * browser's number data, about 28 ms of the main thread on this machine's 1× CPU (measured, issue
 * 18), and the service chooser's first screen counts its services.
 */
export function formatCount(count: number): string {
  if (Number.isInteger(count) && count >= 0 && count < 1000) return String(count);
  return numbers().format(count);
}
