import { LOCALE_STATUS_EVENT, configureLocalization } from '@lit/localize';
import type { LocaleModule, TemplateMap } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.js';

/** The locales the widget ships: English (the source) and Welsh. */
export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

/**
 * An explicit map rather than a template `import()`, so rollup emits one small chunk per locale
 * with no plugin (TOOLCHAIN.md).
 */
const loaders = {
  cy: () => import('./generated/locales/cy.js'),
} satisfies Record<(typeof targetLocales)[number], () => Promise<LocaleModule>>;

/**
 * A council's own wording (the `strings` attribute, `setStrings()`; checked in strings.ts), by
 * locale then message id, ready for the runtime.
 */
const overrides: Record<Locale, TemplateMap> = { en: {}, cy: {} };

/** The template map the runtime holds for each locale loaded so far: new overrides go into it in place. */
const loaded: Partial<Record<Locale, TemplateMap>> = {};

/**
 * The runtime looks up no templates at all for its source locale, so English wording could never be
 * replaced. So English is loaded like any other locale (an empty map plus the council's overrides),
 * and the runtime's source locale is this private tag, active only until the `setLocale('en')`
 * below settles (a microtask; `msg()` shows the English source meanwhile) and never reported by
 * `getLocale()`.
 */
const RUNTIME_SOURCE = 'en-x-source';

async function loadLocale(locale: Locale): Promise<LocaleModule> {
  const base = locale === sourceLocale ? {} : (await loaders[locale]()).templates;
  const templates: TemplateMap = { ...base, ...overrides[locale] };
  loaded[locale] = templates;
  return { templates };
}

const runtime = configureLocalization({
  sourceLocale: RUNTIME_SOURCE,
  targetLocales: allLocales,
  loadLocale: (locale) => loadLocale(locale as Locale),
});
if (typeof window !== 'undefined') void runtime.setLocale(sourceLocale);

/** The active locale: `en` or `cy`. */
export function getLocale(): Locale {
  const locale = runtime.getLocale();
  return locale === RUNTIME_SOURCE ? sourceLocale : (locale as Locale);
}

/**
 * Switches every element to `locale` (`en` or `cy`), loading its strings first; resolves when the
 * new words are ready. Throws for any other locale (`supportedLocale()` picks one from a tag).
 */
export function setLocale(locale: string): Promise<void> {
  return runtime.setLocale(locale);
}

/** Picks a supported locale from a BCP 47 tag (`cy`, `cy-GB`, `en-GB` → `en`). */
export function supportedLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').trim().toLowerCase().split('-')[0];
  return (targetLocales as readonly string[]).includes(base) ? (base as Locale) : sourceLocale;
}

/**
 * Puts checked overrides into effect (strings.ts calls it; later ones win, id by id) and re-renders
 * every element when the active locale's words changed.
 */
export function applyOverrides(table: Partial<Record<Locale, TemplateMap>>): void {
  let changed = false;
  for (const locale of allLocales) {
    const entries = table[locale];
    if (!entries || Object.keys(entries).length === 0) continue;
    Object.assign(overrides[locale], entries);
    const live = loaded[locale];
    if (live) Object.assign(live, entries);
    if (locale === getLocale()) changed = true;
  }
  // The event the runtime sends when a locale is ready: every `@localized()` element re-renders on it.
  if (changed && typeof window !== 'undefined') {
    window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: getLocale() } }));
  }
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
