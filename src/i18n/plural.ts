import { getLocale } from './localize.js';

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

/** The plural category of a count in the page's language. */
function pluralCategory(count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(getLocale()).select(count);
}

/** A count formatted for the page's language (`1,000` in English). */
export function formatCount(count: number): string {
  return new Intl.NumberFormat(getLocale()).format(count);
}
