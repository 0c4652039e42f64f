import { msg, str } from '@lit/localize';
import { getLocale, supportedLocale } from './localize.js';
import { languageTag } from './page-language.js';

/**
 * The tag to format dates and numbers with for `node`: the page's own tag when it is in the widget's
 * language (`en-GB`, `cy-GB`), else the widget's language (English as `en-GB`, the UK councils' English).
 * Here, not in page-language.ts (which every element's first screen carries): only dates use it.
 */
export function formatTag(node?: Node): string {
  const locale = getLocale();
  const tag = node ? languageTag(node) : '';
  if (tag && supportedLocale(tag) === locale) {
    try {
      return Intl.getCanonicalLocales(tag)[0] === 'en' ? 'en-GB' : Intl.getCanonicalLocales(tag)[0];
    } catch {
      // Not a well-formed tag: fall through to the widget's language.
    }
  }
  return locale === 'en' ? 'en-GB' : locale;
}

/**
 * Dates and times in the page's language (issue 22: "Sent: December 5, 2026 at 9:46 AM" on an
 * en-GB page, beside a tracker saying "5 Dec 2026, 09:46"). British English and Welsh follow
 * GOV.UK's style, "5 December 2026 at 9:46am" and "5 Rhagfyr 2026 am 9:46yb"; any other page
 * language gets its own long date and short time from `Intl`. Times are the resident's local time.
 */
export function formatDateTime(date: Date, node?: Node): string {
  const tag = formatTag(node);
  const british = tag === 'en-GB' || tag.split('-')[0] === 'cy';
  if (!british) return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  const day = formatDay(date, node);
  return msg(str`${day} at ${clockTime(date)}`, { id: 'common.date.at.time' });
}

/** A day in the page's language: "5 December 2026", "5 Rhagfyr 2026" (in every browser). */
export function formatDay(date: Date, node?: Node): string {
  const tag = formatTag(node);
  return tag.split('-')[0] === 'cy' && Intl.DateTimeFormat.supportedLocalesOf(tag).length === 0
    ? `${date.getDate()} ${WELSH_MONTHS[date.getMonth()]} ${date.getFullYear()}`
    : new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/**
 * Chromium's own copy of ICU has no Welsh (it falls back to "December 5, 2026"); Firefox and WebKit
 * have it. The month names, for browsers without them (CLDR's, as Firefox and WebKit show them).
 */
const WELSH_MONTHS = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'] as const;

/** GOV.UK's 12-hour time: "9:46am", "12:05pm" (the words for am and pm are translated). */
export function clockTime(date: Date): string {
  const h = date.getHours();
  const minutes = String(date.getMinutes()).padStart(2, '0');
  const period =
    h < 12
      ? msg('am', { id: 'common.time.am', desc: 'before midday, written straight after the time: 9:46am' })
      : msg('pm', { id: 'common.time.pm', desc: 'after midday: 2:05pm' });
  return `${h % 12 || 12}:${minutes}${period}`;
}

/** A date (and time) an answer holds as ISO 8601 (`2026-12-01T08:30:00Z`, or without a zone), formatted; the text itself when it is not one. */
export function formatIsoDateTime(text: string, node?: Node): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text.trim())) return text;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? text : formatDateTime(date, node);
}
