import { msg, str } from '@lit/localize';
import { getLocale } from '../../i18n/localize.js';

/** Coordinates in words, in the page's language ("latitude 51.45450, longitude -2.58790"): the chosen place, and the crosshair when no geocoder names it. */
export function coordinatesInWords(lat: number, long: number): string {
  const locale = getLocale();
  const f = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : locale, { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  return msg(str`latitude ${f.format(lat)}, longitude ${f.format(long)}`, { id: 'map.latitude-longitude' });
}
