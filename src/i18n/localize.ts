import type { LocaleModule } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.js';
import { lazyImport } from '../lazy-import.js';

/** The locales the widget ships: English (the source) and Welsh. */
export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

/**
 * An explicit map rather than a template `import()`, so rollup emits one small chunk per locale
 * with no plugin (TOOLCHAIN.md).
 */
const loaders = {
  cy: () => import('./generated/locales/cy.js'),
} satisfies Record<(typeof targetLocales)[number], () => Promise<LocaleModule>>;

/** A target locale's translations (its chunk, fetched once). */
export async function loadLocaleTemplates(locale: (typeof targetLocales)[number]): Promise<LocaleModule['templates']> {
  return (await loaders[locale]()).templates;
}

/**
 * @lit/localize's runtime (localize-runtime.ts), fetched only when the page needs another language
 * or a council's own wording: an English first screen shows the English the source is written in,
 * which `msg()` gives without it (issue 18, the byte budget). A failed load is tried again next time.
 */
const loadRuntime = lazyImport(() => import('./localize-runtime.js'));

/** The runtime once loaded (getLocale reads it synchronously). */
let runtime: typeof import('./localize-runtime.js') | undefined;

/** Whether a language was ever asked for (then English too goes through the runtime: the last call wins). */
let asked = false;

/** The active locale: `en` or `cy`. */
export function getLocale(): Locale {
  return runtime?.active() ?? sourceLocale;
}

/**
 * Switches every element to `locale` (`en` or `cy`), loading its strings first; resolves when the
 * new words are ready. Throws for any other locale (`supportedLocale()` picks one from a tag).
 */
export function setLocale(locale: string): Promise<void> {
  if (!(allLocales as readonly string[]).includes(locale)) throw new Error('Invalid locale code');
  // English before any other language was asked for: already what every element shows.
  if (!asked && locale === sourceLocale) return Promise.resolve();
  asked = true;
  // The translations are fetched beside the runtime, not one round trip after it.
  if (locale !== sourceLocale) void loadLocaleTemplates(locale as (typeof targetLocales)[number]).catch(() => undefined);
  return loadRuntime().then((m) => {
    runtime = m;
    return m.switchTo(locale as Locale);
  });
}

/** Picks a supported locale from a BCP 47 tag (`cy`, `cy-GB`, `en-GB` → `en`). */
export function supportedLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').trim().toLowerCase().split('-')[0];
  return (targetLocales as readonly string[]).includes(base) ? (base as Locale) : sourceLocale;
}

/** The words a council gives for any message, by language then message id (see strings.ts). */
export type StringsTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Replaces any of the widget's wording on this page, in English and in Welsh, without a rebuild:
 * `setStrings({ en: { "<msg id>": "text" }, cy: { … } })`, or the URL of (or inline) JSON of that
 * shape. Ids and English/Welsh wording are listed in `dist/strings.json`; placeholders are written
 * `${0}`, `${1}` as there. Text only, never HTML. An entry that cannot be used (unknown id, wrong
 * placeholders) is left out with a console warning; the rest apply. Later calls win, id by id.
 * Resolves once the words are in effect; never rejects.
 */
export function setStrings(table: StringsTable | string): Promise<void> {
  return import('./strings.js').then((m) => m.useStrings(table));
}
