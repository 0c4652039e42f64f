import { getLocale } from '../../i18n/localize.js';

/** A count formatted for the current locale (`1,000` in English). */
export function formatCount(count: number): string {
  return new Intl.NumberFormat(getLocale()).format(count);
}
