// A distance as residents read it, for the map's lists and the "Is it one of these?" step (one
// wording, one set of ids, so the same Welsh in both).
import { msg, str } from '@lit/localize';
import { getLocale } from './localize.js';
import { plural } from './plural.js';

/** Number and date formats: the English source is British English. */
function formatLocale(): string {
  const locale = getLocale();
  return locale === 'en' ? 'en-GB' : locale;
}

/** A distance in whole metres (tens above 100), in the page's language. */
export function formatDistance(metres: number): string {
  const rounded = metres < 100 ? Math.round(metres) : Math.round(metres / 10) * 10;
  // Our own words, not Intl's unit names: browsers without Welsh unit data fell back to "meters".
  const n = new Intl.NumberFormat(formatLocale(), { maximumFractionDigits: 0 }).format(rounded);
  // Through the plural rules like every other count (issue 22): Welsh "1 metr", "2 fetr", "3 metr".
  return plural(rounded, {
    zero: () => msg(str`${n} metres`, { id: 'map.metres.zero' }),
    one: () => msg(str`${n} metre`, { id: 'map.metres.one' }),
    two: () => msg(str`${n} metres`, { id: 'map.metres.two' }),
    few: () => msg(str`${n} metres`, { id: 'map.metres.few' }),
    many: () => msg(str`${n} metres`, { id: 'map.metres.many' }),
    other: () => msg(str`${n} metres`, { id: 'map.metres.other' }),
  });
}
