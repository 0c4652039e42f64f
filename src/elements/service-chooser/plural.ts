import { getLocale } from '../../i18n/localize.js';

/**
 * The plural category of a count in the current locale (Welsh has six: zero, one, two, few, many,
 * other). Call sites switch on it and give each category its own `msg()` id, so translators can word
 * every form.
 */
export function pluralCategory(count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(getLocale()).select(count);
}

/** A count formatted for the current locale (`1,000` in English). */
export function formatCount(count: number): string {
  return new Intl.NumberFormat(getLocale()).format(count);
}
